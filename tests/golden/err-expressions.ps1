$total = (1 + 2
$name = $mbx.
$first = $list[
1 = $x
$ok = $a ? 'yes'
