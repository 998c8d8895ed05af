# Take a quick performance snapshot of the counters that matter for Exchange
$counters = @(
    '\Processor(_Total)\% Processor Time'
    '\Memory\Available MBytes'
    '\MSExchange RpcClientAccess\RPC Averaged Latency'
    '\MSExchange RpcClientAccess\User Count'
    '\MSExchangeIS Store(_Total)\RPC Average Latency'
    '\MSExchange Database ==> Instances(*)\I/O Database Reads (Attached) Average Latency'
    '\MSExchange Database ==> Instances(*)\I/O Database Writes (Attached) Average Latency'
    '\MSExchangeTransport Queues(_total)\Aggregate Delivery Queue Length (All Queues)'
    '\LogicalDisk(*)\Avg. Disk sec/Read'
)

$samples = Get-Counter -Counter $counters -SampleInterval 5 -MaxSamples 6 -ErrorAction SilentlyContinue
$samples.CounterSamples |
    Group-Object Path |
    ForEach-Object {
        $vals = $_.Group.CookedValue
        [pscustomobject]@{
            Counter = $_.Name -replace '^\\\\[^\\]+', ''
            Avg     = [math]::Round(($vals | Measure-Object -Average).Average, 3)
            Max     = [math]::Round(($vals | Measure-Object -Maximum).Maximum, 3)
        }
    } |
    Where-Object { $_.Max -gt 0 } |
    Sort-Object Counter |
    Format-Table -AutoSize -Wrap
