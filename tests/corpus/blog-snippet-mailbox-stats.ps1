# “How to get mailbox sizes in Exchange 2016 – the easy way”
# Snippet from a blog post, with the blog's typographic quotes left as they were.

Get-Mailbox –ResultSize Unlimited |
    Get-MailboxStatistics |
    Select-Object DisplayName,
        @{Name=“TotalItemSizeMB”; Expression={ [math]::Round(($_.TotalItemSize.ToString().Split(“(”)[1].Split(“ ”)[0].Replace(“,”, “”) / 1MB), 2) }},
        ItemCount,
        LastLogonTime |
    Sort-Object TotalItemSizeMB –Descending |
    Export-Csv “C:\Temp\MailboxSizes.csv” –NoTypeInformation –Encoding UTF8

Write-Host ‘Done – the file is in C:\Temp’

# (comment below the blog post) – the same per database:
Import-Csv “C:\Temp\MailboxSizes.csv” | Measure-Object TotalItemSizeMB –Sum –Average | Select-Object Count, Sum, Average
