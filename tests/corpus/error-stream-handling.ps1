<#
.SYNOPSIS
    Restarts the Exchange search services on a server and captures every
    output stream in a log, including the noisy warning and verbose streams.
#>
[CmdletBinding()]
param([string]$Server = $env:COMPUTERNAME)

$log = "D:\Scripts\Logs\search-restart-$(Get-Date -Format yyyyMMdd).log"

"=== $(Get-Date -Format s) restart search on $Server" >> $log

# service restart: errors and output both go to the log
Invoke-Command -ComputerName $Server -ScriptBlock {
    Stop-Service MSExchangeFastSearch, HostControllerService -Force -Verbose
    Start-Service HostControllerService, MSExchangeFastSearch -Verbose
} 2>&1 4>&1 >> $log

# a cmdlet that warns a lot; keep the warnings (stream 3) in the log, hide them on screen
Get-MailboxDatabaseCopyStatus -Server $Server 3>> $log | Select-Object Name, ContentIndexState | Out-File $log -Append

# silence everything from a cleanup command
Remove-Item "\\$Server\D$\ExchangeTemp\*" -Recurse -Force *> $null
Get-Item "\\$Server\D$\does-not-exist" 2>$null
if (-not $?) { "  temp folder missing (expected on new servers)" >> $log }

# native tool: stderr into the same file
cmd.exe /c "dir \\$Server\D$\ExchangeLogs" 2>&1 > "$env:TEMP\dir-output.txt"
"  dir exit code $LASTEXITCODE" >> $log

try {
    $state = Get-MailboxDatabaseCopyStatus -Server $Server -ErrorAction Stop | Where-Object ContentIndexState -ne 'Healthy'
    if ($state) { "  not yet healthy: $($state.Name -join ', ')" >> $log }
}
catch [System.Management.Automation.RemoteException], [System.InvalidOperationException] {
    "  ERROR $($_.Exception.GetType().Name): $($_.Exception.Message)" >> $log
}
finally {
    "=== done $(Get-Date -Format s)" >> $log
}
Get-Content $log -Tail 20
