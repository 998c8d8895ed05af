#requires -Version 7.0
<#
.SYNOPSIS
    Checks all Exchange servers in parallel (PowerShell 7) using remoting.

.DESCRIPTION
    Uses ForEach-Object -Parallel to query every server at the same time:
    uptime, stopped Exchange services, free space on C: and pending reboot.
    The Exchange cmdlets are not used inside the parallel runspaces; only
    plain CIM/WinRM calls, so no EMS session is needed in each runspace.
#>
[CmdletBinding()]
param(
    [string[]]$ComputerName = @('ex01.contoso.com', 'ex02.contoso.com', 'ex03.contoso.com', 'ex04.contoso.com'),
    [ValidateRange(1, 32)]
    [int]$ThrottleLimit = 8,
    [int]$MinFreeGB = 30
)

$results = $ComputerName | ForEach-Object -Parallel {
    $computer = $_
    $minFree = $using:MinFreeGB
    try {
        $os = Get-CimInstance -ComputerName $computer -ClassName Win32_OperatingSystem -ErrorAction Stop
        $disk = Get-CimInstance -ComputerName $computer -ClassName Win32_LogicalDisk -Filter "DeviceID='C:'"
        $stopped = Get-CimInstance -ComputerName $computer -ClassName Win32_Service -Filter "Name LIKE 'MSExchange%' AND StartMode='Auto' AND State<>'Running'"
        $reboot = Invoke-Command -ComputerName $computer -ScriptBlock {
            Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending'
        }

        $freeGB = [math]::Round($disk.FreeSpace / 1GB, 1)
        [pscustomobject]@{
            Server        = $computer
            UptimeDays    = [math]::Round(((Get-Date) - $os.LastBootUpTime).TotalDays, 1)
            FreeC         = $freeGB
            DiskOk        = $freeGB -ge $minFree
            StoppedAuto   = ($stopped.Name ?? @()) -join ', '
            RebootPending = $reboot
            Error         = $null
        }
    }
    catch {
        [pscustomobject]@{ Server = $computer; Error = $_.Exception.Message }
    }
} -ThrottleLimit $ThrottleLimit

foreach ($r in $results | Sort-Object Server) {
    $state = $r.Error ? 'UNREACHABLE' : (($r.DiskOk -and -not $r.StoppedAuto -and -not $r.RebootPending) ? 'OK' : 'ATTENTION')
    $color = switch ($state) { 'OK' { 'Green' } 'ATTENTION' { 'Yellow' } default { 'Red' } }
    Write-Host ('{0,-20} {1,-12} up {2,6} d  C: {3,7} GB  stopped: {4}' -f $r.Server, $state, ($r.UptimeDays ?? '-'), ($r.FreeC ?? '-'), ($r.StoppedAuto ? $r.StoppedAuto : 'none')) -ForegroundColor $color
    if ($r.Error) { Write-Host "    $($r.Error)" -ForegroundColor DarkGray }
}

$bad = @($results | Where-Object { $_.Error -or -not $_.DiskOk -or $_.StoppedAuto })
exit ($bad.Count -gt 0 ? 1 : 0)
