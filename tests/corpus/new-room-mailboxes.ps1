$rooms = @(
    @{ Name = 'Room Berlin 1.01'; Alias = 'room.ber101'; Capacity = 8;  Building = 'Berlin HQ' },
    @{ Name = 'Room Berlin 1.02'; Alias = 'room.ber102'; Capacity = 12; Building = 'Berlin HQ' },
    @{ Name = 'Room Munich Board'; Alias = 'room.muc-board'; Capacity = 20; Building = 'Munich'; Delegate = 'assistant.board@contoso.com' }
)

foreach ($r in $rooms) {
    if (Get-Mailbox $r.Alias -ErrorAction SilentlyContinue) { Write-Host "$($r.Alias) exists"; continue }

    New-Mailbox -Room -Name $r.Name -Alias $r.Alias -OrganizationalUnit 'contoso.com/Resources/Rooms' -ResourceCapacity $r.Capacity | Out-Null
    Set-Place -Identity $r.Alias -Building $r.Building -Capacity $r.Capacity -ErrorAction SilentlyContinue

    $cal = @{
        Identity            = $r.Alias
        AutomateProcessing  = 'AutoAccept'
        BookingWindowInDays = 365
        AddOrganizerToSubject = $false
        DeleteComments      = $false
        RemovePrivateProperty = $false
    }
    if ($r.ContainsKey('Delegate')) {
        $cal.AllBookInPolicy = $false
        $cal.AllRequestInPolicy = $true
        $cal.ResourceDelegates = $r.Delegate
    }
    Set-CalendarProcessing @cal
    Set-MailboxFolderPermission -Identity "$($r.Alias):\Calendar" -User Default -AccessRights LimitedDetails
    Write-Host "created $($r.Name)" -ForegroundColor Green
}
