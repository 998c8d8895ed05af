# Members added with Add-Member other than note properties: member access
# reads and sets them, Get-Member lists them, formatting and string
# conversion show them with their values.
$o = [pscustomobject]@{ Name = 'db1'; Size = 10 }
$o | Add-Member -MemberType AliasProperty -Name DbName -Value Name
$o | Add-Member -MemberType AliasProperty -Name SizeText -Value Size -SecondValue string
$o | Add-Member -MemberType ScriptProperty -Name Double -Value { $this.Size * 2 } -SecondValue { param($v) $this.Size = $v / 2 }
$o | Add-Member -MemberType ScriptMethod -Name Grow -Value { param($n) $this.Size += $n; $this.Size }

$o.DbName
$o.SizeText.GetType().FullName
$o.Double
$o.Grow(5)
$o.Double = 50
$o.Size
$o.DbName = 'db2'
$o.Name
"$o"
$o | Format-List
$o | Format-Table
$o | Select-Object DbName, Double | Format-Table
$o | Get-Member | Format-Table

$r = [pscustomobject]@{ First = 'Ada'; Last = 'Lovelace' }
$r | Add-Member -MemberType ScriptProperty -Name Full -Value { "$($this.First) $($this.Last)" }
$r | Add-Member -MemberType ScriptMethod -Name Greet -Value { param($greeting) "$greeting, $($this.First)!" }
$r.Full
$r.Greet('Hello')
$r | Format-List
try { $r.Full = 'x' } catch { "caught: " + $_.Exception.Message }
$r.Full = 'x'
'done'
# PSObject.Properties: the added properties with their member types, no methods
$o.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.MemberType) $($_.Value)" }
# a getter that fails reads as $null; a setter that fails is reported
$t = [pscustomobject]@{ A = 1 }
$t | Add-Member -MemberType ScriptProperty -Name Test -Value { throw 'Get' } -SecondValue { throw 'Set' }
"getter: [$($t.Test)]"
$t.Test = 2
'still running'
