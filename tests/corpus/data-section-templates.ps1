# Notification texts for the mailbox provisioning workflow, kept in data sections
# so that the translation team can edit them without touching code.

$Templates = DATA {
    ConvertFrom-StringData @'
WelcomeSubject = Welcome to Contoso - your mailbox is ready
WelcomeBody = Your new mailbox {0} has been created. Outlook will set itself up automatically the next time you log on.
QuotaSubject = Mailbox size information
QuotaBody = Your mailbox can hold up to {0}. Items in Deleted Items are removed after 30 days.
'@
}

$Signature = DATA {
    "`r`n`r`n-- `r`nContoso IT Service Desk | +49 30 1234 5678 | servicedesk@contoso.com"
}

$Limits = DATA -SupportedCommand Format-Date {
    ConvertFrom-StringData @'
StandardQuota = 10 GB
ManagerQuota = 25 GB
'@
}

function Send-WelcomeMail {
    param([Parameter(Mandatory = $true)][string]$Identity)
    $mbx = Get-Mailbox $Identity
    $quota = if ($mbx.CustomAttribute1 -eq 'Manager') { $Limits.ManagerQuota } else { $Limits.StandardQuota }

    $welcome = ($Templates.WelcomeBody -f $mbx.PrimarySmtpAddress) + "`r`n`r`n" + ($Templates.QuotaBody -f $quota) + $Signature
    Send-MailMessage -To $mbx.PrimarySmtpAddress.ToString() -From 'servicedesk@contoso.com' -Subject $Templates.WelcomeSubject `
        -Body $welcome -SmtpServer 'smtp.contoso.com' -Encoding UTF8
}

Get-Mailbox -ResultSize Unlimited -Filter "WhenMailboxCreated -gt '$((Get-Date).AddDays(-1).ToString('MM/dd/yyyy'))'" |
    ForEach-Object { Send-WelcomeMail -Identity $_.Alias }
