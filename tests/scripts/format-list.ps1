# format-list.ps1 - Format-List as Windows PowerShell 5.1 prints it: one
# "Name : value" line per property, the names padded to the longest, long
# values wrapped at word boundaries under the value column, embedded new
# lines kept, two blank lines before the list and three after it.
$env:COLUMNS = 120
$db = [pscustomobject]@{Name = 'DB01'; Server = 'MBX1'; ActivationPreference = 2
    Copies = @('MBX1', 'MBX2'); Lag = [timespan]'7.00:00:00'; Created = [datetime]'2026-11-22T14:05:09'
    Notes = "line one`nline two"; Empty = $null}
'--- all the properties (the default for an object with five or more)'
$db | Format-List
'--- -Property with names and wildcards'
$db | Format-List Name, *Preference, Lag
'--- * shows all of them; an unknown name shows nothing'
[pscustomobject]@{a = 1; b = 2} | Format-List *, NoSuchProperty
'--- calculated properties: Label and FormatString'
$db | Format-List @{Label = 'Database'; Expression = { $_.Name }}, @{n = 'Pref'; e = 'ActivationPreference'; f = '{0:D3}'}
'--- each object shows its own properties'
[pscustomobject]@{a = 1}, [pscustomobject]@{bb = 2; c = 3} | Format-List
'--- -GroupBy'
@([pscustomobject]@{Name = 'DB01'; Server = 'MBX1'}, [pscustomobject]@{Name = 'DB02'; Server = 'MBX1'},
  [pscustomobject]@{Name = 'DB03'; Server = 'MBX2'}) | Format-List Name -GroupBy Server
'--- a hashtable lists its entries; a scalar needs -Force'
[ordered]@{Role = 'Mailbox'} | Format-List
'text' | Format-List
'text' | Format-List -Force
'--- long values wrap under the value column'
$env:COLUMNS = 40
[pscustomobject]@{Description = 'the quick brown fox jumps over the lazy dog and runs away'} | Format-List | Out-Default
$env:COLUMNS = 120
