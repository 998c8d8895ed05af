# select-string.ps1 - Select-String (cmdlets/c_string.c): pipeline text and
# files searched line by line, MatchInfo objects and their display, -Quiet,
# -List, -NotMatch, -AllMatches, -Context and the errors of 5.1. The files
# live in a scratch directory beside this script (shown as <dir>).
$t = Join-Path $PWD 'select-string-tmp'
if (Test-Path $t) { Remove-Item $t -Recurse }
New-Item -ItemType Directory -Path $t | Out-Null
Set-Location $t
Set-Content -Path a.txt -Value 'alpha one', 'Beta two', 'gamma three', 'delta four'
Set-Content -Path b.log -Value 'l1 x', 'l2', 'l3 x', 'l4', 'l5', 'l6', 'l7 x', 'l8'
Set-Content -Path c.log -Value 'no match here', 'ALPHA again'
New-Item -ItemType Directory -Path sub | Out-Null

# strings from the pipeline: the InputStream, shown as the line alone
'Hello', 'HELLO', 'hello world' | Select-String -Pattern 'HELLO'
'Hello', 'HELLO' | Select-String -Pattern 'HELLO' -CaseSensitive -SimpleMatch
'a.b', 'axb' | Select-String -Pattern 'a.b' -SimpleMatch
'cat', 'dog', 'bird' | sls 'o', 'a' | ForEach-Object { '{0} {1} {2} {3}' -f $_.Line, $_.Pattern, $_.Matches[0].Value, $_.Matches[0].Index }
$m = 'x', 'one two', 'y' | Select-String 'two'
'{0}|{1}|{2}|{3}|{4}|{5}|{6}' -f $m.LineNumber, $m.Line, $m.Filename, $m.Path, $m.Pattern, $m.IgnoreCase, ($null -eq $m.Context)
$m.GetType().FullName
"$m"
$m | Format-List

# -InputObject with a collection: one string, the items joined by spaces
Select-String -InputObject 'red', 'green', 'blue' -Pattern 'green'
(Select-String -InputObject 'red', 'green' -Pattern 'green').LineNumber
# other objects match on their string; $null is the empty string
1, 22, 3 | Select-String '2'
$null | Select-String '^$' | ForEach-Object { "[$($_.Line)] $($_.LineNumber)" }

# -AllMatches: every match of the line; -SimpleMatch leaves Matches empty
$m = 'abcabcab' | Select-String 'ab' -AllMatches
$m.Matches.Count
($m.Matches | ForEach-Object { $_.Index }) -join ','
('abcabcab' | Select-String 'ab').Matches.Count
('abcabcab' | Select-String 'ab' -SimpleMatch -AllMatches).Matches.Count
('größe straße' | Select-String 'e' -AllMatches).Matches[1].Index

# files by -Path, with wildcards: the path relative to the current directory
Select-String -Path a.txt -Pattern 'ta'
Select-String -Path *.txt, *.log -Pattern 'alpha'
Select-String -Path "$t/a.txt" -Pattern 'beta' -CaseSensitive
Select-String -Path "$t/a.txt" -Pattern 'Beta' -CaseSensitive
$m = Select-String -Path a.txt -Pattern 'gamma (\w+)'
'{0}|{1}|{2}|{3}|{4}' -f $m.LineNumber, $m.Line, $m.Filename, $m.Path.Replace($t, '<t>'), $m.Matches[0].Groups[1].Value
"$m".Replace($t, '<t>')
Set-Location sub
Select-String -Path ../a.txt -Pattern 'four' | ForEach-Object { $_.ToString().Replace($t, '<t>') }
Select-String -Path ../a.txt -Pattern 'four'
Set-Location $t

# files piped from Get-ChildItem (FileInfo objects); -LiteralPath
Get-ChildItem -Path *.log | Select-String 'x$'
Get-Item a.txt | Select-String 'two'
Select-String -LiteralPath "$t/c.log" -Pattern 'again'

# -Include / -Exclude: wildcards on the file's path
Select-String -Path ./* -Pattern 'alpha' -Include *.log
Select-String -Path ./* -Pattern 'alpha' -Exclude *.log

# -NotMatch: the lines none of the patterns match, with the first pattern
Select-String -Path b.log -Pattern 'x', 'l8' -NotMatch | ForEach-Object { '{0} {1} {2}' -f $_.LineNumber, $_.Pattern, $_.Matches.Count }

# -List: the first match of each file; on the InputStream each match
Select-String -Path *.log, a.txt -Pattern 'l' -List
'a1', 'a2' | Select-String 'a' -List

# -Quiet: True at the first match; False when no file has one; nothing for
# unmatched pipeline text
Select-String -Path *.log -Pattern 'l7' -Quiet
Select-String -Path *.log -Pattern 'zzz' -Quiet
(Select-String -Path *.log -Pattern 'zzz' -Quiet).GetType().Name
'one', 'two', 'three' | Select-String 't' -Quiet
$q = 'one', 'two' | Select-String 'zzz' -Quiet
$null -eq $q

# -Context: each line once in the display, the matches marked with >
Select-String -Path b.log -Pattern 'x' -Context 1
Select-String -Path b.log -Pattern 'x' -Context 2, 1
$m = Select-String -Path b.log -Pattern 'x' -Context 2, 1
$m.Count
$m[1].Context.GetType().FullName
'pre [{0}] post [{1}] display pre [{2}] display post [{3}]' -f ($m[1].Context.PreContext -join '|'), ($m[1].Context.PostContext -join '|'), ($m[1].Context.DisplayPreContext -join '|'), ($m[1].Context.DisplayPostContext -join '|')
'pre [{0}] post [{1}] display pre [{2}] display post [{3}]' -f ($m[2].Context.PreContext -join '|'), ($m[2].Context.PostContext -join '|'), ($m[2].Context.DisplayPreContext -join '|'), ($m[2].Context.DisplayPostContext -join '|')
'a', 'b', 'c', 'd', 'e' | Select-String 'b', 'c' -Context 1
'a', 'b', 'c' | Select-String 'c' -Context 3, 0 | ForEach-Object { $_.Context.PreContext -join '|' }

# MatchInfo piped to Select-String: matched on its Line, passed on as it is
$m = 'alpha', 'beta', 'gamma' | Select-String 'a$' | Select-String 'm'
'{0} {1} {2}' -f $m.Line, $m.LineNumber, $m.Pattern
Select-String -Path a.txt -Pattern 'a' | Select-String 'three'
'a', 'b', 'c' | Select-String 'b' -Context 1 | Select-String 'b'
'a', 'b' | Select-String 'a' | Select-String 'a' -Context 1

# files in other encodings and line ends: a byte order mark decides
Set-Content -Path u16.txt -Value 'größe', 'x' -Encoding Unicode
Select-String -Path u16.txt -Pattern 'ö' | ForEach-Object { '{0}:{1}:{2}' -f $_.LineNumber, $_.Line, $_.Matches[0].Index }
Set-Content -Path cr.txt -NoNewline -Value "one`rtwo`r`nthree`nfour"
Select-String -Path cr.txt -Pattern 'o' | ForEach-Object { '{0}:{1}' -f $_.LineNumber, $_.Line }
Set-Content -Path latin.txt -Value 'caf', 'x' -Encoding UTF8
Select-String -Path latin.txt -Pattern 'caf' -Encoding bigendianunicode | ForEach-Object { $_.Line }

# errors
function Show-Error($e) {
    '{0} | {1} | {2} | {3}' -f "$e".Replace($t, '<t>'), $e.FullyQualifiedErrorId, $e.CategoryInfo.Category, $e.Exception.GetType().Name
}
try { Select-String -Path nope.txt -Pattern x } catch { Show-Error $_ }
try { Select-String -Path a.txt, nope*.txt -Pattern x } catch { Show-Error $_ }
Select-String -Path sub -Pattern x -ErrorVariable ev -ErrorAction SilentlyContinue
Show-Error $ev[0]
Select-String -LiteralPath none.txt -Pattern x -ErrorVariable ev -ErrorAction SilentlyContinue
Show-Error $ev[0]
Select-String -Path env:PATH -Pattern x -ErrorVariable ev -ErrorAction SilentlyContinue
Show-Error $ev[0]
try { Select-String -Path a.txt -Pattern x -Encoding Byte } catch { Show-Error $_ }
try { 'x' | Select-String '(' } catch { Show-Error $_ }
try { 'x' | Select-String 'x', '[a' } catch { Show-Error $_ }
try { 'a' | Select-String 'a' -Context 1, 2, 3 } catch { Show-Error $_ }
try { 'a' | Select-String 'a' -Context -1 } catch { Show-Error $_ }
Select-String -Path sub -Pattern x
'after the errors'

Set-Location ..
Remove-Item $t -Recurse
Test-Path $t
