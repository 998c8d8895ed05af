#requires -Version 5.1
<#
.SYNOPSIS
    Analyses IIS logs of Exchange front end servers: requests per protocol,
    top users, ActiveSync device types, HTTP errors and slow requests.

.DESCRIPTION
    Reads W3C logs directly with switch -File, so no LogParser installation
    is needed. If Log Parser 2.2 is installed it can be used for very large
    folders with -UseLogParser.

.PARAMETER LogFolder
    Folder with u_ex*.log files (W3SVC1 = Default Web Site).

.PARAMETER Days
    Only files written in the last N days.
#>
[CmdletBinding()]
param(
    [ValidateScript({ Test-Path $_ -PathType Container })]
    [string]$LogFolder = 'C:\inetpub\logs\LogFiles\W3SVC1',

    [ValidateRange(1, 90)]
    [int]$Days = 1,

    [ValidateRange(100, 600000)]
    [int]$SlowMs = 20000,

    [switch]$UseLogParser
)

$logParser = 'C:\Program Files (x86)\Log Parser 2.2\LogParser.exe'
if ($UseLogParser -and (Test-Path $logParser)) {
    $query = "SELECT cs-uri-stem, COUNT(*) AS Hits FROM '$LogFolder\u_ex*.log' GROUP BY cs-uri-stem ORDER BY Hits DESC"
    & $logParser -i:W3C -o:CSV -q:ON $query | ConvertFrom-Csv | Select-Object -First 25
    return
}

$files = Get-ChildItem -Path $LogFolder -Filter 'u_ex*.log' | Where-Object LastWriteTime -ge (Get-Date).AddDays(-$Days)
if (-not $files) { Write-Warning "No log files in $LogFolder for the last $Days day(s)"; return }

$protocols = @{}
$users = @{}
$devices = @{}
$statusCodes = @{}
$slow = New-Object System.Collections.Generic.List[object]
[long]$lines = 0
$fieldIndex = @{}

:files foreach ($file in $files) {
    Write-Verbose "reading $($file.Name) ($([math]::Round($file.Length / 1MB, 1)) MB)"
    switch -Regex -File $file.FullName {
        '^#Fields: (.*)$' {
            # field order can change between files when logging options change
            $fieldIndex.Clear()
            $names = $Matches[1] -split ' '
            for ($i = 0; $i -lt $names.Count; $i++) { $fieldIndex[$names[$i]] = $i }
            continue
        }
        '^#' { continue }
        default {
            $lines++
            $f = $_ -split ' '
            if ($f.Count -lt $fieldIndex.Count) { continue }

            $stem = $f[$fieldIndex['cs-uri-stem']]
            $user = $f[$fieldIndex['cs-username']]
            $status = $f[$fieldIndex['sc-status']]
            $ms = [int]$f[$fieldIndex['time-taken']]

            # protocol from the virtual directory; -Wildcard is case-insensitive by default
            $proto = switch -Wildcard ($stem) {
                '/owa*'                          { 'OWA'; break }
                '/ecp*'                          { 'ECP'; break }
                '/EWS*'                          { 'EWS'; break }
                '/Microsoft-Server-ActiveSync*'  { 'ActiveSync'; break }
                '/mapi*'                         { 'MAPI/HTTP'; break }
                '/rpc*'                          { 'RPC/HTTP'; break }
                '/autodiscover*'                 { 'Autodiscover'; break }
                '/oab*'                          { 'OAB'; break }
                '/powershell*'                   { 'PowerShell'; break }
                default                          { 'Other' }
            }
            $protocols[$proto] += 1
            $statusCodes[$status] += 1

            if ($user -ne '-') {
                $u = $user.ToLowerInvariant()
                $users[$u] += 1
            }

            if ($proto -eq 'ActiveSync') {
                $query = $f[$fieldIndex['cs-uri-query']]
                if ($query -match 'DeviceType=([^&]+)') {
                    # device types are case-sensitive in the logs (iPhone vs IPHONE are different clients)
                    $type = switch -CaseSensitive -Regex ($Matches[1]) {
                        '^iPhone|^iPad'   { 'Apple iOS'; break }
                        '^Android'        { 'Android (native)'; break }
                        '^Outlook'        { 'Outlook mobile'; break }
                        '^WindowsMail'    { 'Windows Mail'; break }
                        '^[A-Z0-9]+$'     { "OEM $($Matches[0])"; break }
                        default           { 'other' }
                    }
                    $devices[$type] += 1
                }
            }

            if ($ms -ge $SlowMs -and $proto -notin 'MAPI/HTTP', 'RPC/HTTP', 'ActiveSync') {
                # long polling requests are slow by design, ignore them
                $slow.Add([pscustomobject]@{ File = $file.Name; Stem = $stem; User = $user; Status = $status; Ms = $ms })
            }
        }
    }
    if ($lines -gt 50e6) {
        Write-Warning 'More than 50 million lines read; stopping early. Use -UseLogParser for big folders.'
        break files
    }
}

function Show-Table([hashtable]$Data, [string]$Title, [int]$Top = 15) {
    Write-Host "`n== $Title" -ForegroundColor Cyan
    $total = ($Data.Values | Measure-Object -Sum).Sum
    $Data.GetEnumerator() | Sort-Object Value -Descending | Select-Object -First $Top |
        Format-Table @{ n = 'Name'; e = { $_.Key } }, @{ n = 'Requests'; e = { $_.Value } },
            @{ n = '%'; e = { '{0:N1}' -f ($_.Value * 100 / [math]::Max($total, 1)) }; Align = 'Right' } -AutoSize
}

"{0:N0} requests in {1} file(s)" -f $lines, @($files).Count
Show-Table $protocols 'Requests per protocol'
Show-Table $users 'Top users'
Show-Table $devices 'ActiveSync device types'
Show-Table $statusCodes 'HTTP status codes'

$errors = $statusCodes.Keys | Where-Object { $_ -match '^5\d\d$' } | ForEach-Object { $statusCodes[$_] } | Measure-Object -Sum
if ($errors.Sum -gt 0) { Write-Warning "$($errors.Sum) server errors (5xx)" }

if ($slow.Count) {
    Write-Host "`n== Slow requests (>= $SlowMs ms)" -ForegroundColor Cyan
    $slow | Sort-Object Ms -Descending | Select-Object -First 20 | Format-Table -AutoSize
}
