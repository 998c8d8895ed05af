#requires -Version 7.0
# Exports a compact JSON status document for the monitoring dashboard (PowerShell 7).
param([string]$OutFile = 'C:\inetpub\wwwroot\status\exchange.json')

$jobs = foreach ($s in (Get-ExchangeServer).Name) {
    Start-ThreadJob -Name $s -ScriptBlock {
        $name = $using:s
        $os = Get-CimInstance -ComputerName $name -ClassName Win32_OperatingSystem -ErrorAction SilentlyContinue
        [pscustomobject]@{
            server = $name
            up     = $null -ne $os
            uptime = $os ? [math]::Round(((Get-Date) - $os.LastBootUpTime).TotalHours) : $null
        }
    }
}
$servers = $jobs | Wait-Job -Timeout 60 | Receive-Job
$jobs | Remove-Job -Force
$servers ??= @()

$dbs = Get-MailboxDatabase -Status | ForEach-Object {
    [ordered]@{
        name    = $_.Name
        mounted = $_.Mounted ?? $false
        server  = "$($_.Server)"
        backup  = $_.LastFullBackup?.ToString('o')
    }
}

$queues = Get-TransportService | ForEach-Object { Get-Queue -Server $_.Name -ErrorAction SilentlyContinue }
$largest = $queues | Sort-Object MessageCount -Descending
$doc = [ordered]@{
    generated = (Get-Date).ToUniversalTime().ToString('o')
    servers   = @($servers)
    databases = @($dbs)
    queue     = [ordered]@{
        total   = ($queues | Measure-Object MessageCount -Sum).Sum ?? 0
        largest = ${largest}?[0].Identity.ToString()
        count   = ${largest}?[0].MessageCount ?? 0
    }
    overall   = (@($servers | Where-Object { -not $_.up }).Count -gt 0) ? 'red' : 'green'
}

$doc | ConvertTo-Json -Depth 5 | Set-Content -Path $OutFile -Encoding utf8NoBOM
Test-Path $OutFile && Write-Host "wrote $OutFile" || Write-Error "could not write $OutFile"
