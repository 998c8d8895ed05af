# $ErrorActionPreference acts on statement-terminating errors too (not only
# on non-terminating ones, as -ErrorAction does)
$Error.Clear()
$ErrorActionPreference = 'SilentlyContinue'
1 / 0
'after a silenced error'
$Error.Count
$Error[0].Exception.Message
$ErrorActionPreference = 'Continue'
'abc'.NoSuchMethod()
'after a written error'
# an advanced function's -ErrorAction is its $ErrorActionPreference, so it acts on them too
function Test-Inner { [CmdletBinding()] param() [int]'x'; 'inner goes on' }
Test-Inner -ErrorAction SilentlyContinue
# Stop: caught by try, as every error is
$ErrorActionPreference = 'Stop'
try { 1 / 0 } catch { "caught: $($_.Exception.Message)" }
# in a function, it ends the function and the script
function Test-Stop { [array]::NoSuchMethod(); 'never printed' }
Test-Stop
'never printed either'
