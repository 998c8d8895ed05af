# .NET Framework version check against the Exchange supportability matrix
$release = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full').Release
$version = switch ($release) {
    { $_ -ge 533320 } { '4.8.1'; break }
    { $_ -ge 528040 } { '4.8'; break }
    { $_ -ge 461808 } { '4.7.2'; break }
    { $_ -ge 461308 } { '4.7.1'; break }
    { $_ -ge 460798 } { '4.7'; break }
    { $_ -ge 394802 } { '4.6.2'; break }
    default { "older than 4.6.2 ($release)" }
}
".NET Framework $version (release $release)"
if ([version]($version -replace '[^\d\.]', '0') -lt [version]'4.8') {
    Write-Warning 'Exchange 2019 CU12 and later require .NET Framework 4.8 or 4.8.1'
}

# also show the CLR used by the Exchange services
$exsetup = Get-Command ExSetup.exe -ErrorAction SilentlyContinue
if ($exsetup) { 'Exchange build: ' + $exsetup.FileVersionInfo.ProductVersion }
