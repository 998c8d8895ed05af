/*
** interp.h - a PowerShell session: the evaluator's state and entry points.
**
** A session holds the scopes, the functions and aliases a script defined,
** $Error, the preference variables and the host streams. interp_run()
** evaluates a parsed unit in the session; its output objects go to the sink
** the caller gives (the formatter at top level, a collector in tests).
*/
#ifndef EMSH_INTERP_H
#define EMSH_INTERP_H

#include "parse.h"
#include "scope.h"
#include "status.h"
#include "value.h"

#include <stdio.h>

struct interp;

/* Where a pipeline's objects go. put() consumes v; EV_STOP asks the
** producer to stop. */
struct sink {
    enum ev (*put)(struct sink *s, val v);
};

/* A sink that collects into an array. */
struct collector {
    struct sink s;
    val items; /* VAL_ARRAY */
};
void collector_init(struct collector *c);
/* The collected objects the way an assignment sees them: nothing, the one
** object, or an object[] (consumes the collector's array). */
val collector_result(struct collector *c);

struct interp_options {
    bool interactive;          /* a person at a terminal (prompts, no strict errors) */
    FILE *out, *err;           /* the host's streams (stdout and stderr if NULL) */
    const char *computer_name; /* $env:COMPUTERNAME, and the server the backend runs us on */
    const char *store;         /* the organization store (NULL: $EMSH_STORE or the default) */
};

struct interp *interp_new(const struct interp_options *opt);
void interp_free(struct interp *in);

/*
** Runs a parsed unit. Takes ownership of u. `script` marks a script file
** (a new script scope; $PSScriptRoot set), otherwise the code runs in the
** global scope as typed text does. Output goes to out; errors are written
** to the host's error stream as they happen. Returns EV_OK, EV_EXIT (see
** interp_exit_code) or EV_THROW when a terminating error ended the run (it
** has been reported already).
*/
enum ev interp_run(struct interp *in, struct parse_unit *u, bool script, struct sink *out);

/* Writes a syntax error block for a unit that failed to parse, as PowerShell does. */
void interp_report_parse_errors(struct interp *in, const struct parse_unit *u);

/*
** At the start of an interactive session: asks the organization backend
** for its clock and, when the store holds no organization yet, prints how
** to build one. Says nothing when all is well or the store cannot open.
*/
void interp_org_hint(struct interp *in);

int interp_exit_code(struct interp *in);
/* $?: did the last statement succeed? */
bool interp_last_ok(struct interp *in);
/* Sets a variable in the global scope (consumes value). */
void interp_set_global(struct interp *in, const char *name, val value);
/* Script arguments ($args of a script file). */
void interp_set_script_args(struct interp *in, val args);

#endif /* EMSH_INTERP_H */
