/*
** scope.c - variables and scopes (see scope.h).
*/
#include "scope.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

struct scope *scope_new(struct scope *parent, unsigned flags)
{
    struct scope *s = emsh_xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->parent = parent ? scope_retain(parent) : NULL;
    static uint64_t ids;
    s->flags = flags;
    s->refcnt = 1;
    s->id = ++ids;
    return s;
}

struct scope *scope_retain(struct scope *s)
{
    s->refcnt++;
    return s;
}

void scope_release(struct scope *s)
{
    while (s && --s->refcnt == 0) {
        struct scope *parent = s->parent;
        for (uint32_t i = 0; i < s->cap; i++) {
            struct var *v = s->vars[i];
            if (!v)
                continue;
            free(v->name);
            free(v->description);
            val_free(v->value);
            free(v);
        }
        free(s->vars);
        free(s);
        s = parent;
    }
}

static uint32_t name_hash(const char *name, size_t n)
{
    return (uint32_t)text_ihash(name, n);
}

/* A name's hash in a namespace: the variables' is the plain one, which callers keep. */
static uint32_t ns_hash(int ns, const char *name, size_t n)
{
    return name_hash(name, n) ^ (uint32_t)ns * 0x9E3779B9u;
}

/* The slot of name (hash h) in s: where it is, or the free one it would take. */
static uint32_t slot(const struct scope *s, int ns, const char *name, size_t n, uint32_t h, bool *found)
{
    uint32_t k = h & (s->cap - 1);
    while (s->vars[k]) {
        const struct var *v = s->vars[k];
        /* the same spelling is the usual case: bytes first, case folding only when they differ */
        if (v->hash == h && v->nlen == n && v->ns == ns &&
            (memcmp(v->name, name, n) == 0 || text_ieq(v->name, v->nlen, name, n))) {
            *found = true;
            return k;
        }
        k = (k + 1) & (s->cap - 1);
    }
    *found = false;
    return k;
}

static struct var *get_local(struct scope *s, int ns, const char *name, size_t n, uint32_t h)
{
    if (!s->cap)
        return NULL;
    bool found;
    uint32_t k = slot(s, ns, name, n, h, &found);
    return found ? s->vars[k] : NULL;
}

static struct var *lookup(struct scope *s, int ns, const char *name, size_t n, uint32_t h)
{
    for (struct scope *c = s; c; c = c->parent) {
        struct var *v = get_local(c, ns, name, n, h);
        if (v && (c == s || !(v->options & VO_PRIVATE)))
            return v;
    }
    return NULL;
}

struct var *scope_get_local(struct scope *s, const char *name, size_t n)
{
    return get_local(s, NS_VARIABLE, name, n, name_hash(name, n));
}

struct var *scope_lookup(struct scope *s, const char *name, size_t n)
{
    return lookup(s, NS_VARIABLE, name, n, name_hash(name, n));
}

struct var *scope_get_local_ns(struct scope *s, int ns, const char *name, size_t n)
{
    return get_local(s, ns, name, n, ns_hash(ns, name, n));
}

struct var *scope_lookup_ns(struct scope *s, int ns, const char *name, size_t n)
{
    return lookup(s, ns, name, n, ns_hash(ns, name, n));
}

static void grow(struct scope *s)
{
    uint32_t old = s->cap;
    struct var **vars = s->vars;
    s->cap = old ? old * 2 : 16;
    s->vars = emsh_xmalloc(s->cap * sizeof *s->vars);
    memset(s->vars, 0, s->cap * sizeof *s->vars);
    for (uint32_t i = 0; i < old; i++) {
        if (!vars[i])
            continue;
        bool found;
        uint32_t k = slot(s, vars[i]->ns, vars[i]->name, vars[i]->nlen, vars[i]->hash, &found);
        s->vars[k] = vars[i];
    }
    free(vars);
}

uint32_t scope_hash(const char *name, size_t n) { return name_hash(name, n); }

static struct var *define(struct scope *s, int ns, const char *name, size_t n, uint32_t h)
{
    struct var *v = get_local(s, ns, name, n, h);
    if (v)
        return v;
    if (2 * (s->n + 1) > s->cap)
        grow(s);
    bool found;
    uint32_t k = slot(s, ns, name, n, h, &found);
    v = emsh_xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    v->name = emsh_xstrndup(name, n);
    v->nlen = (uint32_t)n;
    v->hash = h;
    v->ns = (uint8_t)ns;
    v->value = val_null();
    s->vars[k] = v;
    s->n++;
    return v;
}

struct var *scope_define(struct scope *s, const char *name, size_t n)
{
    return define(s, NS_VARIABLE, name, n, name_hash(name, n));
}

struct var *scope_define_hashed(struct scope *s, const char *name, size_t n, uint32_t h)
{
    return define(s, NS_VARIABLE, name, n, h);
}

struct var *scope_define_ns(struct scope *s, int ns, const char *name, size_t n)
{
    return define(s, ns, name, n, ns_hash(ns, name, n));
}

static bool remove_item(struct scope *s, int ns, const char *name, size_t n, uint32_t h)
{
    if (!s->cap)
        return false;
    bool found;
    uint32_t k = slot(s, ns, name, n, h, &found);
    if (!found)
        return false;
    struct var *v = s->vars[k];
    free(v->name);
    free(v->description);
    val_free(v->value);
    free(v);
    s->vars[k] = NULL;
    s->n--;
    /* re-seat the run after the hole */
    uint32_t j = (k + 1) & (s->cap - 1);
    while (s->vars[j]) {
        struct var *m = s->vars[j];
        s->vars[j] = NULL;
        uint32_t t = slot(s, m->ns, m->name, m->nlen, m->hash, &found);
        s->vars[t] = m;
        j = (j + 1) & (s->cap - 1);
    }
    return true;
}

bool scope_remove(struct scope *s, const char *name, size_t n)
{
    return remove_item(s, NS_VARIABLE, name, n, name_hash(name, n));
}

bool scope_remove_ns(struct scope *s, int ns, const char *name, size_t n)
{
    return remove_item(s, ns, name, n, ns_hash(ns, name, n));
}

struct var **scope_visible(struct scope *s, int ns, uint32_t *n)
{
    struct var **out = NULL;
    uint32_t k = 0, cap = 0;
    for (struct scope *c = s; c; c = c->parent)
        for (uint32_t i = 0; i < c->cap; i++) {
            struct var *v = c->vars[i];
            /* seen from s, the name is this item: not private elsewhere, not shadowed */
            if (!v || v->ns != ns || lookup(s, ns, v->name, v->nlen, v->hash) != v)
                continue;
            if (k == cap) {
                cap = cap ? cap * 2 : 16;
                out = emsh_xrealloc(out, cap * sizeof *out);
            }
            out[k++] = v;
        }
    *n = k;
    return out;
}

struct scope *scope_script(struct scope *s)
{
    for (struct scope *c = s; c; c = c->parent)
        if (c->flags & (SCOPE_SCRIPT | SCOPE_GLOBAL))
            return c;
    return s;
}

struct scope *scope_global(struct scope *s)
{
    while (s->parent)
        s = s->parent;
    return s;
}

struct var *scope_slot(struct scope *s, uint32_t i)
{
    return i < s->cap ? s->vars[i] : NULL;
}
