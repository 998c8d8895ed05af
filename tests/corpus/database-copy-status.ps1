# Database copy status for all mailbox servers, problems first
Get-MailboxServer | % { Get-MailboxDatabaseCopyStatus -Server $_.Name } |
    sort @{e={$_.Status -eq 'Healthy' -or $_.Status -eq 'Mounted'}}, Name |
    ft Name, Status, CopyQueueLength, ReplayQueueLength, ContentIndexState, LastInspectedLogTime -AutoSize
