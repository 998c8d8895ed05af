/*
** netio.c - System.IO.File and System.IO.Directory (see netio.h), on the
** file-system cmdlets' paths, text and file operations (item.h).
*/
#if !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* realpath */
#endif
#include "netio.h"
#include "buf.h"
#include "conv.h"
#include "datetime.h"
#include "item.h"
#include "text.h"
#include "types.h"
#include "wildcard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_name(const char *name, const char *lit)
{
    return text_ieq(name, strlen(name), lit, strlen(lit));
}

/* The full path of a path argument, as the item cmdlets make it. */
static void full_path(val arg, struct buf *out)
{
    struct buf p = BUF_INIT;
    conv_str(arg, &p);
    char *full = item_full_path(buf_cstr(&p));
    buf_puts(out, full);
    free(full);
    buf_release(&p);
}

/* The exception and message .NET gives for a failed file operation on path, by errno. */
static char *io_error(int e, const char *path, bool dir, const char **exc)
{
    struct buf m = BUF_INIT;
    *exc = "IOException";
    if (e == ENOENT && !dir) {
        /* a file whose directory is missing is "a part of the path" */
        const char *slash = strrchr(path, '/');
        struct buf parent = BUF_INIT;
        struct stat st;
        buf_add(&parent, path, slash && slash > path ? (size_t)(slash - path) : 1);
        dir = stat(buf_cstr(&parent), &st) != 0 || !S_ISDIR(st.st_mode);
        buf_release(&parent);
    }
    if (e == ENOENT && !dir) {
        *exc = "FileNotFoundException";
        buf_printf(&m, "Could not find file '%s'.", path);
    } else if (e == ENOENT || e == ENOTDIR) {
        *exc = "DirectoryNotFoundException";
        buf_printf(&m, "Could not find a part of the path '%s'.", path);
    } else if (e == EACCES || e == EPERM || e == EISDIR) {
        *exc = "UnauthorizedAccessException";
        buf_printf(&m, "Access to the path '%s' is denied.", path);
    } else if (e == EEXIST) {
        buf_printf(&m, "The file '%s' already exists.", path);
    } else if (e == ENOTEMPTY) {
        buf_puts(&m, "The directory is not empty.\r\n"); /* a Windows message, with its line end */
    } else {
        buf_puts(&m, strerror(e));
    }
    return buf_detach(&m, NULL);
}

/*
** {==================================================================
** Text in and out
** ===================================================================
*/

/* A file's text, decoded as Get-Content decodes it (a byte order mark, else UTF-8). */
static bool read_text(const char *path, struct buf *out, int *err)
{
    struct stat st;
    struct buf raw = BUF_INIT;
    bool dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    if (dir || !item_read_file(path, &raw)) {
        *err = dir ? EACCES : errno;
        buf_release(&raw);
        return false;
    }
    item_decode((const unsigned char *)buf_cstr(&raw), raw.len, ENC_AUTO, out);
    buf_release(&raw);
    return true;
}

/* The lines of text, ended by CR LF, LF or CR (a last empty one left out). */
static val lines_of(const char *s, size_t n)
{
    val a = val_arr_new();
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\n' && s[i] != '\r')
            continue;
        a = val_arr_push(a, val_str_n(s + start, i - start));
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
            i++;
        start = i + 1;
    }
    if (start < n)
        a = val_arr_push(a, val_str_n(s + start, n - start));
    return a;
}

static bool write_text(const char *path, const char *mode, const char *s, size_t n, int *err)
{
    FILE *f = fopen(path, mode);
    if (!f) {
        *err = errno;
        return false;
    }
    bool ok = fwrite(s, 1, n, f) == n;
    *err = ok ? 0 : errno;
    return fclose(f) == 0 && ok;
}

/* }================================================================== */

/* The entries of directory dir whose names match pattern (a .NET search pattern), as full paths,
** in the order the directory lists them. */
static val entries(const char *dir, const char *pattern, bool want_dirs, int *err)
{
    size_t n;
    char **names = item_list_dir(dir, &n);
    if (!names) {
        *err = errno;
        return val_nothing();
    }
    val a = val_arr_new();
    for (size_t i = 0; i < n; i++) {
        struct buf p = BUF_INIT;
        struct stat st;
        buf_printf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        if ((stat(p.s, &st) == 0 && S_ISDIR(st.st_mode)) == want_dirs &&
            wc_match(pattern, strlen(pattern), names[i], strlen(names[i]), WC_NONE) == 1)
            a = val_arr_push(a, val_str_buf(&p));
        buf_release(&p);
        free(names[i]);
    }
    free(names);
    return a;
}

static enum netobj_rc file_static(const char *name, const val *args, uint32_t na, const char *path, val *out,
                                  int *err)
{
    struct stat st;
    if (is_name(name, "Exists") && na == 1) {
        *out = val_bool(stat(path, &st) == 0 && !S_ISDIR(st.st_mode));
        return NETOBJ_OK;
    }
    if ((is_name(name, "ReadAllText") || is_name(name, "ReadAllLines")) && na == 1) {
        struct buf t = BUF_INIT;
        if (!read_text(path, &t, err)) {
            buf_release(&t);
            return NETOBJ_ERROR;
        }
        *out = is_name(name, "ReadAllText") ? val_str_n(buf_cstr(&t), t.len) : lines_of(buf_cstr(&t), t.len);
        buf_release(&t);
        return NETOBJ_OK;
    }
    if ((is_name(name, "WriteAllText") || is_name(name, "AppendAllText") || is_name(name, "WriteAllLines") ||
         is_name(name, "AppendAllLines")) && na == 2) {
        bool lines = is_name(name, "WriteAllLines") || is_name(name, "AppendAllLines");
        struct buf t = BUF_INIT;
        if (lines) {
            uint32_t n = val_kind(args[1]) == VAL_ARRAY ? val_arr_len(args[1]) : !val_is_null(args[1]);
            for (uint32_t i = 0; i < n; i++) {
                conv_str(val_kind(args[1]) == VAL_ARRAY ? val_arr_items(args[1])[i] : args[1], &t);
                buf_putc(&t, '\n');
            }
        } else if (!val_is_null(args[1])) {
            conv_str(args[1], &t);
        }
        bool ok = write_text(path, is_name(name, "AppendAllText") || is_name(name, "AppendAllLines") ? "ab" : "wb",
                             buf_cstr(&t), t.len, err);
        buf_release(&t);
        *out = val_nothing();
        return ok ? NETOBJ_OK : NETOBJ_ERROR;
    }
    if (is_name(name, "Delete") && na == 1) {
        /* a file that isn't there is no error; a directory's path is */
        *out = val_nothing();
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            *err = EACCES;
            return NETOBJ_ERROR;
        }
        if (unlink(path) != 0 && errno != ENOENT) {
            *err = errno;
            return NETOBJ_ERROR;
        }
        return NETOBJ_OK;
    }
    if (is_name(name, "GetLastWriteTime") && na == 1) {
        /* a missing file: 1601-01-01, as .NET answers */
        int64_t utc = stat(path, &st) == 0
                          ? DT_UNIX_EPOCH_TICKS + (int64_t)st.st_mtim.tv_sec * DT_TICKS_PER_SECOND + st.st_mtim.tv_nsec / 100
                          : 504911232000000000LL;
        *out = val_datetime(dt_utc_to_local(utc), conv_dt_flags(DT_LOCAL));
        return NETOBJ_OK;
    }
    return NETOBJ_NONE;
}

/* Copy(from, to[, overwrite]) and Move(from, to): path is from's full path, to that of args[1]. */
static enum netobj_rc file_transfer(const char *name, const val *args, uint32_t na, const char *path, val *out,
                                    int *err, char **culprit)
{
    bool copy = is_name(name, "Copy");
    if (!((copy && (na == 2 || na == 3)) || (is_name(name, "Move") && na == 2)))
        return NETOBJ_NONE;
    struct buf to = BUF_INIT;
    full_path(args[1], &to);
    *out = val_nothing();
    struct stat st;
    bool overwrite = copy && na == 3 && conv_truthy(args[2]);
    enum netobj_rc rc = NETOBJ_OK;
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) {
        *err = ENOENT;
        rc = NETOBJ_ERROR;
    } else if (stat(buf_cstr(&to), &st) == 0 && !overwrite) {
        *err = EEXIST;
        *culprit = buf_detach(&to, NULL);
        return NETOBJ_ERROR;
    } else if (!copy) {
        if (rename(path, buf_cstr(&to)) != 0)
            *err = errno, rc = NETOBJ_ERROR;
    } else if (!item_copy_file(path, buf_cstr(&to), false)) {
        *err = errno, rc = NETOBJ_ERROR;
    }
    buf_release(&to);
    return rc;
}

static enum netobj_rc dir_static(const char *name, const val *args, uint32_t na, const char *path, val *out,
                                 int *err)
{
    struct stat st;
    if (is_name(name, "Exists") && na == 1) {
        *out = val_bool(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
        return NETOBJ_OK;
    }
    if (is_name(name, "CreateDirectory") && na == 1) {
        /* every missing directory of the path; the full path for the caller's DirectoryInfo */
        if (!item_make_dirs(path) || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            *err = errno == ENOENT || errno == 0 ? EEXIST : errno; /* a file stands in the way */
            return NETOBJ_ERROR;
        }
        *out = val_str_new(path);
        return NETOBJ_OK;
    }
    if ((is_name(name, "GetFiles") || is_name(name, "GetDirectories")) && (na == 1 || na == 2)) {
        struct buf pat = BUF_INIT;
        if (na == 2)
            conv_str(args[1], &pat);
        else
            buf_putc(&pat, '*');
        *out = entries(path, buf_cstr(&pat), is_name(name, "GetDirectories"), err);
        buf_release(&pat);
        return val_kind(*out) == VAL_NOTHING ? NETOBJ_ERROR : NETOBJ_OK;
    }
    if (is_name(name, "Delete") && (na == 1 || na == 2)) {
        /* recursive: what is inside too (a directory that is not there is an error either way) */
        *out = val_nothing();
        char *where = NULL;
        bool ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode)
                      ? (na == 2 && conv_truthy(args[1]) ? item_remove_tree(path, &where) : rmdir(path) == 0)
                      : (errno = ENOENT, false);
        free(where);
        if (!ok) {
            *err = errno;
            return NETOBJ_ERROR;
        }
        return NETOBJ_OK;
    }
    return NETOBJ_NONE;
}

enum netobj_rc netio_static(uint16_t t, const char *name, const val *args, uint32_t na, val *out, const char **exc,
                            char **why)
{
    if ((t != TY_FILE && t != TY_DIRECTORY) || na == 0)
        return NETOBJ_NONE;
    if (val_is_null(args[0]) || (val_kind(args[0]) == VAL_STRING && val_str_len(args[0]) == 0)) {
        if (is_name(name, "Exists")) {
            *out = val_bool(false); /* Exists answers false for no path at all */
            return NETOBJ_OK;
        }
        *exc = val_is_null(args[0]) ? "ArgumentNullException" : "ArgumentException";
        const char *m = val_is_null(args[0]) ? "Value cannot be null.\r\nParameter name: path"
                                             : "The path is not of a legal form.";
        *why = emsh_xstrndup(m, strlen(m));
        return NETOBJ_ERROR;
    }
    struct buf path = BUF_INIT;
    full_path(args[0], &path);
    int err = 0;
    char *culprit = NULL;
    enum netobj_rc rc = t == TY_FILE ? file_static(name, args, na, buf_cstr(&path), out, &err) : NETOBJ_NONE;
    if (rc == NETOBJ_NONE && t == TY_FILE)
        rc = file_transfer(name, args, na, buf_cstr(&path), out, &err, &culprit);
    if (rc == NETOBJ_NONE && t == TY_DIRECTORY)
        rc = dir_static(name, args, na, buf_cstr(&path), out, &err);
    if (rc == NETOBJ_ERROR)
        *why = io_error(err, culprit ? culprit : buf_cstr(&path), t == TY_DIRECTORY, exc);
    free(culprit);
    buf_release(&path);
    return rc;
}
