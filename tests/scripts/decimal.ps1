# [decimal]: literals with the d suffix, casts, arithmetic that keeps the
# scale, comparison, rounding and formatting, as System.Decimal does.
1.50d + 1
(1.5d).GetType().FullName
0.1d + 0.2d
(0.1d + 0.2d) -eq 0.3d
0.1 + 0.2 -eq 0.3
1.5d * 2
1d * 1.00d
[decimal]'1.23' * 2
[decimal]1 / 3
[decimal]2 / 3
10d / 4
1d / 0.5d
5d % 3
-5.5d % 2
-1.5d
'--- with doubles and integers'
1.5d + 1.5
(1.5d + 1.5).GetType().Name
(2d + 3).GetType().Name
(2d * [long]3).GetType().Name
$d = 10.25d; $d += 1; $d; $d.GetType().Name
[decimal]0.1
[decimal](1/3)
[decimal]99999999999999999999 + 1
99999999999999999999
(99999999999999999999).GetType().Name
'--- comparison'
2.5d -gt 2
2.5d -eq 2.50d
2.5d -lt 2.50
1.10d, 1.2d, 1.05d | Sort-Object
'--- conversion'
'1.5' -as [decimal]
$null -eq ('abc' -as [decimal])
[int]2.5d
[int]3.5d
[long]-2.5d
[double]2.25d
"value: $(2.50d)"
'--- rounding'
[decimal]::Round(2.5d)
[decimal]::Round(3.5d)
[decimal]::Round(2.567d, 2)
[decimal]::Round(2.5d, [MidpointRounding]::AwayFromZero)
[math]::Round(1.005d, 2)
[math]::Round(2.5d, [MidpointRounding]::AwayFromZero)
[math]::Round(2.5, [MidpointRounding]::AwayFromZero)
[math]::Floor(-2.5d)
[math]::Ceiling(2.1d)
[math]::Truncate(-2.7d)
[math]::Abs(-1.50d)
[math]::Max(1.5d, 2)
[decimal]::Parse('3.140')
[decimal]::MaxValue
[decimal]::MinValue
'--- formatting'
'{0:N2}' -f 1234.565d
'{0:C}' -f 1234.5d
'{0:F3}' -f 2.5d
'{0}' -f 2.50d
(1234.5d).ToString('N2')
(1234.5d).ToString()
(12345678901234567890.125d).ToString('N2')
[pscustomobject]@{ Price = 9.90d; Qty = 3 } | Format-Table
'--- errors'
[decimal]::MaxValue + 1
[decimal]'abc'
1d / 0
