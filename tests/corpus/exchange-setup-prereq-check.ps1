#requires -Version 5.1
#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Checks the prerequisites for installing an Exchange 2019 CU on this server.

.DESCRIPTION
    Verifies the OS, .NET, Visual C++ runtimes, UCMA, IIS URL Rewrite,
    Windows features, pending reboots, free disk space, the AD schema
    version and execution policy. Prints a PASS/FAIL table and exits with
    the number of failures.

.PARAMETER SetupPath
    Path to the extracted CU (folder that contains Setup.exe).
#>
[CmdletBinding()]
param(
    [ValidateScript({ Test-Path (Join-Path $_ 'Setup.exe') })]
    [string]$SetupPath = 'D:\',

    [ValidateRange(10, 500)]
    [int]$MinFreeGB = 30
)

$results = New-Object System.Collections.Generic.List[object]
function Add-Result([string]$Check, [bool]$Pass, [string]$Detail = '') {
    $results.Add([pscustomobject]@{ Check = $Check; Result = if ($Pass) { 'PASS' } else { 'FAIL' }; Detail = $Detail })
}

# ---- operating system
$os = Get-CimInstance Win32_OperatingSystem
[int]$build = $os.BuildNumber
Add-Result 'Windows Server 2019 or 2022' ($build -ge 17763) "$($os.Caption) build $build"

# ---- .NET Framework
$release = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -ErrorAction SilentlyContinue).Release
Add-Result '.NET Framework 4.8 or later' ($release -ge 528040) "release $release"

# ---- Visual C++ runtimes: 2012 and 2013, x64
$uninstall = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*', 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*'
$installed = Get-ItemProperty $uninstall -ErrorAction SilentlyContinue | Where-Object DisplayName | Select-Object DisplayName, DisplayVersion
foreach ($vc in 'Visual C\+\+ 2012.*x64', 'Visual C\+\+ 2013.*x64') {
    $hit = $installed | Where-Object { $_.DisplayName -match $vc } | Select-Object -First 1
    Add-Result ("VC++ runtime " + ($vc -replace '\\', '' -replace '\.\*', ' ')) ([bool]$hit) "$($hit.DisplayName) $($hit.DisplayVersion)"
}

# ---- UCMA 4.0 runtime (Mailbox role)
$ucma = $installed | Where-Object DisplayName -Like '*Unified Communications Managed API 4.0*'
Add-Result 'UCMA 4.0 runtime' ([bool]$ucma) "$($ucma.DisplayVersion)"

# ---- IIS URL Rewrite
$rewrite = Test-Path "$env:windir\System32\inetsrv\rewrite.dll"
& "$env:windir\System32\inetsrv\appcmd.exe" list apppool /state:Stopped 2>$null
Add-Result 'IIS URL Rewrite module' $rewrite

# ---- Windows features
$features = 'Server-Media-Foundation', 'NET-Framework-45-Features', 'RPC-over-HTTP-proxy', 'RSAT-Clustering',
            'RSAT-Clustering-CmdInterface', 'Web-Mgmt-Console', 'WAS-Process-Model', 'Web-Asp-Net45', 'Web-Basic-Auth',
            'Web-Client-Auth', 'Web-Digest-Auth', 'Web-Dir-Browsing', 'Web-Dyn-Compression', 'Web-Http-Errors',
            'Web-Http-Logging', 'Web-Http-Redirect', 'Web-Http-Tracing', 'Web-ISAPI-Ext', 'Web-ISAPI-Filter',
            'Web-Metabase', 'Web-Mgmt-Service', 'Web-Net-Ext45', 'Web-Request-Monitor', 'Web-Server',
            'Web-Stat-Compression', 'Web-Static-Content', 'Web-Windows-Auth', 'Web-WMI', 'Windows-Identity-Foundation', 'RSAT-ADDS'
$missing = Get-WindowsFeature -Name $features | Where-Object { -not $_.Installed } | Select-Object -ExpandProperty Name
Add-Result 'Required Windows features' (-not $missing) ($missing -join ', ')

# ---- pending reboot
$pending = (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending') -or
           (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired')
Add-Result 'No reboot pending' (-not $pending)

# ---- disk space on the install drive
$installDrive = if ($env:ExchangeInstallPath) { $env:ExchangeInstallPath.Substring(0, 2) } else { $env:SystemDrive }
$free = (Get-CimInstance Win32_LogicalDisk -Filter "DeviceID='$installDrive'").FreeSpace
Add-Result "Free space on $installDrive >= $MinFreeGB GB" ($free -ge $MinFreeGB * 1GB) ('{0:N1} GB free' -f ($free / 1GB))

# ---- execution policy / GPO
$gpo = Get-ExecutionPolicy -Scope MachinePolicy
Add-Result 'No ExecutionPolicy set by GPO' ($gpo -eq 'Undefined') "MachinePolicy = $gpo"

# ---- AD schema version
$schema = ([adsi]'LDAP://RootDSE').schemaNamingContext
$rangeUpper = ([adsi]"LDAP://CN=ms-Exch-Schema-Version-Pt,$schema").rangeUpper
Add-Result 'Exchange schema present' ($null -ne $rangeUpper) "rangeUpper = $rangeUpper"

# ---- native tools: firewall profile, power plan, TCP keepalive
$fw = netsh advfirewall show allprofiles state 2>&1 | Select-String 'State'
Add-Result 'Firewall query works' ($LASTEXITCODE -eq 0) (($fw | ForEach-Object { $_.Line.Trim() }) -join '; ')

$plan = powercfg /getactivescheme
Add-Result 'High performance power plan' ($plan -match 'High performance|8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c') "$plan"

$keepAlive = (Get-ItemProperty 'HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters' -Name KeepAliveTime -ErrorAction SilentlyContinue).KeepAliveTime
Add-Result 'TCP KeepAliveTime 30-60 min' ($keepAlive -ge 1800000 -and $keepAlive -le 3600000) "$keepAlive ms"

# ---- logs folder permissions (icacls needs the stop-parsing token for the parentheses)
if (Test-Path 'D:\ExchangeLogs') {
    icacls D:\ExchangeLogs --% /grant "CONTOSO\Exchange Servers":(OI)(CI)F /T /C /Q
    Add-Result 'Log folder ACL updated' ($LASTEXITCODE -eq 0)
}

# ---- copy the setup media locally so setup does not run from a network share
$local = 'C:\Install\ExchangeCU'
robocopy $SetupPath $local /MIR /R:2 /W:5 /NFL /NDL /NP /LOG+:C:\Install\robocopy-cu.log > $null
Add-Result 'Setup media copied locally' ($LASTEXITCODE -lt 8) "robocopy exit code $LASTEXITCODE"

# ---- summary
$results | Format-Table -AutoSize -Wrap
$failed = @($results | Where-Object Result -eq 'FAIL').Count
if ($failed -eq 0) {
    Write-Host 'All prerequisites met. Next:' -ForegroundColor Green
    Write-Host "  $local\Setup.exe /IAcceptExchangeServerLicenseTerms_DiagnosticDataOFF /PrepareSchema"
    Write-Host "  $local\Setup.exe /IAcceptExchangeServerLicenseTerms_DiagnosticDataOFF /PrepareAD"
    Write-Host "  $local\Setup.exe /IAcceptExchangeServerLicenseTerms_DiagnosticDataOFF /Mode:Upgrade"
}
exit $failed
