<#
.SYNOPSIS
    Summarises SMTP receive protocol logs: which remote IPs talk to which connector.
#>
param(
    [string]$LogFolder = 'C:\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\FrontEnd\ProtocolLog\SmtpReceive',
    [int]$Days = 1,
    [string]$Connector = '*'
)

$files = Get-ChildItem -Path $LogFolder -Filter 'RECV*.LOG' | Where-Object LastWriteTime -gt (Get-Date).AddDays(-$Days)
$stats = @{}

foreach ($file in $files) {
    # header lines start with '#'; the field list is on the '#Fields:' line
    $fields = $null
    switch -Regex -File $file.FullName {
        '^#Fields: (.+)$' {
            $fields = $Matches[1] -split ','
            continue
        }
        '^#' { continue }
        default {
            if (-not $fields) { continue }
            $parts = $_ -split ','
            if ($parts.Count -lt 5) { continue }
            $conn = $parts[1]
            if ($conn -notlike $Connector) { continue }
            $remoteIp = ($parts[5] -csplit ':')[0]
            $key = "$conn|$remoteIp"
            if (-not $stats.ContainsKey($key)) { $stats[$key] = 0 }
            $stats[$key] += 1
        }
    }
}

$stats.GetEnumerator() | ForEach-Object {
    $c, $ip = $_.Key -split '\|', 2
    [pscustomobject]@{ Connector = $c; RemoteIP = $ip; Lines = $_.Value }
} | Sort-Object Connector, Lines -Descending | Format-Table -AutoSize
