<#
.SYNOPSIS
    Lists non-default folder permissions for every folder of a mailbox.
#>
param(
    [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
    [string]$Mailbox
)

process {
    $folders = Get-MailboxFolderStatistics -Identity $Mailbox |
        Where-Object { $_.FolderType -notin 'RecoverableItemsRoot', 'Audits', 'CalendarLogging', 'Deletions', 'Purges', 'Versions' -and $_.FolderPath -notlike '/Sync Issues*' }

    foreach ($f in $folders) {
        # folder paths come back with / separators, the cmdlet wants \ and a colon after the mailbox
        $path = $f.FolderPath.Replace('/', '\')
        if ($path -eq '\Top of Information Store') { $path = '\' }
        $id = "${Mailbox}:$path"

        Get-MailboxFolderPermission -Identity $id -ErrorAction SilentlyContinue |
            Where-Object { -not ($_.User.DisplayName -in 'Default', 'Anonymous' -and $_.AccessRights -contains 'None') } |
            Where-Object { -not ($_.User.DisplayName -eq 'Default' -and $_.AccessRights -contains 'AvailabilityOnly') } |
            ForEach-Object {
                [pscustomobject]@{
                    Mailbox = $Mailbox
                    Folder  = $f.FolderPath
                    User    = $_.User.DisplayName
                    Rights  = $_.AccessRights -join ','
                }
            }
    }
}
