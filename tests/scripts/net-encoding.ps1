# [System.Text.Encoding] and [Environment]: text to bytes and back, and what the machine is
$bytes = [Text.Encoding]::UTF8.GetBytes('héllo')
"$($bytes.Count) $($bytes.GetType().FullName) $($bytes -join ',')"
[Text.Encoding]::UTF8.GetString($bytes)
$b64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('admin@contoso.com'))
$b64
[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b64))
[Text.Encoding]::Unicode.GetBytes('ab') -join ','
[Text.Encoding]::BigEndianUnicode.GetBytes('ab') -join ','
[Text.Encoding]::UTF32.GetByteCount('ab')
[Text.Encoding]::ASCII.GetBytes('é') -join ','
[Text.Encoding]::Unicode.GetString([byte[]](104, 0, 105, 0))
[Text.Encoding]::UTF8.GetPreamble() -join ','
[Text.Encoding]::ASCII.GetPreamble().Count
$utf8 = [System.Text.Encoding]::UTF8
"$($utf8.EncodingName) | $($utf8.WebName) | $($utf8.CodePage) | $($utf8.GetType().FullName)"
$utf8 -is [Text.Encoding]
[Text.Encoding]::GetEncoding('utf-16').EncodingName
[Text.Encoding]::GetEncoding(65001).WebName
[Text.Encoding]::GetEncoding('nope')
[Text.Encoding]::UTF8.GetString($null)
# [Environment]
[Environment]::MachineName
[Environment]::UserName -is [string]
[Environment]::OSVersion.VersionString
[Environment]::OSVersion.Version.Major
[Environment]::ProcessorCount -ge 1
[Environment]::CurrentDirectory
[Environment]::Is64BitProcess
'done'
