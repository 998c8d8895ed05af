# format-out-file.ps1 - Out-File writes what the console would show to a
# file: Unicode (UTF-16LE with a byte order mark) by default as in Windows
# PowerShell 5.1, the other -Encoding values with their .NET bytes, -Append
# without a second byte order mark, -NoClobber refusing an existing file,
# -NoNewline joining the lines, -Width for the layout, -WhatIf writing
# nothing. Lines end with emsh's new line, "\n". Files are made in a
# scratch directory under /tmp (shown as <root>), removed at the end.
$env:COLUMNS = 120
$root = "/tmp/emsh-format-out-file-$PID"
New-Item -ItemType Directory -Path $root | Out-Null
Set-Location $root
$f = 'out.txt'
function Bytes($path) { (Get-Content $path -Encoding Byte) -join ' ' }
'--- the default encoding is Unicode'
'hé' | Out-File $f
Bytes $f
'--- -Encoding'
foreach ($e in 'unicode', 'bigendianunicode', 'utf8', 'utf32', 'ascii', 'default', 'oem', 'unknown') {
    'hé' | Out-File -FilePath $f -Encoding $e
    "${e}: $(Bytes $f)"
}
'--- -Append adds to the end, with no second byte order mark'
'one' | Out-File $f -Encoding utf8
'two' | Out-File $f -Encoding utf8 -Append
Bytes $f
Get-Content $f
'--- a table, as the console shows it; -Width lays it out'
$objs = [pscustomobject]@{Name = 'DB01'; Description = 'first database'},
        [pscustomobject]@{Name = 'DB02'; Description = 'the second database'}
$objs | Out-File $f -Encoding ascii
Get-Content $f | ForEach-Object { "[$_]" }
$objs | Out-File $f -Encoding ascii -Width 20
Get-Content $f | ForEach-Object { "[$_]" }
'--- -NoNewline joins the lines'
'a', 'b', 'c' | Out-File $f -Encoding ascii -NoNewline
Bytes $f
'--- -LiteralPath, and nothing written still makes the file'
@() | Out-File -LiteralPath $f -Encoding utf8
Bytes $f
'--- -WhatIf writes nothing'
'new' | Out-File $f -WhatIf
Bytes $f
'--- -NoClobber refuses an existing file (with -Append it appends)'
try { 'again' | Out-File $f -NoClobber } catch {
    '{0} | {1} | {2} | {3}' -f "$_", $_.FullyQualifiedErrorId.Split(',')[0], $_.CategoryInfo.Category,
        $_.CategoryInfo.TargetName.Replace($root, '<root>')
}
'again' | Out-File $f -NoClobber -Append -Encoding utf8
Get-Content $f
Set-Location /
Remove-Item -Recurse $root
Test-Path $root
