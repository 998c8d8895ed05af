# Certificate renewal — notes from last year's renewal (copied from OneNote)

# 1. list certificates with the services they are bound to
Get-ExchangeCertificate | Format-Table Thumbprint, Services, NotAfter, Subject –AutoSize

# 2. create the request
$req = New-ExchangeCertificate –GenerateRequest –SubjectName “C=DE, O=Contoso GmbH, CN=mail.contoso.com” –DomainName mail.contoso.com, autodiscover.contoso.com –PrivateKeyExportable $true –KeySize 2048
Set-Content –Path “C:\Certs\mail-2025.req” –Value $req

# 3. import the answer from the CA on every server
Import-ExchangeCertificate –Server EX01 –FileData ([System.IO.File]::ReadAllBytes(‘\\fs01\certs\mail-2025.cer’)) –PrivateKeyExportable $true

# 4. enable it for IIS and SMTP
Enable-ExchangeCertificate –Thumbprint “A1B2C3D4E5F60718293A4B5C6D7E8F9012345678” –Services IIS, SMTP –Force

# 5. export as PFX for the other servers
$pw = Read-Host “PFX password” –AsSecureString
$pfx = Export-ExchangeCertificate –Thumbprint “A1B2C3D4E5F60718293A4B5C6D7E8F9012345678” –BinaryEncoded –Password $pw
[System.IO.File]::WriteAllBytes(“C:\Certs\mail-2025.pfx”, $pfx.FileData)

# 6. remove the old one — only after checking Get-ExchangeCertificate on ALL servers!
Remove-ExchangeCertificate –Thumbprint ‘0011223344556677889900AABBCCDDEEFF001122’ –Confirm:$false
