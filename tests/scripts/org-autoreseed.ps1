# AutoReseed: a failed disk, the resume attempts, the spare volume, the reseed.
New-LabOrganization -Template PreferredArchitecture | Out-Null
Get-DatabaseAvailabilityGroup | Format-List AutoDagAutoReseedEnabled, AutoDagVolumesRootFolderPath, AutoDagDatabasesRootFolderPath, AutoDagDatabaseCopiesPerVolume
Set-LabVolume -Server MBX2 -Volume ExchangeVolume1 -State Failed
Get-MailboxDatabaseCopyStatus -Server MBX2 | Format-Table Name, Status, ExchangeVolumeMountPoint -AutoSize
Resume-MailboxDatabaseCopy DB1\MBX2
Get-MailboxDatabase -Status | Format-Table Name, Server, Mounted
Step-LabClock -Minutes 30
Get-MailboxDatabaseCopyStatus -Server MBX2 | Format-Table Name, Status, ContentIndexState, ExchangeVolumeMountPoint -AutoSize
Step-LabClock -Minutes 5
Get-MailboxDatabaseCopyStatus -Server MBX2 | Format-Table Name, Status, ContentIndexState, ExchangeVolumeMountPoint -AutoSize
Get-LabEvent -Category AutoReseed | Sort-Object TimeCreated | Format-Table TimeCreated, Message -AutoSize
Set-LabVolume -Server MBX2 -Volume ExchangeVolume9 -State Failed
