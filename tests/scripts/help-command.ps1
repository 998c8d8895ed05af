# help-command.ps1 - Get-Command: CommandInfo objects for cmdlets,
# functions, filters and aliases; -Name with wildcards, -Verb, -Noun,
# -CommandType, -Module, -TotalCount, -ParameterName, -All, -Syntax in
# PowerShell's notation; the CommandNotFoundException error.

$c = Get-Command Get-Variable
"$($c.Name) | $($c.CommandType) | $($c.Source) | $($c.Version) | $($c.Verb) | $($c.Noun)"
$c.GetType().FullName
"$c"
$c.DefaultParameterSet
($c.ParameterSets | ForEach-Object Name) -join ','
$c.Parameters.Count
"$($c.Parameters.ContainsKey('Scope')) $($c.Parameters.ContainsKey('ErrorAction')) $($c.Parameters.ContainsKey('WhatIf'))"
(Get-Command Set-Variable).Parameters.ContainsKey('WhatIf')
(Get-Command Get-Alias).DefaultParameterSet
(Get-Command Get-Alias).ParameterSets.Count
(Get-Command Invoke-Command).ParameterSets[0].Name
(Get-Command Start-Transcript).Source
(Get-Command Get-Command).Source
(Get-Command Clear-Host).CommandType

# aliases resolve to themselves; the table lists them as "name -> command"
$a = Get-Command gcm
"$($a.CommandType) | $($a.Name) | $($a.Definition) | $($a.DisplayName)"

# functions and filters of the session
function Get-Widget { param([string]$Name, [int]$Count) "widget" }
filter Select-Even { if ($_ % 2 -eq 0) { $_ } }
$f = Get-Command Get-Widget
"$($f.CommandType) | $($f.Name) | $($f.Verb) | $($f.Noun) | [$($f.Source)]"
$f.Definition
(Get-Command Select-Even).CommandType
(Get-Command -CommandType 'Function, Filter' | Where-Object Name -like '*-Widget').Name

# wildcards, verbs and nouns
(Get-Command *-Variable | ForEach-Object Name) -join ','
(Get-Command -Verb Get -Noun Variable, Alias | ForEach-Object Name) -join ','
(Get-Command -Noun Widget).Name
(Get-Command -Verb Invoke | ForEach-Object Name) -contains 'Invoke-Expression'
(Get-Command -Name *-Variable -CommandType Alias | ForEach-Object Name) -join ','
Set-Alias qwOne Get-Widget; Set-Alias qwTwo Get-Widget
(Get-Command qw*, gv -CommandType Alias | ForEach-Object Name) -join ','
# without a name, only aliases with a dash in their name are listed
@(Get-Command | Where-Object CommandType -eq 'Alias' | Where-Object Name -notlike '*-*').Count
@(Get-Command -CommandType Alias | Where-Object Name -eq 'qwOne').Count
(Get-Command -Module Microsoft.PowerShell.Core | Where-Object Name -like '*-Command').Name -join ','
@(Get-Command -Noun Variable -TotalCount 2).Count
(Get-Command -Noun Variable -ParameterName PassThru | ForEach-Object Name) -join ','
(Get-Command -ParameterName ValueOnly).Name
@(Get-Command -Name Get-Widget -All).Count
@(Get-Command nosuch-*).Count
# the order of a listing: aliases, functions, cmdlets
# names without wildcards come in the order given; patterns sorted by type, then name
(Get-Command -Name Get-Variable, Get-Widget, gv | ForEach-Object { "$($_.CommandType)" }) -join ','
(Get-Command -Name *-Widget, qw*, Get-Var* | ForEach-Object { "$($_.CommandType)" }) -join ','

# -Syntax
Get-Command Get-Variable -Syntax
Get-Command Get-Alias -Syntax
Get-Command gal -Syntax
Get-Command Get-Widget -Syntax
Get-Command Measure-Command -Syntax
function Set-Widget {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'ByName')][string[]]$Name,
        [Parameter(Mandatory = $true, ParameterSetName = 'ById')][int]$Id,
        [switch]$Force,
        [hashtable]$Settings
    )
}
Get-Command Set-Widget -Syntax

# a name that is no command
Get-Command Get-Nothing -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message)"
"$($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category) | $($e[0].TargetObject)"
Get-Command Get-Nothing

# a function hides a cmdlet of the same name; -All shows both
function Measure-Command { 'mine' }
(Get-Command Measure-Command).CommandType
(Get-Command Measure-Command -All | ForEach-Object { "$($_.CommandType)" }) -join ','

# -ParameterName: names and aliases, with wildcards, the common parameters included
(Get-Command -Noun Variable -ParameterName ValueOnly | ForEach-Object Name) -join ','
(Get-Command -Noun Item -ParameterName LiteralPath, PSPath | ForEach-Object Name) -join ','
(Get-Command -Noun Alias -ParameterName Verbose | ForEach-Object Name) -join ','
(Get-Command -Noun Alias -ParameterName Scop* | ForEach-Object Name) -join ','
# a name no command has is an error; a pattern that matches nothing is not
Get-Command -ParameterName NoSuchParameter, NoSuch* -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message)"
"$($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category) | $($e[0].TargetObject) | $($e.Count)"

# -ParameterType: what the type converts to as well as a numeric widening; [object] only
# for parameters that take any object; a name that is no type matches the end of the type's name
function Use-Int { param([int]$Number) }
function Use-Long { param([long[]]$Numbers) }
function Use-String { param([string]$Text) }
function Use-Object { param([object]$Thing) }
(Get-Command Use-* -ParameterType int | ForEach-Object Name) -join ','
(Get-Command Use-* -ParameterType long | ForEach-Object Name) -join ','
(Get-Command Use-* -ParameterType string | ForEach-Object Name) -join ','
(Get-Command Use-* -ParameterType object | ForEach-Object Name) -join ','
(Get-Command Use-* -ParameterType Int6* | ForEach-Object Name) -join ','
(Get-Command Use-* -ParameterType ring | ForEach-Object Name) -join ','
(Get-Command -Noun Command -ParameterType PSTypeName | ForEach-Object Name) -join ','
(Get-Command Use-* -ParameterType int -ParameterName Numbers | ForEach-Object Name) -join ','

# -ShowCommandInfo: the information Show-Command uses
$info = Get-Command Set-Alias -ShowCommandInfo
$info.PSObject.TypeNames[0]
$info | Select-Object Name, ModuleName, CommandType, @{n = 'Module'; e = { $_.Module.Name }} | Format-List
$info.ParameterSets | ForEach-Object { "$($_.Name) $($_.IsDefault) $($_.Parameters.Count)" }
$info.ParameterSets[0].Parameters | Where-Object Name -in Name, Option, Scope |
    Select-Object Name, IsMandatory, ValueFromPipeline, Position, HasParameterSet, ValidParamSetValues | Format-Table
$info.ParameterSets[0].Parameters | Where-Object Name -eq Option | ForEach-Object ParameterType | Format-List
Get-Command Get-Alias -ShowCommandInfo -Syntax -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message) | $($e[0].FullyQualifiedErrorId)"

# -ListImported: every command is in the session
(Get-Command -Noun Alias -ListImported | ForEach-Object Name) -join ','
