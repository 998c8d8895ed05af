param([Parameter(Mandatory, ValueFromPipeline)][string[]]$Identity)
process {
    foreach ($id in $Identity) {
        Set-Mailbox $id -Type Shared -Confirm:$false
        $m = Get-Mailbox $id
        '{0} -> {1}' -f $m.DisplayName, $m.RecipientTypeDetails
    }
}
