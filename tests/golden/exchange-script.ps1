#Requires -Version 5.1
[CmdletBinding()]
param([string]$Server = $env:COMPUTERNAME, [int]$WarnPercent = 90)

$report = foreach ($db in Get-MailboxDatabase -Server $Server -Status) {
    $mbxs = @(Get-Mailbox -Database $db.Name -ResultSize Unlimited)
    [pscustomobject]@{
        Database  = $db.Name
        Mounted   = $db.Mounted
        Mailboxes = $mbxs.Count
        SizeGB    = [math]::Round($db.DatabaseSize.ToBytes() / 1GB, 2)
    }
}
$report | Sort-Object SizeGB -Descending | Format-Table -AutoSize
$full = $report | Where-Object { -not $_.Mounted -or $_.SizeGB -gt 500 }
if ($full) {
    Send-MailMessage -To 'admins@contoso.com' -Subject "DB alert on $Server" -Body ($full | Out-String)
}
