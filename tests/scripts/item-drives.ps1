# The Env:, Variable:, Function: and Alias: drives through the item cmdlets.
$env:EMSH_DRIVE_B = 'second'
$env:EMSH_DRIVE_A = 'first'
$answer = 42
function Get-DriveThing { 'thing' }
Set-Alias gdt Get-DriveThing

# Test-Path: the drive is a container, its items are leaves
Test-Path env:EMSH_DRIVE_A
Test-Path Env:\emsh_drive_a
Test-Path env:EMSH_DRIVE_NONE
Test-Path env:EMSH_DRIVE_*
Test-Path variable:answer
Test-Path variable:question
Test-Path function:Get-DriveThing
Test-Path alias:gdt
Test-Path alias:
Test-Path alias: -PathType Container
Test-Path alias:gdt -PathType Container
Test-Path Variable::answer

# Get-ChildItem and Get-Item: the objects of each drive, sorted by name
Get-ChildItem env:EMSH_DRIVE_* | Out-Host
Get-ChildItem env:EMSH_DRIVE_* -Name
(Get-Item env:EMSH_DRIVE_B).Value
Get-Item variable:answer | Out-Host
Get-ChildItem function:Get-Drive*, alias:gd? -Exclude gdr | Out-Host
Get-Item env:EMSH_DRIVE_NONE
'after the error'

# Remove-Item: each drive's items, with the checks they have
Remove-Item alias:gdt -WhatIf
Remove-Item alias:gdt
Test-Path alias:gdt
Remove-Item function:Get-DriveThing
Test-Path function:Get-DriveThing
Remove-Item variable:answer
"answer: [$answer]"
Remove-Item env:EMSH_DRIVE_A
"env: [$env:EMSH_DRIVE_A]"
Remove-Item alias:gci
Remove-Item alias:nothing
(Get-Alias gci).Definition

# a function's variable is removed where it lives
$outer = 'outer'
function Remove-Outer { Remove-Item variable:outer }
Remove-Outer
"outer: [$outer]"

# New-Item: each drive's item from a value, the new item written
New-Item env:EMSH_DRIVE_NEW -Value 'made' | Out-Host
New-Item -Path env: -Name EMSH_DRIVE_NEW -Value 'again'
(New-Item -Path env: -Name EMSH_DRIVE_NEW -Value 'again' -Force).Value
New-Item variable:made -Value 7 | Out-Host
$made * 6
New-Item alias:nd -Value Get-Date | Out-Host
New-Item function:Get-Made -Value { "made with $($args -join '+')" } | Out-Host
Get-Made 1 2
New-Item function:Get-FromText -Value "'from text'" | Out-Null
Get-FromText
New-Item variable:nothing
New-Item function:bad -Value 5
New-Item env:EMSH_DRIVE_WHATIF -Value 'no' -WhatIf
Test-Path env:EMSH_DRIVE_WHATIF
# made in a function's scope, gone with it
function Make-Inner { New-Item function:Get-Inner -Value { 'inner' } | Out-Null; Get-Inner }
Make-Inner
Test-Path function:Get-Inner

# Get-Content and Set-Content: what an item holds, through the providers' content reader and writer
$env:EMSH_DRIVE_CONTENT = 'alpha'
Get-Content env:EMSH_DRIVE_CONTENT
Set-Content env:EMSH_DRIVE_CONTENT 'beta'
$env:EMSH_DRIVE_CONTENT
Set-Content -Path Env:\EMSH_DRIVE_MADE -Value 'made by Set-Content'
Get-Content Env:EMSH_DRIVE_MADE
'one', 'two' | Set-Content env:EMSH_DRIVE_MADE
$env:EMSH_DRIVE_MADE
Set-Content env:EMSH_DRIVE_MADE $null
Test-Path env:EMSH_DRIVE_MADE
$list = 1, 2, 3
Get-Content variable:list
Get-Content variable:list -TotalCount 2
Get-Content variable:list -ReadCount 2 | ForEach-Object { $_ -join ',' }
Set-Content variable:pair 'a', 'b'
"$($pair.GetType().Name): $($pair -join '+')"
Set-Content variable:single 'one'
$single.GetType().Name
Set-Content variable:shown 5 -PassThru
Get-Content function:Get-Made
Set-Content function:Get-Written { 'written' }
Get-Written
Get-Content alias:gci
Set-Content alias:sc1 Get-ChildItem
(Get-Alias sc1).Definition
Set-Content env:EMSH_DRIVE_CONTENT 'no' -WhatIf
Get-Content env:
Get-Content env:EMSH_DRIVE_ABSENT
Get-Content variable:list -Tail 1
Add-Content env:EMSH_DRIVE_CONTENT 'more'
$env:EMSH_DRIVE_CONTENT
Clear-Content env:EMSH_DRIVE_CONTENT
Set-Content env: 'x'
Get-Content env:EMSH_DRIVE_CONTENT
