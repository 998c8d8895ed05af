# Maintenance mode on a DAG member, as the documented procedure runs it.
New-LabOrganization -Template PreferredArchitecture | Out-Null
$server = 'MBX2'
Set-ServerComponentState $server -Component HubTransport -State Draining -Requester Maintenance
Set-MailboxServer $server -DatabaseCopyAutoActivationPolicy Blocked
Move-ActiveMailboxDatabase -Server $server -Confirm:$false | Format-Table Identity, ActiveServerAtStart, ActiveServerAtEnd, Status
Set-ServerComponentState $server -Component ServerWideOffline -State Inactive -Requester Maintenance
Get-ServerComponentState $server | Where-Object State -eq Active | Format-Table Component, State -AutoSize
Get-ServerComponentState $server -Component HubTransport | Format-List Component, State, LocalStates, RemoteStates
Get-MailboxServer $server | Format-List DatabaseCopyAutoActivationPolicy
# a failure while MBX2 is in maintenance: it is never chosen
Stop-LabServer MBX1
Step-LabClock -Seconds 10
Get-MailboxDatabase -Status | Format-Table Name, Server, Mounted
Start-LabServer MBX1
Set-ServerComponentState $server -Component ServerWideOffline -State Active -Requester Maintenance
Set-MailboxServer $server -DatabaseCopyAutoActivationPolicy Unrestricted
Set-ServerComponentState $server -Component HubTransport -State Active -Requester Maintenance
Get-ServerComponentState $server | Where-Object State -ne Active | Format-Table Component, State -AutoSize
Step-LabClock -Minutes 1
Move-ActiveMailboxDatabase -ActivatePreferredOnServer $server -Confirm:$false | Format-Table Identity, ActiveServerAtEnd, Status
Set-ServerComponentState $server -Component NoSuchThing -State Active -Requester Maintenance
Set-ServerComponentState $server -Component Monitoring -State Active -Requester Nobody
