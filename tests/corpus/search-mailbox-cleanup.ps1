<#
.SYNOPSIS
    Removes a phishing message from all mailboxes with New-ComplianceSearch
    (Search-Mailbox is gone from CU releases since 2020).
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory = $true)][string]$Subject,
    [Parameter(Mandatory = $true)][string]$From,
    [datetime]$Since = (Get-Date).AddDays(-3)
)

$name = "Phish-" + (Get-Date -Format 'yyyyMMddHHmm')
$query = "subject:`"$Subject`" AND from:$From AND received>=$($Since.ToString('yyyy-MM-dd'))"
Write-Host "Query: $query"

New-ComplianceSearch -Name $name -ExchangeLocation All -ContentMatchQuery $query | Out-Null
Start-ComplianceSearch -Identity $name

do {
    Start-Sleep -Seconds 15
    $s = Get-ComplianceSearch -Identity $name
    Write-Host "  $($s.Status) ..."
} until ($s.Status -eq 'Completed')

Write-Host "$($s.Items) item(s) found in $(($s.SuccessResults -split "`n" | Where-Object { $_ -match 'Item count: [1-9]' }).Count) mailbox(es)"
if ($s.Items -eq 0) { return }

if ($PSCmdlet.ShouldProcess("$($s.Items) items", 'Hard delete')) {
    New-ComplianceSearchAction -SearchName $name -Purge -PurgeType HardDelete -Confirm:$false
}
