# Terse message trace by subject across all transport servers.
# .\message-trace-by-subject.ps1 'Invoice 4711' 5
param([Parameter(Mandatory=$true)][string]$Subject,[int]$Days=2,[switch]$Csv)
$s=(Get-Date).AddDays(-$Days)
$r=Get-ExchangeServer|?{$_.IsHubTransportServer}|%{Get-MessageTrackingLog -Server $_.Name -MessageSubject $Subject -Start $s -ResultSize Unlimited}|sort Timestamp
if(!$r){"nothing found for '$Subject' since $s";exit 1}
$r|ft Timestamp,EventId,Source,Sender,{$_.Recipients},ServerHostname -AutoSize
# one line per message id with the final event
$r|group MessageId|%{$last=$_.Group[-1];[pscustomobject]@{MessageId=$_.Name;Events=$_.Count;Final=$last.EventId;When=$last.Timestamp;Recipients=$last.Recipients -join ';'}}|ft -a
if($Csv){
  $f="$env:TEMP\trace-$(Get-Date -f yyyyMMddHHmm).csv"
  $r|select Timestamp,EventId,Source,Sender,@{n='Recipients';e={$_.Recipients -join ';'}},MessageSubject,ServerHostname,MessageId|Export-Csv $f -NoTypeInformation
  "saved $f"
}
# FAIL / DSN events deserve a look
$bad=$r|?{$_.EventId -in 'FAIL','DSN'}
if($bad){Write-Warning "$(@($bad).Count) FAIL/DSN event(s)";$bad|fl Timestamp,EventId,Recipients,RecipientStatus}
