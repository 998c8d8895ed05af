switch -Regex -CaseSensitive ($line) {
    '^Error' { $errors++ }
    '^Warn(ing)?' { $warnings++; continue }
    { $_.Length -gt 80 } { 'long line' }
    default { $other++ }
}
switch -Wildcard ($db.Name) {
    'DB0*' { 'primary' }
    'Arch*' { 'archive'; break }
}
switch -Exact (1, 2, 3) { 2 { 'two' } }
