# format-wide.ps1 - Format-Wide as Windows PowerShell 5.1 prints it: one
# property of each object in columns that share the console's width (two
# by default), -Column to choose how many, -AutoSize to fit as many as the
# widest value allows, the Name (or Id, Key ...) property when none is given.
$env:COLUMNS = 80
$servers = 'MBX1', 'MBX2', 'MBX3-long-name', 'EDGE1', 'MBX5' | ForEach-Object { [pscustomobject]@{Name = $_; Site = 'Paris'} }
'--- the Name property, two columns'
$servers | Format-Wide | Out-Default
'--- -Column'
$servers | Format-Wide -Column 3 | Out-Default
'--- -AutoSize'
$servers | Format-Wide -AutoSize | Out-Default
'--- -Property, a script block, a calculated property with FormatString'
$servers | Format-Wide Site -Column 4 | Out-Default
$servers | Format-Wide { $_.Name.ToLower() } -Column 5 | Out-Default
1..3 | ForEach-Object { [pscustomobject]@{Id = $_} } | Format-Wide @{e = 'Id'; f = 'N2'} -Column 3 | Out-Default
'--- without Name, Id is used'
[pscustomobject]@{Other = 'x'; DatabaseId = 7} | Format-Wide | Out-Default
'--- -GroupBy'
$servers | Format-Wide -GroupBy Site -Column 5 | Out-Default
