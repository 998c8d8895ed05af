foreach ($mbx in Get-Mailbox -Database DB01) {
    $stats = Get-MailboxStatistics $mbx.Identity
    "{0}: {1}" -f $mbx.Name, $stats.TotalItemSize
}
foreach ($i in 1..3) { $i }
$list | foreach { $_.Name }
