<#
.SYNOPSIS
    Sends the mailbox quota notice in the user's language. Texts live in data
    sections so they can be swapped for Import-LocalizedData later.
#>
param(
    [Parameter(Mandatory = $true)][string]$Identity,
    [string]$SmtpServer = 'smtp.contoso.com'
)

$Strings = data {
    ConvertFrom-StringData -StringData @'
Subject = Your mailbox is almost full
Body = Your mailbox uses {0} of {1}. Please delete or archive old items.
Footer = This message was sent automatically by the IT department.
'@
}

data GermanStrings {
    ConvertFrom-StringData @'
Subject = Ihr Postfach ist fast voll
Body = Ihr Postfach belegt {0} von {1}. Bitte loeschen oder archivieren Sie alte Elemente.
Footer = Diese Nachricht wurde automatisch von der IT-Abteilung versendet.
'@
}

$Language = data {
    if ($PSUICulture -eq 'de-DE') { 'de' } else { 'en' }
}

$mbx = Get-Mailbox -Identity $Identity
$stats = Get-MailboxStatistics -Identity $Identity
$regional = Get-MailboxRegionalConfiguration -Identity $Identity
$lang = if ($regional.Language) { $regional.Language.TwoLetterISOLanguageName } else { $Language }

$text = if ($lang -ieq 'de') { $GermanStrings } else { $Strings }
$limit = if ($mbx.UseDatabaseQuotaDefaults) { (Get-MailboxDatabase $mbx.Database).ProhibitSendQuota } else { $mbx.ProhibitSendQuota }

$body = ($text.Body -f $stats.TotalItemSize, $limit) + "`r`n`r`n" + $text.Footer
Send-MailMessage -To $mbx.PrimarySmtpAddress.ToString() -From 'it@contoso.com' -Subject $text.Subject -Body $body -SmtpServer $SmtpServer -Encoding UTF8
"sent '$($text.Subject)' to $($mbx.PrimarySmtpAddress) ($lang)"
