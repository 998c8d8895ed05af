# data-clixml.ps1 - Export-Clixml and Import-Clixml: the CLIXML text Windows
# PowerShell 5.1 writes (RefIds, TNRef, _xHHHH_ escapes, Ref for a repeated
# object, -Depth) and what its deserializer gives back: typed primitives,
# hashtables, one ArrayList for a list, Deserialized. property bags.

$file = "/tmp/emsh-data-clixml-$PID.xml"
function Show-File($path) { switch -File $path { default { "| $_" } } }
function Count-Input { begin { $n = 0 } process { $n++ } end { "$n object(s)" } }
function Show-Type($name, $v) { "$name = $v [$(if ($null -eq $v) { 'null' } else { $v.GetType().FullName })]" }
enum Activation { Unrestricted = 0; Blocked = 2 }

# the text (in ASCII, so that no byte order mark starts the first line)
$db = [pscustomobject]@{
    Name = 'DB_x01'; Size = 5; Long = [long]5; Ratio = 1.5; Quota = 2.5d; Mounted = $true
    Created = [datetime]'2020-01-02T03:04:05.25'; Lag = [timespan]'1.02:03:04.5'; Zero = [timespan]0
    Guid = [guid]'0f8fad5b-d9cb-469f-a165-70867728950e'; Copies = @(1, 'two'); Options = @{Key = 'v'}
    Nothing = $null; Letter = [char]'q'; Empty = ''; Tab = "a`tb"; Policy = [Activation]::Blocked
}
$db, $db | Export-Clixml $file -Encoding ASCII
Show-File $file
# no input: an empty Objs element
@() | Export-Clixml $file -Encoding ASCII
Show-File $file

# read back: the same types; the object's type names get "Deserialized."
$db | Export-Clixml $file
$r = Import-Clixml $file
foreach ($p in 'Name', 'Size', 'Long', 'Ratio', 'Quota', 'Mounted', 'Created', 'Lag', 'Zero', 'Guid', 'Copies', 'Options', 'Nothing', 'Letter', 'Empty', 'Tab') {
    Show-Type $p $r.$p
}
"Policy = $($r.Policy)"
"Created kind: $($r.Created.Kind), ticks: $($r.Created.Ticks -eq $db.Created.Ticks)"
"Options: $($r.Options['Key'])"
$r.pstypenames[0..1] -join ', '
# a DateTime keeps its kind
[datetime]::UtcNow, ([datetime]'2021-06-01') | Export-Clixml $file
$k = Import-Clixml $file
"$($k[0].Kind) $($k[1].Kind)"
# a list is written once and read back as ONE ArrayList
Export-Clixml $file -InputObject @(1, 2, 3)
Import-Clixml $file | Count-Input
(Import-Clixml $file).GetType().FullName
# piped items are separate objects; -First and -Skip page through them
1, 2, 3, 4 | Export-Clixml $file
Import-Clixml $file | Count-Input
(Import-Clixml $file -Skip 1 -First 2) -join ','
# strings with control characters and _x survive
"line1`r`nline2_x0041_", '<&>"' | Export-Clixml $file
$s = Import-Clixml $file
$crlf = "`r`n"
"$($s[0].Length) $($s[0].Contains($crlf)) $($s[0].EndsWith('_x0041_')) $($s[1])"

# a PSCustomObject's note properties do not use up -Depth (as in 5.1)
$deep = [pscustomobject]@{Level = 1; Next = [pscustomobject]@{Level = 2; Next = [pscustomobject]@{Level = 3}}}
$deep | Export-Clixml $file -Depth 1
(Import-Clixml $file).Next.Next.Level
# errors
1 | Export-Clixml $file -Depth 0
Import-Clixml /tmp/emsh-data-clixml-missing.xml
Import-Clixml /emsh-no-such-directory/x.xml
'not xml' | Export-Csv $file -NoTypeInformation
Import-Clixml $file
'done'
