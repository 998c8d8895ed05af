function Set-Quota {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High', DefaultParameterSetName = 'ByName')]
    [OutputType([string], [int])]
    [Alias('sq')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName = $true)]
        [ValidateSet('Low', 'Medium', 'High')]
        [Alias('Level')]
        [string]$Quota,

        [ValidateRange(1, 100)]
        [int[]]$Percent = @(90, 95),

        [ValidateScript({ Test-Path $_ })]
        [string]$LogPath
    )
    $Quota
}
