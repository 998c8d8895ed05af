# host-streams.ps1 - Write-Host, Write-Error, Write-Warning, Write-Verbose,
# Write-Debug, Write-Information and Write-Progress (cmdlets/c_host.c).
# Error records are read back (message, id up to its comma, category, target)
# rather than rendered, since 5.1 appends the script's name to the id of an
# error Write-Error writes.

# Write-Host: arguments and collections joined by the separator, -NoNewline, colours
Write-Host 'no newline test ' -NoNewline
Write-Host 'second string'
Write-Host (2, 4, 6, 8, 10, 12) -Separator ', +2= '
Write-Host a b c
Write-Host 1 (2, 3) 4 -Separator '-'
Write-Host 'coloured' -ForegroundColor DarkGreen -BackgroundColor white
Write-Host
Write-Host $null
Write-Host (Get-Date -Date '2026-11-22 14:05:09')
Write-Host @{ a = 1 }
1, 2 | Write-Host
$out = Write-Host 'not in the pipeline'
$null -eq $out
try { Write-Host x -ForegroundColor Purple -ErrorAction Stop } catch { $_.Exception.Message.Split([char]10)[0] }

# Write-Warning, Write-Verbose, Write-Debug: prefixes and preferences
Write-Warning 'Stopping service'
Write-Warning -Message ''
'piped warning' | Write-Warning
Write-Warning 'hidden' -WarningAction SilentlyContinue
Write-Verbose 'not shown by default'
Write-Verbose 'shown with -Verbose' -Verbose
$VerbosePreference = 'Continue'
Write-Verbose 'shown by preference'
Write-Verbose 'hidden again' -Verbose:$false
$VerbosePreference = 'SilentlyContinue'
Write-Debug 'not shown by default'
Write-Debug 'shown with -Debug' -Debug
$WarningPreference = 'SilentlyContinue'
Write-Warning 'silenced by preference'
$WarningPreference = 'Continue'

# Write-Information: silent by default; tags beginning with PS are reserved
Write-Information 'not shown by default'
Write-Information -MessageData 'Processes starting with P' -InformationAction Continue
Write-Information 42 -Tags Count -InformationAction Continue
$InformationPreference = 'Continue'
Write-Information 'shown by preference'
$InformationPreference = 'SilentlyContinue'
try { Write-Information 'x' -Tags 'ok', 'PSHost' } catch { "$($_.FullyQualifiedErrorId.Split(',')[0]) | $($_.CategoryInfo.Category) | $($_.TargetObject) | $($_.Exception.Message)" }

# Write-Progress prints nothing when the output is not a terminal
Write-Progress -Activity 'Search in Progress' -Status '50% Complete:' -PercentComplete 50
Write-Progress -Activity 'Updating' -Id 1 -ParentId 0 -SecondsRemaining 30 -CurrentOperation 'Inner' -SourceId 2
Write-Progress -Activity 'Updating' -Completed
try { Write-Progress -Activity 'x' -PercentComplete 101 } catch { $_.Exception.Message }
try { Write-Progress -Activity 'x' -Status '' } catch { $_.Exception.Message }

# Write-Error: every parameter set, read back from the error stream ("$e" is the
# message shown: -Message beside -Exception replaces the exception's text there)
function Show-Error($e) {
    '{0} | {1} | {2} | {3} | [{4}] | {5}' -f "$e", $e.FullyQualifiedErrorId.Split(',')[0],
        $e.CategoryInfo.Category, $e.Exception.GetType().FullName, $e.TargetObject, $e.CategoryInfo.Activity
}
Write-Error 'Access denied.' -ErrorAction SilentlyContinue
Show-Error $Error[0]
Write-Error -Message 'Cannot find it.' -Category ObjectNotFound -ErrorId 'MyError' -TargetObject 'DB01' -ErrorAction SilentlyContinue
Show-Error $Error[0]
$ex = [System.InvalidOperationException]::new('The operation is not valid.')
Write-Error -Exception $ex -ErrorAction SilentlyContinue
Show-Error $Error[0]
Write-Error -Exception $ex -Message 'Shown instead.' -Category InvalidOperation -ErrorAction SilentlyContinue
Show-Error $Error[0]
try { [int]'abc' } catch { $saved = $_ }
Write-Error -ErrorRecord $saved -ErrorAction SilentlyContinue
$Error[0].Exception.Message
'from the pipeline' | Write-Error -ErrorAction SilentlyContinue
Show-Error $Error[0]
try { Write-Error 'terminating' -ErrorAction Stop; 'not reached' } catch { "caught: $($_.Exception.Message)" }
Write-Error 'collected' -ErrorAction SilentlyContinue -ErrorVariable ev
"$($ev.Count) $($ev[0].Exception.Message)"
$?
try { Write-Error -Category NoSuchCategory 'x' } catch { $_.Exception.Message.Split([char]10)[0] }
'done'
