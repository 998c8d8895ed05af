#Requires -Version 5.1
[CmdletBinding()]
param([switch]$MountDismounted)

$dbs = Get-MailboxDatabase -Status | Sort-Object Name
$dismounted = $dbs | Where-Object { -not $_.Mounted }

"{0} databases, {1} mounted, {2} dismounted" -f $dbs.Count, ($dbs.Count - @($dismounted).Count), @($dismounted).Count

foreach ($db in $dismounted) {
    Write-Warning "$($db.Name) on $($db.Server) is dismounted"
    if ($MountDismounted) {
        try {
            $attemptsLeft = 3
            foreach ($attempt in 1..3) {
                Mount-Database -Identity $db.Name -ErrorAction SilentlyContinue
                if ((Get-MailboxDatabase $db.Name -Status).Mounted) { break }
                $attemptsLeft--
                Start-Sleep -Seconds (10 * $attempt)
            }
            if ($attemptsLeft -eq 0) { Mount-Database -Identity $db.Name -ErrorAction Stop }
            Write-Host "  mounted $($db.Name)" -ForegroundColor Green
        }
        catch [Microsoft.Exchange.Data.Storage.MailboxOfflineException] {
            Write-Warning "  $($db.Name) could not be mounted: database is offline"
        }
        catch {
            Write-Warning "  $($db.Name) could not be mounted: $($_.Exception.Message)"
        }
    }
}
