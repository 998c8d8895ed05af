$owa = Get-OwaVirtualDirectory -ADPropertiesOnly | select Server, Name, FormsAuthentication, BasicAuthentication, WindowsAuthentication, AdfsAuthentication, OAuthAuthentication, LogonFormat, DefaultDomain
$ecp = Get-EcpVirtualDirectory -ADPropertiesOnly | select Server, Name, FormsAuthentication, BasicAuthentication, WindowsAuthentication, AdfsAuthentication, AdminEnabled

'--- OWA ---'; $owa | ft -AutoSize
'--- ECP ---'; $ecp | ft -AutoSize

$mismatch = Compare-Object ($owa | select Server, FormsAuthentication, AdfsAuthentication) ($ecp | select Server, FormsAuthentication, AdfsAuthentication) -Property Server, FormsAuthentication, AdfsAuthentication
if ($mismatch) { Write-Warning 'OWA and ECP authentication differ on some servers:'; $mismatch | ft }
