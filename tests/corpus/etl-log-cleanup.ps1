# Cleans the search ETL traces and the daily performance logs (they grow to many GB).
# Exchange 2013+ never deletes them on its own.
param([int]$KeepDays = 3, [switch]$WhatIf)

$etl = "$env:ExchangeInstallPath\Bin\Search\Ceres\Diagnostics\ETLTraces"
$logs = "$env:ExchangeInstallPath\Logging\Diagnostics\DailyPerformanceLogs", "$env:ExchangeInstallPath\Logging\Diagnostics\PerformanceLogsToBeProcessed"
$report = "$env:TEMP\etl-cleanup.txt"
$freed = 0L

foreach ($p in @($etl) + $logs) {
    if (!(Test-Path $p)) { continue }
    $old = gci $p -File | ? { $_.LastWriteTime -lt (Get-Date).AddDays(-$KeepDays) }
    $freed += ($old | measure Length -Sum).Sum
    $old | Remove-Item -Force -Verbose -WhatIf:$WhatIf 4>&1 | Out-File $report -Append
}

'{0:N0} MB {1} (details in {2})' -f ($freed / 1MB), $(if ($WhatIf) { 'would be freed' } else { 'freed' }), $report
