# Managed availability: what is unhealthy right now?
param([string[]]$Server = (Get-ExchangeServer | ? { $_.AdminDisplayVersion -like '*15.*' }).Name)

$started = Get-Date
foreach ($s in $Server) {
    $bad = Get-HealthReport -Identity $s | ? { $_.AlertValue -ne 'Healthy' -and $_.AlertValue -ne 'Disabled' }
    if (-not $bad) { "${s}: all health sets healthy"; continue }

    foreach ($set in $bad) {
        "${s}: $($set.HealthSet) is $($set.AlertValue)"
        Get-ServerHealth -Identity $s -HealthSet $set.HealthSet |
            ? AlertValue -ne 'Healthy' |
            select Name, TargetResource, AlertValue, LastTransitionTime |
            ft -AutoSize | Out-String -Width 200
    }
}
& { param($t) "checked $($Server.Count) server(s) in {0:N1} s" -f ((Get-Date) - $t).TotalSeconds } $started
