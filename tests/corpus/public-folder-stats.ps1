<#
.SYNOPSIS
    Modern public folder statistics: size per folder and per public folder mailbox.
#>
param([int]$Top = 25, [string]$Csv)

$stats = Get-PublicFolderStatistics -ResultSize Unlimited |
    Select-Object Name, FolderPath, ItemCount,
        @{Name = 'SizeMB'; Expression = { [math]::Round(([long]($_.TotalItemSize.ToString() -replace '^.*\(([\d,]+) bytes\)$', '$1' -replace ',')) / 1MB, 2) }},
        LastModificationTime,
        ContentMailboxName

if ($Csv) { $stats | Export-Csv $Csv -NoTypeInformation }

"Largest $Top folders:"
$stats | Sort-Object SizeMB -Descending | Select-Object -First $Top | Format-Table FolderPath, ItemCount, SizeMB, ContentMailboxName -AutoSize

"Per content mailbox:"
$stats | Group-Object ContentMailboxName | ForEach-Object {
    [pscustomobject]@{
        Mailbox = $_.Name
        Folders = $_.Count
        SizeGB  = [math]::Round(($_.Group | Measure-Object SizeMB -Sum).Sum / 1KB, 2)
    }
} | Sort-Object SizeGB -Descending | Format-Table -AutoSize

$quota = (Get-OrganizationConfig).DefaultPublicFolderProhibitPostQuota
"Default prohibit post quota: $quota"
