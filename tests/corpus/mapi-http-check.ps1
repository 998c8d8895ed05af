# MAPI over HTTP: org setting, vdir URLs and a quick connectivity test
$org = Get-OrganizationConfig
$org | gm -Name *Mapi* | Select-Object Name, MemberType
"MapiHttpEnabled (org): $($org.MapiHttpEnabled)"

Get-MapiVirtualDirectory -ADPropertiesOnly | ft Server, InternalUrl, ExternalUrl, IISAuthenticationMethods -a

$overrides = Get-CASMailbox -ResultSize Unlimited -Filter 'MapiHttpEnabled -ne $null' | select Name, MapiHttpEnabled
if ($overrides) { 'Mailboxes with a per-user override:'; $overrides | ft -a }

foreach ($s in (Get-ExchangeServer | ? IsClientAccessServer).Name) {
    $r = Test-OutlookConnectivity -ProbeIdentity 'OutlookMapiHttp.Protocol\OutlookMapiHttpSelfTestProbe' -RunFromServerId $s -ErrorAction SilentlyContinue
    '{0}: {1}' -f $s, $(if ($r) { $r.Result } else { 'probe failed to run' })
}

# Outlook clients fall back to RPC/HTTP when MAPI/HTTP is disabled for them
'Outlook Anywhere external host: ' + ((Get-OutlookAnywhere -ADPropertiesOnly | Select-Object -First 1).ExternalHostname)
