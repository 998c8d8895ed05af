/*
** session.h - the running session as the session cmdlets see it.
**
** The cmdlets of Get-Variable, Set-Alias, Invoke-Expression, Get-Command,
** Get-Help, Get-History, Start-Transcript, Add-PSSnapin and their kin need
** the session itself: its scopes, aliases, functions, history, snap-ins,
** transcript and host.
** They reach it through the cmd_ops members of cmdlets/cmdlet.h, which
** shell/cmdproc.c implements by calling the functions below. Everything
** here works on the session's own data (struct interp, eval_int.h); the
** handlers never see it.
**
** Values: every function returning a val returns a new reference; vals
** passed in are borrowed unless a comment says otherwise.
**
** Items (variables and aliases) come back as the objects PowerShell gives:
** PSVariable (Name, Value, Description, Options, Visibility, Attributes ...)
** and AliasInfo (Name, Definition, DisplayName, Options, CommandType ...).
** A PSVariable carries a hidden property "\x01Scope": the number of scopes
** between the current one and the scope that holds the variable, so a
** handler can act on exactly that variable again with the scope "N".
**
** The transcript (Start-Transcript) is also fed by the host: the top-level
** output, error and host text are passed to session_transcript_write().
*/
#ifndef EMSH_SESSION_H
#define EMSH_SESSION_H

#include "cmdlet.h"
#include "interp.h"

#include <stdbool.h>
#include <stddef.h>

struct ast_node;

/* {=== variables and aliases ===*/

/*
** `scope` is PowerShell's -Scope argument: NULL or "" (see each function),
** Global, Local, Private, Script, or a number of scopes up from the
** current one (0 is the current scope). A bad one gives SESS_BAD_SCOPE or
** SESS_SCOPE_RANGE (enum sess_rc, cmdlet.h).
*/

/* The variables visible from `scope`: NULL flattens every scope from the
** current one up, nearer ones hiding farther ones and private variables of
** other scopes left out (and $? added); a scope gives its own variables and
** the AllScope ones of the scopes above it, which PowerShell copies into
** every scope. Returns an array of PSVariable objects in no particular
** order; *rc says why it is empty. */
val session_var_list(struct interp *in, const char *scope, int *rc);
/*
** Creates or changes variable `name` in `scope` (NULL: the current one):
** value (VAL_NOTHING: unchanged), description (NULL: unchanged), options
** (ScopedItemOptions bits, -1: unchanged) and flags (SESS_FORCE,
** SESS_CREATE). An AllScope variable of an outer scope is changed where it
** lives. Private in `scope` adds the Private option to a new variable.
** *result (may be NULL) gets the PSVariable after the change.
*/
int session_var_set(struct interp *in, const char *scope, const char *name, val value,
                    const char *description, int options, unsigned flags, val *result);
/* Removes variable `name` from `scope` (NULL: the current one), or an AllScope
** variable of an outer scope; read-only ones only with force, constant ones never. */
int session_var_remove(struct interp *in, const char *scope, const char *name, bool force);
/* Does `scope` (NULL or "": the current one) have variable `name`: its own, or an
** AllScope one of the scopes above (what session_var_list lists for a scope)? */
int session_var_exists(struct interp *in, const char *scope, const char *name, bool *exists);

/* The aliases seen from the current scope, as AliasInfo objects; with a scope, that
** scope's own and the AllScope ones above it (what PowerShell copies into every scope). */
val session_alias_list(struct interp *in, const char *scope, int *rc);
/* Defines a built-in alias in the global scope (ReadOnly and AllScope, or AllScope only). */
void session_alias_builtin(struct interp *in, const char *name, const char *definition);
/* Removes the alias (or function) `name` seen from the current scope, from the scope it
** lives in; read-only ones only with force, constant ones never. */
int session_command_remove(struct interp *in, bool alias, const char *name, bool force);
/* Creates or changes an alias, as session_var_set() does a variable. */
int session_alias_set(struct interp *in, const char *scope, const char *name,
                      const char *definition, const char *description, int options,
                      unsigned flags, val *result);

/* }=== */

/* {=== commands ===*/

/*
** The functions and filters the session defined, as FunctionInfo /
** FilterInfo objects: CommandType, Name, Definition (the text between the
** braces), ScriptBlock, Verb, Noun, CmdletBinding, Version, Source,
** ModuleName, and hidden members for help and syntax: "\x01Help" (the
** comment-based help text, "" if none), "\x01Params" (an array of
** parameter descriptions: Name, Type, Position (-1 named), Mandatory,
** Switch, Pipeline ("ByValue", "ByPropertyName", both comma-separated or
** ""), Aliases, Default (the default's source text), Sets (names; empty
** for all)), "\x01Sets" (the parameter set names) and "\x01Default"
** (the default set's name or ""). Sorted by name.
*/
val session_functions(struct interp *in);

/*
** Parses text (from the file `name`, or NULL for text) into a script block
** (*out). A syntax error is thrown as PowerShell's ParseException (the
** message shows every error with its position; the id is the first error's
** name) from the command at `at` (cmd: its name, invocation: the name as
** typed), and *out is VAL_NOTHING.
*/
enum ev session_parse(struct interp *in, const struct ast_node *at, const char *cmd,
                      const char *invocation, const char *name, const char *text, size_t len,
                      val *out);
/*
** Invoke-Expression and Invoke-Command: runs a script block with the
** arguments args[0..nargs),
** in a new scope unless new_scope is false. input is an array of pipeline
** objects (streamed to the block as `$input` and process-block `$_`), or
** VAL_NOTHING when there was no pipeline input. Output goes to out.
*/
enum ev session_run_block(struct interp *in, const struct ast_node *at, val sb, val input,
                          const val *args, uint32_t nargs, bool new_scope, struct sink *out);

/*
** The snap-ins added to the session (Add-PSSnapin, Remove-PSSnapin): their
** names, oldest first, as a new array. The session keeps only the names:
** what a snap-in is (the built-in one and the registered ones) is the
** snap-in cmdlets' knowledge.
*/
val session_snapins(struct interp *in);
/* Adds (add) or removes (!add) snap-in `name`, ignoring case; false when it was
** already added (adding) or not added (removing). */
bool session_snapin_set(struct interp *in, const char *name, bool add);

/* }=== */

/* {=== history, transcript, host ===*/

/*
** Appends an entry to the session history ($MaximumHistoryCount entries
** are kept): a HistoryInfo object with Id (counting from 1 for the whole
** session), CommandLine, ExecutionStatus ("Completed" when ok, else
** "Failed"), StartExecutionTime and EndExecutionTime (local DateTime
** ticks, as dt_now_local() gives them). The REPL calls it after each
** command line it ran.
*/
void session_history_add(struct interp *in, const char *line, size_t len, bool ok,
                         int64_t start_ticks, int64_t end_ticks);
/* The history entries, oldest first (a new array). */
val session_history(struct interp *in);

/*
** Starts a transcript in the file at `path` (a full path; the caller
** resolves it): truncated, or appended to with `append`; the header block
** is written. Transcripts nest: output goes to every open one. Returns 0
** or an errno value.
*/
int session_transcript_start(struct interp *in, const char *path, bool append);
/* Stops the newest transcript, writing its end block. *path (may be NULL)
** gets its path. Returns false when no transcript is running. */
bool session_transcript_stop(struct interp *in, val *path);
/*
** Copies text the user saw (output, errors, warnings, host text, the
** prompt and the command line) to every running transcript. The host calls
** it for everything it writes at top level; does nothing when no
** transcript runs.
*/
void session_transcript_write(struct interp *in, const char *text, size_t len);

/* The width of the console in columns: $COLUMNS, else the terminal's, else 120
** (fmt_console_width(), as the formatter sees it). */
int session_console_width(struct interp *in);
/* Is the host's output a terminal? */
bool session_is_terminal(struct interp *in);

/* }=== */

#endif /* EMSH_SESSION_H */
