#requires -Version 5.1
#Requires -Modules ActiveDirectory
<#
.SYNOPSIS
    Offboards a leaver: converts the mailbox to shared, hides it, sets an
    auto reply, grants the manager access, removes mobile devices and
    disables protocols.

.DESCRIPTION
    Every step is logged to a transcript. The script is idempotent; running it
    twice for the same user is safe.

.PARAMETER Identity
    The leaver's alias, UPN or SAM account name.

.PARAMETER Manager
    Receives FullAccess to the mailbox (no automapping).

.PARAMETER ForwardTo
    Optional forwarding address for new mail.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
    [Alias('UserPrincipalName', 'SamAccountName')]
    [ValidateNotNullOrEmpty()]
    [string]$Identity,

    [Parameter(Position = 1)]
    [string]$Manager,

    [string]$ForwardTo,

    [ValidateSet('Keep', 'Remove')]
    [string]$GroupMembership = 'Remove',

    [string]$TranscriptFolder = 'D:\Scripts\Logs\Offboarding',

    [string]$AutoReplyText
)

begin {
    $ErrorActionPreference = 'Stop'
    if (-not (Test-Path $TranscriptFolder)) {
        New-Item -Path $TranscriptFolder -ItemType Directory | Out-Null
    }
    $steps = [ordered]@{}

    function Invoke-Step {
        param(
            [Parameter(Mandatory = $true)][string]$Name,
            [Parameter(Mandatory = $true)][scriptblock]$Action
        )
        if (-not $PSCmdlet.ShouldProcess($script:currentUser, $Name)) {
            $steps[$Name] = 'WhatIf'
            return
        }
        try {
            & $Action
            $steps[$Name] = 'OK'
        }
        catch {
            $steps[$Name] = "FAILED: $($_.Exception.Message)"
            Write-Warning "$Name failed: $($_.Exception.Message)"
        }
    }
}

process {
    $mbx = Get-Mailbox -Identity $Identity -ErrorAction SilentlyContinue
    if (-not $mbx) {
        Write-Error "No mailbox found for '$Identity'."
        return
    }
    $script:currentUser = $mbx.PrimarySmtpAddress.ToString()
    $steps.Clear()

    $log = Join-Path $TranscriptFolder ("{0}-{1:yyyyMMdd-HHmmss}.log" -f $mbx.Alias, (Get-Date))
    Start-Transcript -Path $log -Append | Out-Null

    try {
        Write-Host "Offboarding $($mbx.DisplayName) <$script:currentUser>" -ForegroundColor Cyan

        Invoke-Step 'Convert to shared' {
            if ($mbx.RecipientTypeDetails -ne 'SharedMailbox') {
                Set-Mailbox -Identity $mbx.Identity -Type Shared
            }
        }

        Invoke-Step 'Hide from address lists' {
            Set-Mailbox -Identity $mbx.Identity -HiddenFromAddressListsEnabled:$true
        }

        Invoke-Step 'Auto reply' {
            $text = if ($AutoReplyText) { $AutoReplyText } else {
                $mgrText = if ($Manager) { " Please contact $((Get-Recipient $Manager).DisplayName) ($((Get-Recipient $Manager).PrimarySmtpAddress)) instead." } else { '' }
                "$($mbx.DisplayName) no longer works for Contoso.$mgrText"
            }
            Set-MailboxAutoReplyConfiguration -Identity $mbx.Identity -AutoReplyState Enabled `
                -InternalMessage $text -ExternalMessage $text -ExternalAudience All
        }

        if ($Manager) {
            Invoke-Step "FullAccess for $Manager" {
                Add-MailboxPermission -Identity $mbx.Identity -User $Manager -AccessRights FullAccess -InheritanceType All -AutoMapping:$false | Out-Null
            }
        }

        if ($ForwardTo) {
            Invoke-Step "Forward to $ForwardTo" {
                Set-Mailbox -Identity $mbx.Identity -ForwardingSmtpAddress "smtp:$ForwardTo" -DeliverToMailboxAndForward:$true
            }
        }

        Invoke-Step 'Disable client protocols' {
            Set-CASMailbox -Identity $mbx.Identity -ActiveSyncEnabled:$false -OWAEnabled:$false -PopEnabled:$false -ImapEnabled:$false -MAPIEnabled:$true -EwsEnabled:$false
        }

        Invoke-Step 'Remove mobile devices' {
            Get-MobileDevice -Mailbox $mbx.Identity -ErrorAction SilentlyContinue | Remove-MobileDevice -Confirm:$false
        }

        if ($GroupMembership -eq 'Remove') {
            Invoke-Step 'Remove from distribution groups' {
                $dn = $mbx.DistinguishedName
                $groups = Get-Recipient -Filter "Members -eq '$dn'" -RecipientTypeDetails MailUniversalDistributionGroup, MailUniversalSecurityGroup
                foreach ($g in $groups) {
                    Remove-DistributionGroupMember -Identity $g.Identity -Member $mbx.Identity -BypassSecurityGroupManagerCheck -Confirm:$false
                    Write-Host "  removed from $($g.Name)"
                }
            }
        }

        Invoke-Step 'Disable AD account' {
            Disable-ADAccount -Identity $mbx.SamAccountName
            Set-ADUser -Identity $mbx.SamAccountName -Description ("Left {0:yyyy-MM-dd}, offboarded by {1}" -f (Get-Date), $env:USERNAME)
        }
    }
    finally {
        $steps.GetEnumerator() | ForEach-Object { '{0,-35} {1}' -f $_.Key, $_.Value } | Write-Host
        Stop-Transcript | Out-Null
    }

    [pscustomobject]@{
        Identity = $script:currentUser
        Failed   = @($steps.Values | Where-Object { $_ -like 'FAILED*' }).Count
        Log      = $log
    }
}
