<#
.SYNOPSIS
    Get-DatabaseMailboxReport with a dynamic -Database parameter whose
    ValidateSet is filled from the databases that exist in the organization,
    so tab completion offers the real database names.
#>

function Get-DatabaseMailboxReport {
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Position = 1)]
        [ValidateSet('Size', 'ItemCount', 'LastLogon')]
        [string]$SortBy = 'Size',

        [ValidateRange(1, 10000)]
        [int]$First = 20
    )

    dynamicparam {
        $paramName = 'Database'
        $attributes = New-Object System.Collections.ObjectModel.Collection[System.Attribute]

        $paramAttr = New-Object System.Management.Automation.ParameterAttribute
        $paramAttr.Mandatory = $true
        $paramAttr.Position = 0
        $paramAttr.HelpMessage = 'Mailbox database name'
        $attributes.Add($paramAttr)

        $names = @(Get-MailboxDatabase -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Name)
        if ($names.Count -gt 0) {
            $attributes.Add((New-Object System.Management.Automation.ValidateSetAttribute($names)))
        }

        $dynParam = New-Object System.Management.Automation.RuntimeDefinedParameter($paramName, [string], $attributes)
        $dictionary = New-Object System.Management.Automation.RuntimeDefinedParameterDictionary
        $dictionary.Add($paramName, $dynParam)
        return $dictionary
    }

    begin {
        $Database = $PSBoundParameters['Database']
        $sortProperty = @{ Size = 'Bytes'; ItemCount = 'ItemCount'; LastLogon = 'LastLogonTime' }[$SortBy]
    }

    process {
        Get-MailboxStatistics -Database $Database |
            Where-Object { $_.DisconnectReason -eq $null } |
            Select-Object DisplayName, ItemCount, LastLogonTime,
                @{ Name = 'Bytes'; Expression = { $_.TotalItemSize.Value.ToBytes() } },
                @{ Name = 'Size'; Expression = { $_.TotalItemSize } } |
            Sort-Object $sortProperty -Descending |
            Select-Object -First $First
    }
}

function Set-DatabaseQuotaPreset {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string]$Identity
    )
    dynamicparam {
        # -Preset only appears when the target is a database, not a single mailbox
        if (-not (Get-MailboxDatabase -Identity $Identity -ErrorAction SilentlyContinue)) { return }

        $attr = [System.Management.Automation.ParameterAttribute]@{ Mandatory = $true }
        $set = [System.Management.Automation.ValidateSetAttribute]::new('Small', 'Standard', 'Large')
        $coll = [System.Collections.ObjectModel.Collection[System.Attribute]]::new()
        $coll.Add($attr)
        $coll.Add($set)
        $p = [System.Management.Automation.RuntimeDefinedParameter]::new('Preset', [string], $coll)
        $dict = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
        $dict.Add('Preset', $p)
        $dict
    }
    end {
        $presets = @{
            Small    = @{ IssueWarningQuota = 1.8GB; ProhibitSendQuota = 2GB;  ProhibitSendReceiveQuota = 2.3GB }
            Standard = @{ IssueWarningQuota = 9GB;   ProhibitSendQuota = 10GB; ProhibitSendReceiveQuota = 11GB }
            Large    = @{ IssueWarningQuota = 45GB;  ProhibitSendQuota = 49GB; ProhibitSendReceiveQuota = 50GB }
        }
        $chosen = $presets[$PSBoundParameters.Preset]
        if ($PSCmdlet.ShouldProcess($Identity, "Apply preset $($PSBoundParameters.Preset)")) {
            Set-MailboxDatabase -Identity $Identity @chosen
        }
    }
}

Get-DatabaseMailboxReport -Database (Get-MailboxDatabase | Select-Object -First 1 -ExpandProperty Name) -SortBy ItemCount -First 10 | Format-Table -AutoSize
