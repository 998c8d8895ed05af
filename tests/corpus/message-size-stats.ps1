<#
.SYNOPSIS
    Message size distribution from the tracking logs (DELIVER events), in buckets.
#>
param([int]$Hours = 24, [string]$Server = $env:COMPUTERNAME)

$events = Get-MessageTrackingLog -Server $Server -EventId DELIVER -Start (Get-Date).AddHours(-$Hours) -ResultSize Unlimited
$sizes = [long[]]@($events | ForEach-Object TotalBytes | Sort-Object)
if ($sizes.Count -eq 0) { 'no DELIVER events'; return }

# bucket limits in bytes: 10 KB, 100 KB, 1 MB, 10 MB, 25 MB, larger
$limits = 10KB, 100KB, 1MB, 10MB, 25MB, [long]::MaxValue
$labels = -split '<10KB <100KB <1MB <10MB <25MB >=25MB'
$counts = New-Object int[] $limits.Count

foreach ($sz in $sizes) {
    for ($i = 0; $i -lt $limits.Count; $i++) {
        if ($sz -lt $limits[$i]) { $counts[$i]++; break }
    }
}

$total = 0L
foreach ($sz in $sizes) { $total += $sz }
$avg = $total
$avg /= $sizes.Count

'{0} messages, {1:N1} MB total, average {2:N1} KB' -f $sizes.Count, ($total / 1MB), ($avg / 1KB)
'median {0:N1} KB, 90th percentile {1:N1} KB, largest {2:N1} MB' -f ($sizes[[int]($sizes.Count / 2)] / 1KB), ($sizes[[int]($sizes.Count * 0.9)] / 1KB), ($sizes[-1] / 1MB)

for ($i = 0; $i -lt $labels.Count; $i++) {
    $pct = if ($sizes.Count) { $counts[$i] * 100 / $sizes.Count } else { 0 }
    $bar = -join ([char[]]('#' * [math]::Ceiling($pct / 2)))
    '{0,-8} {1,7} {2,6:N1}% {3}' -f $labels[$i], $counts[$i], $pct, $bar
}

# the 3 largest after the biggest one (slice 1..3 of the descending list)
$top = $events | Sort-Object TotalBytes -Descending
$top[1..3] | Select-Object Timestamp, Sender, MessageSubject, @{ n = 'MB'; e = { [math]::Round($_.TotalBytes / 1MB, 1) } }

# a sample in every 1e3 messages, for the weekly trend file
$sample = for ($i = 0; $i -lt $sizes.Count; $i += 1e3) { $sizes[$i] }
$remainder = $sizes.Count
$remainder %= 1000
"kept $(@($sample).Count) sample(s), $remainder message(s) in the last incomplete block"
