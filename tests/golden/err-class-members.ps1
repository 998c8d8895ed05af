class Broken : {
    [int]$Count = 0 1
    Method { 'no parameter list' }
    Broken() : super() { }
    static
}
