Get-DatabaseAvailabilityGroup | % {
    $dag = $_.Name
    Get-DatabaseAvailabilityGroupNetwork -Identity $dag | % {
        $net = $_
        foreach ($sub in $net.Subnets) {
            [pscustomobject]@{
                DAG                 = $dag
                Network             = $net.Name
                Subnet              = $sub.SubnetId
                State               = $sub.State
                ReplicationEnabled  = $net.ReplicationEnabled
                IgnoreNetwork       = $net.IgnoreNetwork
                Interfaces          = ($net.Interfaces | % { '{0}={1}' -f $_.NodeName, $_.State }) -join '; '
            }
        }
    }
} | sort DAG, Network | ft -AutoSize -Wrap
