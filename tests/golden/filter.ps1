filter Only-Large { if ($_.Size -gt 1GB) { $_ } }
filter ConvertTo-MB([int]$Round = 2) { [math]::Round($_ / 1MB, $Round) }
Get-ChildItem | Only-Large | ConvertTo-MB
