$state = $db.Mounted ? 'up' : 'down'
$a ? 1 : $b ? 2 : 3
$name = $given ?? 'unknown'
$cache ??= @{}
${conn}?.SmartHosts?[0]
${res}?.Close()
$v?.x
