# Top 25 largest mailboxes in the organization
Get-Mailbox -ResultSize Unlimited 3>$null |
  Get-MailboxStatistics |
  sort TotalItemSize -Descending |
  select -First 25 DisplayName, ItemCount,
    @{n='SizeGB';e={[math]::Round(($_.TotalItemSize.ToString().Split('(')[1].Split(' ')[0] -replace ',','') / 1GB, 2)}},
    Database |
  ft -a

# the same for archives
Get-Mailbox -Archive -ResultSize Unlimited |
  Get-MailboxStatistics -Archive |
  sort TotalItemSize -Descending |
  select -First 10 DisplayName, ItemCount, TotalItemSize |
  ft -a
