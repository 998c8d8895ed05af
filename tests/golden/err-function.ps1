function Get-X($a) { param($b) }
function Get-Y(1) { }
function Get-Z { begin { } begin { } }
