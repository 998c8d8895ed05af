# object-select.ps1 - Select-Object: -First, -Last, -Skip, -SkipLast,
# -Index, -Unique (case-sensitive), properties by name, wildcard and
# calculated property, -ExcludeProperty, -ExpandProperty with -Property,
# the Selected.<type> type name, stopping the commands before it, and the
# errors of property selection.
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
$dbs = @(
    [pscustomobject]@{Name = 'DB01'; Server = 'MBX1'; Size = 10}
    [pscustomobject]@{Name = 'DB02'; Server = 'MBX2'; Size = 30}
    [pscustomobject]@{Name = 'DB03'; Server = 'MBX1'; Size = 20}
)
'first: ' + ((1..10 | Select-Object -First 3) -join ',')
'last: ' + ((1..10 | Select-Object -Last 3) -join ',')
'skip: ' + ((1..10 | Select-Object -Skip 7) -join ',')
'first skip: ' + ((1..10 | Select-Object -First 2 -Skip 3) -join ',')
'last skip: ' + ((1..10 | Select-Object -Last 2 -Skip 1) -join ',')
'first and last: ' + ((1..10 | Select-Object -First 1 -Last 1) -join ',')
'skiplast: ' + ((1..10 | Select-Object -SkipLast 8) -join ',')
'index: ' + ((1..10 | Select-Object -Index 9, 0, 4, 4) -join ',')
'first 0: ' + @(1..5 | Select-Object -First 0).Count
'unique: ' + (('a', 'b', 'A', 'a' | Select-Object -Unique) -join ',')
$seen = 0
'stops the commands before it: ' + ((1..1000 | Where-Object { $script:seen++; $true } | Select-Object -First 2) -join ',') + " after $seen"
$seen = 0
'index stops them too: ' + ((1..1000 | Where-Object { $script:seen++; $true } | Select-Object -Index 1) -join ',') + " after $seen"
$seen = 0
$null = 1..1000 | Where-Object { $script:seen++; $true } | Select-Object -First 2 -Wait
"with -Wait: $seen"
$s = $dbs | Select-Object Name, Size
'properties: ' + ($s[0].PSObject.Properties.Name -join ',')
'type: ' + $s[0].PSTypeNames[0]
'values: ' + "$($s[1].Name) $($s[1].Size)"
'wildcard: ' + ($dbs[0] | Select-Object S* | ForEach-Object { $_.PSObject.Properties.Name -join '+' })
'exclude: ' + (($dbs | Select-Object * -ExcludeProperty Size)[0].PSObject.Properties.Name -join ',')
'calculated: ' + (($dbs | Select-Object @{n = 'DB'; e = 'Name'}, @{Label = 'KB'; Expression = {$_.Size * 1024}})[2] | ForEach-Object { "$($_.DB)=$($_.KB)" })
'script name: [' + ($dbs[0] | Select-Object { $_.Size + 1 } | ForEach-Object { $_.PSObject.Properties.Name }) + ']'
'case of the object: ' + ($dbs | Select-Object name)[0].PSObject.Properties.Name
'missing property: ' + ($dbs | Select-Object NoSuch)[0].PSObject.Properties.Name + ' ' + ($null -eq ($dbs | Select-Object NoSuch)[0].NoSuch)
'string length: ' + ('abc' | Select-Object Length).Length
'scalar type: ' + ('abc' | Select-Object Length).PSTypeNames[0]
'expand: ' + (($dbs | Select-Object -ExpandProperty Name) -join ',')
'expand a list: ' + (([pscustomobject]@{N = 'x'; List = 1, 2, 3} | Select-Object -ExpandProperty List) -join ',')
$e = [pscustomobject]@{Name = 'Outer'; Items = @([pscustomobject]@{V = 1}, [pscustomobject]@{V = 2})} |
    Select-Object -ExpandProperty Items -Property Name
'expand with property: ' + (($e | ForEach-Object { "$($_.V)/$($_.Name)" }) -join ',')
'unique selection: ' + (($dbs | Select-Object Server -Unique | ForEach-Object Server) -join ',')
'hashtable keys are not properties: [' + (@{A = 1} | Select-Object A).A + ']'
Show-Failure { $dbs | Select-Object -ExpandProperty NoSuch -ErrorAction Stop }
Show-Failure { $dbs | Select-Object @{n = 'x'; e = 'Name'; w = 5} }
Show-Failure { $dbs | Select-Object @{n = 'x'} }
Show-Failure { $dbs | Select-Object @{n = 1; e = 'Name'} }
Show-Failure { $dbs | Select-Object @{n = 'x'; e = 1} }
Show-Failure { $dbs | Select-Object @{n = 'x'; label = 'y'; e = 'Name'} }
Show-Failure { $dbs | Select-Object '' }
Show-Failure { $dbs[0] | Select-Object Name, name -ErrorAction Stop }
Show-Failure { $dbs[0] | Select-Object @{n = 'x'; e = 'S*'} -ErrorAction Stop }
Show-Failure { 1..3 | Select-Object -First -1 }
'end'
