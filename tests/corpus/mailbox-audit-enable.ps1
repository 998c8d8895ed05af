$actions = @{
    AuditOwner    = 'Create', 'HardDelete', 'MailboxLogin', 'Move', 'MoveToDeletedItems', 'SoftDelete', 'Update'
    AuditDelegate = 'Create', 'FolderBind', 'HardDelete', 'Move', 'MoveToDeletedItems', 'SendAs', 'SendOnBehalf', 'SoftDelete', 'Update'
    AuditAdmin    = 'Copy', 'Create', 'FolderBind', 'HardDelete', 'MessageBind', 'Move', 'MoveToDeletedItems', 'SendAs', 'SendOnBehalf', 'SoftDelete', 'Update'
}

$todo = Get-Mailbox -ResultSize Unlimited -Filter 'AuditEnabled -eq $false'
Write-Host "$(@($todo).Count) mailboxes without auditing"
$todo | % {
    Set-Mailbox $_.Identity -AuditEnabled $true -AuditLogAgeLimit 180.00:00:00 @actions
}
