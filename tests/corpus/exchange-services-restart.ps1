[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [ValidateSet('Transport', 'Search', 'Rpc', 'IIS', 'All')]
    [string]$Set = 'Transport'
)

$services = switch -Exact ($Set) {
    'Transport' { 'MSExchangeFrontEndTransport', 'MSExchangeTransport', 'MSExchangeDelivery', 'MSExchangeSubmission' }
    'Search'    { 'MSExchangeFastSearch', 'HostControllerService' }
    'Rpc'       { 'MSExchangeRPC' }
    'IIS'       { 'W3SVC', 'WAS' }
    'All'       { Get-Service MSExchange* | Where-Object { $_.StartType -eq 'Automatic' } | ForEach-Object Name }
}

foreach ($svc in $services) {
    if ($PSCmdlet.ShouldProcess($svc, 'Restart-Service')) {
        Restart-Service -Name $svc -Force *> $null
        Get-Service $svc | Select-Object Name, Status
    }
}
