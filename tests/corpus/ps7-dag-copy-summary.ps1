#requires -Version 7.0
<#
.SYNOPSIS
    Queries Get-MailboxDatabaseCopyStatus on all DAG members in parallel,
    each runspace with its own remote EMS session.
#>
param(
    [string]$Dag = 'DAG01',
    [int]$ThrottleLimit = 6,
    [int]$CopyQueueWarn = 10
)

$members = (Get-DatabaseAvailabilityGroup $Dag).Servers.Name

$copies = $members | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
    $srv = $_
    $warn = $using:CopyQueueWarn
    $s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri "http://$srv/PowerShell/" -Authentication Kerberos -ErrorAction SilentlyContinue
    if (-not $s) { return [pscustomobject]@{ Copy = "$srv\*"; Status = 'NoSession'; CQ = $null; RQ = $null; Flag = 'ERR' } }
    try {
        Invoke-Command -Session $s -ScriptBlock { param($n) Get-MailboxDatabaseCopyStatus -Server $n } -ArgumentList $srv |
            ForEach-Object {
                [pscustomobject]@{
                    Copy   = $_.Name
                    Status = "$($_.Status)"
                    CQ     = $_.CopyQueueLength
                    RQ     = $_.ReplayQueueLength
                    Flag   = ($_.Status -in 'Mounted', 'Healthy') ? ($_.CopyQueueLength -ge $warn ? 'SLOW' : '') : 'BAD'
                }
            }
    }
    finally {
        Remove-PSSession $s
    }
}

$copies | Sort-Object Flag -Descending | Format-Table -AutoSize
$bad = $copies.Where({ $_.Flag })
"{0} copies, {1} flagged" -f $copies.Count, $bad.Count
exit ($bad.Count ? 1 : 0)
