# object-tee.ps1 - Tee-Object (-Variable, -FilePath, -Append, the error for
# a missing directory) and Get-Unique (objects compared case-sensitively,
# -AsString, -OnType, only neighbours compared).
function Show-Failure([scriptblock]$Block) {
    try { & $Block } catch { 'error: ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' (' + $_.CategoryInfo.Category + '): ' + $_.Exception.Message }
}
'passes objects on: ' + ((1..3 | Tee-Object -Variable v) -join ',')
'variable: ' + ($v -join ',') + ' ' + $v.GetType().FullName
'one' | Tee-Object -Variable single | Out-Null
'single object: ' + $single.GetType().FullName
$null = 'x' | tee -Variable viaAlias
'alias tee: ' + $viaAlias
$file = '/tmp/emsh-object-tee-test.txt'
'file: ' + (('a', 'b' | Tee-Object -FilePath $file | ForEach-Object { "passed $_" }) -join ',')
'append: ' + ('c' | Tee-Object $file -Append)
Show-Failure { 'x' | Tee-Object -FilePath /nonexistent-emsh-dir/f.txt }
'--- Get-Unique'
'neighbours only: ' + ((1, 1, 2, 1, 3, 3 | Get-Unique) -join ',')
'sorted first: ' + ((1, 1, 2, 1, 3, 3 | Sort-Object | Get-Unique) -join ',')
'case-sensitive: ' + (('a', 'A', 'a', 'a' | Get-Unique) -join ',')
'as string: ' + (('b', 'b', 'B' | Get-Unique -AsString) -join ',')
'on type: ' + ((1, 2, 'x', 'y', 3 | Get-Unique -OnType) -join ',')
'converted compare: ' + ((1, '1', 1.0 | Get-Unique) -join ',')
'alias gu: ' + ((5, 5 | gu) -join ',')
'end'
