<#
.SYNOPSIS
    Removes mailbox permissions granted to deleted accounts (unresolvable SIDs).
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(ValueFromPipelineByPropertyName = $true)]
    [Alias('Identity')]
    [string[]]$Mailbox = '*'
)

begin {
    $sidPattern = '^S-1-5-21-\d+-\d+-\d+-\d+$'
    $removed = 0
}

process {
    foreach ($mbxId in $Mailbox) {
        foreach ($mbx in Get-Mailbox -Identity $mbxId -ResultSize Unlimited) {
            $orphans = Get-MailboxPermission -Identity $mbx.Identity | Where-Object { $_.User.ToString() -cmatch $sidPattern }
            foreach ($o in $orphans) {
                if ($PSCmdlet.ShouldProcess("$($mbx.Alias) / $($o.User)", 'Remove-MailboxPermission')) {
                    Remove-MailboxPermission -Identity $mbx.Identity -User $o.User.ToString() -AccessRights $o.AccessRights -InheritanceType $o.InheritanceType -Confirm:$false
                    $removed++
                }
            }

            $adOrphans = Get-ADPermission -Identity $mbx.DistinguishedName | Where-Object { -not $_.IsInherited -and $_.User.ToString() -match $sidPattern }
            foreach ($o in $adOrphans) {
                if ($PSCmdlet.ShouldProcess("$($mbx.Alias) / $($o.User)", 'Remove-ADPermission')) {
                    Remove-ADPermission -Identity $mbx.DistinguishedName -User $o.User.ToString() -ExtendedRights $o.ExtendedRights -AccessRights $o.AccessRights -Confirm:$false
                    $removed++
                }
            }
        }
    }
}

end { Write-Host "Removed $removed orphaned permission entries." }
