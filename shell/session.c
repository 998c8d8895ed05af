/*
** session.c - the running session as the session cmdlets see it (see
** session.h): variables, aliases and functions by scope, running text and
** script blocks for Invoke-Expression and Invoke-Command, the command
** history, the snap-ins added, transcripts and the console.
**
** What the session keeps for these cmdlets and struct interp has no field
** for (the stack of open transcripts, the snap-ins added) lives
** in one hidden object in the global scope, the variable named "\x01session"
** (a name no script can write; Get-Variable and completion skip names that
** begin with \x01).
*/
#include "session.h"
#include "eval_int.h"
#include "datetime.h"
#include "format.h"
#include "text.h"
#include "types.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

/*
** {==================================================================
** Types the session's objects use
** ===================================================================
*/

static uint16_t enum_type(const char *name, const char *const *names, const int64_t *values,
                          uint32_t n, bool flags)
{
    uint16_t id = type_lookup(name, strlen(name));
    const struct type_info *ti = id ? type_get(id) : NULL;
    if (ti && ti->kind == TK_ENUM)
        return id;
    return type_enum(name, names, values, n, flags);
}

/* System.Management.Automation.ScopedItemOptions ([Flags]). */
static uint16_t options_type(void)
{
    static const char *const names[] = {"None",     "ReadOnly", "Constant",
                                        "Private",  "AllScope", "Unspecified"};
    static const int64_t values[] = {0, 1, 2, 4, 8, 16};
    return enum_type("System.Management.Automation.ScopedItemOptions", names, values, 6, true);
}

/* System.Management.Automation.SessionStateEntryVisibility. */
static uint16_t visibility_type(void)
{
    static const char *const names[] = {"Public", "Private"};
    static const int64_t values[] = {0, 1};
    return enum_type("System.Management.Automation.SessionStateEntryVisibility", names, values, 2,
                     false);
}

/* System.Management.Automation.CommandTypes ([Flags]). */
static uint16_t command_types_type(void)
{
    static const char *const names[] = {"Alias",  "Function",       "Filter",
                                        "Cmdlet", "ExternalScript", "Application",
                                        "Script", "Workflow",       "Configuration",
                                        "All"};
    static const int64_t values[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 511};
    return enum_type("System.Management.Automation.CommandTypes", names, values, 10, true);
}

/* }================================================================== */

/*
** {==================================================================
** The hidden state
** ===================================================================
*/

#define STATE_NAME "\x01session"

/* The session's hidden object (borrowed), created on first use. */
static val state(struct interp *in)
{
    struct var *v = scope_get_local(in->global, STATE_NAME, strlen(STATE_NAME));
    if (!v || val_kind(v->value) != VAL_OBJECT) {
        v = scope_define(in->global, STATE_NAME, strlen(STATE_NAME));
        val_free(v->value);
        val o = val_obj_new("emsh.SessionState");
        o = val_obj_set(o, "Transcripts", val_arr_new());
        o = val_obj_set(o, "SnapIns", val_arr_new());
        v->value = o;
        v->options = VO_CONSTANT | VO_PRIVATE;
    }
    return v->value;
}

/* A member of the hidden object (borrowed). */
static val state_get(struct interp *in, const char *name)
{
    val o = state(in);
    val m = val_obj_get(o, name);
    val_free(m); /* the object keeps its reference */
    return m;
}

/* }================================================================== */

/*
** {==================================================================
** Scopes
** ===================================================================
*/

static bool ieq(const char *a, const char *b)
{
    return text_ieq(a, strlen(a), b, strlen(b));
}

/*
** The scope named by `scope`: NULL or "" is the current one. *is_private
** (may be NULL) tells the Private scope name apart from Local.
*/
static struct scope *resolve_scope(struct interp *in, const char *scope, int *rc, bool *is_private)
{
    *rc = SESS_OK;
    if (is_private)
        *is_private = false;
    if (!scope || !*scope || ieq(scope, "local"))
        return in->scope;
    if (ieq(scope, "private")) {
        if (is_private)
            *is_private = true;
        return in->scope;
    }
    if (ieq(scope, "global"))
        return in->global;
    if (ieq(scope, "script"))
        return scope_script(in->scope);
    /* Int32.Parse: white space around, an optional sign, digits */
    const char *s = scope;
    while (*s == ' ' || *s == '\t')
        s++;
    bool neg = false;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    if (*s < '0' || *s > '9') {
        *rc = SESS_BAD_SCOPE;
        return NULL;
    }
    int64_t n = 0;
    while (*s >= '0' && *s <= '9') {
        n = n * 10 + (*s++ - '0');
        if (n > INT32_MAX) {
            *rc = SESS_SCOPE_RANGE;
            return NULL;
        }
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s) {
        *rc = SESS_BAD_SCOPE;
        return NULL;
    }
    if (neg && n) {
        *rc = SESS_SCOPE_RANGE;
        return NULL;
    }
    struct scope *sc = in->scope;
    for (; n > 0 && sc; n--)
        sc = sc->parent;
    if (!sc)
        *rc = SESS_SCOPE_RANGE;
    return sc;
}

/* How many scopes up from the current one `s` is (-1 if it is not above it). */
static int depth_of(struct interp *in, const struct scope *s)
{
    int d = 0;
    for (const struct scope *c = in->scope; c; c = c->parent, d++)
        if (c == s)
            return d;
    return -1;
}

/* }================================================================== */

/*
** {==================================================================
** Variables
** ===================================================================
*/

static val options_value(unsigned options)
{
    return val_enum(options_type(), (int64_t)(options & 0x1F));
}

/* A PSVariable object for v, which lives `depth` scopes up. */
static val psvariable(const char *name, size_t n, val value, const char *description,
                      unsigned options, int depth)
{
    val o = val_obj_new("System.Management.Automation.PSVariable");
    o = val_obj_add_type(o, "System.Object");
    o = val_obj_set(o, "Name", val_str_n(name, n));
    o = val_obj_set(o, "Description", val_str_new(description ? description : ""));
    o = val_obj_set(o, "Value", val_kind(value) == VAL_NOTHING ? val_null() : val_copy(value));
    o = val_obj_set(o, "Visibility", val_enum(visibility_type(), 0));
    o = val_obj_set(o, "Module", val_null());
    o = val_obj_set(o, "ModuleName", val_str_new(""));
    o = val_obj_set(o, "Options", options_value(options));
    o = val_obj_set(o, "Attributes", val_arr_new());
    o = val_obj_set(o, "\x01ToString", val_str_new("System.Management.Automation.PSVariable"));
    o = val_obj_set(o, "\x01Scope", val_int(depth));
    return o;
}

/* The PSVariable of a variable of scope s, its Value bound to the variable. */
static val var_object(struct interp *in, struct scope *s, const struct var *v)
{
    val o = psvariable(v->name, v->nlen, v->value, v->description, v->options, depth_of(in, s));
    o = val_obj_set(o, SCOPE_BOUND_ID, val_long((int64_t)s->id));
    o = val_obj_set(o, SCOPE_BOUND_NAME, val_str_n(v->name, v->nlen));
    o.flags |= VF_LIVE;
    return o;
}

static bool hidden_name(const char *name)
{
    return name[0] == '\x01';
}

int session_var_exists(struct interp *in, const char *scope, const char *name, bool *exists)
{
    *exists = false;
    int rc = SESS_OK;
    struct scope *s = resolve_scope(in, scope, &rc, NULL);
    if (!s)
        return rc;
    size_t n = strlen(name);
    if (hidden_name(name))
        return SESS_OK;
    for (struct scope *c = s; c && !*exists; c = c->parent) {
        struct var *v = scope_get_local(c, name, n);
        *exists = v && (c == s || (v->options & VO_ALLSCOPE));
    }
    return SESS_OK;
}

val session_var_list(struct interp *in, const char *scope, int *rc)
{
    val out = val_arr_new();
    if (scope && *scope) {
        struct scope *s = resolve_scope(in, scope, rc, NULL);
        if (!s)
            return out;
        /* the scope's own variables, and the AllScope ones of the scopes above,
           which PowerShell copies into every scope */
        val seen = val_hash_new(false);
        for (struct scope *c = s; c; c = c->parent) {
            for (uint32_t i = 0; i < c->cap; i++) {
                struct var *v = scope_slot(c, i);
                if (!v || v->ns != NS_VARIABLE || hidden_name(v->name) || (c != s && !(v->options & VO_ALLSCOPE)))
                    continue;
                val key = val_str_n(v->name, v->nlen);
                if (val_hash_has(seen, key)) {
                    val_free(key);
                    continue;
                }
                seen = val_hash_set(seen, key, val_bool(true));
                out = val_arr_push(out, var_object(in, c, v));
            }
        }
        val_free(seen);
        return out;
    }
    *rc = SESS_OK;
    val seen = val_hash_new(false);
    /* $? is not stored in a scope; the session keeps it */
    out = val_arr_push(out, psvariable("?", 1, val_bool(in->last_ok), "", VO_CONSTANT | VO_ALLSCOPE,
                                       depth_of(in, in->global)));
    seen = val_hash_set(seen, val_str_new("?"), val_bool(true));
    for (struct scope *s = in->scope; s; s = s->parent) {
        for (uint32_t i = 0; i < s->cap; i++) {
            struct var *v = scope_slot(s, i);
            if (!v || v->ns != NS_VARIABLE || hidden_name(v->name))
                continue;
            if (s != in->scope && (v->options & VO_PRIVATE))
                continue;
            val key = val_str_n(v->name, v->nlen);
            if (val_hash_has(seen, key)) {
                val_free(key);
                continue;
            }
            seen = val_hash_set(seen, key, val_bool(true));
            out = val_arr_push(out, var_object(in, s, v));
        }
    }
    val_free(seen);
    return out;
}

/* Sets a variable's value as an assignment does: its type constraint converts it. */
static void assign_value(struct var *var, val value)
{
    val v = val_kind(value) == VAL_NOTHING ? val_null() : val_copy(value);
    if (var->type) {
        struct conv_error err;
        val c;
        if (conv_to_type(val_copy(v), var->type, &c, &err)) {
            val_free(v);
            v = c;
        }
    }
    val_free(var->value);
    var->value = v;
    if (var->nlen == 3 && text_ieq(var->name, 3, "OFS", 3)) {
        struct buf b = BUF_INIT;
        conv_str(var->value, &b);
        conv_set_ofs(val_is_null(var->value) ? NULL : buf_cstr(&b));
        buf_release(&b);
    }
}

int session_var_set(struct interp *in, const char *scope, const char *name, val value,
                    const char *description, int options, unsigned flags, val *result)
{
    if (result)
        *result = val_nothing();
    int rc;
    bool priv;
    struct scope *s = resolve_scope(in, scope, &rc, &priv);
    if (!s)
        return rc;
    size_t n = strlen(name);
    if (n == sizeof CMD_STRICT_VAR - 1 && !memcmp(name, CMD_STRICT_VAR, n))
        in->strict_seen = true;
    struct var *var = scope_get_local(s, name, n);
    if (!var && !(flags & SESS_CREATE)) {
        /* an AllScope variable of an outer scope is set where it lives */
        struct var *outer = scope_lookup(s, name, n);
        if (outer && (outer->options & VO_ALLSCOPE)) {
            var = outer;
            for (struct scope *c = s; c; c = c->parent)
                if (scope_get_local(c, name, n) == outer) {
                    s = c;
                    break;
                }
        }
    }
    bool force = (flags & SESS_FORCE) != 0;
    if (var && (flags & SESS_CREATE)) {
        /* New-Variable -Force replaces the variable (but never a constant one) */
        if (!force)
            return SESS_EXISTS;
        if (var->options & VO_CONSTANT)
            return SESS_NOT_WRITABLE;
        free(var->description);
        var->description = emsh_xstrndup(description ? description : "",
                                          description ? strlen(description) : 0);
        var->options = (uint8_t)((options < 0 ? 0 : options) | (priv ? VO_PRIVATE : 0));
        var->type = TY_NONE;
        assign_value(var, value);
        if (result)
            *result = var_object(in, s, var);
        return SESS_OK;
    }
    if (var) {
        bool changes = val_kind(value) != VAL_NOTHING || options >= 0;
        if (changes && (var->options & VO_CONSTANT))
            return SESS_NOT_WRITABLE;
        if (changes && (var->options & VO_READONLY) && !force)
            return SESS_NOT_WRITABLE;
        if (options >= 0) {
            if ((options & VO_CONSTANT) && !(var->options & VO_CONSTANT))
                return SESS_MAKE_CONSTANT;
            if ((var->options & VO_ALLSCOPE) && !(options & VO_ALLSCOPE))
                return SESS_ALLSCOPE;
        }
        if (val_kind(value) != VAL_NOTHING)
            assign_value(var, value);
        if (description) {
            free(var->description);
            var->description = emsh_xstrndup(description, strlen(description));
        }
        if (options >= 0)
            var->options = (uint8_t)options;
        if (result)
            *result = var_object(in, s, var);
        return SESS_OK;
    }
    var = scope_define(s, name, n);
    var->options = (uint8_t)((options < 0 ? 0 : options) | (priv ? VO_PRIVATE : 0));
    free(var->description);
    var->description = emsh_xstrndup(description ? description : "",
                                      description ? strlen(description) : 0);
    assign_value(var, value);
    if (result)
        *result = var_object(in, s, var);
    return SESS_OK;
}

int session_var_remove(struct interp *in, const char *scope, const char *name, bool force)
{
    int rc;
    struct scope *s = resolve_scope(in, scope, &rc, NULL);
    if (!s)
        return rc;
    size_t n = strlen(name);
    struct var *var = scope_get_local(s, name, n);
    if (!var) {
        /* an AllScope variable of an outer scope is in this one too */
        struct var *outer = scope_lookup(s, name, n);
        if (outer && (outer->options & VO_ALLSCOPE))
            for (struct scope *c = s->parent; c && !var; c = c->parent)
                if (scope_get_local(c, name, n) == outer) {
                    var = outer;
                    s = c;
                }
    }
    if (!var || hidden_name(var->name))
        return SESS_NOT_FOUND;
    if ((var->options & VO_CONSTANT) || ((var->options & VO_READONLY) && !force))
        return SESS_NOT_REMOVABLE;
    scope_remove(s, name, n);
    return SESS_OK;
}

/* }================================================================== */

/*
** {==================================================================
** Aliases
** ===================================================================
*/

/* The built-in aliases that are AllScope only (the others are ReadOnly, AllScope). */
static const char *const allscope_only[] = {
    "cat",  "cd",    "clear", "cp",   "h",    "history", "kill", "lp",    "ls",    "man",
    "mount", "md",   "mv",    "popd", "ps",   "pushd",   "pwd",  "r",     "rm",    "rmdir",
    "echo", "cls",   "chdir", "copy", "del",  "dir",     "erase", "move", "rd",    "ren",
    "set",  "type",  "icm",   "gjb",  "rcjb", "rjb",     "sajb", "spjb",  "wjb",   "nsn",
    "gsn",  "rsn",   "ipsn",  "epsn", "etsn", "exsn",    NULL};

void session_alias_builtin(struct interp *in, const char *name, const char *definition)
{
    struct var *a = scope_define_ns(in->global, NS_ALIAS, name, strlen(name));
    val_free(a->value);
    a->value = val_str_new(definition);
    a->options = VO_READONLY | VO_ALLSCOPE;
    for (size_t i = 0; allscope_only[i]; i++)
        if (ieq(allscope_only[i], name))
            a->options = VO_ALLSCOPE;
}

/* The command an alias leads to, through other aliases (a new string). */
static val resolved_name(struct interp *in, val definition)
{
    val cur = val_copy(definition);
    for (int hop = 0; hop < 8; hop++) {
        struct var *a = scope_lookup_ns(in->scope, NS_ALIAS, val_str(cur), val_str_len(cur));
        if (!a || val_kind(a->value) != VAL_STRING)
            break;
        val_free(cur);
        cur = val_copy(a->value);
    }
    return cur;
}

static val alias_object(struct interp *in, const struct var *a)
{
    val name = val_str_n(a->name, a->nlen), definition = a->value;
    val o = val_obj_new("System.Management.Automation.AliasInfo");
    o = val_obj_add_type(o, "System.Management.Automation.CommandInfo");
    o = val_obj_add_type(o, "System.Object");
    o = val_obj_set(o, "HelpUri", val_str_new(""));
    o = val_obj_set(o, "ResolvedCommandName", resolved_name(in, definition));
    o = val_obj_set(o, "DisplayName",
                    val_str_printf("%s -> %s", val_str(name), val_str(definition)));
    o = val_obj_set(o, "ReferencedCommand", val_copy(definition));
    o = val_obj_set(o, "ResolvedCommand", resolved_name(in, definition));
    o = val_obj_set(o, "Definition", val_copy(definition));
    o = val_obj_set(o, "Options", options_value(a->options));
    o = val_obj_set(o, "Description", val_str_new(a->description ? a->description : ""));
    o = val_obj_set(o, "OutputType", val_arr_new());
    o = val_obj_set(o, "Name", val_copy(name));
    o = val_obj_set(o, "CommandType", val_enum(command_types_type(), 1));
    o = val_obj_set(o, "Source", val_str_new(""));
    o = val_obj_set(o, "Version", val_null());
    o = val_obj_set(o, "Visibility", val_enum(visibility_type(), 0));
    o = val_obj_set(o, "ModuleName", val_str_new(""));
    o = val_obj_set(o, "Module", val_null());
    o = val_obj_set(o, "RemotingCapability", val_str_new("PowerShell"));
    o = val_obj_set(o, "Parameters", val_null());
    o = val_obj_set(o, "ParameterSets", val_arr_new());
    o = val_obj_set(o, "\x01ToString", name);
    return o;
}

val session_alias_list(struct interp *in, const char *scope, int *rc)
{
    val out = val_arr_new();
    *rc = SESS_OK;
    if (scope && *scope) {
        struct scope *s = resolve_scope(in, scope, rc, NULL);
        if (!s)
            return out;
        /* the scope's own aliases, and the AllScope ones above it, which are in every scope */
        for (struct scope *c = s; c; c = c->parent)
            for (uint32_t i = 0; i < c->cap; i++) {
                struct var *a = scope_slot(c, i);
                if (a && a->ns == NS_ALIAS && (c == s || (a->options & VO_ALLSCOPE)) &&
                    (c == s || !scope_get_local_ns(s, NS_ALIAS, a->name, a->nlen)))
                    out = val_arr_push(out, alias_object(in, a));
            }
        return out;
    }
    uint32_t n;
    struct var **items = scope_visible(in->scope, NS_ALIAS, &n);
    for (uint32_t i = 0; i < n; i++)
        out = val_arr_push(out, alias_object(in, items[i]));
    free(items);
    return out;
}

int session_command_remove(struct interp *in, bool alias, const char *name, bool force)
{
    int ns = alias ? NS_ALIAS : NS_FUNCTION;
    size_t n = strlen(name);
    for (struct scope *s = in->scope; s; s = s->parent) {
        struct var *v = scope_get_local_ns(s, ns, name, n);
        if (!v || (s != in->scope && (v->options & VO_PRIVATE)))
            continue;
        if ((v->options & VO_CONSTANT) || ((v->options & VO_READONLY) && !force))
            return SESS_NOT_REMOVABLE;
        scope_remove_ns(s, ns, name, n);
        return SESS_OK;
    }
    return SESS_NOT_FOUND;
}

int session_alias_set(struct interp *in, const char *scope, const char *name,
                      const char *definition, const char *description, int options,
                      unsigned flags, val *result)
{
    if (result)
        *result = val_nothing();
    int rc;
    bool priv;
    struct scope *s = resolve_scope(in, scope, &rc, &priv);
    if (!s)
        return rc;
    unsigned opts = (unsigned)(options < 0 ? 0 : options) | (priv ? VO_PRIVATE : 0);
    size_t n = strlen(name);
    struct var *a = scope_get_local_ns(s, NS_ALIAS, name, n);
    if (!a) {
        /* an AllScope alias of an outer scope is in this one too */
        struct var *outer = scope_lookup_ns(s, NS_ALIAS, name, n);
        if (outer && (outer->options & VO_ALLSCOPE))
            a = outer;
    }
    if (a) {
        bool force = (flags & SESS_FORCE) != 0;
        if ((flags & SESS_CREATE) && !force)
            return SESS_EXISTS;
        if ((a->options & VO_CONSTANT) || ((a->options & VO_READONLY) && !force))
            return SESS_NOT_WRITABLE;
        if ((opts & VO_CONSTANT) && !(a->options & VO_CONSTANT))
            return SESS_MAKE_CONSTANT;
        if ((a->options & VO_ALLSCOPE) && !(opts & VO_ALLSCOPE))
            return SESS_ALLSCOPE;
    } else {
        a = scope_define_ns(s, NS_ALIAS, name, n);
    }
    val_free(a->value);
    a->value = val_str_new(definition);
    a->options = (uint8_t)opts;
    free(a->description);
    a->description = emsh_xstrndup(description ? description : "", description ? strlen(description) : 0);
    if (result)
        *result = alias_object(in, a);
    return SESS_OK;
}

/* }================================================================== */

/*
** {==================================================================
** Functions: what Get-Command and Get-Help show of them
** ===================================================================
*/

/* The last part of a .NET type name, keeping array brackets: System.String[] -> String[]. */
static void short_type(const char *full, struct buf *out)
{
    const char *br = strchr(full, '[');
    size_t head = br ? (size_t)(br - full) : strlen(full);
    const char *dot = NULL;
    for (const char *p = full; p < full + head; p++)
        if (*p == '.')
            dot = p;
    buf_puts(out, dot ? dot + 1 : full);
}

static bool attr_named(const struct ast_node *a, const char *name)
{
    const struct ast_node *t = a->u.attr.type;
    const char *s = t->u.type.name.s;
    size_t n = t->u.type.name.n, ln = strlen(name);
    const char *dot = memchr(s, '.', n) ? strrchr(s, '.') : NULL;
    const char *last = dot ? dot + 1 : s;
    size_t lastn = n - (size_t)(last - s);
    if (text_ieq(last, lastn, name, ln))
        return true;
    return lastn == ln + 9 && text_ieq(last, ln, name, ln) &&
           text_ieq(last + ln, 9, "Attribute", 9);
}

/* A named attribute argument's value (a new reference): bare names are $true. */
static val attr_arg(struct interp *in, const struct ast_node *a, const char *name)
{
    for (uint32_t i = 0; i < a->u.attr.named.n; i++) {
        const struct ast_node *na = a->u.attr.named.v[i];
        if (!text_ieq(na->u.named_arg.name.s, na->u.named_arg.name.n, name, strlen(name)))
            continue;
        if (!na->u.named_arg.value)
            return val_bool(true);
        val v;
        bool ok = in->last_ok;
        if (ev_expr(in, na->u.named_arg.value, &v)) {
            val_free(in->thrown);
            in->thrown = val_null();
            in->last_ok = ok;
            return val_nothing();
        }
        in->last_ok = ok;
        return v;
    }
    return val_nothing();
}

static bool attr_bool(struct interp *in, const struct ast_node *a, const char *name)
{
    val v = attr_arg(in, a, name);
    bool b = val_kind(v) != VAL_NOTHING && conv_truthy(v);
    val_free(v);
    return b;
}

/* The positional arguments of an attribute as strings ([Alias('a','b')], [ValidateSet(...)]). */
static val attr_strings(struct interp *in, const struct ast_node *a)
{
    val out = val_arr_new();
    for (uint32_t i = 0; i < a->u.attr.args.n; i++) {
        val v;
        bool ok = in->last_ok;
        if (ev_expr(in, a->u.attr.args.v[i], &v)) {
            val_free(in->thrown);
            in->thrown = val_null();
            in->last_ok = ok;
            continue;
        }
        in->last_ok = ok;
        uint32_t n = val_kind(v) == VAL_ARRAY ? val_arr_len(v) : 1;
        for (uint32_t k = 0; k < n; k++) {
            val e = val_kind(v) == VAL_ARRAY ? val_arr_get(v, k) : val_copy(v);
            out = val_arr_push(out, conv_to_str(e));
        }
        val_free(v);
    }
    return out;
}

static val src_text(const struct parse_unit *u, uint32_t start, uint32_t end)
{
    if (end > u->len)
        end = u->len;
    if (start > end)
        start = end;
    return val_str_n(u->src + start, end - start);
}

/* One parameter of a param block, described for help and syntax. */
static val param_info(struct interp *in, const struct parse_unit *u, const struct ast_node *pn,
                      val set_names)
{
    const struct ast_node *var = pn->u.param.var;
    val p = val_obj_new("emsh.ParameterInfo");
    p = val_obj_set(p, "Name", val_str_n(var->u.var.name.s, var->u.var.name.n));
    struct buf type = BUF_INIT;
    bool is_switch = false;
    val values = val_null(), aliases = val_arr_new(), entries = val_arr_new();
    val help_message = val_null();
    for (uint32_t k = 0; k < pn->u.param.attrs.n; k++) {
        const struct ast_node *a = pn->u.param.attrs.v[k];
        if (a->kind == AST_TYPE_CONSTRAINT) {
            const struct ast_node *tn = a->u.tc.type;
            val text = src_text(u, tn->start, tn->end);
            /* the source spans the brackets: [string[]] -> string[] */
            const char *s = val_str(text);
            size_t n = val_str_len(text);
            if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
                s++;
                n -= 2;
            }
            uint16_t id = type_lookup(s, n);
            const struct type_info *ti = id ? type_get(id) : NULL;
            buf_reset(&type);
            if (ti)
                short_type(ti->name, &type);
            else
                buf_add(&type, s, n);
            if (id == TY_SWITCH)
                is_switch = true;
            const struct type_info *et = ti && ti->kind == TK_ARRAY ? type_get(ti->elem) : ti;
            if (et && et->kind == TK_ENUM) {
                val_free(values);
                values = val_arr_new();
                for (uint32_t i = 0; i < et->nnames; i++)
                    values = val_arr_push(values, val_str_new(et->names[i]));
            }
            val_free(text);
            continue;
        }
        if (a->kind != AST_ATTRIBUTE)
            continue;
        if (attr_named(a, "Parameter")) {
            val e = val_obj_new("emsh.ParameterSetEntry");
            val set = attr_arg(in, a, "ParameterSetName");
            val pos = attr_arg(in, a, "Position");
            int64_t position = -1;
            if (val_kind(pos) != VAL_NOTHING && !conv_to_int64(pos, &position, NULL))
                position = -1;
            val_free(pos);
            struct buf sn = BUF_INIT;
            if (val_kind(set) != VAL_NOTHING)
                conv_str(set, &sn);
            val_free(set);
            if (text_ieq(buf_cstr(&sn), sn.len, "__AllParameterSets", 18))
                buf_reset(&sn);
            e = val_obj_set(e, "Set", val_str_n(buf_cstr(&sn), sn.len));
            if (sn.len) {
                bool known = false;
                for (uint32_t i = 0; i < val_arr_len(set_names); i++)
                    if (text_ieq(val_str(val_arr_items(set_names)[i]),
                                 val_str_len(val_arr_items(set_names)[i]), sn.s, sn.len))
                        known = true;
                if (!known)
                    val_arr_push(set_names, val_str_n(sn.s, sn.len));
            }
            buf_release(&sn);
            e = val_obj_set(e, "Mandatory", val_bool(attr_bool(in, a, "Mandatory")));
            e = val_obj_set(e, "Position", val_int((int32_t)position));
            e = val_obj_set(e, "ByValue", val_bool(attr_bool(in, a, "ValueFromPipeline")));
            e = val_obj_set(e, "ByPropertyName",
                            val_bool(attr_bool(in, a, "ValueFromPipelineByPropertyName")));
            e = val_obj_set(e, "Remaining",
                            val_bool(attr_bool(in, a, "ValueFromRemainingArguments")));
            val hm = attr_arg(in, a, "HelpMessage");
            if (val_kind(hm) != VAL_NOTHING) {
                val_free(help_message);
                help_message = conv_to_str(hm);
            } else {
                val_free(hm);
            }
            entries = val_arr_push(entries, e);
        } else if (attr_named(a, "Alias")) {
            val names = attr_strings(in, a);
            for (uint32_t i = 0; i < val_arr_len(names); i++)
                aliases = val_arr_push(aliases, val_arr_get(names, i));
            val_free(names);
        }
    }
    if (!type.len)
        buf_puts(&type, "Object");
    if (!val_arr_len(entries)) {
        val e = val_obj_new("emsh.ParameterSetEntry");
        e = val_obj_set(e, "Set", val_str_new(""));
        e = val_obj_set(e, "Mandatory", val_bool(false));
        e = val_obj_set(e, "Position", val_int(-1));
        e = val_obj_set(e, "ByValue", val_bool(false));
        e = val_obj_set(e, "ByPropertyName", val_bool(false));
        e = val_obj_set(e, "Remaining", val_bool(false));
        entries = val_arr_push(entries, e);
    }
    p = val_obj_set(p, "Type", val_str_buf(&type));
    p = val_obj_set(p, "Switch", val_bool(is_switch));
    p = val_obj_set(p, "Values", values);
    p = val_obj_set(p, "Aliases", aliases);
    p = val_obj_set(p, "Entries", entries);
    p = val_obj_set(p, "HelpMessage", help_message);
    p = val_obj_set(p, "Default", pn->u.param.dflt
                                      ? src_text(u, pn->u.param.dflt->start, pn->u.param.dflt->end)
                                      : val_null());
    return p;
}

/* The FunctionInfo of one function. */
static val function_object(struct interp *in, const struct func *f)
{
    const struct ast_node *def = f->def, *body = def->u.func.body;
    const struct parse_unit *u = sb_unit_parse(f->unit);
    bool filter = def->u.func.filter;
    val o = val_obj_new(filter ? "System.Management.Automation.FilterInfo"
                               : "System.Management.Automation.FunctionInfo");
    if (filter)
        o = val_obj_add_type(o, "System.Management.Automation.FunctionInfo");
    o = val_obj_add_type(o, "System.Management.Automation.CommandInfo");
    o = val_obj_add_type(o, "System.Object");
    const char *dash = strchr(f->name, '-');
    o = val_obj_set(o, "Verb", dash ? val_str_n(f->name, (size_t)(dash - f->name)) : val_str_new(""));
    o = val_obj_set(o, "Noun", val_str_new(dash ? dash + 1 : ""));
    o = val_obj_set(o, "HelpFile", val_str_new(""));
    o = val_obj_set(o, "ScriptBlock", val_scriptblock(f->unit, body));
    /* the definition is the text between the braces */
    uint32_t bs = body->start, be = body->end;
    if (be > bs && u->src[bs] == '{')
        bs++;
    if (be > bs && u->src[be - 1] == '}')
        be--;
    o = val_obj_set(o, "Definition", src_text(u, bs, be));
    o = val_obj_set(o, "Options", options_value(0));
    o = val_obj_set(o, "Description", val_str_new(""));
    o = val_obj_set(o, "OutputType", val_arr_new());
    o = val_obj_set(o, "Name", val_str_new(f->name));
    o = val_obj_set(o, "CommandType", val_enum(command_types_type(), filter ? 4 : 2));
    o = val_obj_set(o, "Source", val_str_new(""));
    o = val_obj_set(o, "Version", val_null());
    o = val_obj_set(o, "Visibility", val_enum(visibility_type(), 0));
    o = val_obj_set(o, "ModuleName", val_str_new(""));
    o = val_obj_set(o, "Module", val_null());
    o = val_obj_set(o, "RemotingCapability", val_str_new("PowerShell"));
    /* the param block: [CmdletBinding()] and each parameter */
    const struct ast_list *list = def->u.func.params.n ? &def->u.func.params : NULL;
    const struct ast_node *pb = body->u.script.param;
    bool advanced = false, should_process = false, positional_binding = true;
    val default_set = val_str_new("");
    if (!list && pb) {
        list = &pb->u.param_block.params;
        for (uint32_t i = 0; i < pb->u.param_block.attrs.n; i++) {
            const struct ast_node *a = pb->u.param_block.attrs.v[i];
            if (a->kind != AST_ATTRIBUTE || !attr_named(a, "CmdletBinding"))
                continue;
            advanced = true;
            should_process = attr_bool(in, a, "SupportsShouldProcess");
            val ds = attr_arg(in, a, "DefaultParameterSetName");
            if (val_kind(ds) != VAL_NOTHING) {
                val_free(default_set);
                default_set = conv_to_str(ds);
            } else {
                val_free(ds);
            }
            val pbv = attr_arg(in, a, "PositionalBinding");
            if (val_kind(pbv) != VAL_NOTHING && !conv_truthy(pbv))
                positional_binding = false;
            val_free(pbv);
        }
    }
    val sets = val_arr_new(), params = val_arr_new();
    bool any_position = false;
    for (uint32_t i = 0; list && i < list->n; i++) {
        const struct ast_node *pn = list->v[i];
        for (uint32_t k = 0; k < pn->u.param.attrs.n; k++)
            if (pn->u.param.attrs.v[k]->kind == AST_ATTRIBUTE &&
                attr_named(pn->u.param.attrs.v[k], "Parameter"))
                advanced = true;
        val p = param_info(in, u, pn, sets);
        val entries = val_obj_get(p, "Entries");
        for (uint32_t k = 0; k < val_arr_len(entries); k++) {
            val pos = val_obj_get(val_arr_items(entries)[k], "Position");
            if (pos.u.i >= 0)
                any_position = true;
            val_free(pos);
        }
        val_free(entries);
        params = val_arr_push(params, p);
    }
    /* positions in declaration order when none is declared, as the binder gives them */
    if (!any_position && (positional_binding || !advanced)) {
        int32_t next = 0;
        for (uint32_t i = 0; i < val_arr_len(params); i++) {
            val p = val_arr_items(params)[i];
            val sw = val_obj_get(p, "Switch");
            val entries = val_obj_get(p, "Entries");
            bool remaining = false;
            for (uint32_t k = 0; k < val_arr_len(entries); k++) {
                val r = val_obj_get(val_arr_items(entries)[k], "Remaining");
                remaining |= conv_truthy(r);
                val_free(r);
            }
            if (!conv_truthy(sw) && !remaining) {
                for (uint32_t k = 0; k < val_arr_len(entries); k++)
                    val_obj_set(val_arr_items(entries)[k], "Position", val_int(next));
                next++;
            }
            val_free(sw);
            val_free(entries);
        }
    }
    o = val_obj_set(o, "CmdletBinding", val_bool(advanced));
    o = val_obj_set(o, "DefaultParameterSet", val_copy(default_set));
    o = val_obj_set(o, "\x01Params", params);
    o = val_obj_set(o, "\x01Sets", sets);
    o = val_obj_set(o, "\x01" "Default", default_set);
    o = val_obj_set(o, "\x01" "Advanced", val_bool(advanced));
    o = val_obj_set(o, "\x01ShouldProcess", val_bool(should_process));
    uint32_t hs = def->u.func.help_start, he = def->u.func.help_end;
    o = val_obj_set(o, "\x01Help", he > hs ? src_text(u, hs, he) : val_str_new(""));
    o = val_obj_set(o, "\x01ToString", val_str_new(f->name));
    return o;
}

static int cmp_func(const void *a, const void *b)
{
    const struct var *x = *(const struct var *const *)a, *y = *(const struct var *const *)b;
    return text_icmp(x->name, x->nlen, y->name, y->nlen);
}

val session_functions(struct interp *in)
{
    val out = val_arr_new();
    uint32_t n;
    struct var **fs = scope_visible(in->scope, NS_FUNCTION, &n);
    if (n > 1)
        qsort(fs, n, sizeof *fs, cmp_func);
    for (uint32_t i = 0; i < n; i++) {
        struct func f = ev_func_of(fs[i]);
        out = val_arr_push(out, function_object(in, &f));
    }
    free(fs);
    return out;
}

/* }================================================================== */

/*
** {==================================================================
** Running text and script blocks
** ===================================================================
*/

/* Throws the ParseException of a unit that failed to parse. */
static enum ev parse_failed(struct interp *in, const struct ast_node *at, const char *cmd,
                            const char *invocation, struct parse_unit *u)
{
    struct buf m = BUF_INIT;
    uint32_t shown = u->nerrors < 10 ? u->nerrors : 10;
    for (uint32_t i = 0; i < shown; i++) {
        struct parse_unit one = *u;
        one.errors = &u->errors[i];
        one.nerrors = 1;
        struct buf b = BUF_INIT;
        parse_render_errors(&one, &b);
        /* keep the position and message; the category lines belong to the record */
        const char *cat = strstr(buf_cstr(&b), "    + CategoryInfo");
        size_t len = cat ? (size_t)(cat - b.s) : b.len;
        while (len && (b.s[len - 1] == '\n' || b.s[len - 1] == ' '))
            len--;
        if (i)
            buf_puts(&m, "\n\n");
        buf_add(&m, b.s, len);
        buf_release(&b);
    }
    if (u->nerrors > 10)
        buf_puts(&m, "\n\nToo many errors were found. Fix the errors and try again.");
    /* the id names the cmdlet's class: Microsoft.PowerShell.Commands.InvokeExpressionCommand */
    struct buf cls = BUF_INIT;
    buf_puts(&cls, "Microsoft.PowerShell.Commands.");
    for (const char *p = cmd; *p; p++)
        if (*p != '-')
            buf_putc(&cls, *p);
    buf_puts(&cls, "Command");
    struct err_spec spec = {.message = buf_cstr(&m),
                            .id = perr_name(u->errors[0].id),
                            .category = "ParserError",
                            .exception = "System.Management.Automation.ParseException",
                            .target = val_nothing(),
                            .command = cmd,
                            .class_name = buf_cstr(&cls)};
    val r = err_record(&spec, in->unit, at);
    buf_release(&cls);
    val inv = val_obj_get(r, "InvocationInfo");
    val_obj_set(inv, "InvocationName", val_str_new(invocation ? invocation : cmd));
    val_free(inv);
    buf_release(&m);
    val_free(in->thrown);
    in->thrown = r;
    in->last_ok = false;
    in->fatal = false;
    return EV_THROW;
}

enum ev session_parse(struct interp *in, const struct ast_node *at, const char *cmd,
                      const char *invocation, const char *name, const char *text, size_t len,
                      val *out)
{
    *out = val_nothing();
    struct parse_unit *u = parse_unit_new(name, text, len);
    if (u->nerrors) {
        enum ev rc = parse_failed(in, at, cmd, invocation, u);
        parse_unit_free(u);
        return rc;
    }
    struct sb_unit *su = sb_unit_new(u);
    *out = val_scriptblock(su, u->root);
    sb_unit_release(su);
    return EV_OK;
}

enum ev session_run_block(struct interp *in, const struct ast_node *at, val sb, val input,
                          const val *args, uint32_t nargs, bool new_scope, struct sink *out)
{
    if (val_kind(input) != VAL_ARRAY)
        return ev_call_scriptblock_scoped(in, at, sb, val_nothing(), args, nargs, new_scope, out);
    /* pipeline input streams to the block as it would to `& $sb` (`. $sb` without a new scope) */
    return ev_pipe_scriptblock(in, at, sb, input, args, nargs, new_scope, out);
}

/* }================================================================== */

/*
** {==================================================================
** History
** ===================================================================
*/

void session_history_add(struct interp *in, const char *line, size_t len, bool ok,
                         int64_t start_ticks, int64_t end_ticks)
{
    int64_t id = 1;
    uint32_t n = val_arr_len(in->history);
    if (n) {
        val last = val_obj_get(val_arr_items(in->history)[n - 1], "Id");
        int64_t prev = 0;
        if (conv_to_int64(last, &prev, NULL))
            id = prev + 1;
        val_free(last);
    }
    val h = val_obj_new("Microsoft.PowerShell.Commands.HistoryInfo");
    h = val_obj_add_type(h, "System.Object");
    h = val_obj_set(h, "Id", val_long(id));
    h = val_obj_set(h, "CommandLine", val_str_n(line, len));
    h = val_obj_set(h, "ExecutionStatus", val_str_new(ok ? "Completed" : "Failed"));
    h = val_obj_set(h, "StartExecutionTime", val_datetime(start_ticks, VF_LOCAL));
    h = val_obj_set(h, "EndExecutionTime", val_datetime(end_ticks, VF_LOCAL));
    h = val_obj_set(h, "\x01ToString", val_str_n(line, len));
    in->history = val_arr_push(in->history, h);
    /* $MaximumHistoryCount entries are kept */
    val max = ev_var_get(in, "MaximumHistoryCount", 19);
    int64_t keep = 4096;
    if (!conv_to_int64(max, &keep, NULL) || keep < 1)
        keep = 4096;
    val_free(max);
    while (val_arr_len(in->history) > (uint64_t)keep)
        val_arr_remove_at(in->history, 0);
}

val session_history(struct interp *in)
{
    return val_arr_clone(in->history);
}

/* }================================================================== */

/*
** {==================================================================
** Snap-ins
** ===================================================================
*/

val session_snapins(struct interp *in)
{
    return val_arr_clone(state_get(in, "SnapIns"));
}

bool session_snapin_set(struct interp *in, const char *name, bool add)
{
    val list = state_get(in, "SnapIns");
    size_t len = strlen(name);
    for (uint32_t i = 0; i < val_arr_len(list); i++) {
        val n = val_arr_items(list)[i];
        if (text_ieq(val_str(n), val_str_len(n), name, len)) {
            if (add)
                return false;
            val_arr_remove_at(list, i);
            return true;
        }
    }
    if (add)
        val_arr_push(list, val_str_new(name));
    return add;
}

/* }================================================================== */

/*
** {==================================================================
** Transcripts
** ===================================================================
*/

/* yyyyMMddHHmmss of the local time, as the transcript blocks write it. */
static void stamp(struct buf *out)
{
    dt_format(out, dt_now_local(), DT_LOCAL, "yyyyMMddHHmmss", DT_INVARIANT);
}

static void computer_name(struct buf *out)
{
    const char *cn = getenv("COMPUTERNAME");
    char host[256];
    if (cn && *cn) {
        buf_puts(out, cn);
        return;
    }
    if (gethostname(host, sizeof host) != 0)
        strcpy(host, "localhost");
    host[sizeof host - 1] = '\0';
    for (char *p = host; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    buf_puts(out, host);
}

/* The command line that started this process (Host Application). */
static void host_application(struct buf *out)
{
    FILE *f = fopen("/proc/self/cmdline", "rb");
    if (!f) {
        buf_puts(out, "emsh");
        return;
    }
    int c;
    size_t start = out->len;
    while ((c = fgetc(f)) != EOF)
        buf_putc(out, c ? (char)c : ' ');
    fclose(f);
    while (out->len > start && out->s[out->len - 1] == ' ')
        out->s[--out->len] = '\0';
}

static void write_header(FILE *f)
{
    struct buf b = BUF_INIT, cn = BUF_INIT;
    computer_name(&cn);
    const char *user = getenv("USER");
    if (!user || !*user)
        user = getenv("LOGNAME");
    if (!user || !*user)
        user = "user";
    struct utsname un;
    if (uname(&un) != 0) {
        strcpy(un.sysname, "Linux");
        un.release[0] = '\0';
    }
    buf_puts(&b, "**********************\nWindows PowerShell transcript start\nStart time: ");
    stamp(&b);
    buf_printf(&b, "\nUsername: %s\\%s\nRunAs User: %s\\%s\nConfiguration Name: \n",
               buf_cstr(&cn), user, buf_cstr(&cn), user);
    buf_printf(&b, "Machine: %s (%s %s)\nHost Application: ", buf_cstr(&cn), un.sysname,
               un.release);
    host_application(&b);
    buf_printf(&b,
               "\nProcess ID: %ld\nPSVersion: 5.1\nPSEdition: Desktop\n"
               "PSCompatibleVersions: 1.0, 2.0, 3.0, 4.0, 5.0, 5.1\nBuildVersion: %s\n"
               "CLRVersion: \nWSManStackVersion: 3.0\nPSRemotingProtocolVersion: 2.3\n"
               "SerializationVersion: 1.1.0.1\n**********************\n",
               (long)getpid(), EMSH_VERSION);
    fwrite(b.s, 1, b.len, f);
    fflush(f);
    buf_release(&b);
    buf_release(&cn);
}

int session_transcript_start(struct interp *in, const char *path, bool append)
{
    FILE *f = fopen(path, append ? "a" : "w");
    if (!f)
        return errno ? errno : EIO;
    write_header(f);
    /* the running transcript moves down the stack; the new one is on top */
    val stack = state_get(in, "Transcripts");
    val entry = val_obj_new("emsh.Transcript");
    entry = val_obj_set(entry, "Path", val_str_new(path));
    entry = val_obj_set(entry, "File", val_long((int64_t)(intptr_t)in->transcript));
    val_arr_push(stack, entry);
    in->transcript = f;
    return 0;
}

bool session_transcript_stop(struct interp *in, val *path)
{
    if (path)
        *path = val_nothing();
    val stack = state_get(in, "Transcripts");
    uint32_t n = val_arr_len(stack);
    if (!n || !in->transcript)
        return false;
    val top = val_arr_get(stack, n - 1);
    val_arr_remove_at(stack, n - 1);
    struct buf b = BUF_INIT;
    buf_puts(&b, "**********************\nWindows PowerShell transcript end\nEnd time: ");
    stamp(&b);
    buf_puts(&b, "\n**********************\n");
    fwrite(b.s, 1, b.len, in->transcript);
    buf_release(&b);
    fclose(in->transcript);
    val prev = val_obj_get(top, "File");
    in->transcript = (FILE *)(intptr_t)prev.u.i;
    val_free(prev);
    if (path)
        *path = val_obj_get(top, "Path");
    val_free(top);
    return true;
}

void session_transcript_write(struct interp *in, const char *text, size_t len)
{
    if (!in->transcript)
        return;
    fwrite(text, 1, len, in->transcript);
    fflush(in->transcript);
    /* the transcripts below the newest one get it too */
    val stack = state_get(in, "Transcripts");
    for (uint32_t i = val_arr_len(stack); i-- > 1;) {
        val f = val_obj_get(val_arr_items(stack)[i], "File");
        FILE *older = (FILE *)(intptr_t)f.u.i;
        val_free(f);
        if (older) {
            fwrite(text, 1, len, older);
            fflush(older);
        }
    }
}

/* }================================================================== */

/*
** {==================================================================
** The console
** ===================================================================
*/

bool session_is_terminal(struct interp *in)
{
    return isatty(fileno(in->out)) == 1;
}

int session_console_width(struct interp *in)
{
    (void)in;
    return fmt_console_width(); /* the width the formatter lays the console out in, plus one */
}

/* }================================================================== */
