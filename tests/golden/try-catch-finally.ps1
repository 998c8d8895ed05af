try {
    Set-Mailbox -Identity $id -ProhibitSendQuota 5GB -ErrorAction Stop
}
catch [System.UnauthorizedAccessException], [System.Security.SecurityException] {
    Write-Error "access denied for $id"
}
catch [Microsoft.Exchange.Data.DataValidationException] {
    throw
}
catch {
    $_.Exception.Message
}
finally {
    Remove-PSSession $session
}
try { 1 } finally { 2 }
