# data-csv.ps1 - ConvertTo-Csv, ConvertFrom-Csv, Export-Csv and Import-Csv as
# Windows PowerShell 5.1 runs them: the #TYPE line, every field quoted, .NET
# ToString() values, ASCII files by default, -Append reconciling columns, and
# 5.1's lenient CSV reader with its H1 names and CSV:<type> type names.

$file = "/tmp/emsh-data-csv-$PID.csv"
function Show-File($path) { switch -File $path { default { "| $_" } } }
function Count-Rows { begin { $n = 0 } process { $n++ } end { "$n row(s)" } }
function Show-Row { process { "$($_.Name)=$($_.Size)" } }
# errors whose text names the scratch file, with the name replaced
function Show-Error([scriptblock]$sb) {
    try { & $sb } catch { "$($_.FullyQualifiedErrorId): $($_.Exception.Message.Replace($file, '<file>'))" }
}

$db = [pscustomobject]@{Name = 'DB01'; Size = 5; Note = $null; Quote = 'say "hi"'; When = [datetime]'2020-01-02 13:04:05'; Copies = @(1, 2); Mounted = $true}
# the #TYPE line, every field quoted, $null an empty field, values as .NET's ToString()
$db | ConvertTo-Csv
$db | ConvertTo-Csv -NoTypeInformation -Delimiter ';'
$db | ConvertTo-Csv -UseCulture -NTI
# the columns are the first object's
[pscustomobject]@{A = 1; B = 2}, [pscustomobject]@{B = 3; C = 4} | ConvertTo-Csv -NoTypeInformation
# a hashtable and a string show their .NET properties
@{Name = 'x'} | ConvertTo-Csv -NoTypeInformation
'text' | ConvertTo-Csv
# an object without properties: the #TYPE line only
5 | ConvertTo-Csv

# Export-Csv writes the same lines (ASCII unless -Encoding says otherwise)
$db | Export-Csv $file
Show-File $file
[pscustomobject]@{City = 'Zürich'} | Export-Csv $file -NoTypeInformation
Show-File $file
[pscustomobject]@{City = 'Zürich'} | Export-Csv $file -NoTypeInformation -Encoding UTF8
(Import-Csv $file).City
[pscustomobject]@{City = 'Zürich'} | Export-Csv $file -NoTypeInformation -Encoding Unicode
(Import-Csv $file).City
# -Append keeps the file's columns; a column the object lacks needs -Force
[pscustomobject]@{Name = 'a'; Size = 1} | Export-Csv $file -NoTypeInformation
[pscustomobject]@{Size = 2; Name = 'b'; Extra = 'x'} | Export-Csv $file -Append
Show-Error { [pscustomobject]@{Name = 'c'} | Export-Csv $file -Append -ErrorAction Stop }
[pscustomobject]@{Name = 'd'} | Export-Csv $file -Append -Force
Show-File $file
# -NoClobber, -WhatIf
Show-Error { 'x' | Export-Csv $file -NoClobber -ErrorAction Stop }
[pscustomobject]@{Name = 'w'} | Export-Csv /tmp/emsh-data-csv-whatif.csv -WhatIf
(Import-Csv $file).Count
Import-Csv /tmp/emsh-data-csv-whatif.csv
# Path or LiteralPath: one of them
'x' | Export-Csv
'x' | Export-Csv -Path $file -LiteralPath $file

# Import-Csv gives strings; #TYPE gives the type name CSV:<type>
$db | Export-Csv $file
$row = Import-Csv $file
"$($row.Name) $($row.Size) [$($row.Size.GetType().Name)] note=[$($row.Note)] null=$($null -eq $row.Note) quote=$($row.Quote) when=$($row.When)"
$row.pstypenames[0]
# exporting an imported object drops the CSV: prefix again
@($row | ConvertTo-Csv)[0]
$row | Export-Csv $file -NoTypeInformation -Delimiter "`t"
(Import-Csv $file -Delimiter "`t").Mounted
Import-Csv -LiteralPath $file -Header A, B -Delimiter "`t" | Count-Rows

# the reader: quotes, doubled quotes, blanks around fields, quoted line breaks
$csv = 'Name,Size,Comment', '"DB01", 5 ,"has ""quotes"", and a comma"', '  DB02  ,6,"two', 'lines"', 'DB03'
$parsed = $csv -join "`n" | ConvertFrom-Csv
foreach ($p in $parsed) { "[$($p.Name)] [$($p.Size)] [$($p.Comment)] null=$($null -eq $p.Comment)" }
# each piped string is parsed on its own, the first giving the header
'Name,Size', 'DB01,5', 'DB02,6,extra' | ConvertFrom-Csv | Show-Row
'DB01;5' | ConvertFrom-Csv -Delimiter ';' -Header Name, Size | Show-Row
# a #TYPE first line names the type; empty header names become H1, H2 with a warning
('#TYPE Exchange.Database', 'Name', 'DB01' | ConvertFrom-Csv).pstypenames[0]
$h = 'a,,b,' , '1,2,3,4' | ConvertFrom-Csv
"$($h.a) $($h.H1) $($h.b)"
# a header named twice is an error
'a,A', '1,2' | ConvertFrom-Csv

# files that are not there
Import-Csv /tmp/emsh-data-csv-missing.csv
Import-Csv /emsh-no-such-directory/x.csv
Import-Csv '/tmp/emsh-data-csv-nomatch-*.zzz'
'x' | Export-Csv /emsh-no-such-directory/x.csv
'done'
