<#
.SYNOPSIS
    Imports external mail contacts from CSV (DisplayName, ExternalEmailAddress, Company).
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
    [ValidateScript({ Test-Path $_ })]
    [string]$Path,

    [string]$OrganizationalUnit = 'contoso.com/Contacts'
)

process {
    $contacts = Import-Csv $Path
    $i = 0
    foreach ($c in $contacts) {
        $i++
        Write-Progress -Activity 'Importing contacts' -Status $c.DisplayName -PercentComplete ($i * 100 / $contacts.Count)

        $address = $c.ExternalEmailAddress.Trim().ToLowerInvariant()
        if ($address -notmatch '^[^@\s]+@[^@\s]+\.[a-z]{2,}$') {
            Write-Warning "Line ${i}: '$address' is not a valid address"
            continue
        }
        if (Get-Recipient -Filter "EmailAddresses -eq 'smtp:$address'" -ErrorAction SilentlyContinue) {
            Write-Verbose "$address already exists"
            continue
        }
        $localPart, $domainPart = $address -split '@', 2
        $alias = $localPart -replace '[^\w\.\-]', ''
        Write-Verbose "importing $localPart at $domainPart"
        if ($PSCmdlet.ShouldProcess($address, 'New-MailContact')) {
            New-MailContact -Name $c.DisplayName -ExternalEmailAddress $address -Alias "ext.$alias" -OrganizationalUnit $OrganizationalUnit |
                Set-Contact -Company $c.Company
        }
    }
}
