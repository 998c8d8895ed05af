#requires -Version 5.1
#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Cleans up IIS, Exchange diagnostic, ETL and HTTPProxy logs.

.DESCRIPTION
    Exchange 2013 and later never clean up their own diagnostic logging
    folders. This script deletes files older than -Days from a known set of
    folders, reports how much space was freed, and can run against remote
    servers through their administrative shares.

.PARAMETER Days
    Files older than this are removed.

.PARAMETER ComputerName
    Servers to clean. Defaults to the local computer.

.EXAMPLE
    .\exchange-log-cleanup.ps1 -Days 7 -ComputerName EX01, EX02 -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [ValidateRange(1, 365)]
    [int]$Days = 10,

    [Parameter(ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
    [Alias('Name', 'Fqdn')]
    [string[]]$ComputerName = $env:COMPUTERNAME,

    [string]$ExchangeInstallPath = 'C:\Program Files\Microsoft\Exchange Server\V15',

    [string]$LogFile = "$PSScriptRoot\log-cleanup.log"
)

begin {
    $relativeFolders = @(
        'Logging',                                  # diagnostic logs, HttpProxy, RPC, EWS ...
        'Bin\Search\Ceres\Diagnostics\ETLTraces',
        'Bin\Search\Ceres\Diagnostics\Logs',
        'TransportRoles\Logs\Hub\Connectivity',
        'TransportRoles\Logs\FrontEnd\Connectivity'
    )
    $absoluteFolders = @(
        'C:\inetpub\logs\LogFiles',
        'C:\Windows\System32\LogFiles\HTTPERR'
    )
    $extensions = '*.log', '*.blg', '*.etl', '*.bak'
    $grandTotal = 0L
    $maxFilesPerFolder = 100000L
    $cutoff = (Get-Date).AddDays(-$Days)

    function ConvertTo-UncPath {
        param([string]$Computer, [string]$LocalPath)
        if ($Computer -eq $env:COMPUTERNAME -or $Computer -eq 'localhost') { return $LocalPath }
        '\\{0}\{1}' -f $Computer, ($LocalPath -replace '^([A-Za-z]):', '$1$')
    }

    function Write-CleanupLog([string]$Text) {
        "{0:s} {1}" -f (Get-Date), $Text | Out-File -FilePath $LogFile -Append -Encoding utf8
        Write-Verbose $Text
    }
}

process {
    foreach ($computer in $ComputerName) {
        if (-not (Test-Connection -ComputerName $computer -Count 1 -Quiet)) {
            Write-Warning "$computer is not reachable"
            continue
        }

        $folders = @($relativeFolders | ForEach-Object { Join-Path $ExchangeInstallPath $_ }) + $absoluteFolders
        $serverTotal = 0L
        $serverFiles = 0

        foreach ($folder in $folders) {
            $target = ConvertTo-UncPath -Computer $computer -LocalPath $folder
            if (-not (Test-Path -LiteralPath $target)) {
                Write-CleanupLog "skip $target (missing)"
                continue
            }

            $old = Get-ChildItem -Path $target -Recurse -File -Include $extensions -ErrorAction SilentlyContinue |
                Where-Object { $_.LastWriteTime -lt $cutoff }

            foreach ($file in $old) {
                if ($PSCmdlet.ShouldProcess($file.FullName, 'Remove')) {
                    try {
                        Remove-Item -LiteralPath $file.FullName -Force -ErrorAction Stop
                        $serverTotal += $file.Length
                        $serverFiles++
                    }
                    catch [System.IO.IOException] {
                        # file in use by the logging component; it will go next time
                        Write-CleanupLog "in use: $($file.FullName)"
                    }
                    catch [System.UnauthorizedAccessException] {
                        Write-CleanupLog "denied: $($file.FullName)"
                    }
                }
            }
        }

        $grandTotal += $serverTotal
        $freedMB = $serverTotal
        $freedMB /= 1MB
        $msg = '{0}: removed {1} file(s), {2:N1} MB freed' -f $computer, $serverFiles, $freedMB
        Write-CleanupLog $msg
        Write-Host $msg -ForegroundColor Green
    }
}

end {
    if ($ComputerName.Count -gt 1) {
        Write-Host ('Total freed: {0:N2} GB' -f ($grandTotal / 1GB)) -ForegroundColor Cyan
    }
}
