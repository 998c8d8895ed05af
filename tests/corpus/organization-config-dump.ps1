<#
.SYNOPSIS
  Dumps the most important organization-wide settings to a dated text file
  so they can be diffed before and after a CU or a change.
#>
param([string]$Folder = "$env:USERPROFILE\Documents\ExchangeConfig")

New-Item -ItemType Directory -Path $Folder -Force | Out-Null
$file = Join-Path $Folder ("org-config-{0:yyyyMMdd-HHmm}.txt" -f (Get-Date))

$cmds = 'Get-OrganizationConfig', 'Get-TransportConfig', 'Get-AcceptedDomain', 'Get-RemoteDomain', 'Get-EmailAddressPolicy',
        'Get-SendConnector', 'Get-ReceiveConnector', 'Get-TransportRule', 'Get-JournalRule', 'Get-OwaMailboxPolicy',
        'Get-MobileDeviceMailboxPolicy', 'Get-ActiveSyncOrganizationSettings', 'Get-RetentionPolicy', 'Get-ThrottlingPolicy'

foreach ($c in $cmds) {
    "===== $c =====" | Out-File $file -Append -Encoding utf8
    try {
        & $c -ErrorAction Stop 3>&1 | Format-List * | Out-String -Width 4096 | Out-File $file -Append -Encoding utf8
    }
    catch {
        "ERROR: $_" | Out-File $file -Append -Encoding utf8
    }
}

$previous = Get-ChildItem $Folder -Filter 'org-config-*.txt' | Sort-Object LastWriteTime -Descending | Select-Object -Skip 1 -First 1
if ($previous) {
    $diff = Compare-Object (Get-Content $previous.FullName) (Get-Content $file) |
        Where-Object { $_.InputObject -notmatch '^(WhenChanged|WhenChangedUTC|OriginatingServer|RunspaceId)\s*:' }
    "{0} changed line(s) since {1}" -f @($diff).Count, $previous.Name
    $diff | Format-Table SideIndicator, InputObject -AutoSize -Wrap
}
"saved $file"
