# Disable OWA and ActiveSync for everyone in the 'No Mobile Access' group
$members = Get-ADGroupMember -Identity 'No Mobile Access' -Recursive | ? objectClass -eq 'user'
foreach ($u in $members) {
  Set-CASMailbox -Identity $u.SamAccountName -OWAEnabled:$false -ActiveSyncEnabled:$false -ErrorAction SilentlyContinue
  if ($?) { "disabled $($u.SamAccountName)" } else { Write-Warning "failed $($u.SamAccountName): $($Error[0].Exception.Message)" }
}
