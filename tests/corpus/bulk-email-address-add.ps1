<#
.SYNOPSIS
    Adds a secondary SMTP address in a new domain to every mailbox in an OU.
.EXAMPLE
    .\bulk-email-address-add.ps1 -OU 'contoso.com/Sales' -NewDomain fabrikam.com -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)][string]$OU,
    [Parameter(Mandatory = $true)][ValidatePattern('^[\w\-]+(\.[\w\-]+)+$')][string]$NewDomain,
    [switch]$MakePrimary
)

$added = 0
foreach ($mbx in Get-Mailbox -OrganizationalUnit $OU -ResultSize Unlimited) {
    $local = $mbx.PrimarySmtpAddress.ToString().Split('@')[0]
    $new = "$local@$NewDomain"
    if (@($mbx.EmailAddresses | ForEach-Object { "$_" }) -icontains "smtp:$new") { continue }

    if ($PSCmdlet.ShouldProcess($mbx.Alias, "add $new")) {
        if ($MakePrimary) {
            Set-Mailbox $mbx.Identity -EmailAddressPolicyEnabled $false -PrimarySmtpAddress $new
        }
        else {
            Set-Mailbox $mbx.Identity -EmailAddresses @{ Add = "smtp:$new" }
        }
        $added++
    }
}
"$added address(es) added"
