#requires -Version 7.0
# Collect mailbox statistics per database in parallel thread jobs.
# Each runspace opens its own remote session because EMS sessions cannot be shared.
param(
    [string]$ConnectionUri = 'http://ex01.contoso.com/PowerShell/',
    [int]$Throttle = 4
)

$session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri $ConnectionUri -Authentication Kerberos
Import-PSSession $session -CommandName Get-MailboxDatabase -DisableNameChecking | Out-Null
$databases = (Get-MailboxDatabase).Name
Remove-PSSession $session

$stats = $databases | ForEach-Object -ThrottleLimit $Throttle -Parallel {
    $uri = $using:ConnectionUri
    $s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri $uri -Authentication Kerberos
    try {
        Invoke-Command -Session $s -ScriptBlock {
            param($db)
            Get-MailboxStatistics -Database $db | Select-Object DisplayName, Database, ItemCount, TotalItemSize
        } -ArgumentList $_ | ForEach-Object {
            [pscustomobject]@{
                Name     = $_.DisplayName
                Database = "$($_.Database)"
                Items    = $_.ItemCount
                MB       = [math]::Round(([long]("$($_.TotalItemSize)" -replace '^.*\(|,| bytes\)$')) / 1MB, 1)
            }
        }
    }
    finally {
        Remove-PSSession $s
    }
}

$stats | Group-Object Database | ForEach-Object {
    $sum = ($_.Group | Measure-Object MB -Sum).Sum
    [pscustomobject]@{ Database = $_.Name; Mailboxes = $_.Count; GB = [math]::Round($sum / 1KB, 1); AvgMB = $_.Count ? [math]::Round($sum / $_.Count, 1) : 0 }
} | Sort-Object GB -Descending | Format-Table -AutoSize

$stats | Sort-Object MB -Descending | Select-Object -First 10 | Format-Table -AutoSize
