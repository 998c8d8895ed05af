#Requires -Version 5.1
[CmdletBinding(SupportsShouldProcess)]
param(
    [string]$DagName = (Get-DatabaseAvailabilityGroup | Select-Object -First 1 -ExpandProperty Name)
)

# Move every database back to the copy with ActivationPreference 1 when it is healthy
$dbs = Get-MailboxDatabase | Where-Object { $_.MasterServerOrAvailabilityGroup -eq $DagName } | Sort-Object Name

$summary = foreach ($db in $dbs) {
    $preferred = ($db.ActivationPreference | Where-Object { $_.Value -eq 1 }).Key.Name
    $current   = $db.Server.Name

    if ($current -eq $preferred) {
        [pscustomobject]@{ Database = $db.Name; From = $current; To = $preferred; Result = 'AlreadyOnPreferred' }
        continue
    }

    $copy = Get-MailboxDatabaseCopyStatus -Identity "$($db.Name)\$preferred"
    if ($copy.Status -ne 'Healthy' -or $copy.CopyQueueLength -gt 5 -or $copy.ReplayQueueLength -gt 100) {
        [pscustomobject]@{ Database = $db.Name; From = $current; To = $preferred; Result = "Skipped ($($copy.Status))" }
        continue
    }

    if ($PSCmdlet.ShouldProcess("$($db.Name) -> $preferred", 'Move-ActiveMailboxDatabase')) {
        $r = Move-ActiveMailboxDatabase $db.Name -ActivateOnServer $preferred -Confirm:$false -ErrorAction SilentlyContinue
        [pscustomobject]@{ Database = $db.Name; From = $current; To = $preferred; Result = if ($?) { 'Moved' } else { 'Failed' } }
    }
}

$summary | Sort-Object Result, Database | Format-Table -AutoSize
$summary | Group-Object Result | Select-Object Name, Count
