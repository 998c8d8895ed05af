/*
** bind.c - the parameter binder (see bind.h for the contract).
**
** The structure follows Windows PowerShell 5.1's binder so that the same
** command line fails the same way with the same message:
**
**   bind_command_line   BindCommandLineParameters: reparse (-Name value
**                       pairs, switches), named, positional, remaining
**                       arguments, leftover check, set validation,
**                       mandatory check with prompting
**   bind_pipeline       BindPipelineParameters: restore, delay-bind script
**                       blocks, ByValue / ByPropertyName in four passes,
**                       set validation, mandatory check
**   bind_one            ParameterBinderBase.BindParameter: argument
**                       transformation (scripts), type coercion (cmdlets),
**                       validation attributes, the null/empty check of
**                       mandatory parameters
**
** Parameter sets are a 32-bit mask as in PowerShell (_currentParameterSetFlag,
** UINT32_MAX meaning "not narrowed yet"). Messages are PowerShell's resource
** strings (ParameterBinderStrings.resx, Metadata.resx), written out here.
** This file does not print, prompt or run scripts: bind_env does.
*/
#include "bind.h"

#include "text.h"
#include "types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL_SETS UINT32_MAX

#define E_PB     "System.Management.Automation.ParameterBindingException"
#define E_PBV    "System.Management.Automation.ParameterBindingValidationException"
#define E_PBAT   "System.Management.Automation.ParameterBindingArgumentTransformationException"
#define E_VM     "System.Management.Automation.ValidationMetadataException"
#define E_ATM    "System.Management.Automation.ArgumentTransformationMetadataException"
#define E_CAST   "System.Management.Automation.PSInvalidCastException"
#define E_NOTSUP "System.NotSupportedException"

/* What kind of failure a binding attempt had: positional and pipeline binding swallow some. */
enum ek {
    EK_NONE,
    EK_CAST,           /* a cmdlet's type conversion (CannotConvertArgument...) */
    EK_TRANSFORM_CAST, /* a script parameter's conversion (transformation wrapping a cast) */
    EK_TRANSFORM,      /* another transformation failure */
    EK_VALIDATION,     /* a validation attribute or the mandatory null/empty check */
    EK_OTHER,          /* another ParameterBindingException */
    EK_PASS,           /* a callback's status to pass on (err->ev) */
};

struct bind_delay {
    uint16_t slot;
    val script;
    struct bind_span span;
};

/* bind_one flags */
enum { BF_COERCE = 1 << 0, BF_DELAY = 1 << 1 };

/*
** {==================================================================
** The common parameters
** ===================================================================
*/

static const char *const a_vb[] = {"vb", NULL};
static const char *const a_db[] = {"db", NULL};
static const char *const a_ea[] = {"ea", NULL};
static const char *const a_wa[] = {"wa", NULL};
static const char *const a_infa[] = {"infa", NULL};
static const char *const a_ev[] = {"ev", NULL};
static const char *const a_wv[] = {"wv", NULL};
static const char *const a_iv[] = {"iv", NULL};
static const char *const a_ov[] = {"ov", NULL};
static const char *const a_ob[] = {"ob", NULL};
static const char *const a_pv[] = {"pv", NULL};
static const char *const a_wi[] = {"wi", NULL};
static const char *const a_cf[] = {"cf", NULL};
static const char *const action_values[] = {"SilentlyContinue", "Stop",    "Continue", "Inquire",
                                            "Ignore",           "Suspend", NULL};
static const struct param_set_entry all_named[] = {{PSET_ALL, false, -1, PIPE_NONE, false}};
static const struct param_validator ob_range[] = {
    {.kind = VK_RANGE,
     .u.range = {.min = {.kind = VAL_INT, .u = {.i = 0}},
                 .max = {.kind = VAL_INT, .u = {.i = INT32_MAX}}}}};

#define ACTION_PREF "System.Management.Automation.ActionPreference"
#define CPARAM(name, aliases, tname, ty, flags, values, validators, nvalidators)                   \
    {                                                                                              \
        name, aliases, tname, ty, flags, values, NULL, 1, all_named, NULL, nvalidators, validators \
    }
static const struct param_meta common_meta[CP__COUNT] = {
    [CP_VERBOSE] = CPARAM("Verbose", a_vb, "SwitchParameter", TY_SWITCH, PF_SWITCH, NULL, NULL, 0),
    [CP_DEBUG] = CPARAM("Debug", a_db, "SwitchParameter", TY_SWITCH, PF_SWITCH, NULL, NULL, 0),
    [CP_ERROR_ACTION] =
        CPARAM("ErrorAction", a_ea, ACTION_PREF, TY_OBJECT, PF_ENUM, action_values, NULL, 0),
    [CP_WARNING_ACTION] =
        CPARAM("WarningAction", a_wa, ACTION_PREF, TY_OBJECT, PF_ENUM, action_values, NULL, 0),
    [CP_INFORMATION_ACTION] = CPARAM("InformationAction", a_infa, ACTION_PREF, TY_OBJECT, PF_ENUM,
                                     action_values, NULL, 0),
    [CP_ERROR_VARIABLE] = CPARAM("ErrorVariable", a_ev, "String", TY_STRING, 0, NULL, NULL, 0),
    [CP_WARNING_VARIABLE] = CPARAM("WarningVariable", a_wv, "String", TY_STRING, 0, NULL, NULL, 0),
    [CP_INFORMATION_VARIABLE] =
        CPARAM("InformationVariable", a_iv, "String", TY_STRING, 0, NULL, NULL, 0),
    [CP_OUT_VARIABLE] = CPARAM("OutVariable", a_ov, "String", TY_STRING, 0, NULL, NULL, 0),
    [CP_OUT_BUFFER] = CPARAM("OutBuffer", a_ob, "Int32", TY_INT, 0, NULL, ob_range, 1),
    [CP_PIPELINE_VARIABLE] =
        CPARAM("PipelineVariable", a_pv, "String", TY_STRING, 0, NULL, NULL, 0),
    [CP_WHATIF] = CPARAM("WhatIf", a_wi, "SwitchParameter", TY_SWITCH, PF_SWITCH, NULL, NULL, 0),
    [CP_CONFIRM] = CPARAM("Confirm", a_cf, "SwitchParameter", TY_SWITCH, PF_SWITCH, NULL, NULL, 0),
};

static uint16_t ncommon_of(const struct cmd_meta *m)
{
    if (m->flags & CF_SIMPLE)
        return 0;
    return (m->flags & CF_SHOULD_PROCESS) ? CP__COUNT : CP_WHATIF;
}

/* }================================================================== */

/*
** {==================================================================
** Small helpers: errors, strings, sets
** ===================================================================
*/

static bool fail(struct bind_error *err, const char *id, const char *category,
                 const char *exception, const char *inner, const char *param, struct bind_span span,
                 const char *fmt, ...) EMSH_PRINTF(8, 9);

static bool fail(struct bind_error *err, const char *id, const char *category,
                 const char *exception, const char *inner, const char *param, struct bind_span span,
                 const char *fmt, ...)
{
    va_list ap;
    err->ev = EV_THROW;
    err->id = id;
    err->category = category;
    err->exception = exception;
    err->inner = inner;
    snprintf(err->param, sizeof err->param, "%s", param ? param : "");
    err->span = span;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return false;
}

static const struct bind_span no_span = {0, 0};

/*
** An empty error, as memset would leave it but without writing the 2 KB
** of message: bind_pipeline runs per object and nothing reads past the
** terminators.
*/
static void clear_error(struct bind_error *err)
{
    err->ev = EV_OK;
    err->id = err->category = err->exception = err->inner = NULL;
    err->param[0] = '\0';
    err->span = no_span;
    err->msg[0] = '\0';
}

/* A value as .NET's ToString() shows it in a message: arrays by their type name. */
static void net_str(val v, struct buf *b)
{
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        break;
    case VAL_ARRAY:
    case VAL_HASHTABLE:
        buf_puts(b, conv_type_name(v));
        break;
    default:
        conv_str(v, b);
    }
}

/* Is pre[0..pn) a prefix of s, ignoring case? */
static bool iprefix(const char *s, const char *pre, size_t pn)
{
    size_t sn = strlen(s), i = 0, j = 0;
    while (j < pn) {
        if (i >= sn)
            return false;
        uint32_t a = text_fold(text_next(s, sn, &i));
        uint32_t b = text_fold(text_next(pre, pn, &j));
        if (a != b)
            return false;
    }
    return true;
}

static bool ieq(const char *s, const char *t, size_t tn)
{
    return text_ieq(s, strlen(s), t, tn);
}

/* The sets a command really has: 0 when its only set is __AllParameterSets. */
static uint32_t named_sets(const struct cmd_meta *m)
{
    if (m->nsets == 0 || (m->nsets == 1 && !strcmp(m->sets[0], "__AllParameterSets")))
        return 0;
    return m->nsets > 32 ? 32 : m->nsets;
}

static uint32_t all_mask(const struct cmd_meta *m)
{
    uint32_t n = named_sets(m);
    return n == 0 ? 0 : n >= 32 ? ALL_SETS : (1u << n) - 1;
}

static uint32_t default_flag(const struct cmd_meta *m)
{
    if (m->default_set == SET_NONE || m->default_set >= named_sets(m))
        return 0;
    return 1u << m->default_set;
}

static int set_count(uint32_t mask)
{
    return mask == ALL_SETS ? 1 : __builtin_popcount(mask);
}

static const struct param_meta *pm(const struct bind_state *st, uint16_t i)
{
    return i < st->meta->nparams ? &st->meta->params[i] : &common_meta[i - st->meta->nparams];
}

static bool is_common(const struct bind_state *st, uint16_t i)
{
    return i >= st->meta->nparams;
}

/* Does entry e apply to every set? */
static bool entry_all(const struct bind_state *st, uint16_t i, const struct param_set_entry *e)
{
    return is_common(st, i) || e->set == PSET_ALL || named_sets(st->meta) == 0;
}

static uint32_t entry_bit(const struct bind_state *st, uint16_t i, const struct param_set_entry *e)
{
    return entry_all(st, i, e) || e->set >= 32 ? 0 : 1u << e->set;
}

static bool entry_matches(const struct bind_state *st, uint16_t i, const struct param_set_entry *e,
                          uint32_t mask)
{
    return entry_all(st, i, e) || (mask & entry_bit(st, i, e));
}

/* The default entry of a parameter declared without sets. */
static const struct param_set_entry no_sets_entry = {PSET_ALL, false, -1, PIPE_NONE, false};

static uint8_t nentries(const struct param_meta *p)
{
    return p->nsets ? p->nsets : 1;
}

static const struct param_set_entry *entry_at(const struct param_meta *p, uint8_t k)
{
    return p->nsets ? &p->sets[k] : &no_sets_entry;
}

/*
** What a slot's set entries say, as masks. Where-Object has ~31 sets and
** parameters declared in all of them, and pipeline binding asks these
** questions for every unbound slot of every input object: so bind_init
** walks the entries once and the questions below are a load and a test.
*/
struct bind_facts {
    uint32_t sets;      /* ParameterSetFlags: specific sets (0 when only in all sets) */
    uint32_t pipe_sets; /* specific sets in which it takes pipeline input */
    uint32_t mand_sets; /* specific sets in which it is mandatory */
    uint8_t bits;       /* FB_* */
};

enum {
    FB_PIPE = 1 << 0,     /* takes pipeline input in some entry */
    FB_PIPE_ALL = 1 << 1, /* ... in an entry applying to every set */
    FB_MAND = 1 << 2,     /* mandatory in some entry */
    FB_MAND_ALL = 1 << 3, /* ... in an entry applying to every set */
};

static void compute_facts(const struct bind_state *st, uint16_t i, struct bind_facts *f)
{
    const struct param_meta *p = pm(st, i);
    memset(f, 0, sizeof *f);
    for (uint8_t k = 0; k < nentries(p); k++) {
        const struct param_set_entry *e = entry_at(p, k);
        uint32_t bit = entry_bit(st, i, e);
        bool all = entry_all(st, i, e);
        f->sets |= bit;
        if (e->pipeline) {
            f->pipe_sets |= bit;
            f->bits |= FB_PIPE | (all ? FB_PIPE_ALL : 0);
        }
        if (e->mandatory) {
            f->mand_sets |= bit;
            f->bits |= FB_MAND | (all ? FB_MAND_ALL : 0);
        }
    }
}

/* PowerShell's ParameterSetFlags: the specific sets of a parameter (0 when only in all sets). */
static uint32_t pflags(const struct bind_state *st, uint16_t i)
{
    return st->facts[i].sets;
}

static bool mandatory_somewhere(const struct bind_state *st, uint16_t i)
{
    return st->facts[i].bits & FB_MAND;
}

static bool pipeline_somewhere(const struct bind_state *st, uint16_t i)
{
    return st->facts[i].bits & FB_PIPE;
}

/* Is it mandatory in an entry that applies to one of the sets in mask? */
static bool mandatory_in(const struct bind_state *st, uint16_t i, uint32_t mask)
{
    const struct bind_facts *f = &st->facts[i];
    return (f->bits & FB_MAND_ALL) || (f->mand_sets & mask);
}

/* DoesParameterSetTakePipelineInput(mask) */
static bool takes_pipeline_in(const struct bind_state *st, uint16_t i, uint32_t mask)
{
    const struct bind_facts *f = &st->facts[i];
    return (f->bits & FB_PIPE_ALL) || (f->pipe_sets & mask);
}

static bool is_switch(const struct param_meta *p)
{
    return (p->flags & PF_SWITCH) || (p->type == TY_SWITCH && !(p->flags & PF_ARRAY));
}

static bool is_bound(const struct bind_state *st, uint16_t i)
{
    return st->slots[i].how != BOUND_NOT && st->slots[i].how != BOUND_DEFAULT;
}

/* Collections: how a parameter's value is built. */
enum coll { COLL_NONE, COLL_ARRAY, COLL_LIST, COLL_ARRAYLIST };

static enum coll collection_of(const struct param_meta *p, uint16_t *elem)
{
    if (p->flags & PF_ARRAY) {
        *elem = p->type ? p->type : TY_OBJECT;
        return (p->flags & PF_MULTIVALUED) ? COLL_LIST : COLL_ARRAY;
    }
    if (p->type == TY_ARRAY || p->type == TY_OBJECT_ARRAY) {
        *elem = TY_OBJECT;
        return COLL_ARRAY;
    }
    if (p->type == TY_ARRAYLIST) {
        *elem = TY_OBJECT;
        return COLL_ARRAYLIST;
    }
    const struct type_info *t = type_get(p->type);
    if (t && t->kind == TK_ARRAY) {
        *elem = t->elem;
        return COLL_ARRAY;
    }
    if (t && t->kind == TK_LIST) {
        *elem = t->elem;
        return COLL_LIST;
    }
    *elem = p->type;
    return COLL_NONE;
}

/* The parameter's type as PowerShell names it in messages: System.String, System.String[] ... */
static void ptype_name(const struct param_meta *p, struct buf *b)
{
    uint16_t elem;
    enum coll c = collection_of(p, &elem);
    bool documented = (p->type == TY_OBJECT || p->type == TY_NONE) && p->type_name &&
                      strcmp(p->type_name, "Object") != 0 && strcmp(p->type_name, "Object[]") != 0;
    if (documented) {
        buf_puts(b, p->type_name);
        size_t n = strlen(p->type_name);
        if ((p->flags & PF_ARRAY) && !(n >= 2 && !strcmp(p->type_name + n - 2, "[]")) &&
            !(p->flags & PF_MULTIVALUED))
            buf_puts(b, "[]");
        return;
    }
    if (c == COLL_ARRAY && (p->flags & PF_ARRAY)) {
        buf_puts(b, type_name(elem));
        buf_puts(b, "[]");
        return;
    }
    buf_puts(b, type_name(p->type ? p->type : TY_OBJECT));
}

/* }================================================================== */

/*
** {==================================================================
** Finding a parameter by name (MergedCommandParameterMetadata.GetMatchingParameter)
** ===================================================================
*/

/*
** The slot named or aliased name[0..len), an exact match first, else the
** only one it is a prefix of (a declared parameter preferred over common
** ones). -1: none; -2: ambiguous, err filled (when err is not NULL).
*/
static int match_in(const struct cmd_meta *m, uint16_t nslots, const char *name, size_t len,
                    struct bind_error *err, struct bind_span span)
{
    if (len && name[0] == '-') {
        name++;
        len--;
    }
    if (!len)
        return -1;
    uint16_t stack[64];
    uint16_t *cand = nslots <= 64 ? stack : emsh_xmalloc(nslots * sizeof *cand);
    uint16_t n = 0;
    int result = -1;
    for (uint16_t i = 0; i < nslots; i++) {
        const struct param_meta *p = i < m->nparams ? &m->params[i] : &common_meta[i - m->nparams];
        if (iprefix(p->name, name, len)) {
            if (ieq(p->name, name, len)) {
                result = i;
                goto out;
            }
            cand[n++] = i;
        }
    }
    for (uint16_t i = 0; i < nslots; i++) {
        const struct param_meta *p = i < m->nparams ? &m->params[i] : &common_meta[i - m->nparams];
        for (const char *const *a = p->aliases; a && *a; a++) {
            if (!iprefix(*a, name, len))
                continue;
            if (ieq(*a, name, len)) {
                result = i;
                goto out;
            }
            bool seen = false;
            for (uint16_t k = 0; k < n; k++)
                seen |= cand[k] == i;
            if (!seen)
                cand[n++] = i;
        }
    }
    if (n == 1) {
        result = cand[0];
    } else if (n > 1) {
        uint16_t declared = 0, which = 0;
        for (uint16_t k = 0; k < n; k++)
            if (cand[k] < m->nparams) {
                declared++;
                which = cand[k];
            }
        if (declared == 1) {
            result = which;
        } else {
            result = -2;
            if (err) {
                struct buf list = BUF_INIT;
                for (uint16_t k = 0; k < n; k++) {
                    const struct param_meta *p = cand[k] < m->nparams
                                                     ? &m->params[cand[k]]
                                                     : &common_meta[cand[k] - m->nparams];
                    buf_printf(&list, " -%s", p->name);
                }
                char written[128];
                snprintf(written, sizeof written, "%.*s", (int)len, name);
                fail(
                    err, "AmbiguousParameter", "InvalidArgument", E_PB, NULL, written, span,
                    "Parameter cannot be processed because the parameter name '%.*s' is ambiguous. Possible matches include:%s.",
                    (int)len, name, buf_cstr(&list));
                buf_release(&list);
            }
        }
    }
out:
    if (cand != stack)
        free(cand);
    return result;
}

int bind_find_param(const struct cmd_meta *meta, const char *name, size_t len, bool common,
                    struct bind_error *err)
{
    uint16_t n = meta->nparams + (common ? ncommon_of(meta) : 0);
    return match_in(meta, n, name, len, err, no_span);
}

static int match_param(struct bind_state *st, const char *name, struct bind_error *err,
                       struct bind_span span)
{
    return match_in(st->meta, st->nslots, name, strlen(name), err, span);
}

/* }================================================================== */

/*
** {==================================================================
** The state
** ===================================================================
*/

void bind_init(struct bind_state *st, const struct cmd_meta *meta, const struct bind_env *env)
{
    memset(st, 0, sizeof *st);
    st->meta = meta;
    st->env = env;
    st->fast_slot = -1;
    st->nslots = meta->nparams + ncommon_of(meta);
    st->slots = emsh_xmalloc((st->nslots ? st->nslots : 1) * sizeof *st->slots);
    st->unbound = emsh_xmalloc((st->nslots ? st->nslots : 1) * sizeof *st->unbound);
    st->piped = emsh_xmalloc((st->nslots ? st->nslots : 1) * sizeof *st->piped);
    st->facts = emsh_xmalloc((st->nslots ? st->nslots : 1) * sizeof *st->facts);
    st->unbound_pipe = emsh_xmalloc((st->nslots ? st->nslots : 1) * sizeof *st->unbound_pipe);
    st->unbound_mand = emsh_xmalloc((st->nslots ? st->nslots : 1) * sizeof *st->unbound_mand);
    for (uint16_t i = 0; i < st->nslots; i++) {
        compute_facts(st, i, &st->facts[i]);
        st->slots[i].value = val_nothing();
        st->slots[i].saved = val_nothing();
        st->slots[i].how = BOUND_NOT;
        st->unbound[i] = i;
        if (pipeline_somewhere(st, i))
            st->unbound_pipe[st->nunbound_pipe++] = i;
        if (mandatory_somewhere(st, i))
            st->unbound_mand[st->nunbound_mand++] = i;
    }
    st->nunbound = st->nslots;
    st->cur = ALL_SETS;
    st->pre_pipe = ALL_SETS;
    st->args = val_nothing();
}

void bind_release(struct bind_state *st)
{
    for (uint16_t i = 0; i < st->nslots; i++) {
        val_free(st->slots[i].value);
        val_free(st->slots[i].saved);
    }
    for (uint16_t i = 0; i < st->ndelays; i++)
        val_free(st->delays[i].script);
    free(st->delays);
    free(st->slots);
    free(st->unbound);
    free(st->piped);
    free(st->facts);
    free(st->unbound_pipe);
    free(st->unbound_mand);
    val_free(st->args);
    memset(st, 0, sizeof *st);
}

void bind_set_default(struct bind_state *st, uint16_t param, val v)
{
    if (param >= st->nslots || is_bound(st, param)) {
        val_free(v);
        return;
    }
    struct bind_slot *s = &st->slots[param];
    val_free(s->value);
    val_free(s->saved);
    s->saved = val_copy(v);
    s->value = v;
    s->how = BOUND_DEFAULT;
}

static bool list_has(const uint16_t *v, uint16_t n, uint16_t i)
{
    for (uint16_t k = 0; k < n; k++)
        if (v[k] == i)
            return true;
    return false;
}

static bool unbound_has(const struct bind_state *st, uint16_t i)
{
    for (uint16_t k = 0; k < st->nunbound; k++)
        if (st->unbound[k] == i)
            return true;
    return false;
}

/*
** Removes slot i from the list v of n slots, keeping the order. From the
** end: a pipeline slot, unbound again after each object, was appended.
*/
static void list_remove(uint16_t *v, uint16_t *n, uint16_t i)
{
    for (uint16_t k = *n; k-- > 0;)
        if (v[k] == i) {
            memmove(v + k, v + k + 1, (*n - k - 1) * sizeof *v);
            (*n)--;
            return;
        }
}

/*
** The unbound list and its subsequences of pipeline and mandatory slots
** change together: the subsequences spare the per-object loops a walk over
** every unbound slot (Where-Object has 45 parameters and 13 common ones).
*/
static void unbound_remove(struct bind_state *st, uint16_t i)
{
    list_remove(st->unbound, &st->nunbound, i);
    if (pipeline_somewhere(st, i))
        list_remove(st->unbound_pipe, &st->nunbound_pipe, i);
    if (mandatory_somewhere(st, i)) {
        list_remove(st->unbound_mand, &st->nunbound_mand, i);
        st->nomand_known = false;
    }
}

/* Appends slot i to the unbound list (and its subsequences) if not there yet. */
static void unbound_add(struct bind_state *st, uint16_t i)
{
    /* a pipeline slot is unbound iff it is in the (shorter) pipeline subsequence */
    if (pipeline_somewhere(st, i) ? list_has(st->unbound_pipe, st->nunbound_pipe, i)
                                  : unbound_has(st, i))
        return;
    st->unbound[st->nunbound++] = i;
    if (pipeline_somewhere(st, i))
        st->unbound_pipe[st->nunbound_pipe++] = i;
    if (mandatory_somewhere(st, i)) {
        st->unbound_mand[st->nunbound_mand++] = i;
        st->nomand_known = false;
    }
}

/* Records a successful binding: the value (consumed), how, and the narrowed sets. */
static void commit(struct bind_state *st, uint16_t i, val v, uint8_t how)
{
    struct bind_slot *s = &st->slots[i];
    val_free(s->value);
    s->value = v;
    s->how = how;
    uint32_t f = pflags(st, i);
    if (f)
        st->cur &= f;
    unbound_remove(st, i);
}

/* }================================================================== */

/*
** {==================================================================
** Conversion (argument transformation for scripts, coercion for cmdlets)
** ===================================================================
*/

static bool is_numeric_kind(enum val_kind k)
{
    return k == VAL_INT || k == VAL_LONG || k == VAL_DOUBLE || k == VAL_DECIMAL || k == VAL_ENUM ||
           k == VAL_BYTESIZE;
}

/*
** Exchange identity parameters (DatabaseIdParameter, ServerIdParameter ...)
** are built from strings and from the objects they identify, not from
** other Exchange objects: a server piped to Get-MailboxDatabaseCopyStatus
** fails to convert to its DatabaseCopyIdParameter and binds to -Server.
** Each parameter type names the record types (their last segment) it takes.
*/
static bool id_param_accepts(const struct param_meta *p, val v)
{
    static const struct {
        const char *param, *types;
    } takes[] = {
        {"DatabaseIdParameter", ",MailboxDatabase,"},
        {"DatabaseCopyIdParameter", ",MailboxDatabase,DatabaseCopyStatusEntry,"},
        {"MailboxServerIdParameter", ",ExchangeServer,MailboxServer,"},
        {"ServerIdParameter", ",ExchangeServer,MailboxServer,"},
        {"DatabaseAvailabilityGroupIdParameter", ",DatabaseAvailabilityGroup,"},
        {"MailboxIdParameter", ",Mailbox,"},
        {"AdSiteIdParameter", ",ADSite,"},
        {"AdSiteLinkIdParameter", ",ADSiteLink,"},
    };
    if (val_kind(v) != VAL_OBJECT || !p->type_name || !val_obj_ntypes(v))
        return true;
    const char *t = val_obj_type_at(v, 0);
    if (strncmp(t, "Microsoft.Exchange.", 19) != 0 || strstr(t, ".ADObjectId"))
        return true; /* not a record of the organization, or an identity itself */
    const char *last = strrchr(t, '.') + 1;
    for (size_t i = 0; i < sizeof takes / sizeof takes[0]; i++)
        if (!strcmp(takes[i].param, p->type_name)) {
            char key[128];
            snprintf(key, sizeof key, ",%s,", last);
            return strstr(takes[i].types, key) != NULL;
        }
    return true;
}

/* Is v already of type `type` (or derived), so no conversion is needed? */
static bool matches_type(const struct param_meta *p, uint16_t type, val v)
{
    if (!id_param_accepts(p, v))
        return false;
    const struct type_info *t = type_get(type);
    if ((p->flags & PF_ENUM) && p->valid_values && (!t || t->kind != TK_ENUM))
        return false;
    if (type == TY_OBJECT || type == TY_PSOBJECT || type == TY_NONE)
        return true;
    if (t && t->kind == TK_ENUM)
        return val_kind(v) == VAL_ENUM && v.aux == type;
    return type_is(conv_type_of(v), type);
}

/* Value types and strings cannot hold $null without conversion. */
static bool null_needs_coercion(const struct param_meta *p, uint16_t type)
{
    if (p->flags & PF_ENUM)
        return true;
    if (type == TY_STRING)
        return true;
    const struct type_info *t = type_get(type);
    if (t && t->kind == TK_ENUM)
        return true;
    return type_is(type, TY_VALUETYPE);
}

/*
** A string-backed enum parameter (PF_ENUM without a registered enum type):
** v as one of p->valid_values, canonical case, comma-separated flags and
** numbers (the index) allowed. On failure the message of a failed enum cast.
*/
static bool to_enum_name(const struct param_meta *p, val v, val *out, struct conv_error *ce)
{
    struct buf text = BUF_INIT, res = BUF_INIT;
    bool ok = true;
    if (val_kind(v) == VAL_ENUM) {
        const char *nm = type_enum_name(v.aux, v.u.i);
        buf_puts(&text, nm ? nm : "");
    } else if (val_kind(v) == VAL_INT || val_kind(v) == VAL_LONG) {
        int64_t n = v.u.i, count = 0;
        while (p->valid_values[count])
            count++;
        if (n >= 0 && n < count) {
            *out = val_str_new(p->valid_values[n]);
            return true;
        }
        conv_str(v, &text);
        ok = false;
    } else if (val_kind(v) == VAL_ARRAY) {
        /* -Option ReadOnly, AllScope: the names combine, as "ReadOnly, AllScope" does */
        for (uint32_t k = 0; k < val_arr_len(v); k++) {
            if (k)
                buf_putc(&text, ',');
            conv_str(val_arr_items(v)[k], &text);
        }
    } else {
        conv_str(v, &text);
    }
    const char *s = buf_cstr(&text);
    size_t n = text.len, i = 0;
    const char *bad = NULL;
    size_t badlen = 0;
    while (ok && i <= n) {
        size_t j = i;
        while (j < n && s[j] != ',')
            j++;
        size_t a = i, b = j;
        while (a < b && s[a] == ' ')
            a++;
        while (b > a && s[b - 1] == ' ')
            b--;
        const char *hit = NULL;
        for (const char *const *vv = p->valid_values; *vv && b > a; vv++)
            if (text_ieq(*vv, strlen(*vv), s + a, b - a))
                hit = *vv;
        if (!hit) {
            ok = false;
            bad = s + a;
            badlen = b - a;
            break;
        }
        if (res.len)
            buf_puts(&res, ", ");
        buf_puts(&res, hit);
        if (j >= n)
            break;
        i = j + 1;
    }
    if (ok) {
        *out = val_str_buf(&res);
        buf_release(&text);
        return true;
    }
    struct buf names = BUF_INIT;
    for (const char *const *vv = p->valid_values; *vv; vv++) {
        if (vv != p->valid_values)
            buf_puts(&names, ", ");
        buf_puts(&names, *vv);
    }
    struct buf tn = BUF_INIT;
    ptype_name(p, &tn);
    if (tn.len > 2 && !strcmp(tn.s + tn.len - 2, "[]"))
        tn.s[tn.len -= 2] = '\0';
    if (!bad) {
        bad = s;
        badlen = n;
    }
    conv_fail(
        ce, "RuntimeException", E_CAST,
        "Cannot convert value \"%s\" to type \"%s\". Error: \"Unable to match the identifier name %.*s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"",
        s, buf_cstr(&tn), (int)badlen, bad, buf_cstr(&names));
    buf_release(&names);
    buf_release(&tn);
    buf_release(&text);
    buf_release(&res);
    return false;
}

/* Converts a scalar v (borrowed) to `type` the way the shell's casts do; false with *ce. */
static bool convert_scalar(const struct bind_state *st, const struct param_meta *p, uint16_t type,
                           val v, val *out, struct conv_error *ce)
{
    const struct type_info *t = type_get(type);
    if ((p->flags & PF_ENUM) && p->valid_values && (!t || t->kind != TK_ENUM))
        return to_enum_name(p, v, out, ce);
    if (st->env && st->env->convert && type != TY_OBJECT && type != TY_PSOBJECT) {
        int r = st->env->convert(st->env->ud, p, v, out, ce);
        if (r > 0)
            return true;
        if (r < 0)
            return false;
    }
    return conv_to_type(val_copy(v), type, out, ce);
}

static bool is_cast_error(const struct conv_error *ce)
{
    return ce->exception && strstr(ce->exception, "InvalidCast") != NULL;
}

/* CoerceTypeAsNeeded for one value of type `type` (a scalar parameter or an element). */
static bool coerce_scalar(struct bind_state *st, const struct param_meta *p, uint16_t type, val v,
                          val *out, struct bind_span span, struct bind_error *err, enum ek *kind)
{
    struct buf tn = BUF_INIT;
    if (val_is_null(v)) {
        const struct type_info *nt = type_get(type);
        if (type == TY_BOOL || (p->flags & PF_ENUM) || (nt && nt->kind == TK_ENUM)) {
            *kind = EK_OTHER;
            return fail(err, "ParameterArgumentValidationErrorNullNotAllowed", "InvalidArgument",
                        E_PB, NULL, p->name, span,
                        "Cannot bind argument to parameter '%s' because it is null.", p->name);
        }
        *out = type == TY_SWITCH ? val_switch(true) : val_null();
        return true;
    }
    if (matches_type(p, type, v)) {
        *out = val_copy(v);
        return true;
    }
    if (type == TY_BOOL || type == TY_SWITCH) {
        enum val_kind k = val_kind(v);
        bool b;
        if (k == VAL_BOOL || k == VAL_SWITCH)
            b = v.u.b;
        else if (k == VAL_DOUBLE || k == VAL_DECIMAL)
            b = conv_truthy(v);
        else if (is_numeric_kind(k))
            b = v.u.i != 0;
        else {
            *kind = EK_CAST;
            buf_puts(&tn, type_name(type));
            fail(err, "CannotConvertArgument", "InvalidArgument", E_PB, NULL, p->name, span,
                 "Cannot convert '%s' to the type '%s' required by parameter '%s'. ",
                 conv_type_name(v), buf_cstr(&tn), p->name);
            buf_release(&tn);
            return false;
        }
        *out = type == TY_BOOL ? val_bool(b) : val_switch(b);
        return true;
    }
    if (!id_param_accepts(p, v)) {
        *kind = EK_CAST;
        struct buf vs = BUF_INIT;
        conv_str(v, &vs);
        fail(err, "CannotConvertArgumentNoMessage", "InvalidArgument", E_PB, E_CAST, p->name, span,
             "Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", buf_cstr(&vs),
             val_obj_type_at(v, 0), p->type_name);
        buf_release(&vs);
        return false;
    }
    const struct type_info *t = type_get(type);
    bool enum_like = (t && t->kind == TK_ENUM) || (p->flags & PF_ENUM);
    if (val_kind(v) == VAL_ARRAY && !enum_like) {
        *kind = EK_CAST;
        struct buf vs = BUF_INIT;
        net_str(v, &vs);
        if (type == p->type && !(p->flags & PF_ARRAY))
            ptype_name(p, &tn);
        else
            buf_puts(&tn, type_name(type));
        fail(
            err, "CannotConvertArgument", "InvalidArgument", E_PB, E_NOTSUP, p->name, span,
            "Cannot convert '%s' to the type '%s' required by parameter '%s'. Specified method is not supported.",
            buf_cstr(&vs), buf_cstr(&tn), p->name);
        buf_release(&vs);
        buf_release(&tn);
        return false;
    }
    struct conv_error ce;
    memset(&ce, 0, sizeof ce);
    if (!convert_scalar(st, p, type, v, out, &ce)) {
        *kind = EK_CAST;
        return fail(err, "CannotConvertArgumentNoMessage", "InvalidArgument", E_PB,
                    ce.exception ? ce.exception : E_CAST, p->name, span,
                    "Cannot bind parameter '%s'. %s", p->name, ce.msg);
    }
    return true;
}

/* Is v a hashtable of Add/Remove keys for a multi-valued property? */
static bool is_mv_modifier(const struct param_meta *p, val v)
{
    if (!(p->flags & PF_MULTIVALUED) || val_kind(v) != VAL_HASHTABLE || !val_hash_len(v))
        return false;
    for (uint32_t i = 0; i < val_hash_len(v); i++) {
        val k = val_hash_key_at(v, i);
        if (val_kind(k) != VAL_STRING)
            return false;
        const char *s = val_str(k);
        size_t n = val_str_len(k);
        if (!text_ieq(s, n, "Add", 3) && !text_ieq(s, n, "Remove", 6))
            return false;
    }
    return true;
}

static val finish_collection(val a, enum coll c, uint16_t elem)
{
    switch (c) {
    case COLL_ARRAYLIST:
        return val_arr_set_flavour(a, ARR_ARRAYLIST, NULL);
    case COLL_LIST:
        return val_arr_set_flavour(a, ARR_LIST, type_name(elem));
    default:
        return elem == TY_OBJECT ? a : val_arr_set_flavour(a, ARR_OBJECT, type_name(elem));
    }
}

/* The elements of v: an array's items, or v itself. */
static uint32_t elements(val v, const val **items, val *one)
{
    if (val_kind(v) == VAL_ARRAY) {
        *items = val_arr_items(v);
        return val_arr_len(v);
    }
    *one = v;
    *items = one;
    return 1;
}

/* CoerceTypeAsNeeded (cmdlets): v borrowed, *out a new reference. */
static bool coerce(struct bind_state *st, const struct param_meta *p, val v, val *out,
                   struct bind_span span, struct bind_error *err, enum ek *kind)
{
    uint16_t elem;
    enum coll c = collection_of(p, &elem);
    if (c == COLL_NONE)
        return coerce_scalar(st, p, p->type, v, out, span, err, kind);
    if (val_is_null(v)) {
        *out = val_null();
        return true;
    }
    if (is_mv_modifier(p, v)) {
        *out = val_copy(v);
        return true;
    }
    const val *items;
    val one;
    uint32_t n = elements(v, &items, &one);
    val a = val_arr_sized(n);
    for (uint32_t i = 0; i < n; i++) {
        val e;
        if (!coerce_scalar(st, p, elem, items[i], &e, span, err, kind)) {
            val_free(a);
            return false;
        }
        a = val_arr_push(a, e);
    }
    *out = finish_collection(a, c, elem);
    return true;
}

/* ShouldContinueUncoercedBind: binds v unconverted when its type already fits. */
static bool uncoerced(const struct param_meta *p, val v, val *out)
{
    uint16_t elem;
    enum coll c = collection_of(p, &elem);
    if (val_is_null(v)) {
        if (c == COLL_NONE && null_needs_coercion(p, p->type))
            return false;
        *out = val_null();
        return true;
    }
    if (c == COLL_NONE) {
        if (!matches_type(p, p->type, v))
            return false;
        *out = val_copy(v);
        return true;
    }
    if (is_mv_modifier(p, v)) {
        *out = val_copy(v);
        return true;
    }
    const val *items;
    val one;
    uint32_t n = elements(v, &items, &one);
    for (uint32_t i = 0; i < n; i++)
        if (val_is_null(items[i]) ? null_needs_coercion(p, elem) : !matches_type(p, elem, items[i]))
            return false;
    val a = val_arr_sized(n);
    for (uint32_t i = 0; i < n; i++)
        a = val_arr_push(a, val_is_null(items[i]) ? val_null() : val_copy(items[i]));
    *out = finish_collection(a, c, elem);
    return true;
}

/* ArgumentTypeConverterAttribute (script parameters): v borrowed, *out a new reference. */
static bool transform(struct bind_state *st, const struct param_meta *p, val v, val *out,
                      struct bind_span span, struct bind_error *err, enum ek *kind)
{
    uint16_t elem;
    enum coll c = collection_of(p, &elem);
    struct conv_error ce;
    memset(&ce, 0, sizeof ce);
    if (c == COLL_NONE && (p->type == TY_BOOL || p->type == TY_SWITCH)) {
        enum val_kind k = val_kind(v);
        bool b;
        if (k == VAL_NULL || k == VAL_NOTHING)
            b = false;
        else if (k == VAL_BOOL || k == VAL_SWITCH)
            b = v.u.b;
        else if (k == VAL_DOUBLE || k == VAL_DECIMAL)
            b = conv_truthy(v);
        else if (is_numeric_kind(k))
            b = v.u.i != 0;
        else {
            *kind = EK_TRANSFORM_CAST;
            return fail(
                err, "ParameterArgumentTransformationError", "InvalidData", E_PBAT, E_ATM, p->name,
                span,
                "Cannot process argument transformation on parameter '%s'. Cannot convert value \"%s\" to type \"%s\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
                p->name, conv_type_name(v), type_name(p->type));
        }
        *out = p->type == TY_BOOL ? val_bool(b) : val_switch(b);
        return true;
    }
    if (c == COLL_NONE && p->type == TY_REF && !conv_is_ref(v)) {
        *kind = EK_TRANSFORM;
        return fail(err, "ParameterArgumentTransformationError", "InvalidData", E_PBAT, E_ATM, p->name, span,
                    "Cannot process argument transformation on parameter '%s'. Reference type is expected in "
                    "argument.",
                    p->name);
    }
    bool ok;
    if (c == COLL_NONE) {
        ok = convert_scalar(st, p, p->type, v, out, &ce);
    } else if (val_is_null(v)) {
        *out = val_null();
        ok = true;
    } else if (is_mv_modifier(p, v)) {
        *out = val_copy(v);
        ok = true;
    } else {
        const val *items;
        val one;
        uint32_t n = elements(v, &items, &one);
        val a = val_arr_sized(n);
        ok = true;
        for (uint32_t i = 0; i < n && ok; i++) {
            val e;
            ok = convert_scalar(st, p, elem, items[i], &e, &ce);
            if (ok)
                a = val_arr_push(a, e);
        }
        if (ok)
            *out = finish_collection(a, c, elem);
        else
            val_free(a);
    }
    if (ok)
        return true;
    *kind = is_cast_error(&ce) || (ce.id && !strcmp(ce.id, "RuntimeException")) ? EK_TRANSFORM_CAST
                                                                                : EK_TRANSFORM;
    return fail(err, "ParameterArgumentTransformationError", "InvalidData", E_PBAT, E_ATM, p->name,
                span, "Cannot process argument transformation on parameter '%s'. %s", p->name,
                ce.msg);
}

/* }================================================================== */

/*
** {==================================================================
** Validation (ValidateArgumentsAttribute and the mandatory null/empty check)
** ===================================================================
*/

#define MSG_NOT_NULL                                                                               \
    "The argument is null. Provide a valid value for the argument, and then try running the command again."
#define MSG_NOT_NULL_COLL                                                                          \
    "The argument has a null value, or an element of the argument collection contains a null value. Provide a collection that does not contain any null values, and then try the command again."
#define MSG_NOT_EMPTY                                                                              \
    "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."
#define MSG_NOT_EMPTY_COLL                                                                         \
    "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again."

static bool vfail(struct bind_error *err, const struct param_meta *p, struct bind_span span,
                  const char *fmt, ...) EMSH_PRINTF(4, 5);

static bool vfail(struct bind_error *err, const struct param_meta *p, struct bind_span span,
                  const char *fmt, ...)
{
    char detail[1800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return fail(err, "ParameterArgumentValidationError", "InvalidData", E_PBV, E_VM, p->name, span,
                "Cannot validate argument on parameter '%s'. %s", p->name, detail);
}

static bool check_set(const struct param_meta *p, const char *const *values, bool case_sensitive,
                      val v, struct bind_span span, struct bind_error *err)
{
    if (val_is_null(v))
        return vfail(err, p, span, "%s", MSG_NOT_EMPTY_COLL);
    const val *items;
    val one;
    uint32_t n = elements(v, &items, &one);
    for (uint32_t i = 0; i < n; i++) {
        if (val_is_null(items[i]))
            return vfail(err, p, span, "%s", MSG_NOT_NULL);
        struct buf s = BUF_INIT;
        net_str(items[i], &s);
        bool hit = false;
        for (const char *const *vv = values; *vv && !hit; vv++)
            hit = case_sensitive ? !strcmp(*vv, buf_cstr(&s))
                                 : text_ieq(*vv, strlen(*vv), s.s ? s.s : "", s.len);
        if (!hit) {
            struct buf set = BUF_INIT;
            for (const char *const *vv = values; *vv; vv++) {
                if (vv != values)
                    buf_putc(&set, ',');
                buf_puts(&set, *vv);
            }
            vfail(
                err, p, span,
                "The argument \"%s\" does not belong to the set \"%s\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.",
                buf_cstr(&s), buf_cstr(&set));
            buf_release(&set);
            buf_release(&s);
            return false;
        }
        buf_release(&s);
    }
    return true;
}

static bool check_range(const struct param_meta *p, const struct param_validator *vd, val v,
                        struct bind_span span, struct bind_error *err)
{
    if (val_is_null(v))
        return vfail(err, p, span, "%s", MSG_NOT_EMPTY_COLL);
    const val *items;
    val one;
    uint32_t n = elements(v, &items, &one);
    uint16_t rt = conv_type_of(vd->u.range.min);
    for (uint32_t i = 0; i < n; i++) {
        if (val_is_null(items[i]))
            return vfail(err, p, span, "%s", MSG_NOT_NULL);
        val e;
        struct conv_error ce;
        memset(&ce, 0, sizeof ce);
        if (!conv_to_type(val_copy(items[i]), rt, &e, &ce))
            return vfail(
                err, p, span,
                "The argument cannot be validated because its type \"%s\" is not the same type (%s) as the maximum and minimum limits of the parameter. Make sure the argument is of type %s and then try the command again.",
                conv_type_name(items[i]), type_name(rt), type_name(rt));
        double x = 0, lo = 0, hi = 0;
        conv_to_double(e, &x, NULL);
        conv_to_double(vd->u.range.min, &lo, NULL);
        conv_to_double(vd->u.range.max, &hi, NULL);
        struct buf es = BUF_INIT, bs = BUF_INIT;
        net_str(e, &es);
        bool ok = true;
        if (x < lo) {
            net_str(vd->u.range.min, &bs);
            ok = vfail(
                err, p, span,
                "The %s argument is less than the minimum allowed range of %s. Supply an argument that is greater than or equal to %s and then try the command again.",
                buf_cstr(&es), buf_cstr(&bs), buf_cstr(&bs));
        } else if (x > hi) {
            net_str(vd->u.range.max, &bs);
            ok = vfail(
                err, p, span,
                "The %s argument is greater than the maximum allowed range of %s. Supply an argument that is less than or equal to %s and then try the command again.",
                buf_cstr(&es), buf_cstr(&bs), buf_cstr(&bs));
        }
        buf_release(&es);
        buf_release(&bs);
        val_free(e);
        if (!ok)
            return false;
    }
    return true;
}

static bool check_pattern(struct bind_state *st, const struct param_meta *p,
                          const struct param_validator *vd, val v, struct bind_span span,
                          struct bind_error *err)
{
    if (val_is_null(v))
        return vfail(err, p, span, "%s", MSG_NOT_EMPTY_COLL);
    const val *items;
    val one;
    uint32_t n = elements(v, &items, &one);
    for (uint32_t i = 0; i < n; i++) {
        if (val_is_null(items[i]))
            return vfail(err, p, span, "%s", MSG_NOT_NULL);
        struct buf s = BUF_INIT, e = BUF_INIT;
        net_str(items[i], &s);
        int r = -1;
        if (st->env && st->env->match)
            r = st->env->match(st->env->ud, vd->u.pattern.pattern, buf_cstr(&s), s.len,
                               !vd->u.pattern.case_sensitive, &e);
        else
            buf_puts(&e, "Regular expressions are not available.");
        bool ok = true;
        if (r == 0)
            ok = vfail(
                err, p, span,
                "The argument \"%s\" does not match the \"%s\" pattern. Supply an argument that matches \"%s\" and try the command again.",
                buf_cstr(&s), vd->u.pattern.pattern, vd->u.pattern.pattern);
        else if (r < 0)
            ok = vfail(err, p, span, "%s", buf_cstr(&e));
        buf_release(&s);
        buf_release(&e);
        if (!ok)
            return false;
    }
    return true;
}

static bool check_count(const struct param_meta *p, const struct param_validator *vd, val v,
                        struct bind_span span, struct bind_error *err)
{
    int64_t len;
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        len = 0;
        break;
    case VAL_ARRAY:
        len = val_arr_len(v);
        break;
    case VAL_HASHTABLE:
        len = val_hash_len(v);
        break;
    case VAL_STRING:
        len = (int64_t)text_utf16_len(val_str(v), val_str_len(v));
        break;
    default:
        return vfail(
            err, p, span,
            "The ValidateCount attribute cannot be applied to a non-array parameter. Either remove the attribute from the parameter or make the parameter an array parameter.");
    }
    if (len < vd->u.count.min)
        return vfail(
            err, p, span,
            "The number of provided arguments (%lld) is fewer than the minimum number of allowed arguments (%lld). Provide more than %lld arguments, and then try the command again.",
            (long long)len, (long long)vd->u.count.min, (long long)vd->u.count.min);
    if (len > vd->u.count.max)
        return vfail(
            err, p, span,
            "The number of provided arguments, (%lld), exceeds the maximum number of allowed arguments (%lld). Provide fewer than %lld arguments, and then try the command again.",
            (long long)len, (long long)vd->u.count.max, (long long)vd->u.count.max);
    return true;
}

static bool check_length(const struct param_meta *p, const struct param_validator *vd, val v,
                         struct bind_span span, struct bind_error *err)
{
    if (val_is_null(v))
        return vfail(err, p, span, "%s", MSG_NOT_EMPTY_COLL);
    const val *items;
    val one;
    uint32_t n = elements(v, &items, &one);
    for (uint32_t i = 0; i < n; i++) {
        if (val_kind(items[i]) != VAL_STRING)
            return vfail(
                err, p, span,
                "The ValidateLength attribute cannot be applied to a parameter that is not a string or string[] parameter. Make the parameter a string or string[] parameter.");
        int64_t len = (int64_t)text_utf16_len(val_str(items[i]), val_str_len(items[i]));
        if (len < vd->u.length.min)
            return vfail(
                err, p, span,
                "The character length (%lld) of the argument is too short. Specify an argument with a length that is greater than or equal to \"%lld\", and then try the command again.",
                (long long)len, (long long)vd->u.length.min);
        if (len > vd->u.length.max)
            return vfail(
                err, p, span,
                "The character length of the %lld argument is too long. Shorten the character length of the argument so it is fewer than or equal to \"%lld\" characters, and then try the command again.",
                (long long)len, (long long)vd->u.length.max);
    }
    return true;
}

static bool check_not_null(const struct param_meta *p, bool or_empty, val v, struct bind_span span,
                           struct bind_error *err)
{
    if (val_is_null(v))
        return vfail(err, p, span, "%s", or_empty ? MSG_NOT_EMPTY : MSG_NOT_NULL);
    if (or_empty && val_kind(v) == VAL_STRING && !val_str_len(v))
        return vfail(err, p, span, "%s", MSG_NOT_EMPTY);
    if (or_empty && val_kind(v) == VAL_HASHTABLE && !val_hash_len(v))
        return vfail(err, p, span, "%s", MSG_NOT_EMPTY_COLL);
    if (val_kind(v) != VAL_ARRAY)
        return true;
    if (or_empty && !val_arr_len(v))
        return vfail(err, p, span, "%s", MSG_NOT_EMPTY_COLL);
    for (uint32_t i = 0; i < val_arr_len(v); i++) {
        val e = val_arr_items(v)[i];
        if (val_is_null(e) || (or_empty && val_kind(e) == VAL_STRING && !val_str_len(e)))
            return vfail(err, p, span, "%s", or_empty ? MSG_NOT_EMPTY_COLL : MSG_NOT_NULL_COLL);
    }
    return true;
}

static bool check_script(struct bind_state *st, const struct param_meta *p,
                         const struct param_validator *vd, val v, struct bind_span span,
                         struct bind_error *err, enum ek *kind)
{
    if (val_is_null(v))
        return vfail(err, p, span, "%s", MSG_NOT_EMPTY_COLL);
    const val *items;
    val one;
    uint32_t n = elements(v, &items, &one);
    for (uint32_t i = 0; i < n; i++) {
        struct buf e = BUF_INIT;
        val result = val_nothing();
        enum ev rc = EV_THROW;
        if (st->env && st->env->invoke)
            rc = st->env->invoke(st->env->ud, vd->u.script.script, items[i], &result, &e);
        else
            buf_puts(&e, "Script blocks cannot run here.");
        bool ok = true;
        if (rc == EV_OK && !conv_truthy(result)) {
            struct buf s = BUF_INIT;
            net_str(items[i], &s);
            ok = vfail(
                err, p, span,
                "The \"%s\" validation script for the argument with value \"%s\" did not return a result of True. Determine why the validation script failed, and then try the command again.",
                vd->u.script.text ? vd->u.script.text : "", buf_cstr(&s));
            buf_release(&s);
        } else if (rc == EV_THROW) {
            ok = vfail(err, p, span, "%s", buf_cstr(&e));
        } else if (rc != EV_OK) {
            err->ev = rc;
            *kind = EK_PASS;
            ok = false;
        }
        val_free(result);
        buf_release(&e);
        if (!ok)
            return false;
    }
    return true;
}

/* The validation attributes, in order. */
static bool validate(struct bind_state *st, const struct param_meta *p, val v,
                     struct bind_span span, struct bind_error *err, enum ek *kind)
{
    *kind = EK_VALIDATION;
    if (p->valid_values && p->valid_values[0] && !(p->flags & PF_ENUM) &&
        !check_set(p, p->valid_values, (p->flags & PF_SET_CASE_SENSITIVE) != 0, v, span, err))
        return false;
    for (uint8_t k = 0; k < p->nvalidators; k++) {
        const struct param_validator *vd = &p->validators[k];
        bool ok = true;
        switch (vd->kind) {
        case VK_SET:
            ok = check_set(p, vd->u.set.values, vd->u.set.case_sensitive, v, span, err);
            break;
        case VK_RANGE:
            ok = check_range(p, vd, v, span, err);
            break;
        case VK_PATTERN:
            ok = check_pattern(st, p, vd, v, span, err);
            break;
        case VK_COUNT:
            ok = check_count(p, vd, v, span, err);
            break;
        case VK_LENGTH:
            ok = check_length(p, vd, v, span, err);
            break;
        case VK_NOT_NULL:
            ok = check_not_null(p, false, v, span, err);
            break;
        case VK_NOT_NULL_OR_EMPTY:
            ok = check_not_null(p, true, v, span, err);
            break;
        case VK_SCRIPT:
            ok = check_script(st, p, vd, v, span, err, kind);
            break;
        default:
            break;
        }
        if (!ok)
            return false;
    }
    return true;
}

/* ValidateNullOrEmptyArgument: what a mandatory parameter refuses. */
static bool check_mandatory_value(const struct param_meta *p, val v, struct bind_span span,
                                  struct bind_error *err)
{
    uint16_t elem;
    enum coll c = collection_of(p, &elem);
    if (val_is_null(v)) {
        if (p->flags & PF_ALLOW_NULL)
            return true;
        return fail(err, "ParameterArgumentValidationErrorNullNotAllowed", "InvalidData", E_PBV,
                    NULL, p->name, span,
                    "Cannot bind argument to parameter '%s' because it is null.", p->name);
    }
    if (c == COLL_NONE) {
        if (p->type == TY_STRING && val_kind(v) == VAL_STRING && !val_str_len(v) &&
            !(p->flags & PF_ALLOW_EMPTY_STRING))
            return fail(err, "ParameterArgumentValidationErrorEmptyStringNotAllowed", "InvalidData",
                        E_PBV, NULL, p->name, span,
                        "Cannot bind argument to parameter '%s' because it is an empty string.",
                        p->name);
        return true;
    }
    if (val_kind(v) != VAL_ARRAY)
        return true;
    for (uint32_t i = 0; i < val_arr_len(v); i++) {
        val e = val_arr_items(v)[i];
        if (val_is_null(e) && !(p->flags & PF_ALLOW_NULL))
            return fail(err, "ParameterArgumentValidationErrorNullNotAllowed", "InvalidData", E_PBV,
                        NULL, p->name, span,
                        "Cannot bind argument to parameter '%s' because it is null.", p->name);
        if (elem == TY_STRING && val_kind(e) == VAL_STRING && !val_str_len(e) &&
            !(p->flags & PF_ALLOW_EMPTY_STRING))
            return fail(err, "ParameterArgumentValidationErrorEmptyStringNotAllowed", "InvalidData",
                        E_PBV, NULL, p->name, span,
                        "Cannot bind argument to parameter '%s' because it is an empty string.",
                        p->name);
    }
    if (!val_arr_len(v) && !(p->flags & PF_ALLOW_EMPTY_COLLECTION)) {
        if (c == COLL_ARRAY)
            return fail(err, "ParameterArgumentValidationErrorEmptyArrayNotAllowed", "InvalidData",
                        E_PBV, NULL, p->name, span,
                        "Cannot bind argument to parameter '%s' because it is an empty array.",
                        p->name);
        return fail(err, "ParameterArgumentValidationErrorEmptyCollectionNotAllowed", "InvalidData",
                    E_PBV, NULL, p->name, span,
                    "Cannot bind argument to parameter '%s' because it is an empty collection.",
                    p->name);
    }
    return true;
}

/* }================================================================== */

/*
** {==================================================================
** Binding one value to one parameter
** ===================================================================
*/

/* Can a script block bind to the parameter as itself (object or ScriptBlock, or arrays of them)? */
static bool sb_bindable(const struct param_meta *p)
{
    uint16_t elem;
    enum coll c = collection_of(p, &elem);
    uint16_t t = c == COLL_NONE ? p->type : elem;
    return t == TY_OBJECT || t == TY_NONE || t == TY_SCRIPTBLOCK;
}

/*
** Binds v (borrowed) to slot i. Returns 1 when bound, 0 when not (without
** BF_COERCE the type did not fit), -1 on an error (*err, *kind).
*/
static int bind_one(struct bind_state *st, uint16_t i, val v, unsigned flags, uint8_t how,
                    struct bind_span span, struct bind_error *err, enum ek *kind)
{
    const struct param_meta *p = pm(st, i);
    *kind = EK_NONE;
    if ((flags & BF_DELAY) && val_kind(v) == VAL_SCRIPTBLOCK && takes_pipeline_in(st, i, st->cur) &&
        !sb_bindable(p)) {
        if (!st->pipeline_expected) {
            *kind = EK_OTHER;
            fail(
                err, "ScriptBlockArgumentNoInput", "MetadataError", E_PB, NULL, p->name, span,
                "Cannot evaluate parameter '%s' because its argument is specified as a script block and there is no input. A script block cannot be evaluated without input.",
                p->name);
            return -1;
        }
        st->delays = emsh_xrealloc(st->delays, (st->ndelays + 1u) * sizeof *st->delays);
        st->delays[st->ndelays++] = (struct bind_delay){i, val_copy(v), span};
        commit(st, i, val_copy(v), how);
        return 1;
    }
    bool script = (st->meta->flags & (CF_SCRIPT | CF_SIMPLE)) && !is_common(st, i);
    val out;
    if (flags & BF_COERCE) {
        bool ok = script ? transform(st, p, v, &out, span, err, kind)
                         : coerce(st, p, v, &out, span, err, kind);
        if (!ok)
            return -1;
    } else if (!uncoerced(p, v, &out)) {
        return 0;
    }
    if (!validate(st, p, out, span, err, kind) ||
        (mandatory_somewhere(st, i) && !check_mandatory_value(p, out, span, err))) {
        if (*kind == EK_NONE)
            *kind = EK_VALIDATION;
        val_free(out);
        return -1;
    }
    commit(st, i, out, how);
    return 1;
}

/* }================================================================== */

/*
** {==================================================================
** Parameter sets (ValidateParameterSets and friends)
** ===================================================================
*/

static bool ambiguous_set(struct bind_error *err)
{
    return fail(err, "AmbiguousParameterSet", "InvalidArgument", E_PB, NULL, NULL, no_span,
                "Parameter set cannot be resolved using the specified named parameters.");
}

static bool any_unbound_takes_pipeline(const struct bind_state *st, uint32_t mask)
{
    for (uint16_t k = 0; k < st->nunbound_pipe; k++)
        if (takes_pipeline_in(st, st->unbound_pipe[k], mask))
            return true;
    return false;
}

/* ResolveParameterSetAmbiguityBasedOnMandatoryParameters */
static int resolve_by_mandatory(struct bind_state *st)
{
    uint32_t num = st->cur, uni = 0;
    for (uint16_t i = 0; i < st->nslots; i++)
        uni |= pflags(st, i);
    num &= uni;
    for (uint16_t k = 0; k < st->nunbound; k++) {
        uint16_t i = st->unbound[k];
        const struct param_meta *p = pm(st, i);
        for (uint8_t e = 0; e < nentries(p); e++)
            if (entry_at(p, e)->mandatory)
                num &= ~entry_bit(st, i, entry_at(p, e));
    }
    if (set_count(num) == 1 && num != ALL_SETS) {
        st->cur = num;
        return 1;
    }
    return -1;
}

/* ValidateParameterSets: the number of candidate sets, or -1 after an error. */
static int validate_sets(struct bind_state *st, bool pre_pipeline, bool set_default,
                         struct bind_error *err)
{
    int n = set_count(st->cur);
    uint32_t def = default_flag(st->meta);
    if (n == 0 && st->cur != ALL_SETS) {
        ambiguous_set(err);
        return -1;
    }
    if (n > 1) {
        bool has_def = def != 0, all = st->cur == ALL_SETS, is_def = st->cur == def;
        if (all && !has_def) {
            n = 1;
        } else if ((!pre_pipeline && is_def) || (has_def && (st->cur & def))) {
            if (set_default) {
                st->cur = def;
                n = 1;
            }
        } else if (!pre_pipeline || !any_unbound_takes_pipeline(st, st->cur)) {
            int r = resolve_by_mandatory(st);
            if (r != 1) {
                ambiguous_set(err);
                return -1;
            }
            n = r;
        }
    } else if (st->cur == ALL_SETS) {
        uint32_t count = named_sets(st->meta);
        n = count ? (int)count : 1;
        if (!pre_pipeline || !any_unbound_takes_pipeline(st, st->cur)) {
            if (def) {
                if (set_default) {
                    st->cur = def;
                    n = 1;
                }
            } else if (n > 1) {
                int r = resolve_by_mandatory(st);
                if (r != 1) {
                    ambiguous_set(err);
                    return -1;
                }
                n = r;
            }
        }
    }
    return n;
}

/* VerifyParameterSetSelected */
static bool verify_set_selected(struct bind_state *st, struct bind_error *err)
{
    if (named_sets(st->meta) > 1 && st->cur == ALL_SETS) {
        uint32_t def = default_flag(st->meta);
        if (def && (st->cur & def)) {
            st->cur = def;
            return true;
        }
        return ambiguous_set(err);
    }
    return true;
}

/* FilterParameterSetsTakingNoPipelineInput */
static uint32_t filter_pipeline_sets(const struct bind_state *st)
{
    uint32_t takes = 0;
    for (uint16_t d = 0; d < st->ndelays; d++)
        takes |= pflags(st, st->delays[d].slot);
    for (uint16_t k = 0; k < st->nunbound; k++) {
        uint16_t i = st->unbound[k];
        const struct param_meta *p = pm(st, i);
        if (!pipeline_somewhere(st, i))
            continue;
        for (uint8_t e = 0; e < nentries(p); e++) {
            const struct param_set_entry *en = entry_at(p, e);
            if (!en->pipeline || !entry_matches(st, i, en, st->cur))
                continue;
            if (entry_all(st, i, en))
                return st->cur;
            takes |= entry_bit(st, i, en);
        }
    }
    return takes ? st->cur & takes : st->cur;
}

/* }================================================================== */

/*
** {==================================================================
** Mandatory parameters (GetMissingMandatoryParameters)
** ===================================================================
*/

/* ParameterSetPromptingData: one per set (ALL_SETS for __AllParameterSets), in insertion order. */
struct pdata {
    uint32_t set;
    bool is_default;
    uint16_t *nonpipe;
    uint16_t nnonpipe;
    uint16_t npipe, nby_value, nby_name;
};

struct missing {
    uint16_t *v;
    uint16_t n;
};

static void missing_add(struct missing *m, uint16_t i)
{
    for (uint16_t k = 0; k < m->n; k++)
        if (m->v[k] == i)
            return;
    m->v[m->n++] = i;
}

static void add_nonpipe(struct missing *m, const struct pdata *pd)
{
    for (uint16_t k = 0; k < pd->nnonpipe; k++)
        missing_add(m, pd->nonpipe[k]);
}

static void ignore_other_sets(struct bind_state *st, uint32_t other)
{
    if (!other)
        return;
    if (st->cur == ALL_SETS)
        st->cur = all_mask(st->meta) & ~other;
    else
        st->cur &= ~other;
}

static void preserve_sets(struct bind_state *st, uint32_t chosen, uint32_t other,
                          bool chosen_nonpipe)
{
    if (chosen_nonpipe) {
        st->cur = chosen;
        return;
    }
    ignore_other_sets(st, other);
    if (st->cur != chosen)
        st->prio = chosen;
}

/* Adds the parameters of the chosen set(s) and all-set data, and returns the other sets. */
static uint32_t take_chosen(struct pdata *pd, uint16_t npd, uint32_t num, struct missing *m,
                            bool *chosen_nonpipe)
{
    uint32_t other = 0;
    *chosen_nonpipe = false;
    for (uint16_t k = 0; k < npd; k++) {
        bool all = pd[k].set == ALL_SETS;
        if ((pd[k].set & num) || all) {
            if (!all)
                *chosen_nonpipe = pd[k].nnonpipe > 0;
            add_nonpipe(m, &pd[k]);
            continue;
        }
        other |= pd[k].set;
    }
    return other;
}

/*
** The mandatory parameters that are still missing and must be prompted for
** now (with pipeline input expected, those no pipeline object can bind).
** May narrow st->cur or set st->prio as PowerShell does. false: ambiguous.
*/
static bool missing_mandatory(struct bind_state *st, int count, bool pipe_expected,
                              struct missing *m, struct bind_error *err)
{
    uint32_t def = default_flag(st->meta);
    uint32_t num = 0;
    bool any = false, all_set_mandatory = false;
    struct pdata pd[34];
    uint16_t npd = 0;
    bool ok = true;
    m->n = 0;
    /* a scan that found nothing changed nothing: per object, skip repeating it */
    if (st->nomand_known && st->nomand_cur == st->cur)
        return true;
    for (uint16_t k = 0; k < st->nunbound_mand; k++) {
        uint16_t i = st->unbound_mand[k];
        if (!mandatory_in(st, i, st->cur))
            continue;
        const struct param_meta *p = pm(st, i);
        uint32_t m2 = 0;
        bool found = false;
        for (uint8_t e = 0; e < nentries(p); e++) {
            const struct param_set_entry *en = entry_at(p, e);
            if (!entry_matches(st, i, en, st->cur) || !en->mandatory)
                continue;
            uint32_t flag = entry_bit(st, i, en);
            if (!flag)
                flag = ALL_SETS;
            struct pdata *d = NULL;
            for (uint16_t x = 0; x < npd; x++)
                if (pd[x].set == flag)
                    d = &pd[x];
            if (!d && npd < EMSH_ARRAY_SIZE(pd)) {
                d = &pd[npd++];
                memset(d, 0, sizeof *d);
                d->set = flag;
                d->is_default = def && (def & flag);
                d->nonpipe = emsh_xmalloc(st->nslots * sizeof *d->nonpipe);
            }
            if (!d)
                continue;
            if (pipe_expected && en->pipeline) {
                d->npipe++;
                if (en->pipeline & PIPE_BY_VALUE)
                    d->nby_value++;
                if (en->pipeline & PIPE_BY_NAME)
                    d->nby_name++;
            } else {
                d->nonpipe[d->nnonpipe++] = i;
            }
            any = found = true;
            if (flag != ALL_SETS) {
                m2 |= st->cur & flag;
                num |= st->cur & m2;
            } else {
                all_set_mandatory = true;
            }
        }
        if (!pipe_expected && found)
            missing_add(m, i);
    }
    if (!any) {
        st->nomand_known = true;
        st->nomand_cur = st->cur;
    }
    if (!any || !pipe_expected)
        goto out;
    if (!num)
        num = st->cur;
    if (all_set_mandatory) {
        uint32_t allf = all_mask(st->meta);
        num = st->cur & (allf ? allf : ALL_SETS);
    }
    if (count > 1 && def && !(def & num) && (def & st->cur)) {
        uint32_t other = 0;
        for (uint16_t k = 0; k < npd; k++)
            if ((pd[k].set & st->cur) && !(pd[k].set & def) && pd[k].set != ALL_SETS &&
                pd[k].npipe > 0) {
                other = pd[k].set;
                break;
            }
        if (!other) {
            num = st->cur & ~num;
            st->cur = num;
            if (st->cur != def)
                st->prio = def;
        }
    }
    int c = set_count(num);
    if (c == 0) {
        ok = ambiguous_set(err);
        goto out;
    }
    if (c == 1) {
        for (uint16_t k = 0; k < npd; k++)
            if ((pd[k].set & num) || pd[k].set == ALL_SETS)
                add_nonpipe(m, &pd[k]);
        goto out;
    }
    if (st->prio)
        goto out;
    bool use_default = false;
    if (def && (num & def)) {
        bool f5 = false, f6 = false;
        struct pdata *pdef = NULL, *pall = NULL;
        for (uint16_t k = 0; k < npd; k++) {
            bool all = pd[k].set == ALL_SETS;
            if (!all && !pd[k].is_default && pd[k].npipe > 0 && pd[k].nnonpipe == 0)
                f5 = true;
            if (!all && !pd[k].is_default && pd[k].nby_name > 0)
                f6 = true;
            if (pd[k].set == def)
                pdef = &pd[k];
            if (all)
                pall = &pd[k];
        }
        if (pdef) {
            if (pdef->nby_name > 0 && !f6)
                use_default = true;
            else if (pdef->npipe > 0 && !f5)
                use_default = true;
        }
        if (!use_default && !f5)
            use_default = true;
        if (!use_default && pall && pall->nnonpipe > 0)
            use_default = true;
        if (use_default) {
            num = def;
            st->cur = def;
            for (uint16_t k = 0; k < npd; k++)
                if ((pd[k].set & num) || pd[k].set == ALL_SETS)
                    add_nonpipe(m, &pd[k]);
        }
    }
    if (use_default)
        goto out;
    uint32_t n7 = 0, n8 = 0;
    bool f9 = false, f10 = false, f11 = false, f12 = false;
    for (uint16_t k = 0; k < npd; k++)
        if ((pd[k].set & num) && pd[k].set != ALL_SETS && pd[k].nby_value > 0) {
            if (f9) {
                f10 = true;
                n7 = 0;
                break;
            }
            n7 = pd[k].set;
            f9 = true;
        }
    for (uint16_t k = 0; k < npd; k++)
        if ((pd[k].set & num) && pd[k].set != ALL_SETS && pd[k].nby_name > 0) {
            if (f11) {
                f12 = true;
                n8 = 0;
                break;
            }
            n8 = pd[k].set;
            f11 = true;
        }
    uint32_t chosen = 0;
    if (f9 && f11 && n7 == n8)
        chosen = n7;
    if (f9 != f11)
        chosen = f9 ? n7 : n8;
    bool cn;
    if (chosen) {
        uint32_t other = take_chosen(pd, npd, chosen, m, &cn);
        preserve_sets(st, chosen, other, cn);
        goto out;
    }
    bool f13 = false;
    uint32_t n11 = 0;
    for (uint16_t k = 0; k < npd; k++)
        if (((pd[k].set & num) || pd[k].set == ALL_SETS) && pd[k].nnonpipe > 0) {
            f13 = true;
            if (pd[k].set != ALL_SETS)
                n11 |= pd[k].set;
        }
    if (!f13)
        goto out;
    if (n7) {
        uint32_t other = take_chosen(pd, npd, n7, m, &cn);
        preserve_sets(st, n7, other, cn);
        goto out;
    }
    if (!f10 && !f12) {
        ok = ambiguous_set(err);
        goto out;
    }
    if (n11) {
        ignore_other_sets(st, n11);
        if (!st->cur)
            ok = ambiguous_set(err);
    }
out:
    for (uint16_t k = 0; k < npd; k++)
        free(pd[k].nonpipe);
    return ok;
}

static bool missing_error(const struct bind_state *st, const uint16_t *v, uint16_t n,
                          struct bind_error *err)
{
    struct buf names = BUF_INIT;
    for (uint16_t k = 0; k < n; k++)
        buf_printf(&names, " %s", pm(st, v[k])->name);
    fail(err, "MissingMandatoryParameter", "InvalidArgument", E_PB, NULL,
         buf_cstr(&names) + (n ? 1 : 0), no_span,
         "Cannot process command because of one or more missing mandatory parameters:%s.",
         buf_cstr(&names));
    buf_release(&names);
    return false;
}

/* HandleUnboundMandatoryParameters at the command line: prompt, or fail. */
static bool handle_mandatory(struct bind_state *st, int count, struct bind_error *err)
{
    struct missing m;
    m.v = emsh_xmalloc((st->nslots ? st->nslots : 1) * sizeof *m.v);
    bool ok = missing_mandatory(st, count, st->pipeline_expected, &m, err);
    if (!ok || !m.n)
        goto out;
    if (!st->env || !st->env->prompt) {
        ok = missing_error(st, m.v, m.n, err);
        goto out;
    }
    val *values = emsh_xmalloc(m.n * sizeof *values);
    for (uint16_t k = 0; k < m.n; k++)
        values[k] = val_nothing();
    enum ev rc = st->env->prompt(st->env->ud, st->meta, m.v, m.n, values);
    if (rc == EV_THROW) {
        ok = missing_error(st, m.v, m.n, err);
    } else if (rc != EV_OK) {
        err->ev = rc;
        err->id = NULL;
        err->msg[0] = '\0';
        ok = false;
    } else {
        uint16_t nmiss = 0;
        for (uint16_t k = 0; k < m.n; k++)
            if (val_kind(values[k]) == VAL_NOTHING)
                m.v[nmiss++] = m.v[k];
        if (nmiss) {
            ok = missing_error(st, m.v, nmiss, err);
        } else {
            for (uint16_t k = 0; k < m.n && ok; k++) {
                enum ek kind;
                ok = bind_one(st, m.v[k], values[k], BF_COERCE, BOUND_PROMPTED, no_span, err,
                              &kind) > 0;
            }
        }
    }
    for (uint16_t k = 0; k < m.n; k++)
        val_free(values[k]);
    free(values);
out:
    free(m.v);
    return ok;
}

/* }================================================================== */

/*
** {==================================================================
** The command line
** ===================================================================
*/

struct item {
    const char *name;  /* as written, without the dash; NULL: positional */
    const char *pname; /* the name errors report: canonical once paired with its value */
    val value;         /* owned; VAL_NOTHING without a value */
    bool has_value, colon, splat, used;
    struct bind_span nspan, vspan;
};

struct items {
    struct item *v;
    uint32_t n;
    struct bind_error
        first; /* the first error of positional binding, reported if an argument stays */
    bool have_first;
};

static const char *skip_dash(const char *s)
{
    return s && s[0] == '-' ? s + 1 : s;
}

/* The arguments as items, `--` applied and splatted named arguments moved last. */
static void make_items(const struct bind_arg *args, uint32_t nargs, struct items *it)
{
    it->v = emsh_xmalloc((2 * (size_t)nargs + 1) * sizeof *it->v);
    it->n = 0;
    it->have_first = false;
    bool eop = false;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < nargs; i++) {
            const struct bind_arg *a = &args[i];
            if (a->flags & BARG_END_OF_PARAMS) {
                if (pass == 0)
                    eop = true;
                continue;
            }
            bool splat = (a->flags & BARG_SPLAT) && a->name;
            if (splat != (pass == 1))
                continue;
            struct item *x = &it->v[it->n++];
            memset(x, 0, sizeof *x);
            x->nspan = a->name_span;
            x->vspan = a->value_span;
            x->splat = splat;
            bool colon = a->name && (a->flags & BARG_COLON) && !(a->flags & BARG_NO_VALUE);
            if (a->name && eop && pass == 0) {
                /* after `--` a -name is a plain string, and a colon value an argument of its own */
                struct buf b = BUF_INIT;
                buf_printf(&b, "-%s%s", skip_dash(a->name), colon ? ":" : "");
                x->value = val_str_buf(&b);
                x->has_value = true;
                x->vspan = a->name_span;
                if (colon) {
                    struct item *y = &it->v[it->n++];
                    memset(y, 0, sizeof *y);
                    y->value = val_copy(a->value);
                    y->has_value = true;
                    y->vspan = y->nspan = a->value_span;
                }
                continue;
            }
            if (a->name) {
                x->name = skip_dash(a->name);
                x->pname = x->name;
                x->colon = colon;
                x->has_value = colon;
                x->value = colon ? val_copy(a->value) : val_nothing();
            } else {
                x->value = val_copy(a->value);
                x->has_value = true;
            }
        }
    }
}

static void free_items(struct items *it)
{
    for (uint32_t i = 0; i < it->n; i++)
        val_free(it->v[i].value);
    free(it->v);
}

static bool missing_argument(const struct param_meta *p, struct bind_span span,
                             struct bind_error *err)
{
    struct buf tn = BUF_INIT;
    ptype_name(p, &tn);
    fail(err, "MissingArgument", "InvalidArgument", E_PB, NULL, p->name, span,
         "Missing an argument for parameter '%s'. Specify a parameter of type '%s' and try again.",
         p->name, buf_cstr(&tn));
    buf_release(&tn);
    return false;
}

/* ReparseUnboundArguments: pairs each -Name with its value; switches get $true. */
static bool reparse(struct bind_state *st, struct items *it, struct bind_error *err)
{
    uint32_t out = 0;
    for (uint32_t i = 0; i < it->n; i++) {
        struct item x = it->v[i];
        if (!x.name || x.has_value) {
            it->v[out++] = x;
            continue;
        }
        int idx = match_param(st, x.name, err, x.nspan);
        if (idx == -2) {
            for (uint32_t k = i; k < it->n; k++)
                it->v[out++] = it->v[k];
            it->n = out;
            return false;
        }
        if (idx < 0) {
            it->v[out++] = x;
            continue;
        }
        const struct param_meta *p = pm(st, (uint16_t)idx);
        if (is_switch(p)) {
            x.value = val_switch(true);
            x.has_value = true;
            x.vspan = x.nspan;
            it->v[out++] = x;
            continue;
        }
        bool ok = true;
        if (i + 1 >= it->n) {
            ok = missing_argument(p, x.nspan, err);
        } else {
            struct item *nx = &it->v[i + 1];
            if (nx->name) {
                int nidx = match_param(st, nx->name, err, nx->nspan);
                if (nidx == -2)
                    ok = false;
                else if (nidx >= 0 || nx->has_value)
                    ok = missing_argument(p, x.nspan, err);
                else {
                    struct buf b = BUF_INIT;
                    buf_printf(&b, "-%s", nx->name);
                    x.value = val_str_buf(&b);
                    x.has_value = true;
                    x.vspan = nx->nspan;
                    x.pname = p->name;
                    i++;
                }
            } else {
                x.value = nx->value;
                nx->value = val_nothing();
                x.has_value = true;
                x.vspan = nx->vspan;
                x.pname = p->name;
                i++;
            }
        }
        it->v[out++] = x;
        if (!ok) {
            for (uint32_t k = i + 1; k < it->n; k++)
                it->v[out++] = it->v[k];
            it->n = out;
            return false;
        }
    }
    it->n = out;
    return true;
}

/* BindParameters: the named arguments. Unmatched names stay for later. */
static bool bind_named(struct bind_state *st, struct items *it, struct bind_error *err)
{
    bool *explicit_named = NULL;
    for (uint32_t i = 0; i < it->n; i++) {
        struct item *x = &it->v[i];
        if (!x->name || x->used)
            continue;
        int idx = match_param(st, x->name, err, x->nspan);
        if (idx == -2) {
            free(explicit_named);
            return false;
        }
        if (idx < 0 || !x->has_value)
            continue;
        if (x->splat && !explicit_named) {
            explicit_named = calloc(st->nslots ? st->nslots : 1, sizeof *explicit_named);
            if (!explicit_named)
                abort();
            for (uint16_t k = 0; k < st->nslots; k++)
                explicit_named[k] = is_bound(st, k);
        }
        if (is_bound(st, (uint16_t)idx)) {
            if (x->splat && explicit_named[idx]) {
                x->used = true;
                continue;
            }
            free(explicit_named);
            return fail(
                err, "ParameterAlreadyBound", "InvalidArgument", E_PB, NULL, x->pname, x->nspan,
                "Cannot bind parameter because parameter '%s' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                x->pname);
        }
        enum ek kind;
        if (bind_one(st, (uint16_t)idx, x->value, BF_COERCE | BF_DELAY, BOUND_NAMED, x->vspan, err,
                     &kind) < 0) {
            free(explicit_named);
            return false;
        }
        x->used = true;
    }
    free(explicit_named);
    return true;
}

/* GetNextPositionalArgument: the next unnamed argument from *pos, skipping -Name and its value. */
static struct item *next_positional(struct items *it, uint32_t *pos)
{
    while (*pos < it->n) {
        struct item *x = &it->v[(*pos)++];
        if (x->used)
            continue;
        if (!x->name)
            return x;
        /* an unmatched -Name takes the next unbound argument with it, if that is not a -Name */
        uint32_t j = *pos;
        while (j < it->n && it->v[j].used)
            j++;
        if (j < it->n && !it->v[j].name)
            *pos = j + 1;
    }
    return NULL;
}

struct posgroup {
    int pos;
    uint16_t *params;
    uint16_t n;
};

static int cmp_group(const void *a, const void *b)
{
    const struct posgroup *x = a, *y = b;
    return x->pos - y->pos;
}

/* Does slot i have an entry at position `pos` in a set of `mask`? */
static bool positional_in(const struct bind_state *st, uint16_t i, int pos, uint32_t mask)
{
    const struct param_meta *p = pm(st, i);
    for (uint8_t e = 0; e < nentries(p); e++) {
        const struct param_set_entry *en = entry_at(p, e);
        if (en->position == pos && !en->remaining && entry_matches(st, i, en, mask))
            return true;
    }
    return false;
}

/* BindPositionalParametersInSet: 1 bound, 0 not, -1 an error to report now. */
static int bind_positional_in(struct bind_state *st, struct posgroup *g, struct item *x,
                              uint32_t mask, unsigned flags, struct items *it,
                              struct bind_error *err)
{
    for (uint16_t k = 0; k < g->n; k++) {
        uint16_t i = g->params[k];
        if (is_bound(st, i) || !positional_in(st, i, g->pos, mask) ||
            !positional_in(st, i, g->pos, st->cur))
            continue;
        struct bind_error e;
        enum ek kind;
        int r = bind_one(st, i, x->value, flags | BF_DELAY, BOUND_POSITIONAL, x->vspan, &e, &kind);
        if (r > 0)
            return 1;
        if (r < 0) {
            if (kind == EK_TRANSFORM || kind == EK_TRANSFORM_CAST || kind == EK_PASS) {
                *err = e;
                return -1;
            }
            if (!it->have_first) {
                it->first = e;
                it->have_first = true;
            }
        }
    }
    return 0;
}

/* BindPositionalParameters */
static bool bind_positional(struct bind_state *st, struct items *it, struct bind_error *err)
{
    /* the positions of the unbound parameters in the candidate sets */
    struct posgroup *g = NULL;
    uint32_t ng = 0;
    bool ok = true;
    for (uint16_t k = 0; k < st->nunbound; k++) {
        uint16_t i = st->unbound[k];
        const struct param_meta *p = pm(st, i);
        for (uint8_t e = 0; e < nentries(p); e++) {
            const struct param_set_entry *en = entry_at(p, e);
            if (en->position < 0 || en->remaining || !entry_matches(st, i, en, st->cur))
                continue;
            struct posgroup *hit = NULL;
            for (uint32_t x = 0; x < ng; x++)
                if (g[x].pos == en->position)
                    hit = &g[x];
            if (!hit) {
                g = emsh_xrealloc(g, (ng + 1) * sizeof *g);
                hit = &g[ng++];
                hit->pos = en->position;
                hit->params = emsh_xmalloc(st->nslots * sizeof *hit->params);
                hit->n = 0;
            }
            bool present = false;
            for (uint16_t q = 0; q < hit->n; q++) {
                uint16_t o = hit->params[q];
                if (o == i) {
                    present = true;
                    continue;
                }
                const struct param_meta *op = pm(st, o);
                for (uint8_t oe = 0; oe < nentries(op); oe++) {
                    const struct param_set_entry *oen = entry_at(op, oe);
                    if (oen->position != en->position || !entry_matches(st, o, oen, st->cur))
                        continue;
                    if (entry_all(st, i, en) || entry_all(st, o, oen) ||
                        (entry_bit(st, i, en) & entry_bit(st, o, oen))) {
                        ok = fail(err, "AmbiguousPositionalParameterNoName", "InvalidArgument",
                                  E_PB, NULL, NULL, no_span,
                                  "Cannot bind positional parameters because no names were given.");
                        goto out;
                    }
                }
            }
            if (!present)
                hit->params[hit->n++] = i;
        }
    }
    if (ng)
        qsort(g, ng, sizeof *g, cmp_group);
    uint32_t pos = 0;
    uint32_t def = default_flag(st->meta);
    for (uint32_t gi = 0; gi < ng; gi++) {
        bool live = false;
        for (uint16_t k = 0; k < g[gi].n; k++)
            live |= !is_bound(st, g[gi].params[k]) &&
                    positional_in(st, g[gi].params[k], g[gi].pos, st->cur);
        if (!live)
            continue;
        struct item *x = next_positional(it, &pos);
        if (!x)
            break;
        int r;
        if (def && (st->cur & def)) {
            r = bind_positional_in(st, &g[gi], x, def, 0, it, err);
            if (!r)
                r = bind_positional_in(st, &g[gi], x, st->cur, 0, it, err);
            if (!r)
                r = bind_positional_in(st, &g[gi], x, def, BF_COERCE, it, err);
            if (!r)
                r = bind_positional_in(st, &g[gi], x, st->cur, BF_COERCE, it, err);
        } else {
            r = bind_positional_in(st, &g[gi], x, st->cur, 0, it, err);
            if (!r)
                r = bind_positional_in(st, &g[gi], x, st->cur, BF_COERCE, it, err);
        }
        if (r < 0) {
            ok = false;
            goto out;
        }
        if (r > 0)
            x->used = true;
    }
out:
    for (uint32_t x = 0; x < ng; x++)
        free(g[x].params);
    free(g);
    return ok;
}

/* The text of a -Name argument as $args and remaining arguments see it. */
static val param_text(const struct item *x)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "-%s%s", x->name, x->colon ? ":" : "");
    return val_str_buf(&b);
}

/* HandleRemainingArguments */
static bool bind_remaining(struct bind_state *st, struct items *it, struct bind_error *err)
{
    bool left = false;
    for (uint32_t i = 0; i < it->n; i++)
        left |= !it->v[i].used;
    if (!left)
        return true;
    int target = -1;
    for (uint16_t k = 0; k < st->nunbound; k++) {
        uint16_t i = st->unbound[k];
        const struct param_meta *p = pm(st, i);
        for (uint8_t e = 0; e < nentries(p); e++) {
            const struct param_set_entry *en = entry_at(p, e);
            if (!en->remaining || !entry_matches(st, i, en, st->cur))
                continue;
            if (target >= 0 && target != i) {
                return fail(
                    err, "AmbiguousParameterSet", "MetadataError", E_PB, NULL, p->name, no_span,
                    "Parameter set cannot be resolved using the specified named parameters.");
            }
            target = i;
        }
    }
    if (target < 0)
        return true;
    val list = val_arr_new();
    struct bind_span span = no_span;
    uint32_t count = 0;
    for (uint32_t i = 0; i < it->n; i++) {
        struct item *x = &it->v[i];
        if (x->used)
            continue;
        if (x->name)
            list = val_arr_push(list, param_text(x));
        if (x->has_value && val_kind(x->value) != VAL_NOTHING)
            list = val_arr_push(list, val_copy(x->value));
        span = x->vspan;
        count++;
        x->used = true;
    }
    if (count != 1)
        span = no_span;
    enum ek kind;
    int r = bind_one(st, (uint16_t)target, list, BF_COERCE, BOUND_REMAINING, span, err, &kind);
    if (r < 0 && val_arr_len(list) == 1 && val_kind(val_arr_items(list)[0]) == VAL_ARRAY)
        r = bind_one(st, (uint16_t)target, val_arr_items(list)[0], BF_COERCE, BOUND_REMAINING, span,
                     err, &kind);
    val_free(list);
    return r > 0;
}

/* VerifyArgumentsProcessed, or $args for a simple function. */
static bool check_leftovers(struct bind_state *st, struct items *it, struct bind_error *err)
{
    if (st->meta->flags & CF_SIMPLE) {
        /* a positional argument a parameter refused (validation) is that
           error, not an entry of $args */
        for (uint32_t i = 0; i < it->n; i++) {
            if (!it->v[i].used && !it->v[i].name && it->have_first) {
                *err = it->first;
                return false;
            }
        }
        val a = val_arr_new();
        for (uint32_t i = 0; i < it->n; i++) {
            struct item *x = &it->v[i];
            if (x->used)
                continue;
            if (x->name)
                a = val_arr_push(a, param_text(x));
            if (x->has_value)
                a = val_arr_push(a, val_copy(x->value));
        }
        val_free(st->args);
        st->args = a;
        return true;
    }
    for (uint32_t i = 0; i < it->n; i++) {
        struct item *x = &it->v[i];
        if (x->used)
            continue;
        if (x->name)
            return fail(err, "NamedParameterNotFound", "InvalidArgument", E_PB, NULL, x->name,
                        x->nspan, "A parameter cannot be found that matches parameter name '%s'.",
                        x->name);
        if (it->have_first) {
            *err = it->first;
            return false;
        }
        struct buf s = BUF_INIT;
        if (val_is_null(x->value))
            buf_puts(&s, "$null");
        else
            net_str(x->value, &s);
        fail(err, "PositionalParameterNotFound", "InvalidArgument", E_PB, NULL, buf_cstr(&s),
             x->vspan, "A positional parameter cannot be found that accepts argument '%s'.",
             buf_cstr(&s));
        buf_release(&s);
        return false;
    }
    return true;
}

/* The common parameters' values, from their slots. */
static void fill_common(struct bind_state *st)
{
    struct bind_common *c = &st->common;
    memset(c, 0, sizeof *c);
    for (int cp = 0; cp < CP__COUNT; cp++) {
        int i = bind_common_slot(st, (enum common_param)cp);
        if (i < 0 || !is_bound(st, (uint16_t)i))
            continue;
        c->bound |= 1u << cp;
        val v = st->slots[i].value;
        int act = 0;
        if (val_kind(v) == VAL_STRING)
            for (int k = 0; action_values[k]; k++)
                if (!strcmp(action_values[k], val_str(v)))
                    act = k;
        switch (cp) {
        case CP_VERBOSE:
            c->verbose = val_kind(v) == VAL_SWITCH && v.u.b;
            break;
        case CP_DEBUG:
            c->debug = val_kind(v) == VAL_SWITCH && v.u.b;
            break;
        case CP_WHATIF:
            c->whatif = val_kind(v) == VAL_SWITCH && v.u.b;
            break;
        case CP_CONFIRM:
            c->confirm = val_kind(v) == VAL_SWITCH && v.u.b;
            break;
        case CP_ERROR_ACTION:
            c->error_action = (enum action_pref)act;
            break;
        case CP_WARNING_ACTION:
            c->warning_action = (enum action_pref)act;
            break;
        case CP_INFORMATION_ACTION:
            c->information_action = (enum action_pref)act;
            break;
        case CP_OUT_BUFFER:
            c->out_buffer = val_kind(v) == VAL_INT ? (int32_t)v.u.i : 0;
            break;
        case CP_ERROR_VARIABLE:
            c->error_variable = val_str(v);
            break;
        case CP_WARNING_VARIABLE:
            c->warning_variable = val_str(v);
            break;
        case CP_INFORMATION_VARIABLE:
            c->information_variable = val_str(v);
            break;
        case CP_OUT_VARIABLE:
            c->out_variable = val_str(v);
            break;
        case CP_PIPELINE_VARIABLE:
            c->pipeline_variable = val_str(v);
            break;
        default:
            break;
        }
    }
}

bool bind_command_line(struct bind_state *st, const struct bind_arg *args, uint32_t nargs,
                       bool pipeline_expected, struct bind_error *err)
{
    struct items it;
    bool ok;
    memset(err, 0, sizeof *err);
    st->pipeline_expected = pipeline_expected;
    make_items(args, nargs, &it);
    ok = reparse(st, &it, err) && bind_named(st, &it, err) && bind_positional(st, &it, err);
    if (ok && !(st->meta->flags & CF_SIMPLE))
        ok = validate_sets(st, true, false, err) >= 0;
    ok = ok && bind_remaining(st, &it, err) && check_leftovers(st, &it, err);
    if (ok) {
        int n = validate_sets(st, pipeline_expected, !pipeline_expected, err);
        ok = n >= 0;
        if (ok && n > 1 && pipeline_expected) {
            uint32_t f = filter_pipeline_sets(st);
            if (f != st->cur) {
                st->cur = f;
                n = validate_sets(st, true, false, err);
                ok = n >= 0;
            }
        }
        if (ok)
            ok = handle_mandatory(st, n, err);
        if (ok && !pipeline_expected)
            ok = verify_set_selected(st, err);
    }
    st->pre_pipe = st->cur;
    free_items(&it);
    fill_common(st);
    return ok;
}

/* }================================================================== */

/*
** {==================================================================
** Pipeline input
** ===================================================================
*/

/* RestoreDefaultParameterValues: unbinds what the last pipeline object bound. */
static void restore_piped(struct bind_state *st)
{
    for (uint16_t k = 0; k < st->npiped; k++) {
        uint16_t i = st->piped[k];
        struct bind_slot *s = &st->slots[i];
        val_free(s->value);
        s->value = val_copy(s->saved);
        s->how = val_kind(s->saved) == VAL_NOTHING ? BOUND_NOT : BOUND_DEFAULT;
        unbound_add(st, i);
    }
    st->npiped = 0;
}

enum pstate { PS_VALUE, PS_NAME, PS_VALUE_COERCE, PS_NAME_COERCE };

/* BindPipelineParameter: 1 bound, 0 not, -1 an error (for this object). */
static int bind_piped(struct bind_state *st, uint16_t i, val v, bool coerce, bool by_name,
                      struct bind_error *err)
{
    if (val_kind(v) == VAL_NOTHING)
        return 0;
    struct bind_error e;
    enum ek kind;
    int r = bind_one(st, i, v, coerce ? BF_COERCE : 0, BOUND_PIPELINE, no_span, &e, &kind);
    if (r > 0) {
        st->piped[st->npiped++] = i;
        return 1;
    }
    if (r == 0)
        return 0;
    bool report = kind == EK_VALIDATION || kind == EK_PASS || kind == EK_TRANSFORM ||
                  (by_name && kind == EK_TRANSFORM_CAST);
    if (!report)
        return 0;
    *err = e;
    return -1;
}

/* The value of the property `name` of an object (borrowed), VAL_NOTHING if it has none. */
static val property(val o, const char *name)
{
    size_t n = strlen(name);
    for (uint32_t k = 0; k < val_obj_len(o); k++) {
        const char *pn = val_obj_name_at(o, k);
        if (text_ieq(pn, strlen(pn), name, n))
            return val_obj_value_at(o, k);
    }
    return val_nothing();
}

/*
** The value a ByPropertyName parameter reads from a pipeline object: its
** property named after the parameter, else after one of its aliases. Only
** objects have properties here; a hashtable's keys are not properties.
*/
static val property_for(const struct param_meta *p, val input)
{
    if (val_kind(input) != VAL_OBJECT)
        return val_nothing();
    if (val_obj_has(input, p->name))
        return property(input, p->name);
    for (const char *const *a = p->aliases; a && *a; a++)
        if (val_obj_has(input, *a))
            return property(input, *a);
    return val_nothing();
}

/* BindUnboundParametersForBindingStateInParameterSet: 1 something bound, 0 nothing, -1 error. */
static int bind_state_in(struct bind_state *st, val input, enum pstate ps, uint32_t mask,
                         struct bind_error *err)
{
    int result = 0;
    /* the unbound slots taking pipeline input, in unbound order: the others bind nothing */
    for (int k = (int)st->nunbound_pipe - 1; k >= 0; k--) {
        if (k >= st->nunbound_pipe)
            continue;
        uint16_t i = st->unbound_pipe[k];
        /* no entry in mask takes pipeline input: the loop below would bind nothing */
        if (!takes_pipeline_in(st, i, mask))
            continue;
        const struct param_meta *p = pm(st, i);
        for (uint8_t e = 0; e < nentries(p); e++) {
            const struct param_set_entry *en = entry_at(p, e);
            if (!entry_matches(st, i, en, mask))
                continue;
            int r = 0;
            bool value = ps == PS_VALUE || ps == PS_VALUE_COERCE;
            bool coerce = ps == PS_VALUE_COERCE || ps == PS_NAME_COERCE;
            if (value && (en->pipeline & PIPE_BY_VALUE))
                r = bind_piped(st, i, input, coerce, false, err);
            else if (!value && (en->pipeline & PIPE_BY_NAME) && !val_is_null(input))
                r = bind_piped(st, i, property_for(p, input), coerce, true, err);
            if (r < 0)
                return -1;
            if (r > 0) {
                result = 1;
                break;
            }
        }
    }
    return result;
}

/* BindUnboundParametersForBindingState: the default set first. */
static int bind_state_all(struct bind_state *st, val input, enum pstate ps, uint32_t mask,
                          struct bind_error *err)
{
    uint32_t def = default_flag(st->meta);
    int r = 0;
    if (def && (mask & def)) {
        r = bind_state_in(st, input, ps, def, err);
        if (r < 0)
            return r;
        if (!r)
            mask &= ~def;
    }
    if (!r)
        r = bind_state_in(st, input, ps, mask, err);
    return r;
}

/* InvokeAndBindDelayBindScriptBlock */
static int bind_delays(struct bind_state *st, val input, struct bind_error *err)
{
    for (uint16_t d = 0; d < st->ndelays; d++) {
        struct bind_delay *dl = &st->delays[d];
        const struct param_meta *p = pm(st, dl->slot);
        val result = val_nothing();
        struct buf e = BUF_INIT;
        enum ev rc = st->env && st->env->invoke
                         ? st->env->invoke(st->env->ud, dl->script, input, &result, &e)
                         : (buf_puts(&e, "Script blocks cannot run here."), EV_THROW);
        if (rc != EV_OK) {
            if (rc == EV_THROW)
                fail(err, "ScriptBlockArgumentInvocationFailed", "InvalidArgument", E_PB, NULL,
                     p->name, dl->span,
                     "The input to the script block for parameter '%s' failed. %s", p->name,
                     buf_cstr(&e));
            else
                err->ev = rc;
            buf_release(&e);
            val_free(result);
            return -1;
        }
        buf_release(&e);
        if (val_kind(result) == VAL_NOTHING ||
            (val_kind(result) == VAL_ARRAY && !val_arr_len(result))) {
            val_free(result);
            fail(
                err, "ScriptBlockArgumentNoOutput", "InvalidArgument", E_PB, NULL, p->name,
                dl->span,
                "Cannot evaluate parameter '%s' because its argument input did not produce any output.",
                p->name);
            return -1;
        }
        uint8_t how = st->slots[dl->slot].how;
        enum ek kind;
        int r = bind_one(st, dl->slot, result, BF_COERCE, how, dl->span, err, &kind);
        val_free(result);
        if (r < 0)
            return -1;
    }
    return 1;
}

/*
** After an object bound the long way: may every later object bind the same
** way without the search? Only when the command has one parameter that takes
** pipeline input, the object went to it as it was (no conversion), and that
** parameter takes any value without a check (an [object] or [psobject], not a
** collection, not validated, not mandatory): then what binds never depends on
** the object. Where-Object's and Measure-Object's -InputObject are the case.
*/
static void plan_fast_binding(struct bind_state *st, val input)
{
    if (st->ndelays || st->prio || st->npiped != 1 || val_kind(input) == VAL_NULL)
        return;
    uint16_t i = st->piped[0];
    const struct bind_slot *s = &st->slots[i];
    if (memcmp(&s->value, &input, sizeof input) != 0)
        return; /* converted on the way */
    const struct param_meta *p = pm(st, i);
    if ((p->type != TY_OBJECT && p->type != TY_PSOBJECT) || (p->flags & (PF_ARRAY | PF_ENUM)) || p->valid_values ||
        p->nvalidators || mandatory_somewhere(st, i))
        return;
    for (uint16_t k = 0; k < st->nslots; k++)
        if (k != i && pipeline_somewhere(st, k))
            return;
    st->fast_slot = i;
    st->fast_cur = st->cur;
}

bool bind_pipeline(struct bind_state *st, val input, struct bind_error *err)
{
    clear_error(err);
    restore_piped(st);
    st->cur = st->pre_pipe;
    if (st->fast_slot >= 0 && val_kind(input) != VAL_NOTHING && val_kind(input) != VAL_NULL) {
        commit(st, (uint16_t)st->fast_slot, val_copy(input), BOUND_PIPELINE);
        st->piped[st->npiped++] = (uint16_t)st->fast_slot;
        st->cur = st->fast_cur;
        return true;
    }
    bool bound = false;
    int r = 1;
    if (st->ndelays) {
        r = bind_delays(st, input, err);
        if (r < 0)
            goto fail;
        bound = true;
    }
    /* BindPipelineParametersPrivate */
    uint32_t valid = st->cur;
    int passes = st->prio ? 2 : 1;
    if (st->prio)
        valid = st->prio;
    for (int pass = 0; pass < passes; pass++) {
        for (int ps = PS_VALUE; ps <= PS_NAME_COERCE; ps++) {
            r = bind_state_all(st, input, (enum pstate)ps, valid, err);
            if (r < 0)
                goto fail;
            if (r > 0) {
                if (!st->prio || pass == 1) {
                    if (validate_sets(st, true, true, err) < 0)
                        goto fail;
                    valid = st->cur;
                }
                bound = true;
            }
        }
        if (st->prio && pass == 0) {
            if (st->cur == st->prio)
                break;
            valid = st->cur & ~st->prio;
        }
    }
    if (validate_sets(st, false, true, err) < 0 || !verify_set_selected(st, err))
        goto fail;
    if (!bound) {
        fail(
            err, "InputObjectNotBound", "InvalidArgument", E_PB, NULL, NULL, no_span,
            "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.");
        goto fail;
    }
    /* per object: spare the allocation for the usual small command */
    uint16_t small[64];
    struct missing m;
    m.v = st->nslots <= EMSH_ARRAY_SIZE(small) ? small : emsh_xmalloc(st->nslots * sizeof *m.v);
    bool ok = missing_mandatory(st, set_count(st->cur), false, &m, err);
    if (ok && m.n) {
        struct buf names = BUF_INIT;
        for (uint16_t k = 0; k < m.n; k++)
            buf_printf(&names, " %s", pm(st, m.v[k])->name);
        fail(
            err, "InputObjectMissingMandatory", "InvalidArgument", E_PB, NULL, NULL, no_span,
            "The input object cannot be bound because it did not contain the information required to bind all mandatory parameters: %s",
            buf_cstr(&names));
        buf_release(&names);
        ok = false;
    }
    if (m.v != small)
        free(m.v);
    if (!ok)
        return false;
    plan_fast_binding(st, input);
    return true;
fail:
    restore_piped(st);
    st->cur = st->pre_pipe;
    return false;
}

/* }================================================================== */

/*
** {==================================================================
** Reading the result
** ===================================================================
*/

val bind_value(const struct bind_state *st, uint16_t i)
{
    return i < st->nslots ? st->slots[i].value : val_nothing();
}

enum bind_how bind_how_of(const struct bind_state *st, uint16_t i)
{
    return i < st->nslots ? (enum bind_how)st->slots[i].how : BOUND_NOT;
}

bool bind_is_bound(const struct bind_state *st, uint16_t i)
{
    return i < st->nslots && is_bound(st, i);
}

const struct param_meta *bind_param(const struct bind_state *st, uint16_t i)
{
    return i < st->nslots ? pm(st, i) : NULL;
}

int bind_common_slot(const struct bind_state *st, enum common_param cp)
{
    uint16_t n = ncommon_of(st->meta);
    return (unsigned)cp < n ? st->meta->nparams + (int)cp : -1;
}

const struct bind_common *bind_commons(const struct bind_state *st)
{
    return &st->common;
}

int bind_set(const struct bind_state *st)
{
    if (named_sets(st->meta) == 0)
        return st->meta->nsets ? 0 : -1;
    if (st->cur == ALL_SETS)
        return named_sets(st->meta) == 1 ? 0 : -1;
    if (__builtin_popcount(st->cur) != 1)
        return -1;
    return __builtin_ctz(st->cur);
}

uint32_t bind_candidate_sets(const struct bind_state *st)
{
    uint32_t all = all_mask(st->meta);
    return st->cur == ALL_SETS ? all : st->cur & all;
}

const char *bind_set_name(const struct bind_state *st)
{
    int s = bind_set(st);
    return s >= 0 ? st->meta->sets[s] : NULL;
}

val bind_args(const struct bind_state *st)
{
    return st->args;
}

/* }================================================================== */
