/*
** datetime.c - DateTime and TimeSpan arithmetic, formatting and parsing
** (see datetime.h).
**
** The calendar is the proleptic Gregorian one of System.DateTime. Formatting
** walks the format string as DateTimeFormat.FormatCustomized does; parsing
** splits the input into numbers and words and then assigns them to fields
** by DateTime.Parse's rules for the invariant culture (month before day,
** a number of three or more digits is a year, two-digit years pivot at
** 2029). Time zone conversion uses localtime_r() only, sampling the offset
** on both sides of a local time to find daylight-saving gaps and overlaps.
*/
#include "datetime.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* {=== messages === */

static const char *const err_msg[] = {
    [DT_OK] = "The operation completed successfully.",
    [DT_E_FORMAT] = "Input string was not in a correct format.",
    [DT_E_QUOTE1] = "Cannot find a matching quote character for the character '''.",
    [DT_E_QUOTE2] = "Cannot find a matching quote character for the character '\"'.",
    [DT_E_DATE] = "Year, Month, and Day parameters describe an un-representable DateTime.",
    [DT_E_TIME] = "Hour, Minute, and Second parameters describe an un-representable DateTime.",
    [DT_E_MS] = "Valid values are between 0 and 999, inclusive.",
    [DT_E_ADD] = "The added or subtracted value results in an un-representable DateTime.",
    [DT_E_MONTHS] = "Months value must be between +/-120000.",
    [DT_E_YEARS] = "Years value must be between +/-10000.",
    [DT_E_PARSE] = "String was not recognized as a valid DateTime.",
    [DT_E_DAY_OF_WEEK] = ("String was not recognized as a valid DateTime because the day of "
                          "week was incorrect."),
    [DT_E_TS_PARSE] = "String was not recognized as a valid TimeSpan.",
    [DT_E_TS_RANGE] = ("The TimeSpan could not be parsed because at least one of the numeric "
                       "components is out of range or contains too many digits."),
    [DT_E_TS_OVERFLOW] = "TimeSpan overflowed because the duration is too long.",
};
_Static_assert(EMSH_ARRAY_SIZE(err_msg) == DT_ERR__LAST, "a dt_err lacks its message");

const char *dt_err_str(enum dt_err e)
{
    if (EMSH_NEVER((unsigned)e >= DT_ERR__LAST))
        return "Unknown error.";
    return err_msg[e];
}
/* }=== */

/* {=== calendar === */

static const int to_month365[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
static const int to_month366[13] = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};

static const char *const mon_full[12] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
static const char *const mon_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const day_full[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
static const char *const day_abbr[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

bool dt_is_leap_year(int year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int dt_days_in_month(int year, int month)
{
    if (month < 1 || month > 12)
        return 0;
    const int *t = dt_is_leap_year(year) ? to_month366 : to_month365;
    return t[month] - t[month - 1];
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Days from 0001-01-01 to y-m-d (negative before it: localtime_r can
** give year 0); month and day must be valid. */
static int64_t days_of(int y, int m, int d)
{
    const int *t = dt_is_leap_year(y) ? to_month366 : to_month365;
    int64_t y1 = y - 1;
    return y1 * 365 + floor_div(y1, 4) - floor_div(y1, 100) + floor_div(y1, 400) + t[m - 1] +
           d - 1;
}

static bool date_ok(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= dt_days_in_month(y, m);
}

enum dt_err dt_from_parts(const struct dt_parts *p, int64_t *ticks)
{
    if (!date_ok(p->year, p->month, p->day))
        return DT_E_DATE;
    if (p->hour < 0 || p->hour > 23 || p->minute < 0 || p->minute > 59 || p->second < 0 ||
        p->second > 59)
        return DT_E_TIME;
    if (p->millisecond < 0 || p->millisecond > 999)
        return DT_E_MS;
    if (p->sub_ms < 0 || p->sub_ms >= DT_TICKS_PER_MS)
        return DT_E_MS;
    *ticks = days_of(p->year, p->month, p->day) * DT_TICKS_PER_DAY + p->hour * DT_TICKS_PER_HOUR +
             p->minute * DT_TICKS_PER_MINUTE + p->second * DT_TICKS_PER_SECOND +
             p->millisecond * DT_TICKS_PER_MS + p->sub_ms;
    return DT_OK;
}

static int64_t clamp_ticks(int64_t t)
{
    return t < 0 ? 0 : t > DT_MAX_TICKS ? DT_MAX_TICKS : t;
}

void dt_to_parts(int64_t ticks, struct dt_parts *p)
{
    ticks = clamp_ticks(ticks);
    int64_t n = ticks / DT_TICKS_PER_DAY;
    p->day_of_week = (int)((n + 1) % 7);
    int64_t y400 = n / 146097;
    n -= y400 * 146097;
    int64_t y100 = n / 36524;
    if (y100 == 4)
        y100 = 3;
    n -= y100 * 36524;
    int64_t y4 = n / 1461;
    n -= y4 * 1461;
    int64_t y1 = n / 365;
    if (y1 == 4)
        y1 = 3;
    n -= y1 * 365;
    p->year = (int)(y400 * 400 + y100 * 100 + y4 * 4 + y1 + 1);
    p->day_of_year = (int)n + 1;
    const int *t = dt_is_leap_year(p->year) ? to_month366 : to_month365;
    int m = 1;
    while (n >= t[m])
        m++;
    p->month = m;
    p->day = (int)(n - t[m - 1]) + 1;
    int64_t tod = ticks % DT_TICKS_PER_DAY;
    p->hour = (int)(tod / DT_TICKS_PER_HOUR);
    p->minute = (int)(tod / DT_TICKS_PER_MINUTE % 60);
    p->second = (int)(tod / DT_TICKS_PER_SECOND % 60);
    p->millisecond = (int)(tod / DT_TICKS_PER_MS % 1000);
    p->sub_ms = (int)(tod % DT_TICKS_PER_MS);
}

enum dt_err dt_add_months(int64_t ticks, int months, int64_t *out)
{
    if (months < -120000 || months > 120000)
        return DT_E_MONTHS;
    struct dt_parts p;
    dt_to_parts(ticks, &p);
    int i = p.month - 1 + months;
    int y = p.year + (i >= 0 ? i / 12 : (i - 11) / 12);
    int m = i - (y - p.year) * 12 + 1;
    if (y < 1 || y > 9999)
        return DT_E_ADD;
    int dim = dt_days_in_month(y, m);
    int d = p.day > dim ? dim : p.day;
    *out = days_of(y, m, d) * DT_TICKS_PER_DAY + clamp_ticks(ticks) % DT_TICKS_PER_DAY;
    return DT_OK;
}

enum dt_err dt_add_years(int64_t ticks, int years, int64_t *out)
{
    if (years < -10000 || years > 10000)
        return DT_E_YEARS;
    return dt_add_months(ticks, years * 12, out);
}
/* }=== */

/* {=== clock and time zone === */

int64_t dt_now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return DT_UNIX_EPOCH_TICKS;
    return DT_UNIX_EPOCH_TICKS + (int64_t)ts.tv_sec * DT_TICKS_PER_SECOND + ts.tv_nsec / 100;
}

int64_t dt_now_local(void)
{
    return dt_utc_to_local(dt_now());
}

/* The UTC offset in seconds at UTC second `t` (from the Unix epoch); *dst
** gets whether daylight saving time is in effect. */
static int64_t offset_at(int64_t t, int *dst)
{
    time_t tt = (time_t)t;
    struct tm tm;
    *dst = 0;
    if (!localtime_r(&tt, &tm))
        return 0;
    *dst = tm.tm_isdst > 0;
    int64_t day = days_of(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) - days_of(1970, 1, 1);
    int64_t local = day * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    return local - t;
}

int64_t dt_utc_to_local(int64_t utc)
{
    tzset();
    utc = clamp_ticks(utc);
    int64_t sec = floor_div(utc - DT_UNIX_EPOCH_TICKS, DT_TICKS_PER_SECOND);
    int dst;
    return clamp_ticks(utc + offset_at(sec, &dst) * DT_TICKS_PER_SECOND);
}

/* The offset (seconds) that applies to local second L, as .NET picks it:
** the only valid one, the standard one in an overlap or a gap. */
static int64_t local_offset_sec(int64_t L)
{
    int dst_a, dst_b, dst_c;
    int64_t oa = offset_at(L - 86400, &dst_a); /* before any nearby transition */
    int64_t ob = offset_at(L + 86400, &dst_b); /* after it */
    if (oa == ob)
        return offset_at(L - oa, &dst_c);
    bool va = offset_at(L - oa, &dst_c) == oa;
    bool vb = offset_at(L - ob, &dst_c) == ob;
    if (va && !vb)
        return oa;
    if (vb && !va)
        return ob;
    return dst_a ? ob : oa; /* ambiguous or invalid: the standard offset */
}

int64_t dt_local_offset(int64_t local)
{
    tzset();
    local = clamp_ticks(local);
    int64_t sec = floor_div(local - DT_UNIX_EPOCH_TICKS, DT_TICKS_PER_SECOND);
    return local_offset_sec(sec) * DT_TICKS_PER_SECOND;
}

int64_t dt_local_to_utc(int64_t local)
{
    return clamp_ticks(clamp_ticks(local) - dt_local_offset(local));
}

int64_t dt_to_utc(int64_t ticks, enum dt_kind kind)
{
    return kind == DT_UTC ? ticks : dt_local_to_utc(ticks);
}

int64_t dt_to_local(int64_t ticks, enum dt_kind kind)
{
    return kind == DT_LOCAL ? ticks : dt_utc_to_local(ticks);
}
/* }=== */

/* {=== formatting helpers shared by DateTime and TimeSpan === */

/* Appends v (>= 0) with at least `width` digits. */
static void put_num(struct buf *o, int64_t v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    for (int i = n; i < width; i++)
        buf_putc(o, '0');
    while (n > 0)
        buf_putc(o, tmp[--n]);
}

/* How many times f[i] repeats from i on. */
static size_t run(const char *f, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && f[k] == f[i])
        k++;
    return k - i;
}

/* Appends the quoted string at f[i] (f[i] is the quote) and returns its
** length with the quotes; 0 for an unterminated quote (*e says why). */
static size_t quoted(struct buf *o, const char *f, size_t n, size_t i, enum dt_err *e)
{
    char q = f[i];
    size_t k = i + 1;
    while (k < n) {
        char c = f[k++];
        if (c == q)
            return k - i;
        if (c == '\\') {
            if (k >= n) {
                *e = DT_E_FORMAT;
                return 0;
            }
            buf_putc(o, f[k++]);
        } else {
            buf_putc(o, c);
        }
    }
    *e = q == '\'' ? DT_E_QUOTE1 : DT_E_QUOTE2;
    return 0;
}

/* The fraction of `frac` (0 .. 9999999 ticks) in `len` digits: "f" style
** keeps them all, "F" style drops trailing zeros (and returns 0 digits for
** a zero fraction). Returns how many digits it appended. */
static int put_fraction(struct buf *o, int64_t frac, int len, bool trim)
{
    int64_t v = frac;
    for (int i = len; i < 7; i++)
        v /= 10;
    int digits = len;
    if (trim) {
        while (digits > 0 && v % 10 == 0) {
            v /= 10;
            digits--;
        }
        if (digits == 0)
            return 0;
    }
    put_num(o, v, digits);
    return digits;
}
/* }=== */

/* {=== DateTime formatting === */

struct culture {
    const char *short_date, *long_date, *short_time, *long_time, *full, *month_day, *year_month;
};

static const struct culture cultures[] = {
    [DT_EN_US] = {"M/d/yyyy", "dddd, MMMM d, yyyy", "h:mm tt", "h:mm:ss tt",
                  "dddd, MMMM d, yyyy h:mm:ss tt", "MMMM d", "MMMM yyyy"},
    [DT_INVARIANT] = {"MM/dd/yyyy", "dddd, dd MMMM yyyy", "HH:mm", "HH:mm:ss",
                      "dddd, dd MMMM yyyy HH:mm:ss", "MMMM dd", "yyyy MMMM"},
};

static const char pat_o[] = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
static const char pat_r[] = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
static const char pat_s[] = "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
static const char pat_u[] = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";

/* Writes the custom pattern of standard format c into out (cap bytes).
** Returns false for a letter that is no standard format. */
static bool expand(char c, enum dt_culture cu, char *out, size_t cap)
{
    const struct culture *k = &cultures[cu];
    const char *a = NULL, *b = NULL;
    switch (c) {
    case 'd': a = k->short_date; break;
    case 'D': a = k->long_date; break;
    case 'f': a = k->long_date; b = k->short_time; break;
    case 'F': a = k->full; break;
    case 'g': a = k->short_date; b = k->short_time; break;
    case 'G': a = k->short_date; b = k->long_time; break;
    case 'm': case 'M': a = k->month_day; break;
    case 'o': case 'O': a = pat_o; break;
    case 'r': case 'R': a = pat_r; break;
    case 's': a = pat_s; break;
    case 't': a = k->short_time; break;
    case 'T': a = k->long_time; break;
    case 'u': a = pat_u; break;
    case 'U': a = k->full; break;
    case 'y': case 'Y': a = k->year_month; break;
    default: return false;
    }
    size_t la = strlen(a), lb = b ? strlen(b) : 0;
    if (EMSH_NEVER(la + lb + 2 > cap))
        return false;
    memcpy(out, a, la);
    if (b) {
        out[la] = ' ';
        memcpy(out + la + 1, b, lb);
        la += lb + 1;
    }
    out[la] = '\0';
    return true;
}

/* Appends +hh:mm style offset text: z (len 1) "+5", zz "+05", zzz "+05:00". */
static void put_offset(struct buf *o, int64_t off, size_t len)
{
    buf_putc(o, off >= 0 ? '+' : '-');
    if (off < 0)
        off = -off;
    int64_t h = off / DT_TICKS_PER_HOUR, m = off / DT_TICKS_PER_MINUTE % 60;
    put_num(o, h, len <= 1 ? 1 : 2);
    if (len >= 3) {
        buf_putc(o, ':');
        put_num(o, m, 2);
    }
}

/* Appends the custom format f[0..n) of ticks; base is where this
** formatting began in o (an empty fraction drops a '.' after it). */
static enum dt_err custom(struct buf *o, size_t base, int64_t ticks, enum dt_kind kind,
                          const char *f, size_t n)
{
    struct dt_parts p;
    dt_to_parts(ticks, &p);
    enum dt_err e = DT_OK;
    size_t i = 0;
    while (i < n) {
        char c = f[i];
        size_t len = run(f, n, i);
        switch (c) {
        case 'd':
            if (len <= 2)
                put_num(o, p.day, (int)len);
            else
                buf_puts(o, len == 3 ? day_abbr[p.day_of_week] : day_full[p.day_of_week]);
            break;
        case 'f':
        case 'F':
            if (len > 7)
                return DT_E_FORMAT;
            if (put_fraction(o, ticks % DT_TICKS_PER_SECOND, (int)len, c == 'F') == 0 &&
                c == 'F' && o->len > base && o->s[o->len - 1] == '.')
                o->s[--o->len] = '\0'; /* no fraction: drop the '.' before it too */
            break;
        case 'g':
            buf_puts(o, "A.D.");
            break;
        case 'h':
            put_num(o, p.hour % 12 == 0 ? 12 : p.hour % 12, len >= 2 ? 2 : 1);
            break;
        case 'H':
            put_num(o, p.hour, len >= 2 ? 2 : 1);
            break;
        case 'K':
            len = 1;
            if (kind == DT_UTC)
                buf_putc(o, 'Z');
            else if (kind == DT_LOCAL)
                put_offset(o, dt_local_offset(ticks), 3);
            break;
        case 'm':
            put_num(o, p.minute, len >= 2 ? 2 : 1);
            break;
        case 'M':
            if (len <= 2)
                put_num(o, p.month, (int)len);
            else
                buf_puts(o, len == 3 ? mon_abbr[p.month - 1] : mon_full[p.month - 1]);
            break;
        case 's':
            put_num(o, p.second, len >= 2 ? 2 : 1);
            break;
        case 't':
            if (len == 1)
                buf_putc(o, p.hour < 12 ? 'A' : 'P');
            else
                buf_puts(o, p.hour < 12 ? "AM" : "PM");
            break;
        case 'y':
            if (len <= 2)
                put_num(o, p.year % 100, (int)len);
            else
                put_num(o, p.year, (int)len);
            break;
        case 'z':
            put_offset(o, dt_local_offset(ticks), len);
            break;
        case ':':
        case '/':
            len = 1;
            buf_putc(o, c);
            break;
        case '\'':
        case '"':
            len = quoted(o, f, n, i, &e);
            if (len == 0)
                return e;
            break;
        case '%':
            /* the next character is a one-letter custom format */
            if (i + 1 >= n || f[i + 1] == '%')
                return DT_E_FORMAT;
            e = custom(o, base, ticks, kind, f + i + 1, 1);
            if (e)
                return e;
            len = 2;
            break;
        case '\\':
            if (i + 1 >= n)
                return DT_E_FORMAT;
            buf_putc(o, f[i + 1]);
            len = 2;
            break;
        default:
            len = 1;
            buf_putc(o, c);
            break;
        }
        i += len;
    }
    return DT_OK;
}

enum dt_err dt_format(struct buf *out, int64_t ticks, enum dt_kind kind, const char *fmt,
                      enum dt_culture culture)
{
    char pat[80];
    if (!fmt || !*fmt)
        fmt = "G";
    ticks = clamp_ticks(ticks);
    if (fmt[0] == 'G' && fmt[1] == '\0' && culture == DT_EN_US) {
        /* "M/d/yyyy h:mm:ss tt", what every DateTime cell of a table shows, written directly */
        struct dt_parts p;
        dt_to_parts(ticks, &p);
        char b[32];
        int h = p.hour % 12 ? p.hour % 12 : 12;
        int n = snprintf(b, sizeof b, "%d/%d/%04d %d:%02d:%02d %s", p.month, p.day, p.year, h, p.minute, p.second,
                         p.hour < 12 ? "AM" : "PM");
        buf_add(out, b, (size_t)n);
        return DT_OK;
    }
    if (fmt[1] == '\0') {
        if (!expand(fmt[0], culture, pat, sizeof pat))
            return DT_E_FORMAT;
        if (fmt[0] == 'U') {
            ticks = dt_to_utc(ticks, kind);
            kind = DT_UTC;
        }
        fmt = pat;
    }
    size_t start = out->len;
    enum dt_err e = custom(out, start, ticks, kind, fmt, strlen(fmt));
    if (e) {
        out->len = start;
        if (out->s)
            out->s[start] = '\0';
    }
    return e;
}
/* }=== */

/* {=== DateTime parsing: the fields both parsers fill === */

struct fields {
    int year, month, day; /* -1: not given */
    int hour, minute, second;
    int64_t frac; /* ticks below the second */
    int dow;      /* -1: not given */
    int ampm;     /* 0 none, 1 AM, 2 PM */
    bool hour12;  /* ParseExact: h or hh was used */
    bool strict;  /* ParseExact: H with AM/PM must agree, not adjust */
    bool has_time;
    bool has_tz;  /* a Z, GMT or an offset */
    int64_t tz;   /* the offset in ticks */
};

static void fields_init(struct fields *f)
{
    memset(f, 0, sizeof *f);
    f->year = f->month = f->day = f->dow = -1;
}

static bool ieq(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

/* Index (0-based) of a name matching s[0..n) in t, or -1. */
static int lookup(const char *const *t, int count, const char *s, size_t n)
{
    for (int i = 0; i < count; i++)
        if (ieq(s, n, t[i]))
            return i;
    return -1;
}

static int two_digit_year(int y)
{
    return y <= 29 ? 2000 + y : 1900 + y; /* Calendar.TwoDigitYearMax is 2029 */
}

/* Turns the fields into ticks and kind, defaulting what is missing from
** `today` as .NET's CheckDefaultDateTime does. */
static enum dt_err finish(struct fields *f, int64_t today, int64_t *ticks, enum dt_kind *kind)
{
    if (f->year < 0 || f->month < 0 || f->day < 0) {
        struct dt_parts now;
        dt_to_parts(today, &now);
        if (f->month < 0 && f->day < 0) {
            if (f->year < 0) {
                f->year = now.year;
                f->month = now.month;
                f->day = now.day;
            } else {
                f->month = f->day = 1;
            }
        } else {
            if (f->year < 0)
                f->year = now.year;
            if (f->month < 0)
                f->month = 1;
            if (f->day < 0)
                f->day = 1;
        }
    }
    if (f->hour12) {
        if (f->ampm == 0)
            f->ampm = 1;
        if (f->hour > 12)
            return DT_E_PARSE;
        if (f->ampm == 1)
            f->hour = f->hour == 12 ? 0 : f->hour;
        else
            f->hour = f->hour == 12 ? 12 : f->hour + 12;
    } else if (f->strict && f->ampm) {
        if ((f->ampm == 1 && f->hour >= 12) || (f->ampm == 2 && f->hour < 12))
            return DT_E_PARSE;
    } else if (f->ampm == 1) {
        if (f->hour > 12)
            return DT_E_PARSE;
        if (f->hour == 12)
            f->hour = 0;
    } else if (f->ampm == 2) {
        if (f->hour > 23)
            return DT_E_PARSE;
        if (f->hour < 12)
            f->hour += 12;
    }
    if (!date_ok(f->year, f->month, f->day) || f->hour > 23 || f->minute > 59 || f->second > 59)
        return DT_E_PARSE;
    int64_t t = days_of(f->year, f->month, f->day) * DT_TICKS_PER_DAY +
                f->hour * DT_TICKS_PER_HOUR + f->minute * DT_TICKS_PER_MINUTE +
                f->second * DT_TICKS_PER_SECOND + f->frac;
    if (f->dow >= 0 && f->dow != (int)((t / DT_TICKS_PER_DAY + 1) % 7))
        return DT_E_DAY_OF_WEEK;
    if (t > DT_MAX_TICKS)
        return DT_E_PARSE;
    if (f->has_tz) {
        int64_t utc = t - f->tz;
        if (utc < 0 || utc > DT_MAX_TICKS)
            return DT_E_PARSE;
        *ticks = dt_utc_to_local(utc);
        *kind = DT_LOCAL;
    } else {
        *ticks = t;
        *kind = DT_UNSPECIFIED;
    }
    return DT_OK;
}

/* Ticks of the fraction digits s[0..n) (".5" is 5000000), rounded half up
** at the eighth digit. */
static int64_t frac_ticks(const char *s, size_t n)
{
    int64_t v = 0;
    for (size_t i = 0; i < 7; i++)
        v = v * 10 + (i < n ? s[i] - '0' : 0);
    if (n > 7 && s[7] >= '5')
        v++;
    return v;
}
/* }=== */

/* {=== DateTime.Parse === */

enum tok_kind { T_NUM, T_WORD, T_SEP, T_SPACE };

struct tok {
    enum tok_kind kind;
    const char *s; /* the text */
    size_t n;
    int64_t v;     /* T_NUM: the value (capped) */
};

enum { MAX_TOKS = 48 };

/* Splits s into numbers, ASCII words, single separators and runs of
** white space. Returns the count, or -1 for a character we do not take. */
static int lex(const char *s, size_t n, struct tok *t)
{
    int k = 0;
    size_t i = 0;
    while (i < n) {
        if (k == MAX_TOKS)
            return -1;
        unsigned char c = (unsigned char)s[i];
        size_t j = i + 1;
        struct tok *x = &t[k++];
        x->s = s + i;
        x->v = 0;
        if (c >= '0' && c <= '9') {
            x->kind = T_NUM;
            x->v = c - '0';
            while (j < n && s[j] >= '0' && s[j] <= '9') {
                if (x->v < INT64_C(1000000000000))
                    x->v = x->v * 10 + (s[j] - '0');
                j++;
            }
        } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            x->kind = T_WORD;
            while (j < n && ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z'))
                j++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
            x->kind = T_SPACE;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
                j++;
        } else if (strchr("/-:.,+", c) && c != '\0') {
            x->kind = T_SEP;
        } else {
            return -1;
        }
        x->n = j - i;
        i = j;
    }
    return k;
}

static bool is_sep(const struct tok *t, int k, int i, char c)
{
    return i < k && t[i].kind == T_SEP && t[i].s[0] == c;
}

static int skip_space(const struct tok *t, int k, int i)
{
    while (i < k && t[i].kind == T_SPACE)
        i++;
    return i;
}

/* An offset after a time or GMT: ('+'|'-') h[h][:mm] | hhmm. Returns the
** index after it, or -1. */
static int offset_tok(const struct tok *t, int k, int i, int64_t *off)
{
    int sign = t[i].s[0] == '-' ? -1 : 1;
    i++;
    if (i >= k || t[i].kind != T_NUM)
        return -1;
    int64_t h, m = 0;
    if (t[i].n <= 2) {
        h = t[i].v;
        i++;
        if (is_sep(t, k, i, ':')) {
            if (i + 1 >= k || t[i + 1].kind != T_NUM || t[i + 1].n != 2)
                return -1;
            m = t[i + 1].v;
            i += 2;
        }
    } else if (t[i].n == 4) {
        h = t[i].v / 100;
        m = t[i].v % 100;
        i++;
    } else {
        return -1;
    }
    if (h > 14 || m > 59)
        return -1;
    *off = sign * (h * DT_TICKS_PER_HOUR + m * DT_TICKS_PER_MINUTE);
    return i;
}

/* A time group at t[i] (a number followed by ':'): h:mm[:ss[.fffffff]],
** then an optional offset. Returns the index after it, or -1. */
static int time_tok(const struct tok *t, int k, int i, struct fields *f)
{
    int64_t v[3] = {0, 0, 0};
    int nv = 0;
    for (;;) {
        if (i >= k || t[i].kind != T_NUM || t[i].n > 2)
            return -1;
        v[nv++] = t[i].v;
        i++;
        if (nv < 3 && is_sep(t, k, i, ':')) {
            i++;
            continue;
        }
        break;
    }
    if (nv < 2)
        return -1;
    f->hour = (int)v[0];
    f->minute = (int)v[1];
    f->second = (int)v[2];
    f->has_time = true;
    if (nv == 3 && is_sep(t, k, i, '.') && i + 1 < k && t[i + 1].kind == T_NUM) {
        f->frac = frac_ticks(t[i + 1].s, t[i + 1].n);
        i += 2;
    }
    int j = skip_space(t, k, i);
    if (j < k && t[j].kind == T_SEP && (t[j].s[0] == '+' || t[j].s[0] == '-') && j + 1 < k &&
        t[j + 1].kind == T_NUM) {
        if (f->has_tz)
            return -1;
        int64_t off;
        int e = offset_tok(t, k, j, &off);
        if (e < 0)
            return -1;
        f->has_tz = true;
        f->tz = off;
        i = e;
    }
    return i;
}

struct datenum {
    int64_t v;
    size_t digits;
};

static int year_of(const struct datenum *d)
{
    if (d->digits <= 2)
        return two_digit_year((int)d->v);
    if (d->digits > 4)
        return -100; /* never a valid year */
    return (int)d->v;
}

enum dt_err dt_parse_at(const char *s, size_t n, int64_t today, int64_t *ticks,
                        enum dt_kind *kind)
{
    struct tok t[MAX_TOKS];
    int k = lex(s, n, t);
    if (k < 0)
        return DT_E_PARSE;
    struct fields f;
    fields_init(&f);
    struct datenum d[3];
    int nd = 0, month = -1;
    bool any = false;
    for (int i = 0; i < k;) {
        const struct tok *x = &t[i];
        if (x->kind == T_SPACE || (x->kind == T_SEP && strchr("/-.,", x->s[0]))) {
            i++;
            continue;
        }
        any = true;
        if (x->kind == T_NUM) {
            if (is_sep(t, k, i + 1, ':')) {
                if (f.has_time)
                    return DT_E_PARSE;
                i = time_tok(t, k, i, &f);
                if (i < 0)
                    return DT_E_PARSE;
                continue;
            }
            int j = skip_space(t, k, i + 1);
            if (!f.has_time && x->n <= 2 && j < k && t[j].kind == T_WORD &&
                (ieq(t[j].s, t[j].n, "AM") || ieq(t[j].s, t[j].n, "PM"))) {
                f.hour = (int)x->v; /* "10 PM" */
                f.has_time = true;
                i++;
                continue;
            }
            if (nd == 3 || x->n > 9)
                return DT_E_PARSE;
            d[nd].v = x->v;
            d[nd].digits = x->n;
            nd++;
            i++;
            continue;
        }
        if (x->kind == T_SEP) { /* ':' or '+' out of place */
            return DT_E_PARSE;
        }
        /* a word */
        int m = lookup(mon_full, 12, x->s, x->n);
        if (m < 0)
            m = lookup(mon_abbr, 12, x->s, x->n);
        int w = lookup(day_full, 7, x->s, x->n);
        if (w < 0)
            w = lookup(day_abbr, 7, x->s, x->n);
        if (m >= 0) {
            if (month >= 0)
                return DT_E_PARSE;
            month = m + 1;
        } else if (w >= 0) {
            if (f.dow >= 0)
                return DT_E_PARSE;
            f.dow = w;
        } else if (ieq(x->s, x->n, "AM") || ieq(x->s, x->n, "PM")) {
            if (f.ampm || !f.has_time)
                return DT_E_PARSE;
            f.ampm = ieq(x->s, x->n, "AM") ? 1 : 2;
        } else if (ieq(x->s, x->n, "T")) {
            /* the ISO 8601 date/time separator: must sit between them */
            if (f.has_time || i + 1 >= k || t[i + 1].kind != T_NUM)
                return DT_E_PARSE;
        } else if (ieq(x->s, x->n, "Z") || ieq(x->s, x->n, "GMT")) {
            if (f.has_tz)
                return DT_E_PARSE;
            f.has_tz = true;
            f.tz = 0;
        } else {
            return DT_E_PARSE;
        }
        i++;
    }
    if (!any)
        return DT_E_PARSE;

    /* assign the date numbers */
    if (month > 0) {
        f.month = month;
        if (nd == 0) {
            return DT_E_PARSE;
        } else if (nd == 1) {
            if (d[0].digits >= 3)
                f.year = year_of(&d[0]), f.day = 1;
            else
                f.day = (int)d[0].v;
        } else if (nd == 2) {
            if (d[0].digits >= 3) {
                f.year = year_of(&d[0]);
                f.day = (int)d[1].v;
            } else {
                f.day = (int)d[0].v;
                f.year = year_of(&d[1]);
            }
        } else {
            return DT_E_PARSE;
        }
    } else if (nd == 3) {
        if (d[0].digits >= 3) {
            f.year = year_of(&d[0]);
            f.month = (int)d[1].v;
            f.day = (int)d[2].v;
        } else {
            f.month = (int)d[0].v;
            f.day = (int)d[1].v;
            f.year = year_of(&d[2]);
        }
    } else if (nd == 2) {
        if (d[0].digits >= 3) {
            f.year = year_of(&d[0]);
            f.month = (int)d[1].v;
            f.day = 1;
        } else if (d[1].digits >= 3) {
            f.month = (int)d[0].v;
            f.year = year_of(&d[1]);
            f.day = 1;
        } else {
            f.month = (int)d[0].v;
            f.day = (int)d[1].v;
        }
    } else if (nd == 1) {
        return DT_E_PARSE;
    } else if (!f.has_time) {
        return DT_E_PARSE;
    }
    for (int i = 0; i < nd; i++)
        if (d[i].digits > 4)
            return DT_E_PARSE;
    if (f.day > 31 || f.month > 12 || f.year == 0)
        return DT_E_PARSE;
    return finish(&f, today, ticks, kind);
}

enum dt_err dt_parse(const char *s, size_t n, int64_t *ticks, enum dt_kind *kind)
{
    return dt_parse_at(s, n, dt_now_local(), ticks, kind);
}
/* }=== */

/* {=== DateTime.ParseExact === */

struct scan {
    const char *s;
    size_t n, i;
};

/* Reads between lo and hi digits. */
static bool digits(struct scan *c, size_t lo, size_t hi, int *v)
{
    size_t k = 0;
    int x = 0;
    while (k < hi && c->i + k < c->n && c->s[c->i + k] >= '0' && c->s[c->i + k] <= '9') {
        x = x * 10 + (c->s[c->i + k] - '0');
        k++;
    }
    if (k < lo)
        return false;
    c->i += k;
    *v = x;
    return true;
}

/* Matches one of the names of t (longest first is not needed: full and
** abbreviated names are tried by separate callers). */
static int match_name(struct scan *c, const char *const *t, int count)
{
    for (int i = 0; i < count; i++) {
        size_t len = strlen(t[i]);
        if (c->i + len <= c->n && ieq(c->s + c->i, len, t[i])) {
            c->i += len;
            return i;
        }
    }
    return -1;
}

static bool set_field(int *field, int v)
{
    if (*field >= 0 && *field != v)
        return false;
    *field = v;
    return true;
}

static bool match_char(struct scan *c, char ch)
{
    if (c->i < c->n && c->s[c->i] == ch) {
        c->i++;
        return true;
    }
    return false;
}

/* +h, +hh, +hh:mm or +hhmm (len: 1 for z, 2 for zz, 3 for zzz). */
static bool match_offset(struct scan *c, size_t len, struct fields *f)
{
    int sign;
    if (match_char(c, '+'))
        sign = 1;
    else if (match_char(c, '-'))
        sign = -1;
    else
        return false;
    int h, m = 0;
    if (!digits(c, len == 1 ? 1 : 2, 2, &h))
        return false;
    if (match_char(c, ':')) {
        if (!digits(c, 2, 2, &m))
            return false;
    } else if (len >= 3 && !digits(c, 2, 2, &m)) {
        return false;
    }
    if (h > 14 || m > 59)
        return false;
    if (f->has_tz)
        return false;
    f->has_tz = true;
    f->tz = sign * (h * DT_TICKS_PER_HOUR + m * DT_TICKS_PER_MINUTE);
    return true;
}

static enum dt_err exact(struct scan *c, const char *f, size_t n, struct fields *x)
{
    size_t i = 0;
    int v;
    while (i < n) {
        char ch = f[i];
        size_t len = run(f, n, i);
        switch (ch) {
        case 'd':
            if (len <= 2) {
                if (!digits(c, len, 2, &v) || !set_field(&x->day, v))
                    return DT_E_PARSE;
            } else {
                int w = len == 3 ? match_name(c, day_abbr, 7) : match_name(c, day_full, 7);
                if (w < 0 || !set_field(&x->dow, w))
                    return DT_E_PARSE;
            }
            break;
        case 'f':
        case 'F': {
            if (len > 7)
                return DT_E_PARSE;
            size_t at = c->i;
            if (!digits(c, ch == 'f' ? len : 0, len, &v))
                return DT_E_PARSE;
            x->frac = frac_ticks(c->s + at, c->i - at);
            break;
        }
        case 'g':
            if (match_name(c, (const char *const[]){"A.D."}, 1) < 0 &&
                match_name(c, (const char *const[]){"AD"}, 1) < 0)
                return DT_E_PARSE;
            break;
        case 'h':
        case 'H':
            if (!digits(c, len >= 2 ? 2 : 1, 2, &v) || !set_field(&x->hour, v))
                return DT_E_PARSE;
            x->has_time = true;
            if (ch == 'h')
                x->hour12 = true;
            break;
        case 'm':
            if (!digits(c, len >= 2 ? 2 : 1, 2, &v) || !set_field(&x->minute, v))
                return DT_E_PARSE;
            break;
        case 's':
            if (!digits(c, len >= 2 ? 2 : 1, 2, &v) || !set_field(&x->second, v))
                return DT_E_PARSE;
            break;
        case 'M':
            if (len <= 2) {
                if (!digits(c, len, 2, &v) || !set_field(&x->month, v))
                    return DT_E_PARSE;
            } else {
                int m = len == 3 ? match_name(c, mon_abbr, 12) : match_name(c, mon_full, 12);
                if (m < 0 || !set_field(&x->month, m + 1))
                    return DT_E_PARSE;
            }
            break;
        case 't': {
            int a = 0;
            if (len == 1) {
                if (c->i < c->n && (c->s[c->i] | 32) == 'a')
                    a = 1;
                else if (c->i < c->n && (c->s[c->i] | 32) == 'p')
                    a = 2;
                if (a)
                    c->i++;
            } else if (c->i + 2 <= c->n) {
                if (ieq(c->s + c->i, 2, "AM"))
                    a = 1;
                else if (ieq(c->s + c->i, 2, "PM"))
                    a = 2;
                if (a)
                    c->i += 2;
            }
            if (!a || (x->ampm && x->ampm != a))
                return DT_E_PARSE;
            x->ampm = a;
            break;
        }
        case 'y':
            if (!digits(c, len, len <= 2 ? 2 : len, &v))
                return DT_E_PARSE;
            if (len <= 2)
                v = two_digit_year(v);
            if (!set_field(&x->year, v))
                return DT_E_PARSE;
            break;
        case 'z':
            if (!match_offset(c, len, x))
                return DT_E_PARSE;
            break;
        case 'K':
            len = 1;
            if (match_char(c, 'Z')) {
                if (x->has_tz)
                    return DT_E_PARSE;
                x->has_tz = true;
                x->tz = 0;
            } else if (c->i < c->n && (c->s[c->i] == '+' || c->s[c->i] == '-')) {
                if (!match_offset(c, 3, x))
                    return DT_E_PARSE;
            }
            break;
        case '\'':
        case '"': {
            struct buf lit = BUF_INIT;
            enum dt_err e = DT_OK;
            len = quoted(&lit, f, n, i, &e);
            bool ok = len > 0 && c->i + lit.len <= c->n &&
                      (lit.len == 0 || memcmp(c->s + c->i, lit.s, lit.len) == 0);
            if (ok)
                c->i += lit.len;
            buf_release(&lit);
            if (len == 0)
                return e;
            if (!ok)
                return DT_E_PARSE;
            break;
        }
        case '%': {
            if (i + 1 >= n || f[i + 1] == '%')
                return DT_E_FORMAT;
            enum dt_err e = exact(c, f + i + 1, 1, x);
            if (e)
                return e;
            len = 2;
            break;
        }
        case '\\':
            if (i + 1 >= n)
                return DT_E_FORMAT;
            if (!match_char(c, f[i + 1]))
                return DT_E_PARSE;
            len = 2;
            break;
        case '.':
            len = 1;
            if (!match_char(c, '.')) {
                /* ".FFF" with no fraction in the input: both are optional */
                if (i + 1 < n && f[i + 1] == 'F') {
                    len += run(f, n, i + 1);
                    break;
                }
                return DT_E_PARSE;
            }
            break;
        default:
            len = 1;
            if (!match_char(c, ch))
                return DT_E_PARSE;
            break;
        }
        i += len;
    }
    return DT_OK;
}

enum dt_err dt_parse_exact(const char *s, size_t n, const char *fmt, enum dt_culture culture,
                           int64_t *ticks, enum dt_kind *kind)
{
    char pat[80];
    if (!fmt || !*fmt)
        return DT_E_FORMAT;
    bool utc = false;
    if (fmt[1] == '\0') {
        if (!expand(fmt[0], culture, pat, sizeof pat))
            return DT_E_FORMAT;
        utc = fmt[0] == 'U';
        fmt = pat;
    }
    struct fields f;
    fields_init(&f);
    f.hour = f.minute = f.second = -1;
    f.strict = true;
    struct scan c = {s, n, 0};
    enum dt_err e = exact(&c, fmt, strlen(fmt), &f);
    if (e)
        return e;
    if (c.i != n)
        return DT_E_PARSE;
    if (f.hour < 0)
        f.hour = 0;
    if (f.minute < 0)
        f.minute = 0;
    if (f.second < 0)
        f.second = 0;
    if (utc) {
        f.has_tz = true;
        f.tz = 0;
    }
    return finish(&f, dt_now_local(), ticks, kind);
}
/* }=== */

/* {=== TimeSpan === */

enum dt_err ts_from_parts(int days, int hours, int minutes, int seconds, int milliseconds,
                          int64_t *ticks)
{
    /* as .NET: whole milliseconds in 64 bits, then range-checked */
    int64_t ms = ((int64_t)days * 86400 + (int64_t)hours * 3600 + (int64_t)minutes * 60 +
                  seconds) * 1000 + milliseconds;
    if (ms > INT64_MAX / DT_TICKS_PER_MS || ms < INT64_MIN / DT_TICKS_PER_MS)
        return DT_E_TS_OVERFLOW;
    *ticks = ms * DT_TICKS_PER_MS;
    return DT_OK;
}

int ts_days(int64_t t)
{
    return (int)(t / DT_TICKS_PER_DAY);
}

int ts_hours(int64_t t)
{
    return (int)(t / DT_TICKS_PER_HOUR % 24);
}

int ts_minutes(int64_t t)
{
    return (int)(t / DT_TICKS_PER_MINUTE % 60);
}

int ts_seconds(int64_t t)
{
    return (int)(t / DT_TICKS_PER_SECOND % 60);
}

int ts_milliseconds(int64_t t)
{
    return (int)(t / DT_TICKS_PER_MS % 1000);
}

double ts_total_days(int64_t t)
{
    return (double)t * (1.0 / (double)DT_TICKS_PER_DAY);
}

double ts_total_hours(int64_t t)
{
    return (double)t * (1.0 / (double)DT_TICKS_PER_HOUR);
}

double ts_total_minutes(int64_t t)
{
    return (double)t * (1.0 / (double)DT_TICKS_PER_MINUTE);
}

double ts_total_seconds(int64_t t)
{
    return (double)t * (1.0 / (double)DT_TICKS_PER_SECOND);
}

double ts_total_milliseconds(int64_t t)
{
    const double max_ms = (double)(INT64_MAX / DT_TICKS_PER_MS);
    const double min_ms = (double)(INT64_MIN / DT_TICKS_PER_MS);
    double v = (double)t * (1.0 / (double)DT_TICKS_PER_MS);
    return v > max_ms ? max_ms : v < min_ms ? min_ms : v;
}

/* The magnitude split as .NET's formatter does it. */
struct ts_split {
    bool neg;
    int64_t days, hours, minutes, seconds, frac;
};

static void ts_split(int64_t t, struct ts_split *p)
{
    p->neg = t < 0;
    int64_t day = t / DT_TICKS_PER_DAY, tod = t % DT_TICKS_PER_DAY;
    if (t < 0) {
        day = -day;
        tod = -tod;
    }
    p->days = day;
    p->hours = tod / DT_TICKS_PER_HOUR % 24;
    p->minutes = tod / DT_TICKS_PER_MINUTE % 60;
    p->seconds = tod / DT_TICKS_PER_SECOND % 60;
    p->frac = tod % DT_TICKS_PER_SECOND;
}

static enum dt_err ts_custom(struct buf *o, const struct ts_split *p, const char *f, size_t n)
{
    enum dt_err e = DT_OK;
    size_t i = 0;
    while (i < n) {
        char c = f[i];
        size_t len = run(f, n, i);
        switch (c) {
        case 'h':
        case 'm':
        case 's':
            if (len > 2)
                return DT_E_FORMAT;
            put_num(o, c == 'h' ? p->hours : c == 'm' ? p->minutes : p->seconds, (int)len);
            break;
        case 'f':
        case 'F':
            if (len > 7)
                return DT_E_FORMAT;
            put_fraction(o, p->frac, (int)len, c == 'F');
            break;
        case 'd':
            if (len > 8)
                return DT_E_FORMAT;
            put_num(o, p->days, (int)len);
            break;
        case '\'':
        case '"':
            len = quoted(o, f, n, i, &e);
            if (len == 0)
                return e;
            break;
        case '%':
            if (i + 1 >= n || f[i + 1] == '%')
                return DT_E_FORMAT;
            e = ts_custom(o, p, f + i + 1, 1);
            if (e)
                return e;
            len = 2;
            break;
        case '\\':
            if (i + 1 >= n)
                return DT_E_FORMAT;
            buf_putc(o, f[i + 1]);
            len = 2;
            break;
        default:
            return DT_E_FORMAT;
        }
        i += len;
    }
    return DT_OK;
}

enum dt_err ts_format(struct buf *out, int64_t ticks, const char *fmt)
{
    struct ts_split p;
    ts_split(ticks, &p);
    if (!fmt || !*fmt)
        fmt = "c";
    if (fmt[1] == '\0') {
        char c = fmt[0];
        if (c != 'c' && c != 't' && c != 'T' && c != 'g' && c != 'G')
            return DT_E_FORMAT;
        if (p.neg)
            buf_putc(out, '-');
        if (c == 'G' || p.days != 0) {
            put_num(out, p.days, 1);
            buf_putc(out, c == 'g' || c == 'G' ? ':' : '.');
        }
        put_num(out, p.hours, c == 'g' ? 1 : 2);
        buf_putc(out, ':');
        put_num(out, p.minutes, 2);
        buf_putc(out, ':');
        put_num(out, p.seconds, 2);
        if (c == 'G' || (c != 'g' && p.frac != 0)) {
            buf_putc(out, '.');
            put_num(out, p.frac, 7);
        } else if (c == 'g' && p.frac != 0) {
            buf_putc(out, '.');
            put_fraction(out, p.frac, 7, true);
        }
        return DT_OK;
    }
    size_t start = out->len;
    enum dt_err e = ts_custom(out, &p, fmt, strlen(fmt));
    if (e) {
        out->len = start;
        if (out->s)
            out->s[start] = '\0';
    }
    return e;
}

/* The shapes TimeSpan.Parse takes, by the separators between the numbers,
** in the order .NET tries them: the first whose components are in range
** wins ("24:00:00" is 24 days because 24 is no hour). */
static const struct shape {
    const char *seps;
    char fields[6]; /* d h m s f, one per number */
} shapes[] = {
    {"", "d"},         {":", "hm"},        {"::", "hms"},      {"::", "dhm"},
    {".:", "dhm"},     {".::", "dhms"},    {":::", "dhms"},    {"::.", "hmsf"},
    {".::.", "dhmsf"}, {":::.", "dhmsf"},
};

enum dt_err ts_parse(const char *s, size_t n, int64_t *ticks)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    bool neg = false;
    if (i < n && s[i] == '-') {
        neg = true;
        i++;
    }
    /* the numbers and the separators between them */
    uint64_t v[5];
    size_t nd[5];
    char seps[5] = {0};
    int k = 0;
    for (;;) {
        if (k == 5 || i >= n || s[i] < '0' || s[i] > '9')
            return DT_E_TS_PARSE;
        uint64_t x = 0;
        size_t d = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (x < UINT64_C(100000000000))
                x = x * 10 + (uint64_t)(s[i] - '0');
            d++;
            i++;
        }
        v[k] = x;
        nd[k++] = d;
        if (i == n)
            break;
        if (k == 5 || (s[i] != ':' && s[i] != '.'))
            return DT_E_TS_PARSE;
        seps[k - 1] = s[i++];
    }
    bool matched = false;
    for (size_t j = 0; j < EMSH_ARRAY_SIZE(shapes); j++) {
        if (strcmp(shapes[j].seps, seps) != 0)
            continue;
        matched = true;
        uint64_t d = 0, h = 0, m = 0, sec = 0, fr = 0;
        for (int q = 0; q < k; q++) {
            switch (shapes[j].fields[q]) {
            case 'd': d = v[q]; break;
            case 'h': h = v[q]; break;
            case 'm': m = v[q]; break;
            case 's': sec = v[q]; break;
            default:
                if (nd[q] > 7)
                    return DT_E_TS_RANGE;
                fr = v[q];
                for (size_t z = nd[q]; z < 7; z++)
                    fr *= 10;
                break;
            }
        }
        if (d > 10675199 || h > 23 || m > 59 || sec > 59)
            continue;
        uint64_t total = d * (uint64_t)DT_TICKS_PER_DAY + h * (uint64_t)DT_TICKS_PER_HOUR +
                         m * (uint64_t)DT_TICKS_PER_MINUTE + sec * (uint64_t)DT_TICKS_PER_SECOND +
                         fr;
        if (total > (uint64_t)INT64_MAX + (neg ? 1 : 0))
            continue;
        *ticks = neg ? (int64_t)(0 - total) : (int64_t)total;
        return DT_OK;
    }
    return matched ? DT_E_TS_RANGE : DT_E_TS_PARSE;
}
/* }=== */
