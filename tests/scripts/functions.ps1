function Get-Square([int]$x) { $x * $x }
Get-Square 4
Get-Square -x 5
Get-Square -X:6
function Join-Parts {
    param([string]$First, [string]$Second = 'default', [switch]$Upper)
    $r = "$First-$Second"
    if ($Upper) { $r.ToUpper() } else { $r }
}
Join-Parts a b
Join-Parts -Second z -First y
Join-Parts q -Upper
Join-Parts -Fir abbreviated
# $args in simple functions
function Show-Args { "count $($args.Count): $($args -join ',')" }
Show-Args 1 two 3
# $PSBoundParameters
function Show-Bound { param($A, $B) $PSBoundParameters.Keys -join ',' }
Show-Bound -B 1
# return leaves the function; output before it stays
function Get-First { 'one'; return 'two'; 'three' }
Get-First
# recursion
function Get-Factorial($n) { if ($n -le 1) { return 1 }; $n * (Get-Factorial ($n - 1)) }
Get-Factorial 10
# filters and pipeline input
filter Double-It { $_ * 2 }
1, 2, 3 | Double-It
function Sum-Input { $sum = 0; foreach ($i in $input) { $sum += $i }; $sum }
1..4 | Sum-Input
function Process-Each {
    begin { 'begin' }
    process { "got $_" }
    end { 'end' }
}
'a', 'b' | Process-Each
Process-Each
# advanced function with pipeline binding
function Get-Length {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)][string]$Text)
    process { $Text.Length }
}
'abc', 'de' | Get-Length
# script blocks: call operator, dot sourcing, arguments
$sb = { param($a, $b) $a + $b }
& $sb 2 3
$counter = 1
& { $counter = 100 }
$counter
. { $counter = 200 }
$counter
# dynamic scoping: a function sees its caller's variables
function Show-Outer { $outerVar }
function Set-Outer { $outerVar = 'from Set-Outer'; Show-Outer }
Set-Outer
# script: and global: scopes
function Set-Global { $global:gv = 'global value'; $script:sv = 'script value' }
Set-Global
$gv
$sv
# typed variables keep their type
[int]$typed = '42'
$typed = '7'
$typed + 1
