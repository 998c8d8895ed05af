<#
.SYNOPSIS
    Converts user mailboxes to shared mailboxes (leavers, team addresses).
    A shared mailbox under 50 GB needs no license in hybrid / Exchange Online.
#>
param(
    [Parameter(Mandatory, ValueFromPipeline)][string[]]$Identity,
    [switch]$DisableAccount
)
process {
    foreach ($id in $Identity) {
        $before = Get-Mailbox $id
        if ($before.RecipientTypeDetails -eq 'SharedMailbox') { "$id is already shared"; continue }
        Set-Mailbox $id -Type Shared -Confirm:$false
        if ($DisableAccount) { Disable-ADAccount -Identity $before.SamAccountName }
        $m = Get-Mailbox $id
        '{0} -> {1}' -f $m.DisplayName, $m.RecipientTypeDetails
    }
}
