<#
.SYNOPSIS
    Audits send connectors: address spaces, smart hosts, TLS settings and source servers.
#>
[CmdletBinding()]
param([string]$HtmlPath)

$connectors = Get-SendConnector | Sort-Object Name
$findings = @()

foreach ($c in $connectors) {
    $issues = @()
    if (-not $c.Enabled) { $issues += 'disabled' }
    if ($c.AddressSpaces | Where-Object { $_.Address -eq '*' } ) {
        if (-not $c.RequireTLS -and $c.TlsAuthLevel -eq $null) { $issues += 'internet connector without TLS requirement' }
    }
    if ($c.SmartHosts.Count -eq 0 -and -not $c.DNSRoutingEnabled) { $issues += 'no smart host and DNS routing off' }
    if ($c.SourceTransportServers.Count -lt 2) { $issues += 'single source server (no redundancy)' }
    if ($c.MaxMessageSize -ne 'Unlimited' -and $c.MaxMessageSize.Value.ToMB() -lt 25) { $issues += "max size only $($c.MaxMessageSize)" }
    if ($c.ProtocolLoggingLevel -eq 'None') { $issues += 'protocol logging off' }
    if ($c.Name -ilike '*test*' -and $c.Enabled) { $issues += 'test connector is enabled' }

    $findings += [pscustomobject]@{
        Name          = $c.Name
        Enabled       = $c.Enabled
        AddressSpaces = ($c.AddressSpaces | ForEach-Object { $_.ToString() }) -join ', '
        SmartHosts    = $c.SmartHosts -join ', '
        Sources       = ($c.SourceTransportServers | ForEach-Object Name) -join ', '
        Fqdn          = $c.Fqdn
        TlsDomain     = $c.TlsDomain
        MaxSize       = $c.MaxMessageSize
        Issues        = if ($issues) { $issues -join '; ' } else { 'none' }
    }
}

$findings | Format-List

if ($HtmlPath) {
    $findings | ConvertTo-Html -Title 'Send connector audit' -PreContent "<h1>Send connectors ($($findings.Count))</h1>" |
        Out-File $HtmlPath -Encoding utf8
}
