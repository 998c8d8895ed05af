# Set-StrictMode: each version's rules, per scope
$undefined
"in string: [$undefined2]"
Set-StrictMode -Version 1
"in string v1: [$undefined2]"
try { $undefined3 } catch { "v1: $($_.FullyQualifiedErrorId)" }
'text'.Month
Set-StrictMode -Version 2.0
try { "v2 string: $undefined4" } catch { "v2: $($_.FullyQualifiedErrorId)" }
try { 'text'.Month } catch { "prop: $($_.Exception.Message)" }
try { $null.Count } catch { "null count: $($_.FullyQualifiedErrorId)" }
try { (5).Count } catch { "scalar count: $($_.FullyQualifiedErrorId)" }
'text'.Length
@(1,2).Count
$o = [pscustomobject]@{ A = $null }
$o.A -eq $null
try { $o.B } catch { "obj: $($_.FullyQualifiedErrorId)" }
$h = @{}; $h.missing -eq $null
function add($a, $b) { $a + $b }
add 3 4
try { add(3,4) } catch { "parens: $($_.FullyQualifiedErrorId)" }
$arr = 1,2
$arr[5] -eq $null
Set-StrictMode -Version Latest
try { $arr[5] } catch { "index: $($_.Exception.Message) $($_.FullyQualifiedErrorId)" }
function inner { $innerUnset }
try { inner } catch { "child scope: $($_.FullyQualifiedErrorId)" }
function local-off { Set-StrictMode -Off; "off inside: [$nothing]" }
local-off
try { $stillStrict } catch { "caller still strict" }
Set-StrictMode -Off
"off: [$unsetAgain]"
Set-StrictMode -Version 7
Set-StrictMode -Version nonsense
Set-StrictMode -Version 3
[int]::TryParse('5', [ref]$brandNewVar)
$env:NOT_THERE -eq $null
'done'
