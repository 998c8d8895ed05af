/*
** cmdlet.h - what a cmdlet is, and what its handler may do.
**
** A cmdlet is metadata (struct cmd_meta, generated from cmdlets/meta/<Name>.json
** into cmdlets.def) plus a handler: begin, process and end callbacks, as in
** PowerShell. The shell binds the parameters with the metadata before any
** callback runs (bind.h), so a handler reads bound, typed values with
** cmd_arg(). A handler never prints: it writes objects, errors, warnings
** and host text through the cmd_* functions below, which the shell
** implements behind the struct cmd_ops table. This keeps cmdlets/ below
** shell/: a cmdlet knows values and this interface, not the evaluator.
**
** Adding a cmdlet: its JSON file in cmdlets/meta/, its handler in the
** c_<noun>.c file of its noun, tests beside it (see cmdlets/README.md).
*/
#ifndef EMSH_CMDLET_H
#define EMSH_CMDLET_H

#include "status.h"
#include "value.h"

#include <stdbool.h>

/* {=== metadata ===*/

enum param_flags {
    PF_SWITCH = 1 << 0,      /* a [switch] */
    PF_WILDCARD = 1 << 1,    /* accepts wildcards (for help and completion) */
    PF_DYNAMIC = 1 << 2,     /* only some sets (documentation) */
    PF_ARRAY = 1 << 3,       /* the type is an array or a multi-valued property; `type` is the element type */
    PF_ENUM = 1 << 4,        /* valid_values are the members of the enum type_name: a value outside them
                                is a conversion error, not a ValidateSet one */
    PF_MULTIVALUED = 1 << 5, /* Exchange MultiValuedProperty: @{Add=...; Remove=...} passes through */
    PF_ALLOW_NULL = 1 << 6,             /* [AllowNull()] */
    PF_ALLOW_EMPTY_STRING = 1 << 7,     /* [AllowEmptyString()] */
    PF_ALLOW_EMPTY_COLLECTION = 1 << 8, /* [AllowEmptyCollection()] */
    PF_SET_CASE_SENSITIVE = 1 << 9,     /* [ValidateSet(..., IgnoreCase = $false)] */
};

enum pipe_flags { PIPE_NONE = 0, PIPE_BY_VALUE = 1 << 0, PIPE_BY_NAME = 1 << 1 };

/* param_set_entry.set for an entry that applies to every set (__AllParameterSets). */
#define PSET_ALL 0xFF
/* cmd_meta.default_set when the command declares no default set. */
#define SET_NONE 0xFF

/* A parameter's membership in one parameter set. */
struct param_set_entry {
    uint8_t set;        /* index into cmd_meta.sets, or PSET_ALL */
    bool mandatory;
    int8_t position;    /* -1: named only */
    uint8_t pipeline;   /* enum pipe_flags */
    bool remaining;     /* ValueFromRemainingArguments */
};

/*
** Validation attributes of a script parameter, in declaration order. The
** shell builds them from a param block; cmdlets from metadata use
** param_meta.valid_values instead. vals are owned by whoever owns the meta.
*/
enum validator_kind {
    VK_SET,               /* [ValidateSet(...)] */
    VK_RANGE,             /* [ValidateRange(min, max)] */
    VK_PATTERN,           /* [ValidatePattern('re')]: bind_env.match */
    VK_COUNT,             /* [ValidateCount(min, max)] */
    VK_LENGTH,            /* [ValidateLength(min, max)] */
    VK_NOT_NULL,          /* [ValidateNotNull()] */
    VK_NOT_NULL_OR_EMPTY, /* [ValidateNotNullOrEmpty()] */
    VK_SCRIPT,            /* [ValidateScript({...})]: bind_env.invoke */
};

struct param_validator {
    uint8_t kind; /* enum validator_kind */
    union {
        struct {
            const char *const *values; /* NULL-terminated */
            bool case_sensitive;
        } set;
        struct {
            val min, max; /* numbers */
        } range;
        struct {
            const char *pattern;
            bool case_sensitive; /* Options without IgnoreCase */
        } pattern;
        struct {
            int64_t min, max;
        } count, length;
        struct {
            val script;       /* a script block */
            const char *text; /* its text, for the message */
        } script;
    } u;
};

struct param_meta {
    const char *name;
    const char *const *aliases; /* NULL-terminated, or NULL */
    const char *type_name;      /* as documented: String, Int32, SwitchParameter, DatabaseIdParameter ... */
    uint16_t type;              /* the type binding converts to (types.h), TY_OBJECT if none;
                                   the element type when PF_ARRAY */
    unsigned flags;             /* enum param_flags */
    const char *const *valid_values; /* ValidateSet / enum values, NULL-terminated, or NULL */
    const char *help;
    uint8_t nsets;
    const struct param_set_entry *sets; /* the sets it belongs to; all sets if nsets == 0 */
    const char *default_text;   /* the documented default, for help; NULL if none */
    uint8_t nvalidators;
    const struct param_validator *validators; /* script parameters only, else NULL */
};

enum cmd_flags {
    CF_SHOULD_PROCESS = 1 << 0, /* supports -WhatIf and -Confirm */
    CF_BACKEND = 1 << 1,        /* dispatched to the organization backend */
    CF_SCRIPT = 1 << 2,         /* an advanced function's param block: conversions are argument
                                   transformations, as for [int]$x in a script */
    CF_SIMPLE = 1 << 3,         /* a function without [CmdletBinding()]: no common parameters, and
                                   arguments that bind to nothing go to $args */
};

enum confirm_impact { IMPACT_NONE, IMPACT_LOW, IMPACT_MEDIUM, IMPACT_HIGH };

/* An example of the documentation: a script and what it prints. */
struct cmd_example {
    const char *title;
    const char *script;
    const char *output;
};

struct cmd_meta {
    const char *name; /* Verb-Noun */
    const char *verb, *noun;
    const char *synopsis;
    const char *const *aliases; /* NULL-terminated, or NULL */
    unsigned flags;             /* enum cmd_flags */
    enum confirm_impact impact;
    uint8_t nsets;
    const char *const *sets; /* parameter set names; "__AllParameterSets" when one */
    uint8_t default_set;     /* index into sets, or SET_NONE */
    uint16_t nparams;
    const struct param_meta *params;
    const char *output_type;
    const char *description;
    uint8_t nexamples;
    const struct cmd_example *examples;
};

/* }=== */

/* {=== the handler and what it may call ===*/

struct cmd_ctx;
struct json_t; /* jansson's json_t */

/* What ShouldProcess does for a call (cmd_should_process_mode). */
enum sp_mode {
    SP_NONE,    /* go ahead without asking */
    SP_WHATIF,  /* -WhatIf or $WhatIfPreference: only say what would happen */
    SP_CONFIRM, /* ask first: -Confirm, or ConfirmImpact at or above $ConfirmPreference */
};

/* Implemented by the shell; handlers call the cmd_* wrappers below. */
struct cmd_ops {
    enum ev (*write)(struct cmd_ctx *c, val v);
    enum ev (*write_error)(struct cmd_ctx *c, const char *id, const char *category,
                           const char *exception, val target, const char *msg);
    enum ev (*throw_error)(struct cmd_ctx *c, const char *id, const char *category,
                           const char *exception, val target, const char *msg);
    void (*message)(struct cmd_ctx *c, int stream, const char *msg); /* warning, verbose ... */
    void (*host)(struct cmd_ctx *c, const char *text, int fg, int bg, bool newline);
    enum ev (*should_process)(struct cmd_ctx *c, const char *target, const char *action,
                              bool *yes);
    enum ev (*invoke)(struct cmd_ctx *c, val scriptblock, val input, const val *args,
                      uint32_t nargs, val *result);
    val (*arg)(struct cmd_ctx *c, uint16_t param); /* borrowed; VAL_NOTHING if unbound */
    bool (*bound)(struct cmd_ctx *c, uint16_t param);
    uint8_t (*set)(struct cmd_ctx *c);
    void *(*state)(struct cmd_ctx *c);
    void *(*session)(struct cmd_ctx *c);
    /* the session (shell/session.c); see the cmd_* wrappers below */
    val (*var_list)(struct cmd_ctx *c, const char *scope, int *rc);
    int (*var_set)(struct cmd_ctx *c, const char *scope, const char *name, val value,
                   const char *description, int options, unsigned flags, val *result);
    int (*var_remove)(struct cmd_ctx *c, const char *scope, const char *name, bool force);
    int (*var_exists)(struct cmd_ctx *c, const char *scope, const char *name, bool *exists);
    val (*alias_list)(struct cmd_ctx *c, const char *scope, int *rc);
    int (*alias_set)(struct cmd_ctx *c, const char *scope, const char *name,
                     const char *definition, const char *description, int options,
                     unsigned flags, val *result);
    val (*functions)(struct cmd_ctx *c);
    int (*command_remove)(struct cmd_ctx *c, bool alias, const char *name, bool force);
    enum ev (*parse_script)(struct cmd_ctx *c, const char *name, const char *text, size_t len,
                            val *out);
    enum ev (*run_block)(struct cmd_ctx *c, val sb, val input, const val *args, uint32_t nargs,
                         bool new_scope);
    val (*history)(struct cmd_ctx *c);
    int (*transcript_start)(struct cmd_ctx *c, const char *path, bool append);
    bool (*transcript_stop)(struct cmd_ctx *c, val *path);
    int (*console_width)(struct cmd_ctx *c);
    bool (*is_terminal)(struct cmd_ctx *c);
    bool (*interactive)(struct cmd_ctx *c);
    val (*snapins)(struct cmd_ctx *c);
    bool (*snapin_set)(struct cmd_ctx *c, const char *name, bool add);
    /* organization cmdlets (c_org.c); see the cmd_* wrappers below */
    enum ev (*org_invoke)(struct cmd_ctx *c, struct json_t *request, struct json_t **response);
    int (*should_process_mode)(struct cmd_ctx *c);
    enum ev (*should_process_msg)(struct cmd_ctx *c, const char *message, bool *yes);
};

struct cmd_ctx {
    const struct cmd_ops *ops;
    const struct cmd_meta *meta;
};

enum msg_stream { MSG_WARNING = 3, MSG_VERBOSE = 4, MSG_DEBUG = 5, MSG_INFORMATION = 6 };

/* Writes an object to the pipeline (consumes v). EV_STOP: stop producing. */
static inline enum ev cmd_write(struct cmd_ctx *c, val v) { return c->ops->write(c, v); }
/* A non-terminating error record; the command goes on. */
static inline enum ev cmd_error(struct cmd_ctx *c, const char *id, const char *category,
                                const char *exception, val target, const char *msg)
{
    return c->ops->write_error(c, id, category, exception, target, msg);
}
/* A terminating error: return what it returns. */
static inline enum ev cmd_throw(struct cmd_ctx *c, const char *id, const char *category,
                                const char *exception, val target, const char *msg)
{
    return c->ops->throw_error(c, id, category, exception, target, msg);
}
static inline void cmd_message(struct cmd_ctx *c, enum msg_stream s, const char *msg)
{
    c->ops->message(c, (int)s, msg);
}
static inline void cmd_host(struct cmd_ctx *c, const char *text, int fg, int bg, bool newline)
{
    c->ops->host(c, text, fg, bg, newline);
}
/*
** ShouldProcess: *yes says whether to go ahead (false under -WhatIf, or when
** the user declines at the -Confirm prompt). Returns EV_THROW when asking
** was needed but impossible (no terminal); return that status.
*/
static inline enum ev cmd_should_process(struct cmd_ctx *c, const char *target,
                                         const char *action, bool *yes)
{
    return c->ops->should_process(c, target, action, yes);
}
/*
** What ShouldProcess will do for this call, without printing or asking:
** SP_NONE for a cmdlet without CF_SHOULD_PROCESS.
*/
static inline enum sp_mode cmd_should_process_mode(struct cmd_ctx *c)
{
    return (enum sp_mode)c->ops->should_process_mode(c);
}
/*
** ShouldProcess with Exchange's whole message (the engine's "whatif" text):
** under -WhatIf prints "What if: <message>" and *yes is false; when a
** confirmation applies, asks "Are you sure you want to perform this
** action?\n<message>" ([Y] Yes [A] Yes to All [N] No [L] No to All; the
** "All" answers hold for the rest of the command). EV_THROW when asking was
** needed but impossible; return that status.
*/
static inline enum ev cmd_should_process_msg(struct cmd_ctx *c, const char *message, bool *yes)
{
    return c->ops->should_process_msg(c, message, yes);
}
/*
** Sends one request to the organization backend (engine.h shows the JSON;
** request borrowed) and sets *response to the answer (a new reference).
** The shell opens the backend on first use; when it cannot, this throws a
** terminating error (EV_THROW, *response NULL): return that status.
*/
static inline enum ev cmd_org_invoke(struct cmd_ctx *c, struct json_t *request,
                                     struct json_t **response)
{
    return c->ops->org_invoke(c, request, response);
}
/* Runs a script block with $_ set to input; its output is collected into *result. */
static inline enum ev cmd_invoke(struct cmd_ctx *c, val sb, val input, const val *args,
                                 uint32_t nargs, val *result)
{
    return c->ops->invoke(c, sb, input, args, nargs, result);
}
static inline val cmd_arg(struct cmd_ctx *c, uint16_t param) { return c->ops->arg(c, param); }
static inline bool cmd_bound(struct cmd_ctx *c, uint16_t param) { return c->ops->bound(c, param); }
/* Is switch parameter `param` on: bound to $true, or given without a value? */
static inline bool cmd_switch(struct cmd_ctx *c, uint16_t param)
{
    val v = cmd_arg(c, param);
    return (val_kind(v) == VAL_SWITCH || val_kind(v) == VAL_BOOL) && v.u.b;
}
static inline uint8_t cmd_set(struct cmd_ctx *c) { return c->ops->set(c); }
/* Per-invocation state of the size the handler declared, zeroed at begin. */
static inline void *cmd_state(struct cmd_ctx *c) { return c->ops->state(c); }

/*
** {=== the session: variables, aliases, functions, scripts, history, host ===
**
** For the cmdlets that work on the running session (Get-Variable,
** Set-Alias, Invoke-Expression, Get-Command, Get-Help, Start-Transcript,
** Add-PSSnapin ...). shell/session.h documents each operation in full. A scope is
** PowerShell's -Scope text: NULL or "" for the default, Global, Local,
** Private, Script, or a number of scopes up from the current one.
*/

/* What a session operation reports (besides SESS_OK). */
enum sess_rc {
    SESS_OK = 0,
    SESS_BAD_SCOPE,     /* the scope is not a scope name nor a number */
    SESS_SCOPE_RANGE,   /* the scope number exceeds the number of active scopes */
    SESS_NOT_FOUND,     /* no such item */
    SESS_EXISTS,        /* SESS_CREATE and the item exists (without SESS_FORCE) */
    SESS_NOT_WRITABLE,  /* read-only (without SESS_FORCE) or constant */
    SESS_CONSTANT,      /* constant: cannot be modified or removed */
    SESS_MAKE_CONSTANT, /* an existing item cannot be made constant */
    SESS_ALLSCOPE,      /* the AllScope option cannot be removed */
    SESS_NOT_REMOVABLE, /* read-only (without SESS_FORCE) or constant */
};

/* ScopedItemOptions, by value. */
enum sess_options {
    SESS_OPT_NONE = 0,
    SESS_OPT_READONLY = 1,
    SESS_OPT_CONSTANT = 2,
    SESS_OPT_PRIVATE = 4,
    SESS_OPT_ALLSCOPE = 8,
    SESS_OPT_UNSPECIFIED = 16,
};

/* How a set operation goes about it. */
enum sess_flags {
    SESS_FORCE = 1 << 0,  /* -Force: overwrite read-only items, replace existing ones */
    SESS_CREATE = 1 << 1, /* New-Variable / New-Alias: fail with SESS_EXISTS if it exists */
};

/* PSVariable objects visible from scope (NULL: all scopes, flattened); a new array. */
static inline val cmd_var_list(struct cmd_ctx *c, const char *scope, enum sess_rc *rc)
{
    int r = 0;
    val v = c->ops->var_list(c, scope, &r);
    *rc = (enum sess_rc)r;
    return v;
}
/* The hidden variable that holds Set-StrictMode's version (0 to 3) in the
** scope it was set in; the evaluator reads it through the scopes above. */
#define CMD_STRICT_VAR "\x01StrictMode"
/* Creates or changes a variable: value VAL_NOTHING, description NULL and options -1
** leave those unchanged; *result (may be NULL) gets the PSVariable. */
static inline enum sess_rc cmd_var_set(struct cmd_ctx *c, const char *scope, const char *name,
                                       val value, const char *description, int options,
                                       unsigned flags, val *result)
{
    return (enum sess_rc)c->ops->var_set(c, scope, name, value, description, options, flags,
                                         result);
}
/* Does `scope` (NULL or "": the current one) have variable `name`, as New-Variable
** checks: its own, or an AllScope one of the scopes above? Looked up, not listed. */
static inline enum sess_rc cmd_var_exists(struct cmd_ctx *c, const char *scope, const char *name,
                                          bool *exists)
{
    return (enum sess_rc)c->ops->var_exists(c, scope, name, exists);
}
static inline enum sess_rc cmd_var_remove(struct cmd_ctx *c, const char *scope, const char *name,
                                          bool force)
{
    return (enum sess_rc)c->ops->var_remove(c, scope, name, force);
}
/* AliasInfo objects of every alias; a new array. */
static inline val cmd_alias_list(struct cmd_ctx *c, const char *scope, enum sess_rc *rc)
{
    int r = 0;
    val v = c->ops->alias_list(c, scope, &r);
    *rc = (enum sess_rc)r;
    return v;
}
static inline enum sess_rc cmd_alias_set(struct cmd_ctx *c, const char *scope, const char *name,
                                         const char *definition, const char *description,
                                         int options, unsigned flags, val *result)
{
    return (enum sess_rc)c->ops->alias_set(c, scope, name, definition, description, options,
                                           flags, result);
}
/* FunctionInfo / FilterInfo objects of the session's functions, sorted by name. */
static inline val cmd_functions(struct cmd_ctx *c) { return c->ops->functions(c); }
/* Removes the alias (or function) `name` seen from the current scope, where it lives:
** SESS_NOT_FOUND, or SESS_NOT_REMOVABLE when read-only (without force) or constant. */
static inline enum sess_rc cmd_command_remove(struct cmd_ctx *c, bool alias, const char *name, bool force)
{
    return (enum sess_rc)c->ops->command_remove(c, alias, name, force);
}
/* Parses text into a script block (*out); name: the file it came from, or NULL. A syntax
** error is thrown as PowerShell's ParseException: return what it returns. */
static inline enum ev cmd_parse_script(struct cmd_ctx *c, const char *name, const char *text,
                                       size_t len, val *out)
{
    return c->ops->parse_script(c, name, text, len, out);
}
/* Runs a script block in a new scope or the caller's, output to cmd_write; input: an array
** of pipeline objects or VAL_NOTHING (Invoke-Expression, Invoke-Command). */
static inline enum ev cmd_run_block(struct cmd_ctx *c, val sb, val input, const val *args,
                                    uint32_t nargs, bool new_scope)
{
    return c->ops->run_block(c, sb, input, args, nargs, new_scope);
}
/* The HistoryInfo entries, oldest first; a new array. */
static inline val cmd_history(struct cmd_ctx *c) { return c->ops->history(c); }
/* Starts a transcript to the file at path (full path): 0 or an errno value. */
static inline int cmd_transcript_start(struct cmd_ctx *c, const char *path, bool append)
{
    return c->ops->transcript_start(c, path, append);
}
/* Stops the newest transcript; false when none runs. *path gets its path. */
static inline bool cmd_transcript_stop(struct cmd_ctx *c, val *path)
{
    return c->ops->transcript_stop(c, path);
}
/* The console width in columns, whether the output is a terminal, and whether a person
** is at the prompt. */
static inline int cmd_console_width(struct cmd_ctx *c) { return c->ops->console_width(c); }
static inline bool cmd_is_terminal(struct cmd_ctx *c) { return c->ops->is_terminal(c); }
static inline bool cmd_interactive(struct cmd_ctx *c) { return c->ops->interactive(c); }
/* The names of the snap-ins added to the session, oldest first; a new array. */
static inline val cmd_snapins(struct cmd_ctx *c) { return c->ops->snapins(c); }
/* Adds (add) or removes (!add) snap-in `name` of the session, ignoring case: false when
** it was already added (adding) or not added (removing). */
static inline bool cmd_snapin_set(struct cmd_ctx *c, const char *name, bool add)
{
    return c->ops->snapin_set(c, name, add);
}

/* }=== */

struct cmdlet {
    const struct cmd_meta *meta;
    enum ev (*begin)(struct cmd_ctx *c);
    enum ev (*process)(struct cmd_ctx *c, val input); /* input borrowed; VAL_NOTHING without pipeline input */
    enum ev (*end)(struct cmd_ctx *c);
    size_t state_size;
    void (*release)(void *state); /* frees what the state holds, or NULL */
};

/* }=== */

#endif /* EMSH_CMDLET_H */
