# Journal rules and the journaling NDR mailbox
Get-JournalRule | ft Name, Enabled, Scope, Recipient, JournalEmailAddress -a

$ndr = (Get-TransportConfig).JournalingReportNdrTo
if ([string]::IsNullOrEmpty($ndr) -or $ndr -eq '<>') {
    Write-Warning 'JournalingReportNdrTo is not set - journal reports that cannot be delivered will be lost or loop.'
} else {
    "Journal NDRs go to $ndr"
}

# the journal recipient must accept mail from everybody and must not be journaled itself
foreach ($r in Get-JournalRule | ? Enabled) {
    $target = Get-Recipient $r.JournalEmailAddress.ToString() -ErrorAction SilentlyContinue
    if (-not $target) { Write-Warning "$($r.Name): journal address $($r.JournalEmailAddress) does not resolve"; continue }
    if ($target.RequireSenderAuthenticationEnabled) { Write-Warning "$($r.Name): $($target.Name) only accepts authenticated senders" }
    '{0}: journals {1} to {2} ({3})' -f $r.Name, $(if ($r.Recipient) { $r.Recipient } else { 'everyone' }), $target.PrimarySmtpAddress, $target.RecipientTypeDetails
}
