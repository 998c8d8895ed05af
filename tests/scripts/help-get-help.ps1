# help-get-help.ps1 - Get-Help: help objects for cmdlets (from their
# metadata) and functions (comment-based help and param blocks); the
# default, -Detailed, -Full, -Examples and -Parameter views; aliases,
# patterns, categories; functions without help; HelpNotFound and
# NoParmsFound.

# --- the help object ---
$h = Get-Help Get-Variable
"$($h.Name) | $($h.Category) | $($h.ModuleName)"
$h.Synopsis
$h.Syntax
($h.Parameters | ForEach-Object Name) -join ','
@($h.Examples).Count
(Get-Help gv).Name
(Get-Help Set-Variable).Syntax
(Get-Help Clear-Host).Category
(Get-Help Invoke-Command).Syntax[0]

# --- patterns, categories, searches ---
Get-Help *-Alias | ForEach-Object { "$($_.Name) | $($_.Category) | $($_.Synopsis)" }
(Get-Help Get-Vari*).Name
(Get-Help transcript | ForEach-Object Name) -join ','
@(Get-Help *-Variable -Category Function).Count
@(Get-Help nosuch-*).Count

# --- a function with comment-based help ---
function Get-MailboxReport {
    <#
    .SYNOPSIS
    Reports the mailboxes of a database.

    .DESCRIPTION
    Gets the mailboxes of the database and writes one line per mailbox,
    with its size.

    .PARAMETER Database
    The database to report on.

    .PARAMETER Top
    How many mailboxes to show.

    .EXAMPLE
    Get-MailboxReport -Database DB01
    Reports every mailbox of DB01.

    .EXAMPLE
    PS C:\> Get-MailboxReport DB02 -Top 5

    .INPUTS
    None.

    .OUTPUTS
    System.String

    .NOTES
    Written for the lab.

    .LINK
    Get-Mailbox
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)]
        [string]$Database,
        [int]$Top = 10,
        [ValidateSet('Size', 'Name')]
        [string]$SortBy = 'Size',
        [switch]$Detailed
    )
    "report of $Database"
}
$fh = Get-Help Get-MailboxReport
"$($fh.Name) | $($fh.Category) | $($fh.Synopsis)"
$fh.Description
Get-Help Get-MailboxReport
Get-Help Get-MailboxReport -Detailed
Get-Help Get-MailboxReport -Full
Get-Help Get-MailboxReport -Examples
Get-Help Get-MailboxReport -Parameter Top
Get-Help Get-MailboxReport -Parameter Nope -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].Exception.Message) | $($e[0].FullyQualifiedErrorId)"

# help written with line comments, before the function (a blank line
# keeps this comment out of it: a help block holds only directives)

# .SYNOPSIS
# Starts a lab.
# .DESCRIPTION
# Starts every server of the lab.
function Start-Lab { param($Name) }
(Get-Help Start-Lab).Synopsis
(Get-Help Start-Lab).Syntax

# --- a function without help: what its metadata tells ---
function Set-Thing ($Name, [int]$Count) { }
Get-Help Set-Thing

# --- a cmdlet ---
Get-Help Remove-Variable -Full
Get-Help Get-History -Examples
Get-Help Clear-Variable -Parameter *e

# --- errors ---
Get-Help Get-Nothing -ErrorAction SilentlyContinue -ErrorVariable e
"$($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category) | $($e[0].TargetObject)"
try { Get-Help Get-Variable -Online } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
Get-Help Get-Nothing

# comment-based help without .NOTES has no alert set: -Full shows no NOTES section
function Get-Short {
    <#
    .SYNOPSIS
    Gets little.
    .OUTPUTS
    System.String
    .EXAMPLE
    Get-Short
    #>
    param([string]$Name)
}
(Get-Help Get-Short -Full | Out-String) -split "`n" | Select-Object -Skip 28
