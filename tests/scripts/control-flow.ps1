# if / elseif / else, with else on its own line
$n = 7
if ($n -lt 5) { 'small' }
elseif ($n -lt 10) { 'medium' }
else { 'large' }
# foreach over an array, a scalar and $null
foreach ($x in 1, 2) { "item $x" }
foreach ($x in 'one') { "scalar $x" }
foreach ($x in $null) { 'never' }
# for with an empty condition and break
for ($i = 0; ; $i++) { if ($i -ge 2) { break }; "for $i" }
# while, do-while, do-until
$k = 0
while ($k -lt 2) { $k++; "while $k" }
do { $k-- ; "do $k" } while ($k -gt 0)
do { $k++ ; "until $k" } until ($k -eq 2)
# labelled break out of nested loops
:outer foreach ($a in 1..3) {
    foreach ($b in 1..3) {
        if ($a * $b -eq 4) { break outer }
        "$a*$b"
    }
}
# continue in a for loop
for ($i = 0; $i -lt 5; $i++) { if ($i % 2) { continue }; "even $i" }
# switch: arrays, several matches, break, default, script block conditions
switch (1, 2, 3) { 1 { 'one' } { $_ -ge 2 } { "ge2 $_" } 3 { 'three'; break } default { 'none' } }
switch ('apple') { 'APPLE' { 'case-insensitive' } }
switch -CaseSensitive ('apple') { 'APPLE' { 'no' } default { 'case-sensitive default' } }
switch -Exact ('a*') { 'a*' { 'exact' } }
switch -Wildcard ('Mailbox Server') { '*server' { 'wildcard' } }
switch -Regex ('DB01', 'LOG') { '^DB(?<n>\d+)' { "db $($Matches.n)" } 'LOG' { 'log' } }
# switch with continue skips the rest of the clauses for this item
switch (1, 2) { { $true } { "first $_"; continue } { $true } { "second $_" } }
# a statement's value assigned
$r = if ($n -gt 5) { 'yes' } else { 'no' }
$r
$squares = foreach ($i in 1..3) { $i * $i }
$squares -join ' '
$s = switch (2) { 1 { 'a' } 2 { 'b' } }
$s
