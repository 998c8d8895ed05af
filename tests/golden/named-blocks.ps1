function Measure-Items {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)]$InputObject)
    dynamicparam { $null }
    begin { $total = 0 }
    process { $total += $InputObject.Count }
    end { $total }
}
