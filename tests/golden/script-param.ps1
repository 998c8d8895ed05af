#Requires -Version 5.1
#Requires -Modules ActiveDirectory
<#
.SYNOPSIS
Reports mailbox sizes.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string]$Server,
    [int]$Days = 7
)
Get-MailboxDatabase -Server $Server
