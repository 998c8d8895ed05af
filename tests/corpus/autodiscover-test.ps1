<#
.SYNOPSIS
    POSTs an Autodiscover request for a mailbox and prints the returned URLs.
#>
param(
    [Parameter(Mandatory = $true)][string]$EmailAddress,
    [string]$Url,
    [pscredential]$Credential = (Get-Credential -Message "Credentials for $EmailAddress")
)

if (-not $Url) {
    $domain = $EmailAddress.Split('@')[1]
    $Url = "https://autodiscover.$domain/Autodiscover/Autodiscover.xml"
}

$body = @"
<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>$EmailAddress</EMailAddress>
    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
  </Request>
</Autodiscover>
"@

if ($Url -imatch '^http://') { Write-Warning 'Autodiscover over plain HTTP sends the credentials unencrypted' }

[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

try {
    $response = Invoke-WebRequest -Uri $Url -Method Post -Body $body -ContentType 'text/xml; charset=utf-8' -Credential $Credential -UseBasicParsing -MaximumRedirection 3
    [xml]$xml = $response.Content
    $ns = New-Object System.Xml.XmlNamespaceManager($xml.NameTable)
    $ns.AddNamespace('a', 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006')
    $ns.AddNamespace('o', 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a')

    "Display name : $($xml.SelectSingleNode('//o:User/o:DisplayName', $ns).InnerText)"
    foreach ($p in $xml.SelectNodes('//o:Protocol', $ns)) {
        $type = $p.SelectSingleNode('o:Type', $ns)
        if (-not $type) { continue }
        '{0,-8} Server={1} EWS={2} OAB={3}' -f $type.InnerText, $p.Server, $p.EwsUrl, $p.OABUrl
    }
}
catch [System.Net.WebException] {
    $status = [int]$_.Exception.Response.StatusCode
    Write-Error "Autodiscover request to $Url failed with HTTP $status"
}
