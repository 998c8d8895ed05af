# A server crash: detection after the heartbeat timeout, BCSS, and recovery.
New-LabOrganization -Template PreferredArchitecture | Out-Null
Step-LabClock -Hours 1
Get-LabClock | Format-List Now, Mode
Stop-LabServer MBX1
Get-MailboxDatabaseCopyStatus DB1 | Format-Table Name, Status, CopyQueueLength, ReplayQueueLength
Step-LabClock -Seconds 10
Get-MailboxDatabaseCopyStatus DB1, DB2 | Format-Table Name, Status, CopyQueueLength, ReplayQueueLength, ActivationPreference
Get-DatabaseAvailabilityGroup -Status | Format-List OperationalServers, PrimaryActiveManager
Get-LabEvent -Category Failover, BCSS, Cluster | Format-Table TimeCreated, Category, Message -AutoSize
Start-LabServer MBX1 -PassThru | Format-Table
Step-LabClock -Seconds 30
Get-MailboxDatabaseCopyStatus DB1 | Format-Table Name, Status, CopyQueueLength
Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX1 -Confirm:$false | Format-Table
Get-MailboxDatabase DB1 -Status | Format-Table Name, Server, Mounted
# a lagged copy: its replay queue holds a day of logs
Step-LabClock -Days 1
Get-MailboxDatabaseCopyStatus DB1\MBX4 | Format-List Name, Status, ReplayQueueLength, ReplayLagStatus
