# format-custom.ps1 - Format-Custom without a custom view, as Windows
# PowerShell 5.1 prints it: "class <Type>", then the properties between
# braces as "Name = value", nested objects and collections indented by two,
# down to -Depth levels (5 by default).
$env:COLUMNS = 120
[pscustomobject]@{Name = 'DB01'; Size = 5; Mounted = $true} | Format-Custom
'--- nested objects and collections'
[pscustomobject]@{Name = 'DB01'; Copies = @('MBX1', 'MBX2'); Owner = [pscustomobject]@{Server = 'MBX1'; Site = 'Paris'}} |
    Format-Custom
'--- -Depth 1: objects below the first level print as their string form'
$deep = [pscustomobject]@{Name = 'DB01'; Owner = [pscustomobject]@{Server = 'MBX1'; Site = [pscustomobject]@{Name = 'Paris'}}}
$deep | Format-Custom -Depth 1
$deep | Format-Custom
'--- -Property'
[pscustomobject]@{Name = 'DB01'; Size = 5; Mounted = $true} | Format-Custom Name, Size
'--- a scalar is shown as it is'
42 | Format-Custom -Force
