param(
    [Parameter(Mandatory)][string]$Server,  # DAG member to empty
    <# kept for compatibility with the old runbook, ignored #> [switch]$Force
)

# Server switchover: move every active copy off $Server in one go
Move-ActiveMailboxDatabase -Server $Server -Confirm:$false |
    select Identity, ActiveServerAtStart, ActiveServerAtEnd, Status, ErrorMessage |
    ft -AutoSize -Wrap

$left = Get-MailboxDatabaseCopyStatus -Server $Server | ? { $_.Status -eq 'Mounted' }
if ($left) {
    Write-Warning "Still active on ${Server}: $($left.DatabaseName -join ', ')"
    exit 1
}
Write-Output "All databases moved off $Server"
