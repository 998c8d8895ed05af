<#
.SYNOPSIS
    Adds servers to a DAG, installing the clustering features first when needed.
#>
param(
    [Parameter(Mandatory)][string]$DagName,
    [Parameter(Mandatory)][string[]]$Server
)

foreach ($s in $Server) {
    $features = Invoke-Command -ComputerName $s { Get-WindowsFeature Failover-Clustering, RSAT-Clustering-PowerShell | ? { -not $_.Installed } }
    if ($features) {
        Write-Host "installing clustering features on $s"
        Invoke-Command -ComputerName $s { Install-WindowsFeature Failover-Clustering -IncludeManagementTools } | Out-Null
    }
    Add-DatabaseAvailabilityGroupServer -Identity $DagName -MailboxServer $s -Verbose
}
Get-DatabaseAvailabilityGroup $DagName -Status | fl Name, Servers, OperationalServers, PrimaryActiveManager, WitnessShareInUse
