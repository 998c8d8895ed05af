# Send-As permissions on all mailboxes (Send-As is an AD extended right, not a mailbox permission)
# Output: Mailbox, User, Deny - sorted by mailbox
param([string]$Csv)

$perms = Get-Mailbox -ResultSize Unlimited | Get-ADPermission | where {
    ($_.ExtendedRights -like '*Send-As*') -and -not ($_.User -like 'NT AUTHORITY\SELF') -and -not $_.IsInherited
}

$out = $perms | select @{n='Mailbox';e={$_.Identity.Name}}, @{n='User';e={"$($_.User)" -ireplace '^CONTOSO\\', ''}}, Deny | sort Mailbox
$out | ft -AutoSize

# users with Send-As on many mailboxes are worth a second look
$out | group User | ? Count -gt 5 | sort Count -Descending | select Count, Name

if ($Csv) {
    $out | Export-Csv $Csv -NoTypeInformation
    "exported $(@($out).Count) entries to $Csv"
}
