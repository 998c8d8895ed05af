<#
.SYNOPSIS
    Connects to port 25 on each server and prints the SMTP banner and EHLO response.
#>
param(
    [string[]]$ComputerName = @('ex01.contoso.com', 'ex02.contoso.com'),
    [int]$Port = 25,
    [int]$TimeoutMs = 5e3
)

foreach ($c in $ComputerName) {
    $client = New-Object System.Net.Sockets.TcpClient
    try {
        $ar = $client.BeginConnect($c, $Port, $null, $null)
        if (-not $ar.AsyncWaitHandle.WaitOne($TimeoutMs)) {
            throw [System.TimeoutException]"connect to ${c}:$Port timed out"
        }
        $client.EndConnect($ar)
        $stream = $client.GetStream()
        $reader = New-Object System.IO.StreamReader($stream)
        $writer = New-Object System.IO.StreamWriter($stream)
        $writer.AutoFlush = $true

        $banner = $reader.ReadLine()
        $writer.WriteLine("EHLO $env:COMPUTERNAME")
        $ehlo = @()
        do {
            $line = $reader.ReadLine()
            $ehlo += $line
        } while ($line -match '^250-')
        $writer.WriteLine('QUIT')

        [pscustomobject]@{
            Server   = $c
            Banner   = $banner
            StartTls = [bool]($ehlo -match 'STARTTLS')
            Size     = ((@($ehlo -match '^250[- ]SIZE') + '') -isplit 'SIZE\s*')[1]
            Lines    = $ehlo.Count
        }
    }
    catch [System.Net.Sockets.SocketException], [System.TimeoutException] {
        Write-Warning "${c}: $($_.Exception.Message)"
    }
    finally {
        $client.Close()
    }
}
