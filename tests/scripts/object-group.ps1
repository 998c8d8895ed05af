# object-group.ps1 - Group-Object: GroupInfo records (Count, Name, Group,
# Values) in the order groups first appear, case-insensitive unless
# -CaseSensitive, several properties and script blocks, -NoElement,
# -AsHashTable with and without -AsString, and the errors.
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
$dbs = @(
    [pscustomobject]@{Name = 'b'; Size = 2; Site = 'X'}
    [pscustomobject]@{Name = 'A'; Size = 10; Site = 'y'}
    [pscustomobject]@{Name = 'c'; Size = 2; Site = 'x'}
    [pscustomobject]@{Name = 'a'; Size = 1; Site = 'Y'}
)
$g = $dbs | Group-Object Site
$g | ForEach-Object { "$($_.Name) $($_.Count) $(($_.Group | ForEach-Object Name) -join '+')" }
'type: ' + $g[0].PSTypeNames[0]
'values: ' + $g[0].Values[0] + ' ' + $g[0].Values.GetType().FullName
'properties: ' + ($g[0].PSObject.Properties.Name -join ',')
'alias: ' + (('a', 'b', 'a' | group | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ',')
'case-sensitive: ' + (($dbs | Group-Object Site -CaseSensitive | ForEach-Object Name) -join ',')
'two properties: ' + (($dbs | Group-Object Size, Site | ForEach-Object Name) -join ';')
'script block: ' + (($dbs | Group-Object { $_.Size -gt 1 } | ForEach-Object { "$($_.Name):$($_.Count)" }) -join ',')
'collection value: ' + (([pscustomobject]@{T = 1, 2}, [pscustomobject]@{T = 1, 2} | Group-Object T | ForEach-Object { "$($_.Name) x$($_.Count)" }))
'no element: ' + (($dbs | Group-Object Size -NoElement | ForEach-Object { "$($_.Name)/$($_.Count)/$($_.Group.Count)" }) -join ',')
'no element type: ' + (($dbs | Group-Object Size -NoElement)[0].PSTypeNames -join ',')
$h = $dbs | Group-Object Size -AsHashTable
'hashtable: ' + $h.GetType().FullName + ' ' + $h[2].Count + ' ' + (($h.Keys | Sort-Object) -join ',')
'typed keys: ' + ($h.Keys | ForEach-Object { $_.GetType().Name } | Select-Object -First 1)
$hs = $dbs | Group-Object Size, Site -AsHashTable -AsString
'as string: ' + (($hs.Keys | Sort-Object) -join ';') + ' ' + $hs['10, y'][0].Name
'no such property: ' + (($dbs | Group-Object NoSuch | ForEach-Object { "[$($_.Name)] $($_.Count)" }))
'no input: ' + @(@() | Group-Object Name).Count
Show-Failure { $dbs | Group-Object Size, Site -AsHashTable }
Show-Failure { $dbs | Group-Object Size -AsString }
Show-Failure { $dbs | Group-Object S* }
try { 'a', 'A' | Group-Object -AsHashTable -CaseSensitive -ErrorAction Stop } catch { 'duplicate keys: ' + $_.Exception.Message }
'end'
# the default views of GroupInfo and GroupInfoNoElement
1, 1, 2 | Group-Object | Out-Host
'b', 'a', 'b' | Group-Object -NoElement | Out-Host
