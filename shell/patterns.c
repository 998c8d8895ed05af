/*
** patterns.c - the operators that take patterns or formats: -like,
** -match (which sets $Matches), -replace, -split, -f, and the clause tests
** of switch -Wildcard / -Regex / -Exact.
*/
#include "eval_int.h"
#include "netfmt.h"
#include "ops.h"
#include "regex.h"
#include "text.h"
#include "wildcard.h"

#include <stdlib.h>
#include <string.h>

static enum ev regex_error(struct interp *in, const struct ast_node *at, const char *pattern,
                           struct rx_error *err)
{
    struct buf m = BUF_INIT;
    if (err->msg)
        buf_puts(&m, err->msg);
    else
        buf_printf(&m, "The regular expression pattern %s is not valid.", pattern);
    struct err_spec spec = {buf_cstr(&m), "InvalidRegularExpression", "InvalidOperation",
                            "System.Management.Automation.RuntimeException", val_nothing(), NULL};
    spec.target = val_str_new(pattern);
    enum ev rc = ev_throw(in, at, &spec);
    val_free(spec.target);
    buf_release(&m);
    rx_error_clear(err);
    return rc;
}

static enum ev match_limit(struct interp *in, const struct ast_node *at, int code)
{
    struct err_spec spec = {rx_strerror(code), "RegexMatchTimeoutException", "OperationTimeout",
                            "System.Text.RegularExpressions.RegexMatchTimeoutException", val_nothing(), NULL};
    return ev_throw(in, at, &spec);
}

static struct rx *pattern(struct interp *in, const struct ast_node *at, val pat, bool icase,
                          enum ev *rc)
{
    struct buf p = BUF_INIT;
    conv_str(pat, &p);
    struct rx_error err = RX_ERROR_INIT;
    struct rx *rx = rx_get(buf_cstr(&p), p.len, icase ? RX_IGNORECASE : RX_NONE, &err);
    *rc = rx ? EV_OK : regex_error(in, at, buf_cstr(&p), &err);
    buf_release(&p);
    return rx;
}

/* $Matches from a match: numbered groups, then named ones. */
static val matches_table(const struct rx *rx, const struct rx_match *m, const char *s)
{
    val h = val_hash_new(false);
    for (size_t i = 0; i < rx_group_count(rx); i++) {
        if (!rx_group_matched(m, i))
            continue;
        val key = rx_group_is_named(rx, i) ? val_str_new(rx_group_name(rx, i)) : val_int(rx_group_number(rx, i));
        h = val_hash_set(h, key, val_str_n(s + m->span[2 * i], m->span[2 * i + 1] - m->span[2 * i]));
    }
    return h;
}

static enum ev like_or_match(struct interp *in, const struct ast_node *at, enum ast_op base,
                             bool icase, val l, val r, bool *yes, bool set_matches)
{
    struct buf s = BUF_INIT;
    conv_str(l, &s);
    enum ev rc = EV_OK;
    if (base == OP_LIKE || base == OP_NOTLIKE) {
        struct buf p = BUF_INIT;
        conv_str(r, &p);
        int got = wc_match(buf_cstr(&p), p.len, buf_cstr(&s), s.len, icase ? WC_NONE : WC_CASE_SENSITIVE);
        if (got == WC_E_PATTERN) {
            struct buf m = BUF_INIT;
            wc_error_message(buf_cstr(&p), p.len, &m);
            struct err_spec spec = {buf_cstr(&m), "RuntimeException", "InvalidOperation",
                                    "System.Management.Automation.WildcardPatternException", val_nothing(), NULL};
            rc = ev_throw(in, at, &spec);
            buf_release(&m);
        }
        *yes = got == 1;
        buf_release(&p);
    } else {
        struct rx *rx = pattern(in, at, r, icase, &rc);
        if (rx) {
            struct rx_match m = RX_MATCH_INIT;
            int got = rx_exec(rx, buf_cstr(&s), s.len, 0, &m);
            if (got < 0)
                rc = match_limit(in, at, got);
            *yes = got > 0;
            if (got > 0 && set_matches)
                ev_var_set(in, at, "Matches", 7, matches_table(rx, &m, buf_cstr(&s)));
            rx_match_release(&m);
        }
    }
    if (base == OP_NOTLIKE || base == OP_NOTMATCH)
        *yes = !*yes;
    buf_release(&s);
    return rc;
}

struct split_ctx {
    val out;
};

static int split_piece(void *ctx, const char *piece, size_t len, bool captured)
{
    struct split_ctx *sc = ctx;
    (void)captured;
    sc->out = val_arr_push(sc->out, val_str_n(piece, len));
    return 0;
}

/* -split with a pattern, optional max-substrings and options (simplematch ...). */
static enum ev split(struct interp *in, const struct ast_node *at, bool icase, val l, val r, val *out)
{
    val pat = r, maxv = val_nothing(), opts = val_nothing();
    if (val_kind(r) == VAL_ARRAY) {
        pat = val_arr_len(r) > 0 ? val_arr_items(r)[0] : val_str_new(" ");
        if (val_arr_len(r) > 1)
            maxv = val_arr_items(r)[1];
        if (val_arr_len(r) > 2)
            opts = val_arr_items(r)[2];
    }
    int32_t max = 0;
    if (val_kind(maxv) != VAL_NOTHING)
        conv_to_int32(maxv, &max, NULL);
    bool simple = false;
    unsigned flags = icase ? RX_IGNORECASE : RX_NONE;
    if (val_kind(opts) != VAL_NOTHING) {
        struct buf o = BUF_INIT;
        conv_str(opts, &o);
        const char *os = buf_cstr(&o);
        if (strstr(os, "SimpleMatch") || strstr(os, "simplematch"))
            simple = true;
        if (strstr(os, "IgnoreCase"))
            flags |= RX_IGNORECASE;
        if (strstr(os, "Multiline"))
            flags |= RX_MULTILINE;
        if (strstr(os, "Singleline"))
            flags |= RX_SINGLELINE;
        buf_release(&o);
    }
    struct buf p = BUF_INIT;
    conv_str(pat, &p);
    if (simple) {
        struct buf e = BUF_INIT;
        rx_escape(buf_cstr(&p), p.len, &e);
        buf_release(&p);
        p = e;
    }
    struct rx_error err = RX_ERROR_INIT;
    struct rx *rx = rx_get(buf_cstr(&p), p.len, flags, &err);
    if (!rx) {
        enum ev rc = regex_error(in, at, buf_cstr(&p), &err);
        buf_release(&p);
        return rc;
    }
    buf_release(&p);
    struct split_ctx sc = {val_arr_new()};
    uint32_t n = val_kind(l) == VAL_ARRAY ? val_arr_len(l) : 1;
    for (uint32_t i = 0; i < n; i++) {
        struct buf s = BUF_INIT;
        conv_str(val_kind(l) == VAL_ARRAY ? val_arr_items(l)[i] : l, &s);
        int code = rx_split(rx, buf_cstr(&s), s.len, max, split_piece, &sc);
        buf_release(&s);
        if (code < 0) {
            val_free(sc.out);
            return match_limit(in, at, code);
        }
    }
    *out = sc.out;
    return EV_OK;
}

struct eval_ctx {
    struct interp *in;
    const struct ast_node *at;
    val sb;
    enum ev rc;
    const struct rx *rx;
};

/* -replace with a script block (PowerShell 7): $_ is the Match. */
static int replace_with_block(void *ctx, const struct rx_match *m, const char *s, size_t n, struct buf *out)
{
    struct eval_ctx *ec = ctx;
    (void)n;
    val match = val_obj_new("System.Text.RegularExpressions.Match");
    match = val_obj_set(match, "Value", val_str_n(s + m->span[0], m->span[1] - m->span[0]));
    match = val_obj_set(match, "Index", val_int((int32_t)text_utf16_len(s, m->span[0])));
    match = val_obj_set(match, "Length", val_int((int32_t)text_utf16_len(s + m->span[0], m->span[1] - m->span[0])));
    match = val_obj_set(match, "Success", val_bool(true));
    match = val_obj_set(match, "\x01ToString", val_str_n(s + m->span[0], m->span[1] - m->span[0]));
    struct collector c;
    collector_init(&c);
    ec->rc = ev_call_scriptblock(ec->in, ec->at, ec->sb, match, NULL, 0, &c.s);
    val_free(match);
    val r = collector_result(&c);
    conv_str(r, out);
    val_free(r);
    return ec->rc ? 1 : 0;
}

static enum ev replace(struct interp *in, const struct ast_node *at, bool icase, val l, val r, val *out)
{
    val pat = r, with = val_nothing();
    if (val_kind(r) == VAL_ARRAY) {
        pat = val_arr_len(r) ? val_arr_items(r)[0] : val_str_new("");
        if (val_arr_len(r) > 1)
            with = val_arr_items(r)[1];
    }
    enum ev rc;
    struct rx *rx = pattern(in, at, pat, icase, &rc);
    if (!rx)
        return rc;
    rx = rx_retain(rx); /* a script block may compile other patterns meanwhile */
    struct buf w = BUF_INIT;
    if (val_kind(with) != VAL_SCRIPTBLOCK)
        conv_str(with, &w);
    uint32_t n = val_kind(l) == VAL_ARRAY ? val_arr_len(l) : 1;
    val res = val_arr_new();
    for (uint32_t i = 0; i < n; i++) {
        struct buf s = BUF_INIT, o = BUF_INIT;
        conv_str(val_kind(l) == VAL_ARRAY ? val_arr_items(l)[i] : l, &s);
        int code;
        enum ev erc = EV_OK;
        if (val_kind(with) == VAL_SCRIPTBLOCK) {
            struct eval_ctx ec = {in, at, with, EV_OK, rx};
            code = rx_replace_fn(rx, buf_cstr(&s), s.len, -1, replace_with_block, &ec, &o, NULL);
            erc = ec.rc;
        } else {
            code = rx_replace(rx, buf_cstr(&s), s.len, buf_cstr(&w), w.len, -1, &o, NULL);
        }
        if (!erc && code < 0)
            erc = match_limit(in, at, code);
        buf_release(&s);
        if (erc) {
            buf_release(&o);
            buf_release(&w);
            val_free(res);
            rx_release(rx);
            return erc;
        }
        res = val_arr_push(res, val_str_buf(&o));
    }
    buf_release(&w);
    rx_release(rx);
    if (val_kind(l) != VAL_ARRAY) {
        *out = val_arr_get(res, 0);
        val_free(res);
    } else {
        *out = res;
    }
    return EV_OK;
}

enum ev ev_pattern_op(struct interp *in, const struct ast_node *at, enum ast_op base, bool icase,
                      val l, val r, val *out);
enum ev ev_pattern_op(struct interp *in, const struct ast_node *at, enum ast_op base, bool icase,
                      val l, val r, val *out)
{
    switch (base) {
    case OP_LIKE:
    case OP_NOTLIKE:
    case OP_MATCH:
    case OP_NOTMATCH:
        if (val_kind(l) == VAL_ARRAY) {
            /* an array on the left filters; $Matches is not set */
            val res = val_arr_new();
            for (uint32_t i = 0; i < val_arr_len(l); i++) {
                bool yes;
                enum ev rc = like_or_match(in, at, base, icase, val_arr_items(l)[i], r, &yes, false);
                if (rc) {
                    val_free(res);
                    return rc;
                }
                if (yes)
                    res = val_arr_push(res, val_arr_get(l, i));
            }
            *out = res;
            return EV_OK;
        } else {
            bool yes;
            enum ev rc = like_or_match(in, at, base, icase, l, r, &yes, true);
            if (rc)
                return rc;
            *out = val_bool(yes);
            return EV_OK;
        }
    case OP_REPLACE:
        return replace(in, at, icase, l, r, out);
    default:
        return split(in, at, icase, l, r, out);
    }
}

enum ev ev_switch_test(struct interp *in, const struct ast_node *at, unsigned flags, val item,
                       val cond, bool *match);
enum ev ev_switch_test(struct interp *in, const struct ast_node *at, unsigned flags, val item,
                       val cond, bool *match)
{
    bool icase = !(flags & SWITCH_CASESENSITIVE);
    if (flags & SWITCH_REGEX)
        return like_or_match(in, at, OP_MATCH, icase, item, cond, match, true);
    if (flags & SWITCH_WILDCARD)
        return like_or_match(in, at, OP_LIKE, icase, item, cond, match, false);
    /* -Exact and the default: equality; strings compare as strings */
    if (val_kind(cond) == VAL_STRING) {
        struct buf s = BUF_INIT;
        conv_str(item, &s);
        *match = icase ? text_ieq(s.s ? s.s : "", s.len, val_str(cond), val_str_len(cond))
                       : (s.len == val_str_len(cond) && memcmp(buf_cstr(&s), val_str(cond), s.len) == 0);
        buf_release(&s);
        return EV_OK;
    }
    *match = ops_equal(item, cond, icase);
    return EV_OK;
}

/* -f: composite formatting, each argument formatted by its own kind. */
struct fmt_ctx {
    val args;
};

static enum nf_err format_arg(void *ctx, size_t index, const char *fmt, size_t fmtlen, struct buf *cell)
{
    struct fmt_ctx *fc = ctx;
    uint32_t n = val_kind(fc->args) == VAL_ARRAY ? val_arr_len(fc->args) : 1;
    if (index >= n)
        return NF_E_INDEX;
    if (!cell)
        return NF_OK;
    val v = val_kind(fc->args) == VAL_ARRAY ? val_arr_items(fc->args)[index] : fc->args;
    if (!fmt || !fmtlen) {
        conv_str(v, cell);
        return NF_OK;
    }
    switch (val_kind(v)) {
    case VAL_INT:
        return nf_format_int(cell, v.u.i, 32, fmt);
    case VAL_LONG:
        return nf_format_int(cell, v.u.i, 64, fmt);
    case VAL_DOUBLE:
        return nf_format_double(cell, v.u.d, fmt);
    case VAL_DECIMAL:
        return nf_format_decimal(cell, val_dec_get(v), fmt);
    case VAL_DATETIME:
        return dt_format(cell, v.u.i, conv_dt_kind(v), fmt, DT_EN_US) ? NF_E_FORMAT : NF_OK;
    case VAL_TIMESPAN:
        return ts_format(cell, v.u.i, fmt) ? NF_E_FORMAT : NF_OK;
    default:
        conv_str(v, cell);
        return NF_OK;
    }
}

enum ev ev_format_op(struct interp *in, const struct ast_node *at, val fmt, val args, val *out)
{
    struct buf f = BUF_INIT, o = BUF_INIT;
    conv_str(fmt, &f);
    struct fmt_ctx fc = {args};
    enum nf_err e = nf_composite(&o, buf_cstr(&f), f.len, format_arg, &fc);
    buf_release(&f);
    if (e) {
        buf_release(&o);
        struct buf m = BUF_INIT;
        buf_printf(&m, "Error formatting a string: %s", nf_err_str(e));
        struct err_spec spec = {buf_cstr(&m), "FormatError", "InvalidOperation",
                                "System.Management.Automation.RuntimeException", val_nothing(), NULL};
        enum ev rc = ev_throw(in, at, &spec);
        buf_release(&m);
        return rc;
    }
    *out = val_str_buf(&o);
    return EV_OK;
}
