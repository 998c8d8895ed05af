#requires -Version 5.1
<#
.SYNOPSIS
    Reports database size, available new mailbox space (white space) and
    the size of the EDB file and log folders on disk.

.DESCRIPTION
    Works both in a local EMS session (ByteQuantifiedSize objects) and in an
    implicit remoting session where sizes arrive as strings such as
    "12.3 GB (13,207,024,640 bytes)".

.PARAMETER Server
    Limit the report to databases hosted (active) on these servers.

.PARAMETER CsvPath
    Also export the report to this CSV file.
#>
[CmdletBinding()]
[OutputType([pscustomobject])]
param(
    [Parameter(ValueFromPipeline = $true)]
    [string[]]$Server,

    [string]$CsvPath,

    [ValidateRange(0, 100)]
    [double]$WhitespaceAlertPercent = 25
)

begin {
    function ConvertTo-Bytes {
        [CmdletBinding()]
        [OutputType([long])]
        param([Parameter(Mandatory = $true, ValueFromPipeline = $true)]$Size)
        process {
            if ($null -eq $Size) { return [long]0 }
            if ($Size.PSObject.Methods.Name -contains 'ToBytes') {
                return [long]$Size.ToBytes()
            }
            $text = $Size.ToString()
            if ($text -match '\(([\d,\.]+) bytes\)') {
                return [long]($Matches[1] -replace '[,\.]', '')
            }
            # fall back to unit parsing, e.g. "1.5 GB"
            if ($text -match '^(?<num>[\d\.]+)\s*(?<unit>[KMGT]?B)$') {
                $mult = switch ($Matches['unit']) {
                    'KB' { 1KB } 'MB' { 1MB } 'GB' { 1GB } 'TB' { 1TB } default { 1 }
                }
                return [long]([double]$Matches['num'] * $mult)
            }
            Write-Warning "Unrecognised size value '$text'"
            return [long]0
        }
    }

    function Format-Size([long]$Bytes) {
        switch ($Bytes) {
            { $_ -ge 1TB } { '{0:N2} TB' -f ($_ / 1TB); break }
            { $_ -ge 1GB } { '{0:N2} GB' -f ($_ / 1GB); break }
            { $_ -ge 1MB } { '{0:N1} MB' -f ($_ / 1MB); break }
            default        { '{0:N0} KB' -f ($_ / 1KB) }
        }
    }

    $all = New-Object 'System.Collections.Generic.List[object]'
    $servers = @()
}

process {
    if ($Server) { $servers += $Server }
}

end {
    $dbs = Get-MailboxDatabase -Status -IncludePreExchange2013:$false
    if ($servers.Count) {
        $dbs = $dbs | Where-Object { $servers -contains $_.Server.Name }
    }

    foreach ($db in ($dbs | Sort-Object Name)) {
        $size  = $db.DatabaseSize | ConvertTo-Bytes
        $white = $db.AvailableNewMailboxSpace | ConvertTo-Bytes
        $pct   = if ($size -gt 0) { [math]::Round($white / $size * 100, 1) } else { 0 }

        $edbPath = $db.EdbFilePath.PathName
        $logPath = $db.LogFolderPath.PathName
        $unc = { param($host_, $p) '\\{0}\{1}' -f $host_, ($p -replace '^([A-Za-z]):', '$1$') }

        $logBytes = 0L
        try {
            $logBytes = (Get-ChildItem -LiteralPath (& $unc $db.Server.Name $logPath) -Filter '*.log' -ErrorAction Stop |
                Measure-Object -Property Length -Sum).Sum
        }
        catch [System.UnauthorizedAccessException] {
            Write-Verbose "No access to the log folder of $($db.Name)"
        }
        catch [System.Management.Automation.ItemNotFoundException] {
            Write-Verbose "Log folder of $($db.Name) not reachable"
        }

        $row = [pscustomobject]@{
            Database          = $db.Name
            Server            = $db.Server.Name
            Mailboxes         = @(Get-Mailbox -Database $db.Name -ResultSize Unlimited -WarningAction SilentlyContinue).Count
            Size              = Format-Size $size
            Whitespace        = Format-Size $white
            'Whitespace %'    = $pct
            Logs              = Format-Size $logBytes
            EdbPath           = $edbPath
            LastFullBackup    = $db.LastFullBackup
            CircularLogging   = $db.CircularLoggingEnabled
            SizeBytes         = $size
            WhitespaceBytes   = $white
        }
        if ($pct -ge $WhitespaceAlertPercent) {
            Write-Warning ("{0} has {1}% white space; consider moving mailboxes and removing the database" -f $db.Name, $pct)
        }
        $all.Add($row)
    }

    $totalSize  = ($all | Measure-Object SizeBytes -Sum).Sum
    $totalWhite = ($all | Measure-Object WhitespaceBytes -Sum).Sum
    Write-Host ("Total: {0} in {1} databases, {2} reclaimable" -f (Format-Size $totalSize), $all.Count, (Format-Size $totalWhite)) -ForegroundColor Cyan

    if ($CsvPath) {
        $all | Select-Object * -ExcludeProperty SizeBytes, WhitespaceBytes |
            Export-Csv -Path $CsvPath -NoTypeInformation -Encoding UTF8
    }

    $all | Select-Object Database, Server, Mailboxes, Size, Whitespace, 'Whitespace %', Logs, LastFullBackup
}
