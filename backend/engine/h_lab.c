/*
** h_lab.c - the lab controls: building an organization, faults, time and
** workload, and the engine's event log. They are simulator-only cmdlets
** (noun prefix Lab), so they never mix with Exchange's own.
*/
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define VERSION_2019 "Version 15.2 (Build 1544.4)"

static const char *const role_names[] = {"Mailbox", "Edge", "FileServer", NULL};

/* {=== building blocks ===*/

static struct site *add_site(struct org *g, const char *name)
{
    struct site *s = org_new(g, OC_SITE, name);
    s->inbound_mail_enabled = true;
    return s;
}

static struct sitelink *add_link(struct org *g, const char *name, int cost, struct site *a, struct site *b)
{
    struct sitelink *l = org_new(g, OC_LINK, name);
    l->cost = cost;
    l->exchange_cost = -1;
    l->max_message_size = -1;
    if (a)
        l->sites[l->nsites++] = a->o.id;
    if (b)
        l->sites[l->nsites++] = b->o.id;
    return l;
}

static void baseline_components(struct server *s, int64_t at)
{
    /* ServerWideOffline, Monitoring, RecoveryActionsEnabled carry Functional/Active
       entries; ForwardSyncDaemon and ProvisioningRps are Inactive on-premises. */
    static const int functional_active[] = {0, 3, 4};
    for (size_t i = 0; i < 3; i++) {
        s->remote[functional_active[i]][3] = (struct comp_entry){CS_ACTIVE, at};
        s->local[functional_active[i]][3] = (struct comp_entry){CS_ACTIVE, at};
    }
    s->remote[20][3] = s->local[20][3] = (struct comp_entry){CS_INACTIVE, at};
    s->remote[21][3] = s->local[21][3] = (struct comp_entry){CS_INACTIVE, at};
}

static struct server *add_server(struct org *g, const char *name, struct site *site, int role, int volumes)
{
    struct server *s = org_new(g, OC_SERVER, name);
    s->site = site->o.id;
    s->role = (uint8_t)role;
    s->edition = 1;
    s->dial = DIAL_GOOD;
    s->policy = POLICY_UNRESTRICTED;
    s->max_active = s->max_preferred = -1;
    s->nvolumes = volumes;
    s->up = s->repl_up = s->transport_up = true;
    s->boot_at = g->now;
    s->dacp = true;
    s->dacp_at = g->now;
    if (role != ROLE_FILESERVER)
        baseline_components(s, g->now);
    return s;
}

static struct dag *add_dag(struct org *g, const char *name, const char *witness)
{
    struct dag *d = org_new(g, OC_DAG, name);
    if (witness) {
        snprintf(d->witness_server, sizeof d->witness_server, "%s", witness);
        snprintf(d->witness_dir, sizeof d->witness_dir, "C:\\DAGFileShareWitnesses\\%s.%s", name, g->domain);
    }
    d->autoreseed = d->disk_reclaimer = d->auto_redistribute = true;
    d->preference_move_frequency = MS_HOUR;
    d->replication_port = 64327;
    d->compression = d->encryption = 2;
    d->copies_per_volume = 4;
    return d;
}

static struct database *add_db(struct org *g, const char *name, struct server *on)
{
    char edb[260], log[260];
    snprintf(edb, sizeof edb, "C:\\ExchangeDatabases\\%s\\%s.db\\%s.edb", name, name, name);
    snprintf(log, sizeof log, "C:\\ExchangeDatabases\\%s\\%s.log", name, name);
    return db_new(g, name, on, edb, log);
}

/* A passive copy that is in sync from the start, as a template lays it out. */
static struct copy *add_copy(struct org *g, struct database *d, struct server *on, int pref, int64_t lag)
{
    struct copy *c = copy_new(g, d, on, pref);
    c->replay_lag = lag;
    c->copying = true;
    c->status = CST_HEALTHY;
    return c;
}

static void add_mailboxes(struct org *g, struct database *d, int first, int count)
{
    for (int i = 0; i < count; i++) {
        char name[32];
        snprintf(name, sizeof name, "user%03d", first + i);
        mailbox_new(g, name, name, d);
    }
}

static void mount_all(struct org *g)
{
    for (int i = 0; i < ORG_N(g, OC_DB); i++)
        db_mount(g, ORG_DBS(g)[i]);
}

/* }=== */

/* {=== templates ===*/

static void build_empty(struct org *g)
{
    struct site *s = add_site(g, "Default-First-Site-Name");
    add_link(g, "DEFAULTIPSITELINK", 100, s, NULL);
}

static void build_small(struct org *g)
{
    struct site *s = add_site(g, "Default-First-Site-Name");
    add_link(g, "DEFAULTIPSITELINK", 100, s, NULL);
    struct server *m1 = add_server(g, "MBX1", s, ROLE_MAILBOX, 2);
    struct server *m2 = add_server(g, "MBX2", s, ROLE_MAILBOX, 2);
    add_server(g, "FSW1", s, ROLE_FILESERVER, 1);
    struct dag *dag = add_dag(g, "DAG1", "FSW1");
    m1->dag = m2->dag = dag->o.id;
    struct database *d1 = add_db(g, "DB1", m1), *d2 = add_db(g, "DB2", m2);
    add_copy(g, d1, m2, 2, 0);
    add_copy(g, d2, m1, 2, 0);
    add_mailboxes(g, d1, 1, 25);
    add_mailboxes(g, d2, 26, 25);
    mount_all(g);
}

static void build_preferred(struct org *g)
{
    struct site *dc1 = add_site(g, "DC1"), *dc2 = add_site(g, "DC2"), *dc3 = add_site(g, "DC3");
    add_link(g, "DC1-DC2", 10, dc1, dc2);
    add_link(g, "DC1-DC3", 20, dc1, dc3);
    add_link(g, "DC2-DC3", 20, dc2, dc3);
    struct server *m[4] = {
        add_server(g, "MBX1", dc1, ROLE_MAILBOX, 2), add_server(g, "MBX2", dc1, ROLE_MAILBOX, 2),
        add_server(g, "MBX3", dc2, ROLE_MAILBOX, 2), add_server(g, "MBX4", dc2, ROLE_MAILBOX, 2),
    };
    add_server(g, "FSW1", dc3, ROLE_FILESERVER, 1);
    struct dag *dag = add_dag(g, "DAG1", "FSW1");
    dag->dac = true;
    dag->replay_lag_manager = true; /* the 2019 Preferred Architecture enables it */
    for (int i = 0; i < 4; i++)
        m[i]->dag = dag->o.id;
    /* copy order per database: preference 1..4; the preference-4 copy is lagged 7 days */
    static const int order[4][4] = {{0, 1, 2, 3}, {1, 0, 3, 2}, {2, 3, 0, 1}, {3, 2, 1, 0}};
    for (int i = 0; i < 4; i++) {
        char name[8];
        snprintf(name, sizeof name, "DB%d", i + 1);
        struct database *d = add_db(g, name, m[order[i][0]]);
        for (int p = 1; p < 4; p++)
            add_copy(g, d, m[order[i][p]], p + 1, p == 3 ? 7 * MS_DAY : 0);
        add_mailboxes(g, d, i * 25 + 1, 25);
    }
    mount_all(g);
}

static void build_generated(struct org *g, int nservers, int per_server, int copies)
{
    struct site *dc1 = add_site(g, "DC1"), *dc2 = add_site(g, "DC2"), *dc3 = add_site(g, "DC3");
    add_link(g, "DC1-DC2", 10, dc1, dc2);
    add_link(g, "DC1-DC3", 20, dc1, dc3);
    add_link(g, "DC2-DC3", 20, dc2, dc3);
    add_server(g, "FSW1", dc3, ROLE_FILESERVER, 1);
    struct server **m = calloc((size_t)nservers, sizeof *m);
    struct dag *dag = NULL;
    int ndags = 0, dbno = 0;
    for (int i = 0; i < nservers; i++) {
        char name[16];
        snprintf(name, sizeof name, "MBX%d", i + 1);
        m[i] = add_server(g, name, i % 2 ? dc2 : dc1, ROLE_MAILBOX, 2);
        if (i % MAX_DAG_MEMBERS == 0) {
            char dn[16];
            snprintf(dn, sizeof dn, "DAG%d", ++ndags);
            dag = add_dag(g, dn, "FSW1");
        }
        m[i]->dag = dag->o.id;
    }
    for (int i = 0; i < nservers; i++) {
        int base = i / MAX_DAG_MEMBERS * MAX_DAG_MEMBERS;
        int members = nservers - base < MAX_DAG_MEMBERS ? nservers - base : MAX_DAG_MEMBERS;
        for (int k = 0; k < per_server; k++) {
            char name[16];
            snprintf(name, sizeof name, "DB%04d", ++dbno);
            struct database *d = add_db(g, name, m[i]);
            for (int p = 1; p < copies && p < members; p++)
                add_copy(g, d, m[base + (i - base + p) % members], p + 1, 0);
            add_mailboxes(g, d, (dbno - 1) * 5 + 1, 5);
        }
    }
    free(m);
    mount_all(g);
}

/* }=== */

static struct rec *lab_server_record(struct org *g, struct server *s)
{
    struct rec *r = rec_new("Emsh.Lab.Server");
    struct site *site = server_site(g, s);
    rec_set(r, "Name", w_str(s->o.name));
    rec_set(r, "Site", w_str(site ? site->o.name : NULL));
    rec_set(r, "Role", w_str(role_names[s->role]));
    rec_set(r, "State", w_str(s->up ? "Running" : "Stopped"));
    rec_set(r, "Volumes", w_int(s->nvolumes));
    char fq[300];
    rec_set(r, "Fqdn", w_str(server_fqdn(g, s, fq, sizeof fq)));
    return r;
}

static void new_lab_organization(struct call *k)
{
    struct org *g = k->g;
    static const char *const templates[] = {"Empty", "Small", "PreferredArchitecture", "Generated", NULL};
    int t = p_enum(k, "Template", templates, -1);
    const char *name = p_str(k, "Name") ? p_str(k, "Name") : "contoso.com";
    int nservers = (int)p_int(k, "Servers", 16), per = (int)p_int(k, "DatabasesPerServer", 25),
        copies = (int)p_int(k, "CopiesPerDatabase", 4);
    if (t < 0) {
        k_error(k, "ArgumentException", "InvalidArgument", NULL, "Template must be one of Empty, Small, "
                "PreferredArchitecture, Generated.");
        return;
    }
    if (g->exists && !p_switch(k, "Force")) {
        k_error(k, "InvalidOperationException", "InvalidOperation", g->domain,
                "The store already holds the organization '%s'. Use -Force to replace it.", g->domain);
        return;
    }
    if (t == 3 && (nservers < 1 || nservers > 256 || per < 0 || per > 100 || copies < 1 || copies > MAX_COPIES)) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL,
                "Generated takes 1 to 256 servers, 0 to 100 databases per server and 1 to 16 copies per database.");
        return;
    }
    if (!k_should(k, "Replacing the organization in the store with a new '%s' organization from template %s.",
                  name, templates[t]))
        return;
    /* a fresh organization: every object and timer of the old one goes */
    store_clear(g);
    /* the old objects stay in g's chunks until the request ends */
    if (g->by_id)
        memset(g->by_id, 0, (size_t)g->by_id_cap * sizeof *g->by_id);
    for (int c = 0; c < OC__COUNT; c++)
        g->all[c].n = 0;
    g->ntimers = 0;
    g->timers_dirty = true;
    g->mailboxes_loaded = true;
    snprintf(g->domain, sizeof g->domain, "%s", name);
    g->exists = true;
    g->meta_dirty = true;
    org_new_guid(g, g->guid);
    switch (t) {
    case 0: build_empty(g); break;
    case 1: build_small(g); break;
    case 2: build_preferred(g); break;
    default: build_generated(g, nservers, per, copies); break;
    }
    k_event(g, "Lab", NULL, "Organization %s built from template %s.", name, templates[t]);
    struct rec *r = rec_new("Emsh.Lab.Organization");
    rec_set(r, "Name", w_str(name));
    rec_set(r, "Template", w_str(templates[t]));
    rec_set(r, "Sites", w_int(ORG_N(g, OC_SITE)));
    rec_set(r, "Servers", w_int(ORG_N(g, OC_SERVER)));
    rec_set(r, "DatabaseAvailabilityGroups", w_int(ORG_N(g, OC_DAG)));
    rec_set(r, "Databases", w_int(ORG_N(g, OC_DB)));
    rec_set(r, "Mailboxes", w_int(ORG_N(g, OC_MAILBOX)));
    k_out(k, r);
}

static bool valid_name(struct call *k, const char *name, const char *what)
{
    if (!name || !*name || strlen(name) > NAME_MAX_LEN) {
        k_error(k, "ArgumentException", "InvalidArgument", name, "The %s name must be 1 to %d characters.", what,
                NAME_MAX_LEN);
        return false;
    }
    return true;
}

static void new_lab_site(struct call *k)
{
    const char *name = p_str(k, "Name");
    if (!valid_name(k, name, "site"))
        return;
    if (org_find(k->g, OC_SITE, name)) {
        k_error(k, "ADObjectAlreadyExistsException", "NotSpecified", name, "The site '%s' already exists.", name);
        return;
    }
    if (!k_should(k, "Creating Active Directory site \"%s\".", name))
        return;
    struct site *s = add_site(k->g, name);
    struct sitelink *def = org_find(k->g, OC_LINK, "DEFAULTIPSITELINK");
    if (def && def->nsites < MAX_LINK_SITES) {
        def->sites[def->nsites++] = s->o.id;
        touch(k->g, def);
    }
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.ADSite");
    rec_set(r, "Name", w_str(name));
    rec_set(r, "HubSiteEnabled", w_bool(false));
    k_out(k, r);
}

static void new_lab_site_link(struct call *k)
{
    const char *name = p_str(k, "Name");
    if (!valid_name(k, name, "site link"))
        return;
    if (org_find(k->g, OC_LINK, name)) {
        k_error(k, "ADObjectAlreadyExistsException", "NotSpecified", name, "The site link '%s' already exists.", name);
        return;
    }
    int64_t cost = p_int(k, "Cost", 100);
    if (cost < 1 || cost > 99999) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL, "Cost must be between 1 and 99999.");
        return;
    }
    json_t *sites = p_get(k, "Sites");
    struct site *list[MAX_LINK_SITES];
    int n = 0;
    size_t i;
    json_t *x;
    json_array_foreach(sites, i, x) {
        const char *sn = json_string_value(x);
        struct site *s = sn ? resolve_one(k, OC_SITE, sn, "site") : NULL;
        if (!s)
            return;
        if (n < MAX_LINK_SITES)
            list[n++] = s;
    }
    if (json_is_string(sites)) {
        struct site *s = resolve_one(k, OC_SITE, json_string_value(sites), "site");
        if (!s)
            return;
        list[n++] = s;
    }
    if (n < 2) {
        k_error(k, "ArgumentException", "InvalidArgument", name, "A site link joins at least two sites.");
        return;
    }
    if (!k_should(k, "Creating IP site link \"%s\".", name))
        return;
    struct sitelink *l = add_link(k->g, name, (int)cost, NULL, NULL);
    for (int j = 0; j < n; j++)
        l->sites[l->nsites++] = list[j]->o.id;
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.ADSiteLink");
    rec_set(r, "Name", w_str(name));
    rec_set(r, "Cost", w_int(cost));
    rec_set(r, "ADCost", w_int(cost));
    rec_set(r, "ExchangeCost", json_null());
    rec_set(r, "MaxMessageSize", w_str("Unlimited"));
    k_out(k, r);
}

static void new_lab_server(struct call *k)
{
    const char *name = p_str(k, "Name"), *sname = p_str(k, "Site");
    if (!valid_name(k, name, "server"))
        return;
    if (strlen(name) > 15) {
        k_error(k, "ArgumentException", "InvalidArgument", name, "A computer name is at most 15 characters.");
        return;
    }
    if (org_find(k->g, OC_SERVER, name) || org_find(k->g, OC_DAG, name)) {
        k_error(k, "ADObjectAlreadyExistsException", "NotSpecified", name, "A computer named '%s' already exists.", name);
        return;
    }
    struct site *site = sname ? resolve_one(k, OC_SITE, sname, "site") : NULL;
    if (!site) {
        if (!sname)
            k_error(k, "ArgumentException", "InvalidArgument", name, "Name the site of the server (-Site).");
        return;
    }
    int role = p_enum(k, "Role", role_names, ROLE_MAILBOX);
    int64_t volumes = p_int(k, "Volumes", 2);
    if (volumes < 1 || volumes > MAX_VOLUMES) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL, "Volumes must be between 1 and %d.",
                MAX_VOLUMES);
        return;
    }
    if (!k_should(k, "Adding %s server \"%s\" to site \"%s\".", role_names[role], name, site->o.name))
        return;
    struct server *s = add_server(k->g, name, site, role, (int)volumes);
    k_event(k->g, "Lab", name, "Server %s added to site %s.", name, site->o.name);
    k_out(k, lab_server_record(k->g, s));
}

static void remove_lab_server(struct call *k)
{
    struct server *s = resolve_one(k, OC_SERVER, p_str(k, "Identity"), "server");
    if (!s)
        return;
    if (s->dag) {
        k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                "Server '%s' is a member of a database availability group. Remove it from the DAG first.", s->o.name);
        return;
    }
    for (int i = 0; i < ORG_N(k->g, OC_COPY); i++)
        if (ORG_COPIES(k->g)[i]->server == s->o.id) {
            k_error(k, "InvalidOperationException", "InvalidOperation", s->o.name,
                    "Server '%s' hosts mailbox databases. Remove them first.", s->o.name);
            return;
        }
    if (!k_should(k, "Removing server \"%s\" from the lab.", s->o.name))
        return;
    k_event(k->g, "Lab", s->o.name, "Server %s removed.", s->o.name);
    org_delete(k->g, s);
}

static struct server *server_param(struct call *k, const char *param)
{
    const char *id = p_str(k, param);
    return id ? resolve_one(k, OC_SERVER, id, "server") : NULL;
}

static void stop_lab_server(struct call *k)
{
    struct server *s = server_param(k, "Identity");
    if (!s)
        return;
    if (s->up) {
        s->up = false;
        s->dacp = false; /* the bit lives in memory: a crash loses it */
        s->down_at = k->g->now;
        touch(k->g, s);
        k_event(k->g, "Lab", s->o.name, "Server %s stopped (crash): services and heartbeats stop.", s->o.name);
    }
    if (p_switch(k, "PassThru"))
        k_out(k, lab_server_record(k->g, s));
}

static void start_lab_server(struct call *k)
{
    struct server *s = server_param(k, "Identity");
    if (!s)
        return;
    if (!s->up) {
        s->up = s->repl_up = s->transport_up = true;
        s->boot_at = k->g->now;
        struct dag *dag = org_get(k->g, s->dag);
        /* DACP: the bit starts at 0 in DAC mode; am_evaluate sets it when a member answers with 1 */
        s->dacp = !(dag && dag->dac);
        if (s->dacp)
            s->dacp_at = k->g->now; /* else dacp_at keeps when the bit was last 1: two-member DAGs compare it */
        touch(k->g, s);
        k_event(k->g, "Lab", s->o.name, "Server %s started.", s->o.name);
    }
    if (p_switch(k, "PassThru"))
        k_out(k, lab_server_record(k->g, s));
}

static void site_network(struct call *k, bool cut)
{
    struct site *s = resolve_one(k, OC_SITE, p_str(k, "Identity"), "site");
    if (!s)
        return;
    if (s->disconnected != cut) {
        s->disconnected = cut;
        touch(k->g, s);
        k_event(k->g, "Lab", NULL, cut ? "Site %s disconnected from every other site."
                                       : "Site %s connected again.", s->o.name);
    }
    if (p_switch(k, "PassThru")) {
        struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.ADSite");
        rec_set(r, "Name", w_str(s->o.name));
        rec_set(r, "HubSiteEnabled", w_bool(s->hub_enabled));
        k_out(k, r);
    }
}

static void disconnect_lab_site(struct call *k) { site_network(k, true); }
static void connect_lab_site(struct call *k) { site_network(k, false); }

static void lab_service(struct call *k, bool start)
{
    struct server *s = server_param(k, "Server");
    if (!s)
        return;
    static const char *const services[] = {"MSExchangeRepl", "MSExchangeTransport", NULL};
    int svc = p_enum(k, "Name", services, -1);
    if (svc < 0) {
        k_error(k, "ServiceCommandException", "ObjectNotFound", p_str(k, "Name"),
                "Cannot find any service with service name '%s'.", p_str(k, "Name") ? p_str(k, "Name") : "");
        return;
    }
    bool *flag = svc == 0 ? &s->repl_up : &s->transport_up;
    if (s->up && *flag != start) {
        *flag = start;
        touch(k->g, s);
        k_event(k->g, "Lab", s->o.name, "Service %s %s on %s.", services[svc], start ? "started" : "stopped",
                s->o.name);
    }
    if (p_switch(k, "PassThru")) {
        struct rec *r = rec_new("System.ServiceProcess.ServiceController");
        rec_set(r, "Status", w_str(s->up && *flag ? "Running" : "Stopped"));
        rec_set(r, "Name", w_str(services[svc]));
        rec_set(r, "DisplayName", w_str(svc == 0 ? "Microsoft Exchange Replication" : "Microsoft Exchange Transport"));
        rec_set(r, "MachineName", w_str(s->o.name));
        k_out(k, r);
    }
}

static void stop_lab_service(struct call *k) { lab_service(k, false); }
static void start_lab_service(struct call *k) { lab_service(k, true); }

static void set_lab_volume(struct call *k)
{
    struct server *s = server_param(k, "Server");
    if (!s)
        return;
    const char *vol = p_str(k, "Volume");
    int v = vol ? atoi(vol + strcspn(vol, "0123456789")) : 0;
    if (v < 1 || v > s->nvolumes) {
        k_error(k, "ArgumentException", "InvalidArgument", vol, "Server '%s' has no volume '%s' (ExchangeVolume1 to "
                "ExchangeVolume%d).", s->o.name, vol ? vol : "", s->nvolumes);
        return;
    }
    static const char *const states[] = {"Healthy", "Failed", NULL};
    bool failed = p_enum(k, "State", states, 0) == 1;
    uint32_t bit = 1u << (v - 1);
    if (!!(s->failed_volumes & bit) == failed)
        return;
    s->failed_volumes = failed ? s->failed_volumes | bit : s->failed_volumes & ~bit;
    touch(k->g, s);
    k_event(k->g, "Lab", s->o.name, "Volume ExchangeVolume%d on %s is %s.", v, s->o.name, failed ? "failed" : "healthy");
    if (!failed)
        return;
    for (int i = 0; i < ORG_N(k->g, OC_COPY); i++) {
        struct copy *c = ORG_COPIES(k->g)[i];
        if (c->server != s->o.id || c->volume != v)
            continue;
        struct database *d = org_get(k->g, c->db);
        if (d && d->server == s->o.id) {
            db_dismount(k->g, d, "its volume failed");
            c->suspended = true;
            c->failed_since = k->g->now;
            c->error = "The volume holding the database failed.";
            touch(k->g, c);
            am_failover(k->g, d);
        } else {
            copy_stop(k->g, c);
            c->suspended = true;
            c->status = CST_FAILEDANDSUSPENDED;
            c->failed_since = k->g->now;
            c->error = "The volume holding the database copy failed.";
            touch(k->g, c);
            k_event(k->g, "Copy", s->o.name, "Database copy %s is FailedAndSuspended: its volume failed.", c->o.name);
        }
    }
    autoreseed_watch(k->g, s, v);
}

static void step_lab_clock(struct call *k)
{
    double v = 0;
    static const struct {
        const char *name;
        double ms;
    } units[] = {{"Seconds", 1000.0}, {"Minutes", 60000.0}, {"Hours", 3600000.0}, {"Days", 86400000.0}};
    for (size_t i = 0; i < 4; i++) {
        json_t *x = p_get(k, units[i].name);
        if (x)
            v += (json_is_number(x) ? json_number_value(x) : atof(json_string_value(x) ? json_string_value(x) : "0")) *
                 units[i].ms;
    }
    if (v < 0) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL, "The clock only moves forward.");
        return;
    }
    clock_run_to(k->g, k->g->now + (int64_t)v);
}

static void get_lab_clock(struct call *k)
{
    struct rec *r = rec_new("Emsh.Lab.Clock");
    rec_set(r, "Now", w_datetime(k->g->now));
    rec_set(r, "Mode", w_str(k->g->effective_clock == ENGINE_CLOCK_VIRTUAL ? "Virtual" : "RealTime"));
    rec_set(r, "Timers", w_int(k->g->ntimers));
    rec_set(r, "NextTimer", k->g->ntimers ? w_datetime(k->g->timers[0].due) : json_null());
    rec_set(r, "Organization", w_str(k->g->exists ? k->g->domain : NULL));
    k_out(k, r);
}

static void set_lab_clock(struct call *k)
{
    static const char *const modes[] = {"Virtual", "RealTime", NULL};
    int m = p_enum(k, "Mode", modes, -1);
    if (m < 0) {
        k_error(k, "ArgumentException", "InvalidArgument", p_str(k, "Mode"), "Mode must be Virtual or RealTime.");
        return;
    }
    if (!k_should(k, "Setting the lab clock's mode to %s.", modes[m]))
        return;
    k->g->clock_mode = m == 0 ? ENGINE_CLOCK_VIRTUAL : ENGINE_CLOCK_REAL;
    k->g->meta_dirty = true;
    k_event(k->g, "Lab", NULL, "The clock now runs in %s mode.", modes[m]);
}

static void set_lab_workload(struct call *k)
{
    struct database *d = resolve_one(k, OC_DB, p_str(k, "Database"), "database");
    if (!d)
        return;
    int64_t rate = p_int(k, "LogsPerMinute", -1);
    if (rate < 0 || rate > 100000) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL, "LogsPerMinute must be 0 to 100000.");
        return;
    }
    d->logs_per_minute = (int)rate;
    if (d->state == DB_MOUNTED)
        db_stream(k->g, d, db_gen_at(d, k->g->now), (int)rate);
    touch(k->g, d);
}

static void get_lab_event(struct call *k)
{
    int64_t newest = p_int(k, "Newest", -1);
    json_t *cats = p_get(k, "Category");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(k->g->db, "SELECT at, category, server, message FROM events ORDER BY id DESC", -1, &st,
                           NULL) != SQLITE_OK)
        return;
    int64_t n = 0;
    while ((newest < 0 || n < newest) && sqlite3_step(st) == SQLITE_ROW) {
        const char *cat = (const char *)sqlite3_column_text(st, 1);
        if (cats) {
            bool hit = false;
            size_t i;
            json_t *x;
            if (json_is_string(cats))
                hit = wild_match(json_string_value(cats), cat);
            json_array_foreach(cats, i, x) hit |= json_is_string(x) && wild_match(json_string_value(x), cat);
            if (!hit)
                continue;
        }
        struct rec *r = rec_new("Emsh.Lab.Event");
        rec_set(r, "TimeCreated", w_datetime(sqlite3_column_int64(st, 0)));
        rec_set(r, "Category", w_str(cat));
        rec_set(r, "Server", w_str((const char *)sqlite3_column_text(st, 2)));
        rec_set(r, "Message", w_str((const char *)sqlite3_column_text(st, 3)));
        k_out(k, r);
        n++;
    }
    sqlite3_finalize(st);
}

const struct handler lab_handlers[] = {
    {"New-LabOrganization", new_lab_organization, H_NO_ORG | H_MAILBOXES},
    {"New-LabSite", new_lab_site, 0},
    {"New-LabSiteLink", new_lab_site_link, 0},
    {"New-LabServer", new_lab_server, 0},
    {"Remove-LabServer", remove_lab_server, 0},
    {"Stop-LabServer", stop_lab_server, 0},
    {"Start-LabServer", start_lab_server, 0},
    {"Disconnect-LabSite", disconnect_lab_site, 0},
    {"Connect-LabSite", connect_lab_site, 0},
    {"Stop-LabService", stop_lab_service, 0},
    {"Start-LabService", start_lab_service, 0},
    {"Set-LabVolume", set_lab_volume, 0},
    {"Step-LabClock", step_lab_clock, 0},
    {"Get-LabClock", get_lab_clock, 0},
    {"Set-LabClock", set_lab_clock, 0},
    {"Set-LabWorkload", set_lab_workload, 0},
    {"Get-LabEvent", get_lab_event, H_NO_ORG},
    {NULL, NULL, 0},
};
