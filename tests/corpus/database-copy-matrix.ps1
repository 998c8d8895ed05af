<#
.SYNOPSIS
    Prints a database x server matrix showing copy status and activation preference,
    like the DAG view in EAC but for the console.
#>
param([string]$DagName)

$dag = if ($DagName) { Get-DatabaseAvailabilityGroup $DagName } else { Get-DatabaseAvailabilityGroup | Select-Object -First 1 }
$servers = @($dag.Servers.Name | Sort-Object)
$dbs = @(Get-MailboxDatabase | Where-Object MasterServerOrAvailabilityGroup -eq $dag.Name | Sort-Object Name)

$width = 14
$header = '{0,-12}' -f 'Database'
for ($c = 0; $c -lt $servers.Count; $c++) { $header += "{0,-$width}" -f $servers[$c] }
$header
'-' * $header.Length

for ($r = 0; $r -lt $dbs.Count; $r++) {
    $db = $dbs[$r]
    $line = '{0,-12}' -f $db.Name
    $statuses = Get-MailboxDatabaseCopyStatus -Identity $db.Name
    for ($c = 0; $c -lt $servers.Count; $c++) {
        $st = $statuses | Where-Object { $_.MailboxServer -eq $servers[$c] }
        $pref = ($db.ActivationPreference | Where-Object { $_.Key.Name -eq $servers[$c] }).Value
        $cell = if (-not $st) { '.' } else {
            switch -Exact -CaseSensitive ([string]$st.Status) {
                'Mounted'            { "*ACTIVE($pref)" }
                'Healthy'            { "ok($pref)" }
                'Suspended'          { "SUSP($pref)" }
                'FailedAndSuspended' { "FAIL($pref)" }
                'Failed'             { "FAIL($pref)" }
                default              { "$($st.Status)".Substring(0, [math]::Min(10, "$($st.Status)".Length)) }
            }
        }
        $line += "{0,-$width}" -f $cell
    }
    $line
}

''
'Legend: *ACTIVE = mounted copy, (n) = activation preference, . = no copy'
"$($dbs.Count) databases on $($servers.Count) servers; first $($servers[0]), last $($servers[-1])"
