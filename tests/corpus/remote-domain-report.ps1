<#
.SYNOPSIS
    Remote domain settings: OOF, auto reply / forward, NDR and TNEF per domain.
#>
$props = 'DomainName', 'AllowedOOFType', 'AutoReplyEnabled', 'AutoForwardEnabled', 'DeliveryReportEnabled', 'NDREnabled', 'TNEFEnabled', 'CharacterSet', 'ContentType'
Get-RemoteDomain | Select-Object $props | Format-Table -AutoSize

$default = Get-RemoteDomain Default
if ($default.AutoForwardEnabled) {
    Write-Warning 'Automatic forwarding to all external domains is allowed (Default remote domain).'
}
if ($default.AllowedOOFType -eq 'External') {
    Write-Verbose 'External OOF messages are sent to all domains.'
}

# domains that explicitly allow forwarding although the default does not
Get-RemoteDomain | Where-Object { $_.DomainName -ne '*' -and $_.AutoForwardEnabled -and -not $default.AutoForwardEnabled } |
    ForEach-Object { "forwarding allowed to $($_.DomainName)" }
