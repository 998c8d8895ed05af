# IMAP4 / POP3 configuration and who may still use the protocols
$imap = Get-ImapSettings
$pop = Get-PopSettings
[pscustomobject]@{ Protocol = 'IMAP4'; Login = $imap.LoginType; External = ($imap.ExternalConnectionSettings -join ', '); X509 = $imap.X509CertificateName; MaxConn = $imap.MaxConnections },
[pscustomobject]@{ Protocol = 'POP3'; Login = $pop.LoginType; External = ($pop.ExternalConnectionSettings -join ', '); X509 = $pop.X509CertificateName; MaxConn = $pop.MaxConnections } |
    Format-Table -AutoSize

Get-Service MSExchangeIMAP4*, MSExchangePOP3* | Select-Object Name, Status, StartType | Format-Table -AutoSize

$users = Get-CASMailbox -ResultSize Unlimited -Filter 'ImapEnabled -eq $true -or PopEnabled -eq $true'
"{0} mailbox(es) still allowed to use IMAP or POP (default is enabled for everyone)" -f @($users).Count

# the services are Manual by default; Automatic means somebody needs them
Get-Service MSExchangeIMAP4*, MSExchangePOP3* | Where-Object StartType -eq 'Automatic' | ForEach-Object {
    Write-Warning "$($_.Name) is set to start automatically"
}
