/*
** am.c - Active Manager: quorum, the PAM, DACP, failure detection,
** failover and switchover with Best Copy and Server Selection.
**
** am_evaluate() is the one place where the cluster reacts. Handlers and
** timers change facts (a server stops, a site is cut off, a copy is
** suspended); am_evaluate() then brings the organization in line:
**
**   1. quorum per DAG: node majority, plus the witness's vote when the
**      voters are even, for the one partition that reaches it;
**   2. a database mounted where its DAG has no quorum dismounts at once;
**   3. a member out of the quorum partition is declared down after the
**      cluster's heartbeat timeout (a TM_DETECT timer), and then each
**      database active on it fails over by BCSS;
**   4. passive copies start or stop copying as their host, the active
**      host and the network allow.
**
** The invariant: a database is mounted on at most one server, and only on
** a server that holds quorum. The first holds by construction (a database
** records one active server); the second is what step 2 and am_can_mount()
** guarantee, and what tests/unit/test_engine.c checks after every random
** step.
*/
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const component_names[NCOMPONENTS] = {
    "ServerWideOffline", "HubTransport", "FrontendTransport", "Monitoring", "RecoveryActionsEnabled",
    "AutoDiscoverProxy", "ActiveSyncProxy", "EcpProxy", "EwsProxy", "ImapProxy", "OabProxy",
    "OwaProxy", "PopProxy", "PushNotificationsProxy", "RpsProxy", "RwsProxy", "RpcProxy",
    "UMCallRouter", "XropProxy", "HttpProxyAvailabilityGroup", "ForwardSyncDaemon",
    "ProvisioningRps", "MapiProxy", "EdgeTransport", "HighAvailability", "SharedCache",
    "MailboxDeliveryProxy", "RoutingUpdates", "RestProxy", "DefaultProxy", "Lsass",
    "RoutingService", "E4EProxy", "CafeLAMv2", "LogExportProvider",
};
const char *const requester_names[NREQUESTERS] = {"HealthApi", "Maintenance", "Sidelined", "Functional",
                                                   "Deployment"};
const char *const copy_status_names[CST__COUNT + 1] = {
    "Mounted", "Mounting", "Dismounted", "Dismounting", "Healthy", "Initializing", "Resynchronizing",
    "Seeding", "SeedingSource", "Suspended", "Failed", "FailedAndSuspended", "ServiceDown",
    "DisconnectedAndHealthy", "DisconnectedAndResynchronizing", "SinglePageRestore", NULL,
};
const char *const ci_state_names[] = {"Healthy", "Crawling", "Failed", "Seeding", "Suspended",
                                      "FailedAndSuspended", "Unknown", NULL};
const char *const dial_names[] = {"Lossless", "GoodAvailability", "BestAvailability", "BestEffort", "None", NULL};
const char *const policy_names[] = {"Unrestricted", "IntrasiteOnly", "Blocked", NULL};

enum { COMP_SERVERWIDEOFFLINE = 0, COMP_MONITORING = 3, COMP_RECOVERY = 4, COMP_HIGHAVAILABILITY = 24 };

/* Cluster heartbeats (Windows Server 2016 defaults): 1 s apart, a node is down
** after 10 missed in its subnet, 20 across subnets. [ENGINE] a site is a subnet. */
#define HEARTBEAT_SAME_SUBNET (10 * MS_SECOND)
#define HEARTBEAT_CROSS_SUBNET (20 * MS_SECOND)
/* Initializing "typically ~15 s" (monitor-dags.md); resynchronizing [ENGINE] 10 s. */
#define INITIALIZING_TIME (15 * MS_SECOND)
#define RESYNC_TIME (10 * MS_SECOND)

/* {=== component states ===*/

int component_state(const struct server *s, int comp, bool *local_differs)
{
    int eff = CS_ACTIVE, loc = CS_ACTIVE, rem = CS_ACTIVE;
    for (int r = 0; r < NREQUESTERS; r++) {
        const struct comp_entry *l = &s->local[comp][r], *a = &s->remote[comp][r];
        const struct comp_entry *latest = l->state && (!a->state || l->at >= a->at) ? l : a;
        if (latest->state > eff && latest->state != CS_UNSET)
            eff = latest->state == CS_DRAINING && eff == CS_INACTIVE ? eff : latest->state;
        if (l->state == CS_INACTIVE || (l->state == CS_DRAINING && loc == CS_ACTIVE))
            loc = l->state;
        if (a->state == CS_INACTIVE || (a->state == CS_DRAINING && rem == CS_ACTIVE))
            rem = a->state;
    }
    if (local_differs)
        *local_differs = loc != rem;
    /* ServerWideOffline Inactive takes everything down but monitoring and recovery */
    if (comp != COMP_SERVERWIDEOFFLINE && comp != COMP_MONITORING && comp != COMP_RECOVERY &&
        component_state(s, COMP_SERVERWIDEOFFLINE, NULL) == CS_INACTIVE)
        return CS_INACTIVE;
    return eff;
}

/* }=== */

/* {=== quorum ===*/

/* The members of the partition that holds quorum (if any partition does). */
#define quorum quorum_cache

static bool in_list(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static bool is_stopped(const struct dag *dag, const struct server *s)
{
    return in_list(dag->stopped, dag->nstopped, s->o.id);
}

/* A voter: a member the cluster still counts (Restore- evicts the stopped ones). */
static bool is_voter(const struct dag *dag, const struct server *s)
{
    return !(dag->restored && is_stopped(dag, s));
}

static struct server *witness_of(struct org *g, const struct dag *dag)
{
    const char *name = dag->witness_in_use == 2 && dag->alt_witness_server[0] ? dag->alt_witness_server
                                                                              : dag->witness_server;
    return name[0] ? org_find(g, OC_SERVER, name) : NULL;
}

static void dag_quorum(struct org *g, struct dag *dag, struct quorum *q)
{
    struct server *m[MAX_DAG_MEMBERS];
    int n = dag_members(g, dag, m);
    memset(q, 0, sizeof *q);
    for (int i = 0; i < n; i++)
        q->voters += is_voter(dag, m[i]);
    if (!q->voters)
        return;
    bool even = q->voters % 2 == 0;
    int total = q->voters + (even ? 1 : 0);
    q->need = total / 2 + 1;
    struct server *w = witness_of(g, dag);
    /* partitions: each cut-off site alone, every other site together */
    for (int i = 0; i < n; i++) {
        struct server *s = m[i];
        if (!is_voter(dag, s) || !s->up)
            continue;
        struct server *part[MAX_DAG_MEMBERS];
        int np = 0;
        for (int j = 0; j < n; j++)
            if (is_voter(dag, m[j]) && m[j]->up && sites_connected(g, s->site, m[j]->site))
                part[np++] = m[j];
        if (part[0] != s)
            continue; /* count each partition once, from its first member */
        int votes = np;
        if (even && (w ? w->up && sites_connected(g, w->site, s->site) : !server_site(g, s)->disconnected))
            votes++;
        if (votes >= q->need) {
            q->has = true;
            memcpy(q->in, part, (size_t)np * sizeof part[0]);
            q->nin = np;
        }
    }
}

static bool in_quorum(const struct quorum *q, const struct server *s)
{
    for (int i = 0; i < q->nin; i++)
        if (q->in[i] == s)
            return true;
    return false;
}

/* The DAG's quorum, recomputed for every DAG when a server, site or DAG changed. */
static const struct quorum *quorum_of(struct org *g, struct dag *dag)
{
    if (g->quorum_stale) {
        g->quorum_stale = false;
        for (int i = 0; i < ORG_N(g, OC_DAG); i++)
            dag_quorum(g, ORG_DAGS(g)[i], &ORG_DAGS(g)[i]->q);
    }
    return &dag->q;
}

bool am_has_quorum(struct org *g, const struct server *s)
{
    if (!s->dag)
        return s->up;
    struct dag *dag = org_get(g, s->dag);
    if (!dag)
        return s->up;
    return in_quorum(quorum_of(g, dag), s);
}

/* May databases stay mounted on s (quorum, DAC), leaving the mount limits aside? */
static bool may_serve(struct org *g, const struct server *s)
{
    if (!s->up || s->role != ROLE_MAILBOX)
        return false;
    if (!s->dag)
        return true;
    struct dag *dag = org_get(g, s->dag);
    if (!dag)
        return true;
    if (is_stopped(dag, s) || (dag->dac && !s->dacp))
        return false;
    return am_has_quorum(g, s);
}

/* Databases mounted on s (recovery databases aside), counted for all servers at once. */
static int mounted_on(struct org *g, const struct server *s)
{
    if (!g->mounts_counted) {
        for (int i = 0; i < ORG_N(g, OC_SERVER); i++)
            ORG_SERVERS(g)[i]->mounted = 0;
        for (int i = 0; i < ORG_N(g, OC_DB); i++) {
            struct database *d = ORG_DBS(g)[i];
            struct server *x = d->state == DB_MOUNTED && !d->recovery ? org_get(g, d->server) : NULL;
            if (x)
                x->mounted++;
        }
        g->mounts_counted = true;
    }
    return s->mounted;
}

bool am_can_mount(struct org *g, const struct server *s)
{
    if (!may_serve(g, s))
        return false;
    int n = mounted_on(g, s);
    int limit = s->edition == 1 ? 100 : 5; /* Enterprise 100, Standard and Trial 5 */
    if (n >= limit)
        return false;
    return s->max_active < 0 || n < s->max_active;
}

/* }=== */

/* {=== mounting ===*/

void db_mount(struct org *g, struct database *d)
{
    if (d->state == DB_MOUNTED)
        return;
    d->state = DB_MOUNTED;
    g->mounts_counted = false;
    g->mount_changes++;
    d->admin_dismounted = false;
    d->last_mounted = g->now;
    d->failover_failed_at = 0;
    db_stream(g, d, db_gen_at(d, g->now), d->logs_per_minute);
    struct server *s = db_active_server(g, d);
    k_event(g, "Database", s ? s->o.name : NULL, "Database %s mounted on %s.", d->o.name, s ? s->o.name : "?");
}

void db_dismount(struct org *g, struct database *d, const char *why)
{
    if (d->state != DB_MOUNTED)
        return;
    d->state = DB_DISMOUNTED;
    g->mounts_counted = false;
    g->mount_changes++;
    db_stream(g, d, db_gen_at(d, g->now), 0);
    struct server *s = db_active_server(g, d);
    k_event(g, "Database", s ? s->o.name : NULL, "Database %s dismounted on %s: %s.", d->o.name,
            s ? s->o.name : "?", why);
}

/* }=== */

/* {=== copy status ===*/

static bool copy_is_lagged(const struct copy *c)
{
    return c->replay_lag > 0 && !c->lag_disabled && !c->playdown;
}

int copy_status(struct org *g, const struct copy *c)
{
    struct database *d = org_get(g, c->db);
    struct server *s = org_get(g, c->server);
    if (!d || !s)
        return CST_FAILED;
    if (d->server == c->server)
        return d->state == DB_MOUNTED ? CST_MOUNTED : CST_DISMOUNTED;
    if (!s->up || !s->repl_up)
        return CST_SERVICEDOWN;
    if (c->suspended)
        return c->error ? CST_FAILEDANDSUSPENDED : CST_SUSPENDED;
    if (c->until > g->now)
        return c->status;
    if (c->status == CST_FAILED)
        return CST_FAILED;
    struct server *as = db_active_server(g, d);
    bool reach = as && as->up && sites_connected(g, s->site, as->site);
    if (!reach)
        return c->diverged ? CST_DISCONNECTEDANDRESYNCHRONIZING : CST_DISCONNECTEDANDHEALTHY;
    if (!c->copying)
        return c->diverged ? CST_RESYNCHRONIZING : CST_INITIALIZING;
    return CST_HEALTHY;
}

/* Brings a passive copy's copying in line with what its host and the network allow. */
static void copy_reconcile(struct org *g, struct database *d, struct copy *c)
{
    struct server *s = org_get(g, c->server);
    struct server *as = db_active_server(g, d);
    bool can = s && s->up && s->repl_up && !c->suspended && c->status != CST_FAILED && as && as->up &&
               sites_connected(g, s->site, as->site);
    if (!can) {
        copy_stop(g, c);
        if (c->until > g->now && c->status != CST_SEEDING) {
            c->until = 0;
            touch_rt(g, c);
        }
        return;
    }
    /* a transient status ends when its timer fires, even if other timers of the same instant run first */
    if (c->copying || (c->until && c->until >= g->now))
        return;
    c->status = c->diverged ? CST_RESYNCHRONIZING : CST_INITIALIZING;
    c->until = g->now + (c->diverged ? RESYNC_TIME : INITIALIZING_TIME);
    timer_add(g, c->until, TM_COPY_READY, c->o.id, 0);
    touch_rt(g, c);
}

/* }=== */

/* {=== Best Copy and Server Selection ===*/

static bool eligible_status(int st)
{
    return st == CST_HEALTHY || st == CST_DISCONNECTEDANDHEALTHY || st == CST_DISCONNECTEDANDRESYNCHRONIZING ||
           st == CST_SEEDINGSOURCE;
}

/* The ten criteria sets of BCSS: content index, copy queue < 10, replay queue < 50. */
static bool meets_set(struct org *g, const struct copy *c, int set)
{
    int64_t cq = copy_queue(g, c), rq = replay_queue(g, c);
    bool ci_h = c->ci == CI_HEALTHY, ci_c = c->ci == CI_CRAWLING;
    switch (set) {
    case 1: return ci_h && cq < 10 && rq < 50;
    case 2: return ci_c && cq < 10 && rq < 50;
    case 3: return ci_h && rq < 50;
    case 4: return ci_c && rq < 50;
    case 5: return rq < 50;
    case 6: return ci_h && cq < 10;
    case 7: return ci_c && cq < 10;
    case 8: return ci_h;
    case 9: return ci_c;
    default: return true;
    }
}

static bool healthy_elsewhere(struct org *g, struct database *d, int64_t host)
{
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    for (int i = 0; i < n; i++)
        if (cs[i]->server != host && cs[i]->server != d->server && copy_status(g, cs[i]) == CST_HEALTHY)
            return true;
    return false;
}

/* Why copy c cannot be a target, or NULL when it can. */
static const char *reject(struct org *g, struct database *d, struct copy *c, const struct quorum *q,
                          struct site *from_site, const struct move_opts *o)
{
    struct server *s = org_get(g, c->server);
    struct dag *dag = s ? org_get(g, s->dag) : NULL;
    bool manual = o->explicit_target;
    if (!s || !s->up || !s->repl_up || s->cluster_down)
        return "its server is unavailable";
    if (dag && !in_quorum(q, s))
        return "its server is not in the partition that holds quorum";
    if (dag && (is_stopped(dag, s) || (dag->dac && !s->dacp)))
        return "Active Manager on its server is stopped or may not mount (DACP)";
    if (c->activation_suspended && !manual)
        return "the copy is suspended from activation";
    if (!manual && s->policy == POLICY_BLOCKED)
        return "its server's DatabaseCopyAutoActivationPolicy is Blocked";
    if (!manual && s->policy == POLICY_INTRASITE && from_site && s->site != from_site->o.id)
        return "its server's DatabaseCopyAutoActivationPolicy is IntrasiteOnly";
    if (!manual && s->move_now && healthy_elsewhere(g, d, s->o.id))
        return "its server has DatabaseCopyActivationDisabledAndMoveNow set";
    if (!manual && (component_state(s, COMP_HIGHAVAILABILITY, NULL) == CS_INACTIVE))
        return "its server's HighAvailability component is Inactive";
    int mounted = mounted_on(g, s);
    if (s->max_active >= 0 && mounted >= s->max_active)
        return "its server has reached MaximumActiveDatabases";
    if (!o->skip_max_active && s->max_preferred >= 0 && mounted >= s->max_preferred)
        return "its server has reached MaximumPreferredActiveDatabases";
    if (!manual && copy_is_lagged(c))
        return "it is a lagged copy";
    if (!o->skip_health && !eligible_status(copy_status(g, c)))
        return "its status isn't Healthy";
    return NULL;
}

/* The candidate copies in BCSS order; returns how many. */
static int bcss_list(struct org *g, struct database *d, int64_t exclude, const struct move_opts *o,
                     struct copy **out, char *why, size_t nwhy)
{
    struct copy *cs[MAX_COPIES], *ok[MAX_COPIES];
    int n = db_copies(g, d, cs), nok = 0;
    struct server *from = org_get(g, exclude ? exclude : d->server);
    struct site *from_site = from ? server_site(g, from) : NULL;
    struct dag *dag = org_get(g, d->dag);
    static const struct quorum none;
    const struct quorum *qp = dag ? quorum_of(g, dag) : &none;
    bool lossless = o->switchover && !o->explicit_target;
    if (why && nwhy)
        why[0] = '\0';
    for (int i = 0; i < n; i++) {
        struct copy *c = cs[i];
        if (c->server == exclude || c->server == d->server)
            continue;
        const char *r = reject(g, d, c, qp, from_site, o);
        if (r) {
            if (why) {
                /* every copy's reason, as Active Manager reports them */
                struct server *s = org_get(g, c->server);
                size_t used = strlen(why);
                if (used + 1 < nwhy)
                    snprintf(why + used, nwhy - used, "%sDatabase copy '%s' on server '%s' can't be activated: %s.",
                             used ? " " : "", d->o.name, s ? s->o.name : "?", r);
            }
            continue;
        }
        struct server *s = org_get(g, c->server);
        if (s->dial == DIAL_LOSSLESS)
            lossless = true;
        ok[nok++] = c;
    }
    /* sort: ActivationPreference when lossless, else copy queue then preference */
    for (int i = 1; i < nok; i++)
        for (int j = i; j > 0; j--) {
            struct copy *a = ok[j - 1], *b = ok[j];
            int64_t qa = lossless ? 0 : copy_queue(g, a), qb = lossless ? 0 : copy_queue(g, b);
            if (qb < qa || (qb == qa && b->preference < a->preference)) {
                ok[j - 1] = b;
                ok[j] = a;
            } else {
                break;
            }
        }
    /* criteria sets 1..10, each in sort order; [ENGINE] all servers count as fully healthy, so
       the managed-availability health tiers do not reorder them */
    int k = 0;
    bool used[MAX_COPIES] = {0};
    for (int set = 1; set <= 10; set++)
        for (int i = 0; i < nok; i++)
            if (!used[i] && meets_set(g, ok[i], set)) {
                used[i] = true;
                out[k++] = ok[i];
            }
    if (!k && why && !why[0])
        snprintf(why, nwhy, "There are no other copies of database '%s' that can be activated.", d->o.name);
    return k;
}

struct copy *bcss(struct org *g, struct database *d, int64_t exclude, const struct move_opts *o, char *why,
                  size_t nwhy)
{
    struct copy *out[MAX_COPIES];
    return bcss_list(g, d, exclude, o, out, why, nwhy) ? out[0] : NULL;
}

static int64_t dial_allows(int dial)
{
    switch (dial) {
    case DIAL_LOSSLESS: return 0;
    case DIAL_GOOD: return 6;
    case DIAL_BEST: return 12;
    default: return INT64_MAX;
    }
}

int activate(struct org *g, struct database *d, struct copy *to, const struct move_opts *o, char *why, size_t nwhy)
{
    struct server *src = db_active_server(g, d), *ts = org_get(g, to->server);
    int64_t gen = db_gen_at(d, g->now);
    int64_t have = to->copying ? gen : to->copied_gen;
    /* attempt to copy the last logs from the old host */
    bool acll = src && src->up && src->repl_up && sites_connected(g, src->site, ts->site);
    if (acll)
        have = gen;
    int64_t lost = gen - have;
    int dial = o->dial == DIAL_NONE ? ts->dial : o->dial;
    if (lost > dial_allows(dial)) {
        snprintf(why, nwhy,
                 "Database copy '%s' on server '%s' has a copy queue length of %lld logs, which is too long to "
                 "enable automatic recovery. You can use the Move-ActiveMailboxDatabase cmdlet with the "
                 "-SkipLagChecks and -MountDialOverride parameters to move the database with loss.",
                 d->o.name, ts->o.name, (long long)lost);
        return -1;
    }
    if (!am_can_mount(g, ts)) {
        snprintf(why, nwhy, "Server '%s' can't mount database '%s' now (no quorum, Active Manager stopped, "
                            "or its mount limit reached).", ts->o.name, d->o.name);
        return -1;
    }
    /* the others' holdings before the stream moves: logs past `have` are divergent */
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    for (int i = 0; i < n; i++) {
        struct copy *c = cs[i];
        if (c == to)
            continue;
        if (c->server == d->server) {
            /* the old active copy: all logs up to gen, and now a passive copy */
            c->copying = false;
            c->copied_gen = gen;
            c->inspected_at = gen ? db_gen_time(d, gen) : 0;
            c->diverged = lost > 0;
            c->until = 0;
            c->status = CST_HEALTHY;
            touch_rt(g, c);
        } else {
            int64_t h = c->copying ? gen : c->copied_gen;
            if (h > have) {
                copy_stop(g, c);
                c->diverged = true;
                touch_rt(g, c);
            }
        }
    }
    if (d->state == DB_MOUNTED)
        db_dismount(g, d, o->switchover ? "moving to another server" : "failing over");
    d->server = ts->o.id;
    g->mounts_counted = false;
    touch(g, d);
    to->copying = false;
    to->until = 0;
    to->diverged = false;
    touch_rt(g, to);
    db_stream(g, d, have, 0);
    d->lost_logs_total += lost;
    k_event(g, o->switchover ? "Switchover" : "Failover", ts->o.name,
            "Database %s activated on %s: %lld logs lost, mount dial %s%s%s.", d->o.name, ts->o.name,
            (long long)lost, dial_names[dial], o->comment && *o->comment ? "; comment: " : "",
            o->comment ? o->comment : "");
    db_mount(g, d);
    return 0;
}

void am_failover(struct org *g, struct database *d)
{
    struct move_opts o = {.dial = DIAL_NONE};
    struct copy *cand[MAX_COPIES];
    char why[600];
    int n = bcss_list(g, d, d->server, &o, cand, why, sizeof why);
    for (int i = 0; i < n; i++) {
        struct server *s = org_get(g, cand[i]->server);
        k_event(g, "BCSS", s->o.name, "Database %s: copy on %s selected (copy queue %lld, replay queue %lld).",
                d->o.name, s->o.name, (long long)copy_queue(g, cand[i]), (long long)replay_queue(g, cand[i]));
        if (activate(g, d, cand[i], &o, why, sizeof why) == 0)
            return;
        k_event(g, "Failover", s->o.name, "Database %s: %s", d->o.name, why);
    }
    if (!d->failover_failed_at) {
        d->failover_failed_at = g->now;
        touch_rt(g, d);
        k_event(g, "Failover", NULL, "Database %s could not be activated automatically: %s", d->o.name, why);
    }
}

/* }=== */

/* {=== evaluation ===*/

static bool timer_pending(struct org *g, int kind, int64_t a)
{
    for (int i = 0; i < g->ntimers; i++)
        if (g->timers[i].kind == kind && g->timers[i].a == a)
            return true;
    return false;
}

static void eval_dag(struct org *g, struct dag *dag)
{
    struct quorum q = *quorum_of(g, dag);
    struct server *m[MAX_DAG_MEMBERS];
    int n = dag_members(g, dag, m);
    /* PAM */
    struct server *pam = org_get(g, dag->pam);
    if (!q.has) {
        if (dag->pam) {
            k_event(g, "Quorum", NULL, "DAG %s lost quorum; all its databases dismount.", dag->o.name);
            dag->pam = 0;
            touch_rt(g, dag);
        }
    } else if (!pam || !in_quorum(&q, pam) || pam->paused) {
        struct server *best = NULL;
        for (int i = 0; i < q.nin; i++)
            if (!q.in[i]->paused && (!best || q.in[i]->o.id < best->o.id))
                best = q.in[i];
        if (!best)
            best = q.in[0];
        if (!pam)
            k_event(g, "Quorum", best->o.name, "DAG %s has quorum (it needs %d of %d votes).", dag->o.name, q.need,
                    q.voters + (q.voters % 2 == 0));
        k_event(g, "ActiveManager", best->o.name, "%s is now the Primary Active Manager of %s.", best->o.name,
                dag->o.name);
        dag->pam = best->o.id;
        touch_rt(g, dag);
    }
    uint8_t wiu = !q.has || q.voters % 2 ? 0 : dag->witness_in_use == 2 ? 2 : 1;
    if (wiu != dag->witness_in_use && !(dag->witness_in_use == 2 && !q.has)) {
        dag->witness_in_use = wiu;
        touch_rt(g, dag);
    }
    /* DACP: a starting member may mount once it hears a member whose bit is set. A two-member
       DAG also asks the witness: a bit last set after the witness booted means this member
       rebooted alone, so it may mount; set before, member and witness restarted together. */
    if (dag->dac)
        for (int i = 0; i < n; i++) {
            struct server *s = m[i];
            if (!s->up || s->dacp)
                continue;
            bool heard = false;
            for (int j = 0; j < n && !heard; j++)
                heard = m[j] != s && m[j]->up && m[j]->dacp && sites_connected(g, s->site, m[j]->site);
            struct server *w = witness_of(g, dag);
            if (!heard && n == 2 && w && w->up && sites_connected(g, s->site, w->site) && s->dacp_at &&
                s->dacp_at >= w->boot_at) {
                heard = true;
                k_event(g, "DACP", s->o.name, "%s may mount: its DACP bit was set after witness %s booted.",
                        s->o.name, w->o.name);
            }
            if (heard) {
                s->dacp = true;
                s->dacp_at = g->now;
                touch_rt(g, s);
            }
        }
    /* failure detection */
    for (int i = 0; i < n; i++) {
        struct server *s = m[i];
        bool reach = s->up && in_quorum(&q, s);
        if (reach) {
            timer_cancel(g, TM_DETECT, s->o.id);
            if (s->cluster_down) {
                s->cluster_down = false;
                touch_rt(g, s);
                k_event(g, "Cluster", s->o.name, "%s rejoined the cluster of %s.", s->o.name, dag->o.name);
            }
        } else if (q.has && !s->cluster_down && !timer_pending(g, TM_DETECT, s->o.id)) {
            bool same = false;
            for (int j = 0; j < q.nin; j++)
                same |= q.in[j]->site == s->site;
            timer_add(g, g->now + (same ? HEARTBEAT_SAME_SUBNET : HEARTBEAT_CROSS_SUBNET), TM_DETECT, s->o.id, 0);
        }
    }
    /* periodic work of the Replication service */
    if (dag->preference_move_frequency > 0 && !timer_pending(g, TM_PREFERENCE, dag->o.id))
        timer_add(g, g->now + dag->preference_move_frequency, TM_PREFERENCE, dag->o.id, 0);
    if (dag->replay_lag_manager && !timer_pending(g, TM_LAG_CHECK, dag->o.id))
        timer_add(g, g->now + MS_HOUR, TM_LAG_CHECK, dag->o.id, 0);
}

static void eval_db(struct org *g, struct database *d)
{
    struct server *as = db_active_server(g, d);
    if (d->state == DB_MOUNTED && (!as || !as->serves))
        db_dismount(g, d, !as || !as->up ? "the server stopped" : "the server lost quorum or may not mount");
    if (as && as->cluster_down) {
        struct dag *dag = org_get(g, as->dag);
        if (dag && quorum_of(g, dag)->has)
            am_failover(g, d);
        as = db_active_server(g, d);
    }
    if (d->state != DB_MOUNTED && as && !as->cluster_down && !d->admin_dismounted && d->mount_at_startup &&
        am_can_mount(g, as) && d->last_mounted)
        db_mount(g, d);
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    for (int i = 0; i < n; i++)
        if (cs[i]->server != d->server)
            copy_reconcile(g, d, cs[i]);
}

void am_evaluate(struct org *g)
{
    /* a second round only when the first mounted or dismounted something: a failover
       there can let copies start copying from their new source */
    for (int round = 0; round < 2; round++) {
        unsigned changes = g->mount_changes;
        for (int i = 0; i < ORG_N(g, OC_DAG); i++)
            eval_dag(g, ORG_DAGS(g)[i]);
        /* whether a server may keep databases mounted changes with quorum, DACP and the stopped
           lists, which only eval_dag moves: once per round for every server */
        for (int i = 0; i < ORG_N(g, OC_SERVER); i++)
            ORG_SERVERS(g)[i]->serves = may_serve(g, ORG_SERVERS(g)[i]);
        for (int i = 0; i < ORG_N(g, OC_DB); i++)
            eval_db(g, ORG_DBS(g)[i]);
        if (round == 0 && g->mount_changes == changes)
            break;
    }
}

/* PreferenceMoveFrequency: a lossless switchover to each database's preference-1 copy. */
static void rebalance(struct org *g, struct dag *dag)
{
    for (int i = 0; i < ORG_N(g, OC_DB); i++) {
        struct database *d = ORG_DBS(g)[i];
        if (d->dag != dag->o.id || d->state != DB_MOUNTED)
            continue;
        struct copy *cs[MAX_COPIES];
        int n = db_copies(g, d, cs);
        if (!n || cs[0]->server == d->server)
            continue;
        struct move_opts o = {.dial = DIAL_LOSSLESS, .switchover = true, .explicit_target = false};
        struct server *src = db_active_server(g, d);
        if (reject(g, d, cs[0], quorum_of(g, dag), src ? server_site(g, src) : NULL, &o) || copy_queue(g, cs[0]) >= 10 ||
            replay_queue(g, cs[0]) > 6)
            continue;
        char why[600];
        o.comment = "PreferenceMoveFrequency";
        activate(g, d, cs[0], &o, why, sizeof why);
    }
}

/* The Replay Lag Manager: play a lagged copy down when fewer than 3 healthy
** non-lagged copies have been available for 24 hours; restore the lag when
** enough are back. (ReplayLagManagerNumAvailableCopies default 3.) */
static void lag_check(struct org *g, struct dag *dag)
{
    for (int i = 0; i < ORG_N(g, OC_DB); i++) {
        struct database *d = ORG_DBS(g)[i];
        if (d->dag != dag->o.id)
            continue;
        struct copy *cs[MAX_COPIES];
        int n = db_copies(g, d, cs), healthy = 0, lagged = 0;
        for (int j = 0; j < n; j++) {
            int st = copy_status(g, cs[j]);
            if (cs[j]->replay_lag > 0)
                lagged++;
            else if (st == CST_MOUNTED || st == CST_HEALTHY)
                healthy++;
        }
        if (!lagged)
            continue;
        if (healthy >= 3) {
            d->few_copies_since = 0;
            for (int j = 0; j < n; j++)
                if (cs[j]->playdown) {
                    cs[j]->playdown = false;
                    touch_rt(g, cs[j]);
                    k_event(g, "ReplayLagManager", NULL, "Replay lag restored on %s: enough healthy copies.",
                            cs[j]->o.name);
                }
            touch_rt(g, d);
            continue;
        }
        if (!d->few_copies_since) {
            d->few_copies_since = g->now;
            touch_rt(g, d);
        } else if (g->now - d->few_copies_since >= MS_DAY) {
            for (int j = 0; j < n; j++)
                if (cs[j]->replay_lag > 0 && !cs[j]->playdown) {
                    cs[j]->playdown = true;
                    touch_rt(g, cs[j]);
                    k_event(g, "ReplayLagManager", NULL,
                            "Lagged copy %s plays down: fewer than 3 healthy copies for 24 hours.", cs[j]->o.name);
                }
        }
    }
}

void am_timer(struct org *g, const struct timer *t)
{
    switch (t->kind) {
    case TM_DETECT: {
        struct server *s = org_get(g, t->a);
        if (s && !s->cluster_down && !am_has_quorum(g, s)) {
            s->cluster_down = true;
            touch_rt(g, s);
            k_event(g, "Cluster", s->o.name, "Failure of %s detected (no heartbeat).", s->o.name);
        }
        break;
    }
    case TM_COPY_READY: {
        struct copy *c = org_get(g, t->a);
        if (!c || c->until > g->now)
            break;
        c->until = 0;
        if (c->status == CST_SEEDING) {
            struct database *d = org_get(g, c->db);
            c->copied_gen = d ? db_gen_at(d, g->now) : 0;
            c->inspected_at = g->now;
            c->diverged = false;
            c->error = NULL;
            c->ci = CI_HEALTHY;
            c->status = CST_INITIALIZING;
            k_event(g, "Seeding", NULL, "Seeding of %s completed.", c->o.name);
            if (c->reseed_tries < 0) { /* -ManualResume: stays suspended */
                c->suspended = true;
                c->reseed_tries = 0;
            }
        } else if (c->status == CST_INITIALIZING || c->status == CST_RESYNCHRONIZING) {
            struct server *s = org_get(g, c->server);
            struct database *d = org_get(g, c->db);
            struct server *as = d ? db_active_server(g, d) : NULL;
            if (s && s->up && s->repl_up && !c->suspended && as && as->up && sites_connected(g, s->site, as->site))
                copy_start(g, c);
        }
        touch_rt(g, c);
        break;
    }
    case TM_PREFERENCE: {
        struct dag *dag = org_get(g, t->a);
        if (dag && dag->preference_move_frequency > 0) {
            rebalance(g, dag);
            timer_add(g, g->now + dag->preference_move_frequency, TM_PREFERENCE, dag->o.id, 0);
        }
        break;
    }
    case TM_RESEED:
        autoreseed_timer(g, t);
        break;
    case TM_LAG_CHECK: {
        struct dag *dag = org_get(g, t->a);
        if (dag && dag->replay_lag_manager) {
            lag_check(g, dag);
            timer_add(g, g->now + MS_HOUR, TM_LAG_CHECK, dag->o.id, 0);
        }
        break;
    }
    default:
        break;
    }
    am_evaluate(g);
}

/* }=== */

int am_verify(struct org *g, char *why, size_t n)
{
    int bad = 0;
    for (int i = 0; i < ORG_N(g, OC_DB); i++) {
        struct database *d = ORG_DBS(g)[i];
        struct server *s = db_active_server(g, d);
        struct copy *cs[MAX_COPIES];
        int nc = db_copies(g, d, cs), active = 0;
        for (int j = 0; j < nc; j++)
            active += cs[j]->server == d->server;
        const char *problem = NULL;
        if (active != 1)
            problem = "does not have exactly one active copy";
        else if (d->state == DB_MOUNTED && !may_serve(g, s))
            problem = "is mounted on a server without quorum or not allowed to mount";
        if (problem) {
            if (!bad++ && n)
                snprintf(why, n, "Database %s %s (server %s).", d->o.name, problem, s ? s->o.name : "none");
        }
    }
    return bad;
}
