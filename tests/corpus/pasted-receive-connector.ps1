# Anonymous relay connector for the scanners and the ERP system
# Source: vendor installation guide (PDF) – quotes and dashes came along with the copy

New-ReceiveConnector –Name “Relay – Scanners” –Server EX01 –TransportRole FrontendTransport –Custom `
    –Bindings 0.0.0.0:25 –RemoteIPRanges 10.10.20.0/24, 10.10.21.15 –PermissionGroups AnonymousUsers

Get-ReceiveConnector “EX01\Relay – Scanners” | Add-ADPermission –User “NT AUTHORITY\ANONYMOUS LOGON” –ExtendedRights “Ms-Exch-SMTP-Accept-Any-Recipient”

# allow the ERP server as well
Set-ReceiveConnector “EX01\Relay – Scanners” –RemoteIPRanges @{Add=‘10.10.30.40’}

# verify
Get-ReceiveConnector “EX01\Relay – Scanners” | Format-List Name, Bindings, RemoteIPRanges, PermissionGroups, AuthMechanism
Get-ADPermission “EX01\Relay – Scanners” | Where-Object { $_.ExtendedRights –like ‘*Any-Recipient*’ } | Format-Table User, ExtendedRights –AutoSize

# test from the scanner subnet: Send-MailMessage –SmtpServer ex01.contoso.com –From ‘scanner@contoso.com’ –To ‘you@contoso.com’ –Subject ‘relay test’
