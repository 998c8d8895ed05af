# Permission fixes – from a forum answer, worked for us

# Full access without automapping
Add-MailboxPermission –Identity “Accounting Shared” –User “CONTOSO\mmeier” –AccessRights FullAccess –InheritanceType All –AutoMapping $false

# Send-As
Add-ADPermission –Identity “Accounting Shared” –User “CONTOSO\mmeier” –ExtendedRights “Send As”

# Send on behalf (adds to the existing list)
Set-Mailbox “Accounting Shared” –GrantSendOnBehalfTo @{Add=“mmeier”}

# Calendar reviewer for the whole team
$team = ‘a.schulz’, ‘b.wagner’, ‘c.becker’
foreach ($u in $team) {
    Add-MailboxFolderPermission –Identity “chef@contoso.com:\Calendar” –User $u –AccessRights Reviewer
}

# remove a permission again — note the –Confirm:$false
Remove-MailboxPermission –Identity “Accounting Shared” –User “CONTOSO\old.user” –AccessRights FullAccess –InheritanceType All –Confirm:$false

# check the result
Get-MailboxPermission “Accounting Shared” | Where-Object { $_.IsInherited –eq $false –and $_.User –notlike “NT AUTHORITY\*” } | Format-Table User, AccessRights –AutoSize
