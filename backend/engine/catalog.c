/*
** catalog.c - the enum types and default views of the engine's records.
**
** The shell registers these once, so that an enum arrives as a typed enum
** value (sorting and comparing as .NET does) and each record type prints
** with the columns EMS shows. Column widths follow EMS's own views where
** they are known; [ENGINE] marks views that the documentation does not
** give (Microsoft's pages document few of them).
*/
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const mount_dial_names[] = {"Lossless", "GoodAvailability", "BestAvailability", NULL};
static const char *const role_names[] = {"Mailbox", "Edge", "None", NULL};
static const char *const edition_names[] = {"Standard", "Enterprise", "StandardEvaluation", NULL};
static const char *const dac_names[] = {"Off", "DagOnly", NULL};
static const char *const state_names[] = {"Unknown", "Active", "Inactive", "Draining", NULL};
static const char *const constraint_names[] = {"None", "SecondCopy", "SecondDatacenter", "AllDatacenters",
                                               "AllCopies", NULL};
static const char *const move_status_names[] = {"Succeeded", "Warning", "Failed", NULL};
static const char *const mount_status_names[] = {"Mounted", "Dismounted", "Unknown", NULL};
static const char *const witness_names[] = {"None", "Primary", "Alternate", NULL};
static const char *const network_names[] = {"Disabled", "Enabled", "InterSubnetOnly", "SeedOnly", NULL};
static const char *const check_result_names[] = {"Passed", "Warning", "Failed", NULL};

static const struct {
    const char *type;
    const char *const *names;
} enums[] = {
    {"Microsoft.Exchange.Management.SystemConfigurationTasks.CopyStatus", copy_status_names},
    {"Microsoft.Exchange.Management.SystemConfigurationTasks.ContentIndexStatusType", ci_state_names},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.AutoDatabaseMountDial", mount_dial_names},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseCopyAutoActivationPolicyType", policy_names},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.DatacenterActivationModeOption", dac_names},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole", role_names},
    {"Microsoft.Exchange.Data.ServerEditionType", edition_names},
    {"Microsoft.Exchange.Data.ServiceState", state_names},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.DataMoveReplicationConstraintParameter",
     constraint_names},
    {"Microsoft.Exchange.Management.SystemConfigurationTasks.MoveStatus", move_status_names},
    {"Microsoft.Exchange.Management.SystemConfigurationTasks.MountStatus", mount_status_names},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.WitnessShareUsage", witness_names},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup+NetworkOption",
     network_names},
    {"Microsoft.Exchange.Management.SystemConfigurationTasks.ReplicationCheckResultEnum", check_result_names},
};

const char *const *catalog_enum(const char *type)
{
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++)
        if (!strcmp(enums[i].type, type))
            return enums[i].names;
    return NULL;
}

/* [label|]property:width, ... ; a width of 0 sizes from the data. */
static const struct {
    const char *type;
    const char *columns;
} tables[] = {
    {"Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
     "Name:19,Site:20,ServerRole:15,Edition:17,AdminDisplayVersion:20"},
    {"Microsoft.Exchange.Data.Directory.Management.MailboxServer", "Name:19,DatabaseAvailabilityGroup:26"},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup",
     "Name:16,Member Servers|Servers:51,Operational Servers|OperationalServers:51"},
    {"Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase",
     "Name:30,Server:15,Recovery:15,ReplicationType:15"},
    {"Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry",
     "Name:46,Status:15,CopyQueueLength:9,ReplayQueueLength:11,LastInspectedLogTime:22,ContentIndexState:12"},
    {"Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseMoveResult",
     "Identity:15,ActiveServerAtStart:15,ActiveServerAtEnd:15,Status:10,NumberOfLogsLost:18,"
     "RecoveryPointObjective:13,MountStatusAtMoveStart:11,MountStatusAtMoveEnd:11"},
    {"Microsoft.Exchange.Data.Directory.Management.ServerComponentStatePresentationObject",
     "Server:26,Component:30,State:10"},
    {"Microsoft.Exchange.Data.Directory.Management.ADSite", "Name:30,HubSiteEnabled:14"},
    {"Microsoft.Exchange.Data.Directory.Management.ADSiteLink",
     "Name:30,Cost:6,ADCost:6,ExchangeCost:12,MaxMessageSize:14"},
    {"Microsoft.Exchange.Data.Directory.Management.Mailbox", "Name:25,Alias:20,ServerName:16,ProhibitSendQuota:17"},
    {"Microsoft.Exchange.Management.SystemConfigurationTasks.ReplicationCheckOutputObject",
     "Server:15,Check:26,Result:10,Error:0"},
    {"Emsh.Lab.Event", "TimeCreated:22,Category:16,Server:8,Message:0"},
    {"Emsh.Lab.Clock", "Now:22,Mode:8,Timers:6"},
    {"Emsh.Lab.Server", "Name:15,Site:15,Role:12,State:10,Volumes:7"},
    {"Emsh.Lab.Organization", "Name:20,Template:22,Sites:5,Servers:7,Databases:9,Mailboxes:9"},
};

static json_t *columns_of(const char *spec)
{
    json_t *cols = json_array();
    const char *p = spec;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char item[128];
        snprintf(item, sizeof item, "%.*s", (int)n, p);
        char *colon = strrchr(item, ':');
        int width = colon ? atoi(colon + 1) : 0;
        if (colon)
            *colon = '\0';
        char *bar = strchr(item, '|');
        const char *label = NULL, *prop = item;
        if (bar) {
            *bar = '\0';
            label = item;
            prop = bar + 1;
        }
        json_array_append_new(cols, json_pack("{s:o, s:s, s:i}", "label", label ? json_string(label) : json_null(),
                                              "property", prop, "width", width));
        p += n;
        if (*p == ',')
            p++;
    }
    return cols;
}

json_t *engine_catalog(void)
{
    json_t *en = json_object();
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        json_t *names = json_array();
        for (const char *const *n = enums[i].names; *n; n++)
            json_array_append_new(names, json_string(*n));
        json_object_set_new(en, enums[i].type, names);
    }
    json_t *views = json_array();
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        json_array_append_new(views, json_pack("{s:s, s:s, s:o}", "type", tables[i].type, "shape", "table",
                                               "columns", columns_of(tables[i].columns)));
    return json_pack("{s:o, s:o}", "enums", en, "views", views);
}
