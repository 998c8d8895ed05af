# Retry every queue that is in Retry state, then show what is still stuck
$retry = Get-TransportService | % { Get-Queue -Server $_.Name -Filter "Status -eq 'Retry'" }
$retry | % { Retry-Queue -Identity $_.Identity -Confirm:$false }
Start-Sleep -Seconds 30
Get-TransportService | % { Get-Queue -Server $_.Name } | ? { $_.Status -eq 'Retry' -or $_.MessageCount -gt 100 } | ft Identity, DeliveryType, Status, MessageCount, NextHopDomain, LastError -Wrap
