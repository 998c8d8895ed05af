#requires -Version 5.1
<#
.SYNOPSIS
    Daily Exchange environment report (servers, services, databases, copies,
    queues, certificates, backups) sent as one HTML mail.

.DESCRIPTION
    Each section is produced by a script block in $sections so that new checks
    can be added without touching the rendering code. A section returns
    objects; the renderer colours a row red when the object has a property
    named _Severity with the value 'crit', amber for 'warn'.

.NOTES
    Schedule with register-report-task.ps1. Requires the Exchange snap-in or
    a remote session; the script loads the snap-in if neither is present.
#>
[CmdletBinding()]
param(
    [string[]]$To = @('exchange-team@contoso.com'),
    [string]$SmtpServer = 'smtp.contoso.com',
    [string]$ArchiveFolder = 'D:\Reports\Daily',
    [switch]$NoMail
)

$ErrorActionPreference = 'Continue'
$started = Get-Date
${Report Title} = "Exchange daily report - $($started.ToString('dddd, dd MMM yyyy'))"

if (-not (Get-Command Get-ExchangeServer -ErrorAction SilentlyContinue)) {
    try {
        Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn -ErrorAction Stop
    }
    catch {
        . "$env:ExchangeInstallPath\bin\RemoteExchange.ps1"
        Connect-ExchangeServer -auto -AllowClobber
    }
}

$servers = Get-ExchangeServer | Where-Object { $_.ServerRole -ne 'Edge' } | Sort-Object Name
$worst = 'ok'
$rank = @{ ok = 0; warn = 1; crit = 2 }

function Update-Worst([string]$Severity) {
    if ($rank[$Severity] -gt $rank[$script:worst]) { $script:worst = $Severity }
}

$sections = [ordered]@{
    'Servers' = {
        foreach ($s in $servers) {
            $os = Get-CimInstance -ComputerName $s.Name -ClassName Win32_OperatingSystem -ErrorAction SilentlyContinue
            $up = if ($os) { [math]::Round(((Get-Date) - $os.LastBootUpTime).TotalDays, 1) } else { $null }
            $offline = @(Get-ServerComponentState $s.Name | Where-Object State -ne 'Active').Count
            [pscustomobject]@{
                Server       = $s.Name
                Version      = $s.AdminDisplayVersion
                UptimeDays   = $up
                InactiveComp = $offline
                _Severity    = if (-not $os) { 'crit' } elseif ($offline -gt 0) { 'warn' } else { 'ok' }
            }
        }
    }
    'Services' = {
        foreach ($s in $servers) {
            foreach ($r in Test-ServiceHealth -Server $s.Name -ErrorAction SilentlyContinue) {
                [pscustomobject]@{
                    Server    = $s.Name
                    Role      = $r.Role
                    Running   = $r.RequiredServicesRunning
                    NotRunning = $r.ServicesNotRunning -join ', '
                    _Severity = if ($r.RequiredServicesRunning) { 'ok' } else { 'crit' }
                }
            }
        }
    }
    'Databases' = {
        Get-MailboxDatabase -Status | Sort-Object Name | ForEach-Object {
            $backupAge = if ($_.LastFullBackup) { ((Get-Date) - $_.LastFullBackup).TotalHours } else { [double]::MaxValue }
            [pscustomobject]@{
                Database   = $_.Name
                Server     = $_.Server
                Mounted    = $_.Mounted
                Size       = $_.DatabaseSize
                Whitespace = $_.AvailableNewMailboxSpace
                LastFull   = $_.LastFullBackup
                _Severity  = if (-not $_.Mounted) { 'crit' } elseif ($backupAge -gt 48) { 'warn' } else { 'ok' }
            }
        }
    }
    'Database copies' = {
        foreach ($s in $servers | Where-Object { $_.IsMailboxServer }) {
            Get-MailboxDatabaseCopyStatus -Server $s.Name -ErrorAction SilentlyContinue |
                Where-Object { $_.Status -notin 'Mounted', 'Healthy' -or $_.CopyQueueLength -gt 10 -or $_.ContentIndexState -ne 'Healthy' } |
                ForEach-Object {
                    [pscustomobject]@{
                        Copy       = $_.Name
                        Status     = $_.Status
                        CopyQueue  = $_.CopyQueueLength
                        ReplayQ    = $_.ReplayQueueLength
                        Index      = $_.ContentIndexState
                        _Severity  = if ($_.Status -like 'Failed*' -or $_.Status -eq 'Dismounted') { 'crit' } else { 'warn' }
                    }
                }
        }
    }
    'Queues' = {
        $servers | Where-Object IsHubTransportServer | ForEach-Object { Get-Queue -Server $_.Name -ErrorAction SilentlyContinue } |
            Where-Object { $_.MessageCount -gt 20 -or $_.Status -ne 'Ready' } |
            Select-Object Identity, DeliveryType, Status, MessageCount, NextHopDomain, LastError,
                @{n = '_Severity'; e = { if ($_.MessageCount -gt 250 -or $_.Status -eq 'Suspended') { 'crit' } else { 'warn' } }}
    }
    'Certificates' = {
        foreach ($s in $servers) {
            Get-ExchangeCertificate -Server $s.Name -ErrorAction SilentlyContinue |
                Where-Object { $_.Services -ne 'None' -and $_.NotAfter -lt (Get-Date).AddDays(60) } |
                Select-Object @{n = 'Server'; e = { $s.Name }}, Subject, Services, NotAfter,
                    @{n = '_Severity'; e = { if ($_.NotAfter -lt (Get-Date).AddDays(14)) { 'crit' } else { 'warn' } }}
        }
    }
}

$html = New-Object System.Text.StringBuilder
$summary = [ordered]@{}

foreach ($name in $sections.Keys) {
    $t0 = Get-Date
    try {
        $rows = @(& $sections[$name])
    }
    catch {
        $rows = @([pscustomobject]@{ Error = $_.Exception.Message; _Severity = 'crit' })
    }
    $elapsed = ((Get-Date) - $t0).TotalSeconds

    $sev = 'ok'
    foreach ($r in $rows) {
        if ($r._Severity -and $rank[$r._Severity] -gt $rank[$sev]) { $sev = $r._Severity }
    }
    Update-Worst $sev
    $summary[$name] = $sev

    [void]$html.AppendLine("<h2>$name <span style='font-size:8pt;color:#999'>($([math]::Round($elapsed, 1)) s)</span></h2>")
    if ($rows.Count -eq 0) {
        [void]$html.AppendLine('<p style="color:#107c10">Nothing to report.</p>')
        continue
    }
    $props = $rows[0].PSObject.Properties.Name | Where-Object { $_ -ne '_Severity' }
    [void]$html.AppendLine('<table border="1" cellspacing="0" cellpadding="3"><tr>' + (($props | ForEach-Object { "<th>$_</th>" }) -join '') + '</tr>')
    foreach ($r in $rows) {
        $bg = switch ($r._Severity) { 'crit' { ' style="background:#fde7e9"' } 'warn' { ' style="background:#fff4ce"' } default { '' } }
        $cells = foreach ($p in $props) { '<td>{0}</td>' -f [System.Net.WebUtility]::HtmlEncode("$($r.$p)") }
        [void]$html.AppendLine("<tr$bg>$($cells -join '')</tr>")
    }
    [void]$html.AppendLine('</table>')
}

$summaryRows = ($summary.GetEnumerator() | ForEach-Object { "<li>$($_.Key): <b>$($_.Value.ToUpper())</b></li>" }) -join ''
$body = @"
<html><body style="font-family:Segoe UI,Arial;font-size:10pt">
<h1>${Report Title}</h1>
<ul>$summaryRows</ul>
$($html.ToString())
<p style="font-size:8pt;color:#999">Runtime $([int]((Get-Date) - $started).TotalSeconds) s, host $env:COMPUTERNAME</p>
</body></html>
"@

if (-not (Test-Path $ArchiveFolder)) { New-Item -ItemType Directory -Path $ArchiveFolder -Force | Out-Null }
$file = Join-Path $ArchiveFolder ("daily-{0:yyyy-MM-dd}.html" -f $started)
$body | Set-Content -Path $file -Encoding UTF8

if (-not $NoMail) {
    $tag = @{ ok = '[OK]'; warn = '[WARNING]'; crit = '[CRITICAL]' }[$worst]
    Send-MailMessage -To $To -From "exchange-report@contoso.com" -Subject "$tag Exchange daily report $($started.ToString('yyyy-MM-dd'))" `
        -Body $body -BodyAsHtml -SmtpServer $SmtpServer -Encoding UTF8
}
"Report saved to $file (overall: $worst)"
