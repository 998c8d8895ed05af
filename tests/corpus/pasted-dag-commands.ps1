# DAG cheat sheet — pasted from an internal Confluence page
# (the page converted all dashes and quotes, so they are the “typographic” ones)

# Status of the DAG including witness and PAM
Get-DatabaseAvailabilityGroup –Status | Format-List Name, Servers, WitnessServer, WitnessDirectory, PrimaryActiveManager, OperationalServers

# Which AutoDag properties exist?
Get-DatabaseAvailabilityGroup DAG01 | gm –Name AutoDag*

# Copy status of all databases on a server
Get-MailboxDatabaseCopyStatus –Server EX02 | Format-Table Name, Status, CopyQueueLength, ReplayQueueLength, ContentIndexState –AutoSize

# Replication health
Test-ReplicationHealth –Identity EX02 | Where-Object { $_.Result –ne “Passed” }

# Activation preference — put DB01 back on EX01
Set-MailboxDatabaseCopy –Identity ‘DB01\EX01’ –ActivationPreference 1
Move-ActiveMailboxDatabase DB01 –ActivateOnServer EX01 –Confirm:$false

# Reseed a failed copy
Suspend-MailboxDatabaseCopy ‘DB03\EX02’ –Confirm:$false
Update-MailboxDatabaseCopy ‘DB03\EX02’ –DeleteExistingFiles –Confirm:$false

# Reseed only the content index
Update-MailboxDatabaseCopy –Identity “DB03\EX02” –CatalogOnly

# Rebalance using the script that ships with Exchange
cd $exscripts
.\RedistributeActiveDatabases.ps1 –DagName DAG01 –BalanceDbsByActivationPreference –Confirm:$false

# Network configuration
Get-DatabaseAvailabilityGroupNetwork –Identity DAG01 | Format-Table Name, Subnets, ReplicationEnabled, IgnoreNetwork –AutoSize
