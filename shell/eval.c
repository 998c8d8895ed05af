/*
** eval.c - the tree-walking evaluator: expressions, statements, scopes,
** functions, pipelines and errors.
**
** Statements write their output objects to a sink; expressions produce one
** value. Every function returns an enum ev: break, continue, return, exit,
** a thrown error and a stopped pipeline travel up as status codes until the
** construct that handles them. A terminating error leaves its ErrorRecord in
** in->thrown.
**
** Pipelines stream: each stage is a processor with begin, process (its
** sink's put) and end, and an object flows through every stage before the
** next one is produced.
*/
#include "eval_int.h"
#include "cmdlet.h"
#include "ops.h"
#include "text.h"
#include "types.h"
#include "session.h"
#include "format.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define MAX_CALL_DEPTH 1000

volatile sig_atomic_t ev_interrupted;

/*
** {==================================================================
** Sinks
** ===================================================================
*/

static enum ev collect_put(struct sink *s, val v)
{
    struct collector *c = (struct collector *)s;
    c->items = val_arr_push(c->items, v);
    return EV_OK;
}

void collector_init(struct collector *c)
{
    c->s.put = collect_put;
    c->items = val_arr_new();
}

val collector_result(struct collector *c)
{
    uint32_t n = val_arr_len(c->items);
    val r;
    if (n == 0)
        r = val_nothing();
    else if (n == 1)
        r = val_arr_get(c->items, 0);
    else
        return c->items;
    val_free(c->items);
    return r;
}

static enum ev null_put(struct sink *s, val v)
{
    (void)s;
    val_free(v);
    return EV_OK;
}

static struct sink null_sink = {null_put};

enum ev ev_emit(struct sink *out, val v)
{
    if (val_kind(v) == VAL_NOTHING)
        return EV_OK;
    if (val_kind(v) != VAL_ARRAY)
        return out->put(out, v);
    enum ev rc = EV_OK;
    uint32_t n = val_arr_len(v);
    for (uint32_t i = 0; i < n && rc == EV_OK; i++) {
        if (ev_interrupted)
            rc = EV_HALT;
        else
            rc = out->put(out, val_arr_get(v, i));
    }
    val_free(v);
    return rc;
}

/* }================================================================== */

/*
** {==================================================================
** Errors
** ===================================================================
*/

enum ev ev_throw(struct interp *in, const struct ast_node *at, const struct err_spec *spec)
{
    val_free(in->thrown);
    in->thrown = err_record(spec, in->unit, at);
    in->last_ok = false;
    in->fatal = false;
    return EV_THROW;
}

enum ev ev_throw_arg_conv(struct interp *in, const struct ast_node *at, const char *param, size_t plen,
                          val value, const char *method, uint16_t type, const struct conv_error *err)
{
    struct buf v = BUF_INIT, msg = BUF_INIT;
    conv_str(value, &v);
    buf_printf(&msg, "Cannot convert argument \"%.*s\", with value: \"%s\", for \"%s\" to type \"%s\": \"%s\"",
               (int)plen, param, buf_cstr(&v), method, type_name(type), err->msg);
    struct err_spec spec = {buf_cstr(&msg), "MethodArgumentConversionInvalidCastArgument", "NotSpecified",
                            "System.Management.Automation.MethodException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&v);
    buf_release(&msg);
    return rc;
}

enum ev ev_throw_conv(struct interp *in, const struct ast_node *at, const struct conv_error *err)
{
    struct err_spec spec = {err->msg, err->id, "InvalidOperation", err->exception, val_nothing(), NULL};
    if (err->exception && strstr(err->exception, "InvalidCast"))
        spec.category = "InvalidArgument";
    bool wrap = err->exception && strncmp(err->exception, "System.Management.Automation.", 29) != 0;
    if (!wrap)
        return ev_throw(in, at, &spec);
    /* a .NET exception reaches the script wrapped in a RuntimeException,
       as PowerShell wraps it; catch [T] still sees the inner type */
    spec.exception = "System.Management.Automation.RuntimeException";
    spec.category = "NotSpecified";
    enum ev rc = ev_throw(in, at, &spec);
    struct err_spec inner = {err->msg, NULL, NULL, err->exception, val_nothing(), NULL};
    val ir = err_record(&inner, NULL, NULL);
    val ex = val_obj_get(in->thrown, "Exception");
    val_obj_set(ex, "InnerException", val_obj_get(ir, "Exception"));
    val_free(ex);
    val_free(ir);
    return rc;
}

/* Adds a record to $Error, which holds the newest first and at most 256. */
static void record_error(struct interp *in, val record)
{
    val_arr_insert(in->errors, 0, record);
    while (val_arr_len(in->errors) > 256)
        val_arr_remove_at(in->errors, val_arr_len(in->errors) - 1);
}

static void show_error(struct interp *in, val record)
{
    struct buf b = BUF_INIT;
    fflush(in->out);
    err_render(record, &b);
    fputs(buf_cstr(&b), in->err);
    fflush(in->err);
    session_transcript_write(in, b.s, b.len);
    buf_release(&b);
}

/* $FormatEnumerationLimit, for the formatter: a number, else the default 4. */
static int enum_limit(void *ud)
{
    val v = ev_var_get(ud, "FormatEnumerationLimit", 22);
    int limit = 4;
    if (val_kind(v) == VAL_INT || val_kind(v) == VAL_LONG)
        limit = v.u.i > INT_MAX ? INT_MAX : v.u.i < -1 ? -1 : (int)v.u.i;
    val_free(v);
    return limit;
}

/* The value of a preference variable as text. */
static void preference(struct interp *in, const char *name, struct buf *out, const char *dflt)
{
    val v = ev_var_get(in, name, strlen(name));
    if (val_is_null(v))
        buf_puts(out, dflt);
    else
        conv_str(v, out);
    val_free(v);
}

enum ev ev_report_error(struct interp *in, val record, int act)
{
    in->last_ok = false;
    switch (act) {
    case 1: /* Stop: the error ends the script */
        val_free(in->thrown);
        in->thrown = record;
        in->fatal = true;
        return EV_THROW;
    case 4: /* Ignore: not even in $Error */
        val_free(record);
        return EV_OK;
    case 0: /* SilentlyContinue */
        record_error(in, record);
        return EV_OK;
    default:
        record_error(in, val_copy(record));
        if (in->err_route == ERR_TO_OUTPUT && in->err_out)
            return in->err_out->put(in->err_out, record);
        if (in->err_route != ERR_DISCARD)
            show_error(in, record);
        val_free(record);
        return EV_OK;
    }
}

/* $ErrorActionPreference as ev_report_error() takes it: 0 SilentlyContinue, 1 Stop, 2 Continue, 4 Ignore. */
static int error_action(struct interp *in)
{
    struct buf pref = BUF_INIT;
    preference(in, "ErrorActionPreference", &pref, "Continue");
    int act = 2;
    if (text_ieq(pref.s, pref.len, "Stop", 4))
        act = 1;
    else if (text_ieq(pref.s, pref.len, "Ignore", 6))
        act = 4;
    else if (text_ieq(pref.s, pref.len, "SilentlyContinue", 16))
        act = 0;
    buf_release(&pref);
    return act;
}

enum ev ev_write_error(struct interp *in, const struct ast_node *at, const struct err_spec *spec)
{
    val record = err_record(spec, in->unit, at);
    return ev_report_error(in, record, error_action(in));
}

/* Reads one line from the terminal; false at end of input. */
static bool read_line(struct buf *out)
{
    int c;
    buf_reset(out);
    while ((c = getchar()) != EOF && c != '\n')
        buf_putc(out, (char)c);
    return c != EOF || out->len > 0;
}

static enum ev not_interactive(struct interp *in)
{
    struct err_spec spec = {"PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
                            "HostFunctionNotImplemented", "ResourceUnavailable",
                            "System.Management.Automation.Host.HostException", val_nothing(), NULL};
    return ev_throw(in, NULL, &spec);
}

int ev_should_process_mode(struct interp *in, bool whatif, int confirm, int impact)
{
    if (whatif)
        return SP_WHATIF;
    if (confirm < 0) {
        struct buf pref = BUF_INIT;
        preference(in, "ConfirmPreference", &pref, "High");
        int level = text_ieq(pref.s, pref.len, "None", 4) ? 99 : text_ieq(pref.s, pref.len, "Low", 3) ? 1
                    : text_ieq(pref.s, pref.len, "Medium", 6) ? 2 : 3;
        buf_release(&pref);
        confirm = impact >= level;
    }
    return confirm ? SP_CONFIRM : SP_NONE;
}

/* Prints a What if: line on the output, and to the transcripts. */
static void what_if_line(struct interp *in, const char *text)
{
    fflush(in->err);
    struct buf w = BUF_INIT;
    buf_printf(&w, "What if: %s\n", text);
    fputs(buf_cstr(&w), in->out);
    session_transcript_write(in, w.s, w.len);
    buf_release(&w);
}

/* The Confirm prompt: question is the text between the title and the choices. */
static enum ev confirm_prompt(struct interp *in, const char *question, const char *choices,
                              char *answer)
{
    if (!in->interactive)
        return not_interactive(in);
    fflush(in->out);
    fprintf(in->out, "\nConfirm\nAre you sure you want to perform this action?\n%s\n%s (default is \"Y\"): ",
            question, choices);
    fflush(in->out);
    struct buf ans = BUF_INIT;
    bool got = read_line(&ans);
    const char *a = buf_cstr(&ans);
    *answer = !got ? 'N' : ans.len == 0 ? 'Y' : (char)(a[0] >= 'a' && a[0] <= 'z' ? a[0] - 32 : a[0]);
    buf_release(&ans);
    return EV_OK;
}

enum ev ev_should_process(struct interp *in, const char *target, const char *action, bool whatif,
                          int confirm, int impact, bool *yes)
{
    *yes = true;
    int mode = ev_should_process_mode(in, whatif, confirm, impact);
    if (mode == SP_NONE)
        return EV_OK;
    struct buf q = BUF_INIT;
    buf_printf(&q, "Performing the operation \"%s\" on target \"%s\".", action, target);
    enum ev rc = EV_OK;
    if (mode == SP_WHATIF) {
        what_if_line(in, buf_cstr(&q));
        *yes = false;
    } else {
        char a;
        rc = confirm_prompt(in, buf_cstr(&q),
                            "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help", &a);
        *yes = rc == EV_OK && (a == 'Y' || a == 'A');
    }
    buf_release(&q);
    return rc;
}

enum ev ev_should_process_msg(struct interp *in, const char *message, int mode, char *answer)
{
    *answer = 'Y';
    if (mode == SP_WHATIF) {
        what_if_line(in, message);
        *answer = 'N';
        return EV_OK;
    }
    if (mode != SP_CONFIRM)
        return EV_OK;
    return confirm_prompt(in, message, "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help", answer);
}

enum ev ev_prompt_mandatory(struct interp *in, const struct cmd_meta *meta, const uint16_t *params,
                            uint16_t n, val *values)
{
    if (!in->interactive)
        return EV_THROW;
    fflush(in->out);
    fprintf(in->out, "\ncmdlet %s at command pipeline position 1\nSupply values for the following parameters:\n",
            meta->name);
    struct buf line = BUF_INIT;
    for (uint16_t i = 0; i < n; i++) {
        fprintf(in->out, "%s: ", meta->params[params[i]].name);
        fflush(in->out);
        if (!read_line(&line)) {
            buf_release(&line);
            return EV_HALT;
        }
        values[i] = val_str_n(buf_cstr(&line), line.len);
    }
    buf_release(&line);
    return EV_OK;
}

/* }================================================================== */

/*
** {==================================================================
** Variables
** ===================================================================
*/

/* Splits "scope:name" into its parts; returns the scope prefix length (0 if none). */
static size_t scope_prefix(const char *name, size_t n, const char **rest, size_t *rn)
{
    for (size_t i = 0; i < n; i++) {
        if (name[i] == ':') {
            *rest = name + i + 1;
            *rn = n - i - 1;
            return i;
        }
    }
    *rest = name;
    *rn = n;
    return 0;
}

static bool prefix_is(const char *s, size_t n, const char *lit)
{
    return text_ieq(s, n, lit, strlen(lit));
}

/*
** $function:name: the function's script block, a parenthesized parameter
** list made its param block (function f($a) {...} reads as param($a) ...).
*/
static val function_block(const struct var *item)
{
    struct func f = ev_func_of(item);
    const struct ast_node *body = f.def->u.func.body;
    const struct ast_list *ps = &f.def->u.func.params;
    if (!ps->n)
        return val_scriptblock(f.unit, body);
    const struct parse_unit *u = sb_unit_parse(f.unit);
    struct buf t = BUF_INIT;
    buf_puts(&t, "param(");
    buf_add(&t, u->src + ps->v[0]->start, ps->v[ps->n - 1]->end - ps->v[0]->start);
    buf_puts(&t, ")");
    if (body->end > body->start + 1)
        buf_add(&t, u->src + body->start + 1, body->end - body->start - 2); /* inside the braces */
    struct parse_unit *pu = parse_unit_new(NULL, buf_cstr(&t), t.len);
    buf_release(&t);
    if (pu->nerrors) {
        parse_unit_free(pu);
        return val_scriptblock(f.unit, body);
    }
    struct sb_unit *su = sb_unit_new(pu);
    val sb = val_scriptblock(su, pu->root);
    sb_unit_release(su);
    return sb;
}

/*
** Where $scope:name is read from: the scope to look up from (global:,
** script:, or the current one; NULL for a drive's item, env:x, function:x,
** alias:x, or an unknown drive), whether only that scope counts (local:,
** private:), and the name without its prefix in *rest.
*/
struct var_place {
    struct scope *from;
    bool local_only;
    const char *rest;
    size_t rn;
};

static struct var_place var_place(struct interp *in, const char *name, size_t n)
{
    struct var_place at = {in->scope, false, name, n};
    size_t pn = scope_prefix(name, n, &at.rest, &at.rn);
    if (!pn)
        return at;
    if (prefix_is(name, pn, "global"))
        at.from = in->global;
    else if (prefix_is(name, pn, "script"))
        at.from = scope_script(in->scope);
    else if (prefix_is(name, pn, "local") || prefix_is(name, pn, "private"))
        at.local_only = true;
    else if (!prefix_is(name, pn, "using") && !prefix_is(name, pn, "variable"))
        at.from = NULL;
    return at;
}

int ev_strict_mode(struct interp *in)
{
    if (!in->strict_seen)
        return 0;
    const struct var *v = scope_lookup(in->scope, CMD_STRICT_VAR, sizeof CMD_STRICT_VAR - 1);
    return v && val_kind(v->value) == VAL_INT ? (int)v->value.u.i : 0;
}

/*
** Is there a variable $name (as ev_var_get() reads it)? Variables of the
** drives (env:, function:, alias:) and the automatic ones emsh computes
** count as set.
*/
static bool var_exists(struct interp *in, const char *name, size_t n)
{
    struct var_place at = var_place(in, name, n);
    if (!at.from || (at.rn == 1 && at.rest[0] == '?') || (at.rn == 3 && text_ieq(at.rest, 3, "PWD", 3)))
        return true;
    return (at.local_only ? scope_get_local(at.from, at.rest, at.rn) : scope_lookup(at.from, at.rest, at.rn)) != NULL;
}

/*
** $name read $null: Set-StrictMode makes a variable never set an error,
** from version 1 in expressions, from version 2 in strings too. Out of
** line: a read that finds a value never comes here.
*/
static EMSH_NOINLINE enum ev unset_variable(struct interp *in, const struct ast_node *n, bool in_string)
{
    int strict = ev_strict_mode(in);
    if (strict < (in_string ? 2 : 1) || var_exists(in, n->u.var.name.s, n->u.var.name.n))
        return EV_OK;
    struct buf m = BUF_INIT;
    buf_printf(&m, "The variable '$%.*s' cannot be retrieved because it has not been set.", (int)n->u.var.name.n,
               n->u.var.name.s);
    struct err_spec spec = {buf_cstr(&m), "VariableIsUndefined", "InvalidOperation",
                            "System.Management.Automation.RuntimeException", val_nothing(), NULL};
    spec.target = val_str_n(n->u.var.name.s, n->u.var.name.n);
    enum ev rc = ev_throw(in, n, &spec);
    val_free(spec.target);
    buf_release(&m);
    return rc;
}

val ev_var_get(struct interp *in, const char *name, size_t n)
{
    const char *rest;
    size_t rn;
    size_t pn = scope_prefix(name, n, &rest, &rn);
    struct scope *s = in->scope;
    bool local_only = false;
    if (pn) {
        if (prefix_is(name, pn, "env")) {
            char key[512];
            if (rn >= sizeof key)
                return val_null();
            memcpy(key, rest, rn);
            key[rn] = '\0';
            const char *e = getenv(key);
            if (!e) {
                /* environment names are case-insensitive on Windows */
                extern char **environ;
                for (char **ep = environ; *ep; ep++) {
                    const char *eq = strchr(*ep, '=');
                    if (eq && text_ieq(*ep, (size_t)(eq - *ep), key, rn)) {
                        e = eq + 1;
                        break;
                    }
                }
            }
            return e ? val_str_new(e) : val_null();
        }
        /* the function: and alias: drives */
        if (prefix_is(name, pn, "function")) {
            struct var *f = scope_lookup_ns(in->scope, NS_FUNCTION, rest, rn);
            return f ? function_block(f) : val_null();
        }
        if (prefix_is(name, pn, "alias")) {
            struct var *a = scope_lookup_ns(in->scope, NS_ALIAS, rest, rn);
            return a ? val_copy(a->value) : val_null();
        }
        struct var_place at = var_place(in, name, n);
        if (!at.from)
            return val_null();
        s = at.from;
        local_only = at.local_only;
        name = rest;
        n = rn;
    }
    if (n == 1 && name[0] == '?')
        return val_bool(in->prev_ok);
    if (n == 3 && text_ieq(name, 3, "PWD", 3) && !scope_lookup(s, name, n)) {
        /* $PWD: the current location, a PathInfo whose string form is the path */
        char cwd[4096];
        val pi = val_obj_new("System.Management.Automation.PathInfo");
        const char *d = getcwd(cwd, sizeof cwd) ? cwd : ".";
        pi = val_obj_set(pi, "Path", val_str_new(d));
        pi = val_obj_set(pi, "ProviderPath", val_str_new(d));
        pi = val_obj_set(pi, "\x01ToString", val_str_new(d));
        return pi;
    }
    struct var *v = local_only ? scope_get_local(s, name, n) : scope_lookup(s, name, n);
    if (!v)
        return val_null();
    return val_copy(v->value);
}

static void define_function(struct interp *in, const struct ast_node *n);

/* An assignment to $drive:name where there is no such drive. */
static enum ev drive_not_found(struct interp *in, const struct ast_node *at, const char *drive, size_t n)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "Cannot find drive. A drive with the name '%.*s' does not exist.", (int)n, drive);
    struct err_spec spec = {buf_cstr(&m), "DriveNotFound", "ObjectNotFound",
                            "System.Management.Automation.DriveNotFoundException", val_nothing(), NULL};
    spec.target = val_str_n(drive, n);
    enum ev rc = ev_throw(in, at, &spec);
    val_free(spec.target);
    buf_release(&m);
    return rc;
}

/*
** $function:name = value and $alias:name = value: a script block (or its
** text) becomes the function, text the alias's command, in the current
** scope; $null removes the item where it lives. Consumes v.
*/
static enum ev set_command_item(struct interp *in, const struct ast_node *at, bool alias, const char *name,
                                size_t n, val v)
{
    char *nm = emsh_xstrndup(name, n);
    enum ev rc = EV_OK;
    if (val_is_null(v)) {
        session_command_remove(in, alias, nm, true);
    } else if (alias) {
        struct buf t = BUF_INIT;
        conv_str(v, &t);
        if (session_alias_set(in, NULL, nm, buf_cstr(&t), NULL, -1, 0, NULL) != SESS_OK) {
            struct buf m = BUF_INIT;
            buf_printf(&m, "Alias is not writeable because alias %s is read-only or constant and cannot be written to.",
                       nm);
            struct err_spec spec = {buf_cstr(&m), "AliasNotWritable", "WriteError",
                                    "System.Management.Automation.SessionStateUnauthorizedAccessException",
                                    val_nothing(), NULL};
            spec.target = val_str_new(nm);
            rc = ev_throw(in, at, &spec);
            val_free(spec.target);
            buf_release(&m);
        }
        buf_release(&t);
    } else {
        /* the function statement the value stands for, parsed and defined here */
        struct buf t = BUF_INIT, src = BUF_INIT;
        conv_str(v, &t);
        buf_printf(&src, "function %s {%s}", nm, buf_cstr(&t));
        val sb;
        rc = session_parse(in, at, NULL, NULL, NULL, src.s, src.len, &sb);
        if (!rc) {
            const struct ast_node *root = val_sb_body(sb), *end = root->u.script.blocks[BLOCK_END];
            if (end && end->u.named.stmts.n == 1 && end->u.named.stmts.v[0]->kind == AST_FUNCTION) {
                struct sb_unit *saved = in->unit;
                in->unit = val_sb_unit(sb);
                define_function(in, end->u.named.stmts.v[0]);
                in->unit = saved;
            }
            val_free(sb);
        }
        buf_release(&t);
        buf_release(&src);
    }
    free(nm);
    val_free(v);
    return rc;
}

enum ev ev_var_set(struct interp *in, const struct ast_node *at, const char *name, size_t n, val v)
{
    const char *rest;
    size_t rn;
    size_t pn = scope_prefix(name, n, &rest, &rn);
    struct scope *s = in->scope;
    unsigned opts = 0;
    if (val_kind(v) == VAL_NOTHING)
        v = val_null();
    if (pn) {
        if (prefix_is(name, pn, "env")) {
            char key[512];
            if (rn >= sizeof key) {
                val_free(v);
                return EV_OK;
            }
            memcpy(key, rest, rn);
            key[rn] = '\0';
            if (val_is_null(v) || (val_kind(v) == VAL_STRING && val_str_len(v) == 0)) {
                unsetenv(key);
            } else {
                struct buf b = BUF_INIT;
                conv_str(v, &b);
                setenv(key, buf_cstr(&b), 1);
                buf_release(&b);
            }
            val_free(v);
            return EV_OK;
        }
        if (prefix_is(name, pn, "function") || prefix_is(name, pn, "alias"))
            return set_command_item(in, at, prefix_is(name, pn, "alias"), rest, rn, v);
        if (prefix_is(name, pn, "global"))
            s = in->global;
        else if (prefix_is(name, pn, "script"))
            s = scope_script(in->scope);
        else if (prefix_is(name, pn, "private"))
            opts = VO_PRIVATE;
        else if (!prefix_is(name, pn, "local") && !prefix_is(name, pn, "variable") && !prefix_is(name, pn, "using")) {
            val_free(v);
            return drive_not_found(in, at, name, pn);
        }
        name = rest;
        n = rn;
    }
    struct var *var = scope_get_local(s, name, n);
    if (!var && !pn) {
        /* an AllScope variable of an outer scope is set where it lives */
        struct var *outer = scope_lookup(s, name, n);
        if (outer && (outer->options & VO_ALLSCOPE))
            var = outer;
    }
    if (var && (var->options & (VO_READONLY | VO_CONSTANT))) {
        struct buf m = BUF_INIT;
        buf_printf(&m, "Cannot overwrite variable %.*s because it is read-only or constant.", (int)n, name);
        struct err_spec spec = {buf_cstr(&m), "VariableNotWritable", "WriteError",
                                "System.Management.Automation.SessionStateUnauthorizedAccessException",
                                val_nothing(), NULL};
        spec.target = val_str_n(name, n);
        enum ev rc = ev_throw(in, at, &spec);
        val_free(spec.target);
        buf_release(&m);
        val_free(v);
        return rc;
    }
    if (!var)
        var = scope_define(s, name, n);
    var->options |= (uint8_t)opts;
    if (var->type) {
        struct conv_error err;
        val c;
        if (!conv_to_type(v, var->type, &c, &err))
            return ev_throw_conv(in, at, &err);
        v = c;
    }
    val_free(var->value);
    var->value = v;
    if (n == 3 && text_ieq(name, 3, "OFS", 3)) {
        struct buf b = BUF_INIT;
        conv_str(var->value, &b);
        conv_set_ofs(val_is_null(var->value) ? NULL : buf_cstr(&b));
        buf_release(&b);
    }
    return EV_OK;
}

/*
** {==================================================================
** [ref]$variable
** ===================================================================
*/

/*
** A reference bound to a variable carries the id of the scope the
** variable lives in and its name (SCOPE_BOUND_ID and _NAME), not the scope
** itself: a scope holding its own variable's reference would never be
** freed. A reference is used while its scope is the current one or one
** above it (TryParse in the same scope, a [ref] parameter of a function
** called from there); past that it holds the value it had last. The
** PSVariable objects of Get-Variable are bound the same way.
*/
/* The scope of ref's variable if the current scope sees it, else NULL. */
static struct scope *ref_scope(struct interp *in, val ref, val *name)
{
    val id = val_obj_get(ref, SCOPE_BOUND_ID);
    struct scope *s = in->scope;
    if (val_kind(id) == VAL_LONG)
        while (s && s->id != (uint64_t)id.u.i)
            s = s->parent;
    else
        s = NULL;
    *name = s ? val_obj_get(ref, SCOPE_BOUND_NAME) : val_nothing();
    return s;
}

val ev_ref_get(struct interp *in, val ref)
{
    val name;
    struct scope *s = ref_scope(in, ref, &name);
    if (s) {
        struct var *v = scope_get_local(s, val_str(name), val_str_len(name));
        val_free(name);
        val_obj_put(ref, "Value", v ? val_copy(v->value) : val_null());
    }
    return val_obj_get(ref, "Value");
}

enum ev ev_ref_set(struct interp *in, const struct ast_node *at, val ref, val v)
{
    if (val_kind(v) == VAL_NOTHING)
        v = val_null();
    val name;
    struct scope *s = ref_scope(in, ref, &name);
    if (s) {
        /* set where the variable lives, with its constraints */
        struct scope *cur = in->scope;
        in->scope = s;
        enum ev rc = ev_var_set(in, at, val_str(name), val_str_len(name), val_copy(v));
        in->scope = cur;
        val_free(name);
        if (rc) {
            val_free(v);
            return rc;
        }
    }
    val_obj_put(ref, "Value", v);
    return EV_OK;
}

/*
** [ref]$name: a reference to the variable where $name reads it from, made
** in the current scope (as $null) when there is none yet, as PowerShell
** does for `[int]::TryParse($s, [ref]$n)`. $null and the drives'
** variables ($env:x) give a reference that holds the value.
*/
static enum ev variable_ref(struct interp *in, const struct ast_node *var, val *out)
{
    const char *name = var->u.var.name.s;
    size_t n = var->u.var.name.n;
    struct var_place at = var_place(in, name, n);
    struct scope *from = at.from;
    bool local = at.local_only;
    const char *rest = at.rest;
    size_t rn = at.rn;
    if (!from || (rn == 4 && text_ieq(rest, 4, "null", 4))) {
        *out = conv_ref_new(ev_var_get(in, name, n));
        return EV_OK;
    }
    struct scope *s = from;
    while (!local && s && !scope_get_local(s, rest, rn))
        s = s->parent;
    if (!s || !scope_get_local(s, rest, rn)) {
        s = from;
        scope_define(s, rest, rn)->value = val_null();
    }
    val r = conv_ref_new(val_copy(scope_get_local(s, rest, rn)->value));
    r = val_obj_set(r, SCOPE_BOUND_ID, val_long((int64_t)s->id));
    *out = val_obj_set(r, SCOPE_BOUND_NAME, val_str_n(rest, rn));
    out->flags |= VF_LIVE;
    return EV_OK;
}

/* }================================================================== */

/* Sets a variable in the current scope, no questions asked (consumes v). */
static void set_local(struct interp *in, const char *name, val v)
{
    /* $_ and $PSItem are set for every pipeline object: their hashes are kept */
    static uint32_t h_under, h_item;
    uint32_t h;
    size_t n = strlen(name);
    if (n == 1 && name[0] == '_')
        h = h_under ? h_under : (h_under = scope_hash(name, n));
    else if (n == 6 && !memcmp(name, "PSItem", 6))
        h = h_item ? h_item : (h_item = scope_hash(name, n));
    else
        h = scope_hash(name, n);
    struct var *var = scope_define_hashed(in->scope, name, n, h);
    val_free(var->value);
    var->value = v;
}

/* }================================================================== */

/*
** {==================================================================
** Types
** ===================================================================
*/

static void typename_text(const struct ast_node *t, struct buf *b)
{
    if (t->u.type.elem) {
        typename_text(t->u.type.elem, b);
        buf_putc(b, '[');
        for (uint32_t i = 1; i < t->u.type.rank; i++)
            buf_putc(b, ',');
        buf_putc(b, ']');
        return;
    }
    buf_add(b, t->u.type.name.s, t->u.type.name.n);
    if (t->u.type.args.n) {
        buf_putc(b, '[');
        for (uint32_t i = 0; i < t->u.type.args.n; i++) {
            if (i)
                buf_putc(b, ',');
            typename_text(t->u.type.args.v[i], b);
        }
        buf_putc(b, ']');
    }
}

enum ev ev_resolve_type(struct interp *in, const struct ast_node *tn, uint16_t *out)
{
    struct buf b = BUF_INIT;
    typename_text(tn, &b);
    uint16_t id = type_lookup(b.s, b.len);
    for (uint32_t i = 0; !id && i < val_arr_len(in->namespaces); i++) {
        val ns = val_arr_items(in->namespaces)[i];
        struct buf q = BUF_INIT;
        buf_printf(&q, "%s.%s", val_str(ns), b.s);
        id = type_lookup(q.s, q.len);
        buf_release(&q);
    }
    if (!id) {
        struct buf m = BUF_INIT;
        buf_printf(&m, "Unable to find type [%s].", b.s);
        struct err_spec spec = {buf_cstr(&m), "TypeNotFound", "InvalidOperation",
                                "System.Management.Automation.RuntimeException", val_nothing(), NULL};
        spec.target = val_str_new(b.s);
        enum ev rc = ev_throw(in, tn, &spec);
        val_free(spec.target);
        buf_release(&m);
        buf_release(&b);
        return rc;
    }
    buf_release(&b);
    *out = id;
    return EV_OK;
}

/* }================================================================== */

/*
** {==================================================================
** Expressions
** ===================================================================
*/

static enum ev run_block_collect(struct interp *in, const struct ast_node *block, val *out);

static val number_value(const struct ast_node *n)
{
    const struct lex_number *x = &n->u.number.value;
    switch (x->kind) {
    case NUM_INT32:
        return val_int((int32_t)x->i);
    case NUM_DOUBLE:
        return val_double(x->d);
    case NUM_DECIMAL: {
        /* exactly as written: 1.50d keeps its two decimals */
        val v;
        struct dec d;
        if (conv_parse_number(n->u.number.text.s, n->u.number.text.n, &v) && val_kind(v) == VAL_DECIMAL)
            return v;
        return val_dec(dec_from_double(x->d, &d) == DEC_OK ? d : dec_from_int64(0));
    }
    default:
        return val_long(x->i);
    }
}

static enum ev expandable(struct interp *in, const struct ast_node *n, val *out)
{
    struct buf b = BUF_INIT;
    for (uint32_t i = 0; i < n->u.expandable.parts.n; i++) {
        const struct ast_node *p = n->u.expandable.parts.v[i];
        val v;
        enum ev rc;
        if (p->kind == AST_STRING) {
            buf_add(&b, p->u.string.value.s, p->u.string.value.n);
            continue;
        }
        if (p->kind == AST_VARIABLE) {
            v = ev_var_get(in, p->u.var.name.s, p->u.var.name.n);
            if (val_is_null(v) && (rc = unset_variable(in, p, true)) != EV_OK) {
                buf_release(&b);
                return rc;
            }
        } else if ((rc = run_block_collect(in, p->u.sub.body, &v)) != EV_OK) {
            buf_release(&b);
            return rc;
        }
        conv_str(v, &b);
        val_free(v);
    }
    *out = val_str_buf(&b);
    return EV_OK;
}

/* Runs a statement block and gives its output as an assignment would see it. */
static enum ev run_block_collect(struct interp *in, const struct ast_node *block, val *out)
{
    struct collector c;
    collector_init(&c);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < block->u.block.stmts.n && rc == EV_OK; i++)
        rc = ev_stmt(in, block->u.block.stmts.v[i], &c.s);
    if (rc != EV_OK && rc != EV_STOP) {
        val_free(c.items);
        return rc;
    }
    *out = collector_result(&c);
    return EV_OK;
}

/* A pipeline that is just one expression: its value, not unrolled. */
static const struct ast_node *lone_expression(const struct ast_node *p)
{
    if (p && p->kind == AST_PIPELINE && p->u.pipeline.elems.n == 1 && !p->u.pipeline.background) {
        const struct ast_node *e = p->u.pipeline.elems.v[0];
        if (e->kind == AST_COMMAND_EXPR && e->u.cmdexpr.redirs.n == 0)
            return e->u.cmdexpr.expr;
    }
    return NULL;
}

static enum ev assign(struct interp *in, const struct ast_node *n, val *result);

static enum ev paren(struct interp *in, const struct ast_node *n, val *out)
{
    const struct ast_node *p = n->u.paren.pipeline;
    if (!p) {
        *out = val_null();
        return EV_OK;
    }
    const struct ast_node *e = lone_expression(p);
    if (e)
        return ev_expr(in, e, out);
    if (p->kind == AST_ASSIGN)
        return assign(in, p, out);
    struct collector c;
    collector_init(&c);
    enum ev rc = ev_stmt(in, p, &c.s);
    if (rc != EV_OK && rc != EV_STOP) {
        val_free(c.items);
        return rc;
    }
    *out = collector_result(&c);
    return EV_OK;
}

static enum ev hashtable(struct interp *in, const struct ast_node *n, bool ordered, val *out)
{
    val h = val_hash_new(ordered);
    for (uint32_t i = 0; i < n->u.hash.keys.n; i++) {
        val k, v;
        enum ev rc = ev_expr(in, n->u.hash.keys.v[i], &k);
        if (rc) {
            val_free(h);
            return rc;
        }
        const struct ast_node *vs = n->u.hash.values.v[i];
        const struct ast_node *e = lone_expression(vs);
        if (e)
            rc = ev_expr(in, e, &v);
        else {
            struct collector c;
            collector_init(&c);
            rc = ev_stmt(in, vs, &c.s);
            v = rc == EV_OK ? collector_result(&c) : (val_free(c.items), val_null());
        }
        if (rc) {
            val_free(k);
            val_free(h);
            return rc;
        }
        if (val_kind(v) == VAL_NOTHING)
            v = val_null();
        if (val_hash_has(h, k)) {
            struct buf m = BUF_INIT, kb = BUF_INIT;
            conv_str(k, &kb);
            buf_printf(&m, "Duplicate keys '%s' are not allowed in hash literals.", buf_cstr(&kb));
            struct err_spec spec = {buf_cstr(&m), "DuplicateKeyInHashLiteral", "ParserError",
                                    "System.Management.Automation.ParseException", val_nothing(), NULL};
            rc = ev_throw(in, n->u.hash.keys.v[i], &spec);
            buf_release(&m);
            buf_release(&kb);
            val_free(k);
            val_free(v);
            val_free(h);
            return rc;
        }
        h = val_hash_set(h, k, v);
    }
    *out = h;
    return EV_OK;
}

/* Is the comparison family one that filters an array on its left? */
static bool filters(enum ast_op base)
{
    switch (base) {
    case OP_EQ:
    case OP_NE:
    case OP_GT:
    case OP_GE:
    case OP_LT:
    case OP_LE:
        return true;
    default:
        return false;
    }
}

static bool compare_scalar(enum ast_op base, val l, val r, bool icase, bool *res,
                           struct conv_error *err)
{
    if (base == OP_EQ || base == OP_NE) {
        bool eq = ops_equal(l, r, icase);
        *res = base == OP_EQ ? eq : !eq;
        return true;
    }
    int cmp;
    if (!ops_compare(l, r, icase, &cmp, err))
        return false;
    switch (base) {
    case OP_GT: *res = cmp > 0; break;
    case OP_GE: *res = cmp >= 0; break;
    case OP_LT: *res = cmp < 0; break;
    default: *res = cmp <= 0; break;
    }
    return true;
}

static bool contains(val coll, val item, bool icase)
{
    if (val_kind(coll) != VAL_ARRAY)
        return ops_equal(coll, item, icase);
    for (uint32_t i = 0; i < val_arr_len(coll); i++)
        if (ops_equal(val_arr_items(coll)[i], item, icase))
            return true;
    return false;
}

/* -join: the elements' strings joined with the separator. */
static val join(val l, val sep)
{
    struct buf b = BUF_INIT, s = BUF_INIT;
    conv_str(sep, &s);
    if (val_kind(l) == VAL_ARRAY) {
        for (uint32_t i = 0; i < val_arr_len(l); i++) {
            if (i)
                buf_add(&b, s.s, s.len);
            conv_str(val_arr_items(l)[i], &b);
        }
    } else {
        conv_str(l, &b);
    }
    buf_release(&s);
    return val_str_buf(&b);
}

enum ev ev_binary_values(struct interp *in, const struct ast_node *at, enum ast_op op, val l,
                         val r, val *out);

static enum ev binary(struct interp *in, const struct ast_node *n, val *out)
{
    enum ast_op op = n->u.binary.op;
    val l, r;
    enum ev rc = ev_expr(in, n->u.binary.lhs, &l);
    if (rc)
        return rc;
    if (op == OP_AND || op == OP_OR) {
        bool lt = conv_truthy(l);
        val_free(l);
        if ((op == OP_AND && !lt) || (op == OP_OR && lt)) {
            *out = val_bool(lt);
            return EV_OK;
        }
        if ((rc = ev_expr(in, n->u.binary.rhs, &r)))
            return rc;
        *out = val_bool(conv_truthy(r));
        val_free(r);
        return EV_OK;
    }
    if (op == OP_COALESCE) {
        if (!val_is_null(l)) {
            *out = l;
            return EV_OK;
        }
        val_free(l);
        return ev_expr(in, n->u.binary.rhs, out);
    }
    if ((rc = ev_expr(in, n->u.binary.rhs, &r))) {
        val_free(l);
        return rc;
    }
    rc = ev_binary_values(in, n, op, l, r, out);
    val_free(l);
    val_free(r);
    return rc;
}

/* The pattern operators, provided by patterns.c. */
enum ev ev_pattern_op(struct interp *in, const struct ast_node *at, enum ast_op base, bool icase,
                      val l, val r, val *out);
enum ev ev_binary_values(struct interp *in, const struct ast_node *at, enum ast_op op, val l,
                         val r, val *out)
{
    struct conv_error err;
    bool icase;
    enum ast_op base = ops_base(op, &icase);
    if (filters(base)) {
        if (val_kind(l) == VAL_ARRAY) {
            val res = val_arr_new();
            for (uint32_t i = 0; i < val_arr_len(l); i++) {
                val e = val_arr_items(l)[i];
                bool yes;
                if (!compare_scalar(base, e, r, icase, &yes, &err)) {
                    val_free(res);
                    return ev_throw_conv(in, at, &err);
                }
                if (yes)
                    res = val_arr_push(res, val_copy(e));
            }
            *out = res;
            return EV_OK;
        }
        bool yes;
        if (!compare_scalar(base, l, r, icase, &yes, &err))
            return ev_throw_conv(in, at, &err);
        *out = val_bool(yes);
        return EV_OK;
    }
    switch (base) {
    case OP_XOR:
        *out = val_bool(conv_truthy(l) != conv_truthy(r));
        return EV_OK;
    case OP_CONTAINS:
        *out = val_bool(contains(l, r, icase));
        return EV_OK;
    case OP_NOTCONTAINS:
        *out = val_bool(!contains(l, r, icase));
        return EV_OK;
    case OP_IN:
        *out = val_bool(contains(r, l, icase));
        return EV_OK;
    case OP_NOTIN:
        *out = val_bool(!contains(r, l, icase));
        return EV_OK;
    case OP_JOIN:
        *out = join(l, r);
        return EV_OK;
    case OP_LIKE:
    case OP_NOTLIKE:
    case OP_MATCH:
    case OP_NOTMATCH:
    case OP_REPLACE:
    case OP_SPLIT:
    case OP_ISPLIT:
    case OP_CSPLIT:
        return ev_pattern_op(in, at, base, icase && op != OP_CSPLIT, l, r, out);
    case OP_FORMAT:
        return ev_format_op(in, at, l, r, out);
    case OP_IS:
    case OP_ISNOT: {
        bool yes;
        if (!ops_is(l, r, &yes, &err))
            return ev_throw_conv(in, at, &err);
        *out = val_bool(op == OP_IS ? yes : !yes);
        return EV_OK;
    }
    case OP_AS: {
        uint16_t t = val_kind(r) == VAL_TYPE ? r.aux
                     : val_kind(r) == VAL_STRING ? type_lookup(val_str(r), val_str_len(r)) : 0;
        val c;
        if (!t || !conv_to_type(val_copy(l), t, &c, NULL))
            c = val_null();
        *out = c;
        return EV_OK;
    }
    case OP_RANGE:
        if (!ops_range(l, r, out, &err))
            return ev_throw_conv(in, at, &err);
        return EV_OK;
    default:
        if (!ops_arith(op, l, r, out, &err))
            return ev_throw_conv(in, at, &err);
        return EV_OK;
    }
}

static enum ev incdec(struct interp *in, const struct ast_node *n, val *out);

static enum ev unary(struct interp *in, const struct ast_node *n, val *out)
{
    enum ast_op op = n->u.unary.op;
    if (op == OP_PREINC || op == OP_PREDEC || op == OP_POSTINC || op == OP_POSTDEC)
        return incdec(in, n, out);
    val v;
    enum ev rc = ev_expr(in, n->u.unary.operand, &v);
    if (rc)
        return rc;
    struct conv_error err;
    switch (op) {
    case OP_UCOMMA:
        *out = val_arr_push(val_arr_sized(1), v);
        return EV_OK;
    case OP_JOIN: {
        val empty = val_str_new("");
        *out = join(v, empty);
        val_free(empty);
        val_free(v);
        return EV_OK;
    }
    case OP_SPLIT: {
        /* unary -split: on runs of white space, empty strings dropped */
        val res = val_arr_new();
        val items = val_kind(v) == VAL_ARRAY ? val_copy(v) : val_arr_push(val_arr_new(), val_copy(v));
        for (uint32_t i = 0; i < val_arr_len(items); i++) {
            struct buf b = BUF_INIT;
            conv_str(val_arr_items(items)[i], &b);
            size_t k = 0;
            while (k < b.len) {
                while (k < b.len && (b.s[k] == ' ' || b.s[k] == '\t' || b.s[k] == '\n' || b.s[k] == '\r'))
                    k++;
                size_t s = k;
                while (k < b.len && !(b.s[k] == ' ' || b.s[k] == '\t' || b.s[k] == '\n' || b.s[k] == '\r'))
                    k++;
                if (k > s)
                    res = val_arr_push(res, val_str_n(b.s + s, k - s));
            }
            buf_release(&b);
        }
        val_free(items);
        val_free(v);
        *out = res;
        return EV_OK;
    }
    default:
        if (!ops_unary(op, v, out, &err)) {
            val_free(v);
            return ev_throw_conv(in, n, &err);
        }
        val_free(v);
        return EV_OK;
    }
}

static enum ev convert(struct interp *in, const struct ast_node *n, val *out)
{
    const struct ast_node *t = n->u.convert.type;
    bool ordered = !t->u.type.elem && !t->u.type.args.n &&
                   text_ieq(t->u.type.name.s, t->u.type.name.n, "ordered", 7);
    if (ordered) {
        if (n->u.convert.expr->kind != AST_HASHTABLE) {
            struct err_spec spec = {"The ordered attribute can be specified only on a hash literal node.",
                                    "OrderedAttributeOnlyOnHashLiteralNode", "ParserError",
                                    "System.Management.Automation.ParseException", val_nothing(), NULL};
            return ev_throw(in, n, &spec);
        }
        return hashtable(in, n->u.convert.expr, true, out);
    }
    uint16_t id;
    enum ev rc = ev_resolve_type(in, t, &id);
    if (rc)
        return rc;
    if (id == TY_REF && n->u.convert.expr->kind == AST_VARIABLE)
        return variable_ref(in, n->u.convert.expr, out);
    val v;
    if ((rc = ev_expr(in, n->u.convert.expr, &v)))
        return rc;
    struct conv_error err;
    if (!conv_to_type(v, id, out, &err))
        return ev_throw_conv(in, n, &err);
    return EV_OK;
}

static enum ev array_literal(struct interp *in, const struct ast_node *n, val *out)
{
    val a = val_arr_sized(n->u.array.elems.n);
    for (uint32_t i = 0; i < n->u.array.elems.n; i++) {
        val v;
        enum ev rc = ev_expr(in, n->u.array.elems.v[i], &v);
        if (rc) {
            val_free(a);
            return rc;
        }
        if (val_kind(v) == VAL_NOTHING)
            v = val_null();
        a = val_arr_push(a, v);
    }
    *out = a;
    return EV_OK;
}

/*
** The target of a member access or an index (in *target), then its
** operand (in *operand), unless the access is null-conditional (?. ?[])
** and the target is $null: then *out is $null, *done is true and neither
** is set.
*/
static enum ev access_operands(struct interp *in, const struct ast_node *t, bool nullcond,
                               const struct ast_node *operand_node, val *target, val *operand, val *out,
                               bool *done)
{
    *done = false;
    enum ev rc = ev_expr(in, t, target);
    if (rc)
        return rc;
    if (nullcond && val_is_null(*target)) {
        val_free(*target);
        *out = val_null();
        *done = true;
        return EV_OK;
    }
    if ((rc = ev_expr(in, operand_node, operand)))
        val_free(*target);
    return rc;
}

static bool is_name_of(val name, const char *lit)
{
    return text_ieq(val_str(name), val_str_len(name), lit, strlen(lit));
}

static enum ev strict_no_property(struct interp *in, const struct ast_node *at, val name)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "The property '%s' cannot be found on this object. Verify that the property exists.", val_str(name));
    struct err_spec spec = {buf_cstr(&m), "PropertyNotFoundStrict", "NotSpecified",
                            "System.Management.Automation.PropertyNotFoundException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

/*
** Under Set-StrictMode 2 or later, is reading member `name` of target
** (which gave `got`) reading one that is not there? Nothing is on $null; a
** collection's members and a hashtable's keys are always there; an object
** has its own properties (set to $null or not); and the Count and Length
** PowerShell lends to single values are not lent in strict mode (a
** string's own Length stays).
*/
static bool strict_missing(val target, val name, val got)
{
    enum val_kind k = val_kind(target);
    if (k == VAL_HASHTABLE || k == VAL_ARRAY)
        return false;
    size_t nl = val_str_len(name);
    bool lent = (nl == 5 && is_name_of(name, "Count")) || (nl == 6 && is_name_of(name, "Length"));
    if (!lent && !val_is_null(got) && k != VAL_NULL && k != VAL_NOTHING)
        return false; /* the common case, decided without a lookup */
    switch (k) {
    case VAL_NULL:
    case VAL_NOTHING:
        return true;
    case VAL_OBJECT:
        return (lent || val_is_null(got)) && !val_obj_has(target, val_str(name));
    case VAL_STRING:
        return is_name_of(name, "Count") || val_is_null(got);
    default:
        return lent || val_is_null(got);
    }
}

static enum ev member_expr(struct interp *in, const struct ast_node *n, val *out)
{
    val target, name;
    bool done;
    enum ev rc = access_operands(in, n->u.member.target, n->u.member.nullcond, n->u.member.member, &target,
                                 &name, out, &done);
    if (rc || done)
        return rc;
    name = conv_to_str(name);
    if (n->kind == AST_INVOKE) {
        uint32_t na = n->u.member.args.n;
        val *args = na ? emsh_xmalloc(na * sizeof *args) : NULL;
        uint32_t k = 0;
        for (; k < na; k++) {
            if ((rc = ev_expr(in, n->u.member.args.v[k], &args[k])))
                break;
            if (val_kind(args[k]) == VAL_NOTHING)
                args[k] = val_null();
        }
        if (!rc) {
            /* ([Base]$this).Method() in a class: the base class's method, not the override */
            const struct ast_node *t = n->u.member.target;
            if (t->kind == AST_PAREN && t->u.paren.pipeline)
                t = lone_expression(t->u.paren.pipeline);
            in->dispatch_from = TY_NONE;
            if (!n->u.member.is_static && t && t->kind == AST_CONVERT && t->u.convert.expr->kind == AST_VARIABLE &&
                text_ieq(t->u.convert.expr->u.var.name.s, t->u.convert.expr->u.var.name.n, "this", 4)) {
                uint16_t id = type_lookup(t->u.convert.type->u.type.name.s, t->u.convert.type->u.type.name.n);
                const struct type_info *ti = type_get(id);
                if (ti && ti->kind == TK_SCRIPT_CLASS)
                    in->dispatch_from = id;
            }
            rc = ev_invoke_method(in, n, target, name, n->u.member.is_static, args, na, out);
            in->dispatch_from = TY_NONE;
        }
        for (uint32_t j = 0; j < k; j++)
            val_free(args[j]);
        free(args);
    } else {
        rc = ev_member_get(in, n, target, name, n->u.member.is_static, out);
        if (!rc && in->strict_seen && !n->u.member.is_static && strict_missing(target, name, *out) &&
            ev_strict_mode(in) >= 2) {
            val_free(*out);
            *out = val_null();
            rc = strict_no_property(in, n, name);
        }
    }
    val_free(target);
    val_free(name);
    return rc;
}

static enum ev index_expr(struct interp *in, const struct ast_node *n, val *out)
{
    val target, idx;
    bool done;
    enum ev rc = access_operands(in, n->u.index.target, n->u.index.nullcond, n->u.index.index, &target, &idx,
                                 out, &done);
    if (rc || done)
        return rc;
    rc = ev_index_get(in, n, target, idx, out);
    val_free(target);
    val_free(idx);
    return rc;
}

enum ev ev_expr(struct interp *in, const struct ast_node *n, val *out)
{
    switch (n->kind) {
    case AST_NUMBER:
        *out = number_value(n);
        return EV_OK;
    case AST_STRING:
        *out = val_str_n(n->u.string.value.s, n->u.string.value.n);
        return EV_OK;
    case AST_EXPANDABLE:
        return expandable(in, n, out);
    case AST_VARIABLE:
        *out = ev_var_get(in, n->u.var.name.s, n->u.var.name.n);
        return val_is_null(*out) ? unset_variable(in, n, false) : EV_OK;
    case AST_ARRAY_LITERAL:
        return array_literal(in, n, out);
    case AST_ARRAY_EXPR: {
        struct collector c;
        collector_init(&c);
        enum ev rc = EV_OK;
        const struct ast_node *b = n->u.sub.body;
        for (uint32_t i = 0; i < b->u.block.stmts.n && rc == EV_OK; i++)
            rc = ev_stmt(in, b->u.block.stmts.v[i], &c.s);
        if (rc && rc != EV_STOP) {
            val_free(c.items);
            return rc;
        }
        *out = c.items;
        return EV_OK;
    }
    case AST_SUBEXPR:
        return run_block_collect(in, n->u.sub.body, out);
    case AST_PAREN:
        return paren(in, n, out);
    case AST_HASHTABLE:
        return hashtable(in, n, false, out);
    case AST_SCRIPT_BLOCK_EXPR:
        *out = val_scriptblock(in->unit, n->u.sbexpr.body);
        return EV_OK;
    case AST_BINARY:
        return binary(in, n, out);
    case AST_UNARY:
        return unary(in, n, out);
    case AST_TERNARY: {
        val c;
        enum ev rc = ev_expr(in, n->u.ternary.cond, &c);
        if (rc)
            return rc;
        bool t = conv_truthy(c);
        val_free(c);
        return ev_expr(in, t ? n->u.ternary.then : n->u.ternary.else_, out);
    }
    case AST_CONVERT:
        return convert(in, n, out);
    case AST_TYPE_EXPR: {
        uint16_t id;
        enum ev rc = ev_resolve_type(in, n->u.tc.type, &id);
        if (rc)
            return rc;
        *out = val_type(id);
        return EV_OK;
    }
    case AST_ATTRIBUTED:
        return ev_expr(in, n->u.attributed.expr, out);
    case AST_MEMBER:
    case AST_INVOKE:
        return member_expr(in, n, out);
    case AST_INDEX:
        return index_expr(in, n, out);
    case AST_ASSIGN:
        return assign(in, n, out);
    case AST_PIPELINE:
    case AST_PIPELINE_CHAIN: {
        struct collector c;
        collector_init(&c);
        enum ev rc = ev_stmt(in, n, &c.s);
        if (rc && rc != EV_STOP) {
            val_free(c.items);
            return rc;
        }
        *out = collector_result(&c);
        return EV_OK;
    }
    default: {
        /* a statement used for its value: $x = if (...) {...} */
        struct collector c;
        collector_init(&c);
        enum ev rc = ev_stmt(in, n, &c.s);
        if (rc && rc != EV_STOP) {
            val_free(c.items);
            return rc;
        }
        *out = collector_result(&c);
        return EV_OK;
    }
    }
}

/* }================================================================== */

/*
** {==================================================================
** Assignment
** ===================================================================
*/

/* Stores v into the place an assignable expression names (consumes v). */
static enum ev store(struct interp *in, const struct ast_node *lhs, val v)
{
    switch (lhs->kind) {
    case AST_VARIABLE:
        if (lhs->u.var.name.n == 4 && text_ieq(lhs->u.var.name.s, 4, "null", 4)) {
            val_free(v); /* $null = ... discards */
            return EV_OK;
        }
        return ev_var_set(in, lhs, lhs->u.var.name.s, lhs->u.var.name.n, v);
    case AST_CONVERT: {
        /* [int]$x = ...: the variable keeps the constraint */
        const struct ast_node *var = lhs->u.convert.expr;
        while (var->kind == AST_ATTRIBUTED)
            var = var->u.attributed.expr;
        uint16_t id;
        enum ev rc = ev_resolve_type(in, lhs->u.convert.type, &id);
        if (rc) {
            val_free(v);
            return rc;
        }
        if (var->kind != AST_VARIABLE) {
            val_free(v);
            return EV_OK;
        }
        struct conv_error err;
        val c;
        if (!conv_to_type(v, id, &c, &err))
            return ev_throw_conv(in, lhs, &err);
        rc = ev_var_set(in, var, var->u.var.name.s, var->u.var.name.n, c);
        if (!rc) {
            const char *rest;
            size_t rn;
            scope_prefix(var->u.var.name.s, var->u.var.name.n, &rest, &rn);
            struct var *sv = scope_lookup(in->scope, rest, rn);
            if (sv)
                sv->type = id == TY_OBJECT ? TY_NONE : id;
        }
        return rc;
    }
    case AST_ATTRIBUTED:
        return store(in, lhs->u.attributed.expr, v);
    case AST_MEMBER: {
        val target, name;
        enum ev rc = ev_expr(in, lhs->u.member.target, &target);
        if (rc) {
            val_free(v);
            return rc;
        }
        if ((rc = ev_expr(in, lhs->u.member.member, &name))) {
            val_free(target);
            val_free(v);
            return rc;
        }
        name = conv_to_str(name);
        rc = ev_member_set(in, lhs, target, name, v);
        val_free(target);
        val_free(name);
        return rc;
    }
    case AST_INDEX: {
        val target, idx;
        enum ev rc = ev_expr(in, lhs->u.index.target, &target);
        if (rc) {
            val_free(v);
            return rc;
        }
        if ((rc = ev_expr(in, lhs->u.index.index, &idx))) {
            val_free(target);
            val_free(v);
            return rc;
        }
        rc = ev_index_set(in, lhs, target, idx, v);
        val_free(target);
        val_free(idx);
        return rc;
    }
    case AST_ARRAY_LITERAL: {
        /* $a, $b = 1, 2, 3: $a = 1, $b = 2,3 */
        uint32_t nv = val_kind(v) == VAL_ARRAY ? val_arr_len(v) : (val_is_null(v) ? 0 : 1);
        uint32_t nt = lhs->u.array.elems.n;
        enum ev rc = EV_OK;
        for (uint32_t i = 0; i < nt && !rc; i++) {
            val item;
            if (i == nt - 1 && nv > nt) {
                item = val_arr_new();
                for (uint32_t k = i; k < nv; k++)
                    item = val_arr_push(item, val_arr_get(v, k));
            } else if (i < nv) {
                item = val_kind(v) == VAL_ARRAY ? val_arr_get(v, i) : val_copy(v);
            } else {
                item = val_null();
            }
            rc = store(in, lhs->u.array.elems.v[i], item);
        }
        val_free(v);
        return rc;
    }
    case AST_PAREN: {
        const struct ast_node *e = lone_expression(lhs->u.paren.pipeline);
        if (e)
            return store(in, e, v);
        break;
    }
    default:
        break;
    }
    val_free(v);
    struct err_spec spec = {"The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.",
                            "InvalidLeftHandSide", "ParserError", "System.Management.Automation.ParseException",
                            val_nothing(), NULL};
    return ev_throw(in, lhs, &spec);
}

static enum ast_op compound_base(enum ast_op op)
{
    switch (op) {
    case OP_ADD_ASSIGN: return OP_ADD;
    case OP_SUB_ASSIGN: return OP_SUB;
    case OP_MUL_ASSIGN: return OP_MUL;
    case OP_DIV_ASSIGN: return OP_DIV;
    case OP_REM_ASSIGN: return OP_REM;
    default: return OP_NONE;
    }
}

/* Evaluates the right side of an assignment: a statement's output. */
static enum ev rhs_value(struct interp *in, const struct ast_node *rhs, val *out)
{
    const struct ast_node *e = lone_expression(rhs);
    if (e)
        return ev_expr(in, e, out);
    if (ast_is_expression(rhs))
        return ev_expr(in, rhs, out);
    if (rhs->kind == AST_ASSIGN)
        return assign(in, rhs, out);
    struct collector c;
    collector_init(&c);
    enum ev rc = ev_stmt(in, rhs, &c.s);
    if (rc && rc != EV_STOP) {
        val_free(c.items);
        return rc;
    }
    *out = collector_result(&c);
    return EV_OK;
}

static enum ev assign(struct interp *in, const struct ast_node *n, val *result)
{
    enum ast_op op = n->u.assign.op;
    val v;
    enum ev rc;
    if (op == OP_COALESCE_ASSIGN) {
        val cur;
        if ((rc = ev_expr(in, n->u.assign.lhs, &cur)))
            return rc;
        bool have = !val_is_null(cur);
        if (have) {
            if (result)
                *result = cur;
            else
                val_free(cur);
            return EV_OK;
        }
        val_free(cur);
    }
    if ((rc = rhs_value(in, n->u.assign.rhs, &v)))
        return rc;
    enum ast_op base = compound_base(op);
    if (base != OP_NONE) {
        val cur, r;
        if ((rc = ev_expr(in, n->u.assign.lhs, &cur))) {
            val_free(v);
            return rc;
        }
        rc = ev_binary_values(in, n, base, cur, v, &r);
        val_free(cur);
        val_free(v);
        if (rc)
            return rc;
        v = r;
    }
    if (val_kind(v) == VAL_NOTHING && n->u.assign.lhs->kind != AST_VARIABLE)
        v = val_null();
    if (result)
        *result = val_copy(v);
    rc = store(in, n->u.assign.lhs, v);
    if (rc && result)
        val_free(*result);
    return rc;
}

static enum ev incdec(struct interp *in, const struct ast_node *n, val *out)
{
    enum ast_op op = n->u.unary.op;
    val cur, next;
    enum ev rc = ev_expr(in, n->u.unary.operand, &cur);
    if (rc)
        return rc;
    if (val_is_null(cur))
        cur = val_int(0);
    bool inc = op == OP_PREINC || op == OP_POSTINC;
    if ((rc = ev_binary_values(in, n, inc ? OP_ADD : OP_SUB, cur, val_int(1), &next))) {
        val_free(cur);
        return rc;
    }
    bool post = op == OP_POSTINC || op == OP_POSTDEC;
    *out = post ? val_copy(cur) : val_copy(next);
    val_free(cur);
    rc = store(in, n->u.unary.operand, next);
    if (rc)
        val_free(*out);
    return rc;
}

/* }================================================================== */

/*
** {==================================================================
** Statements and control flow
** ===================================================================
*/

static enum ev run_pipeline(struct interp *in, const struct ast_node *n, struct sink *out);

/* Does a loop with this label take the break/continue under way? */
static bool loop_owns(struct interp *in, const struct ast_str *label)
{
    if (!in->label)
        return true;
    if (label->n && text_ieq(in->label, strlen(in->label), label->s, label->n)) {
        in->label = NULL;
        return true;
    }
    return false;
}

/* Runs a trap body for a thrown error; *handled says whether execution goes on. */
static enum ev run_trap(struct interp *in, const struct ast_node *trap, struct sink *out,
                        bool *handled)
{
    val record = in->thrown;
    in->thrown = val_null();
    in->fatal = false;
    record_error(in, val_copy(record));
    val old = ev_var_get(in, "_", 1);
    set_local(in, "_", val_copy(record));
    set_local(in, "PSItem", val_copy(record));
    enum ev rc = EV_OK;
    const struct ast_node *body = trap->u.trap.body;
    for (uint32_t i = 0; body && i < body->u.block.stmts.n && rc == EV_OK; i++)
        rc = ev_stmt(in, body->u.block.stmts.v[i], out);
    set_local(in, "_", old);
    if (rc == EV_CONTINUE) {
        in->label = NULL;
        *handled = true; /* the error is silenced */
        val_free(record);
        return EV_OK;
    }
    if (rc == EV_BREAK) {
        in->label = NULL;
        *handled = false;
        val_free(in->thrown);
        in->thrown = record;
        return EV_THROW;
    }
    if (rc) {
        val_free(record);
        return rc;
    }
    /* no break or continue: the error is written and the script goes on */
    show_error(in, record);
    val_free(record);
    *handled = true;
    return EV_OK;
}

/* Does a trap (or catch) type list match the error under way? */
static bool types_match(struct interp *in, const struct ast_list *types, val record)
{
    if (!types->n)
        return true;
    for (uint32_t i = 0; i < types->n; i++) {
        const struct ast_node *tc = types->v[i];
        uint16_t id;
        if (ev_resolve_type(in, tc->u.tc.type, &id) != EV_OK) {
            val_free(in->thrown);
            in->thrown = val_null();
            continue;
        }
        if (err_is(record, type_name(id)))
            return true;
    }
    return false;
}

/* Runs a list of statements, honouring the traps among them. */
static enum ev exec_stmts(struct interp *in, const struct ast_list *stmts, struct sink *out)
{
    const struct ast_node *traps[8];
    uint32_t ntraps = 0;
    for (uint32_t i = 0; i < stmts->n; i++)
        if (stmts->v[i]->kind == AST_TRAP && ntraps < 8)
            traps[ntraps++] = stmts->v[i];
    for (uint32_t i = 0; i < stmts->n; i++) {
        const struct ast_node *s = stmts->v[i];
        if (s->kind == AST_TRAP)
            continue;
        enum ev rc = ev_stmt(in, s, out);
        if (rc == EV_THROW && ntraps) {
            const struct ast_node *t = NULL;
            for (uint32_t k = 0; k < ntraps && !t; k++) {
                const struct ast_node *ty = traps[k]->u.trap.type;
                struct ast_list one = {(struct ast_node **)&ty, ty ? 1 : 0};
                if (types_match(in, &one, in->thrown))
                    t = traps[k];
            }
            if (t) {
                bool handled;
                rc = run_trap(in, t, out, &handled);
            }
        }
        if (rc == EV_THROW && !in->fatal && in->try_depth == 0) {
            /*
            ** A statement-terminating error: written, and the script goes
            ** on. $ErrorActionPreference acts on these too, unlike
            ** -ErrorAction: Stop ends the script with it, SilentlyContinue
            ** only records it, Ignore drops it.
            */
            int act = error_action(in);
            if (act == 1) {
                in->fatal = true;
                return rc;
            }
            val record = in->thrown;
            in->thrown = val_null();
            if (act != 4)
                record_error(in, val_copy(record));
            if (act == 2)
                show_error(in, record);
            val_free(record);
            continue;
        }
        if (rc)
            return rc;
    }
    return EV_OK;
}

static enum ev exec_block(struct interp *in, const struct ast_node *block, struct sink *out)
{
    if (!block)
        return EV_OK;
    return exec_stmts(in, &block->u.block.stmts, out);
}

/* A loop body; *stop is set when the loop must end. */
static enum ev loop_body(struct interp *in, const struct ast_node *body, const struct ast_str *label,
                         struct sink *out, bool *stop)
{
    if (ev_interrupted) {
        *stop = true;
        return EV_HALT;
    }
    enum ev rc = exec_block(in, body, out);
    *stop = false;
    if (rc == EV_BREAK && loop_owns(in, label)) {
        *stop = true;
        return EV_OK;
    }
    if (rc == EV_CONTINUE && loop_owns(in, label))
        return EV_OK;
    if (rc)
        *stop = true;
    return rc;
}

static enum ev cond_value(struct interp *in, const struct ast_node *cond, bool *t)
{
    val v;
    enum ev rc = rhs_value(in, cond, &v);
    if (rc)
        return rc;
    *t = conv_truthy(v);
    val_free(v);
    return EV_OK;
}

static enum ev if_stmt(struct interp *in, const struct ast_node *n, struct sink *out)
{
    for (uint32_t i = 0; i < n->u.if_.conds.n; i++) {
        bool t;
        enum ev rc = cond_value(in, n->u.if_.conds.v[i], &t);
        if (rc)
            return rc;
        if (t)
            return exec_block(in, n->u.if_.bodies.v[i], out);
    }
    return exec_block(in, n->u.if_.else_body, out);
}

/* The objects a foreach or switch statement walks. */
static enum ev items_of(struct interp *in, const struct ast_node *e, val *out)
{
    val v;
    enum ev rc = rhs_value(in, e, &v);
    if (rc)
        return rc;
    if (val_kind(v) == VAL_ARRAY) {
        *out = v;
        return EV_OK;
    }
    val a = val_arr_new();
    if (!val_is_null(v))
        a = val_arr_push(a, v);
    else
        val_free(v);
    *out = a;
    return EV_OK;
}

/* A range a..b that a pipeline or foreach loop walks: numbers made one at
   a time, not an array first, so a loop that breaks or a pipeline that
   stops early costs nothing for the rest. */
static const struct ast_node *lazy_range(const struct ast_node *e)
{
    const struct ast_node *x = lone_expression(e);
    if (x)
        e = x;
    if (e && e->kind == AST_BINARY && e->u.binary.op == OP_RANGE)
        return e;
    return NULL;
}

static enum ev range_bounds(struct interp *in, const struct ast_node *e, int32_t *a, int32_t *b)
{
    val l, r;
    enum ev rc = ev_expr(in, e->u.binary.lhs, &l);
    if (rc)
        return rc;
    if ((rc = ev_expr(in, e->u.binary.rhs, &r))) {
        val_free(l);
        return rc;
    }
    struct conv_error err;
    bool ok = conv_to_int32(l, a, &err) && conv_to_int32(r, b, &err);
    val_free(l);
    val_free(r);
    return ok ? EV_OK : ev_throw_conv(in, e, &err);
}

static enum ev foreach_range(struct interp *in, const struct ast_node *n, const struct ast_node *range,
                             struct sink *out)
{
    int32_t a, b;
    enum ev rc = range_bounds(in, range, &a, &b);
    if (rc)
        return rc;
    const struct ast_node *var = n->u.foreach.var;
    int64_t step = a <= b ? 1 : -1;
    for (int64_t i = a;; i += step) {
        if ((rc = ev_var_set(in, var, var->u.var.name.s, var->u.var.name.n, val_int((int32_t)i))))
            break;
        bool stop;
        rc = loop_body(in, n->u.foreach.body, &n->u.foreach.label, out, &stop);
        if (stop || i == b)
            break;
    }
    return rc;
}

static enum ev foreach_stmt(struct interp *in, const struct ast_node *n, struct sink *out)
{
    const struct ast_node *range = lazy_range(n->u.foreach.expr);
    if (range)
        return foreach_range(in, n, range, out);
    val items;
    enum ev rc = items_of(in, n->u.foreach.expr, &items);
    if (rc)
        return rc;
    const struct ast_node *var = n->u.foreach.var;
    for (uint32_t i = 0; i < val_arr_len(items); i++) {
        if ((rc = ev_var_set(in, var, var->u.var.name.s, var->u.var.name.n, val_arr_get(items, i))))
            break;
        bool stop;
        rc = loop_body(in, n->u.foreach.body, &n->u.foreach.label, out, &stop);
        if (stop)
            break;
    }
    val_free(items);
    return rc;
}

static enum ev run_discard(struct interp *in, const struct ast_node *n)
{
    if (!n)
        return EV_OK;
    if (n->kind == AST_ASSIGN)
        return assign(in, n, NULL);
    return ev_stmt(in, n, &null_sink);
}

static enum ev for_stmt(struct interp *in, const struct ast_node *n, struct sink *out)
{
    enum ev rc = run_discard(in, n->u.for_.init);
    if (rc)
        return rc;
    for (;;) {
        if (n->u.for_.cond) {
            bool t;
            if ((rc = cond_value(in, n->u.for_.cond, &t)))
                return rc;
            if (!t)
                return EV_OK;
        }
        bool stop;
        rc = loop_body(in, n->u.for_.body, &n->u.for_.label, out, &stop);
        if (stop)
            return rc;
        if ((rc = run_discard(in, n->u.for_.iter)))
            return rc;
    }
}

static enum ev while_stmt(struct interp *in, const struct ast_node *n, struct sink *out)
{
    bool is_do = n->kind != AST_WHILE, until = n->kind == AST_DO_UNTIL;
    for (;;) {
        bool t;
        enum ev rc;
        if (!is_do) {
            if ((rc = cond_value(in, n->u.for_.cond, &t)))
                return rc;
            if (!t)
                return EV_OK;
        }
        bool stop;
        rc = loop_body(in, n->u.for_.body, &n->u.for_.label, out, &stop);
        if (stop)
            return rc;
        if (is_do) {
            if ((rc = cond_value(in, n->u.for_.cond, &t)))
                return rc;
            if (t == until)
                return EV_OK;
        }
    }
}

enum ev ev_switch_test(struct interp *in, const struct ast_node *at, unsigned flags, val item,
                       val cond, bool *match);

static enum ev switch_stmt(struct interp *in, const struct ast_node *n, struct sink *out)
{
    val items;
    enum ev rc;
    if (n->u.switch_.flags & SWITCH_FILE) {
        val path;
        if ((rc = ev_expr(in, n->u.switch_.cond, &path)))
            return rc;
        struct buf p = BUF_INIT;
        conv_str(path, &p);
        val_free(path);
        FILE *f = fopen(p.s ? p.s : "", "r");
        if (!f) {
            struct buf m = BUF_INIT;
            buf_printf(&m, "Could not find file '%s'.", buf_cstr(&p));
            struct err_spec spec = {buf_cstr(&m), "System.IO.FileNotFoundException", "OpenError",
                                    "System.IO.FileNotFoundException", val_nothing(), NULL};
            rc = ev_throw(in, n, &spec);
            buf_release(&m);
            buf_release(&p);
            return rc;
        }
        buf_release(&p);
        items = val_arr_new();
        char line[65536];
        while (fgets(line, sizeof line, f)) {
            size_t len = strlen(line);
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                len--;
            items = val_arr_push(items, val_str_n(line, len));
        }
        fclose(f);
    } else if ((rc = items_of(in, n->u.switch_.cond, &items))) {
        return rc;
    }
    val saved = ev_var_get(in, "_", 1);
    rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(items) && !rc; i++) {
        val item = val_arr_get(items, i);
        set_local(in, "_", val_copy(item));
        bool any = false, done = false;
        for (uint32_t k = 0; k < n->u.switch_.clauses.n && !rc && !done; k++) {
            const struct ast_node *cl = n->u.switch_.clauses.v[k];
            bool match = false;
            if (cl->u.clause.cond->kind == AST_SCRIPT_BLOCK_EXPR) {
                val sb = val_scriptblock(in->unit, cl->u.clause.cond->u.sbexpr.body);
                struct collector c;
                collector_init(&c);
                rc = ev_call_scriptblock(in, cl->u.clause.cond, sb, item, NULL, 0, &c.s);
                val_free(sb);
                val r = collector_result(&c);
                match = rc == EV_OK && conv_truthy(r);
                val_free(r);
            } else {
                val cv;
                if ((rc = ev_expr(in, cl->u.clause.cond, &cv)))
                    break;
                rc = ev_switch_test(in, cl, n->u.switch_.flags, item, cv, &match);
                val_free(cv);
            }
            if (rc || !match)
                continue;
            any = true;
            set_local(in, "_", val_copy(item));
            rc = exec_block(in, cl->u.clause.body, out);
            if (rc == EV_BREAK && loop_owns(in, &n->u.switch_.label)) {
                rc = EV_OK;
                done = true;
                i = val_arr_len(items);
            } else if (rc == EV_CONTINUE && loop_owns(in, &n->u.switch_.label)) {
                rc = EV_OK;
                done = true;
            }
        }
        if (!rc && !any && !done && n->u.switch_.default_body) {
            rc = exec_block(in, n->u.switch_.default_body, out);
            if (rc == EV_BREAK && loop_owns(in, &n->u.switch_.label)) {
                rc = EV_OK;
                i = val_arr_len(items);
            } else if (rc == EV_CONTINUE && loop_owns(in, &n->u.switch_.label)) {
                rc = EV_OK;
            }
        }
        val_free(item);
    }
    set_local(in, "_", saved);
    val_free(items);
    return rc;
}

static enum ev try_stmt(struct interp *in, const struct ast_node *n, struct sink *out)
{
    in->try_depth++;
    enum ev rc = exec_block(in, n->u.try_.body, out);
    in->try_depth--;
    if (rc == EV_THROW) {
        val record = val_copy(in->thrown);
        for (uint32_t i = 0; i < n->u.try_.catches.n; i++) {
            const struct ast_node *c = n->u.try_.catches.v[i];
            if (!types_match(in, &c->u.catch_.types, record))
                continue;
            val_free(in->thrown);
            in->thrown = val_null();
            in->fatal = false;
            record_error(in, val_copy(record));
            val old = ev_var_get(in, "_", 1);
            set_local(in, "_", val_copy(record));
            set_local(in, "PSItem", val_copy(record));
            rc = exec_block(in, c->u.catch_.body, out);
            set_local(in, "_", old);
            break;
        }
        val_free(record);
    }
    if (n->u.try_.finally) {
        val thrown = in->thrown;
        const char *label = in->label;
        in->thrown = val_null();
        in->label = NULL;
        enum ev frc = exec_block(in, n->u.try_.finally, out);
        if (frc) {
            val_free(thrown);
            return frc;
        }
        val_free(in->thrown);
        in->thrown = thrown;
        in->label = label;
    }
    return rc;
}

static enum ev throw_stmt(struct interp *in, const struct ast_node *n)
{
    val v = val_null();
    enum ev rc;
    if (n->u.jump.pipeline) {
        if ((rc = rhs_value(in, n->u.jump.pipeline, &v)))
            return rc;
    } else {
        /* a bare throw in a catch block rethrows the error being handled */
        val cur = ev_var_get(in, "_", 1);
        if (val_kind(cur) == VAL_OBJECT && val_obj_ntypes(cur) &&
            strcmp(val_obj_type_at(cur, 0), "System.Management.Automation.ErrorRecord") == 0) {
            val_free(in->thrown);
            in->thrown = cur;
            in->fatal = true;
            return EV_THROW;
        }
        val_free(cur);
    }
    val_free(in->thrown);
    in->thrown = err_from_value(v, in->unit, n);
    val_free(v);
    in->last_ok = false;
    in->fatal = true;
    return EV_THROW;
}

enum ev ev_define_type(struct interp *in, const struct ast_node *n);

/*
** Where the statements of a class method write: nowhere, as in PowerShell,
** where only `return` gives a method its value (kept here).
*/
struct method_sink {
    struct sink s;
    val value;
};

static enum ev method_put(struct sink *s, val v)
{
    (void)s;
    val_free(v);
    return EV_OK;
}

enum ev ev_stmt(struct interp *in, const struct ast_node *n, struct sink *out)
{
    switch (n->kind) {
    case AST_PIPELINE:
    case AST_PIPELINE_CHAIN:
        return run_pipeline(in, n, out);
    case AST_ASSIGN:
        return assign(in, n, NULL);
    case AST_IF:
        return if_stmt(in, n, out);
    case AST_SWITCH:
        return switch_stmt(in, n, out);
    case AST_FOREACH:
        return foreach_stmt(in, n, out);
    case AST_FOR:
        return for_stmt(in, n, out);
    case AST_WHILE:
    case AST_DO_WHILE:
    case AST_DO_UNTIL:
        return while_stmt(in, n, out);
    case AST_BREAK:
    case AST_CONTINUE: {
        in->label = NULL;
        if (n->u.jump.label) {
            val l;
            enum ev rc = ev_expr(in, n->u.jump.label, &l);
            if (rc)
                return rc;
            struct buf b = BUF_INIT;
            conv_str(l, &b);
            val_free(l);
            /* labels live as long as the unit: intern them in its arena */
            in->label = arena_strndup(&sb_unit_parse(in->unit)->arena, buf_cstr(&b), b.len);
            buf_release(&b);
        }
        return n->kind == AST_BREAK ? EV_BREAK : EV_CONTINUE;
    }
    case AST_RETURN:
        if (out->put == method_put) {
            /* return in a class method: the method's value, not output */
            struct method_sink *ms = (struct method_sink *)out;
            if (n->u.jump.pipeline) {
                val v;
                enum ev rc = rhs_value(in, n->u.jump.pipeline, &v);
                if (rc)
                    return rc;
                val_free(ms->value);
                ms->value = v;
            }
            return EV_RETURN;
        }
        if (n->u.jump.pipeline) {
            enum ev rc = ev_stmt(in, n->u.jump.pipeline, out);
            if (rc)
                return rc;
        }
        return EV_RETURN;
    case AST_EXIT:
        in->exit_code = 0;
        if (n->u.jump.pipeline) {
            val v;
            enum ev rc = rhs_value(in, n->u.jump.pipeline, &v);
            if (rc)
                return rc;
            int32_t code = 0;
            conv_to_int32(v, &code, NULL);
            val_free(v);
            in->exit_code = code;
        }
        return EV_EXIT;
    case AST_THROW:
        return throw_stmt(in, n);
    case AST_TRAP:
        return EV_OK;
    case AST_TRY:
        return try_stmt(in, n, out);
    case AST_FUNCTION:
        define_function(in, n);
        return EV_OK;
    case AST_TYPE_DEF:
        return ev_define_type(in, n);
    case AST_USING:
        if (n->u.using_.what == USING_NAMESPACE && n->u.using_.name) {
            val ns;
            enum ev rc = ev_expr(in, n->u.using_.name, &ns);
            if (rc)
                return rc;
            in->namespaces = val_arr_push(in->namespaces, conv_to_str(ns));
        }
        return EV_OK;
    case AST_DATA:
        if (n->u.data.var.n) {
            val v;
            enum ev rc = run_block_collect(in, n->u.data.body, &v);
            if (rc)
                return rc;
            return ev_var_set(in, n, n->u.data.var.s, n->u.data.var.n, v);
        }
        return exec_block(in, n->u.data.body, out);
    case AST_ERROR:
        return EV_OK;
    default: {
        val v;
        enum ev rc = ev_expr(in, n, &v);
        if (rc)
            return rc;
        return ev_emit(out, v);
    }
    }
}

/* }================================================================== */

/*
** {==================================================================
** Functions and script blocks
** ===================================================================
*/

struct func ev_func_of(const struct var *item)
{
    return (struct func){item->name, val_sb_unit(item->value), val_sb_body(item->value)};
}

/* A function statement: the function goes into the current scope, or the one its name's
   qualifier picks (global:Name, script:Name, local:Name, private:Name). */
static void define_function(struct interp *in, const struct ast_node *n)
{
    const char *name = n->u.func.name.s;
    size_t len = n->u.func.name.n;
    struct scope *target = in->scope;
    bool priv = false;
    const char *colon = memchr(name, ':', len);
    if (colon) {
        size_t q = (size_t)(colon - name);
        if (text_ieq(name, q, "global", 6))
            target = in->global;
        else if (text_ieq(name, q, "script", 6))
            target = scope_script(in->scope);
        else if (text_ieq(name, q, "private", 7))
            priv = true;
        len -= q + 1;
        name = colon + 1;
    }
    struct var *f = scope_define_ns(target, NS_FUNCTION, name, len);
    val_free(f->value);
    f->value = val_scriptblock(in->unit, n);
    f->options = priv ? VO_PRIVATE : 0;
}

void ev_free_args(struct cmd_arg *args, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        free(args[i].name);
        val_free(args[i].value);
    }
    free(args);
}

/* }================================================================== */

/*
** {==================================================================
** Pipeline stages
** ===================================================================
*/

/* A function, script block or script file as a stage. */
struct sproc {
    struct proc p;
    struct sb_unit *unit;
    const struct ast_node *body; /* SCRIPT_BLOCK */
    const struct ast_list *paren; /* function f($a) parameters */
    char *name;
    bool new_scope, script_scope, filter;
    struct scope *scope, *saved_scope;
    struct sb_unit *saved_unit;
    struct cmd_arg *args;
    uint32_t nargs;
    struct script_binding *binding;
    val input; /* for $input */
    bool got_input;
    val dollar_under; /* VAL_NOTHING unless the caller sets $_ */
};

static void enter_sproc(struct sproc *sp)
{
    struct interp *in = sp->p.in;
    sp->saved_scope = in->scope;
    sp->saved_unit = in->unit;
    in->scope = sp->scope;
    in->unit = sp->unit;
}

static void leave_sproc(struct sproc *sp)
{
    struct interp *in = sp->p.in;
    in->scope = sp->saved_scope;
    in->unit = sp->saved_unit;
}

static enum ev run_named(struct sproc *sp, enum ast_block b)
{
    const struct ast_node *nb = sp->body->u.script.blocks[b];
    if (!nb)
        return EV_OK;
    enum ev rc = exec_stmts(sp->p.in, &nb->u.named.stmts, sp->p.next);
    if (rc == EV_RETURN)
        rc = EV_OK;
    return rc;
}

static bool has_process(const struct sproc *sp)
{
    return sp->body->u.script.blocks[BLOCK_PROCESS] != NULL ||
           (sp->filter && sp->body->u.script.blocks[BLOCK_END]);
}

/* $MyInvocation of a function, script block or script. */
static val invocation_info(struct sproc *sp)
{
    struct parse_unit *u = sb_unit_parse(sp->unit);
    val cmd = val_obj_new(sp->script_scope ? "System.Management.Automation.ExternalScriptInfo"
                                           : "System.Management.Automation.FunctionInfo");
    const char *name = sp->name ? sp->name : "";
    if (sp->script_scope && u->name) {
        const char *slash = strrchr(u->name, '/');
        cmd = val_obj_set(cmd, "Name", val_str_new(slash ? slash + 1 : u->name));
        cmd = val_obj_set(cmd, "Path", val_str_new(u->name));
        cmd = val_obj_set(cmd, "Definition", val_str_new(u->name));
        cmd = val_obj_set(cmd, "CommandType", val_str_new("ExternalScript"));
    } else {
        cmd = val_obj_set(cmd, "Name", val_str_new(name));
        cmd = val_obj_set(cmd, "CommandType", val_str_new(*name ? "Function" : "Script"));
    }
    cmd = val_obj_set(cmd, "\x01ToString", val_str_new(sp->script_scope && u->name ? u->name : name));
    val inv = val_obj_new("System.Management.Automation.InvocationInfo");
    inv = val_obj_set(inv, "MyCommand", cmd);
    inv = val_obj_set(inv, "InvocationName", val_str_new(name));
    inv = val_obj_set(inv, "ScriptName", val_str_new(sp->saved_unit && sb_unit_parse(sp->saved_unit)->name
                                                        ? sb_unit_parse(sp->saved_unit)->name : ""));
    inv = val_obj_set(inv, "PSCommandPath", val_str_new(u->name ? u->name : ""));
    if (sp->p.at && sp->saved_unit) {
        uint32_t line, col;
        sb_unit_linecol(sp->saved_unit, sp->p.at->start, &line, &col);
        inv = val_obj_set(inv, "ScriptLineNumber", val_int((int32_t)line));
        inv = val_obj_set(inv, "OffsetInLine", val_int((int32_t)col));
    }
    return inv;
}

static enum ev sproc_begin(struct proc *p)
{
    struct sproc *sp = (struct sproc *)p;
    struct interp *in = p->in;
    if (in->depth >= MAX_CALL_DEPTH) {
        struct err_spec spec = {"The script failed due to call depth overflow.", "CallDepthOverflow",
                                "InvalidOperation", "System.Management.Automation.ScriptCallDepthException",
                                val_nothing(), NULL};
        return ev_throw(in, p->at, &spec);
    }
    in->depth++;
    sp->scope = sp->new_scope ? scope_new(in->scope, sp->script_scope ? SCOPE_SCRIPT : SCOPE_FUNCTION)
                              : scope_retain(in->scope);
    enter_sproc(sp);
    enum ev rc = EV_OK;
    /* a block run in its caller's scope without parameters binds nothing,
       so the caller's $args and $PSBoundParameters stay as they are */
    bool has_params = (sp->paren && sp->paren->n) || sp->body->u.script.param;
    if (sp->new_scope || has_params || sp->nargs)
        rc = ev_script_bind(in, p->at, sp->name, sp->body, sp->paren, sp->args, sp->nargs,
                            p->expects_input, &sp->binding);
    if (!rc && sp->new_scope)
        set_local(in, "MyInvocation", invocation_info(sp));
    if (!rc && val_kind(sp->dollar_under) != VAL_NOTHING) {
        set_local(in, "_", val_copy(sp->dollar_under));
        set_local(in, "PSItem", val_copy(sp->dollar_under));
    }
    if (!rc)
        rc = run_named(sp, BLOCK_BEGIN);
    leave_sproc(sp);
    return rc;
}

static enum ev sproc_put(struct sink *s, val v)
{
    struct sproc *sp = (struct sproc *)s;
    sp->got_input = true;
    if (!has_process(sp)) {
        if (val_kind(sp->input) == VAL_NOTHING)
            sp->input = val_arr_new();
        sp->input = val_arr_push(sp->input, v);
        return EV_OK;
    }
    enter_sproc(sp);
    struct interp *in = sp->p.in;
    set_local(in, "_", val_copy(v));
    set_local(in, "PSItem", val_copy(v));
    enum ev rc = EV_OK;
    bool skip = false;
    if (ev_script_has_params(sp->binding))
        rc = ev_script_bind_object(in, sp->binding, v, &skip);
    val_free(v);
    if (skip) {
        leave_sproc(sp);
        return rc;
    }
    if (!rc)
        rc = run_named(sp, sp->filter && !sp->body->u.script.blocks[BLOCK_PROCESS] ? BLOCK_END : BLOCK_PROCESS);
    leave_sproc(sp);
    return rc;
}

static enum ev sproc_end(struct proc *p)
{
    struct sproc *sp = (struct sproc *)p;
    struct interp *in = p->in;
    enum ev rc = EV_OK;
    enter_sproc(sp);
    if (has_process(sp) && !sp->got_input && !p->expects_input) {
        enum ast_block b = sp->filter && !sp->body->u.script.blocks[BLOCK_PROCESS] ? BLOCK_END : BLOCK_PROCESS;
        rc = run_named(sp, b);
    }
    if (!rc && !(sp->filter && !sp->body->u.script.blocks[BLOCK_PROCESS])) {
        set_local(in, "input", val_kind(sp->input) == VAL_NOTHING ? val_arr_new() : val_copy(sp->input));
        rc = run_named(sp, BLOCK_END);
    }
    leave_sproc(sp);
    return rc;
}

static void sproc_release(struct proc *p)
{
    struct sproc *sp = (struct sproc *)p;
    if (sp->scope) {
        scope_release(sp->scope);
        p->in->depth--;
    }
    sb_unit_release(sp->unit);
    ev_free_args(sp->args, sp->nargs);
    ev_script_binding_free(sp->binding);
    free(sp->name);
    val_free(sp->input);
    val_free(sp->dollar_under);
    free(sp);
}

static struct sproc *sproc_new(struct interp *in, const struct ast_node *at, struct sb_unit *unit,
                               const struct ast_node *body, const char *name)
{
    struct sproc *sp = emsh_xmalloc(sizeof *sp);
    memset(sp, 0, sizeof *sp);
    sp->p.sink.put = sproc_put;
    sp->p.in = in;
    sp->p.at = at;
    sp->p.begin = sproc_begin;
    sp->p.end = sproc_end;
    sp->p.release = sproc_release;
    sp->unit = sb_unit_retain(unit);
    sp->body = body;
    sp->name = name ? emsh_xstrndup(name, strlen(name)) : NULL;
    sp->new_scope = true;
    /* made on the first piped object: ev_call_scriptblock, run per object, needs none */
    sp->input = val_nothing();
    sp->dollar_under = val_nothing();
    return sp;
}


/* Positional arguments for a script block's call: copies of args[0..n), at `at`. */
static void sproc_set_args(struct sproc *sp, const val *args, uint32_t n, const struct ast_node *at)
{
    if (!n)
        return;
    sp->args = emsh_xmalloc(n * sizeof *sp->args);
    for (uint32_t i = 0; i < n; i++) {
        memset(&sp->args[i], 0, sizeof sp->args[i]);
        sp->args[i].value = val_copy(args[i]);
        sp->args[i].at = at;
    }
    sp->nargs = n;
}

enum ev ev_call_scriptblock_scoped(struct interp *in, const struct ast_node *at, val sb, val input,
                                   const val *args, uint32_t nargs, bool new_scope,
                                   struct sink *out)
{
    if (val_kind(sb) != VAL_SCRIPTBLOCK)
        return EV_OK;
    struct sproc *sp = sproc_new(in, at, val_sb_unit(sb), val_sb_body(sb), NULL);
    sp->new_scope = new_scope;
    sp->p.next = out;
    sp->dollar_under = val_copy(input);
    sproc_set_args(sp, args, nargs, at);
    enum ev rc = sproc_begin(&sp->p);
    if (!rc) {
        enter_sproc(sp);
        /* sproc_begin set them from dollar_under: again only if a begin block could have changed them */
        if (val_kind(input) != VAL_NOTHING && sp->body->u.script.blocks[BLOCK_BEGIN]) {
            set_local(in, "_", val_copy(input));
            set_local(in, "PSItem", val_copy(input));
        }
        rc = run_named(sp, BLOCK_PROCESS);
        if (!rc) {
            set_local(in, "input", val_kind(input) == VAL_NOTHING ? val_arr_new()
                                                                 : val_arr_push(val_arr_new(), val_copy(input)));
            rc = run_named(sp, BLOCK_END);
        }
        leave_sproc(sp);
    }
    sproc_release(&sp->p);
    return rc;
}

enum ev ev_call_scriptblock(struct interp *in, const struct ast_node *at, val sb, val input,
                            const val *args, uint32_t nargs, struct sink *out)
{
    return ev_call_scriptblock_scoped(in, at, sb, input, args, nargs, false, out);
}

enum ev ev_call_method(struct interp *in, const struct ast_node *at, const struct method_call *mc, val *ret)
{
    struct sproc *sp = sproc_new(in, at, mc->unit, mc->body, mc->name);
    sp->paren = mc->params;
    sp->p.next = &null_sink;
    sproc_set_args(sp, mc->args, mc->nargs, at);
    struct method_sink ms = {{method_put}, val_nothing()};
    enum ev rc = sproc_begin(&sp->p);
    if (!rc) {
        enter_sproc(sp);
        if (val_kind(mc->this_obj) != VAL_NOTHING)
            set_local(in, "this", val_copy(mc->this_obj));
        /* an error in a method ends the method, as an exception it throws
           would: the statement that called it reports it */
        in->try_depth++;
        if (mc->before)
            rc = mc->before(in, mc->ud);
        const struct ast_node *nb = sp->body->u.script.blocks[BLOCK_END];
        if (!rc && nb)
            rc = exec_stmts(in, &nb->u.named.stmts, &ms.s);
        in->try_depth--;
        if (rc == EV_RETURN)
            rc = EV_OK;
        leave_sproc(sp);
    }
    sproc_release(&sp->p);
    if (rc) {
        val_free(ms.value);
        return rc;
    }
    *ret = ms.value;
    return EV_OK;
}

enum ev ev_pipe_scriptblock(struct interp *in, const struct ast_node *at, val sb, val inputs,
                            const val *args, uint32_t nargs, bool new_scope, struct sink *out)
{
    if (val_kind(sb) != VAL_SCRIPTBLOCK)
        return EV_OK;
    struct sproc *sp = sproc_new(in, at, val_sb_unit(sb), val_sb_body(sb), NULL);
    sp->new_scope = new_scope;
    sp->p.next = out;
    sp->p.expects_input = true;
    sproc_set_args(sp, args, nargs, at);
    enum ev rc = sproc_begin(&sp->p);
    for (uint32_t i = 0; !rc && i < val_arr_len(inputs); i++)
        rc = sproc_put(&sp->p.sink, val_copy(val_arr_items(inputs)[i]));
    if (!rc)
        rc = sproc_end(&sp->p);
    sproc_release(&sp->p);
    return rc;
}

/* }================================================================== */

/*
** {==================================================================
** Commands and pipelines
** ===================================================================
*/

/* Evaluates a command's arguments into cmd_args (splatting expanded). */
static enum ev command_args(struct interp *in, const struct ast_node *cmd, struct cmd_arg **out,
                            uint32_t *nout)
{
    const struct ast_list *el = &cmd->u.command.elems;
    uint32_t cap = el->n + 4, n = 0;
    struct cmd_arg *args = emsh_xmalloc(cap * sizeof *args);
    enum ev rc = EV_OK;
#define PUSH(nm, v, colon_, at_)                                                                   \
    do {                                                                                           \
        if (n == cap) {                                                                            \
            cap *= 2;                                                                              \
            args = emsh_xrealloc(args, cap * sizeof *args);                                        \
        }                                                                                          \
        args[n].name = (nm);                                                                       \
        args[n].value = (v);                                                                       \
        args[n].colon = (colon_);                                                                  \
        args[n].at = (at_);                                                                        \
        args[n].splat = false;                                                                     \
        n++;                                                                                       \
    } while (0)
    for (uint32_t i = 1; i < el->n && !rc; i++) {
        const struct ast_node *e = el->v[i];
        if (e->kind == AST_COMMAND_PARAM) {
            val v = val_nothing();
            if (e->u.cmdparam.arg && (rc = ev_expr(in, e->u.cmdparam.arg, &v)))
                break;
            if (e->u.cmdparam.colon && val_kind(v) == VAL_NOTHING)
                v = val_null();
            PUSH(emsh_xstrndup(e->u.cmdparam.name.s, e->u.cmdparam.name.n), v, e->u.cmdparam.colon, e);
            continue;
        }
        val v;
        if ((rc = ev_expr(in, e, &v)))
            break;
        if (e->kind == AST_VARIABLE && e->u.var.splat) {
            if (val_kind(v) == VAL_HASHTABLE) {
                for (uint32_t k = 0; k < val_hash_len(v); k++) {
                    struct buf name = BUF_INIT;
                    conv_str(val_hash_key_at(v, k), &name);
                    PUSH(buf_detach(&name, NULL), val_copy(val_hash_value_at(v, k)), true, e);
                    args[n - 1].splat = true;
                }
            } else if (val_kind(v) == VAL_ARRAY) {
                for (uint32_t k = 0; k < val_arr_len(v); k++)
                    PUSH(NULL, val_arr_get(v, k), false, e);
            } else if (!val_is_null(v)) {
                PUSH(NULL, val_copy(v), false, e);
            }
            val_free(v);
            continue;
        }
        if (val_kind(v) == VAL_NOTHING)
            v = val_null();
        PUSH(NULL, v, false, e);
    }
#undef PUSH
    if (rc) {
        ev_free_args(args, n);
        return rc;
    }
    *out = args;
    *nout = n;
    return EV_OK;
}

static enum ev not_found(struct interp *in, const struct ast_node *at, const char *name)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "The term '%s' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
               name);
    struct err_spec spec = {buf_cstr(&m), "CommandNotFoundException", "ObjectNotFound",
                            "System.Management.Automation.CommandNotFoundException", val_nothing(), name};
    spec.target = val_str_new(name);
    spec.command = NULL;
    val record = err_record(&spec, in->unit, at);
    /* the console names the command in front of the message */
    val inv = val_obj_get(record, "InvocationInfo");
    inv = val_obj_set(inv, "InvocationName", val_str_new(name));
    val_free(inv);
    val_free(spec.target);
    buf_release(&m);
    val_free(in->thrown);
    in->thrown = record;
    in->last_ok = false;
    return EV_THROW;
}

/* Parses and wraps a script file as a stage. */
static enum ev script_file_proc(struct interp *in, const struct ast_node *at, const char *path,
                                struct sproc **out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return not_found(in, at, path);
    struct buf b = BUF_INIT;
    buf_read(&b, f);
    fclose(f);
    char full[4096];
    const char *name = realpath(path, full) ? full : path;
    struct parse_unit *u = parse_unit_new(name, buf_cstr(&b), b.len);
    buf_release(&b);
    if (u->nerrors) {
        struct buf m = BUF_INIT;
        parse_error_message(&u->errors[0], &m);
        struct err_spec spec = {buf_cstr(&m), perr_name(u->errors[0].id), "ParserError",
                                "System.Management.Automation.ParseException", val_nothing(), NULL};
        struct sb_unit *su = sb_unit_new(u);
        val record = err_record(&spec, su, NULL);
        struct buf all = BUF_INIT;
        parse_render_errors(u, &all);
        record = val_obj_set(record, "\x01Rendered", val_str_buf(&all));
        sb_unit_release(su);
        buf_release(&m);
        val_free(in->thrown);
        in->thrown = record;
        in->last_ok = false;
        return EV_THROW;
    }
    struct sb_unit *su = sb_unit_new(u);
    struct sproc *sp = sproc_new(in, at, su, u->root, path);
    sb_unit_release(su);
    sp->script_scope = true;
    *out = sp;
    return EV_OK;
}

bool ev_find_program(const char *name, struct buf *out);
enum ev ev_native_proc(struct interp *in, const struct ast_node *at, const char *path,
                       struct cmd_arg *args, uint32_t nargs, struct proc **out);

/* A path (with separators made Unix ones) to an executable that is not a script. */
static bool is_program(char *path)
{
    size_t n = strlen(path);
    if (n > 4 && text_ieq(path + n - 4, 4, ".ps1", 4))
        return false;
    for (char *p = path; *p; p++)
        if (*p == '\\')
            *p = '/';
    struct buf b = BUF_INIT;
    bool yes = ev_find_program(path, &b);
    buf_release(&b);
    return yes;
}

static bool looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || strchr(s, '\\') || (n > 4 && text_ieq(s + n - 4, 4, ".ps1", 4));
}

/* Normalises a Windows-style path to this system's separators. */
static void unix_path(char *s)
{
    for (; *s; s++)
        if (*s == '\\')
            *s = '/';
}

/*
** f(1, 2): a command whose one argument is a parenthesized expression
** right after its name, as if it were a method. Set-StrictMode 2 and later
** refuse it.
*/
static enum ev strict_call_with_parens(struct interp *in, const struct ast_node *cmd)
{
    const struct ast_list *el = &cmd->u.command.elems;
    if (el->n != 2 || el->v[1]->kind != AST_PAREN || el->v[1]->start != el->v[0]->end || ev_strict_mode(in) < 2)
        return EV_OK;
    struct err_spec spec = {"The function or command was called as if it were a method. Parameters should be "
                            "separated by spaces. For information about parameters, see the about_Parameters Help "
                            "topic.",
                            "StrictModeFunctionCallWithParens", "InvalidOperation",
                            "System.Management.Automation.RuntimeException", val_nothing(), NULL};
    return ev_throw(in, cmd, &spec);
}

/* Builds the stage for a command element. */
static enum ev command_proc(struct interp *in, const struct ast_node *cmd, bool expects_input,
                            struct proc **out)
{
    const struct ast_node *name_node = cmd->u.command.elems.v[0];
    enum ast_invocation how = cmd->u.command.invocation;
    enum ev rc = strict_call_with_parens(in, cmd);
    if (rc)
        return rc;
    val name;
    rc = ev_expr(in, name_node, &name);
    if (rc)
        return rc;
    struct cmd_arg *args = NULL;
    uint32_t nargs = 0;
    if ((rc = command_args(in, cmd, &args, &nargs))) {
        val_free(name);
        return rc;
    }
    struct sproc *sp = NULL;
    if (val_kind(name) == VAL_SCRIPTBLOCK) {
        sp = sproc_new(in, cmd, val_sb_unit(name), val_sb_body(name), NULL);
        sp->new_scope = how != INVOKE_DOT;
    } else {
        struct buf nb = BUF_INIT;
        conv_str(name, &nb);
        char *cname = buf_detach(&nb, NULL);
        /* aliases, up to a few levels */
        for (int hop = 0; hop < 8; hop++) {
            struct var *a = scope_lookup_ns(in->scope, NS_ALIAS, cname, strlen(cname));
            if (!a || val_kind(a->value) != VAL_STRING)
                break;
            char *next = emsh_xstrndup(val_str(a->value), val_str_len(a->value));
            free(cname);
            cname = next;
        }
        struct var *fv = scope_lookup_ns(in->scope, NS_FUNCTION, cname, strlen(cname));
        if (fv) {
            struct func f = ev_func_of(fv);
            sp = sproc_new(in, cmd, f.unit, f.def->u.func.body, f.name);
            sp->paren = &f.def->u.func.params;
            sp->filter = f.def->u.func.filter;
            sp->new_scope = how != INVOKE_DOT;
        } else if (looks_like_path(cname) && is_program(cname)) {
            struct proc *np;
            ev_native_proc(in, cmd, cname, args, nargs, &np);
            free(cname);
            val_free(name);
            np->expects_input = expects_input;
            *out = np;
            return EV_OK;
        } else if (looks_like_path(cname)) {
            unix_path(cname);
            rc = script_file_proc(in, cmd, cname, &sp);
            if (!rc)
                sp->new_scope = how != INVOKE_DOT;
        } else {
            bool found = false;
            struct proc *cp = NULL;
            rc = ev_cmdlet_proc(in, cmd, cname, args, nargs, &cp, &found);
            if (!rc && found) {
                free(cname);
                val_free(name);
                free(args); /* the cmdlet stage took the values */
                cp->expects_input = expects_input;
                *out = cp;
                return EV_OK;
            }
            struct buf prog = BUF_INIT;
            if (!rc && ev_find_program(cname, &prog)) {
                ev_native_proc(in, cmd, buf_cstr(&prog), args, nargs, &cp);
                buf_release(&prog);
                free(cname);
                val_free(name);
                cp->expects_input = expects_input;
                *out = cp;
                return EV_OK;
            }
            buf_release(&prog);
            if (!rc)
                rc = not_found(in, name_node, cname);
        }
        free(cname);
    }
    val_free(name);
    if (rc || !sp) {
        ev_free_args(args, nargs);
        return rc;
    }
    sp->args = args;
    sp->nargs = nargs;
    sp->p.expects_input = expects_input;
    *out = &sp->p;
    return EV_OK;
}

/* A stage that writes objects to a file as text (> and >>). */
struct fileproc {
    struct sink s;
    FILE *f;
};

static enum ev file_put(struct sink *s, val v)
{
    struct fileproc *fp = (struct fileproc *)s;
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    buf_putc(&b, '\n');
    fwrite(b.s, 1, b.len, fp->f);
    buf_release(&b);
    val_free(v);
    return EV_OK;
}

/* Where an element's output and errors go after its redirections. */
struct routing {
    struct sink *out;
    struct fileproc file;
    enum err_route err;
};

static enum ev apply_redirs(struct interp *in, const struct ast_list *redirs, struct sink *next,
                            struct routing *r)
{
    r->out = next;
    r->file.f = NULL;
    r->err = ERR_CONSOLE;
    for (uint32_t i = 0; i < redirs->n; i++) {
        const struct ast_node *rd = redirs->v[i];
        if (rd->kind == AST_REDIRECT_MERGE) {
            if (rd->u.redir.from == 2 || rd->u.redir.from == 0)
                r->err = ERR_TO_OUTPUT;
            continue;
        }
        const struct ast_node *t = rd->u.redir.target;
        bool to_null = t && t->kind == AST_VARIABLE && text_ieq(t->u.var.name.s, t->u.var.name.n, "null", 4);
        int from = rd->u.redir.from;
        if (to_null) {
            if (from == 1 || from == 0)
                r->out = &null_sink;
            if (from == 2 || from == 0)
                r->err = ERR_DISCARD;
            continue;
        }
        val path;
        enum ev rc = ev_expr(in, t, &path);
        if (rc)
            return rc;
        struct buf p = BUF_INIT;
        conv_str(path, &p);
        val_free(path);
        unix_path(p.s ? p.s : (char *)"");
        if (from == 1 || from == 0) {
            if (r->file.f)
                fclose(r->file.f);
            r->file.f = fopen(buf_cstr(&p), rd->u.redir.append ? "a" : "w");
            if (!r->file.f) {
                struct buf m = BUF_INIT;
                buf_printf(&m, "Could not find a part of the path '%s'.", buf_cstr(&p));
                struct err_spec spec = {buf_cstr(&m), "System.IO.DirectoryNotFoundException", "OpenError",
                                        "System.IO.DirectoryNotFoundException", val_nothing(), NULL};
                rc = ev_throw(in, rd, &spec);
                buf_release(&m);
                buf_release(&p);
                return rc;
            }
            r->file.s.put = file_put;
            r->out = &r->file.s;
        } else if (from == 2) {
            r->err = ERR_DISCARD; /* error records to a file: written as text below */
        }
        buf_release(&p);
    }
    return EV_OK;
}

static void routing_close(struct routing *r)
{
    if (r->file.f)
        fclose(r->file.f);
}

static enum ev routed_call(struct proc *p, enum ev (*fn)(struct proc *))
{
    struct interp *in = p->in;
    int route = in->err_route;
    struct sink *eo = in->err_out;
    if (p->err_route != ERR_CONSOLE) {
        in->err_route = p->err_route;
        in->err_out = p->err_out;
    }
    enum ev rc = fn(p);
    in->err_route = route;
    in->err_out = eo;
    return rc;
}

static enum ev stage_begin(struct proc *p)
{
    p->begun = true;
    return routed_call(p, p->begin);
}

/*
** A stage's put, with its error routing in force. An object that reaches a
** stage before its begin ran (written by an upstream begin block) runs that
** begin first, as PowerShell's command processor does.
*/
static enum ev stage_put(struct sink *s, val v)
{
    struct proc *p = (struct proc *)s;
    struct interp *in = p->in;
    if (!p->begun) {
        enum ev rc = stage_begin(p);
        if (rc) {
            val_free(v);
            return rc;
        }
    }
    if (p->err_route == ERR_CONSOLE)
        return p->real_put(s, v);
    int route = in->err_route;
    struct sink *eo = in->err_out;
    in->err_route = p->err_route;
    in->err_out = p->err_out;
    enum ev rc = p->real_put(s, v);
    in->err_route = route;
    in->err_out = eo;
    return rc;
}

/*
** Where the stage that asked to stop sits in this pipeline: its index, -1
** when it is downstream of the pipeline (the whole pipeline is upstream of
** it and unwinds), or 0 when no stage asked.
*/
static int stop_index(struct interp *in, struct proc **procs, uint32_t count)
{
    if (!in->stop_origin)
        return 0;
    for (uint32_t i = 0; i < count; i++)
        if (procs[i] == in->stop_origin)
            return (int)i;
    return -1;
}

/* Emits the numbers of a range a..b one at a time. */
static enum ev emit_range(struct interp *in, const struct ast_node *range, struct sink *to)
{
    int32_t a, b;
    enum ev rc = range_bounds(in, range, &a, &b);
    int64_t step = a <= b ? 1 : -1;
    for (int64_t i = a; !rc; i += step) {
        if (ev_interrupted)
            return EV_HALT;
        rc = to->put(to, val_int((int32_t)i));
        if (i == b)
            break;
    }
    return rc;
}

/* ++ and -- write nothing when they are a whole statement. */
static bool is_incdec(const struct ast_node *e)
{
    return e->kind == AST_UNARY && (e->u.unary.op == OP_PREINC || e->u.unary.op == OP_PREDEC ||
                                    e->u.unary.op == OP_POSTINC || e->u.unary.op == OP_POSTDEC);
}

static enum ev run_one_pipeline(struct interp *in, const struct ast_node *n, struct sink *out)
{
    /* in a class method, output goes nowhere; functions it calls must not
       take their own `return` for the method's */
    if (out->put == method_put)
        out = &null_sink;
    const struct ast_list *el = &n->u.pipeline.elems;
    uint32_t count = el->n;
    /* A lone expression without redirections (`$_ % 3 -eq 0` in a filter, run for every
       object) needs no stages: evaluate it and write what it gives. */
    if (count == 1 && el->v[0]->kind == AST_COMMAND_EXPR && el->v[0]->u.cmdexpr.redirs.n == 0 &&
        !lazy_range(el->v[0]->u.cmdexpr.expr)) {
        const struct ast_node *e = el->v[0]->u.cmdexpr.expr;
        in->prev_ok = in->last_ok;
        in->last_ok = true;
        val v;
        enum ev rc = ev_expr(in, e, &v);
        if (rc)
            return rc;
        if (is_incdec(e)) {
            val_free(v); /* $i++ as a statement writes nothing */
            return EV_OK;
        }
        return ev_emit(out, v);
    }
    struct proc **procs = emsh_xmalloc((count ? count : 1) * sizeof *procs);
    struct routing *routes = emsh_xmalloc((count ? count : 1) * sizeof *routes);
    memset(procs, 0, count * sizeof *procs);
    enum ev rc = EV_OK;
    in->prev_ok = in->last_ok;
    in->last_ok = true;
    /* build the stages from the last, so each knows where its output goes */
    struct sink *next = out;
    uint32_t built = count;
    for (uint32_t i = count; i-- > 0;) {
        const struct ast_node *e = el->v[i];
        const struct ast_list *redirs = e->kind == AST_COMMAND ? &e->u.command.redirs : &e->u.cmdexpr.redirs;
        if ((rc = apply_redirs(in, redirs, next, &routes[i]))) {
            built = i + 1;
            goto out;
        }
        if (e->kind == AST_COMMAND) {
            if ((rc = command_proc(in, e, i > 0, &procs[i]))) {
                routing_close(&routes[i]);
                built = i + 1;
                goto out;
            }
            procs[i]->next = routes[i].out;
            if (routes[i].err != ERR_CONSOLE) {
                procs[i]->err_route = (int)routes[i].err;
                procs[i]->err_out = routes[i].out;
            }
            procs[i]->real_put = procs[i]->sink.put;
            procs[i]->sink.put = stage_put;
            next = &procs[i]->sink;
        }
        built = i;
    }
    /* begin every stage, first to last */
    for (uint32_t i = 0; i < count && !rc; i++)
        if (procs[i] && !procs[i]->begun)
            rc = stage_begin(procs[i]);
    if (!rc) {
        const struct ast_node *first = el->v[0];
        if (first->kind == AST_COMMAND_EXPR) {
            val v;
            const struct ast_node *e = first->u.cmdexpr.expr;
            int route = in->err_route;
            struct sink *eo = in->err_out;
            if (routes[0].err != ERR_CONSOLE) {
                in->err_route = (int)routes[0].err;
                in->err_out = routes[0].out;
            }
            const struct ast_node *range = lazy_range(e);
            if (range) {
                rc = emit_range(in, range, count > 1 ? &procs[1]->sink : routes[0].out);
                v = val_nothing();
            } else {
                rc = ev_expr(in, e, &v);
            }
            in->err_route = route;
            in->err_out = eo;
            if (!rc && count == 1 && is_incdec(e)) {
                /* $i++ as a statement writes nothing */
                val_free(v);
                v = val_nothing();
            }
            if (!rc) {
                struct sink *to = count > 1 ? &procs[1]->sink : routes[0].out;
                rc = ev_emit(to, v);
            }
        }
    }
    /*
    ** End every stage not upstream of one that asked to stop. A stop asked
    ** downstream of this pipeline (this pipeline runs inside a function or
    ** script block that feeds it) unwinds it with EV_STOP and no end block
    ** runs, as PowerShell's StopUpstreamCommandsException does.
    */
    uint32_t from = 0;
    if (rc == EV_STOP) {
        int k = stop_index(in, procs, count);
        if (k < 0)
            goto out;
        from = (uint32_t)k;
        in->stop_origin = NULL;
        rc = EV_OK;
    }
    for (uint32_t i = from; i < count && !rc; i++) {
        if (!procs[i])
            continue;
        if (!procs[i]->begun && (rc = stage_begin(procs[i])))
            break;
        rc = routed_call(procs[i], procs[i]->end);
        if (rc == EV_STOP) {
            int k = stop_index(in, procs, count);
            if (k < 0)
                break;
            in->stop_origin = NULL;
            rc = EV_OK;
            if ((uint32_t)k > i)
                i = (uint32_t)k - 1;
        }
    }
out:
    for (uint32_t i = 0; i < count; i++) {
        if (procs[i] && in->stop_origin == procs[i])
            in->stop_origin = NULL;
        if (procs[i])
            procs[i]->release(procs[i]);
        if (i >= built)
            routing_close(&routes[i]);
    }
    free(procs);
    free(routes);
    return rc;
}

static enum ev run_pipeline(struct interp *in, const struct ast_node *n, struct sink *out)
{
    if (n->kind == AST_PIPELINE_CHAIN) {
        enum ev rc = run_pipeline(in, n->u.chain.lhs, out);
        if (rc)
            return rc;
        bool ok = in->last_ok;
        if ((n->u.chain.op == TOK_AND_AND) == ok)
            return run_pipeline(in, n->u.chain.rhs, out);
        return EV_OK;
    }
    return run_one_pipeline(in, n, out);
}

/* }================================================================== */

/*
** {==================================================================
** The session
** ===================================================================
*/

static void define_constant(struct interp *in, const char *name, val v)
{
    struct var *var = scope_define(in->global, name, strlen(name));
    val_free(var->value);
    var->value = v;
    var->options = VO_CONSTANT | VO_ALLSCOPE;
}

void interp_set_global(struct interp *in, const char *name, val value)
{
    struct var *var = scope_define(in->global, name, strlen(name));
    val_free(var->value);
    var->value = value;
}

void interp_set_script_args(struct interp *in, val args)
{
    val_free(in->script_args);
    in->script_args = args;
}

/* PowerShell's built-in aliases for the utility cmdlets. */
static const char *const builtin_aliases[][2] = {
    {"?", "Where-Object"}, {"%", "ForEach-Object"}, {"where", "Where-Object"},
    {"foreach", "ForEach-Object"}, {"select", "Select-Object"}, {"sort", "Sort-Object"},
    {"group", "Group-Object"}, {"measure", "Measure-Object"}, {"tee", "Tee-Object"},
    {"compare", "Compare-Object"}, {"diff", "Compare-Object"}, {"gm", "Get-Member"},
    {"ft", "Format-Table"}, {"fl", "Format-List"}, {"fw", "Format-Wide"}, {"fc", "Format-Custom"},
    {"echo", "Write-Output"}, {"write", "Write-Output"}, {"oh", "Out-Host"},
    {"gc", "Get-Content"}, {"cat", "Get-Content"}, {"type", "Get-Content"}, {"sc", "Set-Content"},
    {"ac", "Add-Content"}, {"clc", "Clear-Content"}, {"gci", "Get-ChildItem"},
    {"ls", "Get-ChildItem"}, {"dir", "Get-ChildItem"}, {"gi", "Get-Item"}, {"ni", "New-Item"},
    {"ri", "Remove-Item"}, {"rm", "Remove-Item"}, {"del", "Remove-Item"}, {"erase", "Remove-Item"},
    {"rd", "Remove-Item"}, {"rmdir", "Remove-Item"}, {"cpi", "Copy-Item"}, {"cp", "Copy-Item"},
    {"copy", "Copy-Item"}, {"mi", "Move-Item"}, {"mv", "Move-Item"}, {"move", "Move-Item"},
    {"rni", "Rename-Item"}, {"ren", "Rename-Item"}, {"rvpa", "Resolve-Path"},
    {"gl", "Get-Location"}, {"pwd", "Get-Location"}, {"sl", "Set-Location"}, {"cd", "Set-Location"},
    {"chdir", "Set-Location"}, {"gv", "Get-Variable"}, {"sv", "Set-Variable"}, {"set", "Set-Variable"},
    {"nv", "New-Variable"}, {"rv", "Remove-Variable"}, {"clv", "Clear-Variable"},
    {"gal", "Get-Alias"}, {"sal", "Set-Alias"}, {"nal", "New-Alias"}, {"iex", "Invoke-Expression"},
    {"icm", "Invoke-Command"}, {"gcm", "Get-Command"}, {"h", "Get-History"},
    {"history", "Get-History"}, {"ghy", "Get-History"}, {"cls", "Clear-Host"}, {"clear", "Clear-Host"},
    {"sleep", "Start-Sleep"}, {"epcsv", "Export-Csv"}, {"ipcsv", "Import-Csv"},
    {"gu", "Get-Unique"}, {"sls", "Select-String"}, {"ogv", "Out-GridView"}, {"man", "Get-Help"},
    {"help", "Get-Help"},
    {"exsn", "Exit-PSSession"}, {"gdr", "Get-PSDrive"},
    {"asnp", "Add-PSSnapin"}, {"gsnp", "Get-PSSnapin"}, {"rsnp", "Remove-PSSnapin"},
};

/* The console width: COLUMNS, else the terminal's, else 120. */
static int console_width(void)
{
    const char *c = getenv("COLUMNS");
    if (c && atoi(c) > 0)
        return atoi(c);
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 120;
}

/* $Host: the console host as scripts read it (Name, Version, UI.RawUI sizes). */
static val host_object(void)
{
    int w = console_width();
    val size = val_obj_new("System.Management.Automation.Host.Size");
    size = val_obj_set(size, "Width", val_int(w));
    size = val_obj_set(size, "Height", val_int(50));
    size = val_obj_set(size, "\x01ToString", val_str_printf("%d,50", w));
    val buffer = val_obj_new("System.Management.Automation.Host.Size");
    buffer = val_obj_set(buffer, "Width", val_int(w));
    buffer = val_obj_set(buffer, "Height", val_int(3000));
    buffer = val_obj_set(buffer, "\x01ToString", val_str_printf("%d,3000", w));
    val raw = val_obj_new("System.Management.Automation.Internal.Host.InternalHostRawUserInterface");
    raw = val_obj_set(raw, "WindowSize", size);
    raw = val_obj_set(raw, "BufferSize", buffer);
    raw = val_obj_set(raw, "ForegroundColor", val_str_new("Gray"));
    raw = val_obj_set(raw, "BackgroundColor", val_str_new("Black"));
    raw = val_obj_set(raw, "WindowTitle", val_str_new("emsh"));
    val ui = val_obj_new("System.Management.Automation.Internal.Host.InternalHostUserInterface");
    ui = val_obj_set(ui, "RawUI", raw);
    val h = val_obj_new("System.Management.Automation.Internal.Host.InternalHost");
    h = val_obj_set(h, "Name", val_str_new("ConsoleHost"));
    h = val_obj_set(h, "Version", val_str_new("5.1"));
    h = val_obj_set(h, "CurrentCulture", val_str_new("en-US"));
    h = val_obj_set(h, "CurrentUICulture", val_str_new("en-US"));
    h = val_obj_set(h, "UI", ui);
    h = val_obj_set(h, "\x01ToString", val_str_new("System.Management.Automation.Internal.Host.InternalHost"));
    return h;
}

static val resolve_hook(void *ud, val obj)
{
    return ev_resolved_view(ud, obj);
}

static bool to_string_hook(void *ud, val obj, struct buf *out)
{
    return ev_class_to_string(ud, obj, out);
}

static bool convert_hook(void *ud, val v, uint16_t type, val *out, struct conv_error *err)
{
    return ev_class_convert(ud, v, type, out, err);
}

static val members_hook(void *ud, val obj)
{
    return ev_class_members(ud, obj);
}

static bool construct_hook(void *ud, uint16_t type, const val *args, uint32_t nargs, val *out,
                           struct conv_error *err)
{
    return ev_class_construct(ud, type, args, nargs, out, err);
}

struct interp *interp_new(const struct interp_options *opt)
{
    struct interp *in = emsh_xmalloc(sizeof *in);
    memset(in, 0, sizeof *in);
    struct conv_hooks hooks = {resolve_hook, to_string_hook, convert_hook, construct_hook, members_hook, in};
    conv_set_hooks(&hooks);
    static const char *const rounding[] = {"ToEven", "AwayFromZero"};
    static const int64_t rounding_values[] = {0, 1};
    type_enum("System.MidpointRounding", rounding, rounding_values, 2, false);
    static const char *const urikind[] = {"RelativeOrAbsolute", "Absolute", "Relative"};
    static const int64_t urikind_values[] = {0, 1, 2};
    type_enum("System.UriKind", urikind, urikind_values, 3, false);
    in->global = scope_new(NULL, SCOPE_GLOBAL);
    in->scope = scope_retain(in->global);
    in->out = opt && opt->out ? opt->out : stdout;
    in->err = opt && opt->err ? opt->err : stderr;
    in->interactive = opt && opt->interactive;
    in->errors = val_arr_set_flavour(val_arr_new(), ARR_ARRAYLIST, NULL);
    in->thrown = val_null();
    in->script_args = val_arr_new();
    in->namespaces = val_arr_new();
    in->history = val_arr_new();
    in->last_ok = true;
    in->prev_ok = true;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(builtin_aliases); i++)
        session_alias_builtin(in, builtin_aliases[i][0], builtin_aliases[i][1]);
    define_constant(in, "true", val_bool(true));
    define_constant(in, "false", val_bool(false));
    define_constant(in, "null", val_null());
    interp_set_global(in, "Error", val_copy(in->errors));
    interp_set_global(in, "ErrorActionPreference", val_str_new("Continue"));
    interp_set_global(in, "WarningPreference", val_str_new("Continue"));
    interp_set_global(in, "VerbosePreference", val_str_new("SilentlyContinue"));
    interp_set_global(in, "DebugPreference", val_str_new("SilentlyContinue"));
    interp_set_global(in, "InformationPreference", val_str_new("SilentlyContinue"));
    interp_set_global(in, "ProgressPreference", val_str_new("Continue"));
    interp_set_global(in, "ConfirmPreference", val_str_new("High"));
    interp_set_global(in, "WhatIfPreference", val_bool(false));
    interp_set_global(in, "MaximumHistoryCount", val_int(4096));
    interp_set_global(in, "FormatEnumerationLimit", val_int(4));
    fmt_set_limit_source(enum_limit, in);
    interp_set_global(in, "NestedPromptLevel", val_int(0));
    interp_set_global(in, "PSCulture", val_str_new("en-US"));
    interp_set_global(in, "PSUICulture", val_str_new("en-US"));
    interp_set_global(in, "ShellId", val_str_new("Microsoft.PowerShell"));
    interp_set_global(in, "PID", val_int((int32_t)getpid()));
    const char *home = getenv("HOME");
    interp_set_global(in, "HOME", val_str_new(home ? home : "/"));
    /* Windows PowerShell 5.1 of Windows Server 2019, where Exchange 2019 runs */
    static const struct {
        const char *name, *version;
    } versions[] = {
        {"PSVersion", "5.1.17763.316"},         {"PSEdition", NULL},
        {"PSCompatibleVersions", NULL},         {"BuildVersion", "10.0.17763.316"},
        {"CLRVersion", "4.0.30319.42000"},      {"WSManStackVersion", "3.0"},
        {"PSRemotingProtocolVersion", "2.3"},   {"SerializationVersion", "1.1.0.1"},
    };
    val ver = val_hash_new(false);
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(versions); i++) {
        val v;
        struct conv_error err;
        if (i == 1) {
            v = val_str_new("Desktop");
        } else if (i == 2) {
            static const char *const compatible[] = {"1.0", "2.0", "3.0", "4.0", "5.0", "5.1.17763.316"};
            v = val_arr_new();
            for (size_t k = 0; k < EMSH_ARRAY_SIZE(compatible); k++) {
                val c;
                if (conv_to_type(val_str_new(compatible[k]), TY_VERSION, &c, &err))
                    v = val_arr_push(v, c);
            }
        } else if (!conv_to_type(val_str_new(versions[i].version), TY_VERSION, &v, &err)) {
            continue;
        }
        ver = val_hash_set(ver, val_str_new(versions[i].name), v);
    }
    ver = val_hash_set(ver, val_str_new("EmshVersion"), val_str_new(EMSH_VERSION));
    interp_set_global(in, "PSVersionTable", ver);
    if (opt && opt->computer_name)
        setenv("COMPUTERNAME", opt->computer_name, 1);
    ev_org_configure(opt ? opt->store : NULL, opt ? opt->computer_name : NULL);
    interp_set_global(in, "Host", host_object());
    return in;
}

void interp_free(struct interp *in)
{
    if (!in)
        return;
    ev_org_release();
    conv_clear_hooks(in);
    ev_classes_free(in);
    while (session_transcript_stop(in, NULL))
        ; /* each open transcript gets its end block */
    if (fmt_limit_source_ud() == in)
        fmt_set_limit_source(NULL, NULL);
    scope_release(in->scope);
    scope_release(in->global);
    val_free(in->errors);
    val_free(in->thrown);
    val_free(in->script_args);
    val_free(in->namespaces);
    val_free(in->history);
    if (in->transcript)
        fclose(in->transcript);
    val_free(in->type_cache);
    free(in);
}

int interp_exit_code(struct interp *in)
{
    return in->exit_code;
}

bool interp_last_ok(struct interp *in)
{
    return in->last_ok;
}

void interp_report_parse_errors(struct interp *in, const struct parse_unit *u)
{
    struct buf b = BUF_INIT;
    parse_render_errors(u, &b);
    buf_puts(&b, " \n");
    fputs(buf_cstr(&b), in->err);
    fflush(in->err);
    buf_release(&b);
}

enum ev interp_run(struct interp *in, struct parse_unit *u, bool script, struct sink *out)
{
    struct sb_unit *su = sb_unit_new(u);
    struct sproc *sp = sproc_new(in, u->root, su, u->root, NULL);
    sb_unit_release(su);
    sp->p.next = out;
    sp->new_scope = script;
    sp->script_scope = script;
    uint32_t na = val_arr_len(in->script_args);
    if (script && na) {
        /* script arguments: -Name value pairs and positional values */
        sp->args = emsh_xmalloc(na * sizeof *sp->args);
        for (uint32_t i = 0; i < na; i++) {
            val a = val_arr_get(in->script_args, i);
            memset(&sp->args[i], 0, sizeof sp->args[i]);
            sp->args[i].at = u->root;
            if (val_kind(a) == VAL_STRING && val_str_len(a) > 1 && val_str(a)[0] == '-' &&
                !(val_str(a)[1] >= '0' && val_str(a)[1] <= '9')) {
                const char *nm = val_str(a) + 1;
                size_t n = val_str_len(a) - 1;
                bool colon = n && nm[n - 1] == ':';
                sp->args[i].name = emsh_xstrndup(nm, colon ? n - 1 : n);
                sp->args[i].value = val_nothing();
                val_free(a);
            } else {
                sp->args[i].value = a;
            }
        }
        sp->nargs = na;
    }
    if (script && u->name) {
        /* $PSScriptRoot and $PSCommandPath, in the script's scope after begin */
    }
    enum ev rc = sproc_begin(&sp->p);
    if (!rc && script && u->name) {
        char *dir = emsh_xstrndup(u->name, strlen(u->name));
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        struct var *v = scope_define(sp->scope, "PSScriptRoot", 12);
        val_free(v->value);
        v->value = val_str_new(slash ? dir : ".");
        v = scope_define(sp->scope, "PSCommandPath", 13);
        val_free(v->value);
        v->value = val_str_new(u->name);
        free(dir);
    }
    if (!rc) {
        /* its classes and enums exist before its first statement runs */
        enter_sproc(sp);
        rc = ev_predefine_types(in, u->root);
        leave_sproc(sp);
    }
    if (!rc)
        rc = sproc_end(&sp->p);
    sproc_release(&sp->p);
    if (rc == EV_THROW) {
        val record = in->thrown;
        in->thrown = val_null();
        record_error(in, val_copy(record));
        show_error(in, record);
        val_free(record);
        in->fatal = false;
        in->last_ok = false;
    } else if (rc == EV_BREAK || rc == EV_CONTINUE || rc == EV_RETURN || rc == EV_STOP) {
        in->label = NULL;
        rc = EV_OK;
    }
    return rc;
}

/* }================================================================== */
