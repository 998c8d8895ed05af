#requires -Version 5.1
<#
.SYNOPSIS
    Monitors transport queues on all Exchange servers and raises alerts.

.DESCRIPTION
    Intended to run from Task Scheduler every 5 minutes. Checks every
    transport queue on every Mailbox/Edge server against per-delivery-type
    thresholds, writes a status line to a rolling log, writes events to the
    Application log and sends a mail when a threshold is crossed. A state
    file prevents the same alert from being mailed on every run.

.PARAMETER Threshold
    Message count above which a queue is considered backed up.

.PARAMETER StateFile
    JSON file remembering which alerts were already sent.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000)]
    [int]$Threshold = 250,

    [ValidateRange(1, 1440)]
    [int]$RepeatAlertMinutes = 60,

    [string]$LogFile = 'D:\Scripts\Logs\queue-monitor.log',

    [string]$StateFile = 'D:\Scripts\State\queue-monitor.json',

    [string[]]$AlertTo = @('messaging-oncall@contoso.com'),

    [string]$SmtpServer = 'relay.contoso.com'
)

$ErrorActionPreference = 'Continue'
$script:alertCount = 0

# Per delivery type thresholds; anything not listed uses $Threshold
$limits = @{
    'SmtpDeliveryToMailbox' = [int]($Threshold / 2)
    'DnsConnectorDelivery'  = $Threshold
    'SmartHostConnectorDelivery' = $Threshold
    'Undefined'             = 10      # Submission / Unreachable
    'ShadowRedundancy'      = $Threshold * 4
}

function Write-Log {
    param([Parameter(ValueFromPipeline = $true)][string]$Message)
    process {
        $line = '{0:yyyy-MM-dd HH:mm:ss} {1}' -f (Get-Date), $Message
        Add-Content -Path $LogFile -Value $line
        Write-Verbose $line
    }
}

function Get-State {
    if (Test-Path $StateFile) {
        try {
            $json = Get-Content $StateFile -Raw | ConvertFrom-Json
            $h = @{}
            foreach ($p in $json.PSObject.Properties) { $h[$p.Name] = [datetime]$p.Value }
            return $h
        }
        catch {
            Write-Log "State file unreadable, starting fresh: $_"
        }
    }
    return @{}
}

function Save-State([hashtable]$State) {
    $dir = Split-Path $StateFile -Parent
    if (-not (Test-Path $dir)) { New-Item -ItemType Directory -Path $dir -Force | Out-Null }
    $State.GetEnumerator() |
        ForEach-Object -Begin { $o = [ordered]@{} } -Process { $o[$_.Key] = $_.Value.ToString('o') } -End { [pscustomobject]$o } |
        ConvertTo-Json | Set-Content -Path $StateFile -Encoding UTF8
}

# roll the log when it gets bigger than 5 MB
if ((Test-Path $LogFile) -and (Get-Item $LogFile).Length -gt 5MB) {
    Move-Item $LogFile ($LogFile -replace '\.log$', ".$(Get-Date -Format yyyyMMddHHmm).log") -Force
}

$state = Get-State
$now = Get-Date
$alerts = New-Object System.Collections.Generic.List[string]

$servers = & {
    $all = Get-TransportService | Where-Object { $_.Name -notlike 'EDGE*' }
    if (-not $all) { Write-Log 'no transport services found'; return @() }
    $all | Select-Object -ExpandProperty Name
}

foreach ($server in $servers) {
    try {
        $queues = Get-Queue -Server $server -ErrorAction Stop
    }
    catch {
        $msg = "ERROR ${server}: cannot read queues ($($_.Exception.Message))"
        $msg | Write-Log
        $alerts.Add($msg)
        continue
    }

    $total = ($queues | Measure-Object MessageCount -Sum).Sum
    "$server total=$total queues=$(@($queues).Count)" | Write-Log

    foreach ($q in $queues) {
        $type = [string]$q.DeliveryType
        $limit = if ($limits.ContainsKey($type)) { $limits[$type] } else { $Threshold }

        $reason = $null
        if ($q.MessageCount -gt $limit) {
            $reason = "{0} messages (limit {1})" -f $q.MessageCount, $limit
        }
        elseif ($q.Status -eq 'Retry' -and $q.MessageCount -gt 0) {
            $reason = "Retry: $($q.LastError)"
        }
        elseif ($q.Status -eq 'Suspended') {
            $reason = 'queue suspended'
        }
        if (-not $reason) { continue }

        $key = "$($q.Identity)|$($q.Status)"
        $lastSent = $state[$key]
        if ($lastSent -and ($now - $lastSent).TotalMinutes -lt $RepeatAlertMinutes) {
            "suppressed $key" | Write-Log
            continue
        }

        $text = "{0} [{1}] next hop {2}: {3}" -f $q.Identity, $q.DeliveryType, $q.NextHopDomain, $reason
        $alerts.Add($text)
        $state[$key] = $now
        $script:alertCount++
        "ALERT $text" | Write-Log
    }
}

# forget alerts older than a day so the state file does not grow forever
foreach ($k in @($state.Keys)) {
    if (($now - $state[$k]).TotalHours -gt 24) { $state.Remove($k) }
}
Save-State $state

if ($alerts.Count -gt 0) {
    try {
        New-EventLog -LogName Application -Source 'QueueMonitor' -ErrorAction Stop
    }
    catch [System.InvalidOperationException] {
        # source already exists
    }
    Write-EventLog -LogName Application -Source 'QueueMonitor' -EventId 3100 -EntryType Warning -Message ($alerts -join "`r`n")

    $body = "Transport queue alerts raised by ${env:COMPUTERNAME} at $($now.ToString('HH:mm')):`n`n" + ($alerts -join "`n")
    Send-MailMessage -To $AlertTo -From "queue-monitor@contoso.com" -Subject "Transport queue alert ($($alerts.Count))" `
        -Body $body -SmtpServer $SmtpServer -ErrorAction SilentlyContinue
    if (-not $?) { 'ERROR could not send alert mail' | Write-Log }
}

exit $script:alertCount
