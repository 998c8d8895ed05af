& $exe /quiet /norestart
& 'C:\Program Files\Microsoft\Exchange Server\V15\bin\RemoteExchange.ps1'
& { param($n) $n * 2 } 21
. .\Helpers.ps1
. $PSScriptRoot\Config.ps1
&$scriptBlock
