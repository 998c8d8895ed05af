function Set-Thing {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory, Position = 0)][ValidateSet('DB1', 'DB2')][string]$Name,
        [ValidateRange(1, 10)][int]$Count = 3,
        [switch]$Force
    )
    if ($PSCmdlet.ShouldProcess($Name, 'Set thing')) { "set $Name x$Count force=$Force" }
}
Set-Thing DB1
Set-Thing -Name DB2 -Count 5 -Force
Set-Thing DB1 -WhatIf
Set-Thing DB3
Set-Thing DB1 -Count 11
Set-Thing -Bogus 1
function Get-ByName {
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    param(
        [Parameter(ParameterSetName = 'Name', Position = 0)][string]$Name,
        [Parameter(ParameterSetName = 'Id')][int]$Id
    )
    "set: $($PSCmdlet.ParameterSetName)"
}
Get-ByName x
Get-ByName -Id 4
Get-ByName
function Get-Piped {
    param([Parameter(ValueFromPipelineByPropertyName)][string]$Name, [Parameter(ValueFromPipeline)][int]$N)
    process { "name=$Name n=$N" }
}
[pscustomobject]@{ Name = 'a' } | Get-Piped
5 | Get-Piped
function Test-Validate { param([ValidatePattern('^MBX\d+$')][string]$Server, [ValidateScript({ $_ -gt 0 })][int]$Size) "ok $Server $Size" }
Test-Validate MBX1 5
Test-Validate EX1
Test-Validate MBX2 -Size 0
# the common parameters set preference variables in the function's scope
function Show-Preference { [CmdletBinding(SupportsShouldProcess)] param() "$ErrorActionPreference $VerbosePreference $WhatIfPreference" }
Show-Preference
Show-Preference -ErrorAction Stop -Verbose -WhatIf:$false
# $PSBoundParameters lists what was bound, common parameters included
function Show-Bound { [CmdletBinding()] param($A, $B) $PSBoundParameters.Keys -join ',' }
Show-Bound -B 2 -ErrorAction SilentlyContinue
# a default value may use an earlier parameter
function Get-Double { param([int]$X, [int]$Y = $X * 2) "$X $Y" }
Get-Double 4
# mandatory parameters missing in a script are an error
function Need-Name { param([Parameter(Mandatory)][string]$Name) $Name }
Need-Name
