<#
.SYNOPSIS
    Finds inbox rules that forward, redirect or delete mail - a classic sign of a compromised account.
#>
param(
    [string[]]$Mailbox,
    [string]$InternalDomainPattern = '@(contoso|fabrikam)\.com$',
    [string]$Csv = ".\inbox-rules-$(Get-Date -Format yyyyMMdd).csv"
)

if (-not $Mailbox) {
    $Mailbox = Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox | ForEach-Object { $_.PrimarySmtpAddress.ToString() }
}

$suspicious = New-Object System.Collections.ArrayList
$n = 0
foreach ($m in $Mailbox) {
    $n++
    Write-Progress -Activity 'Reading inbox rules' -Status $m -PercentComplete ($n / $Mailbox.Count * 100)
    $rules = Get-InboxRule -Mailbox $m -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
    foreach ($r in $rules) {
        $targets = @($r.ForwardTo) + @($r.ForwardAsAttachmentTo) + @($r.RedirectTo) | Where-Object { $_ }
        $addresses = $targets | ForEach-Object { if ("$_" -match '\[SMTP:([^\]]+)\]') { $Matches[1] } else { "$_" } }
        $external = @($addresses | Where-Object { $_ -like '*@*' -and $_ -notmatch $InternalDomainPattern })

        $reasons = @()
        if ($external.Count) { $reasons += "external forward: $($external -join ', ')" }
        if ($r.DeleteMessage -and -not $r.From -and -not $r.SubjectContainsWords) { $reasons += 'deletes everything' }
        if ($r.MoveToFolder -cmatch 'RSS|Conversation History|Archive' -and $r.MarkAsRead) { $reasons += "hides mail in $($r.MoveToFolder)" }
        if ($r.Name -cmatch '^[\.\s,]+$' -or $r.Name.Length -le 2) { $reasons += "odd rule name '$($r.Name)'" }

        if ($reasons) {
            [void]$suspicious.Add([pscustomobject]@{
                Mailbox = $m
                Rule    = $r.Name
                Enabled = $r.Enabled
                Reasons = $reasons -join '; '
                Desc    = ($r.Description -replace "`r?`n", ' ').Trim()
            })
        }
    }
}
Write-Progress -Activity 'Reading inbox rules' -Completed

$suspicious | Export-Csv $Csv -NoTypeInformation -Encoding UTF8
$suspicious | Format-Table Mailbox, Rule, Enabled, Reasons -AutoSize -Wrap
"$($suspicious.Count) suspicious rule(s) in $n mailbox(es); details in $Csv"
