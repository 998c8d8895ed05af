Get-MailboxDatabase | sort Name | select Name,
    @{n='IssueWarning';e={$_.IssueWarningQuota}},
    @{n='ProhibitSend';e={$_.ProhibitSendQuota}},
    @{n='ProhibitSendReceive';e={$_.ProhibitSendReceiveQuota}},
    @{n='DeletedItemDays';e={$_.DeletedItemRetention.Days}},
    @{n='MailboxRetentionDays';e={$_.MailboxRetention.Days}},
    RecoverableItemsQuota |
    ft -AutoSize
