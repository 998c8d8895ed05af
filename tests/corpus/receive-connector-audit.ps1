#requires -Version 5.1
<#
.SYNOPSIS
    Audits receive connectors for anonymous relay, open permissions and
    remote IP ranges that are wider than intended.

.DESCRIPTION
    For every receive connector the script lists the bindings, remote IP
    ranges, authentication mechanisms and permission groups, and then looks
    at the AD permissions for ms-Exch-SMTP-Accept-Any-Recipient granted to
    ANONYMOUS LOGON, which is what turns a connector into an open relay.

.PARAMETER Server
    Servers to audit. Defaults to every transport server.

.PARAMETER MaxPrefixWidth
    Remote IP ranges wider than this many addresses are flagged.
#>
[CmdletBinding()]
param(
    [Parameter(ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
    [Alias('Name')]
    [string[]]$Server,

    [ValidateRange(1, 16777216)]
    [long]$MaxPrefixWidth = 256,

    [string]$CsvPath
)

begin {
    $results = New-Object System.Collections.Generic.List[object]

    function Get-RangeWidth {
        param([Parameter(Mandatory)]$Range)
        # IPRange objects expose LowerBound / UpperBound; strings need parsing
        $text = $Range.ToString()
        if ($text -eq '0.0.0.0-255.255.255.255' -or $text -eq '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff') {
            return [long]::MaxValue
        }
        if ($text -match '^(?<ip>[\d\.]+)/(?<bits>\d{1,2})$') {
            return [long](1L -shl (32 - [int]$Matches.bits))
        }
        if ($text -match '^(?<lo>[\d\.]+)-(?<hi>[\d\.]+)$') {
            $toLong = {
                param($ip)
                $b = ([System.Net.IPAddress]::Parse($ip)).GetAddressBytes()
                ([long]$b[0] -shl 24) -bor ([long]$b[1] -shl 16) -bor ([long]$b[2] -shl 8) -bor [long]$b[3]
            }
            return (& $toLong $Matches.hi) - (& $toLong $Matches.lo) + 1
        }
        return 1L
    }
}

process {
    if (-not $Server) {
        $Server = Get-TransportService | ForEach-Object { $_.Name }
    }

    foreach ($s in $Server) {
        foreach ($rc in Get-ReceiveConnector -Server $s) {
            $flags = New-Object System.Collections.Generic.List[string]

            $anonRelay = Get-ADPermission -Identity $rc.Identity |
                Where-Object {
                    $_.User -like '*ANONYMOUS LOGON' -and
                    $_.ExtendedRights -like '*ms-Exch-SMTP-Accept-Any-Recipient*' -and
                    -not $_.Deny
                }
            if ($anonRelay) { $flags.Add('ANONYMOUS RELAY') }

            if ($rc.PermissionGroups -match 'AnonymousUsers' -and $rc.TransportRole -eq 'HubTransport') {
                $flags.Add('anonymous on hub role connector')
            }
            if ($rc.AuthMechanism -notmatch 'Tls') {
                $flags.Add('TLS not offered')
            }
            if ($rc.ProtocolLoggingLevel -ne 'Verbose') {
                $flags.Add('protocol logging not verbose')
            }

            $wide = @($rc.RemoteIPRanges | Where-Object { (Get-RangeWidth $_) -gt $MaxPrefixWidth })
            if ($wide.Count -gt 0 -and $rc.Name -notmatch '^(Default|Client) ') {
                $flags.Add("wide remote range(s): $($wide -join ', ')")
            }

            $results.Add([pscustomobject]@{
                Server           = $s
                Connector        = $rc.Name
                Enabled          = $rc.Enabled
                Role             = $rc.TransportRole
                Bindings         = $rc.Bindings -join ', '
                RemoteIPRanges   = ($rc.RemoteIPRanges | Select-Object -First 10) -join ', '
                AuthMechanism    = $rc.AuthMechanism
                PermissionGroups = $rc.PermissionGroups
                MaxMessageSize   = $rc.MaxMessageSize
                Banner           = $rc.Banner
                Findings         = if ($flags.Count) { $flags -join '; ' } else { '' }
            })
        }
    }
}

end {
    $flagged = $results | Where-Object Findings
    Write-Host ("{0} connector(s) audited, {1} with findings" -f $results.Count, @($flagged).Count) -ForegroundColor Cyan

    foreach ($f in $flagged) {
        $color = if ($f.Findings -match 'ANONYMOUS RELAY') { 'Red' } else { 'Yellow' }
        Write-Host ("  {0}\{1}: {2}" -f $f.Server, $f.Connector, $f.Findings) -ForegroundColor $color
    }

    if ($CsvPath) {
        $results | Export-Csv -Path $CsvPath -NoTypeInformation -Encoding UTF8
        Write-Host "Full results: $CsvPath"
    }
    else {
        $results | Format-Table Server, Connector, Enabled, Role, Bindings, AuthMechanism -AutoSize
    }
}
