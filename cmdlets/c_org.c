/*
** c_org.c - the organization cmdlets: one generic handler for all of them.
**
** Get-MailboxDatabase, Move-ActiveMailboxDatabase, New-LabOrganization ...
** are metadata only: the engine in backend/ implements them. For each
** pipeline object the handler builds
**
**     {"cmdlet": "Set-MailboxServer", "parameters": {...}, "mode": "apply"}
**
** from the bound parameters, sends it with cmd_org_invoke() and writes what
** comes back: records as objects of their Exchange type, errors as
** non-terminating error records in Exchange's style, warnings and verbose
** messages on their streams. ShouldProcess cmdlets first ask the engine
** what they would do (mode "whatif"): under -WhatIf those texts print as
** "What if: ...", under a confirmation each one is asked and the call is
** sent for real only if every answer is yes.
*/
#include "c_org.h"

#include "conv.h"
#include "format.h"
#include "registry.h"
#include "text.h"
#include "types.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* {=== values from the wire ===*/

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* "8-4-4-4-12" (or 32 hex digits, braces allowed) as a Guid; VAL_NULL if it is not one. */
static val guid_of(const char *s)
{
    uint8_t b[16];
    int n = 0;
    if (!s)
        return val_null();
    for (const char *p = s; *p; p++) {
        if (*p == '-' || *p == '{' || *p == '}')
            continue;
        int hi = hexval(p[0]), lo = p[1] ? hexval(p[1]) : -1;
        if (hi < 0 || lo < 0 || n == 16)
            return val_null();
        b[n++] = (uint8_t)(hi << 4 | lo);
        p++;
    }
    return n == 16 ? val_guid(b) : val_null();
}

static int64_t int_of(json_t *v)
{
    if (json_is_integer(v))
        return (int64_t)json_integer_value(v);
    if (json_is_real(v))
        return (int64_t)json_real_value(v);
    return 0;
}

static const char *str_of(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static val ad_object_id(json_t *w)
{
    const char *name = str_of(w, "name"), *display = str_of(w, "display");
    val o = val_obj_new("Microsoft.Exchange.Data.Directory.ADObjectId");
    o = val_obj_set(o, "Name", name ? val_str_new(name) : val_null());
    const char *dn = str_of(w, "dn");
    o = val_obj_set(o, "DistinguishedName", dn ? val_str_new(dn) : val_null());
    o = val_obj_set(o, "ObjectGuid", guid_of(str_of(w, "guid")));
    const char *shown = display && *display ? display : name ? name : "";
    return val_obj_set(o, "\x01ToString", val_str_new(shown));
}

static val enum_of(json_t *w)
{
    const char *type = str_of(w, "type"), *member = str_of(w, "v");
    if (!member)
        return val_null();
    uint16_t id = type ? type_lookup(type, strlen(type)) : TY_NONE;
    int64_t v;
    if (id != TY_NONE && type_enum_value(id, member, strlen(member), &v))
        return val_enum(id, v);
    return val_str_new(member); /* a type the catalog did not name: its text */
}

static val tagged(json_t *w, const char *tag)
{
    json_t *v = json_object_get(w, "v");
    if (!strcmp(tag, "TimeSpan"))
        return val_timespan(int_of(v));
    if (!strcmp(tag, "DateTime"))
        return json_is_null(v) || !v ? val_null() : val_datetime(int_of(v), VF_UTC);
    if (!strcmp(tag, "ByteQuantifiedSize"))
        return val_bytesize((uint64_t)int_of(v));
    if (!strcmp(tag, "Guid"))
        return guid_of(json_string_value(v));
    if (!strcmp(tag, "Enum"))
        return enum_of(w);
    if (!strcmp(tag, "ADObjectId"))
        return ad_object_id(w);
    return json_is_string(v) ? val_str_new(json_string_value(v)) : val_null();
}

val org_from_wire(json_t *w)
{
    switch (json_typeof(w)) {
    case JSON_STRING:
        return val_str_n(json_string_value(w), json_string_length(w));
    case JSON_INTEGER: {
        json_int_t i = json_integer_value(w);
        return i >= INT32_MIN && i <= INT32_MAX ? val_int((int32_t)i) : val_long((int64_t)i);
    }
    case JSON_REAL:
        return val_double(json_real_value(w));
    case JSON_TRUE:
        return val_bool(true);
    case JSON_FALSE:
        return val_bool(false);
    case JSON_ARRAY: {
        val a = val_arr_sized((uint32_t)json_array_size(w));
        size_t i;
        json_t *e;
        json_array_foreach(w, i, e) a = val_arr_push(a, org_from_wire(e));
        return a;
    }
    case JSON_OBJECT: {
        const char *tag = str_of(w, "$t");
        if (tag)
            return tagged(w, tag);
        if (json_is_object(json_object_get(w, "properties")))
            return org_record(w);
        val o = val_obj_new(NULL);
        const char *k;
        json_t *v;
        json_object_foreach(w, k, v) o = val_obj_set(o, k, org_from_wire(v));
        return o;
    }
    default:
        return val_null();
    }
}

val org_record(json_t *rec)
{
    const char *type = str_of(rec, "type");
    val o = val_obj_new(type && *type ? type : NULL);
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(rec, "properties"), k, v) o = val_obj_set(o, k, org_from_wire(v));
    return o;
}

/*
** The shapes of a response's output records ("schemas"), decoded once:
** each record then brings only its values, and each property name is
** hashed once per response instead of once per record.
*/
enum kind { K_PLAIN, K_DATETIME, K_TIMESPAN, K_SIZE, K_GUID, K_ENUM };

struct shape {
    const char *type;
    uint32_t n;
    const char **names;
    size_t *lens;
    uint32_t *hashes;
    uint8_t *kinds;
    uint16_t *etypes; /* K_ENUM: the enum type, TY_NONE when the catalog lacks it */
    /* the last string or enum of each column and its text: records of a listing repeat
       their server names, states and paths, and a repeat shares the value */
    val *last;
    json_t **last_json;
};

/*
** Property names for the life of the process: the engine's record types
** use a few hundred, and each of thousands of objects refers to them
** instead of copying its own.
*/
static const char *intern(const char *s, size_t n, uint32_t hash)
{
    static struct {
        char **v;
        uint32_t *h;
        size_t n, cap; /* open addressing, cap a power of two */
    } t;
    if (2 * (t.n + 1) > t.cap) {
        size_t cap = t.cap ? t.cap * 2 : 256;
        char **v = calloc(cap, sizeof *v);
        uint32_t *h = calloc(cap, sizeof *h);
        for (size_t i = 0; i < t.cap; i++)
            if (t.v[i]) {
                size_t k = t.h[i] & (cap - 1);
                while (v[k])
                    k = (k + 1) & (cap - 1);
                v[k] = t.v[i];
                h[k] = t.h[i];
            }
        free(t.v);
        free(t.h);
        t.v = v;
        t.h = h;
        t.cap = cap;
    }
    size_t k = hash & (t.cap - 1);
    for (; t.v[k]; k = (k + 1) & (t.cap - 1))
        if (t.h[k] == hash && strlen(t.v[k]) == n && !memcmp(t.v[k], s, n))
            return t.v[k];
    t.v[k] = emsh_xstrndup(s, n);
    t.h[k] = hash;
    t.n++;
    return t.v[k];
}

static struct shape *shapes_of(json_t *schemas, size_t *count)
{
    size_t n = json_array_size(schemas);
    struct shape *sh = emsh_xmalloc((n ? n : 1) * sizeof *sh);
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(schemas, i), *names = json_object_get(s, "properties"),
               *kinds = json_object_get(s, "kinds");
        struct shape *x = &sh[i];
        x->type = str_of(s, "type");
        x->n = (uint32_t)json_array_size(names);
        x->names = emsh_xmalloc((x->n ? x->n : 1) * sizeof *x->names);
        x->lens = emsh_xmalloc((x->n ? x->n : 1) * sizeof *x->lens);
        x->hashes = emsh_xmalloc((x->n ? x->n : 1) * sizeof *x->hashes);
        x->kinds = emsh_xmalloc(x->n ? x->n : 1);
        x->etypes = emsh_xmalloc((x->n ? x->n : 1) * sizeof *x->etypes);
        x->last = emsh_xmalloc((x->n ? x->n : 1) * sizeof *x->last);
        x->last_json = emsh_xcalloc((x->n ? x->n : 1) * sizeof *x->last_json);
        for (uint32_t j = 0; j < x->n; j++) {
            const char *nm = json_string_value(json_array_get(names, j));
            const char *k = json_string_value(json_array_get(kinds, j));
            nm = nm ? nm : "";
            x->lens[j] = strlen(nm);
            /* exact hash for the interning, the object index's own (ignoring case) for lookups */
            uint32_t exact = 2166136261u;
            for (size_t q = 0; q < x->lens[j]; q++)
                exact = (exact ^ (unsigned char)nm[q]) * 16777619u;
            x->names[j] = intern(nm, x->lens[j], exact);
            x->hashes[j] = (uint32_t)text_ihash(nm, x->lens[j]);
            x->etypes[j] = TY_NONE;
            x->last[j] = val_null();
            x->kinds[j] = !k || !*k ? K_PLAIN : !strcmp(k, "DateTime") ? K_DATETIME : !strcmp(k, "TimeSpan") ? K_TIMESPAN
                          : !strcmp(k, "ByteQuantifiedSize") ? K_SIZE : !strcmp(k, "Guid") ? K_GUID
                          : !strncmp(k, "Enum:", 5) ? K_ENUM : K_PLAIN;
            if (x->kinds[j] == K_ENUM)
                x->etypes[j] = type_lookup(k + 5, strlen(k + 5));
        }
    }
    *count = n;
    return sh;
}

static void shapes_free(struct shape *sh, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(sh[i].names);
        free(sh[i].lens);
        free(sh[i].hashes);
        free(sh[i].kinds);
        free(sh[i].etypes);
        for (uint32_t j = 0; j < sh[i].n; j++) {
            val_free(sh[i].last[j]);
            json_decref(sh[i].last_json[j]);
        }
        free(sh[i].last);
        free(sh[i].last_json);
    }
    free(sh);
}

/* A value of a typed kind, sent bare. */
static val from_kind(json_t *v, uint8_t kind, uint16_t etype)
{
    if (!v || json_is_null(v))
        return val_null();
    switch (kind) {
    case K_DATETIME: return val_datetime(int_of(v), VF_UTC);
    case K_TIMESPAN: return val_timespan(int_of(v));
    case K_SIZE: return json_is_string(v) ? org_from_wire(v) : val_bytesize((uint64_t)int_of(v));
    case K_GUID: return guid_of(json_string_value(v));
    case K_ENUM: {
        const char *member = json_string_value(v);
        int64_t e;
        if (member && etype != TY_NONE && type_enum_value(etype, member, strlen(member), &e))
            return val_enum(etype, e);
        return member ? val_str_new(member) : val_null();
    }
    default: return org_from_wire(v);
    }
}

/* An output record [i, values...] as an object of its type. */
static val shaped_record(struct shape *sh, size_t nsh, json_t *rec)
{
    if (!json_is_array(rec))
        return org_record(rec); /* a self-describing record */
    json_int_t si = json_integer_value(json_array_get(rec, 0));
    if (si < 0 || (size_t)si >= nsh)
        return val_null();
    struct shape *x = &sh[si];
    val o = val_obj_reserve(val_obj_new(x->type && *x->type ? x->type : NULL), x->n);
    for (uint32_t j = 0; j < x->n; j++) {
        json_t *v = json_array_get(rec, j + 1);
        val pv;
        if (json_is_string(v) && (x->kinds[j] == K_PLAIN || x->kinds[j] == K_ENUM)) {
            json_t *was = x->last_json[j];
            if (!was || json_string_length(was) != json_string_length(v) ||
                memcmp(json_string_value(was), json_string_value(v), json_string_length(v))) {
                val_free(x->last[j]);
                x->last[j] = from_kind(v, x->kinds[j], x->etypes[j]);
                json_decref(was);
                x->last_json[j] = json_incref(v);
            }
            pv = val_copy(x->last[j]);
        } else {
            pv = from_kind(v, x->kinds[j], x->etypes[j]);
        }
        o = val_obj_push(o, x->names[j], x->lens[j], x->hashes[j], pv);
    }
    return o;
}

/* }=== */

/* {=== the catalog: enum types and default views ===*/

static char *dup_str(const char *s)
{
    return s ? emsh_xstrndup(s, strlen(s)) : NULL;
}

static void register_view(json_t *jv)
{
    const char *type = str_of(jv, "type"), *shape = str_of(jv, "shape");
    if (!type || !shape)
        return;
    bool table = !strcmp(shape, "table");
    if (!table && strcmp(shape, "list"))
        return;
    json_t *cells = json_object_get(jv, table ? "columns" : "items");
    size_t n = json_array_size(cells);
    if (!n)
        return;
    struct fmt_view *v = emsh_xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    const char **types = emsh_xmalloc(2 * sizeof *types);
    types[0] = dup_str(type);
    types[1] = NULL;
    v->name = types[0];
    v->types = types;
    v->shape = table ? FMT_SHAPE_TABLE : FMT_SHAPE_LIST;
    if (table) {
        struct fmt_column *cols = emsh_xmalloc(n * sizeof *cols);
        memset(cols, 0, n * sizeof *cols);
        for (size_t i = 0; i < n; i++) {
            json_t *jc = json_array_get(cells, i);
            cols[i].label = dup_str(str_of(jc, "label"));
            cols[i].property = dup_str(str_of(jc, "property"));
            cols[i].width = (int)int_of(json_object_get(jc, "width"));
        }
        v->columns = cols;
        v->ncolumns = (unsigned)n;
    } else {
        struct fmt_item *items = emsh_xmalloc(n * sizeof *items);
        memset(items, 0, n * sizeof *items);
        for (size_t i = 0; i < n; i++) {
            json_t *ji = json_array_get(cells, i);
            items[i].label = dup_str(str_of(ji, "label"));
            items[i].property = dup_str(str_of(ji, "property"));
        }
        v->items = items;
        v->nitems = (unsigned)n;
    }
    fmt_register_view(v);
}

void org_register_catalog(json_t *catalog)
{
    const char *name;
    json_t *members;
    json_object_foreach(json_object_get(catalog, "enums"), name, members)
    {
        size_t n = json_array_size(members);
        if (!n)
            continue;
        const char **names = emsh_xmalloc(n * sizeof *names);
        int64_t *values = emsh_xmalloc(n * sizeof *values);
        for (size_t i = 0; i < n; i++) {
            const char *m = json_string_value(json_array_get(members, i));
            names[i] = m ? m : "";
            values[i] = (int64_t)i;
        }
        type_enum(name, names, values, (uint32_t)n, false);
        free(names);
        free(values);
    }
    /* views: the first registration of a type wins, so a second catalog adds nothing */
    static json_t *seen;
    if (!seen)
        seen = json_object();
    size_t i;
    json_t *jv;
    json_array_foreach(json_object_get(catalog, "views"), i, jv)
    {
        const char *type = str_of(jv, "type"), *shape = str_of(jv, "shape");
        if (!type || !shape)
            continue;
        struct buf key = BUF_INIT;
        buf_printf(&key, "%s\n%s", type, shape);
        if (!json_object_get(seen, buf_cstr(&key))) {
            json_object_set_new(seen, buf_cstr(&key), json_true());
            register_view(jv);
        }
        buf_release(&key);
    }
}

/* }=== */

/* {=== values to the wire ===*/

static json_t *str_json(val v)
{
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    json_t *j = json_stringn(buf_cstr(&b), b.len);
    buf_release(&b);
    return j ? j : json_string("");
}

static json_t *tag_int(const char *tag, int64_t v)
{
    return json_pack("{s:s, s:I}", "$t", tag, "v", (json_int_t)v);
}

/* The string that identifies an object to an ...IdParameter. */
static json_t *id_json(val v)
{
    if (val_kind(v) == VAL_OBJECT) {
        static const char *const keys[] = {"Identity", "Name"};
        for (size_t k = 0; k < EMSH_ARRAY_SIZE(keys); k++) {
            val p = val_obj_get(v, keys[k]);
            if (!val_is_null(p)) {
                json_t *j = str_json(p);
                val_free(p);
                return j;
            }
            val_free(p);
        }
    }
    return str_json(v);
}

json_t *org_to_wire(val v, bool id)
{
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        return json_null();
    case VAL_ARRAY: {
        json_t *a = json_array();
        for (uint32_t i = 0; i < val_arr_len(v); i++)
            json_array_append_new(a, org_to_wire(val_arr_items(v)[i], id));
        return a;
    }
    default:
        break;
    }
    if (id)
        return id_json(v);
    switch (val_kind(v)) {
    case VAL_BOOL:
    case VAL_SWITCH:
        return json_boolean(conv_truthy(v));
    case VAL_INT:
    case VAL_LONG:
        return json_integer((json_int_t)v.u.i);
    case VAL_DOUBLE:
    case VAL_DECIMAL:
        return json_real(v.u.d);
    case VAL_TIMESPAN:
        return tag_int("TimeSpan", v.u.i);
    case VAL_DATETIME:
        return tag_int("DateTime", v.u.i);
    case VAL_BYTESIZE:
        return tag_int("ByteQuantifiedSize", v.u.i);
    case VAL_GUID: {
        json_t *g = str_json(v);
        json_t *o = json_pack("{s:s, s:O}", "$t", "Guid", "v", g);
        json_decref(g);
        return o;
    }
    case VAL_ENUM: {
        /* a parameter takes an enum by its member's name, as Exchange parses it */
        const char *m = type_enum_name(v.aux, v.u.i);
        return m ? json_string(m) : str_json(v);
    }
    case VAL_HASHTABLE: {
        /* @{Add=...; Remove=...} for a multi-valued property */
        json_t *o = json_object();
        for (uint32_t i = 0; i < val_hash_len(v); i++) {
            struct buf k = BUF_INIT;
            conv_str(val_hash_key_at(v, i), &k);
            json_object_set_new(o, buf_cstr(&k), org_to_wire(val_hash_value_at(v, i), false));
            buf_release(&k);
        }
        return o;
    }
    default:
        return str_json(v);
    }
}

/* Does a documented type name end in IdParameter (DatabaseIdParameter ...)? */
static bool is_id_type(const char *t)
{
    static const char sfx[] = "IdParameter";
    size_t n = t ? strlen(t) : 0, k = sizeof sfx - 1;
    return n >= k && strcmp(t + n - k, sfx) == 0;
}

json_t *org_request(struct cmd_ctx *c, const char *mode)
{
    const struct cmd_meta *m = c->meta;
    json_t *params = json_object();
    for (uint16_t i = 0; i < m->nparams; i++) {
        if (!cmd_bound(c, i))
            continue;
        const struct param_meta *p = &m->params[i];
        val v = cmd_arg(c, i);
        json_t *w = (p->flags & PF_SWITCH) ? json_boolean(conv_truthy(v))
                                           : org_to_wire(v, is_id_type(p->type_name));
        json_object_set_new(params, p->name, w);
    }
    return json_pack("{s:s, s:o, s:s}", "cmdlet", m->name, "parameters", params, "mode", mode);
}

/* }=== */

/* {=== the handler ===*/

static const char *text_or(json_t *o, const char *key, const char *dflt)
{
    const char *s = str_of(o, key);
    return s && *s ? s : dflt;
}

/* Writes what a response holds: objects, errors, warnings, verbose messages. */
static enum ev report(struct cmd_ctx *c, json_t *resp, bool output)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(resp, "warnings"), i, e)
        if (json_is_string(e))
            cmd_message(c, MSG_WARNING, json_string_value(e));
    json_array_foreach(json_object_get(resp, "verbose"), i, e)
        if (json_is_string(e))
            cmd_message(c, MSG_VERBOSE, json_string_value(e));
    if (output) {
        size_t nsh;
        struct shape *sh = shapes_of(json_object_get(resp, "schemas"), &nsh);
        enum ev rc = EV_OK;
        json_array_foreach(json_object_get(resp, "output"), i, e)
        {
            if ((rc = cmd_write(c, shaped_record(sh, nsh, e))))
                break;
        }
        shapes_free(sh, nsh);
        if (rc)
            return rc;
    }
    json_array_foreach(json_object_get(resp, "errors"), i, e)
    {
        json_t *jt = json_object_get(e, "target");
        val target = jt && !json_is_null(jt) ? org_from_wire(jt) : val_nothing();
        enum ev rc = cmd_error(c, text_or(e, "id", "UnknownError"),
                               text_or(e, "category", "NotSpecified"),
                               text_or(e, "exception", "System.Exception"), target,
                               text_or(e, "message", ""));
        val_free(target);
        if (rc)
            return rc;
    }
    return EV_OK;
}

static enum ev send(struct cmd_ctx *c, const char *mode, json_t **resp)
{
    json_t *req = org_request(c, mode);
    enum ev rc = cmd_org_invoke(c, req, resp);
    json_decref(req);
    return rc;
}

enum ev org_process(struct cmd_ctx *c, val input)
{
    (void)input; /* bound to its parameters already */
    enum sp_mode mode = (c->meta->flags & CF_SHOULD_PROCESS) ? cmd_should_process_mode(c) : SP_NONE;
    json_t *resp = NULL;
    enum ev rc;
    if (mode != SP_NONE) {
        /* what the call would do: printed under -WhatIf, asked under a confirmation */
        if ((rc = send(c, "whatif", &resp)))
            return rc;
        json_t *texts = json_object_get(resp, "whatif");
        bool failed = json_array_size(json_object_get(resp, "errors")) > 0, declined = false;
        if (mode == SP_WHATIF || !failed) {
            size_t i;
            json_t *t;
            json_array_foreach(texts, i, t)
            {
                bool yes;
                if (!json_is_string(t))
                    continue;
                if ((rc = cmd_should_process_msg(c, json_string_value(t), &yes))) {
                    json_decref(resp);
                    return rc;
                }
                if (!yes && mode == SP_CONFIRM) {
                    declined = true;
                    break;
                }
            }
        }
        /* -WhatIf: its warnings and errors show, nothing changes; a failed check
           under a confirmation shows its errors without asking; No: nothing */
        if (mode == SP_WHATIF || failed || declined) {
            rc = declined ? EV_OK : report(c, resp, false);
            json_decref(resp);
            return rc;
        }
        json_decref(resp);
        resp = NULL;
    }
    if ((rc = send(c, "apply", &resp)))
        return rc;
    rc = report(c, resp, true);
    json_decref(resp);
    return rc;
}

/* }=== */
