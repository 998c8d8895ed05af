$archives = Get-Mailbox -Archive -ResultSize Unlimited
$out = foreach ($a in $archives) {
    $st = Get-MailboxStatistics $a.Identity -Archive
    New-Object PSObject -Property ([ordered]@{
        Name            = $a.DisplayName
        ArchiveDatabase = $a.ArchiveDatabase
        ArchiveName     = $a.ArchiveName -join ';'
        Items           = $st.ItemCount
        Size            = $st.TotalItemSize
        ArchiveQuota    = $a.ArchiveQuota
        AutoExpanding   = $a.AutoExpandingArchiveEnabled
        RetentionPolicy = $a.RetentionPolicy
    })
}
$out | Sort-Object ArchiveDatabase, Name | Format-Table -AutoSize
"Total archives: $($out.Count)"
