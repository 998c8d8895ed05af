#requires -Version 5.1
<#
.SYNOPSIS
    Mailbox size report with quota usage, archive size and last logon time.

.DESCRIPTION
    Enumerates mailboxes (optionally per database or OU), collects
    Get-MailboxStatistics for the primary and archive mailbox and writes a CSV
    plus an HTML summary. Sizes are reported in MB so the CSV sorts correctly
    in Excel.

.PARAMETER Database
    Restrict to one or more mailbox databases.

.PARAMETER OrganizationalUnit
    Restrict to an OU (distinguished name or canonical name).

.PARAMETER OutputFolder
    Where the CSV and HTML files are written.

.EXAMPLE
    .\mailbox-size-report.ps1 -Database DB01, DB02 -Top 50
.EXAMPLE
    Get-MailboxDatabase DB0* | .\mailbox-size-report.ps1
#>
[CmdletBinding(DefaultParameterSetName = 'All')]
param(
    [Parameter(ParameterSetName = 'ByDatabase', ValueFromPipelineByPropertyName = $true)]
    [Alias('Name')]
    [string[]]$Database,

    [Parameter(ParameterSetName = 'ByOU')]
    [ValidateNotNullOrEmpty()]
    [string]$OrganizationalUnit,

    [ValidateScript({
        if (-not (Test-Path -LiteralPath $_)) { New-Item -ItemType Directory -Path $_ | Out-Null }
        $true
    })]
    [string]$OutputFolder = 'C:\Reports\Mailboxes',

    [ValidateRange(0, 100000)]
    [int]$Top = 0,

    [switch]$IncludeArchive
)

begin {
    $stamp = Get-Date -Format 'yyyy-MM-dd'
    $csv   = Join-Path $OutputFolder "MailboxSizes-$stamp.csv"
    $html  = [System.IO.Path]::ChangeExtension($csv, '.html')
    $rows  = [System.Collections.Generic.List[psobject]]::new()
    $dbList = @()

    function Get-MB {
        param($Value)
        if ($null -eq $Value) { return 0 }
        if ($Value -is [string]) {
            # "1.234 GB (1,325,000,000 bytes)" from remote sessions
            $bytes = $Value -replace '^.*\(|\s*bytes\)$|,'
            return [math]::Round([double]$bytes / 1MB, 1)
        }
        [math]::Round($Value.ToMB(), 1)
    }
}

process {
    if ($Database) { $dbList += $Database }
}

end {
    $getParams = @{ ResultSize = 'Unlimited'; RecipientTypeDetails = 'UserMailbox', 'SharedMailbox'; WarningAction = 'SilentlyContinue' }
    switch ($PSCmdlet.ParameterSetName) {
        'ByOU' { $getParams.OrganizationalUnit = $OrganizationalUnit }
    }

    $mailboxes = if ($dbList) {
        $dbList | ForEach-Object { Get-Mailbox -Database $_ @getParams }
    } else {
        Get-Mailbox @getParams
    }

    $total = @($mailboxes).Count
    $i = 0
    foreach ($mbx in $mailboxes) {
        $i++
        if ($i % 25 -eq 0 -or $i -eq $total) {
            Write-Progress -Activity 'Collecting mailbox statistics' -Status "$i of $total" -PercentComplete ($i / [math]::Max($total, 1) * 100)
        }

        $stats = Get-MailboxStatistics -Identity $mbx.Guid.ToString() -WarningAction SilentlyContinue
        if (-not $stats) { continue }

        $quota = if ($mbx.UseDatabaseQuotaDefaults) {
            (Get-MailboxDatabase $mbx.Database).ProhibitSendQuota
        } else {
            $mbx.ProhibitSendQuota
        }
        $quotaMB = if ($quota -and $quota.ToString() -ne 'Unlimited') { Get-MB $quota.Value } else { $null }
        $sizeMB  = Get-MB $stats.TotalItemSize.Value
        $delMB   = Get-MB $stats.TotalDeletedItemSize.Value

        $row = [ordered]@{
            DisplayName   = $mbx.DisplayName
            Alias         = $mbx.Alias
            Type          = $mbx.RecipientTypeDetails
            Database      = $mbx.Database.Name
            Items         = $stats.ItemCount
            SizeMB        = $sizeMB
            DeletedMB     = $delMB
            QuotaMB       = $quotaMB
            'Used %'      = if ($quotaMB) { [math]::Round($sizeMB / $quotaMB * 100, 1) } else { $null }
            LastLogon     = $stats.LastLogonTime
        }

        if ($IncludeArchive -and $mbx.ArchiveGuid -ne [guid]::Empty) {
            $arch = Get-MailboxStatistics -Identity $mbx.Guid.ToString() -Archive -WarningAction SilentlyContinue
            $row.ArchiveMB = Get-MB $arch.TotalItemSize.Value
        }
        $rows.Add([pscustomobject]$row)
    }
    Write-Progress -Activity 'Collecting mailbox statistics' -Completed

    $sorted = $rows | Sort-Object SizeMB -Descending
    if ($Top -gt 0) { $sorted = $sorted | Select-Object -First $Top }

    $sorted | Export-Csv -Path $csv -NoTypeInformation -Encoding UTF8

    $totalGB = ($rows | Measure-Object SizeMB -Sum).Sum
    $totalGB /= 1KB
    $totalGB = [math]::Round($totalGB, 2)
    $overQuota = @($rows | Where-Object { $_.'Used %' -ge 90 })

    $head = @"
<style>
  table { border-collapse: collapse; font: 9pt Consolas, monospace; }
  th, td { border: 1px solid #999; padding: 2px 6px; }
  tr:nth-child(even) { background: #f2f2f2; }
</style>
<h2>Mailbox sizes $stamp</h2>
<p>$($rows.Count) mailboxes, $totalGB GB in total, $($overQuota.Count) at or above 90% of quota.</p>
"@
    $sorted | ConvertTo-Html -Head $head -Title "Mailbox sizes $stamp" | Set-Content -Path $html -Encoding UTF8

    Write-Host "CSV : $csv"
    Write-Host "HTML: $html"
    $sorted | Select-Object -First 20 | Format-Table DisplayName, Database, Items, SizeMB, 'Used %', LastLogon -AutoSize
}
