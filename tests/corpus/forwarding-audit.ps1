# Mailbox level forwarding (ForwardingAddress / ForwardingSmtpAddress)
Get-Mailbox -ResultSize Unlimited -Filter '(ForwardingAddress -ne $null) -or (ForwardingSmtpAddress -ne $null)' |
    Select-Object DisplayName,
        @{n = 'ForwardTo'; e = { if ($_.ForwardingSmtpAddress) { $_.ForwardingSmtpAddress -ireplace '^smtp:', '' } else { (Get-Recipient $_.ForwardingAddress).PrimarySmtpAddress } }},
        DeliverToMailboxAndForward,
        @{n = 'External'; e = { [string]$_.ForwardingSmtpAddress -inotmatch '@contoso\.com$' -and $_.ForwardingSmtpAddress }} |
    Sort-Object External, DisplayName -Descending |
    Format-Table -AutoSize

# Transport rules that redirect or BCC mail are another way to forward
Get-TransportRule | Where-Object { $_.RedirectMessageTo -or $_.BlindCopyTo -or $_.AddToRecipients } |
    Select-Object Name, State, RedirectMessageTo, BlindCopyTo, AddToRecipients |
    Format-Table -AutoSize

# and inbox rules are covered by inbox-rule-audit.ps1
$remote = Get-RemoteDomain Default
"Auto forwarding to external domains allowed by the Default remote domain: $($remote.AutoForwardEnabled)"
"Mailboxes with forwarding: $(@(Get-Mailbox -ResultSize Unlimited -Filter 'ForwardingSmtpAddress -ne $null').Count)"
