/*
** format.c - the formatting engine (see format.h): views, the Format-*
** formatter and the Out-* renderer of Windows PowerShell 5.1.
**
** The code follows the structure of PowerShell's own implementation so
** that its behaviour can be checked piece by piece against it:
**
**   display cells, line splitting   StringManipulationHelper, DisplayCells
**   display strings                 PSObjectHelper (SmartToString, FormatField)
**   properties of values            the adapted .NET members scripts see
**   views                           the format.ps1xml database (registry)
**   calculated properties           MshParameter / ParameterProcessor
**   the formatter                   InnerFormatShapeCommand, *ViewGenerator
**   the renderer                    OutCommandInner, OutputGroupQueue,
**                                   TableWriter, ColumnWidthManager,
**                                   ListWriter, ComplexWriter
**
** Formatting records are VAL_OBJECTs with PowerShell's type names; their
** data lives in properties whose names start with \x01, which scripts do
** not see.
*/
#include "format.h"
#include "conv.h"
#include "datetime.h"
#include "errors.h"
#include "netfmt.h"
#include "ops.h"
#include "text.h"
#include "types.h"
#include "wildcard.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define ENUM_LIMIT 4          /* $FormatEnumerationLimit's default */
#define ELLIPSIS "..."        /* 5.1 uses three dots, not U+2026 */
#define GROUPING_MS 300       /* OutCommandInner's table sizing window */
#define TABLE_MAX_COLUMNS 10  /* columns of a table built from all properties */
#define TABLE_MAX_PROPS 4     /* up to this many properties: a table, else a list */
#define CUSTOM_MAX_DEPTH 5    /* Format-Custom's default depth */

static const char REC_PREFIX[] = "Microsoft.PowerShell.Commands.Internal.Format.";
static const char PSCUSTOM[] = "System.Management.Automation.PSCustomObject";
static const char DICTENTRY[] = "System.Collections.DictionaryEntry";

static bool ieq(const char *a, const char *b)
{
    return text_ieq(a, strlen(a), b, strlen(b));
}

static char *xstrdup(const char *s)
{
    return s ? emsh_xstrndup(s, strlen(s)) : NULL;
}

/*
** {==================================================================
** Display cells and lines
** ===================================================================
*/

/* DisplayCells.LengthInBufferCells: East Asian wide characters take two cells. */
static int cp_cells(uint32_t c)
{
    if (c > 0xFFFF)
        return 2; /* a surrogate pair: two UTF-16 units of one cell each */
    bool wide = c >= 0x1100 &&
                (c <= 0x115f || c == 0x2329 || c == 0x232a ||
                 (c - 0x2e80 <= 0xa4cf - 0x2e80 && c != 0x303f) || (c - 0xac00 <= 0xd7a3 - 0xac00) ||
                 (c - 0xf900 <= 0xfaff - 0xf900) || (c - 0xfe10 <= 0xfe19 - 0xfe10) ||
                 (c - 0xfe30 <= 0xfe6f - 0xfe30) || (c - 0xff00 <= 0xff60 - 0xff00) ||
                 (c - 0xffe0 <= 0xffe6 - 0xffe0));
    return wide ? 2 : 1;
}

static int cells(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) { /* ASCII: one cell, no decoding */
            w++;
            i++;
            continue;
        }
        w += cp_cells(text_next(s, n, &i));
    }
    return w;
}

static int cells_z(const char *s)
{
    return s ? cells(s, strlen(s)) : 0;
}

/* Bytes of the longest head of s[0..n) that fits in `want` cells. */
static size_t head_split(const char *s, size_t n, int want)
{
    int w = 0;
    size_t i = 0;
    while (i < n && w < want) {
        size_t j = i;
        int c = cp_cells(text_next(s, n, &j));
        if (w + c > want)
            break;
        w += c;
        i = j;
    }
    return i;
}

/* Byte offset of the longest tail of s[0..n) that fits in `want` cells. */
static size_t tail_split(const char *s, size_t n, int want)
{
    size_t starts_cap = 16, ns = 0;
    size_t *starts = emsh_xmalloc(starts_cap * sizeof *starts);
    for (size_t i = 0; i < n;) {
        if (ns == starts_cap) {
            starts_cap *= 2;
            starts = emsh_xrealloc(starts, starts_cap * sizeof *starts);
        }
        starts[ns++] = i;
        text_next(s, n, &i);
    }
    size_t pos = n;
    int w = 0;
    for (size_t k = ns; k-- > 0;) {
        size_t j = starts[k];
        int c = cp_cells(text_next(s, n, &j));
        if (w + c > want)
            break;
        w += c;
        pos = starts[k];
        if (w == want)
            break;
    }
    free(starts);
    return pos;
}

static void pad(struct buf *b, int n)
{
    if (n <= 0)
        return;
    buf_grow(b, (size_t)n);
    memset(b->s + b->len, ' ', (size_t)n);
    b->len += (size_t)n;
    b->s[b->len] = '\0';
}

/* A growable list of strings (lines). */
struct strv {
    struct buf *v;
    size_t n, cap;
};

static struct buf *strv_add(struct strv *sv)
{
    if (sv->n == sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 8;
        sv->v = emsh_xrealloc(sv->v, sv->cap * sizeof *sv->v);
    }
    struct buf *b = &sv->v[sv->n++];
    *b = (struct buf)BUF_INIT;
    buf_puts(b, ""); /* never NULL */
    return b;
}

static void strv_add_n(struct strv *sv, const char *s, size_t n)
{
    buf_add(strv_add(sv), s, n);
}

static void strv_free(struct strv *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        buf_release(&sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

/* StringManipulationHelper.SplitLines: '\r' dropped, split at '\n'. */
static void split_lines(const char *s, size_t n, struct strv *out)
{
    struct buf *cur = strv_add(out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r')
            continue;
        if (s[i] == '\n')
            cur = strv_add(out);
        else
            buf_putc(cur, s[i]);
    }
}

/*
** StringManipulationHelper.GenerateLines for the en culture (word wrap):
** words end at blanks, tabs and soft hyphens (the delimiter stays with the
** word); a hard hyphen or a no-break space ends a word and is dropped, as
** in 5.1. A word longer than a line is broken anywhere.
*/
static void generate_lines(const char *val, size_t vn, int first_len, int next_len, struct strv *out)
{
    if (vn == 0) {
        strv_add(out);
        return;
    }
    struct strv lines = {0};
    split_lines(val, vn, &lines);
    for (size_t li = 0; li < lines.n; li++) {
        const char *s = lines.v[li].s;
        size_t n = lines.v[li].len;
        if (cells(s, n) <= first_len) {
            strv_add_n(out, s, n);
            continue;
        }
        int spaces_left = first_len, line_width = first_len;
        bool first = true;
        struct buf sb = BUF_INIT;
        buf_puts(&sb, "");
        size_t i = 0;
        bool done = false;
        while (!done) {
            /* the next word and its delimiter */
            struct buf word = BUF_INIT;
            buf_puts(&word, "");
            bool soft = false;
            for (;;) {
                if (i >= n) {
                    done = true;
                    break;
                }
                size_t j = i;
                uint32_t c = text_next(s, n, &j);
                if (c == ' ' || c == '\t') {
                    buf_add(&word, s + i, j - i);
                    i = j;
                    break;
                }
                if (c == 0xAD) {
                    soft = true;
                    i = j;
                    break;
                }
                if (c == 0x2011 || c == 0xA0) {
                    i = j;
                    break;
                }
                buf_add(&word, s + i, j - i);
                i = j;
            }
            if (soft && cells(word.s, word.len) + 1 == spaces_left)
                buf_putc(&word, '-');
            int word_width = cells(word.s, word.len);
            if (line_width == 0) {
                if (first) {
                    first = false;
                    line_width = next_len;
                }
                if (line_width == 0) {
                    buf_release(&word);
                    break;
                }
                spaces_left = line_width;
            }
            if (word_width > line_width) {
                for (size_t k = 0; k < word.len;) {
                    size_t k2 = k;
                    uint32_t c = text_next(word.s, word.len, &k2);
                    int cw = cp_cells(c);
                    const char *cs = word.s + k;
                    size_t cn = k2 - k;
                    if (cw > line_width) {
                        cs = "?";
                        cn = 1;
                        cw = 1;
                    }
                    if (cw > spaces_left) {
                        strv_add_n(out, sb.s, sb.len);
                        buf_reset(&sb);
                        buf_add(&sb, cs, cn);
                        if (first) {
                            first = false;
                            line_width = next_len;
                        }
                        spaces_left = line_width - cw;
                    } else {
                        buf_add(&sb, cs, cn);
                        spaces_left -= cw;
                    }
                    k = k2;
                }
            } else if (word_width > spaces_left) {
                strv_add_n(out, sb.s, sb.len);
                buf_reset(&sb);
                buf_add(&sb, word.s, word.len);
                if (first) {
                    first = false;
                    line_width = next_len;
                }
                spaces_left = line_width - word_width;
            } else {
                buf_add(&sb, word.s, word.len);
                spaces_left -= word_width;
            }
            buf_release(&word);
        }
        strv_add_n(out, sb.s ? sb.s : "", sb.len);
        buf_release(&sb);
    }
    strv_free(&lines);
}

/* }================================================================== */

/*
** {==================================================================
** Display strings (PSObjectHelper)
** ===================================================================
*/

static bool is_custom_object(val v)
{
    return val_kind(v) == VAL_OBJECT &&
           (val_obj_ntypes(v) == 0 || strcmp(val_obj_type_at(v, 0), PSCUSTOM) == 0);
}

/* Has the object a property that is not hidden ("\x01" names are)? */
static bool any_visible_prop(val v)
{
    for (uint32_t i = 0; i < val_obj_len(v); i++)
        if (val_obj_name_at(v, i)[0] != '\x01')
            return true;
    return false;
}

/* PSObject.ToString() in the en-US culture. */
static void to_string(val v, struct buf *out)
{
    switch (val_kind(v)) {
    case VAL_DATETIME:
        dt_format(out, v.u.i, conv_dt_kind(v), "G", DT_EN_US);
        return;
    case VAL_OBJECT:
        if (is_custom_object(v) && !any_visible_prop(v) && !val_obj_has(v, "\x01ToString"))
            return;
        conv_str(v, out);
        return;
    default:
        conv_str(v, out);
        return;
    }
}

static bool is_enumerable(val v)
{
    return val_kind(v) == VAL_ARRAY || val_kind(v) == VAL_HASHTABLE;
}

static bool display_name(val v, val *out);

/* PSObjectHelper.GetObjectName: an element of a collection in a cell. */
static void object_name(val x, struct buf *out)
{
    switch (val_kind(x)) {
    case VAL_NULL:
    case VAL_NOTHING:
        buf_puts(out, "$null");
        return;
    case VAL_OBJECT:
        if (!is_custom_object(x) && !val_obj_has(x, "\x01ToString")) {
            /* a type without its own ToString shows its display name */
            val dn;
            if (display_name(x, &dn)) {
                to_string(dn, out);
                val_free(dn);
                return;
            }
        }
        to_string(x, out);
        return;
    default:
        to_string(x, out);
        return;
    }
}

/* PSObjectHelper.SmartToString: collections as {a, b, c, d...}. */
static void smart_string(val v, int limit, struct buf *out)
{
    if (val_kind(v) == VAL_ARRAY) {
        buf_putc(out, '{');
        uint32_t n = val_arr_len(v);
        for (uint32_t i = 0; i < n; i++) {
            if (limit >= 0 && (int)i == limit) {
                buf_puts(out, ELLIPSIS);
                break;
            }
            if (i)
                buf_puts(out, ", ");
            object_name(val_arr_items(v)[i], out);
        }
        buf_putc(out, '}');
        return;
    }
    if (val_kind(v) == VAL_HASHTABLE) {
        /* DictionaryEntry has no ToString of its own: its display name, the key;
        ** a Dictionary's KeyValuePair writes itself "[key, value]" */
        buf_putc(out, '{');
        uint32_t n = val_hash_len(v);
        for (uint32_t i = 0; i < n; i++) {
            if (limit >= 0 && (int)i == limit) {
                buf_puts(out, ELLIPSIS);
                break;
            }
            if (i)
                buf_puts(out, ", ");
            if (val_hash_type(v)) {
                val e = conv_dict_entry(v, i);
                conv_str(e, out);
                val_free(e);
            } else {
                object_name(val_hash_key_at(v, i), out);
            }
        }
        buf_putc(out, '}');
        return;
    }
    to_string(v, out);
}

void fmt_display_string(val v, struct buf *out)
{
    smart_string(v, ENUM_LIMIT, out);
}

/* IFormattable.ToString(fmt) of a value; false when the format is bad. */
static bool format_value(val v, const char *fmt, struct buf *out)
{
    enum nf_err e = NF_OK;
    switch (val_kind(v)) {
    case VAL_INT:
        e = nf_format_int(out, v.u.i, 32, fmt);
        break;
    case VAL_LONG:
        e = nf_format_int(out, v.u.i, 64, fmt);
        break;
    case VAL_DOUBLE:
        e = nf_format_double(out, v.u.d, fmt);
        break;
    case VAL_DECIMAL:
        e = nf_format_decimal(out, val_dec_get(v), fmt);
        break;
    case VAL_DATETIME:
        return dt_format(out, v.u.i, conv_dt_kind(v), fmt, DT_EN_US) == DT_OK;
    case VAL_TIMESPAN:
        return ts_format(out, v.u.i, fmt) == DT_OK;
    default:
        to_string(v, out);
        return true;
    }
    return e == NF_OK;
}

static enum nf_err composite_arg(void *ctx, size_t index, const char *fmt, size_t fmtlen,
                                 struct buf *cell)
{
    (void)fmtlen;
    if (index != 0)
        return NF_E_INDEX;
    if (!cell)
        return NF_OK;
    val v = *(const val *)ctx;
    if (fmt && *fmt)
        return format_value(v, fmt, cell) ? NF_OK : NF_E_FORMAT;
    to_string(v, cell);
    return NF_OK;
}

/* PSObjectHelper.FormatField: a value with an optional format string; false
** when the format string failed (the plain value is appended then). */
static bool format_field(const char *fmt, val v, int limit, struct buf *out)
{
    if (fmt && *fmt) {
        struct buf tmp = BUF_INIT;
        bool ok;
        if (strstr(fmt, "{0") || strchr(fmt, '}'))
            ok = nf_composite(&tmp, fmt, strlen(fmt), composite_arg, &v) == NF_OK;
        else
            ok = format_value(v, fmt, &tmp);
        if (ok) {
            buf_add(out, buf_cstr(&tmp), tmp.len);
            buf_release(&tmp);
            return true;
        }
        buf_release(&tmp);
        /* a failed format falls back to the plain value, as without -DisplayError */
        smart_string(v, limit, out);
        return false;
    }
    smart_string(v, limit, out);
    return true;
}

/* }================================================================== */

/*
** {==================================================================
** Properties of values
** ===================================================================
*/

static const char *const string_props[] = {"Length", NULL};
/* ResolveNames ("*") lists extended members first; ExpandAll the adapted ones first. */
static const char *const datetime_props_all[] = {"Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind",
                                                 "Millisecond", "Minute", "Month", "Second", "Ticks",
                                                 "TimeOfDay", "Year", "DateTime", NULL};
static const char *const datetime_props[] = {"DateTime", "Date", "Day", "DayOfWeek", "DayOfYear",
                                             "Hour", "Kind", "Millisecond", "Minute", "Month",
                                             "Second", "Ticks", "TimeOfDay", "Year", NULL};
static const char *const timespan_props[] = {"Ticks", "Days", "Hours", "Milliseconds", "Minutes",
                                             "Seconds", "TotalDays", "TotalHours",
                                             "TotalMilliseconds", "TotalMinutes", "TotalSeconds",
                                             NULL};
static const char *const switch_props[] = {"IsPresent", NULL};
static const char *const guid_props[] = {"Guid", NULL};
static const char *const array_props[] = {"Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly",
                                          "IsFixedSize", "IsSynchronized", "Count", NULL};
static const char *const hash_props[] = {"IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys",
                                         "Values", "SyncRoot", "Count", NULL};

static const char *const type_props[] = {"Name", "FullName", "Namespace", "BaseType", "IsPublic",
                                         "IsSerial", "IsEnum", "IsArray", NULL};

static const char *const *static_props(val v, bool expand_all_order)
{
    switch (val_kind(v)) {
    case VAL_TYPE: return type_props;
    case VAL_STRING: return string_props;
    case VAL_DATETIME: return expand_all_order ? datetime_props_all : datetime_props;
    case VAL_TIMESPAN: return timespan_props;
    case VAL_SWITCH: return switch_props;
    case VAL_GUID: return guid_props;
    case VAL_ARRAY: return array_props;
    case VAL_HASHTABLE: return hash_props;
    default: return NULL;
    }
}

/* The property names of a value, in the order PowerShell lists them for
** "*" (or for ExpandAll when all_order): borrowed strings; free the array. */
static const char **prop_names_o(val v, uint32_t *n, bool all_order)
{
    const char **names;
    *n = 0;
    if (val_kind(v) == VAL_OBJECT) {
        names = emsh_xmalloc((val_obj_len(v) + 1) * sizeof *names);
        for (uint32_t i = 0; i < val_obj_len(v); i++) {
            const char *pn = val_obj_name_at(v, i);
            if (pn[0] != '\x01')
                names[(*n)++] = pn;
        }
        return names;
    }
    const char *const *sp = static_props(v, all_order);
    uint32_t c = 0;
    while (sp && sp[c])
        c++;
    names = emsh_xmalloc((c + 1) * sizeof *names);
    for (uint32_t i = 0; i < c; i++)
        names[i] = sp[i];
    *n = c;
    return names;
}

static const char **prop_names(val v, uint32_t *n)
{
    return prop_names_o(v, n, false);
}

static uint16_t enum_type(const char *name, const char *const *names, uint32_t n)
{
    int64_t vals[16];
    for (uint32_t i = 0; i < n; i++)
        vals[i] = (int64_t)i;
    return type_enum(name, names, vals, n, false);
}

static val datetime_prop(val t, const char *name)
{
    struct dt_parts p;
    dt_to_parts(t.u.i, &p);
    if (ieq(name, "DateTime")) {
        struct buf b = BUF_INIT;
        dt_format(&b, t.u.i, conv_dt_kind(t), "D", DT_EN_US);
        buf_putc(&b, ' ');
        dt_format(&b, t.u.i, conv_dt_kind(t), "T", DT_EN_US);
        return val_str_buf(&b);
    }
    if (ieq(name, "Date")) return val_datetime(t.u.i - t.u.i % DT_TICKS_PER_DAY, t.flags);
    if (ieq(name, "Day")) return val_int(p.day);
    if (ieq(name, "DayOfWeek")) {
        static uint16_t dow;
        static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                           "Thursday", "Friday", "Saturday"};
        if (!dow)
            dow = type_lookup("System.DayOfWeek", 16);
        if (!dow)
            dow = enum_type("System.DayOfWeek", days, 7);
        return val_enum(dow, p.day_of_week);
    }
    if (ieq(name, "DayOfYear")) return val_int(p.day_of_year);
    if (ieq(name, "Hour")) return val_int(p.hour);
    if (ieq(name, "Kind")) {
        static uint16_t kind;
        static const char *const kinds[] = {"Unspecified", "Utc", "Local"};
        if (!kind)
            kind = type_lookup("System.DateTimeKind", 19);
        if (!kind)
            kind = enum_type("System.DateTimeKind", kinds, 3);
        return val_enum(kind, (int64_t)conv_dt_kind(t));
    }
    if (ieq(name, "Millisecond")) return val_int(p.millisecond);
    if (ieq(name, "Minute")) return val_int(p.minute);
    if (ieq(name, "Month")) return val_int(p.month);
    if (ieq(name, "Second")) return val_int(p.second);
    if (ieq(name, "Ticks")) return val_long(t.u.i);
    if (ieq(name, "TimeOfDay")) return val_timespan(t.u.i % DT_TICKS_PER_DAY);
    if (ieq(name, "Year")) return val_int(p.year);
    return val_nothing();
}

static val timespan_prop(val t, const char *name)
{
    int64_t k = t.u.i;
    if (ieq(name, "Ticks")) return val_long(k);
    if (ieq(name, "Days")) return val_int(ts_days(k));
    if (ieq(name, "Hours")) return val_int(ts_hours(k));
    if (ieq(name, "Milliseconds")) return val_int(ts_milliseconds(k));
    if (ieq(name, "Minutes")) return val_int(ts_minutes(k));
    if (ieq(name, "Seconds")) return val_int(ts_seconds(k));
    if (ieq(name, "TotalDays")) return val_double(ts_total_days(k));
    if (ieq(name, "TotalHours")) return val_double(ts_total_hours(k));
    if (ieq(name, "TotalMilliseconds")) return val_double(ts_total_milliseconds(k));
    if (ieq(name, "TotalMinutes")) return val_double(ts_total_minutes(k));
    if (ieq(name, "TotalSeconds")) return val_double(ts_total_seconds(k));
    return val_nothing();
}

static val type_base(val obj);

static val type_prop(val t, const char *name)
{
    const struct type_info *ti = type_get(t.aux);
    const char *full = type_name(t.aux);
    /* the namespace ends at the last dot before a generic type's arguments */
    const char *args = strchr(full, '['), *dot = NULL;
    for (const char *p = full; *p && (!args || p < args); p++)
        if (*p == '.')
            dot = p;
    if (ieq(name, "Name") || ieq(name, "FullName")) {
        struct buf b = BUF_INIT;
        type_clr_name(t.aux, ieq(name, "FullName"), &b);
        return val_str_buf(&b);
    }
    if (ieq(name, "Namespace"))
        return dot ? val_str_n(full, (size_t)(dot - full)) : val_null();
    if (ieq(name, "BaseType"))
        return type_base(t);
    if (ieq(name, "IsEnum"))
        return val_bool(ti && ti->kind == TK_ENUM);
    if (ieq(name, "IsArray"))
        return val_bool(ti && ti->kind == TK_ARRAY);
    return val_bool(true); /* IsPublic, IsSerial */
}

/*
** The value of property `name` (case-insensitive) of v: true with *out a
** new reference (and *real the property's own spelling, borrowed), false
** when v has no such property.
*/
static bool prop_get(val v, const char *name, val *out, const char **real)
{
    *out = val_nothing();
    if (val_kind(v) == VAL_OBJECT) {
        size_t nlen = strlen(name);
        for (uint32_t i = 0; i < val_obj_len(v); i++) {
            const char *pn = val_obj_name_at(v, i);
            if (pn[0] != '\x01' && text_ieq(pn, strlen(pn), name, nlen)) {
                *out = val_copy(val_obj_value_at(v, i));
                if (real)
                    *real = pn;
                return true;
            }
        }
        return false;
    }
    const char *const *sp = static_props(v, false);
    for (uint32_t i = 0; sp && sp[i]; i++) {
        if (!ieq(sp[i], name))
            continue;
        if (real)
            *real = sp[i];
        switch (val_kind(v)) {
        case VAL_STRING:
            *out = val_int((int32_t)text_utf16_len(val_str(v), val_str_len(v)));
            break;
        case VAL_DATETIME:
            *out = datetime_prop(v, sp[i]);
            break;
        case VAL_TIMESPAN:
            *out = timespan_prop(v, sp[i]);
            break;
        case VAL_SWITCH:
            *out = val_bool(v.u.b);
            break;
        case VAL_GUID: {
            struct buf b = BUF_INIT;
            conv_str(v, &b);
            *out = val_str_buf(&b);
            break;
        }
        case VAL_ARRAY:
            if (ieq(sp[i], "Length") || ieq(sp[i], "Count"))
                *out = val_int((int32_t)val_arr_len(v));
            else if (ieq(sp[i], "LongLength"))
                *out = val_long(val_arr_len(v));
            else if (ieq(sp[i], "Rank"))
                *out = val_int(1);
            else if (ieq(sp[i], "SyncRoot"))
                *out = val_copy(v);
            else
                *out = val_bool(ieq(sp[i], "IsFixedSize") && val_arr_flavour(v) == ARR_OBJECT);
            break;
        case VAL_TYPE:
            *out = type_prop(v, sp[i]);
            break;
        case VAL_HASHTABLE:
            if (ieq(sp[i], "Count")) {
                *out = val_int((int32_t)val_hash_len(v));
            } else if (ieq(sp[i], "Keys") || ieq(sp[i], "Values")) {
                bool keys = ieq(sp[i], "Keys");
                val a = val_arr_new();
                for (uint32_t k = 0; k < val_hash_len(v); k++)
                    a = val_arr_push(a, val_copy(keys ? val_hash_key_at(v, k) : val_hash_value_at(v, k)));
                *out = a;
            } else if (ieq(sp[i], "SyncRoot")) {
                *out = val_copy(v);
            } else {
                *out = val_bool(false);
            }
            break;
        default:
            break;
        }
        return true;
    }
    return false;
}

/*
** prop_get for a property read from object after object (a column): *hint
** is where the last object had it. Objects of one stream mostly have their
** properties in the same order, and names are unique ignoring case, so an
** exact match there is the property.
*/
static bool prop_get_hint(val v, const char *name, uint32_t *hint, val *out)
{
    if (val_kind(v) != VAL_OBJECT)
        return prop_get(v, name, out, NULL);
    uint32_t n = val_obj_len(v);
    if (*hint < n && strcmp(val_obj_name_at(v, *hint), name) == 0 && name[0] != '\x01') {
        *out = val_copy(val_obj_value_at(v, *hint));
        return true;
    }
    const char *real;
    if (!prop_get(v, name, out, &real))
        return false;
    for (uint32_t i = 0; i < n; i++)
        if (val_obj_name_at(v, i) == real)
            *hint = i;
    return true;
}

/* The type names of a value, most derived first (PSObject.TypeNames). */
static uint32_t type_names(val v, const char **out, uint32_t max)
{
    uint32_t n = 0;
    if (val_kind(v) == VAL_OBJECT) {
        for (uint32_t i = 0; i < val_obj_ntypes(v) && n < max; i++)
            out[n++] = val_obj_type_at(v, i);
        if (n == 0 && n < max)
            out[n++] = PSCUSTOM;
        if (n < max && strcmp(out[n - 1], "System.Object") != 0 && !ieq(out[n - 1], "System.Object"))
            out[n++] = "System.Object";
        return n;
    }
    out[n++] = conv_type_name(v);
    if (val_kind(v) == VAL_ENUM && n < max)
        out[n++] = "System.Enum";
    switch (val_kind(v)) {
    case VAL_BOOL: case VAL_INT: case VAL_LONG: case VAL_DOUBLE: case VAL_DECIMAL: case VAL_CHAR:
    case VAL_TIMESPAN: case VAL_DATETIME: case VAL_GUID: case VAL_ENUM: case VAL_SWITCH:
    case VAL_BYTESIZE:
        if (n < max)
            out[n++] = "System.ValueType";
        break;
    default:
        break;
    }
    if (n < max)
        out[n++] = "System.Object";
    return n;
}

/* DefaultScalarTypes.IsTypeInList: shown as their ToString, never as a table. */
static bool is_scalar(val v)
{
    switch (val_kind(v)) {
    case VAL_STRING: case VAL_BOOL: case VAL_INT: case VAL_LONG: case VAL_DOUBLE:
    case VAL_DECIMAL: case VAL_CHAR: case VAL_ENUM: case VAL_BYTESIZE: case VAL_SCRIPTBLOCK:
        return true;
    default:
        return false;
    }
}

/* Does v have a property (HasNonRemotingProperties)? */
static bool has_properties(val v)
{
    if (val_kind(v) == VAL_OBJECT)
        return any_visible_prop(v);
    return static_props(v, false) != NULL;
}

/* PSObjectHelper.GetDisplayName: the first of name, id, key, *key, *name, *id. */
static bool display_name(val v, val *out)
{
    static const char *const patterns[] = {"name", "id", "key", "*key", "*name", "*id"};
    uint32_t n;
    const char **names = prop_names(v, &n);
    bool found = false;
    for (size_t p = 0; p < EMSH_ARRAY_SIZE(patterns) && !found; p++) {
        for (uint32_t i = 0; i < n && !found; i++) {
            if (wc_match(patterns[p], strlen(patterns[p]), names[i], strlen(names[i]), WC_NONE) == 1 &&
                !ieq(names[i], "PSComputerName") && !ieq(names[i], "PSShowComputerName") &&
                !ieq(names[i], "RunspaceId")) {
                found = prop_get(v, names[i], out, NULL);
            }
        }
    }
    free(names);
    return found;
}

/* }================================================================== */

/*
** {==================================================================
** Views
** ===================================================================
*/

static const struct fmt_view **views;
static unsigned nviews, views_cap;
static bool builtins_done;
static void register_builtins(void);

static void add_view(const struct fmt_view *v)
{
    if (nviews == views_cap) {
        views_cap = views_cap ? views_cap * 2 : 32;
        views = emsh_xrealloc(views, views_cap * sizeof *views);
    }
    views[nviews++] = v;
}

void fmt_register_view(const struct fmt_view *view)
{
    register_builtins();
    add_view(view);
}

static bool view_applies(const struct fmt_view *v, const char *type)
{
    for (const char *const *t = v->types; t && *t; t++)
        if (ieq(*t, type))
            return true;
    return false;
}

/*
** Which views apply to a type name, remembered: find_view runs for every
** object formatted, and the objects of one stream are mostly of a few
** types. A direct-mapped cache, emptied when a view is registered.
*/
struct applying {
    char *type;     /* the type name, or NULL when the entry is empty */
    uint64_t hash;  /* of type, ignoring case */
    unsigned *idx;  /* indexes into views[], in registration order */
    unsigned n;
};
static struct applying applying_cache[64];
static unsigned applying_nviews; /* nviews when the cache was filled */

static const struct applying *views_for(const char *type)
{
    if (applying_nviews != nviews) {
        for (size_t i = 0; i < EMSH_ARRAY_SIZE(applying_cache); i++) {
            free(applying_cache[i].type);
            free(applying_cache[i].idx);
            applying_cache[i] = (struct applying){0};
        }
        applying_nviews = nviews;
    }
    size_t len = strlen(type);
    uint64_t h = text_ihash(type, len);
    struct applying *e = &applying_cache[h % EMSH_ARRAY_SIZE(applying_cache)];
    if (e->type && e->hash == h && ieq(e->type, type))
        return e;
    free(e->type);
    free(e->idx);
    e->type = xstrdup(type);
    e->hash = h;
    e->idx = emsh_xmalloc((nviews ? nviews : 1) * sizeof *e->idx);
    e->n = 0;
    for (unsigned i = 0; i < nviews; i++)
        if (view_applies(views[i], type))
            e->idx[e->n++] = i;
    return e;
}

/*
** The view for an object: the first registered for its first type name
** that has one of the shape (any shape when FMT_SHAPE_UNDEFINED), named
** `name` when given; out-of-band views only when oob.
*/
/*
** The last lookups of find_view: an object of the type names of the one
** before it gets its view without hashing each name again.
*/
struct view_memo {
    char *types;     /* the type names, each ending in '\0'; NULL: an empty entry */
    uint32_t ntypes;
    enum fmt_shape shape;
    char *name;
    bool oob;
    unsigned nviews; /* nviews when the entry was made */
    const struct fmt_view *view;
};
static struct view_memo view_memo[4];
static unsigned view_memo_next;

static bool view_memo_is(const struct view_memo *m, const char *const *tn, uint32_t n, enum fmt_shape shape,
                         const char *name, bool oob)
{
    if (!m->types || m->ntypes != n || m->shape != shape || m->oob != oob || m->nviews != nviews ||
        (name == NULL) != (m->name == NULL) || (name && strcmp(name, m->name) != 0))
        return false;
    const char *p = m->types;
    for (uint32_t k = 0; k < n; k++) {
        if (strcmp(p, tn[k]) != 0)
            return false;
        p += strlen(p) + 1;
    }
    return true;
}

static const struct fmt_view *find_view_uncached(const char *const *tn, uint32_t n, enum fmt_shape shape,
                                                 const char *name, bool oob);

static const struct fmt_view *find_view(val obj, enum fmt_shape shape, const char *name, bool oob)
{
    register_builtins();
    const char *tn[32];
    uint32_t n = type_names(obj, tn, 32);
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(view_memo); i++)
        if (view_memo_is(&view_memo[i], tn, n, shape, name, oob))
            return view_memo[i].view;
    const struct fmt_view *v = find_view_uncached(tn, n, shape, name, oob);
    struct view_memo *m = &view_memo[view_memo_next++ % EMSH_ARRAY_SIZE(view_memo)];
    free(m->types);
    free(m->name);
    struct buf b = BUF_INIT;
    for (uint32_t k = 0; k < n; k++)
        buf_add(&b, tn[k], strlen(tn[k]) + 1);
    buf_putc(&b, '\0');
    *m = (struct view_memo){buf_detach(&b, NULL), n, shape, xstrdup(name), oob, nviews, v};
    return v;
}

static const struct fmt_view *find_view_uncached(const char *const *tn, uint32_t n, enum fmt_shape shape,
                                                 const char *name, bool oob)
{
    for (uint32_t k = 0; k < n; k++) {
        const struct applying *e = views_for(tn[k]);
        for (unsigned j = 0; j < e->n; j++) {
            const struct fmt_view *v = views[e->idx[j]];
            if (shape != FMT_SHAPE_UNDEFINED && v->shape != shape)
                continue;
            if (name && !ieq(v->name ? v->name : "", name))
                continue;
            if (oob && !v->out_of_band)
                continue;
            return v;
        }
    }
    return NULL;
}

static bool view_matches_object(const struct fmt_view *v, val obj)
{
    const char *tn[32];
    uint32_t n = type_names(obj, tn, 32);
    for (uint32_t k = 0; k < n; k++)
        if (view_applies(v, tn[k]))
            return true;
    return false;
}

/* {--- built-in views (DotNetTypes / PowerShellCore format.ps1xml) ---*/

static void datetime_text(val obj, struct buf *out)
{
    val d = datetime_prop(obj, "DateTime");
    buf_add(out, val_str(d), val_str_len(d));
    val_free(d);
}

static void error_text(val obj, struct buf *out)
{
    err_render(obj, out);
}

static val type_is_public(val obj)
{
    (void)obj;
    return val_bool(true);
}

static val type_name_short(val obj)
{
    return val_kind(obj) == VAL_TYPE ? type_prop(obj, "Name") : val_str_new("");
}

static val type_base(val obj)
{
    if (val_kind(obj) != VAL_TYPE)
        return val_null();
    const struct type_info *ti = type_get(obj.aux);
    if (!ti)
        return val_null();
    if (ti->kind == TK_ENUM)
        return val_str_new("System.Enum");
    if (ti->kind == TK_ARRAY)
        return val_str_new("System.Array");
    if (!ti->base || ti->id == TY_OBJECT)
        return val_null();
    return val_str_new(type_name(ti->base));
}

static const char *const dict_types[] = {DICTENTRY, NULL};
static const struct fmt_column dict_columns[] = {
    {NULL, "Name", NULL, NULL, 30, FMT_ALIGN_UNDEFINED},
    {NULL, "Value", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};
static const struct fmt_item dict_items[] = {{NULL, "Name", NULL, NULL}, {NULL, "Value", NULL, NULL}};

static const char *const timespan_types[] = {"System.TimeSpan", NULL};
static const struct fmt_item timespan_items[] = {
    {NULL, "Days", NULL, NULL}, {NULL, "Hours", NULL, NULL}, {NULL, "Minutes", NULL, NULL},
    {NULL, "Seconds", NULL, NULL}, {NULL, "Milliseconds", NULL, NULL}, {NULL, "Ticks", NULL, NULL},
    {NULL, "TotalDays", NULL, NULL}, {NULL, "TotalHours", NULL, NULL},
    {NULL, "TotalMinutes", NULL, NULL}, {NULL, "TotalSeconds", NULL, NULL},
    {NULL, "TotalMilliseconds", NULL, NULL},
};
static const struct fmt_column timespan_columns[] = {
    {NULL, "Days", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
    {NULL, "Hours", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
    {NULL, "Minutes", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
    {NULL, "Seconds", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
    {NULL, "Milliseconds", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};
static const struct fmt_item timespan_wide[] = {{NULL, "TotalMilliseconds", NULL, NULL}};

static const char *const datetime_types[] = {"System.DateTime", NULL};
static const char *const guid_types[] = {"System.Guid", NULL};
static const struct fmt_column guid_columns[] = {{NULL, "Guid", NULL, NULL, 0, FMT_ALIGN_UNDEFINED}};

static const char *const type_types[] = {"System.RuntimeType", NULL};
static const struct fmt_column type_columns[] = {
    {"IsPublic", NULL, type_is_public, NULL, 8, FMT_ALIGN_UNDEFINED},
    {"IsSerial", NULL, type_is_public, NULL, 8, FMT_ALIGN_UNDEFINED},
    {"Name", NULL, type_name_short, NULL, 40, FMT_ALIGN_UNDEFINED},
    {"BaseType", NULL, type_base, NULL, 0, FMT_ALIGN_UNDEFINED},
};

static const char *const error_types[] = {"System.Management.Automation.ErrorRecord", NULL};

/* Group-Object's output (PowerShellCore.format.ps1xml) */
static const char *const group_noelement_types[] = {"Microsoft.PowerShell.Commands.GroupInfoNoElement", NULL};
static const char *const group_types[] = {"Microsoft.PowerShell.Commands.GroupInfo", NULL};
static const struct fmt_column group_columns[] = {
    {NULL, "Count", NULL, NULL, 5, FMT_ALIGN_RIGHT},
    {NULL, "Name", NULL, NULL, 25, FMT_ALIGN_UNDEFINED},
    {NULL, "Group", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};

/* System.Version (DotNetTypes.format.ps1xml) */
static const char *const version_types[] = {"System.Version", NULL};
static const struct fmt_column version_columns[] = {
    {NULL, "Major", NULL, NULL, 6, FMT_ALIGN_LEFT},
    {NULL, "Minor", NULL, NULL, 6, FMT_ALIGN_LEFT},
    {NULL, "Build", NULL, NULL, 6, FMT_ALIGN_LEFT},
    {NULL, "Revision", NULL, NULL, 8, FMT_ALIGN_LEFT},
};

static const struct fmt_view builtin_views[] = {
    {.name = "Dictionary", .types = dict_types, .shape = FMT_SHAPE_TABLE, .columns = dict_columns, .ncolumns = 2},
    {.name = DICTENTRY, .types = dict_types, .shape = FMT_SHAPE_LIST, .items = dict_items, .nitems = 2},
    {.name = "System.TimeSpan", .types = timespan_types, .shape = FMT_SHAPE_LIST, .items = timespan_items, .nitems = 11},
    {.name = "System.TimeSpan", .types = timespan_types, .shape = FMT_SHAPE_TABLE, .columns = timespan_columns, .ncolumns = 5},
    {.name = "System.TimeSpan", .types = timespan_types, .shape = FMT_SHAPE_WIDE, .items = timespan_wide, .nitems = 1},
    {.name = "DateTime", .types = datetime_types, .shape = FMT_SHAPE_CUSTOM, .text = datetime_text},
    {.name = "System.Guid", .types = guid_types, .shape = FMT_SHAPE_TABLE, .columns = guid_columns, .ncolumns = 1},
    {.name = "System.Version", .types = version_types, .shape = FMT_SHAPE_TABLE, .columns = version_columns,
     .ncolumns = 4},
    {.name = "System.RuntimeType", .types = type_types, .shape = FMT_SHAPE_TABLE, .columns = type_columns, .ncolumns = 4},
    {.name = "GroupInfoNoElement", .types = group_noelement_types, .shape = FMT_SHAPE_TABLE, .columns = group_columns,
     .ncolumns = 2},
    {.name = "GroupInfo", .types = group_types, .shape = FMT_SHAPE_TABLE, .columns = group_columns, .ncolumns = 3},
    {.name = "ErrorInstance", .types = error_types, .shape = FMT_SHAPE_CUSTOM, .text = error_text, .out_of_band = true},
};

static void register_builtins(void)
{
    if (builtins_done)
        return;
    builtins_done = true;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(builtin_views); i++)
        add_view(&builtin_views[i]);
}

/* }--- */

/* }================================================================== */

/*
** {==================================================================
** Formatting records
** ===================================================================
*/

enum rec_kind { REC_NONE, REC_FS, REC_FE, REC_GS, REC_GE, REC_FED };
enum entry_kind { ENTRY_ROW = 1, ENTRY_LIST, ENTRY_WIDE, ENTRY_COMPLEX, ENTRY_TEXT };

#define REC_TYPE(name) "Microsoft.PowerShell.Commands.Internal.Format." name
#define REC_TYPES(name) REC_TYPE(name), REC_TYPE("PacketInfoData"), REC_TYPE("FormatInfoData"), "System.Object"
#define REC_START_TYPES(name)                                                                           \
    REC_TYPE(name), REC_TYPE("StartData"), REC_TYPE("PacketInfoData"), REC_TYPE("FormatInfoData"), \
        "System.Object"

/* The type names of the five records, shared by all of them. */
static const char *const rec_fs[] = {REC_START_TYPES("FormatStartData")};
static const char *const rec_gs[] = {REC_START_TYPES("GroupStartData")};
static const char *const rec_fe[] = {REC_TYPES("FormatEndData")};
static const char *const rec_ge[] = {REC_TYPES("GroupEndData")};
static const char *const rec_fed[] = {REC_TYPES("FormatEntryData")};
static const struct {
    const char *name;
    const char *const *types;
    uint32_t n;
    enum rec_kind kind;
} rec_kinds[] = {
    {"FormatEntryData", rec_fed, EMSH_ARRAY_SIZE(rec_fed), REC_FED},
    {"FormatStartData", rec_fs, EMSH_ARRAY_SIZE(rec_fs), REC_FS},
    {"GroupStartData", rec_gs, EMSH_ARRAY_SIZE(rec_gs), REC_GS},
    {"FormatEndData", rec_fe, EMSH_ARRAY_SIZE(rec_fe), REC_FE},
    {"GroupEndData", rec_ge, EMSH_ARRAY_SIZE(rec_ge), REC_GE},
};

/* A record of type `name` (one of the five), its type names shared. */
static val record_new(const char *name)
{
    size_t i = 0;
    while (i + 1 < EMSH_ARRAY_SIZE(rec_kinds) && strcmp(rec_kinds[i].name, name) != 0)
        i++;
    (void)EMSH_ALWAYS(strcmp(rec_kinds[i].name, name) == 0);
    return val_obj_new_static(rec_kinds[i].types, rec_kinds[i].n);
}

static enum rec_kind rec_kind(val v)
{
    if (val_kind(v) != VAL_OBJECT || val_obj_ntypes(v) == 0)
        return REC_NONE;
    const char *t = val_obj_type_at(v, 0);
    /* a record made here shares its type names */
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(rec_kinds); i++)
        if (t == rec_kinds[i].types[0])
            return rec_kinds[i].kind;
    size_t pl = sizeof REC_PREFIX - 1;
    if (strncmp(t, REC_PREFIX, pl) != 0)
        return REC_NONE;
    t += pl;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(rec_kinds); i++)
        if (strcmp(t, rec_kinds[i].name) == 0)
            return rec_kinds[i].kind;
    return REC_NONE;
}

bool fmt_is_record(val v)
{
    return rec_kind(v) != REC_NONE;
}

/* Hidden fields of a record: borrowed views (VAL_NOTHING when absent). */
static val field(val rec, const char *name)
{
    for (uint32_t i = 0; i < val_obj_len(rec); i++)
        if (strcmp(val_obj_name_at(rec, i), name) == 0)
            return val_obj_value_at(rec, i);
    return val_nothing();
}

static int64_t ifield(val rec, const char *name)
{
    val v = field(rec, name);
    return val_kind(v) == VAL_INT || val_kind(v) == VAL_LONG ? v.u.i : 0;
}

static bool bfield(val rec, const char *name)
{
    val v = field(rec, name);
    return val_kind(v) == VAL_BOOL && v.u.b;
}

/* A table column of a FormatStartData. */
static val column_info(const char *label, const char *prop, int width, int align)
{
    val c = val_obj_new("Microsoft.PowerShell.Commands.Internal.Format.TableColumnInfo");
    c = val_obj_set_static(c, "\x01label", label ? val_str_new(label) : val_null());
    c = val_obj_set_static(c, "\x01prop", val_str_new(prop ? prop : ""));
    c = val_obj_set_static(c, "\x01width", val_int(width));
    c = val_obj_set_static(c, "\x01" "align", val_int(align));
    return c;
}

/* {--- complex entries (ComplexViewEntry format value lists) ---
** An entry is an array of: strings (text), $null (a new line), arrays
** (nested entries) and frame objects (\x01left, \x01first, \x01items). */

static val cv_frame(val list, int left)
{
    val items = val_arr_new();
    val f = val_obj_new("Microsoft.PowerShell.Commands.Internal.Format.FrameInfo");
    f = val_obj_set(f, "\x01left", val_int(left));
    f = val_obj_set(f, "\x01" "first", val_int(0));
    f = val_obj_set(f, "\x01items", val_copy(items));
    val_arr_push(list, f);
    return items; /* a reference the caller frees; pushes show through the frame */
}

static void cv_text(val list, const char *s, size_t n)
{
    val_arr_push(list, val_str_n(s, n));
}

static void cv_newline(val list)
{
    val_arr_push(list, val_null());
}

/* }--- */

/* }================================================================== */

/*
** {==================================================================
** Calculated properties (MshParameter)
** ===================================================================
*/

struct fmt_expr {
    char *name;    /* a property name or pattern; a script block's text */
    val script;    /* the script block, or VAL_NOTHING */
    bool wildcard;
};

struct fmt_param {
    struct fmt_expr ex;
    char *label;   /* Label / Name, or NULL */
    int width;     /* 0: none */
    int align;     /* enum fmt_align */
    char *format;  /* FormatString, or NULL */
    int depth;     /* Depth, or -1 */
};

enum pkind { PK_TABLE, PK_LIST, PK_WIDE, PK_CUSTOM, PK_GROUP };

static void expr_free(struct fmt_expr *e)
{
    free(e->name);
    val_free(e->script);
    e->name = NULL;
    e->script = val_nothing();
}

static void expr_copy(struct fmt_expr *dst, const struct fmt_expr *src)
{
    dst->name = xstrdup(src->name);
    dst->script = val_copy(src->script);
    dst->wildcard = src->wildcard;
}

static void expr_name(struct fmt_expr *e, const char *name, size_t n)
{
    e->name = emsh_xstrndup(name, n);
    e->script = val_nothing();
    e->wildcard = wc_has_wildcards(name, n);
}

static void expr_script(struct fmt_expr *e, val sb)
{
    struct buf b = BUF_INIT;
    conv_str(sb, &b);
    e->name = buf_detach(&b, NULL);
    if (!e->name)
        e->name = xstrdup("");
    e->script = val_copy(sb);
    e->wildcard = false;
}

static void params_free(struct fmt_param *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        expr_free(&p[i].ex);
        free(p[i].label);
        free(p[i].format);
    }
    free(p);
}

static bool perr(struct fmt_error *err, const char *id, const char *fmt, ...) EMSH_PRINTF(3, 4);
static bool perr(struct fmt_error *err, const char *id, const char *fmt, ...)
{
    memset(err, 0, sizeof *err);
    err->id = id;
    err->category = "InvalidArgument";
    err->exception = "System.NotSupportedException";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return false;
}

static const char EXPR_TYPES[] = "{System.String, System.Management.Automation.ScriptBlock}";

/* The .NET full name of a value's type, for messages. */
static const char *value_type_name(val v)
{
    if (val_kind(v) == VAL_ARRAY)
        return "System.Object[]";
    return conv_type_name(v);
}

/* The hashtable keys a command accepts, in definition order. */
enum pkey { KEY_EXPRESSION, KEY_FORMATSTRING, KEY_WIDTH, KEY_ALIGNMENT, KEY_LABEL, KEY_DEPTH };
static const char *const key_names[] = {"expression", "formatString", "width", "alignment", "label", "depth"};

static bool key_allowed(enum pkind k, enum pkey key)
{
    switch (key) {
    case KEY_EXPRESSION: return true;
    case KEY_FORMATSTRING: return k != PK_CUSTOM;
    case KEY_WIDTH: case KEY_ALIGNMENT: return k == PK_TABLE;
    case KEY_LABEL: return k == PK_TABLE || k == PK_LIST || k == PK_GROUP;
    case KEY_DEPTH: return k == PK_CUSTOM;
    }
    return false;
}

/* CommandParameterDefinition.FindPartialMatch: a prefix or the whole name. */
static bool partial_match(const char *key, const char *name)
{
    size_t kl = strlen(key), nl = strlen(name);
    if (kl == 0 || kl > nl)
        return false;
    return text_ieq(key, kl, name, kl);
}

static bool match_key(enum pkind k, const char *key, enum pkey *out, struct fmt_error *err)
{
    bool found = false;
    for (int i = KEY_EXPRESSION; i <= KEY_DEPTH; i++) {
        if (!key_allowed(k, (enum pkey)i))
            continue;
        bool m = partial_match(key, key_names[i]) || (i == KEY_LABEL && partial_match(key, "name"));
        if (!m)
            continue;
        if (found)
            return perr(err, "DictionaryKeyAmbiguous", "The %s key is ambiguous; %s and %s conflict.", key,
                        key_names[*out], key_names[i]);
        found = true;
        *out = (enum pkey)i;
    }
    if (!found)
        return perr(err, "DictionaryKeyIllegal", "The %s key is not valid.", key);
    return true;
}

static bool parse_hashtable(val h, enum pkind k, struct fmt_param *p, struct fmt_error *err)
{
    bool seen[KEY_DEPTH + 1] = {false};
    for (uint32_t i = 0; i < val_hash_len(h); i++) {
        val kv = val_hash_key_at(h, i);
        val v = val_hash_value_at(h, i);
        if (val_kind(kv) != VAL_STRING) {
            struct buf tn = BUF_INIT;
            const char *full = value_type_name(kv);
            const char *dot = strrchr(full, '.');
            buf_puts(&tn, dot ? dot + 1 : full);
            bool r = perr(err, "DictionaryKeyNonString", "The %s key type is not valid. The key must be a string.", tn.s);
            buf_release(&tn);
            return r;
        }
        const char *key = val_str(kv);
        enum pkey pk = KEY_EXPRESSION;
        if (!match_key(k, key, &pk, err))
            return false;
        if (seen[pk])
            return perr(err, "DictionaryKeyDuplicate", "The duplicated key \"%s\" conflicts with \"%s\".", key, key_names[pk]);
        seen[pk] = true;
        if (val_is_null(v))
            return perr(err, "DictionaryKeyMissingValue", "The %s key has no value.", key);
        switch (pk) {
        case KEY_EXPRESSION:
            if (val_kind(v) == VAL_STRING) {
                if (val_str_len(v) == 0)
                    return perr(err, "ExpressionEmptyString1", "The \"%s\" key cannot have an empty string value.",
                                key_names[KEY_EXPRESSION]);
                expr_name(&p->ex, val_str(v), val_str_len(v));
            } else if (val_kind(v) == VAL_SCRIPTBLOCK) {
                expr_script(&p->ex, v);
            } else {
                return perr(err, "DictionaryKeyIllegalValue1",
                            "The \"%s\" key has a type, %s, that is not valid; expected types are %s.", key,
                            value_type_name(v), EXPR_TYPES);
            }
            break;
        case KEY_WIDTH:
        case KEY_DEPTH:
            if (val_kind(v) != VAL_INT)
                return perr(err, "DictionaryKeyIllegalValue2",
                            "The \"%s\" key has a type, %s, that is not valid; expected type is System.Int32.", key,
                            value_type_name(v));
            if (pk == KEY_WIDTH) {
                if (v.u.i <= 0)
                    return perr(err, "WidthOutOfRange", "The value \"%d\" for key \"%s\" should be greater than 0.",
                                (int)v.u.i, key_names[KEY_WIDTH]);
                p->width = (int)v.u.i;
            } else {
                p->depth = (int)v.u.i;
            }
            break;
        default:
            if (val_kind(v) != VAL_STRING)
                return perr(err, "DictionaryKeyIllegalValue2",
                            "The \"%s\" key has a type, %s, that is not valid; expected type is System.String.", key,
                            value_type_name(v));
            if (pk == KEY_LABEL) {
                free(p->label);
                p->label = xstrdup(val_str(v));
            } else if (pk == KEY_FORMATSTRING) {
                if (val_str_len(v) == 0)
                    return perr(err, "FormatStringEmpty", "Cannot have an empty formatting string for key \"%s\".",
                                key_names[KEY_FORMATSTRING]);
                free(p->format);
                p->format = xstrdup(val_str(v));
            } else {
                static const char *const legal[] = {"left", "center", "right"};
                const char *s = val_str(v);
                p->align = 0;
                for (int a = 0; a < 3 && !p->align; a++)
                    if (partial_match(s, legal[a]))
                        p->align = a + 1;
                if (!p->align)
                    return perr(err, "AlignmentIllegalValue",
                                "The value \"%s\" for key \"%s\" is not valid; valid values are {left, center, right}.",
                                s, key_names[KEY_ALIGNMENT]);
            }
            break;
        }
    }
    if (!seen[KEY_EXPRESSION])
        return perr(err, "DictionaryKeyMandatoryEntry", "A mandatory entry for %s is missing.",
                    key_names[KEY_EXPRESSION]);
    return true;
}

/* ParameterProcessor.ProcessParameters: -Property / -GroupBy into parameters. */
static bool parse_params(val arg, enum pkind k, struct fmt_param **out, uint32_t *nout, struct fmt_error *err)
{
    *out = NULL;
    *nout = 0;
    if (val_kind(arg) == VAL_NOTHING)
        return true;
    uint32_t n = val_kind(arg) == VAL_ARRAY ? val_arr_len(arg) : 1;
    struct fmt_param *p = emsh_xmalloc((n ? n : 1) * sizeof *p);
    memset(p, 0, (n ? n : 1) * sizeof *p);
    for (uint32_t i = 0; i < n; i++) {
        p[i].ex.script = val_nothing();
        p[i].depth = -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        val e = val_kind(arg) == VAL_ARRAY ? val_arr_items(arg)[i] : arg;
        bool ok = true;
        if (val_kind(e) == VAL_HASHTABLE) {
            ok = parse_hashtable(e, k, &p[i], err);
        } else if (val_kind(e) == VAL_STRING) {
            if (val_str_len(e) == 0)
                ok = perr(err, "ExpressionEmptyString2", "An empty string value is not allowed.");
            else
                expr_name(&p[i].ex, val_str(e), val_str_len(e));
        } else if (val_kind(e) == VAL_SCRIPTBLOCK) {
            expr_script(&p[i].ex, e);
        } else if (val_is_null(e)) {
            ok = perr(err, "DictionaryKeyUnknownType",
                      "The value of a parameter was null; one of the following types was expected: %s.", EXPR_TYPES);
        } else {
            ok = perr(err, "DictionaryKeyUnknownType", "Cannot convert %s to one of the following types %s.",
                      value_type_name(e), EXPR_TYPES);
        }
        if (!ok) {
            params_free(p, n);
            return false;
        }
    }
    *out = p;
    *nout = n;
    return true;
}

/* }================================================================== */

/*
** {==================================================================
** The formatter (InnerFormatShapeCommand and the view generators)
** ===================================================================
*/

/* A resolved expression and the parameter it came from (MshResolvedExpressionParameterAssociation). */
struct assoc {
    const struct fmt_param *origin; /* borrowed from the formatter, or NULL */
    struct fmt_expr ex;             /* owned */
    uint32_t hint;                  /* see prop_get_hint */
};

struct assocv {
    struct assoc *v;
    uint32_t n, cap;
};

static void assocv_add(struct assocv *a, const struct fmt_param *origin, const struct fmt_expr *ex)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 8;
        a->v = emsh_xrealloc(a->v, a->cap * sizeof *a->v);
    }
    a->v[a->n].origin = origin;
    a->v[a->n].hint = 0;
    expr_copy(&a->v[a->n].ex, ex);
    a->n++;
}

static void assocv_free(struct assocv *a)
{
    for (uint32_t i = 0; i < a->n; i++)
        expr_free(&a->v[i].ex);
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}

struct fmt_formatter {
    char *seen_type, *seen_last; /* first and last type names of the last object view_matches() saw */
    uint32_t seen_ntypes;
    bool seen_matches;
    enum fmt_shape shape;    /* the command's shape; UNDEFINED for format-default */
    bool has_params;         /* a Format-* command (not format-default) */
    struct fmt_param *props;
    uint32_t nprops;
    struct fmt_param *group; /* -GroupBy, or NULL */
    uint32_t ngroup;
    char *view_name;
    int autosize, wrap, hide;
    bool force, display_error;
    bool failed; /* the last expression's script block failed */
    enum fmt_expand expand;
    int columns, depth;
    fmt_emit_fn emit;
    fmt_invoke_fn invoke;
    void *ud;
    int limit;

    int state; /* 0 none, 1 document, 2 group */
    /* the view generator, chosen at the first object */
    enum fmt_shape vshape;
    const struct fmt_view *view; /* NULL: built from properties */
    struct assocv table;         /* a table's columns from properties */
    bool vautosize;
    /* grouping */
    bool grouping;
    struct fmt_expr group_ex;    /* from -GroupBy or the view */
    const char *group_label;     /* borrowed */
    char *group_display;         /* the resolved expression's name */
    val group_value;             /* the current key, VAL_NOTHING before the first */
    /* reused from row to row */
    struct buf cell;             /* a cell's text */
    uint32_t *vhint;             /* a view's columns: see prop_get_hint */
    unsigned nvhint;
};

static enum ev emit(struct fmt_formatter *f, val rec)
{
    return f->emit(f->ud, rec);
}

/* PSPropertyExpression.GetValues(obj)[0]: *ok false when it yields nothing;
** f->failed set when a script block failed. */
static enum ev expr_value_hint(struct fmt_formatter *f, const struct fmt_expr *ex, uint32_t *hint, val obj,
                              val *out, bool *ok)
{
    *out = val_nothing();
    *ok = false;
    if (f)
        f->failed = false;
    if (val_kind(ex->script) == VAL_NOTHING) {
        *ok = hint ? prop_get_hint(obj, ex->name, hint, out) : prop_get(obj, ex->name, out, NULL);
        return EV_OK;
    }
    if (!f || !f->invoke)
        return EV_OK;
    val r = val_nothing();
    enum ev rc = f->invoke(f->ud, ex->script, obj, &r);
    if (rc == EV_THROW) {
        val_free(r);
        f->failed = true;
        return EV_OK; /* a failed expression shows as an empty cell (#ERR with -DisplayError) */
    }
    if (rc) {
        val_free(r);
        return rc;
    }
    *out = val_kind(r) == VAL_NOTHING ? val_null() : r;
    *ok = true;
    return EV_OK;
}

static enum ev expr_value(struct fmt_formatter *f, const struct fmt_expr *ex, val obj, val *out, bool *ok)
{
    return expr_value_hint(f, ex, NULL, obj, out, ok);
}

/* PSPropertyExpression.ResolveNames: the property names an expression stands for. */
static void resolve_names(const struct fmt_expr *ex, val obj, const struct fmt_param *origin, struct assocv *out)
{
    if (val_kind(ex->script) != VAL_NOTHING) {
        assocv_add(out, origin, ex);
        return;
    }
    uint32_t n;
    const char **names = prop_names(obj, &n);
    for (uint32_t i = 0; i < n; i++) {
        bool m = ex->wildcard ? wc_match(ex->name, strlen(ex->name), names[i], strlen(names[i]), WC_NONE) == 1
                              : ieq(ex->name, names[i]);
        if (!m)
            continue;
        /* no duplicates */
        bool dup = false;
        for (uint32_t k = 0; k < out->n && !dup; k++)
            dup = out->v[k].origin == origin && val_kind(out->v[k].ex.script) == VAL_NOTHING &&
                  ieq(out->v[k].ex.name, names[i]);
        if (dup)
            continue;
        struct fmt_expr r = {(char *)names[i], val_nothing(), false};
        assocv_add(out, origin, &r);
        if (!ex->wildcard)
            break;
    }
    free(names);
}

/* AssociationManager.ExpandAll. */
static void expand_all(val obj, struct assocv *out)
{
    uint32_t n;
    const char **names = prop_names_o(obj, &n, true);
    for (uint32_t i = 0; i < n; i++) {
        struct fmt_expr r = {(char *)names[i], val_nothing(), false};
        assocv_add(out, NULL, &r);
    }
    free(names);
}

/* AssociationManager.SetupActiveProperties (lists, wide, custom). */
static void setup_active(struct fmt_formatter *f, val obj, struct assocv *out)
{
    if (f && f->nprops) {
        for (uint32_t i = 0; i < f->nprops; i++)
            resolve_names(&f->props[i].ex, obj, &f->props[i], out);
        return;
    }
    expand_all(obj, out);
}

/* GetExpressionDisplayValue: an expression's value as a cell string
** (hint: see prop_get_hint, or NULL). */
static enum ev display_value(struct fmt_formatter *f, const struct fmt_expr *ex, uint32_t *hint, const char *format,
                             val obj, struct buf *out, val *raw)
{
    val v;
    bool ok;
    enum ev rc = expr_value_hint(f, ex, hint, obj, &v, &ok);
    if (rc)
        return rc;
    if (ok) {
        size_t at = out->len;
        if (!format_field(format, v, f ? f->limit : ENUM_LIMIT, out) && f && f->display_error) {
            out->len = at;
            buf_puts(out, "#FMTERR");
        }
    } else if (f && f->failed && f->display_error) {
        buf_puts(out, "#ERR");
    }
    if (raw)
        *raw = v;
    else
        val_free(v);
    return EV_OK;
}

/* The value of a view column or item (hint: see prop_get_hint, or NULL). */
static enum ev view_value(const char *property, fmt_value_fn compute, const char *format, val obj, int limit,
                          uint32_t *hint, struct buf *out)
{
    val v;
    bool ok = true;
    if (compute)
        v = compute(obj);
    else if (hint)
        ok = prop_get_hint(obj, property ? property : "", hint, &v);
    else
        ok = prop_get(obj, property ? property : "", &v, NULL);
    if (ok)
        format_field(format, v, limit, out);
    val_free(v);
    return EV_OK;
}

/* TableViewGenerator.ComputeDefaultAlignment: numbers right, the rest left. */
static enum ev default_alignment(struct fmt_formatter *f, const struct fmt_expr *ex, val obj, int *align)
{
    val v;
    bool ok;
    enum ev rc = expr_value(f, ex, obj, &v, &ok);
    *align = FMT_ALIGN_LEFT;
    if (!rc && ok && !val_is_null(v) && val_kind(v) != VAL_STRING && is_scalar(v) &&
        val_kind(v) != VAL_BYTESIZE && val_kind(v) != VAL_SCRIPTBLOCK)
        *align = FMT_ALIGN_RIGHT;
    val_free(v);
    return rc;
}

/* {--- payloads ---*/

static val entry_new(enum entry_kind k, bool oob)
{
    val r = record_new("FormatEntryData");
    r = val_obj_set_static(r, "\x01kind", val_int(k));
    r = val_obj_set_static(r, "\x01oob", val_bool(oob));
    return r;
}

static enum ev table_row(struct fmt_formatter *f, val obj, val *out)
{
    val cells = val_arr_new();
    bool multi = false;
    enum ev rc = EV_OK;
    struct buf *b = &f->cell;
    if (f->view) {
        multi = f->view->wrap;
        if (f->nvhint < f->view->ncolumns) {
            f->vhint = emsh_xrealloc(f->vhint, f->view->ncolumns * sizeof *f->vhint);
            memset(f->vhint, 0, f->view->ncolumns * sizeof *f->vhint);
            f->nvhint = f->view->ncolumns;
        }
        for (unsigned i = 0; i < f->view->ncolumns && !rc; i++) {
            const struct fmt_column *c = &f->view->columns[i];
            buf_reset(b);
            rc = view_value(c->property, c->compute, c->format, obj, f->limit, &f->vhint[i], b);
            cells = val_arr_push(cells, val_str_n(buf_cstr(b), b->len));
        }
    } else {
        for (uint32_t i = 0; i < f->table.n && !rc; i++) {
            struct assoc *a = &f->table.v[i];
            buf_reset(b);
            rc = display_value(f, &a->ex, &a->hint, a->origin ? a->origin->format : NULL, obj, b, NULL);
            cells = val_arr_push(cells, val_str_n(buf_cstr(b), b->len));
        }
    }
    if (f->wrap >= 0)
        multi = f->wrap;
    if (rc) {
        val_free(cells);
        return rc;
    }
    val r = entry_new(ENTRY_ROW, false);
    r = val_obj_set_static(r, "\x01" "cells", cells);
    r = val_obj_set_static(r, "\x01multi", val_bool(multi));
    *out = r;
    return EV_OK;
}

static enum ev list_entry_props(struct fmt_formatter *f, val obj, bool oob, val *out)
{
    struct assocv a = {0};
    setup_active(f, obj, &a);
    val labels = val_arr_new(), values = val_arr_new();
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < a.n && !rc; i++) {
        const char *label = a.v[i].origin && a.v[i].origin->label ? a.v[i].origin->label : a.v[i].ex.name;
        struct buf b = BUF_INIT;
        rc = display_value(f, &a.v[i].ex, NULL, a.v[i].origin ? a.v[i].origin->format : NULL, obj, &b, NULL);
        labels = val_arr_push(labels, val_str_new(label));
        values = val_arr_push(values, val_str_n(buf_cstr(&b), b.len));
        buf_release(&b);
    }
    assocv_free(&a);
    if (rc) {
        val_free(labels);
        val_free(values);
        return rc;
    }
    val r = entry_new(ENTRY_LIST, oob);
    r = val_obj_set_static(r, "\x01labels", labels);
    r = val_obj_set_static(r, "\x01values", values);
    *out = r;
    return EV_OK;
}

static enum ev list_entry(struct fmt_formatter *f, val obj, val *out)
{
    if (!f->view)
        return list_entry_props(f, obj, false, out);
    val labels = val_arr_new(), values = val_arr_new();
    for (unsigned i = 0; i < f->view->nitems; i++) {
        const struct fmt_item *it = &f->view->items[i];
        if (f->view->item_only && f->view->item_only[i]) {
            /* an item of an <EntrySelectedBy> entry: only for objects of its type */
            const char *tn[32];
            uint32_t n = type_names(obj, tn, 32);
            bool of_type = false;
            for (uint32_t k = 0; k < n && !of_type; k++)
                of_type = ieq(tn[k], f->view->item_only[i]);
            if (!of_type)
                continue;
        }
        struct buf b = BUF_INIT;
        view_value(it->property, it->compute, it->format, obj, f->limit, NULL, &b);
        const char *label = it->label ? it->label : it->property ? it->property : "";
        if (!it->label && it->property) {
            /* the property's own spelling when the object has it */
            val tmp;
            const char *real = NULL;
            if (prop_get(obj, it->property, &tmp, &real) && real)
                label = real;
            val_free(tmp);
        }
        labels = val_arr_push(labels, val_str_new(label));
        values = val_arr_push(values, val_str_n(buf_cstr(&b), b.len));
        buf_release(&b);
    }
    val r = entry_new(ENTRY_LIST, false);
    r = val_obj_set_static(r, "\x01labels", labels);
    r = val_obj_set_static(r, "\x01values", values);
    *out = r;
    return EV_OK;
}

static enum ev wide_entry(struct fmt_formatter *f, val obj, val *out)
{
    struct buf b = BUF_INIT;
    enum ev rc = EV_OK;
    if (f->view) {
        if (f->view->nitems)
            view_value(f->view->items[0].property, f->view->items[0].compute, f->view->items[0].format, obj,
                       f->limit, NULL, &b);
    } else {
        struct assocv a = {0};
        if (f->nprops) {
            for (uint32_t i = 0; i < f->nprops; i++)
                resolve_names(&f->props[i].ex, obj, &f->props[i], &a);
        } else {
            static const char *const patterns[] = {"name", "id", "key", "*key", "*name", "*id"};
            for (size_t p = 0; p < EMSH_ARRAY_SIZE(patterns) && a.n == 0; p++) {
                struct fmt_expr e;
                expr_name(&e, patterns[p], strlen(patterns[p]));
                resolve_names(&e, obj, NULL, &a);
                expr_free(&e);
            }
            if (a.n == 0)
                expand_all(obj, &a);
        }
        if (a.n)
            rc = display_value(f, &a.v[0].ex, NULL, a.v[0].origin ? a.v[0].origin->format : NULL, obj, &b, NULL);
        assocv_free(&a);
    }
    if (rc) {
        buf_release(&b);
        return rc;
    }
    val r = entry_new(ENTRY_WIDE, false);
    r = val_obj_set_static(r, "\x01value", val_str_n(buf_cstr(&b), b.len));
    buf_release(&b);
    *out = r;
    return EV_OK;
}

/* A custom view's text as a complex entry: the lines with new lines between them. */
static val text_entry(const char *s, size_t n)
{
    val list = val_arr_new();
    val fe = val_arr_new();
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\n') {
            cv_text(fe, s + start, i - start);
            if (i < n)
                cv_newline(fe);
            start = i + 1;
        }
    }
    val_arr_push(list, fe);
    return list;
}

/* {--- ComplexViewObjectBrowser (Format-Custom without a view) ---*/

struct browser {
    struct fmt_formatter *f;
    int max_depth;
};

static enum ev browse_object(struct browser *br, val obj, int level, int max, bool top, val list);
static enum ev browse_enum(struct browser *br, val e, int level, int max, val list);

static bool treat_as_leaf(val v, int level, int max)
{
    return level >= max || val_is_null(v) || is_scalar(v);
}

static void display_leaf(struct browser *br, val v, val list)
{
    struct buf b = BUF_INIT;
    format_field(NULL, v, br->f ? br->f->limit : ENUM_LIMIT, &b);
    cv_text(list, buf_cstr(&b), b.len);
    cv_newline(list);
    buf_release(&b);
}

static void enum_items(val e, val *items)
{
    if (val_kind(e) == VAL_HASHTABLE) {
        val a = val_arr_new();
        for (uint32_t i = 0; i < val_hash_len(e); i++)
            a = val_arr_push(a, conv_dict_entry(e, i));
        *items = a;
    } else {
        *items = val_copy(e);
    }
}

static enum ev browse_enum(struct browser *br, val e, int level, int max, val list)
{
    cv_text(list, "[", 1);
    cv_newline(list);
    val inner = cv_frame(list, 2);
    val items;
    enum_items(e, &items);
    enum ev rc = EV_OK;
    int limit = br->f ? br->f->limit : ENUM_LIMIT;
    for (uint32_t i = 0; i < val_arr_len(items) && !rc; i++) {
        val x = val_arr_items(items)[i];
        if (limit >= 0 && (int)i == limit) {
            cv_text(inner, ELLIPSIS, 3);
            cv_newline(inner);
            break;
        }
        if (treat_as_leaf(x, level, max)) {
            display_leaf(br, x, inner);
        } else if (is_enumerable(x)) {
            cv_newline(inner);
            val sub = cv_frame(inner, 2);
            rc = browse_enum(br, x, level + 1, max, sub);
            val_free(sub);
        } else {
            rc = browse_object(br, x, level + 1, max, false, inner);
        }
    }
    val_free(items);
    val_free(inner);
    cv_text(list, "]", 1);
    cv_newline(list);
    cv_newline(list);
    return rc;
}

static enum ev browse_object(struct browser *br, val obj, int level, int max, bool top, val list)
{
    struct assocv a = {0};
    setup_active(top ? br->f : NULL, obj, &a);
    val fe = val_arr_new();
    val_arr_push(list, val_copy(fe));
    const char *tn[4];
    type_names(obj, tn, 4);
    const char *dot = strrchr(tn[0], '.');
    struct buf name = BUF_INIT;
    buf_puts(&name, "class ");
    buf_puts(&name, dot ? dot + 1 : tn[0]);
    cv_text(fe, name.s, name.len);
    cv_newline(fe);
    buf_release(&name);
    cv_text(fe, "{", 1);
    cv_newline(fe);
    val inner = cv_frame(fe, 2);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < a.n && !rc; i++) {
        struct buf t = BUF_INIT;
        buf_puts(&t, a.v[i].ex.name);
        buf_puts(&t, " = ");
        cv_text(inner, t.s, t.len);
        buf_release(&t);
        val v;
        bool ok;
        rc = expr_value(br->f, &a.v[i].ex, obj, &v, &ok);
        if (rc)
            break;
        if (!ok) {
            val_free(v);
            v = val_str_new("");
        }
        int lmax = max;
        if (a.v[i].origin && a.v[i].origin->depth >= 0)
            lmax = a.v[i].origin->depth;
        if (!val_is_null(v) && is_enumerable(v)) {
            cv_newline(inner);
            val sub = cv_frame(inner, 2);
            rc = browse_enum(br, v, level + 1, lmax, sub);
            val_free(sub);
        } else if (val_is_null(v) || treat_as_leaf(v, level, lmax)) {
            display_leaf(br, v, inner);
        } else {
            cv_newline(inner);
            val sub = cv_frame(inner, 2);
            rc = browse_object(br, v, level + 1, lmax, false, sub);
            val_free(sub);
        }
        val_free(v);
    }
    val_free(inner);
    cv_text(fe, "}", 1);
    cv_newline(fe);
    val_free(fe);
    assocv_free(&a);
    return rc;
}

/* }--- */

static enum ev complex_entry(struct fmt_formatter *f, val obj, val *out)
{
    val cv;
    if (f->view && f->view->text) {
        struct buf b = BUF_INIT;
        f->view->text(obj, &b);
        cv = text_entry(buf_cstr(&b), b.len);
        buf_release(&b);
    } else {
        cv = val_arr_new();
        struct browser br = {f, f->depth > 0 ? f->depth : CUSTOM_MAX_DEPTH};
        enum ev rc;
        if (is_scalar(obj)) {
            val fe = val_arr_new();
            display_leaf(&br, obj, fe);
            val_arr_push(cv, fe);
            rc = EV_OK;
        } else if (is_enumerable(obj)) {
            val fe = val_arr_new();
            val_arr_push(cv, val_copy(fe));
            rc = browse_enum(&br, obj, 0, br.max_depth, fe);
            val_free(fe);
        } else {
            rc = browse_object(&br, obj, 0, br.max_depth, true, cv);
        }
        if (rc) {
            val_free(cv);
            return rc;
        }
    }
    val r = entry_new(ENTRY_COMPLEX, false);
    r = val_obj_set_static(r, "\x01" "cv", cv);
    *out = r;
    return EV_OK;
}

static enum ev payload(struct fmt_formatter *f, val obj, val *out)
{
    switch (f->vshape) {
    case FMT_SHAPE_LIST: return list_entry(f, obj, out);
    case FMT_SHAPE_WIDE: return wide_entry(f, obj, out);
    case FMT_SHAPE_CUSTOM: return complex_entry(f, obj, out);
    default: return table_row(f, obj, out);
    }
}

/* }--- */

/* {--- out of band ---*/

static val text_record(const char *s, size_t n)
{
    val r = entry_new(ENTRY_TEXT, true);
    return val_obj_set_static(r, "\x01text", val_str_n(s, n));
}

/*
** OutOfBandFormatViewManager.GenerateOutOfBandData: an object shown on its
** own (VAL_NOTHING when it is not). Scalars print as their ToString; an
** out-of-band view (the error display) prints as its text; with fallback,
** any other object prints as a list of its properties.
*/
static enum ev out_of_band(struct fmt_formatter *f, val obj, bool fallback, val *out)
{
    *out = val_nothing();
    const struct fmt_view *v = find_view(obj, FMT_SHAPE_UNDEFINED, NULL, true);
    if (v && v->text) {
        struct buf b = BUF_INIT;
        v->text(obj, &b);
        size_t n = b.len;
        if (n && b.s[n - 1] == '\n')
            n--;
        *out = text_record(buf_cstr(&b), n);
        buf_release(&b);
        return EV_OK;
    }
    if (is_scalar(obj) || !has_properties(obj)) {
        struct buf b = BUF_INIT;
        to_string(obj, &b);
        *out = text_record(buf_cstr(&b), b.len);
        buf_release(&b);
        return EV_OK;
    }
    if (!fallback)
        return EV_OK;
    /* a list of all its properties */
    struct fmt_formatter tmp = *f;
    tmp.nprops = 0;
    return list_entry_props(&tmp, obj, true, out);
}

static bool should_oob(struct fmt_formatter *f)
{
    return !f->has_params || !f->force;
}

/* }--- */

/* {--- view selection (FormatViewManager.Initialize) ---*/

static const char *shape_name(enum fmt_shape s)
{
    switch (s) {
    case FMT_SHAPE_LIST: return "List";
    case FMT_SHAPE_WIDE: return "Wide";
    case FMT_SHAPE_CUSTOM: return "Custom";
    default: return "Table";
    }
}

static const char *shape_cmdlet(enum fmt_shape s)
{
    switch (s) {
    case FMT_SHAPE_LIST: return "Format-List";
    case FMT_SHAPE_WIDE: return "Format-Wide";
    case FMT_SHAPE_CUSTOM: return "Format-Custom";
    default: return "Format-Table";
    }
}

static enum ev unknown_view(struct fmt_formatter *f, val obj, struct fmt_error *err)
{
    const char *tn[2];
    type_names(obj, tn, 2);
    const char *type = tn[0];
    struct buf valid = BUF_INIT, other = BUF_INIT;
    register_builtins();
    for (unsigned i = 0; i < nviews; i++) {
        const struct fmt_view *v = views[i];
        bool applies = false;
        for (const char *const *t = v->types; t && *t; t++)
            if (ieq(*t, type))
                applies = true;
        if (!applies)
            continue;
        if (v->shape == f->shape) {
            buf_puts(&valid, v->name ? v->name : "");
            buf_puts(&valid, ", ");
        } else if (v->name && ieq(v->name, f->view_name)) {
            buf_puts(&other, other.len ? ", " : " Try using one of these other format cmdlets: ");
            buf_puts(&other, shape_cmdlet(v->shape));
        }
    }
    memset(err, 0, sizeof *err);
    err->id = "FormatViewNotFound";
    err->category = "ObjectNotFound";
    err->exception = "System.Management.Automation.PipelineStoppedException";
    snprintf(err->target, sizeof err->target, "%s", f->view_name);
    if (valid.len) {
        valid.s[valid.len - 2] = '\0';
        snprintf(err->msg, sizeof err->msg,
                 "The view name %s cannot be found. Specify one of the following %s views and try again: %s.",
                 f->view_name, shape_name(f->shape), valid.s);
    } else if (other.len) {
        snprintf(err->msg, sizeof err->msg, " The view name %s cannot be found in the %s formatting.%s",
                 f->view_name, shape_name(f->shape), other.s);
    } else {
        snprintf(err->msg, sizeof err->msg,
                 "The view name %s cannot be found. There are no existing %s views for %s objects.", f->view_name,
                 shape_name(f->shape), type);
    }
    buf_release(&valid);
    buf_release(&other);
    return EV_THROW;
}

/* SelectViewGeneratorFromProperties. */
static void from_properties(struct fmt_formatter *f, val obj, enum fmt_shape shape)
{
    if (shape == FMT_SHAPE_UNDEFINED) {
        struct assocv a = {0};
        expand_all(obj, &a);
        shape = a.n <= TABLE_MAX_PROPS ? FMT_SHAPE_TABLE : FMT_SHAPE_LIST;
        assocv_free(&a);
    }
    f->view = NULL;
    f->vshape = shape;
    if (shape != FMT_SHAPE_TABLE)
        return;
    if (f->nprops) {
        /* ExpandTableParameters: an unknown plain name still gets its column */
        for (uint32_t i = 0; i < f->nprops; i++) {
            uint32_t before = f->table.n;
            resolve_names(&f->props[i].ex, obj, &f->props[i], &f->table);
            if (f->table.n == before && !f->props[i].ex.wildcard)
                assocv_add(&f->table, &f->props[i], &f->props[i].ex);
        }
        return;
    }
    expand_all(obj, &f->table);
    while (f->table.n > TABLE_MAX_COLUMNS)
        expr_free(&f->table.v[--f->table.n].ex);
}

static enum ev select_view(struct fmt_formatter *f, val obj, struct fmt_error *err)
{
    const struct fmt_view *v = NULL;
    if (f->shape == FMT_SHAPE_UNDEFINED) {
        v = find_view(obj, FMT_SHAPE_UNDEFINED, NULL, false);
    } else if (f->nprops == 0) {
        if (f->view_name) {
            v = find_view(obj, f->shape, f->view_name, false);
            if (!v)
                return unknown_view(f, obj, err);
        } else {
            v = find_view(obj, f->shape, NULL, false);
        }
    }
    if (v) {
        f->view = v;
        f->vshape = v->shape;
    } else {
        from_properties(f, obj, f->shape);
    }
    f->vautosize = f->autosize >= 0 ? f->autosize : (v && v->autosize);
    /* grouping: -GroupBy, else the view's */
    if (f->group) {
        f->grouping = true;
        expr_copy(&f->group_ex, &f->group->ex);
        f->group_label = f->group->label;
    } else if (v && v->group_by) {
        f->grouping = true;
        expr_name(&f->group_ex, v->group_by, strlen(v->group_by));
        f->group_label = v->group_label;
    }
    return EV_OK;
}

static enum ev start_data(struct fmt_formatter *f, val obj, val *out)
{
    val r = record_new("FormatStartData");
    r = val_obj_set_static(r, "\x01shape", val_int(f->vshape));
    r = val_obj_set_static(r, "\x01" "autosize", val_bool(f->vautosize));
    enum ev rc = EV_OK;
    if (f->vshape == FMT_SHAPE_TABLE) {
        val cols = val_arr_new();
        if (f->view) {
            for (unsigned i = 0; i < f->view->ncolumns; i++) {
                const struct fmt_column *c = &f->view->columns[i];
                cols = val_arr_push(cols, column_info(c->label ? c->label : c->property ? c->property : "",
                                                      c->property, c->width, c->align));
            }
        } else {
            for (uint32_t i = 0; i < f->table.n && !rc; i++) {
                const struct assoc *a = &f->table.v[i];
                int align = a->origin ? a->origin->align : 0;
                if (!align)
                    rc = default_alignment(f, &a->ex, obj, &align);
                cols = val_arr_push(cols, column_info(a->origin ? a->origin->label : NULL, a->ex.name,
                                                      a->origin ? a->origin->width : 0, align));
            }
        }
        r = val_obj_set_static(r, "\x01" "cols", cols);
        bool hide = f->hide >= 0 ? f->hide : (f->view && f->view->hide_headers);
        r = val_obj_set_static(r, "\x01hide", val_bool(hide));
    } else if (f->vshape == FMT_SHAPE_WIDE) {
        int columns = 0;
        if (!f->vautosize)
            columns = f->columns > 0 ? f->columns : f->view ? f->view->wide_columns : 0;
        r = val_obj_set_static(r, "\x01wcols", val_int(columns));
    }
    if (rc) {
        val_free(r);
        return rc;
    }
    *out = r;
    return EV_OK;
}

/* GroupingInfoManager.IsEqual: LanguagePrimitives.Compare, else the strings ignoring case. */
static bool values_equal(val a, val b)
{
    int cmp;
    struct conv_error ce;
    if (ops_compare(a, b, true, &cmp, &ce))
        return cmp == 0;
    struct buf x = BUF_INIT, y = BUF_INIT;
    to_string(a, &x);
    to_string(b, &y);
    bool same = text_ieq(buf_cstr(&x), x.len, buf_cstr(&y), y.len);
    buf_release(&x);
    buf_release(&y);
    return same;
}

/* GroupingInfoManager.UpdateGroupingKeyValue: did the key change? */
static enum ev update_group(struct fmt_formatter *f, val obj, bool *changed)
{
    *changed = false;
    if (!f->grouping)
        return EV_OK;
    val v;
    bool ok;
    enum ev rc = expr_value(f, &f->group_ex, obj, &v, &ok);
    if (rc || !ok) {
        val_free(v);
        return rc;
    }
    val old = f->group_value;
    /* IsEqual both ways, as PowerShell checks */
    bool same = val_kind(old) != VAL_NOTHING && (values_equal(v, old) || values_equal(old, v));
    f->group_value = v;
    val_free(old);
    *changed = !same;
    if (*changed && !f->group_label) {
        free(f->group_display);
        f->group_display = xstrdup(f->group_ex.name);
    }
    return EV_OK;
}

static val group_start(struct fmt_formatter *f, val obj)
{
    val r = record_new("GroupStartData");
    if (f->grouping && val_kind(f->group_value) != VAL_NOTHING && !f->group && f->view && f->view->group_text) {
        /* the view's custom control: a frame of text and new lines */
        struct buf b = BUF_INIT;
        f->view->group_text(obj, &b);
        val entry = val_arr_new();
        val fe = val_arr_new();
        val items = cv_frame(fe, f->view->group_indent);
        size_t at = 0;
        for (size_t i = 0; i <= b.len; i++) {
            if (i < b.len && b.s[i] != '\n')
                continue;
            if (i > at)
                cv_text(items, b.s + at, i - at);
            if (i < b.len)
                cv_newline(items);
            at = i + 1;
        }
        val_free(items);
        entry = val_arr_push(entry, fe);
        buf_release(&b);
        return val_obj_set_static(r, "\x01gcontrol", entry);
    }
    if (f->grouping && val_kind(f->group_value) != VAL_NOTHING) {
        struct buf b = BUF_INIT;
        buf_puts(&b, "   ");
        buf_puts(&b, f->group_label ? f->group_label : f->group_display ? f->group_display : "");
        buf_puts(&b, ": ");
        r = val_obj_set_static(r, "\x01glabel", val_str_buf(&b));
        struct buf v = BUF_INIT;
        smart_string(f->group_value, f->limit, &v);
        r = val_obj_set_static(r, "\x01gvalue", val_str_buf(&v));
    }
    return r;
}

/* }--- */

static enum ev process_object_view(struct fmt_formatter *f, val obj, struct fmt_error *err);

/* An object with added alias and script properties is shown with them read. */
static enum ev process_object(struct fmt_formatter *f, val obj, struct fmt_error *err)
{
    if (fmt_is_record(obj) || val_kind(obj) != VAL_OBJECT)
        return process_object_view(f, obj, err);
    val view = conv_resolved(obj);
    enum ev rc = process_object_view(f, view, err);
    val_free(view);
    return rc;
}

/* view_matches_object() for the formatter's view, remembered for the last type seen: a
** stream is mostly objects of one type, and comparing names ignoring case costs. */
static bool view_matches(struct fmt_formatter *f, val obj)
{
    uint32_t n = val_kind(obj) == VAL_OBJECT ? val_obj_ntypes(obj) : 0;
    const char *t = n ? val_obj_type_at(obj, 0) : NULL, *last = n ? val_obj_type_at(obj, n - 1) : NULL;
    if (t && f->seen_type && n == f->seen_ntypes && strcmp(t, f->seen_type) == 0 && strcmp(last, f->seen_last) == 0)
        return f->seen_matches;
    bool m = view_matches_object(f->view, obj);
    if (t) {
        free(f->seen_type);
        free(f->seen_last);
        f->seen_type = xstrdup(t);
        f->seen_last = xstrdup(last);
        f->seen_ntypes = n;
        f->seen_matches = m;
    }
    return m;
}

static enum ev process_object_view(struct fmt_formatter *f, val obj, struct fmt_error *err)
{
    if (fmt_is_record(obj))
        return emit(f, val_copy(obj));
    enum ev rc;
    val oob;
    if (should_oob(f)) {
        rc = out_of_band(f, obj, false, &oob);
        if (rc)
            return rc;
        if (val_kind(oob) != VAL_NOTHING)
            return emit(f, oob);
    }
    if (f->state == 0) {
        rc = select_view(f, obj, err);
        if (rc)
            return rc;
        val fs;
        rc = start_data(f, obj, &fs);
        if (rc)
            return rc;
        rc = emit(f, fs);
        if (rc)
            return rc;
        f->state = 1;
    }
    if (should_oob(f) && f->view && !view_matches(f, obj)) {
        rc = out_of_band(f, obj, true, &oob);
        if (rc)
            return rc;
        if (val_kind(oob) != VAL_NOTHING)
            return emit(f, oob);
    }
    bool changed = false;
    rc = update_group(f, obj, &changed);
    if (rc)
        return rc;
    if (f->state == 1) {
        rc = emit(f, group_start(f, obj));
        if (rc)
            return rc;
        f->state = 2;
    } else if (changed) {
        rc = emit(f, record_new("GroupEndData"));
        if (!rc)
            rc = emit(f, group_start(f, obj));
        if (rc)
            return rc;
    }
    val p;
    rc = payload(f, obj, &p);
    if (rc)
        return rc;
    return emit(f, p);
}

/* Where $FormatEnumerationLimit is read (the session's), or NULL: the default. */
static int (*limit_source)(void *ud);
static void *limit_source_ud;

void fmt_set_limit_source(int (*fn)(void *ud), void *ud)
{
    limit_source = fn;
    limit_source_ud = ud;
}

void *fmt_limit_source_ud(void)
{
    return limit_source_ud;
}

struct fmt_formatter *fmt_formatter_new(const struct fmt_options *opt, fmt_emit_fn emitfn,
                                        fmt_invoke_fn invoke, void *ud, struct fmt_error *err)
{
    struct fmt_formatter *f = emsh_xmalloc(sizeof *f);
    memset(f, 0, sizeof *f);
    f->shape = opt ? opt->shape : FMT_SHAPE_UNDEFINED;
    f->has_params = f->shape != FMT_SHAPE_UNDEFINED;
    f->autosize = f->wrap = f->hide = -1;
    f->expand = FMT_EXPAND_UNSET;
    f->emit = emitfn;
    f->invoke = invoke;
    f->ud = ud;
    f->limit = limit_source ? limit_source(limit_source_ud) : ENUM_LIMIT; /* read as each formatting starts */
    f->group_ex.script = val_nothing();
    f->group_value = val_nothing();
    if (opt) {
        f->autosize = opt->autosize;
        f->wrap = opt->wrap;
        f->hide = opt->hide_headers;
        f->force = opt->force;
        f->display_error = opt->display_error;
        f->expand = opt->expand;
        f->columns = opt->columns;
        f->depth = opt->depth;
        f->view_name = xstrdup(opt->view);
        enum pkind k = f->shape == FMT_SHAPE_LIST     ? PK_LIST
                       : f->shape == FMT_SHAPE_WIDE   ? PK_WIDE
                       : f->shape == FMT_SHAPE_CUSTOM ? PK_CUSTOM
                                                      : PK_TABLE;
        if (!parse_params(opt->property, k, &f->props, &f->nprops, err) ||
            !parse_params(opt->group_by, PK_GROUP, &f->group, &f->ngroup, err)) {
            fmt_formatter_free(f);
            return NULL;
        }
        if (f->ngroup == 0 && f->group) {
            free(f->group);
            f->group = NULL;
        }
        if (f->view_name && f->nprops) {
            memset(err, 0, sizeof *err);
            err->id = "FormatCannotSpecifyViewAndProperty";
            err->category = "InvalidArgument";
            err->exception = "System.IO.InvalidDataException";
            snprintf(err->msg, sizeof err->msg, "Cmdlet parameters View and Property are mutually exclusive.");
            fmt_formatter_free(f);
            return NULL;
        }
        if (f->shape == FMT_SHAPE_WIDE && f->autosize > 0 && f->columns > 0) {
            memset(err, 0, sizeof *err);
            err->id = "FormatCannotSpecifyAutosizeAndColumns";
            err->category = "InvalidArgument";
            err->exception = "System.IO.InvalidDataException";
            snprintf(err->msg, sizeof err->msg, "Cmdlet parameters AutoSize and Column are mutually exclusive.");
            fmt_formatter_free(f);
            return NULL;
        }
    }
    return f;
}

enum ev fmt_formatter_put(struct fmt_formatter *f, val obj, struct fmt_error *err)
{
    if (val_is_null(obj))
        return EV_OK;
    if (!is_enumerable(obj))
        return process_object(f, obj, err);
    enum fmt_expand how = f->expand == FMT_EXPAND_UNSET ? FMT_EXPAND_ENUM_ONLY : f->expand;
    if (how == FMT_EXPAND_CORE_ONLY)
        return process_object(f, obj, err);
    val items;
    enum_items(obj, &items);
    enum ev rc = EV_OK;
    if (how == FMT_EXPAND_BOTH) {
        uint32_t n = val_arr_len(items);
        static const char header[] = "The following object supports IEnumerable:";
        rc = emit(f, text_record(header, sizeof header - 1));
        val oob = val_nothing();
        if (!rc)
            rc = out_of_band(f, obj, true, &oob);
        if (!rc && val_kind(oob) != VAL_NOTHING)
            rc = emit(f, oob);
        if (!rc) {
            struct buf m = BUF_INIT;
            if (n == 0)
                buf_puts(&m, "The IEnumerable contains no objects.");
            else if (n == 1)
                buf_puts(&m, "The IEnumerable contains the following object:");
            else
                buf_printf(&m, "The IEnumerable contains the following %u objects:", n);
            rc = emit(f, text_record(m.s, m.len));
            buf_release(&m);
        }
    }
    for (uint32_t i = 0; i < val_arr_len(items) && !rc; i++) {
        val x = val_arr_items(items)[i];
        if (!val_is_null(x))
            rc = process_object(f, x, err);
    }
    val_free(items);
    return rc;
}

enum ev fmt_formatter_end(struct fmt_formatter *f, struct fmt_error *err)
{
    (void)err;
    enum ev rc = EV_OK;
    if (f->state == 2) {
        f->state = 1;
        rc = emit(f, record_new("GroupEndData"));
    }
    if (!rc && f->state == 1) {
        f->state = 0;
        rc = emit(f, record_new("FormatEndData"));
    }
    return rc;
}

void fmt_formatter_free(struct fmt_formatter *f)
{
    if (!f)
        return;
    params_free(f->props, f->nprops);
    params_free(f->group, f->ngroup);
    free(f->view_name);
    free(f->seen_type);
    free(f->seen_last);
    assocv_free(&f->table);
    expr_free(&f->group_ex);
    free(f->group_display);
    val_free(f->group_value);
    buf_release(&f->cell);
    free(f->vhint);
    free(f);
}

/* }================================================================== */

/*
** {==================================================================
** The renderer: writers
** ===================================================================
*/

/* LineOutput.ColumnNumber: the device's width, or the console's now when it has none. */
static int dev_columns(const struct fmt_device *d)
{
    return d->columns > 0 ? d->columns : fmt_console_columns();
}

static void write_line(const struct fmt_device *d, const char *s, size_t n)
{
    d->write_line(d->ud, s, n);
}

static void write_buf(const struct fmt_device *d, const struct buf *b)
{
    write_line(d, buf_cstr(b), b->len);
}

static void write_empty(const struct fmt_device *d)
{
    write_line(d, "", 0);
}

/* {--- ColumnWidthManager ---*/

static int table_width(const int *w, int n)
{
    int sum = 0, visible = 0;
    for (int k = 0; k < n; k++)
        if (w[k] > 0) {
            sum += w[k];
            visible++;
        }
    return sum + (visible - 1);
}

static void calculate_widths(int screen, int *w, int n)
{
    bool all = true;
    long sum = 0;
    for (int k = 0; k < n; k++) {
        if (w[k] <= 0) {
            all = false;
            break;
        }
        sum += w[k];
    }
    if (all) {
        if (sum + (n - 1) <= screen)
            return;
    } else {
        bool *fixed = emsh_xmalloc((size_t)n * sizeof *fixed);
        for (int k = 0; k < n; k++) {
            fixed[k] = w[k] > 0;
            if (w[k] == 0)
                w[k] = 1;
        }
        int avail = screen - table_width(w, n);
        if (avail >= 0) {
            bool any = false;
            for (int k = 0; k < n; k++)
                any |= !fixed[k];
            while (avail > 0 && any) {
                for (int k = 0; k < n && avail > 0; k++) {
                    if (fixed[k])
                        continue;
                    w[k]++;
                    avail--;
                }
            }
            free(fixed);
            return;
        }
        free(fixed);
    }
    /* TrimToFit: shrink or hide from the last visible column */
    for (;;) {
        int excess = table_width(w, n) - screen;
        if (excess <= 0)
            return;
        int last = n - 1;
        for (int k = 0; k < n; k++)
            if (w[k] < 0) {
                last = k - 1;
                break;
            }
        if (last < 0)
            return;
        int nw = w[last] - excess;
        if (nw < 1)
            w[last] = -1;
        else
            w[last] = nw;
    }
}

/* }--- */

/* {--- TableWriter ---*/

struct table_writer {
    bool disabled, hide;
    int n;
    int *width;
    int *align;
    /* reused from row to row */
    struct buf line;
    const char **vals;
    size_t *lens;
    int *aligns;
};

static void tw_free(struct table_writer *tw)
{
    free(tw->width);
    free(tw->align);
    buf_release(&tw->line);
    free(tw->vals);
    free(tw->lens);
    free(tw->aligns);
    memset(tw, 0, sizeof *tw);
}

static void tw_init(struct table_writer *tw, int screen, const int *widths, const int *aligns, int n, bool hide)
{
    tw_free(tw);
    tw->n = n;
    tw->hide = hide;
    tw->width = emsh_xmalloc((size_t)(n ? n : 1) * sizeof *tw->width);
    tw->align = emsh_xmalloc((size_t)(n ? n : 1) * sizeof *tw->align);
    for (int k = 0; k < n; k++) {
        tw->width[k] = widths[k];
        tw->align[k] = aligns[k];
    }
    if (screen < 5 || n == 0) {
        tw->disabled = true;
        return;
    }
    calculate_widths(screen, tw->width, n);
    bool one = false;
    for (int k = 0; k < n; k++)
        one |= tw->width[k] >= 1;
    tw->disabled = !one;
}

/* TableWriter.GenerateRowField: a cell padded or cut to its width. */
static void row_field(const char *val, size_t vn, int width, int align, struct buf *out)
{
    /* the first line of the value, with "..." when there are more */
    struct buf cut = BUF_INIT;
    const char *s = val;
    size_t sn = vn;
    for (size_t i = 0; i < vn; i++)
        if (val[i] == '\n' || val[i] == '\r') {
            buf_add(&cut, val, i);
            buf_puts(&cut, ELLIPSIS);
            s = cut.s;
            sn = cut.len;
            break;
        }
    int len = cells(s, sn);
    if (len <= width) {
        /* padded to exactly `width` cells */
        int p = width - len;
        if (align == FMT_ALIGN_RIGHT) {
            pad(out, p);
            buf_add(out, s, sn);
        } else if (align == FMT_ALIGN_CENTER) {
            pad(out, p / 2);
            buf_add(out, s, sn);
            pad(out, p - p / 2);
        } else {
            buf_add(out, s, sn);
            pad(out, p);
        }
        buf_release(&cut);
        return;
    }
    /* cut: a wide character may leave the result a cell short */
    const char *head = "", *body = s, *tail = "";
    size_t bn;
    int t = width - 3;
    if (align == FMT_ALIGN_RIGHT) {
        size_t off = tail_split(s, sn, t > 0 ? t : width);
        if (t > 0)
            head = ELLIPSIS;
        body = s + off;
        bn = sn - off;
    } else {
        bn = head_split(s, sn, t > 0 ? t : width);
        if (t > 0)
            tail = ELLIPSIS;
    }
    bool short_cell = cells_z(head) + cells(body, bn) + cells_z(tail) != width;
    if (short_cell && align == FMT_ALIGN_RIGHT)
        buf_putc(out, ' ');
    buf_puts(out, head);
    buf_add(out, body, bn);
    buf_puts(out, tail);
    if (short_cell && align != FMT_ALIGN_RIGHT)
        buf_putc(out, ' ');
    buf_release(&cut);
}

static int cur_align(const struct table_writer *tw, const int *aligns, int k)
{
    if (aligns && aligns[k] != FMT_ALIGN_UNDEFINED)
        return aligns[k];
    return tw->align[k];
}

/* TableWriter.GenerateTableRow: a row whose cells wrap onto several lines. */
static void table_row_multi(const struct table_writer *tw, const char *const *vals, const size_t *lens,
                            const int *aligns, const struct fmt_device *d)
{
    int n = tw->n;
    struct strv *sc = emsh_xmalloc((size_t)n * sizeof *sc);
    int *cols = emsh_xmalloc((size_t)n * sizeof *cols);
    int nv = 0;
    for (int k = 0; k < n; k++)
        if (tw->width[k] > 0)
            cols[nv++] = k;
    int rows = 0;
    for (int j = 0; j < nv; j++) {
        int k = cols[j];
        struct strv lines = {0};
        generate_lines(vals[k], lens[k], tw->width[k], tw->width[k], &lines);
        sc[j] = (struct strv){0};
        for (size_t i = 0; i < lines.n; i++) {
            struct buf *b = strv_add(&sc[j]);
            if (j > 0)
                buf_putc(b, ' ');
            if (cells(lines.v[i].s, lines.v[i].len) < tw->width[k])
                row_field(lines.v[i].s, lines.v[i].len, tw->width[k], cur_align(tw, aligns, k), b);
            else
                buf_add(b, lines.v[i].s, lines.v[i].len);
        }
        strv_free(&lines);
        if ((int)sc[j].n > rows)
            rows = (int)sc[j].n;
    }
    for (int j = 0; j < nv; j++) {
        int blanks = tw->width[cols[j]] + (j > 0 ? 1 : 0);
        while ((int)sc[j].n < rows)
            pad(strv_add(&sc[j]), blanks);
    }
    for (int r = 0; r < rows; r++) {
        struct buf line = BUF_INIT;
        buf_puts(&line, "");
        for (int j = 0; j < nv; j++)
            buf_add(&line, sc[j].v[r].s, sc[j].v[r].len);
        write_buf(d, &line);
        buf_release(&line);
    }
    for (int j = 0; j < nv; j++)
        strv_free(&sc[j]);
    free(sc);
    free(cols);
}

static void tw_row(struct table_writer *tw, const char *const *vals, const size_t *lens, const int *aligns,
                   bool multi, const struct fmt_device *d)
{
    if (tw->disabled)
        return;
    if (multi) {
        table_row_multi(tw, vals, lens, aligns, d);
        return;
    }
    struct buf *line = &tw->line;
    buf_reset(line);
    buf_puts(line, "");
    for (int k = 0; k < tw->n; k++) {
        if (tw->width[k] <= 0)
            continue;
        if (k > 0)
            buf_putc(line, ' ');
        row_field(vals[k], lens[k], tw->width[k], cur_align(tw, aligns, k), line);
    }
    write_buf(d, line);
}

static void tw_header(struct table_writer *tw, const char *const *labels, const struct fmt_device *d)
{
    if (tw->disabled || tw->hide)
        return;
    size_t *lens = emsh_xmalloc((size_t)tw->n * sizeof *lens);
    for (int k = 0; k < tw->n; k++)
        lens[k] = strlen(labels[k]);
    tw_row(tw, labels, lens, NULL, true, d);
    char **dashes = emsh_xmalloc((size_t)tw->n * sizeof *dashes);
    for (int k = 0; k < tw->n; k++) {
        int count = tw->width[k];
        if (count <= 0) {
            dashes[k] = xstrdup("");
        } else {
            int lc = cells_z(labels[k]);
            if (labels[k][0] && lc < count)
                count = lc;
            dashes[k] = emsh_xmalloc((size_t)count + 1);
            memset(dashes[k], '-', (size_t)count);
            dashes[k][count] = '\0';
        }
        lens[k] = strlen(dashes[k]);
    }
    tw_row(tw, (const char *const *)dashes, lens, NULL, false, d);
    for (int k = 0; k < tw->n; k++)
        free(dashes[k]);
    free(dashes);
    free(lens);
}

/* TableWriter.ComputeWideViewBestItemsPerRowFit. */
static int wide_items_per_row(int len, int screen)
{
    if (len <= 0 || screen < 1 || len >= screen)
        return 1;
    int n = 1;
    for (;;) {
        int next = n + 1;
        if (len * next + (next - 1) >= screen)
            return n;
        n++;
    }
}

/* }--- */

/* {--- ListWriter ---*/

static void write_list(const struct fmt_device *d, val labels, val values)
{
    uint32_t n = val_arr_len(labels);
    int width = dev_columns(d);
    if (n == 0 || width - 3 - 1 - 1 < 0)
        return;
    int max_allowed = width - 3 - 1;
    int lw = 0;
    for (uint32_t k = 0; k < n; k++) {
        int c = cells(val_str(val_arr_items(labels)[k]), val_str_len(val_arr_items(labels)[k]));
        if (c > lw)
            lw = c;
    }
    if (lw > max_allowed)
        lw = max_allowed;
    int label_len = lw + 3;
    int field = width - label_len;
    for (uint32_t k = 0; k < n; k++) {
        val lv = val_arr_items(labels)[k];
        const char *l = val_str(lv);
        size_t ln = val_str_len(lv);
        struct buf label = BUF_INIT;
        int c = cells(l, ln);
        if (c <= lw) {
            buf_add(&label, l, ln);
            pad(&label, lw - c);
        } else {
            buf_add(&label, l, head_split(l, ln, lw));
        }
        buf_puts(&label, " : ");
        val vv = k < val_arr_len(values) ? val_arr_items(values)[k] : val_nothing();
        struct strv lines = {0};
        split_lines(val_str(vv), val_str_len(vv), &lines);
        for (size_t i = 0; i < lines.n; i++) {
            struct strv sc = {0};
            generate_lines(lines.v[i].s, lines.v[i].len, field, field, &sc);
            for (size_t j = 0; j < sc.n; j++) {
                struct buf line = BUF_INIT;
                if (i == 0 && j == 0)
                    buf_add(&line, label.s, label.len);
                else
                    pad(&line, label_len);
                buf_add(&line, sc.v[j].s, sc.v[j].len);
                write_buf(d, &line);
                buf_release(&line);
            }
            strv_free(&sc);
        }
        strv_free(&lines);
        buf_release(&label);
    }
}

/* }--- */

/* {--- ComplexWriter ---*/

struct complex_writer {
    const struct fmt_device *d;
    int columns;
    int *left, *first; /* the frame stack */
    int depth, cap;
    struct buf sb;
};

static void cw_flush(struct complex_writer *cw)
{
    int left = 0, first = 0;
    for (int i = 0; i < cw->depth; i++)
        left += cw->left[i];
    if (cw->depth)
        first = cw->first[cw->depth - 1];
    int useful = cw->columns - left;
    if (useful <= 0)
        buf_reset(&cw->sb);
    int absfirst = first > 0 ? first : -first;
    if (absfirst >= useful)
        first = 0;
    int first_w = cw->columns - left, next_w = first_w;
    if (first >= 0)
        first_w -= first;
    else
        next_w += first;
    struct strv sc = {0};
    generate_lines(buf_cstr(&cw->sb), cw->sb.len, first_w, next_w, &sc);
    int pad_first = left + (first >= 0 ? first : 0);
    int pad_next = left - (first < 0 ? first : 0);
    for (size_t i = 0; i < sc.n; i++) {
        struct buf line = BUF_INIT;
        pad(&line, i == 0 ? pad_first : pad_next);
        buf_add(&line, sc.v[i].s, sc.v[i].len);
        write_buf(cw->d, &line);
        buf_release(&line);
    }
    strv_free(&sc);
    buf_reset(&cw->sb);
}

static void cw_entry(struct complex_writer *cw, val items, int depth)
{
    for (uint32_t i = 0; i < val_arr_len(items); i++) {
        val x = val_arr_items(items)[i];
        switch (val_kind(x)) {
        case VAL_STRING:
            buf_add(&cw->sb, val_str(x), val_str_len(x));
            break;
        case VAL_NULL:
            cw_flush(cw);
            break;
        case VAL_ARRAY:
            if (depth < 50)
                cw_entry(cw, x, depth + 1);
            break;
        case VAL_OBJECT:
            if (depth < 50) {
                if (cw->depth == cw->cap) {
                    cw->cap = cw->cap ? cw->cap * 2 : 8;
                    cw->left = emsh_xrealloc(cw->left, (size_t)cw->cap * sizeof *cw->left);
                    cw->first = emsh_xrealloc(cw->first, (size_t)cw->cap * sizeof *cw->first);
                }
                cw->left[cw->depth] = (int)ifield(x, "\x01left");
                cw->first[cw->depth] = (int)ifield(x, "\x01" "first");
                cw->depth++;
                cw_entry(cw, field(x, "\x01items"), depth + 1);
                cw->depth--;
            }
            break;
        default:
            break;
        }
    }
}

/* ComplexWriter.WriteObject: each entry, then whatever text is pending. */
static void write_complex(const struct fmt_device *d, val list)
{
    struct complex_writer cw = {d, dev_columns(d), NULL, NULL, 0, 0, BUF_INIT};
    buf_puts(&cw.sb, "");
    for (uint32_t i = 0; i < val_arr_len(list); i++) {
        val fe = val_arr_items(list)[i];
        if (val_kind(fe) == VAL_ARRAY)
            cw_entry(&cw, fe, 0);
    }
    cw_flush(&cw);
    free(cw.left);
    free(cw.first);
    buf_release(&cw.sb);
}

/* }--- */

/* }================================================================== */

/*
** {==================================================================
** The renderer: OutCommandInner
** ===================================================================
*/

enum out_state { OS_RESET, OS_FORMATTING, OS_INSIDE_GROUP };

struct group_ctx {
    bool active;
    enum fmt_shape shape;
    struct table_writer tw;
    int ncols;
    /* wide */
    char **buf;
    size_t *buflen;
    int per_row, count;
};

struct fmt_out {
    struct fmt_device dev;
    struct fmt_formatter *deflt; /* format-default, for raw objects */
    enum out_state state;
    /* the group cache (FormattedObjectsCache / OutputGroupQueue) */
    bool cache_on, by_time, processing;
    int count_limit, cur_count;
    struct timespec start;
    val q_fs;
    val *q;
    size_t qn, qcap;
    /* contexts */
    val fs;  /* the active FormatStartData, or VAL_NOTHING */
    struct group_ctx g;
    /* the formatting hint */
    int hint_kind; /* 0 none, 1 table, 2 wide */
    int *hint_w;
    int hint_n, hint_max;
    struct fmt_error *err;
    bool failed;
};

int fmt_console_width(void)
{
    const char *c = getenv("COLUMNS");
    if (c && *c) {
        char *end;
        long n = strtol(c, &end, 10);
        if (*end == '\0' && n > 0 && n < 100000)
            return (int)n;
    }
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 120;
}

int fmt_console_columns(void)
{
    return fmt_console_width() - 1;
}

struct fmt_out *fmt_out_new(const struct fmt_device *dev)
{
    struct fmt_out *o = emsh_xmalloc(sizeof *o);
    memset(o, 0, sizeof *o);
    o->dev = *dev;
    o->q_fs = val_nothing();
    o->fs = val_nothing();
    return o;
}

static void group_free(struct group_ctx *g)
{
    tw_free(&g->tw);
    if (g->buf) {
        for (int i = 0; i < g->per_row; i++)
            free(g->buf[i]);
        free(g->buf);
        free(g->buflen);
    }
    memset(g, 0, sizeof *g);
}

static void hint_clear(struct fmt_out *o)
{
    free(o->hint_w);
    o->hint_w = NULL;
    o->hint_n = 0;
    o->hint_kind = 0;
    o->hint_max = 0;
}

/* ProcessCachedGroup: the widths of the cached rows. */
static void notify(struct fmt_out *o)
{
    hint_clear(o);
    if (val_kind(o->q_fs) == VAL_NOTHING)
        return;
    int shape = (int)ifield(o->q_fs, "\x01shape");
    if (shape == FMT_SHAPE_TABLE) {
        val cols = field(o->q_fs, "\x01" "cols");
        int n = (int)val_arr_len(cols);
        if (n == 0)
            return;
        o->hint_kind = 1;
        o->hint_n = n;
        o->hint_w = emsh_xmalloc((size_t)n * sizeof *o->hint_w);
        for (int k = 0; k < n; k++) {
            val c = val_arr_items(cols)[k];
            val label = field(c, "\x01label");
            if (val_kind(label) != VAL_STRING || val_str_len(label) == 0)
                label = field(c, "\x01prop");
            o->hint_w[k] = cells(val_str(label), val_str_len(label));
        }
        for (size_t i = 0; i < o->qn; i++) {
            val r = o->q[i];
            if (rec_kind(r) != REC_FED || bfield(r, "\x01oob") || ifield(r, "\x01kind") != ENTRY_ROW)
                continue;
            val cl = field(r, "\x01" "cells");
            for (uint32_t k = 0; k < val_arr_len(cl) && (int)k < n; k++) {
                int c = cells(val_str(val_arr_items(cl)[k]), val_str_len(val_arr_items(cl)[k]));
                if (o->hint_w[k] < c)
                    o->hint_w[k] = c;
            }
        }
    } else if (shape == FMT_SHAPE_WIDE) {
        if (ifield(o->q_fs, "\x01wcols") != 0)
            return;
        int maxw = 0;
        for (size_t i = 0; i < o->qn; i++) {
            val r = o->q[i];
            if (rec_kind(r) != REC_FED || bfield(r, "\x01oob") || ifield(r, "\x01kind") != ENTRY_WIDE)
                continue;
            val v = field(r, "\x01value");
            int c = cells(val_str(v), val_str_len(v));
            if (c > maxw)
                maxw = c;
        }
        o->hint_kind = 2;
        o->hint_max = maxw;
    }
}

static void qpush(struct fmt_out *o, val r)
{
    if (o->qn == o->qcap) {
        o->qcap = o->qcap ? o->qcap * 2 : 16;
        o->q = emsh_xrealloc(o->q, o->qcap * sizeof *o->q);
    }
    o->q[o->qn++] = r;
}

static int64_t elapsed_ms(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void ctx_process(struct fmt_out *o, val r);

/* OutputGroupQueue.Add: takes r; processes what the cache lets through. */
static void cache_add(struct fmt_out *o, val r)
{
    if (!o->cache_on) {
        ctx_process(o, r);
        val_free(r);
        return;
    }
    enum rec_kind k = rec_kind(r);
    if (k == REC_FS) {
        val_free(o->q_fs);
        o->q_fs = val_copy(r);
    }
    if (k == REC_FED && !bfield(r, "\x01oob"))
        o->cur_count++;
    if (!o->processing && k == REC_GS) {
        o->processing = true;
        o->cur_count = 0;
        if (o->by_time)
            clock_gettime(CLOCK_MONOTONIC, &o->start);
        qpush(o, r);
        return;
    }
    if ((o->processing && (k == REC_GE || (o->count_limit > 0 && o->cur_count >= o->count_limit))) ||
        (o->processing && o->by_time && elapsed_ms(&o->start) > GROUPING_MS)) {
        o->cur_count = 0;
        qpush(o, r);
        notify(o);
        o->processing = false;
        size_t n = o->qn;
        val *q = o->q;
        o->q = NULL;
        o->qn = o->qcap = 0;
        for (size_t i = 0; i < n; i++) {
            ctx_process(o, q[i]);
            val_free(q[i]);
        }
        free(q);
        return;
    }
    if (o->processing) {
        qpush(o, r);
        return;
    }
    ctx_process(o, r);
    val_free(r);
}

static void drain(struct fmt_out *o)
{
    size_t n = o->qn;
    val *q = o->q;
    o->q = NULL;
    o->qn = o->qcap = 0;
    o->processing = false;
    for (size_t i = 0; i < n; i++) {
        ctx_process(o, q[i]);
        val_free(q[i]);
    }
    free(q);
}

/* {--- the contexts (FormatMessagesContextManager and its callbacks) ---*/

static void group_init(struct fmt_out *o, val gs)
{
    (void)gs;
    struct group_ctx *g = &o->g;
    group_free(g);
    g->active = true;
    g->shape = val_kind(o->fs) == VAL_NOTHING ? FMT_SHAPE_TABLE : (enum fmt_shape)ifield(o->fs, "\x01shape");
    if (g->shape == FMT_SHAPE_TABLE) {
        val cols = field(o->fs, "\x01" "cols");
        int n = (int)val_arr_len(cols);
        g->ncols = n;
        if (n == 0) {
            hint_clear(o);
            return;
        }
        int *w = emsh_xmalloc((size_t)n * sizeof *w);
        int *a = emsh_xmalloc((size_t)n * sizeof *a);
        for (int k = 0; k < n; k++) {
            val c = val_arr_items(cols)[k];
            w[k] = o->hint_kind == 1 && k < o->hint_n ? o->hint_w[k] : (int)ifield(c, "\x01width");
            a[k] = (int)ifield(c, "\x01" "align");
        }
        hint_clear(o);
        tw_init(&g->tw, dev_columns(&o->dev), w, a, n, bfield(o->fs, "\x01hide"));
        free(w);
        free(a);
    } else if (g->shape == FMT_SHAPE_WIDE) {
        int per = 2;
        if (o->hint_kind == 2 && o->hint_max > 0)
            per = wide_items_per_row(o->hint_max, dev_columns(&o->dev));
        else if (ifield(o->fs, "\x01wcols") > 0)
            per = (int)ifield(o->fs, "\x01wcols");
        hint_clear(o);
        g->per_row = per;
        g->buf = emsh_xmalloc((size_t)per * sizeof *g->buf);
        g->buflen = emsh_xmalloc((size_t)per * sizeof *g->buflen);
        for (int i = 0; i < per; i++) {
            g->buf[i] = NULL;
            g->buflen[i] = 0;
        }
        int *w = emsh_xmalloc((size_t)per * sizeof *w);
        int *a = emsh_xmalloc((size_t)per * sizeof *a);
        for (int i = 0; i < per; i++) {
            w[i] = 0;
            a[i] = FMT_ALIGN_LEFT;
        }
        tw_init(&g->tw, dev_columns(&o->dev), w, a, per, false);
        free(w);
        free(a);
    } else {
        hint_clear(o);
    }
}

static void wide_flush(struct fmt_out *o)
{
    struct group_ctx *g = &o->g;
    if (g->count == 0)
        return;
    const char **vals = emsh_xmalloc((size_t)g->per_row * sizeof *vals);
    for (int i = 0; i < g->per_row; i++) {
        vals[i] = i < g->count && g->buf[i] ? g->buf[i] : "";
        if (i >= g->count)
            g->buflen[i] = 0;
    }
    tw_row(&g->tw, vals, g->buflen, NULL, false, &o->dev);
    free(vals);
    for (int i = 0; i < g->per_row; i++) {
        free(g->buf[i]);
        g->buf[i] = NULL;
        g->buflen[i] = 0;
    }
    g->count = 0;
}

static void group_payload(struct fmt_out *o, val fed)
{
    struct group_ctx *g = &o->g;
    int kind = (int)ifield(fed, "\x01kind");
    switch (g->shape) {
    case FMT_SHAPE_TABLE: {
        if (g->ncols == 0 || kind != ENTRY_ROW)
            return;
        val cl = field(fed, "\x01" "cells");
        int n = g->ncols;
        struct table_writer *tw = &g->tw;
        if (!tw->vals) {
            tw->vals = emsh_xmalloc((size_t)n * sizeof *tw->vals);
            tw->lens = emsh_xmalloc((size_t)n * sizeof *tw->lens);
            tw->aligns = emsh_xmalloc((size_t)n * sizeof *tw->aligns);
        }
        const char **vals = tw->vals;
        size_t *lens = tw->lens;
        int *aligns = tw->aligns;
        for (int k = 0; k < n; k++) {
            if ((uint32_t)k < val_arr_len(cl)) {
                vals[k] = val_str(val_arr_items(cl)[k]);
                lens[k] = val_str_len(val_arr_items(cl)[k]);
                aligns[k] = FMT_ALIGN_UNDEFINED;
            } else {
                vals[k] = "";
                lens[k] = 0;
                aligns[k] = FMT_ALIGN_LEFT;
            }
        }
        tw_row(tw, vals, lens, aligns, bfield(fed, "\x01multi"), &o->dev);
        return;
    }
    case FMT_SHAPE_LIST:
        if (kind != ENTRY_LIST)
            return;
        write_list(&o->dev, field(fed, "\x01labels"), field(fed, "\x01values"));
        write_empty(&o->dev);
        return;
    case FMT_SHAPE_WIDE: {
        if (kind != ENTRY_WIDE)
            return;
        val v = field(fed, "\x01value");
        g->buf[g->count] = emsh_xstrndup(val_str(v), val_str_len(v));
        g->buflen[g->count] = val_str_len(v);
        g->count++;
        if (g->count == g->per_row)
            wide_flush(o);
        return;
    }
    case FMT_SHAPE_CUSTOM:
        if (kind == ENTRY_COMPLEX)
            write_complex(&o->dev, field(fed, "\x01" "cv"));
        return;
    default:
        return;
    }
}

static void oob_payload(struct fmt_out *o, val fed)
{
    switch (ifield(fed, "\x01kind")) {
    case ENTRY_TEXT: {
        val t = field(fed, "\x01text");
        write_line(&o->dev, val_str(t), val_str_len(t));
        return;
    }
    case ENTRY_COMPLEX:
        write_complex(&o->dev, field(fed, "\x01" "cv"));
        return;
    case ENTRY_LIST:
        write_empty(&o->dev);
        write_list(&o->dev, field(fed, "\x01labels"), field(fed, "\x01values"));
        write_empty(&o->dev);
        return;
    default:
        return;
    }
}

static void ctx_process(struct fmt_out *o, val r)
{
    switch (rec_kind(r)) {
    case REC_FED:
        if (bfield(r, "\x01oob") || !o->g.active)
            oob_payload(o, r);
        else
            group_payload(o, r);
        return;
    case REC_FS:
        val_free(o->fs);
        o->fs = val_copy(r);
        write_empty(&o->dev);
        return;
    case REC_GS: {
        group_init(o, r);
        val label = field(r, "\x01glabel");
        val control = field(r, "\x01gcontrol");
        if (val_kind(control) == VAL_ARRAY) {
            /* OutCommandInner.ProcessGroupStart: the grouping entry between empty lines */
            write_empty(&o->dev);
            write_complex(&o->dev, control);
            write_empty(&o->dev);
        } else if (val_kind(label) == VAL_STRING) {
            write_empty(&o->dev);
            val entry = val_arr_new();
            val fe = val_arr_new();
            cv_text(fe, val_str(label), val_str_len(label));
            val gv = field(r, "\x01gvalue");
            cv_text(fe, val_str(gv), val_str_len(gv));
            val_arr_push(entry, fe);
            write_complex(&o->dev, entry);
            val_free(entry);
            write_empty(&o->dev);
        }
        struct group_ctx *g = &o->g;
        if (g->shape == FMT_SHAPE_TABLE && g->ncols > 0) {
            val cols = field(o->fs, "\x01" "cols");
            const char **labels = emsh_xmalloc((size_t)g->ncols * sizeof *labels);
            for (int k = 0; k < g->ncols; k++) {
                val c = val_arr_items(cols)[k];
                val l = field(c, "\x01label");
                labels[k] = val_kind(l) == VAL_STRING ? val_str(l) : val_str(field(c, "\x01prop"));
            }
            tw_header(&g->tw, labels, &o->dev);
            free(labels);
        } else if (g->shape == FMT_SHAPE_LIST || g->shape == FMT_SHAPE_WIDE) {
            write_empty(&o->dev);
        }
        return;
    }
    case REC_GE:
        if (o->g.active && o->g.shape == FMT_SHAPE_WIDE)
            wide_flush(o);
        group_free(&o->g);
        write_empty(&o->dev);
        return;
    case REC_FE:
        write_empty(&o->dev);
        val_free(o->fs);
        o->fs = val_nothing();
        return;
    default:
        return;
    }
}

/* }--- */

static enum ev sequence_error(struct fmt_out *o, val r, struct fmt_error *err)
{
    const char *cmd = "format-*";
    if (rec_kind(r) == REC_FS) {
        switch ((enum fmt_shape)ifield(r, "\x01shape")) {
        case FMT_SHAPE_WIDE: cmd = "format-wide"; break;
        case FMT_SHAPE_LIST: cmd = "format-list"; break;
        case FMT_SHAPE_CUSTOM: cmd = "format-complex"; break;
        default: cmd = "format-table"; break;
        }
    }
    memset(err, 0, sizeof *err);
    err->id = "ConsoleLineOutputOutOfSequencePacket";
    err->category = "InvalidData";
    err->exception = "System.InvalidOperationException";
    snprintf(err->msg, sizeof err->msg,
             "The object of type \"%s\" is not valid or not in the correct sequence. This is likely caused by "
             "a user-specified \"%s\" command which is conflicting with the default formatting.",
             val_obj_type_at(r, 0), cmd);
    /* start over */
    fmt_formatter_free(o->deflt);
    o->deflt = NULL;
    drain(o);
    o->cache_on = false;
    o->state = OS_RESET;
    val_free(o->fs);
    o->fs = val_nothing();
    group_free(&o->g);
    return EV_THROW;
}

static enum ev out_end_processing(struct fmt_out *o, struct fmt_error *err);

/* OutCommandInner.ProcessObject for a record (borrowed). */
static enum ev out_record(struct fmt_out *o, val r, struct fmt_error *err)
{
    enum rec_kind k = rec_kind(r);
    switch (k) {
    case REC_FED:
        if (!bfield(r, "\x01oob") && o->state != OS_INSIDE_GROUP)
            return sequence_error(o, r, err);
        break;
    case REC_FS:
        if (o->state == OS_INSIDE_GROUP) {
            enum ev rc = out_end_processing(o, err);
            if (rc)
                return rc;
        }
        if (o->state != OS_RESET)
            return sequence_error(o, r, err);
        o->state = OS_FORMATTING;
        break;
    case REC_FE:
        if (o->state != OS_FORMATTING)
            return sequence_error(o, r, err);
        o->state = OS_RESET;
        break;
    case REC_GS:
        if (o->state != OS_FORMATTING)
            return sequence_error(o, r, err);
        o->state = OS_INSIDE_GROUP;
        break;
    case REC_GE:
        if (o->state != OS_INSIDE_GROUP)
            return sequence_error(o, r, err);
        o->state = OS_FORMATTING;
        break;
    default:
        return EV_OK;
    }
    if (k == REC_FS) {
        if (bfield(r, "\x01" "autosize")) {
            o->cache_on = true;
            o->by_time = false;
            o->count_limit = 0;
            o->processing = false;
        } else if (ifield(r, "\x01shape") == FMT_SHAPE_TABLE) {
            val cols = field(r, "\x01" "cols");
            if (val_arr_len(cols) > 0 && ifield(val_arr_items(cols)[0], "\x01width") == 0) {
                o->cache_on = true;
                o->by_time = true;
                o->count_limit = 0;
                o->processing = false;
            }
        }
    }
    cache_add(o, val_copy(r));
    return EV_OK;
}

static enum ev deflt_emit(void *ud, val rec)
{
    struct fmt_out *o = ud;
    enum ev rc = out_record(o, rec, o->err);
    val_free(rec);
    if (rc == EV_THROW)
        o->failed = true;
    return rc;
}

static enum ev out_end_processing(struct fmt_out *o, struct fmt_error *err)
{
    enum ev rc = EV_OK;
    if (o->deflt) {
        o->err = err;
        rc = fmt_formatter_end(o->deflt, err);
        fmt_formatter_free(o->deflt);
        o->deflt = NULL;
    }
    drain(o);
    /* the next statement's output is a new Out-Default: its first format start decides caching */
    o->cache_on = o->by_time = false;
    o->count_limit = 0;
    return rc;
}

enum ev fmt_out_put(struct fmt_out *o, val v, struct fmt_error *err)
{
    if (val_is_null(v))
        return EV_OK;
    if (fmt_is_record(v))
        return out_record(o, v, err);
    if (!o->deflt) {
        struct fmt_error e;
        o->deflt = fmt_formatter_new(NULL, deflt_emit, NULL, o, &e);
    }
    o->err = err;
    o->failed = false;
    return fmt_formatter_put(o->deflt, v, err);
}

enum ev fmt_out_end(struct fmt_out *o, struct fmt_error *err)
{
    return out_end_processing(o, err);
}

void fmt_out_free(struct fmt_out *o)
{
    if (!o)
        return;
    fmt_formatter_free(o->deflt);
    for (size_t i = 0; i < o->qn; i++)
        val_free(o->q[i]);
    free(o->q);
    val_free(o->q_fs);
    val_free(o->fs);
    group_free(&o->g);
    hint_clear(o);
    free(o);
}

/* }================================================================== */

/*
** {==================================================================
** The console
** ===================================================================
*/

static struct fmt_out *console;
static void (*console_tee)(void *ud, const char *s, size_t n);
static void *console_tee_ud;

void fmt_console_set_tee(void (*fn)(void *ud, const char *s, size_t n), void *ud)
{
    console_tee = fn;
    console_tee_ud = ud;
}

static void console_line(void *ud, const char *s, size_t n)
{
    (void)ud;
    fwrite(s, 1, n, stdout);
    fputc('\n', stdout);
    if (console_tee)
        console_tee(console_tee_ud, s, n);
}

static void console_error(const struct fmt_error *err)
{
    struct err_spec spec = {err->msg, err->id, err->category, err->exception, val_nothing(), "out-lineoutput"};
    val r = err_record(&spec, NULL, NULL);
    struct buf b = BUF_INIT;
    err_render(r, &b);
    fflush(stdout);
    fwrite(buf_cstr(&b), 1, b.len, stderr);
    fflush(stderr);
    buf_release(&b);
    val_free(r);
}

void fmt_console_put(val v)
{
    if (!console) {
        struct fmt_device dev = {console_line, NULL, 0}; /* the console's width at each use */
        console = fmt_out_new(&dev);
    }
    struct fmt_error err;
    if (fmt_out_put(console, v, &err) == EV_THROW)
        console_error(&err);
}

void fmt_console_flush(void)
{
    if (console) {
        struct fmt_error err;
        if (fmt_out_end(console, &err) == EV_THROW)
            console_error(&err);
        fmt_out_free(console);
        console = NULL;
    }
    fflush(stdout);
}

/* }================================================================== */
