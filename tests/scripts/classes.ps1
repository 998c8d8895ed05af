# PowerShell classes and enums at run time: properties (typed, with
# initial values, static, hidden), constructors chosen by argument count,
# instance and static methods, inheritance with base constructor calls,
# ToString overrides, casts from hashtables, -is, Get-Member, and enums in
# casts, comparisons and switch.

# a class can be used above its definition: definitions are made first
$early = [Server]::new('EX00')
"early: $($early.Name)"

enum Role { Mailbox; EdgeTransport = 4; ClientAccess }
[Flags()] enum Perm { None = 0; Read = 1; Write = 2; Exec = 4 }

class Server {
    [string]$Name
    [int]$Port = 443
    [Role]$Role = [Role]::Mailbox
    [string[]]$Tags = @('prod')
    static [int]$Count = 0
    hidden [string]$Secret = 'hunter2'

    Server() { $this.Name = 'default'; [Server]::Count++ }
    Server([string]$name) { $this.Name = $name; [Server]::Count++ }
    Server([string]$name, [int]$port) {
        $this.Name = $name
        $this.Port = $port
        [Server]::Count++
    }

    [string] Describe() { return "$($this.Name):$($this.Port)" }
    [string] Describe([string]$prefix) { return "$prefix $($this.Describe())" }
    [void] Bump() { $this.Port++; 'ignored output' }
    [int] Twice([int]$n) { return $n * 2 }
    Untyped() { return 'untyped methods are void' }
    [string[]] Upper() { return $this.Tags | ForEach-Object { $_.ToUpper() } }
    static [Server] Parse([string]$text) {
        $parts = $text -split ':'
        return [Server]::new($parts[0], $parts[1])
    }
    static [string] Total() { return "servers made: $([Server]::Count)" }
    [string] ToString() { return "Server<$($this.Name)>" }
}

class MailboxServer : Server {
    [string]$Dag
    MailboxServer([string]$name, [string]$dag) : base($name, 444) { $this.Dag = $dag }
    MailboxServer() { $this.Dag = 'none' }
    [string] Describe() { return "MBX $($this.Name) in $($this.Dag)" }
}

'--- construction'
$s = [Server]::new()
$s.Name
$s.Port
$s2 = [Server]::new('EX02', 8080)
$s2.Describe()
$s2.Describe('->')
$s2.Twice('21')
$s2.Bump()
$s2.Port
$s2.Untyped()
$s2.Upper()
[Server]::Total()
$p = [Server]::Parse('EX03:25')
"$p"
$p.Port.GetType().Name
$p.GetType().Name
$p.Role
$p.Role -eq 'Mailbox'
[Server]::Count = 100
[Server]::Count

'--- inheritance'
$m = [MailboxServer]::new('MBX1', 'DAG1')
$m.Describe()
$m.Describe('base overload:')
$m.Port
"$m"
$m -is [Server]
$m -is [MailboxServer]
$s -is [MailboxServer]
$d = [MailboxServer]::new()
"$($d.Name) $($d.Dag)"

'--- casts and New-Object'
$h = [Server]@{ Name = 'H1'; Port = '99' }
$h.Port + 1
$h.Describe()
$n = New-Object Server 'NO1'
$n.Name
$n2 = New-Object -TypeName MailboxServer -ArgumentList 'MBX2', 'DAG2'
$n2.Dag
$c = [Server]'FromString'
$c.Name
$s2.Port = '7'
$s2.Port.GetType().Name

'--- output'
$s2 | Format-Table Name, Port, Role, Tags
$s2 | Format-List
$m | Get-Member | Format-Table
[Server]::new('X').Secret

'--- method values'
function Helper { return 5 }
class Values : System.IComparable {
    [int]$V
    [int] NoReturn() { Helper }
    [int] FromFunction() { $x = Helper; return $x + 1 }
    [int] Nested() { foreach ($i in 1..3) { if ($i -eq 2) { return $i * 10 } }; return -1 }
    [int] CompareTo([object]$other) { return $this.V - $other.V }
}
$v = [Values]@{ V = 3 }
$v.NoReturn()
$v.FromFunction()
$v.Nested()
$v.CompareTo([Values]@{ V = 5 })

'--- base methods'
class Base { [string] Describe() { return 'base' } [string] Hello() { return 'hello from ' + $this.Describe() } }
class Derived : Base { [string] Describe() { return 'derived+' + ([Base]$this).Describe() } }
$dv = [Derived]::new()
$dv.Describe()
$dv.Hello()
([Base]$dv).Describe()

'--- enums'
[Role]::EdgeTransport
[int][Role]::ClientAccess
[Role]'ClientAccess' -eq [Role]::ClientAccess
[Role]4
switch ([Role]::EdgeTransport) {
    'Mailbox' { 'a mailbox server' }
    'EdgeTransport' { 'an edge server' }
}
[Perm]'Read, Write'
[Perm]7
([Perm]'Read, Exec') -band [Perm]::Exec
[Perm]::Read -lt [Perm]::Write
[Enum]::GetNames([Role]) -join ','
([Enum]::GetValues([Role]) | ForEach-Object { [int]$_ }) -join ','
[Enum]::Parse([Role], 'edgetransport')
[Enum]::IsDefined([Role], 3)

'--- errors'
[Server]::new(1, 2, 3)
$s2.Nope()
$s2.Describe(1, 2)
$s2.Port = 'abc'
$s2.Missing = 5
[Server]@{ Nope = 1 }
[MailboxServer]::new('only one')
$s2.Twice('x')
[Server]::new('EX9', 'port')
New-Object MailboxServer 'one'
[MailboxServer]'EX10'
class Faulty {
    [int] Broken() { $null.Call(); return 1 }
    [void] Fail() { throw 'boom' }
}
[Faulty]::new().Broken()
try { [Faulty]::new().Fail() } catch { "caught: $($_.Exception.Message)" }
'done'
