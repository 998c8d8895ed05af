/*
** conv.c - PowerShell's conversions (see conv.h).
**
** The rules are those of System.Management.Automation.LanguagePrimitives as
** a script sees them: strings are true when not empty, arrays by their
** elements, numbers print with the invariant culture, a DateTime cast to a
** string prints "MM/dd/yyyy HH:mm:ss", a string becomes a number only when
** all of it is one. Dates, time spans and number formats are delegated to
** datetime.c and netfmt.c.
*/
#include "conv.h"
#include "datetime.h"
#include "netaddr.h"
#include "netfmt.h"
#include "parse.h"
#include "text.h"
#include "uri.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *ofs_text;

enum dt_kind conv_dt_kind(val v)
{
    return (v.flags & VF_UTC) ? DT_UTC : (v.flags & VF_LOCAL) ? DT_LOCAL : DT_UNSPECIFIED;
}

unsigned conv_dt_flags(enum dt_kind k)
{
    return k == DT_UTC ? VF_UTC : k == DT_LOCAL ? VF_LOCAL : 0;
}

void conv_set_ofs(const char *ofs)
{
    free(ofs_text);
    ofs_text = ofs ? emsh_xstrndup(ofs, strlen(ofs)) : NULL;
}

bool conv_fail(struct conv_error *err, const char *id, const char *exception, const char *fmt, ...)
{
    if (!err)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->id = id;
    err->exception = exception;
    return false;
}

bool conv_truthy(val v)
{
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        return false;
    case VAL_BOOL:
    case VAL_SWITCH:
        return v.u.b;
    case VAL_INT:
    case VAL_LONG:
    case VAL_CHAR:
    case VAL_ENUM:
        return v.u.i != 0;
    case VAL_DOUBLE:
        return v.u.d != 0;
    case VAL_DECIMAL:
        return !dec_is_zero(val_dec_get(v));
    case VAL_STRING:
        return val_str_len(v) != 0;
    case VAL_ARRAY: {
        uint32_t n = val_arr_len(v);
        if (n == 0)
            return false;
        if (n == 1)
            return conv_truthy(val_arr_items(v)[0]);
        return true;
    }
    default:
        return true;
    }
}

/*
** {==================================================================
** To string
** ===================================================================
*/

static void guid_str(val v, struct buf *out)
{
    const uint8_t *b = val_guid_bytes(v);
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            buf_putc(out, '-');
        buf_printf(out, "%02x", b[i]);
    }
}

/* "1.5 GB (1,610,612,736 bytes)", as Exchange's ByteQuantifiedSize prints. */
static void bytesize_str(uint64_t bytes, struct buf *out)
{
    static const char *const units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
    int u = 0;
    double x = (double)bytes;
    while (u < 5 && x >= 1024.0) {
        x /= 1024.0;
        u++;
    }
    char num[64];
    snprintf(num, sizeof num, "%.3f", x);
    char *dot = strchr(num, '.');
    if (dot) {
        char *e = num + strlen(num);
        while (e > dot + 1 && e[-1] == '0')
            *--e = '\0';
        if (e == dot + 1)
            *dot = '\0';
    }
    buf_printf(out, "%s %s (", num, units[u]);
    nf_format_uint(out, bytes, 64, "N0");
    buf_puts(out, " bytes)");
}

static void enum_str(val v, struct buf *out)
{
    const struct type_info *t = type_get(v.aux);
    const char *name = type_enum_name(v.aux, v.u.i);
    if (name) {
        buf_puts(out, name);
        return;
    }
    if (t && t->flags && v.u.i) {
        /* a combination of flags: their names, largest first, as .NET prints */
        int64_t rest = v.u.i;
        struct buf parts = BUF_INIT;
        for (uint32_t i = t->nnames; i-- > 0;) {
            int64_t f = t->values[i];
            if (f && (rest & f) == f) {
                if (parts.len) {
                    struct buf tmp = BUF_INIT;
                    buf_puts(&tmp, t->names[i]);
                    buf_puts(&tmp, ", ");
                    buf_add(&tmp, parts.s, parts.len);
                    buf_release(&parts);
                    parts = tmp;
                } else {
                    buf_puts(&parts, t->names[i]);
                }
                rest &= ~f;
            }
        }
        if (rest == 0) {
            buf_add(out, buf_cstr(&parts), parts.len);
            buf_release(&parts);
            return;
        }
        buf_release(&parts);
    }
    buf_printf(out, "%lld", (long long)v.u.i);
}

static struct conv_hooks hooks;

void conv_set_hooks(const struct conv_hooks *h)
{
    if (h)
        hooks = *h;
    else
        memset(&hooks, 0, sizeof hooks);
}

void conv_clear_hooks(void *ud)
{
    if (hooks.ud == ud)
        memset(&hooks, 0, sizeof hooks);
}

val conv_resolved(val obj)
{
    if (hooks.resolve && val_kind(obj) == VAL_OBJECT)
        return hooks.resolve(hooks.ud, obj);
    return val_copy(obj);
}

val conv_class_members(val obj)
{
    return hooks.members ? hooks.members(hooks.ud, obj) : val_nothing();
}

bool conv_construct(uint16_t type, const val *args, uint32_t nargs, val *out, struct conv_error *err)
{
    if (!hooks.construct)
        return conv_fail(err, "CannotFindAppropriateCtor", "System.Management.Automation.PSArgumentException",
                         "A constructor was not found. Cannot find an appropriate constructor for type %s.",
                         type_name(type));
    return hooks.construct(hooks.ud, type, args, nargs, out, err);
}

static void bag_str(val v, struct buf *out);

static void obj_str(val v, struct buf *out)
{
    if (hooks.to_string && hooks.to_string(hooks.ud, v, out))
        return;
    val r = conv_resolved(v);
    bag_str(r, out);
    val_free(r);
}

static void bag_str(val v, struct buf *out)
{
    /* A record with a ToString value set by its producer prints that. */
    val ts = val_obj_get(v, "\x01ToString");
    if (val_kind(ts) == VAL_STRING) {
        buf_add(out, val_str(ts), val_str_len(ts));
        val_free(ts);
        return;
    }
    val_free(ts);
    /* a property bag (a PSCustomObject, whatever type names it carries in
       front) prints its properties; a typed record its type name */
    const char *type = val_obj_ntypes(v) ? val_obj_type_at(v, 0) : "";
    bool bag = false;
    for (uint32_t i = 0; i < val_obj_ntypes(v); i++)
        if (strcmp(val_obj_type_at(v, i), "System.Management.Automation.PSCustomObject") == 0)
            bag = true;
    if (!bag) {
        buf_puts(out, type);
        return;
    }
    buf_puts(out, "@{");
    for (uint32_t i = 0, k = 0; i < val_obj_len(v); i++) {
        const char *name = val_obj_name_at(v, i);
        if (name[0] == '\x01')
            continue;
        if (k++)
            buf_puts(out, "; ");
        buf_puts(out, name);
        buf_putc(out, '=');
        conv_str(val_obj_value_at(v, i), out);
    }
    buf_putc(out, '}');
}

void conv_str(val v, struct buf *out)
{
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        return;
    case VAL_BOOL:
    case VAL_SWITCH:
        buf_puts(out, v.u.b ? "True" : "False");
        return;
    case VAL_INT:
    case VAL_LONG: {
        /* decimal digits without printf: numbers are converted in bulk by formatting */
        char d[24];
        size_t k = sizeof d;
        uint64_t m = v.u.i < 0 ? 0 - (uint64_t)v.u.i : (uint64_t)v.u.i;
        do {
            d[--k] = (char)('0' + m % 10);
            m /= 10;
        } while (m);
        if (v.u.i < 0)
            d[--k] = '-';
        buf_add(out, d + k, sizeof d - k);
        return;
    }
    case VAL_DOUBLE:
        nf_format_double(out, v.u.d, NULL);
        return;
    case VAL_DECIMAL:
        nf_format_decimal(out, val_dec_get(v), NULL);
        return;
    case VAL_CHAR:
        buf_put_utf8(out, (uint32_t)v.u.i);
        return;
    case VAL_STRING:
        buf_add(out, val_str(v), val_str_len(v));
        return;
    case VAL_TIMESPAN:
        ts_format(out, v.u.i, NULL);
        return;
    case VAL_DATETIME:
        dt_format(out, v.u.i, conv_dt_kind(v), "MM/dd/yyyy HH:mm:ss", DT_INVARIANT);
        return;
    case VAL_GUID:
        guid_str(v, out);
        return;
    case VAL_BYTESIZE:
        bytesize_str((uint64_t)v.u.i, out);
        return;
    case VAL_ENUM:
        enum_str(v, out);
        return;
    case VAL_ARRAY: {
        const val *items = val_arr_items(v);
        const char *sep = ofs_text ? ofs_text : " ";
        for (uint32_t i = 0; i < val_arr_len(v); i++) {
            if (i)
                buf_puts(out, sep);
            conv_str(items[i], out);
        }
        return;
    }
    case VAL_HASHTABLE:
        buf_puts(out, val_hash_type(v) ? type_name(val_hash_type(v))
                      : (v.flags & VF_ORDERED) ? "System.Collections.Specialized.OrderedDictionary"
                                               : "System.Collections.Hashtable");
        return;
    case VAL_OBJECT:
        obj_str(v, out);
        return;
    case VAL_SCRIPTBLOCK: {
        const struct ast_node *b = val_sb_body(v);
        struct parse_unit *u = sb_unit_parse(val_sb_unit(v));
        if (b && u) {
            /* the text between the braces */
            uint32_t s = b->start, e = b->end;
            if (s < u->len && u->src[s] == '{' && e > s + 1 && u->src[e - 1] == '}') {
                s++;
                e--;
            }
            buf_add(out, u->src + s, e - s);
        }
        return;
    }
    case VAL_TYPE:
        buf_puts(out, type_name(v.aux));
        return;
    default:
        return;
    }
}

val conv_to_str(val v)
{
    if (val_kind(v) == VAL_STRING)
        return v;
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    val_free(v);
    return val_str_buf(&b);
}

void conv_quote(val v, struct buf *out)
{
    buf_putc(out, '"');
    conv_str(v, out);
    buf_putc(out, '"');
}

/* }================================================================== */

uint16_t conv_type_of(val v)
{
    switch (val_kind(v)) {
    case VAL_BOOL: return TY_BOOL;
    case VAL_INT: return TY_INT;
    case VAL_LONG: return TY_LONG;
    case VAL_DOUBLE: return TY_DOUBLE;
    case VAL_DECIMAL: return TY_DECIMAL;
    case VAL_CHAR: return TY_CHAR;
    case VAL_STRING: return TY_STRING;
    case VAL_TIMESPAN: return TY_TIMESPAN;
    case VAL_DATETIME: return TY_DATETIME;
    case VAL_GUID: return TY_GUID;
    case VAL_BYTESIZE: return TY_BYTESIZE;
    case VAL_ENUM: return v.aux;
    case VAL_SWITCH: return TY_SWITCH;
    case VAL_ARRAY:
        switch (val_arr_flavour(v)) {
        case ARR_ARRAYLIST:
            return TY_ARRAYLIST;
        case ARR_LIST:
        case ARR_QUEUE:
        case ARR_STACK:
        case ARR_HASHSET: {
            static const enum type_kind kinds[] = {[ARR_LIST] = TK_LIST, [ARR_QUEUE] = TK_QUEUE,
                                                   [ARR_STACK] = TK_STACK, [ARR_HASHSET] = TK_HASHSET};
            const char *et = val_arr_elem_type(v);
            uint16_t e = et ? type_lookup(et, strlen(et)) : TY_NONE;
            /* a List's T, or an element type unknown here: object */
            if ((et && !e) || (!e && val_arr_flavour(v) == ARR_LIST))
                e = TY_OBJECT;
            return type_collection(kinds[val_arr_flavour(v)], e);
        }
        default: {
            const char *et = val_arr_elem_type(v);
            uint16_t e = et ? type_lookup(et, strlen(et)) : TY_OBJECT;
            return type_array_of(e ? e : TY_OBJECT);
        }
        }
    case VAL_HASHTABLE:
        if (val_hash_type(v))
            return val_hash_type(v);
        return (v.flags & VF_ORDERED) ? TY_ORDERED : TY_HASHTABLE;
    case VAL_OBJECT: {
        const char *t = val_obj_ntypes(v) ? val_obj_type_at(v, 0) : "";
        uint16_t id = type_lookup(t, strlen(t));
        return id ? id : TY_PSCUSTOMOBJECT;
    }
    case VAL_SCRIPTBLOCK: return TY_SCRIPTBLOCK;
    case VAL_TYPE: return TY_TYPE;
    default: return TY_OBJECT;
    }
}

const char *conv_type_name(val v)
{
    if (val_kind(v) == VAL_OBJECT && val_obj_ntypes(v))
        return val_obj_type_at(v, 0);
    if (val_kind(v) == VAL_TYPE)
        return "System.RuntimeType";
    return type_name(conv_type_of(v));
}

/*
** {==================================================================
** Numbers
** ===================================================================
*/

bool conv_parse_number(const char *s, size_t n, val *out)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (n == 0) {
        *out = val_int(0);
        return true;
    }
    /* the language's own number syntax, with an optional sign */
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n)
        return false;
    bool hex = n - i > 2 && s[i] == '0' && (s[i + 1] | 0x20) == 'x';
    size_t j = i;
    if (hex) {
        j += 2;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'f')))
            j++;
    } else {
        bool digits = false;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++, digits = true;
        if (j < n && s[j] == '.') {
            j++;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++, digits = true;
        }
        if (!digits)
            return false;
        if (j < n && (s[j] | 0x20) == 'e') {
            size_t k = j + 1;
            if (k < n && (s[k] == '+' || s[k] == '-'))
                k++;
            if (k < n && s[k] >= '0' && s[k] <= '9') {
                while (k < n && s[k] >= '0' && s[k] <= '9')
                    k++;
                j = k;
            }
        }
    }
    /* optional suffix and multiplier, then nothing */
    size_t k = j;
    if (k < n && strchr("lLdD", s[k]) && !hex)
        k++;
    if (k + 2 <= n && (s[k + 1] | 0x20) == 'b' && strchr("kKmMgGtTpP", s[k]))
        k += 2;
    if (k != n)
        return false;
    struct lex_number num;
    char tmp[128];
    if (n - i >= sizeof tmp)
        return false;
    memcpy(tmp, s + i, n - i);
    tmp[n - i] = '\0';
    if (!lex_number_value(tmp, n - i, &num))
        return false;
    switch (num.kind) {
    case NUM_INT32:
        *out = val_int((int32_t)(neg ? -num.i : num.i));
        if (neg && num.i == 2147483648LL)
            *out = val_int(INT32_MIN);
        return true;
    case NUM_DOUBLE:
        *out = val_double(neg ? -num.d : num.d);
        return true;
    case NUM_DECIMAL: {
        /* the exact digits (without the d suffix) when they parse as a decimal */
        struct dec d;
        size_t tn = n - i;
        while (tn && (tmp[tn - 1] == 'd' || tmp[tn - 1] == 'D'))
            tn--;
        if (dec_parse(tmp, tn, &d) != DEC_OK && dec_from_double(num.d, &d) != DEC_OK)
            return false;
        *out = val_dec(neg ? dec_neg(d) : d);
        return true;
    }
    default:
        if (neg && num.i == 2147483648LL) {
            *out = val_int(INT32_MIN);
            return true;
        }
        *out = val_long(neg ? -num.i : num.i);
        return true;
    }
}

bool conv_to_number(val v, val *out, struct conv_error *err)
{
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        *out = val_int(0);
        return true;
    case VAL_BOOL:
    case VAL_SWITCH:
        *out = val_int(v.u.b ? 1 : 0);
        return true;
    case VAL_INT:
    case VAL_LONG:
    case VAL_DOUBLE:
    case VAL_DECIMAL:
        *out = v;
        return true;
    case VAL_CHAR:
        *out = val_int((int32_t)v.u.i);
        return true;
    case VAL_ENUM:
        *out = val_int((int32_t)v.u.i);
        return true;
    case VAL_BYTESIZE:
        *out = val_long(v.u.i);
        return true;
    case VAL_STRING:
        if (conv_parse_number(val_str(v), val_str_len(v), out))
            return true;
        return conv_fail(err, "InvalidCastFromStringToInteger", "System.Management.Automation.PSInvalidCastException",
                         "Cannot convert value \"%s\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"",
                         val_str(v));
    case VAL_ARRAY:
        if (val_arr_len(v) == 1)
            return conv_to_number(val_arr_items(v)[0], out, err);
        return conv_fail(err, "ConvertToFinalInvalidCastException", "System.Management.Automation.PSInvalidCastException",
                         "Cannot convert the \"%s\" value of type \"%s\" to type \"System.Int32\".",
                         "System.Object[]", conv_type_name(v));
    default: {
        struct buf b = BUF_INIT;
        conv_str(v, &b);
        conv_fail(err, "ConvertToFinalInvalidCastException", "System.Management.Automation.PSInvalidCastException",
                  "Cannot convert the \"%s\" value of type \"%s\" to type \"System.Int32\".",
                  buf_cstr(&b), conv_type_name(v));
        buf_release(&b);
        return false;
    }
    }
}

/* Rounds half to even, as .NET's Convert and PowerShell's [int] casts do. */
static double round_even(double d)
{
    double r = nearbyint(d); /* the default rounding mode is to nearest, ties to even */
    return r;
}

static bool range_fail(val v, const char *type, struct conv_error *err)
{
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    conv_fail(err, "InvalidCastIConvertible", "System.Management.Automation.PSInvalidCastException",
              "Cannot convert value \"%s\" to type \"%s\". Error: \"Value was either too large or too small for %s.\"",
              buf_cstr(&b), type,
              strcmp(type, "System.Int32") == 0 ? "an Int32." : strcmp(type, "System.Int64") == 0 ? "an Int64." : "the type.");
    buf_release(&b);
    return false;
}

bool conv_to_int64(val v, int64_t *out, struct conv_error *err)
{
    val n;
    if (!conv_to_number(v, &n, err))
        return false;
    switch (val_kind(n)) {
    case VAL_DECIMAL:
        if (!dec_to_int64(val_dec_get(n), out))
            return range_fail(v, "System.Int64", err);
        return true;
    case VAL_DOUBLE:
        if (!(n.u.d >= -9223372036854775808.0 && n.u.d < 9223372036854775808.0))
            return range_fail(v, "System.Int64", err);
        *out = (int64_t)round_even(n.u.d);
        return true;
    default:
        *out = n.u.i;
        return true;
    }
}

bool conv_to_int32(val v, int32_t *out, struct conv_error *err)
{
    int64_t x;
    val n;
    if (!conv_to_number(v, &n, err))
        return false;
    if (val_kind(n) == VAL_DECIMAL) {
        if (!dec_to_int64(val_dec_get(n), &x) || x < INT32_MIN || x > INT32_MAX)
            return range_fail(v, "System.Int32", err);
        *out = (int32_t)x;
        return true;
    }
    if (val_kind(n) == VAL_DOUBLE) {
        double r = round_even(n.u.d);
        if (!(r >= -2147483648.0 && r <= 2147483647.0))
            return range_fail(v, "System.Int32", err);
        *out = (int32_t)r;
        return true;
    }
    x = n.u.i;
    if (x < INT32_MIN || x > INT32_MAX)
        return range_fail(v, "System.Int32", err);
    *out = (int32_t)x;
    return true;
}

bool conv_to_double(val v, double *out, struct conv_error *err)
{
    val n;
    if (!conv_to_number(v, &n, err))
        return false;
    *out = val_kind(n) == VAL_DOUBLE ? n.u.d : val_kind(n) == VAL_DECIMAL ? dec_to_double(val_dec_get(n)) : (double)n.u.i;
    return true;
}

bool conv_to_decimal(val v, struct dec *out, struct conv_error *err)
{
    if (val_kind(v) == VAL_STRING && dec_parse(val_str(v), val_str_len(v), out) == DEC_OK)
        return true;
    val n;
    if (val_kind(v) == VAL_STRING) {
        if (!conv_parse_number(val_str(v), val_str_len(v), &n))
            return conv_fail(err, "InvalidCastFromStringToDecimal", "System.Management.Automation.PSInvalidCastException",
                             "Cannot convert value \"%s\" to type \"System.Decimal\". Error: \"Input string was not in a correct format.\"",
                             val_str(v));
    } else if (!conv_to_number(v, &n, err)) {
        return false;
    }
    switch (val_kind(n)) {
    case VAL_DECIMAL:
        *out = val_dec_get(n);
        return true;
    case VAL_DOUBLE:
        if (dec_from_double(n.u.d, out) == DEC_OK)
            return true;
        break;
    default:
        *out = dec_from_int64(n.u.i);
        return true;
    }
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    conv_fail(err, "InvalidCastIConvertible", "System.Management.Automation.PSInvalidCastException",
              "Cannot convert value \"%s\" to type \"System.Decimal\". Error: \"Value was either too large or too small for a Decimal.\"",
              buf_cstr(&b));
    buf_release(&b);
    return false;
}

/* }================================================================== */

/*
** {==================================================================
** [T]$v
** ===================================================================
*/

static bool cast_fail(val v, uint16_t type, const char *why, struct conv_error *err)
{
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    if (why)
        conv_fail(err, "InvalidCastFromStringToInteger", "System.Management.Automation.PSInvalidCastException",
                  "Cannot convert value \"%s\" to type \"%s\". Error: \"%s\"", buf_cstr(&b),
                  type_name(type), why);
    else
        conv_fail(err, "ConvertToFinalInvalidCastException", "System.Management.Automation.PSInvalidCastException",
                  "Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", buf_cstr(&b),
                  conv_type_name(v), type_name(type));
    buf_release(&b);
    return false;
}

static bool to_enum(val v, uint16_t type, val *out, struct conv_error *err)
{
    const struct type_info *t = type_get(type);
    if (val_kind(v) == VAL_ENUM && v.aux == type) {
        *out = v;
        return true;
    }
    if (val_kind(v) == VAL_STRING) {
        const char *s = val_str(v);
        size_t n = val_str_len(v);
        int64_t total = 0;
        size_t i = 0;
        bool any = false;
        while (i <= n) {
            size_t j = i;
            while (j < n && s[j] != ',')
                j++;
            size_t a = i, b = j;
            while (a < b && s[a] == ' ')
                a++;
            while (b > a && s[b - 1] == ' ')
                b--;
            int64_t x;
            if (type_enum_value(type, s + a, b - a, &x)) {
                total |= x;
                any = true;
            } else {
                val num;
                if (!conv_parse_number(s + a, b - a, &num) || b == a) {
                    struct buf names = BUF_INIT;
                    for (uint32_t k = 0; t && k < t->nnames; k++) {
                        if (k)
                            buf_puts(&names, ", ");
                        buf_puts(&names, t->names[k]);
                    }
                    struct buf msg = BUF_INIT;
                    buf_printf(&msg, "Unable to match the identifier name %.*s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s",
                               (int)(b - a), s + a, buf_cstr(&names));
                    bool r = cast_fail(v, type, buf_cstr(&msg), err);
                    if (err)
                        err->id = "RuntimeException";
                    buf_release(&names);
                    buf_release(&msg);
                    val_free(v);
                    return r;
                }
                total |= num.u.i;
                any = true;
            }
            if (j >= n)
                break;
            i = j + 1;
        }
        if (!any) {
            val_free(v);
            return conv_fail(err, "RuntimeException", "System.Management.Automation.PSInvalidCastException",
                             "Cannot convert null to type \"%s\".", type_name(type));
        }
        val_free(v);
        *out = val_enum(type, total);
        return true;
    }
    int64_t x;
    if (val_kind(v) == VAL_INT || val_kind(v) == VAL_LONG || val_kind(v) == VAL_ENUM) {
        x = v.u.i;
        *out = val_enum(type, x);
        return true;
    }
    bool r = cast_fail(v, type, NULL, err);
    val_free(v);
    return r;
}

static bool to_array_of(val v, uint16_t elem, val *out, struct conv_error *err)
{
    val a = val_arr_new();
    if (val_kind(v) == VAL_ARRAY) {
        for (uint32_t i = 0; i < val_arr_len(v); i++) {
            val e;
            if (!conv_to_type(val_copy(val_arr_items(v)[i]), elem, &e, err)) {
                val_free(a);
                val_free(v);
                return false;
            }
            a = val_arr_push(a, e);
        }
        val_free(v);
    } else if (!val_is_null(v)) {
        val e;
        if (!conv_to_type(v, elem, &e, err)) {
            val_free(a);
            return false;
        }
        a = val_arr_push(a, e);
    }
    if (elem != TY_OBJECT)
        a = val_arr_set_flavour(a, ARR_OBJECT, type_name(elem));
    *out = a;
    return true;
}

/* A System.Version from its parts (Build and Revision may be -1). */
static val version_object(const int32_t p[4])
{
    static const char *const names[] = {"Major", "Minor", "Build", "Revision"};
    val o = val_obj_new(CONV_VERSION);
    for (int i = 0; i < 4; i++)
        o = val_obj_set(o, names[i], val_int(p[i]));
    o = val_obj_set(o, "MajorRevision", val_int(p[3] < 0 ? -1 : (int16_t)(p[3] >> 16)));
    o = val_obj_set(o, "MinorRevision", val_int(p[3] < 0 ? -1 : (int16_t)(p[3] & 0xFFFF)));
    struct buf t = BUF_INIT;
    buf_printf(&t, "%d.%d", p[0], p[1]);
    for (int i = 2; i < 4 && p[i] >= 0; i++)
        buf_printf(&t, ".%d", p[i]);
    return val_obj_set(o, "\x01ToString", val_str_buf(&t));
}

bool conv_version_parts(val v, int32_t parts[4])
{
    if (val_kind(v) != VAL_OBJECT || !val_obj_ntypes(v) || strcmp(val_obj_type_at(v, 0), CONV_VERSION))
        return false;
    static const char *const names[] = {"Major", "Minor", "Build", "Revision"};
    for (int i = 0; i < 4; i++) {
        val x = val_obj_get(v, names[i]);
        parts[i] = val_kind(x) == VAL_INT ? (int32_t)x.u.i : -1;
        val_free(x);
    }
    return true;
}

/*
** new Version(string): two to four parts of digits, each an Int32 of 0 or
** more, as .NET parses it; NULL or the .NET error's message.
*/
static const char *parse_version(const char *s, int32_t p[4])
{
    int n = 0;
    p[2] = p[3] = -1;
    for (;;) {
        while (*s == ' ' || *s == '\t')
            s++;
        bool neg = *s == '-' || *s == '+' ? *s++ == '-' : false;
        if (*s < '0' || *s > '9')
            return n >= 4 ? "Version string portion was too short or too long." : "Input string was not in a correct format.";
        int64_t x = 0;
        while (*s >= '0' && *s <= '9' && x <= INT32_MAX)
            x = x * 10 + (*s++ - '0');
        while (*s == ' ' || *s == '\t')
            s++;
        if (x > INT32_MAX)
            return "Value was either too large or too small for an Int32.";
        if (neg && x)
            return "Version's parameters must be greater than or equal to zero.\r\nParameter name: version";
        if (n == 4)
            return "Version string portion was too short or too long.";
        p[n++] = (int32_t)x;
        if (*s == '\0')
            break;
        if (*s++ != '.')
            return "Input string was not in a correct format.";
    }
    return n < 2 ? "Version string portion was too short or too long." : NULL;
}

/* Adds item to a Queue, Stack or HashSet as Enqueue, Push and Add do; false
** when a HashSet has it already. */
bool conv_collection_add(val c, val item)
{
    switch (val_arr_flavour(c)) {
    case ARR_STACK:
        val_arr_insert(c, 0, item);
        return true;
    case ARR_HASHSET:
        return val_arr_set_add(c, item);
    default:
        val_arr_push(c, item);
        return true;
    }
}

bool conv_new_collection(uint16_t type, const val *args, uint32_t na, val *out, struct conv_error *err)
{
    const struct type_info *t = type_get(type);
    int64_t capacity;
    if (t->kind == TK_DICT && na == 1 && val_kind(args[0]) == VAL_HASHTABLE && val_hash_type(args[0]) == type) {
        *out = val_hash_clone(args[0]);
        return true;
    }
    bool items = t->kind != TK_DICT && na == 1 && val_kind(args[0]) == VAL_ARRAY;
    if (na > 1 || (na == 1 && !items &&
                   ((val_kind(args[0]) != VAL_INT && val_kind(args[0]) != VAL_LONG) ||
                    !conv_to_int64(args[0], &capacity, NULL) || capacity < 0 || capacity > INT32_MAX)))
        return conv_fail(err, "CannotFindAppropriateCtor", "System.Management.Automation.PSArgumentException",
                         "A constructor was not found. Cannot find an appropriate constructor for type %s.", t->name);
    if (t->kind == TK_DICT) {
        *out = val_hash_new_typed(type);
        return true;
    }
    static const enum arr_flavour flavours[] = {[TK_QUEUE] = ARR_QUEUE, [TK_STACK] = ARR_STACK,
                                                [TK_HASHSET] = ARR_HASHSET};
    val c = val_arr_set_flavour(val_arr_new(), flavours[t->kind], t->elem ? type_name(t->elem) : NULL);
    for (uint32_t i = 0; items && i < val_arr_len(args[0]); i++) {
        val item = val_arr_get(args[0], i);
        if (t->elem && !conv_to_type(item, t->elem, &item, err)) {
            val_free(c);
            return false;
        }
        conv_collection_add(c, item);
    }
    *out = c;
    return true;
}

val conv_dict_entry(val h, uint32_t i)
{
    val key = val_copy(val_hash_key_at(h, i)), value = val_copy(val_hash_value_at(h, i));
    const struct type_info *t = type_get(val_hash_type(h));
    if (t && t->kind == TK_DICT) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "System.Collections.Generic.KeyValuePair`2[%s,%s]", type_name(t->key), type_name(t->elem));
        val e = val_obj_new(buf_cstr(&b));
        buf_release(&b);
        e = val_obj_add_type(e, "System.ValueType");
        e = val_obj_add_type(e, "System.Object");
        /* KeyValuePair.ToString(): "[key, value]" */
        b = (struct buf)BUF_INIT;
        buf_putc(&b, '[');
        conv_str(key, &b);
        buf_puts(&b, ", ");
        conv_str(value, &b);
        buf_putc(&b, ']');
        e = val_obj_set(e, "Key", key);
        e = val_obj_set(e, "Value", value);
        return val_obj_set(e, "\x01ToString", val_str_buf(&b));
    }
    val e = val_obj_new("System.Collections.DictionaryEntry");
    e = val_obj_add_type(e, "System.ValueType");
    e = val_obj_add_type(e, "System.Object");
    e = val_obj_set(e, "Name", val_copy(key));
    e = val_obj_set(e, "Key", key);
    return val_obj_set(e, "Value", value);
}

val conv_ref_new(val value)
{
    val r = val_obj_new(CONV_PSREFERENCE);
    return val_obj_set(r, "Value", val_kind(value) == VAL_NOTHING ? val_null() : value);
}

bool conv_is_ref(val v)
{
    return val_kind(v) == VAL_OBJECT && val_obj_ntypes(v) && !strcmp(val_obj_type_at(v, 0), CONV_PSREFERENCE);
}

val conv_exception(uint16_t type, const char *message, val inner)
{
    const struct type_info *ti = type_get(type);
    struct buf m = BUF_INIT;
    if (message)
        buf_puts(&m, message);
    else
        buf_printf(&m, "Exception of type '%s' was thrown.", ti->name);
    val e = val_obj_new(ti->name);
    for (const struct type_info *b = ti; b->base && b->base != TY_OBJECT && (b = type_get(b->base));)
        e = val_obj_add_type(e, b->name);
    e = val_obj_set(e, "Message", val_str_new(buf_cstr(&m)));
    e = val_obj_set(e, "InnerException", inner);
    e = val_obj_set(e, "\x01ToString", val_str_printf("%s: %s", ti->name, buf_cstr(&m)));
    buf_release(&m);
    return e;
}

bool conv_to_type(val v, uint16_t type, val *out, struct conv_error *err)
{
    const struct type_info *t = type_get(type);
    if (!t) {
        *out = v;
        return true;
    }
    if (t->kind == TK_ENUM)
        return to_enum(v, type, out, err);
    if (t->kind == TK_EXCEPTION && val_kind(v) == VAL_STRING) {
        /* the constructor that takes the message, as PowerShell converts a string */
        *out = conv_exception(type, val_str(v), val_null());
        val_free(v);
        return true;
    }
    if (t->kind == TK_SCRIPT_CLASS) {
        /* an instance of the class or of a class derived from it stays as it is */
        if (val_kind(v) == VAL_OBJECT)
            for (uint32_t i = 0; i < val_obj_ntypes(v); i++)
                if (!strcmp(val_obj_type_at(v, i), t->name)) {
                    *out = v;
                    return true;
                }
        if (val_is_null(v)) {
            val_free(v);
            *out = val_null();
            return true;
        }
        bool ok = hooks.convert ? hooks.convert(hooks.ud, v, type, out, err)
                                : conv_fail(err, "ConvertToFinalInvalidCastException", "System.Management.Automation.PSInvalidCastException",
                                            "Cannot convert the value to type \"%s\".", t->name);
        val_free(v);
        return ok;
    }
    if (t->kind == TK_ARRAY)
        return to_array_of(v, t->elem, out, err);
    if (type_kind_collection(t->kind)) {
        /* no conversion makes one: only a collection of the type itself, or $null */
        if (val_is_null(v) || conv_type_of(v) == type) {
            *out = val_is_null(v) ? val_null() : v;
            return true;
        }
        bool r = cast_fail(v, type, NULL, err);
        val_free(v);
        return r;
    }
    if (t->kind == TK_LIST) {
        val a;
        if (!to_array_of(v, t->elem, &a, err))
            return false;
        *out = val_arr_set_flavour(a, ARR_LIST, type_name(t->elem));
        return true;
    }
    enum val_kind k = val_kind(v);
    switch (type) {
    case TY_OBJECT:
    case TY_PSOBJECT:
        *out = v;
        return true;
    case TY_VOID:
        val_free(v);
        *out = val_nothing();
        return true;
    case TY_STRING:
        if (k == VAL_NULL || k == VAL_NOTHING) {
            *out = val_str_new("");
            return true;
        }
        *out = conv_to_str(v);
        return true;
    case TY_BOOL:
        if (k == VAL_STRING || k == VAL_ARRAY || k == VAL_OBJECT || k == VAL_HASHTABLE) {
            *out = val_bool(conv_truthy(v));
            val_free(v);
            return true;
        }
        *out = val_bool(conv_truthy(v));
        return true;
    case TY_SWITCH:
        *out = val_switch(conv_truthy(v));
        val_free(v);
        return true;
    case TY_INT:
    case TY_INT16:
    case TY_UINT16:
    case TY_BYTE:
    case TY_SBYTE:
    case TY_UINT32: {
        if (k == VAL_STRING && val_str_len(v) == 0 && type == TY_INT) {
            val_free(v);
            *out = val_int(0);
            return true;
        }
        int64_t x;
        struct conv_error e2;
        if (k == VAL_STRING) {
            val num;
            if (!conv_parse_number(val_str(v), val_str_len(v), &num)) {
                bool r = cast_fail(v, type, "Input string was not in a correct format.", err);
                val_free(v);
                return r;
            }
            bool ok = conv_to_int64(num, &x, &e2);
            if (!ok) {
                bool r = range_fail(v, type_name(type), err);
                val_free(v);
                return r;
            }
        } else if (!conv_to_int64(v, &x, err ? err : &e2)) {
            val_free(v);
            return false;
        }
        static const struct {
            uint16_t t;
            int64_t lo, hi;
        } lim[] = {{TY_INT, INT32_MIN, INT32_MAX}, {TY_INT16, -32768, 32767}, {TY_UINT16, 0, 65535},
                   {TY_BYTE, 0, 255}, {TY_SBYTE, -128, 127}, {TY_UINT32, 0, 4294967295LL}};
        for (size_t i = 0; i < EMSH_ARRAY_SIZE(lim); i++) {
            if (lim[i].t == type && (x < lim[i].lo || x > lim[i].hi)) {
                bool r = range_fail(v, type_name(type), err);
                val_free(v);
                return r;
            }
        }
        val_free(v);
        *out = type == TY_INT ? val_int((int32_t)x) : val_long(x);
        if (type != TY_INT && type != TY_UINT32)
            *out = val_int((int32_t)x);
        return true;
    }
    case TY_LONG:
    case TY_UINT64: {
        int64_t x;
        if (k == VAL_STRING) {
            val num;
            if (!conv_parse_number(val_str(v), val_str_len(v), &num)) {
                bool r = cast_fail(v, type, "Input string was not in a correct format.", err);
                val_free(v);
                return r;
            }
            v = (val_free(v), num);
        }
        if (!conv_to_int64(v, &x, err)) {
            val_free(v);
            return false;
        }
        val_free(v);
        *out = val_long(x);
        return true;
    }
    case TY_DECIMAL: {
        struct dec d;
        bool ok = conv_to_decimal(v, &d, err);
        val_free(v);
        if (ok)
            *out = val_dec(d);
        return ok;
    }
    case TY_DOUBLE:
    case TY_SINGLE:
    case TY_BIGINT: {
        double d;
        if (k == VAL_STRING) {
            val num;
            if (!conv_parse_number(val_str(v), val_str_len(v), &num)) {
                bool r = cast_fail(v, type, "Input string was not in a correct format.", err);
                val_free(v);
                return r;
            }
            v = (val_free(v), num);
        }
        if (!conv_to_double(v, &d, err)) {
            val_free(v);
            return false;
        }
        val_free(v);
        if (type == TY_BIGINT)
            *out = val_long((int64_t)d);
        else
            *out = val_double(d);
        return true;
    }
    case TY_CHAR:
        if (k == VAL_CHAR) {
            *out = v;
            return true;
        }
        if (k == VAL_STRING) {
            size_t i = 0, n = val_str_len(v);
            uint32_t cp = n ? text_next(val_str(v), n, &i) : 0;
            if (n == 0 || i != n) {
                bool r = cast_fail(v, type, "String must be exactly one character long.", err);
                val_free(v);
                return r;
            }
            val_free(v);
            *out = val_char(cp);
            return true;
        }
        if (k == VAL_INT || k == VAL_LONG) {
            *out = val_char((uint32_t)v.u.i);
            return true;
        }
        break;
    case TY_DATETIME:
        if (k == VAL_DATETIME) {
            *out = v;
            return true;
        }
        if (k == VAL_STRING) {
            int64_t ticks;
            enum dt_kind kind;
            if (dt_parse(val_str(v), val_str_len(v), &ticks, &kind) == DT_OK) {
                val_free(v);
                *out = val_datetime(ticks, conv_dt_flags(kind));
                return true;
            }
            bool r = cast_fail(v, type, "String was not recognized as a valid DateTime.", err);
            if (err)
                err->id = "InvalidCastParseTargetInvocation";
            val_free(v);
            return r;
        }
        if (k == VAL_LONG || k == VAL_INT) {
            *out = val_datetime(v.u.i, 0);
            return true;
        }
        break;
    case TY_TIMESPAN:
        if (k == VAL_TIMESPAN) {
            *out = v;
            return true;
        }
        if (k == VAL_STRING) {
            int64_t ticks;
            if (ts_parse(val_str(v), val_str_len(v), &ticks) == DT_OK) {
                val_free(v);
                *out = val_timespan(ticks);
                return true;
            }
            bool r = cast_fail(v, type, "String was not recognized as a valid TimeSpan.", err);
            if (err)
                err->id = "InvalidCastParseTargetInvocation";
            val_free(v);
            return r;
        }
        if (k == VAL_INT || k == VAL_LONG) {
            *out = val_timespan(v.u.i);
            return true;
        }
        break;
    case TY_BYTESIZE:
        if (k == VAL_BYTESIZE) {
            *out = v;
            return true;
        }
        if (k == VAL_INT || k == VAL_LONG) {
            if (v.u.i < 0)
                break;
            *out = val_bytesize((uint64_t)v.u.i);
            return true;
        }
        if (k == VAL_DOUBLE && v.u.d >= 0) {
            *out = val_bytesize((uint64_t)v.u.d);
            return true;
        }
        if (k == VAL_STRING) {
            /* "10GB", "10 GB", "1.5 MB", "1024" or "1.5 GB (1,610,612,736 bytes)" */
            const char *s = val_str(v);
            size_t n = val_str_len(v);
            const char *paren = memchr(s, '(', n);
            if (paren)
                n = (size_t)(paren - s);
            char tmp[128];
            size_t m = 0;
            for (size_t i = 0; i < n && m + 1 < sizeof tmp; i++)
                if (s[i] != ' ' && s[i] != ',')
                    tmp[m++] = s[i];
            tmp[m] = '\0';
            double mult = 1;
            if (m >= 1 && (tmp[m - 1] == 'B' || tmp[m - 1] == 'b')) {
                m--;
                char u = m ? (char)(tmp[m - 1] | 0x20) : 0;
                const char *units = "kmgtp";
                const char *q = u ? strchr(units, u) : NULL;
                if (q) {
                    mult = 1;
                    for (const char *r = units; r <= q; r++)
                        mult *= 1024;
                    m--;
                }
                tmp[m] = '\0';
            }
            char *end;
            double d = strtod(tmp, &end);
            if (m && *end == '\0' && d >= 0) {
                val_free(v);
                *out = val_bytesize((uint64_t)(d * mult + 0.5));
                return true;
            }
            bool r = cast_fail(v, type, "The value isn't a valid byte quantified size.", err);
            val_free(v);
            return r;
        }
        break;
    case TY_VERSION: {
        int32_t p[4];
        if (conv_version_parts(v, p)) {
            *out = v;
            return true;
        }
        if (k == VAL_HASHTABLE || k == VAL_ARRAY || k == VAL_OBJECT || k == VAL_SCRIPTBLOCK)
            break;
        /* Version.Parse */
        struct buf text = BUF_INIT;
        conv_str(v, &text);
        const char *why = parse_version(buf_cstr(&text), p);
        if (why) {
            conv_fail(err, "InvalidCastParseTargetInvocation", "System.Management.Automation.PSInvalidCastException",
                      "Cannot convert value \"%s\" to type \"System.Version\". Error: \"%s\"", buf_cstr(&text), why);
            buf_release(&text);
            val_free(v);
            return false;
        }
        buf_release(&text);
        val_free(v);
        *out = version_object(p);
        return true;
    }
    case TY_IPADDRESS:
    case TY_MAILADDRESS: {
        const char *tname = type == TY_IPADDRESS ? NETADDR_IP : NETADDR_MAIL;
        if (netaddr_is(v, tname)) {
            *out = v;
            return true;
        }
        if (k != VAL_STRING)
            break;
        /* the constructor that takes a string */
        const char *why;
        val a = type == TY_IPADDRESS ? netaddr_ip(val_str(v), val_str_len(v), &why)
                                     : netaddr_mail(val_str(v), val_str_len(v), &why);
        if (val_kind(a) == VAL_NOTHING) {
            /* IPAddress converts through its Parse method, MailAddress through its constructor */
            conv_fail(err, type == TY_IPADDRESS ? "InvalidCastParseTargetInvocation" : "InvalidCastConstructorException",
                      "System.Management.Automation.PSInvalidCastException",
                      "Cannot convert value \"%s\" to type \"%s\". Error: \"%s\"", val_str(v), tname, why);
            val_free(v);
            return false;
        }
        val_free(v);
        *out = a;
        return true;
    }
    case TY_REF:
        /* [ref]value: a reference that holds it; a reference stays itself */
        *out = conv_is_ref(v) ? v : conv_ref_new(v);
        return true;
    case TY_URI:
        if (k == VAL_OBJECT && val_obj_ntypes(v) && !strcmp(val_obj_type_at(v, 0), "System.Uri")) {
            *out = v;
            return true;
        }
        if (k == VAL_STRING) {
            const char *why = NULL;
            val u = uri_object(val_str(v), val_str_len(v), &why);
            if (val_kind(u) != VAL_NOTHING) {
                val_free(v);
                *out = u;
                return true;
            }
            conv_fail(err, "InvalidCastConstructorException", "System.Management.Automation.PSInvalidCastException",
                      "Cannot convert value \"%s\" to type \"System.Uri\". Error: \"%s\"", val_str(v), why);
            val_free(v);
            return false;
        }
        break;
    case TY_GUID:
        if (k == VAL_GUID) {
            *out = v;
            return true;
        }
        if (k == VAL_STRING) {
            const char *s = val_str(v);
            uint8_t b[16];
            int nb = 0;
            int hi = -1;
            size_t n = val_str_len(v);
            size_t i = 0;
            if (n && (s[0] == '{' || s[0] == '(')) {
                i = 1;
                n--;
            }
            for (; i < n && nb < 16; i++) {
                int c = s[i], x;
                if (c == '-')
                    continue;
                if (c >= '0' && c <= '9')
                    x = c - '0';
                else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                    x = (c | 0x20) - 'a' + 10;
                else
                    break;
                if (hi < 0)
                    hi = x;
                else {
                    b[nb++] = (uint8_t)(hi << 4 | x);
                    hi = -1;
                }
            }
            if (nb == 16 && (i == n || s[i] == '}' || s[i] == ')')) {
                val_free(v);
                *out = val_guid(b);
                return true;
            }
            bool r = cast_fail(v, type, "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).", err);
            val_free(v);
            return r;
        }
        break;
    case TY_HASHTABLE:
    case TY_ORDERED:
        if (k == VAL_HASHTABLE && val_hash_type(v) && type == TY_HASHTABLE) {
            /* Hashtable's constructor that copies an IDictionary */
            val h = val_hash_new(false);
            for (uint32_t i = 0; i < val_hash_len(v); i++)
                h = val_hash_set(h, val_copy(val_hash_key_at(v, i)), val_copy(val_hash_value_at(v, i)));
            val_free(v);
            *out = h;
            return true;
        }
        if (k == VAL_HASHTABLE && !val_hash_type(v)) {
            if (type == TY_ORDERED)
                v.flags |= VF_ORDERED;
            *out = v;
            return true;
        }
        break;
    case TY_ARRAY:
    case TY_OBJECT_ARRAY:
        return to_array_of(v, TY_OBJECT, out, err);
    case TY_ARRAYLIST: {
        val a;
        if (!to_array_of(v, TY_OBJECT, &a, err))
            return false;
        *out = val_arr_set_flavour(a, ARR_ARRAYLIST, NULL);
        return true;
    }
    case TY_PSCUSTOMOBJECT:
        if (k == VAL_HASHTABLE) {
            val o = val_obj_new(NULL);
            for (uint32_t i = 0; i < val_hash_len(v); i++) {
                struct buf name = BUF_INIT;
                conv_str(val_hash_key_at(v, i), &name);
                o = val_obj_set(o, buf_cstr(&name), val_copy(val_hash_value_at(v, i)));
                buf_release(&name);
            }
            val_free(v);
            *out = o;
            return true;
        }
        *out = v;
        return true;
    case TY_SCRIPTBLOCK:
        if (k == VAL_SCRIPTBLOCK) {
            *out = v;
            return true;
        }
        break;
    case TY_TYPE:
        if (k == VAL_TYPE) {
            *out = v;
            return true;
        }
        if (k == VAL_STRING) {
            uint16_t id = type_lookup(val_str(v), val_str_len(v));
            if (id) {
                val_free(v);
                *out = val_type(id);
                return true;
            }
        }
        break;
    default:
        if (k == VAL_OBJECT && type_is(conv_type_of(v), type)) {
            *out = v;
            return true;
        }
        if (k == VAL_NULL || k == VAL_NOTHING) {
            *out = v;
            return true;
        }
        break;
    }
    if (k == VAL_NULL || k == VAL_NOTHING) {
        switch (type) {
        case TY_INT:
            *out = val_int(0);
            return true;
        case TY_LONG:
            *out = val_long(0);
            return true;
        case TY_DOUBLE:
            *out = val_double(0);
            return true;
        case TY_BOOL:
            *out = val_bool(false);
            return true;
        case TY_CHAR:
            *out = val_char(0);
            return true;
        default:
            *out = val_null();
            return true;
        }
    }
    if (type_is(conv_type_of(v), type)) {
        *out = v;
        return true;
    }
    bool r = cast_fail(v, type, NULL, err);
    val_free(v);
    return r;
}

/* }================================================================== */
