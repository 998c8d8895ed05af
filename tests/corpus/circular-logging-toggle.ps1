[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory = $true, Position = 0)][string[]]$Database,
    [Parameter(Mandatory = $true)][ValidateSet('On', 'Off')][string]$State
)

$enable = $State -eq 'On'
foreach ($db in $Database) {
    $d = Get-MailboxDatabase $db
    if ($d.CircularLoggingEnabled -eq $enable) { "$db already $State"; continue }
    if ($PSCmdlet.ShouldProcess($db, "Circular logging $State")) {
        Set-MailboxDatabase $db -CircularLoggingEnabled $enable
        # DAG databases use continuous replication circular logging, no remount needed
        if (-not $d.ReplicationType -or $d.ReplicationType -eq 'None') {
            Dismount-Database $db -Confirm:$false
            Mount-Database $db
        }
        "$db circular logging is now $State"
    }
}
