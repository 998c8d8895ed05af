# format-table.ps1 - Format-Table as Windows PowerShell 5.1 prints it:
# columns sized from the objects (without -AutoSize too, since these
# objects have no view), numbers and booleans right-aligned, text left,
# cells padded to their width and cut with "..." to fit the console,
# collections as {a, b, c, d...}, values in their en-US display form.
$env:COLUMNS = 120
$dbs = @(
    [pscustomobject]@{Name = 'DB01'; Server = 'MBX1'; Size = 1536.25; Mounted = $true
        Copies = @('MBX1', 'MBX2', 'MBX3', 'MBX4', 'MBX5'); Lag = [timespan]'7.00:00:00'
        Created = [datetime]'2026-11-22T14:05:09'; Quota = [Microsoft.Exchange.Data.ByteQuantifiedSize]'1.5GB'
        Day = ([datetime]'2026-11-22').DayOfWeek; Note = $null}
    [pscustomobject]@{Name = 'DB02-long-name'; Server = 'MBX2'; Size = 7; Mounted = $false
        Copies = @('MBX2', $null); Lag = [timespan]0; Created = [datetime]'2026-01-02T09:00:00'
        Quota = [Microsoft.Exchange.Data.ByteQuantifiedSize]'512MB'; Day = ([datetime]'2026-11-23').DayOfWeek
        Note = "two`nlines"}
)
'--- -Property: names (the object''s own spelling), wildcards, an unknown name'
$dbs | Format-Table name, S*, NoSuchProperty
'--- values as EMS shows them'
$dbs | Format-Table Copies, Lag, Created, Quota, Day, Note, Mounted
'--- a script block column: its text is the header'
$dbs | Format-Table Name, { $_.Size * 2 }
'--- calculated columns: Label/Name, Expression, FormatString, Alignment'
$dbs | Format-Table @{Label = 'Database'; Expression = { $_.Name }},
    @{n = 'GB'; e = { $_.Size / 1024 }; FormatString = 'N2'},
    @{Name = 'Srv'; Expression = 'Server'; Alignment = 'Right'},
    @{e = 'Size'; f = '{0:N1} MB'}
'--- Width on every column: no sizing from the data (a console line of its own:'
'    in one Out-Default, once a table was sized from its data, later ones are too)'
$dbs | Format-Table @{e = 'Name'; Width = 8}, @{e = 'Size'; Width = 10; a = 'left'} | Out-Default
'--- Width on the first column only: the others share the rest of the line'
$dbs | Format-Table @{e = 'Name'; Width = 16}, Mounted | Out-Default
'--- a failing expression is an empty cell, #ERR with -DisplayError; a bad format string'
'    shows the plain value, #FMTERR with -DisplayError'
$dbs | Format-Table Name, @{n = 'Bad'; e = { throw 'no' }}, @{n = 'Fmt'; e = 'Size'; f = '{1}'}
$dbs | Format-Table Name, @{n = 'Bad'; e = { throw 'no' }}, @{n = 'Fmt'; e = 'Size'; f = '{1}'} -DisplayError
'--- -AutoSize'
$dbs | Format-Table Name, Server, Size -AutoSize
'--- -HideTableHeaders'
$dbs | Format-Table Name, Size -HideTableHeaders
'--- -GroupBy a property, then a script block with a label'
$dbs + [pscustomobject]@{Name = 'DB03'; Server = 'MBX2'; Size = 3} | Format-Table Name, Size -GroupBy Server
$dbs | Format-Table Name -GroupBy @{Label = 'Big'; Expression = { $_.Size -gt 100 }}
'--- -View: a named view of the type'
[ordered]@{Role = 'Mailbox'} | Format-Table -View Dictionary
'--- strings are written as they are, unless -Force'
'abc', 'de' | Format-Table
'abc', 'de' | Format-Table -Force
'--- a narrow console: cut with "...", text from the right, numbers from the left'
$env:COLUMNS = 30
[pscustomobject]@{Text = 'abcdefghijklmnopqrstuvwxyz'; Number = 1234567890123} |
    Format-Table @{e = 'Text'; Width = 12}, @{e = 'Number'; Width = 10} | Out-Default
'--- columns that do not fit are dropped from the right'
[pscustomobject]@{First = 'a' * 20; Second = 'b' * 8; Third = 'c' * 5} | Format-Table | Out-Default
'--- the last column that fits is shortened'
[pscustomobject]@{First = 'a' * 20; Second = 'b' * 12} | Format-Table | Out-Default
'--- -Wrap: long cells continue on the next lines'
[pscustomobject]@{Name = 'DB01'; Path = 'the quick brown fox jumps over the lazy dog'} |
    Format-Table @{e = 'Name'; Width = 6}, @{e = 'Path'; Width = 16} -Wrap | Out-Default
'--- without -Wrap the same cell is cut'
[pscustomobject]@{Name = 'DB01'; Path = 'the quick brown fox jumps over the lazy dog'} |
    Format-Table @{e = 'Name'; Width = 6}, @{e = 'Path'; Width = 16} | Out-Default
$env:COLUMNS = 120
'--- a collection in the pipeline is formatted item by item'
Format-Table -InputObject $dbs Name
'--- the type names of the formatting records'
$records = [pscustomobject]@{a = 1} | Format-Table
$records[0].PSObject.TypeNames
$records[2].PSObject.TypeNames
'--- properties found by name in objects that list them in another order'
[pscustomobject]@{Name = 'a'; Size = 1}, [pscustomobject]@{Size = 22; Name = 'b'},
    [pscustomobject]@{Other = 0; name = 'c'} | Format-Table
