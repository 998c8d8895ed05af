Get-AcceptedDomain | sort DomainName | ft DomainName, DomainType, Default, AddressBookEnabled -a
Get-RemoteDomain | ? { $_.DomainName -ne '*' } | ft Identity, DomainName, AutoReplyEnabled, AutoForwardEnabled, TNEFEnabled -a
'MX records:'
Get-AcceptedDomain | ? DomainType -eq 'Authoritative' | % {
    try { Resolve-DnsName -Name $_.DomainName.ToString() -Type MX -ErrorAction Stop | ? QueryType -eq 'MX' | select Name, NameExchange, Preference }
    catch { Write-Warning "No MX for $($_.TargetObject)" }
}
