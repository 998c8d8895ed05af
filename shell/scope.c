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
    s->flags = flags;
    s->refcnt = 1;
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

/* The slot of name (hash h) in s: where it is, or the free one it would take. */
static uint32_t slot(const struct scope *s, const char *name, size_t n, uint32_t h, bool *found)
{
    uint32_t k = h & (s->cap - 1);
    while (s->vars[k]) {
        const struct var *v = s->vars[k];
        /* the same spelling is the usual case: bytes first, case folding only when they differ */
        if (v->hash == h && v->nlen == n && (memcmp(v->name, name, n) == 0 || text_ieq(v->name, v->nlen, name, n))) {
            *found = true;
            return k;
        }
        k = (k + 1) & (s->cap - 1);
    }
    *found = false;
    return k;
}

static struct var *get_local(struct scope *s, const char *name, size_t n, uint32_t h)
{
    if (!s->cap)
        return NULL;
    bool found;
    uint32_t k = slot(s, name, n, h, &found);
    return found ? s->vars[k] : NULL;
}

struct var *scope_get_local(struct scope *s, const char *name, size_t n)
{
    return get_local(s, name, n, name_hash(name, n));
}

struct var *scope_lookup(struct scope *s, const char *name, size_t n)
{
    uint32_t h = name_hash(name, n);
    for (struct scope *c = s; c; c = c->parent) {
        struct var *v = get_local(c, name, n, h);
        if (v && (c == s || !(v->options & VO_PRIVATE)))
            return v;
    }
    return NULL;
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
        uint32_t k = slot(s, vars[i]->name, vars[i]->nlen, vars[i]->hash, &found);
        s->vars[k] = vars[i];
    }
    free(vars);
}

uint32_t scope_hash(const char *name, size_t n) { return name_hash(name, n); }

struct var *scope_define(struct scope *s, const char *name, size_t n)
{
    return scope_define_hashed(s, name, n, name_hash(name, n));
}

struct var *scope_define_hashed(struct scope *s, const char *name, size_t n, uint32_t h)
{
    struct var *v = get_local(s, name, n, h);
    if (v)
        return v;
    if (2 * (s->n + 1) > s->cap)
        grow(s);
    bool found;
    uint32_t k = slot(s, name, n, h, &found);
    v = emsh_xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    v->name = emsh_xstrndup(name, n);
    v->nlen = (uint32_t)n;
    v->hash = h;
    v->value = val_null();
    s->vars[k] = v;
    s->n++;
    return v;
}

bool scope_remove(struct scope *s, const char *name, size_t n)
{
    if (!s->cap)
        return false;
    bool found;
    uint32_t k = slot(s, name, n, name_hash(name, n), &found);
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
        uint32_t t = slot(s, m->name, m->nlen, m->hash, &found);
        s->vars[t] = m;
        j = (j + 1) & (s->cap - 1);
    }
    return true;
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
