<#
.SYNOPSIS
    ActiveSync device inventory with stale device detection.
#>
[CmdletBinding()]
param(
    [int]$StaleDays = 60,
    [switch]$RemoveStale,
    [string]$Csv = "$PSScriptRoot\mobile-devices.csv"
)

$now = Get-Date
$devices = foreach ($mbx in Get-CASMailbox -ResultSize Unlimited -Filter 'HasActiveSyncDevicePartnership -eq $true') {
    foreach ($d in Get-MobileDeviceStatistics -Mailbox $mbx.Identity -ErrorAction SilentlyContinue) {
        [pscustomobject]@{
            User        = $mbx.DisplayName
            DeviceModel = $d.DeviceModel
            DeviceOS    = $d.DeviceOS
            UserAgent   = $d.DeviceUserAgent
            FirstSync   = $d.FirstSyncTime
            LastSuccess = $d.LastSuccessSync
            DaysIdle    = if ($d.LastSuccessSync) { [int]($now - $d.LastSuccessSync).TotalDays } else { 9999 }
            Identity    = $d.Identity
        }
    }
}

$devices | Export-Csv $Csv -NoTypeInformation
$devices | Group-Object DeviceOS | Sort-Object Count -Descending | Select-Object Count, Name -First 15 | Format-Table -AutoSize

$stale = $devices | Where-Object DaysIdle -GE $StaleDays
Write-Host "$(@($stale).Count) device(s) idle for $StaleDays days or more"

if ($RemoveStale) {
    $stale | ForEach-Object { Remove-MobileDevice -Identity $_.Identity -Confirm:$false -WhatIf:$WhatIfPreference }
}
