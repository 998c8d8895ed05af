#requires -Version 7.0
# Network and file-system checks on an Exchange server, chaining native tools (PowerShell 7).

$server = $env:COMPUTERNAME
$logRoot = $env:EXCHANGE_LOG_ROOT
$logRoot ??= 'D:\ExchangeLogs'

# firewall rules Exchange setup creates
netsh advfirewall firewall show rule name=all dir=in | Select-String -Pattern 'MSExchange' -SimpleMatch > $null && Write-Host 'Exchange firewall rules present' || Write-Warning 'no MSExchange firewall rules found'

# proxy settings used by the malware engine and hybrid
netsh winhttp show proxy

# IPv6 must not be disabled in the registry on Exchange servers
$ipv6 = (Get-ItemProperty 'HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters' -Name DisabledComponents -ErrorAction SilentlyContinue)?.DisabledComponents ?? 0
Write-Host ("IPv6 DisabledComponents = 0x{0:X}" -f $ipv6)

# archive last month's logs; robocopy returns 0-7 for success so test $LASTEXITCODE explicitly
$month = (Get-Date).AddMonths(-1).ToString('yyyy-MM')
robocopy "$logRoot" "\\nas01\exlogs\$server\$month" *.log /S /MINAGE:30 /MOV /R:1 /W:1 /NP /NFL /NDL > "$env:TEMP\robocopy-$month.txt"
$LASTEXITCODE -lt 8 ? (Write-Host "archive ok ($LASTEXITCODE)") : (Write-Warning "robocopy failed ($LASTEXITCODE)")

# cluster service and the Exchange replication service
sc.exe query ClusSvc | Select-String 'RUNNING' > $null && sc.exe query MSExchangeRepl | Select-String 'RUNNING' > $null && Write-Host 'cluster + replication running'

# DNS registration of the DAG IP (if any)
ipconfig /all | Select-String 'IPv4 Address'
cmd /c "nslookup $server 2>nul" | Select-Object -Skip 3
