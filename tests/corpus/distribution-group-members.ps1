<#
.SYNOPSIS
    Expands distribution group membership recursively and exports it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
    [string[]]$Group,
    [string]$OutFile
)

begin {
    $seen = New-Object 'System.Collections.Generic.HashSet[string]' ([StringComparer]::OrdinalIgnoreCase)
    $rows = @()

    function Expand-Group {
        param([string]$Name, [string]$Root, [int]$Depth = 0)
        if (-not $seen.Add("$Root|$Name")) { return }      # loop protection
        foreach ($m in Get-DistributionGroupMember -Identity $Name -ResultSize Unlimited) {
            if ($m.RecipientType -like '*Group*') {
                Expand-Group -Name $m.PrimarySmtpAddress.ToString() -Root $Root -Depth ($Depth + 1)
            }
            else {
                $script:rows += [pscustomobject]@{
                    Group   = $Root
                    Member  = $m.DisplayName
                    Address = "$($m.PrimarySmtpAddress)"
                    Type    = $m.RecipientTypeDetails
                    Depth   = $Depth
                }
            }
        }
    }
}

process {
    foreach ($g in $Group) {
        Expand-Group -Name $g -Root $g
    }
}

end {
    $unique = $rows | Sort-Object Group, Address -Unique
    if ($OutFile) { $unique | Export-Csv $OutFile -NoTypeInformation -Encoding UTF8 }
    else { $unique }
}
