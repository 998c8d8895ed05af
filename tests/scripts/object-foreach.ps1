# object-foreach.ps1 - ForEach-Object: process blocks with $_, -Begin and
# -End, several blocks and -RemainingScripts (first is begin, last is end),
# blocks run in the caller's scope, output streaming to later commands,
# -MemberName for properties, methods with -ArgumentList and hashtable
# keys, -WhatIf with a member, and the errors of both parameter sets.
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
1..3 | ForEach-Object -Process { "p$_" } -End { 'end' } -Begin { 'begin' }
'alias %: ' + ((1..3 | % { $_ * 2 }) -join ',')
1..2 | ForEach-Object { 'b' } { "p$_" } { 'e' }
1..2 | ForEach-Object { 'b' } { "first $_" } { "second $_" } { 'e' }
1..2 | ForEach-Object -Begin { 'B' } -Process { "x$_" }, { "y" }
$total = 0
1..4 | ForEach-Object { $total += $_ }
"caller's scope: total=$total"
ForEach-Object { "no input: [$_]" }
"after the pipeline: [$_]"
'streams: ' + ('a', 'b', 'c' | ForEach-Object { $_; "$_$_" } | Select-Object -First 3) -join ','
'one array: ' + (1 | ForEach-Object { , @(1, 2) } | ForEach-Object { $_.Count })
'return: ' + ((1..3 | ForEach-Object { if ($_ -eq 2) { return }; $_ }) -join ',')
'property: ' + ('hello' | ForEach-Object Length)
'method: ' + ('hello' | ForEach-Object ToUpper)
'arguments: ' + (('a-b-c' | ForEach-Object Split '-') -join '+')
'named: ' + ('hello' | ForEach-Object -MemberName Substring -ArgumentList 1, 3)
'key: ' + (@{Key = 'value'} | ForEach-Object Key)
'unrolled: ' + (([pscustomobject]@{List = 1, 2, 3} | ForEach-Object List | Measure-Object).Count)
'no such member: ' + ('x' | ForEach-Object NoSuchMember | ForEach-Object { $null -eq $_ })
'null input: [' + ($null | ForEach-Object Length) + ']'
'q' | ForEach-Object ToUpper -WhatIf
'abc' | ForEach-Object Substring 1 -WhatIf
Show-Failure { 'abc' | ForEach-Object -MemberName Substring -ArgumentList 5 -ErrorAction Stop }
Show-Failure { 'q' | ForEach-Object -WhatIf { $_ } }
'end'
