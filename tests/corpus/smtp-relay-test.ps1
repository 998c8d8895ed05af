<#
.SYNOPSIS
    Sends test messages through each relay connector and checks that they arrive.
#>
param(
    [string[]]$RelayHost = @('relay1.contoso.com', 'relay2.contoso.com'),
    [string]$To = 'relaytest@contoso.com',
    [string]$From = "relay-check@$env:USERDNSDOMAIN"
)

$sendOne = {
    param($relay, $subject)
    try {
        Send-MailMessage -SmtpServer $relay -To $To -From $From -Subject $subject -Body "Relay test via $relay at $(Get-Date -f o)" -ErrorAction Stop
        $true
    }
    catch [System.Net.Mail.SmtpException], [System.Net.Sockets.SocketException] {
        Write-Warning "${relay}: $($_.Exception.Message)"
        $false
    }
}

$tag = [guid]::NewGuid().ToString('N').Substring(0, 8)
$sent = @{}
foreach ($r in $RelayHost) {
    $subject = "Relay test $tag via $r"
    $sent[$r] = & $sendOne $r $subject
}

# Send-MailMessage is obsolete in PS7 and prints a warning; merge stream 3 so it lands in the log
& { Send-MailMessage -SmtpServer $RelayHost[0] -To $To -From $From -Subject "Relay test $tag (warning stream)" } 3>&1 >> "$env:TEMP\relay-test.log"

Start-Sleep -Seconds 30
$found = Get-MessageTrackingLog -EventId DELIVER -Start (Get-Date).AddMinutes(-5) -MessageSubject "Relay test $tag" -ResultSize Unlimited
foreach ($r in $RelayHost) {
    $delivered = $found | Where-Object { $_.MessageSubject -like "*via $r" }
    '{0,-25} sent={1,-5} delivered={2}' -f $r, $sent[$r], [bool]$delivered
}

Write-Host "Tip: to test by hand use telnet and type `"MAIL FROM:<$From>`" - note the `$ in a here-string needs escaping too."
Write-Host 'Single quotes don''t expand $variables, so this text is printed literally.'
