# object-sort.ps1 - Sort-Object: numbers, strings in culture order (case
# ignored unless -CaseSensitive), mixed types, several keys, script block
# and hashtable keys with their own direction, -Descending, -Unique, stable
# order of equal keys, $null input, missing properties sorting last, and
# the errors of -Property elements.
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
$dbs = @(
    [pscustomobject]@{Name = 'b'; Size = 2; Site = 'X'}
    [pscustomobject]@{Name = 'A'; Size = 10; Site = 'y'}
    [pscustomobject]@{Name = 'c'; Size = 2; Site = 'x'}
    [pscustomobject]@{Name = 'a'; Size = 1; Site = 'Y'}
)
function Names { process { $_.Name } }
'numbers: ' + ((3, 1, 10, 2 | Sort-Object) -join ',')
'alias: ' + ((3, 1, 2 | sort) -join ',')
'strings: ' + (('10', '9', '100' | Sort-Object) -join ',')
'case ignored, stable: ' + (('b', 'B', 'a', 'A' | Sort-Object) -join ',')
'case-sensitive: ' + (('B', 'b', 'A', 'a' | Sort-Object -CaseSensitive) -join ',')
'mixed: ' + ((5, 'b', 1, 'a' | Sort-Object) -join ',')
'by property: ' + (($dbs | Sort-Object Size | Names) -join ',')
'two keys: ' + (($dbs | Sort-Object Size, Name | Names) -join ',')
'descending, stable: ' + (($dbs | Sort-Object Size -Descending | Names) -join ',')
'hashtable keys: ' + (($dbs | Sort-Object @{Expression = 'Size'; Descending = $true}, @{e = 'Name'; Ascending = $true} | Names) -join ',')
'overrides -Descending: ' + (($dbs | Sort-Object @{e = 'Size'; Ascending = $true} -Descending | Names) -join ',')
'script block: ' + (($dbs | Sort-Object { $_.Name.ToUpper() } | Names) -join ',')
'unique: ' + (($dbs | Sort-Object Site -Unique | ForEach-Object Site) -join ',')
'unique numbers: ' + ((1, 2, 2, 3, 1 | Sort-Object -Unique) -join ',')
'nulls dropped: ' + ((1, $null, 2 | Sort-Object) -join ',')
'no such property: ' + (($dbs | Sort-Object NoSuch | Names) -join ',')
'missing last: ' + (($dbs + [pscustomobject]@{Other = 1} | Sort-Object Name | ForEach-Object { if ($_.Name) { $_.Name } else { 'none' } }) -join ',')
'missing last, descending: ' + (($dbs + [pscustomobject]@{Other = 1} | Sort-Object Name -Descending | ForEach-Object { if ($_.Name) { $_.Name } else { 'none' } }) -join ',')
'dates: ' + (([datetime]'2020-01-02', [datetime]'2019-05-01' | Sort-Object | ForEach-Object Year) -join ',')
'wildcard: ' + (($dbs | Sort-Object Si* | Names) -join ',')
'string lengths: ' + (('ccc', 'a', 'bb' | Sort-Object Length -Descending) -join ',')
'InputObject is one object: ' + (Sort-Object -InputObject 3, 1, 2).Count
Show-Failure { $dbs | Sort-Object -Property 1 }
Show-Failure { $dbs | Sort-Object @{Expression = 'Size'; Descending = $true; Color = 'red'} }
Show-Failure { $dbs | Sort-Object @{Descending = $true} }
Show-Failure { $dbs | Sort-Object @{e = $null} }
Show-Failure { $dbs | Sort-Object @{1 = 'x'} }
'end'
