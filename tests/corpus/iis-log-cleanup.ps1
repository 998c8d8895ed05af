# Delete IIS logs older than 14 days - Exchange front end servers fill C: quickly
$days = 14
$root = 'C:\inetpub\logs\LogFiles'
$cutoff = (Get-Date).AddDays(-$days)

$files = Get-ChildItem -Path $root -Recurse -File -Include *.log | ? LastWriteTime -lt $cutoff
$bytes = ($files | measure Length -Sum).Sum
$files | Remove-Item -Force -ErrorAction SilentlyContinue
'{0} file(s), {1:N0} MB removed from {2}' -f @($files).Count, ($bytes / 1MB), $root
