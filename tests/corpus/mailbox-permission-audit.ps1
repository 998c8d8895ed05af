#requires -Version 5.1
<#
.SYNOPSIS
    Full mailbox permission audit: FullAccess, SendAs, SendOnBehalf and
    folder level permissions on Inbox and Calendar.

.DESCRIPTION
    Writes one row per (mailbox, trustee, right). Inherited permissions,
    SELF and well-known system accounts are skipped. Trustees that resolve
    to a SID only (deleted accounts) are flagged as orphaned.

.PARAMETER Identity
    Mailboxes to audit. Accepts pipeline input from Get-Mailbox.

.PARAMETER IncludeFolders
    Also audit Inbox and Calendar folder permissions (slow).
#>
using namespace System.Collections.Generic

[CmdletBinding()]
param(
    [Parameter(ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
    [Alias('PrimarySmtpAddress')]
    [object[]]$Identity,

    [switch]$IncludeFolders,

    [ValidateNotNullOrEmpty()]
    [string]$OutFile = ".\permission-audit-$(Get-Date -Format yyyyMMdd).csv"
)

begin {
    $rows = [List[psobject]]::new()
    $skipTrustees = [HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    'NT AUTHORITY\SELF', 'NT AUTHORITY\SYSTEM', 'NT AUTHORITY\NETWORK SERVICE',
    'CONTOSO\Exchange Servers', 'CONTOSO\Exchange Trusted Subsystem', 'CONTOSO\Organization Management',
    'CONTOSO\Exchange Windows Permissions', 'CONTOSO\Domain Admins', 'CONTOSO\Enterprise Admins' |
        ForEach-Object { [void]$skipTrustees.Add($_) }

    $processed = 0

    filter Select-RealTrustee {
        $name = [string]$_.User
        if ($skipTrustees.Contains($name)) { return }
        if ($name -like 'NT AUTHORITY\*' -or $name -like '*\Exchange*Servers') { return }
        $_
    }

    function Add-Row {
        param($Mailbox, [string]$Trustee, [string]$Right, [string]$Folder = '')
        $rows.Add([pscustomobject]@{
            Mailbox      = $Mailbox.DisplayName
            MailboxSmtp  = $Mailbox.PrimarySmtpAddress.ToString()
            MailboxType  = $Mailbox.RecipientTypeDetails
            Trustee      = $Trustee
            Right        = $Right
            Folder       = $Folder
            Orphaned     = $Trustee -match '^S-1-5-21-'
        })
    }

    function Invoke-Audit {
        param($Mailbox)

        # FullAccess / other mailbox rights
        Get-MailboxPermission -Identity $Mailbox.Identity |
            Where-Object { -not $_.IsInherited -and -not $_.Deny } |
            Select-RealTrustee |
            ForEach-Object { Add-Row $Mailbox ([string]$_.User) ($_.AccessRights -join ',') }

        # Send As lives on the AD object
        Get-ADPermission -Identity $Mailbox.DistinguishedName |
            Where-Object { $_.ExtendedRights -like '*Send-As*' -and -not $_.IsInherited -and -not $_.Deny } |
            Select-RealTrustee |
            ForEach-Object { Add-Row $Mailbox ([string]$_.User) 'SendAs' }

        # Send on Behalf
        foreach ($delegate in $Mailbox.GrantSendOnBehalfTo) {
            Add-Row $Mailbox $delegate.Name 'SendOnBehalf'
        }

        if ($IncludeFolders) {
            foreach ($folder in 'Inbox', 'Calendar') {
                $folderId = '{0}:\{1}' -f $Mailbox.PrimarySmtpAddress, $folder
                try {
                    Get-MailboxFolderPermission -Identity $folderId -ErrorAction Stop |
                        Where-Object { $_.User.DisplayName -notin 'Default', 'Anonymous' -and $_.AccessRights -notcontains 'None' } |
                        ForEach-Object { Add-Row $Mailbox $_.User.DisplayName ($_.AccessRights -join ',') $folder }
                }
                catch [System.Management.Automation.RemoteException] {
                    # localized folder names (e.g. Posteingang) end up here
                    Write-Verbose "Folder $folderId not found: $($_.Exception.Message)"
                }
            }
        }
    }
}

process {
    if (-not $Identity) { return }
    foreach ($id in $Identity) {
        $mbx = if ($id -is [string]) { Get-Mailbox -Identity $id } else { Get-Mailbox -Identity $id.ToString() }
        Invoke-Audit $mbx
        $processed++
    }
}

end {
    if ($processed -eq 0) {
        Write-Verbose 'No pipeline input; auditing every user and shared mailbox'
        $all = Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox, SharedMailbox, RoomMailbox
        $total = @($all).Count
        foreach ($mbx in $all) {
            $processed++
            Write-Progress -Activity 'Auditing mailbox permissions' -Status $mbx.DisplayName -PercentComplete ([int]($processed / $total * 100))
            Invoke-Audit $mbx
        }
        Write-Progress -Activity 'Auditing mailbox permissions' -Completed
    }

    $rows | Export-Csv -Path $OutFile -NoTypeInformation -Encoding UTF8
    $orphans = @($rows | Where-Object Orphaned)

    Write-Host ("Audited {0} mailbox(es): {1} permission entries, {2} orphaned" -f $processed, $rows.Count, $orphans.Count)
    $rows | Group-Object Right | Sort-Object Count -Descending | Format-Table Count, Name -AutoSize
    if ($orphans.Count) {
        Write-Warning 'Orphaned SIDs found - run orphaned-permissions-cleanup.ps1'
    }
}
