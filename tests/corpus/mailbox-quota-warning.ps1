param(
  [int]$Percent = 90,   <# notify at or above this usage #>
  [string]$SmtpServer = 'smtp.contoso.com'
)

foreach ($m in (Get-Mailbox -ResultSize Unlimited -Filter "RecipientTypeDetails -eq 'UserMailbox'")) {
  $stat = Get-MailboxStatistics $m
  if ($stat.StorageLimitStatus -in 'BelowLimit', 'NoChecking') { continue }

  $limit = if ($m.UseDatabaseQuotaDefaults) { (Get-MailboxDatabase $m.Database).ProhibitSendQuota.Value } else { $m.ProhibitSendQuota.Value }
  if (!$limit) { continue }

  $used = [int]($stat.TotalItemSize.Value.ToBytes() * 100 / $limit.ToBytes())
  if ($used -lt $Percent) { continue }

  $body = @"
Hello $($m.DisplayName),

your mailbox is $used% full ($($stat.TotalItemSize.Value) of $limit).
Please archive or delete old items. Deleted Items and Sent Items are good places to start.

-- IT Service Desk
"@
  Send-MailMessage -To $m.PrimarySmtpAddress.ToString() -From 'servicedesk@contoso.com' -Subject "Your mailbox is $used% full" -Body $body -SmtpServer $SmtpServer
  "notified {0} ({1}%)" -f $m.Alias, $used
}
