# Quick look at which servers are (partly) in maintenance mode
$servers = Get-ExchangeServer | ? { $_.AdminDisplayVersion -like 'Version 15*' } | sort Name

$rows = foreach ($srv in $servers) {
    $states = Get-ServerComponentState $srv.Name
    $offline = $states | ? State -ne 'Active'
    $node = $null
    try { $node = Get-ClusterNode -Name $srv.Name -Cluster $srv.Name -ErrorAction Stop } catch { }

    $mbx = Get-MailboxServer $srv.Name -ErrorAction SilentlyContinue
    [pscustomobject]@{
        Server      = $srv.Name
        Offline     = @($offline).Count
        Components  = ($offline.Component | sort) -join ','
        ClusterNode = if ($node) { $node.State } else { 'n/a' }
        Activation  = $mbx.DatabaseCopyAutoActivationPolicy
    }
}
$rows | ft -AutoSize

$inMaint = $rows | ? { $_.Components -match 'ServerWideOffline' -or $_.ClusterNode -eq 'Paused' }
if ($inMaint) { Write-Warning "In maintenance: $($inMaint.Server -join ', ')" } else { 'No server is in maintenance mode.' }
