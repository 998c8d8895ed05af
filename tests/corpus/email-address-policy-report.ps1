# E-mail address policies in priority order, and the mailboxes that opted out
Get-EmailAddressPolicy | Sort-Object Priority | Format-List Name, Priority, RecipientFilter, EnabledEmailAddressTemplates, LastUpdatedRecipientFilter

'Mailboxes excluded from policies:'
$excluded = Get-Mailbox -ResultSize Unlimited -Filter 'EmailAddressPolicyEnabled -eq $false'
$excluded |
    Select-Object DisplayName, PrimarySmtpAddress |
    Sort-Object DisplayName |
    Format-Table -AutoSize

# templates: %g = given name, %s = surname, %1g = first letter, %m = alias
foreach ($p in Get-EmailAddressPolicy) {
    foreach ($t in $p.EnabledEmailAddressTemplates) {
        if ("$t" -cmatch '^SMTP:') { '{0,-30} primary   {1}' -f $p.Name, ("$t" -replace '^SMTP:', '') }
        else { '{0,-30} secondary {1}' -f $p.Name, ("$t" -replace '^smtp:', '') }
    }
}
"{0} mailbox(es) excluded" -f @($excluded).Count
