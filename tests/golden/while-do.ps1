while ($queue.MessageCount -gt 100) {
    Start-Sleep -Seconds 30
    $queue = Get-Queue $queue.Identity
}
do {
    $n++
} while ($n -lt 5)
do { $n-- }
until ($n -le 0)
