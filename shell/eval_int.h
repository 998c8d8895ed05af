/*
** eval_int.h - the evaluator's internal interface, shared by eval.c,
** members.c and the command runner. Not for use outside shell/.
*/
#ifndef EMSH_EVAL_INT_H
#define EMSH_EVAL_INT_H

#include "ast.h"
#include "conv.h"
#include "errors.h"
#include "interp.h"
#include "scope.h"

#include <signal.h>

/* Set by the SIGINT handler (Ctrl-C): running code stops with EV_HALT. */
extern volatile sig_atomic_t ev_interrupted;

/* A function as its scope holds it (NS_FUNCTION, scope.h), seen through a view. */
struct func {
    const char *name;
    struct sb_unit *unit;
    const struct ast_node *def; /* AST_FUNCTION */
};

/* The view of a function item of a scope. */
struct func ev_func_of(const struct var *item);

struct interp {
    struct scope *global;
    struct scope *scope;      /* the current scope */
    val errors;               /* $Error, newest first */
    val thrown;               /* the ErrorRecord of an EV_THROW under way */
    const char *label;        /* the label of a break/continue under way, or NULL */
    int exit_code;
    bool last_ok;             /* did the current (or last) pipeline succeed? */
    bool prev_ok;             /* $?: how the previous statement ended */
    bool interactive;
    int depth;                /* call depth */
    FILE *out, *err;
    struct sb_unit *unit;     /* the unit whose code is running */
    val script_args;
    val namespaces;           /* `using namespace` prefixes */
    val history;              /* commands entered at the prompt (HistoryInfo objects), oldest first */
    FILE *transcript;         /* Start-Transcript's file, or NULL */
    int err_route;            /* enum err_route of the element running */
    struct sink *err_out;
    int try_depth;            /* try blocks under way: errors go to their catch */
    bool fatal;               /* the error under way ends the script (throw, -ErrorAction Stop) */
    bool strict_seen;         /* Set-StrictMode has run: its checks are worth asking for */
    val type_cache;           /* hashtable: type text -> [type] */
    /* the stage that asked the pipelines upstream of it to stop (Select-Object
       -First): EV_STOP unwinds every stage and statement up to its pipeline */
    struct proc *stop_origin;
    struct class_def **classes; /* the classes scripts defined (typedefs.c) */
    uint16_t dispatch_from;     /* ([Base]$x).M(): the class whose method M runs */
    uint32_t nclasses;
};

/* One argument of a command as the command line gave it. */
struct cmd_arg {
    char *name;      /* parameter name without the dash, or NULL */
    val value;       /* VAL_NOTHING: none given */
    bool colon;      /* -Name:value */
    bool splat;      /* from @hashtable splatting */
    const struct ast_node *at;
};

/* Frees an argument array and the values in it. */
void ev_free_args(struct cmd_arg *args, uint32_t n);

/* One stage of a pipeline. */
struct proc {
    struct sink sink;  /* input: put() processes one object */
    struct sink *next; /* where output goes */
    struct interp *in;
    const struct ast_node *at;
    enum ev (*begin)(struct proc *p);
    enum ev (*end)(struct proc *p);
    void (*release)(struct proc *p);
    bool expects_input;
    bool begun;        /* begin has run (an upstream begin block's output runs it early) */
    /* 2>$null and 2>&1 on this element: where its error records go */
    int err_route;            /* enum err_route */
    struct sink *err_out;     /* ERR_TO_OUTPUT: the element's output */
    enum ev (*real_put)(struct sink *s, val v);
};

/* Where error records go while an element runs. */
enum err_route { ERR_CONSOLE, ERR_DISCARD, ERR_TO_OUTPUT };

/*
** The stage for a cmdlet, from the command table (cmdproc.c). Takes the
** values in args when it finds the cmdlet (*found true); the caller frees
** the array itself then.
*/
enum ev ev_cmdlet_proc(struct interp *in, const struct ast_node *at, const char *name,
                       struct cmd_arg *args, uint32_t nargs, struct proc **out, bool *found);

/*
** The organization backend (cmdproc.c), one per process. ev_org_configure()
** gives the store path and computer name (NULL: the defaults) and, under
** EMSH_CLOCK=virtual, makes Start-Sleep advance the engine's clock; each
** session calls it once and ev_org_release() at its end (the last closes
** the backend). ev_org_backend() opens the backend on first use and
** registers its catalog (enums and views); NULL and *err (malloc'd) when
** it cannot. ev_org_call() sends one request: a new response, or NULL and *err.
*/
struct backend;
struct json_t;
void ev_org_configure(const char *store, const char *computer);
void ev_org_release(void);
struct backend *ev_org_backend(char **err);
struct json_t *ev_org_call(struct json_t *request, char **err);

/* Builds an ErrorRecord at node `at` of the running unit and throws it. */
enum ev ev_throw(struct interp *in, const struct ast_node *at, const struct err_spec *spec);
/* Throws the conversion or operator failure err. */
enum ev ev_throw_conv(struct interp *in, const struct ast_node *at, const struct conv_error *err);
/* A method's argument `param` (plen bytes) did not convert to its type:
** the MethodException PowerShell gives, err's message inside. */
enum ev ev_throw_arg_conv(struct interp *in, const struct ast_node *at, const char *param, size_t plen,
                          val value, const char *method, uint16_t type, const struct conv_error *err);
/* Writes a non-terminating error, honouring $ErrorActionPreference; EV_THROW
** when the preference is Stop. */
enum ev ev_write_error(struct interp *in, const struct ast_node *at, const struct err_spec *spec);
/* Reports an ErrorRecord (consumed) by an ActionPreference value: SilentlyContinue 0,
** Stop 1, Continue 2, Inquire 3, Ignore 4. */
enum ev ev_report_error(struct interp *in, val record, int act);
/*
** ShouldProcess: prints the What if: line under whatif; asks under confirm
** (1 asked for, 0 refused, -1 by $ConfirmPreference against impact).
** EV_THROW when it must ask but cannot.
*/
enum ev ev_should_process(struct interp *in, const char *target, const char *action, bool whatif,
                          int confirm, int impact, bool *yes);
/* What ShouldProcess will do, without asking: enum sp_mode (cmdlet.h) from -WhatIf (or
** $WhatIfPreference), -Confirm (1, 0, or -1 for $ConfirmPreference against impact). */
int ev_should_process_mode(struct interp *in, bool whatif, int confirm, int impact);
/*
** ShouldProcess with Exchange's whole message: under SP_WHATIF prints "What if: message"
** (*answer 'N'); under SP_CONFIRM asks, *answer the choice's letter (Y, A, N, L) upper
** case; otherwise *answer 'Y'. EV_THROW when it must ask but cannot.
*/
enum ev ev_should_process_msg(struct interp *in, const char *message, int mode, char *answer);
/* Asks for missing mandatory parameters at the terminal; EV_THROW when there is none. */
struct cmd_meta;
enum ev ev_prompt_mandatory(struct interp *in, const struct cmd_meta *meta, const uint16_t *params,
                            uint16_t n, val *values);

/* Evaluates an expression (or a statement, for its value). */
enum ev ev_expr(struct interp *in, const struct ast_node *n, val *out);
/* Runs a statement, writing its output to out. */
enum ev ev_stmt(struct interp *in, const struct ast_node *n, struct sink *out);
/* Writes v to a sink, enumerating arrays (consumes v). */
enum ev ev_emit(struct sink *out, val v);

/* The -f operator: fmt formatted with the values of args (patterns.c). */
enum ev ev_format_op(struct interp *in, const struct ast_node *at, val fmt, val args, val *out);

/* Set-StrictMode's version where the interpreter is now: 0 (off), 1, 2 or 3
** (Latest), kept per scope in the hidden variable CMD_STRICT_VAR (cmdlet.h). */
int ev_strict_mode(struct interp *in);

/* Variables. */
val ev_var_get(struct interp *in, const char *name, size_t n);
enum ev ev_var_set(struct interp *in, const struct ast_node *at, const char *name, size_t n,
                   val v);
/*
** The Value of a [ref] (conv_is_ref()) or a PSVariable: its variable's
** value when it is bound to one (SCOPE_BOUND_ID) that lives in a scope the
** current one sees, else the value it holds. Setting it sets both
** (consumes v).
*/
val ev_ref_get(struct interp *in, val ref);
enum ev ev_ref_set(struct interp *in, const struct ast_node *at, val ref, val v);

/* Members (members.c). */
enum ev ev_member_get(struct interp *in, const struct ast_node *at, val target, val name,
                      bool is_static, val *out);
enum ev ev_member_set(struct interp *in, const struct ast_node *at, val target, val name,
                      val value);
enum ev ev_invoke_method(struct interp *in, const struct ast_node *at, val target, val name,
                         bool is_static, const val *args, uint32_t nargs, val *out);
enum ev ev_index_get(struct interp *in, const struct ast_node *at, val target, val index,
                     val *out);
enum ev ev_index_set(struct interp *in, const struct ast_node *at, val target, val index,
                     val value);

/* An object with its added alias and script properties read, its script
** methods left out, as formatting shows it (members.c; a new reference). */
val ev_resolved_view(struct interp *in, val obj);
/*
** Script classes (typedefs.c). ev_class_to_string: an instance's
** ToString() (its override, or the class name); false for other objects.
** ev_class_method: a method of an instance, or a static one (target a
** [type]; "new" constructs); *handled false when the class has no method of
** that name. ev_class_static_get/set: static properties.
** ev_class_member_set: assignment to a declared property, converted to its
** type. ev_class_members: Get-Member's rows. ev_predefine_types: the type
** definitions of a script, made before it runs.
*/
bool ev_class_to_string(struct interp *in, val obj, struct buf *out);
enum ev ev_class_method(struct interp *in, const struct ast_node *at, val target, const char *name,
                        const val *args, uint32_t nargs, val *out, bool *handled);
enum ev ev_class_static_get(struct interp *in, const struct ast_node *at, uint16_t type, const char *name,
                            val *out, bool *handled);
enum ev ev_class_static_set(struct interp *in, const struct ast_node *at, uint16_t type, const char *name,
                            val value, bool *handled);
enum ev ev_class_member_set(struct interp *in, const struct ast_node *at, val obj, const char *name, val value,
                            bool *handled);
bool ev_class_construct(struct interp *in, uint16_t type, const val *args, uint32_t nargs, val *out,
                        struct conv_error *err);
bool ev_class_convert(struct interp *in, val v, uint16_t type, val *out, struct conv_error *err);
bool ev_is_class_instance(struct interp *in, val obj);
val ev_class_members(struct interp *in, val obj);
val ev_class_view(struct interp *in, val obj);
enum ev ev_predefine_types(struct interp *in, const struct ast_node *root);
enum ev ev_define_type(struct interp *in, const struct ast_node *n);
void ev_classes_free(struct interp *in);

/* Runs a script block value with $_ = input (VAL_NOTHING: not set) and
** positional arguments; its output goes to out. In the current scope, as
** ForEach-Object and switch conditions run theirs, unless new_scope. */
enum ev ev_call_scriptblock(struct interp *in, const struct ast_node *at, val sb, val input,
                            const val *args, uint32_t nargs, struct sink *out);
enum ev ev_call_scriptblock_scoped(struct interp *in, const struct ast_node *at, val sb, val input,
                                   const val *args, uint32_t nargs, bool new_scope,
                                   struct sink *out);
/* Runs a script block as a pipeline command over the objects of `inputs`
** (an array): begin, process for each object, end with $input, as
** `$inputs | & $sb @args` does, or `. $sb` (the current scope) unless new_scope. */
enum ev ev_pipe_scriptblock(struct interp *in, const struct ast_node *at, val sb, val inputs,
                            const val *args, uint32_t nargs, bool new_scope, struct sink *out);

/*
** A class method or constructor call: the body runs in a new scope with its
** parameters bound to args and $this set (VAL_NOTHING: a static method);
** before (when set) runs first in that scope (a constructor's base call).
** Statements write nowhere; *ret gets the value of `return` (VAL_NOTHING
** when none ran).
*/
struct method_call {
    struct sb_unit *unit;
    const struct ast_node *body;   /* SCRIPT_BLOCK */
    const struct ast_list *params; /* PARAMETER */
    const char *name;
    val this_obj;
    const val *args;
    uint32_t nargs;
    enum ev (*before)(struct interp *in, void *ud);
    void *ud;
};
enum ev ev_call_method(struct interp *in, const struct ast_node *at, const struct method_call *mc, val *ret);

/*
** Script parameters (scriptbind.c). ev_script_bind binds a script block's
** parameters in the current scope (the caller has made the function's
** scope current): variables, $PSBoundParameters, $args, $PSCmdlet and the
** common parameters' preference variables. *out is set even on failure;
** free it with ev_script_binding_free.
*/
struct script_binding;
enum ev ev_script_bind(struct interp *in, const struct ast_node *at, const char *name,
                       const struct ast_node *body, const struct ast_list *paren,
                       struct cmd_arg *args, uint32_t nargs, bool pipeline_expected,
                       struct script_binding **out);
/* Binds one pipeline object; *skip when it could not be (the error is written). */
enum ev ev_script_bind_object(struct interp *in, struct script_binding *b, val obj, bool *skip);
bool ev_script_has_params(struct script_binding *b);
void ev_script_binding_free(struct script_binding *b);

/* Resolves a TYPENAME node to a type id, or throws "Unable to find type". */
enum ev ev_resolve_type(struct interp *in, const struct ast_node *tn, uint16_t *out);

#endif /* EMSH_EVAL_INT_H */
