Get-MailboxDatabase | sort Name | % { [pscustomobject]@{ Database = $_.Name; Mailboxes = (Get-Mailbox -Database $_ -ResultSize Unlimited | measure).Count; Server = $_.Server } } | ft -a
