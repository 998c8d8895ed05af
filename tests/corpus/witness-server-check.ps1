# File share witness: reachable, share exists, Exchange Trusted Subsystem is local admin
$dag = Get-DatabaseAvailabilityGroup -Status | Select-Object -First 1
$fsw = $dag.WitnessServer.ToString()
$dir = $dag.WitnessDirectory.ToString()

"DAG            : $($dag.Name)"
"Witness        : $fsw"
"Directory      : $dir"
"In use         : $($dag.WitnessShareInUse)"

if (-not (Test-Connection $fsw -Count 2 -Quiet)) { Write-Warning "$fsw is not reachable"; exit 1 }

$shares = Get-CimInstance -ComputerName $fsw -ClassName Win32_Share -ErrorAction SilentlyContinue | Where-Object { $_.Path -eq $dir }
"Share          : $(if ($shares) { $shares.Name } else { 'MISSING (created on demand by the DAG)' })"

$admins = Invoke-Command -ComputerName $fsw -ScriptBlock { net localgroup Administrators } 2>&1
$ets = $admins -match 'Exchange Trusted Subsystem'
"ETS is admin   : $([bool]$ets)"
if (-not $ets) { Write-Warning "Add 'Exchange Trusted Subsystem' to the local Administrators group on $fsw" }

# make sure the witness directory ACL allows the cluster name object (parentheses need stop-parsing)
Invoke-Command -ComputerName $fsw -ScriptBlock {
    icacls C:\DAGFileShareWitnesses --% /grant "CONTOSO\Exchange Trusted Subsystem":(OI)(CI)F /T
}
