<#
.SYNOPSIS
  Who changed what? Searches the admin audit log for cmdlets run against an object.
#>
param(
  [string[]]$Cmdlets = @('Set-Mailbox', 'Add-MailboxPermission', 'Remove-MailboxPermission', 'Set-TransportRule', 'New-InboxRule'),
  [string]$ObjectIds,
  [int]$Days = 7
)

$search = @{
  StartDate  = (Get-Date).AddDays(-$Days)
  EndDate    = Get-Date
  Cmdlets    = $Cmdlets
  ResultSize = 5000
}
if ($ObjectIds) { $search.ObjectIds = $ObjectIds }

Search-AdminAuditLog @search | Sort-Object RunDate -Descending | ForEach-Object {
  $params = ($_.CmdletParameters | ForEach-Object { "-$($_.Name) $($_.Value)" }) -join ' '
  [pscustomobject]@{
    When    = $_.RunDate
    Who     = $_.Caller -replace '^.*/', ''
    Cmdlet  = $_.CmdletName
    Object  = $_.ObjectModified
    Params  = $params
    Success = $_.Succeeded
  }
} | Format-Table -AutoSize -Wrap
