[CmdletBinding(SupportsShouldProcess)]
param(
    [ValidateRange(0, 9)][int]$SclDelete = 9,
    [ValidateRange(0, 9)][int]$SclReject = 7,
    [ValidateRange(0, 9)][int]$SclQuarantine = 6,
    [string]$QuarantineMailbox = 'spam-quarantine@contoso.com',
    [string[]]$BypassedSenderDomains = @('partner.example', 'payroll-provider.example')
)

# sanity: thresholds must increase Quarantine < Reject < Delete
if (-not ($SclQuarantine -lt $SclReject -and $SclReject -lt $SclDelete)) {
    throw "Invalid SCL thresholds: quarantine $SclQuarantine, reject $SclReject, delete $SclDelete"
}

$current = Get-ContentFilterConfig
$current | Format-List Enabled, SCL*Threshold, SCL*Enabled, QuarantineMailbox, BypassedSenderDomains

$changes = @{
    SCLDeleteEnabled       = $true;  SCLDeleteThreshold     = $SclDelete
    SCLRejectEnabled       = $true;  SCLRejectThreshold     = $SclReject
    SCLQuarantineEnabled   = $true;  SCLQuarantineThreshold = $SclQuarantine
    QuarantineMailbox      = $QuarantineMailbox
    BypassedSenderDomains  = $BypassedSenderDomains
}
if ($PSCmdlet.ShouldProcess('Content filter', 'Set thresholds')) {
    Set-ContentFilterConfig @changes
}
