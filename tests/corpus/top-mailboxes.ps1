# Top 25 largest mailboxes in the organization
Get-Mailbox -ResultSize Unlimited |
  Get-MailboxStatistics |
  sort TotalItemSize -Descending |
  select -First 25 DisplayName, ItemCount,
    @{n='SizeGB';e={[math]::Round(($_.TotalItemSize.ToString().Split('(')[1].Split(' ')[0] -replace ',','') / 1GB, 2)}},
    Database |
  ft -a
