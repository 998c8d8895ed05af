/*
** model.c - objects of the organization: creation, lookup, identities.
**
** Identity parameters accept what EMS accepts: the name (ignoring case),
** the GUID, the distinguished name, and for servers the FQDN; Get- cmdlets
** also take wildcards. A database copy is "DB\Server".
*/
#include "engine_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct chunk {
    struct chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

#define CHUNK_SIZE (256 * 1024)

void *org_alloc(struct org *g, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    struct chunk *c = g->chunks;
    if (!c || c->size - c->used < n) {
        size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        /* calloc: a chunk this large is fresh pages, zero already, so nothing is cleared twice */
        c = calloc(1, sizeof *c + size);
        if (!c)
            abort();
        c->next = g->chunks;
        c->size = size;
        g->chunks = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

const char *org_text(struct org *g, const char *s, size_t max)
{
    size_t n = s ? strnlen(s, max) : 0;
    if (!n)
        return NULL;
    char *t = org_alloc(g, n + 1);
    memcpy(t, s, n);
    return t;
}

void *org_new(struct org *g, enum obj_class cls, const char *name)
{
    struct obj *o = org_alloc(g, store_class_size[cls]);
    o->id = g->next_id++;
    o->cls = (uint8_t)cls;
    snprintf(o->name, sizeof o->name, "%s", name);
    org_new_guid(g, o->guid);
    o->created = o->changed = g->now;
    o->dirty = true;
    g->meta_dirty = true;
    org_index(g, o);
    if (cls == OC_COPY)
        g->copies_stale = true;
    g->quorum_stale = true;
    g->changes++;
    return o;
}

void org_delete(struct org *g, void *obj)
{
    struct obj *o = obj;
    o->deleted = true;
    if (o->cls == OC_COPY)
        g->copies_stale = true;
    g->quorum_stale = true;
    g->changes++;
    struct objv *v = &g->all[o->cls];
    for (int i = 0; i < v->n; i++)
        if (v->v[i] == obj) {
            memmove(v->v + i, v->v + i + 1, (size_t)(v->n - i - 1) * sizeof *v->v);
            v->n--;
            break;
        }
}

void *org_get(struct org *g, int64_t id)
{
    if (id <= 0 || id >= g->by_id_cap)
        return NULL;
    struct obj *o = g->by_id[id];
    return o && !o->deleted ? o : NULL;
}

void *org_find(struct org *g, enum obj_class cls, const char *name)
{
    struct objv *v = &g->all[cls];
    for (int i = 0; i < v->n; i++)
        if (!strcasecmp(((struct obj *)v->v[i])->name, name))
            return v->v[i];
    return NULL;
}

/* xorshift64*: GUIDs are reproducible from the store's seed, which tests rely on. */
static uint64_t rnd(struct org *g)
{
    uint64_t x = g->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    g->rng = x;
    g->meta_dirty = true;
    return x * 0x2545F4914F6CDD1DULL;
}

void org_new_guid(struct org *g, char out[37])
{
    uint64_t a = rnd(g), b = rnd(g);
    snprintf(out, 37, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
             (unsigned)a & 0xfff, (unsigned)((b >> 48) & 0x3fff) | 0x8000,
             (unsigned long long)(b & 0xffffffffffffULL));
}

void org_free(struct org *g)
{
    while (g->chunks) {
        struct chunk *next = g->chunks->next;
        free(g->chunks);
        g->chunks = next;
    }
    free(g->by_id);
    for (int c = 0; c < OC__COUNT; c++)
        free(g->all[c].v);
    free(g->timers);
    memset(g, 0, sizeof *g);
}

/* A copy's name, "DB\\Server". */
static void copy_set_name(struct copy *c, const char *db, const char *server)
{
    snprintf(c->o.name, sizeof c->o.name, "%.*s\\%.*s", NAME_MAX_LEN, db, NAME_MAX_LEN, server);
}

struct copy *copy_new(struct org *g, struct database *d, struct server *on, int preference)
{
    struct copy *c = org_new(g, OC_COPY, "");
    copy_set_name(c, d->o.name, on->o.name);
    c->db = d->o.id;
    c->server = on->o.id;
    c->preference = preference;
    c->lag_max_delay = MS_DAY;
    c->volume = 1;
    if (preference > 1) {
        /* a passive copy makes the database replicated: SecondCopy from the second copy on */
        d->dag = on->dag;
        if (d->constraint == 0)
            d->constraint = 1;
        touch(g, d);
    }
    return c;
}

struct database *db_new(struct org *g, const char *name, struct server *on, const char *edb, const char *log)
{
    struct database *d = org_new(g, OC_DB, name);
    d->server = d->home = on->o.id;
    d->edb_path = org_text(g, edb, PATH_MAX_LEN);
    d->log_path = org_text(g, log, PATH_MAX_LEN);
    d->mount_at_startup = true;
    d->logs_per_minute = DEFAULT_LOGS_PER_MINUTE;
    db_stream(g, d, 1, 0);
    copy_new(g, d, on, 1);
    return d;
}

struct mailbox *mailbox_new(struct org *g, const char *name, const char *alias, struct database *d)
{
    struct mailbox *m = org_new(g, OC_MAILBOX, name);
    m->db = d->o.id;
    snprintf(m->alias, sizeof m->alias, "%s", alias);
    snprintf(m->display_name, sizeof m->display_name, "%s", name);
    snprintf(m->smtp, sizeof m->smtp, "%s@%s", alias, g->domain);
    m->use_db_quota = true;
    m->warn_quota = m->send_quota = m->sendreceive_quota = -1;
    return m;
}

struct server *db_active_server(struct org *g, struct database *d) { return org_get(g, d->server); }

struct copy *db_copy_on(struct org *g, struct database *d, int64_t server)
{
    struct copy *cs[MAX_COPIES];
    int n = db_copies(g, d, cs);
    for (int i = 0; i < n; i++)
        if (cs[i]->server == server)
            return cs[i];
    return NULL;
}

/* The per-database copy lists, from one pass over the copies. */
static void index_copies(struct org *g)
{
    for (int i = 0; i < ORG_N(g, OC_DB); i++)
        ORG_DBS(g)[i]->ncix = 0;
    for (int i = 0; i < ORG_N(g, OC_COPY); i++) {
        struct copy *c = ORG_COPIES(g)[i];
        struct database *d = org_get(g, c->db);
        if (d && d->ncix < MAX_COPIES)
            d->cix[d->ncix++] = c;
    }
    g->copies_stale = false;
}

int db_copies(struct org *g, struct database *d, struct copy **out)
{
    if (g->copies_stale)
        index_copies(g);
    int n = d->ncix;
    memcpy(out, d->cix, (size_t)n * sizeof *out);
    /* insertion sort by ActivationPreference: n is at most 16 */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && out[j]->preference < out[j - 1]->preference; j--) {
            struct copy *t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

int dag_members(struct org *g, struct dag *dag, struct server **out)
{
    int n = 0;
    for (int i = 0; i < ORG_N(g, OC_SERVER); i++) {
        struct server *s = ORG_SERVERS(g)[i];
        if (s->dag == dag->o.id && n < MAX_DAG_MEMBERS)
            out[n++] = s;
    }
    return n;
}

const char *server_fqdn(struct org *g, const struct server *s, char *buf, size_t n)
{
    snprintf(buf, n, "%s.%s", s->o.name, g->domain);
    return buf;
}

struct site *server_site(struct org *g, const struct server *s) { return org_get(g, s->site); }

bool sites_connected(struct org *g, int64_t a, int64_t b)
{
    if (a == b)
        return true;
    struct site *x = org_get(g, a), *y = org_get(g, b);
    return x && y && !x->disconnected && !y->disconnected;
}

struct server *local_server(struct org *g)
{
    if (g->local_server[0]) {
        struct server *s = org_find(g, OC_SERVER, g->local_server);
        if (s)
            return s;
    }
    struct server *best = NULL;
    for (int i = 0; i < ORG_N(g, OC_SERVER); i++) {
        struct server *s = ORG_SERVERS(g)[i];
        if (s->role == ROLE_MAILBOX && (!best || strcasecmp(s->o.name, best->o.name) < 0))
            best = s;
    }
    return best;
}

/* {=== identities ===*/

bool has_wildcard(const char *s) { return strpbrk(s, "*?") != NULL; }

bool wild_match(const char *p, const char *s)
{
    const char *star = NULL, *back = NULL;
    while (*s) {
        if (*p == '*') {
            star = ++p;
            back = s;
        } else if (*p == '?' || tolower((unsigned char)*p) == tolower((unsigned char)*s)) {
            p++;
            s++;
        } else if (star) {
            p = star;
            s = ++back;
        } else {
            return false;
        }
    }
    while (*p == '*')
        p++;
    return !*p;
}

static bool matches(struct org *g, const struct obj *o, const char *ident, bool wild)
{
    if (wild)
        return wild_match(ident, o->name);
    if (!strcasecmp(ident, o->name) || !strcasecmp(ident, o->guid))
        return true;
    if (o->cls == OC_SERVER) {
        char fq[300];
        if (!strcasecmp(ident, server_fqdn(g, (const struct server *)o, fq, sizeof fq)))
            return true;
    }
    if (o->cls == OC_MAILBOX) {
        const struct mailbox *m = (const struct mailbox *)o;
        if (!strcasecmp(ident, m->alias) || !strcasecmp(ident, m->smtp))
            return true;
    }
    if (!strncasecmp(ident, "CN=", 3)) {
        char dn[1024];
        return !strcasecmp(ident, obj_dn(g, o, dn, sizeof dn));
    }
    return false;
}

int find_objects(struct org *g, enum obj_class cls, const char *ident, bool allow_wild, void **out, int n)
{
    bool wild = allow_wild && has_wildcard(ident);
    int k = 0;
    struct objv *v = &g->all[cls];
    for (int i = 0; i < v->n && k < n; i++)
        if (matches(g, v->v[i], ident, wild))
            out[k++] = v->v[i];
    return k;
}

void *resolve_one(struct call *k, enum obj_class cls, const char *ident, const char *what)
{
    void *out[2];
    int n = find_objects(k->g, cls, ident, false, out, 2);
    if (n == 1)
        return out[0];
    if (n == 0)
        k_not_found(k, what, ident);
    else
        k_error(k, "ManagementObjectAmbiguousException", "NotSpecified", ident,
                "The operation couldn't be performed because '%s' matches multiple entries.", ident);
    return NULL;
}

struct copy *resolve_copy(struct call *k, const char *ident)
{
    const char *bs = strchr(ident, '\\');
    if (!bs) {
        k_error(k, "ArgumentException", "InvalidArgument", ident,
                "The database copy identity '%s' isn't valid. Use the form <Database>\\<Server>.", ident);
        return NULL;
    }
    char dbname[NAME_MAX_LEN * 4 + 1];
    snprintf(dbname, sizeof dbname, "%.*s", (int)(bs - ident), ident);
    void *d[2], *s[2];
    if (find_objects(k->g, OC_DB, dbname, false, d, 2) == 1 &&
        find_objects(k->g, OC_SERVER, bs + 1, false, s, 2) == 1) {
        struct copy *c = db_copy_on(k->g, d[0], ((struct server *)s[0])->o.id);
        if (c)
            return c;
    }
    k_not_found(k, "copy", ident);
    return NULL;
}

/* }=== */
