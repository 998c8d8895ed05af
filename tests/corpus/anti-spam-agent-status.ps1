# Anti-spam agent status on this Mailbox server.
# On Mailbox servers the anti-spam agents are installed with Install-AntiSpamAgents.ps1
Get-TransportAgent | sort Priority | ft Identity, Enabled, Priority -a

if (-not (Get-TransportAgent 'Content Filter Agent' -ErrorAction SilentlyContinue)) {
    Write-Host 'Anti-spam agents are not installed. To install:'
    Write-Host "  & `"$env:ExchangeInstallPath\Scripts\Install-AntiSpamAgents.ps1`""
    Write-Host '  Restart-Service MSExchangeTransport'
    Write-Host "  Set-TransportConfig -InternalSMTPServers @{Add='10.0.0.25'}"
    return
}

# which filters are enabled?
'Content filter    : ' + (Get-ContentFilterConfig).Enabled
'Sender filter     : ' + (Get-SenderFilterConfig).Enabled
'Sender ID         : ' + (Get-SenderIdConfig).Enabled
'Recipient filter  : ' + (Get-RecipientFilterConfig).Enabled
'Internal SMTP     : ' + ((Get-TransportConfig).InternalSMTPServers -join ', ')
