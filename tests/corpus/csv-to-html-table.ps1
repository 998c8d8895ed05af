<#
.SYNOPSIS
    Turns any report CSV into a simple HTML page next to it.
.EXAMPLE
    .\csv-to-html-table.ps1 .\mailbox-sizes.csv -Title 'Mailbox sizes'
#>
param(
    [Parameter(Mandatory = $true, Position = 0)][string]$CsvPath,
    [string]$Title = [IO.Path]::GetFileNameWithoutExtension($CsvPath),
    [string]$Delimiter = ','
)
$data = Import-Csv $CsvPath -Delimiter $Delimiter
$out = [IO.Path]::ChangeExtension($CsvPath, 'html')
$css = '<style>body{font-family:Segoe UI}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style>'
$data | ConvertTo-Html -Title $Title -Head $css -PreContent "<h2>$Title</h2><p>$($data.Count) rows</p>" | Out-File $out -Encoding utf8
Write-Output "wrote $out"
