# Snippets collected from forum threads over the years (quotes and dashes as they were posted)

# “Mailbox sizes sorted” – answer from a forum thread
Get-MailboxStatistics –Database DB01 | Sort-Object TotalItemSize –Descending | Select-Object –First 10 DisplayName, TotalItemSize

# ‘Who has full access?’
Get-Mailbox –ResultSize Unlimited | Get-MailboxPermission | Where-Object { ($_.AccessRights –like “*FullAccess*”) –and ($_.IsInherited –eq $false) –and –not ($_.User –like “NT AUTHORITY\SELF”) } | Select-Object Identity, User

# Hide a mailbox from the GAL — the —Identity parameter takes alias, UPN or DN
Set-Mailbox —Identity ‘old.user@contoso.com’ —HiddenFromAddressListsEnabled $true

# list the properties of a mailbox object
Get-Mailbox ‘jsmith’ | gm –MemberType Property | Select-Object –First 20 Name

# Disconnected mailboxes
Get-MailboxDatabase | ForEach-Object { Get-MailboxStatistics –Database $_.Name } | Where-Object { $_.DisconnectReason –ne $null } | Format-Table DisplayName, Database, DisconnectReason, DisconnectDate

# Clean the database so the disconnected mailbox shows up right away
Update-StoreMailboxState –Database “DB02” –Identity “0a1b2c3d-1111-2222-3333-444455556666” –Confirm:$false
