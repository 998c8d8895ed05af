Write-Host "Report for $server
Get-Date
