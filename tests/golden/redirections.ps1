Get-Queue > queues.txt
Get-Queue >> queues.txt
Test-ServiceHealth 2> errors.txt 3> warnings.txt
Test-ServiceHealth 2>&1 | Out-File all.txt
Get-Process *> everything.txt
Remove-Item x 2>$null
$result > "$dir\out.txt"
