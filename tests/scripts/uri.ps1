# [uri] / [System.Uri]: casts from strings, the properties of System.Uri,
# its static escaping methods, and the errors of invalid URIs.
$u = [uri]'HTTP://admin@Mail.Contoso.COM:8443/owa/./auth/../Logon Page.aspx?replace=1&url=x#top'
$u | Format-List
"$u"
$u.ToString()
$u.Scheme
$u.Host
$u.Port
$u.IsDefaultPort
$u.Authority
$u.UserInfo
$u.AbsolutePath
$u.LocalPath
$u.PathAndQuery
$u.Query
$u.Fragment
$u.Segments -join '|'
$u.AbsoluteUri
$u.OriginalString
$u -is [uri]
$u -is [System.Uri]
$u.GetType().FullName

$h = [System.Uri]'https://autodiscover.contoso.com'
$h.AbsoluteUri
$h.Port
$h.IsDefaultPort
$h.Segments

([uri]'http://10.0.0.1:80/ews/exchange.asmx').Authority
([uri]'http://localhost/x').IsLoopback
([uri]'C:\Program Files\Exchange\bin').AbsoluteUri
([uri]'C:\Program Files\Exchange\bin').LocalPath
([uri]::new([uri]'https://mail.contoso.com/owa/auth/logon.aspx', '../ecp/')).AbsoluteUri
(New-Object System.Uri 'https://mail.contoso.com/EWS/Exchange.asmx').Host
('http://x.com/a b' -as [uri]).AbsolutePath
$null -eq ('not a uri' -as [uri])

'--- static methods'
[uri]::EscapeDataString('Mailbox Database 01/02 & more')
[uri]::UnescapeDataString('Mailbox%20Database%2001%2F02%20%26%20more')
[uri]::IsWellFormedUriString('https://mail.contoso.com/owa', 'Absolute')
[uri]::IsWellFormedUriString('https://mail.contoso.com/o wa', 'Absolute')
[uri]::IsWellFormedUriString('owa/auth', [UriKind]::Relative)
[uri]::IsWellFormedUriString('owa/auth', [UriKind]::Absolute)

'--- errors'
[uri]'owa/auth'
[uri]'https://'
[uri]'http://mail.contoso.com:70000/'
[uri]::new('relative')

'--- equality'
[uri]'https://mail.contoso.com' -eq [uri]'HTTPS://MAIL.CONTOSO.COM/'
[uri]'https://mail.contoso.com/owa#a' -eq 'https://mail.contoso.com/owa#b'
[uri]'https://mail.contoso.com/owa' -eq [uri]'https://mail.contoso.com/ecp'

'--- relative URIs'
$rel = [uri]::new('owa/auth/logon.aspx', [UriKind]::Relative)
$rel.OriginalString
$rel.IsAbsoluteUri
"$rel"
[uri]::new('https://mail.contoso.com/owa', 'RelativeOrAbsolute').Host
[uri]::new('https://mail.contoso.com/owa', [UriKind]::Relative)
