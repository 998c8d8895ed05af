/*
** h_db.c - mailbox databases and their copies: New-/Get-/Set-/Remove-
** MailboxDatabase, Mount-/Dismount-Database, Add-/Remove-/Set-
** MailboxDatabaseCopy, Get-MailboxDatabaseCopyStatus, Suspend-/Resume-/
** Update-MailboxDatabaseCopy and Move-ActiveMailboxDatabase.
*/
#include "engine_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DB_VERSION "0.10 (14.0.100.0)"
#define MAX_LAG (14 * MS_DAY)
/* Switchover lag checks: [ENGINE] the documentation gives only "replay queue > 6" as an example;
   we block at ReplayQueueLength > 6 or CopyQueueLength >= 10 (the BCSS set-1 bound). */
#define SWITCHOVER_MAX_REPLAY 6
#define SWITCHOVER_MAX_COPY 10

static const char *const copy_status_enum = "Microsoft.Exchange.Management.SystemConfigurationTasks.CopyStatus";

static void lower(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; src[i] && i + 1 < n; i++)
        dst[i] = (char)tolower((unsigned char)src[i]);
    dst[i] = '\0';
}

/* {=== Get-MailboxDatabase ===*/

static json_t *pair_list(struct org *g, struct database *d, int what)
{
    json_t *a = json_array();
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    for (int i = 0; i < n; i++) {
        struct server *s = org_get(g, cs[i]->server);
        char buf[300], ts[64];
        if (what == 0)
            snprintf(buf, sizeof buf, "[%s, %d]", s ? s->o.name : "?", cs[i]->preference);
        else {
            fmt_timespan(what == 1 ? cs[i]->replay_lag : cs[i]->truncation_lag, ts, sizeof ts);
            snprintf(buf, sizeof buf, "[%s, %s]", s ? s->o.name : "?", ts);
        }
        json_array_append_new(a, json_string(buf));
    }
    return a;
}

static struct rec *database_record(struct call *k, struct database *d, bool status)
{
    struct org *g = k->g;
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase");
    struct server *as = db_active_server(g, d);
    struct dag *dag = org_get(g, d->dag);
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    rec_set(r, "Name", w_str(d->o.name));
    rec_set(r, "Server", w_obj_id(g, as));
    rec_set(r, "MasterServerOrAvailabilityGroup", dag ? w_obj_id(g, dag) : w_obj_id(g, as));
    json_t *servers = json_array(), *copies = json_array();
    for (int i = 0; i < n; i++) {
        json_array_append_new(servers, w_obj_id(g, org_get(g, cs[i]->server)));
        json_array_append_new(copies, w_str(cs[i]->o.name));
    }
    rec_set(r, "Servers", servers);
    rec_set(r, "DatabaseCopies", copies);
    rec_set(r, "ActivationPreference", pair_list(g, d, 0));
    rec_set(r, "ReplayLagTimes", pair_list(g, d, 1));
    rec_set(r, "TruncationLagTimes", pair_list(g, d, 2));
    rec_set(r, "Recovery", w_bool(d->recovery));
    rec_set(r, "ReplicationType", w_str(n > 1 ? "Remote" : "None"));
    rec_set(r, "EdbFilePath", w_str(d->edb_path));
    rec_set(r, "LogFolderPath", w_str(d->log_path));
    rec_set(r, "LogFilePrefix", w_str("E00"));
    rec_set(r, "CircularLoggingEnabled", w_bool(d->circular_logging));
    rec_set(r, "MountAtStartup", w_bool(d->mount_at_startup));
    rec_set(r, "DataMoveReplicationConstraint",
            w_enum("Microsoft.Exchange.Data.Directory.SystemConfiguration.DataMoveReplicationConstraintParameter",
                   (const char *const[]){"None", "SecondCopy", "SecondDatacenter", "AllDatacenters",
                                         "AllCopies"}[d->constraint]));
    rec_set(r, "IssueWarningQuota", w_size(2039480320LL));
    rec_set(r, "ProhibitSendQuota", w_size(2147483648LL));
    rec_set(r, "ProhibitSendReceiveQuota", w_size(2469396480LL));
    rec_set(r, "DeletedItemRetention", w_timespan(14 * MS_DAY));
    rec_set(r, "MailboxRetention", w_timespan(30 * MS_DAY));
    rec_set(r, "IsExcludedFromProvisioning", w_bool(false));
    rec_set(r, "IsSuspendedFromProvisioning", w_bool(false));
    rec_set(r, "ServerName", w_str(as ? as->o.name : NULL));
    rec_set(r, "Mounted", status ? w_bool(d->state == DB_MOUNTED) : json_null());
    char fq[300];
    rec_set(r, "MountedOnServer", status && as && d->state == DB_MOUNTED ? w_str(server_fqdn(g, as, fq, sizeof fq))
                                                                        : json_null());
    rec_set(r, "DatabaseSize", status ? w_size(db_size(g, d)) : json_null());
    rec_set(r, "AvailableNewMailboxSpace", status ? w_size(0) : json_null());
    rec_set(r, "BackupInProgress", status ? w_bool(false) : json_null());
    rec_set(r, "OnlineMaintenanceInProgress", status ? w_bool(false) : json_null());
    rec_set(r, "LastFullBackup", json_null());
    ad_tail(g, r, d, DB_VERSION, "ms-Exch-Private-MDB", "msExchPrivateMDB");
    return r;
}

static void get_mailbox_database(struct call *k)
{
    void **v;
    int n = get_targets(k, OC_DB, "Identity", &v);
    struct server *only = NULL;
    if (p_str(k, "Server") && !(only = resolve_one(k, OC_SERVER, p_str(k, "Server"), "server"))) {
        free(v);
        return;
    }
    for (int i = 0; i < n; i++) {
        struct database *d = v[i];
        if (only && !db_copy_on(k->g, d, only->o.id))
            continue;
        k_out(k, database_record(k, d, p_switch(k, "Status")));
    }
    free(v);
}

/* }=== */

/* {=== New-, Set-, Remove-MailboxDatabase ===*/

static void new_mailbox_database(struct call *k)
{
    struct org *g = k->g;
    const char *name = p_str(k, "Name");
    if (!name || !*name || strlen(name) > NAME_MAX_LEN) {
        k_error(k, "ArgumentException", "InvalidArgument", name, "The database name must be 1 to 64 characters.");
        return;
    }
    if (org_find(g, OC_DB, name)) {
        k_error(k, "ADObjectAlreadyExistsException", "NotSpecified", name,
                "Database '%s' already exists. Database names must be unique in the organization.", name);
        return;
    }
    struct server *s = p_str(k, "Server") ? resolve_one(k, OC_SERVER, p_str(k, "Server"), "server") : local_server(g);
    if (!s)
        return;
    if (s->role != ROLE_MAILBOX) {
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name, "The server '%s' isn't a Mailbox server.",
                s->o.name);
        return;
    }
    if (!k_should(k, "Creating mailbox database \"%s\" on server \"%s\".", name, s->o.name))
        return;
    const char *edb = p_str(k, "EdbFilePath"), *log = p_str(k, "LogFolderPath");
    char edb_dflt[260], log_dflt[260];
    snprintf(edb_dflt, sizeof edb_dflt, "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Mailbox\\%s\\%s.edb",
             name, name);
    snprintf(log_dflt, sizeof log_dflt, "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Mailbox\\%s", name);
    struct database *d = db_new(g, name, s, edb ? edb : edb_dflt, log ? log : log_dflt);
    d->recovery = p_switch(k, "Recovery");
    k_warn(k, "Please restart the Microsoft Exchange Information Store service on server %s after adding new "
              "mailbox databases.", s->o.name);
    k_out(k, database_record(k, d, false));
}

static void set_mailbox_database(struct call *k)
{
    struct database *d = resolve_one(k, OC_DB, p_str(k, "Identity"), "database");
    if (!d)
        return;
    struct copy *cs[MAX_COPIES];
    int n = db_copies(k->g, d, cs);
    bool circ = p_bool(k, "CircularLoggingEnabled", d->circular_logging);
    static const char *const constraints[] = {"None", "SecondCopy", "SecondDatacenter", "AllDatacenters",
                                              "AllCopies", NULL};
    int con = p_enum(k, "DataMoveReplicationConstraint", constraints, d->constraint);
    if (con > 0 && n < 2) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "DataMoveReplicationConstraint '%s' needs a replicated database; '%s' has one copy.",
                constraints[con], d->o.name);
        return;
    }
    if (!k_should(k, "Configuring mailbox database \"%s\".", d->o.name))
        return;
    d->circular_logging = circ;
    d->mount_at_startup = p_bool(k, "MountAtStartup", d->mount_at_startup);
    d->constraint = (uint8_t)con;
    touch(k->g, d);
}

static void remove_mailbox_database(struct call *k)
{
    struct org *g = k->g;
    struct database *d = resolve_one(k, OC_DB, p_str(k, "Identity"), "database");
    if (!d)
        return;
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    if (n > 1) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "Database '%s' has %d passive %s. Remove all passive copies with Remove-MailboxDatabaseCopy "
                "before removing the database.", d->o.name, n - 1, n == 2 ? "copy" : "copies");
        return;
    }
    for (int i = 0; i < ORG_N(g, OC_MAILBOX); i++)
        if (ORG_MAILBOXES(g)[i]->db == d->o.id) {
            k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                    "This mailbox database contains one or more mailboxes, mailbox plans, archive mailboxes, "
                    "public folder mailboxes or arbitration mailboxes. To get a list of all mailboxes in this "
                    "database, run the command Get-Mailbox -Database <Database ID>. Before you can remove this "
                    "mailbox database, you must disable, move, or remove user mailboxes and move arbitration "
                    "mailboxes.");
            return;
        }
    if (!k_should(k, "Removing mailbox database \"%s\".", d->o.name))
        return;
    db_dismount(g, d, "it is being removed");
    for (int i = 0; i < n; i++)
        org_delete(g, cs[i]);
    org_delete(g, d);
    k_warn(k, "The specified database has been removed. You must remove the database file located in %s from your "
              "computer manually if it exists. Specified database: %s", d->edb_path ? d->edb_path : "", d->o.name);
}

/* }=== */

/* {=== Mount-, Dismount-Database ===*/

static void mount_database(struct call *k)
{
    struct org *g = k->g;
    struct database *d = resolve_one(k, OC_DB, p_str(k, "Identity"), "database");
    if (!d || d->state == DB_MOUNTED)
        return;
    struct server *s = db_active_server(g, d);
    if (!s || !s->up) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "Couldn't mount the database that you specified. Specified database: %s; Error code: An Active "
                "Manager operation failed. Error: The database action failed. Error: The server '%s' is "
                "unreachable.", d->o.name, s ? s->o.name : "?");
        return;
    }
    if (!am_can_mount(g, s)) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "Couldn't mount the database that you specified. Specified database: %s; Error code: An Active "
                "Manager operation failed. Error: An Active Manager operation encountered an error. To perform "
                "this operation, the server must be a member of a database availability group, and the database "
                "availability group must have quorum, and Active Manager on the server must be allowed to mount "
                "databases.", d->o.name);
        return;
    }
    if (!k_should(k, "Mounting database \"%s\".", d->o.name))
        return;
    db_mount(g, d);
}

static void dismount_database(struct call *k)
{
    struct database *d = resolve_one(k, OC_DB, p_str(k, "Identity"), "database");
    if (!d)
        return;
    if (!k_should(k, "Dismounting database \"%s\". This may result in reduced availability for mailboxes in the "
                     "database.", d->o.name))
        return;
    d->admin_dismounted = true;
    touch(k->g, d);
    db_dismount(k->g, d, "an administrator dismounted it");
}

/* }=== */

/* {=== Get-MailboxDatabaseCopyStatus ===*/


static struct rec *copy_status_record(struct org *g, struct copy *c)
{
    struct rec *r = rec_new("Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry");
    struct database *d = org_get(g, c->db);
    struct server *s = org_get(g, c->server), *as = db_active_server(g, d);
    bool active = d->server == c->server;
    int st = copy_status(g, c);
    int64_t gen = db_gen_at(d, g->now), cq = copy_queue(g, c), rq = replay_queue(g, c);
    int64_t inspected = gen - cq, replayed = inspected - rq;
    char buf[400];
    rec_set(r, "Identity", w_str(c->o.name));
    rec_set(r, "Id", w_str(c->o.name));
    rec_set(r, "Name", w_str(c->o.name));
    rec_set(r, "DatabaseName", w_str(d->o.name));
    rec_set_enum(r, "Status", copy_status_enum, copy_status_names[st]);
    rec_set_datetime(r, "InstanceStartTime", s->boot_at);
    rec_set(r, "MailboxServer", w_str(s->o.name));
    char lo[80];
    lower(lo, as ? as->o.name : "", sizeof lo);
    rec_set(r, "ActiveDatabaseCopy", as ? w_str(lo) : json_null());
    rec_set(r, "ActiveCopy", w_bool(active));
    rec_set(r, "ActivationPreference", w_int(c->preference));
    rec_set_datetime(r, "StatusRetrievedTime", g->now);
    rec_set(r, "ActivationSuspended", w_bool(c->activation_suspended));
    rec_set(r, "ErrorMessage", w_str(c->error));
    rec_set(r, "SuspendComment", w_str(c->suspend_comment));
    rec_set(r, "SinglePageRestore", w_int(0));
    rec_set_enum(r, "ContentIndexState", "Microsoft.Exchange.Management.SystemConfigurationTasks.ContentIndexStatusType",
                 ci_state_names[c->ci]);
    rec_set(r, "ContentIndexErrorMessage", json_null());
    rec_set(r, "CopyQueueLength", w_int(cq));
    rec_set(r, "ReplayQueueLength", w_int(rq));
    int64_t inspected_at = active ? 0 : copy_inspected_time(g, c);
    rec_set_datetime(r, "LatestAvailableLogTime", gen ? db_gen_time(d, gen) : 0);
    rec_set_datetime(r, "LastCopiedLogTime", inspected_at);
    rec_set_datetime(r, "LastInspectedLogTime", inspected_at);
    rec_set_datetime(r, "LastReplayedLogTime", !active && replayed > 0 ? db_gen_time(d, replayed) : 0);
    rec_set(r, "LastLogGenerated", w_int(gen));
    rec_set(r, "LastLogCopied", w_int(active ? 0 : inspected));
    rec_set(r, "LastLogInspected", w_int(active ? 0 : inspected));
    rec_set(r, "LastLogReplayed", w_int(active ? 0 : replayed));
    /* the Replay Lag Manager's view of a lagged copy: why it plays down, if it does */
    if (c->replay_lag) {
        char conf[32], max[32], act[32];
        fmt_timespan(c->replay_lag, conf, sizeof conf);
        fmt_timespan(c->lag_max_delay, max, sizeof max);
        fmt_timespan(c->playdown || c->lag_disabled ? 0 : c->replay_lag, act, sizeof act);
        const char *reason = c->playdown ? "InRequiredRange" : c->lag_disabled ? "LagDisabled" : "None";
        snprintf(buf, sizeof buf, "Enabled:%s; PlayDownReason:%s; Percentage:0; Configured:%s; MaxDelay:%s; Actual:%s",
                 c->playdown || c->lag_disabled ? "False" : "True", reason, conf, max, act);
    }
    rec_set(r, "ReplayLagStatus", c->replay_lag ? w_str(buf) : json_null());
    struct dag *dag = org_get(g, s->dag);
    /* paths joined by hand: three snprintf() calls cost more than the rest of a record */
    rec_set(r, "IncomingLogCopyingNetwork",
            !active && c->copying && dag ? w_cat(dag->o.name, "\\MapiDagNetwork", "") : json_null());
    rec_set(r, "OutgoingConnections", json_null());
    char vol[3] = {(char)('0' + c->volume / 10 % 10), (char)('0' + c->volume % 10), '\0'};
    rec_set(r, "ExchangeVolumeMountPoint", w_cat("C:\\ExchangeVolumes\\ExchangeVolume", vol + (c->volume < 10), "\\"));
    rec_set(r, "DatabaseVolumeMountPoint", w_cat("C:\\ExchangeDatabases\\", d->o.name, "\\"));
    rec_set(r, "DatabasePathIsOnMountedFolder", w_bool(true));
    int redundancy = 0;
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    for (int i = 0; i < n; i++) {
        int x = copy_status(g, cs[i]);
        redundancy += x == CST_MOUNTED || x == CST_HEALTHY;
    }
    rec_set(r, "DatabaseRedundancyCount", w_int(redundancy));
    rec_set(r, "IsValid", w_bool(true));
    rec_set(r, "ObjectState", w_str("Unchanged"));
    return r;
}

static void get_mailbox_database_copy_status(struct call *k)
{
    struct org *g = k->g;
    const char *id = p_str(k, "Identity"), *srv = p_str(k, "Server");
    struct server *only = NULL;
    if (srv && !(only = resolve_one(k, OC_SERVER, srv, "server")))
        return;
    if (p_switch(k, "Local") && !(only = local_server(g))) {
        k_error(k, "InvalidOperationException", "InvalidOperation", NULL, "The local computer isn't a Mailbox server.");
        return;
    }
    const char *bs = id ? strchr(id, '\\') : NULL;
    char dbpat[300] = "*", srvpat[100] = "*";
    if (id) {
        if (bs) {
            snprintf(dbpat, sizeof dbpat, "%.*s", (int)(bs - id), id);
            snprintf(srvpat, sizeof srvpat, "%s", bs + 1);
        } else {
            snprintf(dbpat, sizeof dbpat, "%s", id);
        }
    }
    bool wild = has_wildcard(dbpat) || (bs && has_wildcard(srvpat)); /* no "\\": every copy, not a wildcard */
    int found = 0;
    for (int i = 0; i < ORG_N(g, OC_DB); i++) {
        struct database *d = ORG_DBS(g)[i];
        if (!(has_wildcard(dbpat) ? wild_match(dbpat, d->o.name)
                                  : !strcasecmp(dbpat, d->o.name) || !strcasecmp(dbpat, d->o.guid)))
            continue;
        struct copy *cs[MAX_COPIES];
        int n = db_copies(g, d, cs);
        for (int j = 0; j < n; j++) {
            struct copy *c = cs[j];
            struct server *s = org_get(g, c->server);
            if (has_wildcard(srvpat) ? !wild_match(srvpat, s->o.name) : strcasecmp(srvpat, s->o.name))
                continue;
            if (only && c->server != only->o.id)
                continue;
            if (p_switch(k, "Active") && d->server != c->server)
                continue;
            found++;
            k_out(k, copy_status_record(g, c));
        }
    }
    if (id && !found && !wild)
        k_not_found(k, "copy", id);
}

/* }=== */

/* {=== copies ===*/

static bool check_lag(struct call *k, const char *name, int64_t ms)
{
    if (ms < 0 || ms > MAX_LAG) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL,
                "The %s value must be between 00:00:00 and 14.00:00:00.", name);
        return false;
    }
    return true;
}

/* [ENGINE] ActivationPreference renumbering, which the documentation leaves open: the values stay a
   permutation of 1..N; setting one shifts the others, removing one closes the gap. */
static void renumber(struct org *g, struct database *d, struct copy *moved, int want)
{
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs), k = 0;
    struct copy *order[MAX_COPIES];
    for (int i = 0; i < n; i++)
        if (cs[i] != moved)
            order[k++] = cs[i];
    if (moved) {
        if (want < 1)
            want = 1;
        if (want > k + 1)
            want = k + 1;
        memmove(order + want, order + want - 1, (size_t)(k - want + 1) * sizeof order[0]);
        order[want - 1] = moved;
        k++;
    }
    for (int i = 0; i < k; i++)
        if (order[i]->preference != i + 1) {
            order[i]->preference = i + 1;
            touch(g, order[i]);
        }
}

static void add_mailbox_database_copy(struct call *k)
{
    struct org *g = k->g;
    struct database *d = resolve_one(k, OC_DB, p_str(k, "Identity"), "database");
    if (!d)
        return;
    struct server *s = resolve_one(k, OC_SERVER, p_str(k, "MailboxServer"), "server");
    if (!s)
        return;
    struct server *as = db_active_server(g, d);
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    bool config_only = p_switch(k, "ConfigurationOnly");
    if (db_copy_on(g, d, s->o.id)) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "A copy of database '%s' already exists on server '%s'.", d->o.name, s->o.name);
        return;
    }
    if (!s->dag || !as || s->dag != as->dag) {
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                "Server '%s' isn't a member of the database availability group that hosts database '%s'. A database "
                "copy can be added only on a member of the same DAG.", s->o.name, d->o.name);
        return;
    }
    if (n >= MAX_COPIES) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "Database '%s' already has %d copies, the most a database can have.", d->o.name, MAX_COPIES);
        return;
    }
    int64_t pref = p_int(k, "ActivationPreference", n + 1);
    if (pref < 1 || pref > n + 1) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL,
                "The ActivationPreference value must be between 1 and %d, the number of copies of the database.", n + 1);
        return;
    }
    int64_t lag = p_timespan(k, "ReplayLagTime", 0), trunc = p_timespan(k, "TruncationLagTime", 0),
            maxd = p_timespan(k, "ReplayLagMaxDelay", MS_DAY);
    if (!check_lag(k, "ReplayLagTime", lag) || !check_lag(k, "TruncationLagTime", trunc))
        return;
    if (n == 1 && d->circular_logging) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "Circular logging is enabled on database '%s'. Disable it before adding the first passive copy.",
                d->o.name);
        return;
    }
    if (!config_only && d->state != DB_MOUNTED) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "Database '%s' isn't mounted. A copy can be added only while the active copy is mounted (or use "
                "-ConfigurationOnly).", d->o.name);
        return;
    }
    if (!config_only && !am_has_quorum(g, as)) {
        k_error(k, "InvalidOperationException", "InvalidOperation", d->o.name,
                "The database availability group doesn't have quorum.");
        return;
    }
    if (!k_should(k, "Adding mailbox database copy \"%s\" on server \"%s\".", d->o.name, s->o.name))
        return;
    struct copy *c = copy_new(g, d, s, n + 1);
    c->replay_lag = lag;
    c->truncation_lag = trunc;
    c->lag_max_delay = maxd;
    if (pref != n + 1)
        renumber(g, d, c, (int)pref);
    if (config_only || p_switch(k, "SeedingPostponed")) {
        c->suspended = true;
        char why[COMMENT_MAX_LEN + 1];
        snprintf(why, sizeof why, "Replication is suspended for database copy '%s' because database needs to be seeded.",
                 d->o.name);
        c->suspend_comment = org_text(k->g, why, COMMENT_MAX_LEN);
        if (p_switch(k, "SeedingPostponed"))
            k_warn(k, "Replication is suspended for database copy '%s' because database needs to be seeded.",
                   d->o.name);
    } else {
        copy_seed(g, c, false);
    }
}

static void remove_mailbox_database_copy(struct call *k)
{
    struct org *g = k->g;
    struct copy *c = resolve_copy(k, p_str(k, "Identity") ? p_str(k, "Identity") : "");
    if (!c)
        return;
    struct database *d = org_get(g, c->db);
    struct server *s = org_get(g, c->server);
    if (d->server == c->server) {
        k_error(k, "InvalidOperationException", "InvalidOperation", c->o.name,
                "Database copy '%s' is the active copy and can't be removed. Move the active copy to another server "
                "first, or remove all passive copies and then the database.", c->o.name);
        return;
    }
    if (!p_switch(k, "ConfigurationOnly") && !am_has_quorum(g, db_active_server(g, d))) {
        k_error(k, "InvalidOperationException", "InvalidOperation", c->o.name,
                "The database availability group doesn't have quorum.");
        return;
    }
    struct copy *cs[MAX_COPIES];
    if (db_copies(g, d, cs) == 2 && d->circular_logging) {
        k_error(k, "InvalidOperationException", "InvalidOperation", c->o.name,
                "Continuous replication circular logging is enabled on database '%s'. Disable it before removing "
                "the last passive copy.", d->o.name);
        return;
    }
    if (!k_should(k, "Removing database copy \"%s\" from server \"%s\".", d->o.name, s->o.name))
        return;
    timer_cancel(g, TM_COPY_READY, c->o.id);
    org_delete(g, c);
    renumber(g, d, NULL, 0);
    if (db_copies(g, d, cs) == 1) {
        d->dag = 0;
        touch(g, d);
    }
    k_warn(k, "The data and log files for database copy '%s' on server '%s' weren't removed. Remove them manually "
              "if they aren't needed.", d->o.name, s->o.name);
}

static void set_mailbox_database_copy(struct call *k)
{
    struct org *g = k->g;
    struct copy *c = resolve_copy(k, p_str(k, "Identity") ? p_str(k, "Identity") : "");
    if (!c)
        return;
    struct database *d = org_get(g, c->db);
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    int64_t pref = p_int(k, "ActivationPreference", c->preference);
    if (pref < 1 || pref > n) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL,
                "The ActivationPreference value must be between 1 and %d, the number of copies of the database.", n);
        return;
    }
    int64_t lag = p_timespan(k, "ReplayLagTime", c->replay_lag), trunc = p_timespan(k, "TruncationLagTime", c->truncation_lag);
    if (!check_lag(k, "ReplayLagTime", lag) || !check_lag(k, "TruncationLagTime", trunc))
        return;
    if (!k_should(k, "Configuring database copy \"%s\".", c->o.name))
        return;
    c->replay_lag = lag;
    c->truncation_lag = trunc;
    c->lag_max_delay = p_timespan(k, "ReplayLagMaxDelay", c->lag_max_delay);
    touch(g, c);
    if (pref != c->preference)
        renumber(g, d, c, (int)pref);
}

static struct copy *passive_copy(struct call *k, const char *verb)
{
    struct copy *c = resolve_copy(k, p_str(k, "Identity") ? p_str(k, "Identity") : "");
    if (!c)
        return NULL;
    struct database *d = org_get(k->g, c->db);
    if (d->server == c->server) {
        /* [NOT DOCUMENTED] suspending the active copy: refused */
        k_error(k, "InvalidOperationException", "InvalidOperation", c->o.name,
                "The %s operation can't be performed on database copy '%s' because it is the active copy.", verb,
                c->o.name);
        return NULL;
    }
    return c;
}

static void suspend_mailbox_database_copy(struct call *k)
{
    struct copy *c = passive_copy(k, "suspend");
    if (!c)
        return;
    const char *comment = p_str(k, "SuspendComment");
    if (comment && strlen(comment) > 512) {
        k_error(k, "ArgumentException", "InvalidArgument", NULL, "The SuspendComment can be at most 512 characters.");
        return;
    }
    bool activation_only = p_switch(k, "ActivationOnly");
    if (!k_should(k, activation_only ? "Suspending activation for database copy \"%s\"."
                                     : "Suspending replication for database copy \"%s\".", c->o.name))
        return;
    if (activation_only) {
        c->activation_suspended = true;
    } else {
        copy_stop(k->g, c);
        c->suspended = true;
        c->activation_suspended = true;
        c->until = 0;
        c->suspend_comment = org_text(k->g, comment, COMMENT_MAX_LEN);
    }
    touch(k->g, c);
    k_event(k->g, "Copy", NULL, "Database copy %s suspended%s.", c->o.name, activation_only ? " for activation" : "");
}

static void resume_mailbox_database_copy(struct call *k)
{
    struct copy *c = passive_copy(k, "resume");
    if (!c)
        return;
    if (!k_should(k, "Resuming replication for database copy \"%s\".", c->o.name))
        return;
    struct server *s = org_get(k->g, c->server);
    if (c->error && (s->failed_volumes & (1u << (c->volume - 1)))) {
        /* a system-suspended copy whose cause remains fails again */
        k_error(k, "InvalidOperationException", "InvalidOperation", c->o.name,
                "Database copy '%s' couldn't be resumed: %s The copy remains FailedAndSuspended.", c->o.name, c->error);
        return;
    }
    c->suspended = false;
    c->suspend_comment = NULL;
    if (!p_switch(k, "ReplicationOnly"))
        c->activation_suspended = false;
    if (p_switch(k, "DisableReplayLag"))
        c->lag_disabled = true;
    if (c->error) {
        c->error = NULL;
        c->diverged = true;
    }
    c->status = CST_HEALTHY;
    touch(k->g, c);
    k_event(k->g, "Copy", NULL, "Database copy %s resumed.", c->o.name);
}

static void update_mailbox_database_copy(struct call *k)
{
    struct org *g = k->g;
    struct copy *c = passive_copy(k, "update");
    if (!c)
        return;
    struct database *d = org_get(g, c->db);
    if (!c->suspended) {
        k_error(k, "InvalidOperationException", "InvalidOperation", c->o.name,
                "Seeding can't be started for database copy '%s' because it isn't suspended. Run "
                "Suspend-MailboxDatabaseCopy first.", c->o.name);
        return;
    }
    struct server *s = org_get(g, c->server), *src = db_active_server(g, d);
    if (p_str(k, "SourceServer") && !(src = resolve_one(k, OC_SERVER, p_str(k, "SourceServer"), "server")))
        return;
    struct copy *sc = db_copy_on(g, d, src->o.id);
    int sst = sc ? copy_status(g, sc) : CST_FAILED;
    if (!sc || !src->up || (sst != CST_MOUNTED && sst != CST_HEALTHY)) {
        k_error(k, "InvalidOperationException", "InvalidOperation", c->o.name,
                "The seeding source '%s' for database copy '%s' isn't healthy or can't be reached.", src->o.name,
                c->o.name);
        return;
    }
    if (s->failed_volumes & (1u << (c->volume - 1))) {
        k_error(k, "InvalidOperationException", "InvalidOperation", c->o.name,
                "The volume of database copy '%s' on server '%s' has failed.", c->o.name, s->o.name);
        return;
    }
    if (!k_should(k, "Seeding database copy \"%s\".", c->o.name))
        return;
    copy_seed(g, c, p_switch(k, "ManualResume"));
}

/* }=== */

/* {=== Move-ActiveMailboxDatabase ===*/

static struct rec *move_result(struct org *g, struct database *d, const char *from, bool was_mounted, int status,
                           int64_t lost, const char *error)
{
    struct rec *r = rec_new("Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseMoveResult");
    char a[80], b[80];
    struct server *to = db_active_server(g, d);
    lower(a, from, sizeof a);
    lower(b, to ? to->o.name : "", sizeof b);
    static const char *const statuses[] = {"Succeeded", "Warning", "Failed"};
    rec_set(r, "Identity", w_str(d->o.name));
    rec_set(r, "ActiveServerAtStart", w_str(a));
    rec_set(r, "ActiveServerAtEnd", w_str(b));
    rec_set(r, "Status", w_enum("Microsoft.Exchange.Management.SystemConfigurationTasks.MoveStatus", statuses[status]));
    rec_set(r, "NumberOfLogsLost", w_int(lost));
    rec_set(r, "RecoveryPointObjective", w_datetime(g->now));
    rec_set(r, "MountStatusAtMoveStart",
            w_enum("Microsoft.Exchange.Management.SystemConfigurationTasks.MountStatus", was_mounted ? "Mounted" : "Dismounted"));
    rec_set(r, "MountStatusAtMoveEnd", w_enum("Microsoft.Exchange.Management.SystemConfigurationTasks.MountStatus",
                                              d->state == DB_MOUNTED ? "Mounted" : "Dismounted"));
    rec_set(r, "ErrorMessage", w_str(error));
    rec_set(r, "ErrorCode", w_int(error ? 1 : 0));
    return r;
}

/* The switchover checks of one target copy; NULL when it passes. */
static const char *switchover_check(struct org *g, struct copy *c, const struct move_opts *o, char *buf, size_t n)
{
    struct database *d = org_get(g, c->db);
    struct server *s = org_get(g, c->server);
    int st = copy_status(g, c);
    if (!s->up || !s->repl_up) {
        snprintf(buf, n, "The server '%s' is unreachable.", s->o.name);
        return buf;
    }
    if (!o->skip_health && st != CST_HEALTHY && st != CST_DISCONNECTEDANDHEALTHY) {
        snprintf(buf, n, "Database copy '%s' on server '%s' is in state '%s', and it must be Healthy to be "
                         "activated. Use -SkipHealthChecks to skip this check.", d->o.name, s->o.name,
                 copy_status_names[st]);
        return buf;
    }
    if (!o->skip_lag && (replay_queue(g, c) > SWITCHOVER_MAX_REPLAY || copy_queue(g, c) >= SWITCHOVER_MAX_COPY)) {
        snprintf(buf, n, "Database copy '%s' on server '%s' has a copy queue length of %lld and a replay queue "
                         "length of %lld, which are outside the criteria for activation. Use -SkipLagChecks to "
                         "skip this check.", d->o.name, s->o.name, (long long)copy_queue(g, c),
                 (long long)replay_queue(g, c));
        return buf;
    }
    if (!o->skip_ci && c->ci != CI_HEALTHY) {
        snprintf(buf, n, "Database copy '%s' on server '%s' has content index catalog files in the following state: "
                         "'%s'. Use -SkipClientExperienceChecks to skip this check.", d->o.name, s->o.name,
                 ci_state_names[c->ci]);
        return buf;
    }
    int mounted = 0;
    for (int i = 0; i < ORG_N(g, OC_DB); i++)
        mounted += ORG_DBS(g)[i]->server == s->o.id && ORG_DBS(g)[i]->state == DB_MOUNTED;
    if (s->max_active >= 0 && mounted >= s->max_active) {
        snprintf(buf, n, "Server '%s' has reached its MaximumActiveDatabases limit of %d.", s->o.name, s->max_active);
        return buf;
    }
    if (!o->skip_max_active && s->max_preferred >= 0 && mounted >= s->max_preferred) {
        snprintf(buf, n, "Server '%s' has reached its MaximumPreferredActiveDatabases limit of %d. Use "
                         "-SkipMaximumActiveDatabasesChecks to skip this check.", s->o.name, s->max_preferred);
        return buf;
    }
    return NULL;
}

static void am_error(struct call *k, struct database *d, struct server *target, const char *msg)
{
    char fq[300] = "";
    if (target)
        server_fqdn(k->g, target, fq, sizeof fq);
    k_error(k, "AmDbActionWrapperException", "InvalidOperation", d->o.name,
            "An Active Manager operation failed. Error: The database action failed. Error: %s [Database: %s, "
            "Server: %s]", msg, d->o.name, fq);
}

/* Moves one database; returns 0 on success (or when it needed nothing). */
static int move_one(struct call *k, struct database *d, struct server *target, struct move_opts *o, bool output)
{
    struct org *g = k->g;
    struct server *src = db_active_server(g, d);
    char from[sizeof src->o.name];
    snprintf(from, sizeof from, "%s", src ? src->o.name : "");
    bool was_mounted = d->state == DB_MOUNTED;
    char why[700];
    struct copy *to = NULL;
    if (target) {
        to = db_copy_on(g, d, target->o.id);
        if (!to) {
            am_error(k, d, target, "There is no copy of the database on the specified server.");
            return -1;
        }
        if (to->server == d->server) {
            am_error(k, d, target, "The database is already active on the specified server.");
            return -1;
        }
        if (switchover_check(g, to, o, why, sizeof why)) {
            am_error(k, d, target, why);
            return -1;
        }
    } else {
        to = bcss(g, d, d->server, o, why, sizeof why);
        if (to && switchover_check(g, to, o, why, sizeof why))
            to = NULL;
        if (!to) {
            am_error(k, d, src, why);
            return -1;
        }
    }
    struct server *ts = org_get(g, to->server);
    if (!k_should(k, "Moving mailbox database \"%s\" from server \"%s\" to server \"%s\".", d->o.name, from,
                  ts->o.name))
        return 0;
    int64_t before = d->lost_logs_total;
    if (activate(g, d, to, o, why, sizeof why)) {
        am_error(k, d, ts, why);
        if (output)
            k_out(k, move_result(g, d, from, was_mounted, 2, 0, why));
        return -1;
    }
    if (output)
        k_out(k, move_result(g, d, from, was_mounted, 0, d->lost_logs_total - before, NULL));
    return 0;
}

static void move_active_mailbox_database(struct call *k)
{
    struct org *g = k->g;
    static const char *const dials[] = {"Lossless", "GoodAvailability", "BestAvailability", "BestEffort", "None", NULL};
    struct move_opts o = {
        .dial = p_enum(k, "MountDialOverride", dials, DIAL_LOSSLESS),
        .skip_health = p_switch(k, "SkipHealthChecks"),
        .skip_lag = p_switch(k, "SkipLagChecks"),
        .skip_ci = p_switch(k, "SkipClientExperienceChecks"),
        .skip_max_active = p_switch(k, "SkipMaximumActiveDatabasesChecks"),
        .skip_active_copy = p_switch(k, "SkipActiveCopyChecks"),
        .switchover = true,
        .comment = p_str(k, "MoveComment"),
    };
    if (p_switch(k, "SkipAllChecks"))
        o.skip_health = o.skip_lag = o.skip_ci = o.skip_max_active = o.skip_active_copy = true;
    struct server *target = NULL;
    if (p_str(k, "ActivateOnServer")) {
        target = resolve_one(k, OC_SERVER, p_str(k, "ActivateOnServer"), "server");
        if (!target)
            return;
        o.explicit_target = true;
    }
    if (p_str(k, "ActivatePreferredOnServer")) {
        struct server *s = resolve_one(k, OC_SERVER, p_str(k, "ActivatePreferredOnServer"), "server");
        if (!s)
            return;
        o.explicit_target = true;
        for (int i = 0; i < ORG_N(g, OC_DB); i++) {
            struct database *d = ORG_DBS(g)[i];
            struct copy *c = db_copy_on(g, d, s->o.id);
            if (c && c->preference == 1 && d->server != s->o.id)
                move_one(k, d, s, &o, true);
        }
        return;
    }
    if (p_str(k, "Server")) {
        struct server *s = resolve_one(k, OC_SERVER, p_str(k, "Server"), "server");
        if (!s)
            return;
        struct database *list[1024];
        int n = 0;
        for (int i = 0; i < ORG_N(g, OC_DB) && n < 1024; i++)
            if (ORG_DBS(g)[i]->server == s->o.id && ORG_DBS(g)[i]->dag)
                list[n++] = ORG_DBS(g)[i];
        if (p_switch(k, "MoveAllDatabasesOrNone")) {
            /* every database must have a target before any moves */
            char why[700];
            for (int i = 0; i < n; i++) {
                struct copy *to = target ? db_copy_on(g, list[i], target->o.id) : bcss(g, list[i], s->o.id, &o, why, sizeof why);
                if (!to || to->server == s->o.id || switchover_check(g, to, &o, why, sizeof why)) {
                    am_error(k, list[i], target ? target : s,
                             "MoveAllDatabasesOrNone: not every database on the server can be moved, so none was.");
                    return;
                }
            }
        }
        for (int i = 0; i < n; i++)
            move_one(k, list[i], target, &o, true);
        return;
    }
    struct database *d = resolve_one(k, OC_DB, p_str(k, "Identity") ? p_str(k, "Identity") : "", "database");
    if (!d)
        return;
    if (!d->dag) {
        am_error(k, d, db_active_server(g, d), "The database isn't replicated; it has no other copy to activate.");
        return;
    }
    move_one(k, d, target, &o, true);
}

/* }=== */

const struct handler db_handlers[] = {
    {"Get-MailboxDatabase", get_mailbox_database, H_MAILBOXES},
    {"New-MailboxDatabase", new_mailbox_database, H_MAILBOXES},
    {"Set-MailboxDatabase", set_mailbox_database, 0},
    {"Remove-MailboxDatabase", remove_mailbox_database, H_MAILBOXES},
    {"Mount-Database", mount_database, 0},
    {"Dismount-Database", dismount_database, 0},
    {"Get-MailboxDatabaseCopyStatus", get_mailbox_database_copy_status, 0},
    {"Add-MailboxDatabaseCopy", add_mailbox_database_copy, H_MAILBOXES},
    {"Remove-MailboxDatabaseCopy", remove_mailbox_database_copy, 0},
    {"Set-MailboxDatabaseCopy", set_mailbox_database_copy, 0},
    {"Suspend-MailboxDatabaseCopy", suspend_mailbox_database_copy, 0},
    {"Resume-MailboxDatabaseCopy", resume_mailbox_database_copy, 0},
    {"Update-MailboxDatabaseCopy", update_mailbox_database_copy, H_MAILBOXES},
    {"Move-ActiveMailboxDatabase", move_active_mailbox_database, 0},
    {NULL, NULL, 0},
};
