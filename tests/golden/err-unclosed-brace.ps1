foreach ($db in Get-MailboxDatabase) {
    if ($db.Mounted) {
        $db.Name
}
