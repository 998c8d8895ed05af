'single ''quoted'' $notvar'
"double $var and $($obj.Name) and ${braced name}"
"escapes: `t`n `"q`" `$literal"
"say ""hi"""
@'
here $not
  expanded
'@
@"
Server: $server
Count:  $($items.Count)
"@
"`u{2713} done"
