# Send-on-behalf delegates of every mailbox, exported to CSV
# and the ten delegates with the most mailboxes.
Get-Mailbox -ResultSize Unlimited -Filter 'GrantSendOnBehalfTo -ne $null' |
    ForEach-Object {
        $m = $_
        $m.GrantSendOnBehalfTo | ForEach-Object {
            [pscustomobject]@{ Mailbox = $m.DisplayName; Delegate = $_.Name }
        }
    } |
    Sort-Object Mailbox, Delegate |
    Export-Csv .\send-on-behalf.csv -NoTypeInformation

Import-Csv .\send-on-behalf.csv | Group-Object Delegate | Sort-Object Count -Descending | Select-Object -First 10 Count, Name

# delegates that no longer exist show up as unresolved names
Import-Csv .\send-on-behalf.csv | ? { -not (Get-Recipient $_.Delegate -ErrorAction SilentlyContinue) } | select Mailbox, Delegate
