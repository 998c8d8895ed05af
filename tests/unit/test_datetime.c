/*
** test_datetime.c - unit tests of DateTime and TimeSpan (shell/datetime.h):
** the calendar, time zone conversion, standard and custom formats in en-US
** and the invariant culture, DateTime.Parse / ParseExact, and TimeSpan
** formatting and parsing.
**
** Expected strings follow the .NET docs ("Standard/Custom date and time
** format strings", "Standard/Custom TimeSpan format strings", the
** TimeSpan.Parse examples). Time zone tests set TZ to POSIX rules
** (EST5EDT with the US transitions) so no tz database is needed.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "datetime.h"

#define US_EASTERN "EST5EDT,M3.2.0,M11.1.0"

static void set_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

/* Ticks of a date and time; fails the test for an invalid one. */
static int64_t mk(int y, int mo, int d, int h, int mi, int s, int ms, int sub)
{
    struct dt_parts p = {y, mo, d, h, mi, s, ms, sub, 0, 0};
    int64_t t = -1;
    assert_int_equal(dt_from_parts(&p, &t), DT_OK);
    return t;
}

#define DATE(y, mo, d) mk(y, mo, d, 0, 0, 0, 0, 0)

/* The sample of the docs' tables: Sunday 2026-11-22 14:05:09.1234567. */
static int64_t sample(void)
{
    return mk(2026, 11, 22, 14, 5, 9, 123, 4567);
}

#define FMT(ticks, kind, fmt, culture, want)                                                       \
    do {                                                                                           \
        struct buf b_ = BUF_INIT;                                                                  \
        assert_int_equal(dt_format(&b_, (ticks), (kind), (fmt), (culture)), DT_OK);                \
        assert_string_equal(buf_cstr(&b_), (want));                                                \
        buf_release(&b_);                                                                          \
    } while (0)

#define US(ticks, fmt, want)  FMT(ticks, DT_UNSPECIFIED, fmt, DT_EN_US, want)
#define INV(ticks, fmt, want) FMT(ticks, DT_UNSPECIFIED, fmt, DT_INVARIANT, want)

#define FMT_FAILS(fmt, err)                                                                        \
    do {                                                                                           \
        struct buf b_ = BUF_INIT;                                                                  \
        buf_puts(&b_, "keep");                                                                     \
        assert_int_equal(dt_format(&b_, sample(), DT_UNSPECIFIED, (fmt), DT_EN_US), (err));        \
        assert_string_equal(buf_cstr(&b_), "keep");                                                \
        buf_release(&b_);                                                                          \
    } while (0)

/* {======================================================= calendar */

static void calendar_leap_years_and_month_lengths(void **state)
{
    (void)state;
    assert_true(dt_is_leap_year(2000));
    assert_true(dt_is_leap_year(2024));
    assert_true(dt_is_leap_year(4));
    assert_false(dt_is_leap_year(1900));
    assert_false(dt_is_leap_year(2100));
    assert_false(dt_is_leap_year(2026));
    assert_false(dt_is_leap_year(1));
    assert_int_equal(dt_days_in_month(2024, 2), 29);
    assert_int_equal(dt_days_in_month(2026, 2), 28);
    assert_int_equal(dt_days_in_month(1900, 2), 28);
    assert_int_equal(dt_days_in_month(2026, 1), 31);
    assert_int_equal(dt_days_in_month(2026, 4), 30);
    assert_int_equal(dt_days_in_month(2026, 12), 31);
    assert_int_equal(dt_days_in_month(2026, 0), 0);
    assert_int_equal(dt_days_in_month(2026, 13), 0);
}

static void calendar_known_tick_values(void **state)
{
    (void)state;
    assert_int_equal(DATE(1, 1, 1), 0);
    assert_int_equal(DATE(1970, 1, 1), DT_UNIX_EPOCH_TICKS);
    assert_int_equal(DATE(2000, 1, 1), INT64_C(630822816000000000));
    assert_int_equal(mk(9999, 12, 31, 23, 59, 59, 999, 9999), DT_MAX_TICKS);
    assert_int_equal(mk(1, 1, 1, 0, 0, 1, 0, 0), DT_TICKS_PER_SECOND);
    assert_int_equal(mk(1, 1, 2, 0, 0, 0, 0, 1), DT_TICKS_PER_DAY + 1);
}

static void calendar_parts_round_trip(void **state)
{
    (void)state;
    struct dt_parts p;
    dt_to_parts(sample(), &p);
    assert_int_equal(p.year, 2026);
    assert_int_equal(p.month, 11);
    assert_int_equal(p.day, 22);
    assert_int_equal(p.hour, 14);
    assert_int_equal(p.minute, 5);
    assert_int_equal(p.second, 9);
    assert_int_equal(p.millisecond, 123);
    assert_int_equal(p.sub_ms, 4567);
    assert_int_equal(p.day_of_week, 0); /* Sunday */
    assert_int_equal(p.day_of_year, 326);

    dt_to_parts(0, &p);
    assert_int_equal(p.year, 1);
    assert_int_equal(p.month, 1);
    assert_int_equal(p.day, 1);
    assert_int_equal(p.day_of_week, 1); /* 0001-01-01 was a Monday */
    assert_int_equal(p.day_of_year, 1);

    dt_to_parts(DT_MAX_TICKS, &p);
    assert_int_equal(p.year, 9999);
    assert_int_equal(p.month, 12);
    assert_int_equal(p.day, 31);
    assert_int_equal(p.hour, 23);
    assert_int_equal(p.millisecond, 999);
    assert_int_equal(p.sub_ms, 9999);
    assert_int_equal(p.day_of_week, 5); /* a Friday */
    assert_int_equal(p.day_of_year, 365);

    dt_to_parts(DATE(2024, 12, 31), &p);
    assert_int_equal(p.day_of_year, 366);
    dt_to_parts(DATE(2024, 2, 29), &p);
    assert_int_equal(p.month, 2);
    assert_int_equal(p.day, 29);
    assert_int_equal(p.day_of_week, 4); /* Thursday */
    dt_to_parts(DATE(2000, 3, 1), &p);
    assert_int_equal(p.day_of_year, 61);
    assert_int_equal(p.day_of_week, 3); /* Wednesday */

    /* every day of a 400-year cycle maps back to itself */
    for (int64_t day = 0; day < 146097 * 2; day += 37) {
        dt_to_parts(day * DT_TICKS_PER_DAY + 12345, &p);
        int64_t t;
        assert_int_equal(dt_from_parts(&p, &t), DT_OK);
        assert_int_equal(t, day * DT_TICKS_PER_DAY + 12345);
    }
}

static void calendar_from_parts_checks_ranges(void **state)
{
    (void)state;
    int64_t t = 7;
    struct dt_parts p = {2023, 2, 29, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_DATE);
    p = (struct dt_parts){0, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_DATE);
    p = (struct dt_parts){10000, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_DATE);
    p = (struct dt_parts){2026, 13, 1, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_DATE);
    p = (struct dt_parts){2026, 4, 31, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_DATE);
    p = (struct dt_parts){2026, 4, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_DATE);
    p = (struct dt_parts){2026, 4, 1, 24, 0, 0, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_TIME);
    p = (struct dt_parts){2026, 4, 1, 0, 60, 0, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_TIME);
    p = (struct dt_parts){2026, 4, 1, 0, 0, -1, 0, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_TIME);
    p = (struct dt_parts){2026, 4, 1, 0, 0, 0, 1000, 0, 0, 0};
    assert_int_equal(dt_from_parts(&p, &t), DT_E_MS);
    assert_int_equal(t, 7);
    assert_string_equal(dt_err_str(DT_E_DATE),
                        "Year, Month, and Day parameters describe an un-representable DateTime.");
    assert_string_equal(dt_err_str(DT_E_TIME),
                        "Hour, Minute, and Second parameters describe an un-representable DateTime.");
    for (int e = 0; e < DT_ERR__LAST; e++)
        assert_non_null(dt_err_str((enum dt_err)e));
}

static void calendar_add_months_clamps(void **state)
{
    (void)state;
    int64_t t;
    int64_t tod = 13 * DT_TICKS_PER_HOUR + 5;
    assert_int_equal(dt_add_months(DATE(2024, 1, 31) + tod, 1, &t), DT_OK);
    assert_int_equal(t, DATE(2024, 2, 29) + tod);
    assert_int_equal(dt_add_months(DATE(2025, 1, 31), 1, &t), DT_OK);
    assert_int_equal(t, DATE(2025, 2, 28));
    assert_int_equal(dt_add_months(DATE(2026, 3, 31), -1, &t), DT_OK);
    assert_int_equal(t, DATE(2026, 2, 28));
    assert_int_equal(dt_add_months(DATE(2026, 5, 31), 1, &t), DT_OK);
    assert_int_equal(t, DATE(2026, 6, 30));
    assert_int_equal(dt_add_months(DATE(2026, 12, 15), 1, &t), DT_OK);
    assert_int_equal(t, DATE(2027, 1, 15));
    assert_int_equal(dt_add_months(DATE(2026, 1, 15), -1, &t), DT_OK);
    assert_int_equal(t, DATE(2025, 12, 15));
    assert_int_equal(dt_add_months(DATE(2026, 1, 15), -13, &t), DT_OK);
    assert_int_equal(t, DATE(2024, 12, 15));
    assert_int_equal(dt_add_months(DATE(2026, 1, 15), 24, &t), DT_OK);
    assert_int_equal(t, DATE(2028, 1, 15));
    assert_int_equal(dt_add_months(DATE(2026, 1, 15), 0, &t), DT_OK);
    assert_int_equal(t, DATE(2026, 1, 15));
    assert_int_equal(dt_add_months(DATE(1, 1, 1), 119987, &t), DT_OK);
    assert_int_equal(t, DATE(9999, 12, 1));
    assert_int_equal(dt_add_months(DATE(9999, 12, 1), 1, &t), DT_E_ADD);
    assert_int_equal(dt_add_months(DATE(1, 1, 1), -1, &t), DT_E_ADD);
    assert_int_equal(dt_add_months(DATE(2026, 1, 1), 120001, &t), DT_E_MONTHS);
    assert_int_equal(dt_add_months(DATE(2026, 1, 1), -120001, &t), DT_E_MONTHS);

    assert_int_equal(dt_add_years(DATE(2024, 2, 29), 1, &t), DT_OK);
    assert_int_equal(t, DATE(2025, 2, 28));
    assert_int_equal(dt_add_years(DATE(2024, 2, 29), 4, &t), DT_OK);
    assert_int_equal(t, DATE(2028, 2, 29));
    assert_int_equal(dt_add_years(DATE(2024, 2, 29), -100, &t), DT_OK);
    assert_int_equal(t, DATE(1924, 2, 29));
    assert_int_equal(dt_add_years(DATE(2000, 2, 29), 100, &t), DT_OK);
    assert_int_equal(t, DATE(2100, 2, 28));
    assert_int_equal(dt_add_years(DATE(2026, 1, 1), 7973, &t), DT_OK);
    assert_int_equal(t, DATE(9999, 1, 1));
    assert_int_equal(dt_add_years(DATE(2026, 1, 1), 7974, &t), DT_E_ADD);
    assert_int_equal(dt_add_years(DATE(2026, 1, 1), -2025, &t), DT_OK);
    assert_int_equal(t, DATE(1, 1, 1));
    assert_int_equal(dt_add_years(DATE(2026, 1, 1), -2026, &t), DT_E_ADD);
    assert_int_equal(dt_add_years(DATE(2026, 1, 1), 10001, &t), DT_E_YEARS);
    assert_string_equal(dt_err_str(DT_E_ADD),
                        "The added or subtracted value results in an un-representable DateTime.");
}
/* }======================================================= */

/* {======================================================= clock and zone */

static void zone_now_is_sane(void **state)
{
    (void)state;
    int64_t now = dt_now();
    time_t t = time(NULL);
    int64_t unix_ticks = DT_UNIX_EPOCH_TICKS + (int64_t)t * DT_TICKS_PER_SECOND;
    assert_true(now >= unix_ticks - 2 * DT_TICKS_PER_SECOND);
    assert_true(now <= unix_ticks + 2 * DT_TICKS_PER_SECOND);
    set_tz("UTC0");
    int64_t local = dt_now_local();
    assert_true(local - dt_now() < DT_TICKS_PER_SECOND);
}

static void zone_utc_and_local(void **state)
{
    (void)state;
    set_tz(US_EASTERN);
    /* winter: UTC-5; summer: UTC-4 */
    int64_t u = mk(2026, 11, 22, 14, 5, 9, 123, 4567);
    assert_int_equal(dt_utc_to_local(u), mk(2026, 11, 22, 9, 5, 9, 123, 4567));
    assert_int_equal(dt_local_to_utc(mk(2026, 11, 22, 9, 5, 9, 123, 4567)), u);
    assert_int_equal(dt_utc_to_local(mk(2026, 7, 1, 12, 0, 0, 0, 0)), mk(2026, 7, 1, 8, 0, 0, 0, 0));
    assert_int_equal(dt_local_to_utc(mk(2026, 7, 1, 8, 0, 0, 0, 0)), mk(2026, 7, 1, 12, 0, 0, 0, 0));
    assert_int_equal(dt_local_offset(DATE(2026, 1, 10)), -5 * DT_TICKS_PER_HOUR);
    assert_int_equal(dt_local_offset(DATE(2026, 7, 10)), -4 * DT_TICKS_PER_HOUR);
    /* across midnight and a year */
    assert_int_equal(dt_utc_to_local(mk(2027, 1, 1, 2, 0, 0, 0, 0)), mk(2026, 12, 31, 21, 0, 0, 0, 0));
    /* the 2026 transitions: March 8 02:00 -> 03:00, November 1 02:00 -> 01:00 */
    assert_int_equal(dt_utc_to_local(mk(2026, 3, 8, 6, 59, 59, 0, 0)), mk(2026, 3, 8, 1, 59, 59, 0, 0));
    assert_int_equal(dt_utc_to_local(mk(2026, 3, 8, 7, 0, 0, 0, 0)), mk(2026, 3, 8, 3, 0, 0, 0, 0));
    /* a time in the gap and one in the overlap take the standard offset */
    assert_int_equal(dt_local_to_utc(mk(2026, 3, 8, 2, 30, 0, 0, 0)), mk(2026, 3, 8, 7, 30, 0, 0, 0));
    assert_int_equal(dt_local_to_utc(mk(2026, 11, 1, 1, 30, 0, 0, 0)), mk(2026, 11, 1, 6, 30, 0, 0, 0));
    assert_int_equal(dt_local_offset(mk(2026, 11, 1, 1, 30, 0, 0, 0)), -5 * DT_TICKS_PER_HOUR);
    /* just outside the overlap */
    assert_int_equal(dt_local_to_utc(mk(2026, 11, 1, 0, 59, 0, 0, 0)), mk(2026, 11, 1, 4, 59, 0, 0, 0));
    assert_int_equal(dt_local_to_utc(mk(2026, 11, 1, 2, 0, 0, 0, 0)), mk(2026, 11, 1, 7, 0, 0, 0, 0));
    /* kinds */
    assert_int_equal(dt_to_utc(u, DT_UTC), u);
    assert_int_equal(dt_to_utc(mk(2026, 11, 22, 9, 5, 9, 123, 4567), DT_LOCAL), u);
    assert_int_equal(dt_to_utc(mk(2026, 11, 22, 9, 5, 9, 123, 4567), DT_UNSPECIFIED), u);
    assert_int_equal(dt_to_local(u, DT_LOCAL), u);
    assert_int_equal(dt_to_local(u, DT_UTC), mk(2026, 11, 22, 9, 5, 9, 123, 4567));
    /* clamped at the ends of the calendar */
    assert_int_equal(dt_utc_to_local(0), 0);
    assert_int_equal(dt_local_to_utc(DT_MAX_TICKS), DT_MAX_TICKS);
    assert_int_equal(dt_local_to_utc(0), 5 * DT_TICKS_PER_HOUR);

    set_tz("CET-1CEST,M3.5.0,M10.5.0/3");
    assert_int_equal(dt_utc_to_local(DATE(2026, 1, 1)), mk(2026, 1, 1, 1, 0, 0, 0, 0));
    assert_int_equal(dt_local_offset(DATE(2026, 7, 1)), 2 * DT_TICKS_PER_HOUR);
    set_tz("UTC0");
    assert_int_equal(dt_utc_to_local(u), u);
    assert_int_equal(dt_local_offset(u), 0);
}
/* }======================================================= */

/* {======================================================= DateTime.ToString */

static void format_default_tostring(void **state)
{
    (void)state;
    int64_t t = mk(2026, 11, 22, 14, 5, 9, 0, 0);
    US(t, NULL, "11/22/2026 2:05:09 PM");
    US(t, "", "11/22/2026 2:05:09 PM");
    INV(t, NULL, "11/22/2026 14:05:09");
    US(DATE(2026, 1, 5), NULL, "1/5/2026 12:00:00 AM");
    INV(DATE(2026, 1, 5), NULL, "01/05/2026 00:00:00");
    US(0, NULL, "1/1/0001 12:00:00 AM");
    US(DT_MAX_TICKS, NULL, "12/31/9999 11:59:59 PM");
    US(mk(2026, 7, 4, 12, 0, 0, 0, 0), NULL, "7/4/2026 12:00:00 PM");
    US(mk(2026, 7, 4, 0, 30, 0, 0, 0), NULL, "7/4/2026 12:30:00 AM");
}

static void format_standard_en_us(void **state)
{
    (void)state;
    set_tz(US_EASTERN);
    int64_t t = sample();
    US(t, "d", "11/22/2026");
    US(t, "D", "Sunday, November 22, 2026");
    US(t, "f", "Sunday, November 22, 2026 2:05 PM");
    US(t, "F", "Sunday, November 22, 2026 2:05:09 PM");
    US(t, "g", "11/22/2026 2:05 PM");
    US(t, "G", "11/22/2026 2:05:09 PM");
    US(t, "M", "November 22");
    US(t, "m", "November 22");
    US(t, "o", "2026-11-22T14:05:09.1234567");
    US(t, "O", "2026-11-22T14:05:09.1234567");
    US(t, "r", "Sun, 22 Nov 2026 14:05:09 GMT");
    US(t, "R", "Sun, 22 Nov 2026 14:05:09 GMT");
    US(t, "s", "2026-11-22T14:05:09");
    US(t, "t", "2:05 PM");
    US(t, "T", "2:05:09 PM");
    US(t, "u", "2026-11-22 14:05:09Z");
    US(t, "y", "November 2026");
    US(t, "Y", "November 2026");
    /* o and U depend on the kind */
    FMT(t, DT_UTC, "o", DT_EN_US, "2026-11-22T14:05:09.1234567Z");
    FMT(t, DT_LOCAL, "o", DT_EN_US, "2026-11-22T14:05:09.1234567-05:00");
    FMT(mk(2026, 6, 1, 8, 0, 0, 0, 0), DT_LOCAL, "o", DT_EN_US,
        "2026-06-01T08:00:00.0000000-04:00");
    FMT(t, DT_UTC, "U", DT_EN_US, "Sunday, November 22, 2026 2:05:09 PM");
    FMT(t, DT_LOCAL, "U", DT_EN_US, "Sunday, November 22, 2026 7:05:09 PM");
    FMT(t, DT_UNSPECIFIED, "U", DT_EN_US, "Sunday, November 22, 2026 7:05:09 PM");
    /* r and u do not convert */
    FMT(t, DT_LOCAL, "r", DT_EN_US, "Sun, 22 Nov 2026 14:05:09 GMT");
    FMT(t, DT_LOCAL, "u", DT_EN_US, "2026-11-22 14:05:09Z");
    /* short fields stay short */
    US(mk(2026, 3, 5, 9, 7, 3, 0, 0), "G", "3/5/2026 9:07:03 AM");
    US(mk(2026, 3, 5, 9, 7, 3, 0, 0), "D", "Thursday, March 5, 2026");
    US(mk(2026, 3, 5, 9, 7, 3, 0, 0), "M", "March 5");
    set_tz("UTC0");
}

static void format_standard_invariant(void **state)
{
    (void)state;
    int64_t t = sample();
    INV(t, "d", "11/22/2026");
    INV(t, "D", "Sunday, 22 November 2026");
    INV(t, "f", "Sunday, 22 November 2026 14:05");
    INV(t, "F", "Sunday, 22 November 2026 14:05:09");
    INV(t, "g", "11/22/2026 14:05");
    INV(t, "G", "11/22/2026 14:05:09");
    INV(t, "M", "November 22");
    INV(t, "t", "14:05");
    INV(t, "T", "14:05:09");
    INV(t, "y", "2026 November");
    INV(t, "s", "2026-11-22T14:05:09");
    INV(mk(2026, 3, 5, 9, 7, 3, 0, 0), "G", "03/05/2026 09:07:03");
    INV(mk(2026, 3, 5, 9, 7, 3, 0, 0), "D", "Thursday, 05 March 2026");
    INV(mk(2026, 3, 5, 9, 7, 3, 0, 0), "M", "March 05");
}

static void format_custom_day_month_year(void **state)
{
    (void)state;
    int64_t t = sample();
    US(t, "%d", "22");
    US(DATE(2026, 3, 5), "%d", "5");
    US(DATE(2026, 3, 5), "dd", "05");
    US(t, "ddd", "Sun");
    US(t, "dddd", "Sunday");
    US(t, "ddddd", "Sunday");
    US(DATE(2026, 3, 5), "%M", "3");
    US(DATE(2026, 3, 5), "MM", "03");
    US(t, "MMM", "Nov");
    US(t, "MMMM", "November");
    US(DATE(2026, 9, 1), "MMM MMMM", "Sep September");
    US(DATE(2009, 6, 1), "%y", "9");
    US(DATE(2009, 6, 1), "yy", "09");
    US(DATE(2009, 6, 1), "yyy", "2009");
    US(DATE(2009, 6, 1), "yyyy", "2009");
    US(DATE(2009, 6, 1), "yyyyy", "02009");
    US(DATE(1, 1, 1), "yyy", "001");
    US(DATE(1, 1, 1), "yyyy", "0001");
    US(DATE(1, 1, 1), "%y", "1");
    US(DATE(2000, 1, 1), "yy", "00");
    US(DATE(9999, 12, 31), "dddd, MMMM d, yyyy", "Friday, December 31, 9999");
    US(t, "%g", "A.D.");
    US(t, "gg yyyy", "A.D. 2026");
    static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};
    for (int i = 0; i < 7; i++)
        US(DATE(2026, 11, 22 + i), "dddd", days[i]);
    static const char *const mons[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; i++)
        US(DATE(2026, i + 1, 1), "MMM", mons[i]);
}

static void format_custom_time(void **state)
{
    (void)state;
    int64_t t = sample();
    US(t, "%h", "2");
    US(t, "hh", "02");
    US(t, "hhh", "02");
    US(t, "%H", "14");
    US(t, "HH", "14");
    US(t, "%m", "5");
    US(t, "mm", "05");
    US(t, "%s", "9");
    US(t, "ss", "09");
    US(t, "%t", "P");
    US(t, "tt", "PM");
    US(t, "h:mm:ss tt", "2:05:09 PM");
    US(t, "HH:mm:ss", "14:05:09");
    US(DATE(2026, 1, 1), "h tt", "12 AM");
    US(DATE(2026, 1, 1), "HH:mm", "00:00");
    US(mk(2026, 1, 1, 12, 0, 0, 0, 0), "h tt", "12 PM");
    US(mk(2026, 1, 1, 11, 59, 0, 0, 0), "h:mm tt", "11:59 AM");
    US(mk(2026, 1, 1, 23, 59, 0, 0, 0), "hh:mm t", "11:59 P");
    US(mk(2026, 1, 1, 9, 0, 0, 0, 0), "%t", "A");
}

static void format_custom_fractions(void **state)
{
    (void)state;
    int64_t t = sample(); /* .1234567 */
    US(t, "%f", "1");
    US(t, "ff", "12");
    US(t, "fff", "123");
    US(t, "ffff", "1234");
    US(t, "fffff", "12345");
    US(t, "ffffff", "123456");
    US(t, "fffffff", "1234567");
    US(t, "%F", "1");
    US(t, "FFFFFFF", "1234567");
    int64_t h = mk(2026, 1, 1, 0, 0, 9, 100, 0); /* .1000000 */
    US(h, "ss.fff", "09.100");
    US(h, "ss.FFF", "09.1");
    US(h, "ss.FFFFFFF", "09.1");
    int64_t z = mk(2026, 1, 1, 0, 0, 9, 0, 0);
    US(z, "ss.fff", "09.000");
    US(z, "ss.FFF", "09");       /* no fraction: the point goes too */
    US(z, "ss,FFF", "09,");      /* only a point is dropped */
    US(z, "FFF", "");
    US(mk(2026, 1, 1, 0, 0, 9, 0, 5), "ss.FFFF", "09");
    US(mk(2026, 1, 1, 0, 0, 9, 0, 5), "ss.fffffff", "09.0000005");
    US(mk(2026, 1, 1, 0, 0, 9, 0, 5), "ss.FFFFFFF", "09.0000005");
    /* a point before the text handed in stays */
    struct buf b = BUF_INIT;
    buf_puts(&b, "x.");
    assert_int_equal(dt_format(&b, z, DT_UNSPECIFIED, "FFF", DT_EN_US), DT_OK);
    assert_string_equal(buf_cstr(&b), "x.");
    buf_release(&b);
}

static void format_custom_zones(void **state)
{
    (void)state;
    set_tz(US_EASTERN);
    int64_t w = sample(), s = mk(2026, 6, 1, 8, 0, 0, 0, 0);
    FMT(w, DT_LOCAL, "%z", DT_EN_US, "-5");
    FMT(w, DT_LOCAL, "zz", DT_EN_US, "-05");
    FMT(w, DT_LOCAL, "zzz", DT_EN_US, "-05:00");
    FMT(w, DT_LOCAL, "zzzz", DT_EN_US, "-05:00");
    FMT(s, DT_LOCAL, "zzz", DT_EN_US, "-04:00");
    FMT(w, DT_UNSPECIFIED, "zzz", DT_EN_US, "-05:00");
    FMT(w, DT_UTC, "zzz", DT_EN_US, "-05:00"); /* .NET uses the local offset even here */
    FMT(w, DT_LOCAL, "%K", DT_EN_US, "-05:00");
    FMT(w, DT_UTC, "%K", DT_EN_US, "Z");
    FMT(w, DT_UNSPECIFIED, "[K]", DT_EN_US, "[]");
    set_tz("CET-1CEST,M3.5.0,M10.5.0/3");
    FMT(w, DT_LOCAL, "%z", DT_EN_US, "+1");
    FMT(w, DT_LOCAL, "zzz", DT_EN_US, "+01:00");
    set_tz("IST-5:30");
    FMT(w, DT_LOCAL, "zzz", DT_EN_US, "+05:30");
    FMT(w, DT_LOCAL, "zz", DT_EN_US, "+05");
    set_tz("UTC0");
    FMT(w, DT_LOCAL, "zzz", DT_EN_US, "+00:00");
    FMT(w, DT_LOCAL, "%z", DT_EN_US, "+0");
}

static void format_custom_literals(void **state)
{
    (void)state;
    int64_t t = sample();
    US(t, "yyyy'-'MM'-'dd", "2026-11-22");
    US(t, "\"Day\" d", "Day 22");
    US(t, "'Day' d", "Day 22");
    US(t, "\\d d", "d 22");
    US(t, "'It''s' h", "Its 2");
    US(t, "'a\\'b' d", "a'b 22");
    US(t, "yyyy/MM/dd HH:mm", "2026/11/22 14:05");
    US(t, "dd.MM.yyyy", "22.11.2026");
    US(t, "[x] d", "[x] 22");
    US(t, "%d d", "22 22");
}

static void format_errors(void **state)
{
    (void)state;
    FMT_FAILS("Q", DT_E_FORMAT);
    FMT_FAILS("h", DT_E_FORMAT);
    FMT_FAILS("x", DT_E_FORMAT);
    FMT_FAILS("%", DT_E_FORMAT);
    FMT_FAILS("%%", DT_E_FORMAT);
    FMT_FAILS("d%", DT_E_FORMAT);
    FMT_FAILS("dd\\", DT_E_FORMAT);
    FMT_FAILS("ffffffff", DT_E_FORMAT);
    FMT_FAILS("FFFFFFFF", DT_E_FORMAT);
    FMT_FAILS("'abc", DT_E_QUOTE1);
    FMT_FAILS("d \"abc", DT_E_QUOTE2);
    FMT_FAILS("'abc\\", DT_E_FORMAT);
    assert_string_equal(dt_err_str(DT_E_FORMAT), "Input string was not in a correct format.");
    assert_string_equal(dt_err_str(DT_E_QUOTE1),
                        "Cannot find a matching quote character for the character '''.");
    assert_string_equal(dt_err_str(DT_E_QUOTE2),
                        "Cannot find a matching quote character for the character '\"'.");
}
/* }======================================================= */

/* {======================================================= DateTime.Parse */

#define TODAY DATE(2026, 11, 22)

#define PARSES(text, kind_want, ticks_want)                                                        \
    do {                                                                                           \
        int64_t t_ = -1;                                                                           \
        enum dt_kind k_ = DT_UTC;                                                                  \
        assert_int_equal(dt_parse_at((text), strlen(text), TODAY, &t_, &k_), DT_OK);               \
        assert_int_equal(t_, (ticks_want));                                                        \
        assert_int_equal(k_, (kind_want));                                                         \
    } while (0)

#define REJECTS(text, err)                                                                         \
    do {                                                                                           \
        int64_t t_ = -1;                                                                           \
        enum dt_kind k_ = DT_UTC;                                                                  \
        assert_int_equal(dt_parse_at((text), strlen(text), TODAY, &t_, &k_), (err));               \
        assert_int_equal(t_, -1);                                                                  \
    } while (0)

static void parse_iso_8601(void **state)
{
    (void)state;
    set_tz(US_EASTERN);
    PARSES("2026-11-22", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("2026-11-22T10:00", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 0, 0, 0, 0));
    PARSES("2026-11-22T10:00:05", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 0, 5, 0, 0));
    PARSES("2026-11-22T10:00:05.5", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 0, 5, 500, 0));
    PARSES("2026-11-22T10:00:05.1234567", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 0, 5, 123, 4567));
    PARSES("2026-11-22T10:00:05.12345678", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 0, 5, 123, 4568));
    PARSES("2026-11-22 14:05", DT_UNSPECIFIED, mk(2026, 11, 22, 14, 5, 0, 0, 0));
    PARSES("2026-11-22 14:05:09", DT_UNSPECIFIED, mk(2026, 11, 22, 14, 5, 9, 0, 0));
    PARSES("2026/11/22", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("2026-11", DT_UNSPECIFIED, DATE(2026, 11, 1));
    PARSES("0001-01-01", DT_UNSPECIFIED, 0);
    PARSES("9999-12-31T23:59:59.9999999", DT_UNSPECIFIED, DT_MAX_TICKS);
    /* an offset or Z: local time of kind Local */
    PARSES("2026-11-22T10:00:00Z", DT_LOCAL, mk(2026, 11, 22, 5, 0, 0, 0, 0));
    PARSES("2026-11-22T10:00:00.5Z", DT_LOCAL, mk(2026, 11, 22, 5, 0, 0, 500, 0));
    PARSES("2026-11-22T10:00:00+02:00", DT_LOCAL, mk(2026, 11, 22, 3, 0, 0, 0, 0));
    PARSES("2026-11-22T10:00:00-05:00", DT_LOCAL, mk(2026, 11, 22, 10, 0, 0, 0, 0));
    PARSES("2026-11-22T10:00:00-0500", DT_LOCAL, mk(2026, 11, 22, 10, 0, 0, 0, 0));
    PARSES("2026-11-22T10:00:00+01", DT_LOCAL, mk(2026, 11, 22, 4, 0, 0, 0, 0));
    PARSES("2026-07-01T12:00:00Z", DT_LOCAL, mk(2026, 7, 1, 8, 0, 0, 0, 0));
    PARSES("2026-11-22 10:00 +05:30", DT_LOCAL, mk(2026, 11, 22, 23, 30, 0, 0, 0) - DT_TICKS_PER_DAY);
    set_tz("UTC0");
}

static void parse_us_style(void **state)
{
    (void)state;
    PARSES("11/22/2026", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("1/5/2026", DT_UNSPECIFIED, DATE(2026, 1, 5));
    PARSES("01/05/2026", DT_UNSPECIFIED, DATE(2026, 1, 5));
    PARSES("11/22/2026 2:05:09 PM", DT_UNSPECIFIED, mk(2026, 11, 22, 14, 5, 9, 0, 0));
    PARSES("11/22/2026 14:05:09", DT_UNSPECIFIED, mk(2026, 11, 22, 14, 5, 9, 0, 0));
    PARSES("11/22/2026 12:00:00 AM", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("11/22/2026 12:30 PM", DT_UNSPECIFIED, mk(2026, 11, 22, 12, 30, 0, 0, 0));
    PARSES("11/22/2026 12:30 am", DT_UNSPECIFIED, mk(2026, 11, 22, 0, 30, 0, 0, 0));
    PARSES("11/22/2026 13:00 PM", DT_UNSPECIFIED, mk(2026, 11, 22, 13, 0, 0, 0, 0));
    PARSES("11-22-2026", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("11/22/26", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("1/1/29", DT_UNSPECIFIED, DATE(2029, 1, 1));
    PARSES("1/1/30", DT_UNSPECIFIED, DATE(1930, 1, 1));
    PARSES("2/29/2024", DT_UNSPECIFIED, DATE(2024, 2, 29));
    PARSES("11/22", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("3/7", DT_UNSPECIFIED, DATE(2026, 3, 7));
    PARSES("  11/22/2026  ", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("10:00 11/22/2026", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 0, 0, 0, 0));
}

static void parse_month_names(void **state)
{
    (void)state;
    set_tz(US_EASTERN);
    PARSES("22 November 2026", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("November 22, 2026", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("Nov 22, 2026 10:00", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 0, 0, 0, 0));
    PARSES("nov 22 2026", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("22-Nov-2026", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("2026 November 22", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("November 2026", DT_UNSPECIFIED, DATE(2026, 11, 1));
    PARSES("March 5", DT_UNSPECIFIED, DATE(2026, 3, 5));
    PARSES("5 Mar", DT_UNSPECIFIED, DATE(2026, 3, 5));
    PARSES("Sunday, November 22, 2026", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("Sunday, November 22, 2026 2:05:09 PM", DT_UNSPECIFIED, mk(2026, 11, 22, 14, 5, 9, 0, 0));
    PARSES("Sun, 22 Nov 2026 14:05:09 GMT", DT_LOCAL, mk(2026, 11, 22, 9, 5, 9, 0, 0));
    PARSES("Dec 31, 9999", DT_UNSPECIFIED, DATE(9999, 12, 31));
    REJECTS("Monday, November 22, 2026", DT_E_DAY_OF_WEEK);
    REJECTS("November", DT_E_PARSE);
    REJECTS("November December 2026", DT_E_PARSE);
    set_tz("UTC0");
}

static void parse_time_only_is_today(void **state)
{
    (void)state;
    PARSES("10:30", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 30, 0, 0, 0));
    PARSES("10:30:15", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 30, 15, 0, 0));
    PARSES("10:30:15.25", DT_UNSPECIFIED, mk(2026, 11, 22, 10, 30, 15, 250, 0));
    PARSES("2:05 PM", DT_UNSPECIFIED, mk(2026, 11, 22, 14, 5, 0, 0, 0));
    PARSES("12:00 AM", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("12:00 PM", DT_UNSPECIFIED, mk(2026, 11, 22, 12, 0, 0, 0, 0));
    PARSES("10 PM", DT_UNSPECIFIED, mk(2026, 11, 22, 22, 0, 0, 0, 0));
    PARSES("0:00", DT_UNSPECIFIED, DATE(2026, 11, 22));
    PARSES("23:59:59", DT_UNSPECIFIED, mk(2026, 11, 22, 23, 59, 59, 0, 0));
    /* the real clock: the date is today's */
    int64_t t, now = dt_now_local();
    enum dt_kind k;
    assert_int_equal(dt_parse("12:00", 5, &t, &k), DT_OK);
    assert_true(t / DT_TICKS_PER_DAY == now / DT_TICKS_PER_DAY ||
                t / DT_TICKS_PER_DAY == dt_now_local() / DT_TICKS_PER_DAY);
    assert_int_equal(t % DT_TICKS_PER_DAY, 12 * DT_TICKS_PER_HOUR);
}

static void parse_rejects_garbage(void **state)
{
    (void)state;
    REJECTS("", DT_E_PARSE);
    REJECTS("   ", DT_E_PARSE);
    REJECTS("garbage", DT_E_PARSE);
    REJECTS("2026", DT_E_PARSE);
    REJECTS("20261122", DT_E_PARSE);
    REJECTS("13/01/2026", DT_E_PARSE);
    REJECTS("22/11/2026", DT_E_PARSE);
    REJECTS("2/29/2026", DT_E_PARSE);
    REJECTS("2026-02-30", DT_E_PARSE);
    REJECTS("2026-11-22T", DT_E_PARSE);
    REJECTS("11/22/2026 24:00", DT_E_PARSE);
    REJECTS("11/22/2026 10:60", DT_E_PARSE);
    REJECTS("11/22/2026 10:00:60", DT_E_PARSE);
    REJECTS("11/22/2026 13:00 AM", DT_E_PARSE);
    REJECTS("10:00 13:00", DT_E_PARSE);
    REJECTS("10:00 AM PM", DT_E_PARSE);
    REJECTS("1/2/3/4", DT_E_PARSE);
    REJECTS("11/22/2026 @ 10:00", DT_E_PARSE);
    REJECTS("11/22/2026 10:00 XYZ", DT_E_PARSE);
    REJECTS("2026-11-22T10:00:00+15:00", DT_E_PARSE);
    REJECTS("11/22/20260", DT_E_PARSE);
    REJECTS("0000-01-01", DT_E_PARSE);
    REJECTS("AM", DT_E_PARSE);
    REJECTS(":", DT_E_PARSE);
    REJECTS("2026-11-22Z Z", DT_E_PARSE);
    /* a UTC time that falls outside the calendar once converted */
    set_tz(US_EASTERN);
    REJECTS("0001-01-01T00:00:00+01:00", DT_E_PARSE);
    set_tz("UTC0");
    assert_string_equal(dt_err_str(DT_E_PARSE), "String was not recognized as a valid DateTime.");
}

static void parse_exact_custom(void **state)
{
    (void)state;
    int64_t t = -1;
    enum dt_kind k = DT_UTC;
#define EXACT(s, f, want)                                                                          \
    do {                                                                                           \
        t = -1;                                                                                    \
        assert_int_equal(dt_parse_exact((s), strlen(s), (f), DT_INVARIANT, &t, &k), DT_OK);        \
        assert_int_equal(t, (want));                                                               \
    } while (0)
#define EXACT_FAILS(s, f, err)                                                                     \
    assert_int_equal(dt_parse_exact((s), strlen(s), (f), DT_INVARIANT, &t, &k), (err))

    EXACT("22.11.2026", "dd.MM.yyyy", DATE(2026, 11, 22));
    assert_int_equal(k, DT_UNSPECIFIED);
    EXACT("2026-11-22 14:05:09.123", "yyyy-MM-dd HH:mm:ss.fff", mk(2026, 11, 22, 14, 5, 9, 123, 0));
    EXACT("02:05 PM 11/22/2026", "hh:mm tt MM/dd/yyyy", mk(2026, 11, 22, 14, 5, 0, 0, 0));
    EXACT("12:05 AM 11/22/2026", "hh:mm tt MM/dd/yyyy", mk(2026, 11, 22, 0, 5, 0, 0, 0));
    EXACT("12:05 PM 11/22/2026", "h:mm tt MM/dd/yyyy", mk(2026, 11, 22, 12, 5, 0, 0, 0));
    EXACT("5/3/2026", "M/d/yyyy", DATE(2026, 5, 3));
    EXACT("05/03/2026", "M/d/yyyy", DATE(2026, 5, 3));
    EXACT("Nov 2026", "MMM yyyy", DATE(2026, 11, 1));
    EXACT("2026", "yyyy", DATE(2026, 1, 1));
    EXACT("Sunday 22 November 2026", "dddd dd MMMM yyyy", DATE(2026, 11, 22));
    EXACT("Sun 22 nov 26", "ddd dd MMM yy", DATE(2026, 11, 22));
    EXACT("2026-11-22 10:00:00", "yyyy-MM-dd HH:mm:ss.FFF", mk(2026, 11, 22, 10, 0, 0, 0, 0));
    EXACT("2026-11-22 10:00:00.5", "yyyy-MM-dd HH:mm:ss.FFF", mk(2026, 11, 22, 10, 0, 0, 500, 0));
    EXACT("2026-11-22 14 PM", "yyyy-MM-dd HH tt", mk(2026, 11, 22, 14, 0, 0, 0, 0));
    EXACT("2026-11-22T14", "yyyy-MM-dd'T'HH", mk(2026, 11, 22, 14, 0, 0, 0, 0));
    EXACT("at 2026.11.22", "'at' yyyy.MM.dd", DATE(2026, 11, 22));
    EXACT("6 2026-11-22", "%H yyyy-MM-dd", mk(2026, 11, 22, 6, 0, 0, 0, 0));
    EXACT("20261122", "yyyyMMdd", DATE(2026, 11, 22));
    EXACT("11/22/2026", "d", DATE(2026, 11, 22));
    EXACT("11/22/2026 14:05:09", "G", mk(2026, 11, 22, 14, 5, 9, 0, 0));
    EXACT("2026-11-22T14:05:09", "s", mk(2026, 11, 22, 14, 5, 9, 0, 0));
    EXACT("2026-11-22 14:05:09Z", "u", mk(2026, 11, 22, 14, 5, 9, 0, 0));
    assert_int_equal(k, DT_UNSPECIFIED);
    assert_int_equal(dt_parse_exact("11/22/2026 2:05 PM", 18, "g", DT_EN_US, &t, &k), DT_OK);
    assert_int_equal(t, mk(2026, 11, 22, 14, 5, 0, 0, 0));

    set_tz(US_EASTERN);
    EXACT("2026-11-22T14:05:09.0000000Z", "o", mk(2026, 11, 22, 9, 5, 9, 0, 0));
    assert_int_equal(k, DT_LOCAL);
    EXACT("2026-11-22T14:05:09.0000000", "o", mk(2026, 11, 22, 14, 5, 9, 0, 0));
    assert_int_equal(k, DT_UNSPECIFIED);
    EXACT("2026-11-22 10:00 +02:00", "yyyy-MM-dd HH:mm zzz", mk(2026, 11, 22, 3, 0, 0, 0, 0));
    assert_int_equal(k, DT_LOCAL);
    EXACT("2026-11-22 10:00 -5", "yyyy-MM-dd HH:mm z", mk(2026, 11, 22, 10, 0, 0, 0, 0));
    set_tz("UTC0");

    /* a time alone is today */
    int64_t now = dt_now_local();
    EXACT_FAILS("14:05:09", "HH:mm:ss", DT_OK);
    assert_true(t / DT_TICKS_PER_DAY == now / DT_TICKS_PER_DAY ||
                t / DT_TICKS_PER_DAY == dt_now_local() / DT_TICKS_PER_DAY);
    assert_int_equal(t % DT_TICKS_PER_DAY, mk(1, 1, 1, 14, 5, 9, 0, 0));

    EXACT_FAILS("2026-11-22", "yyyy-MM-dd HH", DT_E_PARSE);
    EXACT_FAILS("2026-11-22x", "yyyy-MM-dd", DT_E_PARSE);
    EXACT_FAILS("2026-13-01", "yyyy-MM-dd", DT_E_PARSE);
    EXACT_FAILS("2026-02-29", "yyyy-MM-dd", DT_E_PARSE);
    EXACT_FAILS("2026-1-01", "yyyy-MM-dd", DT_E_PARSE);
    EXACT_FAILS("26-11-22", "yyyy-MM-dd", DT_E_PARSE);
    EXACT_FAILS("14 AM", "HH tt", DT_E_PARSE);
    EXACT_FAILS("13 PM", "hh tt", DT_E_PARSE);
    EXACT_FAILS("Monday 22 November 2026", "dddd dd MMMM yyyy", DT_E_DAY_OF_WEEK);
    EXACT_FAILS("2026.11.22", "yyyy-MM-dd", DT_E_PARSE);
    EXACT_FAILS(" 2026-11-22", "yyyy-MM-dd", DT_E_PARSE);
    EXACT_FAILS("2026", "Q", DT_E_FORMAT);
    EXACT_FAILS("2026", "", DT_E_FORMAT);
    EXACT_FAILS("2026", "'yyyy", DT_E_QUOTE1);
    EXACT_FAILS("2026", "yyyy%", DT_E_FORMAT);
    EXACT_FAILS("10.12345678", "ss.ffffffff", DT_E_PARSE);
#undef EXACT
#undef EXACT_FAILS
}
/* }======================================================= */

/* {======================================================= TimeSpan */

static int64_t span(int d, int h, int m, int s, int ms)
{
    int64_t t = 0;
    assert_int_equal(ts_from_parts(d, h, m, s, ms, &t), DT_OK);
    return t;
}

#define TS(ticks, fmt, want)                                                                       \
    do {                                                                                           \
        struct buf b_ = BUF_INIT;                                                                  \
        assert_int_equal(ts_format(&b_, (ticks), (fmt)), DT_OK);                                   \
        assert_string_equal(buf_cstr(&b_), (want));                                                \
        buf_release(&b_);                                                                          \
    } while (0)

#define TS_FAILS(fmt, err)                                                                         \
    do {                                                                                           \
        struct buf b_ = BUF_INIT;                                                                  \
        buf_puts(&b_, "keep");                                                                     \
        assert_int_equal(ts_format(&b_, span(1, 2, 3, 4, 500), (fmt)), (err));                     \
        assert_string_equal(buf_cstr(&b_), "keep");                                                \
        buf_release(&b_);                                                                          \
    } while (0)

static void timespan_components(void **state)
{
    (void)state;
    int64_t t = span(1, 2, 3, 4, 500);
    assert_int_equal(t, DT_TICKS_PER_DAY + 2 * DT_TICKS_PER_HOUR + 3 * DT_TICKS_PER_MINUTE +
                            4 * DT_TICKS_PER_SECOND + 500 * DT_TICKS_PER_MS);
    assert_int_equal(ts_days(t), 1);
    assert_int_equal(ts_hours(t), 2);
    assert_int_equal(ts_minutes(t), 3);
    assert_int_equal(ts_seconds(t), 4);
    assert_int_equal(ts_milliseconds(t), 500);
    assert_int_equal(ts_days(-t), -1);
    assert_int_equal(ts_hours(-t), -2);
    assert_int_equal(ts_milliseconds(-t), -500);
    assert_int_equal(span(0, 0, 0, 0, 0), 0);
    assert_int_equal(span(0, 25, 0, 0, 0), DT_TICKS_PER_DAY + DT_TICKS_PER_HOUR);
    assert_int_equal(span(0, 0, -90, 0, 0), -90 * DT_TICKS_PER_MINUTE);
    assert_int_equal(span(10675199, 2, 48, 5, 477), INT64_MAX - 5807);
    int64_t o = 3;
    assert_int_equal(ts_from_parts(10675199, 2, 48, 5, 478, &o), DT_E_TS_OVERFLOW);
    assert_int_equal(ts_from_parts(2147483647, 0, 0, 0, 0, &o), DT_E_TS_OVERFLOW);
    assert_int_equal(o, 3);
    assert_string_equal(dt_err_str(DT_E_TS_OVERFLOW),
                        "TimeSpan overflowed because the duration is too long.");
}

/* Within a few units in the last place: .NET multiplies by a reciprocal. */
#define NEAR(x, y) assert_true((x) - (y) < 1e-12 * ((y) < 0 ? -(y) : (y)) + 1e-300 && \
                               (y) - (x) < 1e-12 * ((y) < 0 ? -(y) : (y)) + 1e-300)

static void timespan_totals(void **state)
{
    (void)state;
    NEAR(ts_total_hours(90 * DT_TICKS_PER_MINUTE), 1.5);
    NEAR(ts_total_days(12 * DT_TICKS_PER_HOUR), 0.5);
    NEAR(ts_total_minutes(90 * DT_TICKS_PER_SECOND), 1.5);
    NEAR(ts_total_seconds(2500 * DT_TICKS_PER_MS), 2.5);
    NEAR(ts_total_days(-36 * DT_TICKS_PER_HOUR), -1.5);
    assert_true(ts_total_milliseconds(DT_TICKS_PER_SECOND) == 1000.0);
    assert_true(ts_total_milliseconds(-DT_TICKS_PER_SECOND) == -1000.0);
    assert_true(ts_total_milliseconds(1) == 1.0 / 10000);
    NEAR(ts_total_days(7 * DT_TICKS_PER_DAY), 7.0);
    assert_true(ts_total_milliseconds(INT64_MAX) == 922337203685477.0);
    assert_true(ts_total_milliseconds(INT64_MIN) == -922337203685477.0);
}

static void timespan_format_constant(void **state)
{
    (void)state;
    TS(span(7, 0, 0, 0, 0), NULL, "7.00:00:00");
    TS(span(0, 0, 5, 0, 0), NULL, "00:05:00");
    TS(span(1, 2, 3, 4, 500), NULL, "1.02:03:04.5000000");
    TS(span(1, 12, 23, 62, 0), "c", "1.12:24:02");
    TS(span(0, -1, -30, 0, 0), "", "-01:30:00");
    TS(0, "c", "00:00:00");
    TS(1, "t", "00:00:00.0000001");
    TS(-1, "T", "-00:00:00.0000001");
    TS(INT64_MAX, "c", "10675199.02:48:05.4775807");
    TS(INT64_MIN, "c", "-10675199.02:48:05.4775808");
    TS(span(365, 0, 0, 0, 0), NULL, "365.00:00:00");
}

static void timespan_format_general(void **state)
{
    (void)state;
    TS(span(1, 2, 3, 4, 500), "g", "1:2:03:04.5");
    TS(span(0, 0, 5, 0, 0), "g", "0:05:00");
    TS(span(0, -1, -30, 0, 0), "g", "-1:30:00");
    TS(span(0, 18, 30, 0, 0), "g", "18:30:00");
    TS(span(0, 0, 0, 0, 1), "g", "0:00:00.001");
    TS(span(1, 2, 3, 4, 500), "G", "1:02:03:04.5000000");
    TS(0, "G", "0:00:00:00.0000000");
    TS(span(0, -1, -30, 0, 0), "G", "-0:01:30:00.0000000");
    TS(INT64_MAX, "G", "10675199:02:48:05.4775807");
}

static void timespan_format_custom(void **state)
{
    (void)state;
    int64_t t = span(1, 2, 3, 4, 500);
    TS(t, "hh\\:mm\\:ss", "02:03:04");
    TS(t, "d\\.hh", "1.02");
    TS(t, "%d", "1");
    TS(t, "dd", "01");
    TS(t, "dddd", "0001");
    TS(t, "dddddddd", "00000001");
    TS(t, "%h", "2");
    TS(t, "%m", "3");
    TS(t, "%s", "4");
    TS(t, "ss\\.fff", "04.500");
    TS(t, "ss\\.FFF", "04.5");
    TS(t, "%f", "5");
    TS(t, "fffffff", "5000000");
    TS(t, "FFFFFFF", "5");
    TS(span(0, 0, 0, 4, 0), "ss\\.FFF", "04.");
    TS(t, "'Elapsed: 'hh\\h", "Elapsed: 02h");
    TS(t, "\"d=\"d", "d=1");
    TS(span(0, -1, -30, 0, 0), "hh\\:mm", "01:30");
    TS(span(123, 0, 0, 0, 0), "%d", "123");
}

static void timespan_format_errors(void **state)
{
    (void)state;
    TS_FAILS("x", DT_E_FORMAT);
    TS_FAILS("hh:mm", DT_E_FORMAT);
    TS_FAILS("hh mm", DT_E_FORMAT);
    TS_FAILS("hhh", DT_E_FORMAT);
    TS_FAILS("mmm", DT_E_FORMAT);
    TS_FAILS("sss", DT_E_FORMAT);
    TS_FAILS("ffffffff", DT_E_FORMAT);
    TS_FAILS("ddddddddd", DT_E_FORMAT);
    TS_FAILS("%", DT_E_FORMAT);
    TS_FAILS("%%", DT_E_FORMAT);
    TS_FAILS("hh\\", DT_E_FORMAT);
    TS_FAILS("'abc", DT_E_QUOTE1);
    TS_FAILS("\"abc", DT_E_QUOTE2);
}

#define TS_PARSES(text, want)                                                                      \
    do {                                                                                           \
        int64_t t_ = 42;                                                                           \
        assert_int_equal(ts_parse((text), strlen(text), &t_), DT_OK);                              \
        assert_int_equal(t_, (want));                                                              \
    } while (0)

#define TS_REJECTS(text, err)                                                                      \
    do {                                                                                           \
        int64_t t_ = 42;                                                                           \
        assert_int_equal(ts_parse((text), strlen(text), &t_), (err));                              \
        assert_int_equal(t_, 42);                                                                  \
    } while (0)

static void timespan_parse(void **state)
{
    (void)state;
    /* the TimeSpan.Parse examples */
    TS_PARSES("6", span(6, 0, 0, 0, 0));
    TS_PARSES("6:12", span(0, 6, 12, 0, 0));
    TS_PARSES("6:12:14", span(0, 6, 12, 14, 0));
    TS_PARSES("6:12:14:45", span(6, 12, 14, 45, 0));
    TS_PARSES("6.12:14:45", span(6, 12, 14, 45, 0));
    TS_PARSES("6:12:14:45.3448", span(6, 12, 14, 45, 0) + 3448000);
    TS_REJECTS("6:12:14:45,3448", DT_E_TS_PARSE);
    TS_REJECTS("6:34:14:45", DT_E_TS_RANGE);
    TS_PARSES("000000006", span(6, 0, 0, 0, 0));
    TS_REJECTS("12.12:12:12.12345678", DT_E_TS_RANGE);
    TS_PARSES("23:00:00", span(0, 23, 0, 0, 0));
    TS_PARSES("24:00:00", span(24, 0, 0, 0, 0));
    /* the "c" forms PowerShell's [timespan] casts see */
    TS_PARSES("7.00:00:00", span(7, 0, 0, 0, 0));
    TS_PARSES("00:30:00", span(0, 0, 30, 0, 0));
    TS_PARSES("1:00", span(0, 1, 0, 0, 0));
    TS_PARSES("5", span(5, 0, 0, 0, 0));
    TS_PARSES("1.02:03", span(1, 2, 3, 0, 0));
    TS_PARSES("1.02:03:04.5", span(1, 2, 3, 4, 500));
    TS_PARSES("00:00:00.5", 5000000);
    TS_PARSES("00:00:00.0000001", 1);
    TS_PARSES("-1:30", -span(0, 1, 30, 0, 0));
    TS_PARSES("-7.00:00:00", -span(7, 0, 0, 0, 0));
    TS_PARSES("  1:00  ", span(0, 1, 0, 0, 0));
    TS_PARSES("0", 0);
    TS_PARSES("10675199.02:48:05.4775807", INT64_MAX);
    TS_PARSES("-10675199.02:48:05.4775808", INT64_MIN);
    TS_REJECTS("10675199.02:48:05.4775808", DT_E_TS_RANGE);
    TS_REJECTS("10675200", DT_E_TS_RANGE);
    TS_REJECTS("1:60", DT_E_TS_RANGE);
    TS_REJECTS("24:00", DT_E_TS_RANGE);
    TS_REJECTS("0:00:60", DT_E_TS_RANGE);
    TS_REJECTS("", DT_E_TS_PARSE);
    TS_REJECTS("   ", DT_E_TS_PARSE);
    TS_REJECTS("abc", DT_E_TS_PARSE);
    TS_REJECTS("1:", DT_E_TS_PARSE);
    TS_REJECTS(":1", DT_E_TS_PARSE);
    TS_REJECTS("1.5", DT_E_TS_PARSE);
    TS_REJECTS("1:2:3:4:5", DT_E_TS_PARSE);
    TS_REJECTS("1:2:3:4:5:6", DT_E_TS_PARSE);
    TS_REJECTS("--1", DT_E_TS_PARSE);
    TS_REJECTS("+1", DT_E_TS_PARSE);
    TS_REJECTS("1 2", DT_E_TS_PARSE);
    TS_REJECTS("1:00x", DT_E_TS_PARSE);
    assert_string_equal(dt_err_str(DT_E_TS_PARSE), "String was not recognized as a valid TimeSpan.");
    assert_string_equal(dt_err_str(DT_E_TS_RANGE),
                        "The TimeSpan could not be parsed because at least one of the numeric "
                        "components is out of range or contains too many digits.");
}

static void timespan_format_parse_round_trip(void **state)
{
    (void)state;
    int64_t samples[] = {0, 1, -1, DT_TICKS_PER_DAY, span(3, 4, 5, 6, 7), -span(0, 23, 59, 59, 999),
                         INT64_MAX, INT64_MIN, 123456789012345};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        struct buf b = BUF_INIT;
        assert_int_equal(ts_format(&b, samples[i], "c"), DT_OK);
        int64_t back = 0;
        assert_int_equal(ts_parse(b.s, b.len, &back), DT_OK);
        assert_int_equal(back, samples[i]);
        buf_reset(&b);
        assert_int_equal(ts_format(&b, samples[i], "G"), DT_OK);
        back = 0;
        assert_int_equal(ts_parse(b.s, b.len, &back), DT_OK);
        assert_int_equal(back, samples[i]);
        buf_release(&b);
    }
}

static void datetime_format_parse_round_trip(void **state)
{
    (void)state;
    int64_t samples[] = {0, DT_MAX_TICKS, sample(), DATE(2024, 2, 29), mk(1999, 12, 31, 23, 59, 59, 0, 1)};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        struct buf b = BUF_INIT;
        assert_int_equal(dt_format(&b, samples[i], DT_UNSPECIFIED, "o", DT_INVARIANT), DT_OK);
        int64_t back = -1;
        enum dt_kind k;
        assert_int_equal(dt_parse_at(b.s, b.len, TODAY, &back, &k), DT_OK);
        assert_int_equal(back, samples[i]);
        assert_int_equal(dt_parse_exact(b.s, b.len, "o", DT_INVARIANT, &back, &k), DT_OK);
        assert_int_equal(back, samples[i]);
        buf_reset(&b);
        /* the [string] form loses the fraction only */
        assert_int_equal(dt_format(&b, samples[i], DT_UNSPECIFIED, NULL, DT_INVARIANT), DT_OK);
        assert_int_equal(dt_parse_at(b.s, b.len, TODAY, &back, &k), DT_OK);
        assert_int_equal(back, samples[i] - samples[i] % DT_TICKS_PER_SECOND);
        buf_reset(&b);
        assert_int_equal(dt_format(&b, samples[i], DT_UNSPECIFIED, NULL, DT_EN_US), DT_OK);
        assert_int_equal(dt_parse_at(b.s, b.len, TODAY, &back, &k), DT_OK);
        assert_int_equal(back, samples[i] - samples[i] % DT_TICKS_PER_SECOND);
        buf_release(&b);
    }
}
/* }======================================================= */

int main(void)
{
    set_tz("UTC0");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calendar_leap_years_and_month_lengths),
        cmocka_unit_test(calendar_known_tick_values),
        cmocka_unit_test(calendar_parts_round_trip),
        cmocka_unit_test(calendar_from_parts_checks_ranges),
        cmocka_unit_test(calendar_add_months_clamps),
        cmocka_unit_test(zone_now_is_sane),
        cmocka_unit_test(zone_utc_and_local),
        cmocka_unit_test(format_default_tostring),
        cmocka_unit_test(format_standard_en_us),
        cmocka_unit_test(format_standard_invariant),
        cmocka_unit_test(format_custom_day_month_year),
        cmocka_unit_test(format_custom_time),
        cmocka_unit_test(format_custom_fractions),
        cmocka_unit_test(format_custom_zones),
        cmocka_unit_test(format_custom_literals),
        cmocka_unit_test(format_errors),
        cmocka_unit_test(parse_iso_8601),
        cmocka_unit_test(parse_us_style),
        cmocka_unit_test(parse_month_names),
        cmocka_unit_test(parse_time_only_is_today),
        cmocka_unit_test(parse_rejects_garbage),
        cmocka_unit_test(parse_exact_custom),
        cmocka_unit_test(timespan_components),
        cmocka_unit_test(timespan_totals),
        cmocka_unit_test(timespan_format_constant),
        cmocka_unit_test(timespan_format_general),
        cmocka_unit_test(timespan_format_custom),
        cmocka_unit_test(timespan_format_errors),
        cmocka_unit_test(timespan_parse),
        cmocka_unit_test(timespan_format_parse_round_trip),
        cmocka_unit_test(datetime_format_parse_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
