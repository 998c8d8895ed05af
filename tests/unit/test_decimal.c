/*
** test_decimal.c - unit tests of System.Decimal arithmetic (shell/decimal.h).
**
** Expected values are what .NET Framework 4.x's System.Decimal gives
** (Windows PowerShell 5.1's [decimal]): the scale survives + - * (1.50 + 1
** is 2.50), division goes on to 28 decimals and rounds half to even,
** Decimal(Double) keeps 15 significant digits.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "decimal.h"

static struct dec d(const char *text)
{
    struct dec r;
    assert_int_equal(dec_parse(text, strlen(text), &r), DEC_OK);
    return r;
}

static void expect(struct dec v, const char *want)
{
    struct buf b = BUF_INIT;
    dec_to_string(v, &b);
    assert_string_equal(buf_cstr(&b), want);
    buf_release(&b);
}

typedef enum dec_status (*binop)(struct dec, struct dec, struct dec *);

static void op(binop f, const char *a, const char *b, const char *want)
{
    struct dec r;
    assert_int_equal(f(d(a), d(b), &r), DEC_OK);
    expect(r, want);
}

static void parse_and_print(void **state)
{
    (void)state;
    expect(d("1.50"), "1.50");
    expect(d("  -0.001 "), "-0.001");
    expect(d("+12"), "12");
    expect(d("1e3"), "1000");
    expect(d("1.5E-3"), "0.0015");
    expect(d("79228162514264337593543950335"), "79228162514264337593543950335");
    expect(d("0.00"), "0.00");
    expect(d("-0"), "0");
    /* more digits than fit: rounded half to even to 28 decimals */
    expect(d("0.12345678901234567890123456789"), "0.1234567890123456789012345679");
    expect(d("1.00000000000000000000000000005"), "1.0000000000000000000000000000");
    struct dec r;
    assert_int_equal(dec_parse("79228162514264337593543950336", 29, &r), DEC_OVERFLOW);
    assert_int_equal(dec_parse("1.2.3", 5, &r), DEC_FORMAT);
    assert_int_equal(dec_parse("", 0, &r), DEC_FORMAT);
    assert_int_equal(dec_parse("abc", 3, &r), DEC_FORMAT);
}

static void add_sub_keep_scale(void **state)
{
    (void)state;
    op(dec_add, "1.50", "1", "2.50");
    op(dec_add, "0.1", "0.2", "0.3");
    op(dec_sub, "1.0", "1.00", "0.00");
    op(dec_sub, "1", "2.5", "-1.5");
    op(dec_add, "-1.25", "1.25", "0.00");
    struct dec r, max = d("79228162514264337593543950335");
    assert_int_equal(dec_add(max, d("1"), &r), DEC_OVERFLOW);
    /* the sum of a huge and a tiny number loses the tiny digits, rounded */
    op(dec_add, "1000000000000000000000000000.5", "0.05", "1000000000000000000000000000.6");
    op(dec_add, "1000000000000000000000000000.4", "0.05", "1000000000000000000000000000.4");
    op(dec_add, "7922816251426433759354395033.5", "0.05", "7922816251426433759354395034");
}

static void mul_div_rem(void **state)
{
    (void)state;
    op(dec_mul, "1.5", "2", "3.0");
    op(dec_mul, "1.25", "1.25", "1.5625");
    op(dec_mul, "-2", "0.5", "-1.0");
    op(dec_div, "1", "3", "0.3333333333333333333333333333");
    op(dec_div, "2", "3", "0.6666666666666666666666666667");
    op(dec_div, "10", "3", "3.3333333333333333333333333333");
    op(dec_div, "10", "4", "2.5");
    op(dec_div, "4.0", "2", "2.0");
    op(dec_div, "1", "0.5", "2");
    op(dec_div, "-7", "2", "-3.5");
    op(dec_rem, "5", "3", "2");
    op(dec_rem, "-5.5", "2", "-1.5");
    op(dec_rem, "5.25", "0.5", "0.25");
    struct dec r;
    assert_int_equal(dec_div(d("1"), d("0"), &r), DEC_DIVZERO);
    assert_int_equal(dec_rem(d("1"), d("0.00"), &r), DEC_DIVZERO);
    assert_int_equal(dec_mul(d("79228162514264337593543950335"), d("2"), &r), DEC_OVERFLOW);
    /* a product beyond 28 decimals is rounded */
    op(dec_mul, "0.0000000000000001", "0.0000000000000005", "0.0000000000000000000000000000");
    op(dec_mul, "0.00000000000001", "0.000000000000015", "0.0000000000000000000000000002");
    op(dec_mul, "0.00000000000001", "0.000000000000025", "0.0000000000000000000000000002");
}

static void compare(void **state)
{
    (void)state;
    assert_int_equal(dec_cmp(d("1.0"), d("1.00")), 0);
    assert_int_equal(dec_cmp(d("-0"), d("0.00")), 0);
    assert_int_equal(dec_cmp(d("2.5"), d("2.49")), 1);
    assert_int_equal(dec_cmp(d("-2.5"), d("-2.49")), -1);
    assert_int_equal(dec_cmp(d("-1"), d("1")), -1);
}

static void rounding(void **state)
{
    (void)state;
    expect(dec_round(d("2.5"), 0, false), "2");
    expect(dec_round(d("3.5"), 0, false), "4");
    expect(dec_round(d("2.5"), 0, true), "3");
    expect(dec_round(d("-2.5"), 0, true), "-3");
    expect(dec_round(d("2.567"), 2, false), "2.57");
    expect(dec_round(d("1.005"), 2, false), "1.00");
    expect(dec_round(d("1.5"), 3, false), "1.5");
    expect(dec_truncate(d("-2.7")), "-2");
    expect(dec_floor(d("-2.1")), "-3");
    expect(dec_ceiling(d("2.1")), "3");
    expect(dec_floor(d("2.0")), "2");
    int64_t i;
    assert_true(dec_to_int64(d("2.5"), &i));
    assert_int_equal(i, 2);
    assert_true(dec_to_int64(d("-3.5"), &i));
    assert_int_equal(i, -4);
    assert_false(dec_to_int64(d("9223372036854775808"), &i));
    assert_true(dec_to_int64(d("-9223372036854775808"), &i));
    assert_true(i == INT64_MIN);
}

static void doubles(void **state)
{
    (void)state;
    struct dec r;
    assert_int_equal(dec_from_double(0.1, &r), DEC_OK);
    expect(r, "0.1");
    assert_int_equal(dec_from_double(1.0 / 3, &r), DEC_OK);
    expect(r, "0.333333333333333");
    assert_int_equal(dec_from_double(100.0, &r), DEC_OK);
    expect(r, "100");
    assert_int_equal(dec_from_double(-1.5e20, &r), DEC_OK);
    expect(r, "-150000000000000000000");
    assert_int_equal(dec_from_double(1e30, &r), DEC_OVERFLOW);
    assert_true(dec_to_double(d("2.50")) == 2.5);
    assert_true(dec_to_double(d("-0.1")) == -0.1);
    expect(dec_from_int64(INT64_MIN), "-9223372036854775808");
    expect(dec_neg(d("0")), "0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_and_print), cmocka_unit_test(add_sub_keep_scale),
        cmocka_unit_test(mul_div_rem),     cmocka_unit_test(compare),
        cmocka_unit_test(rounding),        cmocka_unit_test(doubles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
