# Who holds which management role, directly or through role groups
$out = foreach ($rg in Get-RoleGroup | sort Name) {
    $members = Get-RoleGroupMember $rg.Identity -ErrorAction SilentlyContinue
    foreach ($role in $rg.Roles) {
        foreach ($m in $members) {
            [pscustomobject]@{ RoleGroup = $rg.Name; Role = $role.Name; Member = $m.Name; MemberType = $m.RecipientType }
        }
    }
}
$direct = Get-ManagementRoleAssignment -RoleAssigneeType User | ? { -not $_.RoleAssigneeName.StartsWith('RIM-') } |
    select @{n='RoleGroup';e={'(direct)'}}, @{n='Role';e={$_.Role}}, @{n='Member';e={$_.RoleAssigneeName}}, @{n='MemberType';e={'User'}}

$out + $direct | sort Member, Role -Unique | ft -AutoSize

# members of the most powerful groups, for the quarterly review
'Organization Management', 'Recipient Management', 'Discovery Management' | % {
    "== $_"
    Get-RoleGroupMember $_ | select Name, RecipientType | ft -a
}
