# Old-school task creation with schtasks.exe (works on Server 2008 R2 as well)
trap { Write-Warning "schtasks step failed: $_"; continue }

$script = 'D:\Scripts\daily-exchange-report.ps1'
$tr = "powershell.exe -NoProfile -ExecutionPolicy Bypass -File `"$script`""

schtasks.exe /Create /TN "Exchange\Daily report" /TR $tr /SC DAILY /ST 06:00 /RU SYSTEM /RL HIGHEST /F
if ($LASTEXITCODE -ne 0) { Write-Error "schtasks failed with $LASTEXITCODE"; exit $LASTEXITCODE }

schtasks /Query /TN "Exchange\Daily report" /V /FO LIST | Select-String 'Next Run Time', 'Status', 'Task To Run'

# run it once now and show the result code after a minute
schtasks /Run /TN "Exchange\Daily report" > $null
Start-Sleep -Seconds 60
cmd /c 'schtasks /Query /TN "Exchange\Daily report" /FO CSV /V' | ConvertFrom-Csv | Select-Object TaskName, 'Last Run Time', 'Last Result'
