# Map AdminDisplayVersion to a readable CU name
$builds = @{
    '15.1.2507' = 'Exchange 2016 CU23'
    '15.1.2375' = 'Exchange 2016 CU22'
    '15.2.1544' = 'Exchange 2019 CU14'
    '15.2.1258' = 'Exchange 2019 CU13'
    '15.2.1118' = 'Exchange 2019 CU12'
    '15.2.986'  = 'Exchange 2019 CU11'
}

Get-ExchangeServer | sort Name | % {
    $v = $_.AdminDisplayVersion
    $key = '{0}.{1}.{2}' -f $v.Major, $v.Minor, $v.Build
    $file = Invoke-Command -ComputerName $_.Fqdn -ScriptBlock {
        (Get-Command Exsetup.exe -ErrorAction SilentlyContinue).FileVersionInfo.FileVersion
    } -ErrorAction SilentlyContinue 2>$null
    [pscustomobject]@{
        Server       = $_.Name
        Roles        = $_.ServerRole
        Version      = $v.ToString()
        CU           = if ($builds.ContainsKey($key)) { $builds[$key] } else { "unknown ($key)" }
        ExSetupBuild = $file     # includes the security update level
    }
} | ft -AutoSize
