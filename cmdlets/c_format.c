/*
** c_format.c - the formatting and output cmdlets of the Utility module:
** Format-Table, Format-List, Format-Wide, Format-Custom, Out-Default,
** Out-Host, Out-String and Out-File.
**
** The work is done by the formatting engine (shell/format.h): the Format-*
** handlers run a formatter that writes formatting records down the
** pipeline; the Out-* handlers run a renderer that turns records (and raw
** objects, formatted with their default view first) into lines on the
** console, in a string or in a file. Parameters are read by their index in
** cmdlets/meta/<Name>.json (the enums below; begin checks them in debug
** builds). Errors carry Windows PowerShell 5.1's ids and messages.
*/
#include "data_io.h"
#include "format.h"
#include "registry.h"
#include "text.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Checks, in debug builds, that the parameter indexes below match the metadata. */
#define CHECK_PARAMS(x) ((void)EMSH_ALWAYS(x))

/* Is parameter index i of the command `name`? */
static bool param_is(struct cmd_ctx *c, unsigned i, const char *name)
{
    return i < c->meta->nparams && strcmp(c->meta->params[i].name, name) == 0;
}

static int int_arg(struct cmd_ctx *c, unsigned i, int dflt)
{
    val v = cmd_arg(c, (uint16_t)i);
    return val_kind(v) == VAL_INT || val_kind(v) == VAL_LONG ? (int)v.u.i : dflt;
}

static enum ev throw_fmt(struct cmd_ctx *c, const struct fmt_error *err)
{
    val target = err->target[0] ? val_str_new(err->target) : val_nothing();
    enum ev rc = cmd_throw(c, err->id, err->category, err->exception, target, err->msg);
    val_free(target);
    return rc;
}

/* [ValidateRange(min, int.MaxValue)] on an Int32 parameter. */
static enum ev check_range(struct cmd_ctx *c, unsigned i, const char *name, int min)
{
    if (!cmd_bound(c, (uint16_t)i))
        return EV_OK;
    int v = int_arg(c, i, min);
    if (v >= min)
        return EV_OK;
    char msg[512];
    snprintf(msg, sizeof msg,
             "Cannot validate argument on parameter '%s'. The %d argument is less than the minimum allowed "
             "range of %d. Supply an argument that is greater than or equal to %d and then try the command "
             "again.",
             name, v, min, min);
    return cmd_throw(c, "ParameterArgumentValidationError", "InvalidData",
                     "System.Management.Automation.ParameterBindingValidationException", val_nothing(), msg);
}

/* The pipeline object, or -InputObject when the command has no pipeline input. */
static val input_of(struct cmd_ctx *c, val input, unsigned input_param)
{
    return val_kind(input) == VAL_NOTHING ? cmd_arg(c, (uint16_t)input_param) : input;
}

/* {=== Format-Table, Format-List, Format-Wide, Format-Custom ===*/

enum { FT_PROPERTY, FT_AUTOSIZE, FT_HIDE, FT_WRAP, FT_GROUPBY, FT_VIEW, FT_SHOWERROR, FT_DISPLAYERROR,
       FT_FORCE, FT_EXPAND, FT_INPUT };
enum { FL_PROPERTY, FL_GROUPBY, FL_VIEW, FL_SHOWERROR, FL_DISPLAYERROR, FL_FORCE, FL_EXPAND, FL_INPUT };
enum { FW_PROPERTY, FW_AUTOSIZE, FW_COLUMN, FW_GROUPBY, FW_VIEW, FW_SHOWERROR, FW_DISPLAYERROR, FW_FORCE,
       FW_EXPAND, FW_INPUT };
enum { FC_PROPERTY, FC_DEPTH, FC_GROUPBY, FC_VIEW, FC_SHOWERROR, FC_DISPLAYERROR, FC_FORCE, FC_EXPAND,
       FC_INPUT };

struct format_state {
    struct cmd_ctx *c;
    struct fmt_formatter *f;
    unsigned input;
};

static enum ev format_emit(void *ud, val rec)
{
    return cmd_write((struct cmd_ctx *)ud, rec);
}

static enum ev format_invoke(void *ud, val sb, val input, val *result)
{
    return cmd_invoke((struct cmd_ctx *)ud, sb, input, NULL, 0, result);
}

static enum fmt_expand expand_of(val v)
{
    if (val_kind(v) != VAL_STRING)
        return FMT_EXPAND_UNSET;
    if (text_ieq(val_str(v), val_str_len(v), "CoreOnly", 8))
        return FMT_EXPAND_CORE_ONLY;
    if (text_ieq(val_str(v), val_str_len(v), "Both", 4))
        return FMT_EXPAND_BOTH;
    return FMT_EXPAND_ENUM_ONLY;
}

/* The parameters every Format-* command has, at their indexes. */
struct common_idx {
    unsigned property, groupby, view, force, expand, input;
};

static enum ev format_begin(struct cmd_ctx *c, struct fmt_options *o, const struct common_idx *ix)
{
    CHECK_PARAMS(param_is(c, ix->property, "Property") && param_is(c, ix->groupby, "GroupBy") &&
           param_is(c, ix->view, "View") && param_is(c, ix->force, "Force") &&
           param_is(c, ix->expand, "Expand") && param_is(c, ix->input, "InputObject"));
    struct format_state *st = cmd_state(c);
    st->c = c;
    st->input = ix->input;
    o->property = cmd_arg(c, (uint16_t)ix->property);
    o->group_by = cmd_arg(c, (uint16_t)ix->groupby);
    val view = cmd_arg(c, (uint16_t)ix->view);
    o->view = val_kind(view) == VAL_STRING && val_str_len(view) ? val_str(view) : NULL;
    o->force = cmd_switch(c, ix->force);
    o->expand = expand_of(cmd_arg(c, (uint16_t)ix->expand));
    struct fmt_error err;
    st->f = fmt_formatter_new(o, format_emit, format_invoke, c, &err);
    if (!st->f)
        return throw_fmt(c, &err);
    return EV_OK;
}

static void format_options_init(struct fmt_options *o, enum fmt_shape shape)
{
    memset(o, 0, sizeof *o);
    o->shape = shape;
    o->property = val_nothing();
    o->group_by = val_nothing();
    o->autosize = o->wrap = o->hide_headers = -1;
    o->expand = FMT_EXPAND_UNSET;
}

static enum ev format_process(struct cmd_ctx *c, val input)
{
    struct format_state *st = cmd_state(c);
    val obj = input_of(c, input, st->input);
    struct fmt_error err;
    memset(&err, 0, sizeof err);
    enum ev rc = fmt_formatter_put(st->f, obj, &err);
    if (rc == EV_THROW && err.id)
        return throw_fmt(c, &err);
    return rc;
}

static enum ev format_end(struct cmd_ctx *c)
{
    struct format_state *st = cmd_state(c);
    struct fmt_error err;
    memset(&err, 0, sizeof err);
    enum ev rc = fmt_formatter_end(st->f, &err);
    if (rc == EV_THROW && err.id)
        return throw_fmt(c, &err);
    return rc;
}

static void format_release(void *state)
{
    struct format_state *st = state;
    fmt_formatter_free(st->f);
}

static enum ev format_table_begin(struct cmd_ctx *c)
{
    CHECK_PARAMS(param_is(c, FT_AUTOSIZE, "AutoSize") && param_is(c, FT_HIDE, "HideTableHeaders") &&
           param_is(c, FT_WRAP, "Wrap"));
    struct fmt_options o;
    format_options_init(&o, FMT_SHAPE_TABLE);
    if (cmd_bound(c, FT_AUTOSIZE))
        o.autosize = cmd_switch(c, FT_AUTOSIZE);
    if (cmd_bound(c, FT_WRAP))
        o.wrap = cmd_switch(c, FT_WRAP);
    if (cmd_bound(c, FT_HIDE))
        o.hide_headers = cmd_switch(c, FT_HIDE);
    o.show_error = cmd_switch(c, FT_SHOWERROR);
    o.display_error = cmd_switch(c, FT_DISPLAYERROR);
    static const struct common_idx ix = {FT_PROPERTY, FT_GROUPBY, FT_VIEW, FT_FORCE, FT_EXPAND, FT_INPUT};
    return format_begin(c, &o, &ix);
}

static enum ev format_list_begin(struct cmd_ctx *c)
{
    struct fmt_options o;
    format_options_init(&o, FMT_SHAPE_LIST);
    o.show_error = cmd_switch(c, FL_SHOWERROR);
    o.display_error = cmd_switch(c, FL_DISPLAYERROR);
    static const struct common_idx ix = {FL_PROPERTY, FL_GROUPBY, FL_VIEW, FL_FORCE, FL_EXPAND, FL_INPUT};
    return format_begin(c, &o, &ix);
}

static enum ev format_wide_begin(struct cmd_ctx *c)
{
    CHECK_PARAMS(param_is(c, FW_AUTOSIZE, "AutoSize") && param_is(c, FW_COLUMN, "Column"));
    enum ev rc = check_range(c, FW_COLUMN, "Column", 1);
    if (rc)
        return rc;
    struct fmt_options o;
    format_options_init(&o, FMT_SHAPE_WIDE);
    if (cmd_bound(c, FW_AUTOSIZE))
        o.autosize = cmd_switch(c, FW_AUTOSIZE);
    o.columns = int_arg(c, FW_COLUMN, 0);
    o.show_error = cmd_switch(c, FW_SHOWERROR);
    o.display_error = cmd_switch(c, FW_DISPLAYERROR);
    static const struct common_idx ix = {FW_PROPERTY, FW_GROUPBY, FW_VIEW, FW_FORCE, FW_EXPAND, FW_INPUT};
    return format_begin(c, &o, &ix);
}

static enum ev format_custom_begin(struct cmd_ctx *c)
{
    CHECK_PARAMS(param_is(c, FC_DEPTH, "Depth"));
    enum ev rc = check_range(c, FC_DEPTH, "Depth", 1);
    if (rc)
        return rc;
    struct fmt_options o;
    format_options_init(&o, FMT_SHAPE_CUSTOM);
    o.depth = int_arg(c, FC_DEPTH, 0);
    o.show_error = cmd_switch(c, FC_SHOWERROR);
    o.display_error = cmd_switch(c, FC_DISPLAYERROR);
    static const struct common_idx ix = {FC_PROPERTY, FC_GROUPBY, FC_VIEW, FC_FORCE, FC_EXPAND, FC_INPUT};
    return format_begin(c, &o, &ix);
}

CMDLET_DEFINE(cmd_format_table, .begin = format_table_begin, .process = format_process, .end = format_end,
              .state_size = sizeof(struct format_state), .release = format_release);
CMDLET_DEFINE(cmd_format_list, .begin = format_list_begin, .process = format_process, .end = format_end,
              .state_size = sizeof(struct format_state), .release = format_release);
CMDLET_DEFINE(cmd_format_wide, .begin = format_wide_begin, .process = format_process, .end = format_end,
              .state_size = sizeof(struct format_state), .release = format_release);
CMDLET_DEFINE(cmd_format_custom, .begin = format_custom_begin, .process = format_process, .end = format_end,
              .state_size = sizeof(struct format_state), .release = format_release);

/* }=== */

/* {=== Out-Default, Out-Host, Out-String, Out-File ===*/

enum { OD_TRANSCRIPT, OD_INPUT };
enum { OH_PAGING, OH_INPUT };
enum { OS_STREAM, OS_WIDTH, OS_INPUT };
enum { OF_FILEPATH, OF_LITERALPATH, OF_ENCODING, OF_APPEND, OF_FORCE, OF_NOCLOBBER, OF_WIDTH, OF_NONEWLINE,
       OF_INPUT };

enum out_kind { OUT_HOST, OUT_STRING, OUT_FILE, OUT_NONE };

struct out_state {
    struct cmd_ctx *c;
    enum out_kind kind;
    struct fmt_out *o;
    unsigned input;
    bool stream;      /* Out-String -Stream */
    struct buf text;  /* Out-String: the accumulated lines */
    enum ev rc;       /* a status from writing a line (EV_STOP downstream) */
    struct data_out file;
    bool no_newline;
};

static void out_line(void *ud, const char *s, size_t n)
{
    struct out_state *st = ud;
    switch (st->kind) {
    case OUT_HOST: {
        char *line = emsh_xstrndup(s, n);
        cmd_host(st->c, line, -1, -1, true);
        free(line);
        return;
    }
    case OUT_STRING:
        if (st->stream) {
            if (!st->rc)
                st->rc = cmd_write(st->c, val_str_n(s, n));
        } else {
            buf_add(&st->text, s, n);
            buf_putc(&st->text, '\n');
        }
        return;
    case OUT_FILE:
        if (st->no_newline)
            data_write(&st->file, s, n);
        else
            data_write_line(&st->file, s, n);
        return;
    default:
        return;
    }
}

static void out_start(struct out_state *st, struct cmd_ctx *c, enum out_kind kind, unsigned input, int columns)
{
    st->c = c;
    st->kind = kind;
    st->input = input;
    struct fmt_device dev = {out_line, st, columns};
    st->o = fmt_out_new(&dev);
}

static enum ev out_process(struct cmd_ctx *c, val input)
{
    struct out_state *st = cmd_state(c);
    if (!st->o || st->kind == OUT_NONE)
        return EV_OK;
    val obj = input_of(c, input, st->input);
    struct fmt_error err;
    memset(&err, 0, sizeof err);
    enum ev rc = fmt_out_put(st->o, obj, &err);
    if (rc == EV_THROW && err.id)
        return throw_fmt(c, &err);
    if (!rc && st->rc)
        rc = st->rc;
    return rc;
}

static enum ev out_end(struct cmd_ctx *c)
{
    struct out_state *st = cmd_state(c);
    enum ev rc = EV_OK;
    if (st->o) {
        struct fmt_error err;
        memset(&err, 0, sizeof err);
        rc = fmt_out_end(st->o, &err);
        if (rc == EV_THROW && err.id)
            rc = throw_fmt(c, &err);
    }
    if (st->kind == OUT_FILE)
        data_close(&st->file);
    if (!rc && st->kind == OUT_STRING && !st->stream) {
        val s = val_str_n(buf_cstr(&st->text), st->text.len);
        rc = cmd_write(c, s);
    }
    if (!rc && st->rc)
        rc = st->rc;
    return rc;
}

static void out_release(void *state)
{
    struct out_state *st = state;
    fmt_out_free(st->o);
    buf_release(&st->text);
    data_close(&st->file); /* zeroed when no file was opened */
}

static enum ev out_default_begin(struct cmd_ctx *c)
{
    CHECK_PARAMS(param_is(c, OD_TRANSCRIPT, "Transcript") && param_is(c, OD_INPUT, "InputObject"));
    struct out_state *st = cmd_state(c);
    /* -Transcript writes only to a transcript, and none is running */
    out_start(st, c, cmd_switch(c, OD_TRANSCRIPT) ? OUT_NONE : OUT_HOST, OD_INPUT, 0);
    return EV_OK;
}

static enum ev out_host_begin(struct cmd_ctx *c)
{
    CHECK_PARAMS(param_is(c, OH_PAGING, "Paging") && param_is(c, OH_INPUT, "InputObject"));
    out_start(cmd_state(c), c, OUT_HOST, OH_INPUT, 0);
    return EV_OK;
}

static enum ev out_string_begin(struct cmd_ctx *c)
{
    CHECK_PARAMS(param_is(c, OS_STREAM, "Stream") && param_is(c, OS_WIDTH, "Width") &&
           param_is(c, OS_INPUT, "InputObject"));
    enum ev rc = check_range(c, OS_WIDTH, "Width", 2);
    if (rc)
        return rc;
    struct out_state *st = cmd_state(c);
    st->stream = cmd_switch(c, OS_STREAM);
    out_start(st, c, OUT_STRING, OS_INPUT, int_arg(c, OS_WIDTH, fmt_console_columns()));
    return EV_OK;
}

/* The -Encoding of Out-File: "unknown" and "string" are Unicode, as in 5.1. */
static enum data_enc out_file_encoding(val v)
{
    if (val_kind(v) != VAL_STRING)
        return ENC_UNICODE;
    if (text_ieq(val_str(v), val_str_len(v), "unknown", 7) || text_ieq(val_str(v), val_str_len(v), "string", 6))
        return ENC_UNICODE;
    enum data_enc e = data_enc_of(v);
    return e == ENC_NONE ? ENC_UNICODE : e;
}

static enum ev out_file_begin(struct cmd_ctx *c)
{
    CHECK_PARAMS(param_is(c, OF_FILEPATH, "FilePath") && param_is(c, OF_LITERALPATH, "LiteralPath") &&
           param_is(c, OF_ENCODING, "Encoding") && param_is(c, OF_APPEND, "Append") &&
           param_is(c, OF_FORCE, "Force") && param_is(c, OF_NOCLOBBER, "NoClobber") &&
           param_is(c, OF_WIDTH, "Width") && param_is(c, OF_NONEWLINE, "NoNewline") &&
           param_is(c, OF_INPUT, "InputObject"));
    enum ev rc = check_range(c, OF_WIDTH, "Width", 2);
    if (rc)
        return rc;
    struct out_state *st = cmd_state(c);
    st->kind = OUT_NONE;
    bool literal = cmd_bound(c, OF_LITERALPATH);
    val path = cmd_arg(c, literal ? OF_LITERALPATH : OF_FILEPATH);
    const char *p = val_kind(path) == VAL_STRING ? val_str(path) : "";
    bool yes = false;
    rc = cmd_should_process(c, p, "Output to File", &yes);
    if (rc)
        return rc;
    if (!yes)
        return EV_OK;
    rc = data_open_write(c, p, literal, out_file_encoding(cmd_arg(c, OF_ENCODING)), cmd_switch(c, OF_APPEND),
                         cmd_switch(c, OF_FORCE), cmd_switch(c, OF_NOCLOBBER), &st->file);
    if (rc)
        return rc;
    st->no_newline = cmd_switch(c, OF_NONEWLINE);
    out_start(st, c, OUT_FILE, OF_INPUT, int_arg(c, OF_WIDTH, fmt_console_columns()));
    return EV_OK;
}

CMDLET_DEFINE(cmd_out_default, .begin = out_default_begin, .process = out_process, .end = out_end,
              .state_size = sizeof(struct out_state), .release = out_release);
CMDLET_DEFINE(cmd_out_host, .begin = out_host_begin, .process = out_process, .end = out_end,
              .state_size = sizeof(struct out_state), .release = out_release);
CMDLET_DEFINE(cmd_out_string, .begin = out_string_begin, .process = out_process, .end = out_end,
              .state_size = sizeof(struct out_state), .release = out_release);
CMDLET_DEFINE(cmd_out_file, .begin = out_file_begin, .process = out_process, .end = out_end,
              .state_size = sizeof(struct out_state), .release = out_release);

/* }=== */
