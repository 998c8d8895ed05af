if ($size -gt 10GB) {
    'huge'
}
elseif ($size -gt 1GB) {
    'big'
}
else
{
    'small'
}
if (Test-Path $path) { Remove-Item $path } else { Write-Warning "missing $path" }
