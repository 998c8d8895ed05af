/*
** store.c - the organization in SQLite.
**
** One file in WAL mode holds:
**
**   meta       key/value: the store format, the clock, the organization
**   d_<class>  the configuration objects (the AD part): d_site, d_server ...
**   r_<class>  each object's runtime half (server state, copy status ...),
**              with the server that owns it
**   timers     the pending events of the discrete-event clock
**   events     the engine's event log (Get-LabEvent)
**
** Objects are described by field tables, so the schema, loading and saving
** are one generic loop over them: a field is a column name, a kind and an
** offset, and belongs either to the directory half or to the runtime half.
** Scalars are typed columns; the few lists are compact blobs (ids, the log
** stream) or JSON (component states). A request loads every object
** (mailboxes only when asked), and writes back only what it marked dirty.
**
** Format versions: STORE_FORMAT is what this build writes. An older store
** is migrated step by step inside the opening transaction, or refused with
** a message when no migration exists; a newer one is refused. Neither is
** ever modified.
*/
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORE_FORMAT 2

/* {=== field tables ===*/

/* FK_STR: a char array in the object; FK_TEXT: a const char * from org_text(), NULL for none */
enum fkind { FK_STR, FK_TEXT, FK_I32, FK_I64, FK_BOOL, FK_U8, FK_IDS, FK_HIST, FK_COMP };

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
    DIR_F(struct database, "edbPath", FK_TEXT, edb_path),
    DIR_F(struct database, "logPath", FK_TEXT, log_path),
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
    RUN_F(struct copy, "suspendComment", FK_TEXT, suspend_comment),
    RUN_F(struct copy, "error", FK_TEXT, error),
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
    DIR_F(struct mailbox, "useDatabaseQuota", FK_BOOL, use_db_quota),
    DIR_F(struct mailbox, "warnQuota", FK_I64, warn_quota),
    DIR_F(struct mailbox, "sendQuota", FK_I64, send_quota),
    DIR_F(struct mailbox, "sendReceiveQuota", FK_I64, sendreceive_quota),
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

/* A growable SQL text. */
struct sqlbuf {
    char *s;
    size_t len, cap;
};

static void sb_printf(struct sqlbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->s = realloc(b->s, b->cap);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* {=== columns <-> struct ===*/

static const char *const class_table[OC__COUNT] = {"site", "sitelink", "server", "dag", "db", "copy", "mailbox"};

static const char *column_type(uint8_t kind)
{
    switch (kind) {
    case FK_STR: case FK_TEXT: return "TEXT";
    case FK_IDS: case FK_HIST: return "BLOB";
    case FK_COMP: return "TEXT";
    default: return "INTEGER";
    }
}

/* Component states: a JSON array of [component, requester, state, time] for the entries set. */
static char *comp_text(const struct comp_entry (*e)[NREQUESTERS])
{
    json_t *a = json_array();
    for (int c = 0; c < NCOMPONENTS; c++)
        for (int r = 0; r < NREQUESTERS; r++)
            if (e[c][r].state != CS_UNSET)
                json_array_append_new(a, json_pack("[iiiI]", c, r, e[c][r].state, (json_int_t)e[c][r].at));
    /* json_dumpb into our own buffer: whatever allocator jansson was given, we free with free() */
    size_t n = json_dumpb(a, NULL, 0, JSON_COMPACT);
    char *t = malloc(n + 1);
    json_dumpb(a, t, n, JSON_COMPACT);
    t[n] = '\0';
    json_decref(a);
    return t;
}

static void comp_read(struct comp_entry (*e)[NREQUESTERS], const char *text)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL, *x;
    size_t i;
    json_array_foreach(a, i, x) {
        int c = (int)json_integer_value(json_array_get(x, 0));
        int r = (int)json_integer_value(json_array_get(x, 1));
        if (c >= 0 && c < NCOMPONENTS && r >= 0 && r < NREQUESTERS) {
            e[c][r].state = (uint8_t)json_integer_value(json_array_get(x, 2));
            e[c][r].at = json_integer_value(json_array_get(x, 3));
        }
    }
    json_decref(a);
}

/* Binds field f of obj to parameter i (blobs and texts are copied). */
static void bind_field(sqlite3_stmt *st, int i, const void *obj, const struct field *f)
{
    const char *base = obj;
    const void *p = base + f->off;
    switch (f->kind) {
    case FK_STR: sqlite3_bind_text(st, i, p, -1, SQLITE_TRANSIENT); break;
    case FK_TEXT: sqlite3_bind_text(st, i, *(const char *const *)p ? *(const char *const *)p : "", -1, SQLITE_STATIC); break;
    case FK_I32: sqlite3_bind_int(st, i, *(const int *)p); break;
    case FK_I64:
        sqlite3_bind_int64(st, i, f->size == sizeof(uint32_t) ? *(const uint32_t *)p : *(const int64_t *)p);
        break;
    case FK_BOOL: sqlite3_bind_int(st, i, *(const bool *)p); break;
    case FK_U8: sqlite3_bind_int(st, i, *(const uint8_t *)p); break;
    case FK_IDS:
        sqlite3_bind_blob(st, i, p, *(const int *)(base + f->count_off) * (int)sizeof(int64_t), SQLITE_TRANSIENT);
        break;
    case FK_HIST:
        sqlite3_bind_blob(st, i, p, *(const int *)(base + f->count_off) * (int)sizeof(struct log_point),
                          SQLITE_TRANSIENT);
        break;
    case FK_COMP: sqlite3_bind_text(st, i, comp_text(p), -1, free); break;
    }
}

/* Column i's text into a buffer of n bytes, truncated, NUL-terminated. */
static void copy_text(char *dst, size_t n, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    size_t len = (size_t)sqlite3_column_bytes(st, i);
    if (len >= n)
        len = n - 1;
    memcpy(dst, t ? (const char *)t : "", t ? len : 0);
    dst[t ? len : 0] = '\0';
}

/* Reads column i into field f of obj (every column of a row that exists has a value). */
static void read_field(struct org *g, sqlite3_stmt *st, int i, void *obj, const struct field *f)
{
    char *base = obj;
    void *p = base + f->off;
    switch (f->kind) {
    case FK_STR: copy_text(p, f->size, st, i); break;
    case FK_TEXT: {
        const char *t = (const char *)sqlite3_column_text(st, i); /* text first, then its length */
        *(const char **)p = org_text(g, t, (size_t)sqlite3_column_bytes(st, i));
        break;
    }
    case FK_I32: *(int *)p = sqlite3_column_int(st, i); break;
    case FK_I64:
        if (f->size == sizeof(uint32_t))
            *(uint32_t *)p = (uint32_t)sqlite3_column_int64(st, i);
        else
            *(int64_t *)p = sqlite3_column_int64(st, i);
        break;
    case FK_BOOL: *(bool *)p = sqlite3_column_int(st, i) != 0; break;
    case FK_U8: *(uint8_t *)p = (uint8_t)sqlite3_column_int(st, i); break;
    case FK_IDS:
    case FK_HIST: {
        size_t unit = f->kind == FK_IDS ? sizeof(int64_t) : sizeof(struct log_point);
        const void *blob = sqlite3_column_blob(st, i); /* NULL when empty */
        size_t n = blob ? (size_t)sqlite3_column_bytes(st, i) / unit : 0;
        if (n > f->size / unit)
            n = f->size / unit;
        if (n)
            memcpy(p, blob, n * unit);
        *(int *)(base + f->count_off) = (int)n;
        break;
    }
    case FK_COMP: comp_read(p, (const char *)sqlite3_column_text(st, i)); break;
    }
}

/* The SQL of one class: its two CREATE TABLEs, its SELECT and its two INSERTs. */
static void class_sql(int cls, struct sqlbuf *create, struct sqlbuf *select, struct sqlbuf *put_d, struct sqlbuf *put_r)
{
    const char *t = class_table[cls];
    const struct field *fs = class_fields[cls];
    sb_printf(create, "CREATE TABLE IF NOT EXISTS d_%s(id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE", t);
    for (const struct field *f = fs; f->key; f++)
        if (!f->runtime)
            sb_printf(create, ", \"%s\" %s", f->key, column_type(f->kind));
    sb_printf(create, ");CREATE TABLE IF NOT EXISTS r_%s(id INTEGER PRIMARY KEY, server INTEGER", t);
    for (const struct field *f = fs; f->key; f++)
        if (f->runtime)
            sb_printf(create, ", \"%s\" %s", f->key, column_type(f->kind));
    sb_printf(create, ");");
    if (!select)
        return;
    sb_printf(select, "SELECT d.id, d.name");
    for (int half = 0; half < 2; half++) {
        if (half)
            sb_printf(select, ", r.id"); /* NULL: no runtime row yet, the defaults stand */
        for (const struct field *f = fs; f->key; f++)
            if (f->runtime == (half == 1))
                sb_printf(select, ", %s.\"%s\"", half ? "r" : "d", f->key);
    }
    sb_printf(select, " FROM d_%s d LEFT JOIN r_%s r ON r.id = d.id ORDER BY d.id", t, t);
    for (int half = 0; half < 2; half++) {
        struct sqlbuf *b = half ? put_r : put_d;
        int n = 2;
        sb_printf(b, "INSERT OR REPLACE INTO %s_%s(id, %s", half ? "r" : "d", t, half ? "server" : "name");
        for (const struct field *f = fs; f->key; f++)
            if (f->runtime == (half == 1)) {
                sb_printf(b, ", \"%s\"", f->key);
                n++;
            }
        sb_printf(b, ") VALUES(?");
        for (int i = 1; i < n; i++)
            sb_printf(b, ", ?");
        sb_printf(b, ")");
    }
}

/* }=== */

/* {=== SQL ===*/

/*
** Statements prepared once per connection: each request would otherwise
** parse the same dozen statements again. The cache belongs to the engine
** (g->stmts); store_cache_free() finalizes it.
*/
enum stmt_slot {
    ST_META_GET,
    ST_META_PUT,
    ST_TIMERS,
    ST_TIMER_PUT,
    ST_EVENT,
    ST_SELECT,                           /* + class */
    ST_PUT = ST_SELECT + OC__COUNT,      /* + 2 * class + half */
    ST_DEL = ST_PUT + 2 * OC__COUNT,     /* + 2 * class + half */
    ST__COUNT = ST_DEL + 2 * OC__COUNT,
};

struct store_cache {
    sqlite3_stmt *st[ST__COUNT];
};

struct store_cache *store_cache_new(void) { return calloc(1, sizeof(struct store_cache)); }

void store_cache_free(struct store_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < ST__COUNT; i++)
        sqlite3_finalize(c->st[i]);
    free(c);
}

static void class_sql(int cls, struct sqlbuf *create, struct sqlbuf *select, struct sqlbuf *put_d, struct sqlbuf *put_r);

/* The statement of a slot, prepared on first use and reset; NULL on error. */
static sqlite3_stmt *stmt(struct org *g, int slot)
{
    sqlite3_stmt **p = &g->stmts->st[slot];
    if (*p) {
        sqlite3_reset(*p);
        sqlite3_clear_bindings(*p);
        return *p;
    }
    static const char *const fixed[] = {
        [ST_META_GET] = "SELECT value FROM meta WHERE key=?",
        [ST_META_PUT] = "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)",
        [ST_TIMERS] = "SELECT due, kind, a, b FROM timers ORDER BY due, rowid",
        [ST_TIMER_PUT] = "INSERT INTO timers(due, kind, a, b) VALUES(?, ?, ?, ?)",
        [ST_EVENT] = "INSERT INTO events(at, category, server, message) VALUES(?, ?, ?, ?)",
    };
    struct sqlbuf create = {0}, sel = {0}, pd = {0}, pr = {0}, del = {0};
    const char *sql = NULL;
    if (slot < ST_SELECT) {
        sql = fixed[slot];
    } else if (slot < ST_PUT) {
        class_sql(slot - ST_SELECT, &create, &sel, &pd, &pr);
        sql = sel.s;
    } else if (slot < ST_DEL) {
        class_sql((slot - ST_PUT) / 2, &create, &sel, &pd, &pr);
        sql = (slot - ST_PUT) % 2 ? pr.s : pd.s;
    } else {
        sb_printf(&del, "DELETE FROM %s_%s WHERE id=?", (slot - ST_DEL) % 2 ? "r" : "d",
                  class_table[(slot - ST_DEL) / 2]);
        sql = del.s;
    }
    if (sqlite3_prepare_v3(g->db, sql, -1, SQLITE_PREPARE_PERSISTENT, p, NULL) != SQLITE_OK)
        *p = NULL;
    free(create.s);
    free(sel.s);
    free(pd.s);
    free(pr.s);
    free(del.s);
    return *p;
}

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
    "CREATE TABLE IF NOT EXISTS timers(due INTEGER NOT NULL, kind INTEGER NOT NULL,"
    " a INTEGER NOT NULL, b INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
    " category TEXT NOT NULL, server TEXT, message TEXT NOT NULL);";

/* The object tables, from the field tables. */
static int create_object_tables(sqlite3 *db, char **err)
{
    struct sqlbuf b = {0};
    for (int c = 0; c < OC__COUNT; c++)
        class_sql(c, &b, NULL, NULL, NULL);
    int rc = exec(db, b.s, err);
    free(b.s);
    return rc;
}

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

static int64_t org_meta_int(struct org *g, const char *key, int64_t dflt)
{
    sqlite3_stmt *st = stmt(g, ST_META_GET);
    int64_t v = dflt;
    if (!st)
        return dflt;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return v;
}

static void org_meta_text(struct org *g, const char *key, char *out, size_t n)
{
    sqlite3_stmt *st = stmt(g, ST_META_GET);
    out[0] = '\0';
    if (!st)
        return;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        copy_text(out, n, st, 0);
    sqlite3_reset(st);
}

static void org_meta_put(struct org *g, const char *key, int64_t iv, const char *tv)
{
    sqlite3_stmt *st = stmt(g, ST_META_PUT);
    if (!st)
        return;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (tv)
        sqlite3_bind_text(st, 2, tv, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 2, iv);
    sqlite3_step(st);
    sqlite3_reset(st);
}

sqlite3 *store_open(const char *path, char **err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        size_t n = strlen(path) + 256;
        *err = malloc(n);
        snprintf(*err, n, "cannot open the store '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 30000);
    /* the format first, before anything (even the journal mode) is written */
    int64_t fmt = meta_int(db, "format", 0);
    if (fmt == 1 || fmt > STORE_FORMAT) {
        size_t n = strlen(path) + 256;
        *err = malloc(n);
        if (fmt == 1) /* one JSON row per object: it came before any release, and nothing migrates it */
            snprintf(*err, n, "the store '%s' was written by an early development build of emsh (format 1), "
                              "which this emsh can't read. Move it away or use another store (--store).", path);
        else
            snprintf(*err, n, "the store '%s' was written by a newer emsh (format %lld); this emsh reads format %d "
                              "and earlier. Use a newer emsh or another store (--store).",
                     path, (long long)fmt, STORE_FORMAT);
        goto fail;
    }
    if (exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;", err))
        goto fail;
    /* a store of this format has its tables, and WAL mode persists in the file:
       opening it takes no write lock and parses no schema */
    if (fmt == STORE_FORMAT)
        return db;
    if (exec(db, "PRAGMA journal_mode=WAL;", err) || exec(db, "BEGIN IMMEDIATE", err))
        goto fail;
    if (exec(db, schema, err) || create_object_tables(db, err)) {
        exec(db, "ROLLBACK", NULL);
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

/* Loads the objects of one class. */
static int load_class(struct org *g, int cls)
{
    sqlite3_stmt *st = stmt(g, ST_SELECT + cls);
    if (!st)
        return -1;
    const struct field *fs = class_fields[cls];
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct obj *o = org_alloc(g, store_class_size[cls]);
        o->id = sqlite3_column_int64(st, 0);
        o->cls = (uint8_t)cls;
        copy_text(o->name, sizeof o->name, st, 1);
        int col = 2;
        for (const struct field *f = fs; f->key; f++)
            if (!f->runtime)
                read_field(g, st, col++, o, f);
        if (sqlite3_column_type(st, col++) != SQLITE_NULL)
            for (const struct field *f = fs; f->key; f++)
                if (f->runtime)
                    read_field(g, st, col++, o, f);
        org_index(g, o);
    }
    sqlite3_reset(st);
    return 0;
}

int store_load(struct org *g)
{
    g->next_id = org_meta_int(g, "nextId", 1);
    g->now = g->loaded_now = org_meta_int(g, "clock", 0);
    g->clock_mode = (int)org_meta_int(g, "clockMode", 0);
    g->exists = org_meta_int(g, "exists", 0) != 0;
    g->rng = (uint64_t)org_meta_int(g, "rng", 0x9E3779B97F4A7C15LL);
    org_meta_text(g, "domain", g->domain, sizeof g->domain);
    org_meta_text(g, "guid", g->guid, sizeof g->guid);
    for (int c = 0; c < OC__COUNT; c++)
        if (c != OC_MAILBOX && load_class(g, c))
            return -1;
    g->copies_stale = g->quorum_stale = true;
    sqlite3_stmt *st = stmt(g, ST_TIMERS);
    if (!st)
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
    sqlite3_reset(st);
    return 0;
}

int store_load_mailboxes(struct org *g)
{
    if (g->mailboxes_loaded)
        return 0;
    g->mailboxes_loaded = true;
    return load_class(g, OC_MAILBOX);
}

static int save_object(struct org *g, struct obj *o)
{
    int rc = 0;
    for (int half = 0; half < 2; half++) {
        if (!half && !o->dirty && !o->deleted)
            continue; /* only the runtime half changed */
        sqlite3_stmt *st = stmt(g, (o->deleted ? ST_DEL : ST_PUT) + 2 * o->cls + half);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, o->id);
        if (!o->deleted) {
            if (half) {
                int64_t server = o->cls == OC_COPY ? ((struct copy *)o)->server : o->cls == OC_SERVER ? o->id : 0;
                if (server)
                    sqlite3_bind_int64(st, 2, server);
                else
                    sqlite3_bind_null(st, 2);
            } else {
                sqlite3_bind_text(st, 2, o->name, -1, SQLITE_STATIC);
            }
            int i = 3;
            for (const struct field *f = class_fields[o->cls]; f->key; f++)
                if (f->runtime == (half == 1))
                    bind_field(st, i++, o, f);
        }
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = -1;
        sqlite3_reset(st);
    }
    o->dirty = o->dirty_rt = false;
    return rc;
}

int store_save(struct org *g)
{
    int rc = 0;
    for (int64_t id = 0; id < g->by_id_cap; id++) {
        struct obj *o = g->by_id[id];
        if (o && (o->dirty || o->dirty_rt || o->deleted) && save_object(g, o))
            rc = -1;
    }
    if (g->timers_dirty) {
        exec(g->db, "DELETE FROM timers", NULL);
        for (int i = 0; i < g->ntimers; i++) {
            sqlite3_stmt *st = stmt(g, ST_TIMER_PUT);
            if (!st)
                return -1;
            sqlite3_bind_int64(st, 1, g->timers[i].due);
            sqlite3_bind_int(st, 2, g->timers[i].kind);
            sqlite3_bind_int64(st, 3, g->timers[i].a);
            sqlite3_bind_int64(st, 4, g->timers[i].b);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = -1;
            sqlite3_reset(st);
        }
    }
    /* a request that changed nothing writes nothing, so reading never grows the write-ahead log */
    if (g->now != g->loaded_now)
        org_meta_put(g, "clock", g->now, NULL);
    if (g->meta_dirty) {
        org_meta_put(g, "nextId", g->next_id, NULL);
        org_meta_put(g, "clockMode", g->clock_mode, NULL);
        org_meta_put(g, "exists", g->exists, NULL);
        org_meta_put(g, "rng", (int64_t)g->rng, NULL);
        org_meta_put(g, "domain", 0, g->domain);
        org_meta_put(g, "guid", 0, g->guid);
    }
    return rc;
}

int store_clear(struct org *g)
{
    struct sqlbuf b = {0};
    for (int c = 0; c < OC__COUNT; c++)
        sb_printf(&b, "DELETE FROM d_%s; DELETE FROM r_%s;", class_table[c], class_table[c]);
    sb_printf(&b, "DELETE FROM timers; DELETE FROM events;");
    int rc = exec(g->db, b.s, NULL);
    free(b.s);
    return rc;
}

void store_event(struct org *g, const char *category, const char *server, const char *message)
{
    sqlite3_stmt *st = stmt(g, ST_EVENT);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, g->now);
    sqlite3_bind_text(st, 2, category, -1, SQLITE_STATIC);
    if (server)
        sqlite3_bind_text(st, 3, server, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 3);
    sqlite3_bind_text(st, 4, message, -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_reset(st);
}

/* }=== */
