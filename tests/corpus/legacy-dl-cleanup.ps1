# Removes distribution lists that have not received mail in 180 days.
# Written for Exchange 2010, still scheduled on the 2016 management server.

$logPath = "D:\Scripts\Logs\dl-cleanup.log"
$days = 180
$reportOnly = $true     # set to $false to actually delete

trap {
    "$(Get-Date -Format s) FATAL $($_.Exception.Message)" >> $logPath
    exit 1
}

"$(Get-Date -Format s) start (report only: $reportOnly)" >> $logPath

# message tracking keeps 30 days by default, so we use a marker file with the last-seen date per group
$state = "D:\Scripts\State\dl-lastseen.csv"
$lastSeen = @{}
if (Test-Path $state) {
    Import-Csv $state | ForEach-Object { $lastSeen[$_.Group] = [datetime]$_.LastSeen }
}

$since = (Get-Date).AddDays(-1)
$expands = Get-TransportService | ForEach-Object {
    Get-MessageTrackingLog -Server $_.Name -EventId EXPAND -Start $since -ResultSize Unlimited 2>$null
}
foreach ($e in $expands) { $lastSeen[$e.RelatedRecipientAddress] = $e.Timestamp }

$lastSeen.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Group = $_.Key; LastSeen = $_.Value.ToString('s') } } |
    Export-Csv $state -NoTypeInformation

$cutoff = (Get-Date).AddDays(-$days)
foreach ($dl in Get-DistributionGroup -ResultSize Unlimited) {
    $addr = $dl.PrimarySmtpAddress.ToString()
    $seen = $lastSeen[$addr]
    if ($seen -and $seen -gt $cutoff) { continue }
    if ($dl.WhenCreated -gt $cutoff) { continue }

    "$(Get-Date -Format s) unused: $addr (last seen: $(if ($seen) { $seen } else { 'never' }))" >> $logPath
    if (-not $reportOnly) {
        Remove-DistributionGroup -Identity $addr -BypassSecurityGroupManagerCheck -Confirm:$false *> $null
        if ($?) { "  removed $addr" >> $logPath } else { "  FAILED to remove $addr" >> $logPath }
    }
}
"$(Get-Date -Format s) end" >> $logPath
