# Maintenance mode – steps copied from the team wiki (Exchange 2019)
# Run in EMS as administrator. Replace EX01 / EX02 with the real names.

$Server = ‘EX01’
$Target = “ex02.contoso.com”

# Step 1 – drain the transport queues
Set-ServerComponentState $Server –Component HubTransport –State Draining –Requester Maintenance
Restart-Service MSExchangeTransport
Restart-Service MSExchangeFrontEndTransport

# Step 2 – redirect messages
Redirect-Message –Server $Server –Target $Target –Confirm:$false

# Step 3 — suspend the cluster node and move the databases
Suspend-ClusterNode –Name $Server
Set-MailboxServer $Server —DatabaseCopyActivationDisabledAndMoveNow $True
Set-MailboxServer $Server —DatabaseCopyAutoActivationPolicy Blocked

# Step 4 — wait until no database is mounted on the server
while ((Get-MailboxDatabaseCopyStatus –Server $Server | Where-Object { $_.Status –eq ‘Mounted’ }).Count –gt 0) {
    Write-Host “Waiting for databases to move off $Server …”
    Start-Sleep –Seconds 10
}

# Step 5 – put the whole server offline
Set-ServerComponentState $Server –Component ServerWideOffline –State Inactive –Requester Maintenance

# Check – everything except Monitoring and RecoveryActionsEnabled should be Inactive
Get-ServerComponentState $Server | Format-Table Component, State –AutoSize
Get-MailboxServer $Server | Format-List DatabaseCopyAutoActivationPolicy, DatabaseCopyActivationDisabledAndMoveNow
Get-ClusterNode $Server | Format-List
