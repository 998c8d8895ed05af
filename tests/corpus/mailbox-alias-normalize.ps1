<#
.SYNOPSIS
    Normalises aliases and primary SMTP addresses: lower case, no umlauts,
    firstname.lastname pattern. Reports case-only differences separately.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param([string]$OrganizationalUnit = 'contoso.com/Corp/Users')

$map = [ordered]@{ 'ä' = 'ae'; 'ö' = 'oe'; 'ü' = 'ue'; 'ß' = 'ss'; 'Ä' = 'Ae'; 'Ö' = 'Oe'; 'Ü' = 'Ue'; 'é' = 'e' }
$reserved = 'admin', 'postmaster', 'abuse', 'noreply'

foreach ($m in Get-Mailbox -OrganizationalUnit $OrganizationalUnit -ResultSize Unlimited) {
    $user = Get-User $m.Identity
    $wanted = '{0}.{1}' -f $user.FirstName, $user.LastName
    foreach ($k in $map.Keys) { $wanted = $wanted -creplace $k, $map[$k] }
    $wanted = ($wanted -replace '[^A-Za-z0-9\.\-]', '').ToLowerInvariant()

    if ($reserved -icontains $wanted -or $wanted -cin $reserved) {
        Write-Warning "$wanted is reserved; skipping $($m.DisplayName)"
        continue
    }

    if ($m.Alias -ceq $wanted) { continue }

    if ($m.Alias -ieq $wanted) {
        # only the case differs, e.g. "J.Smith" vs "j.smith"
        Write-Verbose "case only: $($m.Alias) -> $wanted"
        if ($m.Alias -cmatch '[A-Z]' -and $PSCmdlet.ShouldProcess($m.Alias, 'lower-case alias')) {
            Set-Mailbox $m.Identity -Alias $wanted
        }
        continue
    }

    $existingAddresses = @($m.EmailAddresses | ForEach-Object { "$_" })
    $newSmtp = "$wanted@contoso.com"
    $hasAddress = $existingAddresses -ccontains "smtp:$newSmtp" -or $existingAddresses -ccontains "SMTP:$newSmtp"

    if ($PSCmdlet.ShouldProcess($m.DisplayName, "alias $($m.Alias) -> $wanted")) {
        Set-Mailbox $m.Identity -Alias $wanted
        if (-not $hasAddress) { Set-Mailbox $m.Identity -EmailAddresses @{ Add = "smtp:$newSmtp" } }
    }

    # addresses with upper case letters in the local part are legal but confuse some systems
    $odd = $existingAddresses | Where-Object { $_ -clike 'smtp:*' -and ($_ -csplit '@')[0] -cmatch '[A-Z]' }
    if ($odd) { Write-Verbose "mixed-case proxy addresses on $($m.Alias): $($odd -join ', ')" }
}

# how many primary addresses still do not follow first.last?
Get-Mailbox -OrganizationalUnit $OrganizationalUnit -ResultSize Unlimited |
    Where-Object { ($_.PrimarySmtpAddress.ToString() -isplit '@')[0] -inotmatch '^[a-z]+\.[a-z\-]+\d*$' } |
    Select-Object DisplayName, PrimarySmtpAddress
