/*
** errors.c - building and rendering ErrorRecords (see errors.h).
*/
#include "errors.h"
#include "conv.h"
#include "parse.h"
#include "text.h"
#include "types.h"

#include <string.h>

static const char ERRORRECORD[] = "System.Management.Automation.ErrorRecord";

/* The last dotted part of a type name. */
static const char *short_name(const char *full)
{
    const char *dot = strrchr(full, '.');
    return dot ? dot + 1 : full;
}

static val exception_object(const char *type, const char *message)
{
    /* type names most derived first: collect the chain, then prepend it */
    const char *chain[32];
    int n = 0;
    uint16_t id = type_lookup(type, strlen(type));
    const struct type_info *ti = id ? type_get(id) : NULL;
    while (ti && ti->base && ti->base != TY_OBJECT && n < 32) {
        ti = type_get(ti->base);
        if (ti)
            chain[n++] = ti->name;
    }
    val e = val_obj_new(n ? chain[n - 1] : type);
    for (int i = n - 2; i >= 0; i--)
        e = val_obj_insert_type(e, chain[i]);
    if (n)
        e = val_obj_insert_type(e, type);
    e = val_obj_set(e, "Message", val_str_new(message));
    e = val_obj_set(e, "\x01ToString", val_str_printf("%s: %s", type, message));
    return e;
}

val err_record(const struct err_spec *spec, struct sb_unit *su, const struct ast_node *at)
{
    const char *exc = spec->exception ? spec->exception : "System.Management.Automation.RuntimeException";
    const char *cat = spec->category ? spec->category : "NotSpecified";
    val r = val_obj_new(ERRORRECORD);
    r = val_obj_set(r, "Exception", exception_object(exc, spec->message));
    r = val_obj_set(r, "TargetObject", val_kind(spec->target) == VAL_NOTHING ? val_null() : val_copy(spec->target));
    struct buf id = BUF_INIT;
    buf_puts(&id, spec->id ? spec->id : short_name(exc));
    if (spec->class_name || spec->command) {
        buf_putc(&id, ',');
        buf_puts(&id, spec->class_name ? spec->class_name : spec->command);
    }
    r = val_obj_set(r, "FullyQualifiedErrorId", val_str_buf(&id));

    /* CategoryInfo, and its one-line form */
    val ci = val_obj_new("System.Management.Automation.ErrorCategoryInfo");
    ci = val_obj_set(ci, "Category", val_str_new(cat));
    ci = val_obj_set(ci, "Activity", val_str_new(spec->command ? spec->command : ""));
    ci = val_obj_set(ci, "Reason", val_str_new(short_name(exc)));
    struct buf tn = BUF_INIT, tt = BUF_INIT;
    if (!val_is_null(spec->target)) {
        conv_str(spec->target, &tn);
        buf_puts(&tt, short_name(conv_type_name(spec->target)));
    }
    ci = val_obj_set(ci, "TargetName", val_str_new(buf_cstr(&tn)));
    ci = val_obj_set(ci, "TargetType", val_str_new(buf_cstr(&tt)));
    ci = val_obj_set(ci, "\x01ToString",
                     val_str_printf("%s: (%s:%s) [%s], %s", cat, buf_cstr(&tn), buf_cstr(&tt),
                                    spec->command ? spec->command : "", short_name(exc)));
    buf_release(&tn);
    buf_release(&tt);
    r = val_obj_set(r, "CategoryInfo", ci);

    /* InvocationInfo: where it happened */
    val inv = val_obj_new("System.Management.Automation.InvocationInfo");
    struct parse_unit *u = su ? sb_unit_parse(su) : NULL;
    if (u && at) {
        uint32_t line, col;
        sb_unit_linecol(su, at->start, &line, &col);
        uint32_t ls = at->start, le;
        while (ls > 0 && u->src[ls - 1] != '\n' && u->src[ls - 1] != '\r')
            ls--;
        le = at->start;
        while (le < u->len && u->src[le] != '\n' && u->src[le] != '\r')
            le++;
        struct buf pm = BUF_INIT;
        if (u->name)
            buf_printf(&pm, "At %s:%u char:%u\n", u->name, line, col);
        else
            buf_printf(&pm, "At line:%u char:%u\n", line, col);
        buf_puts(&pm, "+ ");
        buf_add(&pm, u->src + ls, le - ls);
        buf_puts(&pm, "\n+ ");
        for (uint32_t k = 1; k < col; k++)
            buf_putc(&pm, ' ');
        uint32_t end = at->end < le ? at->end : le;
        uint32_t w = 0;
        for (uint32_t k = at->start; k < end; k++)
            if (((unsigned char)u->src[k] & 0xC0) != 0x80)
                w++;
        for (uint32_t k = 0; k < (w ? w : 1); k++)
            buf_putc(&pm, '~');
        inv = val_obj_set(inv, "ScriptName", val_str_new(u->name ? u->name : ""));
        inv = val_obj_set(inv, "ScriptLineNumber", val_int((int32_t)line));
        inv = val_obj_set(inv, "OffsetInLine", val_int((int32_t)col));
        inv = val_obj_set(inv, "Line", val_str_n(u->src + ls, le - ls));
        inv = val_obj_set(inv, "PositionMessage", val_str_buf(&pm));
    }
    inv = val_obj_set(inv, "InvocationName", val_str_new(spec->command ? spec->command : ""));
    r = val_obj_set(r, "InvocationInfo", inv);
    r = val_obj_set(r, "\x01ToString", val_str_new(spec->message));
    return r;
}

val err_from_value(val thrown, struct sb_unit *su, const struct ast_node *at)
{
    if (val_kind(thrown) == VAL_OBJECT && val_obj_ntypes(thrown) &&
        strcmp(val_obj_type_at(thrown, 0), ERRORRECORD) == 0)
        return val_copy(thrown);
    struct buf msg = BUF_INIT;
    const char *exc = "System.Management.Automation.RuntimeException";
    val m = val_nothing();
    if (val_kind(thrown) == VAL_OBJECT && val_obj_has(thrown, "Message")) {
        m = val_obj_get(thrown, "Message");
        conv_str(m, &msg);
        exc = val_obj_type_at(thrown, 0);
    } else if (val_is_null(thrown)) {
        buf_puts(&msg, "ScriptHalted");
    } else {
        conv_str(thrown, &msg);
    }
    struct err_spec spec = {buf_cstr(&msg), val_kind(thrown) == VAL_STRING ? buf_cstr(&msg) : NULL,
                            "OperationStopped", exc, thrown, NULL};
    if (val_is_null(thrown))
        spec.id = "ScriptHalted";
    val r = err_record(&spec, su, at);
    if (val_kind(thrown) == VAL_OBJECT && val_obj_has(thrown, "Message"))
        r = val_obj_set(r, "Exception", val_copy(thrown));
    val_free(m);
    buf_release(&msg);
    return r;
}

const char *err_message(val record)
{
    static char buf[4096];
    val e = val_obj_get(record, "Exception");
    val m = val_obj_get(e, "Message");
    const char *s = "";
    if (val_kind(m) == VAL_STRING) {
        size_t n = val_str_len(m) < sizeof buf - 1 ? val_str_len(m) : sizeof buf - 1;
        memcpy(buf, val_str(m), n);
        buf[n] = '\0';
        s = buf;
    }
    val_free(m);
    val_free(e);
    return s;
}

bool err_is(val record, const char *type_name)
{
    /* the exception and its inner exceptions, as PowerShell's catch looks */
    val e = val_obj_get(record, "Exception");
    bool r = false;
    for (int depth = 0; val_kind(e) == VAL_OBJECT && !r && depth < 16; depth++) {
        for (uint32_t i = 0; i < val_obj_ntypes(e); i++)
            if (text_ieq(val_obj_type_at(e, i), strlen(val_obj_type_at(e, i)), type_name, strlen(type_name)))
                r = true;
        val inner = val_obj_get(e, "InnerException");
        val_free(e);
        e = inner;
    }
    val_free(e);
    return r;
}

void err_render(val record, struct buf *out)
{
    val inv = val_obj_get(record, "InvocationInfo");
    val name = val_obj_get(inv, "InvocationName");
    val pos = val_obj_get(inv, "PositionMessage");
    val ci = val_obj_get(record, "CategoryInfo");
    val id = val_obj_get(record, "FullyQualifiedErrorId");
    if (val_str_len(name)) {
        buf_add(out, val_str(name), val_str_len(name));
        buf_puts(out, " : ");
    }
    buf_puts(out, err_message(record));
    buf_putc(out, '\n');
    if (val_str_len(pos)) {
        buf_add(out, val_str(pos), val_str_len(pos));
        buf_putc(out, '\n');
    }
    buf_puts(out, "    + CategoryInfo          : ");
    conv_str(ci, out);
    buf_puts(out, "\n    + FullyQualifiedErrorId : ");
    conv_str(id, out);
    buf_puts(out, "\n \n");
    val_free(inv);
    val_free(name);
    val_free(pos);
    val_free(ci);
    val_free(id);
}
