# Select-Object -First stops every producer upstream of it: cmdlets, script
# functions and filters, ForEach-Object script blocks, ranges. Upstream end
# blocks do not run after the stop; the stages downstream of Select-Object
# end normally; finally blocks run.
1..1e9 | ForEach-Object { $_ } | Select-Object -First 3

function Count-Up { foreach ($i in 1..1e9) { Write-Host "made $i"; $i } }
Count-Up | Select -First 2

filter Double { $_ * 2 }
1..1e9 | Double | ForEach-Object { $_ + 1 } | Select-Object -First 2

function Staged {
    begin { 'from begin' }
    process { Write-Host "process $_"; $_ }
    end { Write-Host 'end of Staged' }
}
1..5 | Staged | Select-Object -First 2

1..5 | ForEach-Object -Process { Write-Host "fe $_"; $_ } -End { Write-Host 'fe end' } | Select-Object -First 1

function Sorted { 3, 1, 2 | Sort-Object -Descending; Write-Host 'not reached'; 'z' }
Sorted | Select-Object -First 1

Count-Up | Select-Object -First 3 | Sort-Object -Descending

function Guarded { try { 1..10 | ForEach-Object { $_ } } finally { Write-Host 'finally ran' } }
Guarded | Select-Object -First 1

$r = 1..1e9 | ForEach-Object { $_ * 10 } | Select-Object -First 2
"collected: $r"
$n = 0
& { while ($true) { $n++; $n } } | Select-Object -First 2

# a nested pipeline's own Select-Object stops only that pipeline
function Inner { 1..1e9 | Select-Object -First 2; 'inner done' }
Inner

foreach ($i in 1..1e9) { if ($i -gt 2) { break }; "loop $i" }
foreach ($i in 3..1) { "down $i" }
'after'
