[CmdletBinding(SupportsShouldProcess=$true, ConfirmImpact='High')]
param(
    [Parameter(Mandatory=$true)][ValidateScript({Test-Path $_})][string]$PfxPath,
    [Parameter(Mandatory=$true)][securestring]$Password,
    [string[]]$Server = @((Get-ExchangeServer | ? { $_.IsClientAccessServer }).Name),
    [ValidateSet('IIS','SMTP','IMAP','POP','IIS,SMTP')][string]$Services = 'IIS,SMTP'
)

$bytes = [System.IO.File]::ReadAllBytes((Resolve-Path $PfxPath))
foreach ($s in $Server) {
    if (!$PSCmdlet.ShouldProcess($s, "Import $PfxPath and enable for $Services")) { continue }
    $cert = Import-ExchangeCertificate -Server $s -FileData $bytes -Password $Password -PrivateKeyExportable:$true
    Enable-ExchangeCertificate -Server $s -Thumbprint $cert.Thumbprint -Services $Services -Force
    "{0}: {1} valid until {2:d}" -f $s, $cert.Thumbprint, $cert.NotAfter
}
# show what http.sys has bound to 443 now
netsh http show sslcert ipport=0.0.0.0:443 | Select-String 'Certificate Hash'
# IIS needs a kick on some builds
# iisreset /noforce
