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
