/*
** c_string.c - Select-String, of the Utility module.
**
** Windows PowerShell 5.1's SelectStringCommand (MatchString.cs): every
** line of the files of -Path / -LiteralPath (or of a FileInfo piped in),
** or every object piped in (its string form: the "InputStream"), is
** matched against the patterns in order, and a line that any of them
** matches becomes a Microsoft.PowerShell.Commands.MatchInfo. The patterns
** are .NET regular expressions (regex.h), or plain text with
** -SimpleMatch, and ignore case unless -CaseSensitive. -Context holds a
** match back until the lines after it are known (matchctx.h). -Quiet and
** -List keep 5.1's quirks: on the InputStream -Quiet writes True at the
** first match and nothing when there is none, and -List writes the first
** MatchInfo of each batch it would write, not of the stream.
**
** Files are read whole and decoded as Get-Content decodes them (item.h),
** except that a byte order mark always wins over -Encoding, as it does
** for a StreamReader; lines end at LF, CR LF or CR. Parameter indexes are
** those of cmdlets/meta/Select-String.json.
*/
#include "conv.h"
#include "format.h"
#include "item.h"
#include "matchctx.h"
#include "regex.h"
#include "registry.h"
#include "rxvalue.h"
#include "sdrive.h"
#include "text.h"
#include "wildcard.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    SS_INPUT_OBJECT,
    SS_PATTERN,
    SS_PATH,
    SS_LITERAL_PATH,
    SS_SIMPLE_MATCH,
    SS_CASE_SENSITIVE,
    SS_QUIET,
    SS_LIST,
    SS_INCLUDE,
    SS_EXCLUDE,
    SS_NOT_MATCH,
    SS_ALL_MATCHES,
    SS_ENCODING,
    SS_CONTEXT
};

#define MATCHINFO    "Microsoft.PowerShell.Commands.MatchInfo"
#define INPUT_STREAM "InputStream"
#define E_ARG        "System.ArgumentException"

/* What one invocation knows between its pipeline objects. */
struct sls {
    val patterns;   /* the -Pattern strings, an array */
    struct rx **rx; /* each compiled (retained), or NULL with -SimpleMatch */
    bool simple, cs, quiet, list, not_match, all;
    uint32_t pre, post; /* -Context */
    enum enc enc;
    val include, exclude; /* arrays of wildcard patterns, or VAL_NOTHING */
    struct mctx *stream;  /* the InputStream's context, when there is one */
    int32_t record;       /* the number of the last InputStream object */
    bool done;            /* -Quiet found a match on the InputStream */
};

/* {=== MatchInfo ===*/

/* The text of a string property of a MatchInfo (borrowed from it). */
static const char *prop_str(val mi, const char *name, val *hold)
{
    *hold = val_obj_get(mi, name);
    return val_kind(*hold) == VAL_STRING ? val_str(*hold) : "";
}

/*
** MatchInfo.RelativePath(dir): path without dir and the separator after
** it when it begins with dir (ignoring case), else path itself.
*/
static const char *relative_path(const char *path, const char *dir)
{
    size_t d = strlen(dir), p = strlen(path);
    if (!d || d >= p || !text_ieq(path, d, dir, d))
        return path;
    if (dir[d - 1] == '/' || dir[d - 1] == '\\')
        return path + d;
    if (path[d] == '/' || path[d] == '\\')
        return path + d + 1;
    return path;
}

/* One line of MatchInfo.ToString(): "prefix path:number:line", or "prefix line" off a file. */
static void format_line(struct buf *out, const char *prefix, const char *path, int64_t number,
                        val line)
{
    if (out->len)
        buf_putc(out, '\n');
    buf_puts(out, prefix);
    if (path)
        buf_printf(out, "%s:%lld:", path, (long long)number);
    struct buf s = BUF_INIT;
    conv_str(line, &s);
    buf_add(out, buf_cstr(&s), s.len);
    buf_release(&s);
}

/*
** MatchInfo.ToString(dir): the line, after its path and number when it
** came from a file (relative to dir unless dir is NULL); with a Context,
** the display context around it, context lines indented by two spaces
** and the match marked "> ".
*/
static void matchinfo_text(val mi, const char *dir, struct buf *out)
{
    val hp, line = val_obj_get(mi, "Line"), ctx = val_obj_get(mi, "Context"),
            num = val_obj_get(mi, "LineNumber");
    const char *path = prop_str(mi, "Path", &hp);
    if (!strcmp(path, INPUT_STREAM))
        path = NULL;
    else if (dir)
        path = relative_path(path, dir);
    int64_t n = 0;
    conv_to_int64(num, &n, NULL);
    if (val_kind(ctx) != VAL_OBJECT) {
        format_line(out, "", path, n, line);
    } else {
        val dpre = val_obj_get(ctx, "DisplayPreContext"),
            dpost = val_obj_get(ctx, "DisplayPostContext");
        uint32_t np = val_kind(dpre) == VAL_ARRAY ? val_arr_len(dpre) : 0;
        uint32_t nq = val_kind(dpost) == VAL_ARRAY ? val_arr_len(dpost) : 0;
        int64_t k = n - np;
        for (uint32_t i = 0; i < np; i++)
            format_line(out, "  ", path, k++, val_arr_items(dpre)[i]);
        format_line(out, "> ", path, k++, line);
        for (uint32_t i = 0; i < nq; i++)
            format_line(out, "  ", path, k++, val_arr_items(dpost)[i]);
        val_free(dpre);
        val_free(dpost);
    }
    val_free(hp);
    val_free(line);
    val_free(ctx);
    val_free(num);
}

/* The MatchInfo view of PowerShellCore.format.ps1xml: $_.ToString(((Get-Location).Path)). */
static void view_matchinfo(val obj, struct buf *out)
{
    char cwd[PATH_MAX];
    matchinfo_text(obj, getcwd(cwd, sizeof cwd) ? cwd : NULL, out);
}

static const char *const matchinfo_types[] = {MATCHINFO, NULL};
static const struct fmt_view matchinfo_view = {.name = "MatchInfo",
                                               .types = matchinfo_types,
                                               .shape = FMT_SHAPE_CUSTOM,
                                               .text = view_matchinfo};

/* Gives the MatchInfo its string, now that its context is known (and registers the view, once). */
static val matchinfo_finish(val mi)
{
    static bool registered;
    if (!registered) {
        registered = true;
        fmt_register_view(&matchinfo_view);
    }
    struct buf b = BUF_INIT;
    matchinfo_text(mi, NULL, &b);
    return val_obj_set(mi, "\x01ToString", val_str_buf(&b));
}

/* A new MatchInfo for a line; path NULL for the InputStream; matches consumed. */
static val matchinfo_new(const struct sls *st, const char *text, size_t n, const char *path,
                         int64_t number, uint32_t pattern, val matches)
{
    val mi = val_obj_new(MATCHINFO);
    mi = val_obj_set(mi, "IgnoreCase", val_bool(!st->cs));
    mi = val_obj_set(mi, "LineNumber", val_int((int32_t)number));
    mi = val_obj_set(mi, "Line", val_str_n(text, n));
    if (path) {
        const char *slash = strrchr(path, '/');
        mi = val_obj_set(mi, "Filename", val_str_new(slash ? slash + 1 : path));
        mi = val_obj_set(mi, "Path", val_str_new(path));
    } else {
        mi = val_obj_set(mi, "Filename", val_str_new(INPUT_STREAM));
        mi = val_obj_set(mi, "Path", val_str_new(INPUT_STREAM));
    }
    mi = val_obj_set(mi, "Pattern", val_arr_get(st->patterns, pattern));
    mi = val_obj_set(mi, "Context", val_null());
    return val_obj_set(mi, "Matches", matches);
}

/* Is v a MatchInfo (piped in from another Select-String)? */
static bool is_matchinfo(val v)
{
    return val_kind(v) == VAL_OBJECT && val_obj_ntypes(v) &&
           !strcmp(val_obj_type_at(v, 0), MATCHINFO);
}

/* }=== */

/* {=== matching ===*/

/*
** Does text match? Tries the patterns in order; *pattern gets the index
** of the one that matched (0 with -NotMatch) and *matches the Match
** objects (all of that pattern's with -AllMatches, none with -SimpleMatch
** or -NotMatch): a new array.
*/
static bool line_matches(const struct sls *st, const char *text, size_t n, uint32_t *pattern,
                         val *matches)
{
    uint32_t np = val_arr_len(st->patterns);
    bool got = false;
    *matches = val_arr_new();
    *pattern = 0;
    for (uint32_t i = 0; i < np && !got; i++) {
        *pattern = i;
        if (st->simple) {
            val p = val_arr_items(st->patterns)[i];
            got = text_find(text, n, val_str(p), val_str_len(p), 0, !st->cs) >= 0;
            continue;
        }
        struct rx_match m = RX_MATCH_INIT;
        if (st->all && !st->not_match) {
            struct rx_iter it;
            rx_iter_init(&it, st->rx[i], text, n, 0);
            while (rx_iter_next(&it, &m) > 0) {
                *matches = val_arr_push(*matches, rxv_match(st->rx[i], &m, text, true));
                got = true;
            }
        } else if (rx_exec(st->rx[i], text, n, 0, &m) > 0) {
            if (!st->not_match)
                *matches = val_arr_push(*matches, rxv_match(st->rx[i], &m, text, true));
            got = true;
        }
        rx_match_release(&m);
    }
    if (st->not_match) {
        got = !got;
        *pattern = 0;
    }
    if (!got) {
        val_free(*matches);
        *matches = val_nothing();
    }
    return got;
}

/* -Context: the lines kept before and after a match go back to 0 for MatchInfo input. */
static void filter_context_off(struct cmd_ctx *c, struct sls *st)
{
    cmd_message(
        c, MSG_WARNING,
        "The option \"Context\" is not valid when searching results that are piped from Select-String output.");
    st->pre = st->post = 0;
    mctx_free(st->stream);
    st->stream = NULL;
}

/*
** A MatchInfo piped in that matched again goes on as it is; one with a
** Context as a copy whose display context is empty, since its
** neighbours may be gone.
*/
static val refilter(val mi)
{
    val ctx = val_obj_get(mi, "Context");
    if (val_kind(ctx) != VAL_OBJECT) {
        val_free(ctx);
        return val_copy(mi);
    }
    val copy = val_obj_clone(mi), cc = val_obj_clone(ctx);
    val_free(ctx);
    cc = val_obj_set(cc, "DisplayPreContext", val_arr_new());
    cc = val_obj_set(cc, "DisplayPostContext", val_arr_new());
    copy = val_obj_set(copy, "Context", cc);
    return matchinfo_finish(copy);
}

/* }=== */

/* {=== output ===*/

/*
** FlushTrackerQueue: writes what came out of a tracker (an array,
** consumed): True once with -Quiet, the first MatchInfo with -List, else
** all of them. *any says whether anything came out.
*/
static enum ev flush(struct cmd_ctx *c, const struct sls *st, val done, bool *any)
{
    uint32_t n = val_arr_len(done);
    enum ev rc = EV_OK;
    *any = n > 0;
    if (n && st->quiet && !st->list) {
        val_free(done);
        return cmd_write(c, val_bool(true));
    }
    for (uint32_t i = 0; i < (st->list && n ? 1 : n) && !rc; i++)
        rc = cmd_write(c, matchinfo_finish(val_arr_get(done, i)));
    val_free(done);
    return rc;
}

/* Tracks a line (t NULL: no context; match VAL_NOTHING: none); returns what came out. */
static val track(struct mctx *t, val text, val match)
{
    if (t) {
        mctx_line(t, text, match);
        return mctx_take(t);
    }
    val done = val_arr_new();
    return val_kind(match) == VAL_NOTHING ? done : val_arr_push(done, match);
}

/* }=== */

/* {=== files ===*/

/* Does the path pass -Include and -Exclude? 5.1 matches the patterns against the whole path. */
static bool included(const struct sls *st, const char *path)
{
    size_t n = strlen(path);
    bool ok = val_kind(st->include) != VAL_ARRAY;
    for (uint32_t i = 0; !ok && i < val_arr_len(st->include); i++) {
        val p = val_arr_items(st->include)[i];
        ok = wc_match(val_str(p), val_str_len(p), path, n, WC_NONE) == 1;
    }
    for (uint32_t i = 0; ok && val_kind(st->exclude) == VAL_ARRAY && i < val_arr_len(st->exclude);
         i++) {
        val p = val_arr_items(st->exclude)[i];
        ok = wc_match(val_str(p), val_str_len(p), path, n, WC_NONE) != 1;
    }
    return ok;
}

/* Writes the error of a file that cannot be searched, with its message m (released). */
static enum ev file_error(struct cmd_ctx *c, struct buf *m)
{
    enum ev rc =
        cmd_error(c, "ProcessingFile", "InvalidArgument", E_ARG, val_nothing(), buf_cstr(m));
    buf_release(m);
    return rc;
}

/* The error of a file that cannot be read ("The file ... cannot be read: <the .NET message>"). */
static enum ev read_error(struct cmd_ctx *c, const char *path, int e)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "The file %s cannot be read: ", path);
    struct stat sb;
    if (e == ENOENT) {
        char *dir = emsh_xstrndup(path, (size_t)(strrchr(path, '/') - path));
        if (*dir && stat(dir, &sb) != 0)
            buf_printf(&m, "Could not find a part of the path '%s'.", path);
        else
            buf_printf(&m, "Could not find file '%s'.", path);
        free(dir);
    } else {
        buf_printf(&m, "Access to the path '%s' is denied.", path);
    }
    return file_error(c, &m);
}

/*
** The length of the line at s[0..n) (up to LF, CR LF or CR) and, in
** *next, where the line after it begins; StreamReader.ReadLine's lines.
*/
static size_t line_len(const char *s, size_t n, size_t *next)
{
    size_t i = 0;
    while (i < n && s[i] != '\n' && s[i] != '\r')
        i++;
    *next = i + (i < n) + (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n');
    return i;
}

/* ProcessFile: searches one file (an absolute path); *found says whether something came out. */
static enum ev search_file(struct cmd_ctx *c, const struct sls *st, const char *path, bool *found)
{
    *found = false;
    if (!included(st, path))
        return EV_OK;
    struct stat sb;
    struct buf bytes = BUF_INIT;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return read_error(c, path, EACCES);
    if (!item_read_file(path, &bytes)) {
        int e = errno;
        buf_release(&bytes);
        return read_error(c, path, e);
    }
    size_t skip;
    const unsigned char *raw = (const unsigned char *)buf_cstr(&bytes);
    struct buf text = BUF_INIT;
    item_decode(raw, bytes.len, item_bom(raw, bytes.len, &skip) != ENC_AUTO ? ENC_AUTO : st->enc,
                &text);
    buf_release(&bytes);
    struct mctx *t = st->pre || st->post ? mctx_new(st->pre, st->post) : NULL;
    const char *s = buf_cstr(&text);
    size_t left = text.len, next;
    int64_t number = 0;
    enum ev rc = EV_OK;
    val pending = val_nothing(); /* what came out before -Quiet or -List stopped reading */
    while (left && !rc) {
        size_t len = line_len(s, left, &next);
        uint32_t pattern;
        val matches, mi = val_nothing();
        number++;
        if (line_matches(st, s, len, &pattern, &matches))
            mi = matchinfo_new(st, s, len, path, number, pattern, matches);
        val line = val_str_n(s, len);
        val done = track(t, line, mi);
        val_free(line);
        s += next;
        left -= next;
        if (!val_arr_len(done)) {
            val_free(done);
            continue;
        }
        *found = true;
        if (st->quiet || st->list) {
            pending = done;
            break;
        }
        bool any;
        rc = flush(c, st, done, &any);
    }
    if (t) {
        mctx_eof(t);
        val rest = mctx_take(t);
        if (val_kind(pending) == VAL_ARRAY) {
            for (uint32_t i = 0; i < val_arr_len(rest); i++)
                pending = val_arr_push(pending, val_arr_get(rest, i));
            val_free(rest);
        } else {
            pending = rest;
        }
        mctx_free(t);
    }
    bool any = false;
    if (val_kind(pending) == VAL_ARRAY && !rc)
        rc = flush(c, st, pending, &any);
    else
        val_free(pending);
    *found = *found || any;
    buf_release(&text);
    return rc;
}

/* A path on a session drive (Env:, Variable: ...): its provider cannot open files. */
static enum ev open_error(struct cmd_ctx *c, enum sdrive d)
{
    struct buf m = BUF_INIT;
    buf_printf(
        &m,
        "Cannot open the file because the current provider (Microsoft.PowerShell.Core\\%s) cannot open files.",
        sdrive_provider(d));
    return file_error(c, &m);
}

/*
** The files of one process call: each -Path argument globbed, -LiteralPath
** as given, all of them before any is read, as ResolveFilePaths does: one
** that names nothing stops the command (the provider's
** ItemNotFoundException). With -Quiet the first file with a match ends
** the call, and when none had one False is written ($null with -List).
*/
static enum ev search_files(struct cmd_ctx *c, const struct sls *st, val args, bool literal)
{
    uint32_t na = val_kind(args) == VAL_ARRAY ? val_arr_len(args) : 1;
    char **paths = NULL;
    size_t n = 0;
    enum ev rc = EV_OK;
    for (uint32_t a = 0; a < na && !rc; a++) {
        struct buf arg = BUF_INIT;
        conv_str(val_kind(args) == VAL_ARRAY ? val_arr_items(args)[a] : args, &arg);
        const char *item;
        enum sdrive d = sdrive_of(buf_cstr(&arg), &item);
        if (d != SD_NONE) {
            buf_release(&arg);
            rc = open_error(c, d);
            continue;
        }
        size_t k;
        char *full;
        char **expanded = item_expand_path(buf_cstr(&arg), literal, &k, &full);
        buf_release(&arg);
        if (!k) {
            struct buf m = BUF_INIT;
            buf_printf(&m, "Cannot find path '%s' because it does not exist.", full);
            val target = val_str_new(full);
            rc = cmd_throw(c, "PathNotFound", "ObjectNotFound",
                           "System.Management.Automation.ItemNotFoundException", target,
                           buf_cstr(&m));
            val_free(target);
            buf_release(&m);
        }
        if (k) {
            paths = emsh_xrealloc(paths, (n + k) * sizeof *paths);
            memcpy(paths + n, expanded, k * sizeof *paths);
            n += k;
        }
        free(expanded);
        free(full);
    }
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (!rc && !(found && st->quiet))
            rc = search_file(c, st, paths[i], &found);
        free(paths[i]);
    }
    free(paths);
    if (!rc && st->quiet && !found)
        rc = cmd_write(c, st->list ? val_null() : val_bool(false));
    return rc;
}

/* }=== */

/* {=== the cmdlet ===*/

/* -Context: one or two numbers, none negative (5.1's ValidateCount and ValidateRange). */
static enum ev read_context(struct cmd_ctx *c, struct sls *st)
{
    val v = cmd_arg(c, SS_CONTEXT);
    if (val_kind(v) == VAL_NOTHING || val_is_null(v))
        return EV_OK;
    uint32_t n = val_kind(v) == VAL_ARRAY ? val_arr_len(v) : 1;
    const val *items = val_kind(v) == VAL_ARRAY ? val_arr_items(v) : &v;
    char msg[512];
    msg[0] = '\0';
    if (n > 2)
        snprintf(
            msg, sizeof msg,
            "The number of provided arguments, (%u), exceeds the maximum number of allowed arguments (2). Provide fewer than 2 arguments, and then try the command again.",
            n);
    else if (n == 0)
        snprintf(
            msg, sizeof msg,
            "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.");
    int64_t x[2] = {0, 0};
    for (uint32_t i = 0; i < n && i < 2 && !msg[0]; i++) {
        conv_to_int64(items[i], &x[i], NULL);
        if (x[i] < 0)
            snprintf(
                msg, sizeof msg,
                "The %lld argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.",
                (long long)x[i]);
    }
    if (msg[0]) {
        char full[700];
        snprintf(full, sizeof full, "Cannot validate argument on parameter 'Context'. %s", msg);
        return cmd_throw(c, "ParameterArgumentValidationError", "InvalidData",
                         "System.Management.Automation.ParameterBindingValidationException",
                         val_nothing(), full);
    }
    st->pre = (uint32_t)x[0];
    st->post = (uint32_t)(n == 1 ? x[0] : x[1]);
    return EV_OK;
}

/* A String[] parameter as an array of strings, or VAL_NOTHING when unbound. */
static val strings_arg(struct cmd_ctx *c, uint16_t p)
{
    val v = cmd_arg(c, p);
    if (val_is_null(v))
        return val_nothing();
    uint32_t n = val_kind(v) == VAL_ARRAY ? val_arr_len(v) : 1;
    val a = val_arr_new();
    for (uint32_t i = 0; i < n; i++) {
        struct buf b = BUF_INIT;
        conv_str(val_kind(v) == VAL_ARRAY ? val_arr_items(v)[i] : v, &b);
        a = val_arr_push(a, val_str_buf(&b));
    }
    return a;
}

/* BeginProcessing: the switches, and the patterns compiled (an invalid one stops the command). */
static enum ev select_string_begin(struct cmd_ctx *c)
{
    struct sls *st = cmd_state(c);
    st->patterns = strings_arg(c, SS_PATTERN);
    if (val_kind(st->patterns) != VAL_ARRAY)
        st->patterns = val_arr_new();
    st->include = strings_arg(c, SS_INCLUDE);
    st->exclude = strings_arg(c, SS_EXCLUDE);
    st->simple = cmd_switch(c, SS_SIMPLE_MATCH);
    st->cs = cmd_switch(c, SS_CASE_SENSITIVE);
    st->quiet = cmd_switch(c, SS_QUIET);
    st->list = cmd_switch(c, SS_LIST);
    st->not_match = cmd_switch(c, SS_NOT_MATCH);
    st->all = cmd_switch(c, SS_ALL_MATCHES);
    st->enc = item_encoding_arg(c, SS_ENCODING);
    enum ev rc = read_context(c, st);
    if (rc)
        return rc;
    uint32_t np = val_arr_len(st->patterns);
    if (!st->simple) {
        st->rx = emsh_xcalloc((np ? np : 1) * sizeof *st->rx);
        for (uint32_t i = 0; i < np; i++) {
            val p = val_arr_items(st->patterns)[i];
            struct rx_error err = RX_ERROR_INIT;
            st->rx[i] =
                rx_compile(val_str(p), val_str_len(p), st->cs ? RX_NONE : RX_IGNORECASE, &err);
            if (!st->rx[i]) {
                struct buf m = BUF_INIT;
                buf_printf(&m, "The string %s is not a valid regular expression: %s", val_str(p),
                           err.msg ? err.msg : "");
                rx_error_clear(&err);
                rc = cmd_throw(c, "InvalidRegex", "InvalidArgument", E_ARG, val_nothing(),
                               buf_cstr(&m));
                buf_release(&m);
                return rc;
            }
        }
    }
    if (st->pre || st->post)
        st->stream = mctx_new(st->pre, st->post);
    return EV_OK;
}

/* One object of the InputStream: its string (a MatchInfo's Line) is the next line. */
static enum ev search_object(struct cmd_ctx *c, struct sls *st, val obj)
{
    st->record++;
    bool filter = is_matchinfo(obj);
    val line;
    if (filter) {
        if (st->pre || st->post)
            filter_context_off(c, st);
        line = val_obj_get(obj, "Line");
    } else if (val_kind(obj) == VAL_STRING) {
        line = val_copy(obj);
    } else {
        struct buf b = BUF_INIT;
        if (!val_is_null(obj))
            conv_str(obj, &b);
        line = val_str_buf(&b);
    }
    if (val_kind(line) != VAL_STRING) {
        val_free(line);
        line = val_str_new("");
    }
    uint32_t pattern;
    val matches, mi = val_nothing();
    if (line_matches(st, val_str(line), val_str_len(line), &pattern, &matches)) {
        if (filter) {
            val_free(matches);
            mi = refilter(obj);
        } else {
            mi = matchinfo_new(st, val_str(line), val_str_len(line), NULL, st->record, pattern,
                               matches);
        }
    }
    bool any;
    enum ev rc = flush(c, st, track(st->stream, line, mi), &any);
    val_free(line);
    if (any && st->quiet)
        st->done = true;
    return rc;
}

/* ProcessRecord: the files of -Path / -LiteralPath or of a FileInfo piped in, else the object. */
static enum ev select_string_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct sls *st = cmd_state(c);
    if (st->done)
        return EV_OK;
    if (cmd_bound(c, SS_PATH) || cmd_bound(c, SS_LITERAL_PATH)) {
        bool literal = cmd_bound(c, SS_LITERAL_PATH);
        return search_files(c, st, cmd_arg(c, literal ? SS_LITERAL_PATH : SS_PATH), literal);
    }
    val obj = cmd_arg(c, SS_INPUT_OBJECT);
    if (val_kind(obj) == VAL_OBJECT && val_obj_ntypes(obj) &&
        !strcmp(val_obj_type_at(obj, 0), "System.IO.FileInfo")) {
        val full = val_obj_get(obj, "FullName");
        enum ev rc = search_files(c, st, full, true);
        val_free(full);
        return rc;
    }
    return search_object(c, st, obj);
}

/* EndProcessing: the InputStream's matches still waiting for the lines after them. */
static enum ev select_string_end(struct cmd_ctx *c)
{
    struct sls *st = cmd_state(c);
    if (!st->stream)
        return EV_OK;
    mctx_eof(st->stream);
    val done = mctx_take(st->stream);
    if (st->done) {
        val_free(done);
        return EV_OK;
    }
    bool any;
    return flush(c, st, done, &any);
}

/* Frees what the state holds: the compiled patterns, the strings and the InputStream's tracker. */
static void select_string_release(void *state)
{
    struct sls *st = state;
    for (uint32_t i = 0; st->rx && i < val_arr_len(st->patterns); i++)
        rx_release(st->rx[i]);
    free(st->rx);
    val_free(st->patterns);
    val_free(st->include);
    val_free(st->exclude);
    mctx_free(st->stream);
}

CMDLET_DEFINE(cmd_select_string, .begin = select_string_begin, .process = select_string_process,
              .end = select_string_end, .state_size = sizeof(struct sls),
              .release = select_string_release);

/* }=== */
