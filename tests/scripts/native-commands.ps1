# Programs on PATH run as native commands: their output lines are strings
$kernel = uname -s
$kernel
$kernel.GetType().FullName
# arguments: one word per argument, arrays expand, -Name:value stays one word
/bin/echo one 'two words' @('x', 'y') -flag:on
# pipeline input goes to standard input, a line per object
'b', 'a', 'c' | /usr/bin/sort
# exit status in $LASTEXITCODE; $? is false after a failure
true
$LASTEXITCODE
false
$?
$LASTEXITCODE
