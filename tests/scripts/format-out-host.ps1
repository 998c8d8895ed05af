# format-out-host.ps1 - Out-Host and Out-Default write to the console and
# return nothing; each invocation formats on its own, as at the console.
# -Paging is accepted (emsh does not page); Out-Default -Transcript writes
# only to a transcript, and none is running.
$env:COLUMNS = 120
$r = [pscustomobject]@{Name = 'DB01'; Size = 5} | Out-Host
"Out-Host returned nothing: $($null -eq $r)"
'a', 'b' | Out-Host -Paging
[pscustomobject]@{Name = 'DB01'; Size = 5} | Format-List | Out-Host
$r = 'to the console' | Out-Default
"Out-Default returned nothing: $($null -eq $r)"
'only for a transcript' | Out-Default -Transcript
Out-Host -InputObject 'from -InputObject'
'done'
