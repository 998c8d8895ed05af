# data-json.ps1 - ConvertTo-Json and ConvertFrom-Json as Windows PowerShell 5.1
# runs them: the JavaScriptSerializer text re-indented by 5.1's pretty printer,
# its escapes and number types, silent truncation at -Depth, arrays read back
# as one object, and the serializer's error messages.

function Count-Input { begin { $n = 0 } process { $n++ } end { "$n object(s)" } }
enum Activation { Unrestricted = 0; Blocked = 2 }

# the 5.1 layout: four spaces a level, "key":  value, containers under their key
[pscustomobject]@{Name = 'DB01'; Copies = @(1, 2); Server = [pscustomobject]@{Name = 'MBX1'; Site = 'HQ'}} | ConvertTo-Json
[pscustomobject]@{Servers = @([pscustomobject]@{Name = 'MBX1'}, [pscustomobject]@{Name = 'MBX2'})} | ConvertTo-Json
# empty containers keep an empty line
@{} | ConvertTo-Json
ConvertTo-Json -InputObject @()
# a scalar at the top is not indented; $null writes nothing
42 | ConvertTo-Json
'plain' | ConvertTo-Json
$null | ConvertTo-Json
'after null'
# several inputs become one array; -AsArray wraps a single one
1, 'two', $true | ConvertTo-Json -Compress
'one' | ConvertTo-Json -AsArray -Compress
,@(1, 2) | ConvertTo-Json -Compress
# JavaScriptSerializer's escapes: ' < > & as \u00XX
"quote"" back\slash <tag> & 'apos' tab`t nl`n" | ConvertTo-Json
# keys are escaped and measured in characters for the alignment
[pscustomobject]@{'k<é>' = @(1)} | ConvertTo-Json
# numbers: Int32, Int64, Double with round-trip digits, Decimal
[pscustomobject]@{Int = 1; Long = [long]12345678901; Double = 0.1; Third = 1 / 3; Big = 1e20; Dec = 1.5d; Neg = -2.5} | ConvertTo-Json -Compress
# DateTime as "\/Date(UTC milliseconds)\/", Guid and char as strings
[pscustomobject]@{When = [datetime]'2020-01-01T00:00:00Z'; Id = [guid]'0f8fad5b-d9cb-469f-a165-70867728950e'; Letter = [char]'x'} | ConvertTo-Json -Compress
# a TimeSpan is its properties
[timespan]'01:30:00' | ConvertTo-Json
# enums are numbers in 5.1; -EnumsAsStrings (PowerShell 6) is accepted
[pscustomobject]@{Policy = [Activation]::Blocked} | ConvertTo-Json -Compress
[pscustomobject]@{Policy = [Activation]::Blocked} | ConvertTo-Json -Compress -EnumsAsStrings
# beyond -Depth (2) objects are their string form, silently
@{one = @{two = @{three = @{four = 'v'}}}} | ConvertTo-Json -Compress
@{one = @{two = @{three = @{four = 'v'}}}} | ConvertTo-Json -Compress -Depth 3
[pscustomobject]@{a = [pscustomobject]@{b = [pscustomobject]@{c = [pscustomobject]@{d = 1}}}} | ConvertTo-Json -Compress
[pscustomobject]@{a = ,(1, 2)} | ConvertTo-Json -Compress -Depth 1
# errors: keys must be strings, the depth range
@{1 = 'a'} | ConvertTo-Json
1 | ConvertTo-Json -Depth 0
1 | ConvertTo-Json -Depth 101

# ConvertFrom-Json: PSCustomObjects, 5.1's number types, \/Date()\/ as UTC
$j = '{"Name":"DB01","Size":1.5,"Count":3,"Big":12345678901,"Huge":9223372036854775808,"Beyond":1e29,"Max":79228162514264337593543950336,"Exp":1e3,"Flag":true,"None":null,"When":"\/Date(1577836800000)\/","List":[1,"two",{"x":1}],"Nested":{"a":{"b":2}}}'
$o = $j | ConvertFrom-Json
foreach ($p in 'Name', 'Size', 'Count', 'Big', 'Exp', 'Flag', 'List', 'Nested') {
    "$p = $($o.$p) [$($o.$p.GetType().FullName)]"
}
# too big for Int64: Decimal; with an exponent, or beyond Decimal: Double
"Huge $($o.Huge.GetType().Name), Beyond $($o.Beyond.GetType().Name), Max $($o.Max.GetType().Name) $($o.Max)"
"When = $($o.When.ToString('yyyy-MM-dd HH:mm:ss')) [$($o.When.GetType().FullName), $($o.When.Kind)]"
$null -eq $o.None
$o.List[2].x
$o.Nested.a.b
$o.pstypenames -join ', '
# a JSON array is written as ONE object
'[1,2,3]' | ConvertFrom-Json | Count-Input
('[1,2,3]' | ConvertFrom-Json).GetType().FullName
# piped strings: each a JSON text of its own, or together one text
'{"a":1}', '{"a":2}' | ConvertFrom-Json | Count-Input
$joined = '{', '"a": 1,', '"b": [1,', '2]', '}' | ConvertFrom-Json
"joined: a=$($joined.a) b=$($joined.b -join '+')"
# JavaScriptSerializer accepts single quotes and bare member names; escapes are decoded
$lax = "{name:'x', 'quoted':`"a\u0041\/\n`"}" | ConvertFrom-Json
"$($lax.name) [$($lax.quoted)]"
# the same key twice keeps the last value
('{"a":1,"a":2}' | ConvertFrom-Json).a
# an empty string is $null
$null -eq ('' | ConvertFrom-Json)
# -AsHashtable (PowerShell 6) gives hashtables
$h = '{"b":1,"a":{"c":2}}' | ConvertFrom-Json -AsHashtable
"$($h.GetType().FullName) $($h.a.GetType().FullName) $($h['a']['c'])"
# round trip
(([pscustomobject]@{Name = 'DB01'; Size = 5} | ConvertTo-Json) | ConvertFrom-Json).Size
# errors, with JavaScriptSerializer's texts
'{"a":1' | ConvertFrom-Json
'[1,2,]' | ConvertFrom-Json
'{"a":1} x' | ConvertFrom-Json
'nope' | ConvertFrom-Json
'"bad \q"' | ConvertFrom-Json
'{"a":1,"A":2}' | ConvertFrom-Json
'{"":1}' | ConvertFrom-Json
'done'
