/*
** c_data.c - the data cmdlets of the Utility module: ConvertTo-Json,
** ConvertFrom-Json, ConvertTo-Csv, ConvertFrom-Csv, Export-Csv, Import-Csv
** and ConvertTo-Html, as Windows PowerShell 5.1 runs them; and the file and
** encoding helpers of data_io.h, which c_clixml.c shares.
**
** emsh models Windows PowerShell 5.1 (what the Exchange Management Shell
** runs on), so these cmdlets follow its implementations, not PowerShell 7's:
**
**   ConvertTo-Json   5.1's JavaScriptSerializer output re-indented by its
**                    own pretty printer: four spaces a level, "key":  value
**                    with two spaces, nested containers aligned under their
**                    key; DateTime as "\/Date(ms)\/"; ' < > & escaped as
**                    \u0027 \u003c \u003e \u0026; enums as numbers; objects
**                    beyond -Depth (default 2) become their string form,
**                    silently (the truncation warning is PowerShell 7.1's);
**                    $null input writes nothing. -AsArray and
**                    -EnumsAsStrings (PowerShell 6/7) are accepted.
**   ConvertFrom-Json 5.1's JavaScriptSerializer reader: PSCustomObjects,
**                    object[] arrays written as ONE object (5.1 does not
**                    enumerate them), numbers as Int32, Int64, Decimal or
**                    Double, "\/Date(ms)\/" as a UTC DateTime, its error
**                    texts ("Invalid JSON primitive: x."). -AsHashtable,
**                    -Depth and -NoEnumerate (PowerShell 6/7) are accepted.
**   CSV              a "#TYPE <type name>" first line unless
**                    -NoTypeInformation, every field quoted, $null as an
**                    empty unquoted field, values as .NET's ToString()
**                    prints them; Export-Csv writes ASCII unless -Encoding
**                    says otherwise; Import-Csv gives type names
**                    "CSV:<type>" when the file has a #TYPE line.
**   ConvertTo-Html   the XHTML 1.0 Strict page (or -Fragment), one output
**                    string per line, values HTML-encoded.
**
** Parameters are read with cmd_arg() by their index in the cmdlet's JSON
** file (the enums below). Lines end with "\n" ([Environment]::NewLine in
** emsh) where Windows writes "\r\n".
*/
#include "data_io.h"
#include "conv.h"
#include "datetime.h"
#include "netfmt.h"
#include "registry.h"
#include "text.h"
#include "types.h"
#include "wildcard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
** {==================================================================
** Small helpers
** ===================================================================
*/

/* A string parameter's text (borrowed), or NULL when unbound. */
static const char *str_arg(struct cmd_ctx *c, uint16_t p)
{
    val v = cmd_arg(c, p);
    return val_kind(v) == VAL_STRING ? val_str(v) : NULL;
}

static bool ieq(const char *a, const char *b)
{
    return text_ieq(a, strlen(a), b, strlen(b));
}

/* Throws a terminating error with a printf-formatted message. */
static enum ev throwf(struct cmd_ctx *c, const char *id, const char *category,
                      const char *exception, val target, const char *fmt, ...) EMSH_PRINTF(6, 7);

static enum ev throwf(struct cmd_ctx *c, const char *id, const char *category,
                      const char *exception, val target, const char *fmt, ...)
{
    struct buf m = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&m, fmt, ap);
    va_end(ap);
    enum ev rc = cmd_throw(c, id, category, exception, target, buf_cstr(&m));
    buf_release(&m);
    return rc;
}

void data_check_params(struct cmd_ctx *c, const char *const *names)
{
    uint16_t i = 0;
    for (; names[i]; i++)
        assert(i < c->meta->nparams && !strcmp(c->meta->params[i].name, names[i]));
    assert(i == c->meta->nparams);
    (void)c;
    (void)i;
}

enum ev data_check_depth(struct cmd_ctx *c, uint16_t p, int32_t *depth)
{
    val v = cmd_arg(c, p);
    if (val_kind(v) != VAL_INT)
        return EV_OK;
    if (v.u.i < 1)
        return throwf(c, "ParameterArgumentValidationError", "InvalidData",
                      "System.Management.Automation.ParameterBindingValidationException",
                      val_nothing(),
                      "Cannot validate argument on parameter 'Depth'. The %lld argument is less "
                      "than the minimum allowed range of 1. Supply an argument that is greater "
                      "than or equal to 1 and then try the command again.",
                      (long long)v.u.i);
    *depth = (int32_t)v.u.i;
    return EV_OK;
}

/* The length of s[0..n) in UTF-16 units (what .NET's string indexes count). */
static size_t u16len(const char *s, size_t n)
{
    return text_utf16_len(s, n);
}

/* }================================================================== */

/*
** {==================================================================
** Paths and files (data_io.h)
** ===================================================================
*/

enum data_enc data_enc_of(val name)
{
    static const char *const names[] = {"Unicode",          "UTF7",    "UTF8", "ASCII", "UTF32",
                                        "BigEndianUnicode", "Default", "OEM"};
    if (val_kind(name) != VAL_STRING)
        return ENC_NONE;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(names); i++)
        if (ieq(val_str(name), names[i]))
            return (enum data_enc)i;
    return ENC_NONE;
}

char *data_full_path(const char *path)
{
    struct buf raw = BUF_INIT;
    if (path[0] == '~' && (path[1] == '\0' || path[1] == '/' || path[1] == '\\')) {
        const char *home = getenv("HOME");
        buf_puts(&raw, home ? home : "/");
        buf_putc(&raw, '/');
        path++;
    } else if (path[0] != '/' && path[0] != '\\') {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof cwd))
            buf_puts(&raw, cwd);
        buf_putc(&raw, '/');
    }
    buf_puts(&raw, path);
    for (size_t i = 0; i < raw.len; i++)
        if (raw.s[i] == '\\')
            raw.s[i] = '/';
    /* normalize: empty and "." segments go, ".." removes the one before */
    struct buf out = BUF_INIT;
    const char *s = buf_cstr(&raw);
    size_t n = raw.len, i = 0;
    bool trailing = n > 1 && s[n - 1] == '/';
    while (i < n) {
        while (i < n && s[i] == '/')
            i++;
        size_t st = i;
        while (i < n && s[i] != '/')
            i++;
        size_t len = i - st;
        if (len == 0 || (len == 1 && s[st] == '.'))
            continue;
        if (len == 2 && s[st] == '.' && s[st + 1] == '.') {
            while (out.len && out.s[out.len - 1] != '/')
                out.len--;
            if (out.len)
                out.len--;
            if (out.s)
                out.s[out.len] = '\0';
            continue;
        }
        buf_putc(&out, '/');
        buf_add(&out, s + st, len);
    }
    if (!out.len)
        buf_putc(&out, '/');
    else if (trailing)
        buf_putc(&out, '/');
    buf_release(&raw);
    return buf_detach(&out, NULL);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

enum ev data_resolve(struct cmd_ctx *c, const char *path, bool literal, char **out)
{
    *out = NULL;
    /* a provider-qualified path (a PSPath): Microsoft.PowerShell.Core\FileSystem::/x */
    const char *pq = strstr(path, "::");
    if (pq && (text_ieq(path, (size_t)(pq - path), "FileSystem", 10) ||
               text_ieq(path, (size_t)(pq - path), "Microsoft.PowerShell.Core\\FileSystem", 36)))
        path = pq + 2;
    if (!literal && wc_has_wildcards(path, strlen(path))) {
        /* globbing: the last component may hold wildcards */
        char *full = data_full_path(path);
        char *slash = strrchr(full, '/');
        const char *pat = slash + 1;
        char *dir = emsh_xstrndup(full, (size_t)(slash - full));
        char **hits = NULL;
        size_t nhits = 0;
        DIR *d = opendir(dir[0] ? dir : "/");
        if (d) {
            struct dirent *e;
            while ((e = readdir(d))) {
                if (e->d_name[0] == '.' && pat[0] != '.')
                    continue;
                if (wc_match(pat, strlen(pat), e->d_name, strlen(e->d_name), WC_NONE) == 1) {
                    hits = emsh_xrealloc(hits, (nhits + 1) * sizeof *hits);
                    struct buf b = BUF_INIT;
                    buf_printf(&b, "%s/%s", dir, e->d_name);
                    hits[nhits++] = buf_detach(&b, NULL);
                }
            }
            closedir(d);
        }
        free(dir);
        free(full);
        if (nhits > 1)
            qsort(hits, nhits, sizeof *hits, cmp_str);
        enum ev rc = EV_OK;
        if (nhits == 1) {
            *out = hits[0];
            nhits = 0;
        } else if (nhits > 1) {
            rc = cmd_throw(c, "ReadWriteMultipleFilesNotSupported", "InvalidArgument",
                           "System.InvalidOperationException", val_nothing(),
                           "Cannot perform operation because the path resolved to more than one "
                           "file. This command cannot operate on multiple files.");
        } else {
            val t = val_str_new(path);
            rc = throwf(c, "FileOpenFailure", "OpenError", "System.IO.FileNotFoundException", t,
                        "Cannot perform operation because the wildcard path %s did not resolve "
                        "to a file.",
                        path);
            val_free(t);
        }
        for (size_t i = 0; i < nhits; i++)
            free(hits[i]);
        free(hits);
        return rc;
    }
    if (!literal) {
        struct buf u = BUF_INIT;
        wc_unescape(path, strlen(path), &u);
        *out = data_full_path(buf_cstr(&u));
        buf_release(&u);
    } else {
        *out = data_full_path(path);
    }
    return EV_OK;
}

/* Does the directory that would hold full exist? */
static bool parent_exists(const char *full)
{
    const char *slash = strrchr(full, '/');
    if (!slash || slash == full)
        return true;
    char *dir = emsh_xstrndup(full, (size_t)(slash - full));
    struct stat st;
    bool ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    free(dir);
    return ok;
}

/* The FileOpenFailure of an open() that failed with err on the absolute path full. */
static enum ev open_failure(struct cmd_ctx *c, const char *full, int err)
{
    if (err == ENOENT || err == ENOTDIR) {
        if (err == ENOENT && parent_exists(full))
            return throwf(c, "FileOpenFailure", "OpenError", "System.IO.FileNotFoundException",
                          val_nothing(), "Could not find file '%s'.", full);
        return throwf(c, "FileOpenFailure", "OpenError", "System.IO.DirectoryNotFoundException",
                      val_nothing(), "Could not find a part of the path '%s'.", full);
    }
    if (err == EACCES || err == EPERM || err == EISDIR || err == EROFS)
        return throwf(c, "FileOpenFailure", "OpenError", "System.UnauthorizedAccessException",
                      val_nothing(), "Access to the path '%s' is denied.", full);
    return throwf(c, "FileOpenFailure", "OpenError", "System.IO.IOException", val_nothing(), "%s",
                  strerror(err));
}

/* Windows-1252 and code page 437 above 0x7F. */
static const uint16_t cp1252_hi[128] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3,
    0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF};
static const uint16_t cp437_hi[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
    0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
    0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0};

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_value(unsigned char ch)
{
    const char *p = ch ? strchr(b64, ch) : NULL;
    return p ? (int)(p - b64) : -1;
}

/* UTF-7 (RFC 2152, as .NET's UTF7Encoding reads it) to UTF-8. */
static void utf7_decode(const unsigned char *s, size_t n, struct buf *out)
{
    size_t i = 0;
    uint32_t pending_hi = 0;
    while (i < n) {
        if (s[i] != '+') {
            buf_putc(out, (char)s[i++]);
            continue;
        }
        i++;
        if (i < n && s[i] == '-') {
            buf_putc(out, '+');
            i++;
            continue;
        }
        uint32_t bits = 0;
        int nbits = 0;
        while (i < n && b64_value(s[i]) >= 0) {
            bits = (bits << 6) | (uint32_t)b64_value(s[i++]);
            nbits += 6;
            if (nbits >= 16) {
                nbits -= 16;
                uint32_t u = (bits >> nbits) & 0xFFFF;
                if (u >= 0xD800 && u < 0xDC00) {
                    pending_hi = u;
                } else if (u >= 0xDC00 && u < 0xE000 && pending_hi) {
                    buf_put_utf8(out, 0x10000 + ((pending_hi - 0xD800) << 10) + (u - 0xDC00));
                    pending_hi = 0;
                } else {
                    buf_put_utf8(out, u);
                }
            }
        }
        if (i < n && s[i] == '-')
            i++;
    }
}

/* Appends code point cp, or U+FFFD for a lone surrogate. */
static void put_cp(struct buf *out, uint32_t cp)
{
    buf_put_utf8(out, (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF ? 0xFFFD : cp);
}

static void utf16_decode(const unsigned char *s, size_t n, bool be, struct buf *out)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
            uint32_t l =
                be ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
            if (l >= 0xDC00 && l < 0xE000) {
                buf_put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
                i += 2;
                continue;
            }
        }
        put_cp(out, u);
    }
}

/* UTF-8 with each invalid byte replaced by U+FFFD. */
static void utf8_clean(const unsigned char *s, size_t n, struct buf *out)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        int extra = c < 0x80             ? 0
                    : (c & 0xE0) == 0xC0 ? 1
                    : (c & 0xF0) == 0xE0 ? 2
                    : (c & 0xF8) == 0xF0 ? 3
                                         : -1;
        bool ok = extra >= 0;
        for (int k = 1; ok && k <= extra; k++)
            ok = i + (size_t)k < n && (s[i + (size_t)k] & 0xC0) == 0x80;
        if (ok && extra == 1 && c < 0xC2)
            ok = false;
        if (!ok) {
            buf_put_utf8(out, 0xFFFD);
            i++;
            continue;
        }
        buf_add(out, s + i, (size_t)extra + 1);
        i += (size_t)extra + 1;
    }
}

void data_decode(const unsigned char *s, size_t n, enum data_enc enc, struct buf *out)
{
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        utf8_clean(s + 3, n - 3, out);
        return;
    }
    if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
        enc = ENC_UTF32, s += 4, n -= 4;
    else if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) {
        for (size_t i = 4; i + 3 < n; i += 4)
            put_cp(out, (uint32_t)s[i] << 24 | (uint32_t)s[i + 1] << 16 | (uint32_t)s[i + 2] << 8 |
                            s[i + 3]);
        return;
    } else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        enc = ENC_UNICODE, s += 2, n -= 2;
    else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        enc = ENC_BIGENDIAN, s += 2, n -= 2;
    switch (enc) {
    case ENC_UNICODE:
        utf16_decode(s, n, false, out);
        return;
    case ENC_BIGENDIAN:
        utf16_decode(s, n, true, out);
        return;
    case ENC_UTF32:
        for (size_t i = 0; i + 3 < n; i += 4)
            put_cp(out, (uint32_t)s[i + 3] << 24 | (uint32_t)s[i + 2] << 16 |
                            (uint32_t)s[i + 1] << 8 | s[i]);
        return;
    case ENC_UTF7:
        utf7_decode(s, n, out);
        return;
    case ENC_ASCII:
        for (size_t i = 0; i < n; i++)
            buf_putc(out, s[i] < 0x80 ? (char)s[i] : '?');
        return;
    case ENC_DEFAULT:
    case ENC_OEM:
        for (size_t i = 0; i < n; i++) {
            if (s[i] < 0x80)
                buf_putc(out, (char)s[i]);
            else
                buf_put_utf8(out, (enc == ENC_OEM ? cp437_hi : cp1252_hi)[s[i] - 0x80]);
        }
        return;
    default:
        utf8_clean(s, n, out);
        return;
    }
}

enum ev data_read_file(struct cmd_ctx *c, const char *path, bool literal, enum data_enc enc,
                       struct buf *text)
{
    char *full;
    enum ev rc = data_resolve(c, path, literal, &full);
    if (rc)
        return rc;
    int fd = open(full, O_RDONLY);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fd = -1;
        errno = EISDIR;
    }
    if (fd < 0) {
        rc = open_failure(c, full, errno);
        free(full);
        return rc;
    }
    struct buf raw = BUF_INIT;
    char chunk[65536];
    ssize_t got;
    while ((got = read(fd, chunk, sizeof chunk)) > 0)
        buf_add(&raw, chunk, (size_t)got);
    int err = got < 0 ? errno : 0;
    close(fd);
    if (err) {
        rc = open_failure(c, full, err);
    } else {
        data_decode((const unsigned char *)buf_cstr(&raw), raw.len, enc, text);
    }
    buf_release(&raw);
    free(full);
    return rc;
}

/* The bytes of code point cp in encoding enc. */
static void encode_cp(struct buf *o, uint32_t cp, enum data_enc enc)
{
    switch (enc) {
    case ENC_UNICODE:
    case ENC_BIGENDIAN: {
        uint16_t u[2];
        int k = 0;
        if (cp >= 0x10000) {
            u[k++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            u[k++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            u[k++] = (uint16_t)cp;
        }
        for (int j = 0; j < k; j++) {
            char b[2] = {(char)(u[j] & 0xFF), (char)(u[j] >> 8)};
            if (enc == ENC_BIGENDIAN) {
                char t = b[0];
                b[0] = b[1];
                b[1] = t;
            }
            buf_add(o, b, 2);
        }
        return;
    }
    case ENC_UTF32: {
        char b[4] = {(char)(cp & 0xFF), (char)(cp >> 8 & 0xFF), (char)(cp >> 16 & 0xFF), 0};
        buf_add(o, b, 4);
        return;
    }
    case ENC_ASCII:
        buf_putc(o, cp < 0x80 ? (char)cp : '?');
        return;
    case ENC_DEFAULT:
    case ENC_OEM: {
        if (cp < 0x80) {
            buf_putc(o, (char)cp);
            return;
        }
        const uint16_t *t = enc == ENC_OEM ? cp437_hi : cp1252_hi;
        for (int i = 0; i < 128; i++)
            if (t[i] == cp) {
                buf_putc(o, (char)(0x80 + i));
                return;
            }
        buf_putc(o, '?');
        return;
    }
    default:
        buf_put_utf8(o, cp);
        return;
    }
}

/* Is the character written directly in UTF-7 (.NET: the direct set, no optional characters)? */
static bool utf7_direct(uint32_t cp)
{
    return cp && cp < 0x80 &&
           ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
            strchr("'(),-./:? \t\r\n", (int)cp));
}

/* UTF-8 to UTF-7: base64 runs of UTF-16 for what is not direct, "+-" for '+'. */
static void utf7_encode(const char *s, size_t n, struct buf *o)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp = text_next(s, n, &i);
        if (utf7_direct(cp)) {
            buf_putc(o, (char)cp);
            continue;
        }
        if (cp == '+') {
            buf_puts(o, "+-");
            continue;
        }
        buf_putc(o, '+');
        uint32_t bits = 0;
        int nbits = 0;
        size_t j = i;
        uint32_t c2 = cp;
        for (;;) {
            uint16_t u[2];
            int k = 0;
            if (c2 >= 0x10000) {
                u[k++] = (uint16_t)(0xD800 + ((c2 - 0x10000) >> 10));
                u[k++] = (uint16_t)(0xDC00 + ((c2 - 0x10000) & 0x3FF));
            } else {
                u[k++] = (uint16_t)c2;
            }
            for (int q = 0; q < k; q++) {
                bits = (bits << 16) | u[q];
                nbits += 16;
                while (nbits >= 6) {
                    nbits -= 6;
                    buf_putc(o, b64[(bits >> nbits) & 0x3F]);
                }
            }
            i = j;
            if (j >= n)
                break;
            size_t peek = j;
            uint32_t nx = text_next(s, n, &peek);
            if (utf7_direct(nx) || nx == '+')
                break;
            c2 = nx;
            j = peek;
        }
        if (nbits > 0)
            buf_putc(o, b64[(bits << (6 - nbits)) & 0x3F]);
        size_t peek = i;
        uint32_t nx = i < n ? text_next(s, n, &peek) : 0;
        if (i >= n || b64_value((unsigned char)nx) >= 0 || nx == '-')
            buf_putc(o, '-');
    }
}

void data_write(struct data_out *w, const char *s, size_t n)
{
    if (!w->f)
        return;
    if (w->enc == ENC_UTF8 || w->enc == ENC_NONE) {
        fwrite(s, 1, n, w->f);
        return;
    }
    struct buf o = BUF_INIT;
    if (w->enc == ENC_UTF7) {
        utf7_encode(s, n, &o);
    } else {
        size_t i = 0;
        while (i < n)
            encode_cp(&o, text_next(s, n, &i), w->enc);
    }
    fwrite(buf_cstr(&o), 1, o.len, w->f);
    buf_release(&o);
}

void data_write_line(struct data_out *w, const char *s, size_t n)
{
    data_write(w, s, n);
    data_write(w, "\n", 1);
}

void data_close(struct data_out *w)
{
    if (w->f) {
        fclose(w->f);
        w->f = NULL;
    }
    if (w->restore_ro) {
        chmod(w->restore_ro, w->restore_mode);
        free(w->restore_ro);
        w->restore_ro = NULL;
    }
    free(w->full);
    w->full = NULL;
}

enum ev data_open_write(struct cmd_ctx *c, const char *path, bool literal, enum data_enc enc,
                        bool append, bool force, bool noclobber, struct data_out *w)
{
    memset(w, 0, sizeof *w);
    w->enc = enc;
    char *full;
    enum ev rc = data_resolve(c, path, literal, &full);
    if (rc)
        return rc;
    struct stat st;
    bool exists = stat(full, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        rc = open_failure(c, full, EISDIR);
        free(full);
        return rc;
    }
    if (exists && force && (append || !noclobber) && access(full, W_OK) != 0 &&
        chmod(full, st.st_mode | S_IWUSR) == 0) {
        w->restore_ro = emsh_xstrndup(full, strlen(full));
        w->restore_mode = st.st_mode & 07777;
    }
    int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : noclobber ? O_EXCL : O_TRUNC);
    int fd = open(full, flags, 0666);
    if (fd < 0) {
        int err = errno;
        if (err == EEXIST && noclobber) {
            val t = val_str_new(full);
            rc = throwf(c, "NoClobber", "ResourceExists", "System.IO.IOException", t,
                        "File %s already exists and NoClobber was specified.", path);
            val_free(t);
        } else {
            rc = open_failure(c, full, err);
        }
        free(full);
        data_close(w);
        return rc;
    }
    w->f = fdopen(fd, append ? "ab" : "wb");
    w->full = full;
    bool empty = fstat(fd, &st) == 0 && st.st_size == 0;
    if (empty) {
        static const char bom8[] = "\xEF\xBB\xBF", bom16[] = "\xFF\xFE", bom16be[] = "\xFE\xFF",
                          bom32[] = "\xFF\xFE\x00\x00";
        switch (enc) {
        case ENC_UTF8:
            fwrite(bom8, 1, 3, w->f);
            break;
        case ENC_UNICODE:
            fwrite(bom16, 1, 2, w->f);
            break;
        case ENC_BIGENDIAN:
            fwrite(bom16be, 1, 2, w->f);
            break;
        case ENC_UTF32:
            fwrite(bom32, 1, 4, w->f);
            break;
        default:
            break;
        }
    }
    return EV_OK;
}

/* }================================================================== */

/*
** {==================================================================
** Values as .NET and PowerShell's adapter see them
** ===================================================================
*/

static bool is_array(val v)
{
    return val_kind(v) == VAL_ARRAY;
}

void data_dotnet_str(val v, struct buf *out)
{
    switch (val_kind(v)) {
    case VAL_DATETIME:
        dt_format(out, v.u.i, conv_dt_kind(v), NULL, DT_EN_US);
        return;
    case VAL_ARRAY:
        buf_puts(out, conv_type_name(v));
        return;
    case VAL_TYPE:
        buf_puts(out, type_name(v.aux));
        return;
    default:
        conv_str(v, out);
        return;
    }
}

/* The long date and time an en-US DateTime's ETS DateTime property shows. */
static val datetime_ets(val v)
{
    struct buf b = BUF_INIT;
    dt_format(&b, v.u.i, conv_dt_kind(v), "D", DT_EN_US);
    buf_putc(&b, ' ');
    dt_format(&b, v.u.i, conv_dt_kind(v), "T", DT_EN_US);
    return val_str_buf(&b);
}

/*
** The properties PowerShell's adapter shows for a value (Extended and
** Adapted, in its order): an object's own, a hashtable's .NET properties,
** a string's Length and so on. Appends names and values (new references)
** to the two arrays.
*/
static void adapter_props(val v, val *names, val *values)
{
#define PROP(n, x)                                                                                 \
    (*names = val_arr_push(*names, val_str_new(n)), *values = val_arr_push(*values, (x)))
    switch (val_kind(v)) {
    case VAL_OBJECT:
        for (uint32_t i = 0; i < val_obj_len(v); i++) {
            const char *n = val_obj_name_at(v, i);
            if (n[0] == '\x01')
                continue;
            PROP(n, val_copy(val_obj_value_at(v, i)));
        }
        return;
    case VAL_HASHTABLE: {
        const char *t = (v.flags & VF_ORDERED) ? "System.Collections.Specialized.OrderedDictionary"
                                               : "System.Collections.Hashtable";
        PROP("IsReadOnly", val_bool(false));
        PROP("IsFixedSize", val_bool(false));
        PROP("IsSynchronized", val_bool(false));
        PROP("Keys", val_str_printf("%s+KeyCollection", t));
        PROP("Values", val_str_printf("%s+ValueCollection", t));
        PROP("SyncRoot", val_str_new("System.Object"));
        PROP("Count", val_int((int32_t)val_hash_len(v)));
        return;
    }
    case VAL_STRING:
        PROP("Length", val_int((int32_t)u16len(val_str(v), val_str_len(v))));
        return;
    case VAL_ARRAY:
        PROP("Count", val_int((int32_t)val_arr_len(v)));
        PROP("Length", val_int((int32_t)val_arr_len(v)));
        PROP("LongLength", val_long(val_arr_len(v)));
        PROP("Rank", val_int(1));
        PROP("SyncRoot", val_copy(v));
        PROP("IsReadOnly", val_bool(false));
        PROP("IsFixedSize", val_bool(val_arr_flavour(v) == ARR_OBJECT));
        PROP("IsSynchronized", val_bool(false));
        return;
    case VAL_DATETIME: {
        struct dt_parts p;
        enum dt_kind k = conv_dt_kind(v);
        dt_to_parts(v.u.i, &p);
        static const char *const days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                           "Thursday", "Friday", "Saturday"};
        static const char *const kinds[] = {"Unspecified", "Utc", "Local"};
        PROP("DateTime", datetime_ets(v));
        PROP("Date", val_datetime(v.u.i - v.u.i % DT_TICKS_PER_DAY, v.flags));
        PROP("Day", val_int(p.day));
        PROP("DayOfWeek", val_str_new(days[p.day_of_week]));
        PROP("DayOfYear", val_int(p.day_of_year));
        PROP("Hour", val_int(p.hour));
        PROP("Kind", val_str_new(kinds[k]));
        PROP("Millisecond", val_int(p.millisecond));
        PROP("Minute", val_int(p.minute));
        PROP("Month", val_int(p.month));
        PROP("Second", val_int(p.second));
        PROP("Ticks", val_long(v.u.i));
        PROP("TimeOfDay", val_timespan(v.u.i % DT_TICKS_PER_DAY));
        PROP("Year", val_int(p.year));
        return;
    }
    case VAL_TIMESPAN: {
        int64_t t = v.u.i;
        PROP("Ticks", val_long(t));
        PROP("Days", val_int(ts_days(t)));
        PROP("Hours", val_int(ts_hours(t)));
        PROP("Milliseconds", val_int(ts_milliseconds(t)));
        PROP("Minutes", val_int(ts_minutes(t)));
        PROP("Seconds", val_int(ts_seconds(t)));
        PROP("TotalDays", val_double(ts_total_days(t)));
        PROP("TotalHours", val_double(ts_total_hours(t)));
        PROP("TotalMilliseconds", val_double(ts_total_milliseconds(t)));
        PROP("TotalMinutes", val_double(ts_total_minutes(t)));
        PROP("TotalSeconds", val_double(ts_total_seconds(t)));
        return;
    }
    case VAL_SWITCH:
        PROP("IsPresent", val_bool(v.u.b));
        return;
    default:
        return;
    }
#undef PROP
}

/* The value of the adapter property `name` (ignoring case) of v; *found says whether it exists. */
static val adapter_get(val v, const char *name, bool *found)
{
    *found = false;
    if (val_kind(v) == VAL_OBJECT) {
        if (name[0] == '\x01' || !val_obj_has(v, name))
            return val_null();
        *found = true;
        return val_obj_get(v, name);
    }
    val names = val_arr_new(), values = val_arr_new();
    adapter_props(v, &names, &values);
    val r = val_null();
    for (uint32_t i = 0; i < val_arr_len(names); i++) {
        if (ieq(val_str(val_arr_items(names)[i]), name)) {
            r = val_arr_get(values, i);
            *found = true;
            break;
        }
    }
    val_free(names);
    val_free(values);
    return r;
}

/* The first PSTypeName of a value, as Export-Csv's #TYPE line shows it. */
static const char *first_type_name(val v)
{
    if (val_kind(v) == VAL_OBJECT)
        return val_obj_ntypes(v) ? val_obj_type_at(v, 0) : NULL;
    return conv_type_name(v);
}

/* }================================================================== */

/*
** {==================================================================
** ConvertTo-Json
** ===================================================================
*/

enum { CTJ_INPUT_OBJECT, CTJ_DEPTH, CTJ_COMPRESS, CTJ_ENUMS_AS_STRINGS, CTJ_AS_ARRAY };

/* 5.1 refuses depths over this in BeginProcessing. */
#define JSON_MAX_DEPTH 100

struct ctj_state {
    val items; /* the non-null input objects */
};

/*
** A string in double quotes as 5.1's JavaScriptSerializer writes it
** (HttpUtility.JavaScriptStringEncode): \" \\ \b \f \n \r \t, and
** \uXXXX (lower-case hex) for the other control characters, for ' < > &
** and for U+0085, U+2028 and U+2029.
*/
static void json_quote(struct buf *o, const char *s, size_t n)
{
    buf_putc(o, '"');
    size_t i = 0;
    while (i < n) {
        size_t st = i;
        uint32_t cp = text_next(s, n, &i);
        switch (cp) {
        case '\r':
            buf_puts(o, "\\r");
            break;
        case '\t':
            buf_puts(o, "\\t");
            break;
        case '"':
            buf_puts(o, "\\\"");
            break;
        case '\\':
            buf_puts(o, "\\\\");
            break;
        case '\n':
            buf_puts(o, "\\n");
            break;
        case '\b':
            buf_puts(o, "\\b");
            break;
        case '\f':
            buf_puts(o, "\\f");
            break;
        default:
            if (cp < 0x20 || cp == '\'' || cp == '<' || cp == '>' || cp == '&' || cp == 0x85 ||
                cp == 0x2028 || cp == 0x2029)
                buf_printf(o, "\\u%04x", (unsigned)cp);
            else
                buf_add(o, s + st, i - st);
            break;
        }
    }
    buf_putc(o, '"');
}

static void json_quote_val(struct buf *o, val v)
{
    struct buf t = BUF_INIT;
    conv_str(v, &t);
    json_quote(o, buf_cstr(&t), t.len);
    buf_release(&t);
}

struct json_writer {
    struct cmd_ctx *c;
    int32_t depth;         /* -Depth */
    bool enums_as_strings; /* -EnumsAsStrings */
};

/*
** Writes v as 5.1's ProcessValue and JavaScriptSerializer together make
** it, at nesting depth `depth`: scalars as themselves, containers and
** objects deeper than -Depth as their string form, the rest recursively.
** Returns EV_OK or the status of a terminating error.
*/
static enum ev json_value(struct json_writer *w, struct buf *o, val v, int depth)
{
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        buf_puts(o, "null");
        return EV_OK;
    case VAL_STRING:
        json_quote(o, val_str(v), val_str_len(v));
        return EV_OK;
    case VAL_CHAR:
        if (v.u.i == 0)
            buf_puts(o, "null");
        else
            json_quote_val(o, v);
        return EV_OK;
    case VAL_BOOL:
        buf_puts(o, v.u.b ? "true" : "false");
        return EV_OK;
    case VAL_DATETIME: {
        int64_t utc = dt_to_utc(v.u.i, conv_dt_kind(v));
        buf_printf(o, "\"\\/Date(%lld)\\/\"",
                   (long long)((utc - DT_UNIX_EPOCH_TICKS) / DT_TICKS_PER_MS));
        return EV_OK;
    }
    case VAL_GUID:
        json_quote_val(o, v);
        return EV_OK;
    case VAL_DOUBLE:
        nf_format_double(o, v.u.d, "R");
        return EV_OK;
    case VAL_DECIMAL:
        nf_format_decimal(o, val_dec_get(v), NULL);
        return EV_OK;
    case VAL_INT:
    case VAL_LONG:
        buf_printf(o, "%lld", (long long)v.u.i);
        return EV_OK;
    case VAL_ENUM:
        if (w->enums_as_strings)
            json_quote_val(o, v);
        else
            buf_printf(o, "%lld", (long long)v.u.i);
        return EV_OK;
    default:
        break;
    }
    if (depth > w->depth) {
        json_quote_val(o, v);
        return EV_OK;
    }
    switch (val_kind(v)) {
    case VAL_HASHTABLE: {
        buf_putc(o, '{');
        for (uint32_t i = 0; i < val_hash_len(v); i++) {
            val k = val_hash_key_at(v, i);
            if (val_kind(k) != VAL_STRING)
                return throwf(w->c, "NonStringKeyInDictionary", "InvalidOperation",
                              "System.InvalidOperationException", v,
                              "The type '%s' is not supported for serialization or "
                              "deserialization of a dictionary. Keys must be strings.",
                              conv_type_name(v));
            if (i)
                buf_putc(o, ',');
            json_quote(o, val_str(k), val_str_len(k));
            buf_putc(o, ':');
            enum ev rc = json_value(w, o, val_hash_value_at(v, i), depth + 1);
            if (rc)
                return rc;
        }
        buf_putc(o, '}');
        return EV_OK;
    }
    case VAL_ARRAY: {
        buf_putc(o, '[');
        for (uint32_t i = 0; i < val_arr_len(v); i++) {
            if (i)
                buf_putc(o, ',');
            enum ev rc = json_value(w, o, val_arr_items(v)[i], depth + 1);
            if (rc)
                return rc;
        }
        buf_putc(o, ']');
        return EV_OK;
    }
    case VAL_OBJECT:
    case VAL_TIMESPAN:
    case VAL_SWITCH: {
        /* a custom object: its properties (a TimeSpan's and a switch's are .NET's) */
        val names = val_arr_new(), values = val_arr_new();
        adapter_props(v, &names, &values);
        buf_putc(o, '{');
        enum ev rc = EV_OK;
        for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
            val n = val_arr_items(names)[i];
            if (i)
                buf_putc(o, ',');
            json_quote(o, val_str(n), val_str_len(n));
            buf_putc(o, ':');
            rc = json_value(w, o, val_arr_items(values)[i], depth + 1);
        }
        buf_putc(o, '}');
        val_free(names);
        val_free(values);
        return rc;
    }
    default:
        /* ByteQuantifiedSize, script blocks, types: their string form */
        json_quote_val(o, v);
        return EV_OK;
    }
}

/*
** 5.1's ConvertToPrettyJsonString, over the serializer's compact text: a
** newline after each opening bracket and comma, four spaces a level, two
** spaces after a key's colon, and a container that is a key's value
** indented under the column after that key.
*/
struct pretty {
    const char *j;
    size_t n;
    struct buf *o;
};

static void spaces(struct buf *o, size_t k)
{
    while (k--)
        buf_putc(o, ' ');
}

/* Copies a quoted string whose opening quote was already copied; returns the closing quote's index.
 */
static size_t pretty_quoted(struct pretty *p, size_t i)
{
    for (; i < p->n; i++) {
        buf_putc(p->o, p->j[i]);
        if (p->j[i] == '"') {
            size_t k = i;
            bool escaped = false;
            while (k > 0 && p->j[--k] == '\\')
                escaped = !escaped;
            if (!escaped)
                return i;
        }
    }
    return p->n;
}

static size_t pretty_dict(struct pretty *p, size_t i, size_t pad, size_t extra);

static size_t pretty_list(struct pretty *p, size_t i, size_t pad, size_t extra)
{
    buf_putc(p->o, '\n');
    size_t inner = pad + extra + 4;
    bool head = true;
    for (; i < p->n; i++) {
        char ch = p->j[i];
        switch (ch) {
        case '{':
        case '[':
            spaces(p->o, inner);
            buf_putc(p->o, ch);
            i = ch == '{' ? pretty_dict(p, i + 1, inner, 0) : pretty_list(p, i + 1, inner, 0);
            head = false;
            break;
        case ']':
            buf_putc(p->o, '\n');
            spaces(p->o, pad + extra);
            buf_putc(p->o, ']');
            return i;
        case '"':
            if (head)
                spaces(p->o, inner);
            buf_putc(p->o, ch);
            i = pretty_quoted(p, i + 1);
            head = false;
            break;
        case ',':
            buf_puts(p->o, ",\n");
            head = true;
            break;
        default:
            if (head)
                spaces(p->o, inner);
            buf_putc(p->o, ch);
            head = false;
            break;
        }
    }
    return p->n;
}

static size_t pretty_dict(struct pretty *p, size_t i, size_t pad, size_t extra)
{
    buf_putc(p->o, '\n');
    size_t inner = pad + extra + 4;
    bool head = true, before_colon = true;
    size_t key_width = 0; /* "key":  in UTF-16 units, where a container value is aligned */
    for (; i < p->n; i++) {
        char ch = p->j[i];
        switch (ch) {
        case '{':
        case '[':
            buf_putc(p->o, ch);
            i = ch == '{' ? pretty_dict(p, i + 1, inner, key_width)
                          : pretty_list(p, i + 1, inner, key_width);
            head = false;
            break;
        case '}':
            buf_putc(p->o, '\n');
            spaces(p->o, pad + extra);
            buf_putc(p->o, '}');
            return i;
        case '"': {
            if (head)
                spaces(p->o, inner);
            buf_putc(p->o, ch);
            size_t end = pretty_quoted(p, i + 1);
            if (before_colon)
                key_width += u16len(p->j + i, end - i + 1);
            i = end;
            head = false;
            break;
        }
        case ':':
            buf_puts(p->o, ":  ");
            key_width += 3;
            head = false;
            before_colon = false;
            break;
        case ',':
            buf_puts(p->o, ",\n");
            head = true;
            before_colon = true;
            key_width = 0;
            break;
        default:
            if (head)
                spaces(p->o, inner);
            buf_putc(p->o, ch);
            if (before_colon)
                key_width++;
            head = false;
            break;
        }
    }
    return p->n;
}

static void json_pretty(const char *j, size_t n, struct buf *o)
{
    struct pretty p = {j, n, o};
    if (n && (j[0] == '{' || j[0] == '[')) {
        buf_putc(o, j[0]);
        if (j[0] == '{')
            pretty_dict(&p, 1, 0, 0);
        else
            pretty_list(&p, 1, 0, 0);
        return;
    }
    buf_add(o, j, n);
}

static enum ev ctj_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {"InputObject",    "Depth",   "Compress",
                                        "EnumsAsStrings", "AsArray", NULL};
    data_check_params(c, names);
    struct ctj_state *st = cmd_state(c);
    st->items = val_arr_new();
    int32_t depth = 2;
    enum ev rc = data_check_depth(c, CTJ_DEPTH, &depth);
    if (rc)
        return rc;
    if (depth > JSON_MAX_DEPTH)
        return throwf(c, "ReachedMaximumDepthAllowed", "InvalidOperation",
                      "System.InvalidOperationException", val_nothing(),
                      "The maximum depth allowed for serialization is %d.", JSON_MAX_DEPTH);
    return EV_OK;
}

static enum ev ctj_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct ctj_state *st = cmd_state(c);
    val v = cmd_arg(c, CTJ_INPUT_OBJECT);
    if (!val_is_null(v))
        st->items = val_arr_push(st->items, val_copy(v));
    return EV_OK;
}

static enum ev ctj_end(struct cmd_ctx *c)
{
    struct ctj_state *st = cmd_state(c);
    uint32_t n = val_arr_len(st->items);
    if (n == 0)
        return EV_OK;
    struct json_writer w = {c, 2, cmd_switch(c, CTJ_ENUMS_AS_STRINGS)};
    if (val_kind(cmd_arg(c, CTJ_DEPTH)) == VAL_INT)
        w.depth = (int32_t)cmd_arg(c, CTJ_DEPTH).u.i;
    val top =
        (n > 1 || cmd_switch(c, CTJ_AS_ARRAY)) ? val_copy(st->items) : val_arr_get(st->items, 0);
    struct buf compact = BUF_INIT;
    enum ev rc = json_value(&w, &compact, top, 0);
    val_free(top);
    if (rc) {
        buf_release(&compact);
        return rc;
    }
    if (cmd_switch(c, CTJ_COMPRESS))
        return cmd_write(c, val_str_buf(&compact));
    struct buf pretty = BUF_INIT;
    json_pretty(buf_cstr(&compact), compact.len, &pretty);
    buf_release(&compact);
    return cmd_write(c, val_str_buf(&pretty));
}

static void ctj_release(void *state)
{
    struct ctj_state *st = state;
    val_free(st->items);
}

CMDLET_DEFINE(cmd_convertto_json, .begin = ctj_begin, .process = ctj_process, .end = ctj_end,
              .state_size = sizeof(struct ctj_state), .release = ctj_release);

/* }================================================================== */

/*
** {==================================================================
** ConvertFrom-Json
** ===================================================================
*/

enum { CFJ_INPUT_OBJECT, CFJ_AS_HASHTABLE, CFJ_DEPTH, CFJ_NO_ENUMERATE };

/* 5.1 reads JSON with JavaScriptSerializer { RecursionLimit = 100 + 2 }. */
#define JSON_READ_LIMIT 102

/* What the reader builds first: JavaScriptSerializer's dictionaries and lists. */
enum jkind { JN_VALUE, JN_OBJECT, JN_ARRAY };

struct jnode {
    enum jkind kind;
    val v; /* JN_VALUE: a string, number, bool, DateTime or $null */
    uint32_t n, cap;
    char **keys; /* JN_OBJECT: member names (case-sensitive, as Dictionary<string, object>) */
    struct jnode *kids;
};

static void jnode_free(struct jnode *j)
{
    val_free(j->v);
    for (uint32_t i = 0; i < j->n; i++) {
        jnode_free(&j->kids[i]);
        if (j->keys)
            free(j->keys[i]);
    }
    free(j->kids);
    free(j->keys);
}

/* The reader: JavaScriptObjectDeserializer over UTF-8, positions counted in UTF-16 units for
 * messages. */
struct jreader {
    const char *s;
    size_t n, i;
    int limit;
    bool failed;
    bool arg_exception; /* the failure is an ArgumentException (ConvertFrom-Json then joins its
                           input) */
    const char *exception;
    struct buf msg;
};

static bool jfail(struct jreader *r, const char *exception, const char *fmt, ...) EMSH_PRINTF(3, 4);

static bool jfail(struct jreader *r, const char *exception, const char *fmt, ...)
{
    if (r->failed)
        return false;
    r->failed = true;
    r->exception = exception;
    r->arg_exception = !strcmp(exception, "System.ArgumentException") ||
                       !strcmp(exception, "System.ArgumentNullException") ||
                       !strcmp(exception, "System.ArgumentOutOfRangeException");
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&r->msg, fmt, ap);
    va_end(ap);
    return false;
}

/* GetDebugString: "message (index): input". */
static bool jfail_at(struct jreader *r, const char *message)
{
    return jfail(r, "System.ArgumentException", "%s (%zu): %.*s", message, u16len(r->s, r->i),
                 (int)r->n, r->s);
}

/* Char.IsWhiteSpace. */
static bool is_ws(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

static bool jnext_nonempty(struct jreader *r, uint32_t *c)
{
    while (r->i < r->n) {
        uint32_t cp = text_next(r->s, r->n, &r->i);
        if (!is_ws(cp)) {
            *c = cp;
            return true;
        }
    }
    return false;
}

static bool jmove_next(struct jreader *r, uint32_t *c)
{
    if (r->i >= r->n)
        return false;
    *c = text_next(r->s, r->n, &r->i);
    return true;
}

static void jmove_prev(struct jreader *r)
{
    if (r->i == 0)
        return;
    r->i--;
    while (r->i > 0 && ((unsigned char)r->s[r->i] & 0xC0) == 0x80)
        r->i--;
}

static bool jread(struct jreader *r, int depth, struct jnode *out);

/* DeserializePrimitiveToken: letters, digits and . - _ + */
static void jtoken(struct jreader *r, struct buf *tok)
{
    uint32_t c;
    while (jmove_next(r, &c)) {
        bool letter = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                      (c >= 0x80 && !is_ws(c));
        if (letter || c == '.' || c == '-' || c == '_' || c == '+') {
            buf_put_utf8(tok, c);
        } else {
            jmove_prev(r);
            break;
        }
    }
}

/* Int32/Int64.TryParse with NumberStyles.Integer (an optional leading sign and digits). */
static bool parse_integer(const char *s, int64_t *out, bool *fits32)
{
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-')
        neg = s[i++] == '-';
    if (!s[i])
        return false;
    uint64_t acc = 0;
    for (; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        if (acc > (UINT64_MAX - 9) / 10)
            return false;
        acc = acc * 10 + (uint64_t)(s[i] - '0');
    }
    if (neg ? acc > (uint64_t)INT64_MAX + 1 : acc > (uint64_t)INT64_MAX)
        return false;
    *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    *fits32 = *out >= INT32_MIN && *out <= INT32_MAX;
    return true;
}

/* decimal.TryParse with NumberStyles.Number: sign before or after, digits, one point. */
static bool parse_decimal(const char *s, struct dec *out)
{
    size_t n = strlen(s), i = 0;
    bool neg = false, sign = false;
    if (n && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        sign = true;
        i++;
    }
    if (n > i && (s[n - 1] == '+' || s[n - 1] == '-')) {
        if (sign)
            return false;
        neg = s[n - 1] == '-';
        n--;
    }
    bool digits = false, point = false;
    struct buf b = BUF_INIT;
    for (size_t k = i; k < n; k++) {
        if (s[k] >= '0' && s[k] <= '9') {
            digits = true;
        } else if (s[k] == '.' && !point) {
            point = true;
        } else {
            buf_release(&b);
            return false;
        }
        buf_putc(&b, s[k]);
    }
    if (!digits) {
        buf_release(&b);
        return false;
    }
    struct dec d;
    enum dec_status st = dec_parse(b.s, b.len, &d);
    buf_release(&b);
    if (st != DEC_OK)
        return false; /* beyond decimal.MaxValue */
    *out = neg ? dec_neg(d) : d;
    return true;
}

/* Double.TryParse with NumberStyles.Float and the invariant culture. */
static bool parse_double(const char *s, double *out)
{
    if (!strcmp(s, "Infinity") || !strcmp(s, "+Infinity")) {
        *out = 1.0 / 0.0;
        return true;
    }
    if (!strcmp(s, "-Infinity")) {
        *out = -1.0 / 0.0;
        return true;
    }
    if (!strcmp(s, "NaN")) {
        *out = 0.0 / 0.0;
        return true;
    }
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    bool digits = false;
    while (s[i] >= '0' && s[i] <= '9')
        i++, digits = true;
    if (s[i] == '.') {
        i++;
        while (s[i] >= '0' && s[i] <= '9')
            i++, digits = true;
    }
    if (!digits)
        return false;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-')
            i++;
        if (!(s[i] >= '0' && s[i] <= '9'))
            return false;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (s[i])
        return false;
    errno = 0;
    double d = strtod(s, NULL);
    if (errno == ERANGE && (d > 1.0 || d < -1.0))
        return false; /* overflow: .NET Framework refuses it */
    *out = d;
    return true;
}

static bool jprimitive(struct jreader *r, struct jnode *out)
{
    struct buf tok = BUF_INIT;
    jtoken(r, &tok);
    const char *t = buf_cstr(&tok);
    out->kind = JN_VALUE;
    bool ok = true;
    if (!strcmp(t, "null")) {
        out->v = val_null();
    } else if (!strcmp(t, "true") || !strcmp(t, "false")) {
        out->v = val_bool(t[0] == 't');
    } else {
        bool point = strchr(t, '.') != NULL, exponent = strpbrk(t, "eE") != NULL;
        int64_t l;
        bool fits32;
        double d;
        struct dec dm;
        if (!exponent && !point && parse_integer(t, &l, &fits32))
            out->v = fits32 ? val_int((int32_t)l) : val_long(l);
        else if (!exponent && parse_decimal(t, &dm))
            out->v = val_dec(dm);
        else if (parse_double(t, &d))
            out->v = val_double(d);
        else
            ok = jfail(r, "System.ArgumentException", "Invalid JSON primitive: %s.", t);
    }
    buf_release(&tok);
    return ok;
}

/* Appends a UTF-16 unit, pairing surrogates; a lone one becomes U+FFFD. */
static void put_u16(struct buf *b, uint32_t *pending, uint32_t u)
{
    if (*pending) {
        if (u >= 0xDC00 && u < 0xE000) {
            buf_put_utf8(b, 0x10000 + ((*pending - 0xD800) << 10) + (u - 0xDC00));
            *pending = 0;
            return;
        }
        buf_put_utf8(b, 0xFFFD);
        *pending = 0;
    }
    if (u >= 0xD800 && u < 0xDC00)
        *pending = u;
    else
        put_cp(b, u);
}

/* DeserializeString: '...' or "...", with JavaScript escapes. Returns false on failure. */
static bool jstring(struct jreader *r, struct buf *out)
{
    uint32_t c = 0, quote = '"';
    jmove_next(r, &c);
    if (c == '\'')
        quote = '\'';
    else if (c != '"')
        return jfail_at(r, "Invalid string passed in, '\"' expected.");
    bool escaped = false;
    uint32_t pending = 0;
    while (jmove_next(r, &c)) {
        if (c == '\\') {
            if (escaped) {
                put_u16(out, &pending, '\\');
                escaped = false;
            } else {
                escaped = true;
            }
            continue;
        }
        if (escaped) {
            escaped = false;
            switch (c) {
            case '"':
            case '\'':
            case '/':
                put_u16(out, &pending, c);
                break;
            case 'b':
                put_u16(out, &pending, '\b');
                break;
            case 'f':
                put_u16(out, &pending, '\f');
                break;
            case 'n':
                put_u16(out, &pending, '\n');
                break;
            case 'r':
                put_u16(out, &pending, '\r');
                break;
            case 't':
                put_u16(out, &pending, '\t');
                break;
            case 'u': {
                if (r->n - r->i < 4)
                    return jfail(r, "System.ArgumentNullException",
                                 "Value cannot be null.\nParameter name: s");
                uint32_t u = 0;
                for (int k = 0; k < 4; k++) {
                    char h = r->s[r->i++];
                    int dv = h >= '0' && h <= '9'                     ? h - '0'
                             : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10
                                                                      : -1;
                    if (dv < 0)
                        return jfail(r, "System.FormatException",
                                     "Input string was not in a correct format.");
                    u = u * 16 + (uint32_t)dv;
                }
                put_u16(out, &pending, u);
                break;
            }
            default:
                return jfail_at(r, "Unrecognized escape sequence.");
            }
            continue;
        }
        if (c == quote) {
            if (pending)
                buf_put_utf8(out, 0xFFFD);
            return true;
        }
        if (pending) {
            buf_put_utf8(out, 0xFFFD);
            pending = 0;
        }
        buf_put_utf8(out, c);
    }
    return jfail_at(r, "Unterminated string passed in.");
}

/* A string that is "\/Date(ms)\/" becomes a UTC DateTime (DeserializeStringIntoDateTime). */
static bool jdate(struct jreader *r, struct jnode *out)
{
    const char *s = r->s + r->i;
    size_t avail = r->n - r->i;
    const char *end = NULL;
    for (size_t k = 0; k + 3 <= avail; k++)
        if (s[k] == '\\' && s[k + 1] == '/' && s[k + 2] == '"') {
            end = s + k + 3;
            break;
        }
    /* ^"\\/Date\((?<ticks>-?[0-9]+)(?:[a-zA-Z]|(?:\+|-)[0-9]{4})?\)\\/" */
    size_t lim = end ? (size_t)(end - s) : (avail < 2 ? avail : 2);
    size_t k = 8; /* past "\/Date( */
    bool ok = lim >= 8;
    size_t ts = k;
    if (ok && k < lim && s[k] == '-')
        k++;
    size_t ds = k;
    while (ok && k < lim && s[k] >= '0' && s[k] <= '9')
        k++;
    ok = ok && k > ds;
    size_t te = k;
    if (ok && k < lim && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))) {
        k++;
    } else if (ok && k + 5 <= lim && (s[k] == '+' || s[k] == '-')) {
        bool four = true;
        for (int q = 1; q <= 4; q++)
            four = four && s[k + (size_t)q] >= '0' && s[k + (size_t)q] <= '9';
        if (four)
            k += 5;
    }
    ok = ok && k + 4 <= lim && !memcmp(s + k, ")\\/\"", 4);
    int64_t ms = 0;
    bool fits32;
    if (ok) {
        char *digits = emsh_xstrndup(s + ts, te - ts);
        ok = parse_integer(digits, &ms, &fits32);
        free(digits);
    }
    if (!ok) {
        struct buf str = BUF_INIT;
        bool good = jstring(r, &str);
        out->kind = JN_VALUE;
        out->v = good ? val_str_buf(&str) : val_null();
        buf_release(&str);
        return good;
    }
    r->i += k + 4;
    uint64_t ticks = (uint64_t)ms * 10000u + (uint64_t)DT_UNIX_EPOCH_TICKS;
    if ((int64_t)ticks < 0 || (int64_t)ticks > DT_MAX_TICKS)
        return jfail(r, "System.ArgumentOutOfRangeException",
                     "Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks.\n"
                     "Parameter name: ticks");
    out->kind = JN_VALUE;
    out->v = val_datetime((int64_t)ticks, VF_UTC);
    return true;
}

static void jnode_add(struct jnode *j, char *key, struct jnode *kid)
{
    if (j->kind == JN_OBJECT) {
        for (uint32_t i = 0; i < j->n; i++)
            if (!strcmp(j->keys[i], key)) {
                /* Dictionary: the same key again replaces the value in place */
                jnode_free(&j->kids[i]);
                j->kids[i] = *kid;
                free(key);
                return;
            }
    }
    if (j->n == j->cap) {
        j->cap = j->cap ? j->cap * 2 : 4;
        j->kids = emsh_xrealloc(j->kids, j->cap * sizeof *j->kids);
        if (j->kind == JN_OBJECT)
            j->keys = emsh_xrealloc(j->keys, j->cap * sizeof *j->keys);
    }
    if (j->kind == JN_OBJECT)
        j->keys[j->n] = key;
    j->kids[j->n++] = *kid;
}

static bool jlist(struct jreader *r, int depth, struct jnode *out)
{
    uint32_t c = 0;
    out->kind = JN_ARRAY;
    jmove_next(r, &c); /* '[' */
    bool more = false, have = false;
    while ((have = jnext_nonempty(r, &c)) && c != ']') {
        jmove_prev(r);
        struct jnode kid = {JN_VALUE, val_null(), 0, 0, NULL, NULL};
        bool ok = jread(r, depth, &kid);
        jnode_add(out, NULL, &kid);
        if (!ok)
            return false;
        more = false;
        have = jnext_nonempty(r, &c);
        if (have && c == ']')
            break;
        more = true;
        if (!have || c != ',')
            return jfail_at(r, "Invalid array passed in, ',' expected.");
    }
    if (more)
        return jfail_at(r, "Invalid array passed in, extra trailing ','.");
    if (!have || c != ']')
        return jfail_at(r, "Invalid array passed in, ']' expected.");
    return true;
}

static bool jdict(struct jreader *r, int depth, struct jnode *out)
{
    uint32_t c = 0;
    out->kind = JN_OBJECT;
    jmove_next(r, &c); /* '{' */
    bool have, created = false;
    while ((have = jnext_nonempty(r, &c))) {
        jmove_prev(r);
        if (c == ':')
            return jfail_at(r, "Invalid object passed in, member name expected.");
        char *name = NULL;
        if (c != '}') {
            /* the member name: quoted, or a bare token */
            struct buf nb = BUF_INIT;
            uint32_t q;
            if (jnext_nonempty(r, &q)) {
                jmove_prev(r);
                if (q == '"' || q == '\'') {
                    if (!jstring(r, &nb)) {
                        buf_release(&nb);
                        return false;
                    }
                } else {
                    jtoken(r, &nb);
                }
                buf_putc(&nb, '\0');
                nb.len--;
                name = buf_detach(&nb, NULL);
            }
            have = jnext_nonempty(r, &c);
            if (!have || c != ':') {
                free(name);
                return jfail_at(r, "Invalid object passed in, ':' or '}' expected.");
            }
        }
        if (!created) {
            created = true;
            if (!name) {
                have = jnext_nonempty(r, &c); /* the '}' */
                break;
            }
        }
        struct jnode kid = {JN_VALUE, val_null(), 0, 0, NULL, NULL};
        bool ok = jread(r, depth, &kid);
        if (!ok) {
            jnode_free(&kid);
            free(name);
            return false;
        }
        jnode_add(out, name ? name : emsh_xstrndup("", 0), &kid);
        have = jnext_nonempty(r, &c);
        if (have && c == '}')
            break;
        if (!have || c != ',')
            return jfail_at(r, "Invalid object passed in, ':' or '}' expected.");
    }
    if (!have || c != '}')
        return jfail_at(r, "Invalid object passed in, ':' or '}' expected.");
    return true;
}

/* DeserializeInternal. */
static bool jread(struct jreader *r, int depth, struct jnode *out)
{
    if (++depth > r->limit)
        return jfail_at(r, "RecursionLimit exceeded.");
    uint32_t c;
    if (!jnext_nonempty(r, &c)) {
        out->kind = JN_VALUE;
        out->v = val_null();
        return true;
    }
    jmove_prev(r);
    if (r->n - r->i >= 8 && !memcmp(r->s + r->i, "\"\\/Date(", 8))
        return jdate(r, out);
    if (c == '{')
        return jdict(r, depth, out);
    if (c == '[')
        return jlist(r, depth, out);
    if (c == '"' || c == '\'') {
        struct buf s = BUF_INIT;
        bool ok = jstring(r, &s);
        out->kind = JN_VALUE;
        out->v = ok ? val_str_buf(&s) : val_null();
        buf_release(&s);
        return ok;
    }
    return jprimitive(r, out);
}

/* What to convert to, and the first error converting (PopulateFromDictionary). */
struct jconv {
    bool as_hashtable;
    const char *id, *category, *exception;
    struct buf msg;
};

static bool jconvert(struct jconv *cv, struct jnode *j, val *out)
{
    if (j->kind == JN_VALUE) {
        *out = val_copy(j->v);
        return true;
    }
    if (j->kind == JN_ARRAY) {
        val a = val_arr_sized(j->n);
        for (uint32_t i = 0; i < j->n; i++) {
            val e;
            if (!jconvert(cv, &j->kids[i], &e)) {
                val_free(a);
                return false;
            }
            a = val_arr_push(a, e);
        }
        *out = a;
        return true;
    }
    val o = cv->as_hashtable ? val_hash_new(false) : val_obj_new(NULL);
    for (uint32_t i = 0; i < j->n; i++) {
        const char *k = j->keys[i];
        if (!cv->as_hashtable) {
            if (!k[0]) {
                cv->id = "Argument";
                cv->category = "InvalidArgument";
                cv->exception = "System.Management.Automation.PSArgumentException";
                buf_puts(&cv->msg,
                         "Cannot process argument because the value of argument \"name\" "
                         "is not valid. Change the value of the \"name\" argument and run "
                         "the operation again.");
                val_free(o);
                return false;
            }
            for (uint32_t p = 0; p < val_obj_len(o); p++) {
                const char *have = val_obj_name_at(o, p);
                if (text_ieq(have, strlen(have), k, strlen(k))) {
                    cv->id = "DuplicateKeysInJsonString";
                    cv->category = "InvalidOperation";
                    cv->exception = "System.InvalidOperationException";
                    buf_printf(&cv->msg,
                               "Cannot convert the JSON string because a dictionary that was "
                               "converted from the string contains the duplicated keys '%s' and "
                               "'%s'.",
                               have, k);
                    val_free(o);
                    return false;
                }
            }
        }
        val e;
        if (!jconvert(cv, &j->kids[i], &e)) {
            val_free(o);
            return false;
        }
        o = cv->as_hashtable ? val_hash_set(o, val_str_new(k), e) : val_obj_set(o, k, e);
    }
    *out = o;
    return true;
}

enum cfj_result { CFJ_OK, CFJ_NULL, CFJ_ARGUMENT, CFJ_THROWN };

struct cfj_state {
    val buffer; /* the input strings */
};

/*
** ConvertFromJsonHelper: converts one text and writes the result (an
** array as one object). CFJ_ARGUMENT: the text is not JSON (the error is
** in *rd for the caller to raise or to retry with the joined input).
*/
static enum cfj_result cfj_convert(struct cmd_ctx *c, const char *text, size_t n, enum ev *rc,
                                   struct jreader *rd)
{
    memset(rd, 0, sizeof *rd);
    rd->s = text;
    rd->n = n;
    rd->limit = JSON_READ_LIMIT;
    val d = cmd_arg(c, CFJ_DEPTH);
    if (val_kind(d) == VAL_INT && d.u.i > 0)
        rd->limit = (int)(d.u.i < INT32_MAX - 1 ? d.u.i + 1 : INT32_MAX);
    struct jnode root = {JN_VALUE, val_null(), 0, 0, NULL, NULL};
    bool ok = jread(rd, 0, &root);
    uint32_t extra;
    if (ok && jnext_nonempty(rd, &extra))
        ok = jfail(rd, "System.ArgumentException", "Invalid JSON primitive: %.*s.",
                   (int)(rd->n - rd->i), rd->s + rd->i);
    *rc = EV_OK;
    if (!ok) {
        jnode_free(&root);
        return rd->arg_exception ? CFJ_ARGUMENT : CFJ_THROWN;
    }
    struct jconv cv = {cmd_switch(c, CFJ_AS_HASHTABLE), NULL, NULL, NULL, BUF_INIT};
    val result;
    ok = jconvert(&cv, &root, &result);
    jnode_free(&root);
    if (!ok) {
        *rc = cmd_throw(c, cv.id, cv.category, cv.exception, val_nothing(), buf_cstr(&cv.msg));
        buf_release(&cv.msg);
        return CFJ_THROWN;
    }
    buf_release(&cv.msg);
    bool is_null = val_is_null(result);
    *rc = cmd_write(c, result);
    return is_null ? CFJ_NULL : CFJ_OK;
}

/* Raises the reader's failure as the exception 5.1 lets escape from EndProcessing. */
static enum ev cfj_raise(struct cmd_ctx *c, struct jreader *rd)
{
    const char *exc = rd->exception;
    enum ev rc = cmd_throw(c, exc, "NotSpecified", exc, val_nothing(), buf_cstr(&rd->msg));
    buf_release(&rd->msg);
    return rc;
}

static enum ev cfj_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct cfj_state *st = cmd_state(c);
    if (val_kind(st->buffer) != VAL_ARRAY)
        st->buffer = val_arr_new();
    val v = cmd_arg(c, CFJ_INPUT_OBJECT);
    st->buffer = val_arr_push(st->buffer,
                              val_kind(v) == VAL_STRING ? val_copy(v) : conv_to_str(val_copy(v)));
    return EV_OK;
}

static enum ev cfj_end(struct cmd_ctx *c)
{
    struct cfj_state *st = cmd_state(c);
    uint32_t n = val_kind(st->buffer) == VAL_ARRAY ? val_arr_len(st->buffer) : 0;
    if (n == 0)
        return EV_OK;
    const val *items = val_arr_items(st->buffer);
    struct jreader rd;
    enum ev rc;
    enum cfj_result r = cfj_convert(c, val_str(items[0]), val_str_len(items[0]), &rc, &rd);
    if (n == 1 || r == CFJ_THROWN) {
        if (r == CFJ_ARGUMENT || (r == CFJ_THROWN && rd.failed))
            return cfj_raise(c, &rd);
        buf_release(&rd.msg);
        return rc;
    }
    if (rc)
        return rc;
    if (r == CFJ_OK) {
        /* each input is a JSON text of its own */
        for (uint32_t i = 1; i < n; i++) {
            r = cfj_convert(c, val_str(items[i]), val_str_len(items[i]), &rc, &rd);
            if (r == CFJ_ARGUMENT || (r == CFJ_THROWN && rd.failed))
                return cfj_raise(c, &rd);
            buf_release(&rd.msg);
            if (rc)
                return rc;
        }
        return EV_OK;
    }
    /* the inputs together are one JSON text */
    buf_release(&rd.msg);
    struct buf all = BUF_INIT;
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&all, '\n');
        buf_add(&all, val_str(items[i]), val_str_len(items[i]));
    }
    r = cfj_convert(c, buf_cstr(&all), all.len, &rc, &rd);
    buf_release(&all);
    if (r == CFJ_ARGUMENT || (r == CFJ_THROWN && rd.failed))
        return cfj_raise(c, &rd);
    buf_release(&rd.msg);
    return rc;
}

static void cfj_release(void *state)
{
    struct cfj_state *st = state;
    val_free(st->buffer);
}

static enum ev cfj_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {"InputObject", "AsHashtable", "Depth", "NoEnumerate", NULL};
    data_check_params(c, names);
    return EV_OK;
}

CMDLET_DEFINE(cmd_convertfrom_json, .begin = cfj_begin, .process = cfj_process, .end = cfj_end,
              .state_size = sizeof(struct cfj_state), .release = cfj_release);

/* }================================================================== */

/*
** {==================================================================
** CSV: writing (ConvertTo-Csv, Export-Csv)
** ===================================================================
*/

/* The delimiter of BaseCsvWritingCommand/ImportExportCSVHelper.SetDelimiter, as UTF-8. */
static void csv_delimiter(struct cmd_ctx *c, uint16_t delim_param, char out[8])
{
    val d = cmd_arg(c, delim_param);
    uint32_t cp = ',';
    const char *set = c->meta->sets[cmd_set(c)];
    if (!strcmp(set, "Delimiter") && val_kind(d) == VAL_CHAR && d.u.i != 0)
        cp = (uint32_t)d.u.i;
    /* UseCulture: the en-US list separator, "," */
    struct buf b = BUF_INIT;
    buf_put_utf8(&b, cp);
    memcpy(out, buf_cstr(&b), b.len + 1);
    buf_release(&b);
}

/* EscapeAndAppendString: "text" with quotes doubled; nothing for $null. */
static void csv_field(struct buf *o, const char *s)
{
    if (!s)
        return;
    buf_putc(o, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(o, '"');
        buf_putc(o, *s);
    }
    buf_putc(o, '"');
}

/* The column names of the first object (BuildPropertyNames). */
static val csv_names(val first)
{
    val names = val_arr_new(), values = val_arr_new();
    adapter_props(first, &names, &values);
    val_free(values);
    return names;
}

/* "#TYPE name" (GetTypeString): the first type name without a "CSV:" prefix. */
static void csv_type_line(val v, struct buf *o)
{
    const char *t = first_type_name(v);
    if (!t) {
        buf_puts(o, "#TYPE");
        return;
    }
    if (strlen(t) >= 4 && text_ieq(t, 4, "CSV:", 4))
        t += 4;
    buf_printf(o, "#TYPE %s", t);
}

/* The header line: the names quoted and delimited (ConvertPropertyNamesCSV). */
static void csv_header(val names, const char *delim, struct buf *o)
{
    for (uint32_t i = 0; i < val_arr_len(names); i++) {
        if (i)
            buf_puts(o, delim);
        csv_field(o, val_str(val_arr_items(names)[i]));
    }
}

/* One object's line (ConvertPSObjectToCSV): each column's .NET string, or nothing. */
static void csv_row(val v, val names, const char *delim, struct buf *o)
{
    for (uint32_t i = 0; i < val_arr_len(names); i++) {
        if (i)
            buf_puts(o, delim);
        bool found;
        val pv = adapter_get(v, val_str(val_arr_items(names)[i]), &found);
        if (found && !val_is_null(pv)) {
            struct buf t = BUF_INIT;
            data_dotnet_str(pv, &t);
            csv_field(o, buf_cstr(&t));
            buf_release(&t);
        }
        val_free(pv);
    }
}

enum { CTC_INPUT_OBJECT, CTC_DELIMITER, CTC_USE_CULTURE, CTC_NO_TYPE_INFORMATION };

struct csv_write_state {
    val names; /* the columns, once the first object came */
    char delim[8];
    struct data_out out; /* Export-Csv's file */
    bool should_process;
    bool appending;  /* -Append to a file that has lines */
    val preexisting; /* -Append: the columns already in the file */
};

static enum ev ctc_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {"InputObject", "Delimiter", "UseCulture",
                                        "NoTypeInformation", NULL};
    data_check_params(c, names);
    struct csv_write_state *st = cmd_state(c);
    st->names = val_nothing();
    st->preexisting = val_nothing();
    csv_delimiter(c, CTC_DELIMITER, st->delim);
    return EV_OK;
}

static enum ev ctc_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct csv_write_state *st = cmd_state(c);
    val v = cmd_arg(c, CTC_INPUT_OBJECT);
    if (val_is_null(v))
        return EV_OK;
    enum ev rc;
    struct buf line = BUF_INIT;
    if (val_kind(st->names) != VAL_ARRAY) {
        st->names = csv_names(v);
        if (!cmd_switch(c, CTC_NO_TYPE_INFORMATION)) {
            csv_type_line(v, &line);
            if ((rc = cmd_write(c, val_str_buf(&line))))
                return rc;
        }
        csv_header(st->names, st->delim, &line);
        if (line.len && (rc = cmd_write(c, val_str_buf(&line))))
            return rc;
        buf_release(&line);
    }
    csv_row(v, st->names, st->delim, &line);
    if (!line.len) {
        buf_release(&line);
        return EV_OK;
    }
    return cmd_write(c, val_str_buf(&line));
}

static void csv_write_release(void *state)
{
    struct csv_write_state *st = state;
    val_free(st->names);
    val_free(st->preexisting);
    data_close(&st->out);
}

CMDLET_DEFINE(cmd_convertto_csv, .begin = ctc_begin, .process = ctc_process,
              .state_size = sizeof(struct csv_write_state), .release = csv_write_release);

/*
** {==================================================================
** CSV: reading (ImportCsvHelper of 5.1)
** ===================================================================
*/

struct csv_reader {
    const char *s;
    size_t n, i;
    uint32_t delim;
    val header;      /* the column names (VAL_ARRAY), or VAL_NOTHING until read */
    char *type_name; /* "CSV:<type>" from a #TYPE line, or NULL */
};

static bool cr_eof(struct csv_reader *r)
{
    return r->i >= r->n;
}

static uint32_t cr_read(struct csv_reader *r)
{
    return text_next(r->s, r->n, &r->i);
}

static bool cr_peek(struct csv_reader *r, uint32_t ch)
{
    if (cr_eof(r))
        return false;
    size_t k = r->i;
    return text_next(r->s, r->n, &k) == ch;
}

/* 5.1's IsNewLine: "\n", or "\r" followed by "\n" (a lone "\r" is data). */
static bool cr_newline(struct csv_reader *r, uint32_t ch)
{
    return ch == '\n' || (ch == '\r' && cr_peek(r, '\n'));
}

/* String.Trim's white space, for the ASCII and Latin-1 range that matters here. */
static bool trim_ws(unsigned char ch)
{
    return ch == ' ' || (ch >= 0x09 && ch <= 0x0D);
}

static void cr_till_delimiter(struct csv_reader *r, struct buf *cur, bool *end_of_record,
                              bool eat_trailing_blanks)
{
    struct buf tmp = BUF_INIT;
    bool nonblank = false;
    for (;;) {
        if (cr_eof(r)) {
            *end_of_record = true;
            break;
        }
        uint32_t ch = cr_read(r);
        if (ch == r->delim)
            break;
        if (cr_newline(r, ch)) {
            *end_of_record = true;
            if (ch == '\r')
                cr_read(r);
            break;
        }
        buf_put_utf8(&tmp, ch);
        if (ch != ' ' && ch != '\t')
            nonblank = true;
    }
    if (eat_trailing_blanks && !nonblank) {
        size_t a = 0, b = tmp.len;
        while (a < b && trim_ws((unsigned char)tmp.s[a]))
            a++;
        while (b > a && trim_ws((unsigned char)tmp.s[b - 1]))
            b--;
        buf_add(cur, tmp.s ? tmp.s + a : "", b - a);
    } else {
        buf_add(cur, buf_cstr(&tmp), tmp.len);
    }
    buf_release(&tmp);
}

static val push_field(val result, struct buf *cur)
{
    result = val_arr_push(result, val_str_n(buf_cstr(cur), cur->len));
    buf_reset(cur);
    return result;
}

/* ParseNextRecord: the fields of the next line (an empty array at the end). */
static val cr_record(struct csv_reader *r, bool header_row)
{
    val result = val_arr_new();
    struct buf cur = BUF_INIT;
    bool quoted = false;
    while (!cr_eof(r)) {
        uint32_t ch = cr_read(r);
        if (ch == r->delim) {
            if (quoted)
                buf_put_utf8(&cur, ch);
            else
                result = push_field(result, &cur);
        } else if (ch == '"') {
            bool eor = false;
            if (quoted) {
                if (cr_peek(r, '"')) {
                    cr_read(r);
                    buf_putc(&cur, '"');
                    continue;
                }
                quoted = false;
                cr_till_delimiter(r, &cur, &eor, true);
            } else if (cur.len == 0) {
                quoted = true;
                continue;
            } else {
                buf_putc(&cur, '"');
                cr_till_delimiter(r, &cur, &eor, false);
            }
            result = push_field(result, &cur);
            if (eor)
                break;
        } else if (ch == ' ' || ch == '\t') {
            if (quoted) {
                buf_putc(&cur, (char)ch);
                continue;
            }
            if (cur.len == 0)
                continue;
            bool eor = false;
            buf_putc(&cur, (char)ch);
            cr_till_delimiter(r, &cur, &eor, true);
            result = push_field(result, &cur);
            if (eor)
                break;
        } else if (cr_newline(r, ch)) {
            if (ch == '\r')
                cr_read(r);
            if (quoted) {
                buf_put_utf8(&cur, ch);
                if (ch == '\r')
                    buf_putc(&cur, '\n');
                continue;
            }
            result = push_field(result, &cur);
            break;
        } else {
            buf_put_utf8(&cur, ch);
        }
    }
    if (cur.len)
        result = push_field(result, &cur);
    buf_release(&cur);
    if (header_row) {
        while (val_arr_len(result) > 1 &&
               val_str_len(val_arr_items(result)[val_arr_len(result) - 1]) == 0)
            result = val_arr_remove_at(result, val_arr_len(result) - 1);
    }
    return result;
}

/* ReadTypeInformation: a first line "#Type name" gives "CSV:name"; any "#" line is skipped. */
static void cr_type_line(struct csv_reader *r)
{
    if (!cr_peek(r, '#'))
        return;
    /* StreamReader.ReadLine: up to "\r\n", "\n" or "\r" */
    size_t st = r->i;
    while (r->i < r->n && r->s[r->i] != '\n' && r->s[r->i] != '\r')
        r->i++;
    size_t en = r->i;
    if (r->i < r->n && r->s[r->i++] == '\r' && r->i < r->n && r->s[r->i] == '\n')
        r->i++;
    if (en - st < 5 || !text_ieq(r->s + st, 5, "#Type", 5))
        return;
    st += 5;
    while (st < en && trim_ws((unsigned char)r->s[st]))
        st++;
    while (en > st && trim_ws((unsigned char)r->s[en - 1]))
        en--;
    if (en == st)
        return;
    struct buf t = BUF_INIT;
    buf_puts(&t, "CSV:");
    buf_add(&t, r->s + st, en - st);
    r->type_name = buf_detach(&t, NULL);
}

/* The error of a column name given twice (ExtendedTypeSystem.MemberAlreadyPresent). */
static enum ev member_present(struct cmd_ctx *c, const char *name)
{
    return throwf(c, "AlreadyPresentPSMemberInfoInternalCollectionAdd", "NotSpecified",
                  "System.Management.Automation.ExtendedTypeSystemException", val_nothing(),
                  "The member \"%s\" is already present.", name);
}

/* ReadHeader: the #TYPE line and the column names, checked for duplicates. */
static enum ev cr_header(struct cmd_ctx *c, struct csv_reader *r)
{
    if (!r->type_name && !cr_eof(r))
        cr_type_line(r);
    if (val_kind(r->header) != VAL_ARRAY && !cr_eof(r)) {
        val h = cr_record(r, true);
        if (val_arr_len(h))
            r->header = h;
        else
            val_free(h);
    }
    if (val_kind(r->header) != VAL_ARRAY)
        return EV_OK;
    uint32_t n = val_arr_len(r->header);
    const val *hs = val_arr_items(r->header);
    for (uint32_t i = 0; i < n; i++) {
        if (!val_str_len(hs[i]))
            continue;
        for (uint32_t k = 0; k < i; k++)
            if (text_ieq(val_str(hs[k]), val_str_len(hs[k]), val_str(hs[i]), val_str_len(hs[i])))
                return member_present(c, val_str(hs[i]));
    }
    return EV_OK;
}

/* BuildMshobject: a PSCustomObject of the record's strings, missing ones $null. */
static enum ev cr_object(struct cmd_ctx *c, struct csv_reader *r, val values, bool *warned,
                         val *out)
{
    val o = val_obj_new(r->type_name);
    int unnamed = 1;
    uint32_t nn = val_kind(r->header) == VAL_ARRAY ? val_arr_len(r->header) : 0;
    for (uint32_t i = 0; i < nn; i++) {
        val hn = val_arr_items(r->header)[i];
        const char *name = val_str(hn);
        char gen[32];
        if (!name[0]) {
            if (r->delim == '"')
                continue;
            snprintf(gen, sizeof gen, "H%d", unnamed++);
            name = gen;
        }
        if (val_obj_has(o, name)) {
            val_free(o);
            *out = val_nothing();
            return member_present(c, name);
        }
        val v = i < val_arr_len(values) ? val_arr_get(values, i) : val_null();
        o = val_obj_set(o, name, v);
    }
    if (!*warned && unnamed != 1) {
        cmd_message(c, MSG_WARNING,
                    "One or more headers were not specified. Default names starting with \"H\" "
                    "have been used in place of any missing headers.");
        *warned = true;
    }
    *out = o;
    return EV_OK;
}

/* Import: the header, then an object a record, written down the pipeline. */
static enum ev cr_import(struct cmd_ctx *c, struct csv_reader *r, bool *warned)
{
    enum ev rc = cr_header(c, r);
    if (rc)
        return rc;
    for (;;) {
        val values = cr_record(r, false);
        if (!val_arr_len(values)) {
            val_free(values);
            return EV_OK;
        }
        val o;
        rc = cr_object(c, r, values, warned, &o);
        val_free(values);
        if (rc)
            return rc;
        if ((rc = cmd_write(c, o)))
            return rc;
    }
}

static void cr_init(struct csv_reader *r, const char *s, size_t n, const char *delim, val header)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->n = n;
    size_t k = 0;
    r->delim = text_next(delim, strlen(delim), &k);
    r->header = val_kind(header) == VAL_ARRAY ? val_copy(header) : val_nothing();
}

static void cr_free(struct csv_reader *r)
{
    val_free(r->header);
    free(r->type_name);
}

/* }================================================================== */

/*
** {==================================================================
** Export-Csv
** ===================================================================
*/

enum {
    EPC_INPUT_OBJECT,
    EPC_PATH,
    EPC_LITERAL_PATH,
    EPC_FORCE,
    EPC_NO_CLOBBER,
    EPC_ENCODING,
    EPC_APPEND,
    EPC_DELIMITER,
    EPC_USE_CULTURE,
    EPC_NO_TYPE_INFORMATION
};

static enum ev path_and_literal(struct cmd_ctx *c, uint16_t path, uint16_t literal)
{
    if (cmd_bound(c, path) != cmd_bound(c, literal))
        return EV_OK;
    return cmd_throw(c, "CannotSpecifyPathAndLiteralPath", "InvalidData",
                     "System.InvalidOperationException", val_nothing(),
                     "You must specify either the -Path or -LiteralPath parameters, but not both.");
}

/* Reads a whole file's bytes (the absolute path full); FileOpenFailure when it cannot. */
static enum ev read_raw(struct cmd_ctx *c, const char *full, struct buf *raw)
{
    int fd = open(full, O_RDONLY);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fd = -1;
        errno = EISDIR;
    }
    if (fd < 0)
        return open_failure(c, full, errno);
    char chunk[65536];
    ssize_t got;
    while ((got = read(fd, chunk, sizeof chunk)) > 0)
        buf_add(raw, chunk, (size_t)got);
    int err = got < 0 ? errno : 0;
    close(fd);
    return err ? open_failure(c, full, err) : EV_OK;
}

/* The encoding a StreamReader settles on: the byte order mark's, else the one given, else UTF-8. */
static enum data_enc detect_encoding(const unsigned char *s, size_t n, enum data_enc given)
{
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return ENC_UTF8;
    if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
        return ENC_UTF32;
    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        return ENC_UNICODE;
    if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        return ENC_BIGENDIAN;
    return given == ENC_NONE ? ENC_UTF8 : given;
}

static enum ev epc_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {
        "InputObject", "Path",   "LiteralPath", "Force",      "NoClobber",
        "Encoding",    "Append", "Delimiter",   "UseCulture", "NoTypeInformation",
        NULL};
    data_check_params(c, names);
    struct csv_write_state *st = cmd_state(c);
    st->names = val_nothing();
    st->preexisting = val_nothing();
    csv_delimiter(c, EPC_DELIMITER, st->delim);
    enum ev rc = path_and_literal(c, EPC_PATH, EPC_LITERAL_PATH);
    if (rc)
        return rc;
    bool literal = cmd_bound(c, EPC_LITERAL_PATH);
    const char *path = str_arg(c, literal ? EPC_LITERAL_PATH : EPC_PATH);
    if (!path)
        path = "";
    bool yes = false;
    if ((rc = cmd_should_process(c, path, "Export-Csv", &yes)))
        return rc;
    st->should_process = yes;
    if (!yes)
        return EV_OK;
    enum data_enc enc = data_enc_of(cmd_arg(c, EPC_ENCODING));
    bool append = cmd_switch(c, EPC_APPEND);
    if (append) {
        char *full;
        if ((rc = data_resolve(c, path, literal, &full)))
            return rc;
        struct stat sb;
        if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode)) {
            struct buf raw = BUF_INIT, text = BUF_INIT;
            rc = read_raw(c, full, &raw);
            if (!rc) {
                const unsigned char *b = (const unsigned char *)buf_cstr(&raw);
                enum data_enc found = detect_encoding(b, raw.len, enc);
                data_decode(b, raw.len, enc, &text);
                if (text.len) {
                    struct csv_reader r;
                    cr_init(&r, buf_cstr(&text), text.len, st->delim, val_nothing());
                    rc = cr_header(c, &r);
                    st->preexisting = r.header;
                    r.header = val_nothing();
                    cr_free(&r);
                    st->appending = true;
                    enc = found;
                }
            }
            buf_release(&raw);
            buf_release(&text);
        }
        free(full);
        if (rc)
            return rc;
    }
    if (!st->appending && enc == ENC_NONE)
        enc = ENC_ASCII;
    return data_open_write(c, path, literal, enc, append, cmd_switch(c, EPC_FORCE),
                           cmd_switch(c, EPC_NO_CLOBBER), &st->out);
}

static enum ev epc_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct csv_write_state *st = cmd_state(c);
    val v = cmd_arg(c, EPC_INPUT_OBJECT);
    if (val_is_null(v) || !st->out.f || !st->should_process)
        return EV_OK;
    struct buf line = BUF_INIT;
    if (val_kind(st->names) != VAL_ARRAY) {
        st->names = csv_names(v);
        if (st->appending && val_kind(st->preexisting) == VAL_ARRAY) {
            /* ReconcilePreexistingPropertyNames: the file's columns win */
            const val *pre = val_arr_items(st->preexisting);
            for (uint32_t i = 0; i < val_arr_len(st->preexisting); i++) {
                bool have = false;
                for (uint32_t k = 0; k < val_arr_len(st->names) && !have; k++) {
                    val nk = val_arr_items(st->names)[k];
                    have = text_ieq(val_str(nk), val_str_len(nk), val_str(pre[i]),
                                    val_str_len(pre[i]));
                }
                if (!have && !cmd_switch(c, EPC_FORCE)) {
                    const char *path =
                        str_arg(c, cmd_bound(c, EPC_LITERAL_PATH) ? EPC_LITERAL_PATH : EPC_PATH);
                    return throwf(c, "CannotAppendCsvWithMismatchedPropertyNames", "InvalidData",
                                  "System.InvalidOperationException", pre[i],
                                  "Cannot append CSV content to the following file: %s. The "
                                  "appended object does not have a property that corresponds to "
                                  "the following column: %s. To continue with mismatched "
                                  "properties, add the -Force parameter, and then retry the "
                                  "command.",
                                  path ? path : "", val_str(pre[i]));
                }
            }
            val_free(st->names);
            st->names = st->preexisting;
            st->preexisting = val_nothing();
        }
        if (!st->appending) {
            if (!cmd_switch(c, EPC_NO_TYPE_INFORMATION)) {
                csv_type_line(v, &line);
                data_write_line(&st->out, buf_cstr(&line), line.len);
                buf_reset(&line);
            }
            csv_header(st->names, st->delim, &line);
            data_write_line(&st->out, buf_cstr(&line), line.len);
            buf_reset(&line);
        }
    }
    csv_row(v, st->names, st->delim, &line);
    data_write_line(&st->out, buf_cstr(&line), line.len);
    buf_release(&line);
    fflush(st->out.f);
    return EV_OK;
}

static enum ev epc_end(struct cmd_ctx *c)
{
    struct csv_write_state *st = cmd_state(c);
    data_close(&st->out);
    return EV_OK;
}

CMDLET_DEFINE(cmd_export_csv, .begin = epc_begin, .process = epc_process, .end = epc_end,
              .state_size = sizeof(struct csv_write_state), .release = csv_write_release);

/* }================================================================== */

/*
** {==================================================================
** Import-Csv and ConvertFrom-Csv
** ===================================================================
*/

enum { IPC_DELIMITER, IPC_PATH, IPC_LITERAL_PATH, IPC_USE_CULTURE, IPC_HEADER, IPC_ENCODING };

struct csv_read_state {
    char delim[8];
    bool warned;     /* the "H" names warning was given */
    val header;      /* ConvertFrom-Csv: the columns the first object gave */
    char *type_name; /* ConvertFrom-Csv: its #TYPE */
};

static void csv_read_release(void *state)
{
    struct csv_read_state *st = state;
    val_free(st->header);
    free(st->type_name);
}

static enum ev ipc_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {"Delimiter", "Path",     "LiteralPath", "UseCulture",
                                        "Header",    "Encoding", NULL};
    data_check_params(c, names);
    struct csv_read_state *st = cmd_state(c);
    st->header = val_nothing();
    csv_delimiter(c, IPC_DELIMITER, st->delim);
    return EV_OK;
}

static enum ev ipc_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct csv_read_state *st = cmd_state(c);
    enum ev rc = path_and_literal(c, IPC_PATH, IPC_LITERAL_PATH);
    if (rc)
        return rc;
    bool literal = cmd_bound(c, IPC_LITERAL_PATH);
    val paths = cmd_arg(c, literal ? IPC_LITERAL_PATH : IPC_PATH);
    enum data_enc enc = data_enc_of(cmd_arg(c, IPC_ENCODING));
    for (uint32_t i = 0; is_array(paths) && i < val_arr_len(paths); i++) {
        val p = val_arr_items(paths)[i];
        struct buf text = BUF_INIT;
        struct buf ps = BUF_INIT;
        conv_str(p, &ps);
        rc = data_read_file(c, buf_cstr(&ps), literal, enc, &text);
        buf_release(&ps);
        if (!rc) {
            struct csv_reader r;
            cr_init(&r, buf_cstr(&text), text.len, st->delim, cmd_arg(c, IPC_HEADER));
            rc = cr_import(c, &r, &st->warned);
            cr_free(&r);
        }
        buf_release(&text);
        if (rc)
            return rc;
    }
    return EV_OK;
}

CMDLET_DEFINE(cmd_import_csv, .begin = ipc_begin, .process = ipc_process,
              .state_size = sizeof(struct csv_read_state), .release = csv_read_release);

enum { CFC_DELIMITER, CFC_USE_CULTURE, CFC_INPUT_OBJECT, CFC_HEADER };

static enum ev cfc_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {"Delimiter", "UseCulture", "InputObject", "Header", NULL};
    data_check_params(c, names);
    struct csv_read_state *st = cmd_state(c);
    st->header = val_nothing();
    csv_delimiter(c, CFC_DELIMITER, st->delim);
    val h = cmd_arg(c, CFC_HEADER);
    if (is_array(h))
        st->header = val_copy(h);
    return EV_OK;
}

/* Each input object's string is a CSV text of its own; the first gives the header. */
static enum ev cfc_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct csv_read_state *st = cmd_state(c);
    val objs = cmd_arg(c, CFC_INPUT_OBJECT);
    for (uint32_t i = 0; is_array(objs) && i < val_arr_len(objs); i++) {
        struct buf text = BUF_INIT;
        conv_str(val_arr_items(objs)[i], &text);
        struct csv_reader r;
        cr_init(&r, buf_cstr(&text), text.len, st->delim, st->header);
        if (st->type_name)
            r.type_name = emsh_xstrndup(st->type_name, strlen(st->type_name));
        enum ev rc = cr_import(c, &r, &st->warned);
        if (val_kind(st->header) != VAL_ARRAY && val_kind(r.header) == VAL_ARRAY)
            st->header = val_copy(r.header);
        if (!st->type_name && r.type_name)
            st->type_name = emsh_xstrndup(r.type_name, strlen(r.type_name));
        cr_free(&r);
        buf_release(&text);
        if (rc)
            return rc;
    }
    return EV_OK;
}

CMDLET_DEFINE(cmd_convertfrom_csv, .begin = cfc_begin, .process = cfc_process,
              .state_size = sizeof(struct csv_read_state), .release = csv_read_release);

/* }================================================================== */

/*
** {==================================================================
** ConvertTo-Html
** ===================================================================
*/

enum {
    CTH_INPUT_OBJECT,
    CTH_PROPERTY,
    CTH_BODY,
    CTH_HEAD,
    CTH_TITLE,
    CTH_AS,
    CTH_CSS_URI,
    CTH_FRAGMENT,
    CTH_POST_CONTENT,
    CTH_PRE_CONTENT
};

/* One column: a property name (perhaps a wildcard) or a script block, and its hashtable options. */
struct hcol {
    char *name; /* NULL for a script block */
    val script; /* VAL_SCRIPTBLOCK or VAL_NOTHING */
    char *label, *align, *width;
};

struct cth_state {
    struct hcol *cols; /* -Property (or "*") */
    size_t ncols;
    struct hcol *res; /* the columns resolved against an object */
    size_t nres;
    bool th_written, list;
    uint32_t nobjects;
};

static void hcols_free(struct hcol *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cols[i].name);
        val_free(cols[i].script);
        free(cols[i].label);
        free(cols[i].align);
        free(cols[i].width);
    }
    free(cols);
}

static void cth_release(void *state)
{
    struct cth_state *st = state;
    hcols_free(st->cols, st->ncols);
    hcols_free(st->res, st->nres);
}

static char *dup_str(const char *s)
{
    return s ? emsh_xstrndup(s, strlen(s)) : NULL;
}

static char *val_dup_str(val v)
{
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    buf_putc(&b, '\0');
    b.len--;
    return buf_detach(&b, NULL);
}

/* WebUtility.HtmlEncode of .NET Framework 4.x. */
static void html_encode(const char *s, size_t n, struct buf *o)
{
    size_t i = 0;
    while (i < n) {
        size_t st = i;
        uint32_t cp = text_next(s, n, &i);
        switch (cp) {
        case '<':
            buf_puts(o, "&lt;");
            break;
        case '>':
            buf_puts(o, "&gt;");
            break;
        case '"':
            buf_puts(o, "&quot;");
            break;
        case '\'':
            buf_puts(o, "&#39;");
            break;
        case '&':
            buf_puts(o, "&amp;");
            break;
        default:
            if ((cp >= 160 && cp < 256) || cp >= 0x10000)
                buf_printf(o, "&#%u;", (unsigned)cp);
            else
                buf_add(o, s + st, i - st);
            break;
        }
    }
}

/* Which hashtable key a name abbreviates: expression, label/name, alignment, width. */
static int hkey(const char *k)
{
    static const char *const keys[] = {"expression", "label", "name", "alignment", "width"};
    size_t n = strlen(k);
    int hit = -1;
    for (int i = 0; i < 5; i++) {
        if (n && n <= strlen(keys[i]) && text_ieq(k, n, keys[i], n)) {
            if (n == strlen(keys[i]))
                return i;
            if (hit >= 0 && !((hit == 1 && i == 2) || (hit == 2 && i == 1)))
                return -2;
            hit = i;
        }
    }
    return hit;
}

/* ProcessParameter: -Property as columns. */
static enum ev cth_columns(struct cmd_ctx *c, struct cth_state *st)
{
    val props = cmd_arg(c, CTH_PROPERTY);
    val star = val_arr_push(val_arr_new(), val_str_new("*"));
    val list = is_array(props) ? val_copy(props) : star;
    if (list.u.p != star.u.p)
        val_free(star);
    enum ev rc = EV_OK;
    uint32_t n = val_arr_len(list);
    st->cols = emsh_xmalloc((n ? n : 1) * sizeof *st->cols);
    for (uint32_t i = 0; i < n && !rc; i++) {
        val p = val_arr_items(list)[i];
        struct hcol col = {NULL, val_nothing(), NULL, NULL, NULL};
        if (val_kind(p) == VAL_SCRIPTBLOCK) {
            col.script = val_copy(p);
        } else if (val_kind(p) == VAL_HASHTABLE) {
            for (uint32_t k = 0; k < val_hash_len(p) && !rc; k++) {
                struct buf kn = BUF_INIT;
                conv_str(val_hash_key_at(p, k), &kn);
                val hv = val_hash_value_at(p, k);
                int which = hkey(buf_cstr(&kn));
                if (which < 0) {
                    rc = throwf(c, "DictionaryKeyIllegal", "InvalidArgument",
                                "System.NotSupportedException", val_nothing(),
                                "The %s key is not valid.", buf_cstr(&kn));
                } else if (which == 0) {
                    if (val_kind(hv) == VAL_SCRIPTBLOCK)
                        col.script = val_copy(hv);
                    else
                        col.name = val_dup_str(hv);
                } else if (which == 1 || which == 2) {
                    col.label = val_dup_str(hv);
                } else if (which == 3) {
                    col.align = val_dup_str(hv);
                } else {
                    col.width = val_dup_str(hv);
                }
                buf_release(&kn);
            }
            if (!rc && !col.name && val_kind(col.script) != VAL_SCRIPTBLOCK)
                rc = cmd_throw(c, "DictionaryKeyMandatoryEntry", "InvalidArgument",
                               "System.NotSupportedException", val_nothing(),
                               "Missing an expression key.");
        } else {
            col.name = val_dup_str(p);
        }
        st->cols[st->ncols++] = col;
    }
    val_free(list);
    return rc;
}

/* InitializeResolvedNameMshParameters: wildcards and names matched against this object. */
static void cth_resolve(struct cth_state *st, val obj)
{
    hcols_free(st->res, st->nres);
    st->res = NULL;
    st->nres = 0;
    val names = val_arr_new(), values = val_arr_new();
    adapter_props(obj, &names, &values);
    size_t cap = 0;
    for (size_t i = 0; i < st->ncols; i++) {
        struct hcol *p = &st->cols[i];
        size_t first = st->nres;
        for (uint32_t k = 0; k <= val_arr_len(names); k++) {
            const char *hit = NULL;
            if (!p->name) {
                if (k)
                    break;
            } else {
                if (k == val_arr_len(names))
                    break;
                const char *pn = val_str(val_arr_items(names)[k]);
                bool match = wc_has_wildcards(p->name, strlen(p->name))
                                 ? wc_match(p->name, strlen(p->name), pn, strlen(pn), WC_NONE) == 1
                                 : ieq(p->name, pn);
                if (!match)
                    continue;
                bool dup = false;
                for (size_t q = first; q < st->nres && !dup; q++)
                    dup = !strcmp(st->res[q].name, pn);
                if (dup)
                    continue;
                hit = pn;
            }
            if (st->nres == cap) {
                cap = cap ? cap * 2 : 8;
                st->res = emsh_xrealloc(st->res, cap * sizeof *st->res);
            }
            struct hcol r = {dup_str(hit), val_copy(p->script), dup_str(p->label),
                             dup_str(p->align), dup_str(p->width)};
            st->res[st->nres++] = r;
        }
    }
    val_free(names);
    val_free(values);
}

static void cth_name(const struct hcol *col, struct buf *o)
{
    if (col->label)
        buf_puts(o, col->label);
    else if (col->name)
        buf_puts(o, col->name);
    else
        conv_str(col->script, o);
}

/* WritePropertyValue: the value's .NET string, HTML-encoded. */
static enum ev cth_value(struct cmd_ctx *c, const struct hcol *col, val obj, struct buf *o)
{
    val v = val_nothing();
    bool found = false;
    if (col->name) {
        v = adapter_get(obj, col->name, &found);
    } else {
        enum ev rc = cmd_invoke(c, col->script, obj, NULL, 0, &v);
        if (rc == EV_THROW)
            v = val_nothing();
        else if (rc)
            return rc;
        found = true;
    }
    if (found && !val_is_null(v)) {
        struct buf t = BUF_INIT;
        data_dotnet_str(v, &t);
        html_encode(buf_cstr(&t), t.len, o);
        buf_release(&t);
    }
    val_free(v);
    return EV_OK;
}

/* Writes each string of a string[] parameter as its own line. */
static enum ev write_lines(struct cmd_ctx *c, val lines)
{
    for (uint32_t i = 0; is_array(lines) && i < val_arr_len(lines); i++) {
        enum ev rc = cmd_write(c, conv_to_str(val_arr_get(lines, i)));
        if (rc)
            return rc;
    }
    return EV_OK;
}

static enum ev cth_begin(struct cmd_ctx *c)
{
    static const char *const names[] = {"InputObject", "Property",   "Body",   "Head",
                                        "Title",       "As",         "CssUri", "Fragment",
                                        "PostContent", "PreContent", NULL};
    data_check_params(c, names);
    struct cth_state *st = cmd_state(c);
    const char *as = str_arg(c, CTH_AS);
    st->list = as && ieq(as, "List");
    enum ev rc = cth_columns(c, st);
    if (rc)
        return rc;
    if (!cmd_switch(c, CTH_FRAGMENT)) {
        static const char doctype[] = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"  "
                                      "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">";
        static const char *const top[] = {
            doctype,
            "<html xmlns=\"http://www.w3.org/1999/xhtml\">", "<head>"};
        for (size_t i = 0; i < EMSH_ARRAY_SIZE(top); i++)
            if ((rc = cmd_write(c, val_str_new(top[i]))))
                return rc;
        val head = cmd_arg(c, CTH_HEAD);
        if (is_array(head)) {
            rc = write_lines(c, head);
        } else {
            const char *title = str_arg(c, CTH_TITLE);
            rc = cmd_write(c, val_str_printf("<title>%s</title>", title ? title : "HTML TABLE"));
        }
        if (rc)
            return rc;
        if (cmd_bound(c, CTH_CSS_URI)) {
            struct buf u = BUF_INIT;
            conv_str(cmd_arg(c, CTH_CSS_URI), &u);
            rc = cmd_write(
                c, val_str_printf("<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\" />",
                                  buf_cstr(&u)));
            buf_release(&u);
            if (rc)
                return rc;
        }
        if ((rc = cmd_write(c, val_str_new("</head><body>"))) ||
            (rc = write_lines(c, cmd_arg(c, CTH_BODY))))
            return rc;
    }
    if ((rc = write_lines(c, cmd_arg(c, CTH_PRE_CONTENT))))
        return rc;
    return cmd_write(c, val_str_new("<table>"));
}

static enum ev cth_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct cth_state *st = cmd_state(c);
    val obj = cmd_arg(c, CTH_INPUT_OBJECT);
    if (val_is_null(obj))
        return EV_OK;
    st->nobjects++;
    enum ev rc;
    if (!st->th_written) {
        cth_resolve(st, obj);
        if (!st->nres)
            return EV_OK;
        if (st->list) {
            if (st->nobjects > 1 && (rc = cmd_write(c, val_str_new("<tr><td><hr></td></tr>"))))
                return rc;
            for (size_t i = 0; i < st->nres; i++) {
                struct buf line = BUF_INIT;
                buf_puts(&line, "<tr><td>");
                cth_name(&st->res[i], &line);
                buf_puts(&line, ":</td><td>");
                rc = cth_value(c, &st->res[i], obj, &line);
                buf_puts(&line, "</td></tr>");
                if (rc || (rc = cmd_write(c, val_str_buf(&line)))) {
                    buf_release(&line);
                    return rc;
                }
            }
        } else {
            struct buf line = BUF_INIT;
            buf_puts(&line, "<colgroup>");
            for (size_t i = 0; i < st->nres; i++) {
                buf_puts(&line, "<col");
                if (st->res[i].width)
                    buf_printf(&line, " width = \"%s\"", st->res[i].width);
                if (st->res[i].align)
                    buf_printf(&line, " align = \"%s\"", st->res[i].align);
                buf_puts(&line, "/>");
            }
            buf_puts(&line, "</colgroup>");
            if ((rc = cmd_write(c, val_str_buf(&line))))
                return rc;
            buf_puts(&line, "<tr>");
            for (size_t i = 0; i < st->nres; i++) {
                buf_puts(&line, "<th>");
                cth_name(&st->res[i], &line);
                buf_puts(&line, "</th>");
            }
            buf_puts(&line, "</tr>");
            if ((rc = cmd_write(c, val_str_buf(&line))))
                return rc;
            st->th_written = true;
        }
    }
    if (st->list)
        return EV_OK;
    struct buf line = BUF_INIT;
    buf_puts(&line, "<tr>");
    for (size_t i = 0; i < st->nres; i++) {
        buf_puts(&line, "<td>");
        if ((rc = cth_value(c, &st->res[i], obj, &line))) {
            buf_release(&line);
            return rc;
        }
        buf_puts(&line, "</td>");
    }
    buf_puts(&line, "</tr>");
    return cmd_write(c, val_str_buf(&line));
}

static enum ev cth_end(struct cmd_ctx *c)
{
    enum ev rc = cmd_write(c, val_str_new("</table>"));
    if (rc || (rc = write_lines(c, cmd_arg(c, CTH_POST_CONTENT))))
        return rc;
    if (!cmd_switch(c, CTH_FRAGMENT))
        return cmd_write(c, val_str_new("</body></html>"));
    return EV_OK;
}

CMDLET_DEFINE(cmd_convertto_html, .begin = cth_begin, .process = cth_process, .end = cth_end,
              .state_size = sizeof(struct cth_state), .release = cth_release);

/* }================================================================== */
