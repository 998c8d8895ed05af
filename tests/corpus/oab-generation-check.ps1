# Offline address book generation status - Outlook cached mode users get stale
# address books when generation stops.
$oabs = Get-OfflineAddressBook
foreach ($oab in $oabs) {
    $age = (Get-Date) - $oab.LastTouchedTime
    $state = if ($age.TotalHours -gt 26) { 'STALE' } else { 'ok' }
    '{0,-30} last generated {1,-22} ({2:N1} h ago) {3}' -f $oab.Name, $oab.LastTouchedTime, $age.TotalHours, $state
    '    generation mailbox: {0}; virtual dirs: {1}' -f $oab.GeneratingMailbox, ($oab.VirtualDirectories -join ', ')
}
# force regeneration with:
# Update-OfflineAddressBook -Identity 'Default Offline Address Book'
# Get-Mailbox -Arbitration | ? { $_.PersistedCapabilities -like '*OABGen*' }

$stale = $oabs | ? { ((Get-Date) - $_.LastTouchedTime).TotalHours -gt 26 }
if ($stale) {
    Write-Warning "stale OAB(s): $($stale.Name -join ', ')"
    exit 1
}
