# session-host.ps1 - the host cmdlets: Clear-Host (nothing when the output
# is not a terminal), Get-History (a script has no history; -Id, -Count and
# their errors), Start-Transcript / Stop-Transcript (the header and end
# blocks, -Append, -NoClobber, nesting, their messages and errors).

# --- Clear-Host ---
Clear-Host
cls
'after clearing: nothing was written'

# --- Get-History ---
@(Get-History).Count
Get-History -Count 5
Get-History -Id 3 -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message) | $($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category) | $($e[0].TargetObject)"
try { Get-History -Id 1, 2 -Count 3 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
try { Get-History -Count -1 } catch { $_.Exception.Message }
try { Get-History -Id 0 } catch { $_.Exception.Message }
Get-History 7

# --- Start-Transcript, Stop-Transcript ---
Start-Transcript -Path host-transcript.txt
Stop-Transcript | ForEach-Object { $_ -replace '/.*/', '<path>/' }
$lines = @(Get-Content host-transcript.txt)
$lines[0]
$lines[1]
$lines[2] -match '^Start time: \d{14}$'
$lines[3] -match '^Username: .+\\.+$'
$lines[5]
$lines[8] -match '^Process ID: \d+$'
$lines[9..10] -join ' / '
$lines[12..17] -join ' / '
$lines[-4..-1] -join ' / ' -replace '\d{14}', 'STAMP'
# -Append keeps the first transcript; without it the file starts again
$null = Start-Transcript -Path host-transcript.txt -Append
$null = Stop-Transcript
@(Get-Content host-transcript.txt | Where-Object { $_ -eq 'Windows PowerShell transcript start' }).Count
$null = Start-Transcript -Path host-transcript.txt
$null = Stop-Transcript
@(Get-Content host-transcript.txt | Where-Object { $_ -eq 'Windows PowerShell transcript start' }).Count
try { Start-Transcript -Path host-transcript.txt -NoClobber } catch {
    $_.Exception.Message -replace '/.*/', '<path>/'
    $_.FullyQualifiedErrorId
    $_.CategoryInfo.Category
}
# transcripts nest: Stop-Transcript stops the newest
$null = Start-Transcript -Path host-outer.txt
$null = Start-Transcript -LiteralPath host-inner.txt
(Stop-Transcript) -replace '/.*/', '<path>/'
(Stop-Transcript) -replace '/.*/', '<path>/'
Start-Transcript -Path host-whatif.txt -WhatIf | ForEach-Object { $_ -replace '/.*/', '<path>/' }
Test-Path host-whatif.txt
try { Start-Transcript -Path no-such-dir/host.txt } catch { $_.FullyQualifiedErrorId }
# the transcript records what the console shows: output, host text, warnings, errors
$null = Start-Transcript -Path host-record.txt
'output line'
Write-Host 'host line'
Write-Warning 'warning line'
Write-Error 'error line' 2>&1 | Out-Null
Write-Error 'shown error'
$null = Stop-Transcript
$rec = @(Get-Content host-record.txt)
$rec | Where-Object { $_ -match 'line$|shown error$' -and $_ -notmatch '^\+ ' }
Remove-Item host-transcript.txt, host-outer.txt, host-inner.txt, host-record.txt
Stop-Transcript
