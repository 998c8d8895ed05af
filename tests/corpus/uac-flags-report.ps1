#Requires -Modules ActiveDirectory
<#
.SYNOPSIS
    Finds mailboxes whose AD accounts are disabled, locked, or have
    "password never expires" set, by decoding userAccountControl bits.
#>
using module ActiveDirectory

param([string]$SearchBase = 'OU=Corp,DC=contoso,DC=com')

$UAC = @{
    ACCOUNTDISABLE       = 0x0002
    LOCKOUT              = 0x0010
    PASSWD_NOTREQD       = 0x0020
    NORMAL_ACCOUNT       = 0x0200
    DONT_EXPIRE_PASSWORD = 0x10000
    SMARTCARD_REQUIRED   = 0x40000
    PASSWORD_EXPIRED     = 0x800000
}

$users = Get-ADUser -SearchBase $SearchBase -LDAPFilter '(&(objectCategory=person)(msExchMailboxGuid=*))' -Properties userAccountControl, mail, msExchRecipientTypeDetails

$report = foreach ($u in $users) {
    [int]$flags = $u.userAccountControl
    $set = $UAC.Keys | Where-Object { ($flags -band $UAC[$_]) -ne 0 } | Sort-Object
    [pscustomobject]@{
        User          = $u.SamAccountName
        Mail          = $u.mail
        UAC           = '0x{0:X}' -f $flags
        Flags         = $set -join ','
        Disabled      = [bool]($flags -band $UAC.ACCOUNTDISABLE)
        NeverExpires  = ($flags -band $UAC['DONT_EXPIRE_PASSWORD']) -eq $UAC['DONT_EXPIRE_PASSWORD']
        IsShared      = $u.msExchRecipientTypeDetails -eq 4
        IfFixed       = '0x{0:X}' -f ($flags -bxor ($flags -band $UAC.DONT_EXPIRE_PASSWORD))
    }
}

# disabled accounts that are *user* mailboxes should normally be converted to shared
$report | Where-Object { $_.Disabled -and -not $_.IsShared } | Format-Table User, Mail, UAC, Flags -AutoSize

# clearing the "password never expires" bit would be:
#   $new = $flags -band (-bnot $UAC.DONT_EXPIRE_PASSWORD)
#   Set-ADUser $user -Replace @{ userAccountControl = $new }
$report | Where-Object NeverExpires | Measure-Object | Select-Object @{ n = 'PasswordNeverExpires'; e = { $_.Count } }
