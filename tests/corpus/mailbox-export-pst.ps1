param(
  [Parameter(Mandatory=$true)][string[]]$Identity,
  [string]$Share = '\\fileserver\pst-export$',
  [datetime]$Before
)
foreach ($id in $Identity) {
  $m = Get-Mailbox $id
  $p = @{ Mailbox = $m.Identity; FilePath = "$Share\$($m.Alias).pst"; Name = "export-$($m.Alias)" }
  if ($Before) { $p.ContentFilter = "Received -lt '$($Before.ToString('MM/dd/yyyy'))'" }
  New-MailboxExportRequest @p
}
while (Get-MailboxExportRequest | ? { $_.Status -in 'Queued', 'InProgress' }) {
  Get-MailboxExportRequest | Get-MailboxExportRequestStatistics | ft SourceAlias, Status, PercentComplete -a
  Start-Sleep 30
}
Get-MailboxExportRequest -Status Completed | Remove-MailboxExportRequest -Confirm:$false
