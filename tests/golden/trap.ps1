trap { Write-Warning $_; continue }
trap [System.Management.Automation.CommandNotFoundException] {
    'no such command'
    break
}
Get-ExchangeServer
