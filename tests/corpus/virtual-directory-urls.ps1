<#
.SYNOPSIS
    Shows internal and external URLs of every virtual directory on every server.
#>
param([string]$Server = '*')

$getters = [ordered]@{
    OWA          = { param($s) Get-OwaVirtualDirectory -Server $s -ADPropertiesOnly }
    ECP          = { param($s) Get-EcpVirtualDirectory -Server $s -ADPropertiesOnly }
    EWS          = { param($s) Get-WebServicesVirtualDirectory -Server $s -ADPropertiesOnly }
    ActiveSync   = { param($s) Get-ActiveSyncVirtualDirectory -Server $s -ADPropertiesOnly }
    OAB          = { param($s) Get-OabVirtualDirectory -Server $s -ADPropertiesOnly }
    MAPI         = { param($s) Get-MapiVirtualDirectory -Server $s -ADPropertiesOnly }
    PowerShell   = { param($s) Get-PowerShellVirtualDirectory -Server $s -ADPropertiesOnly }
}

$servers = Get-ClientAccessService -Identity $Server | Select-Object -ExpandProperty Name
$rows = foreach ($s in $servers) {
    foreach ($kind in $getters.Keys) {
        $vdirs = & $getters[$kind] $s
        foreach ($v in $vdirs) {
            [pscustomobject]@{
                Server   = $s
                Type     = $kind
                Internal = "$($v.InternalUrl)" -ireplace '/$', ''
                External = "$($v.ExternalUrl)"
            }
        }
    }
    $cas = Get-ClientAccessService -Identity $s
    [pscustomobject]@{ Server = $s; Type = 'Autodiscover SCP'; Internal = "$($cas.AutoDiscoverServiceInternalUri)"; External = '' }
}

$rows | Format-Table -GroupBy Server Type, Internal, External -AutoSize
