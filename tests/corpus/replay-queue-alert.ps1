#Requires -Version 5.1
param(
    [int]$ReplayThreshold = 500,
    [string[]]$Recipients = 'oncall@contoso.com',
    [string]$SmtpServer = 'relay.contoso.com'
)

$problem = Get-MailboxServer |
    ForEach-Object { Get-MailboxDatabaseCopyStatus -Server $_ -ErrorAction SilentlyContinue } |
    Where-Object { $_.ReplayQueueLength -gt $ReplayThreshold -and -not $_.ReplayLagStatus.Enabled }

if (-not $problem) { return }

$body = $problem |
    Select-Object Name, Status, ReplayQueueLength, ReplaySuspend, LastReplayedLogTime |
    ConvertTo-Html -Fragment |
    Out-String

Send-MailMessage -To $Recipients -From "noreply@contoso.com" -SmtpServer $SmtpServer `
    -Subject "Replay queue above $ReplayThreshold on $(@($problem).Count) copies" `
    -Body "<p>The following database copies are replaying slowly:</p>$body" `
    -BodyAsHtml
