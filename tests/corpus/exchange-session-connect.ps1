<#
.SYNOPSIS
    Opens an implicit remoting session to an Exchange server from an admin workstation.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [string]$Server = 'ex01.contoso.com',

    [System.Management.Automation.PSCredential]
    [System.Management.Automation.Credential()]
    $Credential = [System.Management.Automation.PSCredential]::Empty,

    [string]$Prefix
)

$existing = Get-PSSession | Where-Object { $_.ConfigurationName -eq 'Microsoft.Exchange' -and $_.State -eq 'Opened' }
if ($existing) {
    Write-Verbose "Reusing session to $($existing[0].ComputerName)"
    return
}

$params = @{
    ConfigurationName = 'Microsoft.Exchange'
    ConnectionUri     = "http://$Server/PowerShell/"
    Authentication    = 'Kerberos'
    ErrorAction       = 'Stop'
}
if ($Credential -ne [System.Management.Automation.PSCredential]::Empty) { $params.Credential = $Credential }

try {
    $s = New-PSSession @params
}
catch [System.Management.Automation.Remoting.PSRemotingTransportException] {
    Write-Warning "Kerberos failed ($($_.Exception.ErrorCode)), retrying with Negotiate over HTTPS"
    $params.ConnectionUri = "https://$Server/PowerShell/"
    $params.Authentication = 'Negotiate'
    $s = New-PSSession @params
}

$import = @{ Session = $s; DisableNameChecking = $true; AllowClobber = $true }
if ($Prefix) { $import.Prefix = $Prefix }
Import-Module (Import-PSSession @import) -Global
$host.UI.RawUI.WindowTitle = "EMS - $Server"
