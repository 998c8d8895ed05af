#!/usr/bin/env python3
"""import-catalog.py CATALOG [META_DIR] - writes the organization cmdlets' metadata.

Reads the Exchange cmdlet catalog (shared/catalog/exchange-cmdlets.json; see
its README) and writes cmdlets/meta/<Name>.json for each organization
cmdlet listed in CMDLETS below, keeping only the listed parameters and, of
each, the facts the catalog records: type, parameter sets, aliases,
mandatory, position, pipeline binding, enum values, wildcard, default.
Positions are 1-based in the catalog and 0-based here. The lab cmdlets,
which exist only in emsh, are written from LAB below.

Every file gets the Backend flag and no handler (gen_cmdlets gives it the
generic one of c_org.c), ShouldProcess when the catalog lists Confirm or
WhatIf, a confirmImpact, a synopsis and description in our own words
(TEXT), one example, and the Exchange output type (OUTPUT).

A developer tool, run by hand when the list changes; the build never reads
the catalog:

    python3 cmdlets/gen/import-catalog.py ../shared/catalog/exchange-cmdlets.json
    build/cmdlets/gen_cmdlets --check cmdlets/meta
"""
import json
import os
import sys

# name -> the parameters to keep, in catalog order
CMDLETS = {
    "Get-ExchangeServer": ["Identity", "Status"],
    "Get-MailboxServer": ["Identity", "Status"],
    "Set-MailboxServer": ["Identity", "AutoDatabaseMountDial", "DatabaseCopyAutoActivationPolicy",
                          "DatabaseCopyActivationDisabledAndMoveNow", "MaximumActiveDatabases",
                          "MaximumPreferredActiveDatabases"],
    "Get-ServerComponentState": ["Identity", "Component"],
    "Set-ServerComponentState": ["Identity", "Component", "State", "Requester", "LocalOnly",
                                 "RemoteOnly"],
    "Get-ADSite": ["Identity"],
    "Set-ADSite": ["Identity", "HubSiteEnabled", "InboundMailEnabled"],
    "Get-ADSiteLink": ["Identity"],
    "Set-ADSiteLink": ["Identity", "Cost", "ExchangeCost", "MaxMessageSize"],
    "New-DatabaseAvailabilityGroup": ["Name", "WitnessServer", "WitnessDirectory",
                                      "DatabaseAvailabilityGroupIpAddresses"],
    "Get-DatabaseAvailabilityGroup": ["Identity", "Status"],
    "Set-DatabaseAvailabilityGroup": ["Identity", "WitnessServer", "WitnessDirectory",
                                      "AlternateWitnessServer", "AlternateWitnessDirectory",
                                      "DatacenterActivationMode", "ReplayLagManagerEnabled",
                                      "AutoDagAutoReseedEnabled", "AutoDagDiskReclaimerEnabled",
                                      "AutoDagAutoRedistributeEnabled", "PreferenceMoveFrequency",
                                      "ReplicationPort", "NetworkCompression", "NetworkEncryption",
                                      "AutoDagDatabaseCopiesPerVolume",
                                      "DatabaseAvailabilityGroupIpAddresses"],
    "Remove-DatabaseAvailabilityGroup": ["Identity"],
    "Add-DatabaseAvailabilityGroupServer": ["Identity", "MailboxServer", "SkipDagValidation"],
    "Remove-DatabaseAvailabilityGroupServer": ["Identity", "MailboxServer", "ConfigurationOnly",
                                               "SkipDagValidation"],
    "Stop-DatabaseAvailabilityGroup": ["Identity", "ActiveDirectorySite", "MailboxServer",
                                       "ConfigurationOnly"],
    "Start-DatabaseAvailabilityGroup": ["Identity", "ActiveDirectorySite", "MailboxServer",
                                        "ConfigurationOnly"],
    "Restore-DatabaseAvailabilityGroup": ["Identity", "ActiveDirectorySite", "AlternateWitnessServer",
                                          "AlternateWitnessDirectory", "UsePrimaryWitnessServer"],
    "Test-ReplicationHealth": ["Identity"],
    "New-MailboxDatabase": ["Name", "Server", "EdbFilePath", "LogFolderPath", "Recovery"],
    "Get-MailboxDatabase": ["Identity", "Server", "Status"],
    "Set-MailboxDatabase": ["Identity", "CircularLoggingEnabled", "MountAtStartup",
                            "DataMoveReplicationConstraint"],
    "Remove-MailboxDatabase": ["Identity"],
    "Mount-Database": ["Identity", "Force", "AcceptDataLoss"],
    "Dismount-Database": ["Identity"],
    "Add-MailboxDatabaseCopy": ["Identity", "MailboxServer", "ActivationPreference", "ReplayLagTime",
                                "TruncationLagTime", "ReplayLagMaxDelay", "SeedingPostponed",
                                "ConfigurationOnly"],
    "Remove-MailboxDatabaseCopy": ["Identity", "ConfigurationOnly"],
    "Set-MailboxDatabaseCopy": ["Identity", "ActivationPreference", "ReplayLagTime",
                                "TruncationLagTime", "ReplayLagMaxDelay"],
    "Get-MailboxDatabaseCopyStatus": ["Identity", "Server", "Active", "Local"],
    "Suspend-MailboxDatabaseCopy": ["Identity", "ActivationOnly", "SuspendComment"],
    "Resume-MailboxDatabaseCopy": ["Identity", "ReplicationOnly", "DisableReplayLag",
                                   "DisableReplayLagReason"],
    "Update-MailboxDatabaseCopy": ["Identity", "SourceServer", "DeleteExistingFiles",
                                   "SafeDeleteExistingFiles", "ManualResume", "DatabaseOnly",
                                   "CatalogOnly"],
    "Move-ActiveMailboxDatabase": ["Identity", "Server", "ActivatePreferredOnServer",
                                   "ActivateOnServer", "SkipAllChecks", "MountDialOverride",
                                   "MoveAllDatabasesOrNone", "MoveComment", "SkipActiveCopyChecks",
                                   "SkipClientExperienceChecks", "SkipCpuChecks", "SkipHealthChecks",
                                   "SkipLagChecks", "SkipMaximumActiveDatabasesChecks",
                                   "SkipMoveSuppressionChecks", "TerminateOnWarning"],
    "New-Mailbox": ["Name", "Alias", "Database", "DisplayName", "FirstName", "LastName",
                    "UserPrincipalName", "PrimarySmtpAddress"],
    "Get-Mailbox": ["Identity", "Database", "Server", "ResultSize"],
    "Set-Mailbox": ["Identity", "Alias", "DisplayName", "IssueWarningQuota", "Name", "PrimarySmtpAddress",
                    "ProhibitSendQuota", "ProhibitSendReceiveQuota", "UseDatabaseQuotaDefaults"],
    "Remove-Mailbox": ["Identity", "Permanent"],
}

HIGH_IMPACT = {"Dismount-Database", "Move-ActiveMailboxDatabase", "Suspend-MailboxDatabaseCopy",
               "Update-MailboxDatabaseCopy", "Stop-DatabaseAvailabilityGroup",
               "Restore-DatabaseAvailabilityGroup"}

# The parameter set a command line without set-specific parameters selects,
# where the catalog marks none.
DEFAULT_SET = {"New-Mailbox": "User", "New-MailboxDatabase": "NonRecovery"}

SC = "Microsoft.Exchange.Data.Directory.SystemConfiguration."
DM = "Microsoft.Exchange.Data.Directory.Management."
ST = "Microsoft.Exchange.Management.SystemConfigurationTasks."
OUTPUT = {
    "Get-ExchangeServer": DM + "ExchangeServer",
    "Get-MailboxServer": DM + "MailboxServer",
    "Get-ServerComponentState": DM + "ServerComponentStatePresentationObject",
    "Get-ADSite": DM + "ADSite",
    "Get-ADSiteLink": DM + "ADSiteLink",
    "New-DatabaseAvailabilityGroup": SC + "DatabaseAvailabilityGroup",
    "Get-DatabaseAvailabilityGroup": SC + "DatabaseAvailabilityGroup",
    "Test-ReplicationHealth": ST + "ReplicationCheckOutputObject",
    "New-MailboxDatabase": SC + "MailboxDatabase",
    "Get-MailboxDatabase": SC + "MailboxDatabase",
    "Get-MailboxDatabaseCopyStatus": ST + "DatabaseCopyStatusEntry",
    "Move-ActiveMailboxDatabase": ST + "DatabaseMoveResult",
    "New-Mailbox": DM + "Mailbox",
    "Get-Mailbox": DM + "Mailbox",
    "New-LabOrganization": "Emsh.Lab.Organization",
    "New-LabSite": DM + "ADSite",
    "New-LabSiteLink": DM + "ADSiteLink",
    "New-LabServer": "Emsh.Lab.Server",
    "Stop-LabServer": "Emsh.Lab.Server",
    "Start-LabServer": "Emsh.Lab.Server",
    "Disconnect-LabSite": DM + "ADSite",
    "Connect-LabSite": DM + "ADSite",
    "Stop-LabService": "Emsh.Lab.Server",
    "Start-LabService": "Emsh.Lab.Server",
    "Step-LabClock": "Emsh.Lab.Clock",
    "Get-LabClock": "Emsh.Lab.Clock",
    "Get-LabEvent": "Emsh.Lab.Event",
}

# name -> (synopsis, description, example script)
TEXT = {
    "Get-ExchangeServer": (
        "Gets the Exchange servers of the organization.",
        "Returns every Exchange server, or the one named by Identity, with its site, edition, "
        "roles and version. With Status, the domain controllers and global catalogs the server "
        "uses are filled in as well.",
        "Get-ExchangeServer | Format-Table Name,Site,ServerRole"),
    "Get-MailboxServer": (
        "Gets the Mailbox servers and their database settings.",
        "Returns the Mailbox role settings of each server: the database availability group it "
        "belongs to, the activation policy and mount dial, and the limits on active databases.",
        "Get-MailboxServer MBX1 | Format-List Name,DatabaseAvailabilityGroup,AutoDatabaseMountDial"),
    "Set-MailboxServer": (
        "Changes the Mailbox role settings of a server.",
        "Sets how databases on the server may be activated (DatabaseCopyAutoActivationPolicy), "
        "how much data loss a mount after a failover accepts (AutoDatabaseMountDial), and how "
        "many databases may be active on it.",
        "Set-MailboxServer MBX1 -DatabaseCopyAutoActivationPolicy Blocked"),
    "Get-ServerComponentState": (
        "Gets the state of the components of a server.",
        "Lists each component of the server (HubTransport, ServerWideOffline, the protocol "
        "front ends ...) with its state: Active, Inactive or Draining.",
        "Get-ServerComponentState MBX1 -Component ServerWideOffline"),
    "Set-ServerComponentState": (
        "Sets the state of a server component for a requester.",
        "Marks a component of the server Active, Inactive or Draining on behalf of a "
        "requester; a component is active only when no requester holds it inactive. Putting a "
        "server into maintenance starts here.",
        "Set-ServerComponentState MBX1 -Component HubTransport -State Draining -Requester Maintenance"),
    "Get-ADSite": (
        "Gets the Active Directory sites the organization knows.",
        "Returns each Active Directory site with its hub site and inbound mail settings.",
        "Get-ADSite"),
    "Set-ADSite": (
        "Changes the Exchange settings of an Active Directory site.",
        "Makes a site a hub site for message routing, or allows it to receive inbound mail.",
        "Set-ADSite Site1 -HubSiteEnabled $true"),
    "Get-ADSiteLink": (
        "Gets the links between Active Directory sites.",
        "Returns each site link with its cost, its Exchange-specific cost and the largest "
        "message it carries.",
        "Get-ADSiteLink"),
    "Set-ADSiteLink": (
        "Changes the Exchange settings of a site link.",
        "Sets the cost Exchange uses for routing over the link, overriding the Active "
        "Directory cost, and the largest message the link carries.",
        "Set-ADSiteLink Site1-Site2 -ExchangeCost 20"),
    "New-DatabaseAvailabilityGroup": (
        "Creates a database availability group.",
        "Creates an empty database availability group with its witness server and directory. "
        "Add Mailbox servers to it with Add-DatabaseAvailabilityGroupServer.",
        "New-DatabaseAvailabilityGroup DAG1 -WitnessServer FS1 -WitnessDirectory C:\\DAG1"),
    "Get-DatabaseAvailabilityGroup": (
        "Gets the database availability groups.",
        "Returns each database availability group with its member servers and witness. With "
        "Status, the servers that are up and the witness in use are read from the cluster.",
        "Get-DatabaseAvailabilityGroup -Status | Format-List Name,Servers,OperationalServers"),
    "Set-DatabaseAvailabilityGroup": (
        "Changes the settings of a database availability group.",
        "Sets the witness and alternate witness, Datacenter Activation Coordination mode, "
        "the AutoReseed and replay lag manager features, replication networking and the "
        "other properties of the group.",
        "Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode DagOnly"),
    "Remove-DatabaseAvailabilityGroup": (
        "Removes an empty database availability group.",
        "Deletes the group. It must have no member servers left.",
        "Remove-DatabaseAvailabilityGroup DAG1 -Confirm:$false"),
    "Add-DatabaseAvailabilityGroupServer": (
        "Adds a Mailbox server to a database availability group.",
        "Joins the server to the group's cluster, after which its databases can have copies "
        "on the other members.",
        "Add-DatabaseAvailabilityGroupServer DAG1 -MailboxServer MBX3"),
    "Remove-DatabaseAvailabilityGroupServer": (
        "Removes a Mailbox server from a database availability group.",
        "Evicts the server from the group's cluster. Its database copies must be removed "
        "first; ConfigurationOnly changes only the directory, for a server that is gone.",
        "Remove-DatabaseAvailabilityGroupServer DAG1 -MailboxServer MBX3"),
    "Stop-DatabaseAvailabilityGroup": (
        "Marks the members of a site or a server as stopped in a database availability group.",
        "Used in a datacenter switchover: the servers of a failed site (or one server) are "
        "marked stopped so that the surviving servers can form quorum without them.",
        "Stop-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Site2 -ConfigurationOnly"),
    "Start-DatabaseAvailabilityGroup": (
        "Returns stopped members of a database availability group to service.",
        "The counterpart of Stop-DatabaseAvailabilityGroup once a failed site or server is "
        "back: its servers rejoin the cluster.",
        "Start-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Site2"),
    "Restore-DatabaseAvailabilityGroup": (
        "Activates a database availability group in the surviving site.",
        "The last step of a datacenter switchover: evicts the stopped servers from the "
        "cluster and moves the witness to the alternate witness server, so the servers that "
        "remain can mount databases.",
        "Restore-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Site1"),
    "Test-ReplicationHealth": (
        "Checks the replication and cluster health of a Mailbox server.",
        "Runs the checks of continuous replication on a server (cluster service, replay "
        "service, active manager, copy and replay queues, database redundancy) and returns "
        "one result for each.",
        "Test-ReplicationHealth MBX1 | Format-Table Check,Result"),
    "New-MailboxDatabase": (
        "Creates a mailbox database on a server.",
        "Creates a database with its file and log paths on a Mailbox server. It is not "
        "mounted until Mount-Database.",
        "New-MailboxDatabase DB5 -Server MBX1"),
    "Get-MailboxDatabase": (
        "Gets the mailbox databases.",
        "Returns each mailbox database, or those of a server, with the servers holding its "
        "copies. With Status, whether it is mounted and where comes from the active copy.",
        "Get-MailboxDatabase -Status | Format-Table Name,Server,Mounted"),
    "Set-MailboxDatabase": (
        "Changes the settings of a mailbox database.",
        "Sets circular logging, whether the database mounts at startup, and how many copies "
        "must have a change before it is acknowledged (DataMoveReplicationConstraint).",
        "Set-MailboxDatabase DB1 -CircularLoggingEnabled $true"),
    "Remove-MailboxDatabase": (
        "Removes a mailbox database.",
        "Deletes the database from the organization. It must hold no mailboxes and have no "
        "copies left but the active one; the files stay on disk.",
        "Remove-MailboxDatabase DB5 -Confirm:$false"),
    "Mount-Database": (
        "Mounts a mailbox database.",
        "Brings the database online on the server that holds its active copy. AcceptDataLoss "
        "mounts a copy whose logs are missing.",
        "Mount-Database DB1"),
    "Dismount-Database": (
        "Dismounts a mailbox database.",
        "Takes the database offline; its mailboxes cannot be reached until it is mounted.",
        "Dismount-Database DB1 -Confirm:$false"),
    "Add-MailboxDatabaseCopy": (
        "Adds a copy of a mailbox database on another server.",
        "Creates a passive copy on a member of the same database availability group and "
        "seeds it, unless SeedingPostponed. A replay lag keeps the copy behind in time.",
        "Add-MailboxDatabaseCopy DB1 -MailboxServer MBX2 -ActivationPreference 2"),
    "Remove-MailboxDatabaseCopy": (
        "Removes a passive copy of a mailbox database.",
        "Deletes the copy named as Database\\Server. The active copy cannot be removed.",
        "Remove-MailboxDatabaseCopy DB1\\MBX2 -Confirm:$false"),
    "Set-MailboxDatabaseCopy": (
        "Changes the settings of a mailbox database copy.",
        "Sets the activation preference, replay lag and truncation lag of the copy named as "
        "Database\\Server.",
        "Set-MailboxDatabaseCopy DB1\\MBX3 -ReplayLagTime 7.00:00:00"),
    "Get-MailboxDatabaseCopyStatus": (
        "Gets the replication status of mailbox database copies.",
        "Returns each copy with its status (Mounted, Healthy, Suspended, Failed ...), its "
        "copy and replay queues, and the state of its content index.",
        "Get-MailboxDatabaseCopyStatus -Server MBX1 | Format-Table Name,Status,CopyQueueLength"),
    "Suspend-MailboxDatabaseCopy": (
        "Suspends replication to a mailbox database copy.",
        "Stops copying and replaying logs into the copy, or with ActivationOnly only keeps "
        "it from being activated.",
        "Suspend-MailboxDatabaseCopy DB1\\MBX2 -SuspendComment 'disk swap' -Confirm:$false"),
    "Resume-MailboxDatabaseCopy": (
        "Resumes replication to a suspended mailbox database copy.",
        "Copying and replaying logs start again; ReplicationOnly leaves the copy blocked from "
        "activation.",
        "Resume-MailboxDatabaseCopy DB1\\MBX2"),
    "Update-MailboxDatabaseCopy": (
        "Seeds or reseeds a mailbox database copy.",
        "Copies the database from a healthy source to the copy. The copy must be suspended "
        "or failed; DeleteExistingFiles replaces the files already there.",
        "Update-MailboxDatabaseCopy DB1\\MBX2 -DeleteExistingFiles -Confirm:$false"),
    "Move-ActiveMailboxDatabase": (
        "Moves the active copy of a mailbox database to another server.",
        "Activates another copy of the database (a switchover), or of every database active "
        "on a server, after the checks that the target copy is healthy and current.",
        "Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -Confirm:$false"),
    "New-Mailbox": (
        "Creates a mailbox and its user.",
        "Creates a user with a mailbox on a database; without Database, one is chosen.",
        "New-Mailbox -Name 'Ann Lee' -Alias annl -UserPrincipalName annl@contoso.com -Database DB1"),
    "Get-Mailbox": (
        "Gets mailboxes.",
        "Returns mailboxes by identity, or those on a database or a server.",
        "Get-Mailbox -Database DB1 -ResultSize Unlimited"),
    "Set-Mailbox": (
        "Changes the settings of a mailbox.",
        "Changes a mailbox's names, primary SMTP address and storage quotas. Quotas take "
        "Unlimited or a size such as 2GB, and apply when UseDatabaseQuotaDefaults is $false.",
        "Set-Mailbox annl -ProhibitSendQuota 5GB -UseDatabaseQuotaDefaults $false"),
    "Remove-Mailbox": (
        "Removes a mailbox and its user.",
        "Deletes the user and disconnects the mailbox; Permanent purges it from the database.",
        "Remove-Mailbox annl -Confirm:$false"),
    # the lab
    "New-LabOrganization": (
        "Builds a lab Exchange organization in the store.",
        "Creates an organization from a template: Empty, Small (one site, a two-server "
        "database availability group), PreferredArchitecture (two sites, four servers, four "
        "copies per database, one lagged) or Generated (the sizes given). Force replaces an "
        "organization the store already holds.",
        "New-LabOrganization -Template PreferredArchitecture"),
    "New-LabSite": (
        "Adds an Active Directory site to the lab.",
        "Creates an empty site that servers can be placed in.",
        "New-LabSite Site3"),
    "New-LabSiteLink": (
        "Adds a site link to the lab.",
        "Links two or more sites with a cost.",
        "New-LabSiteLink Site1-Site3 -Sites Site1,Site3 -Cost 10"),
    "New-LabServer": (
        "Adds a server to the lab.",
        "Creates a Mailbox, Edge Transport or file server in a site, with its disk volumes.",
        "New-LabServer MBX5 -Site Site1 -Volumes 4"),
    "Remove-LabServer": (
        "Removes a server from the lab.",
        "Deletes a server that is no longer a member of a database availability group and "
        "holds no database copies.",
        "Remove-LabServer FS2"),
    "Stop-LabServer": (
        "Turns a lab server off.",
        "The server fails as a machine does: its services stop, its active databases fail "
        "over where they can, and the cluster loses a vote.",
        "Stop-LabServer MBX1 -PassThru"),
    "Start-LabServer": (
        "Turns a lab server on.",
        "The server boots, its services start and its database copies resynchronize.",
        "Start-LabServer MBX1"),
    "Disconnect-LabSite": (
        "Cuts a lab site off the network.",
        "The servers of the site keep running but reach no one outside it, as in a WAN "
        "outage.",
        "Disconnect-LabSite Site2"),
    "Connect-LabSite": (
        "Reconnects a lab site to the network.",
        "Ends a Disconnect-LabSite: the site's servers reach the others again.",
        "Connect-LabSite Site2"),
    "Set-LabVolume": (
        "Fails or repairs a disk volume of a lab server.",
        "A failed volume takes the database copies on it down with it; Healthy brings it "
        "back empty.",
        "Set-LabVolume -Server MBX2 -Volume 1 -State Failed"),
    "Stop-LabService": (
        "Stops a service on a lab server.",
        "Stops the Microsoft Exchange Replication or Transport service as if it had crashed "
        "or been stopped.",
        "Stop-LabService -Server MBX1 -Name MSExchangeRepl"),
    "Start-LabService": (
        "Starts a service on a lab server.",
        "Starts the Microsoft Exchange Replication or Transport service again.",
        "Start-LabService -Server MBX1 -Name MSExchangeRepl"),
    "Step-LabClock": (
        "Advances the lab's clock.",
        "Moves the lab's time forward by the given amount; logs are generated, copied and "
        "replayed, and timers fire along the way.",
        "Step-LabClock -Minutes 15"),
    "Get-LabClock": (
        "Gets the lab's clock.",
        "Returns the lab's current time and how it moves (virtual, or with the wall clock).",
        "Get-LabClock"),
    "Set-LabClock": (
        "Sets how the lab's clock moves.",
        "Virtual: time moves only with Step-LabClock and Start-Sleep. RealTime: each call first "
        "catches up to the wall clock. The mode is kept in the store; the environment variable "
        "EMSH_CLOCK overrides it for one process.",
        "Set-LabClock Virtual"),
    "Set-LabWorkload": (
        "Sets how busy a lab database is.",
        "Sets how many transaction logs per minute the database generates, which drives its "
        "copy and replay queues.",
        "Set-LabWorkload -Database DB1 -LogsPerMinute 60"),
    "Get-LabEvent": (
        "Gets what happened in the lab.",
        "Returns the lab's event log, newest last: failures, failovers, state changes and "
        "what the administrator did.",
        "Get-LabEvent -Newest 10"),
}

ALL = "__AllParameterSets"


def entry(set_name="__AllParameterSets", mandatory=False, position=None, pipeline="none"):
    e = {"set": set_name}
    if mandatory:
        e["mandatory"] = True
    if position is not None:
        e["position"] = position
    if pipeline != "none":
        e["pipeline"] = pipeline
    return e


def lab_param(name, type_, mandatory=False, position=None, pipeline="none", values=None,
              default=None, sets=None):
    p = {"name": name, "type": type_}
    if type_ == "SwitchParameter":
        p["switch"] = True
    if values:
        p["validValues"] = values
    if default is not None:
        p["default"] = default
    p["sets"] = sets or [entry(mandatory=mandatory, position=position, pipeline=pipeline)]
    return p


def ident(type_):
    return lab_param("Identity", type_, True, 0, "byValue")


PASSTHRU = lab_param("PassThru", "SwitchParameter")
SERVICES = ["MSExchangeRepl", "MSExchangeTransport"]

# The lab cmdlets: name -> (parameters, parameter sets or None, ShouldProcess)
LAB = {
    "New-LabOrganization": ([
        lab_param("Name", "String", False, 0, default="contoso.com"),
        lab_param("Template", "String", True, values=["Empty", "Small", "PreferredArchitecture",
                                                      "Generated"]),
        lab_param("Servers", "Int32"),
        lab_param("DatabasesPerServer", "Int32"),
        lab_param("CopiesPerDatabase", "Int32"),
        lab_param("Force", "SwitchParameter"),
    ], None, True),
    "New-LabSite": ([lab_param("Name", "String", True, 0)], None, False),
    "New-LabSiteLink": ([
        lab_param("Name", "String", True, 0),
        lab_param("Sites", "String[]", True),
        lab_param("Cost", "Int32"),
    ], None, False),
    "New-LabServer": ([
        lab_param("Name", "String", True, 0),
        lab_param("Site", "AdSiteIdParameter", True),
        lab_param("Role", "String", values=["Mailbox", "Edge", "FileServer"]),
        lab_param("Volumes", "Int32"),
    ], None, False),
    "Remove-LabServer": ([ident("ServerIdParameter")], None, True),
    "Stop-LabServer": ([ident("ServerIdParameter"), PASSTHRU], None, False),
    "Start-LabServer": ([ident("ServerIdParameter"), PASSTHRU], None, False),
    "Disconnect-LabSite": ([ident("AdSiteIdParameter"), PASSTHRU], None, False),
    "Connect-LabSite": ([ident("AdSiteIdParameter"), PASSTHRU], None, False),
    "Set-LabVolume": ([
        lab_param("Server", "ServerIdParameter", True, pipeline="byValue"),
        lab_param("Volume", "String", True),
        lab_param("State", "String", True, values=["Failed", "Healthy"]),
    ], None, False),
    "Stop-LabService": ([
        lab_param("Server", "ServerIdParameter", True, pipeline="byValue"),
        lab_param("Name", "String", True, values=SERVICES),
        PASSTHRU,
    ], None, False),
    "Start-LabService": ([
        lab_param("Server", "ServerIdParameter", True, pipeline="byValue"),
        lab_param("Name", "String", True, values=SERVICES),
        PASSTHRU,
    ], None, False),
    "Step-LabClock": ([
        lab_param("Seconds", "Double", sets=[entry("Seconds", True, 0)]),
        lab_param("Minutes", "Double", sets=[entry("Minutes", True)]),
        lab_param("Hours", "Double", sets=[entry("Hours", True)]),
        lab_param("Days", "Double", sets=[entry("Days", True)]),
    ], [{"name": "Seconds", "isDefault": True}, {"name": "Minutes"}, {"name": "Hours"},
        {"name": "Days"}], False),
    "Get-LabClock": ([], None, False),
    "Set-LabClock": ([lab_param("Mode", "String", True, 0, values=["Virtual", "RealTime"])], None, False),
    "Set-LabWorkload": ([
        lab_param("Database", "DatabaseIdParameter", True, pipeline="byValue"),
        lab_param("LogsPerMinute", "Int32", True),
    ], None, False),
    "Get-LabEvent": ([
        lab_param("Newest", "Int32"),
        lab_param("Category", "String[]"),
    ], None, False),
}


def impact(name, should_process):
    if name.startswith("Remove-") and not name.startswith("Remove-Lab"):
        return "High"
    return "High" if name in HIGH_IMPACT else "Medium"


def convert_param(cp):
    p = {"name": cp["name"], "type": cp["type"]}
    if cp.get("aliases"):
        p["aliases"] = cp["aliases"]
    if cp.get("isSwitch"):
        p["switch"] = True
    if cp.get("wildcard"):
        p["wildcard"] = True
    if cp.get("enumValues"):
        p["enumValues"] = cp["enumValues"]
    if cp.get("default") is not None:
        p["default"] = str(cp["default"])
    sets = []
    for s in cp["sets"]:
        e = {"set": s["set"]}
        if s.get("required"):
            e["mandatory"] = True
        if s.get("position") is not None:
            e["position"] = s["position"] - 1
        if s.get("pipeline", "none") != "none":
            e["pipeline"] = s["pipeline"]
        sets.append(e)
    p["sets"] = sets
    return p


def prune_sets(name, cat_sets, params):
    """Drops the sets the kept parameters cannot tell apart.

    A set none of the kept parameters is in goes; so does a set whose kept
    parameters are all in another kept set too (a command line valid in it
    is valid in the other), unless it is the default. With one set left,
    that set is the only one."""
    default = next((s["name"] for s in cat_sets if s.get("isDefault")), None)
    if default is None and DEFAULT_SET.get(name):
        default = DEFAULT_SET[name]
    names = [s["name"] for s in cat_sets]
    if default is None and "Identity" in names:
        default = "Identity"
    if names == [ALL]:
        return None, params

    def members(s):
        return {p["name"] for p in params if any(e["set"] in (s, ALL) for e in p["sets"])}

    kept = [s for s in names if members(s)]
    changed = True
    while changed:
        changed = False
        for s in list(kept):
            if s == default:
                continue
            ms = members(s)
            for t in kept:
                if t != s and ms <= members(t) and (ms != members(t) or kept.index(t) < kept.index(s)
                                                    or t == default):
                    kept.remove(s)
                    changed = True
                    break
            if changed:
                break
    if default not in kept:
        default = kept[0]
    for p in params:
        p["sets"] = [e for e in p["sets"] if e["set"] in kept or e["set"] == ALL]
    params = [p for p in params if p["sets"]]
    if len(kept) == 1:
        for p in params:
            for e in p["sets"]:
                e["set"] = ALL
        return None, params
    return [dict({"name": s}, **({"isDefault": True} if s == default else {})) for s in kept], params


def document(name, params, sets, should_process, missing=()):
    verb, noun = name.split("-", 1)
    synopsis, description, example = TEXT[name]
    doc = {"name": name, "verb": verb, "noun": noun, "synopsis": synopsis,
           "description": description,
           "flags": ["Backend"] + (["ShouldProcess"] if should_process else []),
           "confirmImpact": impact(name, should_process)}
    if sets:
        doc["parameterSets"] = sets
    doc["parameters"] = params
    if name in OUTPUT:
        doc["outputType"] = OUTPUT[name]
    doc["examples"] = [{"title": synopsis.rstrip("."), "script": example, "output": ""}]
    return doc


def write(meta_dir, doc):
    path = os.path.join(meta_dir, doc["name"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=4, ensure_ascii=False)
        f.write("\n")


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    meta_dir = argv[2] if len(argv) > 2 else os.path.join(here, "..", "meta")
    with open(argv[1], encoding="utf-8") as f:
        catalog = {c["name"]: c for c in json.load(f)["cmdlets"]}
    status = 0
    for name, wanted in CMDLETS.items():
        c = catalog.get(name)
        if not c:
            print(f"{name}: not in the catalog", file=sys.stderr)
            status = 1
            continue
        by_name = {p["name"]: p for p in c["parameters"]}
        should_process = "Confirm" in by_name or "WhatIf" in by_name
        params = []
        for pn in wanted:
            if pn not in by_name:
                print(f"{name}: parameter {pn} is not in the catalog; left out", file=sys.stderr)
                continue
            params.append(convert_param(by_name[pn]))
        sets, params = prune_sets(name, c["parameterSets"], params)
        write(meta_dir, document(name, params, sets, should_process))
    for name, (params, sets, should_process) in LAB.items():
        write(meta_dir, document(name, json.loads(json.dumps(params)), sets, should_process))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
