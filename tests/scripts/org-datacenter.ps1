# A datacenter switchover in DAC mode and the switchback.
New-LabOrganization -Template PreferredArchitecture | Out-Null
New-LabServer FSW2 -Site DC2 -Role FileServer | Format-Table
Stop-LabServer MBX1
Stop-LabServer MBX2
Disconnect-LabSite DC3
Step-LabClock -Minutes 1
Get-MailboxDatabase -Status | Format-Table Name, Server, Mounted
Test-ReplicationHealth MBX3 | Format-Table
Restore-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite DC2
Stop-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite DC1 -ConfigurationOnly -Confirm:$false
Restore-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite DC2 -AlternateWitnessServer FSW2 -AlternateWitnessDirectory C:\DAGWitness\DAG1 -Confirm:$false
Step-LabClock -Seconds 1
Get-DatabaseAvailabilityGroup -Status | Format-List StoppedMailboxServers, OperationalServers, AlternateWitnessServer, WitnessShareInUse
Get-MailboxDatabase -Status | Format-Table Name, Server, Mounted
Start-LabServer MBX1
Start-LabServer MBX2
Connect-LabSite DC3
Step-LabClock -Minutes 5
Get-MailboxDatabase -Status | Format-Table Name, Server, Mounted
Start-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite DC1
Set-DatabaseAvailabilityGroup DAG1
Step-LabClock -Minutes 1
Get-DatabaseAvailabilityGroup -Status | Format-List StoppedMailboxServers, StartedMailboxServers, OperationalServers, WitnessShareInUse
Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX1 -Confirm:$false | Format-Table Identity, ActiveServerAtEnd, Status
Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode Off
Stop-DatabaseAvailabilityGroup DAG1 -MailboxServer MBX1 -Confirm:$false
