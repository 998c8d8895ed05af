<#
.SYNOPSIS
    Performs a controlled database switchover with health checks before and after.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High', DefaultParameterSetName = 'ByName')]
param(
    [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'ByName')]
    [string]$Database,

    [Parameter(Mandatory = $true, ParameterSetName = 'AllOnServer')]
    [string]$SourceServer,

    [Parameter(Mandatory = $true)]
    [string]$TargetServer,

    [ValidateRange(0, 50)]
    [int]$MaxCopyQueue = 10,

    [ValidateSet('None', 'Lossless', 'GoodAvailability', 'BestAvailability', 'BestEffort')]
    [string]$MountDialOverride = 'None'
)

function Test-CopyReady {
    param([string]$Identity)
    $copy = Get-MailboxDatabaseCopyStatus -Identity $Identity
    $ok = $copy.Status -eq 'Healthy' -and
          $copy.CopyQueueLength -le $MaxCopyQueue -and
          $copy.ContentIndexState -in 'Healthy', 'NotApplicable'
    if (-not $ok) {
        Write-Warning ("{0}: Status={1} CopyQueue={2} CI={3}" -f $Identity, $copy.Status, $copy.CopyQueueLength, $copy.ContentIndexState)
    }
    $ok
}

switch ($PSCmdlet.ParameterSetName) {
    'ByName'      { $databases = @(Get-MailboxDatabase -Identity $Database) }
    'AllOnServer' { $databases = @(Get-MailboxDatabase -Server $SourceServer | Where-Object { $_.Server.Name -eq $SourceServer }) }
}

$moved = 0; $skipped = 0
foreach ($db in $databases) {
    $copyId = '{0}\{1}' -f $db.Name, $TargetServer
    if (-not (Test-CopyReady -Identity $copyId)) {
        $skipped++
        continue
    }

    if ($PSCmdlet.ShouldProcess($db.Name, "Activate on $TargetServer")) {
        $moveParams = @{
            Identity                 = $db.Name
            ActivateOnServer         = $TargetServer
            MountDialOverride        = $MountDialOverride
            SkipClientExperienceChecks = $false
            Confirm                  = $false
            ErrorAction              = 'Stop'
        }
        try {
            Move-ActiveMailboxDatabase @moveParams | Select-Object Identity, ActiveServerAtStart, ActiveServerAtEnd, Status
            $moved++
        }
        catch {
            Write-Error "Switchover of $($db.Name) failed: $($_.Exception.Message)"
        }
    }
}

Write-Host "Moved: $moved  Skipped: $skipped" -ForegroundColor Cyan
if ($skipped -gt 0) { exit 1 }
