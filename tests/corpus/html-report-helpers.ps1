<#
.SYNOPSIS
    Shared helpers for the HTML report scripts. Dot-source this file:
        . "$PSScriptRoot\html-report-helpers.ps1"
#>

$script:ReportCss = @'
<style type="text/css">
  body   { font-family: "Segoe UI", Tahoma, sans-serif; font-size: 10pt; }
  h1     { font-size: 16pt; margin-bottom: 2px; }
  h2     { font-size: 12pt; margin-top: 18px; color: #333; }
  table  { border-collapse: collapse; width: auto; }
  th     { background-color: #4472c4; color: white; text-align: left; padding: 4px 10px; }
  td     { padding: 3px 10px; border-bottom: 1px solid #ddd; }
  .ok    { color: #107c10; }
  .warn  { background-color: #fff4ce; }
  .crit  { background-color: #fde7e9; color: #a80000; font-weight: bold; }
  .small { font-size: 8pt; color: #777; }
</style>
'@

function ConvertTo-HtmlEncoded {
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(ValueFromPipeline = $true)][AllowNull()][AllowEmptyString()][string]$Text)
    process {
        if ($null -eq $Text) { return '' }
        $Text.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;').Replace('"', '&quot;')
    }
}

function New-HtmlTable {
    <#
    .SYNOPSIS
        Renders objects as an HTML table. -RowClass is a script block that returns
        a CSS class name for each object ($_ is the object).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [AllowNull()]
        [object[]]$InputObject,

        [string[]]$Property,

        [scriptblock]$RowClass,

        [string]$EmptyText = 'No data.'
    )
    begin { $items = New-Object System.Collections.Generic.List[object] }
    process { foreach ($o in $InputObject) { if ($null -ne $o) { $items.Add($o) } } }
    end {
        if ($items.Count -eq 0) { return "<p class=`"small`">$EmptyText</p>" }
        if (-not $Property) { $Property = $items[0].PSObject.Properties.Name }

        $sb = [System.Text.StringBuilder]::new()
        [void]$sb.Append('<table><tr>')
        foreach ($p in $Property) { [void]$sb.Append("<th>$($p | ConvertTo-HtmlEncoded)</th>") }
        [void]$sb.Append('</tr>')

        foreach ($item in $items) {
            $class = if ($RowClass) { $item | ForEach-Object $RowClass } else { '' }
            [void]$sb.Append($(if ($class) { "<tr class=`"$class`">" } else { '<tr>' }))
            foreach ($p in $Property) {
                $value = $item.$p
                if ($value -is [datetime]) { $value = $value.ToString('yyyy-MM-dd HH:mm') }
                elseif ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) { $value = $value -join ', ' }
                [void]$sb.Append("<td>$("$value" | ConvertTo-HtmlEncoded)</td>")
            }
            [void]$sb.Append('</tr>')
        }
        [void]$sb.Append('</table>')
        $sb.ToString()
    }
}

function New-HtmlReport {
    param(
        [Parameter(Mandatory = $true)][string]$Title,
        [Parameter(Mandatory = $true)][string[]]$Section
    )
    $generated = Get-Date -Format 'yyyy-MM-dd HH:mm'
    @"
<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>$Title</title>
$script:ReportCss
</head>
<body>
<h1>$Title</h1>
<div class="small">Generated $generated on $env:COMPUTERNAME</div>
$($Section -join "`r`n")
</body>
</html>
"@
}

function Send-HtmlReport {
    param(
        [Parameter(Mandatory = $true)][string]$Html,
        [Parameter(Mandatory = $true)][string]$Subject,
        [string[]]$To = $global:ReportRecipients,
        [string]$SmtpServer = 'smtp.contoso.com',
        [string]$From = "reports@contoso.com"
    )
    if (-not $To) { Write-Warning 'No recipients; report not sent.'; return }
    Send-MailMessage -To $To -From $From -Subject $Subject -Body $Html -BodyAsHtml -SmtpServer $SmtpServer -Encoding UTF8
}
