# item-items.ps1 - New-Item, Get-Item, Get-ChildItem, Test-Path, Copy-Item,
# Move-Item, Rename-Item and Remove-Item (cmdlets/c_item.c) in a scratch
# directory under /tmp, shown as <root> in messages.
# -WhatIf first, from the tests directory (shown as <dir>): nothing is created
New-Item ./item-items-whatif.txt -WhatIf
New-Item ./item-items-whatif -ItemType Directory -WhatIf
Copy-Item ./item-items.ps1 ./item-items-whatif.txt -WhatIf
Test-Path ./item-items-whatif.txt, ./item-items-whatif

$root = "/tmp/emsh-item-items-$PID"
function Show-Error($e) {
    '{0} | {1} | {2} | {3} | {4}' -f "$e".Replace($root, '<root>'), $e.FullyQualifiedErrorId.Split(',')[0],
        $e.CategoryInfo.Category, $e.Exception.GetType().Name, "$($e.TargetObject)".Replace($root, '<root>')
}

# New-Item: directories, files with a value, -Name, -Force
$d = New-Item -ItemType Directory -Path $root
"$($d.GetType().FullName) $($d.Mode) $($d.PSIsContainer) $($d.Name -eq "emsh-item-items-$PID") $($d.Attributes)"
Set-Location $root
$f = New-Item -Path a.txt -Value 'abc'
"$($f.GetType().FullName) $($f.Mode) $($f.Length) $($f.Extension) $($f.BaseName) $($f.Directory.FullName -eq $root) $($f.IsReadOnly)"
"$f" -eq "$root/a.txt"
$f.PSObject.TypeNames -join ','
$f.PSPath -eq "Microsoft.PowerShell.Core\FileSystem::$root/a.txt"
"$($f.PSChildName) $($f.PSParentPath -eq "Microsoft.PowerShell.Core\FileSystem::$root") $($f.PSProvider) $($f.PSDrive)"
"$($f.LastWriteTime.GetType().Name) $($f.LastWriteTime.Kind) $(($f.LastWriteTime - (Get-Date)).TotalMinutes -lt 5)"
(New-Item -Path sub -ItemType Directory).Name
(New-Item -Path sub -Name 'b.log' -ItemType File -Value 1).FullName -eq "$root/sub/b.log"
(New-Item sub/deeper/c.txt -ItemType File -Force).Length
(New-Item sub/x/y/z -ItemType Directory).Parent.Name
(New-Item a.txt -Force).Length
(New-Item sub -ItemType Directory -Force).Name
(New-Item -Path d2 -ItemType dir).Mode
New-Item .hidden -Value h | Out-Null
New-Item 'name with spaces.txt' | Out-Null
New-Item a.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
New-Item sub -ItemType Directory -ErrorAction SilentlyContinue; Show-Error $Error[0]
New-Item nodir/x.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
New-Item q -ItemType Bogus -ErrorAction SilentlyContinue; Show-Error $Error[0]

# Test-Path
Test-Path a.txt
Test-Path nothing.txt
Test-Path sub -PathType Container
Test-Path sub -PathType Leaf
Test-Path a.txt -PathType Leaf
Test-Path *.txt
Test-Path *.none
Test-Path a.txt, nothing, sub
Test-Path -LiteralPath '*.txt'
Test-Path ./no/such/dir/file.txt -IsValid
Test-Path a.txt -NewerThan '2000-01-01'
Test-Path a.txt -OlderThan '2000-01-01'
'a.txt', 'sub' | Test-Path
Test-Path C:\Windows

# Get-Item
(Get-Item a.txt).Name
(Get-Item ./sub/../a.txt).FullName -eq "$root/a.txt"
(Get-Item *.txt).Name -join ','
(Get-Item sub\b.log).Length
(Get-Item ~).FullName -eq $HOME
(Get-Item -LiteralPath "Microsoft.PowerShell.Core\FileSystem::$root/a.txt").Name
@(Get-Item nomatch*).Count
(Get-Item .hidden -Force).Mode
Get-Item nothing.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]

# Get-ChildItem: directories first, then files, by name; hidden items with -Force
foreach ($i in Get-ChildItem) { '{0} {1,-20} [{2}]' -f $i.Mode, $i.Name, $i }
# an item a wildcard or -Include found prints as its full path, as a listed one prints as its name
foreach ($i in Get-ChildItem ./a*.txt) { "$i" -eq "$root/a.txt" }
foreach ($i in Get-ChildItem ./* -Include a.txt) { "$i" -eq "$root/a.txt" }
(Get-ChildItem -Force).Name -join ','
(Get-ChildItem -Name) -join ','
(Get-ChildItem sub -Recurse -Name) -join ','
(Get-ChildItem -Recurse -Depth 1 -Name) -join ','
(Get-ChildItem -Recurse -File -Name) -join ','
(Get-ChildItem -Recurse -Directory -Name) -join ','
(Get-ChildItem -Filter *.txt -Name) -join ','
(Get-ChildItem sub -Filter *.log -Name) -join ','
(Get-ChildItem -Path . -Filter 'name*' -Recurse -Name) -join ','
(Get-ChildItem *.txt -Name) -join ','
(Get-ChildItem *.txt -Recurse -Name) -join ','
(Get-ChildItem -Include *.txt -Name) -join ','
(Get-ChildItem ./* -Include *.txt -Name) -join ','
(Get-ChildItem ./* -Exclude *.txt -Name) -join ','
(Get-ChildItem -Recurse -Include *.log, *.txt -Exclude a* -Name) -join ','
(Get-ChildItem -Hidden -Name) -join ','
(Get-ChildItem a.txt).FullName -eq "$root/a.txt"
$dirs = foreach ($i in Get-ChildItem sub) { if ($i.PSIsContainer) { $i.Name } }
$dirs -join ','
(Get-ChildItem -LiteralPath sub).Name -join ','
@(Get-ChildItem -Path sub/x/y/z).Count
Get-ChildItem nothing -ErrorAction SilentlyContinue; Show-Error $Error[0]

# Copy-Item: files, into directories, trees with -Recurse, over itself
Copy-Item a.txt a2.txt
Get-Content a2.txt
Copy-Item a.txt sub
Test-Path sub/a.txt
Copy-Item sub sub2
(Get-ChildItem sub2 -Force -Name) -join ','
Copy-Item sub sub3 -Recurse
(Get-ChildItem sub3 -Recurse -Name) -join ','
Copy-Item sub d2 -Recurse
(Get-ChildItem d2 -Name) -join ','
Set-Content a2.txt 'new'
Copy-Item a2.txt a.txt
Get-Content a.txt
(Copy-Item a.txt a3.txt -PassThru).Name
Copy-Item *.txt d2
(Get-ChildItem d2 -File -Name) -join ','
Copy-Item a.txt a.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
Copy-Item nothing.txt x.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
Copy-Item sub sub/inner -Recurse -ErrorAction SilentlyContinue; Show-Error $Error[0]
Copy-Item a.txt nodir/a.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]

# Move-Item and Rename-Item
Move-Item a3.txt moved.txt
"$(Test-Path a3.txt) $(Test-Path moved.txt)"
Move-Item moved.txt sub
Test-Path sub/moved.txt
Move-Item sub3 sub/
(Get-ChildItem sub -Directory -Name) -join ','
(Move-Item a2.txt a4.txt -PassThru).Name
Move-Item a4.txt a.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
Move-Item a4.txt a.txt -Force
Get-Content a.txt
Move-Item nothing.txt x -ErrorAction SilentlyContinue; Show-Error $Error[0]
Rename-Item a.txt renamed.txt
"$(Test-Path a.txt) $(Test-Path renamed.txt)"
(Rename-Item renamed.txt a.txt -PassThru).Name
Rename-Item sub2 sub4
(Get-ChildItem -Directory -Name) -join ','
Rename-Item a.txt 'name with spaces.txt' -ErrorAction SilentlyContinue; Show-Error $Error[0]
Rename-Item a.txt /elsewhere/b.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
Rename-Item a.txt "$root/c.txt"
Test-Path c.txt

# items down the pipeline bind to -LiteralPath through their PSPath
Get-Item sub/b.log | Get-Content
Get-ChildItem sub -Filter *.log | Copy-Item -Destination sub4
Get-ChildItem sub4 -File | Remove-Item
@(Get-ChildItem sub4 -File).Count

# Remove-Item: files, empty and full directories, wildcards, hidden items
Remove-Item c.txt
Test-Path c.txt
Remove-Item d2 -ErrorAction SilentlyContinue; Show-Error $Error[0]
Remove-Item d2 -Recurse
Test-Path d2
Remove-Item sub/x/y/z
Test-Path sub/x/y/z
Remove-Item *.txt
(Get-ChildItem -Force -Name) -join ','
Remove-Item * -Recurse
(Get-ChildItem -Force -Name) -join ','
Remove-Item * -Force
@(Get-ChildItem -Force).Count
Remove-Item nothing.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
@(Remove-Item nomatch*).Count

Set-Location /
Remove-Item $root
Test-Path $root
