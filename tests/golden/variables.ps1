$x
${any name with spaces}
$env:COMPUTERNAME
$script:counter
$global:config
$using:remote
$_
$?
$^
$$
$PSScriptRoot
