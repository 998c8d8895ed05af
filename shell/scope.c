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

static uint32_t slot(const struct scope *s, const char *name, size_t n, bool *found)
{
    uint32_t k = (uint32_t)text_ihash(name, n) & (s->cap - 1);
    while (s->vars[k]) {
        if (text_ieq(s->vars[k]->name, s->vars[k]->nlen, name, n)) {
            *found = true;
            return k;
        }
        k = (k + 1) & (s->cap - 1);
    }
    *found = false;
    return k;
}

struct var *scope_get_local(struct scope *s, const char *name, size_t n)
{
    if (!s->cap)
        return NULL;
    bool found;
    uint32_t k = slot(s, name, n, &found);
    return found ? s->vars[k] : NULL;
}

struct var *scope_lookup(struct scope *s, const char *name, size_t n)
{
    for (struct scope *c = s; c; c = c->parent) {
        struct var *v = scope_get_local(c, name, n);
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
        uint32_t k = slot(s, vars[i]->name, vars[i]->nlen, &found);
        s->vars[k] = vars[i];
    }
    free(vars);
}

struct var *scope_define(struct scope *s, const char *name, size_t n)
{
    struct var *v = scope_get_local(s, name, n);
    if (v)
        return v;
    if (2 * (s->n + 1) > s->cap)
        grow(s);
    bool found;
    uint32_t k = slot(s, name, n, &found);
    v = emsh_xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    v->name = emsh_xstrndup(name, n);
    v->nlen = (uint32_t)n;
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
    uint32_t k = slot(s, name, n, &found);
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
        uint32_t t = slot(s, m->name, m->nlen, &found);
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
