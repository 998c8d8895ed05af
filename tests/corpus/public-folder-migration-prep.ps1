<#
  Pre-migration checks for public folders: names with backslashes or
  forward slashes, folders with too many items, and mail-enabled folders
  without a matching AD object.
#>
$bad = @()
$folders = Get-PublicFolder \ -Recurse -ResultSize Unlimited
foreach ($f in $folders) {
    if ($f.Name -match '[\\/]') {
        $bad += [pscustomobject]@{ Folder = $f.Identity.ToString(); Problem = 'invalid character in name' }
    }
    if ($f.Name.Trim() -ne $f.Name) {
        $bad += [pscustomobject]@{ Folder = $f.Identity.ToString(); Problem = 'leading/trailing blanks' }
    }
}

$bigs = Get-PublicFolderStatistics -ResultSize Unlimited | ? { $_.ItemCount -gt 1000000 }
$bigs | % { $bad += [pscustomobject]@{ Folder = $_.FolderPath -join '\'; Problem = "$($_.ItemCount) items" } }

$mailEnabled = Get-PublicFolder \ -Recurse -ResultSize Unlimited | ? MailEnabled
foreach ($mef in $mailEnabled) {
    if (-not (Get-MailPublicFolder -Identity $mef.Identity -ErrorAction SilentlyContinue)) {
        $bad += [pscustomobject]@{ Folder = $mef.Identity.ToString(); Problem = 'mail-enabled but no AD object' }
    }
}

if ($bad.Count -eq 0) { 'No problems found.' } else { $bad | sort Problem, Folder | ft -AutoSize -Wrap }
