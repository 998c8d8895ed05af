# usage: .\run-with-transcript.ps1 Get-Mailbox -ResultSize 10
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Command)

$log = "$env:TEMP\ems-{0:yyyyMMdd-HHmmss}.txt" -f (Get-Date)
Start-Transcript $log | Out-Null
try {
    $callerFirst, $callerLast = $^, $$
    Write-Verbose ('invoked as: {0} ... {1}' -f $callerFirst, $callerLast)
    $sb = [scriptblock]::Create($Command -join ' ')
    & $sb
}
finally {
    Stop-Transcript | Out-Null
    notepad.exe $log
}
