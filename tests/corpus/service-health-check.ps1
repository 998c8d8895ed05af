<#
.SYNOPSIS
    Test-ServiceHealth for all servers plus a check of automatic services that are stopped.
#>
[CmdletBinding()]
param([switch]$StartStopped)

$problems = 0
foreach ($server in Get-ExchangeServer | Where-Object { $_.ServerRole -ne 'Edge' } | Sort-Object Name) {
    Write-Host "== $($server.Name)" -ForegroundColor Cyan
    foreach ($role in Test-ServiceHealth -Server $server.Name) {
        if ($role.RequiredServicesRunning) {
            Write-Host ("  {0,-25} OK" -f $role.Role) -ForegroundColor Green
        }
        else {
            $problems++
            Write-Host ("  {0,-25} NOT RUNNING: {1}" -f $role.Role, ($role.ServicesNotRunning -join ', ')) -ForegroundColor Red
            if ($StartStopped) {
                foreach ($svc in $role.ServicesNotRunning) {
                    Get-Service -ComputerName $server.Name -Name $svc | Start-Service -Verbose
                }
            }
        }
    }

    $auto = Get-CimInstance -ComputerName $server.Name -ClassName Win32_Service -Filter "StartMode='Auto' AND State<>'Running' AND Name LIKE 'MSExchange%'" -ErrorAction SilentlyContinue
    foreach ($a in $auto) {
        Write-Host "  automatic service stopped: $($a.Name) ($($a.DisplayName))" -ForegroundColor Yellow
    }
}
exit $problems
