function Get-Size { return $mbx.TotalItemSize.Value.ToMB() }
function Stop-Now { exit 3 }
function Fail { throw "Cannot reach $server" }
return
exit
throw
