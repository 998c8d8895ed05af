#requires -Version 7.0
<#
.SYNOPSIS
    Patch-night helper for one DAG member using PowerShell 7 pipeline chains.
    Each step only runs when the previous one succeeded.
#>
param(
    [Parameter(Mandatory)][string]$Server,
    [Parameter(Mandatory)][string]$Target
)

$ErrorActionPreference = 'Stop'

Write-Host "== pre-checks for $Server"
Test-Connection $Server -Count 1 -ErrorAction SilentlyContinue > $null && Write-Host 'ping ok' || Write-Error "$Server does not answer" -ErrorAction Stop
Get-ExchangeServer $Server -ErrorAction SilentlyContinue > $null && Write-Host 'server found in AD' || Write-Warning "$Server not found in AD"

Write-Host '== draining transport'
Set-ServerComponentState $Server -Component HubTransport -State Draining -Requester Maintenance && Redirect-Message -Server $Server -Target $Target -Confirm:$false

Write-Host '== checking that the cluster service is running'
sc.exe \\$Server query ClusSvc | Select-String 'RUNNING' && Write-Host 'cluster service running' || Write-Warning 'cluster service not running'

Write-Host '== moving databases'
Set-MailboxServer $Server -DatabaseCopyActivationDisabledAndMoveNow $true && Set-MailboxServer $Server -DatabaseCopyAutoActivationPolicy Blocked

# native commands set $LASTEXITCODE which drives && and || as well
cmd /c "exit 0" && Write-Host 'native chain ok'
ping.exe -n 1 $Target > $null || Write-Warning "$Target not answering ICMP (may be blocked)"

Set-ServerComponentState $Server -Component ServerWideOffline -State Inactive -Requester Maintenance
$active = @(Get-MailboxDatabaseCopyStatus -Server $Server | Where-Object Status -eq 'Mounted')
Write-Host ($active.Count -eq 0 ? "$Server is in maintenance mode" : "$($active.Count) database(s) still active on $Server")
