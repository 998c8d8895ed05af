/*
** wire.c - records, typed values and errors as the engine sends them.
**
** Plain JSON carries strings, numbers, booleans, null and arrays (Exchange's
** multi-valued properties). The .NET types that PowerShell treats apart
** travel as small tagged objects, which the shell turns back into the same
** typed values whichever backend sent them:
**
**     {"$t": "TimeSpan", "v": ticks}            System.TimeSpan
**     {"$t": "DateTime", "v": ticks}            System.DateTime (UTC)
**     {"$t": "ByteQuantifiedSize", "v": bytes}
**     {"$t": "Guid", "v": "8-4-4-4-12"}
**     {"$t": "Enum", "type": "Full.Name", "v": "Member"}
**     {"$t": "ADObjectId", "name", "dn", "guid", "display"}
**
** A record nested in a value is {"type": T, "properties": {name: value}}.
** The records a cmdlet outputs share their shape, so they travel leaner: the
** response lists each shape once,
**
**     "schemas": [{"type": T, "properties": [names], "kinds": [kinds]}]
**
** and each output record is an array [index, values...], where a
** property whose kind is "DateTime", "TimeSpan", "ByteQuantifiedSize"
** (bytes, or the text "Unlimited"), "Guid" or "Enum:Full.Name" carries the
** bare value of its tagged form, and one of kind "" any value as above.
** For 1,600 copy status records this halves what is built, sent and freed.
*/
#include "engine_int.h"

#include <assert.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TICKS_AT_EPOCH 621355968000000000LL

int64_t ms_to_ticks(int64_t ms) { return ms * 10000 + TICKS_AT_EPOCH; }
int64_t ticks_to_ms(int64_t ticks) { return (ticks - TICKS_AT_EPOCH) / 10000; }

void fmt_timespan(int64_t ms, char *buf, size_t n)
{
    const char *sign = ms < 0 ? "-" : "";
    if (ms < 0)
        ms = -ms;
    int64_t d = ms / MS_DAY, h = ms / MS_HOUR % 24, m = ms / MS_MINUTE % 60, s = ms / 1000 % 60,
            f = ms % 1000;
    char frac[16] = "";
    if (f)
        snprintf(frac, sizeof frac, ".%03lld0000", (long long)f);
    if (d)
        snprintf(buf, n, "%s%lld.%02lld:%02lld:%02lld%s", sign, (long long)d, (long long)h, (long long)m,
                 (long long)s, frac);
    else
        snprintf(buf, n, "%s%02lld:%02lld:%02lld%s", sign, (long long)h, (long long)m, (long long)s, frac);
}

/* A tagged value {"$t": tag, "v": v}: built by hand, json_pack's format parsing costs more than the value. */
static json_t *tagged(const char *tag, json_t *v)
{
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "$t", json_string_nocheck(tag));
    json_object_set_new_nocheck(o, "v", v);
    return o;
}

/* {=== records ===*/

enum prop_kind { K_PLAIN, K_DATETIME, K_TIMESPAN, K_SIZE, K_GUID, K_ENUM };
static const char *const kind_names[] = {"", "DateTime", "TimeSpan", "ByteQuantifiedSize", "Guid", "Enum"};

/*
** A record's values go straight into the array it is sent as, after a slot
** for its schema's index; its shape (names, kinds, enum types) sits beside
** them in one block. Types, names and enum types are the handlers' string
** constants, never copied.
*/
struct rec {
    const char *type;
    int n, cap;
    json_t *values;      /* [schema, values...] */
    const char **names;  /* the block: cap names, cap enum types, cap kinds */
    const char **etypes; /* K_ENUM: the enum's type */
    uint8_t *kinds;      /* enum prop_kind */
};

#define REC_CAP 48 /* most records have fewer properties */

static void rec_grow(struct rec *r)
{
    int cap = r->cap ? r->cap * 2 : REC_CAP;
    size_t ptrs = (size_t)cap * sizeof(void *);
    char *m = malloc(2 * ptrs + (size_t)cap);
    if (!m)
        abort();
    const char **names = (const char **)m, **etypes = (const char **)(m + ptrs);
    uint8_t *kinds = (uint8_t *)(m + 2 * ptrs);
    if (r->n) {
        memcpy(names, r->names, (size_t)r->n * sizeof *names);
        memcpy(etypes, r->etypes, (size_t)r->n * sizeof *etypes);
        memcpy(kinds, r->kinds, (size_t)r->n);
    }
    free(r->names);
    r->names = names;
    r->etypes = etypes;
    r->kinds = kinds;
    r->cap = cap;
}

struct rec *rec_new(const char *type)
{
    struct rec *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    r->type = type;
    r->values = json_array();
    json_array_append_new(r->values, json_integer(0));
    rec_grow(r);
    return r;
}

void rec_free(struct rec *r)
{
    if (!r)
        return;
    json_decref(r->values);
    free(r->names); /* the block */
    free(r);
}

/* Appends a value of a kind. */
static void rec_push(struct rec *r, const char *name, int kind, const char *etype, json_t *v)
{
    if (r->n == r->cap)
        rec_grow(r);
    int i = r->n++;
    r->names[i] = name;
    r->kinds[i] = (uint8_t)kind;
    r->etypes[i] = etype;
    json_array_append_new(r->values, v);
}

void rec_set(struct rec *r, const char *name, json_t *value)
{
    /* a tagged value of a bare-valued kind travels bare; an enum keeps its tagged form
       (its type is in the value, not a constant): rec_set_enum() sends it bare */
    const char *t = json_is_object(value) ? json_string_value(json_object_get(value, "$t")) : NULL;
    int kind = !t ? K_PLAIN : !strcmp(t, "DateTime") ? K_DATETIME : !strcmp(t, "TimeSpan") ? K_TIMESPAN
               : !strcmp(t, "ByteQuantifiedSize") ? K_SIZE : !strcmp(t, "Guid") ? K_GUID : K_PLAIN;
    if (kind != K_PLAIN) {
        json_t *bare = json_incref(json_object_get(value, "v"));
        json_decref(value);
        value = bare;
    }
    rec_push(r, name, kind, NULL, value ? value : json_null());
}

void rec_set_datetime(struct rec *r, const char *name, int64_t ms)
{
    rec_push(r, name, K_DATETIME, NULL, ms ? json_integer(ms_to_ticks(ms)) : json_null());
}

void rec_set_enum(struct rec *r, const char *name, const char *type, const char *member)
{
    rec_push(r, name, K_ENUM, type, json_string_nocheck(member));
}

/* The self-describing form, for a record nested in a value. Consumes r. */
json_t *rec_json(struct rec *r)
{
    json_t *props = json_object();
    for (int i = 0; i < r->n; i++) {
        json_t *v = json_incref(json_array_get(r->values, (size_t)i + 1));
        if (r->kinds[i] != K_PLAIN && !json_is_null(v)) {
            json_t *t = tagged(kind_names[r->kinds[i]], v);
            if (r->kinds[i] == K_ENUM)
                json_object_set_new_nocheck(t, "type", json_string(r->etypes[i]));
            v = t;
        }
        json_object_set_new_nocheck(props, r->names[i], v);
    }
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "type", json_string(r->type));
    json_object_set_new_nocheck(o, "properties", props);
    rec_free(r);
    return o;
}

/*
** The schemas of one response: shapes seen so far, so that each record only
** sends its values. A record matches a schema when type, names and kinds
** are the same (names compare as pointers first: they are constants).
*/
struct schema {
    struct rec *shape; /* a record of the shape, no values */
};

int rec_schema(json_t *schemas, struct schema **cache, int *ncache, struct rec *r)
{
    for (int i = 0; i < *ncache; i++) {
        struct rec *s = (*cache)[i].shape;
        if (s->n != r->n || (s->type != r->type && strcmp(s->type, r->type)))
            continue;
        bool same = true;
        for (int j = 0; j < r->n && same; j++)
            same = s->kinds[j] == r->kinds[j] && (s->names[j] == r->names[j] || !strcmp(s->names[j], r->names[j])) &&
                   (r->kinds[j] != K_ENUM || s->etypes[j] == r->etypes[j] || !strcmp(s->etypes[j], r->etypes[j]));
        if (same)
            return i;
    }
    /* a new shape: its names must be distinct (a handler that sets one twice is wrong) */
    for (int j = 0; j < r->n; j++)
        for (int i = 0; i < j; i++)
            assert(strcmp(r->names[i], r->names[j]) != 0);
    json_t *names = json_array(), *kinds = json_array();
    struct rec *shape = rec_new(r->type);
    for (int j = 0; j < r->n; j++) {
        json_array_append_new(names, json_string(r->names[j]));
        if (r->kinds[j] == K_ENUM) {
            char k[300];
            snprintf(k, sizeof k, "Enum:%s", r->etypes[j]);
            json_array_append_new(kinds, json_string(k));
        } else {
            json_array_append_new(kinds, json_string(kind_names[r->kinds[j]]));
        }
        rec_push(shape, r->names[j], r->kinds[j], r->etypes[j], json_null());
    }
    json_t *sj = json_object();
    json_object_set_new_nocheck(sj, "type", json_string(r->type));
    json_object_set_new_nocheck(sj, "properties", names);
    json_object_set_new_nocheck(sj, "kinds", kinds);
    json_array_append_new(schemas, sj);
    *cache = realloc(*cache, (size_t)(*ncache + 1) * sizeof **cache);
    (*cache)[*ncache].shape = shape;
    return (*ncache)++;
}

void rec_schemas_free(struct schema *cache, int n)
{
    for (int i = 0; i < n; i++)
        rec_free(cache[i].shape);
    free(cache);
}

/* [schema, values...] as a JSON array; r is left empty. */
json_t *rec_values(struct rec *r, int schema)
{
    json_t *a = r->values;
    json_array_set_new(a, 0, json_integer(schema));
    r->values = NULL;
    return a;
}

/* }=== */

/* Text the engine holds is UTF-8 already (names arrive in JSON requests): no second check. */
json_t *w_str(const char *s) { return s ? json_string_nocheck(s) : json_null(); }
json_t *w_cat(const char *a, const char *b, const char *c)
{
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char buf[512];
    if (na + nb + nc > sizeof buf)
        return json_null(); /* names are at most 64 characters */
    memcpy(buf, a, na);
    memcpy(buf + na, b, nb);
    memcpy(buf + na + nb, c, nc);
    return json_stringn_nocheck(buf, na + nb + nc);
}

json_t *w_int(int64_t v) { return json_integer(v); }
json_t *w_bool(bool b) { return json_boolean(b); }
json_t *w_timespan(int64_t ms) { return tagged("TimeSpan", json_integer(ms * 10000)); }
json_t *w_datetime(int64_t ms) { return ms ? tagged("DateTime", json_integer(ms_to_ticks(ms))) : json_null(); }
json_t *w_size(int64_t bytes) { return tagged("ByteQuantifiedSize", json_integer(bytes)); }
json_t *w_guid(const char *guid) { return tagged("Guid", json_string(guid)); }

json_t *w_enum(const char *type, const char *name)
{
    json_t *o = tagged("Enum", json_string(name));
    json_object_set_new_nocheck(o, "type", json_string(type));
    return o;
}

json_t *w_id(const char *name, const char *dn, const char *guid, const char *display)
{
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "$t", json_string_nocheck("ADObjectId"));
    json_object_set_new_nocheck(o, "name", json_string(name));
    json_object_set_new_nocheck(o, "dn", json_string(dn ? dn : ""));
    if (guid && *guid)
        json_object_set_new_nocheck(o, "guid", json_string(guid));
    if (display)
        json_object_set_new_nocheck(o, "display", json_string(display));
    return o;
}

/* The configuration-partition DN of the organization's objects. */
static void config_dn(struct org *g, char *buf, size_t n)
{
    char dc[160] = "";
    size_t k = 0;
    const char *p = g->domain;
    while (*p && k + 8 < sizeof dc) {
        k += (size_t)snprintf(dc + k, sizeof dc - k, "%sDC=", k ? "," : "");
        while (*p && *p != '.' && k + 2 < sizeof dc)
            dc[k++] = *p++;
        dc[k] = '\0';
        if (*p == '.')
            p++;
    }
    snprintf(buf, n, "CN=Configuration,%s", dc);
}

const char *obj_dn(struct org *g, const void *obj, char *buf, size_t n)
{
    const struct obj *o = obj;
    char cfg[200], org[300];
    config_dn(g, cfg, sizeof cfg);
    snprintf(org, sizeof org,
             "CN=First Organization,CN=Microsoft Exchange,CN=Services,%s", cfg);
    switch (o->cls) {
    case OC_SITE:
        snprintf(buf, n, "CN=%s,CN=Sites,%s", o->name, cfg);
        break;
    case OC_LINK:
        snprintf(buf, n, "CN=%s,CN=IP,CN=Inter-Site Transports,CN=Sites,%s", o->name, cfg);
        break;
    case OC_SERVER:
        snprintf(buf, n, "CN=%s,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
                         "CN=Administrative Groups,%s", o->name, org);
        break;
    case OC_DAG:
        snprintf(buf, n, "CN=%s,CN=Database Availability Groups,CN=Exchange Administrative Group "
                         "(FYDIBOHF23SPDLT),CN=Administrative Groups,%s", o->name, org);
        break;
    case OC_DB:
        snprintf(buf, n, "CN=%s,CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
                         "CN=Administrative Groups,%s", o->name, org);
        break;
    case OC_COPY: {
        const struct copy *c = obj;
        const struct obj *s = org_get(g, c->server);
        const struct obj *d = org_get(g, c->db);
        snprintf(buf, n, "CN=%s,CN=%s,CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
                         "CN=Administrative Groups,%.250s", s ? s->name : "", d ? d->name : "", org);
        break;
    }
    case OC_MAILBOX: {
        char dc[160];
        config_dn(g, dc, sizeof dc);
        snprintf(buf, n, "CN=%s,CN=Users,%s", o->name, dc + strlen("CN=Configuration,"));
        break;
    }
    default:
        snprintf(buf, n, "CN=%s", o->name);
    }
    return buf;
}

json_t *w_obj_id(struct org *g, const void *obj)
{
    if (!obj)
        return json_null();
    const struct obj *o = obj;
    char dn[1024], display[300];
    obj_dn(g, obj, dn, sizeof dn);
    const char *shown = NULL;
    if (o->cls == OC_SITE) {
        /* sites print as their canonical name, as Get-ExchangeServer shows them */
        snprintf(display, sizeof display, "%s/Configuration/Sites/%s", g->domain, o->name);
        shown = display;
    } else if (o->cls == OC_MAILBOX) {
        snprintf(display, sizeof display, "%s/Users/%s", g->domain, o->name);
        shown = display;
    }
    return w_id(o->name, dn, o->guid, shown);
}
