#requires -Version 7.0
<#
.SYNOPSIS
    Switches a database over to its second preference copy, PowerShell 7 style.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, Position = 0)][string]$Database,
    [string]$TargetServer,
    [int]$MaxCopyQueue
)

$MaxCopyQueue = $MaxCopyQueue ? $MaxCopyQueue : 10
$db = Get-MailboxDatabase -Identity $Database -Status
$prefs = $db.ActivationPreference | Sort-Object Value
$TargetServer ??= ($prefs | Where-Object { $_.Key.Name -ne $db.Server.Name } | Select-Object -First 1)?.Key.Name

if (-not $TargetServer) { throw "No passive copy found for $Database" }

$copy = Get-MailboxDatabaseCopyStatus -Identity "$Database\$TargetServer"
$ready = $copy.Status -eq 'Healthy' -and $copy.CopyQueueLength -le $MaxCopyQueue
Write-Host ("{0}\{1}: {2}, copy queue {3} -> {4}" -f $Database, $TargetServer, $copy.Status, $copy.CopyQueueLength, ($ready ? 'ready' : 'NOT ready'))
if (-not $ready) { exit 1 }

if ($PSCmdlet.ShouldProcess($Database, "Activate on $TargetServer")) {
    Move-ActiveMailboxDatabase $Database -ActivateOnServer $TargetServer -Confirm:$false && Write-Host 'switchover done' -ForegroundColor Green || Write-Warning 'switchover failed'
    Get-MailboxDatabaseCopyStatus $Database | Format-Table Name, Status, CopyQueueLength, ReplayQueueLength -AutoSize
}
