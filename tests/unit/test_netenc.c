/*
** test_netenc.c - unit tests of System.Text.Encoding (cmdlets/netenc.h):
** every encoding gives back the text it encoded, each by .NET's bytes,
** and GetEncoding finds them by name and code page.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "netenc.h"
#include "types.h"

static val encoding(const char *prop)
{
    val e;
    const char *why = NULL;
    assert_int_equal(netenc_static(TY_ENCODING, prop, NULL, 0, false, &e, &why), NETOBJ_OK);
    return e;
}

static val call1(val e, const char *method, val arg)
{
    val out;
    const char *why = NULL;
    assert_int_equal(netenc_call(e, method, &arg, 1, &out, &why), NETOBJ_OK);
    val_free(arg);
    return out;
}

static void test_round_trips(void **state)
{
    (void)state;
    static const struct {
        const char *prop;
        uint32_t bytes; /* of "h\xc3\xa9\xf0\x9f\x98\x80" (h, e acute, an emoji) */
    } cases[] = {{"UTF8", 7}, {"Unicode", 8}, {"BigEndianUnicode", 8}, {"UTF32", 12}};
    const char *text = "h\xc3\xa9\xf0\x9f\x98\x80";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        val e = encoding(cases[i].prop);
        val b = call1(e, "GetBytes", val_str_new(text));
        assert_int_equal(val_arr_len(b), cases[i].bytes);
        val t = call1(e, "GetString", b);
        assert_string_equal(val_str(t), text);
        val_free(t);
        val_free(e);
    }
}

static void test_byte_order(void **state)
{
    (void)state;
    val e = encoding("BigEndianUnicode");
    val b = call1(e, "GetBytes", val_str_new("a"));
    assert_int_equal(val_arr_items(b)[0].u.i, 0);
    assert_int_equal(val_arr_items(b)[1].u.i, 'a');
    val_free(b);
    val_free(e);
    e = encoding("ASCII");
    b = call1(e, "GetBytes", val_str_new("\xc3\xa9"));
    assert_int_equal(val_arr_len(b), 1);
    assert_int_equal(val_arr_items(b)[0].u.i, '?');
    val_free(b);
    val_free(e);
}

static void test_get_encoding(void **state)
{
    (void)state;
    val e, page = val_int(1201), name = val_str_new("UTF-8"), bad = val_str_new("klingon");
    const char *why = NULL;
    assert_int_equal(netenc_static(TY_ENCODING, "GetEncoding", &page, 1, true, &e, &why), NETOBJ_OK);
    val n = val_obj_get(e, "WebName");
    assert_string_equal(val_str(n), "utf-16BE");
    val_free(n);
    val_free(e);
    assert_int_equal(netenc_static(TY_ENCODING, "GetEncoding", &name, 1, true, &e, &why), NETOBJ_OK);
    val_free(e);
    assert_int_equal(netenc_static(TY_ENCODING, "GetEncoding", &bad, 1, true, &e, &why), NETOBJ_ERROR);
    assert_non_null(strstr(why, "'klingon' is not a supported encoding name"));
    val_free(name);
    val_free(bad);
    assert_int_equal(netenc_static(TY_INT, "UTF8", NULL, 0, false, &e, &why), NETOBJ_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_byte_order),
        cmocka_unit_test(test_get_encoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
