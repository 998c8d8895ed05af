#requires -Version 5.1
<#
.SYNOPSIS
    Counts Standard vs. Enterprise CAL features in use (archive, retention, DLP, journaling),
    using the shared helpers from the team module.
#>
using module .\Modules\ExchangeTools\ExchangeTools.psm1

param([string]$Csv = '.\cal-audit.csv')

$rows = Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox | ForEach-Object {
    $features = @()
    if ($_.ArchiveGuid -ne [guid]::Empty) { $features += 'Archive' }
    if ($_.LitigationHoldEnabled -or $_.InPlaceHolds) { $features += 'Hold' }
    if ($_.RetentionPolicy -and $_.RetentionPolicy -notlike 'Default MRM Policy') { $features += 'CustomRetention' }
    if ($_.AuditEnabled) { $features += 'Audit' }

    [pscustomobject]@{
        Mailbox  = $_.PrimarySmtpAddress.ToString()
        Features = $features -join ','
        CAL      = if ($features | Where-Object { $_ -in 'Archive', 'Hold', 'CustomRetention' }) { 'Enterprise' } else { 'Standard' }
    }
}

$rows | Export-Csv $Csv -NoTypeInformation
$rows | Group-Object CAL | Select-Object Name, Count | Format-Table -AutoSize
