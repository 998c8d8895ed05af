/*
** c_host.c - the stream and host cmdlets of the Utility module:
** Write-Host, Write-Error, Write-Warning, Write-Verbose, Write-Debug,
** Write-Information, Write-Progress and Read-Host.
**
** They follow Windows PowerShell 5.1 (Write.cs, WriteConsoleCmdlet.cs,
** WriteProgressCmdlet.cs, ReadConsoleCmdlet.cs). Host text goes through
** cmd_host() (colour is the host's business), messages through
** cmd_message() (which applies the preference variables and the common
** parameters), errors through cmd_error() so that -ErrorAction,
** $ErrorActionPreference and -ErrorVariable work. Read-Host reads standard
** input itself: the host interface has no input side. Parameter indexes
** are those of cmdlets/meta/<Name>.json.
*/
#include "conv.h"
#include "datetime.h"
#include "registry.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#define E_PBV "System.Management.Automation.ParameterBindingValidationException"

/* {=== shared helpers ===*/

/* The ConsoleColor value of an enum name the binder canonicalised, or -1. */
static int console_color(val v)
{
    static const char *const names[] = {"Black",    "DarkBlue", "DarkGreen", "DarkCyan",
                                        "DarkRed",  "DarkMagenta", "DarkYellow", "Gray",
                                        "DarkGray", "Blue",     "Green",     "Cyan",
                                        "Red",      "Magenta",  "Yellow",    "White"};
    if (val_kind(v) == VAL_ENUM)
        return (int)v.u.i;
    if (val_kind(v) != VAL_STRING)
        return -1;
    for (int i = 0; i < (int)EMSH_ARRAY_SIZE(names); i++)
        if (!strcasecmp(names[i], val_str(v)))
            return i;
    return -1;
}

/* A property of an object as a string (appended), if it has one. */
static bool prop_str(val o, const char *name, struct buf *out)
{
    if (val_kind(o) != VAL_OBJECT || !val_obj_has(o, name))
        return false;
    val p = val_obj_get(o, name);
    conv_str(p, out);
    val_free(p);
    return true;
}

static enum ev validation_error(struct cmd_ctx *c, const char *msg)
{
    return cmd_throw(c, "ParameterArgumentValidationError", "InvalidData", E_PBV, val_nothing(), msg);
}

/* }=== */

/* {=== Write-Host ===*/

enum { WH_OBJECT, WH_NO_NEWLINE, WH_SEPARATOR, WH_FOREGROUND_COLOR, WH_BACKGROUND_COLOR };

/*
** WriteHostCommand.ProcessObject: a string as it is, a collection as its
** elements joined by the separator (recursively), anything else as .NET's
** ToString() (a DateTime in the en-US culture, a hashtable as its entries).
*/
static void host_text(val v, const char *sep, struct buf *out, int depth)
{
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        return;
    case VAL_ARRAY:
        for (uint32_t i = 0; i < val_arr_len(v); i++) {
            if (i && sep)
                buf_puts(out, sep);
            if (depth < 64)
                host_text(val_arr_items(v)[i], sep, out, depth + 1);
        }
        return;
    case VAL_HASHTABLE:
        for (uint32_t i = 0; i < val_hash_len(v); i++) {
            if (i && sep)
                buf_puts(out, sep);
            buf_puts(out, "System.Collections.DictionaryEntry");
        }
        return;
    case VAL_DATETIME:
        dt_format(out, v.u.i, conv_dt_kind(v), "G", DT_EN_US);
        return;
    default:
        conv_str(v, out);
        return;
    }
}

static enum ev write_host_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct buf sep = BUF_INIT, text = BUF_INIT;
    val s = cmd_arg(c, WH_SEPARATOR);
    bool has_sep = true;
    if (cmd_bound(c, WH_SEPARATOR)) {
        if (val_is_null(s))
            has_sep = false;
        else
            conv_str(s, &sep);
    } else {
        buf_putc(&sep, ' ');
    }
    host_text(cmd_arg(c, WH_OBJECT), has_sep ? buf_cstr(&sep) : NULL, &text, 0);
    val nn = cmd_arg(c, WH_NO_NEWLINE);
    bool newline = !(val_kind(nn) == VAL_SWITCH && nn.u.b);
    cmd_host(c, buf_cstr(&text), console_color(cmd_arg(c, WH_FOREGROUND_COLOR)),
             console_color(cmd_arg(c, WH_BACKGROUND_COLOR)), newline);
    buf_release(&sep);
    buf_release(&text);
    return EV_OK;
}

CMDLET_DEFINE(cmd_write_host, .process = write_host_process);

/* }=== */

/* {=== Write-Error ===*/

enum {
    WE_EXCEPTION,
    WE_MESSAGE,
    WE_ERROR_RECORD,
    WE_CATEGORY,
    WE_ERROR_ID,
    WE_TARGET_OBJECT,
    WE_RECOMMENDED_ACTION,
    WE_CATEGORY_ACTIVITY,
    WE_CATEGORY_REASON,
    WE_CATEGORY_TARGET_NAME,
    WE_CATEGORY_TARGET_TYPE
};

#define WRITE_ERROR_EXCEPTION "Microsoft.PowerShell.Commands.WriteErrorException"

/* The full type name of an exception value (a string becomes a System.Exception). */
static const char *exception_type(val e)
{
    if (val_kind(e) == VAL_OBJECT && val_obj_ntypes(e))
        return val_obj_type_at(e, 0);
    return "System.Exception";
}

static void exception_message(val e, struct buf *out)
{
    if (val_kind(e) == VAL_OBJECT) {
        if (!prop_str(e, "Message", out))
            conv_str(e, out);
    } else {
        conv_str(e, out);
    }
}

/* A text parameter that is set and not empty ("" counts as not given, as in 5.1). */
static const char *text_arg(struct cmd_ctx *c, uint16_t p)
{
    val v = cmd_arg(c, p);
    return val_kind(v) == VAL_STRING && val_str_len(v) ? val_str(v) : NULL;
}

static enum ev write_error_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct buf msg = BUF_INIT, id = BUF_INIT, cat = BUF_INIT;
    const char *exc = WRITE_ERROR_EXCEPTION;
    val target = val_nothing();
    val rec = cmd_arg(c, WE_ERROR_RECORD), e = cmd_arg(c, WE_EXCEPTION);
    const char *m = text_arg(c, WE_MESSAGE);
    if (val_kind(rec) == VAL_OBJECT) {
        /* a copy of the record: its message, id (without the command it named), category, target */
        val details = val_obj_get(rec, "ErrorDetails");
        if (!prop_str(details, "Message", &msg)) {
            val ex = val_obj_get(rec, "Exception");
            exception_message(ex, &msg);
            if (val_kind(ex) == VAL_OBJECT)
                exc = exception_type(ex);
            val_free(ex);
        } else {
            val ex = val_obj_get(rec, "Exception");
            if (val_kind(ex) == VAL_OBJECT)
                exc = exception_type(ex);
            val_free(ex);
        }
        val_free(details);
        prop_str(rec, "FullyQualifiedErrorId", &id);
        char *comma = memchr(id.s ? id.s : "", ',', id.len);
        if (comma)
            id.len = (size_t)(comma - id.s), id.s[id.len] = '\0';
        val ci = val_obj_get(rec, "CategoryInfo");
        prop_str(ci, "Category", &cat);
        val_free(ci);
        target = val_obj_get(rec, "TargetObject");
    } else {
        if (val_kind(e) != VAL_NOTHING && !val_is_null(e)) {
            exc = exception_type(e);
            /* the message, when given, is the record's ErrorDetails: what the console shows */
            if (m)
                buf_puts(&msg, m);
            else
                exception_message(e, &msg);
        } else if (val_kind(cmd_arg(c, WE_MESSAGE)) == VAL_STRING) {
            buf_puts(&msg, val_str(cmd_arg(c, WE_MESSAGE)));
        } else {
            buf_printf(&msg, "Exception of type '%s' was thrown.", exc);
        }
        const char *eid = text_arg(c, WE_ERROR_ID);
        buf_puts(&id, eid ? eid : exc);
        val cv = cmd_arg(c, WE_CATEGORY);
        if (val_kind(cv) == VAL_STRING)
            buf_puts(&cat, val_str(cv));
        target = val_copy(cmd_arg(c, WE_TARGET_OBJECT));
    }
    enum ev rc = cmd_error(c, buf_cstr(&id), cat.len ? buf_cstr(&cat) : "NotSpecified", exc, target,
                           buf_cstr(&msg));
    val_free(target);
    buf_release(&msg);
    buf_release(&id);
    buf_release(&cat);
    return rc;
}

CMDLET_DEFINE(cmd_write_error, .process = write_error_process);

/* }=== */

/* {=== Write-Warning, Write-Verbose, Write-Debug ===*/

enum { WW_MESSAGE };

static enum ev message_to(struct cmd_ctx *c, enum msg_stream s)
{
    val m = cmd_arg(c, WW_MESSAGE);
    cmd_message(c, s, val_kind(m) == VAL_STRING ? val_str(m) : "");
    return EV_OK;
}

static enum ev write_warning_process(struct cmd_ctx *c, val input)
{
    (void)input;
    return message_to(c, MSG_WARNING);
}

static enum ev write_verbose_process(struct cmd_ctx *c, val input)
{
    (void)input;
    return message_to(c, MSG_VERBOSE);
}

static enum ev write_debug_process(struct cmd_ctx *c, val input)
{
    (void)input;
    return message_to(c, MSG_DEBUG);
}

CMDLET_DEFINE(cmd_write_warning, .process = write_warning_process);
CMDLET_DEFINE(cmd_write_verbose, .process = write_verbose_process);
CMDLET_DEFINE(cmd_write_debug, .process = write_debug_process);

/* }=== */

/* {=== Write-Information ===*/

enum { WI_MESSAGE_DATA, WI_TAGS };

/* Tags beginning with PS are PowerShell's own. */
static enum ev write_information_begin(struct cmd_ctx *c)
{
    val tags = cmd_arg(c, WI_TAGS);
    for (uint32_t i = 0; val_kind(tags) == VAL_ARRAY && i < val_arr_len(tags); i++) {
        val t = val_arr_items(tags)[i];
        if (val_kind(t) == VAL_STRING && val_str_len(t) >= 2 && !strncasecmp(val_str(t), "PS", 2)) {
            char msg[512];
            snprintf(msg, sizeof msg, "Cannot use tag '%s'. The 'PS' prefix is reserved.", val_str(t));
            return cmd_throw(c, "PSPrefixReservedInInformationTag", "InvalidArgument",
                             "System.InvalidOperationException", t, msg);
        }
    }
    return EV_OK;
}

static enum ev write_information_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct buf b = BUF_INIT;
    conv_str(cmd_arg(c, WI_MESSAGE_DATA), &b);
    cmd_message(c, MSG_INFORMATION, buf_cstr(&b));
    buf_release(&b);
    return EV_OK;
}

CMDLET_DEFINE(cmd_write_information, .begin = write_information_begin,
              .process = write_information_process);

/* }=== */

/* {=== Write-Progress ===*/

enum {
    WP_ACTIVITY,
    WP_STATUS,
    WP_ID,
    WP_PERCENT_COMPLETE,
    WP_SECONDS_REMAINING,
    WP_CURRENT_OPERATION,
    WP_PARENT_ID,
    WP_COMPLETED,
    WP_SOURCE_ID
};

static bool int_param(struct cmd_ctx *c, uint16_t p, int32_t *out)
{
    val v = cmd_arg(c, p);
    return !val_is_null(v) && conv_to_int32(v, out, NULL);
}

static enum ev progress_range(struct cmd_ctx *c, uint16_t p, int32_t lo, int32_t hi)
{
    int32_t n;
    if (!int_param(c, p, &n) || (n >= lo && n <= hi))
        return EV_OK;
    char msg[512];
    const char *name = c->meta->params[p].name;
    if (n < lo)
        snprintf(msg, sizeof msg,
                 "Cannot validate argument on parameter '%s'. The %d argument is less than the minimum allowed range of %d. Supply an argument that is greater than or equal to %d and then try the command again.",
                 name, n, lo, lo);
    else
        snprintf(msg, sizeof msg,
                 "Cannot validate argument on parameter '%s'. The %d argument is greater than the maximum allowed range of %d. Supply an argument that is less than or equal to %d and then try the command again.",
                 name, n, hi, hi);
    return validation_error(c, msg);
}

/*
** The progress display: on a terminal, one line at the top of the screen,
** drawn and erased with the cursor saved and restored, so the output
** scrolling below is not disturbed (as the console's progress pane).
** Nothing at all when standard error is not a terminal.
*/
static enum ev write_progress_process(struct cmd_ctx *c, val input)
{
    (void)input;
    enum ev rc;
    if ((rc = progress_range(c, WP_ID, 0, INT32_MAX)) || (rc = progress_range(c, WP_PERCENT_COMPLETE, -1, 100)) ||
        (rc = progress_range(c, WP_PARENT_ID, -1, INT32_MAX)))
        return rc;
    val st = cmd_arg(c, WP_STATUS);
    if (cmd_bound(c, WP_STATUS) && (val_kind(st) != VAL_STRING || !val_str_len(st)))
        return validation_error(c, "Cannot validate argument on parameter 'Status'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.");
    const char *term = getenv("TERM");
    if (!isatty(STDERR_FILENO) || (term && !strcmp(term, "dumb")))
        return EV_OK;
    struct buf line = BUF_INIT;
    buf_puts(&line, "\0337\033[1;1H\033[7m\033[K");
    val done = cmd_arg(c, WP_COMPLETED);
    if (!(val_kind(done) == VAL_SWITCH && done.u.b)) {
        struct buf act = BUF_INIT;
        conv_str(cmd_arg(c, WP_ACTIVITY), &act);
        buf_add(&line, act.s ? act.s : "", act.len);
        buf_puts(&line, " - ");
        buf_puts(&line, val_kind(st) == VAL_STRING ? val_str(st) : "Processing");
        int32_t pct, secs;
        if (int_param(c, WP_PERCENT_COMPLETE, &pct) && pct >= 0) {
            int filled = pct * 40 / 100;
            buf_puts(&line, " [");
            for (int i = 0; i < 40; i++)
                buf_putc(&line, i < filled ? 'o' : ' ');
            buf_printf(&line, "] %d%%", pct);
        }
        if (int_param(c, WP_SECONDS_REMAINING, &secs) && secs >= 0)
            buf_printf(&line, " %02d:%02d:%02d remaining", secs / 3600, secs / 60 % 60, secs % 60);
        val op = cmd_arg(c, WP_CURRENT_OPERATION);
        if (val_kind(op) == VAL_STRING && val_str_len(op)) {
            buf_puts(&line, " ");
            buf_puts(&line, val_str(op));
        }
        buf_release(&act);
    }
    buf_puts(&line, "\033[0m\0338");
    fflush(stdout);
    fputs(buf_cstr(&line), stderr);
    fflush(stderr);
    buf_release(&line);
    return EV_OK;
}

CMDLET_DEFINE(cmd_write_progress, .process = write_progress_process);

/* }=== */

/* {=== Read-Host ===*/

enum { RH_PROMPT, RH_AS_SECURE_STRING };

/* Reads a line of standard input (without its end); false at the end of the input. */
static bool read_line(struct buf *out)
{
    int ch;
    bool any = false;
    while ((ch = getc(stdin)) != EOF) {
        any = true;
        if (ch == '\n')
            break;
        buf_putc(out, (char)ch);
    }
    if (out->len && out->s[out->len - 1] == '\r')
        out->s[--out->len] = '\0';
    return any;
}

/*
** Reads a line from the terminal without echo, showing an asterisk per
** character (backspace takes one back), as the console does for
** SecureString input. false at the end of the input.
*/
static bool read_secret(struct cmd_ctx *c, struct buf *out)
{
    struct termios old, raw;
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return read_line(out);
    raw = old;
    raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
    bool any = false;
    int ch;
    while ((ch = getc(stdin)) != EOF) {
        any = true;
        if (ch == '\n' || ch == '\r')
            break;
        if (ch == 0x7f || ch == 0x08) {
            if (out->len) {
                /* drop a whole UTF-8 character */
                do
                    out->len--;
                while (out->len && ((unsigned char)out->s[out->len] & 0xC0) == 0x80);
                out->s[out->len] = '\0';
                cmd_host(c, "\b \b", -1, -1, false);
                fflush(NULL);
            }
            continue;
        }
        if (ch == 0x04 && !out->len) { /* Ctrl-D on an empty line: end of input */
            any = false;
            break;
        }
        buf_putc(out, (char)ch);
        if (((unsigned char)ch & 0xC0) != 0x80) {
            cmd_host(c, "*", -1, -1, false);
            fflush(NULL);
        }
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    cmd_host(c, "", -1, -1, true);
    return any;
}

/* A System.Security.SecureString: only its Length shows; the text stays hidden. */
static val secure_string(const struct buf *text)
{
    val s = val_obj_new("System.Security.SecureString");
    s = val_obj_set(s, "Length", val_int((int32_t)text_utf16_len(buf_cstr(text), text->len)));
    s = val_obj_set(s, "\x01SecureText", val_str_n(buf_cstr(text), text->len));
    return s;
}

/* ReadHostCommand: the prompt's elements joined by spaces, then ": ". */
static void prompt_text(val p, struct buf *out)
{
    if (val_kind(p) != VAL_ARRAY) {
        conv_str(p, out);
        return;
    }
    for (uint32_t i = 0; i < val_arr_len(p); i++) {
        struct buf e = BUF_INIT;
        conv_str(val_arr_items(p)[i], &e);
        if (e.len) {
            if (out->len)
                buf_putc(out, ' ');
            buf_add(out, e.s, e.len);
        }
        buf_release(&e);
    }
}

static enum ev read_host_process(struct cmd_ctx *c, val input)
{
    (void)input;
    val p = cmd_arg(c, RH_PROMPT);
    if (cmd_bound(c, RH_PROMPT) && !val_is_null(p)) {
        struct buf pr = BUF_INIT;
        prompt_text(p, &pr);
        buf_puts(&pr, ": ");
        cmd_host(c, buf_cstr(&pr), -1, -1, false);
        buf_release(&pr);
    }
    fflush(NULL);
    val sec = cmd_arg(c, RH_AS_SECURE_STRING);
    bool secure = val_kind(sec) == VAL_SWITCH && sec.u.b;
    struct buf line = BUF_INIT;
    bool got = secure && isatty(STDIN_FILENO) ? read_secret(c, &line) : read_line(&line);
    enum ev rc = EV_OK;
    if (got)
        rc = cmd_write(c, secure ? secure_string(&line) : val_str_n(buf_cstr(&line), line.len));
    /* scrub the secret from the heap buffer */
    if (line.s)
        memset(line.s, 0, line.cap);
    buf_release(&line);
    return rc;
}

CMDLET_DEFINE(cmd_read_host, .process = read_host_process);

/* }=== */
