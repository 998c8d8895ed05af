# [ref]: references that hold a value, and references to variables

# a reference that holds a value
$held = [ref]5
$held.Value
$held.GetType().FullName
$held -is [ref]
$held.Value = 'changed'
$held.Value
$held

# a reference to a variable reads and sets the variable
$count = 1
$ref = [ref]$count
$ref.Value
$count = 2
$ref.Value
$ref.Value = 10
$count
# a typed variable keeps its type through its reference
[int]$typed = 5
$tref = [ref]$typed
$tref.Value = '12'
"$typed $($typed.GetType().Name)"
$tref.Value = 'abc'
$typed

# a [ref] parameter sets the caller's variable
function Set-Result([ref]$Result, $Value) { $Result.Value = $Value }
$answer = 'before'
Set-Result ([ref]$answer) 'after'
$answer
Set-Result -Result ([ref]$brandNew) 'made by the function'
$brandNew
Set-Result $answer 'not a reference'
# two levels down: the reference still finds the variable
function Outer([ref]$r) { Set-Result $r 'two levels' }
Outer ([ref]$answer)
$answer
# $global: and $script: variables
$global:shared = 'g'
function Set-Global { Set-Result ([ref]$global:shared) 'set from a function' }
Set-Global
$global:shared

# the PSVariable of Get-Variable is bound to its variable the same way
$live = 1
$pv = Get-Variable live
$pv.Value = 9
$live
$live = 4
$pv.Value
(Get-Variable live).Value = 11
$live
function Set-Live { $pv.Value = 'from a function' }
Set-Live
$live
Set-Variable fixed 1 -Option ReadOnly
(Get-Variable fixed).Value = 2
$fixed

# TryParse: the result through the reference, the type's default when it fails
$n = $null
[int]::TryParse('42', [ref]$n)
"$n $($n.GetType().Name)"
[int]::TryParse(' -7 ', [ref]$n)
$n
[int]::TryParse('3.7', [ref]$n)
$n
[int]::TryParse('0x10', [ref]$n)
[int]::TryParse('99999999999', [ref]$n)
[long]::TryParse('99999999999', [ref]$l)
"$l $($l.GetType().Name)"
[byte]::TryParse('256', [ref]$b)
[double]::TryParse('1,234.5', [ref]$d)
$d
[double]::TryParse('2.5e3', [ref]$d)
$d
[double]::TryParse('abc', [ref]$d)
$d
[decimal]::TryParse('12.50', [ref]$m)
$m
[bool]::TryParse(' True ', [ref]$t)
$t
[bool]::TryParse('yes', [ref]$t)
[datetime]::TryParse('2024-03-05 14:30', [ref]$when)
$when.ToString('yyyy-MM-dd HH:mm')
[datetime]::TryParse('not a date', [ref]$when)
$when.Year
[guid]::TryParse('6f9619ff-8b86-d011-b42d-00c04fc964ff', [ref]$g)
"$g"
[guid]::TryParse('x', [ref]$g)
"$g"
[timespan]::TryParse('01:30:00', [ref]$span)
$span.TotalMinutes
[int]::TryParse('5', [ref]$null)
# a common script idiom
$inputs = '10', 'ten', '30'
foreach ($s in $inputs) {
    $v = 0
    if ([int]::TryParse($s, [ref]$v)) { "ok $v" } else { "skipped '$s'" }
}
# the out argument must be a reference
[int]::TryParse('5', $n)
'done'
