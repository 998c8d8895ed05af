# Mailbox level forwarding (ForwardingAddress / ForwardingSmtpAddress)
Get-Mailbox -ResultSize Unlimited -Filter '(ForwardingAddress -ne $null) -or (ForwardingSmtpAddress -ne $null)' |
    Select-Object DisplayName,
        @{n = 'ForwardTo'; e = { if ($_.ForwardingSmtpAddress) { $_.ForwardingSmtpAddress -ireplace '^smtp:', '' } else { (Get-Recipient $_.ForwardingAddress).PrimarySmtpAddress } }},
        DeliverToMailboxAndForward,
        @{n = 'External'; e = { [string]$_.ForwardingSmtpAddress -inotmatch '@contoso\.com$' -and $_.ForwardingSmtpAddress }} |
    Sort-Object External, DisplayName -Descending |
    Format-Table -AutoSize
