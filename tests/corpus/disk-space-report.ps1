param([int]$WarnPercent = 20, [int]$CritPercent = 10)

$servers = (Get-ExchangeServer <# incl. Edge #>).Name
$vols = foreach ($s in $servers) {
    Get-CimInstance Win32_Volume -ComputerName $s -Filter "DriveType=3 AND Label<>'System Reserved'" -ErrorAction SilentlyContinue |
        Select-Object @{n='Server';e={$s}}, Name, Label,
            @{n='SizeGB';e={[math]::Round($_.Capacity/1GB,1)}},
            @{n='FreeGB';e={[math]::Round($_.FreeSpace/1GB,1)}},
            @{n='Free%';e={[math]::Round($_.FreeSpace/$_.Capacity*100,1)}}
}

foreach ($v in $vols | Sort-Object 'Free%') {
    $color = if ($v.'Free%' -lt $CritPercent) { 'Red' } elseif ($v.'Free%' -lt $WarnPercent) { 'Yellow' } else { 'Gray' }
    Write-Host ('{0,-10} {1,-50} {2,8} GB {3,8} GB {4,6}%' -f $v.Server, $v.Name, $v.SizeGB, $v.FreeGB, $v.'Free%') -ForegroundColor $color
}
