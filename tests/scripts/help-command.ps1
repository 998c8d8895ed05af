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
