class Recipient {
    [string]$Name
    hidden [string]$Guid
    static [int]$Count = 0

    Recipient([string]$name) {
        $this.Name = $name
        [Recipient]::Count++
    }

    [string] ToString() { return $this.Name }
}

class Mailbox : Recipient, System.IComparable {
    [long]$SizeMB = 0
    Mailbox([string]$name, [long]$size) : base($name) { $this.SizeMB = $size }
    [int] CompareTo($other) { return $this.SizeMB.CompareTo($other.SizeMB) }
    static [Mailbox] Parse([string]$text) { return [Mailbox]::new($text, 0) }
}
