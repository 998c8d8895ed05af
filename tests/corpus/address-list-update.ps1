# Exchange 2016/2019: Update-AddressList is gone for most scenarios; touch the recipients instead
param([string]$AddressList = 'All Users')

$al = Get-AddressList -Identity $AddressList
"Filter: $($al.RecipientFilter)"
$recipients = Get-Recipient -RecipientPreviewFilter $al.RecipientFilter -ResultSize Unlimited
$i = 0
foreach ($r in $recipients) {
    $i++
    switch -Wildcard ($r.RecipientType) {
        '*Mailbox*' { Set-Mailbox -Identity $r.Identity -SimpleDisplayName $r.SimpleDisplayName -WarningAction SilentlyContinue }
        'MailUser'  { Set-MailUser -Identity $r.Identity -SimpleDisplayName $r.SimpleDisplayName -WarningAction SilentlyContinue }
        'MailContact' { Set-MailContact -Identity $r.Identity -SimpleDisplayName $r.SimpleDisplayName -WarningAction SilentlyContinue }
        '*Group*'   { Set-DistributionGroup -Identity $r.Identity -SimpleDisplayName $r.SimpleDisplayName -WarningAction SilentlyContinue }
        default     { Write-Verbose "skipped $($r.Name) ($($r.RecipientType))" }
    }
    if ($i % 100 -eq 0) { Write-Progress -Activity "Refreshing $AddressList" -Status "$i of $($recipients.Count)" -PercentComplete ($i / $recipients.Count * 100) }
}
"$i recipient(s) touched"
