foreach ($db of $databases) { $db }
switch -Fuzzy ($x) { 1 { 'one' } }
while $running { Start-Sleep 1 }
do { $n++ }
try { Get-X }
