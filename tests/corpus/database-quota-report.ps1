# Quota and retention defaults of every mailbox database
# Mailboxes with UseDatabaseQuotaDefaults = $true inherit these values.
Get-MailboxDatabase <# all DAGs #> | sort Name | select Name,
    @{n='IssueWarning';e={$_.IssueWarningQuota}},
    @{n='ProhibitSend';e={$_.ProhibitSendQuota}},
    @{n='ProhibitSendReceive';e={$_.ProhibitSendReceiveQuota}},
    @{n='DeletedItemDays';e={$_.DeletedItemRetention.Days}},
    @{n='MailboxRetentionDays';e={$_.MailboxRetention.Days}},
    RecoverableItemsQuota |
    ft -AutoSize

# databases that differ from the rest are usually a mistake
$groups = Get-MailboxDatabase | group { "$($_.ProhibitSendQuota)|$($_.ProhibitSendReceiveQuota)" }
if (@($groups).Count -gt 1) {
    Write-Warning 'Not all databases have the same quota settings:'
    $groups | % { '  {0,-40} {1}' -f $_.Name, ($_.Group.Name -join ', ') }
}
