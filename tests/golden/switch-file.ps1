:scan switch -File C:\Logs\transport.log {
    '*550*' { $rejected++ }
    default { }
}
switch -Regex -File $logPath { 'fail' { break scan } }
