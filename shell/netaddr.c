/*
** netaddr.c - System.Net.IPAddress and System.Net.Mail.MailAddress (see
** netaddr.h).
*/
#if !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* inet_aton */
#endif
#include "netaddr.h"
#include "buf.h"
#include "types.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool netaddr_is(val v, const char *type)
{
    return val_kind(v) == VAL_OBJECT && val_obj_ntypes(v) && !strcmp(val_obj_type_at(v, 0), type);
}

/*
** {==================================================================
** IPAddress
** ===================================================================
*/

static uint16_t family_type(void)
{
    static const char *const names[] = {"Unspecified", "InterNetwork", "InterNetworkV6"};
    static const int64_t values[] = {0, 2, 23};
    const char *name = "System.Net.Sockets.AddressFamily";
    uint16_t id = type_lookup(name, strlen(name));
    return id ? id : type_enum(name, names, values, 3, false);
}

val netaddr_ip(const char *s, size_t n, const char **why)
{
    char text[64];
    *why = "An invalid IP address was specified.";
    if (n == 0 || n >= sizeof text || memchr(s, '\0', n))
        return val_nothing();
    memcpy(text, s, n);
    text[n] = '\0';
    bool v6 = strchr(text, ':') != NULL;
    int64_t scope = 0;
    unsigned char b[16];
    if (v6) {
        /* a numeric scope after %, and the brackets of a URI's host */
        char *pct = strchr(text, '%');
        if (pct) {
            char *end;
            long sc = strtol(pct + 1, &end, 10);
            if (end == pct + 1 || *end || sc < 0 || sc > UINT32_MAX)
                return val_nothing();
            scope = sc;
            *pct = '\0';
        }
        char *t = text;
        if (*t == '[' && t[strlen(t) - 1] == ']') {
            t[strlen(t) - 1] = '\0';
            t++;
        }
        if (inet_pton(AF_INET6, t, b) != 1)
            return val_nothing();
    } else {
        struct in_addr a;
        if (inet_aton(text, &a) == 0)
            return val_nothing();
        memcpy(b, &a.s_addr, 4);
    }
    char canon[INET6_ADDRSTRLEN + 16];
    inet_ntop(v6 ? AF_INET6 : AF_INET, b, canon, INET6_ADDRSTRLEN);
    if (v6 && scope)
        snprintf(canon + strlen(canon), 16, "%%%lld", (long long)scope);
    val o = val_obj_new(NETADDR_IP);
    /* Address: the four bytes as a little-endian Int64 (IPv6 has none) */
    o = val_obj_set(o, "Address",
                    v6 ? val_null() : val_long((int64_t)b[0] | (int64_t)b[1] << 8 | (int64_t)b[2] << 16 | (int64_t)b[3] << 24));
    o = val_obj_set(o, "AddressFamily", val_enum(family_type(), v6 ? 23 : 2));
    o = val_obj_set(o, "ScopeId", v6 ? val_long(scope) : val_null());
    o = val_obj_set(o, "IsIPv6Multicast", val_bool(v6 && b[0] == 0xFF));
    o = val_obj_set(o, "IsIPv6LinkLocal", val_bool(v6 && b[0] == 0xFE && (b[1] & 0xC0) == 0x80));
    o = val_obj_set(o, "IsIPv6SiteLocal", val_bool(v6 && b[0] == 0xFE && (b[1] & 0xC0) == 0xC0));
    o = val_obj_set(o, "IsIPv6Teredo", val_bool(v6 && b[0] == 0x20 && b[1] == 0x01 && !b[2] && !b[3]));
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    o = val_obj_set(o, "IsIPv4MappedToIPv6", val_bool(v6 && !memcmp(b, mapped, 12)));
    o = val_obj_set(o, "IPAddressToString", val_str_new(canon));
    return val_obj_set(o, "\x01ToString", val_str_new(canon));
}

/* }================================================================== */

/*
** {==================================================================
** MailAddress
** ===================================================================
*/

/* RFC 5322 atext: what a dot-atom is made of besides its dots. */
static bool atext(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
           (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* Is s[0..n) a dot-atom: atext runs joined by single dots? */
static bool dot_atom(const char *s, size_t n)
{
    if (n == 0 || s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.' ? s[i + 1] == '.' : !atext((unsigned char)s[i]))
            return false;
    return true;
}

/* Is s[0..n) a quoted string ("..." with \-escapes) whole? */
static bool quoted(const char *s, size_t n)
{
    if (n < 2 || s[0] != '"' || s[n - 1] != '"')
        return false;
    for (size_t i = 1; i + 1 < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return false;
    }
    return true;
}

/* Splits addr-spec s[0..n) at its last @ into a valid local part and domain. */
static bool addr_spec(const char *s, size_t n, size_t *at)
{
    const char *a = NULL;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '@') {
            a = s + i;
            break;
        }
    if (!a)
        return false;
    size_t ln = (size_t)(a - s), dn = n - ln - 1;
    const char *d = a + 1;
    bool local_ok = dot_atom(s, ln) || quoted(s, ln);
    bool domain_ok = dot_atom(d, dn) || (dn >= 2 && d[0] == '[' && d[dn - 1] == ']' && !memchr(d + 1, '[', dn - 2) &&
                                         !memchr(d + 1, ']', dn - 2));
    *at = ln;
    return local_ok && domain_ok;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

val netaddr_mail(const char *s, size_t n, const char **why)
{
    *why = "The specified string is not in the form required for an e-mail address.";
    trim(&s, &n);
    if (n == 0) {
        *why = "The parameter 'address' cannot be an empty string.\r\nParameter name: address";
        return val_nothing();
    }
    const char *spec = s, *name = s;
    size_t sn = n, nn = 0;
    if (s[n - 1] == '>') {
        /* [display name] <addr-spec> */
        const char *lt = NULL;
        for (size_t i = n - 1; i-- > 0;)
            if (s[i] == '<') {
                lt = s + i;
                break;
            }
        if (!lt)
            return val_nothing();
        spec = lt + 1;
        sn = n - (size_t)(lt - s) - 2;
        nn = (size_t)(lt - s);
        trim(&name, &nn);
        if (nn && name[0] == '"') {
            if (!quoted(name, nn))
                return val_nothing();
            name++; /* the quotes are not part of the name */
            nn -= 2;
        }
    }
    size_t at;
    if (!addr_spec(spec, sn, &at))
        return val_nothing();
    val o = val_obj_new(NETADDR_MAIL);
    o = val_obj_set(o, "DisplayName", val_str_n(name, nn));
    o = val_obj_set(o, "User", val_str_n(spec, at));
    o = val_obj_set(o, "Host", val_str_n(spec + at + 1, sn - at - 1));
    o = val_obj_set(o, "Address", val_str_n(spec, sn));
    struct buf t = BUF_INIT;
    if (nn)
        buf_printf(&t, "\"%.*s\" <%.*s>", (int)nn, name, (int)sn, spec);
    else
        buf_add(&t, spec, sn);
    return val_obj_set(o, "\x01ToString", val_str_buf(&t));
}

/* }================================================================== */
