# object-new.ps1 - New-Object: PSObject and PSCustomObject with -Property,
# collections, typed arrays, exceptions, dates, time spans, value types,
# and the errors for an unknown type, a missing constructor, COM and a
# property the object does not have.
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
$o = New-Object PSObject -Property @{Name = 'DB01'}
'psobject: ' + $o.Name + ' ' + $o.PSTypeNames[0]
$o = New-Object -TypeName PSCustomObject -Property ([ordered]@{A = 1; B = 2})
'pscustomobject: ' + ($o.PSObject.Properties.Name -join ',') + ' ' + $o.PSTypeNames[0]
'hashtable: ' + (New-Object System.Collections.Hashtable).GetType().FullName
'ordered: ' + (New-Object System.Collections.Specialized.OrderedDictionary).GetType().FullName
$l = New-Object System.Collections.ArrayList
$null = $l.Add('x')
'arraylist: ' + $l.GetType().FullName + ' ' + $l.Count
$gl = New-Object 'System.Collections.Generic.List[int]'
$gl.Add(5)
'generic list: ' + $gl.Count + ' ' + $gl[0]
$a = New-Object 'int[]' 3
'typed array: ' + "$($a.Count) [$($a -join ',')] $($a.GetType().FullName)"
'exception: ' + (New-Object System.Exception 'boom').Message
$e = New-Object System.InvalidOperationException 'bad state'
'derived exception: ' + $e.GetType().FullName + ' ' + ($e -is [System.SystemException])
'default message: ' + (New-Object System.ArgumentException).Message
'datetime: ' + (New-Object DateTime 2020, 5, 17).ToString('yyyy-MM-dd')
'timespan: ' + (New-Object TimeSpan 1, 2, 3).TotalMinutes
'int: ' + (New-Object int)
'args alias: ' + (New-Object -TypeName System.Exception -Args 'via args').Message
Show-Failure { New-Object System.No.Such.Type }
Show-Failure { New-Object int 5 }
Show-Failure { New-Object -ComObject Word.Application }
Show-Failure { New-Object System.Exception -Property @{Color = 'red'} }
'end'
