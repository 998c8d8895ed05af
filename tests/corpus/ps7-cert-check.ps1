#requires -Version 7.0
<#
.SYNOPSIS
    Checks the TLS certificate actually served on 443 and 25 (STARTTLS is not
    covered here - only the HTTPS endpoint) for each namespace.
#>
param(
    [string[]]$HostName = @('mail.contoso.com', 'autodiscover.contoso.com', 'owa.fabrikam.com'),
    [int]$WarnDays = 30
)

foreach ($h in $HostName) {
    $tcp = [System.Net.Sockets.TcpClient]::new()
    try {
        $tcp.Connect($h, 443)
        $ssl = [System.Net.Security.SslStream]::new($tcp.GetStream(), $false, { $true })
        $ssl.AuthenticateAsClient($h)
        $cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($ssl.RemoteCertificate)
        $days = ($cert.NotAfter - (Get-Date)).Days
        $san = $cert.Extensions.Where({ $_.Oid.Value -eq '2.5.29.17' })
        [pscustomobject]@{
            Host     = $h
            Subject  = $cert.Subject
            Issuer   = $cert.Issuer -replace '^CN=([^,]+).*$', '$1'
            NotAfter = $cert.NotAfter
            Days     = $days
            State    = $days -lt 0 ? 'EXPIRED' : ($days -lt $WarnDays ? 'RENEW' : 'OK')
            Protocol = $ssl.SslProtocol
            SAN      = ${san}?[0]?.Format($false)
        }
    }
    catch [System.Net.Sockets.SocketException] {
        [pscustomobject]@{ Host = $h; State = "CONNECT FAILED: $($_.Exception.SocketErrorCode)" }
    }
    catch [System.Security.Authentication.AuthenticationException] {
        [pscustomobject]@{ Host = $h; State = "TLS FAILED: $($_.Exception.Message)" }
    }
    finally {
        ${ssl}?.Dispose()
        $tcp.Dispose()
        $ssl = $null
    }
}

# quick DNS sanity check with pipeline chain operators
Resolve-DnsName mail.contoso.com -ErrorAction SilentlyContinue > $null && Write-Host 'mail.contoso.com resolves' || Write-Warning 'mail.contoso.com does not resolve'
