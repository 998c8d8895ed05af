# Tests the TCP ports Exchange needs between servers and to the domain controllers.
# Run from each Exchange server; results differ per network segment.
$targets = @{
    'ex01.contoso.com' = 25, 443, 587, 135, 808
    'ex02.contoso.com' = 25, 443, 587, 135, 808
    'dc01.contoso.com' = 53, 88, 389, 636, 3268
}
foreach ($h in $targets.Keys | sort) {
    foreach ($p in $targets[$h]) {
        $r = Test-NetConnection -ComputerName $h -Port $p -WarningAction SilentlyContinue
        '{0,-20} {1,5} {2}' -f $h, $p, $(if ($r.TcpTestSucceeded) { 'open' } else { 'CLOSED' })
    }
}

# UDP 123 (time) and ICMP are not covered by Test-NetConnection -Port
Test-Connection dc01.contoso.com -Count 1 -Quiet
