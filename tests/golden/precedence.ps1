1 + 2 * 3
$a -and $b -or $c
1 -band 2 -eq 2
$x ?? $y + 1
'{0}' -f 1 + 2
1..3 * 2
-not $a -eq $b
1,2 + 3
[int]$s + 1
(1 + 2) * 3
