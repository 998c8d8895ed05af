# Mailbox count per database - quick balance check before creating new mailboxes
# Usage: .\mailbox-count-by-database.ps1            (all databases)
#        .\mailbox-count-by-database.ps1 DB0*       (wildcard)
param([string]$Database = '*')

$rows = Get-MailboxDatabase $Database | sort Name | % {
    [pscustomobject]@{
        Database  = $_.Name
        Mailboxes = (Get-Mailbox -Database $_ -ResultSize Unlimited -WarningAction SilentlyContinue | measure).Count
        Archives  = (Get-Mailbox -ArchiveDatabase $_ -ResultSize Unlimited -WarningAction SilentlyContinue | measure).Count
        Server    = $_.Server
    }
}
$rows | ft -a

$avg = ($rows | measure Mailboxes -Average).Average
$rows | ? { $_.Mailboxes -gt $avg * 1.2 } | % { Write-Warning ("{0} has {1} mailboxes, {2:N0}% above average" -f $_.Database, $_.Mailboxes, ($_.Mailboxes / $avg - 1) * 100) }
"least loaded: " + ($rows | sort Mailboxes | select -First 1 -ExpandProperty Database)
