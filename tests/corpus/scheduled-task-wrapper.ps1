#requires -Version 5.1
<#
.SYNOPSIS
    Generic wrapper for Exchange scripts that run from Task Scheduler.

.DESCRIPTION
    - makes sure only one instance runs (named mutex)
    - loads the Exchange environment (snap-in, or remote session as fallback)
    - starts a transcript and rotates old ones
    - runs the target script with the given arguments
    - mails the transcript on failure and sets a proper exit code

.PARAMETER Script
    The script to run.

.PARAMETER ArgumentList
    Hashtable of named parameters splatted onto the script.

.EXAMPLE
    powershell.exe -NoProfile -File scheduled-task-wrapper.ps1 -Script D:\Scripts\queue-monitor.ps1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [ValidateScript({ Test-Path -LiteralPath $_ -PathType Leaf })]
    [string]$Script,

    [hashtable]$ArgumentList = @{},

    [string]$LogFolder = (Join-Path $PSScriptRoot 'Logs'),

    [ValidateRange(1, 365)]
    [int]$KeepDays = 30,

    [string]$FailureMailTo = 'exchange-team@contoso.com',

    [int]$TimeoutMinutes = 0
)

$name = [IO.Path]::GetFileNameWithoutExtension($Script)
$mutex = New-Object System.Threading.Mutex($false, "Global\ExchangeTask_$name")
if (-not $mutex.WaitOne(0)) {
    Write-Warning "$name is already running; exiting."
    exit 3
}

$exitCode = 0
$transcript = $null
try {
    if (-not (Test-Path $LogFolder)) { New-Item -ItemType Directory -Path $LogFolder | Out-Null }
    Get-ChildItem $LogFolder -Filter "$name-*.log" |
        Where-Object LastWriteTime -lt (Get-Date).AddDays(-$KeepDays) |
        Remove-Item -Force

    $transcript = Join-Path $LogFolder ("{0}-{1:yyyyMMdd-HHmmss}.log" -f $name, (Get-Date))
    Start-Transcript -Path $transcript -Force | Out-Null

    Write-Host "Wrapper started $(Get-Date -Format s) as $([Security.Principal.WindowsIdentity]::GetCurrent().Name)"
    Write-Host "PowerShell $($PSVersionTable.PSVersion), PID $PID"

    # ---- load the Exchange environment ----
    if (-not (Get-Command Get-Mailbox -ErrorAction SilentlyContinue)) {
        $snapin = 'Microsoft.Exchange.Management.PowerShell.SnapIn'
        if (Get-PSSnapin -Registered -Name $snapin -ErrorAction SilentlyContinue) {
            Add-PSSnapin $snapin
            Write-Host 'Loaded Exchange snap-in'
        }
        else {
            $uri = "http://$([System.Net.Dns]::GetHostByName($env:COMPUTERNAME).HostName)/PowerShell/"
            $session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri $uri -Authentication Kerberos -ErrorAction Stop
            Import-PSSession $session -DisableNameChecking -AllowClobber | Out-Null
            Write-Host "Imported remote session from $uri"
        }
    }

    # ---- run ----
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    if ($TimeoutMinutes -gt 0) {
        $job = Start-Job -FilePath $Script -ArgumentList @($ArgumentList.Values)
        $timeoutSeconds = $TimeoutMinutes
        $timeoutSeconds *= 60
        if (-not (Wait-Job $job -Timeout $timeoutSeconds)) {
            Stop-Job $job
            throw [System.TimeoutException]::new("$name did not finish within $TimeoutMinutes minutes")
        }
        Receive-Job $job
        $exitCode = if ($job.State -eq 'Failed') { 1 } else { 0 }
        Remove-Job $job -Force
    }
    else {
        & $Script @ArgumentList
        $exitCode = if ($?) { [int]$LASTEXITCODE } else { 1 }
    }
    $sw.Stop()
    Write-Host ("Finished in {0:mm\:ss} with exit code {1}" -f $sw.Elapsed, $exitCode)
}
catch [System.TimeoutException] {
    Write-Host "TIMEOUT: $($_.Exception.Message)"
    $exitCode = 124
}
catch {
    Write-Host "FAILED: $($_.Exception.Message)"
    Write-Host $_.ScriptStackTrace
    $exitCode = 1
}
finally {
    if ($transcript) { Stop-Transcript | Out-Null }
    if ($session) { Remove-PSSession $session }
    $mutex.ReleaseMutex()
    $mutex.Dispose()
}

if ($exitCode -ne 0 -and $FailureMailTo) {
    $body = if ($transcript -and (Test-Path $transcript)) { Get-Content $transcript -Raw } else { 'No transcript available.' }
    Send-MailMessage -To $FailureMailTo -From "tasks@contoso.com" -Subject "Scheduled task $name failed on $env:COMPUTERNAME (exit $exitCode)" `
        -Body $body -SmtpServer 'smtp.contoso.com' -ErrorAction SilentlyContinue
}

exit $exitCode
