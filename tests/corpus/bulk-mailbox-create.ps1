#requires -Version 5.1
#Requires -Modules ActiveDirectory
<#
.SYNOPSIS
    Creates user mailboxes in bulk from a CSV file.

.DESCRIPTION
    Expected CSV columns:
        FirstName, LastName, SamAccountName, Department, Title, OU, Database, Password (optional)
    Missing SamAccountName values are generated as first letter of the first
    name plus the last name. Existing accounts are skipped. A log CSV with the
    result of every row is written next to the input file.

.PARAMETER Path
    The CSV file.

.PARAMETER Domain
    UPN suffix and primary SMTP domain.

.EXAMPLE
    .\bulk-mailbox-create.ps1 -Path .\new-starters.csv -Domain contoso.com -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
param(
    [Parameter(Mandatory = $true, Position = 0, HelpMessage = 'CSV file with the new users')]
    [ValidateScript({ (Test-Path -LiteralPath $_ -PathType Leaf) -and ($_ -like '*.csv') })]
    [string]$Path,

    [Parameter(Mandatory = $true)]
    [ValidatePattern('^[a-z0-9\.\-]+\.[a-z]{2,}$')]
    [string]$Domain,

    [string]$DefaultOU = 'OU=Users,OU=Corp,DC=contoso,DC=com',

    [string]$DefaultDatabase,

    [ValidateRange(8, 64)]
    [int]$PasswordLength = 16,

    [char]$Delimiter = ','
)

Set-StrictMode -Version Latest

function New-RandomPassword {
    [OutputType([string])]
    param([int]$Length = 16)
    $sets = 'ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@'
    $rng = [System.Security.Cryptography.RandomNumberGenerator]::Create()
    $bytes = New-Object byte[] $Length
    $rng.GetBytes($bytes)
    $chars = for ($i = 0; $i -lt $Length; $i++) {
        $set = $sets[$i % $sets.Count]
        $set[$bytes[$i] % $set.Length]
    }
    # shuffle so the character classes are not in a fixed order
    -join ($chars | Sort-Object { Get-Random })
}

function Get-UniqueAlias {
    param([string]$First, [string]$Last)
    $clean = { param($s) ($s.Normalize([Text.NormalizationForm]::FormD) -replace '\p{Mn}', '' -replace '[^a-zA-Z]', '').ToLower() }
    $base = (& $clean $First).Substring(0, 1) + (& $clean $Last)
    $candidate = $base
    $n = 1
    while (Get-Recipient -Identity $candidate -ErrorAction SilentlyContinue) {
        $n++
        $candidate = "$base$n"
    }
    $candidate
}

$rows = @(Import-Csv -LiteralPath $Path -Delimiter $Delimiter)
$required = 'FirstName', 'LastName'
$missing = $required | Where-Object { $rows.Count -and $rows[0].PSObject.Properties.Name -notcontains $_ }
if ($missing) {
    throw "CSV is missing required column(s): $($missing -join ', ')"
}

$log = [System.Collections.Generic.List[object]]::new()
$created = 0
$lineNo = 1

foreach ($row in $rows) {
    $lineNo++
    $first = $row.FirstName.Trim()
    $last  = $row.LastName.Trim()
    if ([string]::IsNullOrWhiteSpace($first) -or [string]::IsNullOrWhiteSpace($last)) {
        $log.Add([pscustomobject]@{ Line = $lineNo; Name = "$first $last"; Result = 'Skipped'; Detail = 'empty name' })
        continue
    }

    $sam = if ($row.PSObject.Properties['SamAccountName'] -and $row.SamAccountName) { $row.SamAccountName } else { Get-UniqueAlias $first $last }
    $upn = "$sam@$Domain"
    $ou  = if ($row.PSObject.Properties['OU'] -and $row.OU) { $row.OU } else { $DefaultOU }
    $db  = if ($row.PSObject.Properties['Database'] -and $row.Database) { $row.Database } else { $DefaultDatabase }

    if (Get-ADUser -Filter "SamAccountName -eq '$sam'" -ErrorAction SilentlyContinue) {
        $log.Add([pscustomobject]@{ Line = $lineNo; Name = "$first $last"; Result = 'Skipped'; Detail = "account $sam exists" })
        continue
    }

    $plain = if ($row.PSObject.Properties['Password'] -and $row.Password) { $row.Password } else { New-RandomPassword -Length $PasswordLength }
    $secure = ConvertTo-SecureString -String $plain -AsPlainText -Force

    $newParams = @{
        Name                      = "$last, $first"
        DisplayName               = "$last, $first"
        FirstName                 = $first
        LastName                  = $last
        SamAccountName            = $sam
        Alias                     = $sam
        UserPrincipalName         = $upn
        OrganizationalUnit        = $ou
        Password                  = $secure
        ResetPasswordOnNextLogon  = $true
        ErrorAction               = 'Stop'
    }
    if ($db) { $newParams.Database = $db }

    if (-not $PSCmdlet.ShouldProcess($upn, 'New-Mailbox')) { continue }

    try {
        $mbx = New-Mailbox @newParams
        $adProps = @{}
        if ($row.PSObject.Properties['Department'] -and $row.Department) { $adProps.Department = $row.Department }
        if ($row.PSObject.Properties['Title'] -and $row.Title) { $adProps.Title = $row.Title }
        if ($adProps.Count) { Set-User -Identity $mbx.Identity @adProps -ErrorAction Stop }

        $created++
        $log.Add([pscustomobject]@{ Line = $lineNo; Name = $mbx.DisplayName; Result = 'Created'; Detail = "$upn on $($mbx.Database)"; InitialPassword = $plain })
    }
    catch [System.Management.Automation.ParameterBindingException] {
        $log.Add([pscustomobject]@{ Line = $lineNo; Name = "$first $last"; Result = 'Error'; Detail = "bad parameter: $($_.Exception.Message)" })
    }
    catch {
        $log.Add([pscustomobject]@{ Line = $lineNo; Name = "$first $last"; Result = 'Error'; Detail = $_.Exception.Message })
    }
}

$logPath = [IO.Path]::Combine([IO.Path]::GetDirectoryName((Resolve-Path -LiteralPath $Path).ProviderPath),
    ([IO.Path]::GetFileNameWithoutExtension($Path) + "-result-$(Get-Date -Format yyyyMMddHHmmss).csv"))
$log | Export-Csv -LiteralPath $logPath -NoTypeInformation -Encoding UTF8

$summary = $log | Group-Object Result | ForEach-Object { '{0}: {1}' -f $_.Name, $_.Count }
Write-Host ("Done. {0}. Log: {1}" -f ($summary -join ', '), $logPath)
Write-Warning 'The log contains initial passwords; store it securely and delete it after hand-over.'
