for ($i = 0; $i -lt $servers.Count; $i++) {
    $servers[$i]
}
for ($j = 10
     $j -gt 0
     $j--) { $j }
for (;;) { break }
