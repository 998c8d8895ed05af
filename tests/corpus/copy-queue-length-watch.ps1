<#
.SYNOPSIS
    Polls copy and replay queue lengths until they fall below a threshold.
#>
param(
    [string]$Server = $env:COMPUTERNAME,
    [int]$Threshold = 5,
    [int]$IntervalSeconds = 20,
    [int]$MaxIterations = 90
)

$iteration = 0
do {
    $iteration++
    $copies = Get-MailboxDatabaseCopyStatus -Server $Server | Where-Object { $_.Status -ne 'Mounted' }
    $worst = $copies | Sort-Object CopyQueueLength -Descending | Select-Object -First 1

    Clear-Host
    Write-Host ("{0:HH:mm:ss}  iteration {1}/{2}  threshold {3}" -f (Get-Date), $iteration, $MaxIterations, $Threshold)
    $copies |
        Select-Object Name, Status,
            @{Name = 'CopyQ';   Expression = { $_.CopyQueueLength }},
            @{Name = 'ReplayQ'; Expression = { $_.ReplayQueueLength }},
            @{Name = 'Behind';  Expression = { if ($_.LastInspectedLogTime) { [int]((Get-Date) - $_.LastInspectedLogTime).TotalMinutes } else { $null } }} |
        Format-Table -AutoSize

    if (-not $worst -or $worst.CopyQueueLength -le $Threshold) {
        Write-Host 'All copy queues are below the threshold.' -ForegroundColor Green
        break
    }
    Start-Sleep -Seconds $IntervalSeconds
    if ($IntervalSeconds -lt 120) { $IntervalSeconds *= 2 }   # back off while waiting
} while ($iteration -lt $MaxIterations)

if ($iteration -ge $MaxIterations) {
    Write-Warning "Gave up after $MaxIterations iterations; worst copy is $($worst.Name) with $($worst.CopyQueueLength) logs."
    exit 1
}
