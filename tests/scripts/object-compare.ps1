# object-compare.ps1 - Compare-Object: SideIndicator <=, => and ==, the
# sync window, -IncludeEqual, -ExcludeDifferent, -CaseSensitive, -Property,
# -PassThru, pipeline input as the difference set, empty sets, and custom
# objects without -Property (they compare equal, as in PowerShell).
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
function Show { process { "$($_.InputObject) $($_.SideIndicator)" } }
'basic:'
Compare-Object 'a', 'b', 'c' 'b', 'c', 'd' | Show
'alias diff: ' + ((diff 1, 2 2, 3 | Show) -join ', ')
'include equal: ' + ((Compare-Object 'a', 'b' 'a', 'B' -IncludeEqual | Show) -join ', ')
'case-sensitive: ' + ((Compare-Object 'a', 'b' 'a', 'B' -CaseSensitive | Show) -join ', ')
'exclude different: ' + ((Compare-Object 1, 2, 3 2, 3, 4 -ExcludeDifferent | Show) -join ', ')
'exclude different, not equal: [' + ((Compare-Object 1, 2, 3 2, 3, 4 -ExcludeDifferent -IncludeEqual:$false | Show) -join ', ') + ']'
'sync window 0: ' + ((Compare-Object 1, 2, 3, 4 4, 3, 2, 1 -SyncWindow 0 | Show) -join ', ')
'sync window 1: ' + ((Compare-Object 1, 2, 3, 4 4, 3, 2, 1 -SyncWindow 1 | Show) -join ', ')
'default window: ' + @(Compare-Object 1, 2, 3, 4 4, 3, 2, 1).Count
$r = [pscustomobject]@{Name = 'A'; Size = 1}, [pscustomobject]@{Name = 'B'; Size = 2}
$d = [pscustomobject]@{Name = 'A'; Size = 1}, [pscustomobject]@{Name = 'B'; Size = 3}
'property: ' + ((Compare-Object $r $d -Property Name, Size | ForEach-Object { "$($_.Name) $($_.Size) $($_.SideIndicator)" }) -join ', ')
'result properties: ' + ((Compare-Object $r $d -Property Size)[0].PSObject.Properties.Name -join ',')
'custom objects compare equal: ' + @(Compare-Object $r $d).Count
'pass thru: ' + ((Compare-Object $r $d -Property Size -PassThru | ForEach-Object { "$($_.Name) $($_.SideIndicator) $($_.PSTypeNames[0])" }) -join ', ')
'script block property: ' + ((Compare-Object 'aa', 'b' 'cc', 'dd' -Property { $_.Length } | ForEach-Object { "$($_.' $_.Length ') $($_.SideIndicator)" }) -join ', ')
'pipeline: ' + (('x', 'y' | Compare-Object -ReferenceObject 'y', 'z' | Show) -join ', ')
'empty reference: ' + ((Compare-Object @() 'a' | Show) -join ', ')
'empty difference: ' + ((Compare-Object 'a' @() | Show) -join ', ')
Show-Failure { Compare-Object $null 'a' }
Show-Failure { Compare-Object 'a' 'b' -SyncWindow -1 }
'end'
