<#
.SYNOPSIS
    Sets a scheduled out-of-office reply for a user (e.g. during parental leave).
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Identity,
    [Parameter(Mandatory = $true)][datetime]$StartTime,
    [Parameter(Mandatory = $true)][datetime]$EndTime,
    [string]$Deputy,
    [ValidateSet('None', 'Known', 'All')][string]$ExternalAudience = 'All'
)

if ($EndTime -le $StartTime) { throw 'EndTime must be after StartTime' }
if ($ExternalAudience -eq 'None') { Write-Verbose 'The auto reply won''t be sent to senders outside the organization.' }

$user = Get-Recipient $Identity
$deputyText = ''
if ($Deputy) {
    $d = Get-Recipient $Deputy
    $deputyText = "<p>In urgent cases please contact $($d.DisplayName) (<a href=`"mailto:$($d.PrimarySmtpAddress)`">$($d.PrimarySmtpAddress)</a>).</p>"
}

$internal = @"
<p>Hello,</p>
<p>I am out of the office from $($StartTime.ToString('dddd, d MMMM')) until $($EndTime.ToString('dddd, d MMMM yyyy')) and will not be reading e-mail.</p>
$deputyText
<p>Best regards,<br/>$($user.DisplayName)</p>
"@
$external = $internal -replace '<a href="mailto:[^"]+">([^<]+)</a>', '$1'

if ($PSCmdlet.ShouldProcess($user.DisplayName, "Schedule OOF $StartTime - $EndTime")) {
    Set-MailboxAutoReplyConfiguration -Identity $Identity -AutoReplyState Scheduled -StartTime $StartTime -EndTime $EndTime `
        -InternalMessage $internal -ExternalMessage $external -ExternalAudience $ExternalAudience
    Get-MailboxAutoReplyConfiguration $Identity | Select-Object Identity, AutoReplyState, StartTime, EndTime, ExternalAudience
}
