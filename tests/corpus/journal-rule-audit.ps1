Get-JournalRule | ft Name, Enabled, Scope, Recipient, JournalEmailAddress -a
$ndr = (Get-TransportConfig).JournalingReportNdrTo
if ([string]::IsNullOrEmpty($ndr) -or $ndr -eq '<>') {
    Write-Warning 'JournalingReportNdrTo is not set - journal reports that cannot be delivered will be lost or loop.'
} else {
    "Journal NDRs go to $ndr"
}
