<#
.SYNOPSIS
    Adds IP addresses to the RemoteIPRanges of a relay connector on every server.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [ValidateNotNullOrEmpty()]
    [string]$ConnectorName = 'Anonymous Relay',

    [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
    [ValidatePattern('^\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?$')]
    [string[]]$IPAddress
)

begin { $toAdd = @() }
process { $toAdd += $IPAddress }
end {
    $connectors = Get-ReceiveConnector | Where-Object Name -eq $ConnectorName
    if (-not $connectors) { throw "No receive connector named '$ConnectorName'." }

    foreach ($rc in $connectors) {
        $ranges = $rc.RemoteIPRanges
        $new = $toAdd | Where-Object { $ranges -notcontains $_ }
        if (-not $new) {
            Write-Verbose "$($rc.Identity): nothing to add"
            continue
        }
        if ($PSCmdlet.ShouldProcess($rc.Identity, "Add $($new -join ', ')")) {
            foreach ($ip in $new) { $ranges += $ip }
            Set-ReceiveConnector -Identity $rc.Identity -RemoteIPRanges $ranges
            # the multi-valued property can also be updated with add/remove syntax:
            # Set-ReceiveConnector $rc.Identity -RemoteIPRanges @{Add = '10.1.2.3'}
        }
    }
    Get-ReceiveConnector | ? Name -EQ $ConnectorName | select Identity, @{n = 'Ranges'; e = { $_.RemoteIPRanges.Count }}
}
