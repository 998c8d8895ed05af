/*
** test_netobj.c - unit tests of StringBuilder and Stopwatch objects
** (shell/netobj.h): .NET Framework 4's capacity growth, ranges counted in
** UTF-16 units, the errors of bad ranges, and a Stopwatch's states.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "netobj.h"
#include "types.h"

static int64_t int_prop(val o, const char *name)
{
    val v = val_obj_get(o, name);
    int64_t n = v.u.i;
    val_free(v);
    return n;
}

static void text_is(val sb, const char *want)
{
    const char *why = NULL;
    val t;
    assert_int_equal(netobj_call(sb, "ToString", NULL, 0, &t, &why), NETOBJ_OK);
    assert_string_equal(val_str(t), want);
    val_free(t);
}

static void call(val sb, const char *name, val a, val b)
{
    val args[2] = {a, b}, out;
    const char *why = NULL;
    uint32_t na = val_kind(b) == VAL_NOTHING ? 1 : 2;
    assert_int_equal(netobj_call(sb, name, args, na, &out, &why), NETOBJ_OK);
    val_free(out);
    val_free(a);
    val_free(b);
}

static val builder(void)
{
    val sb;
    const char *why = NULL;
    assert_int_equal(netobj_new(TY_STRINGBUILDER, NULL, 0, &sb, &why), NETOBJ_OK);
    return sb;
}

/* 16 at first; a new chunk of at least the length so far, at most 8000. */
static void test_capacity_growth(void **state)
{
    (void)state;
    val sb = builder();
    assert_int_equal(int_prop(sb, "Capacity"), 16);
    static const int64_t want[] = {16, 32, 32, 64, 64, 64, 128};
    for (int i = 0; i < 7; i++) {
        call(sb, "Append", val_str_new("0123456789"), val_nothing());
        assert_int_equal(int_prop(sb, "Length"), 10 * (i + 1));
        assert_int_equal(int_prop(sb, "Capacity"), want[i]);
    }
    val_free(sb);
}

/* Indexes count UTF-16 units: "é" is one, whatever its UTF-8 bytes. */
static void test_utf16_ranges(void **state)
{
    (void)state;
    val sb = builder();
    call(sb, "Append", val_str_new("caf\xc3\xa9 au lait"), val_nothing());
    assert_int_equal(int_prop(sb, "Length"), 12);
    call(sb, "Remove", val_int(4), val_int(4));
    text_is(sb, "caf\xc3\xa9lait");
    call(sb, "Insert", val_int(4), val_str_new("-"));
    text_is(sb, "caf\xc3\xa9-lait");
    call(sb, "Replace", val_str_new("lait"), val_str_new("noir"));
    text_is(sb, "caf\xc3\xa9-noir");
    val_free(sb);
}

static void test_bad_ranges(void **state)
{
    (void)state;
    val sb = builder(), out;
    call(sb, "Append", val_str_new("abc"), val_nothing());
    const char *why = NULL;
    val args[2] = {val_int(2), val_int(5)};
    assert_int_equal(netobj_call(sb, "Remove", args, 2, &out, &why), NETOBJ_ERROR);
    assert_non_null(strstr(why, "Index was out of range"));
    args[0] = val_int(-1);
    assert_int_equal(netobj_call(sb, "Insert", args, 2, &out, &why), NETOBJ_ERROR);
    assert_non_null(strstr(why, "Parameter name: index"));
    text_is(sb, "abc"); /* nothing changed */
    val_free(sb);
}

static void test_stopwatch_states(void **state)
{
    (void)state;
    val sw, out;
    const char *why = NULL;
    assert_int_equal(netobj_new(TY_STOPWATCH, NULL, 0, &sw, &why), NETOBJ_OK);
    val running = val_obj_get(sw, "IsRunning");
    assert_false(running.u.b);
    assert_int_equal(netobj_call(sw, "Start", NULL, 0, &out, &why), NETOBJ_OK);
    netobj_refresh(sw);
    running = val_obj_get(sw, "IsRunning");
    assert_true(running.u.b);
    assert_int_equal(netobj_call(sw, "Stop", NULL, 0, &out, &why), NETOBJ_OK);
    int64_t stopped = int_prop(sw, "ElapsedTicks");
    assert_true(stopped >= 0);
    netobj_refresh(sw);
    assert_int_equal(int_prop(sw, "ElapsedTicks"), stopped); /* a stopped watch stands still */
    assert_int_equal(netobj_call(sw, "Reset", NULL, 0, &out, &why), NETOBJ_OK);
    assert_int_equal(int_prop(sw, "ElapsedTicks"), 0);
    assert_int_equal(netobj_set(sw, "Elapsed", val_int(1), &why), NETOBJ_READONLY);
    val_free(sw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_capacity_growth),
        cmocka_unit_test(test_utf16_ranges),
        cmocka_unit_test(test_bad_ranges),
        cmocka_unit_test(test_stopwatch_states),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
