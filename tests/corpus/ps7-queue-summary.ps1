#requires -Version 7.0
# Queue summary using PowerShell 7 null-conditional and null-coalescing operators.
# Runs in a PS7 console with an implicit remoting session to Exchange.

param(
    [string]$Server,
    [int]$Threshold
)

$Threshold = $Threshold -gt 0 ? $Threshold : 100
$Server ??= (Get-TransportService | Select-Object -First 1).Name

$queues = Get-Queue -Server $Server -ErrorAction SilentlyContinue
$worst = $queues | Sort-Object MessageCount -Descending | Select-Object -First 1

"Server        : $Server"
"Queues        : $(@($queues).Count)"
"Messages      : $(($queues | Measure-Object MessageCount -Sum).Sum ?? 0)"
"Worst queue   : $(${worst}?.Identity ?? 'n/a') ($(${worst}?.MessageCount ?? 0) messages)"
"Worst hop     : $(${worst}?.NextHopDomain)"

$errors = $queues | Where-Object { $_.LastError } | ForEach-Object {
    $first = ($_.LastError -split "`n")
    [pscustomobject]@{
        Queue = $_.Identity
        Error = ${first}?[0]
        Retry = $_.NextRetryTime ?? 'not scheduled'
    }
}
$errors | Format-Table -AutoSize

$overThreshold = $queues.Where({ $_.MessageCount -gt $Threshold })
$overThreshold.Count -gt 0 ? (Write-Warning "$($overThreshold.Count) queue(s) above $Threshold") : (Write-Host 'All queues below threshold' -ForegroundColor Green)
