# Snap-ins: Get-PSSnapin, Add-PSSnapin, Remove-PSSnapin as an Exchange 2019 server's
# Windows PowerShell 5.1 console gives them.

# the session starts with the built-in snap-in only
Get-PSSnapin
(Get-PSSnapin).Count

# the registered snap-ins: Exchange's, not the built-in one
Get-PSSnapin -Registered
Get-PSSnapin -Name Microsoft.Exchange* -Registered | Select-Object -ExpandProperty Name

# the Exchange-script test before adding: no match is an error, with or without wildcards
if (-not (Get-PSSnapin -Name Microsoft.Exchange* -ErrorAction SilentlyContinue)) { 'not added yet' }
Get-PSSnapin Microsoft.Exchange*
Get-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
$e = $Error[0]
$e.FullyQualifiedErrorId
$e.CategoryInfo.Category
$e.CategoryInfo.TargetName
$e.Exception.GetType().FullName

# the Exchange-script idiom, with and without -ErrorAction SilentlyContinue
Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn -ErrorAction SilentlyContinue
Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
'added twice without an error'
Get-PSSnapin
Get-PSSnapin -Name *exchange* | Format-Table Name, IsDefault, PSVersion, Version -AutoSize

# every property of PSSnapInInfo
Get-PSSnapin Microsoft.PowerShell.Core | Format-List *
Get-PSSnapin -Registered | Format-List *
$s = Get-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
$s.GetType().FullName
$s.PSObject.TypeNames[0]
"$s"
$s.Version.Major
$s.PSVersion -is [version]

# the Exchange cmdlets were there before and stay there
(Get-Command Get-Mailbox).Name

# a script's Add-PSSnapin is seen by the session
Remove-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
(Get-PSSnapin).Name
& { Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn }
(Get-PSSnapin).Name

# -PassThru; Remove-PSSnapin -PassThru writes nothing in a console session
$added = Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn -PassThru
$added.Name
$removed = Remove-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn -PassThru
$null -eq $removed
(Get-PSSnapin).Name

# wildcards: Add-PSSnapin adds every registered match, a miss is quiet without -PassThru
Add-PSSnapin Microsoft.Exchange.*
(Get-PSSnapin).Name
Add-PSSnapin NoSuch.* 
'no error without -PassThru'
Add-PSSnapin NoSuch.* -PassThru
Remove-PSSnapin *Exchange*
(Get-PSSnapin).Name

# pipeline input by property name
Get-PSSnapin -Registered | Add-PSSnapin -PassThru | Format-List
Get-PSSnapin -Registered | Remove-PSSnapin
(Get-PSSnapin).Name

# aliases
(Get-Command gsnp).Definition
(Get-Command asnp).Definition
(Get-Command rsnp).Definition

# errors
Add-PSSnapin Contoso.NotInstalled
$Error[0].FullyQualifiedErrorId
$Error[0].CategoryInfo.Category
$Error[0].CategoryInfo.TargetName
Add-PSSnapin Microsoft.PowerShell.Core
Add-PSSnapin Microsoft.PowerShell.Utility
$Error[0].FullyQualifiedErrorId
Add-PSSnapin Contoso.A, Microsoft.Exchange.Management.PowerShell.SnapIn
(Get-PSSnapin).Name
Remove-PSSnapin Microsoft.PowerShell.Core
$Error[0].FullyQualifiedErrorId
$Error[0].CategoryInfo.TargetName
Remove-PSSnapin Microsoft.PowerShell.C*
Remove-PSSnapin Contoso.NotAdded
$Error[0].FullyQualifiedErrorId
Get-PSSnapin -Registered Contoso*
$Error[0].FullyQualifiedErrorId
Remove-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn -WhatIf
(Get-PSSnapin).Name
# a name with other characters than letters, digits, '-', '_' and '.': Remove-PSSnapin's error ends its statement
Get-PSSnapin 'Bad Name'
$Error[0].FullyQualifiedErrorId
Add-PSSnapin 'Contoso/X'
$Error[0].FullyQualifiedErrorId
& { Remove-PSSnapin 'Bad Name', Microsoft.PowerShell.Core; 'the next statement runs' }
$Error[0].FullyQualifiedErrorId
try { Add-PSSnapin Contoso.X -ErrorAction Stop } catch { "caught: $($_.Exception.Message)" }
