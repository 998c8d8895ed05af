param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Command)

$log = "$env:TEMP\ems-{0:yyyyMMdd-HHmmss}.txt" -f (Get-Date)
Start-Transcript $log | Out-Null
try {
    $sb = [scriptblock]::Create($Command -join ' ')
    & $sb
}
finally {
    Stop-Transcript | Out-Null
    notepad.exe $log
}
