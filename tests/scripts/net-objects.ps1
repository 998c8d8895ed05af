# System.Text.StringBuilder and System.Diagnostics.Stopwatch: objects that keep state between calls
$sb = New-Object System.Text.StringBuilder
[void]$sb.Append('Hello')
$null = $sb.Append(', ').Append('world')
$sb.ToString()
"$sb"
$sb.Length
$sb.Capacity
$sb
[void]$sb.AppendLine()
[void]$sb.AppendLine('line two')
[void]$sb.AppendFormat('{0} + {1} = {2:N1}', 1, 2, 3)
$sb.ToString()
[void]$sb.Clear()
$sb.Length
[void]$sb.Append('-', 10)
$sb.ToString()
$sb2 = [System.Text.StringBuilder]::new('abcdef')
[void]$sb2.Insert(3, 'XYZ').Remove(0, 1).Replace('XYZ', '_')
$sb2.ToString()
$sb2.ToString(1, 2)
$sb2.Length = 2
"[$sb2]"
$sb3 = New-Object System.Text.StringBuilder 100
$sb3.Capacity
$big = [System.Text.StringBuilder]::new()
1..10 | ForEach-Object { [void]$big.Append('0123456789') }
"$($big.Length) $($big.Capacity)"
$sb2.Remove(5, 1)
$sb2.Insert(99, 'x')
$sw = [System.Diagnostics.Stopwatch]::StartNew()
$sw.IsRunning
$sw.Elapsed.GetType().Name
$sw.Stop()
$e1 = $sw.ElapsedTicks
Start-Sleep -Milliseconds 5
$e1 -eq $sw.ElapsedTicks
$sw.IsRunning
$sw.Reset()
$sw.ElapsedMilliseconds
$w = New-Object System.Diagnostics.Stopwatch
$w.IsRunning
$w.Start(); $w.IsRunning
[System.Diagnostics.Stopwatch]::Frequency
[System.Diagnostics.Stopwatch]::IsHighResolution
$sw.Elapsed = 5
$sw | Get-Member -MemberType Property | ForEach-Object Name
# a report built the way scripts build them
$report = New-Object System.Text.StringBuilder
foreach ($db in 'DB01', 'DB02') { [void]$report.AppendFormat('<tr><td>{0}</td></tr>', $db).AppendLine() }
$report.ToString().TrimEnd()
# the builder is shared, as objects are
$alias = $report
[void]$alias.Clear()
$report.Length
'done'
