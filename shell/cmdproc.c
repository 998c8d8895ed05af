/*
** cmdproc.c - cmdlets as pipeline stages.
**
** A cmdlet found in the command table (cmdlets/registry.h) becomes a stage:
** its arguments are bound by the binder (cmdlets/bind.h) before begin, each
** pipeline object is bound before process, and the handler talks back
** through the struct cmd_ops implemented here: objects to the next stage,
** errors honouring -ErrorAction and $ErrorActionPreference, warnings and
** verbose messages honouring their preferences, ShouldProcess with -WhatIf
** and -Confirm, script blocks run in the caller's scope. Organization
** cmdlets reach the backend (backend/backend.h) through op_org_invoke: one
** backend per process, opened on first use.
*/
#include "eval_int.h"
#include "backend.h"
#include "bind.h"
#include "c_date.h"
#include "c_org.h"
#include "regex.h"
#include "registry.h"
#include "session.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cproc {
    struct proc p;
    struct cmd_ctx ctx;
    const struct cmdlet *cmd;
    char *name; /* as the command line named it */
    char *class_name;
    struct bind_state st;
    struct bind_env env;
    struct cmd_arg *args;
    uint32_t nargs;
    void *state;
    bool bound, began, processed;
    val out_var;  /* -OutVariable: what the command wrote */
    val err_var;  /* -ErrorVariable: the errors it wrote */
    char confirm_all; /* 'A' after Yes to All, 'L' after No to All, else 0 */
};

static struct cproc *of(struct cmd_ctx *c)
{
    return (struct cproc *)((char *)c - offsetof(struct cproc, ctx));
}

/* An AST-shaped position for a byte span of the running unit. */
static const struct ast_node *span_node(struct ast_node *tmp, const struct ast_node *at,
                                        struct bind_span sp)
{
    if (sp.end <= sp.start)
        return at;
    memset(tmp, 0, sizeof *tmp);
    tmp->start = sp.start;
    tmp->end = sp.end;
    return tmp;
}

/*
** {==================================================================
** Preferences
** ===================================================================
*/

static enum action_pref pref_of(struct interp *in, const char *var, enum action_pref dflt)
{
    val v = ev_var_get(in, var, strlen(var));
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    val_free(v);
    static const struct {
        const char *name;
        enum action_pref a;
    } names[] = {{"SilentlyContinue", ACT_SILENTLY_CONTINUE}, {"Stop", ACT_STOP},
                 {"Continue", ACT_CONTINUE}, {"Inquire", ACT_INQUIRE},
                 {"Ignore", ACT_IGNORE}, {"Suspend", ACT_SUSPEND}};
    enum action_pref a = dflt;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(names); i++)
        if (text_ieq(buf_cstr(&b), b.len, names[i].name, strlen(names[i].name)))
            a = names[i].a;
    buf_release(&b);
    return a;
}

static enum action_pref error_action(struct cproc *cp)
{
    const struct bind_common *cm = bind_commons(&cp->st);
    if (cp->bound && (cm->bound & (1u << CP_ERROR_ACTION)))
        return cm->error_action;
    return pref_of(cp->p.in, "ErrorActionPreference", ACT_CONTINUE);
}

/* }================================================================== */

/*
** {==================================================================
** The operations handlers call
** ===================================================================
*/

static enum ev op_write(struct cmd_ctx *c, val v)
{
    struct cproc *cp = of(c);
    if (val_kind(cp->out_var) == VAL_ARRAY)
        val_arr_push(cp->out_var, val_copy(v));
    return cp->p.next->put(cp->p.next, v);
}

/* Does the noun start with prefix (ASCII case)? */
static bool noun_is(const char *noun, const char *prefix)
{
    size_t n = strlen(prefix);
    return strlen(noun) >= n && text_ieq(noun, n, prefix, n);
}

/*
** The .NET class of a cmdlet, which PowerShell appends to its error ids:
** Microsoft.PowerShell.Commands.GetContentCommand for Get-Content. An
** organization cmdlet names Exchange's task class:
** Microsoft.Exchange.Management.SystemConfigurationTasks.GetMailboxDatabase,
** RecipientTasks for the recipient nouns (Mailbox), and the lab cmdlets
** Emsh.LabTasks.<Verb><Noun>Command.
*/
static const char *class_name(struct cproc *cp)
{
    if (!cp->class_name) {
        const struct cmd_meta *m = cp->cmd->meta;
        const char *verb = m->verb ? m->verb : "", *noun = m->noun ? m->noun : "";
        struct buf b = BUF_INIT;
        if (!(m->flags & CF_BACKEND))
            buf_printf(&b, "Microsoft.PowerShell.Commands.%s%sCommand", verb, noun);
        else if (noun_is(noun, "Lab"))
            buf_printf(&b, "Emsh.LabTasks.%s%sCommand", verb, noun);
        else if (noun_is(noun, "Mailbox") && !noun_is(noun, "MailboxDatabase") &&
                 !noun_is(noun, "MailboxServer"))
            buf_printf(&b, "Microsoft.Exchange.Management.RecipientTasks.%s%s", verb, noun);
        else
            buf_printf(&b, "Microsoft.Exchange.Management.SystemConfigurationTasks.%s%s", verb, noun);
        cp->class_name = buf_detach(&b, NULL);
    }
    return cp->class_name;
}

static val make_record(struct cproc *cp, const char *id, const char *category,
                       const char *exception, val target, const char *msg)
{
    struct err_spec spec = {msg, id, category, exception, target, cp->cmd->meta->name};
    val r = err_record(&spec, cp->p.in->unit, cp->p.at);
    val_obj_set(r, "FullyQualifiedErrorId", val_str_printf("%s,%s", id, class_name(cp)));
    /* the console names the command as it was typed */
    val inv = val_obj_get(r, "InvocationInfo");
    val_obj_set(inv, "InvocationName", val_str_new(cp->name));
    val_free(inv);
    return r;
}

static enum ev op_write_error(struct cmd_ctx *c, const char *id, const char *category,
                              const char *exception, val target, const char *msg)
{
    struct cproc *cp = of(c);
    val r = make_record(cp, id, category, exception, target, msg);
    if (val_kind(cp->err_var) == VAL_ARRAY)
        val_arr_push(cp->err_var, val_copy(r));
    return ev_report_error(cp->p.in, r, (int)error_action(cp));
}

static enum ev op_throw(struct cmd_ctx *c, const char *id, const char *category,
                        const char *exception, val target, const char *msg)
{
    struct cproc *cp = of(c);
    struct interp *in = cp->p.in;
    val r = make_record(cp, id, category, exception, target, msg);
    if (val_kind(cp->err_var) == VAL_ARRAY)
        val_arr_push(cp->err_var, val_copy(r));
    val_free(in->thrown);
    in->thrown = r;
    in->last_ok = false;
    in->fatal = false;
    return EV_THROW;
}

static void op_message(struct cmd_ctx *c, int stream, const char *msg)
{
    struct cproc *cp = of(c);
    struct interp *in = cp->p.in;
    const struct bind_common *cm = bind_commons(&cp->st);
    const char *prefix;
    enum action_pref act;
    switch (stream) {
    case MSG_WARNING:
        prefix = "WARNING: ";
        act = (cp->bound && (cm->bound & (1u << CP_WARNING_ACTION))) ? cm->warning_action
                                                                      : pref_of(in, "WarningPreference", ACT_CONTINUE);
        break;
    case MSG_VERBOSE:
        prefix = "VERBOSE: ";
        act = (cp->bound && (cm->bound & (1u << CP_VERBOSE))) ? (cm->verbose ? ACT_CONTINUE : ACT_SILENTLY_CONTINUE)
                                                              : pref_of(in, "VerbosePreference", ACT_SILENTLY_CONTINUE);
        break;
    case MSG_DEBUG:
        prefix = "DEBUG: ";
        act = (cp->bound && (cm->bound & (1u << CP_DEBUG))) ? (cm->debug ? ACT_CONTINUE : ACT_SILENTLY_CONTINUE)
                                                            : pref_of(in, "DebugPreference", ACT_SILENTLY_CONTINUE);
        break;
    default:
        prefix = "";
        act = (cp->bound && (cm->bound & (1u << CP_INFORMATION_ACTION))) ? cm->information_action
                                                                          : pref_of(in, "InformationPreference", ACT_SILENTLY_CONTINUE);
        break;
    }
    if (act == ACT_SILENTLY_CONTINUE || act == ACT_IGNORE)
        return;
    fflush(in->out);
    fprintf(stream == MSG_INFORMATION ? in->out : in->err, "%s%s\n", prefix, msg);
    fflush(stream == MSG_INFORMATION ? in->out : in->err);
    struct buf t = BUF_INIT;
    buf_printf(&t, "%s%s\n", prefix, msg);
    session_transcript_write(in, t.s, t.len);
    buf_release(&t);
}

static void op_host(struct cmd_ctx *c, const char *text, int fg, int bg, bool newline)
{
    struct interp *in = of(c)->p.in;
    (void)fg;
    (void)bg;
    fputs(text, in->out);
    if (newline)
        fputc('\n', in->out);
    session_transcript_write(in, text, strlen(text));
    if (newline)
        session_transcript_write(in, "\n", 1);
}

static void sp_switches(struct cproc *cp, bool *whatif, int *confirm);

static enum ev op_should_process(struct cmd_ctx *c, const char *target, const char *action,
                                 bool *yes)
{
    struct cproc *cp = of(c);
    bool whatif;
    int confirm;
    sp_switches(cp, &whatif, &confirm);
    return ev_should_process(cp->p.in, target, action, whatif, confirm, (int)cp->cmd->meta->impact, yes);
}

/* Is -WhatIf in force for the command (the switch, else $WhatIfPreference)? What -Confirm says. */
static void sp_switches(struct cproc *cp, bool *whatif, int *confirm)
{
    const struct bind_common *cm = bind_commons(&cp->st);
    *whatif = (cm->bound & (1u << CP_WHATIF)) ? cm->whatif : false;
    *confirm = (cm->bound & (1u << CP_CONFIRM)) ? (cm->confirm ? 1 : 0) : -1;
    if (!(cm->bound & (1u << CP_WHATIF))) {
        val w = ev_var_get(cp->p.in, "WhatIfPreference", 16);
        *whatif = conv_truthy(w);
        val_free(w);
    }
}

static int op_should_process_mode(struct cmd_ctx *c)
{
    struct cproc *cp = of(c);
    if (!(cp->cmd->meta->flags & CF_SHOULD_PROCESS))
        return SP_NONE;
    bool whatif;
    int confirm;
    sp_switches(cp, &whatif, &confirm);
    return ev_should_process_mode(cp->p.in, whatif, confirm, (int)cp->cmd->meta->impact);
}

static enum ev op_should_process_msg(struct cmd_ctx *c, const char *message, bool *yes)
{
    struct cproc *cp = of(c);
    int mode = op_should_process_mode(c);
    if (mode == SP_CONFIRM && cp->confirm_all) {
        *yes = cp->confirm_all == 'A';
        return EV_OK;
    }
    char a;
    enum ev rc = ev_should_process_msg(cp->p.in, message, mode, &a);
    *yes = rc == EV_OK && (a == 'Y' || a == 'A');
    if (rc == EV_OK && mode == SP_CONFIRM && (a == 'A' || a == 'L'))
        cp->confirm_all = a;
    return rc;
}

/*
** {=== the organization backend: one per process, opened on first use ===*/

static struct {
    char *store, *computer; /* --store, --computer-name (NULL: the defaults) */
    struct backend *b;
    int users;              /* sessions configured */
} org;

static void org_sleep(void *ud, int64_t ms)
{
    (void)ud;
    char *err = NULL;
    struct backend *b = ev_org_backend(&err);
    free(err);
    if (!b)
        return;
    json_t *req = json_pack("{s:s, s:{s:f}}", "cmdlet", "Step-LabClock", "parameters", "Seconds",
                            (double)ms / 1000.0);
    json_decref(backend_invoke(b, req));
    json_decref(req);
}

/*
** Is the store's clock virtual (Set-LabClock Virtual)? Asked by Start-Sleep
** when EMSH_CLOCK does not say. A store that does not exist yet is not
** created for the question: its clock is real.
*/
static bool org_clock_virtual(void *ud)
{
    (void)ud;
    if (!org.b) {
        char *path = org.store ? emsh_xstrndup(org.store, strlen(org.store)) : backend_local_default_store();
        bool exists = access(path, F_OK) == 0;
        free(path);
        if (!exists)
            return false;
    }
    char *err = NULL;
    struct backend *b = ev_org_backend(&err);
    free(err);
    if (!b)
        return false;
    json_t *req = json_pack("{s:s, s:{}}", "cmdlet", "Get-LabClock", "parameters");
    json_t *resp = backend_invoke(b, req);
    json_decref(req);
    /* the one record's "Mode", by its schema */
    json_t *schema = json_array_get(json_object_get(resp, "schemas"), 0);
    json_t *rec = json_array_get(json_object_get(resp, "output"), 0); /* [schema, values...] */
    bool virt = false;
    size_t i;
    json_t *name;
    json_array_foreach(json_object_get(schema, "properties"), i, name) {
        const char *mode = json_string_value(json_array_get(rec, i + 1));
        if (!strcmp(json_string_value(name), "Mode"))
            virt = mode && !strcmp(mode, "Virtual");
    }
    json_decref(resp);
    return virt;
}

void ev_org_configure(const char *store, const char *computer)
{
    if (org.users++ == 0) {
        org.store = store ? emsh_xstrndup(store, strlen(store)) : NULL;
        org.computer = computer ? emsh_xstrndup(computer, strlen(computer)) : NULL;
        /* Start-Sleep under a virtual clock (EMSH_CLOCK, or the store's mode) steps the engine */
        cmd_set_sleep_hook(org_sleep, NULL);
        cmd_set_clock_probe(org_clock_virtual, NULL);
    }
}

void ev_org_release(void)
{
    if (org.users == 0 || --org.users > 0)
        return;
    cmd_set_sleep_hook(NULL, NULL);
    cmd_set_clock_probe(NULL, NULL);
    backend_close(org.b);
    org.b = NULL;
    free(org.store);
    free(org.computer);
    org.store = org.computer = NULL;
}

struct backend *ev_org_backend(char **err)
{
    *err = NULL;
    if (org.b)
        return org.b;
    struct backend_options o = {org.store, org.computer};
    org.b = backend_local_open(&o, err);
    if (!org.b) {
        if (!*err)
            *err = emsh_xstrndup("The organization store cannot be opened.", 40);
        return NULL;
    }
    static bool registered; /* the catalog's types and views, once per process */
    if (!registered) {
        registered = true;
        json_t *cat = backend_catalog(org.b);
        org_register_catalog(cat);
        json_decref(cat);
    }
    return org.b;
}

json_t *ev_org_call(json_t *request, char **err)
{
    struct backend *b = ev_org_backend(err);
    return b ? backend_invoke(b, request) : NULL;
}

void interp_org_hint(struct interp *in)
{
    char *err = NULL;
    json_t *req = json_pack("{s:s}", "cmdlet", "Get-LabClock");
    json_t *resp = ev_org_call(req, &err);
    json_decref(req);
    free(err);
    json_t *e0 = json_array_get(json_object_get(resp, "errors"), 0);
    const char *ex = json_string_value(json_object_get(e0, "exception"));
    static const char want[] = "OrganizationNotFoundException"; /* with or without a namespace */
    size_t n = ex ? strlen(ex) : 0, w = sizeof want - 1;
    if (n >= w && strcmp(ex + n - w, want) == 0 && (n == w || ex[n - w - 1] == '.')) {
        fputs("No organization in this store yet. Build the lab with: "
              "New-LabOrganization -Template PreferredArchitecture\n", in->out);
        fflush(in->out);
    }
    json_decref(resp);
}

static enum ev op_org_invoke(struct cmd_ctx *c, json_t *request, json_t **response)
{
    char *err = NULL;
    *response = ev_org_call(request, &err);
    if (*response)
        return EV_OK;
    enum ev rc = op_throw(c, "OrganizationStoreUnavailable", "OpenError",
                          "System.InvalidOperationException", val_nothing(), err);
    free(err);
    return rc;
}

/* }=== */

/*
** A collector for script blocks that cmdlets run per object (Where-Object's
** filter, ForEach-Object's process block): these mostly output one value,
** so that one is kept aside and an array is made only for a second. The
** result is collector_result()'s: nothing, the one object, or the array.
*/
struct one_collector {
    struct sink s;
    uint32_t n;
    val first; /* while n == 1 */
    val items; /* VAL_ARRAY once n > 1 */
};

static enum ev one_put(struct sink *s, val v)
{
    struct one_collector *c = (struct one_collector *)s;
    if (c->n == 0) {
        c->first = v;
    } else {
        if (c->n == 1) {
            c->items = val_arr_push(val_arr_new(), c->first);
            c->first = val_nothing();
        }
        c->items = val_arr_push(c->items, v);
    }
    c->n++;
    return EV_OK;
}

static enum ev op_invoke(struct cmd_ctx *c, val sb, val input, const val *args, uint32_t nargs,
                         val *result)
{
    struct cproc *cp = of(c);
    struct one_collector col = {{one_put}, 0, val_nothing(), val_nothing()};
    enum ev rc = ev_call_scriptblock(cp->p.in, cp->p.at, sb, input, args, nargs, &col.s);
    if (rc) {
        val_free(col.first);
        val_free(col.items);
        *result = val_nothing();
        return rc;
    }
    *result = col.n > 1 ? col.items : col.first;
    return EV_OK;
}

static val op_arg(struct cmd_ctx *c, uint16_t param)
{
    return bind_value(&of(c)->st, param);
}

static bool op_bound(struct cmd_ctx *c, uint16_t param)
{
    return bind_is_bound(&of(c)->st, param);
}

static uint8_t op_set(struct cmd_ctx *c)
{
    int s = bind_set(&of(c)->st);
    return (uint8_t)(s < 0 ? 0 : s);
}

static void *op_state(struct cmd_ctx *c)
{
    return of(c)->state;
}

static void *op_session(struct cmd_ctx *c)
{
    return of(c)->p.in;
}

/* The session operations (cmdlet.h), implemented by shell/session.c. */

/* A sink that hands objects to the handler's cmd_write (Invoke-Command's output). */
struct write_sink {
    struct sink s;
    struct cmd_ctx *c;
};

static enum ev write_sink_put(struct sink *s, val v)
{
    return op_write(((struct write_sink *)s)->c, v);
}

static val op_var_list(struct cmd_ctx *c, const char *scope, int *rc)
{
    return session_var_list(of(c)->p.in, scope, rc);
}

static int op_var_set(struct cmd_ctx *c, const char *scope, const char *name, val value,
                      const char *description, int options, unsigned flags, val *result)
{
    return session_var_set(of(c)->p.in, scope, name, value, description, options, flags, result);
}

static int op_var_remove(struct cmd_ctx *c, const char *scope, const char *name, bool force)
{
    return session_var_remove(of(c)->p.in, scope, name, force);
}

static int op_var_exists(struct cmd_ctx *c, const char *scope, const char *name, bool *exists)
{
    return session_var_exists(of(c)->p.in, scope, name, exists);
}

static val op_alias_list(struct cmd_ctx *c, const char *scope, int *rc)
{
    return session_alias_list(of(c)->p.in, scope, rc);
}

static int op_alias_set(struct cmd_ctx *c, const char *scope, const char *name,
                        const char *definition, const char *description, int options,
                        unsigned flags, val *result)
{
    return session_alias_set(of(c)->p.in, scope, name, definition, description, options, flags,
                             result);
}

static val op_functions(struct cmd_ctx *c)
{
    return session_functions(of(c)->p.in);
}

static int op_command_remove(struct cmd_ctx *c, bool alias, const char *name, bool force)
{
    return session_command_remove(of(c)->p.in, alias, name, force);
}

static enum ev op_parse_script(struct cmd_ctx *c, const char *name, const char *text,
                               size_t len, val *out)
{
    struct cproc *cp = of(c);
    return session_parse(cp->p.in, cp->p.at, cp->cmd->meta->name, cp->name, name, text, len, out);
}

static enum ev op_run_block(struct cmd_ctx *c, val sb, val input, const val *args,
                            uint32_t nargs, bool new_scope)
{
    struct cproc *cp = of(c);
    struct write_sink ws = {{write_sink_put}, c};
    return session_run_block(cp->p.in, cp->p.at, sb, input, args, nargs, new_scope, &ws.s);
}

static val op_history(struct cmd_ctx *c)
{
    return session_history(of(c)->p.in);
}

static int op_transcript_start(struct cmd_ctx *c, const char *path, bool append)
{
    return session_transcript_start(of(c)->p.in, path, append);
}

static bool op_transcript_stop(struct cmd_ctx *c, val *path)
{
    return session_transcript_stop(of(c)->p.in, path);
}

static int op_console_width(struct cmd_ctx *c)
{
    return session_console_width(of(c)->p.in);
}

static bool op_is_terminal(struct cmd_ctx *c)
{
    return session_is_terminal(of(c)->p.in);
}

static bool op_interactive(struct cmd_ctx *c)
{
    return of(c)->p.in->interactive;
}

static val op_snapins(struct cmd_ctx *c)
{
    return session_snapins(of(c)->p.in);
}

static bool op_snapin_set(struct cmd_ctx *c, const char *name, bool add)
{
    return session_snapin_set(of(c)->p.in, name, add);
}

static const struct cmd_ops ops = {
    op_write, op_write_error, op_throw, op_message, op_host, op_should_process,
    op_invoke, op_arg, op_bound, op_set, op_state, op_session,
    op_var_list, op_var_set, op_var_remove, op_var_exists, op_alias_list, op_alias_set, op_functions,
    op_command_remove, op_parse_script, op_run_block, op_history, op_transcript_start, op_transcript_stop,
    op_console_width, op_is_terminal, op_interactive, op_snapins, op_snapin_set, op_org_invoke, op_should_process_mode,
    op_should_process_msg,
};

/* }================================================================== */

/*
** {==================================================================
** What the binder asks of the shell
** ===================================================================
*/

static int env_match(void *ud, const char *pattern, const char *subject, size_t len, bool icase,
                     struct buf *err)
{
    (void)ud;
    struct rx_error e = RX_ERROR_INIT;
    struct rx *rx = rx_get(pattern, strlen(pattern), icase ? RX_IGNORECASE : RX_NONE, &e);
    if (!rx) {
        buf_puts(err, e.msg ? e.msg : "The regular expression pattern is not valid.");
        rx_error_clear(&e);
        return -1;
    }
    return rx_exec(rx, subject, len, 0, NULL) > 0 ? 1 : 0;
}

static enum ev env_invoke(void *ud, val script, val input, val *result, struct buf *err)
{
    struct cproc *cp = ud;
    struct interp *in = cp->p.in;
    struct collector col;
    collector_init(&col);
    enum ev rc = ev_call_scriptblock(in, cp->p.at, script, input, NULL, 0, &col.s);
    if (rc == EV_THROW) {
        buf_puts(err, err_message(in->thrown));
        val_free(in->thrown);
        in->thrown = val_null();
        val_free(col.items);
        *result = val_nothing();
        return EV_THROW;
    }
    if (rc) {
        val_free(col.items);
        *result = val_nothing();
        return rc;
    }
    *result = collector_result(&col);
    return EV_OK;
}

static enum ev env_prompt(void *ud, const struct cmd_meta *meta, const uint16_t *params, uint16_t n,
                          val *values)
{
    struct cproc *cp = ud;
    return ev_prompt_mandatory(cp->p.in, meta, params, n, values);
}

/* }================================================================== */

/*
** {==================================================================
** The stage
** ===================================================================
*/

static enum ev bind_failed(struct cproc *cp, const struct bind_error *err, bool terminating, val target)
{
    struct interp *in = cp->p.in;
    if (err->ev != EV_THROW)
        return err->ev;
    struct ast_node tmp;
    const struct ast_node *at = span_node(&tmp, cp->p.at, err->span);
    struct err_spec spec = {err->msg, err->id, err->category, err->exception, target, cp->cmd->meta->name};
    val r = err_record(&spec, in->unit, at);
    val_obj_set(r, "FullyQualifiedErrorId", val_str_printf("%s,%s", err->id, class_name(cp)));
    val inv = val_obj_get(r, "InvocationInfo");
    val_obj_set(inv, "InvocationName", val_str_new(cp->name));
    val_free(inv);
    if (terminating) {
        val_free(in->thrown);
        in->thrown = r;
        in->last_ok = false;
        in->fatal = false;
        return EV_THROW;
    }
    return ev_report_error(in, r, (int)error_action(cp));
}

static void set_variable(struct interp *in, const char *name, val v)
{
    bool append = name[0] == '+';
    if (append)
        name++;
    if (append) {
        val cur = ev_var_get(in, name, strlen(name));
        if (val_kind(cur) == VAL_ARRAY) {
            for (uint32_t i = 0; i < val_arr_len(v); i++)
                val_arr_push(cur, val_arr_get(v, i));
            val_free(v);
            val_free(cur);
            return;
        }
        val_free(cur);
    }
    ev_var_set(in, NULL, name, strlen(name), v);
}

static enum ev cproc_begin(struct proc *p)
{
    struct cproc *cp = (struct cproc *)p;
    struct interp *in = p->in;
    struct bind_arg *bargs = cp->nargs ? emsh_xmalloc(cp->nargs * sizeof *bargs) : NULL;
    for (uint32_t i = 0; i < cp->nargs; i++) {
        struct cmd_arg *a = &cp->args[i];
        memset(&bargs[i], 0, sizeof bargs[i]);
        bargs[i].name = a->name;
        bargs[i].value = a->value;
        if (a->name)
            bargs[i].flags = a->colon ? BARG_COLON : BARG_NO_VALUE;
        if (a->splat)
            bargs[i].flags |= BARG_SPLAT;
        if (!a->name && a->at && a->at->kind == AST_STRING && a->at->u.string.how == STR_BARE &&
            a->at->u.string.value.n == 2 && memcmp(a->at->u.string.value.s, "--", 2) == 0)
            bargs[i].flags = BARG_END_OF_PARAMS;
        if (a->at) {
            bargs[i].name_span.start = a->at->start;
            bargs[i].name_span.end = a->at->end;
            const struct ast_node *v = a->at->kind == AST_COMMAND_PARAM ? a->at->u.cmdparam.arg : a->at;
            if (v) {
                bargs[i].value_span.start = v->start;
                bargs[i].value_span.end = v->end;
            }
        }
    }
    struct bind_error err;
    bool ok = bind_command_line(&cp->st, bargs, cp->nargs, p->expects_input, &err);
    free(bargs);
    if (!ok)
        return bind_failed(cp, &err, true, val_nothing());
    cp->bound = true;
    const struct bind_common *cm = bind_commons(&cp->st);
    if (cm->out_variable)
        cp->out_var = val_arr_set_flavour(val_arr_new(), ARR_ARRAYLIST, NULL);
    if (cm->error_variable)
        cp->err_var = val_arr_set_flavour(val_arr_new(), ARR_ARRAYLIST, NULL);
    if (cp->cmd->state_size) {
        cp->state = emsh_xmalloc(cp->cmd->state_size);
        memset(cp->state, 0, cp->cmd->state_size);
    }
    cp->began = true;
    (void)in;
    return cp->cmd->begin ? cp->cmd->begin(&cp->ctx) : EV_OK;
}

static enum ev cproc_put(struct sink *s, val v)
{
    struct cproc *cp = (struct cproc *)s;
    struct bind_error err;
    cp->processed = true;
    if (!bind_pipeline(&cp->st, v, &err)) {
        enum ev rc = bind_failed(cp, &err, false, v);
        val_free(v);
        return rc;
    }
    enum ev rc = cp->cmd->process ? cp->cmd->process(&cp->ctx, v) : EV_OK;
    val_free(v);
    /* the first to return EV_STOP is the one that asked; the others pass it on */
    if (rc == EV_STOP && !cp->p.in->stop_origin)
        cp->p.in->stop_origin = &cp->p;
    return rc;
}

static enum ev cproc_end(struct proc *p)
{
    struct cproc *cp = (struct cproc *)p;
    enum ev rc = EV_OK;
    if (!cp->processed && !p->expects_input && cp->cmd->process) {
        cp->processed = true;
        rc = cp->cmd->process(&cp->ctx, val_nothing());
        /* its own stop ends it normally; a stop from downstream skips its end */
        if (rc == EV_STOP && (!p->in->stop_origin || p->in->stop_origin == p)) {
            p->in->stop_origin = NULL;
            rc = EV_OK;
        }
    }
    if (!rc && cp->cmd->end)
        rc = cp->cmd->end(&cp->ctx);
    const struct bind_common *cm = bind_commons(&cp->st);
    if (cm->out_variable && val_kind(cp->out_var) == VAL_ARRAY) {
        set_variable(p->in, cm->out_variable, cp->out_var);
        cp->out_var = val_nothing();
    }
    if (cm->error_variable && val_kind(cp->err_var) == VAL_ARRAY) {
        set_variable(p->in, cm->error_variable, cp->err_var);
        cp->err_var = val_nothing();
    }
    return rc;
}

static void cproc_release(struct proc *p)
{
    struct cproc *cp = (struct cproc *)p;
    if (cp->state && cp->cmd->release)
        cp->cmd->release(cp->state);
    free(cp->state);
    bind_release(&cp->st);
    ev_free_args(cp->args, cp->nargs);
    free(cp->name);
    free(cp->class_name);
    val_free(cp->out_var);
    val_free(cp->err_var);
    free(cp);
}

enum ev ev_cmdlet_proc(struct interp *in, const struct ast_node *at, const char *name,
                       struct cmd_arg *args, uint32_t nargs, struct proc **out, bool *found)
{
    const struct cmdlet *cmd = cmdlet_find(name, strlen(name));
    *found = cmd != NULL;
    if (!cmd)
        return EV_OK;
    struct cproc *cp = emsh_xmalloc(sizeof *cp);
    memset(cp, 0, sizeof *cp);
    cp->p.sink.put = cproc_put;
    cp->p.in = in;
    cp->p.at = at;
    cp->p.begin = cproc_begin;
    cp->p.end = cproc_end;
    cp->p.release = cproc_release;
    cp->ctx.ops = &ops;
    cp->ctx.meta = cmd->meta;
    cp->cmd = cmd;
    cp->name = emsh_xstrndup(name, strlen(name));
    cp->out_var = val_nothing();
    cp->err_var = val_nothing();
    /* the stage owns copies of the arguments; the caller frees its array */
    cp->args = nargs ? emsh_xmalloc(nargs * sizeof *cp->args) : NULL;
    if (nargs)
        memcpy(cp->args, args, nargs * sizeof *args);
    cp->nargs = nargs;
    cp->env.ud = cp;
    cp->env.prompt = env_prompt;
    cp->env.match = env_match;
    cp->env.invoke = env_invoke;
    bind_init(&cp->st, cmd->meta, &cp->env);
    *out = &cp->p;
    return EV_OK;
}

/* }================================================================== */
