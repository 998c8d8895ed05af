/*
** test_netfmt.c - unit tests of .NET numeric and composite formatting
** (shell/netfmt.h).
**
** Expected strings come from the tables and examples of the .NET docs
** ("Standard numeric format strings", "Custom numeric format strings",
** "Composite formatting") as .NET Framework 4.x prints them in en-US:
** "($1.00)" for negative currency, "12.3 %" for percent, 15 significant
** digits for Double.ToString(), no "-0".
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "netfmt.h"

/* Formats with FN(&b, ARGS..., fmt) and compares with want. */
#define EXPECT(call, want)                                                                         \
    do {                                                                                           \
        struct buf b_ = BUF_INIT;                                                                  \
        enum nf_err e_ = call;                                                                     \
        assert_int_equal(e_, NF_OK);                                                               \
        assert_string_equal(buf_cstr(&b_), (want));                                                \
        buf_release(&b_);                                                                          \
    } while (0)

#define FAILS(call, err)                                                                           \
    do {                                                                                           \
        struct buf b_ = BUF_INIT;                                                                  \
        buf_puts(&b_, "keep");                                                                     \
        enum nf_err e_ = call;                                                                     \
        assert_int_equal(e_, (err));                                                               \
        assert_string_equal(buf_cstr(&b_), "keep");                                                \
        buf_release(&b_);                                                                          \
    } while (0)

#define D(v, f, want) EXPECT(nf_format_double(&b_, (v), (f)), want)
#define I(v, f, want) EXPECT(nf_format_int(&b_, (v), 32, (f)), want)
#define L(v, f, want) EXPECT(nf_format_int(&b_, (v), 64, (f)), want)
/* A decimal from its text, as [decimal]'text' makes it. */
static struct dec dm(const char *text)
{
    struct dec d;
    assert_int_equal(dec_parse(text, strlen(text), &d), DEC_OK);
    return d;
}
#define M(v, f, want) EXPECT(nf_format_decimal(&b_, dm(v), (f)), want)

/* {======================================================= ToString() */

static void double_default_tostring(void **state)
{
    (void)state;
    D(0.1 + 0.2, NULL, "0.3");
    D(1e20, NULL, "1E+20");
    D(1.0 / 3, NULL, "0.333333333333333");
    D(2.0 / 3, "", "0.666666666666667");
    D(NAN, NULL, "NaN");
    D(INFINITY, NULL, "Infinity");
    D(-INFINITY, NULL, "-Infinity");
    D(-0.0, NULL, "0");
    D(0.0, NULL, "0");
    D(1.5, NULL, "1.5");
    D(-2.5, NULL, "-2.5");
    D(100.0, NULL, "100");
    D(1e14, NULL, "100000000000000");
    D(1e15, NULL, "1E+15");
    D(123456789012345678.0, NULL, "1.23456789012346E+17");
    D(0.0001, NULL, "0.0001");
    D(0.00001, NULL, "1E-05");
    D(1.2345e-7, NULL, "1.2345E-07");
    D(1.7976931348623157e308, NULL, "1.79769313486232E+308");
    D(4.9406564584124654e-324, NULL, "4.94065645841247E-324");
    D(123.456, NULL, "123.456");
    D(-1.23456789e-25, NULL, "-1.23456789E-25");
    D(999999999999999.9, NULL, "1E+15");
    /* an exact tie at the 16th digit rounds away from zero */
    D(100000000000000.5, NULL, "100000000000001");
    D(-100000000000000.5, NULL, "-100000000000001");
    D(0.30000000000000004, NULL, "0.3");
}

static void integer_default_tostring(void **state)
{
    (void)state;
    I(0, NULL, "0");
    I(42, NULL, "42");
    I(-42, "", "-42");
    L(INT64_MIN, NULL, "-9223372036854775808");
    L(INT64_MAX, NULL, "9223372036854775807");
    EXPECT(nf_format_uint(&b_, UINT64_MAX, 64, NULL), "18446744073709551615");
    EXPECT(nf_format_uint(&b_, 255, 8, "G"), "255");
    I(12345, "G0", "12345");
}

static void decimal_default_tostring(void **state)
{
    (void)state;
    M("1.5", NULL, "1.5");
    M("-1.5", NULL, "-1.5");
    M("2.50", NULL, "2.50");
    M("2.50", "G", "2.50");
    M("-0.001", NULL, "-0.001");
    M("0", NULL, "0");
    M("-0.00", NULL, "0.00");
    M("1e20", NULL, "100000000000000000000");
    M("1e-10", NULL, "0.0000000001");
    M("79228162514264337593543950335", NULL, "79228162514264337593543950335");
    M("123456789.25", "G", "123456789.25");
    M("123456", "G5", "1.2346E+05");
}

static void float_default_tostring(void **state)
{
    (void)state;
    EXPECT(nf_format_float(&b_, 0.1f, NULL), "0.1");
    EXPECT(nf_format_float(&b_, 1.0f / 3, NULL), "0.3333333");
    EXPECT(nf_format_float(&b_, 16777216.0f, NULL), "1.677722E+07");
    EXPECT(nf_format_float(&b_, 0.1f, "R"), "0.1");
    EXPECT(nf_format_float(&b_, 1.0f / 3, "R"), "0.333333343");
    EXPECT(nf_format_float(&b_, 2.5f, "F0"), "3");
}
/* }======================================================= */

/* {======================================================= standard formats */

static void standard_currency(void **state)
{
    (void)state;
    D(123.456, "C", "$123.46");
    D(123.456, "C3", "$123.456");
    D(-123.456, "C3", "($123.456)");
    D(-1234.567, "C", "($1,234.57)");
    D(1234.567, "c", "$1,234.57");
    D(1234.5, "C0", "$1,235");
    D(0.0, "C", "$0.00");
    D(-0.001, "C", "$0.00");
    I(1234, "C", "$1,234.00");
    I(-1234567, "C", "($1,234,567.00)");
    M("1234.5", "C", "$1,234.50");
    M("1234.565", "N2", "1,234.57");
    M("12345678901234567890.125", "N2", "12,345,678,901,234,567,890.13");
}

static void standard_decimal_d(void **state)
{
    (void)state;
    I(1234, "D", "1234");
    I(-1234, "D6", "-001234");
    I(42, "D5", "00042");
    I(-42, "d5", "-00042");
    I(123456, "D2", "123456");
    I(0, "D3", "000");
    L(INT64_MIN, "D", "-9223372036854775808");
    EXPECT(nf_format_uint(&b_, 7, 8, "D3"), "007");
    FAILS(nf_format_double(&b_, 1.5, "D"), NF_E_SPECIFIER);
    FAILS(nf_format_decimal(&b_, dm("1.5"), "D2"), NF_E_SPECIFIER);
}

static void standard_exponential(void **state)
{
    (void)state;
    D(1052.0329112756, "E", "1.052033E+003");
    D(1052.0329112756, "e", "1.052033e+003");
    D(-1052.0329112756, "e2", "-1.05e+003");
    D(12345.6789, "E2", "1.23E+004");
    D(0.0, "E", "0.000000E+000");
    D(0.000123, "E1", "1.2E-004");
    D(1.5, "E0", "2E+000");
    D(0.1, "E16", "1.0000000000000001E-001");
    D(1e300, "E3", "1.000E+300");
    I(12345, "E", "1.234500E+004");
    I(-5, "E1", "-5.0E+000");
}

static void standard_fixed(void **state)
{
    (void)state;
    D(1234.567, "F", "1234.57");
    D(-1234.56, "F4", "-1234.5600");
    D(1234.0, "F1", "1234.0");
    D(0.5, "F0", "1");
    D(1.5, "F0", "2");
    D(2.5, "F0", "3");
    D(-2.5, "F0", "-3");
    D(0.125, "F2", "0.13");
    D(-0.125, "F2", "-0.13");
    D(2.675, "F2", "2.68");
    D(1.005, "F2", "1.01");
    D(-0.001, "F2", "0.00");
    D(1e-7, "F2", "0.00");
    D(0.1, "F20", "0.10000000000000000000");
    D(1e20, "F2", "100000000000000000000.00");
    D(123456789.123456789, "F5", "123456789.12346");
    D(0.05, "F1", "0.1");
    D(0.04, "F1", "0.0");
    D(9.995, "F2", "10.00");
    I(5, "F", "5.00");
    I(-5, "F0", "-5");
    M("-2.5", "F0", "-3");
}

static void standard_general(void **state)
{
    (void)state;
    D(-123.456, "G", "-123.456");
    D(123.4546, "G4", "123.5");
    D(-1.23456789e-25, "G", "-1.23456789E-25");
    D(0.1, "G17", "0.10000000000000001");
    D(1234.0, "G3", "1.23E+03");
    D(0.000012345, "g3", "1.23e-05");
    D(0.0001234, "G3", "0.000123");
    D(12345.6789, "G5", "12346");
    D(99999.5, "G5", "1E+05");
    I(12345, "G2", "1.2E+04");
    I(12345, "G5", "12345");
    I(-12345, "G3", "-1.23E+04");
    L(INT64_MAX, "G3", "9.22E+18");
}

static void standard_number(void **state)
{
    (void)state;
    D(1234.567, "N", "1,234.57");
    D(1234.5678, "N2", "1,234.57");
    D(1234.0, "N1", "1,234.0");
    D(-1234.56, "N3", "-1,234.560");
    D(-1234.5, "N0", "-1,235");
    D(123.0, "N0", "123");
    D(0.5, "N", "0.50");
    D(1e15, "N0", "1,000,000,000,000,000");
    I(1234567, "N0", "1,234,567");
    I(1234, "N", "1,234.00");
    I(-1000, "n0", "-1,000");
    I(100, "N0", "100");
}

static void standard_percent(void **state)
{
    (void)state;
    D(1.0, "P", "100.00 %");
    D(-0.39678, "P1", "-39.7 %");
    D(0.123, "P1", "12.3 %");
    D(0.12345, "P", "12.35 %");
    D(0.0, "P", "0.00 %");
    D(12.5, "P0", "1,250 %");
    I(1, "P", "100.00 %");
    M("0.5", "P0", "50 %");
}

static void standard_round_trip(void **state)
{
    (void)state;
    D(123456789.12345678, "R", "123456789.12345678");
    D(0.1 + 0.2, "R", "0.30000000000000004");
    D(1.0 / 3, "R", "0.33333333333333331");
    D(0.1, "R", "0.1");
    D(1e20, "r", "1E+20");
    D(-1.5, "R", "-1.5");
    D(-0.0, "R", "0");
    D(1.7976931348623157e308, "R", "1.7976931348623157E+308");
    D(NAN, "R", "NaN");
    FAILS(nf_format_int(&b_, 12, 32, "R"), NF_E_SPECIFIER);
    FAILS(nf_format_decimal(&b_, dm("1.5"), "R"), NF_E_SPECIFIER);
}

static void standard_hex(void **state)
{
    (void)state;
    I(255, "X", "FF");
    I(255, "x", "ff");
    I(255, "x4", "00ff");
    I(255, "X4", "00FF");
    I(-1, "X8", "FFFFFFFF");
    I(-1, "X", "FFFFFFFF");
    I(0, "X", "0");
    EXPECT(nf_format_int(&b_, -1, 8, "x"), "ff");
    EXPECT(nf_format_int(&b_, -1, 16, "X"), "FFFF");
    EXPECT(nf_format_int(&b_, -1, 64, "X"), "FFFFFFFFFFFFFFFF");
    EXPECT(nf_format_int(&b_, -2, 64, "X20"), "0000FFFFFFFFFFFFFFFE");
    EXPECT(nf_format_uint(&b_, 0xDEADBEEFu, 32, "x"), "deadbeef");
    FAILS(nf_format_double(&b_, 255.0, "X"), NF_E_SPECIFIER);
}

static void standard_specifier_rules(void **state)
{
    (void)state;
    FAILS(nf_format_int(&b_, 12, 32, "Z"), NF_E_SPECIFIER);
    FAILS(nf_format_int(&b_, 12, 32, "Q2"), NF_E_SPECIFIER);
    FAILS(nf_format_double(&b_, 1.0, "K"), NF_E_SPECIFIER);
    /* a letter and three digits is a custom format */
    I(12, "F100", "F112");
    /* two letters: custom, copied */
    I(12, "ZZ", "ZZ");
    /* precision 99 is the largest */
    char want[102] = "1.";
    memset(want + 2, '0', 99);
    want[101] = '\0';
    D(1.0, "F99", want);
    /* NaN ignores even an invalid specifier */
    D(NAN, "D", "NaN");
}
/* }======================================================= */

/* {======================================================= custom formats */

static void custom_zero_and_digit(void **state)
{
    (void)state;
    I(123, "00000", "00123");
    I(123, "#####", "123");
    I(123456, "[##-##-##]", "[12-34-56]");
    I(0, "#", "");
    I(0, "0", "0");
    D(1.2, "#", "1");
    D(1.2, "#.##", "1.2");
    D(1.2, "0.00", "1.20");
    D(1.2, "00.00", "01.20");
    D(0.086, "0.0", "0.1");
    D(0.5, ".00", ".50");
    D(0.5, "#.#", ".5");
    D(5.0, "#0.0#", "5.0");
    D(0.5, "0", "1");
    D(1.5, "0", "2");
    D(2.5, "0", "3");
    D(-0.5, "0", "-1");
    D(-0.001, "0.00", "0.00");
    D(-0.0, "0.0", "0.0");
    D(1234567.891, "0.###", "1234567.891");
    D(1e20, "0", "100000000000000000000");
    D(123.0, "abc", "abc");
}

static void custom_thousands(void **state)
{
    (void)state;
    I(1234567890, "#,#", "1,234,567,890");
    I(1234567890, "#,##0,,", "1,235");
    I(1234567890, "#,##0,,,", "1");
    I(1234, "0,0", "1,234");
    I(1234567, "#,##0.00", "1,234,567.00");
    I(5, "0,000,000", "0,000,005");
    I(123, "#,#", "123");
    I(-1234, "#,##0", "-1,234");
    D(1234567.891, "#,##0.00", "1,234,567.89");
    D(12345678, "#,##0,", "12,346");
    D(0.0, "#,#", "");
}

static void custom_percent_and_permille(void **state)
{
    (void)state;
    D(0.086, "#0.##%", "8.6%");
    D(0.00354, "#0.## \xE2\x80\xB0", "3.54 \xE2\x80\xB0");
    D(0.5, "%0", "%50");
    I(1, "0%", "100%");
}

static void custom_exponent(void **state)
{
    (void)state;
    D(86000, "0.###E+0", "8.6E+4");
    D(86000, "0.###E+000", "8.6E+004");
    D(86000, "0.###E-000", "8.6E004");
    D(86000, "0.###e0", "8.6e4");
    D(0.000123, "0.0E+00", "1.2E-04");
    D(0.000123, "0.0E0", "1.2E-4");
    D(1234.0, "00.00E+0", "12.34E+2");
    D(0.0, "0.0E+0", "0.0E+0");
    D(1234.0, "0E", "1234E");
    D(1234.0, "0E+", "1234E+");
}

static void custom_literals_and_escapes(void **state)
{
    (void)state;
    I(123, "\\###00\\#", "#123#");
    I(68, "# 'degrees'", "68 degrees");
    I(68, "# \"degrees\"", "68 degrees");
    I(5, "'#'0", "#5");
    I(5, "0\\%", "5%");
    I(5, "0 'unterminated", "5 unterminated");
    I(42, "'x;y'0", "x;y42");
}

static void custom_sections(void **state)
{
    (void)state;
    I(1234, "##;(##)", "1234");
    I(-1234, "##;(##)", "(1234)");
    I(0, "##;(##);**Zero**", "**Zero**");
    D(-0.001, "0.00;(0.00);zero", "zero");
    D(-0.001, "0.00;(0.00)", "0.00");
    I(-5, "0;;zero", "-5");
    I(0, "0;;zero", "zero");
    I(-5, "0;", "-5");
    D(1.5, "0.0;-0.0;nil", "1.5");
    D(-1.5, "0.0;minus 0.0;nil", "minus 1.5");
}
/* }======================================================= */

/* {======================================================= composite */

struct args {
    const char *const *v;
    size_t n;
    int calls;
    char last_fmt[32];
    bool fail_on_format;
};

/* Formats a string argument; the format string, when given, is copied in
** brackets after it so tests can see what arrived. */
static enum nf_err arg_fn(void *ctx, size_t index, const char *fmt, size_t fmtlen,
                          struct buf *cell)
{
    struct args *a = ctx;
    if (index >= a->n)
        return NF_E_INDEX;
    if (!cell)
        return NF_OK;
    a->calls++;
    if (fmt && a->fail_on_format)
        return NF_E_SPECIFIER;
    buf_puts(cell, a->v[index]);
    if (fmt) {
        assert_int_equal(strlen(fmt), fmtlen);
        buf_printf(cell, "[%s]", fmt);
    }
    return NF_OK;
}

#define COMPOSITE(fmt, want, ...)                                                                  \
    do {                                                                                           \
        static const char *const v_[] = {__VA_ARGS__};                                             \
        struct args a_ = {v_, EMSH_ARRAY_SIZE(v_), 0, "", false};                                  \
        struct buf b_ = BUF_INIT;                                                                  \
        assert_int_equal(nf_composite(&b_, (fmt), strlen(fmt), arg_fn, &a_), NF_OK);               \
        assert_string_equal(buf_cstr(&b_), (want));                                                \
        buf_release(&b_);                                                                          \
    } while (0)

#define COMPOSITE_FAILS(fmt, err, ...)                                                             \
    do {                                                                                           \
        static const char *const v_[] = {__VA_ARGS__};                                             \
        struct args a_ = {v_, EMSH_ARRAY_SIZE(v_), 0, "", false};                                  \
        struct buf b_ = BUF_INIT;                                                                  \
        buf_puts(&b_, "keep");                                                                     \
        assert_int_equal(nf_composite(&b_, (fmt), strlen(fmt), arg_fn, &a_), (err));               \
        assert_string_equal(buf_cstr(&b_), "keep");                                                \
        buf_release(&b_);                                                                          \
    } while (0)

static void composite_items(void **state)
{
    (void)state;
    COMPOSITE("{0}", "x", "x");
    COMPOSITE("Name = {0}, Hours = {1}", "Name = Fred, Hours = 12", "Fred", "12");
    COMPOSITE("{1}{0}{1}", "bab", "a", "b");
    COMPOSITE("no items", "no items", "x");
    COMPOSITE("", "", "x");
    COMPOSITE("{0:N2}", "x[N2]", "x");
    COMPOSITE("{0:}", "x", "x");
    COMPOSITE("{0 }", "x", "x");
    COMPOSITE("{0  ,3}", "  x", "x");
    COMPOSITE("{0, 3}", "  x", "x");
    COMPOSITE("{0,3 :d}", "x[d]", "x");
    COMPOSITE("{0:yyyy-MM-dd HH:mm}", "x[yyyy-MM-dd HH:mm]", "x");
    COMPOSITE("{00001}", "b", "a", "b");
}

static void composite_escapes(void **state)
{
    (void)state;
    COMPOSITE("{{0}}", "{0}", "x");
    COMPOSITE("{{{0}}}", "{x}", "x");
    COMPOSITE("}}{{", "}{", "x");
    COMPOSITE("{0:{{x}}}", "v[{x}]", "v");
    COMPOSITE("a {{ b }} c", "a { b } c", "x");
}

static void composite_alignment(void **state)
{
    (void)state;
    COMPOSITE("[{0,5}]", "[    x]", "x");
    COMPOSITE("[{0,-5}]", "[x    ]", "x");
    COMPOSITE("[{0,2}]", "[long]", "long");
    COMPOSITE("[{0,-2}]", "[long]", "long");
    COMPOSITE("[{0,0}]", "[x]", "x");
    COMPOSITE("[{0,-10:N2}]", "[x[N2]     ]", "x");
    /* UTF-16 units: e-acute is one, a symbol outside the BMP two */
    COMPOSITE("[{0,3}]", "[  \xC3\xA9]", "\xC3\xA9");
    COMPOSITE("[{0,3}]", "[ \xF0\x9F\x98\x80]", "\xF0\x9F\x98\x80");
    COMPOSITE("{0,-3}|{1,3}", "ab |  c", "ab", "c");
}

static void composite_errors(void **state)
{
    (void)state;
    COMPOSITE_FAILS("{1}", NF_E_INDEX, "x");
    COMPOSITE_FAILS("ok {0} {2}", NF_E_INDEX, "x", "y");
    COMPOSITE_FAILS("{5,x}", NF_E_INDEX, "x");
    COMPOSITE_FAILS("{1000000000}", NF_E_INDEX, "x");
    COMPOSITE_FAILS("{0", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("abc{", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("a}b", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{a}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{ 0}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{-1}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{0,x}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{0,}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{0,-}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{0,5", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{0:x", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{0:{x}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{0 x}", NF_E_FORMAT, "x");
    COMPOSITE_FAILS("{0}}", NF_E_FORMAT, "x");
}

static void composite_callback_error_stops(void **state)
{
    (void)state;
    static const char *const v[] = {"a", "b"};
    struct args a = {v, 2, 0, "", true};
    struct buf b = BUF_INIT;
    assert_int_equal(nf_composite(&b, "{0}{1:N}{0}", 11, arg_fn, &a), NF_E_SPECIFIER);
    assert_int_equal(b.len, 0);
    assert_int_equal(a.calls, 2);
    buf_release(&b);
    /* an explicit length: the text after it is not read */
    struct args c = {v, 2, 0, "", false};
    assert_int_equal(nf_composite(&b, "{1}{9}", 3, arg_fn, &c), NF_OK);
    assert_string_equal(buf_cstr(&b), "b");
    buf_release(&b);
}

static void messages_are_dotnet(void **state)
{
    (void)state;
    assert_string_equal(nf_err_str(NF_E_FORMAT), "Input string was not in a correct format.");
    assert_string_equal(nf_err_str(NF_E_INDEX),
                        "Index (zero based) must be greater than or equal to zero and less "
                        "than the size of the argument list.");
    assert_string_equal(nf_err_str(NF_E_SPECIFIER), "Format specifier was invalid.");
    for (int e = 0; e < NF_ERR__LAST; e++)
        assert_non_null(nf_err_str((enum nf_err)e));
}

static void appends_to_existing_text(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_puts(&b, "n=");
    assert_int_equal(nf_format_double(&b, 1.5, "F1"), NF_OK);
    assert_int_equal(nf_format_int(&b, 7, 32, "D2"), NF_OK);
    assert_string_equal(buf_cstr(&b), "n=1.507");
    buf_release(&b);
}
/* }======================================================= */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(double_default_tostring),
        cmocka_unit_test(integer_default_tostring),
        cmocka_unit_test(decimal_default_tostring),
        cmocka_unit_test(float_default_tostring),
        cmocka_unit_test(standard_currency),
        cmocka_unit_test(standard_decimal_d),
        cmocka_unit_test(standard_exponential),
        cmocka_unit_test(standard_fixed),
        cmocka_unit_test(standard_general),
        cmocka_unit_test(standard_number),
        cmocka_unit_test(standard_percent),
        cmocka_unit_test(standard_round_trip),
        cmocka_unit_test(standard_hex),
        cmocka_unit_test(standard_specifier_rules),
        cmocka_unit_test(custom_zero_and_digit),
        cmocka_unit_test(custom_thousands),
        cmocka_unit_test(custom_percent_and_permille),
        cmocka_unit_test(custom_exponent),
        cmocka_unit_test(custom_literals_and_escapes),
        cmocka_unit_test(custom_sections),
        cmocka_unit_test(composite_items),
        cmocka_unit_test(composite_escapes),
        cmocka_unit_test(composite_alignment),
        cmocka_unit_test(composite_errors),
        cmocka_unit_test(composite_callback_error_stops),
        cmocka_unit_test(messages_are_dotnet),
        cmocka_unit_test(appends_to_existing_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
