# OWA / ECP authentication settings per server. Both must match or logons break
# (forms based on one and Windows integrated on the other leads to logon loops).
$owa = Get-OwaVirtualDirectory -ADPropertiesOnly | select Server, Name, FormsAuthentication, BasicAuthentication, WindowsAuthentication, AdfsAuthentication, OAuthAuthentication, LogonFormat, DefaultDomain
$ecp = Get-EcpVirtualDirectory -ADPropertiesOnly | select Server, Name, FormsAuthentication, BasicAuthentication, WindowsAuthentication, AdfsAuthentication, AdminEnabled

'--- OWA ---'; $owa | ft -AutoSize
'--- ECP ---'; $ecp | ft -AutoSize

$mismatch = Compare-Object ($owa | select Server, FormsAuthentication, AdfsAuthentication) ($ecp | select Server, FormsAuthentication, AdfsAuthentication) -Property Server, FormsAuthentication, AdfsAuthentication
if ($mismatch) { Write-Warning 'OWA and ECP authentication differ on some servers:'; $mismatch | ft }

# ECP disabled for admins externally? (AdminEnabled = $false on the internet facing servers)
$ecp | ? { -not $_.AdminEnabled } | % { "ECP admin access disabled on $($_.Server)" }
$owa | ? { $_.LogonFormat -ne 'UserName' } | % { "{0}: logon format {1}, default domain '{2}'" -f $_.Server, $_.LogonFormat, $_.DefaultDomain }

# virtual directory URLs are in virtual-directory-urls.ps1
