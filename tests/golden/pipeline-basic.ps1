# A pipeline of commands, one with an expression at its head.
Get-Mailbox -ResultSize Unlimited | Where-Object { $_.ProhibitSendQuota -ne 'Unlimited' } | Select-Object Name, Database
1..5 | ForEach-Object { $_ * 2 }
Get-Date; Get-Location
