<#
.SYNOPSIS
    Pipeline filters for recipient objects, dot-sourced by other scripts:
        . .\filter-functions-library.ps1
        Get-Mailbox -ResultSize Unlimited | Where-Large -Threshold 20GB | Format-Size
#>

filter Where-Large {
    param([long]$Threshold = 10GB)
    $size = Get-MailboxStatistics -Identity $PSItem.Identity -WarningAction SilentlyContinue
    if ($null -ne $size -and $size.TotalItemSize.Value.ToBytes() -ge $Threshold) {
        $PSItem | Add-Member -NotePropertyName SizeBytes -NotePropertyValue $size.TotalItemSize.Value.ToBytes() -PassThru -Force
    }
}

filter Format-Size {
    $b = $_.SizeBytes -as [long]
    $text = switch ($b) {
        { $_ -ge 1TB } { '{0:N2} TB' -f ($_ / 1TB); break }
        { $_ -ge 1GB } { '{0:N2} GB' -f ($_ / 1GB); break }
        default        { '{0:N0} MB' -f ($_ / 1MB) }
    }
    '{0,-40} {1,12}' -f $_.DisplayName, $text
}

# objects can come in as Exchange objects, strings, or deserialized objects from remoting
filter ConvertTo-SmtpAddress {
    if ($_ -is [string]) {
        if ($_ -match '@') { $_ } else { (Get-Recipient $_).PrimarySmtpAddress.ToString() }
    }
    elseif ($_ -isnot [System.Management.Automation.PSCustomObject] -and $_.PSObject.Properties['PrimarySmtpAddress']) {
        "$($_.PrimarySmtpAddress)"
    }
    elseif ($_.PSObject.TypeNames -contains 'Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox') {
        [string]$_.PrimarySmtpAddress
    }
    else {
        Write-Warning "cannot convert $_ to an SMTP address"
    }
}

# exactly one of the two flags must be set - used to validate CSV import rows
filter Test-ExclusiveFlag {
    param([string]$A = 'Shared', [string]$B = 'Room')
    $isA = $_.$A -as [bool]
    $isB = $_.$B -as [bool]
    if ($isA -xor $isB) { $_ } else { Write-Warning "row $($_.Alias): set either $A or $B" }
}

filter Select-Enabled { if ($PSItem.Enabled -ne $false) { $PSItem } }
