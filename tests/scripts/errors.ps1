# A statement-terminating error is written and the script goes on.
'before'
1 / 0
'after divide'
Get-NoSuchCommand -Name x
'after unknown command'
# try/catch with types, $_ and finally
try { 1 / 0 } catch [System.DivideByZeroException] { "caught: $($_.Exception.Message)" }
try { throw 'custom message' } catch { "message: $($_.Exception.Message)"; "id: $($_.FullyQualifiedErrorId)" }
try { Get-NoSuchCommand } catch [System.Management.Automation.CommandNotFoundException] { 'not found caught' }
try { 'in try' } finally { 'finally runs' }
try { try { throw 'inner' } finally { 'inner finally' } } catch { "outer caught $_" }
try { [int]'abc' } catch { $_.Exception.GetType().FullName }
# a string converts to an exception type through its message constructor; a catch of a base type takes it
try { throw [System.IO.FileNotFoundException]'no such file' } catch [System.IO.IOException] { "$($_.Exception.GetType().Name): $($_.Exception.Message)" }
# rethrow from a catch block
try { try { throw 'first' } catch { throw } } catch { "rethrown: $_" }
# errors inside functions reach the caller's try
function Fail-Inside { 1 / 0; 'not reached in try' }
try { Fail-Inside } catch { 'function error caught' }
# trap with continue suppresses the error and goes on
function With-Trap {
    trap { "trapped: $($_.Exception.Message)"; continue }
    throw 'oops'
    'after throw in trap function'
}
With-Trap
# $? and $Error
$Error.Clear()
$null = 5
$?
try { 1 / 0 } catch { }
$Error.Count -ge 1
# conversion errors
[int]'12x'
[datetime]'not a date'
# method and property errors
$nothing = $null
$nothing.Foo()
'abc'.NoSuchMethod()
# a throw outside try ends the script
throw 'fatal'
'never printed'
