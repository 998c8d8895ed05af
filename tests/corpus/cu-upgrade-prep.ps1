#requires -Version 5.1
<#
.SYNOPSIS
    Runs the checklist before installing a cumulative update on a DAG member
    and records the state, so that it can be compared after the upgrade.

.DESCRIPTION
    1. Saves IIS and Exchange configuration files that CUs overwrite
       (web.config customisations, EdgeTransport.exe.config, OWA branding).
    2. Records server component states, database copy activation preferences
       and the list of active databases.
    3. Disables the anti-virus real time scan for the Exchange folders through
       a vendor command line (optional).
    4. Checks that no move requests or migration batches are running against
       the server.
    5. Puts the server into maintenance mode by calling maintenance-enter.ps1.

.PARAMETER Server
    The server to prepare (defaults to the local computer).

.PARAMETER BackupFolder
    Where the files and the state snapshot are stored.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(Position = 0)]
    [string]$Server = $env:COMPUTERNAME,

    [Parameter(Mandatory = $true)]
    [string]$FailoverTarget,

    [string]$BackupFolder = "D:\CU-Backup\$(Get-Date -Format yyyyMMdd-HHmm)",

    [switch]$SkipMaintenance
)

$ErrorActionPreference = 'Stop'
${Install Path} = $env:ExchangeInstallPath
if (-not ${Install Path}) { throw 'Run this on the Exchange server itself (ExchangeInstallPath not set).' }

New-Item -ItemType Directory -Path $BackupFolder -Force | Out-Null
Start-Transcript -Path (Join-Path $BackupFolder 'cu-prep-transcript.txt') | Out-Null

try {
    # ---------------------------------------------------------------- 1. files
    $files = @(
        'Bin\EdgeTransport.exe.config'
        'Bin\MSExchangeFrontendTransport.exe.config'
        'ClientAccess\Owa\web.config'
        'ClientAccess\Ecp\web.config'
        'FrontEnd\HttpProxy\owa\web.config'
        'ClientAccess\SharedWebConfig.config'
    )
    foreach ($rel in $files) {
        $src = Join-Path ${Install Path} $rel
        if (-not (Test-Path $src)) { Write-Verbose "not present: $rel"; continue }
        $dst = Join-Path $BackupFolder ($rel -replace '[\\/]', '_')
        Copy-Item -LiteralPath $src -Destination $dst -Force
        Write-Host "saved $rel"
    }
    # OWA themes and logon page customisations
    $themes = Join-Path ${Install Path} 'FrontEnd\HttpProxy\owa\auth'
    robocopy $themes (Join-Path $BackupFolder 'owa-auth') /E /R:1 /W:1 /NP /NFL /NDL | Out-Null
    if ($LASTEXITCODE -ge 8) { Write-Warning "robocopy of OWA auth folder failed ($LASTEXITCODE)" }

    # ---------------------------------------------------------------- 2. state
    $state = [ordered]@{
        Server          = $Server
        Taken           = (Get-Date).ToString('o')
        Version         = (Get-ExchangeServer $Server).AdminDisplayVersion.ToString()
        Components      = @(Get-ServerComponentState $Server | Select-Object Component, State)
        ActiveDatabases = @(Get-MailboxDatabaseCopyStatus -Server $Server | Where-Object Status -eq 'Mounted' | ForEach-Object DatabaseName)
        Preferences     = @(Get-MailboxDatabase -Server $Server | ForEach-Object {
                                $db = $_
                                $db.ActivationPreference | ForEach-Object { '{0}:{1}={2}' -f $db.Name, $_.Key.Name, $_.Value }
                            })
        Services        = @(Get-Service MSExchange* | Select-Object Name, Status, StartType)
    }
    $state | ConvertTo-Json -Depth 4 | Set-Content -Path (Join-Path $BackupFolder 'state.json') -Encoding UTF8
    Write-Host "state snapshot: $($state.ActiveDatabases.Count) active database(s)"

    # ---------------------------------------------------------------- 3. anti-virus
    $avCli = 'C:\Program Files\Vendor AV\avcli.exe'
    if (Test-Path $avCli) {
        if ($PSCmdlet.ShouldProcess('real time scanning', 'Disable for Exchange folders')) {
            & $avCli --disable-rtp --path "${Install Path}" 2>&1 | Tee-Object -FilePath (Join-Path $BackupFolder 'av.txt') -Append
        }
    }

    # ---------------------------------------------------------------- 4. moves
    $moves = @(Get-MoveRequest -ResultSize Unlimited | Where-Object {
        $_.Status -in 'InProgress', 'Queued', 'CompletionInProgress' -and
        ($_.SourceServer -eq $Server -or $_.TargetServer -eq $Server)
    })
    if ($moves.Count) {
        Write-Warning "$($moves.Count) move request(s) involve $Server; suspend them or wait:"
        $moves | Select-Object DisplayName, Status, SourceDatabase, TargetDatabase | Format-Table -AutoSize | Out-String | Write-Host
        if (-not $PSCmdlet.ShouldContinue('Continue with active move requests?', 'Move requests running')) { return }
    }

    # ---------------------------------------------------------------- 5. maintenance
    if (-not $SkipMaintenance) {
        $enter = Join-Path $PSScriptRoot 'maintenance-enter.ps1'
        & $enter -Server $Server -TargetServer $FailoverTarget -Confirm:$false -Verbose:($VerbosePreference -eq 'Continue')
    }

    Write-Host "Preparation complete. Backup folder: $BackupFolder" -ForegroundColor Green
    Write-Host 'Run setup from an elevated cmd.exe:'
    Write-Host '    Setup.exe /Mode:Upgrade /IAcceptExchangeServerLicenseTerms_DiagnosticDataOFF'
}
catch {
    Write-Error "Preparation failed: $($_.Exception.Message)"
    exit 1
}
finally {
    Stop-Transcript | Out-Null
}
