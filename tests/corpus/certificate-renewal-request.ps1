<#
.SYNOPSIS
  Generates a renewal CSR for the Exchange certificate currently bound to IIS.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
  [string]$Server = $env:COMPUTERNAME,
  [string]$RequestFolder = "\\fileserver\pki$\requests",
  [ValidateSet(2048, 4096)][int]$KeySize = 2048
)

$current = Get-ExchangeCertificate -Server $Server | Where-Object { $_.Services -match 'IIS' -and -not $_.IsSelfSigned } |
  Sort-Object NotAfter -Descending | Select-Object -First 1
if (-not $current) { throw "No CA-issued certificate bound to IIS on $Server." }

Write-Host "Renewing $($current.Subject) (expires $($current.NotAfter.ToShortDateString()))"
Write-Host "SANs: $($current.CertificateDomains -join ', ')"
$internalNames = $current.CertificateDomains | Where-Object { "$_" -inotmatch '\.(com|net|org|de)$' }
if ($internalNames) { Write-Warning "Public CAs no longer issue certificates for internal names: $($internalNames -join ', ')" }

$file = Join-Path $RequestFolder ('{0}-{1:yyyyMMdd}.req' -f $Server, (Get-Date))
if ($PSCmdlet.ShouldProcess($current.Thumbprint, 'Generate renewal request')) {
  $csr = $current | New-ExchangeCertificate -GenerateRequest -KeySize $KeySize -PrivateKeyExportable $true -Server $Server
  Set-Content -Path $file -Value $csr -Encoding Ascii
  "CSR written to $file"
}
