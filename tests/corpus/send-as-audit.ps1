Get-Mailbox -ResultSize Unlimited | Get-ADPermission | where {
    ($_.ExtendedRights -like '*Send-As*') -and -not ($_.User -like 'NT AUTHORITY\SELF') -and -not $_.IsInherited
} | select @{n='Mailbox';e={$_.Identity.Name}}, User, Deny | sort Mailbox | ft -AutoSize
