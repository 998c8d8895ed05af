function Get-ServerQueue {
    <#
    .SYNOPSIS
        Get-Queue wrapper whose -Server parameter tab-completes the
        transport servers of the organization (via dynamicparam).
    #>
    [CmdletBinding()]
    param(
        [ValidateSet('All', 'Retry', 'Suspended', 'Ready')]
        [string]$Status = 'All'
    )
    dynamicparam {
        $servers = [string[]]@(Get-TransportService -ErrorAction SilentlyContinue | ForEach-Object { $_.Name })
        $attrs = New-Object 'System.Collections.ObjectModel.Collection[System.Attribute]'
        $attrs.Add((New-Object System.Management.Automation.ParameterAttribute -Property @{ Mandatory = $true; Position = 0 }))
        if ($servers.Count) { $attrs.Add((New-Object System.Management.Automation.ValidateSetAttribute -ArgumentList $servers)) }
        $attrs.Add((New-Object System.Management.Automation.AliasAttribute -ArgumentList 'ComputerName'))

        $rdp = New-Object System.Management.Automation.RuntimeDefinedParameter -ArgumentList 'Server', ([string[]]), $attrs
        $dict = New-Object System.Management.Automation.RuntimeDefinedParameterDictionary
        $dict.Add('Server', $rdp)
        $dict
    }
    process {
        foreach ($s in $PSBoundParameters['Server']) {
            $q = Get-Queue -Server $s
            if ($Status -ne 'All') { $q = $q | Where-Object Status -EQ $Status }
            $q | Select-Object @{ n = 'Server'; e = { $s } }, Identity, DeliveryType, Status, MessageCount, NextHopDomain
        }
    }
}

Get-ServerQueue -Server (Get-TransportService | Select-Object -First 1).Name -Status Retry | Format-Table -AutoSize
