Get-OutlookAnywhere -ADPropertiesOnly | Sort-Object Server | Format-Table Server,
    InternalHostname, InternalClientAuthenticationMethod, InternalClientsRequireSsl,
    ExternalHostname, ExternalClientAuthenticationMethod, ExternalClientsRequireSsl,
    @{Label = 'IISAuth'; Expression = { $_.IISAuthenticationMethods -join ',' }} -AutoSize
