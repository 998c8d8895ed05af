# Lagged database copies: configured lag vs. actual replay state
$rows = foreach ($db in Get-MailboxDatabase) {
    foreach ($entry in $db.ReplayLagTimes) {
        if ($entry.Value -eq [TimeSpan]::Zero) { continue }
        $status = Get-MailboxDatabaseCopyStatus -Identity ('{0}\{1}' -f $db.Name, $entry.Key.Name)
        [pscustomobject]@{
            Copy             = $status.Name
            ConfiguredLag    = $entry.Value
            TruncationLag    = ($db.TruncationLagTimes | ? { $_.Key.Name -eq $entry.Key.Name }).Value
            ReplayQueue      = $status.ReplayQueueLength
            LagStatus        = $status.ReplayLagStatus
            Status           = $status.Status
            'Oldest log (h)' = [math]::Round(((Get-Date) - $status.LastReplayedLogTime).TotalHours, 1)
        }
    }
}

if (-not $rows) { Write-Host 'No lagged copies configured.'; return }
$rows | sort Copy | ft -AutoSize
