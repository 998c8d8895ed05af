/*
** c_item.c - the file-system cmdlets of the Management module: Get-Content,
** Set-Content, Add-Content, Clear-Content, Test-Path, New-Item,
** Remove-Item, Copy-Item, Move-Item, Rename-Item, Get-ChildItem, Get-Item,
** Join-Path, Split-Path, Resolve-Path, Get-Location, Set-Location,
** Push-Location and Pop-Location.
**
** Windows PowerShell 5.1's FileSystem provider on a Unix file system:
** paths accept / and \ (and "~" for $HOME, and a provider-qualified
** "Microsoft.PowerShell.Core\FileSystem::" prefix, as PSPath carries) and
** print with /; a relative path is relative to the process's current
** directory, which Set-Location changes. Wildcards (*, ?, [a-z], ` to
** escape) match names ignoring case, and skip hidden items (names that
** begin with a dot) unless -Force. Items are System.IO.FileInfo and
** System.IO.DirectoryInfo records with the properties 5.1 shows (Mode as
** "d-----" / "-a----", LastWriteTime as a DateTime ...). Errors carry
** PowerShell's texts, ids and categories and go through cmd_error(), so
** -ErrorAction applies; the ShouldProcess cmdlets ask with 5.1's action
** and target texts. Parameter indexes are those of
** cmdlets/meta/<Name>.json.
*/
#include "conv.h"
#include "datetime.h"
#include "format.h"
#include "item.h"
#include "registry.h"
#include "sdrive.h"
#include "text.h"
#include "types.h"
#include "wildcard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define PROVIDER "Microsoft.PowerShell.Core\\FileSystem"
#define E_ITEM_NOT_FOUND "System.Management.Automation.ItemNotFoundException"
#define E_IO "System.IO.IOException"
#define E_DIR_NOT_FOUND "System.IO.DirectoryNotFoundException"
#define E_ACCESS "System.UnauthorizedAccessException"
#define E_ARG "System.ArgumentException"
#define E_INVALID_OP "System.Management.Automation.PSInvalidOperationException"

/*
** {==================================================================
** Small helpers
** ===================================================================
*/

/* A growable list of malloc'd strings. */
struct strs {
    char **v;
    size_t n, cap;
};

static void strs_push(struct strs *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = emsh_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
}

static void strs_free(struct strs *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static char *xstrdup(const char *s)
{
    return emsh_xstrndup(s, strlen(s));
}

/* A string parameter's text, or NULL when it is not bound. */
static const char *str_arg(struct cmd_ctx *c, uint16_t p)
{
    val v = cmd_arg(c, p);
    return val_kind(v) == VAL_STRING ? val_str(v) : NULL;
}

static char *str_of(val v)
{
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    char *s = buf_detach(&b, NULL);
    return s ? s : xstrdup("");
}

/* The strings of a String[] (or String) parameter, appended to l as copies. */
static void str_args(struct cmd_ctx *c, uint16_t p, struct strs *l)
{
    val v = cmd_arg(c, p);
    if (val_is_null(v))
        return;
    if (val_kind(v) != VAL_ARRAY) {
        strs_push(l, str_of(v));
        return;
    }
    for (uint32_t i = 0; i < val_arr_len(v); i++)
        if (!val_is_null(val_arr_items(v)[i]))
            strs_push(l, str_of(val_arr_items(v)[i]));
}

/* The name part of a path (after the last /). */
static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* The parent of an absolute normalized path ("/" for "/x", "" for "/"), malloc'd. */
static char *parent_of(const char *p)
{
    const char *s = strrchr(p, '/');
    if (!s || !strcmp(p, "/"))
        return xstrdup("");
    if (s == p)
        return xstrdup("/");
    return emsh_xstrndup(p, (size_t)(s - p));
}

static char *join2(const char *dir, const char *name)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, dir);
    if (!b.len || b.s[b.len - 1] != '/')
        buf_putc(&b, '/');
    buf_puts(&b, name);
    return buf_detach(&b, NULL);
}

static bool is_hidden_name(const char *name)
{
    return name[0] == '.';
}

static bool path_exists(const char *p, struct stat *st)
{
    struct stat tmp;
    return stat(p, st ? st : &tmp) == 0;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* }================================================================== */

/*
** {==================================================================
** Paths
** ===================================================================
*/

/* Strips a provider qualifier ("FileSystem::", "Microsoft.PowerShell.Core\FileSystem::"). */
static const char *strip_provider(const char *p)
{
    static const char *const prefixes[] = {"Microsoft.PowerShell.Core\\FileSystem::",
                                           "Microsoft.PowerShell.Core/FileSystem::", "FileSystem::"};
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(prefixes); i++)
        if (!strncasecmp(p, prefixes[i], strlen(prefixes[i])))
            return p + strlen(prefixes[i]);
    return p;
}

/*
** A drive qualifier ("C:" in "C:\x", "HKLM:" ...): its length without the
** colon, or 0. The only drive here is the root, so any is unknown.
*/
static size_t drive_qualifier(const char *p)
{
    size_t i = 0;
    while (p[i] && p[i] != ':' && p[i] != '/' && p[i] != '\\' && p[i] != '*' && p[i] != '?')
        i++;
    return p[i] == ':' && i > 0 ? i : 0;
}

static char *current_dir(void)
{
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf))
        return xstrdup(buf);
    const char *pwd = getenv("PWD");
    return xstrdup(pwd ? pwd : "/");
}

/*
** The absolute form of a path: provider prefix removed, \ as /, ~ as
** $HOME, relative to the current directory, "." and ".." resolved, no
** repeated or trailing separators. Wildcards and backticks stay as they
** are. Returns a malloc'd string.
*/
char *item_full_path(const char *in)
{
    const char *p = strip_provider(in);
    struct buf raw = BUF_INIT;
    if (p[0] == '~' && (p[1] == '\0' || p[1] == '/' || p[1] == '\\')) {
        const char *home = getenv("HOME");
        buf_puts(&raw, home ? home : "/");
        buf_putc(&raw, '/');
        p += p[1] ? 2 : 1;
    } else if (p[0] != '/' && p[0] != '\\') {
        char *cwd = current_dir();
        buf_puts(&raw, cwd);
        buf_putc(&raw, '/');
        free(cwd);
    }
    buf_puts(&raw, p);
    for (size_t i = 0; i < raw.len; i++)
        if (raw.s[i] == '\\')
            raw.s[i] = '/';
    /* collapse the components */
    struct buf out = BUF_INIT;
    const char *s = buf_cstr(&raw);
    size_t n = raw.len, i = 0;
    while (i < n) {
        while (i < n && s[i] == '/')
            i++;
        size_t j = i;
        while (j < n && s[j] != '/')
            j++;
        size_t len = j - i;
        if (len == 0 || (len == 1 && s[i] == '.')) {
            /* nothing */
        } else if (len == 2 && s[i] == '.' && s[i + 1] == '.') {
            while (out.len && out.s[out.len - 1] != '/')
                out.len--;
            if (out.len)
                out.len--;
            if (out.s)
                out.s[out.len] = '\0';
        } else {
            buf_putc(&out, '/');
            buf_add(&out, s + i, len);
        }
        i = j;
    }
    if (!out.len)
        buf_putc(&out, '/');
    buf_release(&raw);
    return buf_detach(&out, NULL);
}

/* A path with its separators written as /, not otherwise changed (malloc'd). */
static char *slashes(const char *in)
{
    char *s = xstrdup(strip_provider(in));
    for (char *q = s; *q; q++)
        if (*q == '\\')
            *q = '/';
    return s;
}

static int name_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int r = text_icmp(x, strlen(x), y, strlen(y));
    return r ? r : strcmp(x, y);
}

/* The names in a directory (without . and ..), sorted as NTFS lists them; false if it cannot be read. */
static bool list_dir(const char *dir, struct strs *names)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        strs_push(names, xstrdup(e->d_name));
    }
    closedir(d);
    if (names->n)
        qsort(names->v, names->n, sizeof *names->v, name_cmp);
    return true;
}

char **item_list_dir(const char *dir, size_t *n)
{
    struct strs names = {0};
    if (!list_dir(dir, &names))
        return NULL;
    *n = names.n;
    return names.v ? names.v : emsh_xmalloc(sizeof *names.v);
}

/* Does name match the wildcard pattern (ignoring case)? An invalid pattern matches nothing. */
static bool wc(const char *pattern, const char *name)
{
    return wc_match(pattern, strlen(pattern), name, strlen(name), WC_NONE) == 1;
}

/* Expands the wildcards of one component of pattern at a time, depth first. */
static void glob_walk(const char *dir, const char *rest, bool force, struct strs *out)
{
    while (*rest == '/')
        rest++;
    if (!*rest) {
        if (path_exists(dir, NULL))
            strs_push(out, xstrdup(dir));
        return;
    }
    const char *slash = strchr(rest, '/');
    size_t clen = slash ? (size_t)(slash - rest) : strlen(rest);
    char *comp = emsh_xstrndup(rest, clen);
    const char *next = slash ? slash : rest + clen;
    if (!wc_has_wildcards(comp, clen)) {
        struct buf lit = BUF_INIT;
        wc_unescape(comp, clen, &lit);
        char *p = join2(dir, buf_cstr(&lit));
        buf_release(&lit);
        if (*next == '\0' ? path_exists(p, NULL) : is_dir(p))
            glob_walk(p, next, force, out);
        free(p);
        free(comp);
        return;
    }
    struct strs names = {0};
    if (list_dir(dir, &names)) {
        for (size_t i = 0; i < names.n; i++) {
            const char *nm = names.v[i];
            if (is_hidden_name(nm) && !force && comp[0] != '.')
                continue;
            if (!wc(comp, nm))
                continue;
            char *p = join2(dir, nm);
            if (*next == '\0' || is_dir(p))
                glob_walk(p, next, force, out);
            free(p);
        }
    }
    strs_free(&names);
    free(comp);
}

/* }================================================================== */

/*
** {==================================================================
** Errors
** ===================================================================
*/

static enum ev path_not_found(struct cmd_ctx *c, const char *full)
{
    char msg[PATH_MAX + 128];
    snprintf(msg, sizeof msg, "Cannot find path '%s' because it does not exist.", full);
    val t = val_str_new(full);
    enum ev rc = cmd_error(c, "PathNotFound", "ObjectNotFound", E_ITEM_NOT_FOUND, t, msg);
    val_free(t);
    return rc;
}

static enum ev drive_not_found(struct cmd_ctx *c, const char *path, size_t n)
{
    char msg[512];
    snprintf(msg, sizeof msg, "Cannot find drive. A drive with the name '%.*s' does not exist.", (int)n, path);
    val t = val_str_n(path, n);
    enum ev rc = cmd_error(c, "DriveNotFound", "ObjectNotFound",
                           "System.Management.Automation.DriveNotFoundException", t, msg);
    val_free(t);
    return rc;
}

/* An error about a path, with the path as the target object. */
static enum ev path_error(struct cmd_ctx *c, const char *id, const char *category, const char *exc,
                          const char *path, const char *fmt, ...) EMSH_PRINTF(6, 7);

static enum ev path_error(struct cmd_ctx *c, const char *id, const char *category, const char *exc,
                          const char *path, const char *fmt, ...)
{
    struct buf m = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&m, fmt, ap);
    va_end(ap);
    val t = val_str_new(path);
    enum ev rc = cmd_error(c, id, category, exc, t, buf_cstr(&m));
    val_free(t);
    buf_release(&m);
    return rc;
}

/* The .NET message and exception of a failed system call on path. */
static enum ev errno_error(struct cmd_ctx *c, int e, const char *id, const char *path)
{
    switch (e) {
    case EACCES:
    case EPERM:
    case EROFS:
        return path_error(c, id, "PermissionDenied", E_ACCESS, path, "Access to the path '%s' is denied.", path);
    case ENOENT:
    case ENOTDIR:
        return path_error(c, id, "ObjectNotFound", E_DIR_NOT_FOUND, path,
                          "Could not find a part of the path '%s'.", path);
    case EEXIST:
        return path_error(c, id, "WriteError", E_IO, path, "Cannot create a file when that file already exists.");
    case ENOTEMPTY:
        return path_error(c, id, "WriteError", E_IO, path, "The directory is not empty.");
    default:
        return path_error(c, id, "WriteError", E_IO, path, "%s", strerror(e));
    }
}

/* -Credential: the FileSystem provider does not support credentials. */
static enum ev check_credential(struct cmd_ctx *c, uint16_t p)
{
    if (!cmd_bound(c, p) || val_is_null(cmd_arg(c, p)))
        return EV_OK;
    return cmd_throw(c, "NotSupported", "NotImplemented", "System.Management.Automation.PSNotSupportedException",
                     val_nothing(),
                     "The provider does not support the use of credentials. Perform the operation again without specifying credentials.");
}

/* }================================================================== */

/*
** {==================================================================
** Resolving the -Path and -LiteralPath arguments
** ===================================================================
*/

/* The name filters of a command: -Filter, -Include, -Exclude. */
struct filters {
    const char *filter;
    struct strs include, exclude;
};

static void filters_read(struct cmd_ctx *c, int filter, int include, int exclude, struct filters *f)
{
    memset(f, 0, sizeof *f);
    if (filter >= 0)
        f->filter = str_arg(c, (uint16_t)filter);
    if (include >= 0)
        str_args(c, (uint16_t)include, &f->include);
    if (exclude >= 0)
        str_args(c, (uint16_t)exclude, &f->exclude);
}

static void filters_free(struct filters *f)
{
    strs_free(&f->include);
    strs_free(&f->exclude);
}

/* Does the name pass -Include and -Exclude (and -Filter when with_filter)? */
static bool passes(const struct filters *f, const char *name, bool with_filter)
{
    if (with_filter && f->filter && *f->filter && !wc(f->filter, name))
        return false;
    if (f->include.n) {
        bool any = false;
        for (size_t i = 0; i < f->include.n && !any; i++)
            any = wc(f->include.v[i], name);
        if (!any)
            return false;
    }
    for (size_t i = 0; i < f->exclude.n; i++)
        if (wc(f->exclude.v[i], name))
            return false;
    return true;
}

static bool has_name_filters(const struct filters *f)
{
    return f->include.n || f->exclude.n;
}

enum resolve_flags {
    RS_LITERAL = 1 << 0,   /* -LiteralPath: no wildcards */
    RS_FORCE = 1 << 1,     /* hidden items match wildcards */
    RS_MISSING_OK = 1 << 2, /* a path that does not exist is returned, not an error */
    RS_NO_FILTERS = 1 << 3, /* the filters do not apply to the resolved items */
    RS_MUST_MATCH = 1 << 4, /* a wildcard that matches nothing (or an item filtered out) is an error */
};

/* The content cmdlets' error for a path that resolved to nothing. */
static enum ev nothing_matched(struct cmd_ctx *c, const char *typed)
{
    return path_error(c, "ItemNotFound", "ObjectNotFound", E_ITEM_NOT_FOUND, typed,
                      "An object at the specified path %s does not exist, or has been filtered by the -Include or -Exclude parameter.",
                      typed);
}

/*
** Resolves one path argument into absolute paths (appended to out): a
** literal path as it is (an error when it does not exist, unless
** RS_MISSING_OK), a wildcard path as what it matches (nothing is not an
** error). The filters apply to the names of what was found, as the
** globber applies them. Returns the status of an error written.
*/
static enum ev resolve(struct cmd_ctx *c, const char *arg, unsigned flags, const struct filters *f,
                       struct strs *out, bool *globbed)
{
    size_t dq = drive_qualifier(strip_provider(arg));
    if (globbed)
        *globbed = false;
    if (dq && strip_provider(arg) == arg)
        return drive_not_found(c, arg, dq);
    bool wild = !(flags & RS_LITERAL) && wc_has_wildcards(arg, strlen(arg));
    char *full = item_full_path(arg);
    if (wild) {
        if (globbed)
            *globbed = true;
        struct strs found = {0};
        glob_walk("/", full, (flags & RS_FORCE) != 0, &found);
        size_t kept = 0;
        for (size_t i = 0; i < found.n; i++) {
            if (f && !(flags & RS_NO_FILTERS) && !passes(f, base_name(found.v[i]), true)) {
                free(found.v[i]);
                continue;
            }
            strs_push(out, found.v[i]);
            kept++;
        }
        free(found.v);
        free(full);
        return !kept && (flags & RS_MUST_MATCH) ? nothing_matched(c, arg) : EV_OK;
    }
    if (!(flags & RS_LITERAL)) {
        struct buf lit = BUF_INIT;
        wc_unescape(full, strlen(full), &lit);
        free(full);
        full = buf_detach(&lit, NULL);
        if (!full)
            full = xstrdup("/");
    }
    if (!path_exists(full, NULL) && !(flags & RS_MISSING_OK)) {
        enum ev rc = path_not_found(c, full);
        free(full);
        return rc;
    }
    /* -Filter selects among what a wildcard matches; a literal path meets only -Include and -Exclude */
    if (f && !(flags & RS_NO_FILTERS) && strcmp(full, "/") && !passes(f, base_name(full), false)) {
        free(full);
        return flags & RS_MUST_MATCH ? nothing_matched(c, arg) : EV_OK;
    }
    strs_push(out, full);
    return EV_OK;
}

/*
** For commands of other nouns (item.h): the files a path argument names,
** globbed as resolve() globs, without its errors: the caller says them in
** its own way.
*/
char **item_expand_path(const char *arg, bool literal, size_t *n, char **full)
{
    struct strs out = {0};
    *full = item_full_path(arg);
    if (!literal && wc_has_wildcards(arg, strlen(arg))) {
        glob_walk("/", *full, false, &out);
    } else if (literal) {
        strs_push(&out, xstrdup(*full));
    } else {
        struct buf lit = BUF_INIT;
        wc_unescape(*full, strlen(*full), &lit);
        char *p = buf_detach(&lit, NULL);
        if (p && path_exists(p, NULL))
            strs_push(&out, p);
        else
            free(p);
    }
    *n = out.n;
    return out.v;
}

/*
** The items of a path on a session drive (Env:, Variable:, Function:,
** Alias:) that pass the filters: a new array in *items, the drive in *d.
** A name without wildcards that names nothing is an error (*rc), unless
** missing_ok. Returns whether the path was on such a drive.
*/
static bool drive_items(struct cmd_ctx *c, const char *arg, bool literal, const struct filters *f, bool missing_ok,
                        enum sdrive *d, val *items, enum ev *rc)
{
    const char *item;
    *d = sdrive_of(arg, &item);
    if (*d == SD_NONE)
        return false;
    val all = sdrive_items(c, *d, item, literal);
    *rc = EV_OK;
    *items = val_arr_new();
    if (!val_arr_len(all) && *item && (literal || !wc_has_wildcards(item, strlen(item))) && !missing_ok)
        *rc = sdrive_not_found(c, item);
    for (uint32_t i = 0; i < val_arr_len(all); i++) {
        val x = val_arr_items(all)[i];
        if (!f || passes(f, sdrive_item_name(x), true))
            *items = val_arr_push(*items, val_copy(x));
    }
    val_free(all);
    return true;
}

/* A path on a session drive: the items it names written as objects (or
** their names). Returns whether the path was on such a drive. */
static bool drive_path(struct cmd_ctx *c, const char *arg, bool literal, const struct filters *f, bool names,
                       enum ev *rc)
{
    enum sdrive d;
    val items;
    if (!drive_items(c, arg, literal, f, false, &d, &items, rc))
        return false;
    for (uint32_t i = 0; i < val_arr_len(items) && !*rc; i++) {
        val x = val_arr_items(items)[i];
        *rc = cmd_write(c, names ? val_str_new(sdrive_item_name(x)) : val_copy(x));
    }
    val_free(items);
    return true;
}

/*
** What a content cmdlet does with the items of a path on a session drive
** (arg as typed, d its drive); ctx is the cmdlet's.
*/
typedef enum ev (*drive_fn)(struct cmd_ctx *c, const char *arg, enum sdrive d, val items, void *ctx);

/*
** Resolves the path arguments of a content cmdlet: file system paths into
** paths (resolve() with flags), and each path on a session drive handed
** with its items to on_drive. Returns the status of the first error.
*/
static enum ev resolve_content_paths(struct cmd_ctx *c, const struct strs *args, bool literal, unsigned flags,
                                     const struct filters *f, struct strs *paths, drive_fn on_drive, void *ctx)
{
    enum ev rc = EV_OK;
    for (size_t a = 0; a < args->n && !rc; a++) {
        enum sdrive d;
        val items;
        if (!drive_items(c, args->v[a], literal, f, (flags & RS_MISSING_OK) != 0, &d, &items, &rc)) {
            rc = resolve(c, args->v[a], flags, f, paths, NULL);
            continue;
        }
        if (!rc)
            rc = on_drive(c, args->v[a], d, items, ctx);
        val_free(items);
    }
    return rc;
}

/* The path arguments of a command: -Path (wildcards) or -LiteralPath. */
static void path_args(struct cmd_ctx *c, uint16_t path, uint16_t literal, struct strs *args, bool *is_literal)
{
    *is_literal = cmd_bound(c, literal) || val_kind(cmd_arg(c, literal)) != VAL_NOTHING;
    str_args(c, *is_literal ? literal : path, args);
}

/* }================================================================== */

/*
** {==================================================================
** FileInfo and DirectoryInfo records
** ===================================================================
*/

static uint16_t file_attributes_type(void)
{
    static uint16_t id;
    if (!id) {
        static const char *const names[] = {"ReadOnly",  "Hidden",     "System",       "Directory",
                                            "Archive",   "Device",     "Normal",       "Temporary",
                                            "SparseFile", "ReparsePoint", "Compressed", "Offline",
                                            "NotContentIndexed", "Encrypted", "IntegrityStream",
                                            "NoScrubData"};
        static const int64_t values[] = {1,   2,    4,    16,   32,   64,    128,   256,
                                         512, 1024, 2048, 4096, 8192, 16384, 32768, 131072};
        id = type_lookup("System.IO.FileAttributes", 24);
        if (!id)
            id = type_enum("System.IO.FileAttributes", names, values, EMSH_ARRAY_SIZE(names), true);
    }
    return id;
}

static val drive_info(void)
{
    val d = val_obj_new("System.Management.Automation.PSDriveInfo");
    d = val_obj_set(d, "Name", val_str_new("/"));
    d = val_obj_set(d, "Root", val_str_new("/"));
    d = val_obj_set(d, "Provider", val_str_new(PROVIDER));
    d = val_obj_set(d, "\x01ToString", val_str_new("/"));
    return d;
}

static val provider_info(void)
{
    val p = val_obj_new("System.Management.Automation.ProviderInfo");
    p = val_obj_set(p, "Name", val_str_new("FileSystem"));
    p = val_obj_set(p, "ModuleName", val_str_new("Microsoft.PowerShell.Core"));
    p = val_obj_set(p, "\x01ToString", val_str_new(PROVIDER));
    return p;
}

static val ps_path(const char *full)
{
    return val_str_printf("%s::%s", PROVIDER, full);
}

/* UTC ticks of a timespec. */
static int64_t ts_ticks(struct timespec t)
{
    return DT_UNIX_EPOCH_TICKS + (int64_t)t.tv_sec * DT_TICKS_PER_SECOND + t.tv_nsec / 100;
}

static void set_times(val *o, const char *name, int64_t utc)
{
    char n[64];
    *o = val_obj_set(*o, name, val_datetime(dt_utc_to_local(utc), VF_LOCAL));
    snprintf(n, sizeof n, "%sUtc", name);
    *o = val_obj_set(*o, n, val_datetime(utc, VF_UTC));
}

/* .NET's Path.GetExtension of a name: from the last dot, "" when there is none or it ends the name. */
static const char *extension_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot[1] ? dot : "";
}

/*
** How a record prints ("$item"), as .NET Framework's FileInfo.ToString():
** the name for what a directory listing enumerated, the full path for an
** item made from a path (Get-Item, a wildcard match, New-Item ...).
*/
enum item_form {
    ITEM_FULL,    /* ToString is the full path */
    ITEM_NAME,    /* ToString is the name */
    ITEM_SHALLOW, /* a Directory / Parent / Root property: no PS* members or links */
};

/* {--- the views of FileSystem.format.ps1xml ---*/

/* [String]::Format("{0,10}  {1,8}", $_.LastWriteTime.ToString("d"), $_.LastWriteTime.ToString("t")) */
static val view_last_write(val obj)
{
    val t = val_obj_get(obj, "LastWriteTime");
    if (val_kind(t) != VAL_DATETIME) {
        val_free(t);
        return val_null();
    }
    struct buf d = BUF_INIT, h = BUF_INIT, b = BUF_INIT;
    dt_format(&d, t.u.i, conv_dt_kind(t), "d", DT_EN_US);
    dt_format(&h, t.u.i, conv_dt_kind(t), "t", DT_EN_US);
    buf_printf(&b, "%10s  %8s", buf_cstr(&d), buf_cstr(&h));
    buf_release(&d);
    buf_release(&h);
    return val_str_buf(&b);
}

/* The wide view: a directory's name in brackets. */
static val view_wide_name(val obj)
{
    val name = val_obj_get(obj, "Name");
    if (val_obj_ntypes(obj) == 0 || strcmp(val_obj_type_at(obj, 0), "System.IO.DirectoryInfo") != 0 ||
        val_kind(name) != VAL_STRING)
        return name;
    struct buf b = BUF_INIT;
    buf_printf(&b, "[%s]", val_str(name));
    val_free(name);
    return val_str_buf(&b);
}

/* FileSystemTypes-GroupingFormat: "Directory: " and the parent's path. */
static void view_group(val obj, struct buf *out)
{
    static const char prefix[] = PROVIDER "::";
    val p = val_obj_get(obj, "PSParentPath");
    const char *s = val_kind(p) == VAL_STRING ? val_str(p) : "";
    buf_puts(out, "Directory: ");
    /* .Replace(prefix, "") */
    for (const char *at; (at = strstr(s, prefix)) != NULL; s = at + sizeof prefix - 1)
        buf_add(out, s, (size_t)(at - s));
    buf_puts(out, s);
    buf_putc(out, '\n');
    val_free(p);
}

static const char *const fs_types[] = {"System.IO.DirectoryInfo", "System.IO.FileInfo", NULL};
static const struct fmt_column fs_columns[] = {
    {"Mode", "Mode", NULL, NULL, 7, FMT_ALIGN_LEFT},
    {"LastWriteTime", NULL, view_last_write, NULL, 25, FMT_ALIGN_RIGHT},
    {"Length", "Length", NULL, NULL, 14, FMT_ALIGN_RIGHT},
    {NULL, "Name", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};
static const struct fmt_item fs_items[] = {
    {NULL, "Name", NULL, NULL},          {NULL, "Length", NULL, NULL},
    {NULL, "CreationTime", NULL, NULL},  {NULL, "LastWriteTime", NULL, NULL},
    {NULL, "LastAccessTime", NULL, NULL}, {NULL, "Mode", NULL, NULL},
    {NULL, "LinkType", NULL, NULL},      {NULL, "Target", NULL, NULL},
    {NULL, "VersionInfo", NULL, NULL},
};
/* the first ListEntry is for files; directories show the other, without these */
static const char *const fs_item_only[] = {NULL, "System.IO.FileInfo", NULL, NULL, NULL,
                                           NULL, NULL, NULL, "System.IO.FileInfo"};
static const struct fmt_item fs_wide[] = {{NULL, NULL, view_wide_name, NULL}};
/* DotNetTypes.format.ps1xml */
static const char *const version_types[] = {"System.Diagnostics.FileVersionInfo", NULL};
static const struct fmt_column version_columns[] = {
    {NULL, "ProductVersion", NULL, NULL, 16, FMT_ALIGN_UNDEFINED},
    {NULL, "FileVersion", NULL, NULL, 16, FMT_ALIGN_UNDEFINED},
    {NULL, "FileName", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};

static const struct fmt_view fs_views[] = {
    {.name = "children", .types = fs_types, .shape = FMT_SHAPE_TABLE, .columns = fs_columns, .ncolumns = 4,
     .wrap = true, .group_by = "PSParentPath", .group_text = view_group, .group_indent = 4},
    {.name = "children", .types = fs_types, .shape = FMT_SHAPE_LIST, .items = fs_items, .nitems = 9,
     .item_only = fs_item_only, .group_by = "PSParentPath", .group_text = view_group, .group_indent = 4},
    {.name = "children", .types = fs_types, .shape = FMT_SHAPE_WIDE, .items = fs_wide, .nitems = 1,
     .group_by = "PSParentPath", .group_text = view_group, .group_indent = 4},
    {.name = "System.Diagnostics.FileVersionInfo", .types = version_types, .shape = FMT_SHAPE_TABLE,
     .columns = version_columns, .ncolumns = 3},
};

/* Registers the views of files and directories, once. */
static void item_views(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(fs_views); i++)
        fmt_register_view(&fs_views[i]);
}

/* }--- */

/*
** The System.Diagnostics.FileVersionInfo of a file: a file without a
** version resource (every file here) has empty strings as $null, zero
** numbers and false flags; its string is FileVersionInfo.ToString().
*/
static val version_info(const char *full)
{
    static const char *const props[] = {
        "Comments", "CompanyName", "FileBuildPart", "FileDescription", "FileMajorPart", "FileMinorPart",
        "FileName", "FilePrivatePart", "FileVersion", "InternalName", "IsDebug", "IsPatched", "IsPrivateBuild",
        "IsPreRelease", "IsSpecialBuild", "Language", "LegalCopyright", "LegalTrademarks", "OriginalFilename",
        "PrivateBuild", "ProductBuildPart", "ProductMajorPart", "ProductMinorPart", "ProductName",
        "ProductPrivatePart", "ProductVersion", "SpecialBuild"};
    val v = val_obj_new("System.Diagnostics.FileVersionInfo");
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(props); i++) {
        const char *p = props[i];
        val x;
        if (strcmp(p, "FileName") == 0)
            x = val_str_new(full);
        else if (strncmp(p, "Is", 2) == 0)
            x = val_bool(false);
        else if (strstr(p, "Part"))
            x = val_int(0);
        else
            x = val_null();
        v = val_obj_set(v, p, x);
    }
    struct buf b = BUF_INIT;
    buf_printf(&b,
               "File:             %s\nInternalName:     \nOriginalFilename: \nFileVersion:      \n"
               "FileDescription:  \nProduct:          \nProductVersion:   \nDebug:            False\n"
               "Patched:          False\nPreRelease:       False\nPrivateBuild:     False\n"
               "SpecialBuild:     False\nLanguage:         \n",
               full);
    return val_obj_set(v, "\x01ToString", val_str_buf(&b));
}

/*
** The record for the item at full (which exists): a System.IO.FileInfo or
** System.IO.DirectoryInfo with the properties of 5.1 in their order.
*/
static val make_item(const char *full, enum item_form form)
{
    item_views();
    struct stat st, lst;
    bool ok = stat(full, &st) == 0;
    bool link = lstat(full, &lst) == 0 && S_ISLNK(lst.st_mode);
    if (!ok && link)
        st = lst, ok = true;
    bool dir = ok && S_ISDIR(st.st_mode);
    const char *name = strcmp(full, "/") ? base_name(full) : "/";
    bool hidden = is_hidden_name(name) && strcmp(name, "/");
    bool readonly = ok && !dir && access(full, W_OK) != 0 && !(st.st_mode & S_IWUSR);
    val o = val_obj_new("System.MarshalByRefObject");
    o = val_obj_insert_type(o, "System.IO.FileSystemInfo");
    o = val_obj_insert_type(o, dir ? "System.IO.DirectoryInfo" : "System.IO.FileInfo");
    char *parent = parent_of(full);
    if (form != ITEM_SHALLOW) {
        o = val_obj_set(o, "PSPath", ps_path(full));
        o = val_obj_set(o, "PSParentPath", *parent ? ps_path(parent) : val_str_new(""));
        o = val_obj_set(o, "PSChildName", val_str_new(name));
        o = val_obj_set(o, "PSDrive", drive_info());
        o = val_obj_set(o, "PSProvider", provider_info());
        o = val_obj_set(o, "PSIsContainer", val_bool(dir));
    }
    char mode[7] = "------";
    if (dir)
        mode[0] = 'd';
    else
        mode[1] = 'a';
    if (readonly)
        mode[2] = 'r';
    if (hidden)
        mode[3] = 'h';
    if (link)
        mode[5] = 'l';
    o = val_obj_set(o, "Mode", val_str_new(mode));
    if (!dir && form != ITEM_SHALLOW)
        o = val_obj_set(o, "VersionInfo", version_info(full));
    const char *ext = extension_of(name);
    if (dir)
        o = val_obj_set(o, "BaseName", val_str_new(name));
    else
        o = val_obj_set(o, "BaseName", val_str_n(name, strlen(name) - strlen(ext)));
    if (form != ITEM_SHALLOW) {
        char target[PATH_MAX];
        ssize_t tn = link ? readlink(full, target, sizeof target - 1) : -1;
        if (tn >= 0) {
            val t = val_arr_new();
            t = val_arr_push(t, val_str_n(target, (size_t)tn));
            o = val_obj_set(o, "Target", t);
            o = val_obj_set(o, "LinkType", val_str_new("SymbolicLink"));
        } else {
            o = val_obj_set(o, "Target", val_arr_new());
            o = val_obj_set(o, "LinkType", val_null());
        }
    }
    o = val_obj_set(o, "Name", val_str_new(name));
    if (!dir) {
        o = val_obj_set(o, "Length", val_long(ok ? (int64_t)st.st_size : 0));
        o = val_obj_set(o, "DirectoryName", val_str_new(parent));
        if (form != ITEM_SHALLOW)
            o = val_obj_set(o, "Directory", *parent ? make_item(parent, ITEM_SHALLOW) : val_null());
        o = val_obj_set(o, "IsReadOnly", val_bool(readonly));
        o = val_obj_set(o, "Exists", val_bool(ok));
        o = val_obj_set(o, "FullName", val_str_new(full));
        o = val_obj_set(o, "Extension", val_str_new(ext));
    } else {
        o = val_obj_set(o, "FullName", val_str_new(full));
        if (form != ITEM_SHALLOW) {
            o = val_obj_set(o, "Parent", *parent ? make_item(parent, ITEM_SHALLOW) : val_null());
            o = val_obj_set(o, "Exists", val_bool(ok));
            o = val_obj_set(o, "Root", make_item("/", ITEM_SHALLOW));
        } else {
            o = val_obj_set(o, "Exists", val_bool(ok));
        }
        o = val_obj_set(o, "Extension", val_str_new(ext));
    }
    if (ok) {
        int64_t m = ts_ticks(st.st_mtim), ct = ts_ticks(st.st_ctim);
        set_times(&o, "CreationTime", ct < m ? ct : m);
        set_times(&o, "LastAccessTime", ts_ticks(st.st_atim));
        set_times(&o, "LastWriteTime", m);
    }
    int64_t attrs = dir ? 16 : 32;
    if (readonly)
        attrs |= 1;
    if (hidden)
        attrs |= 2;
    if (link)
        attrs |= 1024;
    o = val_obj_set(o, "Attributes", val_enum(file_attributes_type(), attrs));
    o = val_obj_set(o, "\x01ToString", val_str_new(form == ITEM_NAME ? name : full));
    free(parent);
    return o;
}

val item_info(const char *full)
{
    return make_item(full, ITEM_FULL);
}

/* A System.Management.Automation.PathInfo for a directory; its string form is the path. */
static val path_info(const char *full)
{
    val p = val_obj_new("System.Management.Automation.PathInfo");
    p = val_obj_set(p, "Drive", drive_info());
    p = val_obj_set(p, "Provider", provider_info());
    p = val_obj_set(p, "ProviderPath", val_str_new(full));
    p = val_obj_set(p, "Path", val_str_new(full));
    p = val_obj_set(p, "\x01ToString", val_str_new(full));
    return p;
}

/* }================================================================== */

/*
** {==================================================================
** Encodings
** ===================================================================
*/

enum enc item_encoding_arg(struct cmd_ctx *c, uint16_t p)
{
    const char *e = str_arg(c, p);
    if (!e)
        return ENC_AUTO;
    static const struct {
        const char *name;
        enum enc e;
    } map[] = {{"UTF8", ENC_UTF8},     {"Unicode", ENC_UTF16LE},        {"String", ENC_UTF16LE},
               {"Unknown", ENC_UTF16LE}, {"BigEndianUnicode", ENC_UTF16BE}, {"UTF32", ENC_UTF32LE},
               {"BigEndianUTF32", ENC_UTF32BE}, {"Ascii", ENC_ASCII},   {"Byte", ENC_BYTE}};
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(map); i++)
        if (!strcasecmp(e, map[i].name))
            return map[i].e;
    return ENC_AUTO; /* Default, Oem, UTF7: this system's default, UTF-8 */
}

/* The encoding a byte order mark announces (and its length), or ENC_AUTO. */
enum enc item_bom(const unsigned char *b, size_t n, size_t *len)
{
    *len = 0;
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        return *len = 4, ENC_UTF32LE;
    if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
        return *len = 4, ENC_UTF32BE;
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        return *len = 3, ENC_UTF8;
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        return *len = 2, ENC_UTF16LE;
    if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        return *len = 2, ENC_UTF16BE;
    return ENC_AUTO;
}

/* Decodes the bytes of a file into UTF-8 text (appended to out). */
void item_decode(const unsigned char *b, size_t n, enum enc e, struct buf *out)
{
    size_t skip;
    enum enc found = item_bom(b, n, &skip);
    if (found != ENC_AUTO && (e == ENC_AUTO || e == found || (e == ENC_UTF8 && found == ENC_UTF8)))
        e = found;
    else
        skip = 0;
    b += skip;
    n -= skip;
    switch (e) {
    case ENC_UTF16LE:
    case ENC_UTF16BE:
        for (size_t i = 0; i + 1 < n; i += 2) {
            uint32_t u = e == ENC_UTF16LE ? (uint32_t)(b[i] | b[i + 1] << 8) : (uint32_t)(b[i] << 8 | b[i + 1]);
            if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
                uint32_t l = e == ENC_UTF16LE ? (uint32_t)(b[i + 2] | b[i + 3] << 8)
                                              : (uint32_t)(b[i + 2] << 8 | b[i + 3]);
                if (l >= 0xDC00 && l < 0xE000) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                    i += 2;
                }
            }
            buf_put_utf8(out, u);
        }
        return;
    case ENC_UTF32LE:
    case ENC_UTF32BE:
        for (size_t i = 0; i + 3 < n; i += 4) {
            uint32_t u = e == ENC_UTF32LE
                             ? (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 | (uint32_t)b[i + 2] << 16 | (uint32_t)b[i + 3] << 24
                             : (uint32_t)b[i] << 24 | (uint32_t)b[i + 1] << 16 | (uint32_t)b[i + 2] << 8 | (uint32_t)b[i + 3];
            buf_put_utf8(out, u);
        }
        return;
    case ENC_ASCII:
        for (size_t i = 0; i < n; i++)
            buf_putc(out, b[i] < 0x80 ? (char)b[i] : '?');
        return;
    default:
        buf_add(out, b, n);
        return;
    }
}

static void put16(struct buf *o, uint32_t u, bool le)
{
    char x[2] = {(char)(le ? u & 0xFF : u >> 8), (char)(le ? u >> 8 : u & 0xFF)};
    buf_add(o, x, 2);
}

void item_encode(const char *s, size_t n, enum enc e, bool bom, struct buf *out)
{
    if (bom) {
        static const char *const marks[] = {[ENC_UTF8] = "\xEF\xBB\xBF", [ENC_UTF16LE] = "\xFF\xFE",
                                            [ENC_UTF16BE] = "\xFE\xFF"};
        if (e == ENC_UTF8 || e == ENC_UTF16LE || e == ENC_UTF16BE)
            buf_puts(out, marks[e]);
        else if (e == ENC_UTF32LE)
            buf_add(out, "\xFF\xFE\0\0", 4);
        else if (e == ENC_UTF32BE)
            buf_add(out, "\0\0\xFE\xFF", 4);
    }
    size_t i = 0;
    switch (e) {
    case ENC_UTF16LE:
    case ENC_UTF16BE:
        while (i < n) {
            uint32_t u = text_next(s, n, &i);
            if (u >= 0x10000) {
                u -= 0x10000;
                put16(out, 0xD800 + (u >> 10), e == ENC_UTF16LE);
                put16(out, 0xDC00 + (u & 0x3FF), e == ENC_UTF16LE);
            } else {
                put16(out, u, e == ENC_UTF16LE);
            }
        }
        return;
    case ENC_UTF32LE:
    case ENC_UTF32BE:
        while (i < n) {
            uint32_t u = text_next(s, n, &i);
            char x[4];
            for (int k = 0; k < 4; k++)
                x[e == ENC_UTF32LE ? k : 3 - k] = (char)(u >> (8 * k));
            buf_add(out, x, 4);
        }
        return;
    case ENC_ASCII:
        while (i < n) {
            uint32_t u = text_next(s, n, &i);
            buf_putc(out, u < 0x80 ? (char)u : '?');
        }
        return;
    default:
        buf_add(out, s, n);
        return;
    }
}

/* Reads a whole file; false with errno set. */
bool item_read_file(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool ok = buf_read(out, f);
    int e = errno;
    fclose(f);
    errno = e;
    return ok;
}

/* The string a content cmdlet writes for a value: .NET's ToString() (dates in en-US). */
static void content_text(val v, struct buf *out)
{
    if (val_kind(v) == VAL_DATETIME)
        dt_format(out, v.u.i, conv_dt_kind(v), "G", DT_EN_US);
    else
        conv_str(v, out);
}

/* }================================================================== */

/*
** {==================================================================
** Get-Content
** ===================================================================
*/

enum {
    GC_READ_COUNT,
    GC_TOTAL_COUNT,
    GC_TAIL,
    GC_PATH,
    GC_LITERAL_PATH,
    GC_FILTER,
    GC_INCLUDE,
    GC_EXCLUDE,
    GC_FORCE,
    GC_CREDENTIAL,
    GC_DELIMITER,
    GC_RAW,
    GC_ENCODING
};

static int64_t long_arg(struct cmd_ctx *c, uint16_t p, int64_t dflt)
{
    val v = cmd_arg(c, p);
    int64_t n;
    if (val_is_null(v) || !conv_to_int64(v, &n, NULL))
        return dflt;
    return n;
}

/* Splits text into records: lines (without their ends) or pieces ending with the delimiter. */
static void split_records(const char *s, size_t n, const char *delim, struct strs *out, size_t **lens)
{
    size_t cap = 16, cnt = 0;
    *lens = emsh_xmalloc(cap * sizeof **lens);
    size_t i = 0, start = 0;
    size_t dl = delim ? strlen(delim) : 0;
    while (i <= n) {
        size_t end = SIZE_MAX, next = 0;
        if (delim && dl) {
            const char *hit = NULL;
            for (size_t k = i; k + dl <= n; k++)
                if (!memcmp(s + k, delim, dl)) {
                    hit = s + k;
                    break;
                }
            if (hit) {
                end = (size_t)(hit - s) + dl; /* the delimiter stays with its piece */
                next = end;
            }
        } else {
            for (size_t k = i; k < n; k++)
                if (s[k] == '\n' || s[k] == '\r') {
                    end = k;
                    next = k + 1 + (s[k] == '\r' && k + 1 < n && s[k + 1] == '\n');
                    break;
                }
        }
        if (end == SIZE_MAX) {
            if (start < n) {
                end = n;
                next = n + 1;
            } else {
                break;
            }
        }
        if (cnt == cap)
            *lens = emsh_xrealloc(*lens, (cap *= 2) * sizeof **lens);
        (*lens)[cnt++] = end - start;
        strs_push(out, emsh_xstrndup(s + start, end - start));
        i = start = next;
        if (next > n)
            break;
    }
}

/*
** Get-Content's records go out one at a time, or in arrays of -ReadCount
** (0 or less: all of an item's records in one array, as -Raw wants bytes).
*/
struct batcher {
    struct cmd_ctx *c;
    int64_t read_count;
    val batch;
};

static enum ev batch_put(struct batcher *b, val v)
{
    if (b->read_count == 1)
        return cmd_write(b->c, v);
    if (val_kind(b->batch) == VAL_NOTHING)
        b->batch = val_arr_new();
    b->batch = val_arr_push(b->batch, v);
    if (b->read_count > 1 && val_arr_len(b->batch) >= (uint64_t)b->read_count) {
        val full = b->batch;
        b->batch = val_nothing();
        return cmd_write(b->c, full);
    }
    return EV_OK;
}

/* Writes what is left of the last batch (dropped after an error rc). */
static enum ev batch_end(struct batcher *b, enum ev rc)
{
    if (val_kind(b->batch) == VAL_ARRAY) {
        if (rc)
            val_free(b->batch);
        else
            rc = cmd_write(b->c, b->batch);
    }
    b->batch = val_nothing();
    return rc;
}

/*
** Get-Content of items on a session drive, as the providers' content
** reader gives it: what each item holds, a list by its elements; nothing
** for $null or the drive itself. -Tail is the FileSystem provider's only.
*/
/* Get-Content's -TotalCount and -ReadCount, for drive_content(). */
struct counts {
    int64_t total, read_count;
};

static enum ev drive_content(struct cmd_ctx *c, const char *arg, enum sdrive d, val items, void *ctx)
{
    const struct counts *n = ctx;
    int64_t total = n->total;
    const char *item; /* the drive itself holds no content */
    sdrive_of(arg, &item);
    enum ev rc = EV_OK;
    if (cmd_bound(c, GC_TAIL)) {
        val tail = val_copy(cmd_arg(c, GC_TAIL));
        rc = cmd_error(c, "TailNotSupported", "InvalidOperation", "System.InvalidOperationException", tail,
                       "The Tail parameter currently is supported only for the FileSystem provider.");
        val_free(tail);
        return rc;
    }
    for (uint32_t i = 0; i < val_arr_len(items) && !rc && total && *item; i++) {
        val v = sdrive_value(d, val_arr_items(items)[i]);
        bool list = val_kind(v) == VAL_ARRAY;
        uint32_t len = list ? val_arr_len(v) : !val_is_null(v) && val_kind(v) != VAL_NOTHING;
        struct batcher b = {c, n->read_count, val_nothing()};
        for (uint32_t k = 0; k < len && (total < 0 || k < total) && !rc; k++)
            rc = batch_put(&b, list ? val_arr_get(v, k) : val_copy(v));
        rc = batch_end(&b, rc);
        val_free(v);
    }
    return rc;
}

static enum ev get_content_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, GC_CREDENTIAL);
    if (rc)
        return rc;
    int64_t total = long_arg(c, GC_TOTAL_COUNT, -1), read_count = long_arg(c, GC_READ_COUNT, 1);
    bool has_tail = cmd_bound(c, GC_TAIL), raw = cmd_switch(c, GC_RAW);
    int64_t tail = long_arg(c, GC_TAIL, -1);
    if (cmd_bound(c, GC_TOTAL_COUNT) && has_tail)
        return cmd_throw(c, "TailAndHeadCannotCoexist", "InvalidOperation", E_INVALID_OP, val_nothing(),
                         "The parameters TotalCount and Tail cannot be used together. Please specify only one parameter.");
    enum enc e = item_encoding_arg(c, GC_ENCODING);
    const char *delim = str_arg(c, GC_DELIMITER);
    if (e == ENC_BYTE && delim)
        return cmd_throw(c, "GetContentReaderDelimiterError", "InvalidArgument", E_ARG, val_nothing(),
                         "A delimiter cannot be specified when reading the stream one byte at a time.");
    struct strs args = {0}, paths = {0};
    struct filters f;
    bool literal;
    path_args(c, GC_PATH, GC_LITERAL_PATH, &args, &literal);
    filters_read(c, GC_FILTER, GC_INCLUDE, GC_EXCLUDE, &f);
    unsigned flags = RS_MUST_MATCH | (literal ? RS_LITERAL : 0) | (cmd_switch(c, GC_FORCE) ? RS_FORCE : 0);
    struct counts counts = {total, read_count};
    rc = resolve_content_paths(c, &args, literal, flags, &f, &paths, drive_content, &counts);
    for (size_t pi = 0; pi < paths.n && !rc; pi++) {
        const char *path = paths.v[pi];
        struct buf bytes = BUF_INIT;
        if (is_dir(path) || !item_read_file(path, &bytes)) {
            rc = path_error(c, "GetContentReaderUnauthorizedAccessError", "PermissionDenied", E_ACCESS, path,
                            "Access to the path '%s' is denied.", path);
            buf_release(&bytes);
            continue;
        }
        if (total == 0) {
            buf_release(&bytes);
            continue;
        }
        /* the records: bytes (-Raw: all in one array), the whole text, or lines / pieces */
        if (e == ENC_BYTE) {
            struct batcher b = {c, raw ? 0 : read_count, val_nothing()};
            size_t from = 0, to = bytes.len;
            if (has_tail && tail >= 0 && (size_t)tail < to)
                from = to - (size_t)tail;
            if (total > 0 && (size_t)total < to - from)
                to = from + (size_t)total;
            for (size_t i = from; i < to && !rc; i++)
                rc = batch_put(&b, val_int((unsigned char)bytes.s[i]));
            buf_release(&bytes);
            rc = batch_end(&b, rc);
            continue;
        }
        struct buf text = BUF_INIT;
        item_decode((const unsigned char *)buf_cstr(&bytes), bytes.len, e, &text);
        buf_release(&bytes);
        if (raw) {
            if (text.len)
                rc = cmd_write(c, val_str_buf(&text));
            buf_release(&text);
            continue;
        }
        struct strs recs = {0};
        size_t *lens = NULL;
        split_records(buf_cstr(&text), text.len, delim && *delim ? delim : NULL, &recs, &lens);
        buf_release(&text);
        size_t from = 0, to = recs.n;
        if (has_tail && tail >= 0 && (size_t)tail < to)
            from = to - (size_t)tail;
        if (total > 0 && (size_t)total < to - from)
            to = from + (size_t)total;
        struct batcher b = {c, read_count, val_nothing()};
        for (size_t i = from; i < to && !rc; i++)
            rc = batch_put(&b, val_str_n(recs.v[i], lens[i]));
        rc = batch_end(&b, rc);
        strs_free(&recs);
        free(lens);
    }
    strs_free(&args);
    strs_free(&paths);
    filters_free(&f);
    return rc;
}

CMDLET_DEFINE(cmd_get_content, .process = get_content_process);

/* }================================================================== */

/*
** {==================================================================
** Set-Content, Add-Content, Clear-Content
** ===================================================================
*/

enum {
    SC_PATH,
    SC_LITERAL_PATH,
    SC_VALUE,
    SC_PASS_THRU,
    SC_FILTER,
    SC_INCLUDE,
    SC_EXCLUDE,
    SC_FORCE,
    SC_CREDENTIAL,
    SC_NO_NEWLINE,
    SC_ENCODING
};

/* The files an invocation has written, so that later pipeline objects append. */
struct content_state {
    struct strs opened;
    struct strs declined; /* refused by ShouldProcess */
};

static bool in_list(const struct strs *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], s))
            return true;
    return false;
}

/* Writes the values to one file; append says whether to keep what is there. */
static enum ev write_values(struct cmd_ctx *c, const char *path, val values, bool append, enum enc e,
                            bool enc_given, bool newline)
{
    if (is_dir(path))
        return path_error(c, "GetContentWriterUnauthorizedAccessError", "PermissionDenied", E_ACCESS, path,
                          "Access to the path '%s' is denied.", path);
    /* appending to a file that announces its encoding keeps that encoding */
    bool bom = true;
    struct stat st;
    if (append && stat(path, &st) == 0 && st.st_size > 0) {
        bom = false;
        if (!enc_given) {
            unsigned char head[4];
            FILE *f = fopen(path, "rb");
            size_t k = f ? fread(head, 1, sizeof head, f) : 0;
            if (f)
                fclose(f);
            size_t bl;
            enum enc found = item_bom(head, k, &bl);
            if (found != ENC_AUTO)
                e = found;
        }
    }
    struct buf text = BUF_INIT, bytes = BUF_INIT;
    uint32_t n = val_kind(values) == VAL_ARRAY ? val_arr_len(values) : (val_kind(values) == VAL_NOTHING ? 0 : 1);
    for (uint32_t i = 0; i < n; i++) {
        val v = val_kind(values) == VAL_ARRAY ? val_arr_items(values)[i] : values;
        if (e == ENC_BYTE) {
            int64_t b;
            if (!conv_to_int64(v, &b, NULL) || b < 0 || b > 255) {
                buf_release(&text);
                buf_release(&bytes);
                return path_error(c, "SetContentWriterInvalidCastError", "InvalidArgument", "System.InvalidCastException",
                                  path, "Cannot proceed with byte encoding. When using byte encoding the content must be of type byte.");
            }
            buf_putc(&bytes, (char)b);
            continue;
        }
        content_text(v, &text);
        if (newline)
            buf_putc(&text, '\n');
    }
    if (e != ENC_BYTE)
        item_encode(buf_cstr(&text), text.len, e, bom && (text.len || !append), &bytes);
    buf_release(&text);
    FILE *f = fopen(path, append ? "ab" : "wb");
    if (!f) {
        int err = errno;
        buf_release(&bytes);
        return errno_error(c, err, err == ENOENT || err == ENOTDIR ? "GetContentWriterDirectoryNotFoundError"
                                                                   : "GetContentWriterUnauthorizedAccessError",
                           path);
    }
    if (bytes.len)
        fwrite(bytes.s, 1, bytes.len, f);
    fclose(f);
    buf_release(&bytes);
    return EV_OK;
}

/* The path of an item on a session drive as the content cmdlets show it: Env:\PATH. */
static void drive_item_path(enum sdrive d, const char *name, struct buf *out)
{
    buf_printf(out, "%s:\\%s", sdrive_name(d), name);
}

/* What the providers' content writer is given: one value, or the array of them. */
static val one_or_all(val values)
{
    return val_kind(values) == VAL_ARRAY && val_arr_len(values) == 1 ? val_arr_items(values)[0] : values;
}

/*
** Set-Content and Add-Content on a session drive. The providers' content
** writer sets the item to what it is given (one value, or the array of
** them), creating it; later pipeline objects replace it. It can't seek,
** so Add-Content fails, as in PowerShell, before writing anything.
*/
/* Set-Content's and Add-Content's choice and values, for drive_set_content(). */
struct writing {
    bool add;
    val values;
    bool literal, wrote;
};

static enum ev drive_set_content(struct cmd_ctx *c, const char *arg, enum sdrive d, val items, void *ctx)
{
    struct writing *w = ctx;
    enum ev rc = EV_OK;
    w->wrote = true;
    const char *item;
    sdrive_of(arg, &item);
    if (!*item)
        return path_error(c, "Argument", "InvalidArgument", "System.Management.Automation.PSArgumentException", arg,
                          "Cannot process argument because the value of argument \"name\" is not valid. "
                          "Change the value of the \"name\" argument and run the operation again.");
    uint32_t n = val_arr_len(items);
    if (!n && !w->literal && wc_has_wildcards(item, strlen(item)))
        return nothing_matched(c, arg);
    for (uint32_t i = 0; i < (n ? n : 1) && !rc; i++) {
        const char *name = n ? sdrive_item_name(val_arr_items(items)[i]) : item; /* or a new item */
        struct buf path = BUF_INIT, m = BUF_INIT;
        drive_item_path(d, name, &path);
        if (w->add) {
            buf_printf(&m, "The invocation of Seek on the '%s' provider's content writer failed for path '%s'. "
                           "Cannot call method. The content Seek method is not supported by this provider.",
                       sdrive_provider(d), path.s);
            val t = val_str_new(path.s);
            rc = cmd_throw(c, "ProviderSeekError", "NotSpecified", "System.Management.Automation.ProviderInvocationException",
                           t, buf_cstr(&m));
            val_free(t);
            buf_release(&path);
            buf_release(&m);
            break;
        }
        buf_printf(&m, "Path: %s", path.s);
        buf_release(&path);
        bool yes = true;
        rc = cmd_should_process(c, buf_cstr(&m), "Set Content", &yes);
        buf_release(&m);
        if (!rc && yes)
            rc = sdrive_set(c, d, name, one_or_all(w->values));
    }
    return rc;
}

static enum ev content_process(struct cmd_ctx *c, bool add)
{
    struct content_state *st = cmd_state(c);
    enum ev rc = check_credential(c, SC_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0}, paths = {0};
    struct filters f;
    bool literal;
    path_args(c, SC_PATH, SC_LITERAL_PATH, &args, &literal);
    filters_read(c, SC_FILTER, SC_INCLUDE, SC_EXCLUDE, &f);
    unsigned flags = RS_MISSING_OK | RS_MUST_MATCH | (literal ? RS_LITERAL : 0) | (cmd_switch(c, SC_FORCE) ? RS_FORCE : 0);
    val values = cmd_arg(c, SC_VALUE);
    struct writing w = {add, values, literal, false};
    rc = resolve_content_paths(c, &args, literal, flags, &f, &paths, drive_set_content, &w);
    enum enc e = item_encoding_arg(c, SC_ENCODING);
    bool newline = !cmd_switch(c, SC_NO_NEWLINE);
    for (size_t i = 0; i < paths.n && !rc; i++) {
        const char *p = paths.v[i];
        if (in_list(&st->declined, p))
            continue;
        bool first = !in_list(&st->opened, p);
        if (first) {
            char target[PATH_MAX + 16];
            snprintf(target, sizeof target, "Path: %s", p);
            bool yes = true;
            rc = cmd_should_process(c, target, add ? "Add Content" : "Set Content", &yes);
            if (rc)
                break;
            strs_push(yes ? &st->opened : &st->declined, xstrdup(p));
            if (!yes)
                continue;
        }
        rc = write_values(c, p, values, add || !first, e, cmd_bound(c, SC_ENCODING), newline);
    }
    if (!rc && cmd_switch(c, SC_PASS_THRU) && (st->opened.n || w.wrote)) {
        if (val_kind(values) == VAL_ARRAY)
            for (uint32_t i = 0; i < val_arr_len(values) && !rc; i++)
                rc = cmd_write(c, val_arr_get(values, i));
        else if (!val_is_null(values))
            rc = cmd_write(c, val_copy(values));
    }
    strs_free(&args);
    strs_free(&paths);
    filters_free(&f);
    return rc;
}

static enum ev set_content_process(struct cmd_ctx *c, val input)
{
    (void)input;
    return content_process(c, false);
}

static enum ev add_content_process(struct cmd_ctx *c, val input)
{
    (void)input;
    return content_process(c, true);
}

static void content_release(void *state)
{
    struct content_state *st = state;
    strs_free(&st->opened);
    strs_free(&st->declined);
}

CMDLET_DEFINE(cmd_set_content, .process = set_content_process, .state_size = sizeof(struct content_state),
              .release = content_release);
CMDLET_DEFINE(cmd_add_content, .process = add_content_process, .state_size = sizeof(struct content_state),
              .release = content_release);

enum { CC_PATH, CC_LITERAL_PATH, CC_FILTER, CC_INCLUDE, CC_EXCLUDE, CC_FORCE, CC_CREDENTIAL };

/* Clear-Content on a session drive: its providers have no ClearContent. */
static enum ev drive_clear_content(struct cmd_ctx *c, const char *arg, enum sdrive d, val items, void *ctx)
{
    (void)d;
    (void)ctx;
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(items) && !rc; i++)
        rc = path_error(c, "NotSupported", "NotImplemented", "System.Management.Automation.PSNotSupportedException",
                        arg, "Cannot perform the ClearContent operation. The ClearContent operation is not "
                             "supported by this provider.");
    return rc;
}

static enum ev clear_content_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, CC_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0}, paths = {0};
    struct filters f;
    bool literal;
    path_args(c, CC_PATH, CC_LITERAL_PATH, &args, &literal);
    filters_read(c, CC_FILTER, CC_INCLUDE, CC_EXCLUDE, &f);
    unsigned flags = RS_MUST_MATCH | (literal ? RS_LITERAL : 0) | (cmd_switch(c, CC_FORCE) ? RS_FORCE : 0);
    rc = resolve_content_paths(c, &args, literal, flags, &f, &paths, drive_clear_content, NULL);
    for (size_t i = 0; i < paths.n && !rc; i++) {
        const char *p = paths.v[i];
        char target[PATH_MAX + 16];
        snprintf(target, sizeof target, "Item: %s", p);
        bool yes = true;
        if ((rc = cmd_should_process(c, target, "Clear Content", &yes)) || !yes)
            continue;
        if (is_dir(p)) {
            rc = path_error(c, "ClearContentUnauthorizedAccessError", "PermissionDenied", E_ACCESS, p,
                            "Access to the path '%s' is denied.", p);
            continue;
        }
        if (truncate(p, 0) != 0)
            rc = errno_error(c, errno, "ClearContentIOError", p);
    }
    strs_free(&args);
    strs_free(&paths);
    filters_free(&f);
    return rc;
}

CMDLET_DEFINE(cmd_clear_content, .process = clear_content_process);

/* }================================================================== */

/*
** {==================================================================
** Test-Path
** ===================================================================
*/

enum {
    TP_PATH,
    TP_LITERAL_PATH,
    TP_FILTER,
    TP_INCLUDE,
    TP_EXCLUDE,
    TP_PATH_TYPE,
    TP_IS_VALID,
    TP_CREDENTIAL,
    TP_OLDER_THAN,
    TP_NEWER_THAN
};

/* Does the item at p fit -PathType, -OlderThan and -NewerThan? */
static bool test_fits(struct cmd_ctx *c, const char *p)
{
    struct stat st;
    if (stat(p, &st) != 0)
        return false;
    const char *type = str_arg(c, TP_PATH_TYPE);
    if (type && !strcasecmp(type, "Leaf") && S_ISDIR(st.st_mode))
        return false;
    if (type && !strcasecmp(type, "Container") && !S_ISDIR(st.st_mode))
        return false;
    int64_t mtime = dt_utc_to_local(ts_ticks(st.st_mtim));
    val older = cmd_arg(c, TP_OLDER_THAN), newer = cmd_arg(c, TP_NEWER_THAN);
    if (val_kind(older) == VAL_DATETIME && !(mtime < dt_to_local(older.u.i, conv_dt_kind(older))))
        return false;
    if (val_kind(newer) == VAL_DATETIME && !(mtime > dt_to_local(newer.u.i, conv_dt_kind(newer))))
        return false;
    return true;
}

static enum ev test_path_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, TP_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0};
    struct filters f;
    bool literal;
    path_args(c, TP_PATH, TP_LITERAL_PATH, &args, &literal);
    filters_read(c, TP_FILTER, TP_INCLUDE, TP_EXCLUDE, &f);
    bool valid_only = cmd_switch(c, TP_IS_VALID);
    for (size_t a = 0; a < args.n && !rc; a++) {
        const char *arg = args.v[a];
        bool yes;
        const char *item;
        enum sdrive d = sdrive_of(arg, &item);
        if (valid_only) {
            /* any text is a valid path here, unless it names an unknown drive or is a bad pattern */
            yes = d != SD_NONE || !drive_qualifier(strip_provider(arg)) || strip_provider(arg) != arg;
            if (yes && !literal && wc_has_wildcards(arg, strlen(arg)))
                yes = wc_check(arg, strlen(arg)) == EMSH_OK;
        } else if (d != SD_NONE) {
            /* the drive is the container, its items the leaves */
            const char *type = str_arg(c, TP_PATH_TYPE);
            bool leaf = *item != '\0';
            yes = !type || !strcasecmp(type, "Any") || !strcasecmp(type, leaf ? "Leaf" : "Container");
            if (yes && leaf) {
                val items = sdrive_items(c, d, item, literal);
                yes = false;
                for (uint32_t i = 0; i < val_arr_len(items) && !yes; i++)
                    yes = passes(&f, sdrive_item_name(val_arr_items(items)[i]), true);
                val_free(items);
            }
        } else if (drive_qualifier(strip_provider(arg)) && strip_provider(arg) == arg) {
            yes = false;
        } else {
            struct strs found = {0};
            bool wild = !literal && wc_has_wildcards(arg, strlen(arg));
            char *full = item_full_path(arg);
            if (wild) {
                glob_walk("/", full, false, &found);
            } else {
                struct buf lit = BUF_INIT;
                if (literal)
                    buf_puts(&lit, full);
                else
                    wc_unescape(full, strlen(full), &lit);
                strs_push(&found, buf_detach(&lit, NULL));
            }
            free(full);
            yes = false;
            for (size_t i = 0; i < found.n && !yes; i++)
                yes = (strcmp(found.v[i], "/") == 0 || passes(&f, base_name(found.v[i]), true)) &&
                      test_fits(c, found.v[i]);
            strs_free(&found);
        }
        rc = cmd_write(c, val_bool(yes));
    }
    strs_free(&args);
    filters_free(&f);
    return rc;
}

CMDLET_DEFINE(cmd_test_path, .process = test_path_process);

/* }================================================================== */

/*
** {==================================================================
** New-Item
** ===================================================================
*/

enum { NI_PATH, NI_NAME, NI_ITEM_TYPE, NI_VALUE, NI_FORCE, NI_CREDENTIAL };

enum item_type { IT_UNKNOWN, IT_FILE, IT_DIRECTORY, IT_SYMLINK, IT_JUNCTION, IT_HARDLINK };

/* The FileSystem provider's reading of -ItemType: any prefix of a type name. */
static enum item_type item_type_of(const char *t)
{
    if (!t || !*t)
        return IT_FILE;
    size_t n = strlen(t);
    if (!strncasecmp("directory", t, n) || !strncasecmp("container", t, n))
        return IT_DIRECTORY;
    if (!strncasecmp("file", t, n))
        return IT_FILE;
    if (!strncasecmp("symboliclink", t, n))
        return IT_SYMLINK;
    if (!strncasecmp("junction", t, n))
        return IT_JUNCTION;
    if (!strncasecmp("hardlink", t, n))
        return IT_HARDLINK;
    return IT_UNKNOWN;
}

/* mkdir -p; false with errno set. */
bool item_make_dirs(const char *p)
{
    if (is_dir(p))
        return true;
    char *parent = parent_of(p);
    bool ok = !*parent || item_make_dirs(parent);
    free(parent);
    if (!ok)
        return false;
    return mkdir(p, 0777) == 0 || errno == EEXIST;
}

static enum ev new_item_one(struct cmd_ctx *c, const char *full, enum item_type type, bool force)
{
    static const char *const actions[] = {[IT_FILE] = "Create File", [IT_DIRECTORY] = "Create Directory",
                                          [IT_SYMLINK] = "Create Symbolic Link", [IT_JUNCTION] = "Create Junction",
                                          [IT_HARDLINK] = "Create Hard Link"};
    char target[PATH_MAX + 32];
    snprintf(target, sizeof target, "Destination: %s", full);
    struct stat st;
    bool exists = lstat(full, &st) == 0;
    if (type == IT_DIRECTORY && exists && S_ISDIR(st.st_mode) && !force)
        return path_error(c, "DirectoryExist", "ResourceExists", E_IO, full,
                          "An item with the specified name %s already exists.", full);
    if (type == IT_FILE && exists && !force)
        return path_error(c, "NewItemIOError", "WriteError", E_IO, full, "The file '%s' already exists.", full);
    if ((type == IT_SYMLINK || type == IT_JUNCTION || type == IT_HARDLINK) && exists && !force)
        return path_error(c, "SymLinkExists", "ResourceExists", E_IO, full,
                          "An item with the specified name %s already exists.", full);
    bool yes = true;
    enum ev rc = cmd_should_process(c, target, actions[type], &yes);
    if (rc || !yes)
        return rc;
    char *parent = parent_of(full);
    if (*parent && !is_dir(parent)) {
        if (type == IT_DIRECTORY || force) {
            if (!item_make_dirs(parent)) {
                rc = errno_error(c, errno, "NewItemIOError", full);
                free(parent);
                return rc;
            }
        } else {
            free(parent);
            return path_error(c, "NewItemIOError", "WriteError", E_DIR_NOT_FOUND, full,
                              "Could not find a part of the path '%s'.", full);
        }
    }
    free(parent);
    val value = cmd_arg(c, NI_VALUE);
    switch (type) {
    case IT_DIRECTORY:
        if (!(exists && S_ISDIR(st.st_mode)) && mkdir(full, 0777) != 0)
            return errno_error(c, errno, "CreateDirectoryIOError", full);
        break;
    case IT_FILE: {
        if (exists && S_ISDIR(st.st_mode))
            return path_error(c, "NewItemUnauthorizedAccessError", "PermissionDenied", E_ACCESS, full,
                              "Access to the path '%s' is denied.", full);
        FILE *fp = fopen(full, "wb");
        if (!fp)
            return errno_error(c, errno, "NewItemIOError", full);
        if (!val_is_null(value)) {
            struct buf b = BUF_INIT;
            content_text(value, &b);
            fwrite(buf_cstr(&b), 1, b.len, fp);
            buf_release(&b);
        }
        fclose(fp);
        break;
    }
    default: {
        if (val_is_null(value))
            return cmd_throw(c, "ArgumentNull", "InvalidArgument", "System.Management.Automation.PSArgumentNullException",
                             val_nothing(), "Value cannot be null.\nParameter name: content");
        struct buf b = BUF_INIT;
        conv_str(value, &b);
        char *tgt = type == IT_HARDLINK ? item_full_path(buf_cstr(&b)) : slashes(buf_cstr(&b));
        buf_release(&b);
        if (exists)
            unlink(full);
        int r = type == IT_HARDLINK ? link(tgt, full) : symlink(tgt, full);
        int err = errno;
        free(tgt);
        if (r != 0)
            return errno_error(c, err, "NewItemSymbolicLinkElevationRequired", full);
        break;
    }
    }
    return cmd_write(c, make_item(full, ITEM_FULL));
}

static enum ev new_item_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, NI_CREDENTIAL);
    if (rc)
        return rc;
    const char *tname = str_arg(c, NI_ITEM_TYPE);
    enum item_type type = item_type_of(tname);
    struct strs args = {0};
    str_args(c, NI_PATH, &args);
    const char *name = str_arg(c, NI_NAME);
    if (!args.n)
        strs_push(&args, xstrdup("."));
    bool force = cmd_switch(c, NI_FORCE);
    for (size_t a = 0; a < args.n && !rc; a++) {
        const char *item;
        enum sdrive d = sdrive_of(args.v[a], &item);
        if (d != SD_NONE) {
            /* a flat drive: -Name or the item part names the item */
            rc = sdrive_new(c, d, name && *name ? name : item, tname, cmd_arg(c, NI_VALUE), force);
            continue;
        }
        size_t dq = drive_qualifier(strip_provider(args.v[a]));
        if (dq && strip_provider(args.v[a]) == args.v[a]) {
            rc = drive_not_found(c, args.v[a], dq);
            continue;
        }
        char *full;
        if (name && *name) {
            char *dir = item_full_path(args.v[a]);
            char *joined = join2(dir, name);
            full = item_full_path(joined);
            free(dir);
            free(joined);
        } else {
            full = item_full_path(args.v[a]);
        }
        if (type == IT_UNKNOWN)
            rc = path_error(c, "Argument", "InvalidArgument", "System.Management.Automation.PSArgumentException", full,
                            "The type is not a known type for the file system. Only \"file\",\"directory\" or \"symboliclink\" can be specified.");
        else
            rc = new_item_one(c, full, type, force);
        free(full);
    }
    strs_free(&args);
    return rc;
}

CMDLET_DEFINE(cmd_new_item, .process = new_item_process);

/* }================================================================== */

/*
** {==================================================================
** Remove-Item
** ===================================================================
*/

enum { RM_PATH, RM_LITERAL_PATH, RM_FILTER, RM_INCLUDE, RM_EXCLUDE, RM_RECURSE, RM_FORCE, RM_CREDENTIAL };

/* Deletes a directory tree; false with errno set and *where the path that failed. */
bool item_remove_tree(const char *p, char **where)
{
    struct stat st;
    if (lstat(p, &st) != 0) {
        *where = xstrdup(p);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        struct strs names = {0};
        list_dir(p, &names);
        for (size_t i = 0; i < names.n; i++) {
            char *child = join2(p, names.v[i]);
            bool ok = item_remove_tree(child, where);
            free(child);
            if (!ok) {
                strs_free(&names);
                return false;
            }
        }
        strs_free(&names);
        if (rmdir(p) != 0) {
            *where = xstrdup(p);
            return false;
        }
        return true;
    }
    if (unlink(p) != 0) {
        *where = xstrdup(p);
        return false;
    }
    return true;
}

static bool dir_is_empty(const char *p)
{
    struct strs names = {0};
    list_dir(p, &names);
    bool empty = names.n == 0;
    strs_free(&names);
    return empty;
}

static enum ev remove_item_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, RM_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0}, paths = {0};
    struct filters f;
    bool literal;
    path_args(c, RM_PATH, RM_LITERAL_PATH, &args, &literal);
    filters_read(c, RM_FILTER, RM_INCLUDE, RM_EXCLUDE, &f);
    bool force = cmd_switch(c, RM_FORCE), recurse = cmd_switch(c, RM_RECURSE);
    unsigned flags = (literal ? RS_LITERAL : 0) | (force ? RS_FORCE : 0);
    for (size_t a = 0; a < args.n && !rc; a++) {
        const char *item;
        enum sdrive d = sdrive_of(args.v[a], &item);
        if (d == SD_NONE) {
            rc = resolve(c, args.v[a], flags, &f, &paths, NULL);
            continue;
        }
        val items = sdrive_items(c, d, item, literal);
        if (!val_arr_len(items) && (literal || !wc_has_wildcards(item, strlen(item))))
            rc = sdrive_not_found(c, item);
        for (uint32_t i = 0; i < val_arr_len(items) && !rc; i++) {
            const char *name = sdrive_item_name(val_arr_items(items)[i]);
            bool yes = true;
            if (!passes(&f, name, true))
                continue;
            struct buf target = BUF_INIT;
            buf_printf(&target, "Item: %s", name);
            rc = cmd_should_process(c, buf_cstr(&target), "Remove Item", &yes);
            buf_release(&target);
            if (!rc && yes)
                rc = sdrive_remove(c, d, name, force);
        }
        val_free(items);
    }
    for (size_t i = 0; i < paths.n && !rc; i++) {
        const char *p = paths.v[i];
        struct stat st;
        if (lstat(p, &st) != 0)
            continue; /* removed with an earlier item */
        bool dir = S_ISDIR(st.st_mode);
        bool yes = true;
        if ((rc = cmd_should_process(c, p, dir ? "Remove Directory" : "Remove File", &yes)) || !yes)
            continue;
        if (!dir) {
            if (unlink(p) != 0)
                rc = path_error(c, "RemoveFileSystemItemIOError", "WriteError", E_IO, p, "Cannot remove item %s: %s",
                                p, errno == EACCES || errno == EPERM
                                       ? "You do not have sufficient access rights to perform this operation."
                                       : strerror(errno));
            continue;
        }
        if (!recurse && !dir_is_empty(p)) {
            rc = path_error(c, "DirectoryNotEmpty", "WriteError", E_IO, p,
                            "Directory %s cannot be removed because it is not empty.", p);
            continue;
        }
        char *where = NULL;
        if (!item_remove_tree(p, &where)) {
            int err = errno;
            rc = path_error(c, "RemoveFileSystemItemIOError", "WriteError", E_IO, where, "Cannot remove item %s: %s",
                            where, err == EACCES || err == EPERM
                                       ? "You do not have sufficient access rights to perform this operation."
                                       : strerror(err));
            free(where);
        }
    }
    strs_free(&args);
    strs_free(&paths);
    filters_free(&f);
    return rc;
}

CMDLET_DEFINE(cmd_remove_item, .process = remove_item_process);

/* }================================================================== */

/*
** {==================================================================
** Copy-Item, Move-Item, Rename-Item
** ===================================================================
*/

enum {
    CI_PATH,
    CI_LITERAL_PATH,
    CI_DESTINATION,
    CI_CONTAINER,
    CI_FORCE,
    CI_FILTER,
    CI_INCLUDE,
    CI_EXCLUDE,
    CI_RECURSE,
    CI_PASS_THRU,
    CI_CREDENTIAL
};

/* Copies a file's bytes and permissions; false with errno set. */
bool item_copy_file(const char *from, const char *to, bool force)
{
    int in = open(from, O_RDONLY);
    if (in < 0)
        return false;
    struct stat st;
    fstat(in, &st);
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);
    if (out < 0 && errno == EACCES && force) {
        chmod(to, (st.st_mode & 0777) | S_IWUSR);
        out = open(to, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);
    }
    if (out < 0) {
        int e = errno;
        close(in);
        errno = e;
        return false;
    }
    char chunk[65536];
    ssize_t k;
    bool ok = true;
    while ((k = read(in, chunk, sizeof chunk)) > 0)
        if (write(out, chunk, (size_t)k) != k) {
            ok = false;
            break;
        }
    int e = errno;
    close(in);
    close(out);
    errno = e;
    return ok && k == 0;
}

/* Where an item goes: into the destination when it is a directory, else the destination itself. */
static char *target_of(const char *src, const char *dest)
{
    if (is_dir(dest))
        return join2(dest, base_name(src));
    return xstrdup(dest);
}

static bool is_within(const char *p, const char *dir)
{
    size_t n = strlen(dir);
    return !strncmp(p, dir, n) && (p[n] == '/' || p[n] == '\0' || !strcmp(dir, "/"));
}

/* Copies src to target (a directory with its contents when recurse); the new items go out with passthru. */
static enum ev copy_one(struct cmd_ctx *c, const char *src, const char *target, bool recurse, bool force,
                        bool passthru, bool top)
{
    char what[2 * PATH_MAX + 32];
    bool dir = is_dir(src);
    snprintf(what, sizeof what, "Item: %s Destination: %s", src, target);
    bool yes = true;
    enum ev rc = cmd_should_process(c, what, dir ? "Copy Directory" : "Copy File", &yes);
    if (rc || !yes)
        return rc;
    if (!dir) {
        if (!strcmp(src, target))
            return path_error(c, "CopyError", "WriteError", E_IO, src, "Cannot overwrite the item %s with itself.", src);
        if (is_dir(target))
            return path_error(c, "CopyDirectoryInfoItemIOError", "WriteError", E_IO, target,
                              "The file '%s' already exists.", target);
        if (!item_copy_file(src, target, force))
            return errno_error(c, errno, "CopyFileInfoItemIOError", target);
        return passthru ? cmd_write(c, make_item(target, ITEM_FULL)) : EV_OK;
    }
    if (top && is_within(target, src) && strcmp(target, src) != 0)
        return path_error(c, "CopyError", "WriteError", E_IO, src,
                          "Destination path cannot be a subdirectory of the source: %s.", target);
    if (!is_dir(target) && mkdir(target, 0777) != 0)
        return errno_error(c, errno, "CopyDirectoryInfoItemIOError", target);
    if (passthru && (rc = cmd_write(c, make_item(target, ITEM_FULL))))
        return rc;
    if (!recurse || !strcmp(src, target))
        return EV_OK;
    struct strs names = {0};
    list_dir(src, &names);
    for (size_t i = 0; i < names.n && !rc; i++) {
        char *s = join2(src, names.v[i]), *t = join2(target, names.v[i]);
        rc = copy_one(c, s, t, true, force, passthru, false);
        free(s);
        free(t);
    }
    strs_free(&names);
    return rc;
}

/* The destination of Copy-Item and Move-Item: absolute, the current directory by default. */
static char *destination(struct cmd_ctx *c, uint16_t p)
{
    const char *d = str_arg(c, p);
    return item_full_path(d && *d ? d : ".");
}

static enum ev copy_item_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, CI_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0}, paths = {0};
    struct filters f;
    bool literal;
    path_args(c, CI_PATH, CI_LITERAL_PATH, &args, &literal);
    filters_read(c, CI_FILTER, CI_INCLUDE, CI_EXCLUDE, &f);
    bool force = cmd_switch(c, CI_FORCE);
    unsigned flags = (literal ? RS_LITERAL : 0) | (force ? RS_FORCE : 0);
    for (size_t a = 0; a < args.n && !rc; a++)
        rc = resolve(c, args.v[a], flags, &f, &paths, NULL);
    char *dest = destination(c, CI_DESTINATION);
    for (size_t i = 0; i < paths.n && !rc; i++) {
        char *target = target_of(paths.v[i], dest);
        char *parent = parent_of(target);
        if (*parent && !is_dir(parent))
            rc = path_error(c, "CopyFileInfoItemIOError", "WriteError", E_DIR_NOT_FOUND, target,
                            "Could not find a part of the path '%s'.", target);
        else
            rc = copy_one(c, paths.v[i], target, cmd_switch(c, CI_RECURSE), force, cmd_switch(c, CI_PASS_THRU), true);
        free(parent);
        free(target);
    }
    free(dest);
    strs_free(&args);
    strs_free(&paths);
    filters_free(&f);
    return rc;
}

CMDLET_DEFINE(cmd_copy_item, .process = copy_item_process);

enum { MI_PATH, MI_LITERAL_PATH, MI_DESTINATION, MI_FORCE, MI_FILTER, MI_INCLUDE, MI_EXCLUDE, MI_PASS_THRU, MI_CREDENTIAL };

/* rename(2), or a copy and a delete across file systems; false with errno set. */
static bool move_path(const char *from, const char *to)
{
    if (rename(from, to) == 0)
        return true;
    if (errno != EXDEV)
        return false;
    char *where = NULL;
    if (is_dir(from)) {
        if (mkdir(to, 0777) != 0)
            return false;
        struct strs names = {0};
        list_dir(from, &names);
        bool ok = true;
        for (size_t i = 0; i < names.n && ok; i++) {
            char *s = join2(from, names.v[i]), *t = join2(to, names.v[i]);
            ok = move_path(s, t);
            free(s);
            free(t);
        }
        strs_free(&names);
        if (!ok)
            return false;
        ok = rmdir(from) == 0;
        return ok;
    }
    if (!item_copy_file(from, to, true))
        return false;
    bool ok = item_remove_tree(from, &where);
    free(where);
    return ok;
}

static enum ev move_one(struct cmd_ctx *c, const char *src, const char *target, bool force, bool passthru,
                        const char *action_file, const char *action_dir, const char *id)
{
    char what[2 * PATH_MAX + 32];
    bool dir = is_dir(src);
    snprintf(what, sizeof what, "Item: %s Destination: %s", src, target);
    struct stat st;
    bool exists = lstat(target, &st) == 0 && strcmp(src, target) != 0;
    if (exists && (dir || S_ISDIR(st.st_mode) || !force))
        return path_error(c, id, "WriteError", E_IO, src, "Cannot create a file when that file already exists.");
    if (dir && is_within(target, src) && strcmp(target, src) != 0)
        return path_error(c, id, "WriteError", E_IO, src,
                          "Destination path cannot be a subdirectory of the source: %s.", target);
    bool yes = true;
    enum ev rc = cmd_should_process(c, what, dir ? action_dir : action_file, &yes);
    if (rc || !yes)
        return rc;
    if (!move_path(src, target))
        return errno_error(c, errno, id, target);
    return passthru ? cmd_write(c, make_item(target, ITEM_FULL)) : EV_OK;
}

static enum ev move_item_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, MI_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0}, paths = {0};
    struct filters f;
    bool literal;
    path_args(c, MI_PATH, MI_LITERAL_PATH, &args, &literal);
    filters_read(c, MI_FILTER, MI_INCLUDE, MI_EXCLUDE, &f);
    bool force = cmd_switch(c, MI_FORCE);
    unsigned flags = (literal ? RS_LITERAL : 0) | (force ? RS_FORCE : 0);
    for (size_t a = 0; a < args.n && !rc; a++)
        rc = resolve(c, args.v[a], flags, &f, &paths, NULL);
    char *dest = destination(c, MI_DESTINATION);
    for (size_t i = 0; i < paths.n && !rc; i++) {
        char *target = target_of(paths.v[i], dest);
        char *parent = parent_of(target);
        bool file = !is_dir(paths.v[i]);
        if (*parent && !is_dir(parent))
            rc = path_error(c, file ? "MoveFileInfoItemIOError" : "MoveDirectoryItemIOError", "WriteError",
                            E_DIR_NOT_FOUND, paths.v[i], "Could not find a part of the path.");
        else
            rc = move_one(c, paths.v[i], target, force, cmd_switch(c, MI_PASS_THRU), "Move File", "Move Directory",
                          file ? "MoveFileInfoItemIOError" : "MoveDirectoryItemIOError");
        free(parent);
        free(target);
    }
    free(dest);
    strs_free(&args);
    strs_free(&paths);
    filters_free(&f);
    return rc;
}

CMDLET_DEFINE(cmd_move_item, .process = move_item_process);

enum { RN_PATH, RN_LITERAL_PATH, RN_NEW_NAME, RN_FORCE, RN_PASS_THRU, RN_CREDENTIAL };

static enum ev rename_item_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, RN_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0}, paths = {0};
    bool literal;
    path_args(c, RN_PATH, RN_LITERAL_PATH, &args, &literal);
    unsigned flags = (literal ? RS_LITERAL : 0) | RS_FORCE;
    for (size_t a = 0; a < args.n && !rc; a++)
        rc = resolve(c, args.v[a], flags, NULL, &paths, NULL);
    const char *nn = str_arg(c, RN_NEW_NAME);
    for (size_t i = 0; i < paths.n && !rc && nn; i++) {
        const char *src = paths.v[i];
        char *parent = parent_of(src);
        char *name = slashes(nn);
        if (strchr(name, '/')) {
            /* a path is allowed only when it names the same directory */
            char *full = item_full_path(name), *np = parent_of(full);
            bool same = !strcmp(np, parent);
            free(name);
            name = xstrdup(base_name(full));
            free(full);
            free(np);
            if (!same) {
                rc = path_error(c, "Argument", "InvalidArgument", E_ARG, nn,
                                "Cannot rename the specified target, because it represents a path or device name.");
                free(name);
                free(parent);
                continue;
            }
        }
        char *target = join2(*parent ? parent : "/", name);
        rc = move_one(c, src, target, false, cmd_switch(c, RN_PASS_THRU), "Rename File", "Rename Directory",
                      "RenameItemIOError");
        free(target);
        free(name);
        free(parent);
    }
    strs_free(&args);
    strs_free(&paths);
    return rc;
}

CMDLET_DEFINE(cmd_rename_item, .process = rename_item_process);

/* }================================================================== */

/*
** {==================================================================
** Get-ChildItem, Get-Item
** ===================================================================
*/

enum {
    GCI_PATH,
    GCI_LITERAL_PATH,
    GCI_FILTER,
    GCI_INCLUDE,
    GCI_EXCLUDE,
    GCI_RECURSE,
    GCI_DEPTH,
    GCI_FORCE,
    GCI_NAME,
    GCI_DIRECTORY,
    GCI_FILE,
    GCI_HIDDEN,
    GCI_READ_ONLY,
    GCI_SYSTEM
};

struct listing {
    struct cmd_ctx *c;
    struct filters f;
    bool force, names, dirs_only, files_only, hidden_only, readonly_only, system_only;
};

/* Does the item pass -Directory, -File, -Hidden, -ReadOnly and -System? */
static bool kind_passes(const struct listing *l, const char *full, bool dir)
{
    if (l->dirs_only && !dir)
        return false;
    if (l->files_only && dir)
        return false;
    if (l->hidden_only && !is_hidden_name(base_name(full)))
        return false;
    if (l->readonly_only && (dir || access(full, W_OK) == 0))
        return false;
    if (l->system_only)
        return false;
    return true;
}

/* Writes an item found under base: its record, or its path relative to base with -Name. */
static enum ev emit(struct listing *l, const char *full, const char *base, bool dir, enum item_form form)
{
    if (!kind_passes(l, full, dir))
        return EV_OK;
    if (l->names) {
        size_t bl = strlen(base);
        const char *rel = !strncmp(full, base, bl) && full[bl] == '/' ? full + bl + 1
                          : !strcmp(base, "/") && full[0] == '/' && full[1] ? full + 1
                                                                            : base_name(full);
        return cmd_write(l->c, val_str_new(rel));
    }
    return cmd_write(l->c, make_item(full, form));
}

static bool visible(const struct listing *l, const char *name)
{
    return l->force || l->hidden_only || !is_hidden_name(name);
}

/* The provider's listing: directories then files matching -Filter, then (recursing) each subdirectory. */
static enum ev list_children(struct listing *l, const char *dir, const char *base, bool recurse, uint32_t depth)
{
    struct strs names = {0};
    if (!list_dir(dir, &names)) {
        enum ev rc = errno_error(l->c, errno, "DirUnauthorizedAccessError", dir);
        strs_free(&names);
        return rc;
    }
    enum ev rc = EV_OK;
    for (int pass = 0; pass < 2 && !rc; pass++)
        for (size_t i = 0; i < names.n && !rc; i++) {
            if (!visible(l, names.v[i]))
                continue;
            char *full = join2(dir, names.v[i]);
            bool d = is_dir(full);
            if (d == (pass == 0) && (!l->f.filter || !*l->f.filter || wc(l->f.filter, names.v[i])))
                rc = emit(l, full, base, d, ITEM_NAME);
            free(full);
        }
    if (recurse && depth > 0)
        for (size_t i = 0; i < names.n && !rc; i++) {
            if (!visible(l, names.v[i]))
                continue;
            char *full = join2(dir, names.v[i]);
            struct stat st;
            if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
                rc = list_children(l, full, base, true, depth - 1);
            free(full);
        }
    strs_free(&names);
    return rc;
}

/*
** The walk PowerShell does itself when -Include or -Exclude is given: each
** child that passes the filters is written, and each subdirectory is
** entered right after it (recursing).
*/
static enum ev list_filtered(struct listing *l, const char *path, const char *base, bool recurse, uint32_t depth)
{
    if (!is_dir(path)) {
        if (passes(&l->f, base_name(path), true))
            return emit(l, path, base, false, ITEM_FULL);
        return EV_OK;
    }
    struct strs names = {0};
    list_dir(path, &names);
    enum ev rc = EV_OK;
    for (int pass = 0; pass < 2 && !rc; pass++)
        for (size_t i = 0; i < names.n && !rc; i++) {
            if (!visible(l, names.v[i]))
                continue;
            char *full = join2(path, names.v[i]);
            bool d = is_dir(full);
            if (d == (pass == 0)) {
                if (passes(&l->f, names.v[i], true))
                    rc = emit(l, full, base, d, ITEM_FULL);
                struct stat st;
                if (!rc && d && recurse && depth > 0 && lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
                    rc = list_filtered(l, full, base, true, depth - 1);
            }
            free(full);
        }
    strs_free(&names);
    return rc;
}

static enum ev get_childitem_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct listing l = {.c = c};
    filters_read(c, GCI_FILTER, GCI_INCLUDE, GCI_EXCLUDE, &l.f);
    l.force = cmd_switch(c, GCI_FORCE);
    l.names = cmd_switch(c, GCI_NAME);
    l.dirs_only = cmd_switch(c, GCI_DIRECTORY);
    l.files_only = cmd_switch(c, GCI_FILE);
    l.hidden_only = cmd_switch(c, GCI_HIDDEN);
    l.readonly_only = cmd_switch(c, GCI_READ_ONLY);
    l.system_only = cmd_switch(c, GCI_SYSTEM);
    bool recurse = cmd_switch(c, GCI_RECURSE) || cmd_bound(c, GCI_DEPTH);
    uint32_t depth = UINT32_MAX;
    if (cmd_bound(c, GCI_DEPTH)) {
        int64_t d = 0;
        conv_to_int64(cmd_arg(c, GCI_DEPTH), &d, NULL);
        depth = d < 0 ? 0 : d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
    }
    struct strs args = {0};
    bool literal;
    path_args(c, GCI_PATH, GCI_LITERAL_PATH, &args, &literal);
    if (!args.n)
        strs_push(&args, xstrdup("."));
    enum ev rc = EV_OK;
    for (size_t a = 0; a < args.n && !rc; a++) {
        if (drive_path(c, args.v[a], literal, &l.f, l.names, &rc))
            continue;
        char *arg = slashes(args.v[a]);
        bool added_include = false;
        /* dir *.txt -Recurse: the leaf becomes an -Include and the walk starts at the parent */
        if (recurse && !literal && arg[0] && arg[strlen(arg) - 1] != '/') {
            char *full = item_full_path(arg);
            const char *leaf = base_name(full);
            bool container = !wc_has_wildcards(full, strlen(full)) && is_dir(full);
            if (!strcmp(leaf, "*") && (l.files_only || l.dirs_only)) {
                char *p = parent_of(full);
                free(arg);
                arg = p;
            } else if (!l.f.include.n && !container && strcmp(full, "/")) {
                if (strcmp(leaf, "*")) {
                    strs_push(&l.f.include, xstrdup(leaf));
                    added_include = true;
                }
                char *p = parent_of(full);
                free(arg);
                arg = p;
            }
            free(full);
        }
        bool manual = has_name_filters(&l.f);
        struct strs paths = {0};
        bool globbed = false;
        unsigned flags = (literal ? RS_LITERAL : 0) | (l.force ? RS_FORCE : 0) | (recurse ? RS_NO_FILTERS : 0);
        /* without recursion the globber filters what it resolves, -Include and -Exclude included */
        rc = resolve(c, arg, flags, recurse ? NULL : &l.f, &paths, &globbed);
        if (globbed && recurse && !l.f.include.n)
            manual = true;
        char *base_path = NULL;
        for (size_t i = 0; i < paths.n && !rc; i++) {
            const char *p = paths.v[i];
            bool d = is_dir(p);
            free(base_path);
            base_path = globbed ? parent_of(p) : xstrdup(p);
            if (manual)
                rc = list_filtered(&l, p, d ? p : base_path, recurse, depth);
            else if ((!globbed || recurse) && d)
                rc = list_children(&l, p, p, recurse, depth);
            else
                rc = emit(&l, p, base_path, d, ITEM_FULL);
        }
        free(base_path);
        if (added_include) {
            free(l.f.include.v[--l.f.include.n]);
        }
        strs_free(&paths);
        free(arg);
    }
    strs_free(&args);
    filters_free(&l.f);
    return rc;
}

CMDLET_DEFINE(cmd_get_childitem, .process = get_childitem_process);

enum { GI_PATH, GI_LITERAL_PATH, GI_FILTER, GI_INCLUDE, GI_EXCLUDE, GI_FORCE, GI_CREDENTIAL };

static enum ev get_item_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, GI_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0}, paths = {0};
    struct filters f;
    bool literal;
    path_args(c, GI_PATH, GI_LITERAL_PATH, &args, &literal);
    filters_read(c, GI_FILTER, GI_INCLUDE, GI_EXCLUDE, &f);
    unsigned flags = (literal ? RS_LITERAL : 0) | (cmd_switch(c, GI_FORCE) ? RS_FORCE : 0);
    for (size_t a = 0; a < args.n && !rc; a++)
        if (!drive_path(c, args.v[a], literal, &f, false, &rc))
            rc = resolve(c, args.v[a], flags, &f, &paths, NULL);
    for (size_t i = 0; i < paths.n && !rc; i++)
        rc = cmd_write(c, make_item(paths.v[i], ITEM_FULL));
    strs_free(&args);
    strs_free(&paths);
    filters_free(&f);
    return rc;
}

CMDLET_DEFINE(cmd_get_item, .process = get_item_process);

/* }================================================================== */

/*
** {==================================================================
** Join-Path, Split-Path, Resolve-Path
** ===================================================================
*/

enum { JP_PATH, JP_CHILD_PATH, JP_ADDITIONAL_CHILD_PATH, JP_RESOLVE, JP_CREDENTIAL };

/* The provider's MakePath: one separator between parent and child, written as /. */
static void make_path(struct buf *b, const char *child)
{
    char *ch = slashes(child ? child : "");
    const char *s = ch;
    while (b->len > 1 && b->s[b->len - 1] == '/')
        b->s[--b->len] = '\0';
    while (*s == '/')
        s++;
    if (!(b->len == 1 && b->s[0] == '/'))
        buf_putc(b, '/');
    buf_puts(b, s);
    free(ch);
}

static enum ev join_path_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, JP_CREDENTIAL);
    if (rc)
        return rc;
    struct strs parents = {0}, more = {0};
    str_args(c, JP_PATH, &parents);
    str_args(c, JP_ADDITIONAL_CHILD_PATH, &more);
    const char *child = str_arg(c, JP_CHILD_PATH);
    for (size_t i = 0; i < parents.n && !rc; i++) {
        size_t dq = drive_qualifier(strip_provider(parents.v[i]));
        if (dq && strip_provider(parents.v[i]) == parents.v[i]) {
            rc = drive_not_found(c, parents.v[i], dq);
            continue;
        }
        char *p = slashes(parents.v[i]);
        struct buf b = BUF_INIT;
        buf_puts(&b, p);
        free(p);
        make_path(&b, child);
        for (size_t k = 0; k < more.n; k++)
            make_path(&b, more.v[k]);
        if (!cmd_switch(c, JP_RESOLVE)) {
            rc = cmd_write(c, val_str_buf(&b));
            continue;
        }
        struct strs found = {0};
        rc = resolve(c, buf_cstr(&b), 0, NULL, &found, NULL);
        for (size_t k = 0; k < found.n && !rc; k++)
            rc = cmd_write(c, val_str_new(found.v[k]));
        strs_free(&found);
        buf_release(&b);
    }
    strs_free(&parents);
    strs_free(&more);
    return rc;
}

CMDLET_DEFINE(cmd_join_path, .process = join_path_process);

enum {
    SP_PATH,
    SP_LITERAL_PATH,
    SP_PARENT,
    SP_LEAF,
    SP_LEAF_BASE,
    SP_EXTENSION,
    SP_QUALIFIER,
    SP_NO_QUALIFIER,
    SP_IS_ABSOLUTE,
    SP_RESOLVE,
    SP_CREDENTIAL
};

/* The length of a path's qualifier with its colons ("C:", "FileSystem::"), or 0. */
static size_t qualifier_len(const char *p)
{
    const char *sp = strip_provider(p);
    if (sp != p)
        return (size_t)(sp - p);
    const char *dc = strstr(p, "::");
    if (dc && !memchr(p, '/', (size_t)(dc - p)) && !memchr(p, '\\', (size_t)(dc - p)))
        return (size_t)(dc - p) + 2;
    size_t d = drive_qualifier(p);
    return d ? d + 1 : 0;
}

/* The parent of a path as the provider computes it (separators as /, no trailing one). */
static char *split_parent(const char *path)
{
    size_t q = qualifier_len(path);
    char *s = slashes(path + q);
    size_t n = strlen(s);
    while (n > 1 && s[n - 1] == '/')
        s[--n] = '\0';
    char *slash = strrchr(s, '/');
    struct buf b = BUF_INIT;
    buf_add(&b, path, q);
    if (slash && slash == s && n > 1)
        buf_putc(&b, '/');
    else if (slash && slash != s)
        buf_add(&b, s, (size_t)(slash - s));
    free(s);
    return buf_detach(&b, NULL);
}

static char *split_leaf(const char *path)
{
    char *s = slashes(path + qualifier_len(path));
    size_t n = strlen(s);
    while (n > 1 && s[n - 1] == '/')
        s[--n] = '\0';
    char *leaf = xstrdup(!strcmp(s, "/") ? "" : base_name(s));
    free(s);
    return leaf;
}

static enum ev split_path_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, SP_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0}, paths = {0};
    bool literal;
    path_args(c, SP_PATH, SP_LITERAL_PATH, &args, &literal);
    if (cmd_switch(c, SP_RESOLVE)) {
        for (size_t a = 0; a < args.n && !rc; a++)
            rc = resolve(c, args.v[a], literal ? RS_LITERAL : 0, NULL, &paths, NULL);
    } else {
        for (size_t a = 0; a < args.n; a++)
            strs_push(&paths, xstrdup(args.v[a]));
    }
    for (size_t i = 0; i < paths.n && !rc; i++) {
        const char *p = paths.v[i];
        if (cmd_switch(c, SP_IS_ABSOLUTE)) {
            const char *s = strip_provider(p);
            size_t d = drive_qualifier(s);
            bool abs = s[0] == '/' || s[0] == '\\' || (d && (s[d + 1] == '/' || s[d + 1] == '\\'));
            rc = cmd_write(c, val_bool(abs));
        } else if (cmd_switch(c, SP_QUALIFIER)) {
            size_t q = qualifier_len(p);
            if (!q)
                rc = path_error(c, "ParsePathQualifierError", "InvalidArgument", E_ARG, p,
                                "Cannot parse path because path '%s' does not have a qualifier specified.", p);
            else
                rc = cmd_write(c, val_str_n(p, q));
        } else if (cmd_switch(c, SP_NO_QUALIFIER)) {
            char *s = slashes(p + qualifier_len(p));
            rc = cmd_write(c, val_str_new(s));
            free(s);
        } else if (cmd_switch(c, SP_LEAF) || cmd_switch(c, SP_LEAF_BASE) || cmd_switch(c, SP_EXTENSION)) {
            char *leaf = split_leaf(p);
            const char *ext = extension_of(leaf);
            if (cmd_switch(c, SP_EXTENSION))
                rc = cmd_write(c, val_str_new(ext));
            else if (cmd_switch(c, SP_LEAF_BASE))
                rc = cmd_write(c, val_str_n(leaf, strlen(leaf) - strlen(ext)));
            else
                rc = cmd_write(c, val_str_new(leaf));
            free(leaf);
        } else {
            char *parent = split_parent(p);
            rc = cmd_write(c, val_str_new(parent));
            free(parent);
        }
    }
    strs_free(&args);
    strs_free(&paths);
    return rc;
}

CMDLET_DEFINE(cmd_split_path, .process = split_path_process);

enum { RP_PATH, RP_LITERAL_PATH, RP_RELATIVE, RP_CREDENTIAL };

/* p relative to the directory base: "./x", "../x" ... */
static char *relative_to(const char *p, const char *base)
{
    struct buf b = BUF_INIT;
    size_t common = 0, i = 0;
    /* the longest common directory prefix */
    for (; p[i] && base[i] && p[i] == base[i]; i++)
        if (p[i] == '/')
            common = i;
    if ((!base[i] && (p[i] == '/' || !p[i])) || (!strcmp(base, "/")))
        common = strcmp(base, "/") ? i : 0;
    const char *rest = p + common;
    while (*rest == '/')
        rest++;
    /* one ".." for each directory of base below the common prefix */
    int ups = 0;
    for (const char *s = base + common; *s; s++)
        if (*s == '/' && s[1])
            ups++;
    if (base[common] && strcmp(base, "/") && base[common] != '/')
        ups++;
    if (!ups)
        buf_puts(&b, ".");
    for (int k = 0; k < ups; k++)
        buf_puts(&b, k ? "/.." : "..");
    if (*rest) {
        buf_putc(&b, '/');
        buf_puts(&b, rest);
    }
    return buf_detach(&b, NULL);
}

static enum ev resolve_path_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = check_credential(c, RP_CREDENTIAL);
    if (rc)
        return rc;
    struct strs args = {0};
    bool literal;
    path_args(c, RP_PATH, RP_LITERAL_PATH, &args, &literal);
    char *cwd = current_dir();
    for (size_t a = 0; a < args.n && !rc; a++) {
        struct strs paths = {0};
        bool globbed = false;
        rc = resolve(c, args.v[a], literal ? RS_LITERAL : 0, NULL, &paths, &globbed);
        if (!rc && globbed && !paths.n) {
            char *full = item_full_path(args.v[a]);
            rc = path_not_found(c, full);
            free(full);
        }
        for (size_t i = 0; i < paths.n && !rc; i++) {
            if (cmd_switch(c, RP_RELATIVE)) {
                char *r = relative_to(paths.v[i], cwd);
                rc = cmd_write(c, val_str_new(r));
                free(r);
            } else {
                rc = cmd_write(c, path_info(paths.v[i]));
            }
        }
        strs_free(&paths);
    }
    free(cwd);
    strs_free(&args);
    return rc;
}

CMDLET_DEFINE(cmd_resolve_path, .process = resolve_path_process);

/* }================================================================== */

/*
** {==================================================================
** Locations: Get-Location, Set-Location, Push-Location, Pop-Location
** ===================================================================
*/

/* The location stacks of the process (the current directory is the process's too). */
struct loc_stack {
    char *name;
    struct strs dirs; /* the most recent last */
};

static struct {
    struct loc_stack *v;
    size_t n;
    char *default_name;
} stacks;

static const char *default_stack(void)
{
    return stacks.default_name ? stacks.default_name : "default";
}

static struct loc_stack *find_stack(const char *name, bool create)
{
    for (size_t i = 0; i < stacks.n; i++)
        if (!strcasecmp(stacks.v[i].name, name))
            return &stacks.v[i];
    if (!create)
        return NULL;
    stacks.v = emsh_xrealloc(stacks.v, (stacks.n + 1) * sizeof *stacks.v);
    struct loc_stack *s = &stacks.v[stacks.n++];
    memset(s, 0, sizeof *s);
    s->name = xstrdup(name);
    return s;
}

enum { GL_PSPROVIDER, GL_PSDRIVE, GL_STACK, GL_STACK_NAME };

static enum ev get_location_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = EV_OK;
    if (cmd_switch(c, GL_STACK) || cmd_bound(c, GL_STACK_NAME)) {
        struct strs names = {0};
        str_args(c, GL_STACK_NAME, &names);
        if (!names.n)
            strs_push(&names, xstrdup(default_stack()));
        for (size_t k = 0; k < names.n && !rc; k++) {
            struct loc_stack *s = find_stack(names.v[k], false);
            if (!s && strcasecmp(names.v[k], default_stack()) != 0) {
                rc = path_error(c, "Argument", "InvalidArgument", E_ARG, names.v[k],
                                "Cannot find location stack '%s'. It does not exist or it is not a container.",
                                names.v[k]);
                continue;
            }
            for (size_t i = s ? s->dirs.n : 0; i > 0 && !rc; i--)
                rc = cmd_write(c, path_info(s->dirs.v[i - 1]));
        }
        strs_free(&names);
        return rc;
    }
    struct strs provs = {0}, drives = {0};
    str_args(c, GL_PSPROVIDER, &provs);
    str_args(c, GL_PSDRIVE, &drives);
    bool failed = false;
    for (size_t i = 0; i < provs.n && !rc; i++)
        if (!wc(provs.v[i], "FileSystem") && !wc(provs.v[i], PROVIDER))
            failed = true, rc = path_error(c, "ProviderNotFound", "ObjectNotFound",
                            "System.Management.Automation.ProviderNotFoundException", provs.v[i],
                            "Cannot find a provider with the name '%s'.", provs.v[i]);
    for (size_t i = 0; i < drives.n && !rc; i++)
        if (strcmp(drives.v[i], "/") != 0)
            failed = true, rc = drive_not_found(c, drives.v[i], strlen(drives.v[i]));
    strs_free(&provs);
    strs_free(&drives);
    if (rc || failed)
        return rc;
    char *cwd = current_dir();
    rc = cmd_write(c, path_info(cwd));
    free(cwd);
    return rc;
}

CMDLET_DEFINE(cmd_get_location, .process = get_location_process);

/*
** Changes the current directory to arg (wildcards allowed unless literal);
** *changed tells whether it did.
*/
static enum ev change_dir(struct cmd_ctx *c, const char *arg, bool literal, bool *changed)
{
    *changed = false;
    struct strs found = {0};
    enum ev rc = resolve(c, arg, (literal ? RS_LITERAL : 0) | RS_MISSING_OK, NULL, &found, NULL);
    if (rc) {
        strs_free(&found);
        return rc;
    }
    if (found.n > 1) {
        char msg[PATH_MAX + 128];
        snprintf(msg, sizeof msg, "Cannot set the location because path '%s' resolved to multiple containers. You can only the set the same location to a single container at a time.", arg);
        val t = val_str_new(arg);
        rc = cmd_error(c, "PathResolvedToMultiple", "InvalidArgument", "System.Management.Automation.PSArgumentException", t, msg);
        val_free(t);
    } else if (!found.n || !is_dir(found.v[0])) {
        char *full = found.n ? xstrdup(found.v[0]) : item_full_path(arg);
        rc = path_not_found(c, full);
        free(full);
    } else if (chdir(found.v[0]) != 0) {
        rc = errno_error(c, errno, "SetLocationUnauthorizedAccessError", found.v[0]);
    } else {
        setenv("PWD", found.v[0], 1);
        *changed = true;
    }
    strs_free(&found);
    return rc;
}

enum { SL_PATH, SL_LITERAL_PATH, SL_PASS_THRU, SL_STACK_NAME };

static enum ev set_location_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc = EV_OK;
    if (cmd_bound(c, SL_STACK_NAME)) {
        const char *name = str_arg(c, SL_STACK_NAME);
        free(stacks.default_name);
        stacks.default_name = name ? xstrdup(name) : NULL;
        return EV_OK;
    }
    bool literal = cmd_bound(c, SL_LITERAL_PATH);
    const char *arg = str_arg(c, literal ? SL_LITERAL_PATH : SL_PATH);
    bool changed = false;
    if (arg && *arg)
        rc = change_dir(c, arg, literal, &changed);
    if (!rc && cmd_switch(c, SL_PASS_THRU)) {
        char *cwd = current_dir();
        rc = cmd_write(c, path_info(cwd));
        free(cwd);
    }
    return rc;
}

CMDLET_DEFINE(cmd_set_location, .process = set_location_process);

enum { PUL_PATH, PUL_LITERAL_PATH, PUL_PASS_THRU, PUL_STACK_NAME };

static enum ev push_location_process(struct cmd_ctx *c, val input)
{
    (void)input;
    const char *sn = str_arg(c, PUL_STACK_NAME);
    struct loc_stack *s = find_stack(sn ? sn : default_stack(), true);
    strs_push(&s->dirs, current_dir());
    bool literal = cmd_bound(c, PUL_LITERAL_PATH);
    const char *arg = str_arg(c, literal ? PUL_LITERAL_PATH : PUL_PATH);
    enum ev rc = EV_OK;
    bool changed = false;
    if (arg && *arg)
        rc = change_dir(c, arg, literal, &changed);
    if (!rc && cmd_switch(c, PUL_PASS_THRU)) {
        char *cwd = current_dir();
        rc = cmd_write(c, path_info(cwd));
        free(cwd);
    }
    return rc;
}

CMDLET_DEFINE(cmd_push_location, .process = push_location_process);

enum { POL_PASS_THRU, POL_STACK_NAME };

static enum ev pop_location_process(struct cmd_ctx *c, val input)
{
    (void)input;
    const char *sn = str_arg(c, POL_STACK_NAME);
    struct loc_stack *s = find_stack(sn ? sn : default_stack(), false);
    if (!s && sn && strcasecmp(sn, default_stack()) != 0)
        return path_error(c, "Argument", "InvalidArgument", E_ARG, sn,
                          "Cannot find location stack '%s'. It does not exist or it is not a container.", sn);
    if (!s || !s->dirs.n)
        return EV_OK;
    char *dir = s->dirs.v[--s->dirs.n];
    bool changed = false;
    enum ev rc = change_dir(c, dir, true, &changed);
    free(dir);
    if (!rc && cmd_switch(c, POL_PASS_THRU)) {
        char *cwd = current_dir();
        rc = cmd_write(c, path_info(cwd));
        free(cwd);
    }
    return rc;
}

CMDLET_DEFINE(cmd_pop_location, .process = pop_location_process);

/* }================================================================== */
