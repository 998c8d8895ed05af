Get-Mailbox -Database DB01 `
    -ResultSize Unlimited `
    -Filter "IsShared -eq 'True'"
$total = 1 +
    2
Get-Queue |
    Where-Object MessageCount -gt 10 |

    Sort-Object MessageCount
$x = (
    1 +
    2
)
Get-X <# inline #> -Name y # trailing
