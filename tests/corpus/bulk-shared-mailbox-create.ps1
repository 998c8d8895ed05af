# CSV: Name,Alias,Owners (owners separated by ;)
param([string]$Csv = '.\shared-mailboxes.csv', [string]$OU = 'contoso.com/Resources/Shared')

Import-Csv $Csv | ForEach-Object {
    $mbx = Get-Mailbox $_.Alias -ErrorAction SilentlyContinue
    if (-not $mbx) {
        $mbx = New-Mailbox -Shared -Name $_.Name -Alias $_.Alias -OrganizationalUnit $OU
        Write-Host "created $($_.Alias)"
    }
    foreach ($owner in ($_.Owners -split ';' | Where-Object { $_ })) {
        Add-MailboxPermission -Identity $mbx.Identity -User $owner.Trim() -AccessRights FullAccess -InheritanceType All -AutoMapping:$true | Out-Null
        Add-ADPermission -Identity $mbx.DistinguishedName -User $owner.Trim() -ExtendedRights 'Send As' | Out-Null
    }
    Set-Mailbox $mbx.Identity -MessageCopyForSentAsEnabled $true -MessageCopyForSendOnBehalfEnabled $true
}
