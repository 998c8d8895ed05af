$h = @{
    Name
    = 5
    Size =
}
