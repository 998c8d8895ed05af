/*
** netobj.c - System.Text.StringBuilder and System.Diagnostics.Stopwatch
** (see netobj.h).
*/
#if !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* memmem */
#endif
#include "netobj.h"
#include "buf.h"
#include "conv.h"
#include "datetime.h"
#include "text.h"
#include "types.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool is_a(val v, const char *type)
{
    return val_kind(v) == VAL_OBJECT && val_obj_ntypes(v) && !strcmp(val_obj_type_at(v, 0), type);
}

static bool is_name(const char *name, const char *lit)
{
    return text_ieq(name, strlen(name), lit, strlen(lit));
}

static int64_t int_of(val v, int64_t dflt)
{
    int64_t n;
    return conv_to_int64(v, &n, NULL) ? n : dflt;
}

/*
** {==================================================================
** StringBuilder
** ===================================================================
*/

#define SB_TEXT "\x01ToString"
#define SB_DEFAULT_CAPACITY 16
#define SB_MAX_CHUNK 8000

/* The builder's text (a new reference). */
static val sb_text(val sb)
{
    val t = val_obj_get(sb, SB_TEXT);
    return val_kind(t) == VAL_STRING ? t : (val_free(t), val_str_new(""));
}

/*
** Gives the builder text t (consumed) and its Length; Capacity grows as
** .NET Framework 4 grows it: what fits goes into the last chunk, the rest
** into a new one of at least the length so far (at most 8000).
*/
static void sb_store(val sb, val t)
{
    int64_t len = (int64_t)text_utf16_len(val_str(t), val_str_len(t));
    val c = val_obj_get(sb, "Capacity");
    int64_t cap = int_of(c, SB_DEFAULT_CAPACITY);
    val_free(c);
    if (len > cap) {
        int64_t more = len - cap, block = cap < SB_MAX_CHUNK ? cap : SB_MAX_CHUNK;
        cap += more > block ? more : block;
    }
    val_obj_put(sb, "Capacity", val_int((int32_t)cap));
    val_obj_put(sb, "Length", val_int((int32_t)len));
    val_obj_put(sb, SB_TEXT, t);
}

static val sb_new(const char *s, size_t n, int64_t capacity)
{
    int64_t len = (int64_t)text_utf16_len(s, n);
    if (capacity <= 0)
        capacity = SB_DEFAULT_CAPACITY;
    if (capacity < len)
        capacity = len;
    val sb = val_obj_new(NETOBJ_STRINGBUILDER);
    sb = val_obj_set(sb, "Capacity", val_int((int32_t)capacity));
    sb = val_obj_set(sb, "MaxCapacity", val_int(INT32_MAX));
    sb = val_obj_set(sb, "Length", val_int((int32_t)len));
    return val_obj_set(sb, SB_TEXT, val_str_n(s, n));
}

/* Appends s[0..n) to the builder, in place when its text is not shared. */
static void sb_append(val sb, const char *s, size_t n)
{
    val t = sb_text(sb);
    val_obj_put(sb, SB_TEXT, val_null()); /* t is the only reference now */
    sb_store(sb, val_str_concat(t, val_str_n(s, n)));
}

static void sb_append_value(val sb, val v)
{
    if (val_is_null(v))
        return;
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    sb_append(sb, buf_cstr(&b), b.len);
    buf_release(&b);
}

/* The UTF-16 range [start, start + count) of s as byte offsets; false when it leaves s. */
static bool utf16_range(val s, int64_t start, int64_t count, size_t *from, size_t *to)
{
    const char *p = val_str(s);
    size_t n = val_str_len(s);
    int64_t len = (int64_t)text_utf16_len(p, n);
    if (start < 0 || count < 0 || start > len || count > len - start)
        return false;
    *from = text_utf16_offset(p, n, (size_t)start);
    *to = text_utf16_offset(p, n, (size_t)(start + count));
    return true;
}

/* The text with [from, to) replaced by r[0..rn) (a new string). */
static val splice(val t, size_t from, size_t to, const char *r, size_t rn)
{
    struct buf b = BUF_INIT;
    buf_add(&b, val_str(t), from);
    buf_add(&b, r, rn);
    buf_add(&b, val_str(t) + to, val_str_len(t) - to);
    return val_str_buf(&b);
}

#define OUT_OF_RANGE "Index was out of range. Must be non-negative and less than the size of the collection."

static enum netobj_rc sb_call(val sb, const char *name, const val *args, uint32_t na, val *out, const char **why)
{
    if (is_name(name, "Append") && na >= 1 && na <= 3) {
        if (na == 2) {
            /* Append(char, repeatCount) */
            struct buf c = BUF_INIT;
            conv_str(args[0], &c);
            int64_t times = int_of(args[1], -1);
            if (times < 0) {
                buf_release(&c);
                *why = "Count cannot be less than zero.\r\nParameter name: repeatCount";
                return NETOBJ_ERROR;
            }
            for (int64_t i = 0; i < times; i++)
                sb_append(sb, buf_cstr(&c), c.len);
            buf_release(&c);
        } else if (na == 3) {
            /* Append(string, startIndex, count) */
            val s = conv_to_str(val_copy(args[0]));
            size_t from, to;
            if (!utf16_range(s, int_of(args[1], -1), int_of(args[2], -1), &from, &to)) {
                val_free(s);
                *why = "Index and count must refer to a location within the string.\r\nParameter name: value";
                return NETOBJ_ERROR;
            }
            sb_append(sb, val_str(s) + from, to - from);
            val_free(s);
        } else {
            sb_append_value(sb, args[0]);
        }
    } else if (is_name(name, "AppendLine") && na <= 1) {
        if (na)
            sb_append_value(sb, args[0]);
        sb_append(sb, "\n", 1); /* Environment.NewLine, as [Environment]::NewLine gives it */
    } else if (is_name(name, "Insert") && na == 2) {
        val t = sb_text(sb);
        size_t at, end;
        if (!utf16_range(t, int_of(args[0], -1), 0, &at, &end)) {
            val_free(t);
            *why = OUT_OF_RANGE "\r\nParameter name: index";
            return NETOBJ_ERROR;
        }
        struct buf v = BUF_INIT;
        if (!val_is_null(args[1]))
            conv_str(args[1], &v);
        sb_store(sb, splice(t, at, at, buf_cstr(&v), v.len));
        buf_release(&v);
        val_free(t);
    } else if (is_name(name, "Remove") && na == 2) {
        val t = sb_text(sb);
        int64_t start = int_of(args[0], -1), count = int_of(args[1], -1);
        size_t from, to;
        if (start < 0 || count < 0 || !utf16_range(t, start, count, &from, &to)) {
            val_free(t);
            *why = count < 0   ? "Length cannot be less than zero.\r\nParameter name: length"
                   : start < 0 ? "StartIndex cannot be less than zero.\r\nParameter name: startIndex"
                               : OUT_OF_RANGE "\r\nParameter name: length";
            return NETOBJ_ERROR;
        }
        sb_store(sb, splice(t, from, to, "", 0));
        val_free(t);
    } else if (is_name(name, "Replace") && na == 2) {
        /* every occurrence, ordinal */
        struct buf o = BUF_INIT, r = BUF_INIT, res = BUF_INIT;
        conv_str(args[0], &o);
        if (!o.len) {
            buf_release(&o);
            *why = val_is_null(args[0]) ? "Value cannot be null.\r\nParameter name: oldValue"
                                        : "String cannot be of zero length.\r\nParameter name: oldValue";
            return NETOBJ_ERROR;
        }
        if (!val_is_null(args[1]))
            conv_str(args[1], &r);
        val t = sb_text(sb);
        const char *s = val_str(t), *end = s + val_str_len(t);
        for (const char *hit; (hit = memmem(s, (size_t)(end - s), o.s, o.len)); s = hit + o.len) {
            buf_add(&res, s, (size_t)(hit - s));
            buf_add(&res, buf_cstr(&r), r.len);
        }
        buf_add(&res, s, (size_t)(end - s));
        sb_store(sb, val_str_buf(&res));
        val_free(t);
        buf_release(&o);
        buf_release(&r);
    } else if (is_name(name, "Clear") && na == 0) {
        val_obj_put(sb, "Length", val_int(0));
        val_obj_put(sb, SB_TEXT, val_str_new(""));
    } else if (is_name(name, "ToString") && (na == 0 || na == 2)) {
        val t = sb_text(sb);
        size_t from = 0, to = val_str_len(t);
        if (na == 2 && !utf16_range(t, int_of(args[0], -1), int_of(args[1], -1), &from, &to)) {
            val_free(t);
            *why = OUT_OF_RANGE "\r\nParameter name: length";
            return NETOBJ_ERROR;
        }
        *out = val_str_n(val_str(t) + from, to - from);
        val_free(t);
        return NETOBJ_OK;
    } else {
        return NETOBJ_NONE;
    }
    *out = val_copy(sb);
    return NETOBJ_OK;
}

static enum netobj_rc sb_set(val sb, const char *name, val v, const char **why)
{
    int64_t n = int_of(v, -1);
    val_free(v);
    if (is_name(name, "Capacity")) {
        val l = val_obj_get(sb, "Length");
        int64_t len = int_of(l, 0);
        val_free(l);
        if (n < len) {
            *why = "capacity was less than the current size.\r\nParameter name: value";
            return NETOBJ_ERROR;
        }
        val_obj_put(sb, "Capacity", val_int((int32_t)n));
        return NETOBJ_OK;
    }
    if (!is_name(name, "Length"))
        return NETOBJ_NONE;
    if (n < 0) {
        *why = "Length cannot be less than zero.\r\nParameter name: value";
        return NETOBJ_ERROR;
    }
    /* shorter: cut; longer: '\0' characters added, as .NET does */
    val t = sb_text(sb);
    int64_t len = (int64_t)text_utf16_len(val_str(t), val_str_len(t));
    struct buf b = BUF_INIT;
    buf_add(&b, val_str(t), n < len ? text_utf16_offset(val_str(t), val_str_len(t), (size_t)n) : val_str_len(t));
    for (int64_t i = len; i < n; i++)
        buf_putc(&b, '\0');
    val_free(t);
    sb_store(sb, val_str_buf(&b));
    return NETOBJ_OK;
}

/* }================================================================== */

/*
** {==================================================================
** Stopwatch
** ===================================================================
*/

#define SW_BEGAN "\x01" "Began" /* monotonic ticks when started, -1 when stopped */
#define SW_TOTAL "\x01" "Total" /* ticks run before the last start */
#define SW_FREQUENCY 10000000   /* ticks a second: a timestamp is in TimeSpan ticks */

static int64_t mono_ticks(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * DT_TICKS_PER_SECOND + ts.tv_nsec / 100;
}

static int64_t member_int(val o, const char *name, int64_t dflt)
{
    val v = val_obj_get(o, name);
    int64_t n = int_of(v, dflt);
    val_free(v);
    return n;
}

static void sw_put(val sw, int64_t began, int64_t total)
{
    val_obj_put(sw, SW_BEGAN, val_long(began));
    val_obj_put(sw, SW_TOTAL, val_long(total));
    netobj_refresh(sw);
}

static val sw_new(bool running)
{
    val sw = val_obj_new(NETOBJ_STOPWATCH);
    static const char *const props[] = {"IsRunning", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks"};
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
        sw = val_obj_set(sw, props[i], val_null());
    sw = val_obj_set(sw, "\x01ToString", val_str_new(NETOBJ_STOPWATCH));
    sw.flags |= VF_LIVE;
    sw_put(sw, running ? mono_ticks() : -1, 0);
    return sw;
}

static enum netobj_rc sw_call(val sw, const char *name, uint32_t na, val *out)
{
    if (na)
        return NETOBJ_NONE;
    int64_t began = member_int(sw, SW_BEGAN, -1), total = member_int(sw, SW_TOTAL, 0), now = mono_ticks();
    if (is_name(name, "Start"))
        sw_put(sw, began >= 0 ? began : now, total);
    else if (is_name(name, "Stop"))
        sw_put(sw, -1, began >= 0 ? total + now - began : total);
    else if (is_name(name, "Reset"))
        sw_put(sw, -1, 0);
    else if (is_name(name, "Restart"))
        sw_put(sw, now, 0);
    else
        return NETOBJ_NONE;
    *out = val_nothing(); /* these return void */
    return NETOBJ_OK;
}

void netobj_refresh(val obj)
{
    if (!(obj.flags & VF_LIVE) || !is_a(obj, NETOBJ_STOPWATCH))
        return;
    int64_t began = member_int(obj, SW_BEGAN, -1), total = member_int(obj, SW_TOTAL, 0);
    int64_t ticks = total + (began >= 0 ? mono_ticks() - began : 0);
    val_obj_put(obj, "IsRunning", val_bool(began >= 0));
    val_obj_put(obj, "Elapsed", val_timespan(ticks));
    val_obj_put(obj, "ElapsedMilliseconds", val_long(ticks / DT_TICKS_PER_MS));
    val_obj_put(obj, "ElapsedTicks", val_long(ticks));
}

/* }================================================================== */

enum netobj_rc netobj_new(uint16_t t, const val *args, uint32_t na, val *out, const char **why)
{
    if (t == TY_STOPWATCH) {
        if (na)
            return NETOBJ_NONE;
        *out = sw_new(false);
        return NETOBJ_OK;
    }
    if (t != TY_STRINGBUILDER || na > 2)
        return NETOBJ_NONE;
    bool text = na >= 1 && val_kind(args[0]) == VAL_STRING;
    int64_t capacity = na == 2 ? int_of(args[1], -1) : na == 1 && !text ? int_of(args[0], -1) : 0;
    if (capacity < 0) {
        *why = "Capacity must be positive.\r\nParameter name: capacity";
        return NETOBJ_ERROR;
    }
    *out = text ? sb_new(val_str(args[0]), val_str_len(args[0]), capacity) : sb_new("", 0, capacity);
    return NETOBJ_OK;
}

enum netobj_rc netobj_call(val obj, const char *name, const val *args, uint32_t na, val *out, const char **why)
{
    if (is_a(obj, NETOBJ_STRINGBUILDER))
        return sb_call(obj, name, args, na, out, why);
    if (is_a(obj, NETOBJ_STOPWATCH))
        return sw_call(obj, name, na, out);
    return NETOBJ_NONE;
}

enum netobj_rc netobj_set(val obj, const char *name, val v, const char **why)
{
    if (is_a(obj, NETOBJ_STRINGBUILDER))
        return sb_set(obj, name, v, why);
    if (is_a(obj, NETOBJ_STOPWATCH)) {
        val_free(v);
        return NETOBJ_READONLY; /* every property of a Stopwatch is */
    }
    val_free(v);
    return NETOBJ_NONE;
}

enum netobj_rc netobj_static(uint16_t t, const char *name, const val *args, uint32_t na, bool call, val *out)
{
    (void)args;
    if (t != TY_STOPWATCH)
        return NETOBJ_NONE;
    if (call && na == 0 && is_name(name, "StartNew"))
        *out = sw_new(true);
    else if (call && na == 0 && is_name(name, "GetTimestamp"))
        *out = val_long(mono_ticks());
    else if (!call && is_name(name, "Frequency"))
        *out = val_long(SW_FREQUENCY);
    else if (!call && is_name(name, "IsHighResolution"))
        *out = val_bool(true);
    else
        return NETOBJ_NONE;
    return NETOBJ_OK;
}
