<#
.SYNOPSIS
    Builds the HTML maintenance announcement mail from a template and sends it
    to all users of the affected databases.
#>
param(
    [Parameter(Mandatory = $true)][datetime]$Start,
    [Parameter(Mandatory = $true)][ValidateRange(15, 720)][int]$DurationMinutes,
    [Parameter(Mandatory = $true)][string[]]$Database,
    [switch]$Send
)

# literal template: $ placeholders are NOT expanded because of the single-quoted here-string
$template = @'
<html>
<head>
<style>
  .box  { border: 1px solid #0078d4; padding: 12px; font-family: Segoe UI, sans-serif; }
  .when { font-size: 14pt; color: #0078d4; }
</style>
</head>
<body>
<div class="box">
  <p>Dear colleague,</p>
  <p>your mailbox will be unavailable during planned maintenance:</p>
  <p class="when">{START} &ndash; {END}</p>
  <p>Outlook will show "Disconnected" during this time. Mail sent to you will be queued, not lost.
     Price of the new storage: $0 for your department ;-)</p>
  <p>Questions? Reply to this mail or call the service desk.</p>
</div>
</body>
</html>
'@

$end = $Start.AddMinutes($DurationMinutes)
$body = $template.Replace('{START}', $Start.ToString('dddd, dd.MM.yyyy HH:mm')).Replace('{END}', $end.ToString('HH:mm'))

$recipients = foreach ($db in $Database) {
    Get-Mailbox -Database $db -ResultSize Unlimited -RecipientTypeDetails UserMailbox | ForEach-Object { $_.PrimarySmtpAddress.ToString() }
}
$recipients = $recipients | Sort-Object -Unique

$summary = @"
Maintenance window : $($Start.ToString('g')) - $($end.ToString('t')) ($DurationMinutes min)
Databases          : $($Database -join ', ')
Recipients         : $($recipients.Count)
Send               : $([bool]$Send)
Cost centre note   : the template contains a literal `$0, expanded strings need the backtick
"@
Write-Host $summary

if ($Send) {
    # send in batches of 100 BCC recipients
    for ($i = 0; $i -lt $recipients.Count; $i += 100) {
        $batch = $recipients[$i..([math]::Min($i + 99, $recipients.Count - 1))]
        Send-MailMessage -To 'it-announce@contoso.com' -Bcc $batch -From 'it-announce@contoso.com' `
            -Subject "Planned maintenance $($Start.ToString('dd.MM.'))" -Body $body -BodyAsHtml -SmtpServer 'smtp.contoso.com' -Encoding UTF8
        Write-Host "sent batch starting at $i"
    }
}
else {
    $preview = Join-Path $env:TEMP 'maintenance-preview.html'
    $body | Set-Content $preview -Encoding UTF8
    Start-Process $preview
}
