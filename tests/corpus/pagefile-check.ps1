# Exchange 2019: pagefile should be fixed at 25% of RAM; Exchange 2016: RAM + 10 MB (max 32778 MB)
$cs = Get-CimInstance Win32_ComputerSystem
$ramMB = [math]::Round($cs.TotalPhysicalMemory / 1MB)
$ver = (Get-ExchangeServer $env:COMPUTERNAME).AdminDisplayVersion

[int]$expected = if ($ver.Minor -ge 2) { [math]::Round($ramMB * 0.25) } else { [math]::Min($ramMB + 10, 32778) }

if ($cs.AutomaticManagedPagefile) {
    Write-Warning "Pagefile is system managed; expected a fixed size of $expected MB"
    exit 1
}
$pf = Get-CimInstance Win32_PageFileSetting
foreach ($p in $pf) {
    $ok = $p.InitialSize -eq $p.MaximumSize -and $p.MaximumSize -eq $expected
    '{0}: initial {1} MB, max {2} MB, expected {3} MB -> {4}' -f $p.Name, $p.InitialSize, $p.MaximumSize, $expected, $(if ($ok) { 'OK' } else { 'CHANGE' })
}
