enum MonitorState {
    OK
    Degraded
    Critical
    Unknown
}

function ConvertTo-MonitorState {
    param([Parameter(ValueFromPipeline = $true)]$HealthSet)
    process {
        $state = switch -Regex ($HealthSet.AlertValue) {
            '^Healthy$'           { [MonitorState]::OK }
            '^(Degraded|Repairing)$' { [MonitorState]::Degraded }
            '^Unhealthy$'         { [MonitorState]::Critical }
            default               { [MonitorState]::Unknown }
        }
        [pscustomobject]@{ Server = $HealthSet.Server; HealthSet = $HealthSet.HealthSet; State = $state }
    }
}

$all = Get-ExchangeServer | ForEach-Object { Get-HealthReport -Identity $_.Name } | ConvertTo-MonitorState
$worst = ($all.State | Measure-Object -Maximum).Maximum -as [MonitorState]
"Overall: $worst"
$all | Where-Object { $_.State -ne [MonitorState]::OK } | Sort-Object State -Descending | Format-Table -AutoSize

# exit code maps directly to the enum value, which is what the monitoring agent expects
exit [int]$worst
