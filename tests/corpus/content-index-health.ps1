# Find content indexes that are not healthy and optionally reseed them.
[CmdletBinding(SupportsShouldProcess = $true)]
param([switch]$Repair)

$bad = Get-MailboxDatabaseCopyStatus * | ? { $_.ContentIndexState -notin 'Healthy', 'HealthyAndUpgrading' -and $_.Status -ne 'Mounted' }

if (-not $bad) { "All content indexes are healthy."; return }

$bad | ft Name, Status, ContentIndexState, ContentIndexErrorMessage -Wrap

if ($Repair) {
    foreach ($copy in $bad) {
        if ($PSCmdlet.ShouldProcess($copy.Name, 'Reseed catalog only')) {
            Update-MailboxDatabaseCopy -Identity $copy.Name -CatalogOnly -BeginSeed -Confirm:$false
        }
    }
}
