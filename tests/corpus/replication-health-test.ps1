<#
    Runs Test-ReplicationHealth on every DAG member and prints only the failures.
    Exit code = number of failed checks, handy for monitoring agents.
#>
$failed = 0
$servers = (Get-DatabaseAvailabilityGroup).Servers | Sort-Object Name -Unique

foreach ($s in $servers) {
    $results = Test-ReplicationHealth -Identity $s.Name -ErrorAction SilentlyContinue
    if (-not $?) {
        Write-Warning "Test-ReplicationHealth failed to run on $($s.Name): $($Error[0])"
        $failed++
        continue
    }
    $bad = $results | Where-Object Result -NE 'Passed'
    $failed += @($bad).Count
    $bad | Format-List Server, Check, Result, Error
}

Write-Host "Failed checks: $failed"
exit $failed
