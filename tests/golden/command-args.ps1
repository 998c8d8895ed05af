Write-Output 2+2
Write-Output (2+2)
Write-Output 42 -7 1.5 0x10 $x
Write-Output $mbx.Name $list[0] $obj.Method(1)
Get-Mailbox -Identity:$id -ResultSize:Unlimited -Verbose
Get-Item C:\Program` Files\x.txt
Write-Output a,b,c "d $e" 'f'
New-Item -Path "$env:TEMP\report.html" -Force
