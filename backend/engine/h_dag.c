/*
** h_dag.c - database availability groups: New-/Get-/Set-/Remove-
** DatabaseAvailabilityGroup, Add-/Remove-DatabaseAvailabilityGroupServer,
** the datacenter switchover cmdlets Stop-/Restore-/Start-
** DatabaseAvailabilityGroup, and Test-ReplicationHealth.
*/
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DAG_VERSION "0.10 (14.0.100.0)"
#define MAX_PREFERENCE_MOVE (49LL * MS_DAY + 17 * MS_HOUR) /* 49.7 days: more crashes MSExchangeRepl */

static const char *const network_names[] = {"Disabled", "Enabled", "InterSubnetOnly", "SeedOnly", NULL};
static const char *const network_enum = "Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup+NetworkOption";

static json_t *server_ids(struct org *g, const int64_t *ids, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        struct server *s = org_get(g, ids[i]);
        if (s)
            json_array_append_new(a, w_obj_id(g, s));
    }
    return a;
}

static struct rec *dag_record(struct org *g, struct dag *dag, bool status)
{
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup");
    struct server *m[MAX_DAG_MEMBERS];
    int n = dag_members(g, dag, m);
    rec_set(r, "Name", w_str(dag->o.name));
    json_t *servers = json_array(), *ops = json_array();
    for (int i = 0; i < n; i++) {
        json_array_append_new(servers, w_obj_id(g, m[i]));
        if (m[i]->up && am_has_quorum(g, m[i]))
            json_array_append_new(ops, w_obj_id(g, m[i]));
    }
    rec_set(r, "Servers", servers);
    rec_set(r, "WitnessServer", w_str(dag->witness_server[0] ? dag->witness_server : NULL));
    rec_set(r, "WitnessDirectory", w_str(dag->witness_dir[0] ? dag->witness_dir : NULL));
    rec_set(r, "AlternateWitnessServer", w_str(dag->alt_witness_server[0] ? dag->alt_witness_server : NULL));
    rec_set(r, "AlternateWitnessDirectory", w_str(dag->alt_witness_dir[0] ? dag->alt_witness_dir : NULL));
    rec_set(r, "NetworkCompression", w_enum(network_enum, network_names[dag->compression]));
    rec_set(r, "NetworkEncryption", w_enum(network_enum, network_names[dag->encryption]));
    rec_set(r, "ManualDagNetworkConfiguration", w_bool(dag->manual_networks));
    rec_set(r, "DatacenterActivationMode",
            w_enum("Microsoft.Exchange.Data.Directory.SystemConfiguration.DatacenterActivationModeOption",
                   dag->dac ? "DagOnly" : "Off"));
    rec_set(r, "StoppedMailboxServers", server_ids(g, dag->stopped, dag->nstopped));
    rec_set(r, "StartedMailboxServers", server_ids(g, dag->started, dag->nstarted));
    json_t *ips = json_array();
    if (dag->ip_addresses[0])
        json_array_append_new(ips, json_string(dag->ip_addresses));
    rec_set(r, "DatabaseAvailabilityGroupIpv4Addresses", json_incref(ips));
    rec_set(r, "DatabaseAvailabilityGroupIpAddresses", ips);
    rec_set(r, "OperationalServers", status ? ops : (json_decref(ops), json_null()));
    struct server *pam = org_get(g, dag->pam);
    rec_set(r, "PrimaryActiveManager", status && pam ? w_obj_id(g, pam) : json_null());
    rec_set(r, "ServersInMaintenance", json_array());
    rec_set(r, "ThirdPartyReplication", w_str("Disabled"));
    rec_set(r, "ReplicationPort", status ? w_int(dag->replication_port) : w_int(0));
    char nn[160];
    snprintf(nn, sizeof nn, "%s\\MapiDagNetwork", dag->o.name);
    rec_set(r, "NetworkNames", status ? json_pack("[s]", nn) : json_array());
    rec_set(r, "WitnessShareInUse",
            status ? w_enum("Microsoft.Exchange.Data.Directory.SystemConfiguration.WitnessShareUsage",
                            (const char *const[]){"None", "Primary", "Alternate"}[dag->witness_in_use])
                   : json_null());
    rec_set(r, "AutoDagDatabaseCopiesPerVolume", w_int(dag->copies_per_volume));
    rec_set(r, "AutoDagDatabasesRootFolderPath", w_str("C:\\ExchangeDatabases"));
    rec_set(r, "AutoDagVolumesRootFolderPath", w_str("C:\\ExchangeVolumes"));
    rec_set(r, "AutoDagAutoReseedEnabled", w_bool(dag->autoreseed));
    rec_set(r, "AutoDagDiskReclaimerEnabled", w_bool(dag->disk_reclaimer));
    rec_set(r, "AutoDagBitlockerEnabled", w_bool(false));
    rec_set(r, "AutoDagAutoRedistributeEnabled", w_bool(dag->auto_redistribute));
    rec_set(r, "ReplayLagManagerEnabled", w_bool(dag->replay_lag_manager));
    /* InfiniteTimeSpan is -1 ms */
    rec_set(r, "PreferenceMoveFrequency", w_timespan(dag->preference_move_frequency));
    ad_tail(g, r, dag, DAG_VERSION, "ms-Exch-MDB-Availability-Group", "msExchMDBAvailabilityGroup");
    return r;
}

static void get_dag(struct call *k)
{
    void **v;
    int n = get_targets(k, OC_DAG, "Identity", &v);
    for (int i = 0; i < n; i++)
        k_out(k, dag_record(k->g, v[i], p_switch(k, "Status")));
    free(v);
}

static bool witness_ok(struct call *k, struct dag *dag, const char *w)
{
    if (!w || !*w)
        return true;
    if (strpbrk(w, "*?") || strspn(w, "0123456789.") == strlen(w)) {
        k_error(k, "ArgumentException", "InvalidArgument", w,
                "The witness server must be given as a host name or FQDN, not an IP address or a wildcard.");
        return false;
    }
    char host[NAME_MAX_LEN + 1];
    snprintf(host, sizeof host, "%.*s", (int)strcspn(w, "."), w);
    struct server *s = org_find(k->g, OC_SERVER, host);
    if (dag && s && s->dag == dag->o.id) {
        k_error(k, "InvalidOperationException", "InvalidOperation", w,
                "The witness server '%s' is a member of the database availability group '%s'. A DAG member can't be "
                "its witness server.", w, dag->o.name);
        return false;
    }
    return true;
}

static void new_dag(struct call *k)
{
    struct org *g = k->g;
    const char *name = p_str(k, "Name");
    if (!name || !*name || strlen(name) > 15) {
        k_error(k, "ArgumentException", "InvalidArgument", name,
                "The name of a database availability group must be a valid computer name of at most 15 characters.");
        return;
    }
    if (org_find(g, OC_DAG, name) || org_find(g, OC_SERVER, name)) {
        k_error(k, "ADObjectAlreadyExistsException", "NotSpecified", name,
                "An object named '%s' already exists. The DAG name must be unique and must not match any computer "
                "name.", name);
        return;
    }
    const char *w = p_str(k, "WitnessServer");
    if (!witness_ok(k, NULL, w))
        return;
    if (!k_should(k, "Creating database availability group \"%s\".", name))
        return;
    struct dag *dag = org_new(g, OC_DAG, name);
    if (!w) {
        /* [ENGINE] no witness named: the documentation disagrees (the wizard picks one; the cmdlet
           page makes it optional), so a file server, else a Mailbox server outside any DAG */
        for (int i = 0; i < ORG_N(g, OC_SERVER) && !w; i++)
            if (ORG_SERVERS(g)[i]->role == ROLE_FILESERVER)
                w = ORG_SERVERS(g)[i]->o.name;
        for (int i = 0; i < ORG_N(g, OC_SERVER) && !w; i++)
            if (ORG_SERVERS(g)[i]->role == ROLE_MAILBOX && !ORG_SERVERS(g)[i]->dag)
                w = ORG_SERVERS(g)[i]->o.name;
    }
    snprintf(dag->witness_server, sizeof dag->witness_server, "%.*s", NAME_MAX_LEN, w ? w : "");
    const char *dir = p_str(k, "WitnessDirectory");
    if (dir)
        snprintf(dag->witness_dir, sizeof dag->witness_dir, "%s", dir);
    else
        snprintf(dag->witness_dir, sizeof dag->witness_dir, "C:\\DAGFileShareWitnesses\\%s.%s", name, g->domain);
    const char *ip = p_str(k, "DatabaseAvailabilityGroupIpAddresses");
    snprintf(dag->ip_addresses, sizeof dag->ip_addresses, "%s", ip ? ip : "");
    dag->autoreseed = dag->disk_reclaimer = dag->auto_redistribute = true;
    dag->preference_move_frequency = MS_HOUR;
    dag->replication_port = 64327;
    dag->compression = dag->encryption = 2;
    dag->copies_per_volume = 1;
    k_out(k, dag_record(g, dag, false));
}

static void set_dag(struct call *k)
{
    struct org *g = k->g;
    struct dag *dag = resolve_one(k, OC_DAG, p_str(k, "Identity"), "database availability group");
    if (!dag)
        return;
    const char *w = p_str(k, "WitnessServer"), *aw = p_str(k, "AlternateWitnessServer");
    if (!witness_ok(k, dag, w) || !witness_ok(k, dag, aw))
        return;
    static const char *const dac_names[] = {"Off", "DagOnly", NULL};
    int dac = p_enum(k, "DatacenterActivationMode", dac_names, dag->dac);
    int64_t pmf = dag->preference_move_frequency;
    if (p_has(k, "PreferenceMoveFrequency")) {
        pmf = p_timespan(k, "PreferenceMoveFrequency", MS_HOUR);
        if (pmf != -1 && (pmf < 0 || pmf > MAX_PREFERENCE_MOVE)) {
            k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL,
                    "PreferenceMoveFrequency must be at most 49.7 days, or [System.Threading.Timeout]::InfiniteTimeSpan "
                    "to turn it off.");
            return;
        }
    }
    struct server *m[MAX_DAG_MEMBERS];
    int n = dag_members(g, dag, m);
    if (p_has(k, "ReplicationPort") && n && !am_has_quorum(g, m[0]) && !(n > 1 && am_has_quorum(g, m[1]))) {
        k_error(k, "InvalidOperationException", "InvalidOperation", dag->o.name,
                "ReplicationPort is stored in the cluster database and can be set only while the DAG has quorum.");
        return;
    }
    if (!k_should(k, "Configuring database availability group \"%s\".", dag->o.name))
        return;
    if (w)
        snprintf(dag->witness_server, sizeof dag->witness_server, "%s", w);
    if (p_str(k, "WitnessDirectory"))
        snprintf(dag->witness_dir, sizeof dag->witness_dir, "%s", p_str(k, "WitnessDirectory"));
    if (aw)
        snprintf(dag->alt_witness_server, sizeof dag->alt_witness_server, "%s", aw);
    if (p_str(k, "AlternateWitnessDirectory"))
        snprintf(dag->alt_witness_dir, sizeof dag->alt_witness_dir, "%s", p_str(k, "AlternateWitnessDirectory"));
    if (!dag->dac && dac)
        for (int i = 0; i < n; i++)
            if (m[i]->up) {
                m[i]->dacp = true;
                m[i]->dacp_at = g->now;
                touch(g, m[i]);
            }
    dag->dac = dac == 1;
    dag->replay_lag_manager = p_bool(k, "ReplayLagManagerEnabled", dag->replay_lag_manager);
    dag->autoreseed = p_bool(k, "AutoDagAutoReseedEnabled", dag->autoreseed);
    dag->disk_reclaimer = p_bool(k, "AutoDagDiskReclaimerEnabled", dag->disk_reclaimer);
    dag->auto_redistribute = p_bool(k, "AutoDagAutoRedistributeEnabled", dag->auto_redistribute);
    if (pmf != dag->preference_move_frequency)
        timer_cancel(g, TM_PREFERENCE, dag->o.id);
    dag->preference_move_frequency = pmf;
    dag->replication_port = (int)p_int(k, "ReplicationPort", dag->replication_port);
    dag->compression = (uint8_t)p_enum(k, "NetworkCompression", network_names, dag->compression);
    dag->encryption = (uint8_t)p_enum(k, "NetworkEncryption", network_names, dag->encryption);
    dag->copies_per_volume = (int)p_int(k, "AutoDagDatabaseCopiesPerVolume", dag->copies_per_volume);
    if (p_str(k, "DatabaseAvailabilityGroupIpAddresses"))
        snprintf(dag->ip_addresses, sizeof dag->ip_addresses, "%s", p_str(k, "DatabaseAvailabilityGroupIpAddresses"));
    /* Set- with no changes fixes the quorum model; once every stopped member is started again, that
       includes going back to the primary witness (datacenter switchback) */
    if (!dag->nstopped && dag->witness_in_use == 2) {
        dag->witness_in_use = 1;
        dag->restored = false;
    }
    touch(g, dag);
}

static void remove_dag(struct call *k)
{
    struct dag *dag = resolve_one(k, OC_DAG, p_str(k, "Identity"), "database availability group");
    if (!dag)
        return;
    struct server *m[MAX_DAG_MEMBERS];
    if (dag_members(k->g, dag, m)) {
        k_error(k, "InvalidOperationException", "InvalidOperation", dag->o.name,
                "Database availability group '%s' can't be removed because it still has member servers. Remove them "
                "with Remove-DatabaseAvailabilityGroupServer first.", dag->o.name);
        return;
    }
    if (!k_should(k, "Removing database availability group \"%s\".", dag->o.name))
        return;
    timer_cancel(k->g, TM_PREFERENCE, dag->o.id);
    timer_cancel(k->g, TM_LAG_CHECK, dag->o.id);
    org_delete(k->g, dag);
}

static void add_dag_server(struct call *k)
{
    struct org *g = k->g;
    struct dag *dag = resolve_one(k, OC_DAG, p_str(k, "Identity"), "database availability group");
    if (!dag)
        return;
    struct server *s = resolve_one(k, OC_SERVER, p_str(k, "MailboxServer"), "server");
    if (!s)
        return;
    if (s->role != ROLE_MAILBOX) {
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name, "The server '%s' isn't a Mailbox server.",
                s->o.name);
        return;
    }
    if (s->dag) {
        struct dag *other = org_get(g, s->dag);
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                "The server '%s' is already a member of the database availability group '%s'.", s->o.name,
                other ? other->o.name : "?");
        return;
    }
    struct server *m[MAX_DAG_MEMBERS];
    int n = dag_members(g, dag, m);
    if (n >= MAX_DAG_MEMBERS) {
        k_error(k, "InvalidOperationException", "InvalidOperation", dag->o.name,
                "The database availability group '%s' already has %d members, the most it can have.", dag->o.name,
                MAX_DAG_MEMBERS);
        return;
    }
    if (!strcasecmp(dag->witness_server, s->o.name)) {
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                "The server '%s' is the witness server of '%s' and can't be a member.", s->o.name, dag->o.name);
        return;
    }
    if (!s->up) {
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                "The server '%s' couldn't be contacted. It must be running to join the cluster.", s->o.name);
        return;
    }
    if (!k_should(k, "Adding server \"%s\" to database availability group \"%s\".", s->o.name, dag->o.name))
        return;
    s->dag = dag->o.id;
    s->dacp = true;
    s->dacp_at = g->now;
    touch(g, s);
    k_event(g, "Cluster", s->o.name, "%s joined %s; the cluster now has %d members (%s).", s->o.name, dag->o.name,
            n + 1, (n + 1) % 2 ? "Node Majority" : "Node and File Share Majority");
}

static bool in_list(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static void list_remove(int64_t *ids, int *n, int64_t id)
{
    int j = 0;
    for (int i = 0; i < *n; i++)
        if (ids[i] != id)
            ids[j++] = ids[i];
    *n = j;
}

static void list_add(int64_t *ids, int *n, int64_t id)
{
    if (!in_list(ids, *n, id) && *n < MAX_DAG_MEMBERS)
        ids[(*n)++] = id;
}

static void remove_dag_server(struct call *k)
{
    struct org *g = k->g;
    struct dag *dag = resolve_one(k, OC_DAG, p_str(k, "Identity"), "database availability group");
    if (!dag)
        return;
    struct server *s = resolve_one(k, OC_SERVER, p_str(k, "MailboxServer"), "server");
    if (!s)
        return;
    if (s->dag != dag->o.id) {
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                "The server '%s' isn't a member of the database availability group '%s'.", s->o.name, dag->o.name);
        return;
    }
    for (int i = 0; i < ORG_N(g, OC_COPY); i++) {
        struct copy *c = ORG_COPIES(g)[i];
        struct copy *cs[MAX_COPIES];
        if (c->server == s->o.id && db_copies(g, org_get(g, c->db), cs) > 1) {
            k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                    "The server '%s' still hosts replicated database copies (%s). Remove them with "
                    "Remove-MailboxDatabaseCopy first.", s->o.name, c->o.name);
            return;
        }
    }
    bool config_only = p_switch(k, "ConfigurationOnly");
    if (!s->up && !config_only) {
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                "The server '%s' couldn't be contacted. Use -ConfigurationOnly to remove an unreachable server.",
                s->o.name);
        return;
    }
    if (!k_should(k, "Removing server \"%s\" from database availability group \"%s\".", s->o.name, dag->o.name))
        return;
    s->dag = 0;
    s->cluster_down = false;
    timer_cancel(g, TM_DETECT, s->o.id);
    touch(g, s);
    list_remove(dag->stopped, &dag->nstopped, s->o.id);
    list_remove(dag->started, &dag->nstarted, s->o.id);
    if (dag->pam == s->o.id)
        dag->pam = 0;
    touch(g, dag);
    k_event(g, "Cluster", s->o.name, "%s left %s.", s->o.name, dag->o.name);
}

/* The members a switchover cmdlet names by -ActiveDirectorySite or -MailboxServer. */
static int switchover_targets(struct call *k, struct dag *dag, struct server **out)
{
    struct server *m[MAX_DAG_MEMBERS];
    int n = dag_members(k->g, dag, m), k2 = 0;
    const char *site = p_str(k, "ActiveDirectorySite"), *srv = p_str(k, "MailboxServer");
    struct site *st = site ? resolve_one(k, OC_SITE, site, "site") : NULL;
    struct server *one = srv ? resolve_one(k, OC_SERVER, srv, "server") : NULL;
    if ((site && !st) || (srv && !one))
        return -1;
    if (!st && !one) {
        k_error(k, "ArgumentException", "InvalidArgument", NULL, "Specify -ActiveDirectorySite or -MailboxServer.");
        return -1;
    }
    for (int i = 0; i < n; i++)
        if ((st && m[i]->site == st->o.id) || m[i] == one)
            out[k2++] = m[i];
    if (one && !k2) {
        k_error(k, "InvalidOperationException", "InvalidOperation", one->o.name,
                "The server '%s' isn't a member of '%s'.", one->o.name, dag->o.name);
        return -1;
    }
    return k2;
}

static struct dag *dac_dag(struct call *k, const char *verb)
{
    struct dag *dag = resolve_one(k, OC_DAG, p_str(k, "Identity"), "database availability group");
    if (dag && !dag->dac) {
        /* [NOT DOCUMENTED] wording: the documentation says these run only in DAC mode */
        k_error(k, "InvalidOperationException", "InvalidOperation", dag->o.name,
                "%s-DatabaseAvailabilityGroup can be used only when DatacenterActivationMode is set to DagOnly on "
                "database availability group '%s'.", verb, dag->o.name);
        return NULL;
    }
    return dag;
}

static void stop_dag(struct call *k)
{
    struct org *g = k->g;
    struct dag *dag = dac_dag(k, "Stop");
    if (!dag)
        return;
    struct server *t[MAX_DAG_MEMBERS];
    int n = switchover_targets(k, dag, t);
    if (n < 0)
        return;
    if (!k_should(k, "Stopping the mailbox servers of database availability group \"%s\"%s.", dag->o.name,
                  p_switch(k, "ConfigurationOnly") ? " (configuration only)" : ""))
        return;
    for (int i = 0; i < n; i++) {
        list_add(dag->stopped, &dag->nstopped, t[i]->o.id);
        list_remove(dag->started, &dag->nstarted, t[i]->o.id);
        k_event(g, "Switchover", t[i]->o.name, "%s marked stopped in %s%s.", t[i]->o.name, dag->o.name,
                p_switch(k, "ConfigurationOnly") ? " (configuration only)" : "");
    }
    touch(g, dag);
}

/* Is there a partition with quorum among dag's voters now? */
static bool dag_quorate(struct org *g, struct dag *dag)
{
    struct server *m[MAX_DAG_MEMBERS];
    int n = dag_members(g, dag, m);
    for (int i = 0; i < n; i++)
        if (am_has_quorum(g, m[i]))
            return true;
    return false;
}

static void restore_dag(struct call *k)
{
    struct org *g = k->g;
    struct dag *dag = dac_dag(k, "Restore");
    if (!dag)
        return;
    const char *site = p_str(k, "ActiveDirectorySite");
    struct site *st = site ? resolve_one(k, OC_SITE, site, "site") : NULL;
    if (site && !st)
        return;
    if (!dag->nstopped) {
        k_error(k, "InvalidOperationException", "InvalidOperation", dag->o.name,
                "No servers of '%s' are stopped. Run Stop-DatabaseAvailabilityGroup for the failed site first.",
                dag->o.name);
        return;
    }
    struct server *m[MAX_DAG_MEMBERS];
    int n = dag_members(g, dag, m), survivors = 0;
    for (int i = 0; i < n; i++)
        survivors += !in_list(dag->stopped, dag->nstopped, m[i]->o.id) && (!st || m[i]->site == st->o.id);
    const char *aw = p_str(k, "AlternateWitnessServer"), *awd = p_str(k, "AlternateWitnessDirectory");
    bool use_alt = !p_switch(k, "UsePrimaryWitnessServer") && (survivors % 2 == 0 || survivors == 1);
    if (!witness_ok(k, dag, aw))
        return;
    if (use_alt && !aw && !dag->alt_witness_server[0]) {
        k_error(k, "InvalidOperationException", "InvalidOperation", dag->o.name,
                "An alternate witness server is needed for %d surviving members. Use -AlternateWitnessServer or "
                "configure one with Set-DatabaseAvailabilityGroup.", survivors);
        return;
    }
    if (!k_should(k, "Restoring database availability group \"%s\" with the servers that aren't stopped.", dag->o.name))
        return;
    /* try the shrunken cluster; refuse (and undo) if the survivors still lack quorum */
    struct dag saved = *dag;
    if (aw)
        snprintf(dag->alt_witness_server, sizeof dag->alt_witness_server, "%s", aw);
    if (awd)
        snprintf(dag->alt_witness_dir, sizeof dag->alt_witness_dir, "%s", awd);
    dag->restored = true;
    dag->witness_in_use = use_alt ? 2 : 1;
    touch(g, dag);
    if (!dag_quorate(g, dag)) {
        *dag = saved;
        g->quorum_stale = true;
        k_error(k, "InvalidOperationException", "InvalidOperation", dag->o.name,
                "The cluster of '%s' couldn't be restored: the remaining servers and witness don't form a quorum.",
                dag->o.name);
        return;
    }
    for (int i = 0; i < n; i++) {
        if (in_list(dag->stopped, dag->nstopped, m[i]->o.id)) {
            m[i]->cluster_down = true; /* evicted */
        } else if (m[i]->up) {
            m[i]->dacp = true; /* Restore- resets DACP */
            m[i]->dacp_at = g->now;
        }
        touch(g, m[i]);
    }
    touch(g, dag);
    k_event(g, "Switchover", NULL, "DAG %s restored with %d surviving members%s.", dag->o.name, survivors,
            use_alt ? " and the alternate witness" : "");
}

static void start_dag(struct call *k)
{
    struct org *g = k->g;
    struct dag *dag = dac_dag(k, "Start");
    if (!dag)
        return;
    struct server *t[MAX_DAG_MEMBERS];
    int n = switchover_targets(k, dag, t);
    if (n < 0)
        return;
    if (!k_should(k, "Starting the mailbox servers of database availability group \"%s\".", dag->o.name))
        return;
    for (int i = 0; i < n; i++) {
        list_remove(dag->stopped, &dag->nstopped, t[i]->o.id);
        list_add(dag->started, &dag->nstarted, t[i]->o.id);
        t[i]->cluster_down = false;
        touch(g, t[i]);
        k_event(g, "Switchover", t[i]->o.name, "%s started again in %s.", t[i]->o.name, dag->o.name);
    }
    if (!dag->nstopped)
        dag->restored = false;
    touch(g, dag);
}

/* {=== Test-ReplicationHealth ===*/

static void check(struct call *k, struct server *s, const char *name, int result, const char *error)
{
    static const char *const results[] = {"Passed", "Warning", "Failed"};
    struct rec *r = rec_new("Microsoft.Exchange.Management.SystemConfigurationTasks.ReplicationCheckOutputObject");
    rec_set(r, "Server", w_str(s->o.name));
    rec_set(r, "Check", w_str(name));
    rec_set(r, "CheckDescription", w_str(name));
    rec_set(r, "Result", w_enum("Microsoft.Exchange.Management.SystemConfigurationTasks.ReplicationCheckResultEnum",
                                results[result]));
    rec_set(r, "Error", w_str(error));
    rec_set(r, "Identity", w_str(s->o.name));
    rec_set(r, "IsValid", w_bool(true));
    k_out(k, r);
}

static void test_replication_health(struct call *k)
{
    struct org *g = k->g;
    struct server *s = p_str(k, "Identity") ? resolve_one(k, OC_SERVER, p_str(k, "Identity"), "server") : local_server(g);
    if (!s)
        return;
    struct dag *dag = org_get(g, s->dag);
    char err[600];
    check(k, s, "ClusterService", s->up ? 0 : 2, s->up ? NULL : "The cluster service isn't running.");
    check(k, s, "ReplayService", s->repl_up ? 0 : 2, s->repl_up ? NULL : "The Microsoft Exchange Replication service isn't running.");
    bool pam = dag && dag->pam == s->o.id;
    snprintf(err, sizeof err, "Active Manager is in role '%s'.", !dag ? "Standalone" : pam ? "Primary" : "Secondary");
    check(k, s, "ActiveManager", s->repl_up ? 0 : 2, s->repl_up ? NULL : err);
    check(k, s, "TasksRpcListener", s->repl_up ? 0 : 2, NULL);
    check(k, s, "TcpListener", s->repl_up ? 0 : 2, NULL);
    check(k, s, "ServerLocatorService", s->repl_up ? 0 : 2, NULL);
    if (dag) {
        struct server *m[MAX_DAG_MEMBERS];
        int n = dag_members(g, dag, m), down = 0;
        err[0] = '\0';
        for (int i = 0; i < n; i++)
            if (!m[i]->up || m[i]->cluster_down) {
                size_t l = strlen(err);
                snprintf(err + l, sizeof err - l, "%s%s", down++ ? ", " : "The following servers are down: ", m[i]->o.name);
            }
        check(k, s, "DagMembersUp", down ? 2 : 0, down ? err : NULL);
        check(k, s, "ClusterNetwork", 0, NULL);
        bool q = am_has_quorum(g, s);
        check(k, s, "QuorumGroup", q ? 0 : 2, q ? NULL : "The cluster doesn't have quorum.");
        check(k, s, "FileShareQuorum", n % 2 == 0 && !q ? 2 : 0, n % 2 == 0 && !q ? "The witness share isn't available." : NULL);
    }
    int suspended = 0, failed = 0, init = 0, disc = 0, copyq = 0, replayq = 0, lowred = 0;
    for (int i = 0; i < ORG_N(g, OC_COPY); i++) {
        struct copy *c = ORG_COPIES(g)[i];
        if (c->server != s->o.id)
            continue;
        int st = copy_status(g, c);
        suspended += st == CST_SUSPENDED;
        failed += st == CST_FAILED || st == CST_FAILEDANDSUSPENDED;
        init += st == CST_INITIALIZING || st == CST_RESYNCHRONIZING;
        disc += st == CST_DISCONNECTEDANDHEALTHY || st == CST_DISCONNECTEDANDRESYNCHRONIZING;
        copyq += copy_queue(g, c) >= 10;
        replayq += !c->replay_lag && replay_queue(g, c) >= 50;
        struct database *d = org_get(g, c->db);
        struct copy *cs[MAX_COPIES];
        int n = db_copies(g, d, cs), healthy = 0;
        for (int j = 0; j < n; j++) {
            int x = copy_status(g, cs[j]);
            healthy += x == CST_MOUNTED || x == CST_HEALTHY;
        }
        lowred += n > 1 && healthy < 2;
    }
    check(k, s, "DatabaseRedundancy", lowred ? 2 : 0, lowred ? "One or more databases have fewer than two healthy copies." : NULL);
    check(k, s, "DatabaseAvailability", lowred ? 2 : 0, lowred ? "One or more databases have no healthy copy to fail over to." : NULL);
    check(k, s, "DBCopySuspended", suspended ? 2 : 0, suspended ? "One or more database copies are suspended." : NULL);
    check(k, s, "DBCopyFailed", failed ? 2 : 0, failed ? "One or more database copies are failed." : NULL);
    check(k, s, "DBInitializing", init ? 1 : 0, init ? "One or more database copies are initializing." : NULL);
    check(k, s, "DBDisconnected", disc ? 2 : 0, disc ? "One or more database copies are disconnected." : NULL);
    check(k, s, "DBLogCopyKeepingUp", copyq ? 2 : 0, copyq ? "Log copying isn't keeping up." : NULL);
    check(k, s, "DBLogReplayKeepingUp", replayq ? 2 : 0, replayq ? "Log replay isn't keeping up." : NULL);
}

/* }=== */

const struct handler dag_handlers[] = {
    {"New-DatabaseAvailabilityGroup", new_dag, 0},
    {"Get-DatabaseAvailabilityGroup", get_dag, 0},
    {"Set-DatabaseAvailabilityGroup", set_dag, 0},
    {"Remove-DatabaseAvailabilityGroup", remove_dag, 0},
    {"Add-DatabaseAvailabilityGroupServer", add_dag_server, 0},
    {"Remove-DatabaseAvailabilityGroupServer", remove_dag_server, 0},
    {"Stop-DatabaseAvailabilityGroup", stop_dag, 0},
    {"Restore-DatabaseAvailabilityGroup", restore_dag, 0},
    {"Start-DatabaseAvailabilityGroup", start_dag, 0},
    {"Test-ReplicationHealth", test_replication_health, 0},
    {NULL, NULL, 0},
};
