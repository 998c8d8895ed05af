<#
.SYNOPSIS
    Parses an Exchange setup log (ExchangeSetup.log) and summarises errors,
    warnings and the duration of each setup step.
#>
param(
    [ValidateScript({ Test-Path $_ })]
    [string]$Path = 'C:\ExchangeSetupLogs\ExchangeSetup.log'
)

$errors = New-Object System.Collections.Generic.List[string]
$warnings = 0
$steps = [ordered]@{}
$current = $null
$lineNo = 0

switch -Regex -CaseSensitive -File $Path {
    '^\[(?<ts>[\d/ :\.]+)\] \[\d\] Beginning processing (?<step>[\w\-]+)' {
        $lineNo++
        $current = $Matches.step
        $steps[$current] = @{ Start = [datetime]::Parse($Matches.ts); End = $null }
        continue
    }
    '^\[(?<ts>[\d/ :\.]+)\] \[\d\] Ending processing (?<step>[\w\-]+)' {
        $lineNo++
        if ($steps.Contains($Matches.step)) { $steps[$Matches.step].End = [datetime]::Parse($Matches.ts) }
        continue
    }
    '\[ERROR\]' {
        $lineNo++
        $errors.Add(($_ -replace '^\[[^\]]+\] \[\d\] ', ''))
        continue
    }
    '\[WARNING\]' {
        $lineNo++
        $warnings++
        continue
    }
    default {
        $lineNo++
    }
}

"Parsed $lineNo line(s): $($errors.Count) error(s), $warnings warning(s)"
$steps.GetEnumerator() | ForEach-Object {
    $dur = if ($_.Value.End) { $_.Value.End - $_.Value.Start } else { $null }
    [pscustomobject]@{ Step = $_.Key; Started = $_.Value.Start; Duration = if ($dur) { '{0:hh\:mm\:ss}' -f $dur } else { 'not finished' } }
} | Sort-Object Started | Format-Table -AutoSize

if ($errors.Count) {
    'Last errors:'
    $errors[-1..-([math]::Min(5, $errors.Count))]
}

# second pass: which setup phase was last completed? (case-insensitive wildcard match)
$lastPhase = 'unknown'
switch -Wildcard -File $Path {
    '*Setup is stopping now*'               { $lastPhase = 'stopped' }
    '*The Exchange Server setup operation completed successfully*' { $lastPhase = 'success' }
    '*Setup will run from path*'            { $lastPhase = 'started' }
}
"Setup result: $lastPhase"
