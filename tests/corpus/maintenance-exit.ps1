#requires -Version 5.1
<#
.SYNOPSIS
    Takes an Exchange DAG member out of maintenance mode.
.NOTES
    Reverse order of maintenance-enter.ps1. Run from an elevated EMS.
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
param(
    [Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
    [Alias('Name', 'Identity')]
    [string[]]$Server,

    [ValidateSet('Unrestricted', 'IntrasiteOnly', 'Blocked')]
    [string]$ActivationPolicy = 'Unrestricted',

    [switch]$Redistribute
)

begin {
    $results = New-Object System.Collections.ArrayList
    $components = 'ServerWideOffline', 'HubTransport'
    $redistributeScript = Join-Path $env:ExchangeInstallPath 'Scripts\RedistributeActiveDatabases.ps1'
}

process {
    foreach ($s in $Server) {
        if (-not $PSCmdlet.ShouldProcess($s, 'Exit maintenance mode')) { continue }

        Write-Verbose "Bringing $s back online"
        foreach ($component in $components) {
            Set-ServerComponentState -Identity $s -Component $component -State Active -Requester Maintenance
        }

        try {
            Invoke-Command -ComputerName $s -ScriptBlock {
                Resume-ClusterNode -Name $env:COMPUTERNAME -ErrorAction Stop | Out-Null
            } -ErrorAction Stop
        }
        catch [System.Management.Automation.Remoting.PSRemotingTransportException] {
            Write-Warning "Could not reach $s over WinRM: $($_.Exception.Message)"
        }
        catch {
            # Node was probably not suspended (standalone server)
            Write-Verbose "Resume-ClusterNode skipped: $_"
        }

        Set-MailboxServer -Identity $s -DatabaseCopyActivationDisabledAndMoveNow:$false
        Set-MailboxServer -Identity $s -DatabaseCopyAutoActivationPolicy:$ActivationPolicy

        Invoke-Command -ComputerName $s -ScriptBlock { Restart-Service MSExchangeTransport, MSExchangeFrontEndTransport -Force }

        $inactive = Get-ServerComponentState -Identity $s | Where-Object { $_.State -ne 'Active' }
        [void]$results.Add([pscustomobject]@{
            Server            = $s
            InactiveComponents = ($inactive | ForEach-Object Component) -join ', '
            ActivationPolicy  = (Get-MailboxServer $s).DatabaseCopyAutoActivationPolicy
            CompletedAt       = Get-Date
        })
    }
}

end {
    if ($Redistribute -and (Test-Path -LiteralPath $redistributeScript)) {
        $dagName = (Get-MailboxServer $Server[0]).DatabaseAvailabilityGroup
        Write-Verbose "Rebalancing databases in $dagName"
        & $redistributeScript -DagName $dagName -BalanceDbsByActivationPreference -Confirm:$false
    }

    $results | Format-Table -AutoSize
    if ($results | Where-Object InactiveComponents) {
        Write-Warning 'Some components are still not Active. Check the Requester column of Get-ServerComponentState.'
        exit 1
    }
}
