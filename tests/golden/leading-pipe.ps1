Get-Mailbox -ResultSize Unlimited
    # only large ones
    | Where-Object { $_.TotalItemSize -gt 1GB }
    | Sort-Object Name

1..10
    |
    ForEach-Object { $_ * 3 }
