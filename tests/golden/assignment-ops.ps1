$count = 0
$count += 5
$count -= 1
$count *= 2
$count /= 4
$count %= 3
$name ??= 'default'
$first, $rest = 1, 2, 3
$a = $b = 'same'
[int]$typed = '42'
$obj.Property = Get-Date
$list[0] = 'x'
