param([string]$Out = "$env:USERPROFILE\Desktop\exchange-certs.html")

$rows = foreach ($srv in (Get-ExchangeServer | sort Name)) {
    Get-ExchangeCertificate -Server $srv.Name | select @{n='Server';e={$srv.Name}}, FriendlyName, Subject,
        @{n='SAN';e={$_.CertificateDomains -join '<br>'}}, Services, NotAfter, IsSelfSigned, Thumbprint
}

$pre = @'
<h1>Exchange certificate inventory</h1>
<p>Rows in red expire within 30 days.</p>
'@
$css = '<style>td,th{border:1px solid #ccc;padding:2px 5px;font:9pt Tahoma}table{border-collapse:collapse}.soon{background:#fbb}</style>'

$html = $rows | ConvertTo-Html -Head $css -PreContent $pre -Title 'Certificates' | Out-String
# ConvertTo-Html escapes our <br>; put it back, and colour near-expiry rows
$html = $html -replace '&lt;br&gt;', '<br>'
$limit = (Get-Date).AddDays(30)
$html = [regex]::Replace($html, '<tr><td>(?<row>.*?)</tr>', {
    param($m)
    if ($m.Value -match '<td>(\d{1,2}/\d{1,2}/\d{4}[^<]*)</td>' -and [datetime]$Matches[1] -lt $limit) {
        $m.Value -replace '^<tr>', '<tr class="soon">'
    } else { $m.Value }
})
$html | Set-Content $Out -Encoding UTF8
Invoke-Item $Out
