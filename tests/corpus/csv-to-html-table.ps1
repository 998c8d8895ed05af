param(
    [Parameter(Mandatory = $true, Position = 0)][string]$CsvPath,
    [string]$Title = [IO.Path]::GetFileNameWithoutExtension($CsvPath)
)
$data = Import-Csv $CsvPath
$out = [IO.Path]::ChangeExtension($CsvPath, 'html')
$data | ConvertTo-Html -Title $Title -PreContent "<h2>$Title</h2><p>$($data.Count) rows</p>" | Out-File $out -Encoding utf8
Write-Output "wrote $out"
