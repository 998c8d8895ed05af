# object-where.ps1 - Where-Object: the script block form, every comparison
# statement form (-EQ ... -IsNot and their case-sensitive variants), the
# property-only truth form, hashtable keys, wildcards, -InputObject, and
# the errors for a missing value or a missing operator.
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
$dbs = @(
    [pscustomobject]@{Name = 'DB01'; Status = 'Healthy'; Queue = 0; Tags = @('a', 'b')}
    [pscustomobject]@{Name = 'db02'; Status = 'Failed'; Queue = 12; Tags = @('c')}
    [pscustomobject]@{Name = 'DB03'; Status = 'healthy'; Queue = 3; Tags = @()}
)
function Names { process { $_.Name } }
'script block: ' + ((1..10 | Where-Object { $_ % 3 -eq 0 }) -join ',')
'alias ?: ' + ((1..5 | ? { $_ -gt 3 }) -join ',')
'eq: ' + (($dbs | Where-Object Status -eq 'Healthy' | Names) -join ',')
'EQ named: ' + (($dbs | Where-Object -Property Status -EQ -Value 'healthy' | Names) -join ',')
'ieq: ' + (($dbs | Where-Object Status -ieq 'HEALTHY' | Names) -join ',')
'ceq: ' + (($dbs | Where-Object Status -ceq 'Healthy' | Names) -join ',')
'ne: ' + (($dbs | Where-Object Status -ne 'Healthy' | Names) -join ',')
'cne: ' + (($dbs | Where-Object Status -cne 'Healthy' | Names) -join ',')
'gt: ' + (($dbs | Where-Object Queue -gt 2 | Names) -join ',')
'cgt: ' + (($dbs | Where-Object Name -cgt 'DB02' | Names) -join ',')
'ge: ' + (($dbs | Where-Object Queue -ge 3 | Names) -join ',')
'lt: ' + (($dbs | Where-Object Queue -lt 3 | Names) -join ',')
'le: ' + (($dbs | Where-Object Queue -le 3 | Names) -join ',')
'clt: ' + (($dbs | Where-Object Name -clt 'db' | Names) -join ',')
'like: ' + (($dbs | Where-Object Name -like 'db*' | Names) -join ',')
'clike: ' + (($dbs | Where-Object Name -clike 'db*' | Names) -join ',')
'notlike: ' + (($dbs | Where-Object Name -notlike '*3' | Names) -join ',')
'cnotlike: ' + (($dbs | Where-Object Name -cnotlike 'DB*' | Names) -join ',')
'match: ' + (($dbs | Where-Object Name -match '^db0[13]$' | Names) -join ',')
'cmatch: ' + (($dbs | Where-Object Name -cmatch '^db' | Names) -join ',')
'notmatch: ' + (($dbs | Where-Object Status -notmatch 'ok|fail' | Names) -join ',')
'cnotmatch: ' + (($dbs | Where-Object Name -cnotmatch '^DB' | Names) -join ',')
'contains: ' + (($dbs | Where-Object Tags -contains 'B' | Names) -join ',')
'ccontains: ' + (($dbs | Where-Object Tags -ccontains 'B' | Names) -join ',')
'notcontains: ' + (($dbs | Where-Object Tags -notcontains 'b' | Names) -join ',')
'cnotcontains: ' + (($dbs | Where-Object Tags -cnotcontains 'B' | Names) -join ',')
'in: ' + (($dbs | Where-Object Status -in 'failed', 'unknown' | Names) -join ',')
'cin: ' + (($dbs | Where-Object Status -cin 'Failed', 'unknown' | Names) -join ',')
'notin: ' + (($dbs | Where-Object Queue -notin 0, 3 | Names) -join ',')
'cnotin: ' + (($dbs | Where-Object Status -cnotin 'Healthy' | Names) -join ',')
'is: ' + ((1, 'a', 2.5 | Where-Object Length -is 'int') -join ',')
'is [type]: ' + (('x', 'yy' | Where-Object Length -Is '[int]') -join ',')
'isnot: ' + ((1, 'a' | Where-Object Length -isnot [string]) -join ',')
'truth: ' + (($dbs | Where-Object Queue | Names) -join ',')
'truth of a collection: ' + (($dbs | Where-Object Tags | Names) -join ',')
'filter a collection: ' + (($dbs | Where-Object Tags -eq 'c' | Names) -join ',')
'hashtable key: ' + ((@{Name = 'h1'}, @{Name = 'h2'} | Where-Object Name -eq 'h2' | ForEach-Object { $_.Name }) -join ',')
'wildcard property: ' + (($dbs | Where-Object Que* -gt 10 | Names) -join ',')
'no such property: ' + (($dbs | Where-Object NoSuch -eq $null | Names) -join ',')
'null input: ' + (($null, 1 | Where-Object { $true }).Count)
'InputObject is one object: ' + (Where-Object -InputObject $dbs { $_.Count -eq 3 }).Count
'FilterScript named: ' + ((1..4 | Where-Object -FilterScript { $_ -band 1 }) -join ',')
Show-Failure { $dbs | Where-Object Status -eq }
Show-Failure { $dbs | Where-Object Status 'Healthy' }
'end'
