# How big are the logging folders on each Exchange server?
# Exchange never cleans Logging\ and the ETL traces on its own, so check this monthly.
param([double]$WarnGB = 20)

$folders = 'Logging', 'TransportRoles\Logs', 'Bin\Search\Ceres\Diagnostics'
$result = foreach ($srv in Get-ExchangeServer | ? { $_.AdminDisplayVersion -match 'Version 15\.[12]' }) {
    $install = Invoke-Command -ComputerName $srv.Fqdn { $env:ExchangeInstallPath }
    foreach ($f in $folders) {
        $unc = "\\$($srv.Name)\" + ((Join-Path $install $f) -replace ':', '$')
        $sum = (gci $unc -Recurse -File -ErrorAction SilentlyContinue | measure Length -Sum).Sum
        [pscustomobject]@{ Server = $srv.Name; Folder = $f; GB = [math]::Round($sum / 1GB, 2) }
    }
}
$result | sort GB -Descending | ft -AutoSize

$result | group Server | % { '{0,-12} {1,8:N2} GB total' -f $_.Name, ($_.Group | measure GB -Sum).Sum }
$big = $result | ? GB -gt $WarnGB
if ($big) { Write-Warning "folders above $WarnGB GB: $(($big | % { "$($_.Server):$($_.Folder)" }) -join ', ')" }
