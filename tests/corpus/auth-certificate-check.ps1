# OAuth (Auth) certificate check - an expired Auth cert breaks OWA/ECP and hybrid
$auth = Get-AuthConfig
$thumb = $auth.CurrentCertificateThumbprint
$cert = Get-ExchangeCertificate -Thumbprint $thumb -ErrorAction SilentlyContinue

if (-not $cert) {
    Write-Host "Auth certificate $thumb is MISSING on $env:COMPUTERNAME" -ForegroundColor Red
    exit 2
}

$days = ($cert.NotAfter - (Get-Date)).Days
"Current auth cert : $thumb"
"Expires           : $($cert.NotAfter) ($days days)"
"Next cert         : $(if ($auth.NextCertificateThumbprint) { $auth.NextCertificateThumbprint } else { '<none>' })"
"Next effective    : $($auth.NextCertificateEffectiveDate)"

if ($days -lt 30) {
    Write-Warning 'Renew with: New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -SubjectName "cn=Microsoft Exchange Server Auth Certificate" -FriendlyName "Microsoft Exchange Server Auth Certificate" -DomainName @()'
    Write-Warning 'then Set-AuthConfig -NewCertificateThumbprint <thumb> -NewCertificateEffectiveDate (Get-Date); Set-AuthConfig -PublishCertificate; Set-AuthConfig -ClearPreviousCertificate'
    exit 1
}
