# Move request dashboard; refreshes every minute until nothing is in progress
:watch while ($true) {
    $reqs = Get-MoveRequest -ResultSize Unlimited | Get-MoveRequestStatistics
    $grouped = $reqs | group Status -NoElement | sort Count -Descending

    Clear-Host
    "Move requests at {0:T}" -f (Get-Date)
    $grouped | ft Name, Count -AutoSize

    $reqs | ? { $_.Status -in 'InProgress', 'CopyingMessages', 'Queued' } |
        sort PercentComplete -Descending |
        ft DisplayName, Status, PercentComplete, BytesTransferred, TotalMailboxSize, BatchName -AutoSize

    $failed = $reqs | ? Status -eq 'Failed'
    foreach ($f in $failed) {
        Write-Warning "$($f.DisplayName): $($f.Message)"
    }

    if (-not ($reqs | ? { $_.Status -notin 'Completed', 'CompletedWithWarning', 'Failed', 'AutoSuspended' })) {
        break watch
    }
    Start-Sleep 60
}
