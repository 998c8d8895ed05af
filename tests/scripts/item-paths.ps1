# item-paths.ps1 - Join-Path, Split-Path, Resolve-Path, Get-Location,
# Set-Location, Push-Location and Pop-Location (cmdlets/c_item.c). Paths print
# with / whichever separator they were typed with.
$root = "/tmp/emsh-item-paths-$PID"
function Show-Error($e) {
    '{0} | {1} | {2} | {3}' -f "$e".Replace($root, '<root>'), $e.FullyQualifiedErrorId.Split(',')[0],
        $e.CategoryInfo.Category, $e.Exception.GetType().Name
}

# Join-Path: one separator between the parts
Join-Path -Path /etc -ChildPath hosts
Join-Path /etc/ /hosts
Join-Path 'a\b' 'c/d'
Join-Path a, b c
Join-Path / x
try { Join-Path a -ChildPath '' } catch { $_.Exception.Message }
Join-Path -Path a -ChildPath b -AdditionalChildPath c, d
Join-Path a b c d
'p1', 'p2' | Join-Path -ChildPath leaf
(Join-Path / etc -Resolve)
@(Join-Path /etc 'host*' -Resolve).Count -ge 1
Join-Path /no/such thing -Resolve -ErrorAction SilentlyContinue; Show-Error $Error[0]
Join-Path C:\Windows System32 -ErrorAction SilentlyContinue; Show-Error $Error[0]

# Split-Path: parent (the default), leaf, leaf base, extension, qualifier, IsAbsolute
Split-Path -Path /var/log/syslog
Split-Path /var/log/syslog -Parent
Split-Path /var/log/ -Leaf
Split-Path /var
Split-Path /
Split-Path relative/dir/file.txt
Split-Path file.txt
Split-Path 'a\b\c.txt' -Leaf
Split-Path x.tar.gz -Extension
Split-Path x.tar.gz -LeafBase
Split-Path /etc/hosts -Extension
Split-Path 'C:\Windows\System32' -Qualifier
Split-Path 'C:\Windows\System32' -NoQualifier
Split-Path /etc/hosts -NoQualifier
Split-Path /x -IsAbsolute
Split-Path x/y -IsAbsolute
Split-Path 'C:\x' -IsAbsolute
'/a/b', '/c/d' | Split-Path -Leaf
Split-Path /etc/hosts -Qualifier -ErrorAction SilentlyContinue; Show-Error $Error[0]
try { Split-Path -LiteralPath /a/b -Leaf } catch { $_.FullyQualifiedErrorId.Split(',')[0] }

# Locations: Set-Location changes the process's directory; Get-Location is a PathInfo
New-Item -ItemType Directory -Path "$root/one/two" | Out-Null
Set-Content "$root/one/f.txt" 'x'
Set-Location $root
$here = Get-Location
"$($here.GetType().FullName) $($here.Path -eq $root) $("$here" -eq $root) $($here.ProviderPath -eq $root) $($here.Provider.Name) $($here.Drive)"
Set-Location one
(Get-Location).Path -eq "$root/one"
Set-Location ..
(Get-Location).Path -eq $root
cd one\two
(Get-Location).Path -eq "$root/one/two"
Set-Location ../..
(Set-Location one -PassThru).Path -eq "$root/one"
Set-Location ~
(Get-Location).Path -eq $HOME
Set-Location $root
Set-Location nowhere -ErrorAction SilentlyContinue; Show-Error $Error[0]
Set-Location one/f.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
(Get-Location).Path -eq $root
Set-Location o*
(Get-Location).Path -eq "$root/one"
Set-Location $root

# Push-Location and Pop-Location: the default stack and named stacks
Push-Location one
(Get-Location).Path -eq "$root/one"
Push-Location two
(Get-Location -Stack).Path.Replace($root, '<root>') -join ','
Pop-Location
(Get-Location).Path -eq "$root/one"
(Pop-Location -PassThru).Path -eq $root
Pop-Location
(Get-Location).Path -eq $root
Push-Location one -StackName mine
Set-Location two
Pop-Location -StackName mine
(Get-Location).Path -eq $root
Pop-Location -StackName nosuch -ErrorAction SilentlyContinue; Show-Error $Error[0]
Get-Location -PSDrive C -ErrorAction SilentlyContinue; Show-Error $Error[0]

# Resolve-Path: PathInfo objects, wildcards, -Relative
(Resolve-Path one).Path -eq "$root/one"
"$(Resolve-Path one/f.txt)" -eq "$root/one/f.txt"
(Resolve-Path one/*).Path.Replace($root, '<root>') -join ','
Resolve-Path one/f.txt -Relative
Set-Location one/two
Resolve-Path ../f.txt -Relative
Resolve-Path . -Relative
Set-Location $root
(Resolve-Path -LiteralPath one).Path -eq "$root/one"
Resolve-Path missing.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]
Resolve-Path missing*.txt -ErrorAction SilentlyContinue; Show-Error $Error[0]

Set-Location /
Remove-Item $root -Recurse
Test-Path $root
