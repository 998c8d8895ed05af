/*
** scriptbind.c - binding the parameters of functions, script blocks and
** scripts with the cmdlet binder.
**
** A param block (or `function f($a, $b)`) becomes a struct cmd_meta built
** once per script block and cached: names, [Alias()], types, [switch],
** [Parameter()] sets with Mandatory, Position, ValueFromPipeline(ByPropertyName)
** and ValueFromRemainingArguments, [AllowNull()] and friends, and the
** Validate* attributes. [CmdletBinding()] makes the function advanced: the
** common parameters apply and set the preference variables of its scope
** (-Verbose, -ErrorAction, -WhatIf, -Confirm ...), unknown parameters are
** errors and $PSCmdlet exists. Without it the function is simple:
** arguments that bind to nothing land in $args.
**
** After binding, each parameter becomes a variable of the function's scope:
** its bound value, else its default expression evaluated there, in
** declaration order (so a default may use an earlier parameter).
*/
#include "eval_int.h"
#include "bind.h"
#include "regex.h"
#include "text.h"
#include "types.h"

#include <stdlib.h>
#include <string.h>

struct script_meta {
    struct arena a;
    struct cmd_meta meta;
    const struct ast_node **nodes; /* the AST_PARAMETER of each param */
    bool advanced;
    const struct ast_node *body;
    struct sb_unit *unit; /* keeps body alive while cached */
};

struct script_binding {
    struct script_meta *sm;
    struct bind_state st;
    struct bind_env env;
    struct interp *in;
    const struct ast_node *at;
};

/*
** {==================================================================
** Building the metadata
** ===================================================================
*/

static bool attr_is(const struct ast_node *a, const char *name)
{
    const struct ast_node *t = a->u.attr.type;
    const char *s = t->u.type.name.s;
    size_t n = strlen(name);
    if (text_ieq(s, t->u.type.name.n, name, n))
        return true;
    /* [ParameterAttribute], [System.Management.Automation.Parameter] */
    const char *dot = strrchr(s, '.');
    const char *last = dot ? dot + 1 : s;
    size_t ln = strlen(last);
    if (text_ieq(last, ln, name, n))
        return true;
    return ln == n + 9 && text_ieq(last, n, name, n) && text_ieq(last + n, 9, "Attribute", 9);
}

/* The value of a named attribute argument; VAL_NOTHING when absent, $true when bare. */
static enum ev named_arg(struct interp *in, const struct ast_node *a, const char *name, val *out)
{
    *out = val_nothing();
    for (uint32_t i = 0; i < a->u.attr.named.n; i++) {
        const struct ast_node *na = a->u.attr.named.v[i];
        if (!text_ieq(na->u.named_arg.name.s, na->u.named_arg.name.n, name, strlen(name)))
            continue;
        if (!na->u.named_arg.value) {
            *out = val_bool(true);
            return EV_OK;
        }
        return ev_expr(in, na->u.named_arg.value, out);
    }
    return EV_OK;
}

static enum ev named_bool(struct interp *in, const struct ast_node *a, const char *name, bool *out)
{
    val v;
    enum ev rc = named_arg(in, a, name, &v);
    *out = !rc && conv_truthy(v);
    val_free(v);
    return rc;
}

/* The positional arguments of an attribute, evaluated and flattened. */
static enum ev positional_args(struct interp *in, const struct ast_node *a, val *out)
{
    val all = val_arr_new();
    for (uint32_t i = 0; i < a->u.attr.args.n; i++) {
        val v;
        enum ev rc = ev_expr(in, a->u.attr.args.v[i], &v);
        if (rc) {
            val_free(all);
            return rc;
        }
        if (val_kind(v) == VAL_ARRAY) {
            for (uint32_t k = 0; k < val_arr_len(v); k++)
                all = val_arr_push(all, val_arr_get(v, k));
            val_free(v);
        } else {
            all = val_arr_push(all, v);
        }
    }
    *out = all;
    return EV_OK;
}

static const char **strings(struct arena *a, val arr)
{
    uint32_t n = val_arr_len(arr);
    const char **v = arena_alloc(a, (n + 1) * sizeof *v);
    for (uint32_t i = 0; i < n; i++) {
        struct buf b = BUF_INIT;
        conv_str(val_arr_items(arr)[i], &b);
        v[i] = arena_strndup(a, buf_cstr(&b), b.len);
        buf_release(&b);
    }
    v[n] = NULL;
    return v;
}

static void free_meta(struct script_meta *sm)
{
    if (!sm)
        return;
    for (uint16_t i = 0; i < sm->meta.nparams; i++) {
        const struct param_meta *p = &sm->meta.params[i];
        for (uint8_t k = 0; k < p->nvalidators; k++) {
            const struct param_validator *v = &p->validators[k];
            if (v->kind == VK_RANGE) {
                val_free(v->u.range.min);
                val_free(v->u.range.max);
            } else if (v->kind == VK_SCRIPT) {
                val_free(v->u.script.script);
            }
        }
    }
    free(sm->nodes);
    sb_unit_release(sm->unit);
    arena_release(&sm->a);
    free(sm);
}

/* The set index for a name, adding it; PSET_ALL for __AllParameterSets. */
static uint8_t set_index(struct script_meta *sm, const char **names, uint8_t *nsets, const char *name)
{
    if (!name || text_ieq(name, strlen(name), "__AllParameterSets", 18))
        return PSET_ALL;
    for (uint8_t i = 0; i < *nsets; i++)
        if (text_ieq(names[i], strlen(names[i]), name, strlen(name)))
            return i;
    if (*nsets >= 31)
        return PSET_ALL;
    names[*nsets] = arena_strndup(&sm->a, name, strlen(name));
    return (*nsets)++;
}

static enum ev build_param(struct interp *in, struct script_meta *sm, const struct ast_node *pn,
                           struct param_meta *p, const char **set_names, uint8_t *nsets,
                           struct param_set_entry *entries, uint8_t *nentries)
{
    enum ev rc;
    struct param_validator vals[8];
    uint8_t nvals = 0;
    p->name = arena_strndup(&sm->a, pn->u.param.var->u.var.name.s, pn->u.param.var->u.var.name.n);
    p->type = TY_OBJECT;
    p->type_name = "Object";
    *nentries = 0;
    for (uint32_t k = 0; k < pn->u.param.attrs.n; k++) {
        const struct ast_node *a = pn->u.param.attrs.v[k];
        if (a->kind == AST_TYPE_CONSTRAINT) {
            uint16_t id;
            if ((rc = ev_resolve_type(in, a->u.tc.type, &id)))
                return rc;
            const struct type_info *ti = type_get(id);
            p->type_name = ti ? ti->name : "Object";
            if (id == TY_SWITCH) {
                p->flags |= PF_SWITCH;
                p->type = TY_SWITCH;
            } else if (ti && ti->kind == TK_ARRAY) {
                p->flags |= PF_ARRAY;
                p->type = ti->elem;
            } else {
                p->type = id;
            }
            if (ti && ti->kind == TK_ENUM) {
                p->flags |= PF_ENUM;
                const char **vv = arena_alloc(&sm->a, (ti->nnames + 1) * sizeof *vv);
                for (uint32_t i = 0; i < ti->nnames; i++)
                    vv[i] = ti->names[i];
                p->valid_values = vv;
            }
            continue;
        }
        if (a->kind != AST_ATTRIBUTE)
            continue;
        if (attr_is(a, "Parameter")) {
            struct param_set_entry *e = &entries[*nentries];
            memset(e, 0, sizeof *e);
            e->position = -1;
            val v;
            bool b;
            if ((rc = named_arg(in, a, "ParameterSetName", &v)))
                return rc;
            struct buf sn = BUF_INIT;
            if (val_kind(v) != VAL_NOTHING)
                conv_str(v, &sn);
            val_free(v);
            e->set = set_index(sm, set_names, nsets, sn.len ? buf_cstr(&sn) : NULL);
            buf_release(&sn);
            if ((rc = named_bool(in, a, "Mandatory", &b)))
                return rc;
            e->mandatory = b;
            if ((rc = named_bool(in, a, "ValueFromPipeline", &b)))
                return rc;
            e->pipeline |= b ? PIPE_BY_VALUE : 0;
            if ((rc = named_bool(in, a, "ValueFromPipelineByPropertyName", &b)))
                return rc;
            e->pipeline |= b ? PIPE_BY_NAME : 0;
            if ((rc = named_bool(in, a, "ValueFromRemainingArguments", &b)))
                return rc;
            e->remaining = b;
            if ((rc = named_arg(in, a, "Position", &v)))
                return rc;
            int32_t pos;
            if (val_kind(v) != VAL_NOTHING && conv_to_int32(v, &pos, NULL))
                e->position = (int8_t)pos;
            val_free(v);
            if ((rc = named_arg(in, a, "HelpMessage", &v)))
                return rc;
            if (val_kind(v) != VAL_NOTHING) {
                struct buf h = BUF_INIT;
                conv_str(v, &h);
                p->help = arena_strndup(&sm->a, buf_cstr(&h), h.len);
                buf_release(&h);
            }
            val_free(v);
            if (*nentries < 15)
                (*nentries)++;
            continue;
        }
        if (attr_is(a, "Alias")) {
            val names;
            if ((rc = positional_args(in, a, &names)))
                return rc;
            p->aliases = strings(&sm->a, names);
            val_free(names);
            continue;
        }
        if (attr_is(a, "AllowNull")) {
            p->flags |= PF_ALLOW_NULL;
            continue;
        }
        if (attr_is(a, "AllowEmptyString")) {
            p->flags |= PF_ALLOW_EMPTY_STRING;
            continue;
        }
        if (attr_is(a, "AllowEmptyCollection")) {
            p->flags |= PF_ALLOW_EMPTY_COLLECTION;
            continue;
        }
        if (nvals >= 8)
            continue;
        struct param_validator *pv = &vals[nvals];
        memset(pv, 0, sizeof *pv);
        val args;
        if (attr_is(a, "ValidateSet")) {
            if ((rc = positional_args(in, a, &args)))
                return rc;
            pv->kind = VK_SET;
            pv->u.set.values = strings(&sm->a, args);
            bool ic = true;
            val v;
            if ((rc = named_arg(in, a, "IgnoreCase", &v))) {
                val_free(args);
                return rc;
            }
            if (val_kind(v) != VAL_NOTHING)
                ic = conv_truthy(v);
            val_free(v);
            pv->u.set.case_sensitive = !ic;
            if (!ic)
                p->flags |= PF_SET_CASE_SENSITIVE;
            p->valid_values = pv->u.set.values;
            val_free(args);
            nvals++;
        } else if (attr_is(a, "ValidateRange")) {
            if ((rc = positional_args(in, a, &args)))
                return rc;
            if (val_arr_len(args) == 2) {
                pv->kind = VK_RANGE;
                pv->u.range.min = val_arr_get(args, 0);
                pv->u.range.max = val_arr_get(args, 1);
                nvals++;
            }
            val_free(args);
        } else if (attr_is(a, "ValidatePattern")) {
            if ((rc = positional_args(in, a, &args)))
                return rc;
            if (val_arr_len(args) >= 1) {
                pv->kind = VK_PATTERN;
                struct buf b = BUF_INIT;
                conv_str(val_arr_items(args)[0], &b);
                pv->u.pattern.pattern = arena_strndup(&sm->a, buf_cstr(&b), b.len);
                buf_release(&b);
                nvals++;
            }
            val_free(args);
        } else if (attr_is(a, "ValidateCount") || attr_is(a, "ValidateLength")) {
            bool count = attr_is(a, "ValidateCount");
            if ((rc = positional_args(in, a, &args)))
                return rc;
            int64_t lo = 0, hi = 0;
            if (val_arr_len(args) == 2 && conv_to_int64(val_arr_items(args)[0], &lo, NULL) &&
                conv_to_int64(val_arr_items(args)[1], &hi, NULL)) {
                pv->kind = count ? VK_COUNT : VK_LENGTH;
                if (count) {
                    pv->u.count.min = lo;
                    pv->u.count.max = hi;
                } else {
                    pv->u.length.min = lo;
                    pv->u.length.max = hi;
                }
                nvals++;
            }
            val_free(args);
        } else if (attr_is(a, "ValidateNotNull")) {
            pv->kind = VK_NOT_NULL;
            nvals++;
        } else if (attr_is(a, "ValidateNotNullOrEmpty")) {
            pv->kind = VK_NOT_NULL_OR_EMPTY;
            nvals++;
        } else if (attr_is(a, "ValidateScript")) {
            if (a->u.attr.args.n == 1 && a->u.attr.args.v[0]->kind == AST_SCRIPT_BLOCK_EXPR) {
                const struct ast_node *sb = a->u.attr.args.v[0];
                pv->kind = VK_SCRIPT;
                pv->u.script.script = val_scriptblock(in->unit, sb->u.sbexpr.body);
                struct buf t = BUF_INIT;
                conv_str(pv->u.script.script, &t);
                pv->u.script.text = arena_strndup(&sm->a, buf_cstr(&t), t.len);
                buf_release(&t);
                nvals++;
            }
        }
    }
    if (nvals) {
        struct param_validator *pv = arena_alloc(&sm->a, nvals * sizeof *pv);
        memcpy(pv, vals, nvals * sizeof *pv);
        p->validators = pv;
        p->nvalidators = nvals;
    }
    return EV_OK;
}

static enum ev build_meta(struct interp *in, const char *name, const struct ast_node *body,
                          const struct ast_list *paren, struct script_meta **out)
{
    struct script_meta *sm = emsh_xmalloc(sizeof *sm);
    memset(sm, 0, sizeof *sm);
    arena_init(&sm->a);
    sm->body = body;
    sm->unit = sb_unit_retain(in->unit);
    const struct ast_list *list = paren && paren->n ? paren : NULL;
    const struct ast_node *pb = body ? body->u.script.param : NULL;
    bool positional_binding = true;
    struct cmd_meta *m = &sm->meta;
    m->name = arena_strndup(&sm->a, name ? name : "", name ? strlen(name) : 0);
    m->impact = IMPACT_MEDIUM;
    const char *default_set = NULL;
    enum ev rc = EV_OK;
    if (!list && pb) {
        list = &pb->u.param_block.params;
        for (uint32_t i = 0; i < pb->u.param_block.attrs.n && !rc; i++) {
            const struct ast_node *a = pb->u.param_block.attrs.v[i];
            if (a->kind != AST_ATTRIBUTE || !attr_is(a, "CmdletBinding"))
                continue;
            sm->advanced = true;
            bool b;
            if ((rc = named_bool(in, a, "SupportsShouldProcess", &b)))
                break;
            if (b)
                m->flags |= CF_SHOULD_PROCESS;
            val v;
            if ((rc = named_arg(in, a, "ConfirmImpact", &v)))
                break;
            if (val_kind(v) != VAL_NOTHING) {
                struct buf s = BUF_INIT;
                conv_str(v, &s);
                m->impact = text_ieq(s.s ? s.s : "", s.len, "High", 4) ? IMPACT_HIGH
                            : text_ieq(s.s ? s.s : "", s.len, "Low", 3) ? IMPACT_LOW
                            : text_ieq(s.s ? s.s : "", s.len, "None", 4) ? IMPACT_NONE : IMPACT_MEDIUM;
                buf_release(&s);
            }
            val_free(v);
            if ((rc = named_arg(in, a, "DefaultParameterSetName", &v)))
                break;
            if (val_kind(v) != VAL_NOTHING) {
                struct buf s = BUF_INIT;
                conv_str(v, &s);
                default_set = arena_strndup(&sm->a, buf_cstr(&s), s.len);
                buf_release(&s);
            }
            val_free(v);
            if ((rc = named_arg(in, a, "PositionalBinding", &v)))
                break;
            if (val_kind(v) != VAL_NOTHING && !conv_truthy(v))
                positional_binding = false;
            val_free(v);
        }
    }
    uint16_t n = list ? (uint16_t)list->n : 0;
    struct param_meta *params = arena_alloc(&sm->a, (n ? n : 1) * sizeof *params);
    sm->nodes = emsh_xmalloc((n ? n : 1) * sizeof *sm->nodes);
    const char **set_names = arena_alloc(&sm->a, 32 * sizeof *set_names);
    uint8_t nsets = 0;
    struct param_set_entry entries[16];
    bool any_position = false;
    for (uint16_t i = 0; i < n && !rc; i++) {
        const struct ast_node *pn = list->v[i];
        sm->nodes[i] = pn;
        uint8_t ne;
        rc = build_param(in, sm, pn, &params[i], set_names, &nsets, entries, &ne);
        for (uint32_t k = 0; k < pn->u.param.attrs.n; k++)
            if (pn->u.param.attrs.v[k]->kind == AST_ATTRIBUTE && attr_is(pn->u.param.attrs.v[k], "Parameter"))
                sm->advanced = true;
        if (rc)
            break;
        if (ne == 0) {
            memset(&entries[0], 0, sizeof entries[0]);
            entries[0].set = PSET_ALL;
            entries[0].position = -1;
            ne = 1;
        }
        for (uint8_t k = 0; k < ne; k++)
            if (entries[k].position >= 0)
                any_position = true;
        struct param_set_entry *e = arena_alloc(&sm->a, ne * sizeof *e);
        memcpy(e, entries, ne * sizeof *e);
        params[i].sets = e;
        params[i].nsets = ne;
    }
    if (rc) {
        m->params = params;
        m->nparams = 0;
        free_meta(sm);
        return rc;
    }
    /* positions in declaration order when none is declared (switches excluded) */
    if (!any_position && (positional_binding || !sm->advanced)) {
        int8_t next = 0;
        for (uint16_t i = 0; i < n; i++) {
            if (params[i].flags & PF_SWITCH)
                continue;
            struct param_set_entry *e = (struct param_set_entry *)params[i].sets;
            bool remaining = false;
            for (uint8_t k = 0; k < params[i].nsets; k++)
                remaining |= e[k].remaining;
            if (remaining)
                continue;
            for (uint8_t k = 0; k < params[i].nsets; k++)
                e[k].position = next;
            next++;
        }
    }
    if (nsets == 0) {
        set_names[0] = "__AllParameterSets";
        nsets = 1;
        m->default_set = 0;
        /* entries naming no set belong to set 0 */
    } else {
        m->default_set = SET_NONE;
        for (uint8_t i = 0; default_set && i < nsets; i++)
            if (text_ieq(set_names[i], strlen(set_names[i]), default_set, strlen(default_set)))
                m->default_set = i;
    }
    m->sets = set_names;
    m->nsets = nsets;
    m->params = params;
    m->nparams = n;
    m->flags |= sm->advanced ? CF_SCRIPT : CF_SIMPLE;
    *out = sm;
    return EV_OK;
}

/* }================================================================== */

/*
** {==================================================================
** The cache: one metadata per script block body
** ===================================================================
*/

#define CACHE_SIZE 256

static struct script_meta *cache[CACHE_SIZE];

static uint32_t cache_slot(const struct ast_node *body)
{
    return (uint32_t)(((uintptr_t)body >> 4) * 2654435761u) & (CACHE_SIZE - 1);
}

void ev_script_meta_cache_clear(void);
void ev_script_meta_cache_clear(void)
{
    for (uint32_t i = 0; i < CACHE_SIZE; i++) {
        free_meta(cache[i]);
        cache[i] = NULL;
    }
}

static enum ev get_meta(struct interp *in, const char *name, const struct ast_node *body,
                        const struct ast_list *paren, struct script_meta **out)
{
    uint32_t k = cache_slot(body);
    struct script_meta *sm = cache[k];
    if (sm && sm->body == body && sb_unit_parse(sm->unit) == sb_unit_parse(in->unit) &&
        text_ieq(sm->meta.name, strlen(sm->meta.name), name ? name : "", name ? strlen(name) : 0)) {
        *out = sm;
        return EV_OK;
    }
    enum ev rc = build_meta(in, name, body, paren, &sm);
    if (rc)
        return rc;
    free_meta(cache[k]);
    cache[k] = sm;
    *out = sm;
    return EV_OK;
}

/* }================================================================== */

/*
** {==================================================================
** Binding
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
    struct script_binding *b = ud;
    struct interp *in = b->in;
    struct collector col;
    collector_init(&col);
    enum ev rc = ev_call_scriptblock(in, b->at, script, input, NULL, 0, &col.s);
    if (rc == EV_THROW) {
        buf_puts(err, err_message(in->thrown));
        val_free(in->thrown);
        in->thrown = val_null();
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
    struct script_binding *b = ud;
    return ev_prompt_mandatory(b->in, meta, params, n, values);
}

static enum ev bind_error_throw(struct interp *in, const struct ast_node *at, const char *cmd,
                                const struct bind_error *err, bool terminating, val target)
{
    if (err->ev != EV_THROW)
        return err->ev;
    struct ast_node tmp;
    const struct ast_node *pos = at;
    if (err->span.end > err->span.start) {
        memset(&tmp, 0, sizeof tmp);
        tmp.start = err->span.start;
        tmp.end = err->span.end;
        pos = &tmp;
    }
    struct err_spec spec = {err->msg, err->id, err->category, err->exception, target,
                            cmd && *cmd ? cmd : NULL};
    val r = err_record(&spec, in->unit, pos);
    if (cmd && *cmd) {
        val inv = val_obj_get(r, "InvocationInfo");
        val_obj_set(inv, "InvocationName", val_str_new(cmd));
        val_free(inv);
    }
    if (terminating) {
        val_free(in->thrown);
        in->thrown = r;
        in->last_ok = false;
        in->fatal = false;
        return EV_THROW;
    }
    return ev_report_error(in, r, 2);
}

static void set_var(struct interp *in, const char *name, val v, uint16_t type)
{
    struct var *var = scope_define(in->scope, name, strlen(name));
    val_free(var->value);
    var->value = v;
    var->type = type;
}

/* The variable type of a parameter: its declared type, arrays included. */
static uint16_t var_type(const struct param_meta *p)
{
    if (p->flags & PF_SWITCH)
        return TY_NONE;
    if (p->flags & PF_ARRAY)
        return type_array_of(p->type);
    return p->type == TY_OBJECT ? TY_NONE : p->type;
}

static enum ev param_default(struct interp *in, const struct ast_node *pn, const struct param_meta *p,
                             val *out)
{
    if (pn->u.param.dflt) {
        val v;
        enum ev rc = ev_expr(in, pn->u.param.dflt, &v);
        if (rc)
            return rc;
        uint16_t t = var_type(p);
        struct conv_error err;
        if (t && !val_is_null(v) && !conv_to_type(v, t, &v, &err))
            return ev_throw_conv(in, pn, &err);
        *out = v;
        return EV_OK;
    }
    switch (p->type) {
    case TY_SWITCH: *out = val_switch(false); break;
    case TY_INT: *out = (p->flags & PF_ARRAY) ? val_null() : val_int(0); break;
    case TY_LONG: *out = (p->flags & PF_ARRAY) ? val_null() : val_long(0); break;
    case TY_DOUBLE: *out = (p->flags & PF_ARRAY) ? val_null() : val_double(0); break;
    case TY_BOOL: *out = (p->flags & PF_ARRAY) ? val_null() : val_bool(false); break;
    case TY_STRING: *out = (p->flags & PF_ARRAY) ? val_null() : val_str_new(""); break;
    default: *out = val_null(); break;
    }
    return EV_OK;
}

/* The preference variables the common parameters set in the function's scope. */
static void apply_commons(struct interp *in, const struct bind_common *cm)
{
    static const char *const acts[] = {"SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend"};
    if (cm->bound & (1u << CP_VERBOSE))
        set_var(in, "VerbosePreference", val_str_new(cm->verbose ? "Continue" : "SilentlyContinue"), TY_NONE);
    if (cm->bound & (1u << CP_DEBUG))
        set_var(in, "DebugPreference", val_str_new(cm->debug ? "Inquire" : "SilentlyContinue"), TY_NONE);
    if (cm->bound & (1u << CP_ERROR_ACTION))
        set_var(in, "ErrorActionPreference", val_str_new(acts[cm->error_action]), TY_NONE);
    if (cm->bound & (1u << CP_WARNING_ACTION))
        set_var(in, "WarningPreference", val_str_new(acts[cm->warning_action]), TY_NONE);
    if (cm->bound & (1u << CP_INFORMATION_ACTION))
        set_var(in, "InformationPreference", val_str_new(acts[cm->information_action]), TY_NONE);
    if (cm->bound & (1u << CP_WHATIF))
        set_var(in, "WhatIfPreference", val_bool(cm->whatif), TY_NONE);
    if (cm->bound & (1u << CP_CONFIRM))
        set_var(in, "ConfirmPreference", val_str_new(cm->confirm ? "Low" : "None"), TY_NONE);
}

/* $PSCmdlet: what an advanced function sees of itself. */
static val pscmdlet(struct script_binding *b)
{
    val o = val_obj_new("System.Management.Automation.PSScriptCmdlet");
    const char *set = bind_set_name(&b->st);
    o = val_obj_set(o, "ParameterSetName", val_str_new(set ? set : "__AllParameterSets"));
    val inv = val_obj_new("System.Management.Automation.InvocationInfo");
    inv = val_obj_set(inv, "MyCommand", val_str_new(b->sm->meta.name));
    inv = val_obj_set(inv, "InvocationName", val_str_new(b->sm->meta.name));
    o = val_obj_set(o, "MyInvocation", inv);
    o = val_obj_set(o, "\x01Command", val_str_new(b->sm->meta.name));
    o = val_obj_set(o, "\x01Impact", val_int((int32_t)b->sm->meta.impact));
    o = val_obj_set(o, "\x01ToString", val_str_new(b->sm->meta.name));
    return o;
}

enum ev ev_script_bind(struct interp *in, const struct ast_node *at, const char *name,
                       const struct ast_node *body, const struct ast_list *paren,
                       struct cmd_arg *args, uint32_t nargs, bool pipeline_expected,
                       struct script_binding **out)
{
    struct script_meta *sm;
    *out = NULL;
    enum ev rc = get_meta(in, name, body, paren, &sm);
    if (rc)
        return rc;
    struct script_binding *b = emsh_xmalloc(sizeof *b);
    memset(b, 0, sizeof *b);
    b->sm = sm;
    b->in = in;
    b->at = at;
    b->env.ud = b;
    b->env.match = env_match;
    b->env.invoke = env_invoke;
    b->env.prompt = env_prompt;
    bind_init(&b->st, &sm->meta, &b->env);
    struct bind_arg *bargs = nargs ? emsh_xmalloc(nargs * sizeof *bargs) : NULL;
    for (uint32_t i = 0; i < nargs; i++) {
        struct cmd_arg *a = &args[i];
        memset(&bargs[i], 0, sizeof bargs[i]);
        bargs[i].name = a->name;
        bargs[i].value = a->value;
        if (a->name)
            bargs[i].flags = a->colon ? BARG_COLON : BARG_NO_VALUE;
        if (a->splat)
            bargs[i].flags |= BARG_SPLAT;
        if (a->at) {
            bargs[i].name_span.start = bargs[i].value_span.start = a->at->start;
            bargs[i].name_span.end = bargs[i].value_span.end = a->at->end;
            if (a->at->kind == AST_COMMAND_PARAM && a->at->u.cmdparam.arg) {
                bargs[i].value_span.start = a->at->u.cmdparam.arg->start;
                bargs[i].value_span.end = a->at->u.cmdparam.arg->end;
            }
        }
    }
    struct bind_error err;
    bool ok = bind_command_line(&b->st, bargs, nargs, pipeline_expected, &err);
    free(bargs);
    *out = b;
    if (!ok)
        return bind_error_throw(in, at, sm->meta.name, &err, true, val_nothing());
    /* the parameters become variables, bound or defaulted, in order */
    val bp = val_hash_new(false);
    for (uint16_t i = 0; i < sm->meta.nparams && !rc; i++) {
        const struct param_meta *p = &sm->meta.params[i];
        val v;
        if (bind_is_bound(&b->st, i)) {
            v = val_copy(bind_value(&b->st, i));
            bp = val_hash_set(bp, val_str_new(p->name), val_copy(v));
        } else if ((rc = param_default(in, sm->nodes[i], p, &v))) {
            break;
        }
        set_var(in, p->name, v, var_type(p));
    }
    /* common parameters a caller bound show in $PSBoundParameters too */
    for (int cp = 0; cp < CP__COUNT && sm->advanced; cp++) {
        int slot = bind_common_slot(&b->st, (enum common_param)cp);
        if (slot >= 0 && bind_is_bound(&b->st, (uint16_t)slot))
            bp = val_hash_set(bp, val_str_new(bind_param(&b->st, (uint16_t)slot)->name),
                              val_copy(bind_value(&b->st, (uint16_t)slot)));
    }
    set_var(in, "PSBoundParameters", bp, TY_NONE);
    val a = bind_args(&b->st);
    set_var(in, "args", val_kind(a) == VAL_ARRAY ? val_copy(a) : val_arr_new(), TY_NONE);
    if (sm->advanced) {
        apply_commons(in, bind_commons(&b->st));
        set_var(in, "PSCmdlet", pscmdlet(b), TY_NONE);
    }
    return rc;
}

enum ev ev_script_bind_object(struct interp *in, struct script_binding *b, val obj, bool *skip)
{
    struct bind_error err;
    *skip = false;
    if (!bind_pipeline(&b->st, obj, &err)) {
        *skip = true;
        return bind_error_throw(in, b->at, b->sm->meta.name, &err, false, obj);
    }
    for (uint16_t i = 0; i < b->sm->meta.nparams; i++) {
        if (bind_how_of(&b->st, i) != BOUND_PIPELINE)
            continue;
        const struct param_meta *p = &b->sm->meta.params[i];
        set_var(in, p->name, val_copy(bind_value(&b->st, i)), var_type(p));
        val bp = ev_var_get(in, "PSBoundParameters", 17);
        if (val_kind(bp) == VAL_HASHTABLE)
            val_hash_set(bp, val_str_new(p->name), val_copy(bind_value(&b->st, i)));
        val_free(bp);
    }
    return EV_OK;
}

bool ev_script_has_params(struct script_binding *b)
{
    return b && b->sm->meta.nparams > 0;
}

void ev_script_binding_free(struct script_binding *b)
{
    if (!b)
        return;
    bind_release(&b->st);
    free(b);
}

/* }================================================================== */
