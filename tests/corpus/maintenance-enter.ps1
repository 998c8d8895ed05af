#requires -Version 5.1
<#
.SYNOPSIS
    Places an Exchange 2016/2019 DAG member into maintenance mode.

.DESCRIPTION
    Drains the transport queues, redirects pending messages to another
    Mailbox server, suspends the cluster node, blocks database activation
    and finally sets ServerWideOffline to Inactive.

.PARAMETER Server
    The DAG member to put into maintenance.

.PARAMETER TargetServer
    FQDN of the server that receives the redirected messages.

.EXAMPLE
    .\maintenance-enter.ps1 -Server EX01 -TargetServer ex02.contoso.com
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [Alias('CN', 'ComputerName')]
    [string]$Server,

    [Parameter(Mandatory = $true, Position = 1)]
    [ValidatePattern('^[a-zA-Z0-9\-]+(\.[a-zA-Z0-9\-]+)+$')]
    [string]$TargetServer,

    # How long to wait for the queues to drain before asking the operator
    [ValidateRange(1, 120)]
    [int]$DrainTimeoutMinutes = 15,

    [switch]$SkipClusterSuspend
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Write-Step {
    param(
        [string]$Message,
        [ConsoleColor]$Color = 'Cyan'
    )
    $stamp = Get-Date -Format 'HH:mm:ss'
    Write-Host "[$stamp] $Message" -ForegroundColor $Color
}

function Wait-QueueDrain {
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)][string]$Server,
        [int]$TimeoutMinutes = 10
    )

    $deadline = (Get-Date).AddMinutes($TimeoutMinutes)
    do {
        $pending = Get-Queue -Server $Server |
            Where-Object { $_.Identity -notlike '*\Poison' -and $_.Identity -notlike '*\Shadow\*' } |
            Measure-Object -Property MessageCount -Sum
        $count = [int]$pending.Sum
        Write-Verbose "$count message(s) still queued on $Server"
        if ($count -eq 0) {
            return $true
        }
        Start-Sleep -Seconds 30
    } until ((Get-Date) -gt $deadline)

    return $false
}

$exServer = Get-ExchangeServer -Identity $Server -ErrorAction SilentlyContinue
if (-not $exServer) {
    throw "Server '$Server' was not found in the organization."
}
if (-not $exServer.IsMailboxServer) {
    throw "$Server is not a Mailbox server; nothing to do."
}

$dag = Get-DatabaseAvailabilityGroup | Where-Object { $_.Servers.Name -contains $Server }

if (-not $PSCmdlet.ShouldProcess($Server, 'Enter maintenance mode')) {
    Write-Step 'Aborted by the operator.' Yellow
    return
}

Write-Step "Setting HubTransport to Draining on $Server"
Set-ServerComponentState -Identity $Server -Component HubTransport -State Draining -Requester Maintenance

Write-Step 'Restarting transport services so the new state is picked up'
Invoke-Command -ComputerName $exServer.Fqdn -ScriptBlock {
    Restart-Service MSExchangeTransport -Force
    Restart-Service -Name MSExchangeFrontEndTransport -Force
}

Write-Step "Redirecting queued messages to $TargetServer"
Redirect-Message -Server $Server -Target $TargetServer -Confirm:$false

if (-not (Wait-QueueDrain -Server $Server -TimeoutMinutes $DrainTimeoutMinutes)) {
    Write-Warning "Queues on $Server did not drain within $DrainTimeoutMinutes minutes."
    $answer = Read-Host 'Continue anyway? (y/n)'
    if ($answer -notmatch '^(y|yes)$') {
        exit 2
    }
}

if ($dag -and -not $SkipClusterSuspend) {
    Write-Step "Suspending cluster node $Server in $($dag.Name)"
    Invoke-Command -ComputerName $exServer.Fqdn -ScriptBlock {
        param($node)
        Suspend-ClusterNode -Name $node | Out-Null
    } -ArgumentList $Server

    Write-Step 'Moving active databases away and blocking activation'
    Set-MailboxServer -Identity $Server -DatabaseCopyActivationDisabledAndMoveNow:$true
    Set-MailboxServer $Server -DatabaseCopyAutoActivationPolicy Blocked

    $attempt = 0
    while ((Get-MailboxDatabaseCopyStatus -Server $Server | Where-Object Status -eq 'Mounted') -and $attempt -lt 20) {
        $attempt++
        Write-Step "Waiting for active copies to leave $Server (attempt $attempt of 20)" DarkGray
        Start-Sleep -Seconds 15
    }

    $stillActive = @(Get-MailboxDatabaseCopyStatus -Server $Server | Where-Object Status -eq 'Mounted')
    if ($stillActive.Count -gt 0) {
        Write-Warning ("{0} database(s) still mounted: {1}" -f $stillActive.Count, ($stillActive.DatabaseName -join ', '))
    }
}

Write-Step "Setting ServerWideOffline to Inactive on $Server"
Set-ServerComponentState $Server -Component ServerWideOffline -State Inactive -Requester Maintenance

Write-Step 'Final component state:' Green
Get-ServerComponentState -Identity $Server |
    Select-Object Component, State |
    Format-Table -AutoSize
