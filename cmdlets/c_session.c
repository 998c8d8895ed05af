/*
** c_session.c - the cmdlets that work on the running session: variables
** (Get-, New-, Set-, Remove-, Clear-Variable), aliases (Get-, Set-,
** New-Alias), running code (Invoke-Expression, Invoke-Command,
** Measure-Command), the host (Clear-Host, Get-History, Start-Transcript,
** Stop-Transcript).
**
** Their metadata is in cmdlets/meta/<Name>.json; the enums below give each
** parameter's index there. The session itself is reached through the
** cmd_var_* / cmd_alias_* / cmd_run_* operations of cmdlet.h, which
** shell/session.c implements. Messages, error ids and categories are
** PowerShell 5.1's (SessionStateStrings, VariableCommandStrings,
** AliasCommandStrings, HistoryStrings, TranscriptStrings); the logic
** follows its VariableCommandBase.GetMatchingVariables, the alias
** commands, InvokeCommandCommand and the transcript cmdlets.
*/
#include "registry.h"
#include "conv.h"
#include "datetime.h"
#include "format.h"
#include "text.h"
#include "types.h"
#include "wildcard.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
** {==================================================================
** Helpers
** ===================================================================
*/

/* A string parameter (borrowed), or NULL when unbound or $null. */
static const char *str_arg(struct cmd_ctx *c, uint16_t i)
{
    val v = cmd_arg(c, i);
    return val_kind(v) == VAL_STRING ? val_str(v) : NULL;
}

/* The strings of a String[] parameter (a new array; empty when unbound). */
static val strs_arg(struct cmd_ctx *c, uint16_t i)
{
    val v = cmd_arg(c, i);
    if (val_kind(v) == VAL_ARRAY)
        return val_copy(v);
    val a = val_arr_new();
    if (!val_is_null(v))
        a = val_arr_push(a, val_copy(v));
    return a;
}

/* The bits of a ScopedItemOptions argument ("ReadOnly, AllScope"), or -1 when unbound. */
static int options_arg(struct cmd_ctx *c, uint16_t i)
{
    val v = cmd_arg(c, i);
    if (val_kind(v) == VAL_NOTHING || val_is_null(v))
        return -1;
    static const char *const names[] = {"None",    "ReadOnly", "Constant",
                                        "Private", "AllScope", "Unspecified"};
    static const int bits[] = {0, 1, 2, 4, 8, 16};
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    int opts = 0;
    const char *s = buf_cstr(&b);
    while (*s) {
        while (*s == ' ' || *s == ',')
            s++;
        const char *e = s;
        while (*e && *e != ',')
            e++;
        const char *t = e;
        while (t > s && t[-1] == ' ')
            t--;
        for (size_t k = 0; k < 6; k++)
            if (text_ieq(names[k], strlen(names[k]), s, (size_t)(t - s)))
                opts |= bits[k];
        s = e;
    }
    buf_release(&b);
    return opts;
}

static bool wc_is_match(const char *pat, const char *s)
{
    return wc_match(pat, strlen(pat), s, strlen(s), WC_NONE) == 1;
}

/* SessionStateUtilities.MatchesAnyWildcardPattern: dflt when there are no patterns. */
static bool matches_any(const char *s, val patterns, bool dflt)
{
    uint32_t n = val_arr_len(patterns);
    if (!n)
        return dflt;
    for (uint32_t i = 0; i < n; i++) {
        val p = val_arr_items(patterns)[i];
        if (val_kind(p) == VAL_STRING && wc_is_match(val_str(p), s))
            return true;
    }
    return false;
}

/* A string property of an object (borrowed); "" when absent. */
static const char *prop_str(val o, const char *name)
{
    val v = val_obj_get(o, name);
    const char *s = val_kind(v) == VAL_STRING ? val_str(v) : "";
    val_free(v); /* the object keeps the string */
    return s;
}

/* Whether a list of PSVariable or AliasInfo objects has one called name (ignoring case). */
static bool has_name(val list, const char *name)
{
    for (uint32_t i = 0; i < val_arr_len(list); i++) {
        const char *n = prop_str(val_arr_items(list)[i], "Name");
        if (text_ieq(n, strlen(n), name, strlen(name)))
            return true;
    }
    return false;
}

static int cmp_by_name(const void *a, const void *b)
{
    const char *x = prop_str(*(const val *)a, "Name"), *y = prop_str(*(const val *)b, "Name");
    return text_icmp(x, strlen(x), y, strlen(y));
}

/* Sorts an array of objects by their Name, ignoring case (in place). */
static void sort_by_name(val arr)
{
    uint32_t n = val_arr_len(arr);
    if (n > 1)
        qsort((val *)val_arr_items(arr), n, sizeof(val), cmp_by_name);
}

/* How .NET's String.Format shows a value in a ShouldProcess target. */
static void net_string(val v, struct buf *out)
{
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        return;
    case VAL_ARRAY:
        buf_puts(out, "System.Object[]");
        return;
    case VAL_HASHTABLE:
        buf_puts(out, "System.Collections.Hashtable");
        return;
    case VAL_SCRIPTBLOCK: {
        val s = conv_to_str(val_copy(v));
        buf_add(out, val_str(s), val_str_len(s));
        val_free(s);
        return;
    }
    default:
        conv_str(v, out);
    }
}

static uint16_t exception_type(const char *name, const char *base)
{
    uint16_t id = type_lookup(name, strlen(name));
    if (id)
        return id;
    return type_exception(name, type_lookup(base, strlen(base)));
}

#define E_SSUAE "System.Management.Automation.SessionStateUnauthorizedAccessException"
#define E_SSE "System.Management.Automation.SessionStateException"
#define E_INFE "System.Management.Automation.ItemNotFoundException"

/* The error of a bad -Scope: terminating, as PowerShell lets it out of ProcessRecord. */
static enum ev scope_error(struct cmd_ctx *c, enum sess_rc rc, const char *scope)
{
    struct buf m = BUF_INIT;
    enum ev r;
    if (rc == SESS_BAD_SCOPE) {
        buf_puts(&m, "Cannot process argument because the value of argument \"Scope\" is not valid. "
                     "Valid values are \"Global\", \"Local\", or \"Script\", or a number relative to "
                     "the current scope (0 through the number of scopes where 0 is the current "
                     "scope and 1 is its parent). Change the value of the \"Scope\" argument and "
                     "run the operation again.");
        r = cmd_throw(c, "Argument", "InvalidArgument",
                      "System.Management.Automation.PSArgumentException", val_nothing(),
                      buf_cstr(&m));
    } else {
        buf_printf(&m,
                   "The scope number '%s' exceeds the number of active scopes.\n"
                   "Parameter name: Scope\nActual value was %s.",
                   scope, scope);
        r = cmd_throw(c, "ArgumentOutOfRange", "InvalidArgument",
                      "System.Management.Automation.PSArgumentOutOfRangeException", val_nothing(),
                      buf_cstr(&m));
    }
    buf_release(&m);
    return r;
}

/* Writes the error of a variable operation (non-terminating). */
static enum ev var_error(struct cmd_ctx *c, enum sess_rc rc, const char *name)
{
    exception_type(E_SSUAE, E_SSE);
    struct buf m = BUF_INIT;
    const char *id, *cat = "WriteError", *exc = E_SSUAE;
    switch (rc) {
    case SESS_NOT_FOUND:
        buf_printf(&m, "Cannot find a variable with the name '%s'.", name);
        id = "VariableNotFound", cat = "ObjectNotFound", exc = E_INFE;
        break;
    case SESS_EXISTS:
        buf_printf(&m, "A variable with name '%s' already exists.", name);
        id = "VariableAlreadyExists", cat = "ResourceExists", exc = E_SSE;
        break;
    case SESS_NOT_REMOVABLE:
        buf_printf(&m,
                   "Cannot remove variable %s because it is constant or read-only. If the variable "
                   "is read-only, try the operation again specifying the Force option.",
                   name);
        id = "VariableNotRemovable";
        break;
    case SESS_MAKE_CONSTANT:
        buf_printf(&m,
                   "Existing variable %s cannot be made constant. Variables can be made constant "
                   "only at creation time.",
                   name);
        id = "VariableCannotBeMadeConstant";
        break;
    case SESS_ALLSCOPE:
        buf_printf(&m, "The AllScope option cannot be removed from the variable '%s'.", name);
        id = "VariableAllScopeOptionCannotBeRemoved";
        break;
    default:
        buf_printf(&m, "Cannot overwrite variable %s because it is read-only or constant.", name);
        id = "VariableNotWritable";
        break;
    }
    val target = val_str_new(name);
    enum ev r = cmd_error(c, id, cat, exc, target, buf_cstr(&m));
    val_free(target);
    buf_release(&m);
    return r;
}

/* }================================================================== */

/*
** {==================================================================
** Views: how the console shows these cmdlets' objects (PowerShellCore.format.ps1xml)
** ===================================================================
*/

/* The CommandInfo view's Name column: an alias shows as "gci -> Get-ChildItem". */
static val command_name_cell(val obj)
{
    val ct = val_obj_get(obj, "CommandType");
    struct buf b = BUF_INIT;
    conv_str(ct, &b);
    val_free(ct);
    bool alias = text_ieq(buf_cstr(&b), b.len, "Alias", 5);
    buf_release(&b);
    return val_obj_get(obj, alias ? "DisplayName" : "Name");
}

static const char *const variable_types[] = {"System.Management.Automation.PSVariable", NULL};
static const struct fmt_column variable_columns[] = {
    {NULL, "Name", NULL, NULL, 30, FMT_ALIGN_UNDEFINED},
    {NULL, "Value", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};
static const char *const command_types[] = {
    "System.Management.Automation.AliasInfo",    "System.Management.Automation.CmdletInfo",
    "System.Management.Automation.FunctionInfo", "System.Management.Automation.FilterInfo",
    "System.Management.Automation.CommandInfo",  NULL};
static const struct fmt_column command_columns[] = {
    {NULL, "CommandType", NULL, NULL, 15, FMT_ALIGN_UNDEFINED},
    {"Name", NULL, command_name_cell, NULL, 50, FMT_ALIGN_UNDEFINED},
    {NULL, "Version", NULL, NULL, 10, FMT_ALIGN_UNDEFINED},
    {NULL, "Source", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};
static const char *const history_types[] = {"Microsoft.PowerShell.Commands.HistoryInfo", NULL};
static const struct fmt_column history_columns[] = {
    {NULL, "Id", NULL, NULL, 4, FMT_ALIGN_RIGHT},
    {NULL, "CommandLine", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};
static const struct fmt_view session_views[] = {
    {.name = "Variable", .types = variable_types, .shape = FMT_SHAPE_TABLE,
     .columns = variable_columns, .ncolumns = 2},
    {.name = "CommandInfo", .types = command_types, .shape = FMT_SHAPE_TABLE,
     .columns = command_columns, .ncolumns = 4},
    {.name = "history", .types = history_types, .shape = FMT_SHAPE_TABLE,
     .columns = history_columns, .ncolumns = 2},
};

/* Registers the views of PSVariable, CommandInfo (AliasInfo ...) and HistoryInfo, once. */
void session_cmdlet_views(void);
void session_cmdlet_views(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    for (size_t i = 0; i < sizeof session_views / sizeof session_views[0]; i++)
        fmt_register_view(&session_views[i]);
}

/* }================================================================== */

/*
** {==================================================================
** Variables
** ===================================================================
*/

/*
** VariableCommandBase.GetMatchingVariables: the variables of `scope`
** (NULL: all visible) that match name, include and exclude, sorted by name.
** *filtered: a variable was left out by a pattern, so "not found" is no
** error. EV_THROW (returned through *rc_ev) for a bad scope.
*/
static val matching_variables(struct cmd_ctx *c, const char *name, const char *scope,
                              val include, val exclude, bool *filtered, enum ev *rc_ev)
{
    *filtered = false;
    *rc_ev = EV_OK;
    val result = val_arr_new();
    if (!name || !*name)
        name = "*";
    bool wild = wc_has_wildcards(name, strlen(name));
    if (!wild) {
        if (!matches_any(name, include, true) || matches_any(name, exclude, false)) {
            *filtered = true;
            return result;
        }
    }
    enum sess_rc rc;
    val all = cmd_var_list(c, scope, &rc);
    if (rc) {
        val_free(all);
        *rc_ev = scope_error(c, rc, scope);
        return result;
    }
    for (uint32_t i = 0; i < val_arr_len(all); i++) {
        val v = val_arr_items(all)[i];
        const char *vn = prop_str(v, "Name");
        if (wc_is_match(name, vn)) {
            if (matches_any(vn, include, true) && !matches_any(vn, exclude, false))
                result = val_arr_push(result, val_copy(v));
            else
                *filtered = true;
        } else if (wild) {
            *filtered = true;
        }
    }
    val_free(all);
    sort_by_name(result);
    return result;
}

/* The scope a matched variable lives in, as a -Scope number. */
static void scope_of(val var, char *out, size_t n)
{
    val d = val_obj_get(var, "\x01Scope");
    snprintf(out, n, "%lld", (long long)(val_kind(d) == VAL_INT ? d.u.i : 0));
    val_free(d);
}

/* {=== Get-Variable ===*/

enum { GV_NAME, GV_VALUE_ONLY, GV_INCLUDE, GV_EXCLUDE, GV_SCOPE };

static enum ev get_variable_process(struct cmd_ctx *c, val input)
{
    (void)input;
    session_cmdlet_views();
    val names = strs_arg(c, GV_NAME);
    if (!val_arr_len(names))
        names = val_arr_push(names, val_str_new("*"));
    val include = strs_arg(c, GV_INCLUDE), exclude = strs_arg(c, GV_EXCLUDE);
    const char *scope = str_arg(c, GV_SCOPE);
    bool value_only = cmd_switch(c, GV_VALUE_ONLY);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
        val nv = val_arr_items(names)[i];
        struct buf nb = BUF_INIT;
        conv_str(nv, &nb);
        bool filtered;
        val found = matching_variables(c, buf_cstr(&nb), scope, include, exclude, &filtered, &rc);
        for (uint32_t k = 0; k < val_arr_len(found) && !rc; k++) {
            val v = val_arr_items(found)[k];
            rc = cmd_write(c, value_only ? val_obj_get(v, "Value") : val_copy(v));
        }
        if (!rc && !val_arr_len(found) && !filtered)
            rc = var_error(c, SESS_NOT_FOUND, buf_cstr(&nb));
        val_free(found);
        buf_release(&nb);
    }
    val_free(names);
    val_free(include);
    val_free(exclude);
    return rc;
}

CMDLET_DEFINE(cmd_get_variable, .process = get_variable_process);

/* }=== */

/* {=== New-Variable ===*/

enum { NV_NAME, NV_VALUE, NV_DESCRIPTION, NV_OPTION, NV_VISIBILITY, NV_FORCE, NV_PASSTHRU, NV_SCOPE };

static enum ev new_variable_process(struct cmd_ctx *c, val input)
{
    (void)input;
    session_cmdlet_views();
    const char *name = str_arg(c, NV_NAME);
    const char *scope = str_arg(c, NV_SCOPE);
    val value = cmd_arg(c, NV_VALUE);
    bool force = cmd_switch(c, NV_FORCE);
    if (!name)
        name = "";
    if (!force) {
        bool exists;
        enum sess_rc rc = cmd_var_exists(c, scope && *scope ? scope : "local", name, &exists);
        if (rc)
            return scope_error(c, rc, scope);
        if (exists)
            return var_error(c, SESS_EXISTS, name);
    }
    struct buf target = BUF_INIT;
    buf_printf(&target, "Name: %s Value: ", name);
    net_string(value, &target);
    bool yes;
    enum ev ev = cmd_should_process(c, buf_cstr(&target), "New variable", &yes);
    buf_release(&target);
    if (ev || !yes)
        return ev;
    int options = options_arg(c, NV_OPTION);
    val result;
    enum sess_rc rc = cmd_var_set(c, scope, name, val_kind(value) == VAL_NOTHING ? val_null() : value,
                                  str_arg(c, NV_DESCRIPTION), options < 0 ? 0 : options,
                                  SESS_CREATE | (force ? SESS_FORCE : 0), &result);
    if (rc == SESS_BAD_SCOPE || rc == SESS_SCOPE_RANGE)
        return scope_error(c, rc, scope);
    if (rc) {
        val_free(result);
        return var_error(c, rc, name);
    }
    if (cmd_switch(c, NV_PASSTHRU))
        return cmd_write(c, result);
    val_free(result);
    return EV_OK;
}

CMDLET_DEFINE(cmd_new_variable, .process = new_variable_process);

/* }=== */

/* {=== Set-Variable ===*/

enum {
    SV_NAME, SV_VALUE, SV_INCLUDE, SV_EXCLUDE, SV_DESCRIPTION, SV_OPTION, SV_FORCE,
    SV_VISIBILITY, SV_PASSTHRU, SV_SCOPE
};

struct set_variable_state {
    bool name_formal, value_formal;
    val values; /* values from the pipeline when only Name was given */
};

/* SetVariableCommand.SetVariable: sets each name to value (VAL_NOTHING: AutomationNull). */
static enum ev set_variables(struct cmd_ctx *c, val names, val value)
{
    const char *scope = str_arg(c, SV_SCOPE);
    const char *description = str_arg(c, SV_DESCRIPTION);
    int options = options_arg(c, SV_OPTION);
    bool force = cmd_switch(c, SV_FORCE), passthru = cmd_switch(c, SV_PASSTHRU);
    val include = strs_arg(c, SV_INCLUDE), exclude = strs_arg(c, SV_EXCLUDE);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
        struct buf nb = BUF_INIT;
        conv_str(val_arr_items(names)[i], &nb);
        const char *name = buf_cstr(&nb);
        bool filtered;
        val found = matching_variables(c, name, scope && *scope ? scope : "local", include,
                                       exclude, &filtered, &rc);
        if (rc) {
            val_free(found);
            buf_release(&nb);
            break;
        }
        if (!val_arr_len(found) && !filtered) {
            /* a new variable in the scope (the current one by default) */
            struct buf target = BUF_INIT;
            buf_printf(&target, "Name: %s Value: ", name);
            net_string(value, &target);
            bool yes;
            rc = cmd_should_process(c, buf_cstr(&target), "Set variable", &yes);
            buf_release(&target);
            if (!rc && yes) {
                val result;
                enum sess_rc r = cmd_var_set(c, scope, name,
                                             val_kind(value) == VAL_NOTHING ? val_null() : value,
                                             description ? description : "", options,
                                             force ? SESS_FORCE : 0, &result);
                if (r)
                    rc = var_error(c, r, name);
                else if (passthru)
                    rc = cmd_write(c, result), result = val_nothing();
                val_free(result);
            }
        }
        for (uint32_t k = 0; k < val_arr_len(found) && !rc; k++) {
            val var = val_arr_items(found)[k];
            const char *vn = prop_str(var, "Name");
            struct buf target = BUF_INIT;
            buf_printf(&target, "Name: %s Value: ", vn);
            net_string(value, &target);
            bool yes;
            rc = cmd_should_process(c, buf_cstr(&target), "Set variable", &yes);
            buf_release(&target);
            if (rc || !yes)
                continue;
            char where[32];
            scope_of(var, where, sizeof where);
            val result;
            enum sess_rc r = cmd_var_set(c, where, vn, value, description, options,
                                         force ? SESS_FORCE : 0, &result);
            if (r)
                rc = var_error(c, r, vn);
            else if (passthru)
                rc = cmd_write(c, result), result = val_nothing();
            val_free(result);
        }
        val_free(found);
        buf_release(&nb);
    }
    val_free(include);
    val_free(exclude);
    return rc;
}

static enum ev set_variable_begin(struct cmd_ctx *c)
{
    session_cmdlet_views();
    struct set_variable_state *st = cmd_state(c);
    st->name_formal = cmd_bound(c, SV_NAME);
    st->value_formal = cmd_bound(c, SV_VALUE);
    st->values = val_nothing();
    return EV_OK;
}

static enum ev set_variable_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct set_variable_state *st = cmd_state(c);
    if (st->name_formal && st->value_formal)
        return EV_OK;
    val value = cmd_arg(c, SV_VALUE);
    if (st->name_formal) {
        if (val_kind(value) != VAL_NOTHING) {
            if (val_kind(st->values) != VAL_ARRAY)
                st->values = val_arr_new();
            st->values = val_arr_push(st->values, val_copy(value));
        }
        return EV_OK;
    }
    val names = strs_arg(c, SV_NAME);
    enum ev rc = set_variables(c, names, value);
    val_free(names);
    return rc;
}

static enum ev set_variable_end(struct cmd_ctx *c)
{
    struct set_variable_state *st = cmd_state(c);
    if (!st->name_formal)
        return EV_OK;
    val names = strs_arg(c, SV_NAME);
    val value;
    if (st->value_formal)
        value = val_copy(cmd_arg(c, SV_VALUE));
    else if (val_kind(st->values) != VAL_ARRAY)
        value = val_nothing();
    else if (val_arr_len(st->values) == 1)
        value = val_arr_get(st->values, 0);
    else
        value = val_copy(st->values);
    enum ev rc = set_variables(c, names, value);
    val_free(value);
    val_free(names);
    return rc;
}

static void set_variable_release(void *state)
{
    struct set_variable_state *st = state;
    val_free(st->values);
}

CMDLET_DEFINE(cmd_set_variable, .begin = set_variable_begin, .process = set_variable_process,
              .end = set_variable_end, .state_size = sizeof(struct set_variable_state),
              .release = set_variable_release);

/* }=== */

/* {=== Remove-Variable ===*/

enum { RV_NAME, RV_INCLUDE, RV_EXCLUDE, RV_FORCE, RV_SCOPE };

static enum ev remove_variable_process(struct cmd_ctx *c, val input)
{
    (void)input;
    session_cmdlet_views();
    const char *scope = str_arg(c, RV_SCOPE);
    if (!scope || !*scope)
        scope = "local";
    val names = strs_arg(c, RV_NAME);
    val include = strs_arg(c, RV_INCLUDE), exclude = strs_arg(c, RV_EXCLUDE);
    bool force = cmd_switch(c, RV_FORCE);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
        struct buf nb = BUF_INIT;
        conv_str(val_arr_items(names)[i], &nb);
        bool filtered;
        val found = matching_variables(c, buf_cstr(&nb), scope, include, exclude, &filtered, &rc);
        if (!rc && !val_arr_len(found) && !filtered)
            rc = var_error(c, SESS_NOT_FOUND, buf_cstr(&nb));
        for (uint32_t k = 0; k < val_arr_len(found) && !rc; k++) {
            const char *vn = prop_str(val_arr_items(found)[k], "Name");
            struct buf target = BUF_INIT;
            buf_printf(&target, "Name: %s", vn);
            bool yes;
            rc = cmd_should_process(c, buf_cstr(&target), "Remove variable", &yes);
            buf_release(&target);
            if (rc || !yes)
                continue;
            enum sess_rc r = cmd_var_remove(c, scope, vn, force);
            if (r)
                rc = var_error(c, r, vn);
        }
        val_free(found);
        buf_release(&nb);
    }
    val_free(names);
    val_free(include);
    val_free(exclude);
    return rc;
}

CMDLET_DEFINE(cmd_remove_variable, .process = remove_variable_process);

/* }=== */

/* {=== Clear-Variable ===*/

enum { CV_NAME, CV_INCLUDE, CV_EXCLUDE, CV_FORCE, CV_PASSTHRU, CV_SCOPE };

static enum ev clear_variable_process(struct cmd_ctx *c, val input)
{
    (void)input;
    session_cmdlet_views();
    const char *scope = str_arg(c, CV_SCOPE);
    val names = strs_arg(c, CV_NAME);
    val include = strs_arg(c, CV_INCLUDE), exclude = strs_arg(c, CV_EXCLUDE);
    bool force = cmd_switch(c, CV_FORCE), passthru = cmd_switch(c, CV_PASSTHRU);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
        struct buf nb = BUF_INIT;
        conv_str(val_arr_items(names)[i], &nb);
        bool filtered;
        val found = matching_variables(c, buf_cstr(&nb), scope, include, exclude, &filtered, &rc);
        if (!rc && !val_arr_len(found) && !filtered)
            rc = var_error(c, SESS_NOT_FOUND, buf_cstr(&nb));
        for (uint32_t k = 0; k < val_arr_len(found) && !rc; k++) {
            val var = val_arr_items(found)[k];
            const char *vn = prop_str(var, "Name");
            struct buf target = BUF_INIT;
            buf_printf(&target, "Name: %s", vn);
            bool yes;
            rc = cmd_should_process(c, buf_cstr(&target), "Clear variable", &yes);
            buf_release(&target);
            if (rc || !yes)
                continue;
            /* with a scope the variable itself is cleared; without one, as
               `$name = $null` in the current scope would */
            char where[32];
            scope_of(var, where, sizeof where);
            val result;
            enum sess_rc r = cmd_var_set(c, scope && *scope ? where : NULL, vn, val_null(), NULL,
                                         -1, force ? SESS_FORCE : 0, &result);
            if (r)
                rc = var_error(c, r, vn);
            else if (passthru)
                rc = cmd_write(c, result), result = val_nothing();
            val_free(result);
        }
        val_free(found);
        buf_release(&nb);
    }
    val_free(names);
    val_free(include);
    val_free(exclude);
    return rc;
}

CMDLET_DEFINE(cmd_clear_variable, .process = clear_variable_process);

/* }=== */

/* }================================================================== */

/*
** {==================================================================
** Aliases
** ===================================================================
*/

/* {=== Get-Alias ===*/

enum { GA_NAME, GA_EXCLUDE, GA_SCOPE, GA_DEFINITION };
enum { GA_SET_DEFAULT, GA_SET_DEFINITION };

/* GetAliasCommand.WriteMatches. */
static enum ev write_alias_matches(struct cmd_ctx *c, const char *value, bool by_definition,
                                   val exclude)
{
    enum sess_rc src;
    const char *scope = str_arg(c, GA_SCOPE);
    val all = cmd_alias_list(c, scope, &src);
    if (src) {
        val_free(all);
        return scope_error(c, src, scope);
    }
    bool wild = wc_has_wildcards(value, strlen(value));
    val found = val_arr_new();
    for (uint32_t i = 0; i < val_arr_len(all); i++) {
        val a = val_arr_items(all)[i];
        const char *key = prop_str(a, by_definition ? "Definition" : "Name");
        if (!wc_is_match(value, key) || matches_any(key, exclude, false))
            continue;
        found = val_arr_push(found, val_copy(a));
    }
    val_free(all);
    sort_by_name(found);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(found) && !rc; i++)
        rc = cmd_write(c, val_arr_get(found, i));
    if (!rc && !val_arr_len(found) && !wild && !val_arr_len(exclude)) {
        struct buf m = BUF_INIT;
        buf_printf(&m,
                   "This command cannot find a matching alias because an alias with the %s '%s' "
                   "does not exist.",
                   by_definition ? "definition" : "name", value);
        val target = val_str_new(value);
        rc = cmd_error(c, "ItemNotFoundException", "ObjectNotFound", E_INFE, target,
                       buf_cstr(&m));
        val_free(target);
        buf_release(&m);
    }
    val_free(found);
    return rc;
}

static enum ev get_alias_process(struct cmd_ctx *c, val input)
{
    (void)input;
    session_cmdlet_views();
    bool by_def = cmd_set(c) == GA_SET_DEFINITION;
    val values = strs_arg(c, by_def ? GA_DEFINITION : GA_NAME);
    if (!by_def && !val_arr_len(values))
        values = val_arr_push(values, val_str_new("*"));
    val exclude = strs_arg(c, GA_EXCLUDE);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(values) && !rc; i++) {
        struct buf b = BUF_INIT;
        conv_str(val_arr_items(values)[i], &b);
        rc = write_alias_matches(c, buf_cstr(&b), by_def, exclude);
        buf_release(&b);
    }
    val_free(values);
    val_free(exclude);
    return rc;
}

CMDLET_DEFINE(cmd_get_alias, .process = get_alias_process);

/* }=== */

/* {=== Set-Alias, New-Alias ===*/

enum { AL_NAME, AL_VALUE, AL_DESCRIPTION, AL_OPTION, AL_PASSTHRU, AL_SCOPE, AL_FORCE };

static enum ev alias_error(struct cmd_ctx *c, enum sess_rc rc, const char *name)
{
    exception_type(E_SSUAE, E_SSE);
    struct buf m = BUF_INIT;
    const char *id, *cat = "WriteError", *exc = E_SSUAE;
    switch (rc) {
    case SESS_EXISTS:
        buf_printf(&m, "The alias is not allowed, because an alias with the name '%s' already exists.",
                   name);
        id = "AliasAlreadyExists", cat = "ResourceExists", exc = E_SSE;
        break;
    case SESS_MAKE_CONSTANT:
        buf_printf(&m,
                   "Alias %s cannot be made constant after it has been created. Aliases can only "
                   "be made constant at creation time.",
                   name);
        id = "AliasCannotBeMadeConstant";
        break;
    case SESS_ALLSCOPE:
        buf_printf(&m, "The AllScope option cannot be removed from the alias '%s'.", name);
        id = "AliasAllScopeOptionCannotBeRemoved";
        break;
    default:
        buf_printf(&m,
                   "Alias is not writeable because alias %s is read-only or constant and cannot be "
                   "written to.",
                   name);
        id = "AliasNotWritable";
        break;
    }
    val target = val_str_new(name);
    enum ev r = cmd_error(c, id, cat, exc, target, buf_cstr(&m));
    val_free(target);
    buf_release(&m);
    return r;
}

static enum ev write_alias(struct cmd_ctx *c, bool create)
{
    session_cmdlet_views();
    const char *name = str_arg(c, AL_NAME), *value = str_arg(c, AL_VALUE);
    const char *scope = str_arg(c, AL_SCOPE);
    bool force = cmd_switch(c, AL_FORCE);
    if (!name)
        name = "";
    if (!value)
        value = "";
    if (create && !force) {
        enum sess_rc rc;
        val all = cmd_alias_list(c, scope, &rc);
        if (rc) {
            val_free(all);
            return scope_error(c, rc, scope);
        }
        bool exists = has_name(all, name);
        val_free(all);
        if (exists)
            return alias_error(c, SESS_EXISTS, name);
    }
    struct buf target = BUF_INIT;
    buf_printf(&target, "Name: %s Value: %s", name, value);
    bool yes;
    enum ev ev = cmd_should_process(c, buf_cstr(&target), create ? "New Alias" : "Set Alias", &yes);
    buf_release(&target);
    if (ev || !yes)
        return ev;
    int options = options_arg(c, AL_OPTION);
    val result;
    enum sess_rc rc = cmd_alias_set(c, scope, name, value, str_arg(c, AL_DESCRIPTION),
                                    options < 0 ? 0 : options, force ? SESS_FORCE : 0, &result);
    if (rc == SESS_BAD_SCOPE || rc == SESS_SCOPE_RANGE) {
        val_free(result);
        return scope_error(c, rc, scope);
    }
    if (rc) {
        val_free(result);
        return alias_error(c, rc, name);
    }
    if (cmd_switch(c, AL_PASSTHRU))
        return cmd_write(c, result);
    val_free(result);
    return EV_OK;
}

static enum ev set_alias_process(struct cmd_ctx *c, val input)
{
    (void)input;
    return write_alias(c, false);
}

static enum ev new_alias_process(struct cmd_ctx *c, val input)
{
    (void)input;
    return write_alias(c, true);
}

CMDLET_DEFINE(cmd_set_alias, .process = set_alias_process);
CMDLET_DEFINE(cmd_new_alias, .process = new_alias_process);

/* }=== */

/* }================================================================== */

/*
** {==================================================================
** Running code
** ===================================================================
*/

/* {=== Invoke-Expression ===*/

enum { IEX_COMMAND };

static enum ev invoke_expression_process(struct cmd_ctx *c, val input)
{
    (void)input;
    val cmd = cmd_arg(c, IEX_COMMAND);
    if (val_kind(cmd) != VAL_STRING)
        return EV_OK;
    val sb;
    enum ev rc = cmd_parse_script(c, NULL, val_str(cmd), val_str_len(cmd), &sb);
    if (!rc)
        rc = cmd_run_block(c, sb, val_nothing(), NULL, 0, false);
    val_free(sb);
    return rc;
}

CMDLET_DEFINE(cmd_invoke_expression, .process = invoke_expression_process);

/* }=== */

/* {=== Invoke-Command ===*/

enum {
    IC_SCRIPT_BLOCK, IC_NO_NEW_SCOPE, IC_INPUT_OBJECT, IC_ARGUMENT_LIST, IC_SESSION,
    IC_COMPUTER_NAME, IC_CREDENTIAL, IC_PORT, IC_USE_SSL, IC_CONFIGURATION_NAME,
    IC_APPLICATION_NAME, IC_THROTTLE_LIMIT, IC_CONNECTION_URI, IC_AS_JOB,
    IC_IN_DISCONNECTED_SESSION, IC_SESSION_NAME, IC_HIDE_COMPUTER_NAME, IC_JOB_NAME,
    IC_FILE_PATH, IC_ALLOW_REDIRECTION, IC_SESSION_OPTION, IC_AUTHENTICATION,
    IC_ENABLE_NETWORK_ACCESS, IC_CERTIFICATE_THUMBPRINT, IC_VM_ID, IC_VM_NAME, IC_CONTAINER_ID,
    IC_RUN_AS_ADMINISTRATOR
};
enum {
    IC_SET_IN_PROCESS, IC_SET_SESSION, IC_SET_FILE_PATH_RUNSPACE, IC_SET_COMPUTER_NAME,
    IC_SET_FILE_PATH_COMPUTER_NAME, IC_SET_URI, IC_SET_FILE_PATH_URI, IC_SET_VM_ID,
    IC_SET_VM_NAME, IC_SET_FILE_PATH_VM_ID, IC_SET_FILE_PATH_VM_NAME, IC_SET_CONTAINER_ID,
    IC_SET_FILE_PATH_CONTAINER_ID
};

struct invoke_command_state {
    val input;    /* pipeline objects, or VAL_NOTHING */
    uint32_t runs; /* how many local targets the command runs on */
    val block;    /* the script block (from -ScriptBlock or -FilePath) */
};

/* Is this the name of the local computer? */
static bool is_local_computer(const char *name)
{
    static const char *const local[] = {"localhost", ".", "127.0.0.1", "::1", NULL};
    for (size_t i = 0; local[i]; i++)
        if (text_ieq(name, strlen(name), local[i], strlen(local[i])))
            return true;
    const char *cn = getenv("COMPUTERNAME");
    if (cn && *cn && text_ieq(name, strlen(name), cn, strlen(cn)))
        return true;
    char host[256];
    if (gethostname(host, sizeof host) == 0) {
        host[sizeof host - 1] = '\0';
        if (text_ieq(name, strlen(name), host, strlen(host)))
            return true;
        char *dot = strchr(host, '.');
        if (dot && text_ieq(name, strlen(name), host, (size_t)(dot - host)))
            return true;
    }
    return false;
}

/* The error for a remote target: emsh has no remoting. */
static enum ev remote_error(struct cmd_ctx *c, const char *target)
{
    struct buf m = BUF_INIT;
    buf_printf(&m,
               "[%s] Connecting to remote server %s failed with the following error message : "
               "remote PowerShell sessions are not available in emsh; commands run only on the "
               "local computer (localhost, '.', or $env:COMPUTERNAME). For more information, see "
               "the about_Remote_Troubleshooting Help topic.",
               target, target);
    exception_type("System.Management.Automation.Remoting.PSRemotingTransportException",
                   "System.Management.Automation.RuntimeException");
    val t = val_str_new(target);
    enum ev rc = cmd_error(c, "CannotConnect", "OpenError",
                           "System.Management.Automation.Remoting.PSRemotingTransportException", t,
                           buf_cstr(&m));
    val_free(t);
    buf_release(&m);
    return rc;
}

/* The host part of a connection URI ("http://host:5985/wsman" -> host). */
static void uri_host(const char *uri, struct buf *out)
{
    const char *p = strstr(uri, "://");
    p = p ? p + 3 : uri;
    const char *at = strchr(p, '@');
    if (at && (!strchr(p, '/') || at < strchr(p, '/')))
        p = at + 1;
    if (*p == '[') {
        const char *e = strchr(p, ']');
        if (e) {
            buf_add(out, p + 1, (size_t)(e - p - 1));
            return;
        }
    }
    size_t n = strcspn(p, ":/?#");
    buf_add(out, p, n);
}

/* Reads the script file of -FilePath into a script block. */
static enum ev file_block(struct cmd_ctx *c, const char *path, val *out)
{
    *out = val_nothing();
    struct buf full = BUF_INIT;
    for (const char *p = path; *p; p++)
        buf_putc(&full, *p == '\\' ? '/' : *p);
    FILE *f = fopen(buf_cstr(&full), "rb");
    if (!f) {
        struct buf m = BUF_INIT;
        buf_printf(&m, "Cannot find path '%s' because it does not exist.", path);
        val t = val_str_new(path);
        enum ev rc = cmd_throw(c, "PathNotFound", "ObjectNotFound", E_INFE, t, buf_cstr(&m));
        val_free(t);
        buf_release(&m);
        buf_release(&full);
        return rc;
    }
    struct buf text = BUF_INIT;
    buf_read(&text, f);
    fclose(f);
    enum ev rc = cmd_parse_script(c, buf_cstr(&full), buf_cstr(&text), text.len, out);
    buf_release(&text);
    buf_release(&full);
    return rc;
}

static enum ev invoke_command_begin(struct cmd_ctx *c)
{
    struct invoke_command_state *st = cmd_state(c);
    st->input = val_nothing();
    st->block = val_nothing();
    st->runs = 0;
    uint8_t set = cmd_set(c);
    if (cmd_switch(c, IC_AS_JOB) || cmd_switch(c, IC_IN_DISCONNECTED_SESSION))
        return cmd_throw(c, "NotSupported", "NotImplemented",
                         "System.Management.Automation.PSNotSupportedException", val_nothing(),
                         "Background jobs and disconnected sessions are not available in emsh; "
                         "run the command without AsJob or InDisconnectedSession.");
    enum ev rc = EV_OK;
    switch (set) {
    case IC_SET_IN_PROCESS:
        st->runs = 1;
        break;
    case IC_SET_COMPUTER_NAME:
    case IC_SET_FILE_PATH_COMPUTER_NAME: {
        val names = strs_arg(c, IC_COMPUTER_NAME);
        if (!val_arr_len(names))
            names = val_arr_push(names, val_str_new("localhost"));
        for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
            struct buf b = BUF_INIT;
            conv_str(val_arr_items(names)[i], &b);
            if (is_local_computer(buf_cstr(&b)))
                st->runs++;
            else
                rc = remote_error(c, buf_cstr(&b));
            buf_release(&b);
        }
        val_free(names);
        break;
    }
    case IC_SET_SESSION:
    case IC_SET_FILE_PATH_RUNSPACE: {
        val sessions = strs_arg(c, IC_SESSION);
        for (uint32_t i = 0; i < val_arr_len(sessions) && !rc; i++) {
            val s = val_arr_items(sessions)[i];
            struct buf b = BUF_INIT;
            if (val_kind(s) == VAL_OBJECT) {
                val cn = val_obj_get(s, "ComputerName");
                conv_str(cn, &b);
                val_free(cn);
            } else {
                conv_str(s, &b);
            }
            if (is_local_computer(buf_cstr(&b)))
                st->runs++;
            else
                rc = remote_error(c, b.len ? buf_cstr(&b) : "(unknown)");
            buf_release(&b);
        }
        val_free(sessions);
        break;
    }
    case IC_SET_URI:
    case IC_SET_FILE_PATH_URI: {
        val uris = strs_arg(c, IC_CONNECTION_URI);
        if (!val_arr_len(uris)) /* the default: http://localhost:5985/WSMAN */
            uris = val_arr_push(uris, val_str_new("http://localhost:5985/WSMAN"));
        for (uint32_t i = 0; i < val_arr_len(uris) && !rc; i++) {
            struct buf u = BUF_INIT, h = BUF_INIT;
            conv_str(val_arr_items(uris)[i], &u);
            uri_host(buf_cstr(&u), &h);
            if (is_local_computer(buf_cstr(&h)))
                st->runs++;
            else
                rc = remote_error(c, h.len ? buf_cstr(&h) : buf_cstr(&u));
            buf_release(&u);
            buf_release(&h);
        }
        val_free(uris);
        break;
    }
    default: {
        /* virtual machines and containers */
        uint16_t p = (set == IC_SET_VM_NAME || set == IC_SET_FILE_PATH_VM_NAME) ? IC_VM_NAME
                     : (set == IC_SET_VM_ID || set == IC_SET_FILE_PATH_VM_ID)   ? IC_VM_ID
                                                                                : IC_CONTAINER_ID;
        val targets = strs_arg(c, p);
        for (uint32_t i = 0; i < val_arr_len(targets) && !rc; i++) {
            struct buf b = BUF_INIT;
            conv_str(val_arr_items(targets)[i], &b);
            rc = remote_error(c, buf_cstr(&b));
            buf_release(&b);
        }
        val_free(targets);
        break;
    }
    }
    if (rc || !st->runs)
        return rc;
    if (cmd_bound(c, IC_FILE_PATH)) {
        const char *path = str_arg(c, IC_FILE_PATH);
        if ((rc = file_block(c, path ? path : "", &st->block)))
            return rc;
    } else {
        st->block = val_copy(cmd_arg(c, IC_SCRIPT_BLOCK));
    }
    if (cmd_bound(c, IC_INPUT_OBJECT) && !val_is_null(cmd_arg(c, IC_INPUT_OBJECT)))
        st->input = val_arr_push(val_arr_new(), val_copy(cmd_arg(c, IC_INPUT_OBJECT)));
    return EV_OK;
}

static enum ev invoke_command_process(struct cmd_ctx *c, val input)
{
    struct invoke_command_state *st = cmd_state(c);
    if (val_kind(input) == VAL_NOTHING || !st->runs)
        return EV_OK;
    if (val_kind(st->input) != VAL_ARRAY)
        st->input = val_arr_new();
    st->input = val_arr_push(st->input, val_copy(input));
    return EV_OK;
}

static enum ev invoke_command_end(struct cmd_ctx *c)
{
    struct invoke_command_state *st = cmd_state(c);
    val args = cmd_arg(c, IC_ARGUMENT_LIST);
    const val *av = NULL;
    uint32_t an = 0;
    if (val_kind(args) == VAL_ARRAY) {
        av = val_arr_items(args);
        an = val_arr_len(args);
    } else if (!val_is_null(args)) {
        av = &args;
        an = 1;
    }
    bool new_scope = !cmd_switch(c, IC_NO_NEW_SCOPE);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < st->runs && !rc; i++)
        rc = cmd_run_block(c, st->block, st->input, av, an, new_scope);
    return rc;
}

static void invoke_command_release(void *state)
{
    struct invoke_command_state *st = state;
    val_free(st->input);
    val_free(st->block);
}

CMDLET_DEFINE(cmd_invoke_command, .begin = invoke_command_begin, .process = invoke_command_process,
              .end = invoke_command_end, .state_size = sizeof(struct invoke_command_state),
              .release = invoke_command_release);

/* }=== */

/* {=== Measure-Command ===*/

enum { MC_INPUT_OBJECT, MC_EXPRESSION };

struct measure_command_state {
    int64_t ticks;
};

static int64_t monotonic_ticks(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * DT_TICKS_PER_SECOND + ts.tv_nsec / 100;
}

static enum ev measure_command_process(struct cmd_ctx *c, val input)
{
    struct measure_command_state *st = cmd_state(c);
    val sb = cmd_arg(c, MC_EXPRESSION);
    val dollar = val_kind(input) == VAL_NOTHING ? cmd_arg(c, MC_INPUT_OBJECT) : input;
    val result = val_nothing();
    int64_t start = monotonic_ticks();
    enum ev rc = cmd_invoke(c, sb, dollar, NULL, 0, &result);
    st->ticks += monotonic_ticks() - start;
    val_free(result); /* the output goes nowhere */
    return rc;
}

static enum ev measure_command_end(struct cmd_ctx *c)
{
    struct measure_command_state *st = cmd_state(c);
    return cmd_write(c, val_timespan(st->ticks));
}

CMDLET_DEFINE(cmd_measure_command, .process = measure_command_process, .end = measure_command_end,
              .state_size = sizeof(struct measure_command_state));

/* }=== */

/* }================================================================== */

/*
** {==================================================================
** The host
** ===================================================================
*/

/* {=== Clear-Host ===*/

static enum ev clear_host_process(struct cmd_ctx *c, val input)
{
    (void)input;
    /* home the cursor, erase the screen and the scrollback */
    if (cmd_is_terminal(c))
        cmd_host(c, "\x1b[H\x1b[2J\x1b[3J", -1, -1, false);
    return EV_OK;
}

CMDLET_DEFINE(cmd_clear_host, .process = clear_host_process);

/* }=== */

/* {=== Get-History ===*/

enum { GH_ID, GH_COUNT };

static int64_t entry_id(val h)
{
    val id = val_obj_get(h, "Id");
    int64_t n = 0;
    if (!conv_to_int64(id, &n, NULL))
        n = 0;
    val_free(id);
    return n;
}

static enum ev validation_error(struct cmd_ctx *c, const char *param, const char *msg)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "Cannot validate argument on parameter '%s'. %s", param, msg);
    enum ev rc = cmd_throw(c, "ParameterArgumentValidationError", "InvalidData",
                           "System.Management.Automation.ParameterBindingValidationException",
                           val_nothing(), buf_cstr(&m));
    buf_release(&m);
    return rc;
}

static enum ev get_history_process(struct cmd_ctx *c, val input)
{
    (void)input;
    session_cmdlet_views();
    bool count_given = cmd_bound(c, GH_COUNT);
    int64_t count = 0;
    if (count_given) {
        if (!conv_to_int64(cmd_arg(c, GH_COUNT), &count, NULL))
            count = 0;
        if (count < 0 || count > 32767) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "The %lld argument is %s the %s allowed range of %s. Supply an argument that "
                     "is %s %s and then try the command again.",
                     (long long)count, count < 0 ? "less than" : "greater than",
                     count < 0 ? "minimum" : "maximum", count < 0 ? "0" : "32767",
                     count < 0 ? "greater than or equal to" : "less than or equal to",
                     count < 0 ? "0" : "32767");
            return validation_error(c, "Count", msg);
        }
    }
    val ids = cmd_arg(c, GH_ID);
    uint32_t nids = val_kind(ids) == VAL_ARRAY ? val_arr_len(ids) : 0;
    for (uint32_t i = 0; i < nids; i++) {
        int64_t id = 0;
        conv_to_int64(val_arr_items(ids)[i], &id, NULL);
        if (id < 1) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "The %lld argument is less than the minimum allowed range of 1. Supply an "
                     "argument that is greater than or equal to 1 and then try the command again.",
                     (long long)id);
            return validation_error(c, "Id", msg);
        }
    }
    val history = cmd_history(c);
    uint32_t n = val_arr_len(history);
    enum ev rc = EV_OK;
    if (!nids) {
        /* the newest `count` entries (all by default), oldest first */
        uint32_t take = count_given ? (uint32_t)count : n;
        if (take > n)
            take = n;
        for (uint32_t i = n - take; i < n && !rc; i++)
            rc = cmd_write(c, val_arr_get(history, i));
    } else if (!count_given) {
        for (uint32_t k = 0; k < nids && !rc; k++) {
            int64_t id = 0;
            conv_to_int64(val_arr_items(ids)[k], &id, NULL);
            val hit = val_nothing();
            for (uint32_t i = 0; i < n; i++)
                if (entry_id(val_arr_items(history)[i]) == id)
                    hit = val_arr_get(history, i);
            if (val_kind(hit) != VAL_NOTHING) {
                rc = cmd_write(c, hit);
                continue;
            }
            char msg[128];
            snprintf(msg, sizeof msg, "Cannot locate the history for Id %lld.", (long long)id);
            val t = val_long(id);
            rc = cmd_error(c, "GetHistoryNoHistoryForId", "ObjectNotFound",
                           "System.ArgumentException", t, msg);
        }
    } else if (nids > 1) {
        val t = val_int((int32_t)count);
        rc = cmd_throw(c, "GetHistoryNoCountWithMultipleIds", "InvalidArgument",
                       "System.ArgumentException", t,
                       "The count cannot be combined with multiple Ids.");
    } else {
        /* `count` entries ending with the one of that Id */
        int64_t id = 0;
        conv_to_int64(val_arr_items(ids)[0], &id, NULL);
        for (uint32_t i = 0; i < n && !rc; i++) {
            int64_t e = entry_id(val_arr_items(history)[i]);
            if (e <= id && e > id - count)
                rc = cmd_write(c, val_arr_get(history, i));
        }
    }
    val_free(history);
    return rc;
}

CMDLET_DEFINE(cmd_get_history, .process = get_history_process);

/* }=== */

/* {=== Start-Transcript, Stop-Transcript ===*/

enum { ST_PATH, ST_LITERAL_PATH, ST_OUTPUT_DIRECTORY, ST_APPEND, ST_FORCE, ST_NO_CLOBBER,
       ST_INCLUDE_INVOCATION_HEADER };

/* An absolute path: \ as /, ~ as $HOME, relative to the current directory, . and .. resolved. */
static void full_path(const char *in, struct buf *out)
{
    struct buf raw = BUF_INIT;
    if (in[0] == '~' && (in[1] == '\0' || in[1] == '/' || in[1] == '\\')) {
        const char *home = getenv("HOME");
        buf_puts(&raw, home ? home : "/");
        buf_putc(&raw, '/');
        in += in[1] ? 2 : 1;
    } else if (in[0] != '/' && in[0] != '\\') {
        char cwd[PATH_MAX];
        buf_puts(&raw, getcwd(cwd, sizeof cwd) ? cwd : ".");
        buf_putc(&raw, '/');
    }
    buf_puts(&raw, in);
    for (size_t i = 0; i < raw.len; i++)
        if (raw.s[i] == '\\')
            raw.s[i] = '/';
    /* collapse the components */
    const char *s = buf_cstr(&raw);
    size_t i = 0;
    buf_reset(out);
    while (s[i]) {
        while (s[i] == '/')
            i++;
        size_t j = i;
        while (s[j] && s[j] != '/')
            j++;
        if (j == i)
            break;
        if (j - i == 1 && s[i] == '.') {
            /* nothing */
        } else if (j - i == 2 && s[i] == '.' && s[i + 1] == '.') {
            while (out->len && out->s[out->len - 1] != '/')
                out->s[--out->len] = '\0';
            if (out->len)
                out->s[--out->len] = '\0';
        } else {
            buf_putc(out, '/');
            buf_add(out, s + i, j - i);
        }
        i = j;
    }
    if (!out->len)
        buf_putc(out, '/');
    buf_release(&raw);
}

/* PowerShell_transcript.COMPUTER.RANDOM.yyyyMMddHHmmss.txt in dir. */
static void default_transcript_path(const char *dir, struct buf *out)
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    char rnd[9];
    unsigned seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 8);
    for (int i = 0; i < 8; i++) {
        seed = seed * 1103515245u + 12345u;
        rnd[i] = chars[(seed >> 16) % (sizeof chars - 1)];
    }
    rnd[8] = '\0';
    const char *cn = getenv("COMPUTERNAME");
    char host[256];
    if (!cn || !*cn) {
        if (gethostname(host, sizeof host) != 0)
            strcpy(host, "localhost");
        host[sizeof host - 1] = '\0';
        cn = host;
    }
    struct buf when = BUF_INIT;
    dt_format(&when, dt_now_local(), DT_LOCAL, "yyyyMMddHHmmss", DT_INVARIANT);
    buf_printf(out, "%s%sPowerShell_transcript.%s.%s.%s.txt", dir,
               dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", cn, rnd, buf_cstr(&when));
    buf_release(&when);
}

static enum ev start_transcript_process(struct cmd_ctx *c, val input)
{
    (void)input;
    const char *given = str_arg(c, ST_PATH);
    if (!given)
        given = str_arg(c, ST_LITERAL_PATH);
    struct buf shown = BUF_INIT; /* the path as the message shows it */
    if (given) {
        buf_puts(&shown, given);
    } else {
        const char *dir = str_arg(c, ST_OUTPUT_DIRECTORY);
        struct buf d = BUF_INIT;
        if (dir) {
            full_path(dir, &d);
        } else {
            const char *home = getenv("HOME");
            struct stat sb;
            buf_printf(&d, "%s/Documents", home ? home : ".");
            if (stat(buf_cstr(&d), &sb) != 0 || !S_ISDIR(sb.st_mode)) {
                buf_reset(&d);
                buf_puts(&d, home ? home : ".");
            }
        }
        default_transcript_path(buf_cstr(&d), &shown);
        buf_release(&d);
    }
    struct buf path = BUF_INIT;
    full_path(buf_cstr(&shown), &path);
    bool yes;
    enum ev rc = cmd_should_process(c, buf_cstr(&path), "Start-Transcript", &yes);
    if (rc || !yes) {
        buf_release(&shown);
        buf_release(&path);
        return rc;
    }
    bool append = cmd_switch(c, ST_APPEND);
    struct stat sb;
    if (stat(buf_cstr(&path), &sb) == 0 && cmd_switch(c, ST_NO_CLOBBER) && !append) {
        struct buf m = BUF_INIT;
        buf_printf(&m, "File %s already exists and NoClobber was specified.", buf_cstr(&path));
        val t = val_str_new(buf_cstr(&path));
        rc = cmd_throw(c, "NoClobber", "ResourceExists", "System.UnauthorizedAccessException", t,
                       buf_cstr(&m));
        val_free(t);
        buf_release(&m);
        buf_release(&shown);
        buf_release(&path);
        return rc;
    }
    int err = cmd_transcript_start(c, buf_cstr(&path), append);
    if (err) {
        struct buf m = BUF_INIT;
        if (err == ENOENT)
            buf_printf(&m, "Transcription cannot be started. Could not find a part of the path '%s'.",
                       buf_cstr(&path));
        else if (err == EACCES || err == EROFS)
            buf_printf(&m, "Transcription cannot be started. Access to the path '%s' is denied.",
                       buf_cstr(&path));
        else
            buf_printf(&m, "Transcription cannot be started. %s", strerror(err));
        rc = cmd_throw(c, "CannotStartTranscription", "InvalidOperation",
                       "System.Management.Automation.PSInvalidOperationException", val_nothing(),
                       buf_cstr(&m));
        buf_release(&m);
        buf_release(&shown);
        buf_release(&path);
        return rc;
    }
    val msg = val_str_printf("Transcript started, output file is %s", buf_cstr(&shown));
    buf_release(&shown);
    buf_release(&path);
    return cmd_write(c, msg);
}

CMDLET_DEFINE(cmd_start_transcript, .process = start_transcript_process);

static enum ev stop_transcript_process(struct cmd_ctx *c, val input)
{
    (void)input;
    val path;
    if (!cmd_transcript_stop(c, &path))
        return cmd_throw(c, "CannotStopTranscription", "InvalidOperation",
                         "System.Management.Automation.PSInvalidOperationException", val_nothing(),
                         "An error occurred stopping transcription: The host is not currently "
                         "transcribing.");
    val msg = val_str_printf("Transcript stopped, output file is %s", val_str(path));
    val_free(path);
    return cmd_write(c, msg);
}

CMDLET_DEFINE(cmd_stop_transcript, .process = stop_transcript_process);

/* }=== */

/* }================================================================== */
