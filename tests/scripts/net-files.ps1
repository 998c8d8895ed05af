# [System.IO.File] and [System.IO.Directory]: the static methods scripts use for files
$work = 'net-files.tmp'
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
[void][IO.Directory]::CreateDirectory($work)
Push-Location $work
[System.IO.File]::Exists('a.txt')
[IO.File]::WriteAllText('a.txt', "one`ntwo")
[IO.File]::Exists('a.txt')
[IO.File]::ReadAllText('a.txt')
[IO.File]::ReadAllLines('a.txt').Count
[IO.File]::AppendAllText('a.txt', "`nthree")
([IO.File]::ReadAllLines('a.txt'))[-1]
[IO.File]::WriteAllLines('b.txt', [string[]]('x','y'))
Get-Content b.txt
[IO.File]::Copy('b.txt', 'c.txt')
[IO.File]::Copy('b.txt', 'c.txt')
[IO.File]::Copy('b.txt', 'c.txt', $true)
[IO.File]::Move('c.txt', 'd.txt')
[IO.File]::Exists('c.txt'), [IO.File]::Exists('d.txt') -join ','
[IO.File]::Delete('d.txt')
[IO.File]::Delete('nothere.txt')
[IO.File]::ReadAllText('nothere.txt')
[IO.Directory]::Exists('sub')
$d = [IO.Directory]::CreateDirectory('sub/deeper')
$d.GetType().FullName
$d.Name
[IO.Directory]::Exists('sub/deeper')
[IO.File]::WriteAllText('sub/f1.log', 'x')
[IO.File]::WriteAllText('sub/f2.txt', 'x')
[IO.Directory]::GetFiles('sub') | ForEach-Object { Split-Path $_ -Leaf }
[IO.Directory]::GetFiles('sub', '*.log') | ForEach-Object { Split-Path $_ -Leaf }
[IO.Directory]::GetDirectories('sub') | ForEach-Object { Split-Path $_ -Leaf }
[IO.Directory]::Delete('sub')
[IO.Directory]::Delete('sub', $true)
[IO.Directory]::Exists('sub')
(Get-Date ([IO.File]::GetLastWriteTime('a.txt'))).Year -gt 2000
[IO.File]::Exists($null)
Pop-Location
Remove-Item $work -Recurse -Force
Test-Path $work
