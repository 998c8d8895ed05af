$a -eq 1 -and $b -ne 2
$name -like 'DB*' -or $name -notlike 'Arch*'
$text -match '^\d+$' -and $text -notmatch 'x'
$list -contains 'a' -and 'a' -in $list
$s -ceq 'ABC' -and $s -ieq 'abc' -and $s -cne 'x'
$s -replace 'a', 'b' -creplace 'C', 'D'
$v -is [int] -and $v -isnot [string]
$v -as [double] -gt 1
1 -shl 2 -bor 1 -shr 0
