# Alerts when a database had no full backup within N hours (for the monitoring system).
# Exit code 1 = at least one database is late.
param([int]$MaxAgeHours = 26)

$now = [datetime]::Now
$late = Get-MailboxDatabase -Status | where {
    -not $_.LastFullBackup -or ($now - $_.LastFullBackup).TotalHours -gt $MaxAgeHours
}

if ($late) {
    $late | select Name, Server, LastFullBackup, LastIncrementalBackup, CircularLoggingEnabled | ft -AutoSize
    Write-EventLog -LogName Application -Source 'MSExchange Backup Check' -EventId 9001 -EntryType Warning `
        -Message ("Databases without a full backup in {0}h: {1}" -f $MaxAgeHours, ($late.Name -join ', ')) -ErrorAction SilentlyContinue
    exit 1
}
'All databases backed up within {0} hours' -f $MaxAgeHours
