Get-Mailbox -Identity:
$total = $a +* 2
Get-Queue | | Sort-Object
Write-Output 'the rest parses'
