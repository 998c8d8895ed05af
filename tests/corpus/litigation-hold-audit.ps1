# Litigation hold report: who is on hold, since when, set by whom.
$mbx = Get-Mailbox -ResultSize Unlimited -Filter 'LitigationHoldEnabled -eq $true'
$mbx | Select-Object DisplayName, LitigationHoldDate, LitigationHoldOwner,
    @{Name = 'Duration'; Expression = { if ($_.LitigationHoldDuration -eq 'Unlimited') { 'Unlimited' } else { $_.LitigationHoldDuration } }},
    RetentionComment |
    Sort-Object LitigationHoldDate |
    Format-Table -AutoSize

Write-Host ("{0} mailbox(es) on litigation hold" -f @($mbx).Count)

# mailboxes of disabled users that are NOT on hold - candidates for review
Get-Mailbox -ResultSize Unlimited -Filter 'LitigationHoldEnabled -eq $false' |
    Where-Object { (Get-User $_.Identity).UserAccountControl -match 'AccountDisabled' } |
    Select-Object DisplayName, WhenChanged

# In-Place holds (eDiscovery) are listed in InPlaceHolds
Get-Mailbox -ResultSize Unlimited | Where-Object { $_.InPlaceHolds.Count -gt 0 } | Select-Object DisplayName, @{ n = 'Holds'; e = { $_.InPlaceHolds -join ', ' } }
