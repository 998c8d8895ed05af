[int]'42'
[string[]]$names
[System.Collections.Generic.Dictionary[string, int]]::new()
[System.Collections.Generic.List[System.Collections.Generic.List[int]]]$nested
[int[,]]$grid
[math]::Round($x, 2)
[DateTime]::Now.AddDays(-30)
[Environment+SpecialFolder]::Desktop
[void]$list.Add('x')
