# date-cmdlets.ps1 - Get-Date, New-TimeSpan, Start-Sleep and Get-Random (cmdlets/c_date.c).
# Dates are given explicitly so the output does not depend on the clock; the
# runner sets EMSH_CLOCK=virtual, so Start-Sleep must return at once and move
# Get-Date on by the time slept.

# -Format: .NET custom and standard formats in en-US, and the FileDate forms
$d = Get-Date -Date '2026-11-22 14:05:09.1234567'
Get-Date -Date $d -Format 'yyyy-MM-dd HH:mm:ss.fff'
Get-Date -Date $d -Format 'dddd, MMMM d, yyyy h:mm tt'
Get-Date -Date $d -Format d
Get-Date -Date $d -Format FileDate
Get-Date -Date $d -Format FileDateTime
(Get-Date -Date $d -Format 'yyyy').GetType().FullName

# -UFormat: every specifier of 5.1's table
Get-Date -Date $d -UFormat '%A|%a|%B|%b|%h|%C|%D|%d|%e|%H|%I|%j|%k|%l|%M|%m|%p|%R|%r|%S|%T|%X|%u|%U|%V|%G|%g|%W|%w|%x|%y|%Y'
Get-Date -Date $d -UFormat '%c'
Get-Date -Date '2026-01-05' -UFormat '+%e/%j [%t] %q %%'
Get-Date -Date '1970-01-02 00:00:00' -UFormat '%s'
(Get-Date -Date '2026-03-04' -UFormat "%Y%n%m") -split "`n" -join ','

# replacing parts, in 5.1's order: years, months, days ... (Feb 30 becomes Mar 2)
(Get-Date -Date '2024-01-31 10:00' -Month 2 -Day 30).ToString('yyyy-MM-dd HH:mm')
(Get-Date -Date '2024-02-29' -Year 2023).ToString('yyyy-MM-dd')
(Get-Date -Date '2026-11-22 14:05:09.987' -Hour 0 -Minute 1 -Second 2 -Millisecond 3).ToString('HH:mm:ss.fffffff')
(Get-Date -Year 2030 -Month 1 -Day 1 -Hour 0 -Minute 0 -Second 0 -Millisecond 0).ToString('o').Substring(0, 23)
$x = Get-Date -Date '2026-05-06'
"$($x.GetType().FullName) $($x.Kind) $($x.DayOfWeek)"
(Get-Date).Kind
'2026-07-08' | Get-Date -Format 'MM/dd'

# -UnixTimeSeconds (PowerShell 7): the local time of that instant
(Get-Date -UnixTimeSeconds 0).ToUniversalTime().ToString('yyyy-MM-dd HH:mm:ss')
Get-Date -UnixTimeSeconds 86400 -Format 'yyyy' -ErrorAction Stop

# errors: a part out of range, a bad format
# (the FullyQualifiedErrorId is shown up to its comma: 5.1 appends the command's .NET type)
try { Get-Date -Month 13 } catch { "$($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }
try { Get-Date -Millisecond -1 } catch { $_.Exception.Message }
try { Get-Date -Date $d -UFormat '{x}' } catch { "$($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }
try { Get-Date -Date $d -UFormat '%' } catch { "$($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }

# New-TimeSpan
(New-TimeSpan -Hours 1 -Minutes 30).TotalMinutes
"$(New-TimeSpan -Days 2 -Hours 3 -Minutes 4 -Seconds 5 -Milliseconds 6)"
(New-TimeSpan -Start '2026-01-01' -End '2026-03-01').Days
"$(New-TimeSpan -Start '2026-03-01 12:00' -End '2026-03-01 08:30')"
(New-TimeSpan '2026-01-01' '2026-01-02').TotalHours
(New-TimeSpan).Ticks
(New-TimeSpan -Seconds 90).GetType().FullName
(Get-Date -Date '2026-01-01' | New-TimeSpan -End '2026-01-11').Days

# Start-Sleep under the virtual clock: no real wait, and Get-Date moves on
$t0 = Get-Date
Start-Sleep -Seconds 3600
Start-Sleep -Milliseconds 1500
sleep 2
$slept = ((Get-Date) - $t0).TotalSeconds
$slept -ge 3603.5 -and $slept -lt 3700
try { Start-Sleep -Seconds -1 } catch { $_.Exception.Message }

# Get-Random: the documented seeded sequence (example 9 of the 5.1 help)
Get-Random -Maximum 100 -SetSeed 23
Get-Random -Maximum 100
Get-Random -Maximum 100
Get-Random -Maximum 100
# the same seed gives the same numbers; the seed carries on to later calls
$a = @(Get-Random -SetSeed 7; Get-Random; Get-Random -Minimum 5 -Maximum 10)
$b = @(Get-Random -SetSeed 7; Get-Random; Get-Random -Minimum 5 -Maximum 10)
($a -join ',') -eq ($b -join ',')
# types and ranges of the integer, Int64 and double forms
(Get-Random -Minimum -100 -Maximum 100).GetType().Name
(Get-Random -Maximum 10000000000).GetType().Name
(Get-Random -Minimum 10.7 -Maximum 20.93).GetType().Name
$ok = $true
foreach ($i in 1..200) {
    $n = Get-Random -Minimum -3 -Maximum 3
    if ($n -lt -3 -or $n -ge 3) { $ok = $false }
    $f = Get-Random -Minimum 0.5 -Maximum 0.75
    if ($f -lt 0.5 -or $f -ge 0.75) { $ok = $false }
    $l = Get-Random -Minimum 5000000000 -Maximum 5000000003
    if ($l -lt 5000000000 -or $l -ge 5000000003) { $ok = $false }
}
$ok
(Get-Random -Maximum '10').GetType().Name
# choosing items: -InputObject, -Count, piped input, an array as -Maximum
$picked = Get-Random -InputObject 1, 2, 3, 5, 8, 13 -Count 3
$seen = @{}
foreach ($p in $picked) { $seen[$p] = 1 }
"$($picked.Count) $($seen.Count)"
$all = 1, 2, 3, 5, 8, 13 | Get-Random -Count ([int]::MaxValue)
$sum = 0
foreach ($n in $all) { $sum += $n }
"$($all.Count) $sum"
@('red', 'yellow', 'blue' | Get-Random).Count
@(Get-Random 'a', 'b', 'c').Count
try { Get-Random -Minimum 5 -Maximum 5 } catch { "$($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }
try { Get-Random -Minimum 2.5 -Maximum 1 } catch { $_.Exception.Message }
try { Get-Random -InputObject 1, 2 -Count 0 } catch { $_.Exception.Message }
