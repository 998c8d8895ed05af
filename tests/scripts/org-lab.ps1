# The Preferred Architecture lab: its objects, default views and errors.
New-LabOrganization -Template PreferredArchitecture | Format-Table
Get-ExchangeServer | Format-Table
Get-MailboxServer | Format-Table Name, DatabaseAvailabilityGroup, AutoDatabaseMountDial, DatabaseCopyAutoActivationPolicy
Get-DatabaseAvailabilityGroup | Format-Table
Get-DatabaseAvailabilityGroup -Status | Format-List Name, Servers, OperationalServers, PrimaryActiveManager, WitnessServer, WitnessShareInUse, DatacenterActivationMode, ReplayLagManagerEnabled
Get-MailboxDatabase | Format-Table
Get-MailboxDatabase DB4 -Status | Format-List Name, Server, Mounted, MountedOnServer, DatabaseCopies, ActivationPreference, ReplayLagTimes, *Path
Get-MailboxDatabaseCopyStatus * | Format-Table
Get-MailboxDatabaseCopyStatus -Server MBX3 | Format-Table Name, Status, ActivationPreference, ActiveCopy
Get-MailboxDatabaseCopyStatus DB2 -Active | Format-Table Name, Status, ActiveDatabaseCopy
# pipelines bind identities by the object's kind: a server binds -Server, a database -Identity
Get-MailboxServer MBX3 | Get-MailboxDatabaseCopyStatus | Format-Table Name, Status
Get-MailboxDatabase DB2 | Get-MailboxDatabaseCopyStatus | Format-Table Name, Status
Get-ADSite | Format-Table
Get-ADSiteLink | Format-Table
Get-Mailbox -Database DB3 -ResultSize 2 | Format-Table
(Get-Mailbox -ResultSize Unlimited).Count
Get-ExchangeServer MBX* | Select-Object -ExpandProperty Name
(Get-MailboxDatabase DB1).Server.Name
(Get-MailboxDatabaseCopyStatus DB1\MBX4).Status -eq 'Healthy'
(Get-MailboxDatabaseCopyStatus DB1\MBX4).Status.GetType().FullName
$env:COMPUTERNAME
Get-MailboxDatabaseCopyStatus -Local | Format-Table Name, Status
New-LabOrganization -Template Small
Get-MailboxDatabase DB9
Get-MailboxDatabaseCopyStatus DB1\MBX9
Get-MailboxDatabaseCopyStatus MBX2
