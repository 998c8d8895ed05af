<#
.SYNOPSIS
    Shows who would receive mail sent to a dynamic distribution group.
#>
param([Parameter(Mandatory)][string]$Identity)

$ddg = Get-DynamicDistributionGroup -Identity $Identity
Write-Host "Filter: $($ddg.RecipientFilter)" -ForegroundColor DarkCyan
Write-Host "Container: $($ddg.RecipientContainer)"

$members = Get-Recipient -RecipientPreviewFilter $ddg.RecipientFilter -OrganizationalUnit $ddg.RecipientContainer -ResultSize Unlimited
$members | group RecipientTypeDetails | sort Count -Descending | ft Count, Name -a
"$(@($members).Count) recipient(s) would receive mail sent to $($ddg.PrimarySmtpAddress)"

# common filter mistake: the container is the whole domain and disabled users are included
if ($ddg.RecipientFilter -notmatch 'RecipientTypeDetails') {
    Write-Warning 'Filter does not restrict RecipientTypeDetails - shared and room mailboxes will be included.'
}
