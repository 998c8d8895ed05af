Get-Date
<# a comment that never ends
Get-Mailbox
