#requires -Version 7.0
# Connector summary written for PowerShell 7 with null-safe access
$send = Get-SendConnector
$recv = Get-ReceiveConnector

foreach ($c in $send) {
    $firstHost = ${c}?.SmartHosts?[0]
    $space = $c.AddressSpaces?[0]
    [pscustomobject]@{
        Kind      = 'Send'
        Name      = $c.Name
        Target    = $firstHost ?? 'DNS'
        Space     = "$space" ? "$space" : '(none)'
        TLS       = $c.RequireTLS ? 'required' : 'opportunistic'
        MaxSizeMB = ${c}?.MaxMessageSize?.Value?.ToMB() ?? 'unlimited'
    }
}

foreach ($r in $recv) {
    $binding = ${r}?.Bindings?[0]
    [pscustomobject]@{
        Kind      = 'Receive'
        Name      = $r.Identity
        Target    = "$binding"
        Space     = ($r.RemoteIPRanges | Select-Object -First 3) -join ', '
        TLS       = $r.AuthMechanism -match 'Tls' ? 'offered' : 'NOT offered'
        MaxSizeMB = $r.MaxMessageSize.ToString() -replace ' \(.*$'
    }
}
