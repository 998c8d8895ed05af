-split 'a b c'
-join ('x', 'y')
'a,b' -split ','
$parts -join ';'
!$enabled
-bnot 0xFF
++$i
$i++
--$j
$j--
-$n
