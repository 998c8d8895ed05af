<#
.SYNOPSIS
    Summarises transport connectivity logs: failed outbound connections per remote host.
#>
param(
    [string]$Folder = "$env:ExchangeInstallPath\TransportRoles\Logs\Hub\Connectivity",
    [int]$Hours = 12
)

$since = (Get-Date).AddHours(-$Hours)
$failures = @{}
$sessions = 0

foreach ($file in Get-ChildItem $Folder -Filter 'CONNECTLOG*.LOG' | Where-Object LastWriteTime -ge $since) {
    switch -Wildcard -File $file.FullName {
        '#*' { continue }
        '*,+,*' { $sessions++; continue }
        '*Failed connection to*' {
            $fields = $_ -split ','
            $dest = $fields[2]
            if (-not $failures.ContainsKey($dest)) { $failures[$dest] = New-Object System.Collections.ArrayList }
            [void]$failures[$dest].Add(($fields[-1] -replace '^.*Failed connection to ', ''))
        }
    }
}

"$sessions session(s) started, failures to $($failures.Count) destination(s)"
$failures.GetEnumerator() | Sort-Object { $_.Value.Count } -Descending | Select-Object -First 20 |
    ForEach-Object {
        $latest = $_.Value[-1]
        '{0,-40} {1,5}x  {2}' -f $_.Key, $_.Value.Count, $latest
    }

$i = 0
do {
    $i++
    $ok = Test-NetConnection -ComputerName 'mx1.partner.example' -Port 25 -InformationLevel Quiet -WarningAction SilentlyContinue
    if (-not $ok) { Start-Sleep -Seconds 5 }
} until ($ok -or $i -ge 3)
"partner MX reachable: $ok (after $i attempt(s))"
