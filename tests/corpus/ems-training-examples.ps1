<#
.SYNOPSIS
    Exercises for new members of the messaging team: how PowerShell parses
    what you type in the Exchange Management Shell. Run it section by section
    (F8 in the ISE) and compare the output with the comments.

.NOTES
    Uses only read-only Exchange cmdlets.
#>
[CmdletBinding()]
param(
    [string]$SampleMailbox = 'administrator',   # any mailbox you can read
    <# the database is only used in section 4 #>
    [string]$SampleDatabase = (Get-MailboxDatabase | Select-Object -First 1 -ExpandProperty Name)
)

#region 1. argument mode vs. expression mode
Write-Output 2+2                 # argument mode: the text "2+2"
Write-Output (2+2)               # expression: 4
Write-Output 10GB                # a number with a multiplier suffix: 10737418240
Write-Output 0x1F 1e3 100L 1d    # hex, exponent, long and decimal literals: 31 1000 100 1
Write-Output .\maintenance-enter.ps1 EX01     # bare paths and words are just strings here
$limit = 1.5GB
"1.5GB is $limit bytes, or $($limit / 1MB) MB"
#endregion

#region 2. comparison operators and their case variants
$alias = 'JSmith'
$alias -eq 'jsmith'              # True  (case-insensitive by default)
$alias -ieq 'jsmith'             # True  (explicitly insensitive)
$alias -ceq 'jsmith'             # False (case-sensitive)
$alias -cne 'jsmith'             # True
$alias -like 'j*'                # True
$alias -ilike 'J*'               # True
$alias -clike 'j*'               # False
$alias -cnotlike 'j*'            # True
'EX01.contoso.com' -match '^ex(\d+)\.'    # True; $Matches[1] is now '01'
"server number: $($Matches[1])"
'EX01' -imatch '^ex'             # True
'EX01' -cmatch '^ex'             # False
'DB01', 'DB02', 'DB03' -contains 'db02'    # True
'DB01', 'DB02', 'DB03' -ccontains 'db02'   # False
'db02' -in 'DB01', 'DB02'        # True
'db02' -cin 'DB01', 'DB02'       # False
'DB09' -notin 'DB01', 'DB02'     # True
#endregion

#region 3. strings: split, join, replace, format
$dn = 'CN=EX01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups'
$parts = $dn -split ','          # binary split on a regex
$parts[0]                        # CN=EX01
$parts[-1]                       # last element
$parts[1..2]                     # a slice
$words = -split '  queue   EX01\Submission   Ready  '   # unary split on whitespace
$words.Count                     # 3
-join ('E', 'X', '0', '1')       # unary join: EX01
($parts | ForEach-Object { $_ -replace '^CN=' }) -join ' / '
'Mailbox Database 0123456789' -creplace 'Mailbox Database', 'MDB'
'a;b,,c' -csplit '[;,]'
'SMTP:J.Smith@Contoso.com' -isplit 'smtp:' | Where-Object { $_ }
'{0,-10}|{1,8:N1}|{2:P0}' -f 'DB01', 123.456, 0.25
'It''s a single-quoted string with a doubled quote'
"Tab`tand new line`nand a literal `$ sign and a `"quote`""
${Mailbox Count} = (Get-Mailbox -ResultSize 10 -WarningAction SilentlyContinue | Measure-Object).Count
"Variables with spaces need braces: ${Mailbox Count}"
#endregion

#region 4. numbers, types, bit operations
[int]$copies = 3
$copies++
$copies--
--$copies
$copies += 2; $copies -= 1; $copies *= 4; $copies /= 2; $copies %= 5
"copies is now $copies"
$size = (Get-MailboxDatabase $SampleDatabase -Status).DatabaseSize
$size -is [object]                  # True
$size -isnot [string]               # True in a local EMS, False in a remote session
'42' -as [int]                      # 42
'forty-two' -as [int]               # $null instead of an error
[math]::Round(2.5), [math]::Round(3.5)    # banker's rounding: 2 4
[math]::Pow(2, 10) -eq 1KB          # True
0x0F -band 0x3C                     # 12
0x0F -bor 0x30                      # 63
0x0F -bxor 0xFF                     # 240
-bnot 0                             # -1
1 -shl 10                           # 1024
1024 -shr 3                         # 128
($true -xor $false), (!$true), (-not $false)
1..5 | ForEach-Object { $_ * 2 }
$last3 = (10..20)[-3..-1]           # 18 19 20
#endregion

#region 5. automatic variables
Get-Mailbox $SampleMailbox | Out-Null
"did it work? $?"
cmd /c exit 3
"native exit code: $LASTEXITCODE"
$firstToken = $^                    # first token of the previous line
$lastToken = $$                     # last token of the previous line
"previous line: first token '$firstToken', last token '$lastToken'"
Get-Service MSExchange* | Where-Object { $PSItem.Status -eq 'Running' } | Select-Object -First 3 Name
function Show-Args { "got $($args.Count) argument(s): $($args -join ', ')" }
Show-Args EX01 EX02 -Verbose
"profile: $PROFILE  host: ${env:COMPUTERNAME}  user: $env:USERDOMAIN\$env:USERNAME"
#endregion

#region 6. hashtables, ordered dictionaries and calculated properties
$h = @{ Name = 'DB01'; Copies = 3; Check = { param($n) $n -ge 2 } }
$h['Name']; $h.Copies; & $h.Check $h.Copies
$o = [ordered]@{ Second = 2; First = 1 }
$o.Keys -join ','                   # Second,First (insertion order is kept)
$prop = 'Database'
$m = Get-Mailbox $SampleMailbox
$m.$prop                            # dynamic member access
Get-Mailbox $SampleMailbox | Select-Object DisplayName, @{Name = 'Db'; Expression = { $_.Database }}, @{n = 'Upn'; e = { $_.UserPrincipalName }}
$list = [System.Collections.Generic.List[string]]::new()
$list.Add('EX01'); $list.Add('EX02')
"$($list.Count) servers in the list, first $($list[0])"
#endregion
