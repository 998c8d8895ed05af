/*
** scope.h - variables and the scopes that hold them.
**
** PowerShell scopes are dynamic: a function runs in a new scope whose parent
** is its caller's, a script file in a new script scope, dot-sourced code in
** the caller's own scope. Reading $x walks from the current scope to the
** global one (skipping private variables of other scopes); assigning $x
** creates or sets it in the current scope; $global:, $script:, $local: and
** $private: pick the scope.
**
** Functions and aliases live in scopes too, by the same rules, in their own
** namespaces of the same tables (PowerShell's function: and alias: drives):
** a function defined in a function, or in a script that was not dot
** sourced, is gone when it returns.
*/
#ifndef EMSH_SCOPE_H
#define EMSH_SCOPE_H

#include "value.h"

enum var_options {
    VO_READONLY = 1 << 0,
    VO_CONSTANT = 1 << 1,
    VO_PRIVATE = 1 << 2,
    VO_ALLSCOPE = 1 << 3,
};

/* The namespaces of a scope's table. */
enum scope_ns {
    NS_VARIABLE,
    NS_FUNCTION, /* value: a script block of the AST_FUNCTION node */
    NS_ALIAS,    /* value: the name of the command */
};

struct var {
    char *name;
    uint32_t nlen;
    uint32_t hash;    /* of the name, ignoring case: probes compare it first */
    val value;
    uint16_t type;    /* a type constraint ([int]$x = ...), TY_NONE if none */
    uint8_t options;  /* enum var_options */
    uint8_t ns;       /* enum scope_ns */
    char *description;
};

enum scope_flags { SCOPE_GLOBAL = 1 << 0, SCOPE_SCRIPT = 1 << 1, SCOPE_FUNCTION = 1 << 2 };

struct scope {
    struct scope *parent;
    unsigned flags;
    struct var **vars; /* open addressing by case-insensitive name */
    uint32_t n, cap;
    uint32_t refcnt;
    uint64_t id; /* never reused: a [ref] finds its variable's scope by it */
};

/*
** Hidden members of an object bound to a variable (a [ref] to it, the
** PSVariable Get-Variable gives): the id of the variable's scope and its
** name, by which its Value reads and sets the variable (eval.c).
*/
#define SCOPE_BOUND_ID "\x01RefScope"
#define SCOPE_BOUND_NAME "\x01RefName"

struct scope *scope_new(struct scope *parent, unsigned flags);
struct scope *scope_retain(struct scope *s);
void scope_release(struct scope *s);

/* The variable named in this scope only, or NULL. */
struct var *scope_get_local(struct scope *s, const char *name, size_t n);
/* The variable as $name reads it from scope s, or NULL. */
struct var *scope_lookup(struct scope *s, const char *name, size_t n);
/* Creates the variable in s (or returns it if it exists). */
struct var *scope_define(struct scope *s, const char *name, size_t n);
/* The same with the name's scope_hash() known: callers that define one name often keep it. */
struct var *scope_define_hashed(struct scope *s, const char *name, size_t n, uint32_t hash);
uint32_t scope_hash(const char *name, size_t n);
/* Removes it from s; false if absent. */
bool scope_remove(struct scope *s, const char *name, size_t n);
/* The nearest script scope (or the global one). */
struct scope *scope_script(struct scope *s);
struct scope *scope_global(struct scope *s);
/* The same in a namespace other than the variables'. */
struct var *scope_get_local_ns(struct scope *s, int ns, const char *name, size_t n);
struct var *scope_lookup_ns(struct scope *s, int ns, const char *name, size_t n);
struct var *scope_define_ns(struct scope *s, int ns, const char *name, size_t n);
bool scope_remove_ns(struct scope *s, int ns, const char *name, size_t n);
/* The items of a namespace that s sees, nearest scope first, a name that a nearer
** scope shadows left out: a malloc'd array of *n. */
struct var **scope_visible(struct scope *s, int ns, uint32_t *n);
/* Iteration over a scope's items of every namespace (for Get-Variable): index < cap, NULL slots skipped. */
struct var *scope_slot(struct scope *s, uint32_t i);

#endif /* EMSH_SCOPE_H */
