# Mailboxes whose Recoverable Items folder is close to its quota
$warnAt = 0.8
Get-Mailbox -ResultSize Unlimited | % {
    $rif = Get-MailboxFolderStatistics $_.Identity -FolderScope RecoverableItems | ? FolderType -eq 'RecoverableItemsRoot'
    $quota = $_.RecoverableItemsQuota
    if ($quota -eq 'Unlimited' -or -not $rif) { return }

    $size = [double]($rif.FolderAndSubfolderSize -replace '.*\((.*) bytes\)', '$1' -replace ',')
    $q = [double]($quota.ToString() -replace '.*\((.*) bytes\)', '$1' -replace ',')
    if ($q -and $size / $q -ge $warnAt) {
        [pscustomobject]@{ Mailbox = $_.DisplayName; UsedGB = [math]::Round($size / 1GB, 2); QuotaGB = [math]::Round($q / 1GB, 2); Hold = $_.LitigationHoldEnabled -or $_.InPlaceHolds.Count -gt 0 }
    }
} | sort UsedGB -Descending | ft -AutoSize

# mailboxes on hold keep everything - RecoverableItemsQuota is 100 GB by default, the warning at 90 GB
'Hold quotas: ' + ((Get-MailboxDatabase | select -First 1).RecoverableItemsQuota)
