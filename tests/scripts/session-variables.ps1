# session-variables.ps1 - Get-, New-, Set-, Remove- and Clear-Variable:
# names and wildcards, -Include/-Exclude, -ValueOnly, scopes (Global,
# Local, Script, numbers, Private), options (ReadOnly, Constant, AllScope),
# -Force, -PassThru, pipeline input, ShouldProcess, and PowerShell's errors.

# --- Get-Variable ---
$svAlpha = 1; $svBeta = 'two'; $svGamma = 3
Get-Variable svBeta -ValueOnly
(Get-Variable sv* | ForEach-Object Name) -join ','
(Get-Variable sv* -Exclude *eta).Name -join ','
(Get-Variable -Include svA*, svG*).Name -join ','
(Get-Variable svA*, svB* -ValueOnly) -join ','
'svAlpha', 'svGamma' | Get-Variable | ForEach-Object { "$($_.Name)=$($_.Value)" }
$v = Get-Variable svAlpha
$v.GetType().FullName
"$v"
"[$($v.Description)] [$($v.Options)] [$($v.Visibility)]"
(Get-Variable true).Options
(Get-Variable '`?').Value
@(Get-Variable ?).Count -gt 2
# a name without wildcards that matches nothing is an error; a pattern is not
Get-Variable svNope -ErrorAction SilentlyContinue -ErrorVariable e
"$($e.Count): $($e[0].Exception.Message)"
"$($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category) | $($e[0].TargetObject)"
@(Get-Variable svNope*).Count
# an excluded name is filtered, not missing
@(Get-Variable svAlpha -Exclude svA*).Count
Get-Variable svNope

# --- scopes ---
# a script's own variables live in its script scope, not the global one
$svScoped = 'script'
$global:svScoped = 'global'
function Show-Scopes {
    $svScoped = 'local'
    (Get-Variable svScoped).Value
    (Get-Variable svScoped -Scope 1).Value
    (Get-Variable svScoped -Scope Script).Value
    (Get-Variable svScoped -Scope Global).Value
    (Get-Variable svScoped -Scope 2).Value
    (Get-Variable svScoped -Scope Local).Value
    @(Get-Variable -Scope 0 | Where-Object Name -eq 'svAlpha').Count
    Set-Variable svScoped 'changed' -Scope 1
    Set-Variable svNewLocal 'x'
}
Show-Scopes
$svScoped
$null -eq $svNewLocal
try { Get-Variable -Scope 99 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
try { Get-Variable -Scope Elsewhere } catch { $_.CategoryInfo.Category; $_.Exception.GetType().FullName }

# --- New-Variable ---
New-Variable svNew 10
$svNew
New-Variable svNew 11 -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message) | $($e[0].FullyQualifiedErrorId)"
New-Variable svNew 12 -Force
$svNew
$p = New-Variable svPassed -Value 'p' -Description 'a test' -PassThru
"$($p.Name) $($p.Value) $($p.Description)"
New-Variable svReadOnly 1 -Option ReadOnly
(Get-Variable svReadOnly).Options
New-Variable svConst 1 -Option 'Constant, AllScope'
(Get-Variable svConst).Options
New-Variable svWhatIf 1 -WhatIf
$null -eq (Get-Variable svWhatIf -ErrorAction SilentlyContinue)
1, 2 | New-Variable svPiped -ErrorAction SilentlyContinue
$svPiped
# only the target scope counts (its own variables and the AllScope ones above), names ignoring case
function New-Inner { New-Variable svNew 'inner'; "inner $svNew"; New-Variable svconst 2 }
New-Inner 2>&1 | ForEach-Object { "$_" }
"outer $svNew"
New-Variable SVNEW 13 -Scope Script -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message)"

# --- Set-Variable ---
Set-Variable svSet 5
$svSet
'a', 'b', 'c' | Set-Variable svList
$svList -join '+'
$svList.GetType().Name
'only' | Set-Variable svOne
$svOne.GetType().Name
Set-Variable svSet -Description 'described'
"$svSet $((Get-Variable svSet).Description)"
Set-Variable svReadOnly 2 -ErrorAction SilentlyContinue -ErrorVariable e
"$svReadOnly | $($e[0].Exception.Message)"
Set-Variable svReadOnly 3 -Force
"$svReadOnly | $((Get-Variable svReadOnly).Options)"
Set-Variable svConst 2 -Force -ErrorAction SilentlyContinue -ErrorVariable e
"$svConst | $($e[0].FullyQualifiedErrorId)"
Set-Variable svSet -Option Constant -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].Exception.Message
Set-Variable svConst -Option None -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].Exception.Message
$r = Set-Variable svSet 6 -PassThru
"$($r.Name)=$($r.Value)"
Set-Variable svSet 7 -WhatIf
$svSet
Set-Variable -Name svX, svY -Value 0
"$svX$svY"
function Set-Private { Set-Variable svPriv 'hidden' -Scope Private; Get-Inner }
function Get-Inner { "inner sees [$svPriv]" }
Set-Private

# --- AllScope ---
New-Variable svEverywhere 1 -Option AllScope
function Set-Everywhere { $svEverywhere = 2 }
Set-Everywhere
$svEverywhere

# --- Clear-Variable ---
$svClear = 'full'
Clear-Variable svClear
$null -eq $svClear
(Get-Variable svClear).Name
Clear-Variable svReadOnly -ErrorAction SilentlyContinue -ErrorVariable e
"$svReadOnly | $($e[0].FullyQualifiedErrorId)"
Clear-Variable svReadOnly -Force
$null -eq $svReadOnly
$svCl1 = 1; $svCl2 = 2
Clear-Variable svCl? -PassThru | ForEach-Object { "$($_.Name) cleared" }
Clear-Variable svNotThere -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].Exception.Message

# --- Remove-Variable ---
$svGone = 1
Remove-Variable svGone
$null -eq (Get-Variable svGone -ErrorAction SilentlyContinue)
Remove-Variable svReadOnly -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].Exception.Message
Remove-Variable svReadOnly -Force
Remove-Variable svConst -Force -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].FullyQualifiedErrorId
Remove-Variable svX, svY
"$($null -eq $svX) $($null -eq $svY)"
$svR1 = 1; $svR2 = 2
Remove-Variable svR* -Exclude svR2
"$($null -eq $svR1) $svR2"
function Remove-Global { Remove-Variable svAlpha -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].Exception.Message }
Remove-Global
$svAlpha
Remove-Variable svAlpha -WhatIf
Remove-Variable true -Force -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].Exception.Message
$true
Remove-Variable svNoSuch
# an array of names binds to a [Flags] parameter as the names combined
New-Variable -Name flagsArray -Value 1 -Option ReadOnly, AllScope
(Get-Variable flagsArray).Options
try { New-Variable -Name flagsBad -Option ReadOnly, Bogus -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
