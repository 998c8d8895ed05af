# Enables mailbox audit logging with a sensible action set on every mailbox that has it off
# (Exchange 2016/2019 do not enable it by default on-premises).
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

# verify
$still = @(Get-Mailbox -ResultSize Unlimited -Filter 'AuditEnabled -eq $false')
"{0} mailbox(es) still without auditing" -f $still.Count
