# Dictionary[TKey,TValue]: construction, ordinal keys, converted values,
# .NET's methods and messages, enumeration and display as in PowerShell 5.1.

# construction: New-Object, ::new() and a type literal's constraint
$d = New-Object 'System.Collections.Generic.Dictionary[string,int]'
$o = [System.Collections.Generic.Dictionary[string,object]]::new()
[System.Collections.Generic.Dictionary[string,int]]$c = $d
$d.GetType().Name
$d.GetType().FullName
"$($o.GetType())"
$l = New-Object 'System.Collections.Generic.List[string]'
'{0} {1}' -f $l.GetType().Name, $l.GetType()
$d -is [System.Collections.Generic.Dictionary[string,int]]
$d -is [System.Collections.IDictionary]
$d -is [hashtable]
$d.Count

# keys are ordinal: 'a' and 'A' are two keys, unlike a hashtable's
$d['a'] = 1
$d['A'] = '2'
$d.Add('b', 3)
$d.Count
$d['a'] + $d['A'] + $d.b
$null -eq $d['zz']
$null -eq $d.zz
$c.Count

# values and keys convert to TValue and TKey, or fail as PowerShell does
try { $d['x'] = 'abc' } catch { $_.Exception.Message }
try { $d.Add('y', 'abc') } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
try { $d.Add('a', 5) } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
try { $d.Add($null, 5) } catch { $_.Exception.Message }
$n = New-Object 'System.Collections.Generic.Dictionary[int,string]'
$n[1] = 'one'
$n['2'] = 2
$n.Keys | ForEach-Object { $_.GetType().Name }
$n.Values | ForEach-Object { $_.GetType().Name }
try { $n['two'] = 'x' } catch { $_.Exception.Message }
try { [System.Collections.Generic.Dictionary[string,int]]@{a = 1} } catch { $_.Exception.Message }

# methods
$v = -1
$d.TryGetValue('b', [ref]$v)
$v
$d.TryGetValue('B', [ref]$v)
$v
$s = 'unset'
$o.TryGetValue('none', [ref]$s)
$null -eq $s
try { $d.TryGetValue('b', $v) } catch { $_.Exception.Message }
$d.Item('b')
@{k = 'v'}.Item('K')
$d.ContainsKey('A')
$d.ContainsKey('B')
$d.ContainsValue(3)
$d.ContainsValue(7)
$d.Remove('A')
$d.Remove('A')
$d.Keys -join ','
$d.Values -join ','

# enumeration: one object in the pipeline, KeyValuePairs from GetEnumerator()
@($d).Count
($d | Measure-Object).Count
$d.GetEnumerator() | ForEach-Object { '{0}={1}' -f $_.Key, $_.Value }
$p = @($d.GetEnumerator())[0]
$p.GetType().Name
$p.ToString()
"$d"

# display: the Key/Value table of its KeyValuePairs
$d | Out-String
$o.Name = 'mailbox'
$o.Sizes = 1, 2
$o | Out-String
[pscustomobject]@{Map = $d} | Out-String
$d | ConvertTo-Json

# a Hashtable from it is case-insensitive again
[hashtable]$h = $d
$h.GetType().Name
$h['B']

# + gives a new Hashtable of both (HashtableOps.Add), leaving the operands as they were
$sum = $d + @{c = 4}
$sum.GetType().Name
$sum['C'] + $sum['a']
$d.Count
$t = @{x = 1}
$u = $t + @{y = 2}
'{0} {1}' -f $t.Count, $u.Count
$d['B'] = 5
try { $d + @{} } catch { $_.Exception.Message }
$null = $d.Remove('B')

$d.Clear()
$d.Count
try { $d.Clone() } catch { $_.Exception.Message }
