[CmdletBinding(SupportsShouldProcess=$true)]
param(
    [Parameter(Mandatory=$true)][string]$ArchiveDatabase,
    [long]$MinimumSizeGB = 5
)

$minBytes = $MinimumSizeGB * 1GB
$candidates = Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox | ? { $_.ArchiveGuid -eq [guid]::Empty }

foreach ($m in $candidates) {
    $size = (Get-MailboxStatistics $m).TotalItemSize.Value.ToBytes()
    if ($size -lt $minBytes) { continue }
    if ($PSCmdlet.ShouldProcess($m.DisplayName, "Enable archive on $ArchiveDatabase")) {
        Enable-Mailbox -Identity $m.Identity -Archive -ArchiveDatabase $ArchiveDatabase | Out-Null
        '{0,-40} {1,8:N1} GB' -f $m.DisplayName, ($size / 1GB)
    }
}
