param([int]$Hours = 24, [int]$Top = 20)
$start = (Get-Date).AddHours(-$Hours)
Get-TransportService | % { Get-MessageTrackingLog -Server $_ -Start $start -EventId RECEIVE -ResultSize Unlimited } |
    ? Source -eq 'SMTP' |
    group Sender -NoElement |
    sort Count -Descending |
    select -First $Top Count, Name |
    ft -AutoSize
