/*
** bind.h - PowerShell's parameter binder, generic over struct cmd_meta.
**
** The binder turns a command's arguments, as the evaluator produced them,
** into bound, typed parameter values, by the rules of Windows PowerShell
** 5.1's CmdletParameterBinderController (the shell Exchange runs in). It
** knows nothing of the evaluator: a cmdlet's metadata comes from the
** generated table (registry.h), and the shell binds an advanced function by
** building a struct cmd_meta from its param block at run time (CF_SCRIPT,
** validators, defaults through bind_set_default()) or a simple function
** (CF_SIMPLE, leftovers in $args).
**
** One invocation of a command:
**
**     struct bind_state st;
**     struct bind_error err;
**     bind_init(&st, meta, &env);
**     if (!bind_command_line(&st, args, nargs, has_pipeline_input, &err))
**         ... report err (a terminating error of the command) ...
**     for each pipeline object:
**         if (!bind_pipeline(&st, obj, &err))
**             ... err.ev != EV_THROW ? stop with err.ev :
**                 write err as a non-terminating error (target obj), skip obj ...
**         else ... run the process block, reading bind_value(&st, i) ...
**     bind_release(&st);
**
** Rules, as PowerShell applies them: names and aliases match ignoring case,
** by unique prefix (an exact match wins; a cmdlet parameter wins over a
** common one), else AmbiguousParameter lists the candidates; -Name:value;
** a switch never takes the next argument; `--` makes later -names plain
** arguments; named arguments bind first, then positional ones by position
** among the candidate sets (default set first, first without then with
** type conversion), then ValueFromRemainingArguments; a parameter bound
** twice is an error; values are converted to the parameter's type with
** conv_to_type() (a scalar becomes a one-element array for an array
** parameter; an Exchange multi-valued property takes @{Add=..;Remove=..}
** unchanged); ValidateSet and enum values compare ignoring case; mandatory
** parameters refuse $null and empty strings and collections unless allowed;
** the parameter set is resolved from what was bound (default set wins
** ties, else the only set whose mandatory parameters are satisfied); a
** missing mandatory parameter is prompted for through bind_env.prompt or
** is an error; pipeline objects bind per object ByValue, then
** ByPropertyName (properties of objects and the parameter's aliases; a
** hashtable's keys are not properties), without then with conversion, and
** what they bound is unbound again before the next object.
**
** Errors carry PowerShell's FullyQualifiedErrorId, category, exception type
** and message text (ParameterBinderStrings.resx, Metadata.resx).
*/
#ifndef EMSH_BIND_H
#define EMSH_BIND_H

#include "cmdlet.h"
#include "conv.h"

#include <stdbool.h>

/* {=== input: the arguments of one command ===*/

/* A byte range of the command's source (its parse unit), for error positions. */
struct bind_span {
    uint32_t start, end;
};

enum barg_flags {
    BARG_COLON = 1 << 0,         /* -Name:value; value is the argument */
    BARG_NO_VALUE = 1 << 1,      /* -Name alone: a switch, or the value is the next argument */
    BARG_SPLAT = 1 << 2,         /* from @hashtable splatting: an explicit -Name wins over it */
    BARG_END_OF_PARAMS = 1 << 3, /* the `--` token (name and value unused) */
};

struct bind_arg {
    const char *name; /* the parameter name as written, NUL-terminated (a leading '-' is skipped);
                         NULL for a positional argument */
    val value;        /* borrowed; unused with BARG_NO_VALUE and BARG_END_OF_PARAMS */
    unsigned flags;   /* enum barg_flags; a name without BARG_COLON counts as BARG_NO_VALUE */
    struct bind_span name_span;  /* the -Name token */
    struct bind_span value_span; /* the argument */
};

/* }=== */

/* {=== what the shell provides ===*/

struct bind_env {
    void *ud; /* passed to every callback */
    /*
    ** Mandatory parameters are missing and no pipeline object can supply
    ** them: prompt for them ("Supply values for the following parameters:",
    ** caption "cmdlet NAME at command pipeline position N", one field per
    ** parameter with its type and help). params are indexes into
    ** meta->params, in PowerShell's order; store a new reference in each
    ** values[i] (an array for an array parameter). Return EV_OK, EV_THROW
    ** when the host cannot prompt (non-interactive: the binder reports
    ** MissingMandatoryParameter), or EV_HALT / EV_STOP when the user gave
    ** up (passed back in bind_error.ev). NULL: never interactive. A value
    ** left VAL_NOTHING counts as not supplied.
    */
    enum ev (*prompt)(void *ud, const struct cmd_meta *meta, const uint16_t *params, uint16_t n,
                      val *values);
    /*
    ** ValidatePattern: does `subject` (len bytes) match the .NET regular
    ** expression `pattern`? 1 yes, 0 no, -1 the pattern is bad (message in
    ** err). NULL: patterns cannot be checked and every VK_PATTERN fails.
    */
    int (*match)(void *ud, const char *pattern, const char *subject, size_t len, bool ignore_case,
                 struct buf *err);
    /*
    ** Runs a script block with $_ set to input (ValidateScript, and a script
    ** block argument to a pipeline parameter, evaluated per object). Stores
    ** its output in *result (a new reference: VAL_NOTHING, one value, or an
    ** array of several). EV_THROW: it failed, message in err; other non-OK
    ** statuses are passed back in bind_error.ev.
    */
    enum ev (*invoke)(void *ud, val script, val input, val *result, struct buf *err);
    /*
    ** Optional: converts v (borrowed) for a parameter whose type the binder
    ** does not know how to build (an Exchange identity parameter ...).
    ** 1 converted (*out holds a new reference), 0 not handled (the binder
    ** uses conv_to_type), -1 failed (err holds the conversion error).
    */
    int (*convert)(void *ud, const struct param_meta *p, val v, val *out, struct conv_error *err);
};

/* }=== */

/* {=== output ===*/

/* A binding error, as PowerShell reports it. */
struct bind_error {
    enum ev ev;     /* EV_THROW for a binding error; else a status from a callback to pass on */
    const char *id; /* FullyQualifiedErrorId without ",Command": NamedParameterNotFound ... */
    const char *category;  /* InvalidArgument, InvalidData, MetadataError */
    const char *exception; /* System.Management.Automation.ParameterBindingException ... */
    const char *inner; /* the inner exception's type (ValidationMetadataException ...), or NULL */
    char param[128];   /* the parameter concerned, or "" */
    struct bind_span span; /* where: the -Name, the argument, or {0,0} for the whole command */
    char msg[2048]; /* the message, e.g. "A parameter cannot be found that matches parameter name
                       'Bogus'." */
};

enum bind_how {
    BOUND_NOT,        /* unbound */
    BOUND_NAMED,      /* -Name value, -Name:value, -Switch */
    BOUND_POSITIONAL, /* by position */
    BOUND_PIPELINE,   /* from the current pipeline object */
    BOUND_REMAINING,  /* ValueFromRemainingArguments */
    BOUND_PROMPTED,   /* supplied at the mandatory-parameter prompt */
    BOUND_DEFAULT,    /* not bound: the value set by bind_set_default() */
};

/* The common parameters, in PowerShell's order; WhatIf and Confirm only with CF_SHOULD_PROCESS. */
enum common_param {
    CP_VERBOSE,
    CP_DEBUG,
    CP_ERROR_ACTION,
    CP_WARNING_ACTION,
    CP_INFORMATION_ACTION,
    CP_ERROR_VARIABLE,
    CP_WARNING_VARIABLE,
    CP_INFORMATION_VARIABLE,
    CP_OUT_VARIABLE,
    CP_OUT_BUFFER,
    CP_PIPELINE_VARIABLE,
    CP_WHATIF,
    CP_CONFIRM,
    CP__COUNT
};

/* System.Management.Automation.ActionPreference, by value. */
enum action_pref {
    ACT_SILENTLY_CONTINUE = 0,
    ACT_STOP = 1,
    ACT_CONTINUE = 2,
    ACT_INQUIRE = 3,
    ACT_IGNORE = 4,
    ACT_SUSPEND = 5,
};

struct bind_common {
    uint32_t bound; /* bit (1 << enum common_param) for each one given */
    bool verbose, debug, whatif, confirm;
    enum action_pref error_action, warning_action, information_action; /* meaningful when bound */
    int32_t out_buffer;
    const char *error_variable, *warning_variable, *information_variable, *out_variable,
        *pipeline_variable; /* borrowed from the state; NULL when not given */
};

struct bind_slot {
    val value;   /* owned; VAL_NOTHING when unbound without a default */
    val saved;   /* the default to restore after a pipeline object; owned */
    uint8_t how; /* enum bind_how */
};

struct bind_delay; /* a script block argument evaluated per pipeline object */
struct bind_facts; /* what a slot's set entries say, summarized once per state */

/*
** The state of one command's binding. Slots 0..meta->nparams-1 are the
** declared parameters; the common parameters follow (bind_param() gives
** the metadata of any slot). Fields are read through the functions below.
*/
struct bind_state {
    const struct cmd_meta *meta;
    const struct bind_env *env;
    uint16_t nslots;
    struct bind_slot *slots;
    struct bind_facts *facts; /* one per slot, computed by bind_init */
    uint16_t *unbound; /* unbound slots, in PowerShell's UnboundParameters order */
    uint16_t nunbound;
    uint16_t *unbound_pipe; /* those of them that take pipeline input somewhere, same order */
    uint16_t nunbound_pipe;
    uint16_t *unbound_mand; /* those of them that are mandatory somewhere, same order */
    uint16_t nunbound_mand;
    uint32_t nomand_cur; /* with nomand_known: no slot of unbound_mand is mandatory in this cur */
    bool nomand_known;
    uint16_t *piped; /* slots bound from the current pipeline object */
    uint16_t npiped;
    struct bind_delay *delays;
    uint16_t ndelays;
    uint32_t cur;      /* candidate sets: bit i is meta->sets[i]; UINT32_MAX before any narrowing */
    uint32_t pre_pipe; /* cur after the command line, restored for each pipeline object */
    uint32_t prio;     /* a set pipeline binding tries first, or 0 */
    bool pipeline_expected;
    int32_t fast_slot; /* >= 0: every pipeline object binds, as it is, to this slot (bind_pipeline) */
    uint32_t fast_cur; /* cur after such a binding */
    struct bind_common common;
    val args; /* CF_SIMPLE: what bound to nothing, as $args sees it; else VAL_NOTHING */
};

/* }=== */

/* {=== functions ===*/

/* Prepares a state for one invocation of the command `meta`; env may be NULL. */
void bind_init(struct bind_state *st, const struct cmd_meta *meta, const struct bind_env *env);
/* Frees what the state holds. */
void bind_release(struct bind_state *st);

/*
** The value an unbound parameter has (a script parameter's default); it
** shows as BOUND_DEFAULT, is not validated and is what a pipeline
** parameter returns to between objects. Consumes v. Call before binding.
*/
void bind_set_default(struct bind_state *st, uint16_t param, val v);

/*
** Binds the command line: names, positions, remaining arguments, the
** parameter set and the mandatory parameters (prompting through env).
** pipeline_expected: pipeline objects will follow (mandatory pipeline
** parameters may then come from them). Returns false with *err filled on
** a binding error (err->ev == EV_THROW) or when a prompt was abandoned
** (err->ev is what the prompt returned).
*/
bool bind_command_line(struct bind_state *st, const struct bind_arg *args, uint32_t nargs,
                       bool pipeline_expected, struct bind_error *err);

/*
** Binds one pipeline object (borrowed): first unbinds what the previous
** object bound, evaluates script block arguments of pipeline parameters,
** binds ByValue and ByPropertyName, resolves the set and checks the
** mandatory parameters. Returns false with *err filled when the object
** cannot be processed: a non-terminating error whose target is `input`
** (InputObjectNotBound, InputObjectMissingMandatory, a conversion or
** validation error), or err->ev != EV_THROW from a script block.
*/
bool bind_pipeline(struct bind_state *st, val input, struct bind_error *err);

/* The value of slot i (borrowed): VAL_NOTHING when unbound and no default. */
val bind_value(const struct bind_state *st, uint16_t i);
/* How slot i got its value. */
enum bind_how bind_how_of(const struct bind_state *st, uint16_t i);
/* Was slot i bound by the invocation ($PSBoundParameters), not merely defaulted? */
bool bind_is_bound(const struct bind_state *st, uint16_t i);
/* The metadata of slot i (a declared or a common parameter). */
const struct param_meta *bind_param(const struct bind_state *st, uint16_t i);
/* The slot of common parameter cp, or -1 when the command does not have it. */
int bind_common_slot(const struct bind_state *st, enum common_param cp);
/* The common parameters given. */
const struct bind_common *bind_commons(const struct bind_state *st);
/* The resolved parameter set (index into meta->sets), or -1 while undecided. */
int bind_set(const struct bind_state *st);
/* The sets still possible: bit i for meta->sets[i] (0 for a command without named sets). */
uint32_t bind_candidate_sets(const struct bind_state *st);
/* Its name ("__AllParameterSets" for a command without sets), or NULL while undecided. */
const char *bind_set_name(const struct bind_state *st);
/* CF_SIMPLE: the arguments that bound to nothing ($args), borrowed; VAL_NOTHING otherwise. */
val bind_args(const struct bind_state *st);

/*
** Resolves a parameter name (or prefix, or alias) of a command as the
** binder does: returns the slot, -1 when nothing matches, -2 when it is
** ambiguous (*err filled with AmbiguousParameter; err may be NULL). With
** common set, the common parameters of the command take part.
*/
int bind_find_param(const struct cmd_meta *meta, const char *name, size_t len, bool common,
                    struct bind_error *err);

/* }=== */

#endif /* EMSH_BIND_H */
