#requires -Version 5.1
<#
.SYNOPSIS
    Configures namespace URLs on all virtual directories of an Exchange server.

.DESCRIPTION
    Sets InternalUrl and ExternalUrl for OWA, ECP, EWS, ActiveSync, OAB and
    MAPI/HTTP, the Outlook Anywhere host names and the Autodiscover SCP.
    Use -InternalNamespace and -ExternalNamespace for split-brain DNS setups
    where both names differ. Pass -Reset to clear the external URLs.

.PARAMETER Server
    One or more Exchange servers.

.PARAMETER ExternalNamespace
    e.g. mail.contoso.com

.PARAMETER InternalNamespace
    Defaults to the external namespace.

.EXAMPLE
    .\set-virtual-directory-urls.ps1 -Server EX01, EX02 -ExternalNamespace mail.contoso.com -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High', DefaultParameterSetName = 'Set')]
param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
    [Alias('Name')]
    [string[]]$Server,

    [Parameter(Mandatory = $true, ParameterSetName = 'Set')]
    [ValidatePattern('^(?!https?://)[\w\-]+(\.[\w\-]+)+$')]
    [string]$ExternalNamespace,

    [Parameter(ParameterSetName = 'Set')]
    [ValidatePattern('^(?!https?://)[\w\-]+(\.[\w\-]+)+$')]
    [string]$InternalNamespace,

    [Parameter(ParameterSetName = 'Set')]
    [string]$AutodiscoverNamespace,

    [Parameter(Mandatory = $true, ParameterSetName = 'Reset')]
    [switch]$Reset,

    [ValidateSet('Ntlm', 'Negotiate', 'Basic')]
    [string]$OutlookAnywhereAuth = 'Negotiate'
)

begin {
    if (-not $InternalNamespace) { $InternalNamespace = $ExternalNamespace }
    if (-not $AutodiscoverNamespace -and $ExternalNamespace) {
        $AutodiscoverNamespace = 'autodiscover.' + ($ExternalNamespace -split '\.', 2)[1]
    }

    # path on the namespace for every virtual directory type, and the cmdlet pair that handles it
    $map = @(
        @{ Name = 'OWA';        Path = '/owa';                               Get = 'Get-OwaVirtualDirectory';          Set = 'Set-OwaVirtualDirectory' }
        @{ Name = 'ECP';        Path = '/ecp';                               Get = 'Get-EcpVirtualDirectory';          Set = 'Set-EcpVirtualDirectory' }
        @{ Name = 'EWS';        Path = '/EWS/Exchange.asmx';                 Get = 'Get-WebServicesVirtualDirectory';  Set = 'Set-WebServicesVirtualDirectory' }
        @{ Name = 'ActiveSync'; Path = '/Microsoft-Server-ActiveSync';       Get = 'Get-ActiveSyncVirtualDirectory';   Set = 'Set-ActiveSyncVirtualDirectory' }
        @{ Name = 'OAB';        Path = '/OAB';                               Get = 'Get-OabVirtualDirectory';          Set = 'Set-OabVirtualDirectory' }
        @{ Name = 'MAPI';       Path = '/mapi';                              Get = 'Get-MapiVirtualDirectory';         Set = 'Set-MapiVirtualDirectory' }
    )
    $changes = 0
}

process {
    foreach ($s in $Server) {
        $srv = Get-ExchangeServer -Identity $s -ErrorAction SilentlyContinue
        if (-not $srv) { Write-Error "Unknown server $s"; continue }

        foreach ($entry in $map) {
            $vdir = & $entry.Get -Server $s -ADPropertiesOnly | Select-Object -First 1
            if (-not $vdir) {
                Write-Warning "${s}: no $($entry.Name) virtual directory"
                continue
            }

            $setParams = @{ Identity = $vdir.Identity }
            if ($Reset) {
                $setParams.ExternalUrl = $null
                $target = 'clear ExternalUrl'
            }
            else {
                $setParams.InternalUrl = "https://$InternalNamespace$($entry.Path)"
                $setParams.ExternalUrl = "https://$ExternalNamespace$($entry.Path)"
                $target = "$($setParams.InternalUrl) / $($setParams.ExternalUrl)"
            }

            # OWA and ECP must be changed together or logons break; suppress the warning
            if ($entry.Name -in 'OWA', 'ECP') { $setParams.WarningAction = 'SilentlyContinue' }

            if ("$($vdir.InternalUrl)" -eq "$($setParams.InternalUrl)" -and "$($vdir.ExternalUrl)" -eq "$($setParams.ExternalUrl)") {
                Write-Verbose "${s} $($entry.Name) already correct"
                continue
            }

            if ($PSCmdlet.ShouldProcess("$s $($entry.Name)", $target)) {
                & $entry.Set @setParams
                $changes++
            }
        }

        if (-not $Reset) {
            if ($PSCmdlet.ShouldProcess("$s Outlook Anywhere", "$InternalNamespace / $ExternalNamespace")) {
                Get-OutlookAnywhere -Server $s | Set-OutlookAnywhere -InternalHostname $InternalNamespace -InternalClientsRequireSsl $true `
                    -ExternalHostname $ExternalNamespace -ExternalClientsRequireSsl $true -ExternalClientAuthenticationMethod $OutlookAnywhereAuth
                $changes++
            }
            if ($PSCmdlet.ShouldProcess("$s Autodiscover SCP", "https://$AutodiscoverNamespace/Autodiscover/Autodiscover.xml")) {
                Set-ClientAccessService -Identity $s -AutoDiscoverServiceInternalUri "https://$AutodiscoverNamespace/Autodiscover/Autodiscover.xml"
                $changes++
            }
        }
    }
}

end {
    Write-Host "$changes change(s) made."
    if ($changes -gt 0) {
        Write-Host 'Run iisreset /noforce (or recycle MSExchangeOWAAppPool and MSExchangeECPAppPool) on the changed servers.' -ForegroundColor Yellow
    }
}
