<#
.SYNOPSIS
Script-level help.
.DESCRIPTION
Shows where help comments go.
#>
param($Path)

# .SYNOPSIS
# Help before the function.
function Get-Before { 1 }

function Get-Inside {
    <#
    .SYNOPSIS
    Help at the top of the body.
    #>
    param($x)
    $x
}

# An ordinary comment.
function Get-None { 2 }
