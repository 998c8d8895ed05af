# $FormatEnumerationLimit: how many items of a collection a cell shows
# before "...", read as each formatting command starts; -1 shows all.
$dag = [pscustomobject]@{ Name = 'DAG1'; Servers = 'MBX1', 'MBX2', 'MBX3', 'MBX4', 'MBX5', 'MBX6' }
$FormatEnumerationLimit
$dag | Format-List | Out-String
$FormatEnumerationLimit = 2
$dag | Format-List | Out-String
$dag | Format-Table -AutoSize | Out-String -Width 60
$FormatEnumerationLimit = -1
$dag | Format-List | Out-String
$FormatEnumerationLimit = 0
$dag | Format-List | Out-String
(Get-Variable FormatEnumerationLimit).Value
