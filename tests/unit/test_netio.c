/*
** test_netio.c - unit tests of System.IO.File and Directory
** (cmdlets/netio.h): lines as .NET splits them, a byte order mark read,
** and the exceptions of failures, in a directory of its own.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netio.h"
#include "types.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/emsh-netio-XXXXXX");
    return mkdtemp(dir) && chdir(dir) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void raw_file(const char *name, const char *bytes, size_t n)
{
    FILE *f = fopen(name, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static val call(uint16_t t, const char *name, val a, enum netobj_rc want, const char **exc)
{
    val out = val_nothing();
    char *why = NULL;
    *exc = NULL;
    assert_int_equal(netio_static(t, name, &a, 1, &out, exc, &why), want);
    free(why);
    val_free(a);
    return out;
}

/* CR LF, LF and CR all end lines; a last line end makes no empty line. */
static void test_lines(void **state)
{
    (void)state;
    raw_file("l.txt", "a\r\nb\nc\rd\n", 9);
    const char *exc;
    val lines = call(TY_FILE, "ReadAllLines", val_str_new("l.txt"), NETOBJ_OK, &exc);
    assert_int_equal(val_arr_len(lines), 4);
    assert_string_equal(val_str(val_arr_items(lines)[2]), "c");
    assert_string_equal(val_str(val_arr_items(lines)[3]), "d");
    val_free(lines);
}

/* A UTF-16 byte order mark says how to read the text. */
static void test_byte_order_mark(void **state)
{
    (void)state;
    raw_file("u.txt", "\xff\xfeh\0i\0", 6);
    const char *exc;
    val text = call(TY_FILE, "ReadAllText", val_str_new("u.txt"), NETOBJ_OK, &exc);
    assert_string_equal(val_str(text), "hi");
    val_free(text);
}

static void test_failures(void **state)
{
    (void)state;
    const char *exc;
    val_free(call(TY_FILE, "ReadAllText", val_str_new("missing.txt"), NETOBJ_ERROR, &exc));
    assert_string_equal(exc, "FileNotFoundException");
    val_free(call(TY_FILE, "ReadAllText", val_str_new("no/such/dir.txt"), NETOBJ_ERROR, &exc));
    assert_string_equal(exc, "DirectoryNotFoundException");
    val_free(call(TY_FILE, "ReadAllText", val_str_new(""), NETOBJ_ERROR, &exc));
    assert_string_equal(exc, "ArgumentException");
    val e = call(TY_FILE, "Exists", val_null(), NETOBJ_OK, &exc);
    assert_false(e.u.b);
    val_free(call(TY_DIRECTORY, "GetFiles", val_str_new("nodir"), NETOBJ_ERROR, &exc));
    assert_string_equal(exc, "DirectoryNotFoundException");
    val_free(call(TY_FILE, "NoSuchMethod", val_str_new("x"), NETOBJ_NONE, &exc));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
