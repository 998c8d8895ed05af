<#
.SYNOPSIS
    Zips message tracking logs older than a week to a file share and removes the originals.
#>
param(
    [string]$Source = "$env:ExchangeInstallPath\TransportRoles\Logs\MessageTracking",
    [string]$Destination = "\\nas01\exlogs\$env:COMPUTERNAME",
    [int]$OlderThanDays = 7
)

Add-Type -AssemblyName System.IO.Compression.FileSystem

$old = Get-ChildItem $Source -Filter '*.LOG' | Where-Object LastWriteTime -lt (Get-Date).AddDays(-$OlderThanDays)
if (-not $old) { return }

$byMonth = $old | Group-Object { $_.LastWriteTime.ToString('yyyy-MM') }
foreach ($month in $byMonth) {
    $staging = Join-Path $env:TEMP "msgtrk-$($month.Name)"
    New-Item -ItemType Directory -Path $staging -Force | Out-Null
    $month.Group | Copy-Item -Destination $staging

    $zip = Join-Path $Destination "MessageTracking-$($month.Name)-$([guid]::NewGuid().ToString('N').Substring(0, 6)).zip"
    if (-not (Test-Path $Destination)) { New-Item -ItemType Directory -Path $Destination | Out-Null }
    [System.IO.Compression.ZipFile]::CreateFromDirectory($staging, $zip, [System.IO.Compression.CompressionLevel]::Optimal, $false)

    if (Test-Path $zip) {
        $month.Group | Remove-Item -Force
        Remove-Item $staging -Recurse -Force
        "{0}: {1} files -> {2}" -f $month.Name, $month.Count, $zip
        "$(Get-Date -Format s) archived $($month.Count) files to $zip" >> "$Destination\archive.log"
    }
}
