# [ipaddress] and [mailaddress]: addresses from text, as .NET parses them
$ip = [ipaddress]'10.0.0.1'
$ip
"$ip"
$ip.Address
$ip.AddressFamily
[ipaddress]'10.1' | ForEach-Object IPAddressToString
[ipaddress]'fe80::1%4' | Format-List *
[ipaddress]'::ffff:1.2.3.4' | ForEach-Object { $_.IsIPv4MappedToIPv6 }
$ip -eq '10.0.0.1'
[ipaddress]::Loopback.IPAddressToString
[ipaddress]::TryParse('300.1.1.1', [ref]$out); $null -eq $out
[ipaddress]::TryParse('192.168.1.10', [ref]$out); "$out"
[ipaddress]::Parse('1.2.3.4').Address
[ipaddress]'nope'
$m = [mailaddress]'admin@contoso.com'
$m
"$m"
$m2 = [mailaddress]'Jane Doe <jane.doe@contoso.com>'
$m2 | Format-List
"$m2"
([mailaddress]'"Doe, Jane" <jane@contoso.com>').DisplayName
$m -eq 'ADMIN@contoso.com'
[mailaddress]'not an address'
[mailaddress]'a..b@contoso.com'
[mailaddress]''
'done'
