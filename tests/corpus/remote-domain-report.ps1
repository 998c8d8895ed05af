$props = 'DomainName', 'AllowedOOFType', 'AutoReplyEnabled', 'AutoForwardEnabled', 'DeliveryReportEnabled', 'NDREnabled', 'TNEFEnabled', 'CharacterSet', 'ContentType'
Get-RemoteDomain | Select-Object $props | Format-Table -AutoSize
$default = Get-RemoteDomain Default
if ($default.AutoForwardEnabled) {
    Write-Warning 'Automatic forwarding to all external domains is allowed (Default remote domain).'
}
