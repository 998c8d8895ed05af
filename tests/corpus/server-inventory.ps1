#Requires -Version 5.1
<#
.SYNOPSIS
    Hardware and OS inventory of Exchange servers (CPU, RAM, OS, uptime, pagefile, .NET).
#>
[CmdletBinding()]
param(
    [Parameter(ValueFromPipeline = $true)]
    [string[]]$ComputerName = @(Get-ExchangeServer | Select-Object -ExpandProperty Fqdn),

    [pscredential]$Credential
)

begin { $cimParams = @{ ErrorAction = 'Stop' } }

process {
    foreach ($c in $ComputerName) {
        try {
            $sessionParams = @{ ComputerName = $c }
            if ($Credential) { $sessionParams.Credential = $Credential }
            $session = New-CimSession @sessionParams

            $os   = Get-CimInstance -CimSession $session -ClassName Win32_OperatingSystem @cimParams
            $cs   = Get-CimInstance -CimSession $session -ClassName Win32_ComputerSystem @cimParams
            $cpu  = @(Get-CimInstance -CimSession $session -ClassName Win32_Processor @cimParams)
            $pf   = Get-CimInstance -CimSession $session -ClassName Win32_PageFileSetting -ErrorAction SilentlyContinue
            $net  = Invoke-Command -ComputerName $c -ScriptBlock {
                (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -ErrorAction SilentlyContinue).Release
            }

            [pscustomobject]@{
                Server      = $c
                OS          = $os.Caption
                Build       = $os.BuildNumber
                UptimeDays  = [math]::Round(((Get-Date) - $os.LastBootUpTime).TotalDays, 1)
                Sockets     = $cpu.Count
                Cores       = ($cpu | Measure-Object NumberOfCores -Sum).Sum
                LogicalCPUs = $cs.NumberOfLogicalProcessors
                RamGB       = [math]::Round($cs.TotalPhysicalMemory / 1GB)
                PageFileMB  = if ($pf) { ($pf | Measure-Object MaximumSize -Sum).Sum } else { 'system managed' }
                DotNetRel   = $net
                Model       = '{0} {1}' -f $cs.Manufacturer, $cs.Model
            }
        }
        catch [Microsoft.Management.Infrastructure.CimException] {
            Write-Warning "${c}: CIM error $($_.Exception.Message)"
        }
        finally {
            if ($session) { Remove-CimSession $session; $session = $null }
        }
    }
}
