$rooms = Get-Mailbox -RecipientTypeDetails RoomMailbox, EquipmentMailbox -ResultSize Unlimited
$rooms | ForEach-Object {
    $cal = Get-CalendarProcessing -Identity $_.Identity
    [pscustomobject]@{
        Room              = $_.DisplayName
        Type              = $_.RecipientTypeDetails
        Capacity          = $_.ResourceCapacity
        AutomateProcessing = $cal.AutomateProcessing
        BookingWindowDays = $cal.BookingWindowInDays
        MaxDurationMin    = $cal.MaximumDurationInMinutes
        AllowConflicts    = $cal.AllowConflicts
        Delegates         = ($cal.ResourceDelegates | ForEach-Object { $PSItem.ToString() }) -join ', '
        BookInPolicy      = @($cal.BookInPolicy).Count
    }
} | Sort-Object Type, Room | Format-Table -AutoSize
