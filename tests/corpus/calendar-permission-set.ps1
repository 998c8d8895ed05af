param(
    [Parameter(Mandatory)][string]$Mailbox,
    [Parameter(Mandatory)][string]$User,
    [ValidateSet('Owner','PublishingEditor','Editor','PublishingAuthor','Author','NonEditingAuthor','Reviewer','Contributor','AvailabilityOnly','LimitedDetails','None')]
    [string]$AccessRights = 'Reviewer'
)

# The calendar folder name depends on the mailbox language
$calendar = Get-MailboxFolderStatistics -Identity $Mailbox -FolderScope Calendar | ? FolderType -eq 'Calendar' | select -First 1
$folderId = "${Mailbox}:\$($calendar.Name)"

$existing = Get-MailboxFolderPermission -Identity $folderId -User $User -ErrorAction SilentlyContinue
if ($existing) {
    Set-MailboxFolderPermission -Identity $folderId -User $User -AccessRights $AccessRights
} else {
    Add-MailboxFolderPermission -Identity $folderId -User $User -AccessRights $AccessRights
}
Get-MailboxFolderPermission -Identity $folderId | ft User, AccessRights -a
