# $MyInvocation in a function and in the script
function Show-Me { "$($MyInvocation.MyCommand.Name) called at line $($MyInvocation.ScriptLineNumber)" }
Show-Me
[System.IO.Path]::GetFileName($MyInvocation.MyCommand.Path)
[System.IO.Path]::GetFileName($PSCommandPath)
$PSScriptRoot -eq [System.IO.Path]::GetDirectoryName($PSCommandPath)
# $Host
$Host.Name
$Host.UI.RawUI.WindowSize.Width
# $args of the script, $true/$false/$null are constants
$args.Count
$PSVersionTable.PSVersion
# $Error holds the newest error first
$Error.Clear()
try { throw 'first' } catch { }
try { throw 'second' } catch { }
"$($Error[0])"
$Error.Count
# a script block with param and $args
& { param($x) "x=$x; args=$($args -join ',')" } 1 2 3
