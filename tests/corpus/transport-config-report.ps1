# Organization wide transport settings and per server log settings
$cfg = Get-TransportConfig
$props = 'MaxReceiveSize', 'MaxSendSize', 'MaxRecipientEnvelopeLimit', 'ShadowRedundancyEnabled',
         'SafetyNetHoldTime', 'MessageExpirationTimeout', 'ExternalPostmasterAddress', 'TLSReceiveDomainSecureList'
foreach ($p in $props) {
    '{0,-30} : {1}' -f $p, $cfg.$p
}

''
'Per-server transport settings'
Get-TransportService | select Name, MessageTrackingLogEnabled, MessageTrackingLogMaxAge, MessageTrackingLogMaxDirectorySize,
    ReceiveProtocolLogMaxAge, SendProtocolLogMaxAge, MaxConcurrentMailboxDeliveries | fl

# connector limits can be lower than the organization limit
Get-SendConnector | select Name, MaxMessageSize | ft -a
Get-ReceiveConnector | select Identity, MaxMessageSize, MaxRecipientsPerMessage | ft -a
