<#
.SYNOPSIS
  Shows non-default throttling policies and who they are assigned to.
#>
$policies = Get-ThrottlingPolicy | Where-Object { -not $_.IsDefault }
foreach ($p in $policies) {
    Write-Host "== $($p.Name) (scope $($p.ThrottlingPolicyScope))" -ForegroundColor Cyan
    $p.PSObject.Properties |
        Where-Object { $_.Name -match '^(EWS|PowerShell|Rcs|Owa|Eas|Imap|Pop)' -and $null -ne $_.Value -and "$($_.Value)" -cne 'Unlimited' } |
        ForEach-Object { '   {0,-40} {1}' -f $_.Name, $_.Value }

    $assigned = Get-Mailbox -ResultSize Unlimited -Filter "ThrottlingPolicy -eq '$($p.DistinguishedName)'"
    "   assigned to $(@($assigned).Count) mailbox(es): $(($assigned | Select-Object -First 5 -ExpandProperty Alias) -join ', ')"
}

'Default policy: ' + (Get-ThrottlingPolicy | Where-Object IsDefault | Select-Object -ExpandProperty Name)
