@()
@(Get-Mailbox)
@(
    'one'
    'two'
)
$(Get-Date).Year
@{}
@{ Name = 'x'; Size = 5; 'Quoted Key' = $true; 1 = 'one' }
[ordered]@{
    Server = $env:COMPUTERNAME
    Time   = Get-Date
}
@{ Name = 'SizeMB'; Expression = { $_.Size / 1MB } }
{ param($x) $x + 1 }
