function Get-QuotaReport($Database, [int]$Top = 10, [switch]$All) {
    Get-Mailbox -Database $Database | Select-Object -First $Top
}
function global:Invoke-Check { 'checked' }
function
Test-Later
{
    $true
}
