Get-EmailAddressPolicy | Sort-Object Priority | Format-List Name, Priority, RecipientFilter, EnabledEmailAddressTemplates, LastUpdatedRecipientFilter

'Mailboxes excluded from policies:'
Get-Mailbox -ResultSize Unlimited -Filter 'EmailAddressPolicyEnabled -eq $false' |
    Select-Object DisplayName, PrimarySmtpAddress |
    Sort-Object DisplayName |
    Format-Table -AutoSize
