<#
.SYNOPSIS
    Waits until the delivery queues of several servers are empty, with a
    per-server retry budget. Used by the patching runbook.
#>
param(
    [Parameter(Mandatory = $true)][string[]]$Server,
    [int]$MaxRounds = 30,
    [int]$SleepSeconds = 20
)

$budget = @{}
foreach ($s in $Server) { $budget[$s] = 5 }     # transient errors tolerated per server
$remaining = [System.Collections.Generic.List[string]]::new()
$Server | ForEach-Object { $remaining.Add($_) }
[int]$round = 0
$delay = $SleepSeconds

:rounds while ($remaining.Count -gt 0) {
    $round++
    if ($round -gt $MaxRounds) {
        Write-Warning "Giving up after $MaxRounds rounds; still waiting for: $($remaining -join ', ')"
        break rounds
    }

    :servers foreach ($s in @($remaining)) {
        try {
            $queues = Get-Queue -Server $s -ErrorAction Stop
        }
        catch {
            $budget[$s] -= 1
            Write-Warning "${s}: $($_.Exception.Message) ($($budget[$s]) retries left)"
            if ($budget[$s] -le 0) {
                Write-Warning "${s}: retry budget exhausted, dropping it from the wait list"
                [void]$remaining.Remove($s)
            }
            continue servers
        }

        foreach ($q in $queues) {
            if ($q.DeliveryType -in 'ShadowRedundancy', 'Undefined') { continue }
            if ($q.Identity -like '*\Poison') { continue }
            if ($q.MessageCount -gt 0) {
                Write-Host ("{0}: {1} has {2} message(s)" -f $s, $q.Identity, $q.MessageCount)
                continue servers
            }
        }

        Write-Host "${s}: queues are empty" -ForegroundColor Green
        [void]$remaining.Remove($s)
        if ($remaining.Count -eq 0) { break rounds }
    }

    # back off a little each round, but never beyond 2 minutes
    $delay *= 1.5
    if ($delay -gt 120) { $delay = 120 }
    Start-Sleep -Seconds ([int]$delay)
}

$left = $remaining.Count
while ($left -gt 0) {
    Write-Host "  still not drained: $($remaining[$left - 1])"
    $left--
}
exit $remaining.Count
