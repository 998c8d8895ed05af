#requires -Version 5.1
<#
.SYNOPSIS
    Checks Exchange certificates on every server for upcoming expiry.

.DESCRIPTION
    Reads Get-ExchangeCertificate from each server, flags certificates that
    expire within the warning window, certificates bound to services that are
    already expired, and self-signed certificates bound to IIS. Sends an HTML
    summary when anything needs attention.

.PARAMETER WarningDays
    Certificates expiring within this many days are reported as warnings.

.PARAMETER CriticalDays
    Certificates expiring within this many days are reported as critical.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 365)]
    [int]$WarningDays = 60,

    [ValidateRange(1, 365)]
    [int]$CriticalDays = 14,

    [string[]]$Server,

    [string]$MailTo,

    [string]$SmtpServer = 'smtp.contoso.com',

    [switch]$IncludeHealthy
)

if ($CriticalDays -ge $WarningDays) {
    throw "CriticalDays ($CriticalDays) must be smaller than WarningDays ($WarningDays)."
}

if (-not $Server) {
    $Server = Get-ExchangeServer | Where-Object { $_.ServerRole -ne 'Edge' -and $_.AdminDisplayVersion.Major -ge 15 } |
        Select-Object -ExpandProperty Name
}

$today = (Get-Date).Date
$report = foreach ($s in $Server) {
    try {
        $certs = Get-ExchangeCertificate -Server $s -ErrorAction Stop
    }
    catch {
        [pscustomobject]@{ Server = $s; Subject = '(error)'; Thumbprint = ''; Services = ''; NotAfter = $null; DaysLeft = $null; Severity = 'Error'; Note = $_.Exception.Message }
        continue
    }

    foreach ($cert in $certs) {
        $daysLeft = [int]($cert.NotAfter - $today).TotalDays
        $services = [string]$cert.Services
        $bound = $services -ne 'None'

        $severity = switch ($true) {
            { $daysLeft -lt 0 -and $bound }      { 'Expired'; break }
            { $daysLeft -lt 0 }                  { 'ExpiredUnused'; break }
            { $daysLeft -le $CriticalDays }      { 'Critical'; break }
            { $daysLeft -le $WarningDays }       { 'Warning'; break }
            default                              { 'OK' }
        }

        $notes = @()
        if ($cert.IsSelfSigned -and $services -match 'IIS') { $notes += 'self-signed cert bound to IIS' }
        if ($cert.Subject -like '*Microsoft Exchange Server Auth Certificate*') { $notes += 'OAuth certificate (see Get-AuthConfig)' }
        if ($cert.Status -ne 'Valid') { $notes += "status $($cert.Status)" }
        if ($cert.Subject -clike '*CN=WMSvc*') { $notes += 'IIS management service certificate' }
        if (-not $cert.HasPrivateKey -and $bound) { $notes += 'no private key' }

        [pscustomobject]@{
            Server     = $s
            Subject    = $cert.Subject
            Thumbprint = $cert.Thumbprint
            Services   = $services
            NotAfter   = $cert.NotAfter
            DaysLeft   = $daysLeft
            Severity   = $severity
            Note       = $notes -join '; '
        }
    }
}

$order = @{ Expired = 0; Error = 1; Critical = 2; Warning = 3; ExpiredUnused = 4; OK = 5 }
$report = $report | Sort-Object { $order[$_.Severity] }, DaysLeft
$attention = @($report | Where-Object { $_.Severity -notin 'OK', 'ExpiredUnused' })

$show = if ($IncludeHealthy) { $report } else { $report | Where-Object Severity -ne 'OK' }
$show | Format-Table Server, Severity, DaysLeft, NotAfter, Services, Subject -AutoSize

if ($MailTo -and $attention.Count -gt 0) {
    $rowsHtml = ($attention | ForEach-Object {
        $bg = switch -Wildcard ($_.Severity) { 'Expired*' { '#f4b6b6' } 'Critical' { '#f8d7a8' } 'Error' { '#f4b6b6' } default { '#fff3b0' } }
        "<tr style='background:$bg'><td>$($_.Server)</td><td>$($_.Severity)</td><td>$($_.DaysLeft)</td><td>$($_.NotAfter.ToString('yyyy-MM-dd'))</td><td>$($_.Services)</td><td>$($_.Subject)</td><td>$($_.Thumbprint)</td><td>$($_.Note)</td></tr>"
    }) -join "`n"

    $html = @"
<html><body style="font-family:Calibri,sans-serif">
<p>The following Exchange certificates need attention (warning window $WarningDays days, critical $CriticalDays days):</p>
<table border="1" cellpadding="3" cellspacing="0">
<tr><th>Server</th><th>Severity</th><th>Days</th><th>Expires</th><th>Services</th><th>Subject</th><th>Thumbprint</th><th>Note</th></tr>
$rowsHtml
</table>
<p>Renew with New-ExchangeCertificate -GenerateRequest, import with Import-ExchangeCertificate and bind with Enable-ExchangeCertificate.</p>
</body></html>
"@
    Send-MailMessage -To $MailTo -From "certcheck@contoso.com" -Subject "Exchange certificates: $($attention.Count) need attention" -Body $html -BodyAsHtml -SmtpServer $SmtpServer
}

exit $attention.Count
