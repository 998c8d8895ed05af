#requires -Version 5.1
<#
.SYNOPSIS
    Mailbox database report that uses the classes exported by the team's
    ExchangeTools module (using module makes the classes visible here).
#>
using module .\Modules\ExchangeTools\ExchangeTools.psm1
using namespace System.Collections.Generic

param(
    [string]$OutFile = "$PSScriptRoot\database-report.csv"
)

$rows = [List[object]]::new()
foreach ($db in Get-MailboxDatabase -Status) {
    $rows.Add([pscustomobject]@{
        Name       = $db.Name
        Server     = $db.Server.Name
        SizeGB     = [math]::Round($db.DatabaseSize.ToBytes() / 1GB, 1)
        WhiteGB    = [math]::Round($db.AvailableNewMailboxSpace.ToBytes() / 1GB, 1)
        LastBackup = $db.LastFullBackup
    })
}

$rows | Sort-Object SizeGB -Descending | Export-Csv -Path $OutFile -NoTypeInformation
Write-Host "$($rows.Count) databases written to $OutFile"
