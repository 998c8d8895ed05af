# Retention policies, their tags and how many mailboxes use each policy.
# Tags with RetentionAction DeleteAndAllowRecovery remove mail, check them first.
$tags = @{}
Get-RetentionPolicyTag | % { $tags[$_.Name] = $_ }

foreach ($policy in Get-RetentionPolicy) {
    Write-Host "`n== $($policy.Name) ==" -ForegroundColor Yellow
    $policy.RetentionPolicyTagLinks | % {
        $t = $tags[$_.Name]
        '{0,-40} {1,-14} {2,6} days  {3}' -f $t.Name, $t.Type, $t.AgeLimitForRetention.Days, $t.RetentionAction
    }
    $n = (Get-Mailbox -ResultSize Unlimited -Filter "RetentionPolicy -eq '$($policy.DistinguishedName)'" | measure).Count
    "Assigned to $n mailbox(es)"
}

'Tags not linked to any policy:'
$linked = Get-RetentionPolicy | % { $_.RetentionPolicyTagLinks.Name }
$tags.Keys | ? { $_ -notin $linked } | sort
