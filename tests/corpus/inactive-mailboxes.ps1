<#
.SYNOPSIS
    Lists mailboxes nobody has logged on to for N days.
#>
param(
    [ValidateRange(7, 3650)][int]$Days = 90,
    [string]$Path = ".\inactive-mailboxes-$(Get-Date -f yyyyMMdd).csv"
)

$cutoff = (Get-Date).AddDays(-$Days)
$result = New-Object System.Collections.ArrayList

Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox | ForEach-Object {
    $s = Get-MailboxStatistics $_.Identity -WarningAction SilentlyContinue
    if ($s.LastLogonTime -lt $cutoff -and $_.Alias -cnotlike 'SystemMailbox*' -and $_.Alias -inotlike 'HealthMailbox*') {
        $null = $result.Add([pscustomobject]@{
            Name          = $_.DisplayName
            UPN           = $_.UserPrincipalName
            LastLogon     = $s.LastLogonTime
            DaysInactive  = if ($s.LastLogonTime) { ((Get-Date) - $s.LastLogonTime).Days } else { 'never' }
            Size          = $s.TotalItemSize
            Created       = $_.WhenMailboxCreated
        })
    }
}

$sorted = @($result | Sort-Object LastLogon)
$sorted | Export-Csv $Path -NoTypeInformation
if ($sorted.Count -gt 10) { 'Ten longest inactive:'; $sorted[0..9] | Format-Table Name, LastLogon, DaysInactive -AutoSize }
"{0} mailboxes inactive since {1:d} -> {2}" -f $result.Count, $cutoff, $Path
