<#
.SYNOPSIS
    Registers a scheduled task that runs an Exchange report script daily.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)]
    [ValidateScript({ Test-Path $_ -PathType Leaf })]
    [string]$ScriptPath,

    [string]$TaskName = 'Exchange - ' + [IO.Path]::GetFileNameWithoutExtension($ScriptPath),

    [ValidatePattern('^\d{2}:\d{2}$')]
    [string]$At = '06:30',

    [Parameter(Mandatory = $true)]
    [pscredential]$RunAs
)

$exPath = $env:ExchangeInstallPath
if (-not $exPath) { throw 'ExchangeInstallPath is not set - run this on an Exchange server.' }

# The task loads the EMS environment first, then runs the script
$command = ". '$exPath\bin\RemoteExchange.ps1'; Connect-ExchangeServer -auto -ClientApplication:ManagementShell; & '$ScriptPath'"
$argument = '-NonInteractive -NoProfile -ExecutionPolicy Bypass -Command "{0}"' -f $command

$action   = New-ScheduledTaskAction -Execute "$PSHOME\powershell.exe" -Argument $argument -WorkingDirectory (Split-Path $ScriptPath)
$trigger  = New-ScheduledTaskTrigger -Daily -At $At
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Hours 2) -StartWhenAvailable -MultipleInstances IgnoreNew

if ($PSCmdlet.ShouldProcess($TaskName, 'Register-ScheduledTask')) {
    Register-ScheduledTask -TaskName $TaskName -TaskPath '\Exchange\' -Action $action -Trigger $trigger -Settings $settings `
        -User $RunAs.UserName -Password $RunAs.GetNetworkCredential().Password -RunLevel Highest -Force |
        Select-Object TaskPath, TaskName, State
}
