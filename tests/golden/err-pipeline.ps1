Get-Mailbox | 'text'
Get-Mailbox |
