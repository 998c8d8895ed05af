/*
** engine.c - opening a store and serving requests.
**
** engine_invoke() is the whole life of a request: BEGIN IMMEDIATE (so two
** emsh processes on one store take turns), load the organization, let the
** clock catch up, run the cmdlet's handler, write back what changed and
** COMMIT. Under -WhatIf the transaction is rolled back: the handler ran its
** checks and described its action, and nothing was kept.
*/
#include "engine_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct engine {
    sqlite3 *db;
    struct store_cache *stmts;
    char *path;
    char computer[NAME_MAX_LEN + 1];
    int clock;
    int64_t clock_start; /* virtual clock's first instant, or 0 for the wall clock */
};

static const struct handler *const handler_tables[] = {
    lab_handlers, server_handlers, dag_handlers, db_handlers, mailbox_handlers,
};

static const struct handler *find_handler(const char *name)
{
    for (size_t t = 0; t < sizeof handler_tables / sizeof handler_tables[0]; t++)
        for (const struct handler *h = handler_tables[t]; h->cmdlet; h++)
            if (!strcasecmp(h->cmdlet, name))
                return h;
    return NULL;
}

static void mkdirs(const char *path)
{
    char *p = strdup(path);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    free(p);
}

char *engine_default_store(void)
{
    const char *env = getenv("EMSH_STORE");
    if (env && *env)
        return strdup(env);
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char buf[4096];
    if (xdg && *xdg)
        snprintf(buf, sizeof buf, "%s/emsh/org.db", xdg);
    else
        snprintf(buf, sizeof buf, "%s/.local/share/emsh/org.db", home && *home ? home : ".");
    return strdup(buf);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "2026-01-05T08:00:00" (UTC) as engine ms; 0 if it does not parse. */
static int64_t parse_instant(const char *s)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!s || sscanf(s, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &sec) < 3 || mo < 1 || mo > 12)
        return 0;
    return ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * MS_MINUTE + sec * MS_SECOND;
}

struct engine *engine_open(const struct engine_options *opt, char **err)
{
    char *path = opt->store ? strdup(opt->store) : engine_default_store();
    mkdirs(path);
    sqlite3 *db = store_open(path, err);
    if (!db) {
        free(path);
        return NULL;
    }
    struct engine *e = calloc(1, sizeof *e);
    e->db = db;
    e->stmts = store_cache_new();
    e->path = path;
    e->clock = opt->clock;
    e->clock_start = parse_instant(getenv("EMSH_CLOCK_START"));
    if (opt->computer_name)
        snprintf(e->computer, sizeof e->computer, "%s", opt->computer_name);
    return e;
}

void engine_close(struct engine *e)
{
    if (!e)
        return;
    store_cache_free(e->stmts);
    sqlite3_close(e->db);
    free(e->path);
    free(e);
}

/* {=== parameters ===*/

json_t *p_get(struct call *k, const char *name)
{
    json_t *v = json_object_get(k->params, name);
    return v && !json_is_null(v) ? v : NULL;
}

bool p_has(struct call *k, const char *name) { return json_object_get(k->params, name) != NULL; }

const char *p_str(struct call *k, const char *name)
{
    json_t *v = p_get(k, name);
    if (json_is_array(v) && json_array_size(v) == 1)
        v = json_array_get(v, 0);
    return json_string_value(v);
}

bool p_switch(struct call *k, const char *name) { return json_is_true(p_get(k, name)); }

bool p_bool(struct call *k, const char *name, bool dflt)
{
    json_t *v = p_get(k, name);
    return v ? json_is_true(v) : dflt;
}

int64_t p_int(struct call *k, const char *name, int64_t dflt)
{
    json_t *v = p_get(k, name);
    if (json_is_integer(v))
        return json_integer_value(v);
    if (json_is_real(v))
        return (int64_t)json_real_value(v);
    if (json_is_string(v))
        return strtoll(json_string_value(v), NULL, 10);
    return dflt;
}

int64_t p_timespan(struct call *k, const char *name, int64_t dflt)
{
    json_t *v = p_get(k, name);
    if (!v)
        return dflt;
    if (json_is_object(v))
        return json_integer_value(json_object_get(v, "v")) / 10000;
    return p_int(k, name, dflt);
}

int64_t p_size(struct call *k, const char *name, int64_t dflt)
{
    json_t *v = p_get(k, name);
    if (!v)
        return dflt;
    if (json_is_integer(v))
        return json_integer_value(v) >= 0 ? json_integer_value(v) : -2;
    if (json_is_real(v)) /* 1.5GB is a double in PowerShell */
        return json_real_value(v) >= 0 ? (int64_t)json_real_value(v) : -2;
    if (json_is_object(v))
        return json_integer_value(json_object_get(v, "v"));
    return parse_size(json_string_value(v));
}

int p_enum(struct call *k, const char *name, const char *const *names, int dflt)
{
    const char *s = p_str(k, name);
    if (!s)
        return dflt;
    for (int i = 0; names[i]; i++)
        if (!strcasecmp(names[i], s))
            return i;
    return dflt;
}

/* }=== */

/* {=== output ===*/

void k_out(struct call *k, struct rec *record)
{
    int schema = rec_schema(k->schemas, &k->schema_cache, &k->nschemas, record);
    json_array_append_new(k->output, rec_values(record, schema));
    rec_free(record);
}

static json_t *vfmt(const char *fmt, va_list ap)
{
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    return json_string(buf);
}

void k_warn(struct call *k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    json_array_append_new(k->warnings, vfmt(fmt, ap));
    va_end(ap);
}

void k_verbose(struct call *k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    json_array_append_new(k->verbose, vfmt(fmt, ap));
    va_end(ap);
}

/* A stable 8-digit code per exception class, in the place where Exchange puts its own. */
static unsigned error_code(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

void k_error(struct call *k, const char *exception, const char *category, const char *target,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    json_t *msg = vfmt(fmt, ap);
    va_end(ap);
    struct server *local = local_server(k->g);
    char id[256];
    snprintf(id, sizeof id, "[Server=%s] [FailureCategory=Cmdlet-%s] %08X", local ? local->o.name : "localhost",
             exception, error_code(exception));
    json_array_append_new(k->errors, json_pack("{s:s, s:s, s:s, s:o, s:o}", "id", id, "category", category,
                                               "exception", exception, "target", w_str(target), "message", msg));
    k->failed = true;
}

void k_not_found(struct call *k, const char *what, const char *identity)
{
    (void)what;
    k_error(k, "ManagementObjectNotFoundException", "NotSpecified", identity,
            "The operation couldn't be performed because object '%s' couldn't be found on 'DC1.%s'.",
            identity, k->g->domain);
}

bool k_should(struct call *k, const char *fmt, ...)
{
    if (!k->whatif_mode)
        return true;
    va_list ap;
    va_start(ap, fmt);
    json_array_append_new(k->whatif, vfmt(fmt, ap));
    va_end(ap);
    return false;
}

void k_event(struct org *g, const char *category, const char *server, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    store_event(g, category, server, buf);
}

/* }=== */

static json_t *new_response(void)
{
    return json_pack("{s:[], s:[], s:[], s:[], s:[], s:[]}", "schemas", "output", "errors", "warnings", "verbose",
                     "whatif");
}

static void simple_error(json_t *resp, const char *exception, const char *category, const char *msg)
{
    json_array_append_new(json_object_get(resp, "errors"),
                          json_pack("{s:s, s:s, s:s, s:n, s:s}", "id", exception, "category", category,
                                    "exception", exception, "target", "message", msg));
}

json_t *engine_invoke(struct engine *e, json_t *request)
{
    json_t *resp = new_response();
    const char *cmdlet = json_string_value(json_object_get(request, "cmdlet"));
    const struct handler *h = cmdlet ? find_handler(cmdlet) : NULL;
    if (!h) {
        simple_error(resp, "CommandNotFoundException", "ObjectNotFound",
                     "The organization has no cmdlet of that name.");
        return resp;
    }
    if (sqlite3_exec(e->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "The store '%s' is busy or unreadable: %s", e->path, sqlite3_errmsg(e->db));
        simple_error(resp, "StoreUnavailableException", "ResourceUnavailable", msg);
        return resp;
    }
    struct org g = {.db = e->db, .stmts = e->stmts};
    snprintf(g.local_server, sizeof g.local_server, "%s", e->computer);
    if (store_load(&g)) {
        sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
        org_free(&g);
        simple_error(resp, "StoreUnavailableException", "ReadError", "The store could not be read.");
        return resp;
    }
    int mode = e->clock != ENGINE_CLOCK_STORE ? e->clock : g.clock_mode ? g.clock_mode : ENGINE_CLOCK_REAL;
    g.effective_clock = mode;
    if (!g.now)
        g.now = mode == ENGINE_CLOCK_VIRTUAL && e->clock_start ? e->clock_start : wall_ms();
    if (mode == ENGINE_CLOCK_REAL && g.exists) {
        int64_t w = wall_ms();
        if (w > g.now)
            clock_run_to(&g, w);
    }
    struct call k = {
        .g = &g,
        .cmdlet = h->cmdlet,
        .params = json_object_get(request, "parameters"),
        .output = json_object_get(resp, "output"),
        .errors = json_object_get(resp, "errors"),
        .warnings = json_object_get(resp, "warnings"),
        .verbose = json_object_get(resp, "verbose"),
        .whatif = json_object_get(resp, "whatif"),
        .schemas = json_object_get(resp, "schemas"),
        .whatif_mode = json_string_value(json_object_get(request, "mode")) &&
                       !strcmp(json_string_value(json_object_get(request, "mode")), "whatif"),
    };
    if (!g.exists && !(h->flags & H_NO_ORG)) {
        k_error(&k, "OrganizationNotFoundException", "InvalidOperation", NULL,
                "The store '%s' holds no organization. Build a lab first: "
                "New-LabOrganization -Template PreferredArchitecture",
                e->path);
    } else {
        if (h->flags & H_MAILBOXES)
            store_load_mailboxes(&g);
        /* what was stored is evaluated already, and the clock's timers evaluate as they fire:
           only a handler that changed something needs Active Manager to look again */
        unsigned before = g.changes;
        h->fn(&k);
        if (g.exists && g.changes != before)
            am_evaluate(&g);
    }
    rec_schemas_free(k.schema_cache, k.nschemas);
    if (k.whatif_mode || store_save(&g))
        sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
    else
        sqlite3_exec(e->db, "COMMIT", NULL, NULL, NULL);
    org_free(&g);
    return resp;
}

int engine_verify(struct engine *e, char *why, size_t n)
{
    if (n)
        why[0] = '\0';
    if (sqlite3_exec(e->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return 1;
    struct org g = {.db = e->db, .stmts = e->stmts};
    int bad = 0;
    if (store_load(&g) == 0)
        bad = am_verify(&g, why, n);
    sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
    org_free(&g);
    return bad;
}
