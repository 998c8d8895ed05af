/*
** c_date.c - the time cmdlets of the Utility module: Get-Date, New-TimeSpan,
** Start-Sleep and Get-Random.
**
** They follow Windows PowerShell 5.1's GetDateCommand, NewTimeSpanCommand,
** StartSleepCommand and GetRandomCommand: Get-Date replaces the parts of a
** date one by one with AddYears, AddMonths, AddDays ... (so -Month 2 -Day 31
** lands in March), formats with the en-US culture, and -UFormat builds a
** .NET composite format from the UNIX specifiers exactly as 5.1 does (so a
** literal brace in it is a FormatException there too). Get-Random with
** -SetSeed is the .NET Framework System.Random algorithm behind 5.1's
** byte-based generator, so a seed gives the numbers Windows gives; without
** a seed the bytes come from the system's random source. Start-Sleep does
** not sleep under EMSH_CLOCK=virtual (c_date.h). Parameter indexes are
** those of cmdlets/meta/<Name>.json.
*/
#include "c_date.h"

#include "conv.h"
#include "datetime.h"
#include "netfmt.h"
#include "registry.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#define E_PBV "System.Management.Automation.ParameterBindingValidationException"
#define E_ARG_RANGE "System.ArgumentOutOfRangeException"

/* {=== the clock ===*/

static cmd_sleep_fn *sleep_fn;
static void *sleep_ud;
static int64_t virtual_ticks;

void cmd_set_sleep_hook(cmd_sleep_fn *fn, void *ud)
{
    sleep_fn = fn;
    sleep_ud = ud;
}

void cmd_sleep_hook(int64_t milliseconds)
{
    if (milliseconds < 0)
        milliseconds = 0;
    virtual_ticks += milliseconds * DT_TICKS_PER_MS;
    if (sleep_fn)
        sleep_fn(sleep_ud, milliseconds);
}

int64_t cmd_virtual_offset(void)
{
    return virtual_ticks;
}

/* DateTime.Now, moved on by the virtual time slept. */
static int64_t now_local(void)
{
    int64_t t = dt_now_local() + virtual_ticks;
    return t > DT_MAX_TICKS ? DT_MAX_TICKS : t;
}

static cmd_clock_probe_fn *clock_probe;
static void *clock_probe_ud;

void cmd_set_clock_probe(cmd_clock_probe_fn *fn, void *ud)
{
    clock_probe = fn;
    clock_probe_ud = ud;
}

/* EMSH_CLOCK decides; without it, the store's mode (asked only when it matters, at a sleep). */
static bool clock_is_virtual(void)
{
    const char *v = getenv("EMSH_CLOCK");
    if (v && *v)
        return strcmp(v, "virtual") == 0;
    return clock_probe && clock_probe(clock_probe_ud);
}

/* }=== */

/* {=== shared helpers ===*/

/* A bound Int32 parameter, or dflt when it is not bound. */
static int32_t int_arg(struct cmd_ctx *c, uint16_t i, int32_t dflt)
{
    val v = cmd_arg(c, i);
    int32_t n;
    if (val_is_null(v) || !conv_to_int32(v, &n, NULL))
        return dflt;
    return n;
}

/*
** The binder's message for a [ValidateRange] failure on parameter p, as a
** terminating error (PowerShell reports it before the command runs).
*/
static enum ev range_error(struct cmd_ctx *c, uint16_t p, int64_t v, int64_t lo, int64_t hi)
{
    char msg[512];
    const char *name = c->meta->params[p].name;
    if (v < lo)
        snprintf(msg, sizeof msg,
                 "Cannot validate argument on parameter '%s'. The %lld argument is less than the minimum allowed range of %lld. Supply an argument that is greater than or equal to %lld and then try the command again.",
                 name, (long long)v, (long long)lo, (long long)lo);
    else
        snprintf(msg, sizeof msg,
                 "Cannot validate argument on parameter '%s'. The %lld argument is greater than the maximum allowed range of %lld. Supply an argument that is less than or equal to %lld and then try the command again.",
                 name, (long long)v, (long long)hi, (long long)hi);
    return cmd_throw(c, "ParameterArgumentValidationError", "InvalidData", E_PBV, val_nothing(), msg);
}

/* Checks a bound Int32 parameter against [ValidateRange(lo, hi)]; EV_OK when fine or unbound. */
static enum ev check_range(struct cmd_ctx *c, uint16_t p, int64_t lo, int64_t hi)
{
    if (!cmd_bound(c, p))
        return EV_OK;
    int32_t n = int_arg(c, p, 0);
    return n < lo || n > hi ? range_error(c, p, n, lo, hi) : EV_OK;
}

/* }=== */

/* {=== Get-Date ===*/

enum {
    GD_DATE,
    GD_UNIX_TIME_SECONDS,
    GD_YEAR,
    GD_MONTH,
    GD_DAY,
    GD_HOUR,
    GD_MINUTE,
    GD_SECOND,
    GD_MILLISECOND,
    GD_DISPLAY_HINT,
    GD_FORMAT,
    GD_UFORMAT
};

struct date_arg {
    int64_t ticks;
    enum dt_kind kind;
};

/* The composite-format argument {0}: the date, in the en-US culture. */
static enum nf_err ufmt_arg(void *ctx, size_t index, const char *fmt, size_t fmtlen, struct buf *cell)
{
    const struct date_arg *d = ctx;
    (void)fmtlen;
    if (index != 0)
        return NF_E_INDEX;
    if (!cell)
        return NF_OK;
    return dt_format(cell, d->ticks, d->kind, fmt ? fmt : "G", DT_EN_US) == DT_OK ? NF_OK
                                                                                  : NF_E_FORMAT;
}

/*
** 5.1's UFormatDateString: each %x becomes a composite-format item or text,
** other characters are copied, and the result is formatted with the date
** as {0}. Returns false with msg set when .NET would throw.
*/
static bool uformat(const char *uf, int64_t ticks, enum dt_kind kind, struct buf *out,
                    const char **exc, char *msg, size_t msgsz)
{
    struct buf sb = BUF_INIT;
    struct dt_parts p;
    dt_to_parts(ticks, &p);
    size_t n = strlen(uf), i = uf[0] == '+' ? 1 : 0;
    for (; i < n; i++) {
        if (uf[i] != '%') {
            buf_putc(&sb, uf[i]);
            continue;
        }
        if (++i >= n) {
            buf_release(&sb);
            *exc = "System.IndexOutOfRangeException";
            snprintf(msg, msgsz, "Index was outside the bounds of the array.");
            return false;
        }
        switch (uf[i]) {
        case 'A': buf_puts(&sb, "{0:dddd}"); break;
        case 'a': buf_puts(&sb, "{0:ddd}"); break;
        case 'B': buf_puts(&sb, "{0:MMMM}"); break;
        case 'b':
        case 'h': buf_puts(&sb, "{0:MMM}"); break;
        case 'C': buf_printf(&sb, "%d", p.year / 100); break;
        case 'c': buf_printf(&sb, "{0:ddd} {0:MMM} %2d {0:HH}:{0:mm}:{0:ss} {0:yyyy}", p.day); break;
        case 'D':
        case 'x': buf_puts(&sb, "{0:MM/dd/yy}"); break;
        case 'd': buf_puts(&sb, "{0:dd}"); break;
        case 'e': buf_printf(&sb, "%2d", p.day); break;
        case 'H':
        case 'k': buf_puts(&sb, "{0:HH}"); break;
        case 'I':
        case 'l': buf_puts(&sb, "{0:hh}"); break;
        case 'j': buf_printf(&sb, "%03d", p.day_of_year); break;
        case 'M': buf_puts(&sb, "{0:mm}"); break;
        case 'm': buf_puts(&sb, "{0:MM}"); break;
        case 'n': buf_putc(&sb, '\n'); break;
        case 'p': buf_puts(&sb, "{0:tt}"); break;
        case 'R': buf_puts(&sb, "{0:HH:mm}"); break;
        case 'r': buf_puts(&sb, "{0:hh:mm:ss tt}"); break;
        case 'S': buf_puts(&sb, "{0:ss}"); break;
        case 's': {
            /* DateTime.Subtract(epoch).TotalSeconds of the date as it is (not UTC) */
            double secs = (double)(ticks - DT_UNIX_EPOCH_TICKS) / (double)DT_TICKS_PER_SECOND;
            nf_format_double(&sb, secs, NULL);
            break;
        }
        case 'T':
        case 'X': buf_puts(&sb, "{0:HH:mm:ss}"); break;
        case 't': buf_putc(&sb, '\t'); break;
        case 'u':
        case 'w': buf_printf(&sb, "%d", p.day_of_week); break;
        case 'U':
        case 'W': buf_printf(&sb, "%d", p.day_of_year / 7); break;
        case 'V': buf_printf(&sb, "%d", p.day_of_year / 7 + 1); break;
        case 'G':
        case 'Y': buf_puts(&sb, "{0:yyyy}"); break;
        case 'g':
        case 'y': buf_puts(&sb, "{0:yy}"); break;
        case 'Z': buf_puts(&sb, "{0:zz}"); break;
        default:
            /* an unknown specifier stands for itself (a whole UTF-8 character) */
            buf_putc(&sb, uf[i]);
            while (i + 1 < n && ((unsigned char)uf[i + 1] & 0xC0) == 0x80)
                buf_putc(&sb, uf[++i]);
            break;
        }
    }
    struct date_arg d = {ticks, kind};
    enum nf_err e = nf_composite(out, buf_cstr(&sb), sb.len, ufmt_arg, &d);
    buf_release(&sb);
    if (e != NF_OK) {
        *exc = "System.FormatException";
        snprintf(msg, msgsz, "%s", nf_err_str(e));
        return false;
    }
    return true;
}

/* A failed DateTime operation of .NET, as the unhandled exception 5.1 reports. */
static enum ev date_failure(struct cmd_ctx *c, enum dt_err e, const char *param_name)
{
    char msg[512];
    const char *exc = e == DT_E_FORMAT || e == DT_E_QUOTE1 || e == DT_E_QUOTE2 ? "System.FormatException"
                                                                               : E_ARG_RANGE;
    if (param_name)
        snprintf(msg, sizeof msg, "%s\nParameter name: %s", dt_err_str(e), param_name);
    else
        snprintf(msg, sizeof msg, "%s", dt_err_str(e));
    return cmd_throw(c, exc, "NotSpecified", exc, val_nothing(), msg);
}

static enum ev get_date_process(struct cmd_ctx *c, val input)
{
    (void)input;
    static const struct {
        uint16_t p;
        int lo, hi;
    } ranges[] = {{GD_YEAR, 1, 9999},  {GD_MONTH, 1, 12},  {GD_DAY, 1, 31},         {GD_HOUR, 0, 23},
                  {GD_MINUTE, 0, 59}, {GD_SECOND, 0, 59}, {GD_MILLISECOND, 0, 999}};
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(ranges); i++) {
        enum ev rc = check_range(c, ranges[i].p, ranges[i].lo, ranges[i].hi);
        if (rc)
            return rc;
    }
    int64_t t = now_local();
    enum dt_kind kind = DT_LOCAL;
    val date = cmd_arg(c, GD_DATE);
    if (cmd_bound(c, GD_DATE) && val_kind(date) == VAL_DATETIME) {
        t = date.u.i;
        kind = conv_dt_kind(date);
    } else if (cmd_bound(c, GD_UNIX_TIME_SECONDS)) {
        val u = cmd_arg(c, GD_UNIX_TIME_SECONDS);
        int64_t secs = 0;
        conv_to_int64(u, &secs, NULL);
        if (secs < INT64_C(-62135596800) || secs > INT64_C(253402300799))
            return cmd_throw(c, E_ARG_RANGE, "NotSpecified", E_ARG_RANGE, val_nothing(),
                             "Valid values are between -62135596800 and 253402300799, inclusive.\nParameter name: seconds");
        /* DateTimeOffset.FromUnixTimeSeconds(s).LocalDateTime */
        t = dt_utc_to_local(DT_UNIX_EPOCH_TICKS + secs * DT_TICKS_PER_SECOND);
        kind = DT_LOCAL;
    }

    struct dt_parts p;
    enum dt_err e;
    if (cmd_bound(c, GD_YEAR)) {
        dt_to_parts(t, &p);
        if ((e = dt_add_years(t, int_arg(c, GD_YEAR, 0) - p.year, &t)) != DT_OK)
            return date_failure(c, e, "years");
    }
    if (cmd_bound(c, GD_MONTH)) {
        dt_to_parts(t, &p);
        if ((e = dt_add_months(t, int_arg(c, GD_MONTH, 0) - p.month, &t)) != DT_OK)
            return date_failure(c, e, "months");
    }
    static const struct {
        uint16_t p;
        int64_t unit;
    } adds[] = {{GD_DAY, DT_TICKS_PER_DAY},
                {GD_HOUR, DT_TICKS_PER_HOUR},
                {GD_MINUTE, DT_TICKS_PER_MINUTE},
                {GD_SECOND, DT_TICKS_PER_SECOND},
                {GD_MILLISECOND, DT_TICKS_PER_MS}};
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(adds); i++) {
        if (!cmd_bound(c, adds[i].p))
            continue;
        dt_to_parts(t, &p);
        int cur = adds[i].p == GD_DAY      ? p.day
                  : adds[i].p == GD_HOUR   ? p.hour
                  : adds[i].p == GD_MINUTE ? p.minute
                  : adds[i].p == GD_SECOND ? p.second
                                           : p.millisecond;
        int64_t nt = t + (int64_t)(int_arg(c, adds[i].p, 0) - cur) * adds[i].unit;
        if (nt < 0 || nt > DT_MAX_TICKS)
            return date_failure(c, DT_E_ADD, "value");
        t = nt;
        if (adds[i].p == GD_MILLISECOND)
            t -= t % DT_TICKS_PER_MS;
    }

    val uf = cmd_arg(c, GD_UFORMAT);
    if (val_kind(uf) == VAL_STRING) {
        if (!val_str_len(uf))
            return cmd_throw(c, "ParameterArgumentValidationError", "InvalidData", E_PBV, val_nothing(),
                             "Cannot validate argument on parameter 'UFormat'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.");
        struct buf out = BUF_INIT;
        const char *exc = NULL;
        char msg[256];
        if (!uformat(val_str(uf), t, kind, &out, &exc, msg, sizeof msg)) {
            buf_release(&out);
            return cmd_throw(c, exc, "NotSpecified", exc, val_nothing(), msg);
        }
        return cmd_write(c, val_str_buf(&out));
    }
    val fmt = cmd_arg(c, GD_FORMAT);
    if (val_kind(fmt) == VAL_STRING) {
        const char *f = val_str(fmt);
        if (!strcasecmp(f, "FileDate"))
            f = "yyyyMMdd";
        else if (!strcasecmp(f, "FileDateUniversal")) {
            t = dt_to_utc(t, kind);
            kind = DT_UTC;
            f = "yyyyMMddZ";
        } else if (!strcasecmp(f, "FileDateTime"))
            f = "yyyyMMddTHHmmssffff";
        else if (!strcasecmp(f, "FileDateTimeUniversal")) {
            t = dt_to_utc(t, kind);
            kind = DT_UTC;
            f = "yyyyMMddTHHmmssffffZ";
        }
        struct buf out = BUF_INIT;
        if ((e = dt_format(&out, t, kind, f, DT_EN_US)) != DT_OK) {
            buf_release(&out);
            return date_failure(c, e, NULL);
        }
        return cmd_write(c, val_str_buf(&out));
    }
    /* DisplayHint only tells the formatter which parts to show; a DateTime value has no room for it */
    return cmd_write(c, val_datetime(t, conv_dt_flags(kind)));
}

CMDLET_DEFINE(cmd_get_date, .process = get_date_process);

/* }=== */

/* {=== New-TimeSpan ===*/

enum { NT_START, NT_END, NT_DAYS, NT_HOURS, NT_MINUTES, NT_SECONDS, NT_MILLISECONDS };

static enum ev new_timespan_process(struct cmd_ctx *c, val input)
{
    (void)input;
    int64_t ticks;
    if (strcmp(c->meta->sets[cmd_set(c)], "Time") == 0) {
        enum dt_err e = ts_from_parts(int_arg(c, NT_DAYS, 0), int_arg(c, NT_HOURS, 0),
                                      int_arg(c, NT_MINUTES, 0), int_arg(c, NT_SECONDS, 0),
                                      int_arg(c, NT_MILLISECONDS, 0), &ticks);
        if (e != DT_OK)
            return cmd_throw(c, E_ARG_RANGE, "NotSpecified", E_ARG_RANGE, val_nothing(), dt_err_str(e));
        return cmd_write(c, val_timespan(ticks));
    }
    int64_t now = now_local(), start = now, end = now;
    val s = cmd_arg(c, NT_START), en = cmd_arg(c, NT_END);
    if (val_kind(s) == VAL_DATETIME)
        start = s.u.i;
    if (val_kind(en) == VAL_DATETIME)
        end = en.u.i;
    /* DateTime.Subtract ignores the kinds, as .NET does */
    return cmd_write(c, val_timespan(end - start));
}

CMDLET_DEFINE(cmd_new_timespan, .process = new_timespan_process);

/* }=== */

/* {=== Start-Sleep ===*/

enum { SS_SECONDS, SS_MILLISECONDS };

static enum ev start_sleep_process(struct cmd_ctx *c, val input)
{
    (void)input;
    int64_t ms;
    if (cmd_bound(c, SS_MILLISECONDS) || val_kind(cmd_arg(c, SS_MILLISECONDS)) != VAL_NOTHING) {
        enum ev rc = check_range(c, SS_MILLISECONDS, 0, INT32_MAX);
        if (rc)
            return rc;
        ms = int_arg(c, SS_MILLISECONDS, 0);
    } else {
        enum ev rc = check_range(c, SS_SECONDS, 0, INT32_MAX / 1000);
        if (rc)
            return rc;
        ms = (int64_t)int_arg(c, SS_SECONDS, 0) * 1000;
    }
    if (clock_is_virtual()) {
        cmd_sleep_hook(ms);
        return EV_OK;
    }
    struct timespec req = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L}, rem;
    /* an interrupting signal (Ctrl-C) ends the sleep */
    while (nanosleep(&req, &rem) != 0 && errno == EINTR)
        break;
    return EV_OK;
}

CMDLET_DEFINE(cmd_start_sleep, .process = start_sleep_process);

/* }=== */

/* {=== Get-Random ===*/

enum { GR_INPUT_OBJECT, GR_MAXIMUM, GR_MINIMUM, GR_COUNT, GR_SET_SEED };

/*
** The .NET Framework System.Random (a subtractive generator of Knuth's),
** the pseudo-random source of a seeded Get-Random.
*/
struct net_random {
    int32_t seed[56];
    int inext, inextp;
};

static void net_random_init(struct net_random *r, int32_t seed)
{
    int32_t subtraction = seed == INT32_MIN ? INT32_MAX : (seed < 0 ? -seed : seed);
    int32_t mj = 161803398 - subtraction, mk = 1;
    memset(r, 0, sizeof *r);
    r->seed[55] = mj;
    for (int i = 1; i < 55; i++) {
        int ii = (21 * i) % 55;
        r->seed[ii] = mk;
        mk = mj - mk;
        if (mk < 0)
            mk += INT32_MAX;
        mj = r->seed[ii];
    }
    for (int k = 1; k < 5; k++)
        for (int i = 1; i < 56; i++) {
            r->seed[i] -= r->seed[1 + (i + 30) % 55];
            if (r->seed[i] < 0)
                r->seed[i] += INT32_MAX;
        }
    r->inext = 0;
    r->inextp = 21;
}

static int32_t net_random_sample(struct net_random *r)
{
    int a = r->inext, b = r->inextp;
    if (++a >= 56)
        a = 1;
    if (++b >= 56)
        b = 1;
    int32_t v = r->seed[a] - r->seed[b];
    if (v == INT32_MAX)
        v--;
    if (v < 0)
        v += INT32_MAX;
    r->seed[a] = v;
    r->inext = a;
    r->inextp = b;
    return v;
}

/*
** PowerShell's PolymorphicRandomNumberGenerator: every number is built from
** random bytes, taken from System.Random when seeded and from the system's
** source otherwise. One generator per session, as per runspace.
*/
static struct {
    bool seeded;
    struct net_random r;
} gen;

static void next_bytes(uint8_t *b, size_t n)
{
    if (gen.seeded) {
        for (size_t i = 0; i < n; i++)
            b[i] = (uint8_t)(net_random_sample(&gen.r) % 256);
        return;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t k = getrandom(b + got, n - got, 0);
        if (k <= 0) {
            /* no system randomness: fall back on a time-seeded generator */
            net_random_init(&gen.r, (int32_t)(dt_now() & 0x7fffffff));
            gen.seeded = true;
            next_bytes(b + got, n - got);
            return;
        }
        got += (size_t)k;
    }
}

static int32_t internal_sample(void)
{
    uint8_t b[4];
    next_bytes(b, 4);
    return (int32_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
}

static int32_t rnd_next(void)
{
    int32_t v;
    do
        v = internal_sample();
    while (v == INT32_MAX);
    if (v < 0)
        v = (int32_t)((uint32_t)v + (uint32_t)INT32_MAX); /* int.MinValue + int.MaxValue is -1, as in .NET */
    return v;
}

static double rnd_double(void)
{
    return rnd_next() * (1.0 / INT32_MAX);
}

static int32_t rnd_range(int32_t lo, int32_t hi)
{
    int64_t range = (int64_t)hi - lo;
    if (range <= INT32_MAX)
        return (int32_t)(rnd_double() * (double)range) + lo;
    double s;
    do
        s = internal_sample();
    while (s == INT32_MAX);
    s += INT32_MAX;
    double large = s * (1.0 / (2.0 * (double)(uint32_t)INT32_MAX));
    return (int32_t)((int64_t)(large * (double)range) + lo);
}

static int64_t rnd_range64(int64_t lo, int64_t hi)
{
    /* the difference fits in a UInt64 */
    uint64_t diff = (uint64_t)hi - (uint64_t)lo;
    if (diff <= (uint64_t)INT32_MAX)
        return lo + rnd_range(0, (int32_t)diff);
    int bits = 0;
    for (uint64_t d = diff; d; d >>= 1)
        bits++;
    uint64_t mask = UINT64_MAX >> (64 - bits), v;
    do {
        uint8_t b[8];
        next_bytes(b, 8);
        v = 0;
        for (int i = 7; i >= 0; i--)
            v = v << 8 | b[i];
        v &= mask;
    } while (diff <= v);
    return (int64_t)((double)lo + (double)v);
}

static double rnd_range_double(double lo, double hi)
{
    double diff = hi - lo, r, x;
    if (isinf(diff)) {
        do {
            r = rnd_double();
            x = lo + r * hi - r * lo;
        } while (x >= hi);
    } else {
        do {
            r = rnd_double();
            x = lo + r * diff;
            diff *= r;
        } while (x >= hi);
    }
    return x;
}

enum random_mode { RM_UNDECIDED, RM_LIST, RM_DONE };

struct random_state {
    enum random_mode mode;
    val chosen; /* the items kept so far (an array) */
    int32_t count, seen;
};

/* A bound given as a string is scanned as a number literal: int, long or double (or none). */
static val operand(val v)
{
    if (val_kind(v) == VAL_STRING) {
        val n;
        if (conv_parse_number(val_str(v), val_str_len(v), &n))
            return n;
        return val_null();
    }
    return val_copy(v);
}

static void append_number(struct buf *b, val v)
{
    if (val_kind(v) == VAL_DOUBLE)
        nf_format_double(b, v.u.d, "R");
    else
        conv_str(v, b);
}

static enum ev min_ge_max(struct cmd_ctx *c, val lo, val hi)
{
    struct buf m = BUF_INIT;
    buf_puts(&m, "The Minimum value (");
    append_number(&m, lo);
    buf_puts(&m, ") cannot be greater than or equal to the Maximum value (");
    append_number(&m, hi);
    buf_puts(&m, ").");
    enum ev rc = cmd_throw(c, "MinGreaterThanOrEqualMax", "InvalidArgument", "System.ArgumentException",
                           val_nothing(), buf_cstr(&m));
    buf_release(&m);
    return rc;
}

static enum ev random_numbers(struct cmd_ctx *c)
{
    val max = operand(cmd_arg(c, GR_MAXIMUM)), min = operand(cmd_arg(c, GR_MINIMUM));
    enum ev rc = EV_OK;
    bool int_max = val_is_null(max) || val_kind(max) == VAL_INT;
    bool int_min = val_is_null(min) || val_kind(min) == VAL_INT;
    bool long_max = int_max || val_kind(max) == VAL_LONG, long_min = int_min || val_kind(min) == VAL_LONG;
    if (int_max && int_min) {
        int32_t lo = val_is_null(min) ? 0 : (int32_t)min.u.i, hi = val_is_null(max) ? INT32_MAX : (int32_t)max.u.i;
        if (lo >= hi)
            rc = min_ge_max(c, val_int(lo), val_int(hi));
        else
            rc = cmd_write(c, val_int(rnd_range(lo, hi)));
    } else if (long_max && long_min) {
        int64_t lo = val_is_null(min) ? 0 : min.u.i, hi = val_is_null(max) ? INT64_MAX : max.u.i;
        if (lo >= hi)
            rc = min_ge_max(c, val_long(lo), val_long(hi));
        else
            rc = cmd_write(c, val_long(rnd_range64(lo, hi)));
    } else {
        double lo = 0.0, hi = 1.7976931348623157e308;
        struct conv_error ce;
        if (val_kind(min) == VAL_DOUBLE)
            lo = min.u.d;
        else if (!val_is_null(cmd_arg(c, GR_MINIMUM)) && !conv_to_double(cmd_arg(c, GR_MINIMUM), &lo, &ce))
            rc = cmd_throw(c, ce.id ? ce.id : "InvalidCastException", "InvalidArgument",
                           ce.exception ? ce.exception : "System.Management.Automation.PSInvalidCastException",
                           val_nothing(), ce.msg);
        if (!rc) {
            if (val_kind(max) == VAL_DOUBLE)
                hi = max.u.d;
            else if (!val_is_null(cmd_arg(c, GR_MAXIMUM)) && !conv_to_double(cmd_arg(c, GR_MAXIMUM), &hi, &ce))
                rc = cmd_throw(c, ce.id ? ce.id : "InvalidCastException", "InvalidArgument",
                               ce.exception ? ce.exception : "System.Management.Automation.PSInvalidCastException",
                               val_nothing(), ce.msg);
        }
        if (!rc) {
            if (lo >= hi)
                rc = min_ge_max(c, val_double(lo), val_double(hi));
            else
                rc = cmd_write(c, val_double(rnd_range_double(lo, hi)));
        }
    }
    val_free(max);
    val_free(min);
    return rc;
}

static enum ev get_random_begin(struct cmd_ctx *c)
{
    struct random_state *st = cmd_state(c);
    if (cmd_bound(c, GR_SET_SEED)) {
        net_random_init(&gen.r, int_arg(c, GR_SET_SEED, 0));
        gen.seeded = true;
    }
    st->chosen = val_arr_new();
    st->count = 1;
    if (strcmp(c->meta->sets[cmd_set(c)], "RandomListItemParameterSet") == 0 ||
        val_kind(cmd_arg(c, GR_MAXIMUM)) == VAL_ARRAY) {
        st->mode = RM_LIST;
        if (cmd_bound(c, GR_COUNT)) {
            st->count = int_arg(c, GR_COUNT, 1);
            if (st->count < 1)
                return range_error(c, GR_COUNT, st->count, 1, INT32_MAX);
        }
        return EV_OK;
    }
    if (cmd_bound(c, GR_MAXIMUM) || cmd_bound(c, GR_MINIMUM)) {
        /* a number, once, whatever comes down the pipeline */
        st->mode = RM_DONE;
        return random_numbers(c);
    }
    return EV_OK; /* a number, or, if objects are piped in, one of them */
}

/* Reservoir sampling: each of N items ends up chosen with probability Count/N. */
static void consider(struct random_state *st, val item)
{
    if (st->seen < st->count) {
        st->chosen = val_arr_push(st->chosen, val_copy(item));
    } else if (rnd_range(0, st->seen + 1) < st->count) {
        int32_t k = rnd_range(0, (int32_t)val_arr_len(st->chosen));
        st->chosen = val_arr_set(st->chosen, (uint32_t)k, val_copy(item));
    }
    st->seen++;
}

static enum ev get_random_process(struct cmd_ctx *c, val input)
{
    struct random_state *st = cmd_state(c);
    if (st->mode == RM_DONE)
        return EV_OK;
    if (st->mode == RM_UNDECIDED) {
        if (val_kind(input) == VAL_NOTHING) {
            st->mode = RM_DONE;
            return random_numbers(c);
        }
        st->mode = RM_LIST;
    }
    val items = cmd_arg(c, GR_INPUT_OBJECT);
    if (val_kind(items) == VAL_NOTHING) {
        val max = cmd_arg(c, GR_MAXIMUM);
        items = val_kind(max) == VAL_ARRAY ? max : input;
    }
    if (val_kind(items) == VAL_ARRAY) {
        for (uint32_t i = 0; i < val_arr_len(items); i++)
            consider(st, val_arr_items(items)[i]);
    } else {
        consider(st, val_is_null(items) ? val_null() : items);
    }
    return EV_OK;
}

static enum ev get_random_end(struct cmd_ctx *c)
{
    struct random_state *st = cmd_state(c);
    if (st->mode != RM_LIST)
        return EV_OK;
    /* a random order: all permutations equally likely */
    uint32_t n = val_arr_len(st->chosen);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t j = (uint32_t)rnd_range((int32_t)i, (int32_t)n);
        enum ev rc = cmd_write(c, val_arr_get(st->chosen, j));
        if (rc)
            return rc;
        if (i != j)
            st->chosen = val_arr_set(st->chosen, j, val_arr_get(st->chosen, i));
    }
    return EV_OK;
}

static void get_random_release(void *state)
{
    struct random_state *st = state;
    val_free(st->chosen);
}

CMDLET_DEFINE(cmd_get_random, .begin = get_random_begin, .process = get_random_process,
              .end = get_random_end, .state_size = sizeof(struct random_state),
              .release = get_random_release);

/* }=== */
