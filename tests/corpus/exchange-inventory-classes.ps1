#requires -Version 5.1
<#
.SYNOPSIS
    Builds an object model of the Exchange organization (servers, databases,
    connectors) using PowerShell classes with inheritance, and exports it.

.DESCRIPTION
    ExchangeAsset is the base class; ServerAsset, DatabaseAsset and
    ConnectorAsset derive from it. Every asset knows how to validate itself
    and returns a list of findings. The inventory is exported to JSON and CSV.
#>
using namespace System.Collections.Generic
using namespace System.Text

enum AssetKind {
    Server
    Database
    Connector
}

[Flags()]
enum AssetFlag {
    None = 0
    Critical = 0x1
    Internet = 0x2
    Legacy = 0x4
}

enum Severity {
    Info = 0
    Warning = 1
    Error = 2
}

class Finding {
    [string]$Asset
    [Severity]$Severity
    [string]$Message

    Finding([string]$asset, [Severity]$severity, [string]$message) {
        $this.Asset = $asset
        $this.Severity = $severity
        $this.Message = $message
    }

    [string] ToString() {
        return "[{0}] {1}: {2}" -f $this.Severity, $this.Asset, $this.Message
    }
}

class ExchangeAsset {
    [string]$Name
    [AssetKind]$Kind
    [datetime]$Collected = [datetime]::UtcNow
    [AssetFlag]$Flags = [AssetFlag]::None
    hidden [hashtable]$Raw = @{}
    static [int]$Count = 0

    ExchangeAsset([string]$name, [AssetKind]$kind) {
        $this.Name = $name
        $this.Kind = $kind
        [ExchangeAsset]::Count++
    }

    [List[Finding]] Validate() {
        $list = [List[Finding]]::new()
        if ([string]::IsNullOrWhiteSpace($this.Name)) {
            $list.Add([Finding]::new('(unnamed)', [Severity]::Error, 'asset has no name'))
        }
        return $list
    }

    [string] Describe() {
        return "$($this.Kind) $($this.Name)"
    }
}

class ServerAsset : ExchangeAsset {
    [string]$Version
    [string]$Site
    [string[]]$Roles
    [bool]$InMaintenance

    ServerAsset([string]$name) : base($name, [AssetKind]::Server) {
    }

    [List[Finding]] Validate() {
        $list = ([ExchangeAsset]$this).Validate()
        if ($this.InMaintenance) {
            $list.Add([Finding]::new($this.Name, [Severity]::Warning, 'server is in maintenance mode'))
        }
        if ($this.Version -notmatch '^Version 15\.[12]') {
            $list.Add([Finding]::new($this.Name, [Severity]::Info, "legacy version $($this.Version)"))
        }
        return $list
    }

    [string] Describe() {
        return '{0} ({1}, {2})' -f ([ExchangeAsset]$this).Describe(), $this.Version, ($this.Roles -join '/')
    }
}

class DatabaseAsset : ExchangeAsset {
    [string]$ActiveServer
    [long]$SizeBytes
    [long]$WhitespaceBytes
    [int]$Copies
    [Nullable[datetime]]$LastFullBackup

    static [double]$WhitespaceWarnRatio = 0.3

    DatabaseAsset([string]$name, [string]$server) : base($name, [AssetKind]::Database) {
        $this.ActiveServer = $server
    }

    [double] WhitespaceRatio() {
        if ($this.SizeBytes -le 0) { return 0.0 }
        return [double]$this.WhitespaceBytes / $this.SizeBytes
    }

    [List[Finding]] Validate() {
        $list = ([ExchangeAsset]$this).Validate()
        $ratio = $this.WhitespaceRatio()
        if ($ratio -ge [DatabaseAsset]::WhitespaceWarnRatio) {
            $list.Add([Finding]::new($this.Name, [Severity]::Warning, ('{0:P0} white space' -f $ratio)))
        }
        if ($this.Copies -lt 2) {
            $list.Add([Finding]::new($this.Name, [Severity]::Warning, 'database has no passive copy'))
        }
        if ($null -eq $this.LastFullBackup) {
            $list.Add([Finding]::new($this.Name, [Severity]::Error, 'never backed up'))
        }
        elseif (([datetime]::Now - $this.LastFullBackup.Value).TotalDays -gt 2) {
            $list.Add([Finding]::new($this.Name, [Severity]::Error, "last full backup $($this.LastFullBackup.Value)"))
        }
        return $list
    }
}

class ConnectorAsset : ExchangeAsset {
    [string]$Direction
    [bool]$Enabled
    [string]$Detail

    ConnectorAsset([string]$name, [string]$direction) : base($name, [AssetKind]::Connector) {
        $this.Direction = $direction
    }

    [List[Finding]] Validate() {
        $list = ([ExchangeAsset]$this).Validate()
        if (-not $this.Enabled) {
            $list.Add([Finding]::new($this.Name, [Severity]::Info, "$($this.Direction) connector disabled"))
        }
        return $list
    }
}

# ----------------------------------------------------------------- collect
$assets = [List[ExchangeAsset]]::new()

foreach ($s in Get-ExchangeServer) {
    $a = [ServerAsset]::new($s.Name)
    $a.Version = $s.AdminDisplayVersion.ToString()
    $a.Site = $s.Site.Name
    $a.Roles = @($s.ServerRole.ToString() -split ',\s*')
    $a.InMaintenance = (Get-ServerComponentState $s.Name -Component ServerWideOffline).State -ne 'Active'
    $assets.Add($a)
}

foreach ($db in Get-MailboxDatabase -Status) {
    $d = [DatabaseAsset]::new($db.Name, $db.Server.Name)
    $d.SizeBytes = $db.DatabaseSize.ToBytes()
    $d.WhitespaceBytes = $db.AvailableNewMailboxSpace.ToBytes()
    $d.Copies = @($db.DatabaseCopies).Count
    $d.LastFullBackup = $db.LastFullBackup
    $assets.Add($d)
}

Get-SendConnector | ForEach-Object {
    $c = [ConnectorAsset]::new($_.Name, 'Send')
    $c.Enabled = $_.Enabled
    $c.Detail = ($_.AddressSpaces -join ', ')
    if ($_.AddressSpaces -match '^SMTP:\*;') { $c.Flags = $c.Flags -bor [AssetFlag]::Internet }
    $assets.Add($c)
}
Get-ReceiveConnector | ForEach-Object {
    $c = [ConnectorAsset]::new($_.Identity.ToString(), 'Receive')
    $c.Enabled = $_.Enabled
    $c.Detail = ($_.Bindings -join ', ')
    $assets.Add($c)
}

# ----------------------------------------------------------------- validate
$findings = [List[Finding]]::new()
foreach ($asset in $assets) {
    foreach ($f in $asset.Validate()) { $findings.Add($f) }
}

$sb = [StringBuilder]::new()
[void]$sb.AppendLine("Inventory of $([ExchangeAsset]::Count) assets, $($findings.Count) finding(s)")
foreach ($kind in [enum]::GetValues([AssetKind])) {
    $n = @($assets | Where-Object Kind -eq $kind).Count
    [void]$sb.AppendLine(("  {0,-10} {1,4}" -f $kind, $n))
}
$sb.ToString()

$findings | Sort-Object Severity -Descending | ForEach-Object { $_.ToString() }

$out = Join-Path $env:TEMP "exchange-inventory-$(Get-Date -Format yyyyMMdd).json"
$assets | Select-Object Kind, Name, @{ n = 'Description'; e = { $_.Describe() } }, Collected |
    ConvertTo-Json -Depth 3 | Set-Content -Path $out -Encoding UTF8
Write-Host "Inventory saved to $out"

if ($findings | Where-Object { $_.Severity -eq [Severity]::Error }) { exit 1 }
