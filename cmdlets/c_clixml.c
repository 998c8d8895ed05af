/*
** c_clixml.c - Export-Clixml and Import-Clixml: PowerShell's CLIXML
** serialization format (schema http://schemas.microsoft.com/powershell/2004/04)
** as Windows PowerShell 5.1's InternalSerializer writes it and its
** InternalDeserializer reads it.
**
** Writing follows the serializer element for element and byte for byte of
** its XmlWriter (two-space indentation, "<Nil />", no XML declaration, no
** final newline; "\n" for Windows' "\r\n"), so the text is built here
** rather than with libxml2's writer, whose output differs ("<Nil/>", '"'
** escaped in text). Reading uses libxml2.
**
**   value                  element
**   $null                  <Nil />
**   string, char, bool     <S>, <C> (the UTF-16 unit as a number), <B>
**   Int32, Int64           <I32>, <I64>
**   Double, Decimal        <Db> ("R" digits, INF, -INF, NaN), <D>
**   DateTime, TimeSpan     <DT> (round-trip ISO 8601), <TS> (xsd:duration)
**   Guid, script block     <G>, <SBK>
**   array, ArrayList       <Obj> with type names and <LST>
**   hashtable              <Obj> with type names and <DCT><En> Key/Value </En>
**   PSCustomObject         <Obj> with type names and its properties in <MS>
**   other records          <Obj> with type names, <ToString> and <Props>
**   enum                   <Obj> with type names, <ToString> and <I32>
**
** Strings and property names encode control characters, surrogates and a
** "_x" as _xHHHH_. Objects get RefIds and a repeated object is a <Ref>;
** a repeated list of type names is a <TNRef>. -Depth (default 2) limits how
** far a record's properties are followed (deeper records become their
** string); a PSCustomObject's note properties and container elements do not
** use up depth, as in 5.1.
**
** Reading gives back what 5.1's deserializer gives: the primitive types
** above as themselves, a list as ONE ArrayList, a dictionary as a
** Hashtable, a script block as a string, and any other object as a
** property bag whose type names carry the "Deserialized." prefix, with its
** ToString. emsh also rehydrates an enum whose type it knows and
** Exchange's ByteQuantifiedSize. SecureString (<SS>) cannot be decrypted
** without Windows' DPAPI and reads back as the encrypted text.
**
** libxml2 is not linked but opened with dlopen on the first Import-Clixml
** (see "The XML library" below): on Debian it pulls in ICU and libstdc++,
** whose loading and relocation cost every emsh start over a millisecond,
** though few scripts ever read CLIXML.
*/
#include "data_io.h"
#include "conv.h"
#include "datetime.h"
#include "netfmt.h"
#include "registry.h"
#include "text.h"
#include "types.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define CLIXML_NS "http://schemas.microsoft.com/powershell/2004/04"

/*
** {==================================================================
** Strings: _xHHHH_ encoding and XML escaping
** ===================================================================
*/

/* InternalSerializer.EncodeString: control characters (0-1F, 7F-9F), surrogates and a '_'
** before 'x' or 'X' as _xHHHH_ (upper-case hex of the UTF-16 unit). */
static void encode_string(const char *s, size_t n, struct buf *o)
{
    size_t i = 0;
    while (i < n) {
        size_t st = i;
        uint32_t cp = text_next(s, n, &i);
        if (cp == '_' && i < n && (s[i] == 'x' || s[i] == 'X')) {
            buf_puts(o, "_x005F_");
        } else if (cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xD800 && cp <= 0xDFFF)) {
            buf_printf(o, "_x%04X_", (unsigned)cp);
        } else if (cp >= 0x10000) {
            buf_printf(o, "_x%04X__x%04X_", (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
                       (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        } else {
            buf_add(o, s + st, i - st);
        }
    }
}

/* XmlWriter's escaping of text (attr false) and of attribute values (attr true). */
static void xml_escape(const char *s, size_t n, bool attr, struct buf *o)
{
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        switch (ch) {
        case '&':
            buf_puts(o, "&amp;");
            break;
        case '<':
            buf_puts(o, "&lt;");
            break;
        case '>':
            buf_puts(o, "&gt;");
            break;
        case '"':
            if (attr)
                buf_puts(o, "&quot;");
            else
                buf_putc(o, ch);
            break;
        default:
            buf_putc(o, ch);
            break;
        }
    }
}

/* InternalDeserializer.DecodeString (XmlConvert.DecodeName): _xHHHH_ and _xHHHHHHHH_. */
static void decode_string(const char *s, size_t n, struct buf *o)
{
    uint32_t pending = 0;
    size_t i = 0;
    while (i < n) {
        size_t len = 0;
        if (s[i] == '_' && i + 7 <= n && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
            size_t k = i + 2, d = 0;
            while (k < n && d < 8 &&
                   ((s[k] >= '0' && s[k] <= '9') || ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'f')))
                k++, d++;
            if ((d == 4 || d == 8) && k < n && s[k] == '_')
                len = k + 1 - i;
        }
        if (!len) {
            if (pending) {
                buf_put_utf8(o, 0xFFFD);
                pending = 0;
            }
            size_t st = i;
            text_next(s, n, &i);
            buf_add(o, s + st, i - st);
            continue;
        }
        char hex[9] = {0};
        memcpy(hex, s + i + 2, len - 3);
        uint32_t u = (uint32_t)strtoul(hex, NULL, 16);
        i += len;
        if (pending && u >= 0xDC00 && u < 0xE000) {
            buf_put_utf8(o, 0x10000 + ((pending - 0xD800) << 10) + (u - 0xDC00));
            pending = 0;
            continue;
        }
        if (pending) {
            buf_put_utf8(o, 0xFFFD);
            pending = 0;
        }
        if (u >= 0xD800 && u < 0xDC00)
            pending = u;
        else if (u >= 0xDC00 && u < 0xE000)
            buf_put_utf8(o, 0xFFFD);
        else
            buf_put_utf8(o, u);
    }
    if (pending)
        buf_put_utf8(o, 0xFFFD);
}

/* }================================================================== */

/*
** {==================================================================
** The XML text, as XmlWriter with Indent = true writes it
** ===================================================================
*/

#define XW_MAX_NEST 256

struct xw {
    struct buf out;
    bool started;  /* something was written */
    bool open_tag; /* the last start tag still lacks its '>' */
    int level;
    const char *names[XW_MAX_NEST];
    bool children[XW_MAX_NEST]; /* the element has child elements */
    bool text[XW_MAX_NEST];     /* the element has text */
};

static void xw_close_start(struct xw *w)
{
    if (w->open_tag) {
        buf_putc(&w->out, '>');
        w->open_tag = false;
    }
}

static void xw_start(struct xw *w, const char *name)
{
    xw_close_start(w);
    if (w->level > 0)
        w->children[w->level - 1] = true;
    if (w->started && (w->level == 0 || !w->text[w->level - 1])) {
        buf_putc(&w->out, '\n');
        for (int i = 0; i < w->level; i++)
            buf_puts(&w->out, "  ");
    }
    w->started = true;
    buf_printf(&w->out, "<%s", name);
    if (w->level < XW_MAX_NEST) {
        w->names[w->level] = name;
        w->children[w->level] = false;
        w->text[w->level] = false;
    }
    w->level++;
    w->open_tag = true;
}

static void xw_attr(struct xw *w, const char *name, const char *value)
{
    buf_printf(&w->out, " %s=\"", name);
    xml_escape(value, strlen(value), true, &w->out);
    buf_putc(&w->out, '"');
}

static void xw_text(struct xw *w, const char *s, size_t n)
{
    xw_close_start(w);
    w->text[w->level - 1] = true;
    xml_escape(s, n, false, &w->out);
}

static void xw_end(struct xw *w)
{
    w->level--;
    if (w->open_tag) {
        buf_puts(&w->out, " />");
        w->open_tag = false;
        return;
    }
    if (w->children[w->level] && !w->text[w->level]) {
        buf_putc(&w->out, '\n');
        for (int i = 0; i < w->level; i++)
            buf_puts(&w->out, "  ");
    }
    buf_printf(&w->out, "</%s>", w->names[w->level]);
}

/* An element holding only text: <tag N="name">text</tag>. */
static void xw_leaf(struct xw *w, const char *tag, const char *name, const char *text, size_t n)
{
    xw_start(w, tag);
    if (name) {
        struct buf e = BUF_INIT;
        encode_string(name, strlen(name), &e);
        xw_attr(w, "N", buf_cstr(&e));
        buf_release(&e);
    }
    xw_text(w, text, n);
    xw_end(w);
}

/* }================================================================== */

/*
** {==================================================================
** Export-Clixml
** ===================================================================
*/

enum {
    ECX_DEPTH,
    ECX_PATH,
    ECX_LITERAL_PATH,
    ECX_INPUT_OBJECT,
    ECX_FORCE,
    ECX_NO_CLOBBER,
    ECX_ENCODING
};

struct cx_ser {
    struct xw w;
    const void **objs; /* objects written, by heap part, for <Ref> */
    uint32_t nobjs, capobjs;
    char **tns; /* type name lists written (joined by "\n"), for <TNRef> */
    uint32_t ntns, captns;
};

struct ecx_state {
    struct cx_ser ser;
    struct data_out out;
    int32_t depth;
    bool active;
};

static int ser_find_obj(struct cx_ser *s, const void *p)
{
    for (uint32_t i = 0; i < s->nobjs; i++)
        if (s->objs[i] == p)
            return (int)i;
    return -1;
}

static int ser_add_obj(struct cx_ser *s, const void *p)
{
    if (s->nobjs == s->capobjs) {
        s->capobjs = s->capobjs ? s->capobjs * 2 : 16;
        s->objs = emsh_xrealloc(s->objs, s->capobjs * sizeof *s->objs);
    }
    s->objs[s->nobjs] = p;
    return (int)s->nobjs++;
}

static int ser_add_anon(struct cx_ser *s)
{
    return ser_add_obj(s, NULL);
}

/* <Obj N= RefId=> and its type names (<TN> the first time, <TNRef> after). */
static void ser_start_obj(struct cx_ser *s, const char *prop, int refid, const char *const *types,
                          uint32_t ntypes)
{
    struct xw *w = &s->w;
    xw_start(w, "Obj");
    if (prop) {
        struct buf e = BUF_INIT;
        encode_string(prop, strlen(prop), &e);
        xw_attr(w, "N", buf_cstr(&e));
        buf_release(&e);
    }
    char num[16];
    snprintf(num, sizeof num, "%d", refid);
    xw_attr(w, "RefId", num);
    if (!ntypes)
        return;
    struct buf key = BUF_INIT;
    for (uint32_t i = 0; i < ntypes; i++) {
        buf_puts(&key, types[i]);
        buf_putc(&key, '\n');
    }
    for (uint32_t i = 0; i < s->ntns; i++) {
        if (!strcmp(s->tns[i], buf_cstr(&key))) {
            xw_start(w, "TNRef");
            snprintf(num, sizeof num, "%u", i);
            xw_attr(w, "RefId", num);
            xw_end(w);
            buf_release(&key);
            return;
        }
    }
    if (s->ntns == s->captns) {
        s->captns = s->captns ? s->captns * 2 : 8;
        s->tns = emsh_xrealloc(s->tns, s->captns * sizeof *s->tns);
    }
    snprintf(num, sizeof num, "%u", s->ntns);
    s->tns[s->ntns++] = buf_detach(&key, NULL);
    xw_start(w, "TN");
    xw_attr(w, "RefId", num);
    for (uint32_t i = 0; i < ntypes; i++) {
        struct buf e = BUF_INIT;
        encode_string(types[i], strlen(types[i]), &e);
        xw_leaf(w, "T", NULL, buf_cstr(&e), e.len);
        buf_release(&e);
    }
    xw_end(w);
}

static void ser_tostring(struct cx_ser *s, val v)
{
    struct buf t = BUF_INIT, e = BUF_INIT;
    conv_str(v, &t);
    encode_string(buf_cstr(&t), t.len, &e);
    xw_leaf(&s->w, "ToString", NULL, buf_cstr(&e), e.len);
    buf_release(&t);
    buf_release(&e);
}

/* A primitive known type: <tag N="prop">text</tag> (text written raw, or encoded for strings). */
static void ser_prim(struct cx_ser *s, const char *tag, const char *prop, const char *text,
                     size_t n, bool encode)
{
    if (!encode) {
        xw_leaf(&s->w, tag, prop, text, n);
        return;
    }
    struct buf e = BUF_INIT;
    encode_string(text, n, &e);
    xw_leaf(&s->w, tag, prop, buf_cstr(&e), e.len);
    buf_release(&e);
}

/* XmlConvert.ToString(DateTime, RoundtripKind). */
static void xml_datetime(val v, struct buf *o)
{
    struct dt_parts p;
    dt_to_parts(v.u.i, &p);
    buf_printf(o, "%04d-%02d-%02dT%02d:%02d:%02d", p.year, p.month, p.day, p.hour, p.minute,
               p.second);
    int64_t frac = v.u.i % DT_TICKS_PER_SECOND;
    if (frac) {
        char f[24];
        snprintf(f, sizeof f, "%07lld", (long long)frac);
        int e = 7;
        while (e > 0 && f[e - 1] == '0')
            e--;
        buf_printf(o, ".%.*s", e, f);
    }
    enum dt_kind k = conv_dt_kind(v);
    if (k == DT_UTC) {
        buf_putc(o, 'Z');
    } else if (k == DT_LOCAL) {
        int64_t off = dt_local_offset(v.u.i) / DT_TICKS_PER_MINUTE;
        char sign = off < 0 ? '-' : '+';
        if (off < 0)
            off = -off;
        buf_printf(o, "%c%02lld:%02lld", sign, (long long)(off / 60), (long long)(off % 60));
    }
}

/* XmlConvert.ToString(TimeSpan): an xsd:duration, "PT0S" for zero. */
static void xml_duration(int64_t ticks, struct buf *o)
{
    uint64_t t = ticks < 0 ? (uint64_t)0 - (uint64_t)ticks : (uint64_t)ticks;
    if (ticks < 0)
        buf_putc(o, '-');
    buf_putc(o, 'P');
    uint64_t days = t / (uint64_t)DT_TICKS_PER_DAY;
    t %= (uint64_t)DT_TICKS_PER_DAY;
    uint64_t hours = t / (uint64_t)DT_TICKS_PER_HOUR;
    t %= (uint64_t)DT_TICKS_PER_HOUR;
    uint64_t minutes = t / (uint64_t)DT_TICKS_PER_MINUTE;
    t %= (uint64_t)DT_TICKS_PER_MINUTE;
    uint64_t seconds = t / (uint64_t)DT_TICKS_PER_SECOND;
    uint64_t nanos = (t % (uint64_t)DT_TICKS_PER_SECOND) * 100;
    if (days)
        buf_printf(o, "%lluD", (unsigned long long)days);
    if (hours || minutes || seconds || nanos) {
        buf_putc(o, 'T');
        if (hours)
            buf_printf(o, "%lluH", (unsigned long long)hours);
        if (minutes)
            buf_printf(o, "%lluM", (unsigned long long)minutes);
        if (seconds || nanos) {
            buf_printf(o, "%llu", (unsigned long long)seconds);
            if (nanos) {
                char f[24];
                snprintf(f, sizeof f, "%09llu", (unsigned long long)nanos);
                int e = 9;
                while (e > 0 && f[e - 1] == '0')
                    e--;
                buf_printf(o, ".%.*s", e, f);
            }
            buf_putc(o, 'S');
        }
    }
    if (o->len && o->s[o->len - 1] == 'P')
        buf_puts(o, "T0S");
}

static bool is_custom(val v)
{
    for (uint32_t i = 0; i < val_obj_ntypes(v); i++) {
        const char *t = val_obj_type_at(v, i);
        if (!strcmp(t, "System.Management.Automation.PSCustomObject") ||
            !strcmp(t, "Deserialized.System.Management.Automation.PSCustomObject"))
            return true;
    }
    return false;
}

static void ser_one(struct cx_ser *s, val v, const char *prop, int depth);

static void ser_props(struct cx_ser *s, val v, const char *tag, int depth)
{
    bool any = false;
    for (uint32_t i = 0; i < val_obj_len(v); i++) {
        const char *n = val_obj_name_at(v, i);
        if (n[0] == '\x01')
            continue;
        if (!any) {
            xw_start(&s->w, tag);
            any = true;
        }
        ser_one(s, val_obj_value_at(v, i), n, depth);
    }
    if (any)
        xw_end(&s->w);
}

/* WriteOneObject. */
static void ser_one(struct cx_ser *s, val v, const char *prop, int depth)
{
    struct buf t = BUF_INIT;
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        xw_start(&s->w, "Nil");
        if (prop) {
            struct buf e = BUF_INIT;
            encode_string(prop, strlen(prop), &e);
            xw_attr(&s->w, "N", buf_cstr(&e));
            buf_release(&e);
        }
        xw_end(&s->w);
        return;
    case VAL_STRING:
        ser_prim(s, "S", prop, val_str(v), val_str_len(v), true);
        return;
    case VAL_CHAR:
        buf_printf(&t, "%lld", (long long)v.u.i);
        ser_prim(s, "C", prop, buf_cstr(&t), t.len, false);
        break;
    case VAL_BOOL:
        ser_prim(s, "B", prop, v.u.b ? "true" : "false", v.u.b ? 4 : 5, false);
        return;
    case VAL_INT:
    case VAL_LONG:
        buf_printf(&t, "%lld", (long long)v.u.i);
        ser_prim(s, val_kind(v) == VAL_INT ? "I32" : "I64", prop, buf_cstr(&t), t.len, false);
        break;
    case VAL_DOUBLE:
        if (v.u.d != v.u.d)
            buf_puts(&t, "NaN");
        else if (v.u.d > 1.7976931348623157e308)
            buf_puts(&t, "INF");
        else if (v.u.d < -1.7976931348623157e308)
            buf_puts(&t, "-INF");
        else
            nf_format_double(&t, v.u.d, "R");
        ser_prim(s, "Db", prop, buf_cstr(&t), t.len, false);
        break;
    case VAL_DECIMAL:
        nf_format_decimal(&t, val_dec_get(v), NULL);
        ser_prim(s, "D", prop, buf_cstr(&t), t.len, false);
        break;
    case VAL_DATETIME:
        xml_datetime(v, &t);
        ser_prim(s, "DT", prop, buf_cstr(&t), t.len, false);
        break;
    case VAL_TIMESPAN:
        xml_duration(v.u.i, &t);
        ser_prim(s, "TS", prop, buf_cstr(&t), t.len, false);
        break;
    case VAL_GUID:
        conv_str(v, &t);
        ser_prim(s, "G", prop, buf_cstr(&t), t.len, false);
        break;
    case VAL_SCRIPTBLOCK:
        conv_str(v, &t);
        ser_prim(s, "SBK", prop, buf_cstr(&t), t.len, true);
        break;
    case VAL_ENUM: {
        const char *tn[] = {type_name(v.aux), "System.Enum", "System.ValueType", "System.Object"};
        ser_start_obj(s, prop, ser_add_anon(s), tn, 4);
        ser_tostring(s, v);
        buf_printf(&t, "%lld", (long long)v.u.i);
        ser_prim(s, v.u.i >= INT32_MIN && v.u.i <= INT32_MAX ? "I32" : "I64", NULL, buf_cstr(&t),
                 t.len, false);
        xw_end(&s->w);
        break;
    }
    case VAL_SWITCH: {
        const char *tn[] = {"System.Management.Automation.SwitchParameter", "System.ValueType",
                            "System.Object"};
        ser_start_obj(s, prop, ser_add_anon(s), tn, 3);
        ser_tostring(s, v);
        xw_start(&s->w, "Props");
        ser_prim(s, "B", "IsPresent", v.u.b ? "true" : "false", v.u.b ? 4 : 5, false);
        xw_end(&s->w);
        xw_end(&s->w);
        break;
    }
    case VAL_BYTESIZE: {
        const char *tn[] = {"Microsoft.Exchange.Data.ByteQuantifiedSize", "System.ValueType",
                            "System.Object"};
        ser_start_obj(s, prop, ser_add_anon(s), tn, 3);
        ser_tostring(s, v);
        xw_end(&s->w);
        break;
    }
    case VAL_TYPE: {
        const char *tn[] = {"System.RuntimeType", "System.Reflection.TypeInfo", "System.Type",
                            "System.Reflection.MemberInfo", "System.Object"};
        ser_start_obj(s, prop, ser_add_anon(s), tn, 5);
        xw_leaf(&s->w, "ToString", NULL, type_name(v.aux), strlen(type_name(v.aux)));
        xw_end(&s->w);
        break;
    }
    case VAL_ARRAY:
    case VAL_HASHTABLE:
    case VAL_OBJECT: {
        int ref = ser_find_obj(s, v.u.p);
        if (ref >= 0) {
            char num[16];
            snprintf(num, sizeof num, "%d", ref);
            xw_start(&s->w, "Ref");
            if (prop) {
                struct buf e = BUF_INIT;
                encode_string(prop, strlen(prop), &e);
                xw_attr(&s->w, "N", buf_cstr(&e));
                buf_release(&e);
            }
            xw_attr(&s->w, "RefId", num);
            xw_end(&s->w);
            break;
        }
        if (val_kind(v) == VAL_ARRAY) {
            const char *tn[3];
            uint32_t ntn;
            enum arr_flavour f = val_arr_flavour(v);
            if (f == ARR_OBJECT) {
                tn[0] = "System.Object[]", tn[1] = "System.Array", tn[2] = "System.Object", ntn = 3;
            } else {
                /* a list, queue, stack or set: its FullName (List`1[[T, assembly]] ...) */
                type_clr_name(conv_type_of(v), true, &t);
                tn[0] = buf_cstr(&t), tn[1] = "System.Object", ntn = 2;
            }
            ser_start_obj(s, prop, ser_add_obj(s, v.u.p), tn, ntn);
            /* the container as the serializer tells them: Queue and Stack (the
               non-generic ones), an IList, and any other IEnumerable */
            bool plain = !val_arr_elem_type(v);
            xw_start(&s->w, f == ARR_QUEUE && plain ? "QUE" : f == ARR_STACK && plain ? "STK"
                            : f >= ARR_QUEUE ? "IE" : "LST");
            for (uint32_t i = 0; i < val_arr_len(v); i++)
                ser_one(s, val_arr_items(v)[i], NULL, depth);
            xw_end(&s->w);
            xw_end(&s->w);
            break;
        }
        if (val_kind(v) == VAL_HASHTABLE) {
            const char *tn[] = {(v.flags & VF_ORDERED)
                                    ? "System.Collections.Specialized.OrderedDictionary"
                                    : "System.Collections.Hashtable",
                                "System.Object"};
            if (val_hash_type(v)) {
                type_clr_name(val_hash_type(v), true, &t);
                tn[0] = buf_cstr(&t);
            }
            ser_start_obj(s, prop, ser_add_obj(s, v.u.p), tn, 2);
            xw_start(&s->w, "DCT");
            for (uint32_t i = 0; i < val_hash_len(v); i++) {
                xw_start(&s->w, "En");
                ser_one(s, val_hash_key_at(v, i), "Key", depth);
                ser_one(s, val_hash_value_at(v, i), "Value", depth);
                xw_end(&s->w);
            }
            xw_end(&s->w);
            xw_end(&s->w);
            break;
        }
        bool custom = is_custom(v);
        if (depth <= 0 && !custom) {
            /* beyond -Depth: the object's string */
            conv_str(v, &t);
            ser_prim(s, "S", prop, buf_cstr(&t), t.len, true);
            break;
        }
        uint32_t nt = val_obj_ntypes(v);
        const char **tn = emsh_xmalloc((nt ? nt : 1) * sizeof *tn);
        for (uint32_t i = 0; i < nt; i++)
            tn[i] = val_obj_type_at(v, i);
        ser_start_obj(s, prop, ser_add_obj(s, v.u.p), tn, nt);
        free(tn);
        if (custom) {
            ser_props(s, v, "MS", depth);
        } else {
            ser_tostring(s, v);
            ser_props(s, v, "Props", depth - 1);
        }
        xw_end(&s->w);
        break;
    }
    default:
        conv_str(v, &t);
        ser_prim(s, "S", prop, buf_cstr(&t), t.len, true);
        break;
    }
    buf_release(&t);
}

static void ser_free(struct cx_ser *s)
{
    buf_release(&s->w.out);
    free(s->objs);
    for (uint32_t i = 0; i < s->ntns; i++)
        free(s->tns[i]);
    free(s->tns);
    memset(s, 0, sizeof *s);
}

/* Writes what the serializer produced so far to the file. */
static void ecx_flush(struct ecx_state *st)
{
    if (!st->ser.w.out.len)
        return;
    struct xw *w = &st->ser.w;
    data_write(&st->out, buf_cstr(&w->out), w->out.len);
    buf_reset(&w->out);
    fflush(st->out.f);
}

static enum ev ecx_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {"Depth", "Path",      "LiteralPath", "InputObject",
                                        "Force", "NoClobber", "Encoding",    NULL};
    data_check_params(c, names);
    struct ecx_state *st = cmd_state(c);
    st->depth = 2;
    enum ev rc = data_check_depth(c, ECX_DEPTH, &st->depth);
    if (rc)
        return rc;
    bool literal = cmd_set(c) == 1;
    val pv = cmd_arg(c, literal ? ECX_LITERAL_PATH : ECX_PATH);
    const char *path = val_kind(pv) == VAL_STRING ? val_str(pv) : "";
    bool yes = false;
    if ((rc = cmd_should_process(c, path, "Export-Clixml", &yes)) || !yes)
        return rc;
    enum data_enc enc = data_enc_of(cmd_arg(c, ECX_ENCODING));
    rc = data_open_write(c, path, literal, enc == ENC_NONE ? ENC_UNICODE : enc, false,
                         val_kind(cmd_arg(c, ECX_FORCE)) == VAL_SWITCH && cmd_arg(c, ECX_FORCE).u.b,
                         val_kind(cmd_arg(c, ECX_NO_CLOBBER)) == VAL_SWITCH &&
                             cmd_arg(c, ECX_NO_CLOBBER).u.b,
                         &st->out);
    if (rc)
        return rc;
    st->active = true;
    xw_start(&st->ser.w, "Objs");
    xw_attr(&st->ser.w, "Version", "1.1.0.1");
    xw_attr(&st->ser.w, "xmlns", CLIXML_NS);
    ecx_flush(st);
    return EV_OK;
}

static enum ev ecx_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct ecx_state *st = cmd_state(c);
    if (!st->active)
        return EV_OK;
    ser_one(&st->ser, cmd_arg(c, ECX_INPUT_OBJECT), NULL, st->depth);
    ecx_flush(st);
    return EV_OK;
}

static enum ev ecx_end(struct cmd_ctx *c)
{
    struct ecx_state *st = cmd_state(c);
    if (!st->active)
        return EV_OK;
    xw_end(&st->ser.w);
    ecx_flush(st);
    data_close(&st->out);
    st->active = false;
    return EV_OK;
}

static void ecx_release(void *state)
{
    struct ecx_state *st = state;
    ser_free(&st->ser);
    data_close(&st->out);
}

CMDLET_DEFINE(cmd_export_clixml, .begin = ecx_begin, .process = ecx_process, .end = ecx_end,
              .state_size = sizeof(struct ecx_state), .release = ecx_release);

/* }================================================================== */

/*
** {==================================================================
** Import-Clixml
** ===================================================================
*/

enum { ICX_PATH, ICX_LITERAL_PATH, ICX_INCLUDE_TOTAL_COUNT, ICX_SKIP, ICX_FIRST };

struct cx_refs {
    char **ids; /* RefId → value */
    val *vals;
    uint32_t n, cap;
    char **tn_ids; /* TN RefId → its type names (VAL_ARRAY of strings) */
    val *tn_vals;
    uint32_t ntn, captn;
};

static void refs_free(struct cx_refs *r)
{
    for (uint32_t i = 0; i < r->n; i++) {
        free(r->ids[i]);
        val_free(r->vals[i]);
    }
    for (uint32_t i = 0; i < r->ntn; i++) {
        free(r->tn_ids[i]);
        val_free(r->tn_vals[i]);
    }
    free(r->ids);
    free(r->vals);
    free(r->tn_ids);
    free(r->tn_vals);
}

static void refs_put(char ***ids, val **vals, uint32_t *n, uint32_t *cap, const char *id, val v)
{
    for (uint32_t i = 0; i < *n; i++)
        if (!strcmp((*ids)[i], id)) {
            val_free((*vals)[i]);
            (*vals)[i] = v;
            return;
        }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *ids = emsh_xrealloc(*ids, *cap * sizeof **ids);
        *vals = emsh_xrealloc(*vals, *cap * sizeof **vals);
    }
    (*ids)[*n] = emsh_xstrndup(id, strlen(id));
    (*vals)[(*n)++] = v;
}

static val refs_get(char **ids, val *vals, uint32_t n, const char *id)
{
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(ids[i], id))
            return val_copy(vals[i]);
    return val_nothing();
}

struct cx_reader {
    struct cmd_ctx *c;
    struct cx_refs refs;
    bool failed;
    const char *exception;
    struct buf msg;
};

static bool rfail(struct cx_reader *r, const char *fmt, ...) EMSH_PRINTF(2, 3);

static bool rfail(struct cx_reader *r, const char *fmt, ...)
{
    if (r->failed)
        return false;
    r->failed = true;
    r->exception = "System.Xml.XmlException";
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&r->msg, fmt, ap);
    va_end(ap);
    return false;
}

/*
** {------------------------------------------------------------------
** The XML library, loaded on first use
**
** Only libxml2's headers are used at build time, for its types and, with
** __typeof__, for the exact prototypes of the few functions called here;
** the functions themselves are reached through X, filled by dlsym.
** xmlFree is a variable in libxml2 (a function pointer an application may
** replace), so X.Free holds its address. The library, once loaded, is
** never closed, as a linked one would not be.
** -------------------------------------------------------------------
*/

#define XMLLIB_SONAME "libxml2.so.2"

static struct {
    bool tried; /* xml_open ran; ok says how it went, err why not */
    bool ok;
    char err[256];
    __typeof__(xmlReadMemory) *ReadMemory;
    __typeof__(xmlGetLastError) *GetLastError;
    __typeof__(xmlDocGetRootElement) *DocGetRootElement;
    __typeof__(xmlFreeDoc) *FreeDoc;
    __typeof__(xmlNodeGetContent) *NodeGetContent;
    __typeof__(xmlGetProp) *GetProp;
#ifdef LIBXML_THREAD_ALLOC_ENABLED
    __typeof__(__xmlFree) *FreeLoc; /* xmlFree is then per thread */
#else
    xmlFreeFunc *Free;
#endif
} X;

/* POSIX: a function pointer survives a round trip through void *. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "dlsym needs void * function pointers");

/* Symbol name into the pointer at slot (a member of X); false if missing. */
static bool xml_sym(void *lib, const char *name, void *slot)
{
    void *p = dlsym(lib, name);
    if (!p) {
        const char *e = dlerror();
        snprintf(X.err, sizeof X.err, "%s", e ? e : name);
        return false;
    }
    memcpy(slot, &p, sizeof p); /* not *(void **)slot: X's members are not void * */
    return true;
}

/* Loads libxml2 the first time; false (X.err says why) if it cannot. */
static bool xml_open(void)
{
    if (X.tried)
        return X.ok;
    X.tried = true;
    void *lib = dlopen(XMLLIB_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        snprintf(X.err, sizeof X.err, "%s", e ? e : "unknown error");
        return false;
    }
    X.ok = xml_sym(lib, "xmlReadMemory", &X.ReadMemory) &&
           xml_sym(lib, "xmlGetLastError", &X.GetLastError) &&
           xml_sym(lib, "xmlDocGetRootElement", &X.DocGetRootElement) &&
           xml_sym(lib, "xmlFreeDoc", &X.FreeDoc) &&
           xml_sym(lib, "xmlNodeGetContent", &X.NodeGetContent) &&
#ifdef LIBXML_THREAD_ALLOC_ENABLED
           xml_sym(lib, "__xmlFree", &X.FreeLoc) &&
#else
           xml_sym(lib, "xmlFree", &X.Free) &&
#endif
           xml_sym(lib, "xmlGetProp", &X.GetProp);
    if (!X.ok)
        dlclose(lib);
    return X.ok;
}

/* xmlFree(p): memory libxml2 handed out goes back through its allocator. */
static void xml_free(void *p)
{
#ifdef LIBXML_THREAD_ALLOC_ENABLED
    (*X.FreeLoc())(p);
#else
    (*X.Free)(p);
#endif
}

/* A terminating error when libxml2 cannot be loaded; EV_OK when it is. */
static enum ev xml_require(struct cmd_ctx *c)
{
    if (xml_open())
        return EV_OK;
    struct buf m = BUF_INIT;
    buf_printf(&m, "The XML library (" XMLLIB_SONAME ") could not be loaded: %s", X.err);
    enum ev rc = cmd_throw(c, "System.DllNotFoundException", "ResourceUnavailable",
                           "System.DllNotFoundException", val_nothing(), buf_cstr(&m));
    buf_release(&m);
    return rc;
}

/* }------------------------------------------------------------------ */

static enum ev throwf_xml(struct cmd_ctx *c, const char *fmt, ...) EMSH_PRINTF(2, 3);

/* A terminating XmlException, as one escaping Import-Clixml shows. */
static enum ev throwf_xml(struct cmd_ctx *c, const char *fmt, ...)
{
    struct buf m = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&m, fmt, ap);
    va_end(ap);
    enum ev rc = cmd_throw(c, "System.Xml.XmlException", "NotSpecified", "System.Xml.XmlException",
                           val_nothing(), buf_cstr(&m));
    buf_release(&m);
    return rc;
}

static bool is_el(xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *first_el(xmlNode *n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

static xmlNode *next_el(xmlNode *n)
{
    return n ? first_el(n->next) : NULL;
}

/* The element's text, _xHHHH_-decoded. */
static void node_text(xmlNode *n, bool decode, struct buf *o)
{
    xmlChar *t = X.NodeGetContent(n);
    const char *s = t ? (const char *)t : "";
    if (decode)
        decode_string(s, strlen(s), o);
    else
        buf_puts(o, s);
    xml_free(t);
}

static char *node_attr(xmlNode *n, const char *name)
{
    xmlChar *a = X.GetProp(n, (const xmlChar *)name);
    if (!a)
        return NULL;
    char *r = emsh_xstrndup((const char *)a, strlen((const char *)a));
    xml_free(a);
    return r;
}

/* The N attribute, decoded. Caller frees. */
static char *node_name(xmlNode *n)
{
    char *raw = node_attr(n, "N");
    if (!raw)
        return NULL;
    struct buf b = BUF_INIT;
    decode_string(raw, strlen(raw), &b);
    free(raw);
    buf_putc(&b, '\0');
    b.len--;
    return buf_detach(&b, NULL);
}

/* XmlConvert.ToDateTime(s, RoundtripKind). */
static bool parse_xml_datetime(const char *s, val *out)
{
    int y, mo, d, h = 0, mi = 0, sec = 0, used = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3)
        return false;
    const char *p = s + used;
    int64_t frac = 0;
    if (*p == 'T') {
        int u2 = 0;
        if (sscanf(p + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &u2) != 3)
            return false;
        p += 1 + u2;
        if (*p == '.') {
            p++;
            int digits = 0;
            while (*p >= '0' && *p <= '9') {
                if (digits < 7) {
                    frac = frac * 10 + (*p - '0');
                    digits++;
                }
                p++;
            }
            while (digits++ < 7)
                frac *= 10;
        }
    }
    struct dt_parts parts = {
        .year = y, .month = mo, .day = d, .hour = h, .minute = mi, .second = sec};
    int64_t ticks;
    if (dt_from_parts(&parts, &ticks) != DT_OK)
        return false;
    ticks += frac;
    if (*p == 'Z' && !p[1]) {
        *out = val_datetime(ticks, VF_UTC);
        return true;
    }
    if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
        int oh = atoi(p + 1), om = atoi(p + 4);
        int64_t off = ((int64_t)oh * 60 + om) * DT_TICKS_PER_MINUTE * (*p == '-' ? -1 : 1);
        *out = val_datetime(dt_utc_to_local(ticks - off), VF_LOCAL);
        return true;
    }
    if (*p)
        return false;
    *out = val_datetime(ticks, 0);
    return true;
}

/* XmlConvert.ToTimeSpan: [-]P[nY][nM][nD][T[nH][nM][n[.f]S]] (a year 365 days, a month 30). */
static bool parse_xml_duration(const char *s, val *out)
{
    bool neg = *s == '-';
    if (neg)
        s++;
    if (*s++ != 'P')
        return false;
    int64_t ticks = 0;
    bool time = false, any = false;
    while (*s) {
        if (*s == 'T') {
            time = true;
            s++;
            continue;
        }
        char *end;
        unsigned long long n = strtoull(s, &end, 10);
        if (end == s)
            return false;
        int64_t frac = 0;
        if (*end == '.') {
            end++;
            int digits = 0;
            while (*end >= '0' && *end <= '9') {
                if (digits < 7) {
                    frac = frac * 10 + (*end - '0');
                    digits++;
                }
                end++;
            }
            while (digits++ < 7)
                frac *= 10;
        }
        int64_t unit;
        switch (*end) {
        case 'Y':
            unit = 365 * DT_TICKS_PER_DAY;
            break;
        case 'M':
            unit = time ? DT_TICKS_PER_MINUTE : 30 * DT_TICKS_PER_DAY;
            break;
        case 'D':
            unit = DT_TICKS_PER_DAY;
            break;
        case 'H':
            unit = DT_TICKS_PER_HOUR;
            break;
        case 'S':
            unit = DT_TICKS_PER_SECOND;
            break;
        default:
            return false;
        }
        ticks += (int64_t)n * unit + (*end == 'S' ? frac : 0);
        any = true;
        s = end + 1;
    }
    if (!any)
        return false;
    *out = val_timespan(neg ? -ticks : ticks);
    return true;
}

static bool read_one(struct cx_reader *r, xmlNode *n, val *out);

/* The value of a primitive known type element; false when the tag is not one. */
static bool read_prim(struct cx_reader *r, xmlNode *n, val *out, bool *ok)
{
    const char *tag = (const char *)n->name;
    static const char *const prims[] = {
        "S",  "C",  "B", "DT", "TS", "By",  "SB",      "U16", "I16", "U32", "I32", "U64", "I64",
        "Sg", "Db", "D", "BA", "G",  "URI", "Version", "XD",  "SBK", "SS",  "PR",  NULL};
    bool known = false;
    for (int i = 0; prims[i] && !known; i++)
        known = !strcmp(tag, prims[i]);
    if (!known)
        return false;
    *ok = true;
    struct buf t = BUF_INIT;
    bool decode =
        !strcmp(tag, "S") || !strcmp(tag, "SBK") || !strcmp(tag, "URI") || !strcmp(tag, "XD");
    node_text(n, decode, &t);
    const char *s = buf_cstr(&t);
    if (decode || !strcmp(tag, "Version") || !strcmp(tag, "SS") || !strcmp(tag, "PR")) {
        *out = val_str_buf(&t);
    } else if (!strcmp(tag, "B")) {
        *out = val_bool(!strcmp(s, "true") || !strcmp(s, "1"));
    } else if (!strcmp(tag, "C")) {
        *out = val_char((uint32_t)strtoul(s, NULL, 10));
    } else if (!strcmp(tag, "Db") || !strcmp(tag, "Sg")) {
        double d = !strcmp(s, "INF")    ? 1.0 / 0.0
                   : !strcmp(s, "-INF") ? -1.0 / 0.0
                   : !strcmp(s, "NaN")  ? 0.0 / 0.0
                                        : strtod(s, NULL);
        *out = val_double(d);
    } else if (!strcmp(tag, "D")) {
        struct dec d;
        if (dec_parse(s, strlen(s), &d) != DEC_OK)
            d = dec_from_int64(0);
        *out = val_dec(d);
    } else if (!strcmp(tag, "DT")) {
        if (!parse_xml_datetime(s, out))
            *ok = rfail(r, "The string '%s' is not a valid AllXsd value.", s);
    } else if (!strcmp(tag, "TS")) {
        if (!parse_xml_duration(s, out))
            *ok = rfail(r, "The string '%s' is not a valid TimeSpan value.", s);
    } else if (!strcmp(tag, "G")) {
        struct conv_error ce;
        val g;
        if (conv_to_type(val_str_new(s), TY_GUID, &g, &ce))
            *out = g;
        else
            *ok = rfail(r, "%s", ce.msg);
    } else if (!strcmp(tag, "BA")) {
        /* base64 bytes: an array of numbers (emsh has no byte[]) */
        val a = val_arr_new();
        uint32_t bits = 0;
        int nbits = 0;
        for (const char *p = s; *p; p++) {
            const char *q =
                strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", *p);
            if (!q || !*p)
                continue;
            bits =
                (bits << 6) |
                (uint32_t)(q - "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
            nbits += 6;
            if (nbits >= 8) {
                nbits -= 8;
                a = val_arr_push(a, val_int((int32_t)((bits >> nbits) & 0xFF)));
            }
        }
        *out = a;
    } else {
        /* integers */
        errno = 0;
        if (tag[0] == 'U' || !strcmp(tag, "By")) {
            unsigned long long u = strtoull(s, NULL, 10);
            *out = u <= INT32_MAX   ? val_int((int32_t)u)
                   : u <= INT64_MAX ? val_long((int64_t)u)
                                    : val_double((double)u);
        } else {
            long long l = strtoll(s, NULL, 10);
            *out = !strcmp(tag, "I64") ? val_long(l) : val_int((int32_t)l);
        }
    }
    buf_release(&t);
    return true;
}

static bool read_container(struct cx_reader *r, xmlNode *n, val *out)
{
    if (is_el(n, "DCT")) {
        val h = val_hash_new(false);
        for (xmlNode *en = first_el(n->children); en; en = next_el(en)) {
            val k = val_nothing(), v = val_null();
            for (xmlNode *kv = first_el(en->children); kv; kv = next_el(kv)) {
                char *nm = node_name(kv);
                val x;
                if (!read_one(r, kv, &x)) {
                    free(nm);
                    val_free(k);
                    val_free(v);
                    val_free(h);
                    return false;
                }
                if (nm && !strcmp(nm, "Key")) {
                    val_free(k);
                    k = x;
                } else {
                    val_free(v);
                    v = x;
                }
                free(nm);
            }
            if (val_is_null(k)) {
                val_free(k);
                val_free(v);
                continue;
            }
            h = val_hash_set(h, k, v);
        }
        *out = h;
        return true;
    }
    val a = val_arr_set_flavour(val_arr_new(), ARR_ARRAYLIST, NULL);
    for (xmlNode *e = first_el(n->children); e; e = next_el(e)) {
        val x;
        if (!read_one(r, e, &x)) {
            val_free(a);
            return false;
        }
        a = val_arr_push(a, x);
    }
    *out = a;
    return true;
}

static bool is_container_tag(xmlNode *n)
{
    return is_el(n, "LST") || is_el(n, "IE") || is_el(n, "QUE") || is_el(n, "STK") ||
           is_el(n, "DCT");
}

/* Adds the note or adapted properties of an <MS> or <Props> element to o. */
static bool read_members(struct cx_reader *r, xmlNode *set, val *o)
{
    for (xmlNode *m = first_el(set->children); m; m = next_el(m)) {
        if (is_el(m, "MS"))
            continue; /* a member set (psadapted ...): not a property */
        char *nm = node_name(m);
        val x;
        if (!read_one(r, m, &x)) {
            free(nm);
            return false;
        }
        if (nm && nm[0])
            *o = val_obj_set(*o, nm, x);
        else
            val_free(x);
        free(nm);
    }
    return true;
}

/* The type names of a <TN> or <TNRef>, each with the Deserialized. prefix. */
static bool read_tn(struct cx_reader *r, xmlNode *n, val *types)
{
    char *id = node_attr(n, "RefId");
    if (is_el(n, "TNRef")) {
        val t = id ? refs_get(r->refs.tn_ids, r->refs.tn_vals, r->refs.ntn, id) : val_nothing();
        if (val_kind(t) != VAL_ARRAY) {
            bool ok = rfail(r, "'%s' is not a valid type hierarchy reference id.", id ? id : "");
            free(id);
            return ok;
        }
        val_free(*types);
        *types = t;
        free(id);
        return true;
    }
    val t = val_arr_new();
    for (xmlNode *e = first_el(n->children); e; e = next_el(e)) {
        struct buf b = BUF_INIT;
        node_text(e, true, &b);
        if (!b.len) {
            buf_release(&b);
            continue;
        }
        if (strncmp(buf_cstr(&b), "Deserialized.", 13) != 0)
            t = val_arr_push(t, val_str_printf("Deserialized.%s", buf_cstr(&b)));
        else
            t = val_arr_push(t, val_str_new(buf_cstr(&b)));
        buf_release(&b);
    }
    if (id)
        refs_put(&r->refs.tn_ids, &r->refs.tn_vals, &r->refs.ntn, &r->refs.captn, id, val_copy(t));
    free(id);
    val_free(*types);
    *types = t;
    return true;
}

/* The type name without its Deserialized. prefix. */
static const char *plain_type(val types, uint32_t i)
{
    const char *t = val_str(val_arr_items(types)[i]);
    return !strncmp(t, "Deserialized.", 13) ? t + 13 : t;
}

/* ReadPSObject: an <Obj>. */
static bool read_obj(struct cx_reader *r, xmlNode *n, val *out)
{
    val types = val_nothing(), base = val_nothing(), tostring = val_nothing();
    val notes = val_obj_new(NULL), adapted = val_obj_new(NULL);
    bool ok = true;
    for (xmlNode *e = first_el(n->children); e && ok; e = next_el(e)) {
        if (is_el(e, "TN") || is_el(e, "TNRef")) {
            ok = read_tn(r, e, &types);
        } else if (is_el(e, "Props")) {
            ok = read_members(r, e, &adapted);
        } else if (is_el(e, "MS")) {
            ok = read_members(r, e, &notes);
        } else if (is_el(e, "ToString")) {
            struct buf b = BUF_INIT;
            node_text(e, true, &b);
            val_free(tostring);
            tostring = val_str_buf(&b);
        } else {
            val x;
            bool prim = false;
            if (read_prim(r, e, &x, &prim)) {
                ok = prim;
            } else if (is_container_tag(e)) {
                ok = read_container(r, e, &x);
            } else if (is_el(e, "Obj") || is_el(e, "Ref") || is_el(e, "Nil")) {
                ok = read_one(r, e, &x);
            } else {
                ok = rfail(r, "'%s' is not a valid element tag.", (const char *)e->name);
                x = val_nothing();
            }
            if (ok) {
                val_free(base);
                base = x;
            }
        }
    }
    if (ok) {
        uint32_t nt = val_kind(types) == VAL_ARRAY ? val_arr_len(types) : 0;
        const char *t0 = nt ? plain_type(types, 0) : "";
        if (val_kind(base) != VAL_NOTHING) {
            /* a base value: containers, primitives (an enum: its number) */
            uint16_t id = nt ? type_lookup(t0, strlen(t0)) : TY_NONE;
            const struct type_info *ti = id ? type_get(id) : NULL;
            if (ti && ti->kind == TK_ENUM &&
                (val_kind(base) == VAL_INT || val_kind(base) == VAL_LONG)) {
                *out = val_enum(id, base.u.i);
                val_free(base);
            } else if (val_kind(base) == VAL_HASHTABLE &&
                       !strcmp(t0, "System.Collections.Specialized.OrderedDictionary")) {
                val h = val_hash_new(true);
                for (uint32_t i = 0; i < val_hash_len(base); i++)
                    h = val_hash_set(h, val_copy(val_hash_key_at(base, i)),
                                     val_copy(val_hash_value_at(base, i)));
                val_free(base);
                *out = h;
            } else {
                *out = base;
            }
            base = val_nothing();
        } else if (!strcmp(t0, "Microsoft.Exchange.Data.ByteQuantifiedSize") &&
                   val_kind(tostring) == VAL_STRING && strstr(val_str(tostring), " bytes)")) {
            /* rehydrated: the count in "1.5 GB (1,610,612,736 bytes)" */
            const char *p = strrchr(val_str(tostring), '(');
            uint64_t bytes = 0;
            for (p = p ? p + 1 : ""; *p && *p != ' '; p++)
                if (*p >= '0' && *p <= '9')
                    bytes = bytes * 10 + (uint64_t)(*p - '0');
            *out = val_bytesize(bytes);
        } else {
            /* a property bag: notes, then adapted properties */
            val o = val_obj_new(nt ? val_str(val_arr_items(types)[nt - 1])
                                   : "Deserialized.System.Object");
            for (uint32_t i = nt ? nt - 1 : 0; i-- > 0;)
                o = val_obj_insert_type(o, val_str(val_arr_items(types)[i]));
            for (uint32_t i = 0; i < val_obj_len(notes); i++)
                o = val_obj_set(o, val_obj_name_at(notes, i), val_copy(val_obj_value_at(notes, i)));
            for (uint32_t i = 0; i < val_obj_len(adapted); i++)
                if (!val_obj_has(o, val_obj_name_at(adapted, i)))
                    o = val_obj_set(o, val_obj_name_at(adapted, i),
                                    val_copy(val_obj_value_at(adapted, i)));
            if (val_kind(tostring) == VAL_STRING)
                o = val_obj_set(o, "\x01ToString", val_copy(tostring));
            *out = o;
        }
        char *id = node_attr(n, "RefId");
        if (id) {
            refs_put(&r->refs.ids, &r->refs.vals, &r->refs.n, &r->refs.cap, id, val_copy(*out));
            free(id);
        }
    }
    val_free(types);
    val_free(base);
    val_free(tostring);
    val_free(notes);
    val_free(adapted);
    return ok;
}

/* ReadOneObject. */
static bool read_one(struct cx_reader *r, xmlNode *n, val *out)
{
    *out = val_nothing();
    if (is_el(n, "Nil")) {
        *out = val_null();
        return true;
    }
    if (is_el(n, "Ref")) {
        char *id = node_attr(n, "RefId");
        if (!id)
            return rfail(r, "Attribute 'RefId' is expected.");
        *out = refs_get(r->refs.ids, r->refs.vals, r->refs.n, id);
        bool ok =
            val_kind(*out) != VAL_NOTHING || rfail(r, "'%s' is not a valid reference id.", id);
        free(id);
        return ok;
    }
    bool prim = false;
    if (read_prim(r, n, out, &prim))
        return prim;
    if (is_el(n, "Obj"))
        return read_obj(r, n, out);
    return rfail(r, "'%s' is not a valid element tag.", (const char *)n->name);
}

/* The line and column (1-based) of byte offset off in text. */
static void line_col(const char *text, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') {
            ++*line;
            *col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

struct icx_state {
    uint64_t skipped, count;
    bool total_written;
};

/* Writes an object, or with -First/-Skip the elements of a collection one by one. */
static enum ev icx_emit(struct cmd_ctx *c, struct icx_state *st, val v, uint64_t skip,
                        uint64_t first, bool paging)
{
    if (!paging)
        return cmd_write(c, v);
    enum ev rc = EV_OK;
    if (val_kind(v) == VAL_ARRAY || val_kind(v) == VAL_HASHTABLE) {
        uint32_t n = val_kind(v) == VAL_ARRAY ? val_arr_len(v) : val_hash_len(v);
        for (uint32_t i = 0; i < n && !rc && st->count < first; i++) {
            if (st->skipped++ < skip)
                continue;
            st->count++;
            val e;
            if (val_kind(v) == VAL_ARRAY) {
                e = val_arr_get(v, i);
            } else {
                e = val_obj_new("System.Collections.DictionaryEntry");
                e = val_obj_set(e, "Key", val_copy(val_hash_key_at(v, i)));
                e = val_obj_set(e, "Value", val_copy(val_hash_value_at(v, i)));
            }
            rc = cmd_write(c, e);
        }
        val_free(v);
        return rc;
    }
    if (st->skipped++ >= skip) {
        st->count++;
        return cmd_write(c, v);
    }
    val_free(v);
    return EV_OK;
}

static uint64_t u64_arg(struct cmd_ctx *c, uint16_t p, uint64_t dflt)
{
    val v = cmd_arg(c, p);
    int64_t x;
    if (val_is_null(v) || !conv_to_int64(v, &x, NULL) || x < 0)
        return dflt;
    return (uint64_t)x;
}

/* ImportXmlHelper.Import for one file. */
static enum ev icx_file(struct cmd_ctx *c, struct icx_state *st, const char *path, bool literal)
{
    enum ev rc = xml_require(c);
    if (rc)
        return rc;
    struct buf text = BUF_INIT;
    rc = data_read_file(c, path, literal, ENC_NONE, &text);
    if (rc)
        return rc;
    const char *s = buf_cstr(&text);
    size_t off = 0;
    while (off < text.len && (s[off] == ' ' || s[off] == '\t' || s[off] == '\r' || s[off] == '\n'))
        off++;
    int line, col;
    if (off == text.len) {
        buf_release(&text);
        return cmd_throw(c, "System.Xml.XmlException", "NotSpecified", "System.Xml.XmlException",
                         val_nothing(), "Root element is missing.");
    }
    if (s[off] != '<') {
        line_col(s, off, &line, &col);
        buf_release(&text);
        return throwf_xml(c, "Data at the root level is invalid. Line %d, position %d.", line, col);
    }
    xmlDoc *doc =
        X.ReadMemory(s, (int)text.len, NULL, "UTF-8",
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!doc) {
        const xmlError *e = X.GetLastError();
        struct buf m = BUF_INIT;
        if (e && e->message) {
            buf_puts(&m, e->message);
            while (m.len && (m.s[m.len - 1] == '\n' || m.s[m.len - 1] == ' '))
                m.s[--m.len] = '\0';
            buf_printf(&m, ". Line %d, position %d.", e->line, e->int2);
        } else {
            buf_puts(&m, "The XML is not valid.");
        }
        buf_release(&text);
        rc = cmd_throw(c, "System.Xml.XmlException", "NotSpecified", "System.Xml.XmlException",
                       val_nothing(), buf_cstr(&m));
        buf_release(&m);
        return rc;
    }
    xmlNode *root = X.DocGetRootElement(doc);
    if (!is_el(root, "Objs") || !root->ns || !root->ns->href ||
        strcmp((const char *)root->ns->href, CLIXML_NS) != 0) {
        const char *lt = strchr(s + off, '<');
        while (lt && (lt[1] == '?' || lt[1] == '!'))
            lt = strchr(lt + 1, '<');
        line_col(s, lt ? (size_t)(lt - s) + 1 : off, &line, &col);
        X.FreeDoc(doc);
        buf_release(&text);
        return throwf_xml(c,
                          "Element 'Objs' with namespace name '" CLIXML_NS
                          "' was not found. Line %d, position %d.",
                          line, col);
    }
    buf_release(&text);
    struct cx_reader rd = {.c = c};
    uint64_t skip = u64_arg(c, ICX_SKIP, 0), first = u64_arg(c, ICX_FIRST, UINT64_MAX);
    bool paging = skip != 0 || first != UINT64_MAX;
    for (xmlNode *e = first_el(root->children); e && !rc; e = next_el(e)) {
        if (paging && st->count >= first)
            break;
        val v;
        if (!read_one(&rd, e, &v)) {
            rc = cmd_throw(c, rd.exception, "NotSpecified", rd.exception, val_nothing(),
                           buf_cstr(&rd.msg));
            break;
        }
        rc = icx_emit(c, st, v, skip, first, paging);
    }
    buf_release(&rd.msg);
    refs_free(&rd.refs);
    X.FreeDoc(doc);
    return rc;
}

static enum ev icx_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct icx_state *st = cmd_state(c);
    enum ev rc;
    if (!st->total_written && val_kind(cmd_arg(c, ICX_INCLUDE_TOTAL_COUNT)) == VAL_SWITCH &&
        cmd_arg(c, ICX_INCLUDE_TOTAL_COUNT).u.b) {
        st->total_written = true;
        val t = val_obj_new("System.UInt64");
        t = val_obj_set(t, "\x01ToString", val_str_new("Unknown total count"));
        if ((rc = cmd_write(c, t)))
            return rc;
    }
    bool literal = cmd_set(c) == 1;
    val paths = cmd_arg(c, literal ? ICX_LITERAL_PATH : ICX_PATH);
    for (uint32_t i = 0; val_kind(paths) == VAL_ARRAY && i < val_arr_len(paths); i++) {
        struct buf p = BUF_INIT;
        conv_str(val_arr_items(paths)[i], &p);
        rc = icx_file(c, st, buf_cstr(&p), literal);
        buf_release(&p);
        if (rc)
            return rc;
    }
    return EV_OK;
}

static enum ev icx_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {"Path", "LiteralPath", "IncludeTotalCount",
                                        "Skip", "First",       NULL};
    data_check_params(c, names);
    return EV_OK;
}

CMDLET_DEFINE(cmd_import_clixml, .begin = icx_begin, .process = icx_process,
              .state_size = sizeof(struct icx_state));

/* }================================================================== */
