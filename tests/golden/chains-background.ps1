Test-Path $path && Remove-Item $path
Get-Service MSExchangeIS || Write-Warning 'not running'
Start-Job1 && Start-Job2 || Stop-All
Get-Process -Name pwsh & Get-Service -Name BITS &
$ok = Test-Connection $server -Quiet && 'up'
