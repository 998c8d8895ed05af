#requires -Version 5.1
<#
.SYNOPSIS
    Weekly capacity planning report: database growth, mailbox count growth,
    volume free space and a simple linear forecast of when volumes fill up.

.DESCRIPTION
    Keeps its history in a CSV (one row per database per run). Run it once a
    week from the same server. The forecast is a least-squares fit over the
    last -Weeks samples.
#>
[CmdletBinding()]
param(
    [string]$HistoryFile = 'D:\Reports\capacity-history.csv',
    [ValidateRange(2, 104)][int]$Weeks = 12,
    [string]$OutFile = "D:\Reports\capacity-$(Get-Date -Format yyyy-'W'ww).html",
    [string[]]$MailTo
)

function Get-LinearFit {
    <# returns slope and intercept of y = a*x + b for the given points #>
    param([double[]]$X, [double[]]$Y)
    $n = $X.Count
    if ($n -lt 2) { return $null }
    $sx = 0.0; $sy = 0.0; $sxy = 0.0; $sxx = 0.0
    for ($i = 0; $i -lt $n; $i++) {
        $sx += $X[$i]; $sy += $Y[$i]
        $sxy += $X[$i] * $Y[$i]
        $sxx += $X[$i] * $X[$i]
    }
    $den = $n * $sxx - $sx * $sx
    if ($den -eq 0) { return $null }
    $a = ($n * $sxy - $sx * $sy) / $den
    $b = ($sy - $a * $sx) / $n
    [pscustomobject]@{ Slope = $a; Intercept = $b }
}

$today = (Get-Date).Date
$epoch = [datetime]'2020-01-01'

# ---- collect this week's sample ----
$sample = foreach ($db in Get-MailboxDatabase -Status) {
    $edb = $db.EdbFilePath.PathName
    $vol = Get-CimInstance -ComputerName $db.Server.Name -ClassName Win32_Volume -Filter 'DriveType=3' -ErrorAction SilentlyContinue |
        Where-Object { $edb.StartsWith($_.Name, 'OrdinalIgnoreCase') } |
        Sort-Object { $_.Name.Length } -Descending |
        Select-Object -First 1
    [pscustomobject]@{
        Date        = $today.ToString('yyyy-MM-dd')
        Database    = $db.Name
        SizeGB      = [math]::Round($db.DatabaseSize.ToBytes() / 1GB, 2)
        Mailboxes   = (Get-Mailbox -Database $db.Name -ResultSize Unlimited -WarningAction SilentlyContinue | Measure-Object).Count
        VolumeGB    = if ($vol) { [math]::Round($vol.Capacity / 1GB, 1) } else { $null }
        VolumeFreeGB = if ($vol) { [math]::Round($vol.FreeSpace / 1GB, 1) } else { $null }
    }
}

$history = @()
if (Test-Path $HistoryFile) { $history = @(Import-Csv $HistoryFile) }
$history = @($history | Where-Object { $_.Date -ne $today.ToString('yyyy-MM-dd') }) + $sample
$history | Export-Csv $HistoryFile -NoTypeInformation

# ---- forecast per database ----
$cut = $today.AddDays(-7 * $Weeks)
$forecast = $history | Where-Object { [datetime]$_.Date -ge $cut } | Group-Object Database | ForEach-Object {
    $points = $_.Group | Sort-Object { [datetime]$_.Date }
    $x = [double[]]@($points | ForEach-Object { ([datetime]$_.Date - $epoch).TotalDays })
    $y = [double[]]@($points | ForEach-Object { [double]$_.SizeGB })
    $fit = Get-LinearFit -X $x -Y $y
    $last = $points[-1]

    $weeklyGrowth = if ($fit) { [math]::Round($fit.Slope * 7, 2) } else { 0 }
    $daysToFull = $null
    if ($fit -and $fit.Slope -gt 0 -and $last.VolumeFreeGB) {
        # keep 20% of the volume free for log growth and maintenance
        $usable = [double]$last.VolumeFreeGB
        $usable -= 0.2 * [double]$last.VolumeGB
        $daysToFull = [math]::Max(0, [math]::Floor($usable / $fit.Slope))
    }

    [pscustomobject]@{
        Database       = $_.Name
        Samples        = $points.Count
        SizeGB         = $last.SizeGB
        Mailboxes      = $last.Mailboxes
        'Growth GB/wk' = $weeklyGrowth
        'Free GB'      = $last.VolumeFreeGB
        'Days to 80%'  = if ($null -eq $daysToFull) { 'n/a' } else { $daysToFull }
        'Full by'      = if ($null -eq $daysToFull) { '' } else { $today.AddDays($daysToFull).ToString('yyyy-MM-dd') }
    }
} | Sort-Object { if ($_.'Days to 80%' -is [string]) { [int]::MaxValue } else { $_.'Days to 80%' } }

$totals = $sample | Measure-Object SizeGB, Mailboxes -Sum
$totalGB = ($totals | Where-Object Property -eq 'SizeGB').Sum
$totalMbx = ($totals | Where-Object Property -eq 'Mailboxes').Sum

$pre = @"
<h1>Exchange capacity - week $(Get-Date -UFormat %V)</h1>
<p>$($sample.Count) databases, $totalGB GB, $totalMbx mailboxes. Forecast based on the last $Weeks weeks.</p>
"@
$report = $forecast | ConvertTo-Html -PreContent $pre -Title 'Exchange capacity' -Head '<style>td,th{padding:2px 8px;border:1px solid #bbb}table{border-collapse:collapse}</style>' | Out-String
$report | Set-Content -Path $OutFile -Encoding UTF8

$soon = @($forecast | Where-Object { $_.'Days to 80%' -isnot [string] -and $_.'Days to 80%' -lt 90 })
if ($soon.Count) {
    Write-Warning ("{0} database volume(s) reach 80% within 90 days: {1}" -f $soon.Count, ($soon.Database -join ', '))
}

if ($MailTo) {
    Send-MailMessage -To $MailTo -From 'capacity@contoso.com' -Subject 'Exchange weekly capacity report' -Body $report -BodyAsHtml -SmtpServer 'smtp.contoso.com'
}
$forecast | Format-Table -AutoSize
