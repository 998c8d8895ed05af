$mbx.Name
$mbx.Name.Length
$mbx.GetType().FullName
$obj.$property
$obj.'Property With Spaces'
$obj."$prefix Name"
$list[0]
$list[-1]
$list[1..3]
$list[0, 2]
$table['key'].Value
$matrix[0][1]
$env:Path.Split(';')[0]
