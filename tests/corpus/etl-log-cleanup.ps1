param([int]$KeepDays = 3)
$etl = "$env:ExchangeInstallPath\Bin\Search\Ceres\Diagnostics\ETLTraces"
$logs = "$env:ExchangeInstallPath\Logging\Diagnostics\DailyPerformanceLogs", "$env:ExchangeInstallPath\Logging\Diagnostics\PerformanceLogsToBeProcessed"
foreach ($p in @($etl) + $logs) {
    if (!(Test-Path $p)) { continue }
    gci $p -File | ? { $_.LastWriteTime -lt (Get-Date).AddDays(-$KeepDays) } | Remove-Item -Force -Verbose 4>&1 | Out-File "$env:TEMP\etl-cleanup.txt" -Append
}
