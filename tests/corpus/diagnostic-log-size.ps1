# How big are the logging folders on each Exchange server?
$folders = 'Logging', 'TransportRoles\Logs', 'Bin\Search\Ceres\Diagnostics'
foreach ($srv in Get-ExchangeServer | ? { $_.AdminDisplayVersion -match 'Version 15\.[12]' }) {
    $install = Invoke-Command -ComputerName $srv.Fqdn { $env:ExchangeInstallPath }
    foreach ($f in $folders) {
        $unc = "\\$($srv.Name)\" + ((Join-Path $install $f) -replace ':', '$')
        $sum = (gci $unc -Recurse -File -ErrorAction SilentlyContinue | measure Length -Sum).Sum
        [pscustomobject]@{ Server = $srv.Name; Folder = $f; GB = [math]::Round($sum / 1GB, 2) }
    }
} | sort GB -Descending | ft -AutoSize
