# Accepted domains, remote domains and the public MX records of authoritative domains
Get-AcceptedDomain | sort DomainName | ft DomainName, DomainType, Default, AddressBookEnabled -a
Get-RemoteDomain | ? { $_.DomainName -cne '*' } | ft Identity, DomainName, AutoReplyEnabled, AutoForwardEnabled, TNEFEnabled -a

'MX records:'
Get-AcceptedDomain | ? DomainType -eq 'Authoritative' | % {
    try { Resolve-DnsName -Name $_.DomainName.ToString() -Type MX -ErrorAction Stop | ? QueryType -eq 'MX' | select Name, NameExchange, Preference }
    catch { Write-Warning "No MX for $($_.TargetObject)" }
}

'Internal relay / external relay domains need a send connector:'
Get-AcceptedDomain | ? { $_.DomainType -like '*Relay' } | % {
    $d = $_.DomainName.ToString()
    $conn = Get-SendConnector | ? { $_.AddressSpaces -match [regex]::Escape($d) }
    '{0,-30} {1,-15} {2}' -f $d, $_.DomainType, $(if ($conn) { $conn.Name -join ', ' } else { 'NO CONNECTOR' })
}
