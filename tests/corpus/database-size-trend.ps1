# Appends today's database sizes to a CSV and shows growth against the oldest sample.
$history = 'D:\Reports\db-size-history.csv'
$today = Get-Date -Format 'yyyy-MM-dd'

Get-MailboxDatabase -Status | ForEach-Object {
    [pscustomobject]@{
        Date     = $today
        Database = $_.Name
        SizeGB   = [math]::Round($_.DatabaseSize.ToBytes() / 1GB, 2)
    }
} | Export-Csv $history -Append -NoTypeInformation

$data = Import-Csv $history
$data | Group-Object Database | ForEach-Object {
    $samples = $_.Group | Sort-Object { [datetime]$_.Date }
    $first, $last = $samples[0], $samples[-1]
    $days = ([datetime]$last.Date - [datetime]$first.Date).Days
    $growth = [decimal]$last.SizeGB - [decimal]$first.SizeGB + 0d
    [pscustomobject]@{
        Database     = $_.Name
        Samples      = $_.Count
        FirstGB      = $first.SizeGB
        LastGB       = $last.SizeGB
        GrowthGB     = [math]::Round($growth, 2)
        'GB per 30d' = if ($days -gt 0) { [math]::Round($growth / $days * 30, 2) } else { 'n/a' }
    }
} | Sort-Object GrowthGB -Descending | Format-Table -AutoSize
