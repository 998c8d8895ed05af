<#
.SYNOPSIS
    Lists global and server managed availability overrides and flags expired ones.
#>
$now = Get-Date
$global = Get-GlobalMonitoringOverride -ErrorAction SilentlyContinue | ForEach-Object {
    [pscustomobject]@{ Scope = 'Global'; Server = '*'; Item = $_.Identity; Property = $_.PropertyName; Value = $_.PropertyValue; Expires = $_.ExpirationTime; Version = $_.ApplyVersion }
}
$local = Get-ExchangeServer | ForEach-Object {
    $srv = $_.Name
    Get-ServerMonitoringOverride -Server $srv -ErrorAction SilentlyContinue | ForEach-Object {
        [pscustomobject]@{ Scope = 'Server'; Server = $srv; Item = $_.Identity; Property = $_.PropertyName; Value = $_.PropertyValue; Expires = $_.ExpirationTime; Version = '' }
    }
}

$all = @($global) + @($local) | Where-Object { $_ }
$all | Sort-Object Expires | Format-Table -AutoSize -Wrap

$expired = $all | Where-Object { $_.Expires -and [datetime]$_.Expires -lt $now }
$all | Where-Object { $_.Property -ilike 'Enabled' -and "$($_.Value)" -ieq 'false' } | ForEach-Object { "disabled: $($_.Item) on $($_.Server)" }
if ($expired) {
    Write-Warning "$(@($expired).Count) override(s) have expired and can be removed."
}
