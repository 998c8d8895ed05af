/*
** test_netaddr.c - unit tests of IPAddress and MailAddress parsing
** (shell/netaddr.h).
**
** Expected values are what .NET Framework 4.x gives: IPv4 in inet_aton's
** forms, Address as the bytes read little-endian, IPv6 canonical with its
** scope; mail addresses split at the last @, a display name unquoted.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "netaddr.h"

static void str_prop(val o, const char *name, const char *want)
{
    val v = val_obj_get(o, name);
    assert_int_equal(val_kind(v), VAL_STRING);
    assert_string_equal(val_str(v), want);
    val_free(v);
}

static val ip(const char *s)
{
    const char *why = NULL;
    val a = netaddr_ip(s, strlen(s), &why);
    assert_true(netaddr_is(a, NETADDR_IP));
    return a;
}

static void test_ipv4(void **state)
{
    (void)state;
    val a = ip("10.0.0.1");
    str_prop(a, "IPAddressToString", "10.0.0.1");
    val n = val_obj_get(a, "Address");
    assert_int_equal(val_kind(n), VAL_LONG);
    assert_int_equal(n.u.i, 16777226);
    val_free(a);
    a = ip("10.1"); /* inet_aton's short form */
    str_prop(a, "IPAddressToString", "10.0.0.1");
    val_free(a);
}

static void test_ipv6(void **state)
{
    (void)state;
    val a = ip("FE80:0:0:0:0:0:0:1%4");
    str_prop(a, "IPAddressToString", "fe80::1%4");
    val ll = val_obj_get(a, "IsIPv6LinkLocal");
    assert_true(ll.u.b);
    val_free(a);
    a = ip("::ffff:1.2.3.4");
    val m = val_obj_get(a, "IsIPv4MappedToIPv6");
    assert_true(m.u.b);
    val_free(a);
}

static void test_ip_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "nope", "300.1.1.1", "1.2.3.4.5", "fe80::1%x", "::1::2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *why = NULL;
        val a = netaddr_ip(bad[i], strlen(bad[i]), &why);
        assert_int_equal(val_kind(a), VAL_NOTHING);
        assert_string_equal(why, "An invalid IP address was specified.");
    }
}

static void test_mail(void **state)
{
    (void)state;
    const char *why = NULL;
    const char *s = "Jane Doe <jane.doe@contoso.com>";
    val m = netaddr_mail(s, strlen(s), &why);
    assert_true(netaddr_is(m, NETADDR_MAIL));
    str_prop(m, "DisplayName", "Jane Doe");
    str_prop(m, "User", "jane.doe");
    str_prop(m, "Host", "contoso.com");
    str_prop(m, "Address", "jane.doe@contoso.com");
    str_prop(m, "\x01ToString", "\"Jane Doe\" <jane.doe@contoso.com>");
    val_free(m);
    s = "\"Doe, Jane\" <jane@[10.0.0.1]>";
    m = netaddr_mail(s, strlen(s), &why);
    str_prop(m, "DisplayName", "Doe, Jane");
    str_prop(m, "Host", "[10.0.0.1]");
    val_free(m);
    s = "  admin@contoso.com ";
    m = netaddr_mail(s, strlen(s), &why);
    str_prop(m, "\x01ToString", "admin@contoso.com");
    val_free(m);
}

static void test_mail_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"not an address", "a..b@contoso.com", ".a@contoso.com", "a@", "@contoso.com",
                                      "Jane <jane@contoso.com", "a b@contoso.com"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *why = NULL;
        val m = netaddr_mail(bad[i], strlen(bad[i]), &why);
        assert_int_equal(val_kind(m), VAL_NOTHING);
        assert_string_equal(why, "The specified string is not in the form required for an e-mail address.");
    }
    const char *why = NULL;
    assert_int_equal(val_kind(netaddr_mail("", 0, &why)), VAL_NOTHING);
    assert_non_null(strstr(why, "cannot be an empty string"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipv4),
        cmocka_unit_test(test_ipv6),
        cmocka_unit_test(test_ip_refused),
        cmocka_unit_test(test_mail),
        cmocka_unit_test(test_mail_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
