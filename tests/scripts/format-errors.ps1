# format-errors.ps1 - the errors of the formatting cmdlets, with Windows
# PowerShell 5.1's messages and ids: calculated properties whose keys or
# values are wrong, -View problems, parameters that exclude each other,
# ranges, and formatting records that reach Out-Default out of sequence.
# Each is a terminating error of its statement; the script goes on.
$env:COLUMNS = 120
$o = [pscustomobject]@{Name = 'DB01'; Size = 5}
'--- calculated properties'
$o | Format-Table @{Expression = 'Name'; Colour = 'red'}
$o | Format-Table @{Label = 'x'}
$o | Format-Table @{e = 'Name'; l = 'a'; n = 'b'}
$o | Format-Table @{e = 'Name'; Width = '8'}
$o | Format-Table @{e = 'Name'; Width = -1}
$o | Format-Table @{e = 5}
$o | Format-Table @{e = ''}
$o | Format-Table @{e = $null}
$o | Format-Table @{e = 'Name'; Alignment = 'middle'}
$o | Format-Table @{e = 'Name'; FormatString = ''}
$o | Format-Table @{1 = 'Name'}
$o | Format-List @{e = 'Name'; Alignment = 'left'}
$o | Format-Custom @{e = 'Name'; Label = 'x'}
$o | Format-Table ''
$o | Format-Table 42
'--- views'
$o | Format-Table -View NoSuchView
[ordered]@{a = 1} | Format-Table -View NoSuchView
[ordered]@{a = 1} | Format-Wide -View Dictionary
$o | Format-Table Name -View Dictionary
'--- parameters that exclude each other, ranges'
$o | Format-Wide -AutoSize -Column 2
$o | Format-Wide -Column 0
$o | Format-Custom -Depth 0
$o | Out-File /tmp/emsh-format-errors-never-written.txt -Width 1
'--- formatting records out of sequence'
$o | Format-Table | Select-Object -Skip 1 | Out-Default
'after'
