#requires -Version 5.1
#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Validates the AutoReseed configuration of a DAG member.

.DESCRIPTION
    Checks the DAG AutoDag* settings, the mount points under the volumes and
    databases root folders, spare volumes, and that every database folder has
    a matching mount point. Results are emitted as objects so they can be
    piped to Export-Csv or ConvertTo-Html.

.PARAMETER DagName
    Name of the DAG. Defaults to the DAG the local server belongs to.

.EXAMPLE
    .\autoreseed-check.ps1 | Where-Object Result -ne 'Pass' | Format-List
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [string]$DagName,

    [Parameter()]
    [string]$Server = $env:COMPUTERNAME
)

Set-StrictMode -Version 2.0

function New-CheckResult {
    param(
        [Parameter(Mandatory = $true)][string]$Check,
        [Parameter(Mandatory = $true)][ValidateSet('Pass', 'Warning', 'Fail')][string]$Result,
        [string]$Detail = ''
    )
    [pscustomobject][ordered]@{
        Server = $Server
        Check  = $Check
        Result = $Result
        Detail = $Detail
    }
}

if (-not $DagName) {
    $DagName = (Get-MailboxServer -Identity $Server).DatabaseAvailabilityGroup
    if (-not $DagName) {
        New-CheckResult -Check 'DAG membership' -Result Fail -Detail "$Server is not a DAG member"
        return
    }
}

$dag = Get-DatabaseAvailabilityGroup -Identity $DagName
$volRoot = $dag.AutoDagVolumesRootFolderPath
$dbRoot  = $dag.AutoDagDatabasesRootFolderPath
[int]$perVolume = $dag.AutoDagDatabaseCopiesPerVolume

# 1. DAG level settings
New-CheckResult 'AutoDagAutoReseedEnabled' $(if ($dag.AutoDagAutoReseedEnabled) { 'Pass' } else { 'Fail' }) "AutoReseed enabled: $($dag.AutoDagAutoReseedEnabled)"
New-CheckResult 'AutoDagDiskReclaimerEnabled' $(if ($dag.AutoDagDiskReclaimerEnabled) { 'Pass' } else { 'Warning' }) "Disk reclaimer: $($dag.AutoDagDiskReclaimerEnabled)"
New-CheckResult 'AutoDagDatabaseCopiesPerVolume' $(if ($perVolume -ge 1) { 'Pass' } else { 'Fail' }) "$perVolume copies per volume"

# 2. Root folders exist on the server
$rootCheck = Invoke-Command -ComputerName $Server -ArgumentList $volRoot, $dbRoot -ScriptBlock {
    param($v, $d)
    [pscustomobject]@{
        VolumesRoot   = Test-Path -LiteralPath $v
        DatabasesRoot = Test-Path -LiteralPath $d
        Volumes       = @(Get-ChildItem -LiteralPath $v -Directory -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Name)
        Databases     = @(Get-ChildItem -LiteralPath $d -Directory -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Name)
        MountPoints   = @(Get-CimInstance -ClassName Win32_Volume | Where-Object { $_.Name -like "$v*" -or $_.Name -like "$d*" } |
                            Select-Object Name, Label, Capacity, FreeSpace)
    }
}

foreach ($pair in @(@('VolumesRoot', $volRoot), @('DatabasesRoot', $dbRoot))) {
    $label, $path = $pair
    $exists = $rootCheck.$label
    New-CheckResult "$label exists" ($(if ($exists) { 'Pass' } else { 'Fail' })) $path
}

# 3. Every database has a folder below the databases root, and each folder is mounted
$dbCopies = Get-MailboxDatabaseCopyStatus -Server $Server
foreach ($copy in $dbCopies) {
    $dbName = $copy.DatabaseName
    if ($rootCheck.Databases -notcontains $dbName) {
        New-CheckResult "Database folder $dbName" Fail "Missing $dbRoot\$dbName"
        continue
    }

    $mounted = $rootCheck.MountPoints | Where-Object { $_.Name -like "*\$dbName*" }
    if ($mounted) {
        $freePct = [math]::Round(($mounted[0].FreeSpace / $mounted[0].Capacity) * 100, 1)
        $res = switch ($freePct) {
            { $_ -lt 10 } { 'Fail'; break }
            { $_ -lt 20 } { 'Warning'; break }
            default       { 'Pass' }
        }
        New-CheckResult "Mount point $dbName" $res "$($mounted[0].Name) $freePct% free"
    }
    else {
        New-CheckResult "Mount point $dbName" Warning 'Folder exists but no mount point found'
    }
}

# 4. Spare volumes: volumes without any database folder below them
$expectedVolumes = [math]::Ceiling(@($dbCopies).Count / [math]::Max($perVolume, 1))
$spares = @($rootCheck.Volumes).Count - $expectedVolumes
$spareResult = if ($spares -ge 1) { 'Pass' } elseif ($spares -eq 0) { 'Warning' } else { 'Fail' }
New-CheckResult 'Spare volumes' $spareResult ("{0} volume folder(s), {1} needed for {2} copies -> {3} spare" -f @($rootCheck.Volumes).Count, $expectedVolumes, @($dbCopies).Count, $spares)

# 5. Copies in FailedAndSuspended that AutoReseed should already have picked up
$stuck = $dbCopies | Where-Object Status -eq 'FailedAndSuspended'
foreach ($s in $stuck) {
    $age = (Get-Date) - $s.LatestFailureTime
    $sev = if ($age.TotalHours -gt 1) { 'Fail' } else { 'Warning' }
    New-CheckResult "Copy $($s.Name)" $sev ("FailedAndSuspended for {0:N1} h: {1}" -f $age.TotalHours, $s.ErrorMessage)
}
