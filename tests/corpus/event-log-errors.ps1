<#
.SYNOPSIS
    Summarises Exchange related errors from the Application log of each server.
#>
param(
    [int]$Hours = 24,
    [string[]]$ComputerName = (Get-ExchangeServer).Name,
    [int]$Top = 15
)

$filter = @{
    LogName   = 'Application'
    Level     = 1, 2          # critical, error
    StartTime = (Get-Date).AddHours(-$Hours)
}

foreach ($c in $ComputerName) {
    $events = Get-WinEvent -ComputerName $c -FilterHashtable $filter -ErrorAction SilentlyContinue |
        Where-Object { $_.ProviderName -imatch '^MSExchange' -or $_.ProviderName -ceq 'ESE' }

    Write-Host "`n$c - $(@($events).Count) error(s) in the last $Hours h" -ForegroundColor Cyan
    $events |
        Group-Object ProviderName, Id |
        Sort-Object Count -Descending |
        Select-Object -First $Top Count,
            @{n = 'Source/Id'; e = { $_.Name }},
            @{n = 'Last'; e = { ($_.Group | Sort-Object TimeCreated -Descending)[0].TimeCreated }},
            @{n = 'Message'; e = { $m = $_.Group[0].Message; if ($m.Length -gt 90) { $m.Substring(0, 90) + '...' } else { $m } }} |
        Format-Table -AutoSize
}
