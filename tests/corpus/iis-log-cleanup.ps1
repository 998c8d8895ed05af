# Delete IIS logs older than 14 days - Exchange front end servers fill C: quickly
$days = 14
$root = 'C:\inetpub\logs\LogFiles'
$cutoff = (Get-Date).AddDays(-$days)

$files = Get-ChildItem -Path $root <# W3SVC1 and W3SVC2 #> -Recurse -File -Include *.log | ? LastWriteTime -lt $cutoff
$bytes = ($files | measure Length -Sum).Sum
$files | Remove-Item -Force -ErrorAction SilentlyContinue
'{0} file(s), {1:N0} MB removed from {2}' -f @($files).Count, ($bytes / 1MB), $root

# HTTPERR logs live somewhere else and are never cleaned either
$httperr = "$env:windir\System32\LogFiles\HTTPERR"
$old = Get-ChildItem $httperr -Filter *.log -ErrorAction SilentlyContinue | ? LastWriteTime -lt $cutoff
$old | Remove-Item -Force -ErrorAction SilentlyContinue
'{0} HTTPERR file(s) removed' -f @($old).Count

# free space afterwards
Get-CimInstance Win32_LogicalDisk -Filter "DeviceID='C:'" | % { 'C: {0:N1} GB free' -f ($_.FreeSpace / 1GB) }
