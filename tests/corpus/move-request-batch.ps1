<#
.SYNOPSIS
    Creates move requests for the mailboxes listed in a CSV file.
.DESCRIPTION
    CSV columns: Identity, TargetDatabase (optional), Priority (optional).
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [ValidateScript({ Test-Path $_ -PathType Leaf })]
    [string]$CsvPath,

    [Parameter(Mandatory = $true)]
    [string]$BatchName,

    [string]$DefaultTargetDatabase,

    [ValidateRange(1, 1000)]
    [int]$BadItemLimit = 10,

    [switch]$SuspendWhenReadyToComplete
)

$rows = Import-Csv -Path $CsvPath
$ok = 0; $failed = 0

foreach ($row in $rows) {
    $target = if ($row.TargetDatabase) { $row.TargetDatabase } else { $DefaultTargetDatabase }
    if (-not $target) {
        Write-Warning "No target database for $($row.Identity); skipping."
        $failed++
        continue
    }

    $existing = Get-MoveRequest -Identity $row.Identity -ErrorAction SilentlyContinue
    if ($existing) {
        Write-Verbose "$($row.Identity) already has a move request ($($existing.Status))"
        continue
    }

    $params = @{
        Identity                   = $row.Identity
        TargetDatabase             = $target
        BatchName                  = $BatchName
        BadItemLimit               = $BadItemLimit
        SuspendWhenReadyToComplete = $SuspendWhenReadyToComplete.IsPresent
        WarningAction              = 'SilentlyContinue'
    }
    if ($BadItemLimit -gt 50) { $params.AcceptLargeDataLoss = $true }
    if ($row.Priority) { $params['Priority'] = $row.Priority }

    if ($PSCmdlet.ShouldProcess($row.Identity, "New-MoveRequest to $target")) {
        try {
            New-MoveRequest @params -ErrorAction Stop | Out-Null
            $ok++
        }
        catch {
            Write-Warning "$($row.Identity): $($_.Exception.Message)"
            $failed++
        }
    }
}

Write-Host "Created $ok move request(s) in batch '$BatchName', $failed failed."
Get-MoveRequest -BatchName $BatchName | Group-Object Status | Select-Object Name, Count
