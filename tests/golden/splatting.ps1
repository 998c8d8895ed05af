$params = @{
    Identity   = 'jdoe'
    ResultSize = 'Unlimited'
}
Get-Mailbox @params -Verbose
Set-Mailbox @params @extra
