# Top external senders (RECEIVE events from SMTP) in the last N hours
# .\message-tracking-top-senders.ps1 -Hours 4 -Top 10
param([int]$Hours = 24, [int]$Top = 20)
$start = (Get-Date).AddHours(-$Hours)
Get-TransportService | % { Get-MessageTrackingLog -Server $_ -Start $start -EventId RECEIVE -ResultSize Unlimited } |
    ? Source -eq 'SMTP' |
    group Sender -NoElement |
    sort Count -Descending |
    select -First $Top Count, Name |
    ft -AutoSize

# the same, grouped by sender domain
Get-TransportService | % { Get-MessageTrackingLog -Server $_ -Start $start -EventId RECEIVE -ResultSize Unlimited } |
    ? Source -eq 'SMTP' |
    group { ($_.Sender -split '@')[-1].ToLower() } -NoElement |
    sort Count -Descending |
    select -First $Top Count, Name |
    ft -AutoSize
