<#
.SYNOPSIS
    Largest folders of a mailbox, with the oldest item per folder.
.EXAMPLE
    'jsmith', 'mmeier' | .\mailbox-folder-stats.ps1 -Top 10
#>
param(
    [Parameter(Mandatory = $true, ValueFromPipeline = $true)][string]$Identity,
    [int]$Top = 15
)
process {
    Get-MailboxFolderStatistics -Identity $Identity -IncludeOldestAndNewestItems |
        Select-Object FolderPath, ItemsInFolder,
            @{n = 'SizeMB'; e = { [math]::Round(([long]($_.FolderSize -replace '.*\(([\d,]+) bytes\)', '$1' -replace ',', '')) / 1MB, 1) }},
            OldestItemReceivedDate |
        Sort-Object SizeMB -Descending |
        Select-Object -First $Top |
        Format-Table -AutoSize
}
