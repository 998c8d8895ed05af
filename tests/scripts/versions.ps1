# [version]: System.Version from text, its parts, order and equality
$v = [version]'15.2.1118.7'
$v
"$v"
$v.Major, $v.Minor, $v.Build, $v.Revision -join ' '
$v.MajorRevision, $v.MinorRevision -join ' '
$two = [version]'2.0'
"$two"
$two.Build, $two.Revision -join ' '
[version]1.5 | ForEach-Object { "$($_.Major) $($_.Minor)" }
# compared part by part, not as text; the right side converted
[version]'1.2' -lt [version]'1.10'
$v -gt '15.2.986.5'
$v -ge '15.2.1118.7'
$v -eq '15.2.1118.7'
[version]'1.2' -eq [version]'1.2.0'
[version]'1.2' -lt [version]'1.2.0'
'15.2.986.5', '15.1.2507.6', '15.2.1118.7' | ForEach-Object { [version]$_ } | Sort-Object | ForEach-Object { "$_" }
($v | Get-Member -MemberType Property).Name -join ','
$v.GetType().FullName
# $PSVersionTable
$PSVersionTable.PSVersion.Major
$PSVersionTable.PSVersion -ge [version]'5.0'
"$($PSVersionTable.CLRVersion)"
$PSVersionTable.PSCompatibleVersions.Count
# what does not convert
[version]'x'
[version]'1'
[version]'1.2.3.4.5'
[version]'1.-2'
'done'
