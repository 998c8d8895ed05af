# Outlook Anywhere (RPC over HTTP) settings per server.
# Internal and external host names should match the certificate and the MAPI/HTTP namespace.
$oa = Get-OutlookAnywhere -ADPropertiesOnly | Sort-Object Server
$oa | Format-Table Server,
    InternalHostname, InternalClientAuthenticationMethod, InternalClientsRequireSsl,
    ExternalHostname, ExternalClientAuthenticationMethod, ExternalClientsRequireSsl,
    @{Label = 'IISAuth'; Expression = { $_.IISAuthenticationMethods -join ',' }} -AutoSize

# all servers in a site should publish the same names
$names = $oa | Group-Object { "$($_.InternalHostname)|$($_.ExternalHostname)" }
if (@($names).Count -gt 1) {
    Write-Warning 'Outlook Anywhere host names differ between servers:'
    $names | ForEach-Object { '  {0} -> {1}' -f $_.Name, ($_.Group.Server -join ', ') }
}

$noSsl = $oa | Where-Object { -not $_.ExternalClientsRequireSsl -and $_.ExternalHostname }
if ($noSsl) { Write-Warning "SSL not required externally on: $($noSsl.Server -join ', ')" }
