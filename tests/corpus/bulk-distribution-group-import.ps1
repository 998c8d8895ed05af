# Groups.csv: GroupName,Owner ; Members.csv: GroupName,Member
$groups  = Import-Csv .\Groups.csv
$members = Import-Csv .\Members.csv | Group-Object GroupName -AsHashTable -AsString

:groups foreach ($g in $groups) {
    foreach ($m in $members[$g.GroupName]) {
        if (-not (Get-Recipient $m.Member -ErrorAction SilentlyContinue)) {
            Write-Warning "$($g.GroupName): unknown member $($m.Member) - group skipped, fix the CSV"
            continue groups
        }
    }
    $dg = Get-DistributionGroup -Identity $g.GroupName -ErrorAction SilentlyContinue
    if ($null -eq $dg) {
        $dg = New-DistributionGroup -Name $g.GroupName -Type Distribution -ManagedBy $g.Owner -MemberJoinRestriction Closed
    }
    $current = @(Get-DistributionGroupMember $dg.Identity -ResultSize Unlimited | % { $_.PrimarySmtpAddress.ToString() })
    foreach ($m in $members[$g.GroupName]) {
        if ($current -contains $m.Member) { continue }
        Add-DistributionGroupMember -Identity $dg.Identity -Member $m.Member -BypassSecurityGroupManagerCheck
    }
    '{0}: {1} member(s)' -f $dg.Name, (Get-DistributionGroupMember $dg.Identity -ResultSize Unlimited).Count
}
