# Checks for back pressure events (15004/15005/15006/15007) on transport servers
param([int]$Hours = 24)

$ids = 15004, 15005, 15006, 15007
$since = (Get-Date).AddHours(-$Hours)

foreach ($srv in (Get-TransportService).Name) {
    $events = Get-WinEvent -ComputerName $srv -FilterHashtable @{ LogName = 'Application'; ProviderName = 'MSExchangeTransport'; Id = $ids; StartTime = $since } -ErrorAction SilentlyContinue
    if (-not $events) { "${srv}: no back pressure events"; continue }

    "${srv}: $(@($events).Count) event(s)"
    $events | Select-Object -First 5 TimeCreated, Id,
        @{n = 'Resource'; e = { if ($_.Message -match 'Resource utilization of the following resources changed:\s*(.+?)\r?\n') { $Matches[1] } }} |
        Format-Table -AutoSize -Wrap
}

# current state from the diagnostic component
Get-ExchangeDiagnosticInfo -Server $env:COMPUTERNAME -Process EdgeTransport -Component ResourceThrottling -ErrorAction SilentlyContinue |
    ForEach-Object { ([xml]$_.Result).Diagnostics.Components.ResourceThrottling.ResourceTracker.ResourceMeter } |
    Select-Object Resource, Pressure, CurrentResourceUse, PreviousResourceUse
