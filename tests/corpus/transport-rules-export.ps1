# Export all transport rules to XML (for backup) and a readable summary
$folder = "D:\Backup\TransportRules\$(Get-Date -Format yyyy-MM-dd)"
New-Item -ItemType Directory -Path $folder -Force | Out-Null

$export = Export-TransportRuleCollection
[System.IO.File]::WriteAllBytes("$folder\rules.xml", $export.FileData)

Get-TransportRule | sort Priority | select Priority, Name, State, Mode,
    @{n='Conditions';e={($_.Conditions | % { $_.Name }) -join ', '}},
    @{n='Actions';e={($_.Actions | % Name) -join ', '}},
    Description |
    Export-Csv "$folder\rules-summary.csv" -NoTypeInformation

Get-ChildItem $folder | select Name, Length, LastWriteTime

# restore with: Import-TransportRuleCollection -FileData ([System.IO.File]::ReadAllBytes("$folder\rules.xml"))
"exported $(@(Get-TransportRule).Count) rule(s) to $folder"
