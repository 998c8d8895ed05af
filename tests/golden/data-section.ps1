data Messages {
    ConvertFrom-StringData @'
Greeting = Hello
Farewell = Goodbye
'@
}
data -SupportedCommand Format-Date, Get-Culture {
    Format-Date
}
