#requires -Version 5.1
<#
.SYNOPSIS
    Audits SCHANNEL protocol settings and .NET strong crypto settings on
    Exchange servers, following the Exchange TLS best practices.

.DESCRIPTION
    For TLS 1.0, 1.1, 1.2 and 1.3 the script reads the Client and Server
    Enabled / DisabledByDefault values, and for .NET 2.0 and 4.0 (both
    registry views) it reads SystemDefaultTlsVersions and SchUseStrongCrypto.
    Mismatches between servers are a common cause of broken hybrid mail
    flow, so the output highlights servers that differ from the majority.

.PARAMETER ComputerName
    Servers to audit.

.PARAMETER Remediate
    Writes the recommended values (TLS 1.2 on, 1.0/1.1 off). Requires a reboot.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
    [Alias('Fqdn')]
    [string[]]$ComputerName = $env:COMPUTERNAME,

    [switch]$Remediate
)

begin {
    $collector = {
        param([bool]$Fix)

        $base = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'
        $netKeys = @(
            'HKLM:\SOFTWARE\Microsoft\.NETFramework\v2.0.50727',
            'HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v2.0.50727',
            'HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319',
            'HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319'
        )
        $want = @{ 'TLS 1.0' = 0; 'TLS 1.1' = 0; 'TLS 1.2' = 1 }
        $out = @()

        foreach ($proto in 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3') {
            foreach ($side in 'Client', 'Server') {
                $key = Join-Path $base "$proto\$side"
                $props = Get-ItemProperty -Path $key -ErrorAction SilentlyContinue
                $enabled = if ($props -and $null -ne $props.Enabled) { [int]$props.Enabled } else { $null }
                $dbd = if ($props -and $null -ne $props.DisabledByDefault) { [int]$props.DisabledByDefault } else { $null }

                if ($Fix -and $want.ContainsKey($proto)) {
                    if (-not (Test-Path $key)) { New-Item -Path $key -Force | Out-Null }
                    $e = $want[$proto]
                    New-ItemProperty -Path $key -Name Enabled -Value $e -PropertyType DWord -Force | Out-Null
                    New-ItemProperty -Path $key -Name DisabledByDefault -Value ([int](-not $e)) -PropertyType DWord -Force | Out-Null
                    $enabled = $e; $dbd = [int](-not $e)
                }

                $out += [pscustomobject]@{ Setting = "$proto $side"; Enabled = $enabled; DisabledByDefault = $dbd }
            }
        }

        foreach ($nk in $netKeys) {
            if (-not (Test-Path $nk)) { continue }
            if ($Fix) {
                Set-ItemProperty -Path $nk -Name SystemDefaultTlsVersions -Value 1 -Type DWord
                Set-ItemProperty -Path $nk -Name SchUseStrongCrypto -Value 1 -Type DWord
            }
            $p = Get-ItemProperty -Path $nk
            $label = ($nk -replace '^HKLM:\\SOFTWARE\\', '') -replace 'Microsoft\\\.NETFramework\\', '.NET '
            $out += [pscustomobject]@{ Setting = "$label SystemDefaultTlsVersions"; Enabled = $p.SystemDefaultTlsVersions; DisabledByDefault = $null }
            $out += [pscustomobject]@{ Setting = "$label SchUseStrongCrypto"; Enabled = $p.SchUseStrongCrypto; DisabledByDefault = $null }
        }
        $out
    }

    $all = @()
}

process {
    foreach ($c in $ComputerName) {
        $fix = $false
        if ($Remediate -and $PSCmdlet.ShouldProcess($c, 'Write recommended TLS registry values')) { $fix = $true }

        try {
            $res = if ($c -eq $env:COMPUTERNAME) {
                & $collector $fix
            }
            else {
                Invoke-Command -ComputerName $c -ScriptBlock $collector -ArgumentList $fix -ErrorAction Stop
            }
        }
        catch {
            Write-Warning "${c}: $($_.Exception.Message)"
            continue
        }

        foreach ($r in $res) {
            $all += [pscustomobject]@{
                Server            = $c
                Setting           = $r.Setting
                Enabled           = $r.Enabled
                DisabledByDefault = $r.DisabledByDefault
            }
        }
        if ($fix) { Write-Warning "$c must be rebooted for the SCHANNEL changes to take effect." }
    }
}

end {
    # majority value per setting, to spot the odd one out
    $majority = @{}
    $all | Group-Object Setting | ForEach-Object {
        $majority[$_.Name] = ($_.Group | Group-Object { "$($_.Enabled)/$($_.DisabledByDefault)" } | Sort-Object Count -Descending | Select-Object -First 1).Name
    }

    $all | Select-Object Server, Setting, Enabled, DisabledByDefault,
        @{Name = 'Differs'; Expression = { if ("$($_.Enabled)/$($_.DisabledByDefault)" -ne $majority[$_.Setting]) { '<<' } else { '' } }} |
        Sort-Object Setting, Server |
        Format-Table -GroupBy Setting -AutoSize

    $tls12Off = $all | Where-Object { $_.Setting -like 'TLS 1.2*' -and $_.Enabled -eq 0 }
    if ($tls12Off) {
        Write-Warning "TLS 1.2 is explicitly disabled on: $(($tls12Off.Server | Sort-Object -Unique) -join ', ')"
    }
}
