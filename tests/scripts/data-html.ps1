# data-html.ps1 - ConvertTo-Html as Windows PowerShell 5.1 runs it: the XHTML
# 1.0 Strict page, one output string per line, columns from the first object,
# HTML-encoded .NET ToString() values, -As List, -Fragment and the -Property
# hashtables.

$dbs = [pscustomobject]@{Name = 'DB01'; Server = 'MBX<1>'; Size = 5; Copies = @(1, 2); Mounted = $true},
       [pscustomobject]@{Name = 'Zürich & co'; Server = "O'Neil"; Size = $null; Extra = 'ignored'}
# the whole page
$dbs | ConvertTo-Html
# a table fragment with chosen, wildcard and calculated columns
$dbs | ConvertTo-Html -Fragment -Property Name, S*, @{Label = 'Upper'; Expression = {$_.Name.ToUpper()}; Align = 'right'; Width = 20}, {$_.Name.Length}
# a list per object, separated by a rule
$dbs | ConvertTo-Html -As List -Fragment -Property Name, Size
# head, title, body, pre- and post-content
$dbs[0] | ConvertTo-Html -Property Name -Title 'Databases' -Body '<h1>Report</h1>' -PreContent '<p>before</p>' -PostContent '<p>after</p>', '<p>end</p>'
$dbs[0] | ConvertTo-Html -Property Name -Head '<title>Custom</title>', '<style>td {color: red}</style>' -Title 'ignored'
# strings show their Length; hashtables their .NET properties
'abc', 'de' | ConvertTo-Html -Fragment
@{Key = 'v'} | ConvertTo-Html -Fragment -Property Count, Keys
# a column that no object has is left out; nothing resolved, no header
# (N= and L= abbreviate the hashtable keys)
[pscustomobject]@{A = 1} | ConvertTo-Html -Fragment -Property @{N = 'Renamed'; E = 'A'}
[pscustomobject]@{A = 1} | ConvertTo-Html -Fragment -Property A, Missing
5 | ConvertTo-Html -Fragment
'done'
