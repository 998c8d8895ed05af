icacls.exe C:\Data --% /grant Users:(OI)(CI)F /T
cmd.exe /c echo --% "%PATH%" | Out-Null
