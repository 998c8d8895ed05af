# session-aliases.ps1 - Get-Alias, Set-Alias and New-Alias: AliasInfo
# objects, -Name and -Definition with wildcards, -Exclude, options
# (ReadOnly, Constant, AllScope), -Force, -PassThru, -Description,
# ShouldProcess and PowerShell's errors.

# --- Get-Alias ---
$a = Get-Alias gci
"$($a.Name) | $($a.Definition) | $($a.DisplayName) | $($a.CommandType)"
"$a"
$a.GetType().FullName
$a.Options
(Get-Alias ls).Options
Set-Alias qzZeta Get-Date; Set-Alias qzAlpha Get-Date; Set-Alias qzBeta Get-Alias
(Get-Alias qz?e*).Name -join ','
(Get-Alias qz* -Exclude *eta).Name -join ','
# with -Definition, -Exclude matches definitions
(Get-Alias -Definition Get-Date -Exclude qzA*).Name -join ','
(Get-Alias -Definition Get-D* -Exclude Get-Date).Count
(Get-Alias -Definition Get-ChildItem).Name -join ','
(Get-Alias -Definition Remove-V*).Name -join ','
'gv', 'sv' | Get-Alias | ForEach-Object DisplayName
Get-Alias nosuchalias -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message) | $($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category)"
Get-Alias -Definition No-Command -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].Exception.Message
@(Get-Alias nosuch*).Count
Get-Alias nosuchalias

# --- Set-Alias ---
function Get-Answer { 42 }
Set-Alias ans Get-Answer
ans
(Get-Alias ans).Options
Set-Alias ans Get-Date -Description 'the date'
"$((Get-Alias ans).Definition) [$((Get-Alias ans).Description)]"
$r = Set-Alias ans Get-Answer -PassThru
"$($r.Name) -> $($r.Definition)"
Set-Alias ans2 ans
(Get-Alias ans2).ResolvedCommandName
Set-Alias gci Get-Answer -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message) | $($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category)"
Set-Alias cd Get-Answer -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].Exception.Message
Set-Alias cd Get-Answer -Option AllScope
(Get-Alias cd).Definition
Set-Alias roAlias Get-Answer -Option ReadOnly
Set-Alias roAlias Get-Date -ErrorAction SilentlyContinue -ErrorVariable e
"$((Get-Alias roAlias).Definition) | $($e[0].FullyQualifiedErrorId)"
Set-Alias roAlias Get-Date -Force -Option ReadOnly
(Get-Alias roAlias).Definition
Set-Alias ans -Value Get-Answer -Option Constant -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].Exception.Message
Set-Alias wiAlias Get-Answer -WhatIf
@(Get-Alias wiAlias -ErrorAction SilentlyContinue).Count
Set-Alias gci Get-Answer

# --- New-Alias ---
New-Alias nAns Get-Answer
nAns
New-Alias nAns Get-Date -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message) | $($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category)"
New-Alias nAns Get-Date -Force
(Get-Alias nAns).Definition
New-Alias cAns Get-Answer -Option Constant -PassThru | ForEach-Object { "$($_.Name) $($_.Options)" }
New-Alias cAns Get-Date -Force -ErrorAction SilentlyContinue -ErrorVariable e
"$((Get-Alias cAns).Definition) | $($e[0].FullyQualifiedErrorId)"
New-Alias -Name pAns -Value Get-Answer -Scope Global
(Get-Alias pAns).Name
New-Alias sAns Get-Answer -Scope Nowhere -ErrorAction SilentlyContinue
New-Alias gv Get-Answer
