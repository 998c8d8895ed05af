# item-content.ps1 - Get-Content, Set-Content, Add-Content and Clear-Content
# (cmdlets/c_item.c) in a scratch directory under /tmp. Paths in messages are
# shown relative to it as <root>.
# -WhatIf first, from the tests directory (shown as <dir>): it must create nothing
Set-Content ./item-content-whatif.txt 'changed' -WhatIf
Add-Content ./item-content-whatif.txt 'changed' -WhatIf
Test-Path ./item-content-whatif.txt

$root = "/tmp/emsh-item-content-$PID"
New-Item -ItemType Directory -Path $root | Out-Null
Set-Location $root
function Show-Error($e) {
    '{0} | {1} | {2} | {3}' -f "$e".Replace($root, '<root>'), $e.FullyQualifiedErrorId.Split(',')[0],
        $e.CategoryInfo.Category, $e.Exception.GetType().Name
}

# Set-Content writes one line per value; Get-Content reads one string per line
Set-Content -Path a.txt -Value 'one', 'two', 'three'
Get-Content a.txt
$lines = Get-Content ./a.txt
"$($lines.Count) $($lines[1].GetType().Name) $((Get-Item a.txt).Length)"
Get-Content a.txt -TotalCount 2
Get-Content a.txt -Head 1
Get-Content a.txt -Tail 2
Get-Content a.txt -Last 1
@(Get-Content a.txt -TotalCount 0).Count
(Get-Content a.txt -Raw) -replace "`n", '\n'
(Get-Content a.txt -Raw).GetType().Name

# -ReadCount: arrays of that many lines; 0 sends them all at once
$batches = @(Get-Content a.txt -ReadCount 2)
"$($batches.Count) $($batches[0] -join '+') $($batches[1] -join '+')"
$all = Get-Content a.txt -ReadCount 0
"$($all.Count)"

# Add-Content appends lines; with no newline at the end the text continues that line
Add-Content a.txt 'four'
(Get-Content a.txt) -join ','
Set-Content b.txt 'abc' -NoNewline
Add-Content b.txt 'def'
Get-Content b.txt
Set-Content c.txt 'x', 'y', 'z' -NoNewline
Get-Content c.txt -Raw

# values from the pipeline: the file is replaced once, then appended to
1..3 | Set-Content n.txt
(Get-Content n.txt) -join ','
'p', 'q' | Add-Content n.txt
(Get-Content n.txt) -join ','
Set-Content e.txt -Value @()
"[$(Get-Content e.txt -Raw)] $((Get-Item e.txt).Length)"
$pt = Set-Content pt.txt 'passed' -PassThru
$pt

# line ends: LF, CR LF and CR all end a line; a final newline adds no empty line
Set-Content mixed.txt "l1`r`nl2`rl3`nl4" -NoNewline
(Get-Content mixed.txt) -join '|'
Set-Content blank.txt '', 'x', ''
@(Get-Content blank.txt).Count

# -Delimiter: pieces that end with the delimiter, which they keep
Set-Content d.txt 'a;b;c' -NoNewline
(Get-Content d.txt -Delimiter ';') -join '|'

# encodings: byte order marks are written as 5.1 writes them and detected on
# reading; lines end with LF and the default encoding is UTF-8 without a mark,
# as on this platform (5.1 on Windows writes CR LF in the ANSI code page)
Set-Content u8.txt 'h€llo' -Encoding UTF8
(Get-Content u8.txt -Encoding Byte -TotalCount 3) -join ','
Get-Content u8.txt
Set-Content u16.txt 'hé' -Encoding Unicode
(Get-Content u16.txt -Encoding Byte) -join ','
Get-Content u16.txt
Set-Content be.txt 'A' -Encoding BigEndianUnicode
(Get-Content be.txt -Encoding Byte) -join ','
Get-Content be.txt
Set-Content u32.txt 'A' -Encoding UTF32
(Get-Content u32.txt -Encoding Byte).Count
Get-Content u32.txt
Set-Content ascii.txt 'café' -Encoding Ascii
Get-Content ascii.txt
Set-Content plain.txt 'é'
(Get-Content plain.txt -Encoding Byte) -join ','
Add-Content u16.txt 'more'
(Get-Content u16.txt) -join ','
Set-Content bytes.bin -Value 72, 105 -Encoding Byte
Get-Content bytes.bin
(Get-Content bytes.bin -Encoding Byte -ReadCount 0) -join ','
$raw = Get-Content bytes.bin -Encoding Byte -Raw
"$($raw.Count) $($raw -join ',')"

# Clear-Content empties a file and keeps it
Clear-Content a.txt
"$(Test-Path a.txt) $((Get-Item a.txt).Length)"

# wildcards and -LiteralPath
Set-Content -LiteralPath 'w[1].txt' 'literal'
Get-Content -LiteralPath 'w[1].txt'
(Get-Content *.txt -TotalCount 1 -Include b.txt, c*) -join ','
(Get-Content ./?.txt -Exclude a*) -join ','

# errors
Get-Content missing.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
Get-Content . -ErrorAction SilentlyContinue; Show-Error $Error[0]
Set-Content nodir/x.txt 'x' -ErrorAction SilentlyContinue; Show-Error $Error[0]
Clear-Content missing.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
Get-Content nomatch*.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
Get-Content 'w[1].txt' -ErrorAction SilentlyContinue; Show-Error $Error[0]
Get-Content b.txt -Include x* -ErrorAction SilentlyContinue; Show-Error $Error[0]
try { Get-Content a.txt -TotalCount 1 -Tail 1 } catch { Show-Error $_ }
try { Get-Content a.txt -Encoding Byte -Delimiter ';' } catch { Show-Error $_ }
try { Get-Content a.txt -Encoding Bogus } catch { $_.Exception.Message.Split([char]10)[0] }
'after errors'

Set-Location /
Remove-Item $root -Recurse
Test-Path $root
