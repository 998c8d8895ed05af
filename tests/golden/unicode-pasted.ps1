# Pasted from a web page: a BOM, en and em dashes, smart quotes, NBSP.
Get-Mailbox –Identity ‘jdoe’ | Set-Mailbox —ProhibitSendQuota 5GB
Write-Host “Done: $count”
if ($a –gt 1) { ‘it’’s’ }
