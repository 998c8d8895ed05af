<#
.SYNOPSIS
    Imports PST files from a share into the matching mailboxes (file name = alias).
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)]
    [ValidatePattern('^\\\\')]
    [string]$Share,

    [string]$TargetRootFolder = 'Imported',

    [switch]$ToArchive,

    [ValidateRange(0, 1000)]
    [int]$BadItemLimit = 50
)

$psts = Get-ChildItem -Path $Share -Filter *.pst
foreach ($pst in $psts) {
    $alias = $pst.BaseName
    $mbx = Get-Mailbox -Identity $alias -ErrorAction SilentlyContinue
    if (-not $mbx) {
        Write-Warning "No mailbox for $($pst.Name)"
        continue
    }
    $req = @{
        Mailbox          = $mbx.Identity
        FilePath         = $pst.FullName
        Name             = "PST-$alias-$(Get-Date -Format yyyyMMdd)"
        TargetRootFolder = $TargetRootFolder
        BadItemLimit     = $BadItemLimit
    }
    if ($ToArchive) { $req.IsArchive = $true }
    if ($BadItemLimit -gt 50) { $req.AcceptLargeDataLoss = $true }

    if ($PSCmdlet.ShouldProcess($alias, "import $($pst.Name) ($([math]::Round($pst.Length / 1MB)) MB)")) {
        New-MailboxImportRequest @req | Select-Object Name, Mailbox, Status
    }
}
Get-MailboxImportRequest | Get-MailboxImportRequestStatistics | Format-Table TargetAlias, Status, PercentComplete, BytesTransferred -AutoSize
