#Requires -Modules ActiveDirectory
# Disable OWA and ActiveSync for everyone in the 'No Mobile Access' group,
# and re-enable it for users who were removed from the group since the last run.
param([string]$Group = 'No Mobile Access', [string]$StateFile = "$PSScriptRoot\no-mobile-access.txt")

$members = Get-ADGroupMember -Identity $Group -Recursive | ? objectClass -eq 'user'
foreach ($u in $members) {
  Set-CASMailbox -Identity $u.SamAccountName -OWAEnabled:$false -ActiveSyncEnabled:$false -ErrorAction SilentlyContinue
  if ($?) { "disabled $($u.SamAccountName)" } else { Write-Warning "failed $($u.SamAccountName): $($Error[0].Exception.Message)" }
}

$previous = if (Test-Path $StateFile) { Get-Content $StateFile } else { @() }
$removed = $previous | ? { $_ -notin $members.SamAccountName }
foreach ($r in $removed) {
  Set-CASMailbox -Identity $r -OWAEnabled:$true -ActiveSyncEnabled:$true -ErrorAction SilentlyContinue
  "re-enabled $r"
}
$members.SamAccountName | Set-Content $StateFile
