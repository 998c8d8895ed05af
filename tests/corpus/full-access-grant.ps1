<#
.SYNOPSIS
    Grants FullAccess (and optionally SendAs) on one or more mailboxes.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
    [string[]]$Mailbox,

    [Parameter(Mandatory = $true, Position = 1)]
    [Alias('Trustee')]
    [string]$User,

    [bool]$AutoMapping = $true,

    [switch]$SendAs
)
process {
    foreach ($m in $Mailbox) {
        $current = @(Get-MailboxPermission -Identity $m | Where-Object { -not $_.IsInherited } | ForEach-Object { "$($_.User)" })
        if ($current -icontains $User) {
            Write-Verbose "$User already has access to $m"
        }
        elseif ($PSCmdlet.ShouldProcess($m, "FullAccess for $User")) {
            Add-MailboxPermission -Identity $m -User $User -AccessRights FullAccess -InheritanceType All -AutoMapping:$AutoMapping |
                Select-Object Identity, User, AccessRights
        }
        if ($SendAs -and $PSCmdlet.ShouldProcess($m, "SendAs for $User")) {
            $dn = (Get-Mailbox $m).DistinguishedName
            Add-ADPermission -Identity $dn -User $User -ExtendedRights 'Send As' | Select-Object Identity, User, ExtendedRights
        }
    }
}
