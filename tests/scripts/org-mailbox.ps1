# Mailboxes: placement, quotas, renames, removal and their errors.
New-LabOrganization -Template Small | Out-Null
(Get-Mailbox -ResultSize Unlimited | Group-Object { $_.Database.Name } | Sort-Object Name | ForEach-Object { '{0}: {1}' -f $_.Name, $_.Count }) -join ', '
New-Mailbox -Name 'Ann Lee' -Alias annl -UserPrincipalName annl@contoso.com | Format-Table
Get-Mailbox annl | Format-List Name, Alias, Database, PrimarySmtpAddress, UserPrincipalName, UseDatabaseQuotaDefaults
Set-Mailbox annl -ProhibitSendQuota 2GB -IssueWarningQuota 1.5GB -ProhibitSendReceiveQuota Unlimited -UseDatabaseQuotaDefaults $false -DisplayName 'Ann Lee (IT)'
Get-Mailbox annl | Format-List DisplayName, *Quota*
Set-Mailbox annl -ProhibitSendQuota 1GB -ProhibitSendReceiveQuota 512MB
Set-Mailbox annl -IssueWarningQuota lots
Set-Mailbox annl -Alias user001
New-Mailbox -Name 'Ann Lee' -UserPrincipalName other@contoso.com
New-Mailbox -Name 'Bo Ek' -UserPrincipalName bo@contoso.com -Database DB9
Get-Mailbox -Database DB2 -ResultSize 2 | Format-Table Name, ServerName
Remove-Mailbox annl -Confirm:$false
Get-Mailbox annl
Remove-Mailbox user001 -WhatIf
