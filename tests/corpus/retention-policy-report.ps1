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
