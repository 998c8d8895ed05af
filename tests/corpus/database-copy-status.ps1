# Database copy status for all mailbox servers, problems first
# Healthy / Mounted copies sort to the bottom; everything else is shown in colour.
param([switch]$ProblemsOnly)

$all = Get-MailboxServer | % { Get-MailboxDatabaseCopyStatus -Server $_.Name } |
    sort @{e={$_.Status -eq 'Healthy' -or $_.Status -eq 'Mounted'}}, Name

if ($ProblemsOnly) { $all = $all | ? { $_.Status -notin 'Healthy', 'Mounted' -or $_.ContentIndexState -ne 'Healthy' } }

$all | ft Name, Status, CopyQueueLength, ReplayQueueLength, ContentIndexState, LastInspectedLogTime -AutoSize

$summary = $all | group Status -NoElement | sort Count -Descending
$summary | % {
    $c = switch -Wildcard ($_.Name) { 'Healthy' { 'Green' } 'Mounted' { 'Green' } 'Failed*' { 'Red' } default { 'Yellow' } }
    Write-Host ('{0,-22} {1,4}' -f $_.Name, $_.Count) -ForegroundColor $c
}
