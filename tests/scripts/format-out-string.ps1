# format-out-string.ps1 - Out-String returns what the console would show:
# one string with every line (each ending in a new line), or with -Stream
# one string per line; -Width sets the line width. The same objects go
# through Format-Table, Format-List and the default view, and the
# formatting records Format-Table writes are objects of their own.
$env:COLUMNS = 120
$objs = [pscustomobject]@{Name = 'DB01'; Description = 'first database'},
        [pscustomobject]@{Name = 'DB02'; Description = 'the second database'}
'--- one string'
$s = $objs | Out-String
$s.GetType().FullName
$s.Length
$s -split "`n" | ForEach-Object { "[$_]" }
'--- -Stream: one string per line, blank lines too'
$lines = $objs | Out-String -Stream
$lines.Count
$lines | ForEach-Object { "[$_]" }
'--- the same objects through Format-Table, Format-List and the default view'
$table = $objs | Format-Table | Out-String
$list = $objs | Format-List | Out-String
$default = $objs | Out-String
$table -eq $default
$table -eq $list
$list -split "`n" | ForEach-Object { "[$_]" }
'--- Format-Table with properties, then Out-String -Width'
$objs | Format-Table Name, Description | Out-String -Width 20 -Stream | ForEach-Object { "[$_]" }
$objs | Format-List | Out-String -Width 20 -Stream | ForEach-Object { "[$_]" }
'--- the formatting records are objects in the pipeline'
$records = $objs | Format-Table
$records.Count
$records | ForEach-Object { "$_" }
($records | Out-String) -eq $table
'--- -Width must be at least 2'
'x' | Out-String -Width 1
'--- strings and numbers'
'abc', 42 | Out-String -Stream | ForEach-Object { "[$_]" }
"a`nb" | Out-String -Stream | ForEach-Object { "[$_]" }
$e = @() | Out-String
"empty: [$e] $($e.Length)"
Out-String -InputObject 'from -InputObject' -Stream
