# Building a DAG by hand: servers, DAG, databases, copies and mailboxes.
New-LabOrganization -Template Empty | Format-Table
New-LabSite Branch | Format-Table
New-LabServer EX1 -Site Default-First-Site-Name | Format-Table
New-LabServer EX2 -Site Default-First-Site-Name | Out-Null
New-LabServer WIT1 -Site Branch -Role FileServer | Out-Null
New-LabSiteLink Main-Branch -Sites Default-First-Site-Name, Branch -Cost 50 | Format-Table
New-DatabaseAvailabilityGroup DAG-ONE -WitnessServer WIT1 | Format-List Name, WitnessServer, WitnessDirectory, Servers
New-DatabaseAvailabilityGroup NAME-TOO-LONG-FOR-A-DAG
# no witness named: a file server is chosen (the documentation leaves the choice open)
New-DatabaseAvailabilityGroup DAG-TWO | Format-List Name, WitnessServer
Remove-DatabaseAvailabilityGroup DAG-TWO -Confirm:$false
Add-DatabaseAvailabilityGroupServer DAG-ONE -MailboxServer EX1
Add-DatabaseAvailabilityGroupServer DAG-ONE -MailboxServer EX2
Add-DatabaseAvailabilityGroupServer DAG-ONE -MailboxServer EX2
Add-DatabaseAvailabilityGroupServer DAG-ONE -MailboxServer WIT1
New-MailboxDatabase MDB01 -Server EX1 | Format-Table
Get-MailboxDatabase MDB01 -Status | Format-Table Name, Mounted
Mount-Database MDB01
Add-MailboxDatabaseCopy MDB01 -MailboxServer EX2 -ReplayLagTime 3.00:00:00 -Confirm:$false
Get-MailboxDatabaseCopyStatus MDB01 | Format-Table Name, Status, ActivationPreference
Step-LabClock -Minutes 2
Get-MailboxDatabaseCopyStatus MDB01 | Format-Table Name, Status, ActivationPreference
Get-MailboxDatabase MDB01 | Format-List ReplayLagTimes, DataMoveReplicationConstraint
New-Mailbox -Name 'Pat Doe' -Alias pdoe -UserPrincipalName pdoe@contoso.com -Database MDB01 | Format-Table
Get-Mailbox pdoe | Format-List Name, Alias, Database, PrimarySmtpAddress
Remove-MailboxDatabase MDB01 -Confirm:$false
Remove-Mailbox pdoe -Confirm:$false
Remove-DatabaseAvailabilityGroupServer DAG-ONE -MailboxServer EX2 -Confirm:$false
Remove-MailboxDatabaseCopy MDB01\EX2 -Confirm:$false
Remove-DatabaseAvailabilityGroupServer DAG-ONE -MailboxServer EX2 -Confirm:$false
Remove-DatabaseAvailabilityGroup DAG-ONE -Confirm:$false
Remove-DatabaseAvailabilityGroupServer DAG-ONE -MailboxServer EX1 -Confirm:$false
Remove-DatabaseAvailabilityGroup DAG-ONE -Confirm:$false
Get-DatabaseAvailabilityGroup | Format-Table
Get-MailboxDatabase MDB01 | Format-List Name, ReplicationType, DatabaseCopies
