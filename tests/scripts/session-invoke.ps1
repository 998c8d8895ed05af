# session-invoke.ps1 - running code: Invoke-Expression (the current scope,
# streamed output, parse errors as PowerShell reports them),
# Invoke-Command (script blocks, -ArgumentList, pipeline input, -NoNewScope,
# the local computer only, -FilePath) and Measure-Command (a TimeSpan, the
# current scope, $_ per input object).

# --- Invoke-Expression ---
Invoke-Expression '2 + 3'
iex '$ieVar = 7; $ieVar * 2'
$ieVar
'"piped " + 1', '"piped " + 2' | Invoke-Expression
$cmd = 'Get-Variable ieVar -ValueOnly'
Invoke-Expression -Command $cmd
# output streams: the first object arrives before the rest is produced
iex '1..5' | Select-Object -First 2
iex 'function Get-FromIex { "defined by iex" }'
Get-FromIex
try { iex '1 +' } catch {
    $_.Exception.Message
    $_.FullyQualifiedErrorId
    $_.CategoryInfo.Category
    $_.Exception.GetType().FullName
}
try { iex 'if (' } catch { $_.FullyQualifiedErrorId }
# a runtime error inside the text is reported where the text is
iex 'Get-Variable ieNope'
'after'
iex '1 +'

# --- Invoke-Command ---
Invoke-Command -ScriptBlock { 'in a block' }
Invoke-Command { param($a, $b) $a * $b } -ArgumentList 6, 7
Invoke-Command { "args: $($args -join ',')" } -ArgumentList 'x', 'y'
$icOuter = 'outer'
Invoke-Command { $icOuter = 'changed'; $icInner = 1 }
"$icOuter [$icInner]"
Invoke-Command { $icOuter = 'no new scope'; $icInner = 2 } -NoNewScope
"$icOuter [$icInner]"
1, 2, 3 | Invoke-Command { ($input | Measure-Object -Sum).Sum }
1, 2, 3 | Invoke-Command { process { $_ * 10 } }
# pipeline input with -NoNewScope: the block runs in this scope, its variables remain
1, 2, 3 | Invoke-Command -NoNewScope { $icSum = ($input | Measure-Object -Sum).Sum }
"sum $icSum"
'a', 'b' | Invoke-Command -NoNewScope { begin { $icSeen = @() } process { $icSeen += $_ } }
"seen $($icSeen -join ',') [$($icSeen.Count)]"
# without it they do not
'c' | Invoke-Command { $icGone = $input }
"gone [$icGone]"
1, 2 | Invoke-Command { begin { 'begin' } process { "process $_" } end { 'end' } }
Invoke-Command -InputObject 'single' { "got $input" }
Invoke-Command -ComputerName localhost { 'on localhost' }
# the computer, session and URI are optional and come before the script block
Invoke-Command localhost { 'localhost by position' }
Invoke-Command -ScriptBlock { 'the local computer by default' } -Port 5985
Invoke-Command -ScriptBlock { 'the default URI is local' } -AllowRedirection
(Get-Command Invoke-Command).ParameterSets | Where-Object Name -in Session, ComputerName, FilePathUri |
    ForEach-Object { "$($_.Name): $(("$_" -split ' \[-InputObject')[0])" }
Invoke-Command -ComputerName . { 'on dot' }
$env:COMPUTERNAME = 'EXLAB01'
Invoke-Command -ComputerName exlab01 { 'on my name' }
Invoke-Command -ComputerName localhost, localhost { 'twice' }
Invoke-Command -ComputerName EX01 { 'never' } -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category) | $($e[0].TargetObject)"
$e[0].Exception.GetType().FullName
Invoke-Command -ComputerName EX01, localhost { 'only the local one' } -ErrorAction SilentlyContinue
try { Invoke-Command { 1 } -ComputerName localhost -AsJob } catch { $_.FullyQualifiedErrorId }
'param($n) "from a file: $n"' | Set-Content icm-file.ps1
Invoke-Command -ComputerName localhost -FilePath icm-file.ps1 -ArgumentList 5
Remove-Item icm-file.ps1
Invoke-Command -ComputerName EX02 { 'never' }

# --- Measure-Command ---
$t = Measure-Command { $mcSet = 'set by the block'; 'discarded' }
$t.GetType().FullName
$t.TotalMilliseconds -ge 0
$mcSet
$mcSeen = @()
1, 2, 3 | Measure-Command { $script:mcSeen += $_ } | Out-Null
$mcSeen -join ','
@(Measure-Command { }).Count
