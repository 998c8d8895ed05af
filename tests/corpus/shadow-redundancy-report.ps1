# Shadow redundancy queues per server
# Large shadow queues mean the next hop does not acknowledge delivery.
$shadow = Get-TransportService | ForEach-Object { Get-Queue -Server $_.Name } | Where-Object DeliveryType -eq 'ShadowRedundancy'
$shadow | Group-Object { $_.Identity.Server } | ForEach-Object {
    [pscustomobject]@{
        Server        = $_.Name
        ShadowQueues  = $_.Count
        Messages      = ($_.Group | Measure-Object MessageCount -Sum).Sum
        OldestMinutes = ($_.Group | ForEach-Object { if ($_.FirstRetryTime) { ((Get-Date) - $_.FirstRetryTime).TotalMinutes } } | Measure-Object -Maximum).Maximum
    }
} | Format-Table -AutoSize

(Get-TransportConfig).ShadowRedundancyEnabled, (Get-TransportConfig).ShadowMessagePreferenceSetting

$safety = (Get-TransportConfig).SafetyNetHoldTime
"Safety Net hold time: $safety"
