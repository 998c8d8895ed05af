<#
.SYNOPSIS
    Reseeds database copies that are in the Failed or FailedAndSuspended state.
.PARAMETER SourceServer
    Optional seeding source. When omitted the active copy is used.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(ValueFromPipelineByPropertyName = $true)]
    [Alias('Name')]
    [string[]]$Identity,

    [string]$SourceServer,

    [switch]$DeleteExistingFiles
)

begin {
    $count = 0
}

process {
    if (-not $Identity) {
        $Identity = Get-MailboxServer | ForEach-Object {
            Get-MailboxDatabaseCopyStatus -Server $_.Name | Where-Object { $_.Status -like 'Failed*' } | ForEach-Object Name
        }
    }

    :copies foreach ($id in $Identity) {
        $copy = Get-MailboxDatabaseCopyStatus -Identity $id
        foreach ($other in Get-MailboxDatabaseCopyStatus -Identity ($id -split '\\')[0]) {
            if ($other.Status -eq 'Seeding') {
                Write-Warning "$($other.Name) is already seeding; not starting a second seed for $id"
                continue copies
            }
        }
        if ($copy.Status -notlike 'Failed*') {
            Write-Verbose "$id is $($copy.Status); skipping"
            continue
        }

        if (-not $PSCmdlet.ShouldProcess($id, 'Suspend and reseed')) { continue }

        if ($copy.Status -eq 'Failed') {
            Suspend-MailboxDatabaseCopy -Identity $id -SuspendComment "Reseed by $env:USERNAME" -Confirm:$false
        }

        $seed = @{
            Identity            = $id
            DeleteExistingFiles = [bool]$DeleteExistingFiles
            Confirm             = $false
        }
        if ($SourceServer) { $seed['SourceServer'] = $SourceServer }

        Update-MailboxDatabaseCopy @seed
        $count++
    }
}

end {
    Write-Host "$count copy/copies reseeded."
}
