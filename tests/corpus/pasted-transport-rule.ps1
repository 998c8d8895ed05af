# Transport rules from the "Exchange Disclaimer" blog article – adapted for Contoso

# External sender warning banner
$html = ‘<div style="background-color:#FFEB9C;border:1px solid #9C6500;padding:4px;font-size:9pt">CAUTION: This e-mail originated outside the organization. Do not click links or open attachments unless you recognise the sender.</div><br>’
New-TransportRule –Name “External sender warning” –FromScope NotInOrganization –SentToScope InOrganization `
    –ApplyHtmlDisclaimerLocation Prepend –ApplyHtmlDisclaimerText $html –ApplyHtmlDisclaimerFallbackAction Wrap –Priority 0

# Don’t add the banner twice (exception on the header we set)
Set-TransportRule “External sender warning” —ExceptIfHeaderContainsMessageHeader “X-Contoso-External” —ExceptIfHeaderContainsWords “1”

# Block auto-forwarding to the internet
New-TransportRule —Name ‘Block external auto-forward’ —FromScope InOrganization —SentToScope NotInOrganization `
    —MessageTypeMatches AutoForward —RejectMessageReasonText “External forwarding is not allowed.” —RejectMessageEnhancedStatusCode ‘5.7.1’

Get-TransportRule | Format-Table Priority, Name, State, Mode –AutoSize
