# Quota commands from the "Exchange tips" newsletter – pasted from Word, hence the curly quotes

# Show the quota of a single user
Get-Mailbox –Identity “jsmith” | Format-List *Quota*, UseDatabaseQuotaDefaults

# Give a user a bigger mailbox
Set-Mailbox –Identity ‘jsmith’ –UseDatabaseQuotaDefaults $false –IssueWarningQuota 9.5GB –ProhibitSendQuota 10GB –ProhibitSendReceiveQuota 10.5GB

# Set defaults on all databases
Get-MailboxDatabase | Set-MailboxDatabase —IssueWarningQuota 4.5GB —ProhibitSendQuota 5GB —ProhibitSendReceiveQuota 6GB

# Everybody over 80 % of the quota
Get-Mailbox –ResultSize Unlimited | Get-MailboxStatistics | Where-Object { $_.StorageLimitStatus –ne ‘BelowLimit’ –and $_.StorageLimitStatus –ne ‘NoChecking’ } |
    Select-Object DisplayName, StorageLimitStatus, TotalItemSize |
    Sort-Object TotalItemSize –Descending

# Users of one department get 20 GB
Get-User –RecipientTypeDetails UserMailbox –ResultSize Unlimited | Where-Object { $_.Department –like “*Legal*” } | ForEach-Object {
    Set-Mailbox –Identity $_.Identity –UseDatabaseQuotaDefaults:$false –ProhibitSendQuota 20GB –ProhibitSendReceiveQuota 21GB –IssueWarningQuota 19GB
}
