/*
** datetime.h - System.DateTime and System.TimeSpan as .NET Framework 4.x
** computes, formats and parses them.
**
** A DateTime is an int64 tick count (100 ns units since 0001-01-01T00:00:00,
** as DateTime.Ticks) plus a kind (Unspecified, Utc, Local); a TimeSpan is an
** int64 tick count. Formatting follows the en-US culture (what the console
** shows) or the invariant culture (what PowerShell's [string] casts and
** conversions use); parsing follows DateTime.Parse and TimeSpan.Parse with
** the invariant culture, as PowerShell converts strings.
**
**     int64_t t;
**     struct dt_parts p = {.year = 2026, .month = 11, .day = 22, .hour = 14};
**     if (dt_from_parts(&p, &t) == DT_OK)
**         dt_format(&out, t, DT_UNSPECIFIED, "yyyy-MM-dd HH:mm", DT_EN_US);
**
** Local time is the process time zone (TZ honoured, re-read on each call).
** Functions that can fail return enum dt_err; dt_err_str() gives the message
** .NET shows for it. Output is appended to a struct buf and nothing is
** appended when a function fails.
*/
#ifndef EMSH_DATETIME_H
#define EMSH_DATETIME_H

#include "base.h"
#include "buf.h"

#include <stdbool.h>

#define DT_TICKS_PER_MS     INT64_C(10000)
#define DT_TICKS_PER_SECOND INT64_C(10000000)
#define DT_TICKS_PER_MINUTE INT64_C(600000000)
#define DT_TICKS_PER_HOUR   INT64_C(36000000000)
#define DT_TICKS_PER_DAY    INT64_C(864000000000)
/* DateTime.MaxValue.Ticks: 9999-12-31T23:59:59.9999999 */
#define DT_MAX_TICKS INT64_C(3155378975999999999)
/* Ticks of 1970-01-01T00:00:00 (the Unix epoch) */
#define DT_UNIX_EPOCH_TICKS INT64_C(621355968000000000)

/* DateTimeKind, with .NET's numbers. */
enum dt_kind { DT_UNSPECIFIED = 0, DT_UTC = 1, DT_LOCAL = 2 };

/* The two cultures we format with. */
enum dt_culture {
    DT_EN_US,     /* M/d/yyyy h:mm:ss tt: what the console shows */
    DT_INVARIANT, /* MM/dd/yyyy HH:mm:ss: what [string] casts give */
};

/* Failures, each with the .NET message dt_err_str() returns. */
enum dt_err {
    DT_OK = 0,
    DT_E_FORMAT,      /* Input string was not in a correct format. */
    DT_E_QUOTE1,      /* Cannot find a matching quote character for the character '''. */
    DT_E_QUOTE2,      /* ... for the character '"'. */
    DT_E_DATE,        /* Year, Month, and Day parameters describe an un-representable DateTime. */
    DT_E_TIME,        /* Hour, Minute, and Second parameters describe an un-representable DateTime. */
    DT_E_MS,          /* Valid values are between 0 and 999, inclusive. */
    DT_E_ADD,         /* The added or subtracted value results in an un-representable DateTime. */
    DT_E_MONTHS,      /* Months value must be between +/-120000. */
    DT_E_YEARS,       /* Years value must be between +/-10000. */
    DT_E_PARSE,       /* String was not recognized as a valid DateTime. */
    DT_E_DAY_OF_WEEK, /* ... because the day of week was incorrect. */
    DT_E_TS_PARSE,    /* String was not recognized as a valid TimeSpan. */
    DT_E_TS_RANGE,    /* The TimeSpan could not be parsed because ... out of range ... */
    DT_E_TS_OVERFLOW, /* TimeSpan overflowed because the duration is too long. */
    DT_ERR__LAST      /* never use */
};

/* The fixed .NET message of e (never NULL). */
const char *dt_err_str(enum dt_err e);

/* {=== calendar === */

/* The broken-down fields of a DateTime. dt_from_parts() reads year ..
** sub_ms and ignores the two computed fields. */
struct dt_parts {
    int year;        /* 1 .. 9999 */
    int month;       /* 1 .. 12 */
    int day;         /* 1 .. days in month */
    int hour;        /* 0 .. 23 */
    int minute;      /* 0 .. 59 */
    int second;      /* 0 .. 59 */
    int millisecond; /* 0 .. 999 */
    int sub_ms;      /* ticks below the millisecond: 0 .. 9999 */
    int day_of_week; /* computed: 0 = Sunday .. 6 = Saturday */
    int day_of_year; /* computed: 1 .. 366 */
};

bool dt_is_leap_year(int year);
/* Days in month (1..12) of year; 0 for a month out of range. */
int dt_days_in_month(int year, int month);

/* Ticks of the fields of *p into *ticks. Fails with DT_E_DATE, DT_E_TIME or
** DT_E_MS (the DateTime constructor's checks); *ticks is untouched then. */
enum dt_err dt_from_parts(const struct dt_parts *p, int64_t *ticks);
/* The fields of ticks (clamped to 0 .. DT_MAX_TICKS), with the computed ones. */
void dt_to_parts(int64_t ticks, struct dt_parts *p);

/* DateTime.AddMonths / AddYears: the day is clamped to the end of the
** target month (Jan 31 + 1 month = Feb 28 or 29); the time of day stays.
** Fail with DT_E_MONTHS / DT_E_YEARS for an argument out of range and
** DT_E_ADD when the result leaves years 1 .. 9999. */
enum dt_err dt_add_months(int64_t ticks, int months, int64_t *out);
enum dt_err dt_add_years(int64_t ticks, int years, int64_t *out);
/* }=== */

/* {=== clock and time zone === */

/* The current time as UTC ticks (clock_gettime CLOCK_REALTIME). */
int64_t dt_now(void);
/* The current local time as ticks (DateTime.Now). */
int64_t dt_now_local(void);
/* UTC ticks to local ticks and back, in the process time zone; results are
** clamped to 0 .. DT_MAX_TICKS. A local time in a daylight-saving gap or
** overlap converts with the standard offset, as .NET does. */
int64_t dt_utc_to_local(int64_t utc);
int64_t dt_local_to_utc(int64_t local);
/* The UTC offset (in ticks, east positive) in effect at local time `local`. */
int64_t dt_local_offset(int64_t local);
/* DateTime.ToUniversalTime / ToLocalTime: Unspecified counts as the other kind. */
int64_t dt_to_utc(int64_t ticks, enum dt_kind kind);
int64_t dt_to_local(int64_t ticks, enum dt_kind kind);
/* }=== */

/* {=== DateTime formatting and parsing === */

/* Appends DateTime.ToString(fmt, culture) to out. fmt NULL or "" is "G"
** (the default ToString()). One character is a standard format (d D f F g
** G M m o O r R s t T u U y Y); anything longer is a custom format. Fails
** with DT_E_FORMAT or DT_E_QUOTE1/2, appending nothing. */
enum dt_err dt_format(struct buf *out, int64_t ticks, enum dt_kind kind, const char *fmt,
                      enum dt_culture culture);

/* DateTime.Parse(s, InvariantCulture): the n bytes of s (ISO 8601 with or
** without time, fraction and offset; M/d/yyyy [h:mm[:ss] [AM|PM]];
** yyyy-MM-dd HH:mm; month and day names; a time alone means today). A
** string with Z, GMT or an offset gives local time of kind DT_LOCAL, else
** DT_UNSPECIFIED. Fails with DT_E_PARSE or DT_E_DAY_OF_WEEK; the outputs
** are untouched then. */
enum dt_err dt_parse(const char *s, size_t n, int64_t *ticks, enum dt_kind *kind);
/* dt_parse() with `today` (local ticks; only the date counts) standing for
** the current date, so tests do not depend on the clock. */
enum dt_err dt_parse_at(const char *s, size_t n, int64_t today, int64_t *ticks,
                        enum dt_kind *kind);
/* DateTime.ParseExact(s, fmt, culture) with DateTimeStyles.None: fmt is a
** standard (one character) or custom format that s must match entirely.
** Fields the format lacks default as .NET's do (today's date when there is
** no date). Fails with DT_E_PARSE, DT_E_FORMAT, DT_E_QUOTE1/2 or
** DT_E_DAY_OF_WEEK. */
enum dt_err dt_parse_exact(const char *s, size_t n, const char *fmt, enum dt_culture culture,
                           int64_t *ticks, enum dt_kind *kind);
/* }=== */

/* {=== TimeSpan === */

#define TS_MAX_TICKS INT64_MAX
#define TS_MIN_TICKS INT64_MIN

/* new TimeSpan(days, hours, minutes, seconds, milliseconds): fails with
** DT_E_TS_OVERFLOW when the total is out of range. */
enum dt_err ts_from_parts(int days, int hours, int minutes, int seconds, int milliseconds,
                          int64_t *ticks);

/* Components (TimeSpan.Days, Hours, ...): signed, truncated toward zero. */
int ts_days(int64_t ticks);
int ts_hours(int64_t ticks);
int ts_minutes(int64_t ticks);
int ts_seconds(int64_t ticks);
int ts_milliseconds(int64_t ticks);
/* TotalDays, TotalHours, ... as .NET computes them (ticks times a reciprocal;
** TotalMilliseconds saturates). */
double ts_total_days(int64_t ticks);
double ts_total_hours(int64_t ticks);
double ts_total_minutes(int64_t ticks);
double ts_total_seconds(int64_t ticks);
double ts_total_milliseconds(int64_t ticks);

/* Appends TimeSpan.ToString(fmt) (en-US for "g" and "G") to out. fmt NULL
** or "" is "c": [-][d.]hh:mm:ss[.fffffff]. Custom formats take d..dddddddd,
** h hh m mm s ss f.. F.., quoted literals, \x and %x. Fails with
** DT_E_FORMAT or DT_E_QUOTE1/2, appending nothing. */
enum dt_err ts_format(struct buf *out, int64_t ticks, const char *fmt);

/* TimeSpan.Parse(s, InvariantCulture) of n bytes: [ws][-]{ d | [d.]hh:mm[:ss[.fffffff]] |
** d:hh:mm:ss[.fffffff] }[ws]. Fails with DT_E_TS_PARSE or DT_E_TS_RANGE
** (a component out of range); *ticks is untouched then. */
enum dt_err ts_parse(const char *s, size_t n, int64_t *ticks);
/* }=== */

#endif /* EMSH_DATETIME_H */
