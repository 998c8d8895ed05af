# Small example that uses the shared helpers
. .\html-report-helpers.ps1

$global:ReportRecipients = 'exchange-team@contoso.com'

$dbSection = Get-MailboxDatabase -Status |
    Select-Object Name, Server, Mounted, DatabaseSize, AvailableNewMailboxSpace, LastFullBackup |
    New-HtmlTable -RowClass { if (-not $_.Mounted) { 'crit' } elseif (-not $_.LastFullBackup -or $_.LastFullBackup -lt (Get-Date).AddDays(-2)) { 'warn' } }

$queueSection = Get-TransportService | ForEach-Object { Get-Queue -Server $_.Name } |
    Where-Object MessageCount -gt 0 |
    Select-Object Identity, DeliveryType, Status, MessageCount, NextHopDomain |
    New-HtmlTable -EmptyText 'All queues are empty.' -RowClass { if ($_.MessageCount -gt 100) { 'crit' } }

$html = New-HtmlReport -Title 'Exchange quick status' -Section "<h2>Databases</h2>$dbSection", "<h2>Queues</h2>$queueSection"
Send-HtmlReport -Html $html -Subject "Exchange quick status $(Get-Date -Format d)"
