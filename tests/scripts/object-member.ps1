# object-member.ps1 - Add-Member (note properties by name, by position and
# from a hashtable, alias and script properties, script methods run with
# $this, -Force, -PassThru, -TypeName, and its errors) and Get-Member
# (member definitions of custom objects, strings and numbers, one group per
# type, -MemberType, -Name, -View and the error without input).
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
$o = [pscustomobject]@{Name = 'MBX1'; Size = 10}
$o | Add-Member -NotePropertyName Site -NotePropertyValue 'Paris'
$o | Add-Member NoteProperty Role 'Mailbox'
$o | Add-Member -MemberType NoteProperty -Name Ver -Value 15
$o | Add-Member -NotePropertyMembers ([ordered]@{A = 1; B = 2})
'properties: ' + ($o.PSObject.Properties.Name -join ',')
'values: ' + "$($o.Site) $($o.Role) $($o.Ver) $($o.A) $($o.B)"
$o | Add-Member -MemberType AliasProperty -Name ServerName -Value Name
$o | Add-Member -MemberType ScriptProperty -Name Double -Value { $this.Size * 2 }
$o | Add-Member -MemberType ScriptMethod -Name Greet -Value { param($who) "hello $who from $($this.Name)" }
'script method: ' + $o.Greet('you')
'script method by name: ' + ($o | ForEach-Object Greet 'pipe')
'selected through members: ' + ($o | Select-Object Name, ServerName, Double | ForEach-Object { "$($_.Name) $($_.ServerName) $($_.Double)" })
'sorted by a script property: ' + (($o, [pscustomobject]@{Double = 5} | Sort-Object Double | ForEach-Object Double) -join ',')
'where on an alias: ' + @($o | Where-Object ServerName -eq 'MBX1').Count
$o | Add-Member -NotePropertyName Site -NotePropertyValue 'Lyon' -Force
'forced: ' + $o.Site + ' ' + ($o.PSObject.Properties.Name -join ',')
'pass thru and type name: ' + ($o | Add-Member -TypeName 'Contoso.Server' -PassThru).PSTypeNames[0]
'accelerator type name: ' + ([pscustomobject]@{} | Add-Member -TypeName int -PassThru).PSTypeNames[0]
'null note value: ' + ($null -eq (New-Object PSObject | Add-Member -NotePropertyName P -NotePropertyValue $null -PassThru).P)
Show-Failure { $o | Add-Member -NotePropertyName Site -NotePropertyValue 'Nice' -ErrorAction Stop }
Show-Failure { $o | Add-Member -NotePropertyName ToString -NotePropertyValue 1 -ErrorAction Stop }
Show-Failure { $o | Add-Member -NotePropertyName ToString -NotePropertyValue 1 -Force -ErrorAction Stop }
Show-Failure { $o | Add-Member -MemberType ScriptMethod -Name M -Value { 1 } -SecondValue { 2 } }
Show-Failure { $o | Add-Member -MemberType AliasProperty -Name X -Value $null }
Show-Failure { $o | Add-Member -MemberType ScriptProperty -Name Y }
Show-Failure { $o | Add-Member -TypeName ' ' }
'--- Get-Member'
$c = [pscustomobject]@{Name = 'x'; N = 1; L = @(1, 2); D = $null; T = [datetime]'2020-01-02 03:04:05'}
$c | Get-Member | ForEach-Object { "$($_.Name) | $($_.MemberType) | $($_.Definition)" }
'record type: ' + ($c | Get-Member)[0].PSTypeNames[0] + ' ' + ($c | Get-Member)[0].TypeName
'added members:'
$o | Get-Member -MemberType AliasProperty, ScriptProperty, ScriptMethod | ForEach-Object { "$($_.Name) | $($_.MemberType) | $($_.Definition)" }
'string members:'
'abc' | Get-Member -Name Len*, Trim, Chars | ForEach-Object { "$($_.TypeName) | $($_.Name) | $($_.MemberType) | $($_.Definition)" }
'one group per type: ' + ((1, 2, 'a', 'b', 3 | Get-Member -MemberType Method -Name GetType | ForEach-Object TypeName) -join ',')
'properties of an int: ' + @(1 | gm -MemberType Property).Count
'date properties: ' + ((Get-Date | Get-Member -MemberType Property | ForEach-Object Name) -join ',')
'extended view: ' + (($c | Get-Member -View Extended | ForEach-Object Name) -join ',')
'input object is one object: ' + (Get-Member -InputObject @(1, 2) -Name Length).TypeName
Show-Failure { Get-Member -ErrorAction Stop }
Show-Failure { 'a' | Get-Member -MemberType Foo }
'end'
