# Legacy Exchange 2010-era mailbox export script, still in use on the 2016 servers.
# Error handling with trap statements instead of try/catch.

$ErrorActionPreference = "Stop"
$logFile = "C:\Scripts\Logs\export-" + (Get-Date -Format "yyyyMMdd") + ".log"
$script:failures = 0

trap [System.Management.Automation.CommandNotFoundException] {
    "Exchange cmdlets not loaded - loading snap-in" | Out-File $logFile -Append
    Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
    continue
}

trap {
    $script:failures++
    "ERROR: " + $_.Exception.Message | Out-File $logFile -Append
    continue
}

function Export-OneMailbox($alias, $share) {
    trap [System.UnauthorizedAccessException] {
        "no permission on $share for $alias" | Out-File $logFile -Append
        break
    }
    $path = Join-Path $share "$alias.pst"
    if (Test-Path $path) { Remove-Item $path -Force }
    New-MailboxExportRequest -Mailbox $alias -FilePath $path -Name "Export-$alias" | Out-Null
    "queued $alias" | Out-File $logFile -Append
}

$share = "\\backup01\pst$"
$list = Get-Content "C:\Scripts\export-list.txt" | where { $_ -and -not $_.StartsWith("#") }

foreach ($alias in $list) {
    Export-OneMailbox $alias $share
}

# wait until all requests finished
do {
    Start-Sleep -Seconds 60
    $open = @(Get-MailboxExportRequest | where { $_.Status -ne "Completed" -and $_.Status -ne "Failed" })
    "still running: " + $open.Count | Out-File $logFile -Append
} while ($open.Count -gt 0)

Get-MailboxExportRequest -Status Completed | Remove-MailboxExportRequest -Confirm:$false
"done, failures: $script:failures" | Out-File $logFile -Append
exit $script:failures
