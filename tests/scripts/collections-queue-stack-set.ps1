# Queue, Stack, their generic forms and HashSet[T]: .NET's methods and
# messages, enumeration order, and display as PowerShell 5.1 shows them.

# Queue: first in, first out
$q = New-Object System.Collections.Queue
$q.Enqueue('a')
$q.Enqueue(2)
$q.Enqueue('c')
$q.Count
$q.Peek()
$q.Dequeue()
$q
$q.Contains(2)
$q.Contains('C')
# a Queue has no Length: member enumeration gives its items' lengths
$lq = [System.Collections.Queue]::new()
$lq.Enqueue('abc')
$lq.Enqueue('de')
$lq.Length
$q.ToArray().GetType().FullName
$q.GetType().FullName
$q -is [System.Collections.ICollection]
$q.Clear()
$q.Count
try { $q.Dequeue() } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
try { $q.Peek() } catch { $_.Exception.Message }

# Stack: enumerated from the top
$s = New-Object System.Collections.Stack
$s.Push(1)
$s.Push(2)
$s.Push(3)
$s
$s.Pop()
$s.Peek()
$s.Count
$s.ToArray() -join ','
try { [System.Collections.Stack]::new().Pop() } catch { $_.Exception.Message }
try { $s[0] } catch { $_.Exception.Message }

# the generic forms convert their items to T
$gq = [System.Collections.Generic.Queue[int]]::new()
$gq.Enqueue('5')
$gq.Enqueue(6)
$gq | ForEach-Object { $_.GetType().Name }
try { $gq.Enqueue('x') } catch { $_.Exception.Message }
$gq.GetType().Name
$gq.GetType().FullName
"$($gq.GetType())"
$gs = New-Object 'System.Collections.Generic.Stack[string]'
$gs.Push('x')
$gs.Push('y')
$gs -join ','
try { [System.Collections.Generic.Stack[string]]::new().Peek() } catch { $_.Exception.Message }
$fromArray = [System.Collections.Generic.Stack[int]]::new([int[]](1, 2, 3))
$fromArray -join ','
[System.Collections.Generic.Queue[int]]$typed = $gq
$typed.Count

# HashSet: Add answers whether it added; strings are case-sensitive
$h = New-Object 'System.Collections.Generic.HashSet[string]'
$h.Add('a')
$h.Add('A')
$h.Add('a')
$h.Add('b')
$h.Count
$h
$h.Contains('B')
$h.Remove('A')
$h.Remove('A')
$h.UnionWith([string[]]('c', 'a', 'd'))
$h -join ','
$h.IntersectWith(@('a', 'd', 'z'))
$h -join ','
$h.ExceptWith(@('a'))
$h -join ','
foreach ($x in $h) { "item $x" }
@($h).Count
$n = [System.Collections.Generic.HashSet[int]]::new([int[]](3, 1, 3, 2))
$n -join ','
$n | ConvertTo-Json -Compress
$n.GetType().Name
try { $n.Add('x') } catch { $_.Exception.Message }
try { $n.UnionWith($null) } catch { $_.Exception.Message }
$n.Clear()
$n.Count

# CLIXML: the type's FullName; Queue and Stack as QUE and STK, the generic
# collections as IE, a Dictionary as DCT
$file = "/tmp/emsh-collections-$PID.xml"
$gd = [System.Collections.Generic.Dictionary[string,int]]::new()
$gd['k'] = 1
$st = New-Object System.Collections.Stack
$st.Push('x')
$st.Push('y')
$gq, $st, $gd | Export-Clixml $file
Get-Content $file | Select-String '<T>System.Collections|<(QUE|STK|IE|DCT)>' | ForEach-Object { $_.Line.Trim() }
Remove-Item $file
