<#
.SYNOPSIS
    Sets individual quotas for every mailbox of one department.
.EXAMPLE
    .\bulk-set-quota.ps1 -Department Legal -Send 20GB -SendReceive 21GB -Warning 19GB
#>
param(
    [Parameter(Mandatory)][string]$Department,
    [string]$Warning = '9.5GB', [string]$Send = '10GB', [string]$SendReceive = '11GB'
)
$users = Get-User -ResultSize Unlimited -RecipientTypeDetails UserMailbox -Filter "Department -eq '$Department'"
"$($users.Count) mailbox(es) in $Department"
$users | % {
    Set-Mailbox -Identity $_.Identity -UseDatabaseQuotaDefaults:$false `
        -IssueWarningQuota $Warning `
        -ProhibitSendQuota $Send `
        -ProhibitSendReceiveQuota $SendReceive
}

"done - verify with: Get-Mailbox <user> | fl *Quota*"
