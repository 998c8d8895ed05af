#requires -Version 5.1
<#
.SYNOPSIS
    Class based model of DAG copy health, used by the monitoring scripts.
.DESCRIPTION
    Defines enums for copy health and a [Flags()] enum for server component
    problems, plus a CopyHealth class that scores a database copy.
#>
using namespace System.Collections.Generic

enum CopyHealthState {
    Unknown = 0
    Healthy = 1
    Lagging = 2
    Suspended = 3
    Failed = 4
}

[Flags()]
enum ComponentProblem {
    None            = 0
    HubTransport    = 0x01
    FrontendProxy   = 0x02
    ServerWide      = 0x04
    Monitoring      = 0x08
    RecoveryActions = 0x10
    ClusterNode     = 0x20
}

class CopyHealth {
    [string]$Database
    [string]$Server
    [CopyHealthState]$State = [CopyHealthState]::Unknown
    [int]$CopyQueue
    [int]$ReplayQueue
    [datetime]$Checked
    hidden [string]$RawStatus

    static [int]$CopyQueueLimit = 10
    static [int]$ReplayQueueLimit = 500

    CopyHealth() {
        $this.Checked = [datetime]::Now
    }

    CopyHealth([string]$database, [string]$server) {
        $this.Database = $database
        $this.Server = $server
        $this.Checked = [datetime]::Now
    }

    [void] Evaluate([string]$status, [int]$copyQueue, [int]$replayQueue) {
        $this.RawStatus = $status
        $this.CopyQueue = $copyQueue
        $this.ReplayQueue = $replayQueue

        if ($status -like 'Failed*') {
            $this.State = [CopyHealthState]::Failed
        }
        elseif ($status -eq 'Suspended') {
            $this.State = [CopyHealthState]::Suspended
        }
        elseif ($copyQueue -gt [CopyHealth]::CopyQueueLimit -or $replayQueue -gt [CopyHealth]::ReplayQueueLimit) {
            $this.State = [CopyHealthState]::Lagging
        }
        elseif ($status -in 'Healthy', 'Mounted') {
            $this.State = [CopyHealthState]::Healthy
        }
        else {
            $this.State = [CopyHealthState]::Unknown
        }
    }

    [bool] IsProblem() {
        return $this.State -ne [CopyHealthState]::Healthy
    }

    [string] ToString() {
        return '{0}\{1} {2} (CQ {3}, RQ {4})' -f $this.Database, $this.Server, $this.State, $this.CopyQueue, $this.ReplayQueue
    }

    static [CopyHealth] FromStatus([object]$copyStatus) {
        $parts = "$($copyStatus.Name)" -split '\\', 2
        $h = [CopyHealth]::new($parts[0], $parts[1])
        $h.Evaluate("$($copyStatus.Status)", [int]$copyStatus.CopyQueueLength, [int]$copyStatus.ReplayQueueLength)
        return $h
    }
}

function Get-ComponentProblem {
    [OutputType([ComponentProblem])]
    param([Parameter(Mandatory)][string]$Server)

    $flags = [ComponentProblem]::None
    foreach ($c in Get-ServerComponentState -Identity $Server) {
        if ($c.State -eq 'Active') { continue }
        switch -Exact ($c.Component) {
            'HubTransport'      { $flags = $flags -bor [ComponentProblem]::HubTransport }
            'FrontendTransport' { $flags = $flags -bor [ComponentProblem]::HubTransport }
            'ServerWideOffline' { $flags = $flags -bor [ComponentProblem]::ServerWide }
            'Monitoring'        { $flags = $flags -bor [ComponentProblem]::Monitoring }
            'RecoveryActionsEnabled' { $flags = $flags -bor [ComponentProblem]::RecoveryActions }
            default             { $flags = $flags -bor [ComponentProblem]::FrontendProxy }
        }
    }
    $flags
}

# ---- main ----
$results = [List[CopyHealth]]::new()
foreach ($srv in (Get-MailboxServer).Name) {
    foreach ($s in Get-MailboxDatabaseCopyStatus -Server $srv) {
        $results.Add([CopyHealth]::FromStatus($s))
    }

    $problems = Get-ComponentProblem -Server $srv
    if ($problems -ne [ComponentProblem]::None) {
        Write-Warning "${srv}: component problems: $problems"
        if ($problems.HasFlag([ComponentProblem]::ServerWide)) {
            Write-Warning "${srv} is in maintenance mode (ServerWideOffline inactive)"
        }
    }
}

[CopyHealth]::CopyQueueLimit = 25
$results | Where-Object { $_.IsProblem() } | ForEach-Object { $_.ToString() }
$results | Group-Object State | Select-Object Name, Count
