# Verifies IIS URL Rewrite module and the rewrite rules some mitigations (EEMS) rely on
$module = Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\IIS Extensions\URL Rewrite' -ErrorAction SilentlyContinue
if (-not $module) {
    Write-Warning 'IIS URL Rewrite module is not installed.'
    exit 1
}
"URL Rewrite version $($module.Version)"

Import-Module WebAdministration
$rules = Get-WebConfiguration -PSPath 'IIS:\Sites\Default Web Site' -Filter 'system.webServer/rewrite/rules/rule'
$rules | Select-Object name, enabled, stopProcessing, @{n = 'match'; e = { $_.match.url }} | Format-Table -AutoSize

& "$env:windir\System32\inetsrv\appcmd.exe" list config "Default Web Site" /section:system.webServer/rewrite/rules 2>&1 |
    Select-String -Pattern 'name=' |
    ForEach-Object { $_.Line.Trim() }
