if $mounted { 'yes' }
if ($a -eq 1 { 'one' }
if ($b) { 'b' } else
