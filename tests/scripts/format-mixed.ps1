# format-mixed.ps1 - many objects through one Out-Default, as a script's
# output goes: the first object decides the view, as in Windows PowerShell
# 5.1. Objects without a view of their own keep the first table's columns
# (a missing property is an empty cell); a string is written as it is in
# the middle of a table; an object the current view does not apply to is
# shown on its own, as a list; a Format-Table in between ends the open
# table and a new one starts after it.
$env:COLUMNS = 120
& {
    [pscustomobject]@{Name = 'DB01'; Mounted = $true}
    [pscustomobject]@{Name = 'DB02-with-a-longer-name'; Mounted = $false}
    'a string inside the table'
    [pscustomobject]@{Other = 'x'; Name = 'DB03'}
    [ordered]@{Key = 'value'}
} | Out-Default
'--- a view that does not apply'
& {
    [ordered]@{Server = 'MBX1'; Site = 'Paris'}
    [pscustomobject]@{Name = 'DB01'; Size = 5}
    'text'
    [ordered]@{Role = 'Mailbox'}
} | Out-Default
'--- Format-Table in between'
& {
    [pscustomobject]@{Name = 'DB04'; Mounted = $true}
    [pscustomobject]@{Name = 'DB05'} | Format-Table
    [pscustomobject]@{Name = 'DB06'; Mounted = $false}
} | Out-Default
'--- the rest of the script is one Out-Default'
[pscustomobject]@{Name = 'DB07'; Mounted = $true}
[datetime]'2026-11-22T14:05:09'
'last'
