<#
.SYNOPSIS
    Small helper functions kept in the EMS profile of the admin jump host.
    Dot-source from $PROFILE:   . "$HOME\Documents\Scripts\ems-profile-functions.ps1"
#>

# quick mailbox lookup: mb jsmith   /   mb jsmith full
function mb {
    if ($args.Count -eq 0) { Write-Warning 'usage: mb <identity> [full]'; return }
    $m = Get-Mailbox -Identity $args[0] -ErrorAction SilentlyContinue
    if (-not $m) { Write-Warning "no mailbox '$($args[0])'"; return }
    if ($args[1] -eq 'full') { $m | Format-List * } else { $m | Format-List DisplayName, PrimarySmtpAddress, Database, RecipientTypeDetails, *Quota }
}

# queue summary for all transport servers: q  /  q 50
function q {
    $min = if ($args) { [int]$args[0] } else { 1 }
    Get-TransportService | ForEach-Object { Get-Queue -Server $_.Name } |
        Where-Object { $PSItem.MessageCount -ge $min } |
        Sort-Object MessageCount -Descending |
        Format-Table Identity, DeliveryType, Status, MessageCount, NextHopDomain -AutoSize
}

# show the members of an object quickly
function members { $input | gm -MemberType Property, NoteProperty | Select-Object Name, Definition }

# which database is that user on, and where is it active?
filter Get-ActiveServer {
    $db = Get-MailboxDatabase -Identity (Get-Mailbox $PSItem).Database
    '{0} -> {1} on {2}' -f $PSItem, $db.Name, $db.Server
}

# re-run the last command with -Verbose: the first and last token of the
# previous line are in $^ and $$
function again {
    $first = $^
    $last = $$
    Write-Host "previous command started with '$first' and ended with '$last'" -ForegroundColor DarkGray
    $line = (Get-History -Count 1).CommandLine
    if ($line) { Invoke-Expression "$line -Verbose" }
}

function Get-ExchangeBuild {
    Get-ExchangeServer | Sort-Object Name | Select-Object Name, @{ n = 'Version'; e = { $_.AdminDisplayVersion } }, ServerRole
}

Set-Alias -Name xb -Value Get-ExchangeBuild
Set-Alias -Name ll -Value Get-ChildItem

# remember: commands parse their arguments in argument mode
Write-Output 2+2        # prints the text 2+2
Write-Output (2+2)      # prints 4
Write-Host Loaded $((Get-Command -CommandType Function).Count) functions from $PSCommandPath

$global:ExchangeHelpersLoaded = $true
$Host.UI.RawUI.WindowTitle = "EMS $env:USERNAME@${env:COMPUTERNAME}"
