# Sender reputation / connection filtering overview (anti-spam agents must be installed)
$cfg = Get-SenderReputationConfig
"Sender reputation enabled: $($cfg.Enabled), block threshold SRL $($cfg.SrlBlockThreshold), block for $($cfg.SenderBlockingPeriod) h"
$blocked = Get-IPBlockListEntry -ErrorAction SilentlyContinue
"Temporary IP blocks: $(@($blocked).Count)"
$blocked | Sort-Object ExpirationTime | Select-Object -First 20 IPRange, ExpirationTime, Comment | Format-Table -AutoSize

# agent log: top rejected sender IPs today
Get-AgentLog -StartDate (Get-Date).Date |
    Where-Object { $_.Agent -eq 'Sender Reputation Filter Agent' -or $_.Agent -eq 'Connection Filtering Agent' } |
    Group-Object IPAddress -NoElement | Sort-Object Count -Descending | Select-Object -First 10 Count, Name

# IP allow / block list providers
Get-IPBlockListProvider -ErrorAction SilentlyContinue | Select-Object Name, LookupDomain, Enabled, Priority | Format-Table -AutoSize
Get-IPAllowListEntry -ErrorAction SilentlyContinue | Select-Object IPRange, ExpirationTime | Format-Table -AutoSize
