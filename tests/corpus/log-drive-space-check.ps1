<#
.SYNOPSIS
  Warns when a transaction log volume drops below a free-space threshold.
#>
param(
    [string[]]$ComputerName = @(Get-MailboxServer | Select-Object -ExpandProperty Name),
    [ValidateRange(1, 99)][int]$MinFreePercent = 15,
    [long]$MinFreeBytes = 20GB + 512MB
)

$logPaths = Get-MailboxDatabase | Select-Object -ExpandProperty LogFolderPath | ForEach-Object { $_.PathName } | Sort-Object -Unique

foreach ($computer in $ComputerName) {
    $volumes = Get-CimInstance -ComputerName $computer -ClassName Win32_Volume -Filter 'DriveType = 3' -ErrorAction SilentlyContinue
    foreach ($path in $logPaths) {
        # pick the volume with the longest matching mount point name
        $vol = $volumes | Where-Object { $path.StartsWith($_.Name.TrimEnd('\'), [StringComparison]::OrdinalIgnoreCase) } |
            Sort-Object { $_.Name.Length } -Descending | Select-Object -First 1
        if (-not $vol) { continue }

        $free = [math]::Round($vol.FreeSpace / $vol.Capacity * 100, 1)
        $line = '{0,-12} {1,-45} {2,8:N1} GB free ({3}%)' -f $computer, $vol.Name, ($vol.FreeSpace / 1GB), $free
        if ($free -lt $MinFreePercent -or $vol.FreeSpace -lt $MinFreeBytes) { Write-Warning $line } else { Write-Output $line }
    }
}
