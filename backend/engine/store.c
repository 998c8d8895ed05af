/*
** store.c - the organization in SQLite.
**
** One file in WAL mode holds five tables:
**
**   meta       key/value: the store format, the clock, the organization
**   directory  the configuration objects (the AD part), one JSON row each
**   runtime    each object's runtime half (server state, copy status ...)
**   timers     the pending events of the discrete-event clock
**   events     the engine's event log (Get-LabEvent)
**
** Objects are described by field tables, so loading and saving are one
** generic loop over them: a field is a JSON key, a kind and an offset, and
** belongs either to the directory half or to the runtime half. A request
** loads every object (mailboxes only when asked), and writes back only the
** objects it marked dirty.
**
** Format versions: STORE_FORMAT is what this build writes. An older store
** is migrated step by step inside the opening transaction; a newer one is
** refused with a message, never touched.
*/
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORE_FORMAT 1

/* {=== field tables ===*/

enum fkind { FK_STR, FK_I32, FK_I64, FK_BOOL, FK_U8, FK_IDS, FK_HIST, FK_COMP };

struct field {
    const char *key;
    uint8_t kind;
    bool runtime;
    size_t off, size;
    size_t count_off; /* FK_IDS, FK_HIST: the int count */
};

#define DIR_F(T, key, kind, m) {key, kind, false, offsetof(T, m), sizeof(((T *)0)->m), 0}
#define RUN_F(T, key, kind, m) {key, kind, true, offsetof(T, m), sizeof(((T *)0)->m), 0}
#define IDS_F(T, key, rt, m, cnt) {key, FK_IDS, rt, offsetof(T, m), sizeof(((T *)0)->m), offsetof(T, cnt)}

#define HEAD_FIELDS(T)                                                                             \
    DIR_F(T, "guid", FK_STR, o.guid), DIR_F(T, "created", FK_I64, o.created),                     \
        DIR_F(T, "changed", FK_I64, o.changed)

static const struct field site_fields[] = {
    HEAD_FIELDS(struct site),
    DIR_F(struct site, "hub", FK_BOOL, hub_enabled),
    DIR_F(struct site, "inbound", FK_BOOL, inbound_mail_enabled),
    RUN_F(struct site, "disconnected", FK_BOOL, disconnected),
    {0},
};

static const struct field link_fields[] = {
    HEAD_FIELDS(struct sitelink),
    IDS_F(struct sitelink, "sites", false, sites, nsites),
    DIR_F(struct sitelink, "cost", FK_I32, cost),
    DIR_F(struct sitelink, "exchangeCost", FK_I32, exchange_cost),
    DIR_F(struct sitelink, "maxMessageSize", FK_I64, max_message_size),
    {0},
};

static const struct field server_fields[] = {
    HEAD_FIELDS(struct server),
    DIR_F(struct server, "site", FK_I64, site),
    DIR_F(struct server, "role", FK_U8, role),
    DIR_F(struct server, "edition", FK_U8, edition),
    DIR_F(struct server, "dag", FK_I64, dag),
    DIR_F(struct server, "dial", FK_U8, dial),
    DIR_F(struct server, "policy", FK_U8, policy),
    DIR_F(struct server, "moveNow", FK_BOOL, move_now),
    DIR_F(struct server, "maxActive", FK_I32, max_active),
    DIR_F(struct server, "maxPreferred", FK_I32, max_preferred),
    DIR_F(struct server, "volumes", FK_I32, nvolumes),
    DIR_F(struct server, "components", FK_COMP, remote),
    RUN_F(struct server, "up", FK_BOOL, up),
    RUN_F(struct server, "replUp", FK_BOOL, repl_up),
    RUN_F(struct server, "transportUp", FK_BOOL, transport_up),
    RUN_F(struct server, "clusterDown", FK_BOOL, cluster_down),
    RUN_F(struct server, "paused", FK_BOOL, paused),
    RUN_F(struct server, "downAt", FK_I64, down_at),
    RUN_F(struct server, "bootAt", FK_I64, boot_at),
    RUN_F(struct server, "dacp", FK_BOOL, dacp),
    RUN_F(struct server, "dacpAt", FK_I64, dacp_at),
    RUN_F(struct server, "failedVolumes", FK_I64, failed_volumes),
    RUN_F(struct server, "spareUsed", FK_I64, spare_used),
    RUN_F(struct server, "components", FK_COMP, local),
    {0},
};

static const struct field dag_fields[] = {
    HEAD_FIELDS(struct dag),
    DIR_F(struct dag, "witnessServer", FK_STR, witness_server),
    DIR_F(struct dag, "witnessDirectory", FK_STR, witness_dir),
    DIR_F(struct dag, "altWitnessServer", FK_STR, alt_witness_server),
    DIR_F(struct dag, "altWitnessDirectory", FK_STR, alt_witness_dir),
    DIR_F(struct dag, "dac", FK_BOOL, dac),
    IDS_F(struct dag, "stopped", false, stopped, nstopped),
    IDS_F(struct dag, "started", false, started, nstarted),
    DIR_F(struct dag, "replayLagManager", FK_BOOL, replay_lag_manager),
    DIR_F(struct dag, "autoReseed", FK_BOOL, autoreseed),
    DIR_F(struct dag, "diskReclaimer", FK_BOOL, disk_reclaimer),
    DIR_F(struct dag, "autoRedistribute", FK_BOOL, auto_redistribute),
    DIR_F(struct dag, "preferenceMoveFrequency", FK_I64, preference_move_frequency),
    DIR_F(struct dag, "replicationPort", FK_I32, replication_port),
    DIR_F(struct dag, "compression", FK_U8, compression),
    DIR_F(struct dag, "encryption", FK_U8, encryption),
    DIR_F(struct dag, "manualNetworks", FK_BOOL, manual_networks),
    DIR_F(struct dag, "copiesPerVolume", FK_I32, copies_per_volume),
    DIR_F(struct dag, "ipAddresses", FK_STR, ip_addresses),
    RUN_F(struct dag, "pam", FK_I64, pam),
    RUN_F(struct dag, "witnessInUse", FK_U8, witness_in_use),
    RUN_F(struct dag, "restored", FK_BOOL, restored),
    {0},
};

static const struct field db_fields[] = {
    HEAD_FIELDS(struct database),
    DIR_F(struct database, "server", FK_I64, server),
    DIR_F(struct database, "dag", FK_I64, dag),
    DIR_F(struct database, "home", FK_I64, home),
    DIR_F(struct database, "edbPath", FK_STR, edb_path),
    DIR_F(struct database, "logPath", FK_STR, log_path),
    DIR_F(struct database, "circularLogging", FK_BOOL, circular_logging),
    DIR_F(struct database, "recovery", FK_BOOL, recovery),
    DIR_F(struct database, "constraint", FK_U8, constraint),
    DIR_F(struct database, "mountAtStartup", FK_BOOL, mount_at_startup),
    DIR_F(struct database, "logsPerMinute", FK_I32, logs_per_minute),
    RUN_F(struct database, "state", FK_U8, state),
    RUN_F(struct database, "adminDismounted", FK_BOOL, admin_dismounted),
    RUN_F(struct database, "lastMounted", FK_I64, last_mounted),
    {"hist", FK_HIST, true, offsetof(struct database, hist), sizeof(((struct database *)0)->hist),
     offsetof(struct database, nhist)},
    RUN_F(struct database, "lostLogs", FK_I64, lost_logs_total),
    RUN_F(struct database, "fewCopiesSince", FK_I64, few_copies_since),
    RUN_F(struct database, "failoverFailedAt", FK_I64, failover_failed_at),
    {0},
};

static const struct field copy_fields[] = {
    HEAD_FIELDS(struct copy),
    DIR_F(struct copy, "db", FK_I64, db),
    DIR_F(struct copy, "server", FK_I64, server),
    DIR_F(struct copy, "preference", FK_I32, preference),
    DIR_F(struct copy, "replayLag", FK_I64, replay_lag),
    DIR_F(struct copy, "truncationLag", FK_I64, truncation_lag),
    DIR_F(struct copy, "lagMaxDelay", FK_I64, lag_max_delay),
    DIR_F(struct copy, "volume", FK_I32, volume),
    RUN_F(struct copy, "status", FK_U8, status),
    RUN_F(struct copy, "copying", FK_BOOL, copying),
    RUN_F(struct copy, "copiedGen", FK_I64, copied_gen),
    RUN_F(struct copy, "inspectedAt", FK_I64, inspected_at),
    RUN_F(struct copy, "suspended", FK_BOOL, suspended),
    RUN_F(struct copy, "activationSuspended", FK_BOOL, activation_suspended),
    RUN_F(struct copy, "playdown", FK_BOOL, playdown),
    RUN_F(struct copy, "lagDisabled", FK_BOOL, lag_disabled),
    RUN_F(struct copy, "diverged", FK_BOOL, diverged),
    RUN_F(struct copy, "until", FK_I64, until),
    RUN_F(struct copy, "ci", FK_U8, ci),
    RUN_F(struct copy, "suspendComment", FK_STR, suspend_comment),
    RUN_F(struct copy, "error", FK_STR, error),
    RUN_F(struct copy, "failedSince", FK_I64, failed_since),
    RUN_F(struct copy, "reseedTries", FK_I32, reseed_tries),
    {0},
};

static const struct field mailbox_fields[] = {
    HEAD_FIELDS(struct mailbox),
    DIR_F(struct mailbox, "db", FK_I64, db),
    DIR_F(struct mailbox, "alias", FK_STR, alias),
    DIR_F(struct mailbox, "smtp", FK_STR, smtp),
    DIR_F(struct mailbox, "displayName", FK_STR, display_name),
    {0},
};

static const struct field *const class_fields[OC__COUNT] = {
    site_fields, link_fields, server_fields, dag_fields, db_fields, copy_fields, mailbox_fields,
};

const size_t store_class_size[OC__COUNT] = {
    sizeof(struct site),     sizeof(struct sitelink), sizeof(struct server),  sizeof(struct dag),
    sizeof(struct database), sizeof(struct copy),     sizeof(struct mailbox),
};

/* }=== */

/* {=== JSON <-> struct ===*/

static json_t *comp_to_json(const struct comp_entry (*e)[NREQUESTERS])
{
    json_t *a = json_array();
    for (int c = 0; c < NCOMPONENTS; c++)
        for (int r = 0; r < NREQUESTERS; r++)
            if (e[c][r].state != CS_UNSET)
                json_array_append_new(a, json_pack("[iiiI]", c, r, e[c][r].state, (json_int_t)e[c][r].at));
    return a;
}

static void comp_from_json(struct comp_entry (*e)[NREQUESTERS], json_t *a)
{
    size_t i;
    json_t *x;
    json_array_foreach(a, i, x) {
        int c = (int)json_integer_value(json_array_get(x, 0));
        int r = (int)json_integer_value(json_array_get(x, 1));
        if (c < 0 || c >= NCOMPONENTS || r < 0 || r >= NREQUESTERS)
            continue;
        e[c][r].state = (uint8_t)json_integer_value(json_array_get(x, 2));
        e[c][r].at = json_integer_value(json_array_get(x, 3));
    }
}

static json_t *half_to_json(const void *obj, const struct field *f, bool runtime)
{
    json_t *o = json_object();
    const char *base = obj;
    for (; f->key; f++) {
        if (f->runtime != runtime)
            continue;
        const void *p = base + f->off;
        json_t *v = NULL;
        switch (f->kind) {
        case FK_STR: v = json_string(p); break;
        case FK_I32: v = json_integer(*(const int *)p); break;
        case FK_I64:
            v = f->size == sizeof(uint32_t) ? json_integer(*(const uint32_t *)p)
                                             : json_integer(*(const int64_t *)p);
            break;
        case FK_BOOL: v = json_boolean(*(const bool *)p); break;
        case FK_U8: v = json_integer(*(const uint8_t *)p); break;
        case FK_IDS: {
            int n = *(const int *)(base + f->count_off);
            v = json_array();
            for (int i = 0; i < n; i++)
                json_array_append_new(v, json_integer(((const int64_t *)p)[i]));
            break;
        }
        case FK_HIST: {
            int n = *(const int *)(base + f->count_off);
            const struct log_point *h = p;
            v = json_array();
            for (int i = 0; i < n; i++)
                json_array_append_new(v, json_pack("[IIi]", (json_int_t)h[i].at, (json_int_t)h[i].gen,
                                                   h[i].rate));
            break;
        }
        case FK_COMP: v = comp_to_json(p); break;
        }
        json_object_set_new(o, f->key, v);
    }
    return o;
}

static void half_from_json(void *obj, const struct field *f, json_t *o)
{
    char *base = obj;
    for (; f->key; f++) {
        json_t *v = json_object_get(o, f->key);
        if (!v)
            continue; /* absent: the default the object was made with */
        void *p = base + f->off;
        switch (f->kind) {
        case FK_STR:
            snprintf(p, f->size, "%s", json_string_value(v) ? json_string_value(v) : "");
            break;
        case FK_I32: *(int *)p = (int)json_integer_value(v); break;
        case FK_I64:
            if (f->size == sizeof(uint32_t))
                *(uint32_t *)p = (uint32_t)json_integer_value(v);
            else
                *(int64_t *)p = json_integer_value(v);
            break;
        case FK_BOOL: *(bool *)p = json_is_true(v); break;
        case FK_U8: *(uint8_t *)p = (uint8_t)json_integer_value(v); break;
        case FK_IDS: {
            int max = (int)(f->size / sizeof(int64_t)), n = 0;
            size_t i;
            json_t *x;
            json_array_foreach(v, i, x) {
                if (n < max)
                    ((int64_t *)p)[n++] = json_integer_value(x);
            }
            *(int *)(base + f->count_off) = n;
            break;
        }
        case FK_HIST: {
            int max = (int)(f->size / sizeof(struct log_point)), n = 0;
            struct log_point *h = p;
            size_t i;
            json_t *x;
            json_array_foreach(v, i, x) {
                if (n < max) {
                    h[n].at = json_integer_value(json_array_get(x, 0));
                    h[n].gen = json_integer_value(json_array_get(x, 1));
                    h[n].rate = (int)json_integer_value(json_array_get(x, 2));
                    n++;
                }
            }
            *(int *)(base + f->count_off) = n;
            break;
        }
        case FK_COMP: comp_from_json(p, v); break;
        }
    }
}

/* }=== */

/* {=== SQL ===*/

static int exec(sqlite3 *db, const char *sql, char **err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        if (err) {
            size_t n = strlen(msg ? msg : "") + 64;
            *err = malloc(n);
            snprintf(*err, n, "%s", msg ? msg : "SQLite error");
        }
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value);"
    "CREATE TABLE IF NOT EXISTS directory(id INTEGER PRIMARY KEY, class INTEGER NOT NULL,"
    " name TEXT NOT NULL COLLATE NOCASE, data TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS directory_class ON directory(class);"
    "CREATE TABLE IF NOT EXISTS runtime(id INTEGER PRIMARY KEY, class INTEGER NOT NULL,"
    " server INTEGER, data TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS runtime_class ON runtime(class);"
    "CREATE TABLE IF NOT EXISTS timers(due INTEGER NOT NULL, kind INTEGER NOT NULL,"
    " a INTEGER NOT NULL, b INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
    " category TEXT NOT NULL, server TEXT, message TEXT NOT NULL);";

static int64_t meta_int(sqlite3 *db, const char *key, int64_t dflt)
{
    sqlite3_stmt *st;
    int64_t v = dflt;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key=?", -1, &st, NULL) != SQLITE_OK)
        return dflt;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void meta_text(sqlite3 *db, const char *key, char *out, size_t n)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key=?", -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static void meta_put(sqlite3 *db, const char *key, int64_t iv, const char *tv)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", -1, &st,
                           NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (tv)
        sqlite3_bind_text(st, 2, tv, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 2, iv);
    sqlite3_step(st);
    sqlite3_finalize(st);
}

sqlite3 *store_open(const char *path, char **err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        size_t n = strlen(path) + 256;
        *err = malloc(n);
        snprintf(*err, n, "cannot open the store '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 30000);
    if (exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;", err) ||
        exec(db, "BEGIN IMMEDIATE", err))
        goto fail;
    if (exec(db, schema, err)) {
        exec(db, "ROLLBACK", NULL);
        goto fail;
    }
    int64_t fmt = meta_int(db, "format", 0);
    if (fmt > STORE_FORMAT) {
        exec(db, "ROLLBACK", NULL);
        size_t n = strlen(path) + 256;
        *err = malloc(n);
        snprintf(*err, n,
                 "the store '%s' was written by a newer emsh (format %lld); this emsh reads format %d "
                 "and earlier. Use a newer emsh or another store (--store).",
                 path, (long long)fmt, STORE_FORMAT);
        goto fail;
    }
    /* Migrations from older formats go here, one step per version. */
    if (fmt < STORE_FORMAT)
        meta_put(db, "format", STORE_FORMAT, NULL);
    if (exec(db, "COMMIT", err))
        goto fail;
    return db;
fail:
    sqlite3_close(db);
    return NULL;
}

static void objv_push(struct objv *v, void *p)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 16;
        v->v = realloc(v->v, (size_t)v->cap * sizeof *v->v);
    }
    v->v[v->n++] = p;
}

void org_index(struct org *g, void *obj)
{
    struct obj *o = obj;
    if (o->id >= g->by_id_cap) {
        int64_t cap = g->by_id_cap ? g->by_id_cap : 256;
        while (cap <= o->id)
            cap *= 2;
        g->by_id = realloc(g->by_id, (size_t)cap * sizeof *g->by_id);
        memset(g->by_id + g->by_id_cap, 0, (size_t)(cap - g->by_id_cap) * sizeof *g->by_id);
        g->by_id_cap = cap;
    }
    g->by_id[o->id] = obj;
    objv_push(&g->all[o->cls], obj);
}

/* Loads the objects of one class (or of every class but mailboxes when cls < 0). */
static int load_objects(struct org *g, int cls)
{
    const char *sql = cls < 0 ? "SELECT d.id, d.class, d.name, d.data, r.data FROM directory d "
                                "LEFT JOIN runtime r ON r.id = d.id WHERE d.class <> ?1 ORDER BY d.id"
                              : "SELECT d.id, d.class, d.name, d.data, r.data FROM directory d "
                                "LEFT JOIN runtime r ON r.id = d.id WHERE d.class = ?1 ORDER BY d.id";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int(st, 1, cls < 0 ? OC_MAILBOX : cls);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int c = sqlite3_column_int(st, 1);
        if (c < 0 || c >= OC__COUNT)
            continue;
        struct obj *o = calloc(1, store_class_size[c]);
        o->id = sqlite3_column_int64(st, 0);
        o->cls = (uint8_t)c;
        snprintf(o->name, sizeof o->name, "%s", (const char *)sqlite3_column_text(st, 2));
        for (int half = 3; half <= 4; half++) {
            const char *text = (const char *)sqlite3_column_text(st, half);
            if (!text)
                continue;
            json_t *j = json_loads(text, 0, NULL);
            if (j)
                half_from_json(o, class_fields[c], j);
            json_decref(j);
        }
        org_index(g, o);
    }
    sqlite3_finalize(st);
    return 0;
}

int store_load(struct org *g)
{
    g->next_id = meta_int(g->db, "nextId", 1);
    g->now = meta_int(g->db, "clock", 0);
    g->clock_mode = (int)meta_int(g->db, "clockMode", 0);
    g->exists = meta_int(g->db, "exists", 0) != 0;
    g->rng = (uint64_t)meta_int(g->db, "rng", 0x9E3779B97F4A7C15LL);
    meta_text(g->db, "domain", g->domain, sizeof g->domain);
    meta_text(g->db, "guid", g->guid, sizeof g->guid);
    if (load_objects(g, -1))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(g->db, "SELECT due, kind, a, b FROM timers ORDER BY due, rowid", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct timer t = {sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
                          sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3)};
        if (g->ntimers == g->timers_cap) {
            g->timers_cap = g->timers_cap ? g->timers_cap * 2 : 16;
            g->timers = realloc(g->timers, (size_t)g->timers_cap * sizeof *g->timers);
        }
        g->timers[g->ntimers++] = t;
    }
    sqlite3_finalize(st);
    return 0;
}

int store_load_mailboxes(struct org *g)
{
    if (g->mailboxes_loaded)
        return 0;
    g->mailboxes_loaded = true;
    return load_objects(g, OC_MAILBOX);
}

static int save_object(sqlite3_stmt *del_d, sqlite3_stmt *del_r, sqlite3_stmt *put_d,
                       sqlite3_stmt *put_r, struct obj *o)
{
    if (o->deleted) {
        sqlite3_bind_int64(del_d, 1, o->id);
        sqlite3_bind_int64(del_r, 1, o->id);
        int rc = sqlite3_step(del_d) == SQLITE_DONE && sqlite3_step(del_r) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(del_d);
        sqlite3_reset(del_r);
        return rc;
    }
    const struct field *f = class_fields[o->cls];
    int rc = 0;
    for (int half = 0; half < 2; half++) {
        json_t *j = half_to_json(o, f, half == 1);
        char *text = json_dumps(j, JSON_COMPACT);
        json_decref(j);
        sqlite3_stmt *st = half ? put_r : put_d;
        sqlite3_bind_int64(st, 1, o->id);
        sqlite3_bind_int(st, 2, o->cls);
        if (half) {
            int64_t server = o->cls == OC_COPY ? ((struct copy *)o)->server
                             : o->cls == OC_SERVER ? o->id : 0;
            if (server)
                sqlite3_bind_int64(st, 3, server);
            else
                sqlite3_bind_null(st, 3);
        } else {
            sqlite3_bind_text(st, 3, o->name, -1, SQLITE_STATIC);
        }
        sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = -1;
        sqlite3_reset(st);
        free(text);
    }
    o->dirty = false;
    return rc;
}

int store_save(struct org *g)
{
    sqlite3_stmt *del_d, *del_r, *put_d, *put_r;
    int rc = 0;
    sqlite3_prepare_v2(g->db, "DELETE FROM directory WHERE id=?", -1, &del_d, NULL);
    sqlite3_prepare_v2(g->db, "DELETE FROM runtime WHERE id=?", -1, &del_r, NULL);
    sqlite3_prepare_v2(g->db, "INSERT OR REPLACE INTO directory(id, class, name, data) VALUES(?1, ?2, ?3, ?4)",
                       -1, &put_d, NULL);
    sqlite3_prepare_v2(g->db, "INSERT OR REPLACE INTO runtime(id, class, server, data) VALUES(?1, ?2, ?3, ?4)",
                       -1, &put_r, NULL);
    for (int64_t id = 0; id < g->by_id_cap; id++) {
        struct obj *o = g->by_id[id];
        if (o && (o->dirty || o->deleted) && save_object(del_d, del_r, put_d, put_r, o))
            rc = -1;
    }
    sqlite3_finalize(del_d);
    sqlite3_finalize(del_r);
    sqlite3_finalize(put_d);
    sqlite3_finalize(put_r);
    if (g->timers_dirty) {
        exec(g->db, "DELETE FROM timers", NULL);
        sqlite3_stmt *st;
        sqlite3_prepare_v2(g->db, "INSERT INTO timers(due, kind, a, b) VALUES(?, ?, ?, ?)", -1, &st, NULL);
        for (int i = 0; i < g->ntimers; i++) {
            sqlite3_bind_int64(st, 1, g->timers[i].due);
            sqlite3_bind_int(st, 2, g->timers[i].kind);
            sqlite3_bind_int64(st, 3, g->timers[i].a);
            sqlite3_bind_int64(st, 4, g->timers[i].b);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = -1;
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
    }
    meta_put(g->db, "clock", g->now, NULL);
    if (g->meta_dirty) {
        meta_put(g->db, "nextId", g->next_id, NULL);
        meta_put(g->db, "clockMode", g->clock_mode, NULL);
        meta_put(g->db, "exists", g->exists, NULL);
        meta_put(g->db, "rng", (int64_t)g->rng, NULL);
        meta_put(g->db, "domain", 0, g->domain);
        meta_put(g->db, "guid", 0, g->guid);
    }
    return rc;
}

int store_clear(struct org *g)
{
    return exec(g->db, "DELETE FROM directory; DELETE FROM runtime; DELETE FROM timers; DELETE FROM events;",
                NULL);
}

void store_event(struct org *g, const char *category, const char *server, const char *message)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(g->db, "INSERT INTO events(at, category, server, message) VALUES(?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, g->now);
    sqlite3_bind_text(st, 2, category, -1, SQLITE_STATIC);
    if (server)
        sqlite3_bind_text(st, 3, server, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 3);
    sqlite3_bind_text(st, 4, message, -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_finalize(st);
}

/* }=== */
