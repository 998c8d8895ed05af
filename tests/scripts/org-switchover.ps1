# Switchovers: checks, -WhatIf, suspend and resume, reseed, copies.
New-LabOrganization -Template PreferredArchitecture | Out-Null
Step-LabClock -Hours 1
Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX4 -Confirm:$false
Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -WhatIf
Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX1 -Confirm:$false
Move-ActiveMailboxDatabase DB1 -Confirm:$false | Format-Table
Suspend-MailboxDatabaseCopy DB2\MBX4 -SuspendComment 'Disk maintenance' -Confirm:$false
Suspend-MailboxDatabaseCopy DB2\MBX2 -Confirm:$false
Step-LabClock -Minutes 10
Get-MailboxDatabaseCopyStatus DB2\MBX4 | Format-List Name, Status, CopyQueueLength, SuspendComment, ActivationSuspended
Update-MailboxDatabaseCopy DB3\MBX4 -Confirm:$false
Update-MailboxDatabaseCopy DB2\MBX4 -Confirm:$false
Get-MailboxDatabaseCopyStatus DB2\MBX4 | Format-Table Name, Status, ContentIndexState
Step-LabClock -Minutes 5
Get-MailboxDatabaseCopyStatus DB2\MBX4 | Format-Table Name, Status, CopyQueueLength
Suspend-MailboxDatabaseCopy DB3\MBX1 -ActivationOnly -Confirm:$false
Get-MailboxDatabaseCopyStatus DB3\MBX1 | Format-Table Name, Status, ActivationSuspended
Resume-MailboxDatabaseCopy DB3\MBX1
Get-MailboxDatabaseCopyStatus DB3\MBX1 | Format-Table Name, Status, ActivationSuspended
Move-ActiveMailboxDatabase -Server MBX3 -Confirm:$false | Format-Table Identity, ActiveServerAtStart, ActiveServerAtEnd, Status
Step-LabClock -Minutes 1
Move-ActiveMailboxDatabase -ActivatePreferredOnServer MBX3 -Confirm:$false | Format-Table Identity, ActiveServerAtEnd, Status
Set-MailboxDatabaseCopy DB4\MBX1 -ActivationPreference 1
Get-MailboxDatabase DB4 | Format-List ActivationPreference
Set-MailboxDatabaseCopy DB4\MBX1 -ReplayLagTime 15.00:00:00
Add-MailboxDatabaseCopy DB4 -MailboxServer MBX2
Add-MailboxDatabaseCopy DB4 -MailboxServer FSW1
Remove-MailboxDatabaseCopy DB4\MBX4 -Confirm:$false
Remove-MailboxDatabaseCopy DB4\MBX1 -Confirm:$false
Get-MailboxDatabase DB4 | Format-List DatabaseCopies, ActivationPreference
Dismount-Database DB4 -Confirm:$false
Get-MailboxDatabase DB4 -Status | Format-Table Name, Mounted
Mount-Database DB4
Get-MailboxDatabase DB4 -Status | Format-Table Name, Mounted
