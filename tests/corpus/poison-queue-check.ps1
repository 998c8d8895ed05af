param([switch]$Export)

$poison = Get-TransportService | ForEach-Object { Get-Message -Queue "$($_.Name)\Poison" -ErrorAction SilentlyContinue }
if (-not $poison) { 'No messages in any poison queue.'; exit 0 }

$poison | Select-Object Identity, FromAddress, Subject, DateReceived, Size | Format-Table -AutoSize

if ($Export) {
    foreach ($m in $poison) {
        $file = Join-Path $env:TEMP (($m.Identity -replace '[\\:]', '_') + '.eml')
        Export-Message -Identity $m.Identity | AssembleMessage -Path $file
        "exported $file"
    }
}
exit 1
