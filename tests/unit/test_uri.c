/*
** test_uri.c - unit tests of System.Uri parsing and escaping (shell/uri.h).
**
** Expected values are what .NET Framework 4.x's System.Uri gives: scheme
** and host lower-cased, default ports dropped from the authority, dot
** segments removed, spaces escaped in the escaped forms only.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "uri.h"

static val parse_ok(const char *s)
{
    const char *why = NULL;
    val u = uri_object(s, strlen(s), &why);
    assert_int_equal(val_kind(u), VAL_OBJECT);
    return u;
}

static void prop(val u, const char *name, const char *want)
{
    val v = val_obj_get(u, name);
    assert_int_equal(val_kind(v), VAL_STRING);
    assert_string_equal(val_str(v), want);
    val_free(v);
}

static void prop_int(val u, const char *name, int64_t want)
{
    val v = val_obj_get(u, name);
    assert_true(val_kind(v) == VAL_INT || val_kind(v) == VAL_BOOL);
    assert_int_equal(val_kind(v) == VAL_BOOL ? (int64_t)v.u.b : v.u.i, want);
    val_free(v);
}

static void fails(const char *s, const char *want)
{
    const char *why = NULL;
    val u = uri_object(s, strlen(s), &why);
    assert_int_equal(val_kind(u), VAL_NOTHING);
    assert_string_equal(why, want);
}

static void parts(void **state)
{
    (void)state;
    val u = parse_ok("HTTP://User@Example.COM:8080/a/./b/../c d?x=1#f");
    prop(u, "Scheme", "http");
    prop(u, "Host", "example.com");
    prop_int(u, "Port", 8080);
    prop_int(u, "IsDefaultPort", 0);
    prop(u, "Authority", "example.com:8080");
    prop(u, "UserInfo", "User");
    prop(u, "AbsolutePath", "/a/c%20d");
    prop(u, "LocalPath", "/a/c d");
    prop(u, "Query", "?x=1");
    prop(u, "Fragment", "#f");
    prop(u, "PathAndQuery", "/a/c%20d?x=1");
    prop(u, "AbsoluteUri", "http://User@example.com:8080/a/c%20d?x=1#f");
    prop(u, "\x01ToString", "http://User@example.com:8080/a/c d?x=1#f");
    prop(u, "OriginalString", "HTTP://User@Example.COM:8080/a/./b/../c d?x=1#f");
    val segs = val_obj_get(u, "Segments");
    assert_int_equal(val_arr_len(segs), 3);
    assert_string_equal(val_str(val_arr_items(segs)[1]), "a/");
    val_free(segs);
    val_free(u);

    u = parse_ok("https://example.com:443");
    prop(u, "AbsoluteUri", "https://example.com/");
    prop(u, "Authority", "example.com");
    prop_int(u, "IsDefaultPort", 1);
    prop_int(u, "Port", 443);
    val_free(u);

    u = parse_ok("C:\\temp\\a b.txt");
    prop(u, "AbsoluteUri", "file:///C:/temp/a%20b.txt");
    prop(u, "LocalPath", "C:\\temp\\a b.txt");
    prop_int(u, "IsFile", 1);
    val_free(u);

    u = parse_ok("mailto:someone@example.com");
    prop(u, "Scheme", "mailto");
    prop(u, "AbsolutePath", "someone@example.com");
    val_free(u);
}

static void errors(void **state)
{
    (void)state;
    fails("", "Invalid URI: The URI is empty.");
    fails("foo/bar", "Invalid URI: The format of the URI could not be determined.");
    fails("http://", "Invalid URI: The hostname could not be parsed.");
    fails("http://x.com:99999/", "Invalid URI: Invalid port specified.");
    fails("http://x.com:/", "Invalid URI: Invalid port specified.");
}

static void escaping(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    uri_escape_data("a b&c=d/\xc3\xa9~", 11, &b);
    assert_string_equal(buf_cstr(&b), "a%20b%26c%3Dd%2F%C3%A9~");
    buf_release(&b);
    uri_unescape("a%20b%2f%zz%4", 13, &b);
    assert_string_equal(buf_cstr(&b), "a b/%zz%4");
    buf_release(&b);
    uri_escape_uri("http://x/a b?q=1", 16, &b);
    assert_string_equal(buf_cstr(&b), "http://x/a%20b?q=1");
    buf_release(&b);
}

static void well_formed(void **state)
{
    (void)state;
    assert_true(uri_well_formed("http://x.com/a", 14, URI_ABSOLUTE));
    assert_false(uri_well_formed("http://x.com/a b", 16, URI_ABSOLUTE));
    assert_false(uri_well_formed("foo/bar", 7, URI_ABSOLUTE));
    assert_true(uri_well_formed("foo/bar", 7, URI_RELATIVE));
    assert_false(uri_well_formed("http://x.com/", 13, URI_RELATIVE));
    assert_true(uri_well_formed("foo/bar", 7, URI_RELATIVE_OR_ABSOLUTE));
    assert_false(uri_well_formed("100%", 4, URI_RELATIVE_OR_ABSOLUTE));
}

static void combine(void **state)
{
    (void)state;
    const char *why;
    val args[2] = {uri_object("http://x.com/a/b/c?q", 20, &why), val_str_new("../d")};
    val u = uri_new(args, 2, &why);
    prop(u, "AbsoluteUri", "http://x.com/a/d");
    val_free(u);
    val_free(args[1]);
    args[1] = val_str_new("?z");
    u = uri_new(args, 2, &why);
    prop(u, "AbsoluteUri", "http://x.com/a/b/c?z");
    val_free(u);
    val_free(args[0]);
    val_free(args[1]);
    /* new Uri(string, UriKind) */
    args[0] = val_str_new("owa/auth");
    args[1] = val_str_new("Relative");
    u = uri_new(args, 2, &why);
    prop(u, "OriginalString", "owa/auth");
    prop_int(u, "IsAbsoluteUri", 0);
    val_free(u);
    val_free(args[1]);
    args[1] = val_str_new("Absolute");
    u = uri_new(args, 2, &why);
    assert_int_equal(val_kind(u), VAL_NOTHING);
    assert_string_equal(why, "Invalid URI: The format of the URI could not be determined.");
    val_free(args[0]);
    args[0] = val_str_new("http://x.com/");
    val_free(args[1]);
    args[1] = val_str_new("Relative");
    u = uri_new(args, 2, &why);
    assert_int_equal(val_kind(u), VAL_NOTHING);
    val_free(args[1]);
    args[1] = val_str_new("RelativeOrAbsolute");
    u = uri_new(args, 2, &why);
    prop_int(u, "IsAbsoluteUri", 1);
    val_free(u);
    val_free(args[0]);
    val_free(args[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parts),       cmocka_unit_test(errors),  cmocka_unit_test(escaping),
        cmocka_unit_test(well_formed), cmocka_unit_test(combine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
