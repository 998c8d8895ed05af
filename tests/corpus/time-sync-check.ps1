# Kerberos breaks at 5 minutes of skew; warn at 60 seconds
$ref = 'dc01.contoso.com'
foreach ($s in (Get-ExchangeServer).Name) {
  $out = w32tm /stripchart /computer:$s /dataonly /samples:1 2>&1
  $line = $out | Select-String -Pattern ', ([+-]\d+\.\d+)s' | Select-Object -Last 1
  if ($line -and $line.Matches[0].Groups[1].Value) {
    $skew = [double]$line.Matches[0].Groups[1].Value
    $flag = if ([math]::Abs($skew) -gt 60) { ' <-- check time source' } else { '' }
    '{0,-12} {1,10:N3} s{2}' -f $s, $skew, $flag
  } else {
    '{0,-12} no answer ({1})' -f $s, ($out -join ' ')
  }
}
w32tm /query /source 2>$null
w32tm /query /computer:$ref /status
