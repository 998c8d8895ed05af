# format-default.ps1 - what Out-Default shows for each kind of object when
# nothing says how to format it: Windows PowerShell 5.1's default views.
# Each statement pipes to Out-Default so that it gets its own formatting,
# as a line typed at the console does. Expected lines keep 5.1's padding
# (cells are padded to their column width, also in the last column).
$env:COLUMNS = 120
# scalars print as their ToString, one per line
'a string' | Out-Default
42, 3.5, $true | Out-Default
([datetime]'2026-11-22').DayOfWeek | Out-Default
'' | Out-Default
'after an empty line' | Out-Default
# $null and empty collections print nothing
$null | Out-Default
@() | Out-Default
'after nothing' | Out-Default
# up to four properties: a table sized from the objects
[pscustomobject]@{Name = 'DB01'; Copies = 2} | Out-Default
[pscustomobject]@{a = 1; b = 'two'; c = $false; d = 4.5} | Out-Default
# five or more: a list
[pscustomobject]@{a = 1; b = 2; c = 3; d = 4; e = 5} | Out-Default
# a hashtable: its entries as Name/Value, Name 30 wide
[ordered]@{Name = 'DB01'; Server = 'MBX1'} | Out-Default
# a DateTime alone: the long date and time
[datetime]'2026-11-22T14:05:09' | Out-Default
# a TimeSpan alone: its list view
[timespan]'7.00:00:00' | Out-Default
# a Guid and a type: their table views
[guid]'6f9619ff-8b86-d011-b42d-00c04fc964ff' | Out-Default
[int] | Out-Default
# an ErrorRecord written to the output shows the error display
try { 1 / 0 } catch { $err = $_ }
$err | Out-Default
# an array is shown element by element, one level deep
Write-Output -NoEnumerate @(1, 2, 3) | Out-Default
