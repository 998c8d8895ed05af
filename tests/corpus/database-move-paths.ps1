[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory = $true)][string]$Database,
    [Parameter(Mandatory = $true)][string]$NewEdbFolder,
    [Parameter(Mandatory = $true)][string]$NewLogFolder
)

$db = Get-MailboxDatabase $Database
if ($db.ReplicationType -eq 'Remote') {
    throw 'Database has copies. Remove the passive copies first, move, then re-add them.'
}

$edbFile = Split-Path $db.EdbFilePath.PathName -Leaf
$target = Join-Path $NewEdbFolder $edbFile
"EDB : $($db.EdbFilePath) -> $target"
"Logs: $($db.LogFolderPath) -> $NewLogFolder"

if ($PSCmdlet.ShouldProcess($Database, 'Dismount and move files (users will be offline)')) {
    Move-DatabasePath -Identity $Database -EdbFilePath $target -LogFolderPath $NewLogFolder -Confirm:$false -Force
    Get-MailboxDatabase $Database -Status | Select-Object Name, Mounted, EdbFilePath, LogFolderPath
}
