# [regex] statics and Match objects (.NET numbers unnamed groups before named ones)
$m = [regex]::Match('DB01 on MBX2', '(?<db>DB\d+) on (\w+)')
$m.Success
$m.Value
$m.Groups['db'].Value
$m.Groups[1].Value
$m.Groups[2].Value
([regex]::Matches('a1b22c333', '\d+')).Value -join ','
[regex]::IsMatch('Mailbox', '^mail')
[regex]::IsMatch('Mailbox', '^mail', 'None')
[regex]::Replace('a-b-c', '-', '+')
[regex]::Split('a1b2c', '\d') -join '|'
[regex]::Escape('a.b*c')
[regex]::Unescape('a\.b')
# [convert]
[convert]::ToInt32('ff', 16)
[convert]::ToString(255, 2)
[convert]::ToBase64String([byte[]](104, 105))
([convert]::FromBase64String('aGk=')) -join ','
[convert]::ToBoolean('true')
# [System.IO.Path]
[System.IO.Path]::GetFileNameWithoutExtension('C:\logs\report.html')
[System.IO.Path]::GetExtension('report.html')
[System.IO.Path]::Combine('/a', 'b', 'c.txt')
[System.IO.Path]::GetDirectoryName('/var/log/x.log')
[IO.Path]::ChangeExtension('a.txt', 'csv')
# [math], [string], [int], [datetime], [timespan], [guid]
[math]::Round(2.5)
[math]::Round(3.14159, 2)
[math]::Max(3, 7)
[math]::Abs(-4)
[math]::Floor(2.7)
[string]::IsNullOrEmpty('')
[string]::Join('; ', @('a', 'b'))
[string]::Format('{0}-{1}', 1, 2)
[int]::MaxValue
[datetime]::Parse('2026-11-22 14:05:09').ToString('yyyy/MM/dd HH:mm')
[timespan]::FromMinutes(90).TotalHours
([guid]'5a1f7e2c-0b1d-4c39-9a8e-0123456789ab').ToString()
[char]::IsDigit('5')
# methods of strings, arrays, hashtables, dates
'Exchange'.Substring(2, 4)
'  pad '.Trim() + '|'
'a,b,,c'.Split(',').Count
'MBX01'.PadLeft(8, '0')
'Hello'.IndexOf('l')
'Hello'.Replace('l', 'L')
'abc'.ToUpper().StartsWith('AB')
$list = [System.Collections.Generic.List[string]]::new()
$list.Add('one')
$list.Add('two')
$list.Count
$h = @{ a = 1 }
$h.Add('b', 2)
$h.ContainsKey('B')
$h.Count
([datetime]'2026-01-31').AddMonths(1).ToString('yyyy-MM-dd')
([datetime]'2026-11-22 10:00').AddHours(-1.5).ToString('HH:mm')
(1..10).Where({ $_ % 4 -eq 0 }) -join ','
(1..3).ForEach({ $_ * 10 }) -join ','
# [array]::IndexOf / LastIndexOf (Object.Equals: strings by ordinal), and
# Reverse / Sort / Clear, which change the array in place
$letters = 'a', 'b', 'c', 'b'
[array]::IndexOf($letters, 'b'), [array]::LastIndexOf($letters, 'b'), [array]::IndexOf($letters, 'B') -join ' '
[array]::IndexOf($letters, 'b', 2)
[array]::IndexOf(@(1, 2, 3), [long]2)
$same = $letters
[array]::Reverse($same)
$letters -join ''
$numbers = 5, 3, 9, 1
[array]::Sort($numbers)
$numbers -join ','
$words = 'b', 'A', 'a', 'B'
[array]::Sort($words)
$words -join ','
[array]::Clear($numbers, 0, 2)
($numbers | ForEach-Object { "[$_]" }) -join ''
[array]::Reverse($numbers, 1, 9)
'done'
