/*
** model.h - the organization in memory, as one request sees it.
**
** A request loads the organization from the store (store.c), lets the
** clock catch up (clock.c), runs its handler and writes back the objects it
** changed, all inside one transaction. Objects are plain structs that begin
** with a struct obj head; they refer to each other by id. Two halves are
** kept apart, as Exchange keeps Active Directory apart from each server's
** own state: the fields under "directory" are configuration (the AD part),
** the fields under "runtime" are what a server knows about itself and its
** copies (store.c writes them to separate tables).
**
** Times are engine milliseconds since 1970-01-01 UTC.
*/
#ifndef EMSH_MODEL_H
#define EMSH_MODEL_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_SECOND 1000LL
#define MS_MINUTE (60 * MS_SECOND)
#define MS_HOUR (60 * MS_MINUTE)
#define MS_DAY (24 * MS_HOUR)

#define MAX_DAG_MEMBERS 16
#define MAX_COPIES 16
#define MAX_LINK_SITES 16
#define NAME_MAX_LEN 64
#define PATH_MAX_LEN 259    /* EdbFilePath, LogFolderPath */
#define COMMENT_MAX_LEN 512 /* SuspendComment */
#define MAX_HIST 24

enum obj_class { OC_SITE, OC_LINK, OC_SERVER, OC_DAG, OC_DB, OC_COPY, OC_MAILBOX, OC__COUNT };

struct obj {
    int64_t id;
    uint8_t cls;         /* enum obj_class */
    bool dirty, deleted; /* to write back (both halves); to delete */
    bool dirty_rt;       /* to write back: the runtime half only */
    char name[2 * NAME_MAX_LEN + 2]; /* a copy's is "DB\\Server" */
    char guid[37];
    int64_t created, changed; /* WhenCreated, WhenChanged */
};

struct site {
    struct obj o;
    /* directory */
    bool hub_enabled, inbound_mail_enabled;
    /* runtime (the lab's network) */
    bool disconnected;
};

struct sitelink {
    struct obj o;
    int64_t sites[MAX_LINK_SITES];
    int nsites;
    int cost;
    int exchange_cost;        /* -1: not set */
    int64_t max_message_size; /* bytes; -1: unlimited */
};

enum server_role { ROLE_MAILBOX, ROLE_EDGE, ROLE_FILESERVER };
enum mount_dial { DIAL_LOSSLESS, DIAL_GOOD, DIAL_BEST, DIAL_BESTEFFORT, DIAL_NONE };
enum activation_policy { POLICY_UNRESTRICTED, POLICY_INTRASITE, POLICY_BLOCKED };
enum comp_state { CS_UNSET, CS_ACTIVE, CS_INACTIVE, CS_DRAINING };

#define NCOMPONENTS 35
#define NREQUESTERS 5
#define MAX_VOLUMES 16

/* One requester's latest word on a component, in one of the two stores. */
struct comp_entry {
    uint8_t state; /* enum comp_state */
    int64_t at;
};

struct server {
    struct obj o;
    /* directory */
    int64_t site;
    uint8_t role;    /* enum server_role */
    uint8_t edition; /* 0 Standard, 1 Enterprise, 2 Trial */
    int64_t dag;     /* 0: none */
    uint8_t dial;    /* AutoDatabaseMountDial: DIAL_LOSSLESS..DIAL_BEST */
    uint8_t policy;  /* DatabaseCopyAutoActivationPolicy */
    bool move_now;   /* DatabaseCopyActivationDisabledAndMoveNow */
    int max_active, max_preferred; /* -1: not set */
    int nvolumes;    /* ExchangeVolume1..n under the volumes root */
    struct comp_entry remote[NCOMPONENTS][NREQUESTERS]; /* AD */
    /* runtime */
    bool up;               /* the machine runs */
    bool repl_up;          /* MSExchangeRepl runs */
    bool transport_up;     /* MSExchangeTransport runs */
    bool cluster_down;     /* the cluster has noticed it is gone */
    bool paused;           /* cluster node paused */
    int64_t down_at;       /* when it stopped or was cut off */
    int64_t boot_at;       /* when it last started */
    bool dacp;             /* the DACP bit */
    int64_t dacp_at;       /* when the bit was last set */
    uint32_t failed_volumes;                            /* bit i: volume i+1 failed */
    uint32_t spare_used;                                /* bit i: volume i+1 now holds a reseeded copy */
    struct comp_entry local[NCOMPONENTS][NREQUESTERS]; /* registry */
    int mounted; /* in memory only: databases mounted here, valid when g->mounts_counted */
    bool serves; /* in memory only: may_serve() as am_evaluate's round found it */
};

struct dag {
    struct obj o;
    char witness_server[NAME_MAX_LEN + 1], witness_dir[260];
    char alt_witness_server[NAME_MAX_LEN + 1], alt_witness_dir[260];
    bool dac;                 /* DatacenterActivationMode DagOnly */
    int64_t stopped[MAX_DAG_MEMBERS]; /* StoppedMailboxServers */
    int nstopped;
    int64_t started[MAX_DAG_MEMBERS]; /* StartedMailboxServers */
    int nstarted;
    bool replay_lag_manager;
    bool autoreseed, disk_reclaimer, auto_redistribute;
    int64_t preference_move_frequency; /* ms; -1: InfiniteTimeSpan */
    int replication_port;
    uint8_t compression, encryption; /* 0 Disabled 1 Enabled 2 InterSubnetOnly 3 SeedOnly */
    bool manual_networks;
    int copies_per_volume;
    char ip_addresses[128];
    /* runtime (the cluster) */
    int64_t pam;            /* server owning the cluster group; 0 none */
    uint8_t witness_in_use; /* 0 None, 1 Primary, 2 Alternate */
    bool restored;          /* Restore- evicted the stopped servers */
    /* in memory only: the quorum as am.c last computed it (valid unless g->quorum_stale) */
    struct quorum_cache {
        bool has;
        int voters, need, nin;
        struct server *in[MAX_DAG_MEMBERS];
    } q;
};

enum db_state { DB_DISMOUNTED, DB_MOUNTED };

/* A point of a database's log stream: from `at` on, `rate` logs a minute. */
struct log_point {
    int64_t at, gen;
    int rate; /* 0 while dismounted */
};

struct database {
    struct obj o;
    /* directory */
    int64_t server;   /* the host of the active copy (Server) */
    int64_t dag;      /* MasterServerOrAvailabilityGroup when replicated */
    int64_t home;     /* the server it was created on */
    const char *edb_path, *log_path; /* org_text() */
    bool circular_logging, recovery;
    uint8_t constraint; /* DataMoveReplicationConstraint: 0 None 1 SecondCopy 2 SecondDatacenter 3 AllDatacenters 4 AllCopies */
    bool mount_at_startup;
    int logs_per_minute; /* Set-LabWorkload */
    /* runtime */
    uint8_t state; /* enum db_state */
    bool admin_dismounted;
    int64_t last_mounted; /* LastMountedTime? kept for events */
    int nhist;
    struct log_point hist[MAX_HIST];
    int64_t lost_logs_total;
    int64_t few_copies_since; /* Replay Lag Manager: too few healthy copies since; 0: enough */
    int64_t failover_failed_at; /* the last automatic activation found no copy; 0: none pending */
    /* in memory only: the copies, rebuilt by db_copies() when g->copies_stale */
    struct copy *cix[MAX_COPIES];
    int ncix;
};

enum copy_status {
    CST_MOUNTED,
    CST_MOUNTING,
    CST_DISMOUNTED,
    CST_DISMOUNTING,
    CST_HEALTHY,
    CST_INITIALIZING,
    CST_RESYNCHRONIZING,
    CST_SEEDING,
    CST_SEEDINGSOURCE,
    CST_SUSPENDED,
    CST_FAILED,
    CST_FAILEDANDSUSPENDED,
    CST_SERVICEDOWN,
    CST_DISCONNECTEDANDHEALTHY,
    CST_DISCONNECTEDANDRESYNCHRONIZING,
    CST_SINGLEPAGERESTORE,
    CST__COUNT
};

enum ci_state { CI_HEALTHY, CI_CRAWLING, CI_FAILED, CI_SEEDING, CI_SUSPENDED, CI_FAILEDANDSUSPENDED, CI_UNKNOWN };

struct copy {
    struct obj o; /* name: "DB\Server" */
    /* directory */
    int64_t db, server;
    int preference;
    int64_t replay_lag, truncation_lag, lag_max_delay; /* ms */
    int volume; /* 1-based ExchangeVolume it lives on */
    /* runtime */
    uint8_t status;        /* enum copy_status of a passive copy */
    bool copying;          /* logs arrive as they are made */
    int64_t copied_gen;    /* when not copying: the last log copied and inspected */
    int64_t inspected_at;  /* when not copying: when that log was made */
    bool suspended;        /* by an administrator (or AutoReseed) */
    bool activation_suspended;
    bool playdown;         /* the Replay Lag Manager plays the lag down */
    bool lag_disabled;     /* Resume -DisableReplayLag */
    bool diverged;         /* holds logs the active no longer has */
    int64_t until;         /* a transient status (Initializing, Seeding ...) ends then */
    uint8_t ci;            /* enum ci_state */
    const char *suspend_comment; /* org_text(), NULL when there is none */
    const char *error;           /* org_text(): why the system suspended it, NULL when it didn't */
    int64_t failed_since;  /* FailedAndSuspended since (AutoReseed) */
    int reseed_tries;
};

struct mailbox {
    struct obj o;
    int64_t db;
    char alias[NAME_MAX_LEN + 1];
    char smtp[256];
    char display_name[NAME_MAX_LEN + 1];
    bool use_db_quota;                      /* UseDatabaseQuotaDefaults */
    int64_t warn_quota, send_quota, sendreceive_quota; /* bytes; -1: Unlimited */
};

/* A timer of the discrete-event clock. */
enum timer_kind {
    TM_DETECT,        /* a: server; the cluster notices it is gone */
    TM_COPY_READY,    /* a: copy; a transient status ends */
    TM_PREFERENCE,    /* a: dag; PreferenceMoveFrequency rebalancing */
    TM_LAG_CHECK,     /* a: dag; Replay Lag Manager */
    TM_RESEED,        /* a: server, b: volume + 100 * step; AutoReseed (reseed.c) */
};

struct timer {
    int64_t due;
    int kind;
    int64_t a, b;
};

struct objv {
    void **v;
    int n, cap;
};

struct org {
    sqlite3 *db;
    int64_t now;
    int64_t loaded_now; /* the clock as loaded: an unchanged clock is not written back */
    int clock_mode;     /* as stored: 0 default, 1 real, 2 virtual (enum engine_clock) */
    int effective_clock; /* what this request runs on */
    char domain[128];   /* the organization's name: contoso.com */
    char guid[37];
    int64_t next_id;
    bool exists;        /* an organization was built */
    bool meta_dirty;
    struct objv all[OC__COUNT];
    bool mailboxes_loaded;
    bool copies_stale;   /* a copy was added or removed: the per-database lists need rebuilding */
    bool mounts_counted; /* server->mounted is up to date */
    bool quorum_stale;   /* a server, site or DAG changed: dag->q needs recomputing */
    unsigned mount_changes; /* databases mounted or dismounted so far (am_evaluate's rounds) */
    unsigned changes;       /* objects touched, created or deleted so far */
    struct timer *timers;
    int ntimers, timers_cap;
    bool timers_dirty;
    void **by_id;       /* id -> object */
    int64_t by_id_cap;
    char local_server[NAME_MAX_LEN + 1];
    uint64_t rng;       /* for GUIDs: seeded from the store */
    struct store_cache *stmts; /* the connection's prepared statements (store.c) */
    struct chunk *chunks;     /* the objects live here, freed together by org_free() */
};

#define ORG_SITES(g) ((struct site **)(g)->all[OC_SITE].v)
#define ORG_LINKS(g) ((struct sitelink **)(g)->all[OC_LINK].v)
#define ORG_SERVERS(g) ((struct server **)(g)->all[OC_SERVER].v)
#define ORG_DAGS(g) ((struct dag **)(g)->all[OC_DAG].v)
#define ORG_DBS(g) ((struct database **)(g)->all[OC_DB].v)
#define ORG_COPIES(g) ((struct copy **)(g)->all[OC_COPY].v)
#define ORG_MAILBOXES(g) ((struct mailbox **)(g)->all[OC_MAILBOX].v)
#define ORG_N(g, c) ((g)->all[c].n)

/* {=== objects (model.c) ===*/

/* Zeroed memory for an object, alive until org_free(): a request's objects
** come and go together, and one block for thousands avoids the allocator's
** per-object overhead. */
void *org_alloc(struct org *g, size_t n);
/* A copy of s (at most max bytes) that lives as long as g; NULL for an empty or NULL s. */
const char *org_text(struct org *g, const char *s, size_t max);
/* A new object of a class, registered and dirty; name copied (truncated). */
void *org_new(struct org *g, enum obj_class cls, const char *name);
/* Marks an object deleted (store.c removes it) and drops it from its list. */
void org_delete(struct org *g, void *obj);
/* The object with an id, or NULL (also for deleted ones). */
void *org_get(struct org *g, int64_t id);
/* A change of an object's configuration (its WhenChanged moves) and maybe its runtime state. */
static inline void touch(struct org *g, void *obj)
{
    struct obj *o = obj;
    o->dirty = true;
    o->changed = g->now;
    g->changes++;
    if (o->cls == OC_SERVER || o->cls == OC_SITE || o->cls == OC_DAG)
        g->quorum_stale = true;
}
/* A change of the runtime half only: the directory is not written, WhenChanged stays. */
static inline void touch_rt(struct org *g, void *obj)
{
    struct obj *o = obj;
    o->dirty_rt = true;
    g->changes++;
    if (o->cls == OC_SERVER || o->cls == OC_SITE || o->cls == OC_DAG)
        g->quorum_stale = true;
}
/* Finds by name (ignoring case) within a class; NULL if none. */
void *org_find(struct org *g, enum obj_class cls, const char *name);
void org_new_guid(struct org *g, char out[37]);
void org_free(struct org *g);

/* [ENGINE] a quiet database of 25 mailboxes makes 4 logs a minute (Set-LabWorkload changes it). */
#define DEFAULT_LOGS_PER_MINUTE 4
/* A database on a server, not mounted, with its active copy (preference 1). */
struct database *db_new(struct org *g, const char *name, struct server *on, const char *edb, const char *log);
/* A mailbox on d, alias as given, with the database's quotas. */
struct mailbox *mailbox_new(struct org *g, const char *name, const char *alias, struct database *d);
/* A copy of d on a server, not yet copying; a passive one makes d replicated. */
struct copy *copy_new(struct org *g, struct database *d, struct server *on, int preference);
struct server *db_active_server(struct org *g, struct database *d);
struct copy *db_copy_on(struct org *g, struct database *d, int64_t server);
/* The copies of a database, by ActivationPreference. Returns the count. */
int db_copies(struct org *g, struct database *d, struct copy **out);
int dag_members(struct org *g, struct dag *dag, struct server **out);
const char *server_fqdn(struct org *g, const struct server *s, char *buf, size_t n);
struct site *server_site(struct org *g, const struct server *s);
/* Can a and b talk (both in sites not cut off, or in the same site)? */
bool sites_connected(struct org *g, int64_t a, int64_t b);

/* }=== */

/* {=== the log stream (clock.c) ===*/

/* The last log generation of a database at time t (t <= now). */
int64_t db_gen_at(const struct database *d, int64_t t);
/* When log gen was made (the first moment the stream reached it). */
int64_t db_gen_time(const struct database *d, int64_t gen);
/* Starts a new piece of the stream at now: mounted at `rate` or stopped (rate 0), from gen. */
void db_stream(struct org *g, struct database *d, int64_t gen, int rate);

/* }=== */

#endif /* EMSH_MODEL_H */
