<#
.SYNOPSIS
    Creates a numbered set of mailbox databases with copies on all DAG members,
    following the AutoReseed folder layout.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory = $true)][ValidatePattern('^[A-Z]{2,5}$')][string]$Prefix,
    [ValidateRange(1, 100)][int]$Start = 1,
    [ValidateRange(1, 50)][int]$Count = 4,
    [Parameter(Mandatory = $true)][string]$DagName,
    [string]$Root = 'C:\ExchangeDatabases',
    [timespan]$LagTime = [timespan]::Zero
)

$members = (Get-DatabaseAvailabilityGroup $DagName).Servers.Name | Sort-Object
if ($members.Count -lt 2) { throw "DAG $DagName has fewer than two members" }

for ($i = $Start; $i -lt $Start + $Count; $i++) {
    $name = '{0}{1:D2}' -f $Prefix, $i
    $edb = "$Root\$name\$name.db\$name.edb"
    $log = "$Root\$name\$name.log"

    # rotate the active server so databases are spread evenly
    $idx = $i - $Start
    $idx %= $members.Count
    $active = $members[$idx]
    $passive = $members | Where-Object { $_ -ne $active }

    if (Get-MailboxDatabase $name -ErrorAction SilentlyContinue) { Write-Warning "$name exists"; continue }
    if (-not $PSCmdlet.ShouldProcess($name, "Create on $active with copies on $($passive -join ', ')")) { continue }

    New-MailboxDatabase -Name $name -Server $active -EdbFilePath $edb -LogFolderPath $log | Out-Null
    Set-MailboxDatabase $name -DeletedItemRetention 30.00:00:00 -RetainDeletedItemsUntilBackup $true
    Restart-Service MSExchangeIS -ErrorAction SilentlyContinue -WhatIf   # only needed on first database on old CUs
    Mount-Database $name

    $pref = 2
    foreach ($p in $passive) {
        $copyParams = @{ Identity = $name; MailboxServer = $p; ActivationPreference = $pref }
        if ($LagTime -gt [timespan]::Zero -and $pref -eq $members.Count) { $copyParams.ReplayLagTime = $LagTime }
        Add-MailboxDatabaseCopy @copyParams
        $pref++
    }
    Get-MailboxDatabaseCopyStatus $name | Format-Table Name, Status, CopyQueueLength -AutoSize
}
