# item-views.ps1 - files and directories through the views of
# FileSystem.format.ps1xml (cmdlets/c_item.c): the table grouped by
# directory, the list, the wide view, and a file's VersionInfo. The items
# get fixed times from touch; the scratch directory shows as <root>.
$root = "/tmp/emsh-item-views-$PID"
function Show($text) { ($text | Out-String).Replace($root, '<root>').TrimEnd() -split "`n" | ForEach-Object { $_.TrimEnd() + '|' } }
New-Item $root -ItemType Directory | Out-Null
Set-Location $root
New-Item sub -ItemType Directory | Out-Null
Set-Content a.txt 'hello'
Set-Content sub/big.log ('x' * 123455)
Set-Content .hidden 'h'
touch -d '2026-11-22 15:04' a.txt .hidden
touch -d '2025-12-31 23:59' sub/big.log
touch -d '2026-01-05 09:30' sub
'--- Get-ChildItem: the table of one directory'
Show (Get-ChildItem)
'--- -Recurse: a group per directory; -Force shows the hidden file'
Show (Get-ChildItem -Recurse -Force)
'--- Get-Item of a file and of a directory: the table of their parents'
Show (Get-Item a.txt, sub)
'--- Format-List: the list view, with VersionInfo for files only'
touch -d '2026-01-05 09:30' sub
Show (Get-ChildItem | Format-List)
'--- Format-Wide: directories in brackets'
Show (Get-ChildItem -Recurse | Format-Wide)
'--- a file''s VersionInfo'
Show (Get-Item a.txt).VersionInfo
'--- Format-Table with properties: no view, no groups'
Show (Get-ChildItem | Format-Table Name, Length)
Set-Location /
Remove-Item $root -Recurse
