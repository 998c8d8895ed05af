# Arithmetic: the left operand decides the type
5 + 3
"5" + 3
5 + "3"
"ab" * 3
7 / 2
6 / 3
7 % 3
-7 % 3
2147483647 + 1
[int]::MaxValue * 2
1e3 + 1
0x10 + 1
1kb + 1
$null + 5
@(1, 2) + 3
(@(1, 2) + @(3, 4)).Count
# Comparison and filtering
'abc' -eq 'ABC'
'abc' -ceq 'ABC'
5 -gt 3
'10' -gt 9
10 -gt '9'
1, 2, 3, 4 -gt 2
1, 2, 3 -eq 2
$null -eq $null
@() -eq $null
'b' -lt 'a'
# Containment
1, 2, 3 -contains 2
'x' -in 'a', 'x'
'X' -cin 'a', 'x'
2 -notin 1, 3
# Logical
$true -and $false
$false -or 1
$true -xor $true
-not 0
!$null
# Bitwise
5 -band 3
5 -bor 3
5 -bxor 3
-bnot 0
1 -shl 4
256 -shr 4
# Ranges, unary comma, join and split
(1..5) -join ','
(3..1) -join ','
(,1).Count
-join ('a', 'b', 'c')
'a b  c' -split ' '
(-split ' a  b ').Count
'1,2;3' -split '[,;]'
'a.b.c' -split '.', 0, 'SimpleMatch'
'one' -replace 'n', 'N'
'2026-11-22' -replace '(\d+)-(\d+)-(\d+)', '$3/$2/$1'
# Like and match
'Mailbox01' -like 'mail*'
'Mailbox01' -clike 'mail*'
'DB1', 'DB2', 'LOG' -like 'DB*'
'abc' -notmatch '^x'
# Type operators
5 -is [int]
'5' -is [string]
5 -isnot [string]
'42' -as [int]
'x' -as [int]
# Ternary and null coalescing
$v = $null
$v ?? 'default'
(5 -gt 3) ? 'yes' : 'no'
$w = $null
$w ??= 7
$w
# Increment and compound assignment
$i = 1
$i++
$i
++$i
$i
$i += 10
$i
$i -= 2
$i
$i *= 2
$i
$i /= 4
$i
$i %= 4
$i
# Format operator
'{0}-{1}' -f 'a', 'b'
'{0:N1}' -f 1234.56
'[{0,5}][{1,-5}]' -f 'x', 'y'
'{0:D3}' -f 7
'{0:P0}' -f 0.5
