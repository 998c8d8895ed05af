# Retry every queue that is in Retry state, then show what is still stuck
# (run after a network outage or after fixing a smart host)
param([int]$Threshold = 100, [switch]$Resubmit)

function Show-Stuck { Get-TransportService | % { Get-Queue -Server $_.Name } | ? { $_.MessageCount -gt $args[0] } }

$retry = Get-TransportService | % { Get-Queue -Server $_.Name -Filter "Status -eq 'Retry'" }
"$(@($retry).Count) queue(s) in Retry"
$retry | ft Identity, MessageCount, NextHopDomain, LastError -a -Wrap

$retry | % {
    if ($Resubmit -and $_.DeliveryType -ne 'ShadowRedundancy') { Retry-Queue -Identity $_.Identity -Resubmit $true -Confirm:$false }
    else { Retry-Queue -Identity $_.Identity -Confirm:$false }
}

Write-Host Waiting 30 seconds for the queues to retry
Start-Sleep -Seconds 30
Show-Stuck $Threshold | ft Identity, DeliveryType, Status, MessageCount, NextHopDomain, LastError -Wrap
