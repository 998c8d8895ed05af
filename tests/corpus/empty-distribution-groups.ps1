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
