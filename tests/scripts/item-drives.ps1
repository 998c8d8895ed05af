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
