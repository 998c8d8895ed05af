# Distribution groups without members, and groups with no owner
$empty = @(); $noOwner = @()
foreach ($dg in Get-DistributionGroup -ResultSize Unlimited) {
    if (-not (Get-DistributionGroupMember $dg.Identity -ResultSize 1)) { $empty += $dg }
    if (-not $dg.ManagedBy) { $noOwner += $dg }
}
"Empty groups ($($empty.Count)):"
$empty | sort Name | ft Name, PrimarySmtpAddress, WhenCreated -a
"Groups without owner ($($noOwner.Count)):"
$noOwner | sort Name | select -ExpandProperty Name

# export both lists for the group owners' review
$empty | select Name, PrimarySmtpAddress, WhenCreated | Export-Csv .\empty-groups.csv -NoTypeInformation
$noOwner | select Name, PrimarySmtpAddress, @{n='Members';e={@(Get-DistributionGroupMember $_.Identity -ResultSize Unlimited).Count}} |
    Export-Csv .\groups-without-owner.csv -NoTypeInformation
