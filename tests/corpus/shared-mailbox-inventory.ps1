#Requires -Version 5.1
[CmdletBinding()]
param([string]$ExportPath)

$shared = Get-Mailbox -RecipientTypeDetails SharedMailbox -ResultSize Unlimited | Sort-Object DisplayName

$inventory = $shared | ForEach-Object {
    $mbx = $_
    $fa = Get-MailboxPermission -Identity $mbx.Identity |
        Where-Object { $_.AccessRights -contains 'FullAccess' -and -not $_.IsInherited -and $_.User -notlike 'NT AUTHORITY\*' -and $_.User -notlike 'S-1-5-*' }
    $sa = Get-ADPermission -Identity $mbx.DistinguishedName |
        Where-Object { $_.ExtendedRights -like '*Send-As*' -and $_.User -notlike 'NT AUTHORITY\SELF' }

    [pscustomobject]@{
        DisplayName   = $mbx.DisplayName
        PrimarySmtp   = $mbx.PrimarySmtpAddress.ToString()
        FullAccess    = ($fa.User | ForEach-Object { $_.ToString() }) -join '; '
        SendAs        = ($sa.User | ForEach-Object ToString) -join '; '
        SendOnBehalf  = ($mbx.GrantSendOnBehalfTo | ForEach-Object Name) -join '; '
        Size          = (Get-MailboxStatistics $mbx.Identity).TotalItemSize
        AccountEnabled = -not (Get-User $mbx.Identity).UserAccountControl.ToString().Contains('AccountDisabled')
    }
}

if ($ExportPath) {
    $inventory | Export-Csv -Path $ExportPath -NoTypeInformation -Encoding UTF8
    Write-Verbose "Exported $(@($inventory).Count) rows to $ExportPath"
}
else {
    $inventory | Format-List
}
