# FAIL events of the last hours, grouped by the SMTP status code in RecipientStatus
param([int]$Hours = 6)

$since = [datetime]::Now.AddHours(-$Hours)
$fails = Get-TransportService | ForEach-Object {
    Get-MessageTrackingLog -Server $_.Name -EventId FAIL -Start $since -ResultSize Unlimited
}

$fails | ForEach-Object {
    $code = if ("$($_.RecipientStatus)" -match '(\d{3} \d\.\d{1,3}\.\d{1,3})') { $Matches[1] } else { 'other' }
    $_ | Add-Member -NotePropertyName Code -NotePropertyValue $code -PassThru
} | Group-Object Code | Sort-Object Count -Descending | Select-Object Count, Name,
    @{Name = 'Example'; Expression = { $_.Group[0].RecipientStatus -join ' ' }} | Format-Table -AutoSize -Wrap

# raw list of the last 20 failures
$fails | Sort-Object Timestamp -Descending | Select-Object -First 20 Timestamp, Sender, Recipients, MessageSubject | Format-Table -AutoSize
