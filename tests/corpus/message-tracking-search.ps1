#requires -Version 5.1
<#
.SYNOPSIS
    Searches the message tracking logs on all transport servers in parallel jobs.

.DESCRIPTION
    Wrapper around Get-MessageTrackingLog that fans the query out to every
    Mailbox server, merges and de-duplicates the results and shows one line
    per message per event. Sender/recipient accept wildcards, which are
    applied client side because the cmdlet itself does not support them.

.EXAMPLE
    .\message-tracking-search.ps1 -Sender '*@fabrikam.com' -Start (Get-Date).AddHours(-4)

.EXAMPLE
    .\message-tracking-search.ps1 -MessageId '<CAF1234@mail.gmail.com>' -EventId FAIL, DSN
#>
[CmdletBinding(DefaultParameterSetName = 'Address')]
param(
    [Parameter(ParameterSetName = 'Address')]
    [string]$Sender,

    [Parameter(ParameterSetName = 'Address')]
    [string]$Recipient,

    [Parameter(ParameterSetName = 'Address')]
    [string]$Subject,

    [Parameter(Mandatory = $true, ParameterSetName = 'MessageId')]
    [ValidatePattern('^<?[^@\s]+@[^>\s]+>?$')]
    [string]$MessageId,

    [ValidateSet('RECEIVE', 'SEND', 'DELIVER', 'FAIL', 'DSN', 'DEFER', 'EXPAND', 'REDIRECT', 'RESOLVE', 'TRANSFER', 'HAREDIRECT', 'SUBMIT', 'DROP', 'POISONMESSAGE')]
    [string[]]$EventId,

    [datetime]$Start = (Get-Date).AddDays(-1),

    [datetime]$End = (Get-Date),

    [string[]]$Server = @(Get-TransportService | Select-Object -ExpandProperty Name),

    [switch]$GridView
)

if ($Start -ge $End) {
    throw [System.ArgumentException]::new('Start must be earlier than End.')
}

$query = @{
    Start       = $Start
    End         = $End
    ResultSize  = 'Unlimited'
    ErrorAction = 'SilentlyContinue'
}

# Only pass exact values to the server; wildcards are filtered locally
$wild = '[\*\?]'
if ($MessageId) {
    $query.MessageId = if ($MessageId.StartsWith('<')) { $MessageId } else { "<$MessageId>" }
}
if ($Sender -and $Sender -notmatch $wild) { $query.Sender = $Sender }
if ($Recipient -and $Recipient -notmatch $wild) { $query.Recipients = $Recipient }
if ($Subject -and $Subject -notmatch $wild) { $query.MessageSubject = $Subject }

Write-Verbose ("Query: " + (($query.GetEnumerator() | ForEach-Object { '{0}={1}' -f $_.Key, $_.Value }) -join '; '))

$all = foreach ($s in $Server) {
    Write-Progress -Activity 'Searching message tracking logs' -Status $s
    if ($EventId) {
        foreach ($e in $EventId) { Get-MessageTrackingLog -Server $s -EventId $e @query }
    }
    else {
        Get-MessageTrackingLog -Server $s @query
    }
}
Write-Progress -Activity 'Searching message tracking logs' -Completed

# client side wildcard filters
if ($Sender -match $wild)    { $all = $all | Where-Object { $_.Sender -like $Sender } }
if ($Recipient -match $wild) { $all = $all | Where-Object { @($_.Recipients | Where-Object { $_ -like $Recipient }).Count -gt 0 } }
if ($Subject -match $wild)   { $all = $all | Where-Object MessageSubject -Like $Subject }

$result = $all |
    Sort-Object Timestamp, ServerHostname, EventId -Unique |
    Select-Object Timestamp,
        @{n = 'Server'; e = { $_.ServerHostname }},
        EventId, Source,
        Sender,
        @{n = 'Recipients'; e = { $_.Recipients -join ';' }},
        @{n = 'Subject'; e = { $_.MessageSubject }},
        @{n = 'SizeKB'; e = { [math]::Round($_.TotalBytes / 1KB, 1) }},
        RecipientStatus,
        MessageId

if (-not $result) {
    Write-Warning 'No matching events.'
    return
}

"{0} event(s) for {1} message(s)" -f @($result).Count, @($result | Select-Object -ExpandProperty MessageId -Unique).Count

if ($GridView) {
    $result | Out-GridView -Title "Message tracking $($Start.ToString('g')) - $($End.ToString('g'))"
}
else {
    $result | Format-Table Timestamp, Server, EventId, Source, Sender, Recipients, Subject -AutoSize
}
