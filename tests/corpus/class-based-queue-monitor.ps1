#requires -Version 5.1
<#
.SYNOPSIS
    Queue monitor built on classes: one QueueRule per delivery type, a
    QueueSample per queue, and an AlertSink hierarchy (console / event log / mail).
#>
using namespace System.Collections.Generic

enum AlertLevel {
    None
    Warning
    Critical
}

[Flags()]
enum SinkKind {
    None = 0
    Console = 1
    EventLog = 2
    Mail = 4
}

class QueueSample {
    [string]$Identity
    [string]$DeliveryType
    [string]$Status
    [int]$MessageCount
    [string]$NextHop

    QueueSample([object]$queue) {
        $this.Identity = [string]$queue.Identity
        $this.DeliveryType = [string]$queue.DeliveryType
        $this.Status = [string]$queue.Status
        $this.MessageCount = [int]$queue.MessageCount
        $this.NextHop = [string]$queue.NextHopDomain
    }
}

class QueueRule {
    [string]$DeliveryType
    [int]$Warning
    [int]$Critical

    QueueRule([string]$type, [int]$warning, [int]$critical) {
        $this.DeliveryType = $type
        $this.Warning = $warning
        $this.Critical = $critical
    }

    [AlertLevel] Evaluate([QueueSample]$sample) {
        if ($sample.Status -eq 'Suspended') { return [AlertLevel]::Critical }
        if ($sample.MessageCount -ge $this.Critical) { return [AlertLevel]::Critical }
        if ($sample.MessageCount -ge $this.Warning -or $sample.Status -eq 'Retry') { return [AlertLevel]::Warning }
        return [AlertLevel]::None
    }
}

class AlertSink {
    [int]$Sent = 0
    [void] Send([AlertLevel]$level, [string]$text) {
        $this.Sent++
    }
}

class ConsoleSink : AlertSink {
    [void] Send([AlertLevel]$level, [string]$text) {
        $color = 'Yellow'
        if ($level -eq [AlertLevel]::Critical) { $color = 'Red' }
        Write-Host "[$level] $text" -ForegroundColor $color
        $this.Sent++
    }
}

class EventLogSink : AlertSink {
    [string]$Source
    hidden [bool]$Ready = $false

    EventLogSink([string]$source) {
        $this.Source = $source
    }

    [void] Send([AlertLevel]$level, [string]$text) {
        if (-not $this.Ready) {
            if (-not [System.Diagnostics.EventLog]::SourceExists($this.Source)) {
                [System.Diagnostics.EventLog]::CreateEventSource($this.Source, 'Application')
            }
            $this.Ready = $true
        }
        $type = [System.Diagnostics.EventLogEntryType]::Warning
        if ($level -eq [AlertLevel]::Critical) { $type = [System.Diagnostics.EventLogEntryType]::Error }
        [System.Diagnostics.EventLog]::WriteEntry($this.Source, $text, $type, 4100 + [int]$level)
        $this.Sent++
    }
}

# ------------------------------------------------------------------ main
$rules = @{
    'SmtpDeliveryToMailbox'      = [QueueRule]::new('SmtpDeliveryToMailbox', 100, 500)
    'DnsConnectorDelivery'       = [QueueRule]::new('DnsConnectorDelivery', 200, 1000)
    'SmartHostConnectorDelivery' = [QueueRule]::new('SmartHostConnectorDelivery', 200, 1000)
}
$default = [QueueRule]::new('*', 50, 250)

[SinkKind]$enabledSinks = [SinkKind]::Console -bor [SinkKind]::EventLog
$sinks = [List[AlertSink]]::new()
if ($enabledSinks.HasFlag([SinkKind]::Console)) { $sinks.Add([ConsoleSink]::new()) }
if ($enabledSinks -band [SinkKind]::EventLog) { $sinks.Add([EventLogSink]::new('ExchangeQueueMonitor')) }

$worst = [AlertLevel]::None
foreach ($server in (Get-TransportService).Name) {
    foreach ($q in Get-Queue -Server $server -ErrorAction SilentlyContinue) {
        $sample = [QueueSample]::new($q)
        $rule = if ($rules.ContainsKey($sample.DeliveryType)) { $rules[$sample.DeliveryType] } else { $default }
        $level = $rule.Evaluate($sample)
        if ($level -eq [AlertLevel]::None) { continue }
        if ($level -gt $worst) { $worst = $level }

        $text = '{0}: {1} messages, status {2}, next hop {3}' -f $sample.Identity, $sample.MessageCount, $sample.Status, $sample.NextHop
        foreach ($sink in $sinks) { $sink.Send($level, $text) }
    }
}

'alerts sent: ' + (($sinks | ForEach-Object { '{0}={1}' -f $_.GetType().Name, $_.Sent }) -join ', ')
exit [int]$worst
