<#
.SYNOPSIS
    Decodes msExchRecipientTypeDetails / msExchRemoteRecipientType values from AD.
.DESCRIPTION
    Both attributes are bit masks (Int64). Handy when looking at raw AD data
    exported by other tools, or at hybrid users that show as "MailUser".
#>
param(
    [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
    [long[]]$Value,

    [ValidateSet('RecipientTypeDetails', 'RemoteRecipientType')]
    [string]$Attribute = 'RecipientTypeDetails'
)

begin {
    $names = @{
        RecipientTypeDetails = [ordered]@{
            0  = 'UserMailbox'; 1 = 'LinkedMailbox'; 2 = 'SharedMailbox'; 3 = 'LegacyMailbox'
            4  = 'RoomMailbox'; 5 = 'EquipmentMailbox'; 6 = 'MailContact'; 7 = 'MailUser'
            8  = 'MailUniversalDistributionGroup'; 10 = 'MailUniversalSecurityGroup'; 12 = 'DynamicDistributionGroup'
            31 = 'RemoteUserMailbox'; 32 = 'RemoteRoomMailbox'; 33 = 'RemoteEquipmentMailbox'; 34 = 'RemoteSharedMailbox'
        }
        RemoteRecipientType = [ordered]@{
            0 = 'ProvisionMailbox'; 1 = 'ProvisionArchive'; 2 = 'Migrated'; 3 = 'DeprovisionMailbox'
            4 = 'DeprovisionArchive'; 5 = 'RoomMailbox'; 6 = 'EquipmentMailbox'; 7 = 'SharedMailbox'
        }
    }
    $table = $names[$Attribute]
}

process {
    foreach ($v in $Value) {
        $bits = @()
        foreach ($entry in $table.GetEnumerator()) {
            $mask = 1L -shl $entry.Key
            if (($v -band $mask) -ne 0) { $bits += $entry.Value }
        }
        # highest set bit, by shifting right until nothing is left
        $highest = -1
        $tmp = $v
        while ($tmp -gt 0) { $tmp = $tmp -shr 1; $highest++ }

        [pscustomobject]@{
            Value      = $v
            Hex        = '0x{0:X}' -f $v
            Names      = if ($bits) { $bits -join ', ' } else { '(none)' }
            HighestBit = $highest
            IsRemote   = ($v -band (-bnot 0x3FFFFFFF)) -ne 0
            OtherBits  = '0x{0:X}' -f ($v -bxor ($v -band (($table.Keys | ForEach-Object { 1L -shl $_ }) | Measure-Object -Sum).Sum))
        }
    }
}
