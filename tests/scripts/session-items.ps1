# Functions and aliases live in scopes, as variables do.

function Outer {
    function Inner { "inner runs inside Outer" }
    Inner
}
Outer
"Inner after Outer: $([bool](Get-Command Inner -ErrorAction SilentlyContinue))"

# a script called with & keeps its functions and aliases to itself
& "$PSScriptRoot/../fixtures/items-lib.ps1"
"after &: function $([bool](Get-Command Get-LibGreeting -ErrorAction SilentlyContinue)), alias $([bool](Get-Alias glg -ErrorAction SilentlyContinue)), variable $([bool]$libLoaded)"
. "$PSScriptRoot/../fixtures/items-lib.ps1"
"after dot sourcing: $(glg), variable $libLoaded"

# scope qualifiers on function names
function Define-Them {
    function global:Get-GlobalThing { "global thing" }
    function script:Get-ScriptThing { "script thing" }
    function Get-LocalThing { "local thing" }
    function private:Get-PrivateThing { "private thing" }
    Get-PrivateThing
    function Nested { Get-PrivateThing }
    Nested
}
Define-Them
Get-GlobalThing
Get-ScriptThing
"local after return: $([bool](Get-Command Get-LocalThing -ErrorAction SilentlyContinue))"

# aliases: local by default, -Scope picks another
function Alias-Them {
    Set-Alias lt Get-Date
    Set-Alias gt Get-Location -Scope Script
    "inside: lt -> $((Get-Alias lt).Definition)"
    "own scope: $((Get-Alias -Scope 0 | Where-Object Name -eq lt).Name)"
}
Alias-Them
"lt after return: $([bool](Get-Alias lt -ErrorAction SilentlyContinue))"
"gt after return: $((Get-Alias gt).Definition)"

# a function shadows an outer one of the same name, for its callees too
function Get-Who { "outer" }
function Shadow {
    function Get-Who { "inner" }
    Get-Who
    function Callee { Get-Who }
    Callee
}
Shadow
Get-Who

# built-in aliases are in every scope; a read-only one can't be set in any
function Try-Builtin { Set-Alias gci Get-Date }
Try-Builtin
(Get-Alias gci).Definition

# the function: and alias: drives in variable notation
function Double($a) { $a * 2 }
$function:Double
& $function:Double 21
$alias:gci
${function:Get-Made} = { "made $args" }
Get-Made 1 2
$alias:gm2 = 'Get-Made'
gm2 3
${function:Get-Made} = $null
"Get-Made after `$null: $(Test-Path function:Get-Made)"
function Set-InnerByVariable { ${function:Get-InnerVar} = { 'inner by variable' }; Get-InnerVar }
Set-InnerByVariable
"after return: $(Test-Path function:Get-InnerVar)"
$alias:gci = 'Get-Date'
$nodrive:x = 1
