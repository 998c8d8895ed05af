/*
** typedefs.c - enum and class definitions of scripts.
**
** An enum becomes a registered enum type: [Color]::Red, [Color]'Red' and
** [Color]2 work as for .NET enums, values counting up from the previous one
** as C# does. A class becomes a type (TK_SCRIPT_CLASS) whose instances are
** objects carrying the class's type names (the class, its bases,
** System.Object) and its instance properties, the class's own before its
** base's as .NET reflection lists them, set to their types' defaults and
** then to their initial values, base class first. Constructors are chosen
** by argument count (a class without one has the default constructor); a
** derived constructor runs its base's first, with the `: base(...)`
** arguments or none. Methods run as script blocks with $this bound and
** their parameters typed; only `return` gives a method its value, which is
** converted to the declared return type ([void] and untyped methods return
** nothing). Assignment to a typed property converts the value; static
** properties live with the class. Definitions are made before the script
** runs, so a class can be used above its definition.
*/
#include "eval_int.h"
#include "text.h"
#include "types.h"
#include "ops.h"

#include <stdlib.h>
#include <string.h>

static enum ev define_enum(struct interp *in, const struct ast_node *n)
{
    uint32_t count = n->u.typedef_.members.n;
    const char **names = emsh_xmalloc((count ? count : 1) * sizeof *names);
    int64_t *values = emsh_xmalloc((count ? count : 1) * sizeof *values);
    bool flags = false;
    for (uint32_t i = 0; i < n->u.typedef_.attrs.n; i++) {
        const struct ast_node *a = n->u.typedef_.attrs.v[i];
        if (a->kind == AST_ATTRIBUTE &&
            (text_ieq(a->u.attr.type->u.type.name.s, a->u.attr.type->u.type.name.n, "Flags", 5) ||
             text_ieq(a->u.attr.type->u.type.name.s, a->u.attr.type->u.type.name.n, "System.Flags", 12) ||
             text_ieq(a->u.attr.type->u.type.name.s, a->u.attr.type->u.type.name.n, "FlagsAttribute", 14)))
            flags = true;
    }
    int64_t next = 0;
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < count && !rc; i++) {
        const struct ast_node *m = n->u.typedef_.members.v[i];
        names[i] = m->u.prop.name.s;
        if (m->u.prop.init) {
            val v;
            if ((rc = ev_expr(in, m->u.prop.init, &v)))
                break;
            struct conv_error err;
            if (!conv_to_int64(v, &next, &err)) {
                val_free(v);
                rc = ev_throw_conv(in, m, &err);
                break;
            }
            val_free(v);
        }
        values[i] = next++;
    }
    if (!rc)
        type_enum(n->u.typedef_.name.s, names, values, count, flags);
    free(names);
    free(values);
    return rc;
}


/*
** {==================================================================
** Classes
** ===================================================================
*/

struct class_prop {
    const struct ast_node *node; /* PROPERTY */
    uint16_t type;               /* TY_NONE: untyped */
};

struct class_def {
    char *name;
    uint16_t type;
    struct class_def *base;
    const struct ast_node *def; /* TYPE_DEF */
    struct sb_unit *unit;
    struct class_prop *props;   /* instance and static, in declaration order */
    uint32_t nprops;
    val statics;                /* hashtable: static property -> value */
};

static void class_free(struct class_def *c)
{
    free(c->name);
    free(c->props);
    val_free(c->statics);
    sb_unit_release(c->unit);
    free(c);
}

void ev_classes_free(struct interp *in)
{
    for (uint32_t i = 0; i < in->nclasses; i++)
        class_free(in->classes[i]);
    free(in->classes);
    in->classes = NULL;
    in->nclasses = 0;
}

static struct class_def *class_named(struct interp *in, const char *name)
{
    for (uint32_t i = 0; i < in->nclasses; i++)
        if (text_ieq(in->classes[i]->name, strlen(in->classes[i]->name), name, strlen(name)))
            return in->classes[i];
    return NULL;
}

static struct class_def *class_of_type(struct interp *in, uint16_t t)
{
    for (uint32_t i = 0; i < in->nclasses; i++)
        if (in->classes[i]->type == t)
            return in->classes[i];
    return NULL;
}

/* The class of an instance (its most derived type name), or NULL. */
static struct class_def *class_of(struct interp *in, val obj)
{
    if (val_kind(obj) != VAL_OBJECT || !val_obj_ntypes(obj) || !in->nclasses)
        return NULL;
    return class_named(in, val_obj_type_at(obj, 0));
}

static bool is_static(const struct ast_node *m)
{
    return m->kind == AST_PROPERTY ? (m->u.prop.flags & MEMBER_STATIC) != 0 : (m->u.method.flags & MEMBER_STATIC) != 0;
}

static bool same_name(const struct ast_str *a, const char *b)
{
    return text_ieq(a->s, a->n, b, strlen(b));
}

/* The declared property `name` of c or its bases. */
static const struct class_prop *find_prop(struct class_def *c, const char *name, struct class_def **owner)
{
    for (; c; c = c->base)
        for (uint32_t i = 0; i < c->nprops; i++)
            if (same_name(&c->props[i].node->u.prop.name, name)) {
                if (owner)
                    *owner = c;
                return &c->props[i];
            }
    return NULL;
}

/* The value a property of type t has before anything sets it. */
static val default_value(uint16_t t)
{
    switch (t) {
    case TY_BOOL: case TY_CHAR: case TY_BYTE: case TY_SBYTE: case TY_INT16: case TY_UINT16: case TY_INT:
    case TY_UINT32: case TY_LONG: case TY_UINT64: case TY_SINGLE: case TY_DOUBLE: case TY_DECIMAL:
    case TY_TIMESPAN: {
        val out;
        struct conv_error err;
        if (conv_to_type(val_int(0), t, &out, &err))
            return out;
        return val_null();
    }
    case TY_DATETIME:
        return val_datetime(0, 0);
    default: {
        const struct type_info *ti = type_get(t);
        if (ti && ti->kind == TK_ENUM)
            return val_enum(t, 0);
        return val_null();
    }
    }
}

static enum ev convert_for(struct interp *in, const struct ast_node *at, uint16_t t, val v, val *out)
{
    if (t == TY_NONE) {
        *out = val_kind(v) == VAL_NOTHING ? val_null() : v;
        return EV_OK;
    }
    struct conv_error err;
    if (!conv_to_type(val_kind(v) == VAL_NOTHING ? val_null() : v, t, out, &err))
        return ev_throw_conv(in, at, &err);
    return EV_OK;
}

static enum ev define_class(struct interp *in, const struct ast_node *n)
{
    const char *name = n->u.typedef_.name.s;
    struct class_def *old = class_named(in, name);
    if (old && old->def == n)
        return EV_OK; /* made before the script ran */
    struct class_def *base = NULL;
    uint16_t base_type = TY_OBJECT;
    for (uint32_t i = 0; i < n->u.typedef_.bases.n; i++) {
        const struct ast_node *bt = n->u.typedef_.bases.v[i];
        uint16_t id;
        /* a .NET base or interface this shell does not model has nothing to give: skipped */
        val saved = in->thrown;
        in->thrown = val_null();
        enum ev rc = ev_resolve_type(in, bt, &id);
        val_free(in->thrown);
        in->thrown = saved;
        if (rc)
            continue;
        struct class_def *bc = class_of_type(in, id);
        if (bc && i == 0) {
            base = bc;
            base_type = id;
        }
        /* .NET bases and interfaces: the instances are PowerShell objects, nothing to inherit */
    }
    struct class_def *c = emsh_xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    c->name = emsh_xstrndup(name, strlen(name));
    c->type = type_script_class(name, base_type);
    c->base = base;
    c->def = n;
    c->unit = sb_unit_retain(in->unit);
    c->statics = val_hash_new(false);
    const struct ast_list *ms = &n->u.typedef_.members;
    c->props = emsh_xmalloc((ms->n ? ms->n : 1) * sizeof *c->props);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < ms->n && !rc; i++) {
        const struct ast_node *m = ms->v[i];
        if (m->kind != AST_PROPERTY)
            continue;
        struct class_prop *p = &c->props[c->nprops++];
        p->node = m;
        p->type = TY_NONE;
        if (m->u.prop.type)
            rc = ev_resolve_type(in, m->u.prop.type, &p->type);
    }
    if (rc) {
        class_free(c);
        return rc;
    }
    if (old) {
        for (uint32_t i = 0; i < in->nclasses; i++)
            if (in->classes[i] == old)
                in->classes[i] = c;
        /* classes derived from the old definition now derive from this one */
        for (uint32_t i = 0; i < in->nclasses; i++)
            if (in->classes[i]->base == old)
                in->classes[i]->base = c;
        class_free(old);
    } else {
        in->classes = emsh_xrealloc(in->classes, (in->nclasses + 1) * sizeof *in->classes);
        in->classes[in->nclasses++] = c;
    }
    /* static properties: their initial values now */
    for (uint32_t i = 0; i < c->nprops && !rc; i++) {
        const struct ast_node *m = c->props[i].node;
        if (!is_static(m))
            continue;
        val v = val_nothing();
        if (m->u.prop.init && (rc = ev_expr(in, m->u.prop.init, &v)))
            break;
        val conv;
        if (val_kind(v) == VAL_NOTHING && c->props[i].type != TY_NONE)
            conv = default_value(c->props[i].type);
        else if ((rc = convert_for(in, m, c->props[i].type, v, &conv)))
            break;
        c->statics = val_hash_set(c->statics, val_str_n(m->u.prop.name.s, m->u.prop.name.n), conv);
    }
    return rc;
}

enum ev ev_define_type(struct interp *in, const struct ast_node *n)
{
    if (n->u.typedef_.what == TYPEDEF_ENUM)
        return define_enum(in, n);
    if (n->u.typedef_.what == TYPEDEF_INTERFACE)
        return EV_OK;
    return define_class(in, n);
}

enum ev ev_predefine_types(struct interp *in, const struct ast_node *root)
{
    const struct ast_node *end = root && root->kind == AST_SCRIPT_BLOCK ? root->u.script.blocks[BLOCK_END] : NULL;
    if (!end)
        return EV_OK;
    /* enums first: class members may be typed with them */
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < end->u.named.stmts.n; i++) {
            const struct ast_node *s = end->u.named.stmts.v[i];
            if (s->kind != AST_TYPE_DEF || (s->u.typedef_.what == TYPEDEF_ENUM) != (pass == 0))
                continue;
            enum ev rc = ev_define_type(in, s);
            if (rc)
                return rc;
        }
    return EV_OK;
}

/* {=== calls === */

/*
** The arguments of a method call converted to its parameters' types, with
** PowerShell's message when one does not convert (*out freed by the caller
** with free_args).
*/
static enum ev convert_args(struct interp *in, const struct ast_node *at, const struct ast_node *m,
                            const char *method, const val *args, uint32_t nargs, val **out)
{
    val *conv = emsh_xmalloc((nargs ? nargs : 1) * sizeof *conv);
    for (uint32_t i = 0; i < nargs; i++)
        conv[i] = val_copy(args[i]);
    *out = conv;
    for (uint32_t i = 0; i < nargs && i < m->u.method.params.n; i++) {
        const struct ast_node *pa = m->u.method.params.v[i];
        for (uint32_t a = 0; a < pa->u.param.attrs.n; a++) {
            if (pa->u.param.attrs.v[a]->kind != AST_TYPE_CONSTRAINT)
                continue;
            uint16_t t;
            enum ev rc = ev_resolve_type(in, pa->u.param.attrs.v[a]->u.tc.type, &t);
            if (rc)
                return rc;
            struct conv_error err;
            val c;
            if (!conv_to_type(val_copy(conv[i]), t, &c, &err))
                return ev_throw_arg_conv(in, at, pa->u.param.var->u.var.name.s, pa->u.param.var->u.var.name.n,
                                         conv[i], method, t, &err);
            val_free(conv[i]);
            conv[i] = c;
        }
    }
    return EV_OK;
}

static void free_args(val *args, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        val_free(args[i]);
    free(args);
}

/* }=== */

/* {=== construction === */

static enum ev no_overload(struct interp *in, const struct ast_node *at, const char *name, uint32_t nargs)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "Cannot find an overload for \"%s\" and the argument count: \"%u\".", name, nargs);
    struct err_spec spec = {buf_cstr(&m), "MethodCountCouldNotFindBest", "NotSpecified",
                            "System.Management.Automation.MethodException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

static enum ev run_ctor(struct interp *in, const struct ast_node *at, struct class_def *c, val obj,
                        const val *args, uint32_t nargs);

struct base_call {
    struct class_def *c;
    const struct ast_node *ctor; /* METHOD, or NULL: the implicit default constructor */
    val obj;
    const struct ast_node *at;
};

/* Before a constructor's body, in its scope: the base class's constructor. */
static enum ev call_base(struct interp *in, void *ud)
{
    struct base_call *bc = ud;
    if (!bc->c->base)
        return EV_OK;
    const struct ast_list *ba = bc->ctor && (bc->ctor->u.method.flags & MEMBER_BASE_CALL) ? &bc->ctor->u.method.base_args : NULL;
    uint32_t n = ba ? ba->n : 0;
    val *vals = emsh_xmalloc((n ? n : 1) * sizeof *vals);
    enum ev rc = EV_OK;
    uint32_t made = 0;
    for (; made < n && !rc; made++)
        if ((rc = ev_expr(in, ba->v[made], &vals[made]))) {
            break;
        }
    if (!rc)
        rc = run_ctor(in, bc->at, bc->c->base, bc->obj, vals, n);
    for (uint32_t i = 0; i < made; i++)
        val_free(vals[i]);
    free(vals);
    return rc;
}

static enum ev run_ctor(struct interp *in, const struct ast_node *at, struct class_def *c, val obj,
                        const val *args, uint32_t nargs)
{
    const struct ast_node *ctor = NULL;
    bool any = false;
    const struct ast_list *ms = &c->def->u.typedef_.members;
    for (uint32_t i = 0; i < ms->n; i++) {
        const struct ast_node *m = ms->v[i];
        if (m->kind != AST_METHOD || !(m->u.method.flags & MEMBER_CONSTRUCTOR) || is_static(m))
            continue;
        any = true;
        if (m->u.method.params.n == nargs && !ctor)
            ctor = m;
    }
    if (!ctor && (any || nargs))
        return no_overload(in, at, "new", nargs);
    struct base_call bc = {c, ctor, obj, at};
    if (!ctor)
        return call_base(in, &bc);
    val *conv;
    enum ev rc = convert_args(in, at, ctor, "new", args, nargs, &conv);
    if (rc) {
        free_args(conv, nargs);
        return rc;
    }
    struct method_call mc = {c->unit, ctor->u.method.body, &ctor->u.method.params, c->name,
                             obj, conv, nargs, call_base, &bc};
    struct sb_unit *saved = in->unit;
    in->unit = c->unit;
    val ret;
    rc = ev_call_method(in, at, &mc, &ret);
    in->unit = saved;
    free_args(conv, nargs);
    if (!rc)
        val_free(ret);
    return rc;
}

/* A new instance of c with its properties at their defaults and initial values, constructor not run. */
static enum ev blank_instance(struct interp *in, struct class_def *c, val *out)
{
    val o = val_obj_new(c->name);
    for (struct class_def *b = c->base; b; b = b->base)
        o = val_obj_add_type(o, b->name);
    o = val_obj_add_type(o, "System.Object");
    for (struct class_def *b = c; b; b = b->base)
        for (uint32_t i = 0; i < b->nprops; i++)
            if (!is_static(b->props[i].node)) {
                const struct ast_node *m = b->props[i].node;
                char *nm = emsh_xstrndup(m->u.prop.name.s, m->u.prop.name.n);
                o = val_obj_set(o, nm, default_value(b->props[i].type));
                free(nm);
            }
    /* initial values, the base class's first */
    struct class_def *chain[64];
    int depth = 0;
    for (struct class_def *b = c; b && depth < 64; b = b->base)
        chain[depth++] = b;
    enum ev rc = EV_OK;
    struct sb_unit *saved = in->unit;
    for (int d = depth - 1; d >= 0 && !rc; d--) {
        struct class_def *b = chain[d];
        in->unit = b->unit;
        for (uint32_t i = 0; i < b->nprops && !rc; i++) {
            const struct ast_node *m = b->props[i].node;
            if (is_static(m) || !m->u.prop.init)
                continue;
            val v, conv;
            if ((rc = ev_expr(in, m->u.prop.init, &v)))
                break;
            if ((rc = convert_for(in, m, b->props[i].type, v, &conv)))
                break;
            char *nm = emsh_xstrndup(m->u.prop.name.s, m->u.prop.name.n);
            o = val_obj_set(o, nm, conv);
            free(nm);
        }
    }
    in->unit = saved;
    if (rc) {
        val_free(o);
        return rc;
    }
    *out = o;
    return EV_OK;
}

static enum ev new_instance(struct interp *in, const struct ast_node *at, struct class_def *c, const val *args,
                            uint32_t nargs, val *out)
{
    val o;
    enum ev rc = blank_instance(in, c, &o);
    if (!rc)
        rc = run_ctor(in, at, c, o, args, nargs);
    if (rc) {
        val_free(o);
        return rc;
    }
    *out = o;
    return EV_OK;
}

/* A terminating error raised while a hook ran: its message, between prefix and suffix, as a conversion error. */
static bool error_to_conv(struct interp *in, struct conv_error *err, const char *prefix, const char *suffix)
{
    val msg = val_nothing();
    if (val_kind(in->thrown) == VAL_OBJECT) {
        val ex = val_obj_get(in->thrown, "Exception");
        msg = val_kind(ex) == VAL_OBJECT ? val_obj_get(ex, "Message") : val_nothing();
        val_free(ex);
    }
    struct buf b = BUF_INIT;
    conv_str(msg, &b);
    val_free(msg);
    val_free(in->thrown);
    in->thrown = val_null();
    conv_fail(err, "ConvertToFinalInvalidCastException", "System.Management.Automation.PSInvalidCastException",
              "%s%s%s", prefix, buf_cstr(&b), suffix);
    buf_release(&b);
    return false;
}

static bool ctor_failed(struct interp *in, struct conv_error *err, uint32_t nargs)
{
    char prefix[96];
    snprintf(prefix, sizeof prefix, "Exception calling \".ctor\" with \"%u\" argument(s): \"", nargs);
    return error_to_conv(in, err, prefix, "\"");
}

bool ev_class_construct(struct interp *in, uint16_t type, const val *args, uint32_t nargs, val *out,
                        struct conv_error *err)
{
    struct class_def *c = class_of_type(in, type);
    if (!c)
        return conv_fail(err, "CannotFindAppropriateCtor", "System.Management.Automation.PSArgumentException",
                         "A constructor was not found. Cannot find an appropriate constructor for type %s.",
                         type_name(type));
    bool any = false, match = false;
    const struct ast_list *ms = &c->def->u.typedef_.members;
    for (uint32_t i = 0; i < ms->n; i++) {
        const struct ast_node *m = ms->v[i];
        if (m->kind == AST_METHOD && (m->u.method.flags & MEMBER_CONSTRUCTOR) && !is_static(m)) {
            any = true;
            match = match || m->u.method.params.n == nargs;
        }
    }
    if (!match && (any || nargs))
        return conv_fail(err, "CannotFindAppropriateCtor", "System.Management.Automation.PSArgumentException",
                         "A constructor was not found. Cannot find an appropriate constructor for type %s.", c->name);
    if (new_instance(in, NULL, c, args, nargs, out) != EV_OK)
        return ctor_failed(in, err, nargs);
    return true;
}

/* Does the parameter take v as it is: untyped, [object], or of v's type? */
static bool accepts(struct interp *in, const struct ast_node *pa, val v)
{
    for (uint32_t a = 0; a < pa->u.param.attrs.n; a++) {
        if (pa->u.param.attrs.v[a]->kind != AST_TYPE_CONSTRAINT)
            continue;
        uint16_t t;
        val saved = in->thrown;
        in->thrown = val_null();
        enum ev rc = ev_resolve_type(in, pa->u.param.attrs.v[a]->u.tc.type, &t);
        val_free(in->thrown);
        in->thrown = saved;
        if (rc)
            return false;
        if (t == TY_OBJECT || t == TY_PSOBJECT)
            return true;
        bool is = false;
        struct conv_error err;
        val tv = val_type(t);
        bool ok = ops_is(v, tv, &is, &err);
        val_free(tv);
        return ok && is;
    }
    return true;
}

bool ev_class_convert(struct interp *in, val v, uint16_t type, val *out, struct conv_error *err)
{
    struct class_def *c = class_of_type(in, type);
    if (!c)
        return conv_fail(err, "ConvertToFinalInvalidCastException", "System.Management.Automation.PSInvalidCastException",
                         "Cannot convert the value to type \"%s\".", type_name(type));
    if (val_kind(v) == VAL_HASHTABLE) {
        /* the default constructor, then each key sets its property */
        val o;
        if (new_instance(in, NULL, c, NULL, 0, &o) != EV_OK)
            return ctor_failed(in, err, 0);
        for (uint32_t i = 0; i < val_hash_len(v); i++) {
            struct buf k = BUF_INIT;
            conv_str(val_hash_key_at(v, i), &k);
            const struct class_prop *p = find_prop(c, buf_cstr(&k), NULL);
            if (!p || is_static(p->node)) {
                /* PowerShell lists the settable properties */
                struct buf avail = BUF_INIT;
                uint32_t count = 0;
                for (uint32_t j = 0; j < val_obj_len(o); j++) {
                    const char *pn = val_obj_name_at(o, j);
                    const struct class_prop *q = find_prop(c, pn, NULL);
                    if (q && (q->node->u.prop.flags & MEMBER_HIDDEN))
                        continue;
                    if (count++)
                        buf_puts(&avail, " , ");
                    buf_printf(&avail, "[%s <%s>]", pn, q && q->type ? type_name(q->type) : "System.Object");
                }
                conv_fail(err, "ObjectCreationError", "System.Management.Automation.PSInvalidCastException",
                          "Cannot create object of type \"%s\". The %s property was not found for the %s object. The available property is: %s",
                          c->name, buf_cstr(&k), c->name, buf_cstr(&avail));
                buf_release(&avail);
                buf_release(&k);
                val_free(o);
                return false;
            }
            val conv;
            if (p->type != TY_NONE) {
                struct conv_error e2;
                if (!conv_to_type(val_copy(val_hash_value_at(v, i)), p->type, &conv, &e2)) {
                    conv_fail(err, "ObjectCreationError", "System.Management.Automation.PSInvalidCastException",
                              "Cannot create object of type \"%s\". %s", c->name, e2.msg);
                    buf_release(&k);
                    val_free(o);
                    return false;
                }
            } else {
                conv = val_copy(val_hash_value_at(v, i));
            }
            char *nm = emsh_xstrndup(p->node->u.prop.name.s, p->node->u.prop.name.n);
            o = val_obj_set(o, nm, conv);
            free(nm);
            buf_release(&k);
        }
        *out = o;
        return true;
    }
    /* a constructor taking one argument of the value's type (or untyped), as PowerShell converts */
    const struct ast_list *ms = &c->def->u.typedef_.members;
    for (uint32_t i = 0; i < ms->n; i++) {
        const struct ast_node *m = ms->v[i];
        if (m->kind == AST_METHOD && (m->u.method.flags & MEMBER_CONSTRUCTOR) && !is_static(m) &&
            m->u.method.params.n == 1 && accepts(in, m->u.method.params.v[0], v)) {
            if (new_instance(in, NULL, c, &v, 1, out) != EV_OK) {
                struct buf b = BUF_INIT;
                conv_str(v, &b);
                struct buf prefix = BUF_INIT;
                buf_printf(&prefix, "Cannot convert value \"%s\" to type \"%s\". Error: \"", buf_cstr(&b), c->name);
                buf_release(&b);
                error_to_conv(in, err, buf_cstr(&prefix), "\"");
                buf_release(&prefix);
                return false;
            }
            return true;
        }
    }
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    conv_fail(err, "ConvertToFinalInvalidCastException", "System.Management.Automation.PSInvalidCastException",
              "Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", buf_cstr(&b), conv_type_name(v), c->name);
    buf_release(&b);
    return false;
}

/* }=== */

/* {=== members === */

/* Calls method m of c on obj (VAL_NOTHING: static) and converts its value to the return type. */
static enum ev call(struct interp *in, const struct ast_node *at, struct class_def *c, const struct ast_node *m,
                    val obj, const val *args, uint32_t nargs, val *out)
{
    char *nm = emsh_xstrndup(m->u.method.name.s, m->u.method.name.n);
    val *conv;
    enum ev rc = convert_args(in, at, m, nm, args, nargs, &conv);
    if (rc) {
        free_args(conv, nargs);
        free(nm);
        return rc;
    }
    struct method_call mc = {c->unit, m->u.method.body, &m->u.method.params, nm, obj, conv, nargs, NULL, NULL};
    struct sb_unit *saved = in->unit;
    in->unit = c->unit;
    val ret;
    rc = ev_call_method(in, at, &mc, &ret);
    in->unit = saved;
    free_args(conv, nargs);
    free(nm);
    if (rc)
        return rc;
    uint16_t rt = TY_VOID;
    if (m->u.method.ret && (rc = ev_resolve_type(in, m->u.method.ret, &rt))) {
        val_free(ret);
        return rc;
    }
    if (rt == TY_VOID) {
        val_free(ret);
        *out = val_nothing();
        return EV_OK;
    }
    if (val_kind(ret) == VAL_NOTHING)
        ret = val_null();
    return convert_for(in, at, rt, ret, out);
}

/* The method `name` of c or its bases taking nargs arguments; *named says whether any has the name. */
static const struct ast_node *find_method(struct class_def *c, const char *name, uint32_t nargs, bool want_static,
                                          bool *named, struct class_def **owner)
{
    *named = false;
    for (; c; c = c->base) {
        const struct ast_list *ms = &c->def->u.typedef_.members;
        for (uint32_t i = 0; i < ms->n; i++) {
            const struct ast_node *m = ms->v[i];
            if (m->kind != AST_METHOD || (m->u.method.flags & MEMBER_CONSTRUCTOR) || is_static(m) != want_static ||
                !same_name(&m->u.method.name, name))
                continue;
            *named = true;
            if (m->u.method.params.n == nargs) {
                *owner = c;
                return m;
            }
        }
    }
    return NULL;
}

enum ev ev_class_method(struct interp *in, const struct ast_node *at, val target, const char *name,
                        const val *args, uint32_t nargs, val *out, bool *handled)
{
    *handled = false;
    bool stat = val_kind(target) == VAL_TYPE;
    struct class_def *c = stat ? class_of_type(in, target.aux) : class_of(in, target);
    if (!c)
        return EV_OK;
    if (!stat && in->dispatch_from) {
        /* called through a cast to a base class: that class's method, not an override */
        struct class_def *b = class_of_type(in, in->dispatch_from);
        in->dispatch_from = TY_NONE;
        for (struct class_def *k = c; k && b; k = k->base)
            if (k == b) {
                c = b;
                break;
            }
    }
    if (stat && text_ieq(name, strlen(name), "new", 3)) {
        *handled = true;
        return new_instance(in, at, c, args, nargs, out);
    }
    bool named;
    struct class_def *owner;
    const struct ast_node *m = find_method(c, name, nargs, stat, &named, &owner);
    if (!m) {
        if (named) {
            *handled = true;
            return no_overload(in, at, name, nargs);
        }
        return EV_OK;
    }
    *handled = true;
    return call(in, at, owner, m, stat ? val_nothing() : target, args, nargs, out);
}

bool ev_class_to_string(struct interp *in, val obj, struct buf *out)
{
    struct class_def *c = class_of(in, obj);
    if (!c)
        return false;
    bool named;
    struct class_def *owner;
    const struct ast_node *m = find_method(c, "ToString", 0, false, &named, &owner);
    if (!m) {
        buf_puts(out, c->name); /* Object.ToString(): the type's name */
        return true;
    }
    val r;
    val saved = in->thrown;
    in->thrown = val_null();
    if (call(in, NULL, owner, m, obj, NULL, 0, &r) == EV_OK) {
        conv_str(r, out);
        val_free(r);
    } else {
        val_free(in->thrown);
    }
    in->thrown = saved;
    return true;
}

enum ev ev_class_static_get(struct interp *in, const struct ast_node *at, uint16_t type, const char *name,
                            val *out, bool *handled)
{
    (void)at;
    *handled = false;
    for (struct class_def *c = class_of_type(in, type); c; c = c->base) {
        val k = val_str_new(name);
        if (val_hash_has(c->statics, k)) {
            *out = val_hash_get(c->statics, k);
            *handled = true;
            return EV_OK;
        }
        val_free(k);
    }
    return EV_OK;
}

enum ev ev_class_static_set(struct interp *in, const struct ast_node *at, uint16_t type, const char *name,
                            val value, bool *handled)
{
    *handled = false;
    for (struct class_def *c = class_of_type(in, type); c; c = c->base) {
        struct class_def *owner;
        const struct class_prop *p = find_prop(c, name, &owner);
        if (!p || owner != c || !is_static(p->node))
            continue;
        *handled = true;
        val conv;
        enum ev rc = convert_for(in, at, p->type, value, &conv);
        if (rc)
            return rc;
        c->statics = val_hash_set(c->statics, val_str_n(p->node->u.prop.name.s, p->node->u.prop.name.n), conv);
        return EV_OK;
    }
    val_free(value);
    return EV_OK;
}

enum ev ev_class_member_set(struct interp *in, const struct ast_node *at, val obj, const char *name, val value,
                            bool *handled)
{
    *handled = false;
    struct class_def *c = class_of(in, obj);
    if (!c)
        return EV_OK;
    const struct class_prop *p = find_prop(c, name, NULL);
    if (!p || is_static(p->node))
        return EV_OK; /* the caller reports the missing property */
    *handled = true;
    val conv;
    if (p->type == TY_NONE) {
        conv = val_kind(value) == VAL_NOTHING ? val_null() : value;
    } else {
        struct conv_error err;
        if (!conv_to_type(val_kind(value) == VAL_NOTHING ? val_null() : value, p->type, &conv, &err)) {
            struct buf m = BUF_INIT;
            buf_printf(&m, "Exception setting \"%s\": \"%s\"", name, err.msg);
            struct err_spec spec = {buf_cstr(&m), "ExceptionWhenSetting", "NotSpecified",
                                    "System.Management.Automation.SetValueInvocationException", val_nothing(), NULL};
            enum ev rc = ev_throw(in, at, &spec);
            buf_release(&m);
            return rc;
        }
    }
    char *nm = emsh_xstrndup(p->node->u.prop.name.s, p->node->u.prop.name.n);
    val_obj_set(obj, nm, conv);
    free(nm);
    return EV_OK;
}

bool ev_is_class_instance(struct interp *in, val obj)
{
    return class_of(in, obj) != NULL;
}

/* A type as Get-Member writes it: its accelerator when it has one (int, string[]). */
static void short_type(uint16_t t, struct buf *out)
{
    const struct type_info *ti = type_get(t);
    if (ti && ti->kind == TK_ARRAY) {
        short_type(ti->elem, out);
        buf_puts(out, "[]");
        return;
    }
    buf_puts(out, ti && ti->alias ? ti->alias : type_name(t));
}

/*
** The members of a class instance as Get-Member shows them: an array of
** [name, MemberType, definition] triples (properties, then methods).
*/
val ev_class_members(struct interp *in, val obj)
{
    struct class_def *c = class_of(in, obj);
    if (!c)
        return val_nothing();
    val out = val_arr_new();
    for (struct class_def *b = c; b; b = b->base) {
        for (uint32_t i = 0; i < b->nprops; i++) {
            const struct ast_node *m = b->props[i].node;
            if (is_static(m) || (m->u.prop.flags & MEMBER_HIDDEN))
                continue;
            val row = val_arr_new();
            row = val_arr_push(row, val_str_n(m->u.prop.name.s, m->u.prop.name.n));
            row = val_arr_push(row, val_str_new("Property"));
            struct buf d = BUF_INIT;
            short_type(b->props[i].type ? b->props[i].type : TY_OBJECT, &d);
            buf_printf(&d, " %.*s {get;set;}", (int)m->u.prop.name.n, m->u.prop.name.s);
            row = val_arr_push(row, val_str_buf(&d));
            out = val_arr_push(out, row);
        }
        const struct ast_list *ms = &b->def->u.typedef_.members;
        for (uint32_t i = 0; i < ms->n; i++) {
            const struct ast_node *m = ms->v[i];
            if (m->kind != AST_METHOD || (m->u.method.flags & (MEMBER_CONSTRUCTOR | MEMBER_HIDDEN)) || is_static(m))
                continue;
            struct buf d = BUF_INIT;
            uint16_t rt = TY_VOID;
            if (m->u.method.ret)
                ev_resolve_type(in, m->u.method.ret, &rt);
            short_type(rt, &d);
            buf_printf(&d, " %.*s(", (int)m->u.method.name.n, m->u.method.name.s);
            for (uint32_t k = 0; k < m->u.method.params.n; k++) {
                const struct ast_node *pa = m->u.method.params.v[k];
                uint16_t pt = TY_OBJECT;
                for (uint32_t a = 0; a < pa->u.param.attrs.n; a++)
                    if (pa->u.param.attrs.v[a]->kind == AST_TYPE_CONSTRAINT)
                        ev_resolve_type(in, pa->u.param.attrs.v[a]->u.tc.type, &pt);
                if (k)
                    buf_puts(&d, ", ");
                short_type(pt, &d);
                buf_printf(&d, " %.*s", (int)pa->u.param.var->u.var.name.n, pa->u.param.var->u.var.name.s);
            }
            buf_putc(&d, ')');
            /* overloads share a row: "string Describe(), string Describe(string prefix)" */
            bool merged = false;
            for (uint32_t r = 0; r < val_arr_len(out) && !merged; r++) {
                val row = val_arr_items(out)[r];
                const val *cells = val_arr_items(row);
                if (strcmp(val_str(cells[1]), "Method") || !same_name(&m->u.method.name, val_str(cells[0])))
                    continue;
                merged = true;
                /* an override hides the base's method of the same signature */
                const char *defs = val_str(cells[2]);
                const char *hit = strstr(defs, buf_cstr(&d));
                size_t dl = d.len;
                if (hit && (hit == defs || hit[-1] == ' ') && (hit[dl] == '\0' || hit[dl] == ','))
                    break;
                val joined = val_str_printf("%s, %s", defs, buf_cstr(&d));
                val_arr_set(row, 2, joined);
            }
            if (!merged) {
                val row = val_arr_new();
                row = val_arr_push(row, val_str_n(m->u.method.name.s, m->u.method.name.n));
                row = val_arr_push(row, val_str_new("Method"));
                row = val_arr_push(row, val_str_n(d.s, d.len));
                out = val_arr_push(out, row);
            }
            buf_release(&d);
        }
    }
    return out;
}

/* }=== */

/* }================================================================== */

/* An instance as formatting shows it: without its hidden properties (a new reference). */
val ev_class_view(struct interp *in, val obj)
{
    struct class_def *c = class_of(in, obj);
    bool any = false;
    for (uint32_t i = 0; c && i < val_obj_len(obj) && !any; i++) {
        const struct class_prop *p = find_prop(c, val_obj_name_at(obj, i), NULL);
        any = p && (p->node->u.prop.flags & MEMBER_HIDDEN);
    }
    if (!any)
        return val_copy(obj);
    val r = val_obj_new(val_obj_type_at(obj, 0));
    for (uint32_t i = 1; i < val_obj_ntypes(obj); i++)
        r = val_obj_add_type(r, val_obj_type_at(obj, i));
    for (uint32_t i = 0; i < val_obj_len(obj); i++) {
        const struct class_prop *p = find_prop(c, val_obj_name_at(obj, i), NULL);
        if (!(p && (p->node->u.prop.flags & MEMBER_HIDDEN)))
            r = val_obj_set(r, val_obj_name_at(obj, i), val_copy(val_obj_value_at(obj, i)));
    }
    return r;
}
