param([Parameter(Mandatory=$true)][string]$Subject,[int]$Days=2)
$s=(Get-Date).AddDays(-$Days)
Get-ExchangeServer|?{$_.IsHubTransportServer}|%{Get-MessageTrackingLog -Server $_.Name -MessageSubject $Subject -Start $s -ResultSize Unlimited}|sort Timestamp|ft Timestamp,EventId,Source,Sender,{$_.Recipients},ServerHostname -AutoSize
