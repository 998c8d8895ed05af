/*
** uri.c - System.Uri (see uri.h).
*/
#include "uri.h"

#include "conv.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct uri {
    struct buf scheme, user, host, path, query, fragment;
    int port;          /* -1: none */
    bool authority;    /* scheme://... */
    bool port_given;
};

static const struct {
    const char *scheme;
    int port;
} default_ports[] = {
    {"http", 80},   {"https", 443}, {"ftp", 21},     {"ws", 80},      {"wss", 443},  {"ldap", 389},
    {"mailto", 25}, {"gopher", 70}, {"nntp", 119},   {"telnet", 23},  {"net.tcp", 808}, {"net.pipe", -1},
    {"file", -1},   {"news", -1},   {"uuid", -1},
};

static int default_port(const char *scheme)
{
    for (size_t i = 0; i < sizeof default_ports / sizeof default_ports[0]; i++)
        if (!strcmp(default_ports[i].scheme, scheme))
            return default_ports[i].port;
    return -1;
}

/* Schemes whose paths are hierarchical: dot segments go, backslashes become slashes. */
static bool hierarchical(const char *scheme)
{
    return !strcmp(scheme, "http") || !strcmp(scheme, "https") || !strcmp(scheme, "ftp") ||
           !strcmp(scheme, "file") || !strcmp(scheme, "ws") || !strcmp(scheme, "wss") ||
           !strcmp(scheme, "net.tcp") || !strcmp(scheme, "net.pipe");
}

static void uri_free(struct uri *u)
{
    buf_release(&u->scheme);
    buf_release(&u->user);
    buf_release(&u->host);
    buf_release(&u->path);
    buf_release(&u->query);
    buf_release(&u->fragment);
}

static bool unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

/* Characters a URI never holds as they are: escaped in every part. */
static bool must_escape(unsigned char c)
{
    return c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '^' || c == '`' || c == '{' ||
           c == '|' || c == '}';
}

static void put_escaped(struct buf *out, unsigned char c)
{
    buf_printf(out, "%%%02X", c);
}

/* Appends s with the characters a URI cannot hold escaped (existing %XX kept). */
static void escape_part(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (must_escape(c))
            put_escaped(out, c);
        else
            buf_putc(out, (char)c);
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void uri_unescape(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 && (l = hexval(s[i + 2])) >= 0) {
            buf_putc(out, (char)(h * 16 + l));
            i += 2;
        } else {
            buf_putc(out, s[i]);
        }
    }
}

/* Uri.ToString(): the escaped form with the escapes of printable characters
** (and spaces) decoded, except those that would change the URI's meaning. */
static void display(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 && (l = hexval(s[i + 2])) >= 0) {
            int c = h * 16 + l;
            if (c == ' ' || (c > ' ' && c < 0x7f && !strchr("%#?/\\:;@&=+$,[]", c))) {
                buf_putc(out, (char)c);
                i += 2;
                continue;
            }
        }
        buf_putc(out, s[i]);
    }
}

void uri_escape_data(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (unreserved(c))
            buf_putc(out, (char)c);
        else
            put_escaped(out, c);
    }
}

void uri_escape_uri(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (unreserved(c) || (c < 0x7f && strchr(":/?#[]@!$&'()*+,;=", c) && c))
            buf_putc(out, (char)c);
        else
            put_escaped(out, c);
    }
}

/* Removes "." and ".." segments from an absolute path (RFC 3986 5.2.4). */
static void remove_dots(struct buf *path)
{
    struct buf out = BUF_INIT;
    const char *p = buf_cstr(path);
    size_t n = path->len, i = 0;
    while (i < n) {
        /* one segment: from a '/' to the next */
        size_t j = i + 1;
        while (j < n && p[j] != '/')
            j++;
        const char *seg = p + i + 1;
        size_t sl = j - i - 1;
        bool last = j >= n;
        if (sl == 1 && seg[0] == '.') {
            if (last)
                buf_putc(&out, '/');
        } else if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out.len > 0 && out.s[out.len - 1] != '/')
                out.len--;
            if (out.len > 0)
                out.len--;
            if (last)
                buf_putc(&out, '/');
        } else {
            buf_add(&out, p + i, j - i);
        }
        i = j;
    }
    if (out.len == 0)
        buf_putc(&out, '/');
    buf_release(path);
    *path = out;
}

static bool valid_host(const char *h, size_t n)
{
    if (n == 0)
        return false;
    if (h[0] == '[')
        return h[n - 1] == ']';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (!(isalnum(c) || c == '-' || c == '.' || c == '_' || c >= 0x80))
            return false;
    }
    return true;
}

static bool is_ipv4(const char *h)
{
    int parts = 0;
    const char *p = h;
    while (*p) {
        if (!isdigit((unsigned char)*p))
            return false;
        long v = strtol(p, (char **)&p, 10);
        if (v > 255)
            return false;
        parts++;
        if (*p == '.')
            p++;
        else if (*p)
            return false;
    }
    return parts == 4;
}

/* Parses an absolute URI; *why gets the UriFormatException message on failure. */
static bool parse(const char *s, size_t n, struct uri *u, const char **why)
{
    memset(u, 0, sizeof *u);
    u->port = -1;
    while (n > 0 && isspace((unsigned char)s[0]))
        s++, n--;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0) {
        *why = "Invalid URI: The URI is empty.";
        return false;
    }
    size_t i = 0;
    /* a Windows drive path: file:///C:/... */
    if (n >= 3 && isalpha((unsigned char)s[0]) && s[1] == ':' && (s[2] == '\\' || s[2] == '/')) {
        buf_puts(&u->scheme, "file");
        u->authority = true;
        buf_putc(&u->path, '/');
        for (size_t k = 0; k < n; k++)
            buf_putc(&u->path, s[k] == '\\' ? '/' : s[k]);
        struct buf esc = BUF_INIT;
        escape_part(u->path.s, u->path.len, &esc);
        buf_release(&u->path);
        u->path = esc;
        remove_dots(&u->path);
        return true;
    }
    if (!isalpha((unsigned char)s[0])) {
        *why = "Invalid URI: The format of the URI could not be determined.";
        return false;
    }
    while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        i++;
    if (i >= n || s[i] != ':' || i < 2) {
        *why = "Invalid URI: The format of the URI could not be determined.";
        return false;
    }
    for (size_t k = 0; k < i; k++)
        buf_putc(&u->scheme, (char)tolower((unsigned char)s[k]));
    i++; /* ':' */
    const char *scheme = buf_cstr(&u->scheme);
    bool hier = hierarchical(scheme);
    if (i + 1 < n && (s[i] == '/' || (hier && s[i] == '\\')) && (s[i + 1] == '/' || (hier && s[i + 1] == '\\'))) {
        u->authority = true;
        i += 2;
        size_t a = i;
        while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#' && !(hier && s[i] == '\\'))
            i++;
        const char *auth = s + a;
        size_t an = i - a;
        const char *at = NULL;
        for (size_t k = 0; k < an; k++)
            if (auth[k] == '@')
                at = auth + k;
        if (at) {
            escape_part(auth, (size_t)(at - auth), &u->user);
            an -= (size_t)(at + 1 - auth);
            auth = at + 1;
        }
        size_t hn = an;
        const char *colon = NULL;
        if (an && auth[0] == '[') {
            const char *close = memchr(auth, ']', an);
            if (close && (size_t)(close - auth) + 1 < an && close[1] == ':')
                colon = close + 1;
        } else {
            colon = memchr(auth, ':', an);
        }
        if (colon) {
            hn = (size_t)(colon - auth);
            size_t pn = an - hn - 1;
            long port = 0;
            if (pn == 0 || pn > 5) {
                *why = "Invalid URI: Invalid port specified.";
                return false;
            }
            for (size_t k = 0; k < pn; k++) {
                if (!isdigit((unsigned char)colon[1 + k])) {
                    *why = "Invalid URI: Invalid port specified.";
                    return false;
                }
                port = port * 10 + (colon[1 + k] - '0');
            }
            if (port > 65535) {
                *why = "Invalid URI: Invalid port specified.";
                return false;
            }
            u->port = (int)port;
            u->port_given = true;
        }
        if (!valid_host(auth, hn) && !(hn == 0 && !strcmp(scheme, "file"))) {
            *why = "Invalid URI: The hostname could not be parsed.";
            return false;
        }
        for (size_t k = 0; k < hn; k++)
            buf_putc(&u->host, (char)tolower((unsigned char)auth[k]));
        if (!u->port_given)
            u->port = default_port(scheme);
    }
    size_t p = i;
    while (i < n && s[i] != '?' && s[i] != '#')
        i++;
    struct buf raw = BUF_INIT;
    for (size_t k = p; k < i; k++)
        buf_putc(&raw, hier && s[k] == '\\' ? '/' : s[k]);
    escape_part(raw.s ? raw.s : "", raw.len, &u->path);
    buf_release(&raw);
    if (u->authority && hier) {
        if (u->path.len == 0 || u->path.s[0] != '/') {
            struct buf t = BUF_INIT;
            buf_putc(&t, '/');
            buf_add(&t, u->path.s ? u->path.s : "", u->path.len);
            buf_release(&u->path);
            u->path = t;
        }
        remove_dots(&u->path);
    }
    if (i < n && s[i] == '?') {
        size_t q = i;
        while (i < n && s[i] != '#')
            i++;
        escape_part(s + q, i - q, &u->query);
    }
    if (i < n && s[i] == '#')
        escape_part(s + i, n - i, &u->fragment);
    return true;
}

static val str_of(const struct buf *b)
{
    return val_str_n(b->s ? b->s : "", b->len);
}

val uri_object(const char *s, size_t n, const char **why)
{
    struct uri u;
    if (!parse(s, n, &u, why)) {
        uri_free(&u);
        return val_nothing();
    }
    const char *scheme = buf_cstr(&u.scheme);
    const char *host = buf_cstr(&u.host);
    bool file = !strcmp(scheme, "file");
    int dport = default_port(scheme);
    bool is_default = !u.port_given || u.port == dport;
    /* Authority: host and a port that is not the scheme's own */
    struct buf authority = BUF_INIT;
    buf_puts(&authority, host);
    if (u.port_given && u.port != dport)
        buf_printf(&authority, ":%d", u.port);
    /* the escaped whole: AbsoluteUri */
    struct buf abs = BUF_INIT;
    buf_puts(&abs, scheme);
    buf_putc(&abs, ':');
    if (u.authority) {
        buf_puts(&abs, "//");
        if (u.user.len) {
            buf_add(&abs, u.user.s, u.user.len);
            buf_putc(&abs, '@');
        }
        buf_add(&abs, authority.s ? authority.s : "", authority.len);
    }
    buf_add(&abs, u.path.s ? u.path.s : "", u.path.len);
    buf_add(&abs, u.query.s ? u.query.s : "", u.query.len);
    buf_add(&abs, u.fragment.s ? u.fragment.s : "", u.fragment.len);
    /* Segments: the path cut after each '/' */
    val segs = val_arr_new();
    const char *path = buf_cstr(&u.path);
    for (size_t a = 0, k = 0; k <= u.path.len; k++) {
        if (k == u.path.len || path[k] == '/') {
            size_t end = k < u.path.len ? k + 1 : k;
            if (end > a)
                segs = val_arr_push(segs, val_str_n(path + a, end - a));
            a = end;
        }
    }
    /* LocalPath: the unescaped path; a drive path of a file URI in Windows form */
    struct buf local = BUF_INIT;
    if (file && u.path.len >= 3 && isalpha((unsigned char)path[1]) && path[2] == ':') {
        struct buf t = BUF_INIT;
        uri_unescape(path + 1, u.path.len - 1, &t);
        for (size_t k = 0; k < t.len; k++)
            buf_putc(&local, t.s[k] == '/' ? '\\' : t.s[k]);
        buf_release(&t);
    } else if (file && u.host.len) {
        buf_puts(&local, "\\\\");
        buf_puts(&local, host);
        struct buf t = BUF_INIT;
        uri_unescape(path, u.path.len, &t);
        for (size_t k = 0; k < t.len; k++)
            buf_putc(&local, t.s[k] == '/' ? '\\' : t.s[k]);
        buf_release(&t);
    } else {
        uri_unescape(path, u.path.len, &local);
    }
    const char *htype = u.host.len == 0 ? "Basic" : host[0] == '[' ? "IPv6" : is_ipv4(host) ? "IPv4" : "Dns";
    bool loopback = !strcmp(host, "localhost") || !strncmp(host, "127.", 4) || !strcmp(host, "[::1]") ||
                    (file && u.host.len == 0);
    struct buf pq = BUF_INIT;
    buf_add(&pq, u.path.s ? u.path.s : "", u.path.len);
    buf_add(&pq, u.query.s ? u.query.s : "", u.query.len);
    struct buf shown = BUF_INIT;
    display(abs.s, abs.len, &shown);

    val o = val_obj_new("System.Uri");
    o = val_obj_add_type(o, "System.Object");
    o = val_obj_set(o, "AbsolutePath", str_of(&u.path));
    o = val_obj_set(o, "AbsoluteUri", str_of(&abs));
    o = val_obj_set(o, "LocalPath", str_of(&local));
    o = val_obj_set(o, "Authority", str_of(&authority));
    o = val_obj_set(o, "HostNameType", val_str_new(htype));
    o = val_obj_set(o, "IsDefaultPort", val_bool(is_default));
    o = val_obj_set(o, "IsFile", val_bool(file));
    o = val_obj_set(o, "IsLoopback", val_bool(loopback));
    o = val_obj_set(o, "PathAndQuery", str_of(&pq));
    o = val_obj_set(o, "Segments", segs);
    o = val_obj_set(o, "IsUnc", val_bool(file && u.host.len > 0));
    o = val_obj_set(o, "Host", str_of(&u.host));
    o = val_obj_set(o, "Port", val_int(u.port));
    o = val_obj_set(o, "Query", str_of(&u.query));
    o = val_obj_set(o, "Fragment", str_of(&u.fragment));
    o = val_obj_set(o, "Scheme", str_of(&u.scheme));
    o = val_obj_set(o, "OriginalString", val_str_n(s, n));
    o = val_obj_set(o, "DnsSafeHost", str_of(&u.host));
    o = val_obj_set(o, "IdnHost", str_of(&u.host));
    o = val_obj_set(o, "IsAbsoluteUri", val_bool(true));
    o = val_obj_set(o, "UserEscaped", val_bool(false));
    o = val_obj_set(o, "UserInfo", str_of(&u.user));
    o = val_obj_set(o, "\x01ToString", str_of(&shown));
    buf_release(&authority);
    buf_release(&abs);
    buf_release(&local);
    buf_release(&pq);
    buf_release(&shown);
    uri_free(&u);
    return o;
}

/* A string every character of which may stand in a URI as it is (escapes well formed). */
static bool clean(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (must_escape(c) || c == '\\')
            return false;
        if (c == '%' && !(i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0))
            return false;
    }
    return true;
}

bool uri_well_formed(const char *s, size_t n, enum uri_kind kind)
{
    if (!clean(s, n))
        return false;
    struct uri u;
    const char *why;
    bool abs = n > 0 && parse(s, n, &u, &why);
    if (n > 0)
        uri_free(&u);
    if (abs) {
        /* drive paths and scheme:rest without // parse, but are not well formed as text */
        bool drive = n >= 2 && isalpha((unsigned char)s[0]) && s[1] == ':';
        if (drive)
            abs = false;
    }
    /* a relative reference: no scheme, that is no ':' before the first '/', '?' or '#' */
    bool rel = true;
    for (size_t i = 0; i < n && s[i] != '/' && s[i] != '?' && s[i] != '#'; i++)
        if (s[i] == ':')
            rel = false;
    if (kind == URI_ABSOLUTE)
        return abs;
    if (kind == URI_RELATIVE)
        return !abs && rel;
    return abs || rel;
}

/* The AbsoluteUri of a Uri object, or the text of any other value. */
static void uri_text(val v, struct buf *out)
{
    if (val_kind(v) == VAL_OBJECT && val_obj_ntypes(v) && !strcmp(val_obj_type_at(v, 0), "System.Uri")) {
        val a = val_obj_get(v, "AbsoluteUri");
        buf_add(out, val_str(a), val_str_len(a));
        val_free(a);
        return;
    }
    conv_str(v, out);
}

/* RFC 3986 5.2: the reference rel resolved against the absolute URI base. */
static void resolve(const char *base, const char *rel, struct buf *out)
{
    size_t bn = strlen(base);
    size_t scheme_end = strcspn(base, ":");
    size_t i = 0;
    while (rel[i] && rel[i] != ':' && rel[i] != '/' && rel[i] != '?' && rel[i] != '#')
        i++;
    if (rel[i] == ':' && i > 1) { /* rel has a scheme of its own */
        buf_puts(out, rel);
        return;
    }
    size_t auth_end = scheme_end + 1;
    if (!strncmp(base + auth_end, "//", 2)) {
        auth_end += 2;
        while (auth_end < bn && base[auth_end] != '/' && base[auth_end] != '?' && base[auth_end] != '#')
            auth_end++;
    }
    size_t path_end = auth_end + strcspn(base + auth_end, "?#");
    if (rel[0] == '/' && rel[1] == '/') {
        buf_add(out, base, scheme_end + 1);
        buf_puts(out, rel);
    } else if (rel[0] == '/') {
        buf_add(out, base, auth_end);
        buf_puts(out, rel);
    } else if (rel[0] == '?') {
        buf_add(out, base, path_end);
        buf_puts(out, rel);
    } else if (rel[0] == '#') {
        buf_add(out, base, auth_end + strcspn(base + auth_end, "#"));
        buf_puts(out, rel);
    } else if (!rel[0]) {
        buf_add(out, base, auth_end + strcspn(base + auth_end, "#"));
    } else {
        size_t last = path_end;
        while (last > auth_end && base[last - 1] != '/')
            last--;
        if (last == auth_end) {
            buf_add(out, base, auth_end);
            buf_putc(out, '/');
        } else {
            buf_add(out, base, last);
        }
        buf_puts(out, rel);
    }
}

static bool is_uri(val v)
{
    return val_kind(v) == VAL_OBJECT && val_obj_ntypes(v) && !strcmp(val_obj_type_at(v, 0), "System.Uri");
}

/* A UriKind argument: its value, or -1 when it is not one. */
static int uri_kind_of(val v)
{
    if (val_kind(v) == VAL_ENUM || val_kind(v) == VAL_INT)
        return v.u.i >= 0 && v.u.i <= 2 ? (int)v.u.i : -1;
    if (val_kind(v) == VAL_STRING) {
        static const char *const names[] = {"RelativeOrAbsolute", "Absolute", "Relative"};
        for (int i = 0; i < 3; i++)
            if (text_ieq(val_str(v), val_str_len(v), names[i], strlen(names[i])))
                return i;
    }
    return -1;
}

/* A relative System.Uri: only what .NET gives one without throwing. */
static val relative_uri(const char *s, size_t n)
{
    val o = val_obj_new("System.Uri");
    o = val_obj_add_type(o, "System.Object");
    o = val_obj_set(o, "OriginalString", val_str_n(s, n));
    o = val_obj_set(o, "IsAbsoluteUri", val_bool(false));
    o = val_obj_set(o, "UserEscaped", val_bool(false));
    o = val_obj_set(o, "\x01ToString", val_str_n(s, n));
    return o;
}

val uri_new(const val *args, uint32_t na, const char **why)
{
    struct buf a = BUF_INIT, b = BUF_INIT, r = BUF_INIT;
    val u = val_nothing();
    *why = NULL;
    if (na == 2 && !is_uri(args[0])) {
        /* new Uri(string, UriKind) */
        int kind = uri_kind_of(args[1]);
        if (kind < 0) {
            *why = "Cannot convert the second argument to \"System.UriKind\".";
            return u;
        }
        uri_text(args[0], &a);
        const char *w = NULL;
        u = uri_object(buf_cstr(&a), a.len, &w);
        bool absolute = val_kind(u) != VAL_NOTHING;
        if (kind == URI_ABSOLUTE && !absolute) {
            *why = w;
        } else if (kind == URI_RELATIVE && absolute) {
            val_free(u);
            u = val_nothing();
            *why = "A relative URI cannot be created because the 'uriString' parameter represents an absolute URI.";
        } else if (!absolute) {
            u = relative_uri(buf_cstr(&a), a.len);
        }
        buf_release(&a);
        return u;
    }
    if (na == 1 || na == 2) {
        uri_text(args[0], &a);
        if (na == 1) {
            u = uri_object(buf_cstr(&a), a.len, why);
        } else {
            /* the base must be absolute */
            val base = uri_object(buf_cstr(&a), a.len, why);
            if (val_kind(base) != VAL_NOTHING) {
                val abs = val_obj_get(base, "AbsoluteUri");
                uri_text(args[1], &b);
                resolve(val_str(abs), buf_cstr(&b), &r);
                val_free(abs);
                u = uri_object(buf_cstr(&r), r.len, why);
                if (val_kind(u) != VAL_NOTHING) {
                    /* OriginalString of a combined URI is the combined text */
                    u = val_obj_set(u, "OriginalString", val_str_n(buf_cstr(&r), r.len));
                }
            } else if (!strcmp(*why, "Invalid URI: The format of the URI could not be determined.")) {
                *why = "This operation is not supported for a relative URI.";
            }
            val_free(base);
        }
    }
    buf_release(&a);
    buf_release(&b);
    buf_release(&r);
    return u;
}
