<#
.SYNOPSIS
    Checks MX, SPF, DMARC, autodiscover and namespace DNS records for every accepted domain.
#>
param([string]$DnsServer = '8.8.8.8')

function Get-Txt([string]$Name) {
    (Resolve-DnsName -Name $Name -Type TXT -Server $DnsServer -ErrorAction SilentlyContinue |
        Where-Object Type -eq 'TXT').Strings -join ''
}

foreach ($d in Get-AcceptedDomain | Where-Object DomainType -eq 'Authoritative') {
    $name, $type = $d.DomainName.ToString(), $d.DomainType
    Write-Verbose "checking $name ($type)"
    $mx = Resolve-DnsName -Name $name -Type MX -Server $DnsServer -ErrorAction SilentlyContinue | Where-Object Type -eq 'MX'
    $spf = (Get-Txt $name) -split '(?=v=spf1)' | Where-Object { $_ -like 'v=spf1*' }
    $dmarc = Get-Txt "_dmarc.$name"
    $auto = Resolve-DnsName -Name "autodiscover.$name" -Server $DnsServer -ErrorAction SilentlyContinue | Select-Object -First 1

    [pscustomobject]@{
        Domain       = $name
        MX           = ($mx | Sort-Object Preference | ForEach-Object { "$($_.Preference) $($_.NameExchange)" }) -join '; '
        SPF          = if ($spf) { $spf -creplace '\s{2,}', ' ' } else { 'MISSING' }
        SpfAll       = if ($spf -match '([\-~\?\+])all') { $Matches[1] + 'all' } else { '' }
        DMARC        = if ($dmarc) { ($dmarc -split ';' | Where-Object { $_ -match '^\s*p=' }).Trim() } else { 'MISSING' }
        Autodiscover = if ($auto) { "$($auto.Type) $($auto.IPAddress)$($auto.NameHost)" } else { 'MISSING' }
    }
}
