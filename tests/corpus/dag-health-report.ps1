#requires -Version 5.1
<#
.SYNOPSIS
    Builds an HTML health report for every Database Availability Group.

.DESCRIPTION
    Collects DAG membership, database copy status, copy/replay queue lengths,
    content index state and Test-ReplicationHealth results, renders them as a
    colour-coded HTML page and optionally mails it.

.PARAMETER ReportPath
    Folder where the HTML file is written.

.PARAMETER SendMail
    Mail the report to the addresses in -To.

.EXAMPLE
    .\dag-health-report.ps1 -SendMail -To exchange-admins@contoso.com
#>
[CmdletBinding()]
param(
    [ValidateScript({ Test-Path $_ -PathType Container })]
    [string]$ReportPath = "$env:TEMP",

    [switch]$SendMail,

    [string[]]$To = @('exchange-admins@contoso.com'),

    [string]$From = "dag-report@$($env:USERDNSDOMAIN.ToLower())",

    [string]$SmtpServer = 'smtp.contoso.com',

    [ValidateRange(1, 1000)]
    [int]$CopyQueueWarning = 10,

    [ValidateRange(1, 10000)]
    [int]$ReplayQueueWarning = 200
)

$now = Get-Date
$reportFile = Join-Path $ReportPath ("DAGHealth-{0:yyyyMMdd-HHmm}.html" -f $now)
$alerts = 0

$style = @'
<style>
body  { font-family: Segoe UI, Arial, sans-serif; font-size: 10pt; color: #222; }
h1    { font-size: 14pt; color: #004578; }
h2    { font-size: 12pt; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin-bottom: 16px; }
th    { background: #004578; color: #fff; padding: 4px 8px; text-align: left; }
td    { border: 1px solid #ddd; padding: 3px 8px; }
td.pass { background: #dff6dd; }
td.warn { background: #fff4ce; }
td.fail { background: #fde7e9; font-weight: bold; }
</style>
'@

function Get-CellClass {
    param(
        [Parameter(Mandatory)][string]$Value,
        [string[]]$Good = @('Healthy', 'Mounted', 'Passed'),
        [string[]]$Warn = @('Initializing', 'Resynchronizing', 'Seeding', 'SeedingSource')
    )
    if ($Good -contains $Value) { 'pass' }
    elseif ($Warn -contains $Value) { 'warn' }
    else { 'fail' }
}

$sb = New-Object System.Text.StringBuilder
[void]$sb.AppendLine("<html><head><title>DAG health $($now.ToString('g'))</title>$style</head><body>")
[void]$sb.AppendLine("<h1>Database Availability Group health - $($now.ToString('dddd d MMMM yyyy HH:mm'))</h1>")

$dags = Get-DatabaseAvailabilityGroup -Status | Sort-Object Name
foreach ($dag in $dags) {
    [void]$sb.AppendLine("<h2>$($dag.Name)</h2>")
    [void]$sb.AppendLine("<p>Witness: $($dag.WitnessServer) ($($dag.WitnessDirectory)) &middot; Members: $($dag.Servers.Count) &middot; Primary Active Manager: $($dag.PrimaryActiveManager)</p>")

    # ---- database copies ----
    [void]$sb.AppendLine('<table><tr><th>Copy</th><th>Status</th><th>Copy queue</th><th>Replay queue</th><th>Content index</th><th>Last inspected log</th></tr>')
    foreach ($server in ($dag.Servers | Sort-Object Name)) {
        $copies = Get-MailboxDatabaseCopyStatus -Server $server.Name -ErrorAction SilentlyContinue
        foreach ($c in $copies) {
            $statusClass = Get-CellClass -Value $c.Status.ToString()
            $ciClass     = Get-CellClass -Value $c.ContentIndexState.ToString()
            $cqClass = if ($c.CopyQueueLength -ge $CopyQueueWarning) { 'fail' } elseif ($c.CopyQueueLength -gt 0) { 'warn' } else { 'pass' }
            $rqClass = if ($c.ReplayQueueLength -ge $ReplayQueueWarning) { 'warn' } else { 'pass' }
            if ('fail' -in $statusClass, $ciClass, $cqClass) { $alerts++ }

            $lastLog = if ($c.LastInspectedLogTime) { $c.LastInspectedLogTime.ToString('yyyy-MM-dd HH:mm') } else { '-' }
            [void]$sb.AppendFormat('<tr><td>{0}</td><td class="{1}">{2}</td><td class="{3}">{4}</td><td class="{5}">{6}</td><td class="{7}">{8}</td><td>{9}</td></tr>',
                $c.Name, $statusClass, $c.Status, $cqClass, $c.CopyQueueLength, $rqClass, $c.ReplayQueueLength, $ciClass, $c.ContentIndexState, $lastLog)
            [void]$sb.AppendLine()
        }
    }
    [void]$sb.AppendLine('</table>')

    # ---- replication health ----
    [void]$sb.AppendLine('<table><tr><th>Server</th><th>Check</th><th>Result</th><th>Error</th></tr>')
    foreach ($server in $dag.Servers) {
        try {
            $tests = Test-ReplicationHealth -Identity $server.Name -ErrorAction Stop
        }
        catch {
            $alerts++
            [void]$sb.AppendLine("<tr><td>$($server.Name)</td><td>Test-ReplicationHealth</td><td class=`"fail`">Error</td><td>$([System.Web.HttpUtility]::HtmlEncode($_.Exception.Message))</td></tr>")
            continue
        }
        foreach ($t in $tests) {
            $cls = Get-CellClass -Value $t.Result.ToString()
            if ($cls -eq 'fail') { $alerts++ }
            $err = if ($t.Error) { $t.Error -replace "`r?`n", '<br/>' } else { '' }
            [void]$sb.AppendLine("<tr><td>$($t.Server)</td><td>$($t.Check)</td><td class=`"$cls`">$($t.Result)</td><td>$err</td></tr>")
        }
    }
    [void]$sb.AppendLine('</table>')
}

$footer = @"
<p style="color:#888">Generated by $($MyInvocation.MyCommand.Name) on ${env:COMPUTERNAME} as $env:USERDOMAIN\$env:USERNAME.
Thresholds: copy queue &ge; $CopyQueueWarning, replay queue &ge; $ReplayQueueWarning.</p>
</body></html>
"@
[void]$sb.Append($footer)

Add-Type -AssemblyName System.Web
$sb.ToString() | Out-File -FilePath $reportFile -Encoding utf8
Write-Host "Report written to $reportFile ($alerts alert(s))"

if ($SendMail) {
    $subject = if ($alerts -gt 0) { "[ALERT] DAG health: $alerts issue(s)" } else { '[OK] DAG health' }
    $mail = @{
        To         = $To
        From       = $From
        Subject    = $subject
        Body       = $sb.ToString()
        BodyAsHtml = $true
        SmtpServer = $SmtpServer
        Priority   = if ($alerts) { 'High' } else { 'Normal' }
    }
    Send-MailMessage @mail
}

exit ([int]($alerts -gt 0))
