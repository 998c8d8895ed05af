# 2>$null silences an element's error records; 2>&1 merges them into its output
try { 1 / 0 } catch { $script:rec = $_ }
function Emit-Error { [CmdletBinding()] param() $PSCmdlet.WriteError($script:rec); 'after' }
Emit-Error 2>$null
$r = Emit-Error 2>&1
$r.Count
$r[0].GetType().FullName
$r[1]
# errors redirected away are still recorded in $Error
$Error.Clear()
Emit-Error 2>$null | Out-Null
$Error.Count
# > and >> write the output to a file
$file = "$env:TMPDIR/emsh-redir-test.txt"
if (-not $env:TMPDIR) { $file = '/tmp/emsh-redir-test.txt' }
'first' > $file
'second' >> $file
/bin/cat $file
/bin/rm $file
# > $null discards
'gone' > $null
'kept'
