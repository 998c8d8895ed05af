# object-measure.ps1 - Measure-Object: Count, Sum, Average, Maximum,
# Minimum (GenericMeasureInfo, or GenericObjectMeasureInfo for values that
# are not numbers), properties with wildcards, TextMeasureInfo for -Line,
# -Word, -Character and -IgnoreWhiteSpace, $null input, and the errors.
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
$m = 1..10 | Measure-Object -Sum -Average -Maximum -Minimum
"$($m.Count) $($m.Sum) $($m.Average) $($m.Maximum) $($m.Minimum) [$($m.Property)]"
'types: ' + ($m.PSTypeNames -join ',')
'properties: ' + ($m.PSObject.Properties.Name -join ',')
'sum type: ' + $m.Sum.GetType().Name + ', count type: ' + $m.Count.GetType().Name
$m = 1..10 | measure
'count only: ' + "$($m.Count) [$($m.Sum)] [$($m.Average)] [$($m.Maximum)]"
'empty: ' + (@() | Measure-Object).Count
$m = 1, 2.5, '3' | Measure-Object -Sum -Average
'converted: ' + "$($m.Sum) $($m.Average)"
$m = 'b', 'a', 'c' | Measure-Object -Maximum -Minimum
'strings: ' + "$($m.Maximum) $($m.Minimum) $($m.PSTypeNames[0])"
$m = '10', '9' | Measure-Object -Maximum
'numeric strings: ' + "$($m.Maximum) $($m.PSTypeNames[0])"
'nulls are skipped: ' + (1, $null, 3 | Measure-Object).Count
$objs = [pscustomobject]@{Size = 10; Len = 2}, [pscustomobject]@{Size = 30; Len = 4}, [pscustomobject]@{Len = 6}
$objs | Measure-Object -Property Size, Len -Sum -Maximum | ForEach-Object { "$($_.Property): $($_.Count) $($_.Sum) $($_.Maximum)" }
$r = $objs | Measure-Object S* -Average
'wildcard: ' + "$($r.Property) $($r.Average)"
$t = "one two`nthree", 'four  five' | Measure-Object -Line -Word -Character
'text: ' + "$($t.Lines) $($t.Words) $($t.Characters) $($t.PSTypeNames[0])"
'text properties: ' + ($t.PSObject.Properties.Name -join ',')
$t = ' a b ' | Measure-Object -Character -IgnoreWhiteSpace
'ignore white space: ' + "$($t.Characters) [$($t.Lines)] [$($t.Words)]"
'filtered: ' + (1..1000 | Where-Object { $_ % 3 -eq 0 } | Measure-Object).Count
$m = 5, 'x', 1 | Measure-Object -Sum -ErrorAction SilentlyContinue -ErrorVariable bad
'after non-numeric: ' + "count=$($m.Count) sum=[$($m.Sum)] errors=$($bad.Count) $($bad[0].FullyQualifiedErrorId.Split(',')[0])"
Show-Failure { 5, 'x' | Measure-Object -Average -ErrorAction Stop }
Show-Failure { $objs | Measure-Object -Property NoSuch -ErrorAction Stop }
Show-Failure { @{Size = 1} | Measure-Object Size -ErrorAction Stop }
Show-Failure { $objs | Measure-Object -Property NoSuch -Word -ErrorAction Stop }
$t = $objs | Measure-Object -Property Size -Line
'lines of a property: ' + "$($t.Lines) [$($t.Words)] $($t.Property)"
'end'
