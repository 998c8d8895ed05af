/*
** value.c - constructors, reference counting and containers (see value.h).
**
** Heap parts share one head (struct val_heap) holding the reference count.
** Containers are reference types, as in .NET: a change made through one
** holder is seen by all of them; val_*_clone() make independent copies.
** Hashtables and objects keep insertion order in an array and,
** past a few entries, an open-addressing index over it.
*/
#include "value.h"
#include "parse.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct val_heap {
    uint32_t refcnt;
};

struct str_heap {
    struct val_heap h;
    uint32_t len;
    char s[];
};

struct arr_heap {
    struct val_heap h;
    uint32_t n, cap;
    uint8_t flavour;
    char *elem_type;
    val *items;
    val members; /* a HashSet's items as an ordinal hashtable's keys; VAL_NULL until asked, or after a change */
};

struct hentry {
    val key, value;
    uint64_t hash;
};

struct hash_heap {
    struct val_heap h;
    uint32_t n, cap;
    struct hentry *e;
    uint32_t *index; /* entry number + 1, 0 for empty; NULL while small */
    uint32_t icap;
    uint16_t type;   /* a .NET generic collection's type id, keys ordinal; 0 for Hashtable */
};

struct prop {
    char *name;
    uint32_t nlen;
    bool borrowed; /* name is static storage, not ours to free */
    val value;
};

struct obj_heap {
    struct val_heap h;
    uint32_t n, cap;
    struct prop *p;
    uint32_t *index;
    uint32_t icap;
    uint32_t ntypes;
    char **types;        /* owned strings, unless static_types */
    bool static_types;   /* types is a borrowed static list (val_obj_new_static) */
};

struct sb_unit {
    uint32_t refcnt;
    struct parse_unit *u;
    uint32_t *lines; /* offsets of line starts, built on first use */
    uint32_t nlines;
};

struct sb_heap {
    struct val_heap h;
    struct sb_unit *unit;
    const struct ast_node *body;
};

struct guid_heap {
    struct val_heap h;
    uint8_t b[16];
};

#define SMALL 8 /* containers this small are searched without an index */

static const char PSCUSTOMOBJECT[] = "System.Management.Automation.PSCustomObject";

/*
** {==================================================================
** Scalars and reference counting
** ===================================================================
*/

static val mk(enum val_kind k)
{
    val v;
    memset(&v, 0, sizeof v);
    v.kind = (uint8_t)k;
    return v;
}

val val_null(void) { return mk(VAL_NULL); }
val val_nothing(void) { return mk(VAL_NOTHING); }

val val_bool(bool b)
{
    val v = mk(VAL_BOOL);
    v.u.b = b;
    return v;
}

val val_int(int32_t i)
{
    val v = mk(VAL_INT);
    v.u.i = i;
    return v;
}

val val_long(int64_t i)
{
    val v = mk(VAL_LONG);
    v.u.i = i;
    return v;
}

val val_double(double d)
{
    val v = mk(VAL_DOUBLE);
    v.u.d = d;
    return v;
}

val val_dec(struct dec d)
{
    val v = mk(VAL_DECIMAL);
    v.u.i = (int64_t)d.lo;
    v.pad = d.hi;
    v.aux = (uint16_t)(d.scale | (d.neg ? 0x8000 : 0));
    return v;
}

struct dec val_dec_get(val v)
{
    struct dec d;
    d.lo = (uint64_t)v.u.i;
    d.hi = v.pad;
    d.scale = (uint8_t)(v.aux & 0xff);
    d.neg = (v.aux & 0x8000) != 0;
    return d;
}

val val_char(uint32_t cp)
{
    val v = mk(VAL_CHAR);
    v.u.i = cp;
    return v;
}

val val_timespan(int64_t ticks)
{
    val v = mk(VAL_TIMESPAN);
    v.u.i = ticks;
    return v;
}

val val_datetime(int64_t ticks, unsigned kind_flags)
{
    val v = mk(VAL_DATETIME);
    v.u.i = ticks;
    v.flags = (uint8_t)(kind_flags & (VF_UTC | VF_LOCAL));
    return v;
}

val val_bytesize(uint64_t bytes)
{
    val v = mk(VAL_BYTESIZE);
    v.u.i = (int64_t)bytes;
    return v;
}

val val_enum(uint16_t type, int64_t x)
{
    val v = mk(VAL_ENUM);
    v.aux = type;
    v.u.i = x;
    return v;
}

val val_switch(bool on)
{
    val v = mk(VAL_SWITCH);
    v.u.b = on;
    return v;
}

val val_type(uint16_t type)
{
    val v = mk(VAL_TYPE);
    v.aux = type;
    return v;
}

static bool on_heap(val v)
{
    switch (v.kind) {
    case VAL_STRING:
    case VAL_GUID:
    case VAL_ARRAY:
    case VAL_HASHTABLE:
    case VAL_OBJECT:
    case VAL_SCRIPTBLOCK:
        return v.u.p != NULL;
    default:
        return false;
    }
}

static void *heap_new(size_t size)
{
    struct val_heap *h = emsh_xmalloc(size);
    memset(h, 0, size);
    h->refcnt = 1;
    return h;
}

val val_guid(const uint8_t bytes[16])
{
    val v = mk(VAL_GUID);
    struct guid_heap *g = heap_new(sizeof *g);
    memcpy(g->b, bytes, 16);
    v.u.p = &g->h;
    return v;
}

const uint8_t *val_guid_bytes(val v)
{
    static const uint8_t zero[16];
    return v.kind == VAL_GUID ? ((struct guid_heap *)v.u.p)->b : zero;
}

val val_copy(val v)
{
    if (on_heap(v))
        v.u.p->refcnt++;
    return v;
}

uint32_t val_refcnt(val v)
{
    return on_heap(v) ? v.u.p->refcnt : 0;
}

static void free_heap(val v)
{
    switch (v.kind) {
    case VAL_ARRAY: {
        struct arr_heap *a = (struct arr_heap *)v.u.p;
        for (uint32_t i = 0; i < a->n; i++)
            val_free(a->items[i]);
        free(a->items);
        free(a->elem_type);
        val_free(a->members);
        break;
    }
    case VAL_HASHTABLE: {
        struct hash_heap *h = (struct hash_heap *)v.u.p;
        for (uint32_t i = 0; i < h->n; i++) {
            val_free(h->e[i].key);
            val_free(h->e[i].value);
        }
        free(h->e);
        free(h->index);
        break;
    }
    case VAL_OBJECT: {
        struct obj_heap *o = (struct obj_heap *)v.u.p;
        for (uint32_t i = 0; i < o->n; i++) {
            if (!o->p[i].borrowed)
                free(o->p[i].name);
            val_free(o->p[i].value);
        }
        if (!o->static_types) {
            for (uint32_t i = 0; i < o->ntypes; i++)
                free(o->types[i]);
            free(o->types);
        }
        free(o->p);
        free(o->index);
        break;
    }
    case VAL_SCRIPTBLOCK:
        sb_unit_release(((struct sb_heap *)v.u.p)->unit);
        break;
    default:
        break;
    }
    free(v.u.p);
}

void val_free(val v)
{
    if (on_heap(v) && --v.u.p->refcnt == 0)
        free_heap(v);
}

/* }================================================================== */

/*
** {==================================================================
** Strings
** ===================================================================
*/

val val_str_n(const char *s, size_t n)
{
    if (n > UINT32_MAX - 64)
        n = UINT32_MAX - 64;
    struct str_heap *h = emsh_xmalloc(sizeof *h + n + 1);
    h->h.refcnt = 1;
    h->len = (uint32_t)n;
    if (n)
        memcpy(h->s, s, n);
    h->s[n] = '\0';
    val v = mk(VAL_STRING);
    v.u.p = &h->h;
    return v;
}

val val_str_new(const char *s)
{
    return val_str_n(s, strlen(s));
}

val val_str_buf(struct buf *b)
{
    val v = val_str_n(buf_cstr(b), b->len);
    buf_release(b);
    return v;
}

val val_str_printf(const char *fmt, ...)
{
    struct buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return val_str_buf(&b);
}

const char *val_str(val v)
{
    return v.kind == VAL_STRING ? ((struct str_heap *)v.u.p)->s : "";
}

size_t val_str_len(val v)
{
    return v.kind == VAL_STRING ? ((struct str_heap *)v.u.p)->len : 0;
}

val val_str_concat(val a, val b)
{
    size_t an = val_str_len(a), bn = val_str_len(b);
    if (bn == 0) {
        val_free(b);
        return a;
    }
    if (an == 0) {
        val_free(a);
        return b;
    }
    struct str_heap *ha = (struct str_heap *)a.u.p;
    if (ha->h.refcnt == 1) {
        ha = emsh_xrealloc(ha, sizeof *ha + an + bn + 1);
        memcpy(ha->s + an, val_str(b), bn + 1);
        ha->len = (uint32_t)(an + bn);
        a.u.p = &ha->h;
        val_free(b);
        return a;
    }
    struct str_heap *h = emsh_xmalloc(sizeof *h + an + bn + 1);
    h->h.refcnt = 1;
    h->len = (uint32_t)(an + bn);
    memcpy(h->s, val_str(a), an);
    memcpy(h->s + an, val_str(b), bn + 1);
    val_free(a);
    val_free(b);
    val v = mk(VAL_STRING);
    v.u.p = &h->h;
    return v;
}

/* }================================================================== */

/*
** {==================================================================
** Arrays
** ===================================================================
*/

static struct arr_heap *arr(val v)
{
    return (struct arr_heap *)v.u.p;
}

val val_arr_sized(uint32_t cap)
{
    struct arr_heap *a = heap_new(sizeof *a);
    a->cap = cap;
    a->items = cap ? emsh_xmalloc(cap * sizeof *a->items) : NULL;
    val v = mk(VAL_ARRAY);
    v.u.p = &a->h;
    return v;
}

val val_arr_new(void)
{
    return val_arr_sized(0);
}

val val_arr_clone(val v)
{
    struct arr_heap *a = arr(v);
    val c = val_arr_sized(a->n);
    struct arr_heap *b = arr(c);
    for (uint32_t i = 0; i < a->n; i++)
        b->items[i] = val_copy(a->items[i]);
    b->n = a->n;
    b->flavour = a->flavour;
    b->elem_type = a->elem_type ? emsh_xstrndup(a->elem_type, strlen(a->elem_type)) : NULL;
    return c;
}

/* Forgets a's membership index: the items changed other than by val_arr_set_add(). */
static void drop_members(struct arr_heap *a)
{
    if (a->members.kind != VAL_NULL) {
        val_free(a->members);
        a->members = val_null();
    }
}

val val_arr_push(val v, val item)
{
    struct arr_heap *a = arr(v);
    drop_members(a);
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 4;
        a->items = emsh_xrealloc(a->items, a->cap * sizeof *a->items);
    }
    a->items[a->n++] = item;
    return v;
}

uint32_t val_arr_len(val v)
{
    return v.kind == VAL_ARRAY ? arr(v)->n : 0;
}

val val_arr_get(val v, uint32_t i)
{
    if (v.kind != VAL_ARRAY || i >= arr(v)->n)
        return val_null();
    return val_copy(arr(v)->items[i]);
}

const val *val_arr_items(val v)
{
    return v.kind == VAL_ARRAY ? arr(v)->items : NULL;
}

val val_arr_set(val v, uint32_t i, val item)
{
    if (EMSH_NEVER(i >= arr(v)->n)) {
        val_free(item);
        return v;
    }
    drop_members(arr(v));
    val_free(arr(v)->items[i]);
    arr(v)->items[i] = item;
    return v;
}

val val_arr_remove_at(val v, uint32_t i)
{
    if (i >= arr(v)->n)
        return v;
    struct arr_heap *a = arr(v);
    drop_members(a);
    val_free(a->items[i]);
    memmove(a->items + i, a->items + i + 1, (a->n - i - 1) * sizeof *a->items);
    a->n--;
    return v;
}

/* a's membership index, built from the items when there is none. */
static val members(struct arr_heap *a)
{
    if (a->members.kind == VAL_NULL) {
        a->members = val_hash_new_typed(1);
        for (uint32_t i = 0; i < a->n; i++)
            val_hash_set(a->members, val_copy(a->items[i]), val_null());
    }
    return a->members;
}

bool val_arr_set_has(val v, val item)
{
    return val_hash_has(members(arr(v)), item);
}

bool val_arr_set_add(val v, val item)
{
    struct arr_heap *a = arr(v);
    val m = members(a);
    if (val_hash_has(m, item)) {
        val_free(item);
        return false;
    }
    a->members = val_null(); /* kept through the push */
    val_arr_push(v, val_copy(item));
    a->members = val_hash_set(m, item, val_null());
    return true;
}

bool val_arr_set_remove(val v, val item)
{
    struct arr_heap *a = arr(v);
    val m = members(a);
    if (!val_hash_has(m, item))
        return false;
    for (uint32_t i = 0; i < a->n; i++)
        if (val_key_same(a->items[i], item)) {
            a->members = val_null(); /* kept through the removal */
            val_arr_remove_at(v, i);
            a->members = val_hash_remove(m, val_copy(item));
            break;
        }
    return true;
}

val val_arr_insert(val v, uint32_t i, val item)
{
    v = val_arr_push(v, item);
    struct arr_heap *a = arr(v);
    if (i < a->n - 1) {
        memmove(a->items + i + 1, a->items + i, (a->n - 1 - i) * sizeof *a->items);
        a->items[i] = item;
    }
    return v;
}

enum arr_flavour val_arr_flavour(val v)
{
    return v.kind == VAL_ARRAY ? (enum arr_flavour)arr(v)->flavour : ARR_OBJECT;
}

val val_arr_set_flavour(val v, enum arr_flavour f, const char *elem_type)
{
    struct arr_heap *a = arr(v);
    a->flavour = (uint8_t)f;
    free(a->elem_type);
    a->elem_type = elem_type ? emsh_xstrndup(elem_type, strlen(elem_type)) : NULL;
    return v;
}

const char *val_arr_elem_type(val v)
{
    return v.kind == VAL_ARRAY ? arr(v)->elem_type : NULL;
}

/* }================================================================== */

/*
** {==================================================================
** Keys and hashtables
** ===================================================================
*/

static bool is_number_kind(enum val_kind k)
{
    return k == VAL_INT || k == VAL_LONG;
}

bool val_key_equal(val a, val b)
{
    if (a.kind == VAL_STRING && b.kind == VAL_STRING)
        return text_ieq(val_str(a), val_str_len(a), val_str(b), val_str_len(b));
    if (is_number_kind((enum val_kind)a.kind) && is_number_kind((enum val_kind)b.kind))
        return a.u.i == b.u.i;
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case VAL_NULL:
    case VAL_NOTHING:
        return true;
    case VAL_BOOL:
    case VAL_SWITCH:
        return a.u.b == b.u.b;
    case VAL_DOUBLE:
        return a.u.d == b.u.d;
    case VAL_DECIMAL:
        return dec_cmp(val_dec_get(a), val_dec_get(b)) == 0;
    case VAL_GUID:
        return memcmp(val_guid_bytes(a), val_guid_bytes(b), 16) == 0;
    case VAL_ENUM:
    case VAL_TYPE:
        return a.aux == b.aux && a.u.i == b.u.i;
    case VAL_CHAR:
    case VAL_TIMESPAN:
    case VAL_DATETIME:
    case VAL_BYTESIZE:
        return a.u.i == b.u.i;
    default:
        return a.u.p == b.u.p; /* containers: by reference, as .NET does */
    }
}

uint64_t val_key_hash(val v)
{
    switch (v.kind) {
    case VAL_STRING:
        return text_ihash(val_str(v), val_str_len(v));
    case VAL_INT:
    case VAL_LONG:
    case VAL_CHAR:
    case VAL_TIMESPAN:
    case VAL_DATETIME:
    case VAL_BYTESIZE:
    case VAL_ENUM:
        return (uint64_t)v.u.i * 0x9E3779B97F4A7C15ULL;
    case VAL_BOOL:
    case VAL_SWITCH:
        return v.u.b ? 1 : 2;
    case VAL_DOUBLE:
    case VAL_DECIMAL: {
        uint64_t x;
        double d = v.kind == VAL_DECIMAL ? dec_to_double(val_dec_get(v)) : v.u.d;
        if (d == 0)
            d = 0;
        memcpy(&x, &d, sizeof x);
        return x * 0x9E3779B97F4A7C15ULL;
    }
    case VAL_GUID: {
        uint64_t x;
        memcpy(&x, val_guid_bytes(v), sizeof x);
        return x;
    }
    default:
        return (uint64_t)(uintptr_t)v.u.p;
    }
}

static struct hash_heap *hh(val v)
{
    return (struct hash_heap *)v.u.p;
}

/* A key's hash in h: .NET's default comparer (ordinal strings) for a typed
** collection, PowerShell's case-insensitive one for a Hashtable. */
static uint64_t key_hash(const struct hash_heap *h, val key)
{
    if (h->type && key.kind == VAL_STRING) {
        uint64_t x = 1469598103934665603ULL;
        const unsigned char *s = (const unsigned char *)val_str(key);
        for (size_t i = 0, n = val_str_len(key); i < n; i++)
            x = (x ^ s[i]) * 1099511628211ULL;
        return x;
    }
    return val_key_hash(key);
}

bool val_key_same(val a, val b)
{
    if (a.kind == VAL_STRING && b.kind == VAL_STRING)
        return val_str_len(a) == val_str_len(b) && memcmp(val_str(a), val_str(b), val_str_len(a)) == 0;
    return val_key_equal(a, b);
}

/* Are two keys the same in h? Ordinal for a typed collection. */
static bool key_eq(const struct hash_heap *h, val a, val b)
{
    return h->type ? val_key_same(a, b) : val_key_equal(a, b);
}

/* Rebuilds an open-addressing index over entries hashes[0..n). */
static void reindex(uint32_t **index, uint32_t *icap, uint32_t n, const void *base, size_t stride,
                    size_t hash_off)
{
    free(*index);
    *index = NULL;
    *icap = 0;
    if (n <= SMALL)
        return;
    uint32_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    *index = emsh_xmalloc(cap * sizeof **index);
    memset(*index, 0, cap * sizeof **index);
    *icap = cap;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t h;
        memcpy(&h, (const char *)base + i * stride + hash_off, sizeof h);
        uint32_t k = (uint32_t)h & (cap - 1);
        while ((*index)[k])
            k = (k + 1) & (cap - 1);
        (*index)[k] = i + 1;
    }
}

val val_hash_new(bool ordered)
{
    struct hash_heap *h = heap_new(sizeof *h);
    val v = mk(VAL_HASHTABLE);
    v.u.p = &h->h;
    if (ordered)
        v.flags |= VF_ORDERED;
    return v;
}

val val_hash_new_typed(uint16_t type)
{
    val v = val_hash_new(false);
    hh(v)->type = type;
    return v;
}

uint16_t val_hash_type(val v)
{
    return v.kind == VAL_HASHTABLE ? hh(v)->type : 0;
}

val val_hash_clone(val v)
{
    struct hash_heap *h = hh(v);
    val c = val_hash_new(false);
    c.flags = v.flags;
    struct hash_heap *d = hh(c);
    d->type = h->type;
    d->cap = h->n;
    d->e = h->n ? emsh_xmalloc(h->n * sizeof *d->e) : NULL;
    for (uint32_t i = 0; i < h->n; i++) {
        d->e[i].key = val_copy(h->e[i].key);
        d->e[i].value = val_copy(h->e[i].value);
        d->e[i].hash = h->e[i].hash;
    }
    d->n = h->n;
    reindex(&d->index, &d->icap, d->n, d->e, sizeof *d->e, offsetof(struct hentry, hash));
    return c;
}

/* The entry number of key, or -1. */
static int64_t hash_find(const struct hash_heap *h, val key, uint64_t hash)
{
    if (!h->index) {
        for (uint32_t i = 0; i < h->n; i++)
            if (h->e[i].hash == hash && key_eq(h, h->e[i].key, key))
                return i;
        return -1;
    }
    uint32_t k = (uint32_t)hash & (h->icap - 1);
    while (h->index[k]) {
        const struct hentry *e = &h->e[h->index[k] - 1];
        if (e->hash == hash && key_eq(h, e->key, key))
            return h->index[k] - 1;
        k = (k + 1) & (h->icap - 1);
    }
    return -1;
}

val val_hash_set(val v, val key, val value)
{
    struct hash_heap *h = hh(v);
    uint64_t hash = key_hash(h, key);
    int64_t i = hash_find(h, key, hash);
    if (i >= 0) {
        val_free(key);
        val_free(h->e[i].value);
        h->e[i].value = value;
        return v;
    }
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 4;
        h->e = emsh_xrealloc(h->e, h->cap * sizeof *h->e);
    }
    h->e[h->n].key = key;
    h->e[h->n].value = value;
    h->e[h->n].hash = hash;
    h->n++;
    if (h->n > SMALL && (!h->index || 2 * h->n > h->icap))
        reindex(&h->index, &h->icap, h->n, h->e, sizeof *h->e, offsetof(struct hentry, hash));
    else if (h->index) {
        uint32_t k = (uint32_t)hash & (h->icap - 1);
        while (h->index[k])
            k = (k + 1) & (h->icap - 1);
        h->index[k] = h->n;
    }
    return v;
}

val val_hash_get(val v, val key)
{
    int64_t i = v.kind == VAL_HASHTABLE ? hash_find(hh(v), key, key_hash(hh(v), key)) : -1;
    val_free(key);
    return i >= 0 ? val_copy(hh(v)->e[i].value) : val_nothing();
}

bool val_hash_has(val v, val key)
{
    return v.kind == VAL_HASHTABLE && hash_find(hh(v), key, key_hash(hh(v), key)) >= 0;
}

val val_hash_remove(val v, val key)
{
    int64_t i = hash_find(hh(v), key, key_hash(hh(v), key));
    val_free(key);
    if (i < 0)
        return v;
    struct hash_heap *h = hh(v);
    val_free(h->e[i].key);
    val_free(h->e[i].value);
    memmove(h->e + i, h->e + i + 1, (h->n - (uint32_t)i - 1) * sizeof *h->e);
    h->n--;
    reindex(&h->index, &h->icap, h->n, h->e, sizeof *h->e, offsetof(struct hentry, hash));
    return v;
}

val val_hash_clear(val v)
{
    struct hash_heap *h = hh(v);
    for (uint32_t i = 0; i < h->n; i++) {
        val_free(h->e[i].key);
        val_free(h->e[i].value);
    }
    h->n = 0;
    reindex(&h->index, &h->icap, 0, h->e, sizeof *h->e, offsetof(struct hentry, hash));
    return v;
}

uint32_t val_hash_len(val v)
{
    return v.kind == VAL_HASHTABLE ? hh(v)->n : 0;
}

val val_hash_key_at(val v, uint32_t i)
{
    return hh(v)->e[i].key;
}

val val_hash_value_at(val v, uint32_t i)
{
    return hh(v)->e[i].value;
}

/* }================================================================== */

/*
** {==================================================================
** Objects
** ===================================================================
*/

static struct obj_heap *oh(val v)
{
    return (struct obj_heap *)v.u.p;
}

/* The index for room of n members (at least the present ones), rebuilt. */
static void obj_index(struct obj_heap *o, uint32_t n)
{
    free(o->index);
    o->index = NULL;
    o->icap = 0;
    if (n < o->n)
        n = o->n;
    if (n <= SMALL)
        return;
    uint32_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    o->index = emsh_xmalloc(cap * sizeof *o->index);
    memset(o->index, 0, cap * sizeof *o->index);
    o->icap = cap;
    for (uint32_t i = 0; i < o->n; i++) {
        uint32_t k = (uint32_t)text_ihash(o->p[i].name, o->p[i].nlen) & (cap - 1);
        while (o->index[k])
            k = (k + 1) & (cap - 1);
        o->index[k] = i + 1;
    }
}

static void obj_reindex(struct obj_heap *o) { obj_index(o, o->n); }

static char *dup(const char *s)
{
    return emsh_xstrndup(s, strlen(s));
}

val val_obj_new(const char *type_name)
{
    struct obj_heap *o = heap_new(sizeof *o);
    val v = mk(VAL_OBJECT);
    v.u.p = &o->h;
    o->types = emsh_xmalloc(2 * sizeof *o->types);
    o->types[o->ntypes++] = dup(type_name ? type_name : PSCUSTOMOBJECT);
    o->types[o->ntypes++] = dup("System.Object");
    return v;
}

val val_obj_clone(val v)
{
    struct obj_heap *o = oh(v);
    struct obj_heap *c = heap_new(sizeof *c);
    c->cap = c->n = o->n;
    c->p = o->n ? emsh_xmalloc(o->n * sizeof *c->p) : NULL;
    for (uint32_t i = 0; i < o->n; i++) {
        c->p[i].name = dup(o->p[i].name);
        c->p[i].nlen = o->p[i].nlen;
        c->p[i].borrowed = false;
        c->p[i].value = val_copy(o->p[i].value);
    }
    c->ntypes = o->ntypes;
    c->types = emsh_xmalloc((o->ntypes ? o->ntypes : 1) * sizeof *c->types);
    for (uint32_t i = 0; i < o->ntypes; i++)
        c->types[i] = dup(o->types[i]);
    obj_reindex(c);
    val r = mk(VAL_OBJECT);
    r.u.p = &c->h;
    return r;
}

static int64_t obj_find(const struct obj_heap *o, const char *name, size_t n)
{
    if (!o->index) {
        for (uint32_t i = 0; i < o->n; i++)
            if (text_ieq(o->p[i].name, o->p[i].nlen, name, n))
                return i;
        return -1;
    }
    uint32_t k = (uint32_t)text_ihash(name, n) & (o->icap - 1);
    while (o->index[k]) {
        const struct prop *pr = &o->p[o->index[k] - 1];
        if (text_ieq(pr->name, pr->nlen, name, n))
            return o->index[k] - 1;
        k = (k + 1) & (o->icap - 1);
    }
    return -1;
}

val val_obj_new_static(const char *const *types, uint32_t ntypes)
{
    struct obj_heap *o = heap_new(sizeof *o);
    val v = mk(VAL_OBJECT);
    v.u.p = &o->h;
    o->types = (char **)types; /* never written while static_types */
    o->ntypes = ntypes;
    o->static_types = true;
    return v;
}

static val obj_set(val v, const char *name, val value, bool borrow)
{
    struct obj_heap *o = oh(v);
    size_t n = strlen(name);
    int64_t i = obj_find(o, name, n);
    if (i >= 0) {
        val_free(o->p[i].value);
        o->p[i].value = value;
        return v;
    }
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4;
        o->p = emsh_xrealloc(o->p, o->cap * sizeof *o->p);
    }
    o->p[o->n].name = borrow ? (char *)name : emsh_xstrndup(name, n);
    o->p[o->n].borrowed = borrow;
    o->p[o->n].nlen = (uint32_t)n;
    o->p[o->n].value = value;
    o->n++;
    if (o->n > SMALL && (!o->index || 2 * o->n > o->icap))
        obj_reindex(o);
    else if (o->index) {
        uint32_t k = (uint32_t)text_ihash(name, n) & (o->icap - 1);
        while (o->index[k])
            k = (k + 1) & (o->icap - 1);
        o->index[k] = o->n;
    }
    return v;
}

val val_obj_push(val v, const char *name, size_t n, uint32_t hash, val value)
{
    struct obj_heap *o = oh(v);
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4;
        o->p = emsh_xrealloc(o->p, o->cap * sizeof *o->p);
    }
    o->p[o->n].name = (char *)name; /* static storage: the caller interned it */
    o->p[o->n].borrowed = true;
    o->p[o->n].nlen = (uint32_t)n;
    o->p[o->n].value = value;
    o->n++;
    if (o->n > SMALL && (!o->index || 2 * o->n > o->icap)) {
        obj_reindex(o);
    } else if (o->index) {
        uint32_t k = hash & (o->icap - 1);
        while (o->index[k])
            k = (k + 1) & (o->icap - 1);
        o->index[k] = o->n;
    }
    return v;
}

val val_obj_reserve(val v, uint32_t n)
{
    struct obj_heap *o = oh(v);
    if (n > o->cap) {
        o->cap = n;
        o->p = emsh_xrealloc(o->p, o->cap * sizeof *o->p);
    }
    if (n > SMALL && !o->index)
        obj_index(o, n); /* sized for n: pushing n members never rebuilds it */
    return v;
}

void val_obj_put(val o, const char *name, val value)
{
    (void)obj_set(o, name, value, false); /* an object changes in place: o stays o */
}

val val_obj_set(val v, const char *name, val value)
{
    return obj_set(v, name, value, false);
}

val val_obj_set_static(val v, const char *name, val value)
{
    return obj_set(v, name, value, true);
}

val val_obj_get(val v, const char *name)
{
    if (v.kind != VAL_OBJECT)
        return val_nothing();
    int64_t i = obj_find(oh(v), name, strlen(name));
    return i >= 0 ? val_copy(oh(v)->p[i].value) : val_nothing();
}

bool val_obj_has(val v, const char *name)
{
    return v.kind == VAL_OBJECT && obj_find(oh(v), name, strlen(name)) >= 0;
}

uint32_t val_obj_len(val v)
{
    return v.kind == VAL_OBJECT ? oh(v)->n : 0;
}

const char *val_obj_name_at(val v, uint32_t i)
{
    return oh(v)->p[i].name;
}

val val_obj_value_at(val v, uint32_t i)
{
    return oh(v)->p[i].value;
}

val val_obj_remove(val v, const char *name)
{
    int64_t i = obj_find(oh(v), name, strlen(name));
    if (i < 0)
        return v;
    struct obj_heap *o = oh(v);
    if (!o->p[i].borrowed)
        free(o->p[i].name);
    val_free(o->p[i].value);
    memmove(o->p + i, o->p + i + 1, (o->n - (uint32_t)i - 1) * sizeof *o->p);
    o->n--;
    obj_reindex(o);
    return v;
}

uint32_t val_obj_ntypes(val v)
{
    return v.kind == VAL_OBJECT ? oh(v)->ntypes : 0;
}

const char *val_obj_type_at(val v, uint32_t i)
{
    return oh(v)->types[i];
}

static val obj_type_insert(val v, const char *type_name, uint32_t at)
{
    struct obj_heap *o = oh(v);
    if (o->static_types) { /* copied before the first change */
        char **own = emsh_xmalloc((o->ntypes ? o->ntypes : 1) * sizeof *own);
        for (uint32_t i = 0; i < o->ntypes; i++)
            own[i] = dup(o->types[i]);
        o->types = own;
        o->static_types = false;
    }
    o->types = emsh_xrealloc(o->types, (o->ntypes + 1) * sizeof *o->types);
    memmove(o->types + at + 1, o->types + at, (o->ntypes - at) * sizeof *o->types);
    o->types[at] = dup(type_name);
    o->ntypes++;
    return v;
}

val val_obj_add_type(val v, const char *type_name)
{
    return obj_type_insert(v, type_name, oh(v)->ntypes);
}

val val_obj_insert_type(val v, const char *type_name)
{
    return obj_type_insert(v, type_name, 0);
}

/* }================================================================== */

/*
** {==================================================================
** Script blocks
** ===================================================================
*/

struct sb_unit *sb_unit_new(struct parse_unit *u)
{
    struct sb_unit *su = emsh_xmalloc(sizeof *su);
    su->refcnt = 1;
    su->u = u;
    su->lines = NULL;
    su->nlines = 0;
    return su;
}

struct sb_unit *sb_unit_retain(struct sb_unit *su)
{
    su->refcnt++;
    return su;
}

void sb_unit_release(struct sb_unit *su)
{
    if (su && --su->refcnt == 0) {
        parse_unit_free(su->u);
        free(su->lines);
        free(su);
    }
}

void sb_unit_linecol(struct sb_unit *su, uint32_t pos, uint32_t *line, uint32_t *col)
{
    const struct parse_unit *u = su->u;
    if (!su->lines) {
        uint32_t cap = 64;
        su->lines = emsh_xmalloc(cap * sizeof *su->lines);
        su->lines[su->nlines++] = 0;
        for (uint32_t i = 0; i < u->len; i++) {
            char c = u->src[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= u->len || u->src[i + 1] != '\n'))) {
                if (su->nlines == cap) {
                    cap *= 2;
                    su->lines = emsh_xrealloc(su->lines, cap * sizeof *su->lines);
                }
                su->lines[su->nlines++] = i + 1;
            }
        }
    }
    if (pos > u->len)
        pos = u->len;
    uint32_t lo = 0, hi = su->nlines;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (su->lines[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t c = 1;
    for (uint32_t i = su->lines[lo]; i < pos; i++)
        if (((unsigned char)u->src[i] & 0xC0) != 0x80 && u->src[i] != '\r')
            c++;
    *line = lo + 1;
    *col = c;
}

struct parse_unit *sb_unit_parse(struct sb_unit *su)
{
    return su->u;
}

val val_scriptblock(struct sb_unit *su, const struct ast_node *body)
{
    struct sb_heap *s = heap_new(sizeof *s);
    s->unit = sb_unit_retain(su);
    s->body = body;
    val v = mk(VAL_SCRIPTBLOCK);
    v.u.p = &s->h;
    return v;
}

const struct ast_node *val_sb_body(val v)
{
    return v.kind == VAL_SCRIPTBLOCK ? ((struct sb_heap *)v.u.p)->body : NULL;
}

struct sb_unit *val_sb_unit(val v)
{
    return v.kind == VAL_SCRIPTBLOCK ? ((struct sb_heap *)v.u.p)->unit : NULL;
}

/* }================================================================== */
