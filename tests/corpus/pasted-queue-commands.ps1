# Queue troubleshooting — collected from various blog posts

# all queues with messages
Get-Queue –Server EX01 | Where-Object { $_.MessageCount –gt 0 } | Format-Table Identity, DeliveryType, Status, MessageCount, NextHopDomain –AutoSize

# messages stuck in the retry queue
Get-Message –Queue “EX01\Unreachable” | Format-List FromAddress, Recipients, Subject, LastError

# retry & resubmit
Retry-Queue –Identity “EX01\Unreachable” –Resubmit $true
Get-Queue —Identity ‘EX01\Submission’ | Format-List

# remove all messages from a spammer (without NDR)
Get-Message –Filter “FromAddress –like ‘*@spam-domain.example’” –Server EX01 | Remove-Message –WithNDR $false –Confirm:$false

# suspend and resume the queue for a partner domain
Suspend-Queue –Identity ‘EX01\partner.example’
Resume-Queue —Identity ‘EX01\partner.example’

# count per next hop
Get-Queue | Group-Object NextHopDomain | Sort-Object Count –Descending | Select-Object Count, Name
