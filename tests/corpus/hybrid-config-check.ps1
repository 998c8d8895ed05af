# Quick sanity check of the hybrid configuration objects
$hc = Get-HybridConfiguration
if (-not $hc) { 'No hybrid configuration in this organization.'; return }

$hc | fl Domains, Features, ReceivingTransportServers, SendingTransportServers, TlsCertificateName, OnPremisesSmartHost

$checks = [ordered]@{
    'Outbound to Office 365 connector' = { Get-SendConnector | ? { $_.Name -like 'Outbound to Office 365*' -and $_.Enabled } }
    'Organization relationship'        = { Get-OrganizationRelationship | ? { $_.DomainNames -like '*.mail.onmicrosoft.com' -and $_.Enabled } }
    'IntraOrganizationConnector'       = { Get-IntraOrganizationConnector | ? Enabled }
    'OAuth partner application'        = { Get-PartnerApplication | ? { $_.Name -eq 'Exchange Online' -and $_.Enabled } }
    'Remote domain (onmicrosoft)'      = { Get-RemoteDomain | ? { $_.DomainName -like '*.mail.onmicrosoft.com' } }
}

foreach ($name in $checks.Keys) {
    $result = & $checks[$name]
    '{0,-36} {1}' -f $name, $(if ($result) { 'present' } else { 'MISSING' })
}

$tls = $hc.TlsCertificateName.ToString()
$cert = Get-ExchangeCertificate | ? { "<I>$($_.Issuer)<S>$($_.Subject)" -eq $tls }
if ($cert) { "Hybrid TLS certificate expires $($cert.NotAfter.ToString('d'))" } else { Write-Warning "Certificate $tls not found on $env:COMPUTERNAME" }
