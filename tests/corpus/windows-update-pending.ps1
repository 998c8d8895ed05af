param([string[]]$ComputerName = (Get-ExchangeServer | select -ExpandProperty Name))

$sb = {
    $pending = $false
    $reasons = @()
    if (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending') { $pending = $true; $reasons += 'CBS' }
    if (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired') { $pending = $true; $reasons += 'WU' }
    $pfro = (Get-ItemProperty 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue).PendingFileRenameOperations
    if ($pfro) { $pending = $true; $reasons += 'PendingFileRename' }

    $session = New-Object -ComObject Microsoft.Update.Session
    $searcher = $session.CreateUpdateSearcher()
    $updates = $searcher.Search("IsInstalled=0 and Type='Software' and IsHidden=0").Updates

    [pscustomobject]@{
        RebootPending = $pending
        Reasons       = $reasons -join ','
        Missing       = $updates.Count
        Titles        = @($updates | ForEach-Object { $_.Title }) -join ' | '
    }
}

Invoke-Command -ComputerName $ComputerName -ScriptBlock $sb -ErrorAction Continue |
    select PSComputerName, RebootPending, Reasons, Missing, Titles | fl
