/*
** test_lex.c - unit tests of the lexer (lex.h).
**
** Most tests scan a whole text in one mode and compare a compact listing of
** its tokens, one `KIND(text)` per token, with `!ErrorId` after a token that
** carries an error:
**
**     toks("2+2", LEX_EXPR)  ->  "NUMBER(2) PLUS(+) NUMBER(2)"
**     toks("2+2", LEX_CMD)   ->  "GENERIC(2+2)"
**
** Extents are checked through the text (a token's text is src[start..end)),
** and separately where a test needs offsets. Numbers are checked through
** lex_number_value().
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"

static const char *const kind_names[] = {
#define TOK(name, spelling) [TOK_##name] = #name,
#include "tokens.def"
#undef TOK
};

static struct buf out = BUF_INIT;

/* The compact listing of every token of src scanned in one mode. */
static const char *toks(const char *src, enum lex_mode mode)
{
    struct lexer lx;
    lex_init(&lx, src, (uint32_t)strlen(src));
    buf_reset(&out);
    uint32_t pos = lex_skip_preamble(&lx);
    for (int guard = 0; guard < 200; guard++) {
        struct token t = lex_scan(&lx, pos, mode);
        if (t.kind == TOK_EOF) {
            if (t.err)
                buf_printf(&out, "%sEOF!%s", out.len ? " " : "", perr_name((enum perr_id)t.err));
            break;
        }
        if (out.len)
            buf_putc(&out, ' ');
        buf_printf(&out, "%s(", kind_names[t.kind]);
        if (t.kind == TOK_NEWLINE)
            buf_puts(&out, t.end - t.start == 2 ? "\\r\\n" : "\\n");
        else
            buf_add(&out, src + t.start, t.end - t.start);
        buf_putc(&out, ')');
        if (t.err)
            buf_printf(&out, "!%s", perr_name((enum perr_id)t.err));
        assert_true(t.end > t.start); /* every token but EOF has text */
        pos = t.end;
    }
    lex_release(&lx);
    return buf_cstr(&out);
}

/* The first token of src in a mode. */
static struct token first(struct lexer *lx, const char *src, enum lex_mode mode)
{
    lex_init(lx, src, (uint32_t)strlen(src));
    return lex_scan(lx, lex_skip_preamble(lx), mode);
}

#define EXPR(src, want) assert_string_equal(toks(src, LEX_EXPR), want)
#define CMD(src, want)  assert_string_equal(toks(src, LEX_CMD), want)
#define BOTH(src, want) \
    do { EXPR(src, want); CMD(src, want); } while (0)

/* {======================================================= modes */

static void lex_modes_bare_words_and_operators(void **state)
{
    (void)state;
    EXPR("2+2", "NUMBER(2) PLUS(+) NUMBER(2)");
    CMD("2+2", "GENERIC(2+2)");
    EXPR("$a-eq$b", "VARIABLE($a) OPERATOR(-eq) VARIABLE($b)");
    CMD("-eq", "PARAMETER(-eq)");
    EXPR("-eq", "OPERATOR(-eq)");
    EXPR("a.b", "IDENT(a) DOT(.) IDENT(b)");
    CMD("a.b", "GENERIC(a.b)");
    CMD("Get-ChildItem C:\\x\\y.txt", "GENERIC(Get-ChildItem) GENERIC(C:\\x\\y.txt)");
    /* `a#b` is one word; `a{` is two tokens */
    CMD("a#b a{", "GENERIC(a#b) GENERIC(a) LCURLY({)");
    CMD("*.txt", "GENERIC(*.txt)");
    EXPR("3*4/2%5", "NUMBER(3) STAR(*) NUMBER(4) SLASH(/) NUMBER(2) PERCENT(%) NUMBER(5)");
    EXPR("1..10", "NUMBER(1) DOT_DOT(..) NUMBER(10)");
    EXPR("[int]::Max", "LBRACKET([) IDENT(int) RBRACKET(]) COLON_COLON(::) IDENT(Max)");
    CMD("[int]", "GENERIC([int])");
    EXPR("a,b;c|d", "IDENT(a) COMMA(,) IDENT(b) SEMI(;) IDENT(c) PIPE(|) IDENT(d)");
    BOTH("(){}", "LPAREN(() RPAREN()) LCURLY({) RCURLY(})");
    BOTH("@( @{ $(", "AT_PAREN(@() AT_CURLY(@{) DOLLAR_PAREN($()");
}

static void lex_modes_chain_and_background(void **state)
{
    (void)state;
    CMD("a && b || c &", "GENERIC(a) AND_AND(&&) GENERIC(b) OR_OR(||) GENERIC(c) AMP(&)");
    EXPR("$a && $b", "VARIABLE($a) AND_AND(&&) VARIABLE($b)");
}

static void lex_assignment_operators(void **state)
{
    (void)state;
    EXPR("= += -= *= /= %= ?\?=",
         "EQUALS(=) PLUS_EQ(+=) MINUS_EQ(-=) STAR_EQ(*=) SLASH_EQ(/=) PERCENT_EQ(%=) QQ_EQ(?\?=)");
    EXPR("++ -- ! ?? ? ?. ?[",
         "PLUS_PLUS(++) MINUS_MINUS(--) EXCLAIM(!) QQ(?\?) QUESTION(?) QDOT(?.) QLBRACKET(?[)");
    /* in command mode these are words */
    CMD("+= ?? !x", "GENERIC(+=) GENERIC(?\?) GENERIC(!x)");
    /* a lone = is the equals token in both modes (a=b is one word) */
    CMD("= a=b", "EQUALS(=) GENERIC(a=b)");
}

/* }======================================================= */

/* {======================================================= parameters */

static void lex_parameters(void **state)
{
    (void)state;
    CMD("-Name", "PARAMETER(-Name)");
    CMD("-Name:", "PARAMETER(-Name:)");
    CMD("-Name:value", "PARAMETER(-Name:) GENERIC(value)");
    CMD("-Name:$x", "PARAMETER(-Name:) VARIABLE($x)");
    CMD("-a -b", "PARAMETER(-a) PARAMETER(-b)");
    /* a dash before a digit is a negative number in command mode */
    CMD("-1 -1.5", "NUMBER(-1) NUMBER(-1.5)");
    /* a lone dash and a dash before a quote are words */
    CMD("- -'x'", "GENERIC(-) GENERIC(-'x')");
    /* in expression mode an unknown dash word is still a parameter token */
    EXPR("-Name", "PARAMETER(-Name)");
    EXPR("-", "MINUS(-)");
    EXPR("-$x", "MINUS(-) VARIABLE($x)");
    EXPR("--$x", "MINUS_MINUS(--) VARIABLE($x)");
    EXPR("-=", "MINUS_EQ(-=)");

    struct lexer lx;
    struct token t = first(&lx, "-Name:value", LEX_CMD);
    assert_int_equal(t.kind, TOK_PARAMETER);
    assert_true(t.flags & TF_COLON);
    struct buf b = BUF_INIT;
    lex_cook_bare(&lx, &t, &b);
    assert_string_equal(b.s, "Name"); /* no dash, no colon */
    lex_release(&lx);
    t = first(&lx, "-Name value", LEX_CMD);
    assert_false(t.flags & TF_COLON);
    buf_reset(&b);
    lex_cook_bare(&lx, &t, &b);
    assert_string_equal(b.s, "Name");
    lex_release(&lx);
    buf_release(&b);
}

static void lex_stop_parsing(void **state)
{
    (void)state;
    CMD("--% a \"b\" $c", "STOP_PARSING(--% a \"b\" $c)");
    /* it runs to the end of the line or a pipe */
    CMD("--% a b\nc", "STOP_PARSING(--% a b) NEWLINE(\\n) GENERIC(c)");
    CMD("--% x | y", "STOP_PARSING(--% x ) PIPE(|) GENERIC(y)");
    /* --%x is a plain word, -- a word too */
    CMD("--%x --", "GENERIC(--%x) GENERIC(--)");
    EXPR("--", "MINUS_MINUS(--)");
}

/* The shapes lex_scan() takes on its short path at a dash, and their edges */
static void lex_dash_words(void **state)
{
    (void)state;
    /* a parameter ends at a byte that ends any word, at a colon, or at the end */
    CMD("-Name(-Name,-Name;-Name|-Name}", "PARAMETER(-Name) LPAREN(() PARAMETER(-Name) "
        "COMMA(,) PARAMETER(-Name) SEMI(;) PARAMETER(-Name) PIPE(|) PARAMETER(-Name) RCURLY(})");
    CMD("-Name\t-Name\n-a", "PARAMETER(-Name) PARAMETER(-Name) NEWLINE(\\n) PARAMETER(-a)");
    CMD("-a_b-c.d:x", "PARAMETER(-a_b-c.d:) GENERIC(x)");
    CMD("-_x -x1 -x:", "PARAMETER(-_x) PARAMETER(-x1) PARAMETER(-x:)");
    CMD("-x::", "PARAMETER(-x:) GENERIC(:)");
    /* a quote, a dollar or a backtick in the name makes it a bare word */
    CMD("-Na$me -Na'me' -Na\"me\" -Na`me", "GENERIC(-Na$me) GENERIC(-Na'me') "
        "GENERIC(-Na\"me\") GENERIC(-Na`me)");
    /* a non-ASCII byte in the name: the careful loop decides */
    CMD("-Nam\xC3\xA9 -x\xE2\x80\x93y", "PARAMETER(-Nam\xC3\xA9) PARAMETER(-x\xE2\x80\x93y)");
    CMD("-\xC3\xA9x", "PARAMETER(-\xC3\xA9x)");
    CMD("-?", "PARAMETER(-?)");
    CMD("-.5 -5x -", "NUMBER(-.5) GENERIC(-5x) GENERIC(-)");
    /* an operator ends at a byte that is no identifier character */
    EXPR("-eq(-eq$x-eq:", "OPERATOR(-eq) LPAREN(() OPERATOR(-eq) VARIABLE($x) OPERATOR(-eq) "
         "COLON(:)");
    EXPR("-eq1 -eq_ -eqx", "PARAMETER(-eq1) PARAMETER(-eq_) PARAMETER(-eqx)");
    EXPR("-eq\xC3\xA9", "PARAMETER(-eq\xC3\xA9)");
    EXPR("-eq\xE2\x80\x93", "OPERATOR(-eq) MINUS(\xE2\x80\x93)");
    EXPR("-is -isnot -IsNot", "OPERATOR(-is) OPERATOR(-isnot) OPERATOR(-IsNot)");
    EXPR("-_", "PARAMETER(-_)");
    EXPR("-eq", "OPERATOR(-eq)");
}

/* The tokens at | @ : \r and digits lex_scan() takes on its short path */
static void lex_short_path_tokens(void **state)
{
    (void)state;
    EXPR("a|b||c |", "IDENT(a) PIPE(|) IDENT(b) OR_OR(||) IDENT(c) PIPE(|)");
    CMD("a|b||c |", "GENERIC(a) PIPE(|) GENERIC(b) OR_OR(||) GENERIC(c) PIPE(|)");
    BOTH("@(@{", "AT_PAREN(@() AT_CURLY(@{)");
    EXPR("@x @ @'\nq\n'@", "SPLAT(@x) GENERIC(@) HERE_SQ(@'\nq\n'@)");
    EXPR("[a]::b :c", "LBRACKET([) IDENT(a) RBRACKET(]) COLON_COLON(::) IDENT(b) LABEL(:c)");
    CMD(":: :c :", "COLON_COLON(::) LABEL(:c) GENERIC(:)");
    BOTH("\r\n\r\r\n", "NEWLINE(\\r\\n) NEWLINE(\\n) NEWLINE(\\r\\n)");
    /* a number of digits ends at a byte that ends any word */
    BOTH("1 23,4;5)6", "NUMBER(1) NUMBER(23) COMMA(,) NUMBER(4) SEMI(;) NUMBER(5) RPAREN()) "
         "NUMBER(6)");
    BOTH("12|3}", "NUMBER(12) PIPE(|) NUMBER(3) RCURLY(})");
    EXPR("1.5 1..2 0x1F 1kb 1e3 10l 1+2 1]",
         "NUMBER(1.5) NUMBER(1) DOT_DOT(..) NUMBER(2) NUMBER(0x1F) NUMBER(1kb) NUMBER(1e3) "
         "NUMBER(10l) NUMBER(1) PLUS(+) NUMBER(2) NUMBER(1) RBRACKET(])");
    CMD("1.5 0x1F 7z 1+2", "NUMBER(1.5) NUMBER(0x1F) GENERIC(7z) GENERIC(1+2)");
    CMD("2>&1 2>x 1", "REDIRECT(2>&1) REDIRECT(2>) GENERIC(x) NUMBER(1)");
    EXPR("1 2>x", "NUMBER(1) REDIRECT(2>) IDENT(x)");
    /* in command mode, words at . [ ] =, and a lone . or = */
    CMD(". .x .x.y(.5 ..", "DOT(.) GENERIC(.x) GENERIC(.x.y) LPAREN(() NUMBER(.5) GENERIC(..)");
    CMD(".$x .'a' =$x", "GENERIC(.$x) GENERIC(.'a') GENERIC(=$x)");
    CMD("= =x [a] [a]$b ]x", "EQUALS(=) GENERIC(=x) GENERIC([a]) GENERIC([a]$b) GENERIC(]x)");
    CMD(".\n=;[", "DOT(.) NEWLINE(\\n) EQUALS(=) SEMI(;) GENERIC([)");
}

/* }======================================================= */

/* {======================================================= numbers */

static void lex_number_tokens(void **state)
{
    (void)state;
    BOTH("42", "NUMBER(42)");
    BOTH("0x1F", "NUMBER(0x1F)");
    BOTH("1.5e3", "NUMBER(1.5e3)");
    BOTH("1e-3", "NUMBER(1e-3)");
    BOTH("1E+3", "NUMBER(1E+3)");
    BOTH(".5", "NUMBER(.5)");
    /* a trailing dot belongs to the number, as in PowerShell */
    BOTH("1. 2.e3", "NUMBER(1.) NUMBER(2.e3)");
    EXPR("1.5.ToString", "NUMBER(1.5) DOT(.) IDENT(ToString)");
    BOTH("1.x", "GENERIC(1.x)");
    BOTH("10l 5u 1.5d 7s 3y 2n 5ul 5uy 5us", "NUMBER(10l) NUMBER(5u) NUMBER(1.5d) NUMBER(7s) "
                                             "NUMBER(3y) NUMBER(2n) NUMBER(5ul) NUMBER(5uy) "
                                             "NUMBER(5us)");
    BOTH("1kb 2MB 3gb 4Tb 5pb 1.5kb 0x10kb",
         "NUMBER(1kb) NUMBER(2MB) NUMBER(3gb) NUMBER(4Tb) NUMBER(5pb) NUMBER(1.5kb) NUMBER(0x10kb)");
    BOTH("0b1010", "NUMBER(0b1010)");
    BOTH("0x10s 0x10uy", "NUMBER(0x10s) NUMBER(0x10uy)");
    /* not numbers: a letter follows */
    BOTH("7z", "GENERIC(7z)");
    CMD("1e 1k 12ab 0xZ", "GENERIC(1e) GENERIC(1k) GENERIC(12ab) GENERIC(0xZ)");
    /* an operator character ends a number in expression mode only */
    EXPR("7+", "NUMBER(7) PLUS(+)");
    CMD("7+", "GENERIC(7+)");
    EXPR("1-2", "NUMBER(1) MINUS(-) NUMBER(2)");
    EXPR("1-eq 1", "NUMBER(1) OPERATOR(-eq) NUMBER(1)");
    EXPR("$a[1]", "VARIABLE($a) LBRACKET([) NUMBER(1) RBRACKET(])");
    CMD("1,2", "NUMBER(1) COMMA(,) NUMBER(2)");
    CMD("1;2", "NUMBER(1) SEMI(;) NUMBER(2)");
}

static void check_num(const char *text, enum num_kind kind, int64_t i, double d)
{
    struct lex_number n;
    if (!lex_number_value(text, strlen(text), &n))
        fail_msg("lex_number_value(%s) failed", text);
    if (n.kind != kind)
        fail_msg("%s: kind %d, want %d", text, (int)n.kind, (int)kind);
    switch (kind) {
    case NUM_DOUBLE:
    case NUM_DECIMAL:
        if (n.d != d)
            fail_msg("%s: %.17g, want %.17g", text, n.d, d);
        break;
    default:
        if (n.i != i)
            fail_msg("%s: %lld, want %lld", text, (long long)n.i, (long long)i);
        break;
    }
}

static void lex_number_values(void **state)
{
    (void)state;
    check_num("0", NUM_INT32, 0, 0);
    check_num("42", NUM_INT32, 42, 0);
    check_num("-42", NUM_INT32, -42, 0);
    check_num("2147483647", NUM_INT32, 2147483647, 0);
    check_num("2147483648", NUM_INT64, 2147483648LL, 0);
    check_num("-2147483648", NUM_INT32, -2147483647LL - 1, 0);
    check_num("9223372036854775807", NUM_INT64, INT64_MAX, 0);
    /* hexadecimal: 8 digits fill an int32, sign bit and all, as in PowerShell */
    check_num("0xFF", NUM_INT32, 255, 0);
    check_num("0xFFFFFFFF", NUM_INT32, -1, 0);
    check_num("0x80000000", NUM_INT32, INT32_MIN, 0);
    check_num("0x7FFFFFFF", NUM_INT32, INT32_MAX, 0);
    check_num("0x100000000", NUM_INT64, 4294967296LL, 0);
    check_num("0xFFFFFFFFFFFFFFFF", NUM_INT64, -1, 0);
    check_num("0x1d", NUM_INT32, 29, 0); /* d is a digit here, not the decimal suffix */
    check_num("0b101", NUM_INT32, 5, 0);
    /* real numbers */
    check_num("1.5", NUM_DOUBLE, 0, 1.5);
    check_num("1.5e3", NUM_DOUBLE, 0, 1500.0);
    check_num("1e3", NUM_DOUBLE, 0, 1000.0);
    check_num(".25", NUM_DOUBLE, 0, 0.25);
    check_num("1.", NUM_DOUBLE, 0, 1.0);
    check_num("1.e2", NUM_DOUBLE, 0, 100.0);
    check_num("1e-2", NUM_DOUBLE, 0, 0.01);
    /* suffixes */
    check_num("10l", NUM_INT64, 10, 0);
    check_num("10L", NUM_INT64, 10, 0);
    check_num("1.5d", NUM_DECIMAL, 0, 1.5);
    check_num("3d", NUM_DECIMAL, 0, 3.0);
    check_num("5u", NUM_UINT32, 5, 0);
    check_num("5ul", NUM_UINT64, 5, 0);
    check_num("5uy", NUM_BYTE, 5, 0);
    check_num("5us", NUM_UINT16, 5, 0);
    check_num("5y", NUM_SBYTE, 5, 0);
    check_num("5s", NUM_INT16, 5, 0);
    check_num("5n", NUM_BIGINT, 5, 0);
    check_num("0xFFl", NUM_INT64, 255, 0);
    check_num("1e3l", NUM_INT64, 1000, 0);
    /* multipliers */
    check_num("1kb", NUM_INT32, 1024, 0);
    check_num("1KB", NUM_INT32, 1024, 0);
    check_num("3mb", NUM_INT32, 3LL << 20, 0);
    check_num("1gb", NUM_INT32, 1LL << 30, 0);
    check_num("2gb", NUM_INT64, 2LL << 30, 0);
    check_num("1tb", NUM_INT64, 1LL << 40, 0);
    check_num("1pb", NUM_INT64, 1LL << 50, 0);
    check_num("1.5kb", NUM_DOUBLE, 0, 1536.0);
    check_num("0x10kb", NUM_INT32, 16384, 0);
    check_num("10lkb", NUM_INT64, 10240, 0);
    /* the sign rule applies to 8 and 16 digits only, and not with u */
    check_num("0x0FFFFFFFF", NUM_INT64, 4294967295LL, 0);
    check_num("0xFFFF", NUM_INT32, 65535, 0);
    check_num("0xFFFFFFFFu", NUM_UINT32, 4294967295LL, 0);
    check_num("0xFFFFFFFFl", NUM_INT64, -1, 0);
    check_num("0x00000000FFFFFFFF", NUM_INT64, 4294967295LL, 0);
    check_num("0x10s", NUM_INT16, 16, 0);
    check_num("0x10y", NUM_SBYTE, 16, 0);
    check_num("0x10uy", NUM_BYTE, 16, 0);
    check_num("0b11111111111111111111111111111111", NUM_INT32, -1, 0);
    /* u grows to uint64 */
    check_num("5000000000u", NUM_UINT64, 5000000000LL, 0);
    /* past int64: decimal while it fits System.Decimal, then double */
    check_num("9223372036854775808", NUM_DECIMAL, 0, 9223372036854775808.0);
    check_num("99999999999999999999", NUM_DECIMAL, 0, 1e20);
    check_num("1e30", NUM_DOUBLE, 0, 1e30);
    check_num("100000000000000000000000000000", NUM_DOUBLE, 0, 1e29);
    /* no overflow in the multiplier: 9999999999 PiB does not fit int64 */
    check_num("9999999999pb", NUM_DECIMAL, 0, 9999999999.0 * 1125899906842624.0);
    check_num("-9223372036854775808", NUM_INT64, INT64_MIN, 0);
}

static void lex_number_value_limits(void **state)
{
    (void)state;
    struct lex_number n;
    /* too long for the scratch buffer */
    char longnum[200];
    memset(longnum, '1', sizeof longnum - 1);
    longnum[sizeof longnum - 1] = '\0';
    assert_false(lex_number_value(longnum, strlen(longnum), &n));
    /* an integer too big for int64 falls back to a wider type */
    assert_true(lex_number_value("99999999999999999999", 20, &n));
    assert_true(n.kind == NUM_DECIMAL || n.kind == NUM_DOUBLE);
    assert_true(n.d > 9.9e19 && n.d < 1.1e20);
}

/* }======================================================= */

/* {======================================================= variables */

static void lex_variable_forms(void **state)
{
    (void)state;
    BOTH("$x", "VARIABLE($x)");
    BOTH("${any name}", "VARIABLE(${any name})");
    BOTH("$env:PATH", "VARIABLE($env:PATH)");
    BOTH("$script:x", "VARIABLE($script:x)");
    BOTH("$_", "VARIABLE($_)");
    BOTH("$?", "VARIABLE($?)");
    BOTH("$^", "VARIABLE($^)");
    BOTH("$$", "VARIABLE($$)");
    BOTH("@splat", "SPLAT(@splat)");
    BOTH("$x1_y", "VARIABLE($x1_y)");
    EXPR("$a.b", "VARIABLE($a) DOT(.) IDENT(b)");
    EXPR("$a[0]", "VARIABLE($a) LBRACKET([) NUMBER(0) RBRACKET(])");
    EXPR("$a::b", "VARIABLE($a) COLON_COLON(::) IDENT(b)");
    /* ? is a name character after the first, as in PowerShell */
    EXPR("$x?.y", "VARIABLE($x?) DOT(.) IDENT(y)");
    EXPR("$x ?? $y", "VARIABLE($x) QQ(?\?) VARIABLE($y)");
    /* (the parser reads a member name with lex_member_name, not lex_scan) */
    CMD("$a.b", "VARIABLE($a) GENERIC(.b)");
    /* in command mode a variable with more text after it is one word */
    CMD("$a-b $a/x", "GENERIC($a-b) GENERIC($a/x)");
    /* a lone $ */
    CMD("$", "GENERIC($)");
    EXPR("$", "GENERIC($)!InvalidVariableReference");
    /* braced names keep escaped characters */
    BOTH("${a`}b}", "VARIABLE(${a`}b})");
    EXPR("${x}?.y", "VARIABLE(${x}) QDOT(?.) IDENT(y)");
}

static void check_varname(const char *src, const char *name, size_t scope_len, bool braced)
{
    struct buf b = BUF_INIT;
    struct lexer lx;
    struct token t = first(&lx, src, LEX_EXPR);
    size_t sl = 99;
    bool br = !braced;
    lex_variable_name(&lx, t.start, t.end, &b, &sl, &br);
    if (strcmp(buf_cstr(&b), name) != 0)
        fail_msg("%s: name '%s', want '%s'", src, buf_cstr(&b), name);
    assert_int_equal(sl, scope_len);
    assert_int_equal(br, braced);
    buf_release(&b);
    lex_release(&lx);
}

static void lex_variable_names(void **state)
{
    (void)state;
    check_varname("$x", "x", 0, false);
    check_varname("$env:PATH", "env:PATH", 4, false);
    check_varname("$script:count", "script:count", 7, false);
    check_varname("${any name}", "any name", 0, true);
    check_varname("${C:\\x.txt}", "C:\\x.txt", 2, true);
    check_varname("${a`}b}", "a}b", 0, true);
    check_varname("@splat", "splat", 0, false);
    check_varname("$_", "_", 0, false);
    check_varname("$?", "?", 0, false);
}

static void lex_variable_errors(void **state)
{
    (void)state;
    EXPR("${abc", "VARIABLE(${abc)!IncompleteDollarVariableReference");
    EXPR("${}", "VARIABLE(${})!EmptyVariableReference");
    EXPR("$x: ", "VARIABLE($x:)!InvalidVariableReferenceWithDrive");
}

/* }======================================================= */

/* {======================================================= strings */

static void lex_string_tokens(void **state)
{
    (void)state;
    BOTH("'a b'", "STRING_SQ('a b')");
    BOTH("'it''s'", "STRING_SQ('it''s')");
    BOTH("\"a $x b\"", "STRING_DQ(\"a $x b\")");
    BOTH("\"say \"\"hi\"\"\"", "STRING_DQ(\"say \"\"hi\"\"\")");
    BOTH("\"a `\" b\"", "STRING_DQ(\"a `\" b\")");
    /* a $( ) inside a string may hold quotes and parentheses */
    BOTH("\"x $(\"(\" + ')') y\"", "STRING_DQ(\"x $(\"(\" + ')') y\")");
    /* in command mode a string with more text after it is one word */
    CMD("'a'b \"c\"d", "GENERIC('a'b) GENERIC(\"c\"d)");
    EXPR("'a'b", "STRING_SQ('a') IDENT(b)");
}

/* The strings lex_scan() takes on its short path, and their edges */
static void lex_plain_strings(void **state)
{
    (void)state;
    BOTH("'a'(\"b\")", "STRING_SQ('a') LPAREN(() STRING_DQ(\"b\") RPAREN())");
    BOTH("'a';\"b\"", "STRING_SQ('a') SEMI(;) STRING_DQ(\"b\")");
    BOTH("'a' \"b\"", "STRING_SQ('a') STRING_DQ(\"b\")");
    BOTH("\"'\" '\"'", "STRING_DQ(\"'\") STRING_SQ('\"')");
    CMD("'a'.b \"a\"[0]", "STRING_SQ('a') GENERIC(.b) STRING_DQ(\"a\") GENERIC([0])");
    EXPR("'a'.b \"a\"[0]", "STRING_SQ('a') DOT(.) IDENT(b) STRING_DQ(\"a\") LBRACKET([) "
         "NUMBER(0) RBRACKET(])");
    CMD("'a'-b \"a\"=b", "GENERIC('a'-b) GENERIC(\"a\"=b)");
    EXPR("'a'-b", "STRING_SQ('a') PARAMETER(-b)");
    /* a closing quote doubled, or one followed by a Unicode quote */
    BOTH("'a''' \"a\"\"\"", "STRING_SQ('a''') STRING_DQ(\"a\"\"\")");
    BOTH("'a'\xE2\x80\x99'", "STRING_SQ('a'\xE2\x80\x99')");
    CMD("'a'\xE2\x80\x93" "b", "GENERIC('a'\xE2\x80\x93" "b)");
    CMD("'a'\xC2\xA0x", "STRING_SQ('a') GENERIC(x)");
    /* a string that is not closed */
    EXPR("'ab", "STRING_SQ('ab)!TerminatorExpectedAtEndOfString");
    EXPR("\"ab", "STRING_DQ(\"ab)!TerminatorExpectedAtEndOfString");

    struct lexer lx;
    struct token t = first(&lx, "'ab'", LEX_CMD);
    assert_true(t.flags & TF_PLAIN);
    lex_release(&lx);
    t = first(&lx, "'ab'x", LEX_CMD);
    assert_false(t.flags & TF_PLAIN);
    lex_release(&lx);
    t = first(&lx, "\"a$b\"", LEX_EXPR);
    assert_false(t.flags & TF_PLAIN);
    lex_release(&lx);
}

static void lex_here_strings(void **state)
{
    (void)state;
    BOTH("@'\nline $x\n'@", "HERE_SQ(@'\nline $x\n'@)");
    BOTH("@\"\nline $x\n\"@", "HERE_DQ(@\"\nline $x\n\"@)");
    /* a quote-at inside a line does not end it; only at the start of a line */
    BOTH("@'\na '@ b\n'@", "HERE_SQ(@'\na '@ b\n'@)");
    BOTH("@'\n'@", "HERE_SQ(@'\n'@)");
    BOTH("@'\r\nx\r\n'@", "HERE_SQ(@'\r\nx\r\n'@)");
    EXPR("@'x\n'@", "HERE_SQ(@')!UnexpectedCharactersAfterHereStringHeader "
                    "IDENT(x) NEWLINE(\\n) STRING_SQ('@)!TerminatorExpectedAtEndOfString");
}

static void cook_sq(const char *src, const char *want)
{
    struct lexer lx;
    struct token t = first(&lx, src, LEX_EXPR);
    struct buf b = BUF_INIT;
    lex_cook_sq(&lx, &t, &b);
    assert_string_equal(buf_cstr(&b), want);
    buf_release(&b);
    lex_release(&lx);
}

struct walk_ctx {
    struct buf b;
    const char *src;
};

/* Collects the parts of expandable text as "T(text) V(var) S(subexpr)". */
static void collect(void *ctx, enum lex_part_kind kind, const char *text, size_t len,
                    uint32_t start, uint32_t end)
{
    struct walk_ctx *w = ctx;
    struct buf *b = &w->b;
    const char *src = w->src;
    if (b->len)
        buf_putc(b, ' ');
    switch (kind) {
    case LEX_PART_TEXT:
        buf_puts(b, "T(");
        buf_add(b, text, len);
        break;
    case LEX_PART_VARIABLE:
        buf_puts(b, "V(");
        buf_add(b, src + start, end - start);
        break;
    case LEX_PART_SUBEXPR:
        buf_puts(b, "S(");
        buf_add(b, src + start, end - start);
        break;
    }
    buf_putc(b, ')');
}

/* Walks the first token of src; want may hold NUL bytes (wantlen of them). */
static void walkn(const char *src, enum lex_mode mode, const char *want, size_t wantlen)
{
    struct lexer lx;
    struct token t = first(&lx, src, mode);
    struct walk_ctx ctx = {BUF_INIT, src};
    lex_walk_expandable(&lx, &t, collect, &ctx);
    if (ctx.b.len != wantlen || memcmp(buf_cstr(&ctx.b), want, wantlen) != 0)
        fail_msg("walk %s: got '%s', want '%s'", src, buf_cstr(&ctx.b), want);
    buf_release(&ctx.b);
    lex_release(&lx);
}

#define walk(src, mode, want) walkn(src, mode, want, sizeof(want) - 1)

static void lex_string_values(void **state)
{
    (void)state;
    cook_sq("'it''s'", "it's");
    cook_sq("'a `n $x'", "a `n $x"); /* no escapes in single quotes */
    cook_sq("@'\n  two\n  lines\n'@", "  two\n  lines");
    cook_sq("@'\n'@", "");
    cook_sq("\xE2\x80\x98smart\xE2\x80\x99", "smart");
    walk("\"a $x b\"", LEX_EXPR, "T(a ) V($x) T( b)");
    walk("\"`t`n`$x `\"q`\"\"", LEX_EXPR, "T(\t\n$x \"q\")");
    walk("\"say \"\"hi\"\"\"", LEX_EXPR, "T(say \"hi\")");
    walk("\"x $(1 + 2) y\"", LEX_EXPR, "T(x ) S(1 + 2) T( y)");
    walk("\"$env:PATH;${a b}\"", LEX_EXPR, "V($env:PATH) T(;) V(${a b})");
    walk("\"cost: $ 5\"", LEX_EXPR, "T(cost: $ 5)");
    walk("\"`u{48}`u{1F600}\"", LEX_EXPR, "T(H\xF0\x9F\x98\x80)");
    walk("\"`0`a`b`e`f`r`v\"", LEX_EXPR, "T(\0\a\b\x1b\f\r\v)");
    walk("@\"\nHi $name\n\"@", LEX_EXPR, "T(Hi ) V($name)");
    /* a bare word with expansions */
    walk("a$x.txt", LEX_CMD, "T(a) V($x) T(.txt)");
    walk("C:\\$(1)\\y", LEX_CMD, "T(C:\\) S(1) T(\\y)");
}

/* Text that is a run of the source is handed over from it; anything else
** after such a run goes into a buffer after it (see w_add_src) */
static void lex_text_runs(void **state)
{
    (void)state;
    walk("\"ab`tcd\"", LEX_EXPR, "T(ab\tcd)");
    walk("\"`tab\"", LEX_EXPR, "T(\tab)");
    walk("\"ab`xcd`\"\"", LEX_EXPR, "T(abxcd\")");
    walk("\"ab`u{48}cd\"", LEX_EXPR, "T(abHcd)");
    walk("\"a\"\"b $x c\"\"\"", LEX_EXPR, "T(a\"b ) V($x) T( c\")");
    walk("\"$ $x $ \"", LEX_EXPR, "T($ ) V($x) T( $ )");
    walk("\"$(1)$x\"", LEX_EXPR, "S(1) V($x)");
    /* in a bare word, the closing quote of a quoted part ends a part of text */
    walk("a\"b\"c$x'd'e", LEX_CMD, "T(ab) T(c) V($x) T(de)");
    walk("ab`$c", LEX_CMD, "T(ab$c)");
    /* variables in text: plain names, and the ones scan_variable() looks at
    ** again (a scope or drive, `::`, a non-ASCII letter) */
    walk("\"$a $a1?.b $env:x $a:: $1x $a\xC3\xA9 $a" "\xE2\x80\x9D",
         LEX_EXPR, "V($a) T( ) V($a1?) T(.b ) V($env:x) T( ) V($a) T(:: ) V($1x) T( ) "
         "V($a\xC3\xA9) T( ) V($a)");
    cook_sq("'a''b''''c'", "a'b''c");
    cook_sq("''''", "'");

    /* cooking appends to what the buffer holds */
    struct lexer lx;
    struct token t = first(&lx, "'a''b' ", LEX_EXPR);
    struct buf b = BUF_INIT;
    buf_puts(&b, "pre");
    lex_cook_sq(&lx, &t, &b);
    assert_string_equal(buf_cstr(&b), "prea'b");
    lex_release(&lx);
    t = first(&lx, "'ab' ", LEX_EXPR);
    buf_reset(&b);
    buf_puts(&b, "pre");
    lex_cook_bare(&lx, &t, &b);
    assert_string_equal(buf_cstr(&b), "preab");
    lex_release(&lx);
    buf_release(&b);
}

static void lex_string_errors(void **state)
{
    (void)state;
    EXPR("'abc", "STRING_SQ('abc)!TerminatorExpectedAtEndOfString");
    EXPR("\"abc", "STRING_DQ(\"abc)!TerminatorExpectedAtEndOfString");
    EXPR("@'\nabc", "HERE_SQ(@'\nabc)!TerminatorExpectedAtEndOfString");
    EXPR("@\"\nabc", "HERE_DQ(@\"\nabc)!TerminatorExpectedAtEndOfString");
    EXPR("\"a $(b\"", "STRING_DQ(\"a $(b\")!TerminatorExpectedAtEndOfString");
    EXPR("\"`u{110000}\"", "STRING_DQ(\"`u{110000}\")!InvalidUnicodeEscapeSequence");
    EXPR("\"`u{}\"", "STRING_DQ(\"`u{}\")!InvalidUnicodeEscapeSequence");

    /* the error is on the token, from its opening quote to the end of the
    ** text, as PowerShell shows it */
    struct lexer lx;
    struct token t = first(&lx, "x = 'abc", LEX_EXPR);
    t = lex_scan(&lx, t.end, LEX_EXPR);
    t = lex_scan(&lx, t.end, LEX_EXPR);
    assert_int_equal(t.err, PERR_TerminatorExpectedAtEndOfString);
    assert_int_equal(t.err_start, 4);
    assert_int_equal(t.err_end, 8);
    assert_int_equal(t.start, 4);
    assert_int_equal(t.end, 8);
    assert_int_equal(t.op, 1); /* which terminator: ' */
    lex_release(&lx);
    /* an unclosed comment: from the <# on */
    t = first(&lx, "a <# b", LEX_EXPR);
    t = lex_scan(&lx, t.end, LEX_EXPR);
    assert_int_equal(t.kind, TOK_EOF);
    assert_int_equal(t.err, PERR_MissingTerminatorMultiLineComment);
    assert_int_equal(t.err_start, 2);
    assert_int_equal(t.err_end, 6);
    lex_release(&lx);
}

/* }======================================================= */

/* {======================================================= redirections */

static void check_redirect(const char *src, unsigned from, unsigned to, bool append, bool merge)
{
    struct lexer lx;
    struct token t = first(&lx, src, LEX_CMD);
    assert_int_equal(t.kind, TOK_REDIRECT);
    assert_int_equal(t.op & 0xFF, from);
    assert_int_equal((t.op >> 8) & 0xF, to);
    assert_int_equal(!!(t.op & REDIR_APPEND), append);
    assert_int_equal(!!(t.op & REDIR_MERGE), merge);
    lex_release(&lx);
}

static void lex_redirections(void **state)
{
    (void)state;
    CMD("a > f", "GENERIC(a) REDIRECT(>) GENERIC(f)");
    CMD("a >> f", "GENERIC(a) REDIRECT(>>) GENERIC(f)");
    CMD("a 2>&1", "GENERIC(a) REDIRECT(2>&1)");
    CMD("a *> f", "GENERIC(a) REDIRECT(*>) GENERIC(f)");
    CMD("a 2>$null", "GENERIC(a) REDIRECT(2>) VARIABLE($null)");
    CMD("a 3> f", "GENERIC(a) REDIRECT(3>) GENERIC(f)");
    CMD("a >f.txt", "GENERIC(a) REDIRECT(>) GENERIC(f.txt)");
    CMD("a < f", "GENERIC(a) REDIR_IN(<) GENERIC(f)");
    /* only streams 1-6 redirect; 7> is a word as in PowerShell */
    CMD("7> x", "GENERIC(7>) GENERIC(x)");
    check_redirect(">", 1, 0, false, false);
    check_redirect(">>", 1, 0, true, false);
    check_redirect("2>", 2, 0, false, false);
    check_redirect("2>>", 2, 0, true, false);
    check_redirect("2>&1", 2, 1, false, true);
    check_redirect("3>&1", 3, 1, false, true);
    check_redirect("*>", 0, 0, false, false);
    check_redirect("*>>", 0, 0, true, false);
    check_redirect("*>&1", 0, 1, false, true);
    check_redirect("6>", 6, 0, false, false);
}

/* }======================================================= */

/* {======================================================= trivia */

static void lex_comments(void **state)
{
    (void)state;
    CMD("a # c\nb", "GENERIC(a) NEWLINE(\\n) GENERIC(b)");
    CMD("a <# c\nd #> b", "GENERIC(a) GENERIC(b)");
    EXPR("1 <#x#>+ 2", "NUMBER(1) PLUS(+) NUMBER(2)");
    EXPR("a <# open", "IDENT(a) EOF!MissingTerminatorMultiLineComment");
    /* a comment to the end of a line, and the newline of any kind after it */
    BOTH("#a\n#b\r\n#c\r#d", "NEWLINE(\\n) NEWLINE(\\r\\n) NEWLINE(\\n)");
    CMD("a#b #c\nd", "GENERIC(a#b) NEWLINE(\\n) GENERIC(d)");
    EXPR("1 # c #\n\t# d\n", "NUMBER(1) NEWLINE(\\n) NEWLINE(\\n)");

    const char *src = "# one\nx <# two #> y # three";
    struct lexer lx;
    lex_init(&lx, src, (uint32_t)strlen(src));
    uint32_t pos = 0;
    for (;;) {
        struct token t = lex_scan(&lx, pos, LEX_CMD);
        if (t.kind == TOK_EOF)
            break;
        pos = t.end;
    }
    /* scanning the same stretch again records nothing twice */
    lex_scan(&lx, 0, LEX_CMD);
    struct token t = lex_scan(&lx, 0, LEX_EXPR);
    assert_int_equal(t.kind, TOK_NEWLINE);
    assert_int_equal(t.start, 5);
    assert_true(t.flags & TF_SPACE);
    assert_int_equal(lx.ncomments, 3);
    assert_int_equal(lx.comments[0].start, 0);
    assert_int_equal(lx.comments[0].end, 5);
    assert_memory_equal(src + lx.comments[1].start, "<# two #>", 9);
    assert_int_equal(lx.comments[1].end - lx.comments[1].start, 9);
    assert_string_equal(src + lx.comments[2].start, "# three");
    lex_release(&lx);
    assert_int_equal(lx.ncomments, 0);
}

static void lex_continuation_and_space_flag(void **state)
{
    (void)state;
    CMD("a `\n b", "GENERIC(a) GENERIC(b)");
    CMD("a `\r\n b", "GENERIC(a) GENERIC(b)");
    EXPR("1 + `\n 2", "NUMBER(1) PLUS(+) NUMBER(2)");
    /* a backtick before anything else escapes it; between tokens a
    ** backtick and a space are only a space, and do not continue a line */
    CMD("a` b", "GENERIC(a` b)");
    CMD("a ` b", "GENERIC(a) GENERIC(b)");
    CMD("a ` \nb", "GENERIC(a) NEWLINE(\\n) GENERIC(b)");
    CMD("a\r\nb\rc", "GENERIC(a) NEWLINE(\\r\\n) GENERIC(b) NEWLINE(\\n) GENERIC(c)");

    struct lexer lx;
    const char *src = "$a.b $c";
    lex_init(&lx, src, (uint32_t)strlen(src));
    struct token t1 = lex_scan(&lx, 0, LEX_EXPR);
    struct token t2 = lex_scan(&lx, t1.end, LEX_EXPR);
    assert_int_equal(t2.kind, TOK_DOT);
    assert_false(t2.flags & TF_SPACE);
    struct token t3 = lex_scan(&lx, t2.end, LEX_EXPR);
    struct token t4 = lex_scan(&lx, t3.end, LEX_EXPR);
    assert_int_equal(t4.kind, TOK_VARIABLE);
    assert_true(t4.flags & TF_SPACE);
    assert_int_equal(t4.start, 5);
    assert_int_equal(lex_skip_space(&lx, 4), 5);
    lex_release(&lx);
}

static void lex_preamble(void **state)
{
    (void)state;
    CMD("\xEF\xBB\xBFGet-X", "GENERIC(Get-X)");
    CMD("#!/usr/bin/env pwsh\nGet-X", "NEWLINE(\\n) GENERIC(Get-X)");
    CMD("\xEF\xBB\xBF#!/bin/emsh\nx", "NEWLINE(\\n) GENERIC(x)");
    struct lexer lx;
    lex_init(&lx, "\xEF\xBB\xBFx", 4);
    assert_int_equal(lex_skip_preamble(&lx), 3);
    lex_release(&lx);
    lex_init(&lx, "#!sh", 4);
    assert_int_equal(lex_skip_preamble(&lx), 4);
    lex_release(&lx);
    /* # alone is a comment, not a #! line */
    lex_init(&lx, "# x", 3);
    assert_int_equal(lex_skip_preamble(&lx), 0);
    lex_release(&lx);
}

/* }======================================================= */

/* {======================================================= unicode */

#define EN "\xE2\x80\x93"   /* U+2013 */
#define EM "\xE2\x80\x94"   /* U+2014 */
#define LSQ "\xE2\x80\x98"  /* U+2018 */
#define RSQ "\xE2\x80\x99"  /* U+2019 */
#define LDQ "\xE2\x80\x9C"  /* U+201C */
#define RDQ "\xE2\x80\x9D"  /* U+201D */
#define NBSP "\xC2\xA0"

static void lex_unicode_dashes_and_quotes(void **state)
{
    (void)state;
    CMD(EN "Identity", "PARAMETER(" EN "Identity)");
    CMD(EM "Identity", "PARAMETER(" EM "Identity)");
    EXPR("$a " EN "eq $b", "VARIABLE($a) OPERATOR(" EN "eq) VARIABLE($b)");
    EXPR("1 " EN " 2", "NUMBER(1) MINUS(" EN ") NUMBER(2)");
    CMD(LSQ "x" RSQ, "STRING_SQ(" LSQ "x" RSQ ")");
    CMD(LDQ "x $y" RDQ, "STRING_DQ(" LDQ "x $y" RDQ ")");
    /* a smart quote closes an ASCII one and the other way round */
    CMD("'x" RSQ " \"y" RDQ, "STRING_SQ('x" RSQ ") STRING_DQ(\"y" RDQ ")");
    CMD(EN EN "% x", "STOP_PARSING(" EN EN "% x)");

    struct lexer lx;
    struct token t = first(&lx, EN "Identity", LEX_CMD);
    struct buf b = BUF_INIT;
    lex_cook_bare(&lx, &t, &b);
    assert_string_equal(b.s, "Identity");
    lex_release(&lx);
    buf_release(&b);
    t = first(&lx, "$a " EM "gt 1", LEX_EXPR);
    t = lex_scan(&lx, t.end, LEX_EXPR);
    assert_int_equal(t.kind, TOK_OPERATOR);
    assert_int_equal(t.op, OP_GT);
    lex_release(&lx);
}

static void lex_unicode_space(void **state)
{
    (void)state;
    CMD("a" NBSP "b", "GENERIC(a) GENERIC(b)");
    EXPR("1" NBSP "+" NBSP "2", "NUMBER(1) PLUS(+) NUMBER(2)");
    /* other letters are part of words and identifiers */
    CMD("Caf\xC3\xA9 x", "GENERIC(Caf\xC3\xA9) GENERIC(x)");
    EXPR("$caf\xC3\xA9", "VARIABLE($caf\xC3\xA9)");
}

/* }======================================================= */

/* {======================================================= labels, keywords, tables */

static void lex_labels(void **state)
{
    (void)state;
    BOTH(":outer", "LABEL(:outer)");
    CMD(":outer foreach", "LABEL(:outer) GENERIC(foreach)");
    EXPR("a ? b : c", "IDENT(a) QUESTION(?) IDENT(b) COLON(:) IDENT(c)");
}

/* A member name: identifier characters, non-ASCII letters too */
static void check_member(const char *src, const char *want)
{
    struct lexer lx;
    lex_init(&lx, src, (uint32_t)strlen(src));
    struct token t = lex_member_name(&lx, 0);
    char got[64];
    snprintf(got, sizeof got, "%s(%.*s)", kind_names[t.kind], (int)(t.end - t.start),
             src + t.start);
    assert_string_equal(got, want);
    lex_release(&lx);
}

static void lex_member_names(void **state)
{
    (void)state;
    check_member("Name(", "IDENT(Name)");
    check_member("Name", "IDENT(Name)");
    check_member("N\xC3\xA4me.x", "IDENT(N\xC3\xA4me)");
    check_member("\xC3\xA4x1_", "IDENT(\xC3\xA4x1_)");
    check_member("a\xE2\x80\x93" "b", "IDENT(a)");
    check_member("a\xC2\xA0" "b", "IDENT(a)");
    check_member("(x", "EOF()");
}

/* A bare hash key runs to a byte that ends any word or one of = $ # [ ] ` and
** the quotes, Unicode ones too */
static void check_key(const char *src, const char *want)
{
    struct lexer lx;
    lex_init(&lx, src, (uint32_t)strlen(src));
    struct token t = lex_hash_key(&lx, 0);
    char got[64];
    snprintf(got, sizeof got, "%s(%.*s)", kind_names[t.kind], (int)(t.end - t.start),
             src + t.start);
    assert_string_equal(got, want);
    lex_release(&lx);
}

static void lex_hash_keys(void **state)
{
    (void)state;
    check_key("a=1", "GENERIC(a)");
    check_key("a-b.c = 1", "GENERIC(a-b.c)");
    check_key("ab;", "GENERIC(ab)");
    check_key("ab$c", "GENERIC(ab)");
    check_key("a'b'", "GENERIC(a)");
    check_key("a[0]", "GENERIC(a)");
    check_key("a#b", "GENERIC(a)");
    check_key("ab", "GENERIC(ab)");
    check_key("a\xC3\xA9x=1", "GENERIC(a\xC3\xA9x)");
    check_key("a\xC3\xA9$x", "GENERIC(a\xC3\xA9)");
    check_key("a\xE2\x80\x9C" "b", "GENERIC(a)");
    check_key("a\xC2\xA0" "b", "GENERIC(a)");
    check_key("\xC3\xA9=1", "GENERIC(\xC3\xA9)");
    check_key("1a", "EOF()");
}

static void lex_keywords(void **state)
{
    (void)state;
    assert_int_equal(lex_keyword("if", 2), KW_IF);
    assert_int_equal(lex_keyword("IF", 2), KW_IF);
    assert_int_equal(lex_keyword("ForEach", 7), KW_FOREACH);
    assert_int_equal(lex_keyword("foreachx", 8), KW_NONE);
    assert_int_equal(lex_keyword("for", 3), KW_FOR);
    assert_int_equal(lex_keyword("fo", 2), KW_NONE);
    assert_int_equal(lex_keyword("DynamicParam", 12), KW_DYNAMICPARAM);
    assert_int_equal(lex_keyword("CONFIGURATION", 13), KW_CONFIGURATION);
    assert_int_equal(lex_keyword("configurations", 14), KW_NONE);
    assert_int_equal(lex_keyword("", 0), KW_NONE);
    assert_int_equal(lex_keyword("zzz", 3), KW_NONE);
    assert_int_equal(lex_keyword("begin", 5), KW_BEGIN);   /* first entry */
    assert_int_equal(lex_keyword("Workflow", 8), KW_WORKFLOW); /* last */
    /* only a prefix of the text is looked at */
    assert_int_equal(lex_keyword("whilex", 5), KW_WHILE);
    assert_string_equal(keyword_spelling(KW_SWITCH), "switch");
    assert_string_equal(keyword_spelling(KW_NONE), "");
    /* every keyword's spelling finds it again; the lookup folds case by
    ** setting 0x20, which takes lower-case ASCII letters in the spellings */
    for (int kw = KW_BEGIN; kw <= KW_WORKFLOW; kw++) {
        const char *s = keyword_spelling((enum keyword)kw);
        assert_int_equal(lex_keyword(s, strlen(s)), kw);
        for (const char *c = s; *c; c++)
            assert_true(*c >= 'a' && *c <= 'z');
    }
    /* bytes that are no letters, with or without 0x20, match no letter */
    assert_int_equal(lex_keyword("whIle", 5), KW_WHILE);
    assert_int_equal(lex_keyword("wh@le", 5), KW_NONE);
    assert_int_equal(lex_keyword("wh\xC9le", 5), KW_NONE);
    assert_int_equal(lex_keyword("w\x08ile", 5), KW_NONE);
}

static void lex_tables(void **state)
{
    (void)state;
    assert_string_equal(tok_spelling(TOK_AND_AND), "&&");
    assert_string_equal(tok_spelling(TOK_VARIABLE), "");
    assert_string_equal(tok_spelling(TOK__COUNT), "");
    assert_string_equal(op_spelling(OP_CNOTCONTAINS), "-cnotcontains");
    assert_int_equal(op_precedence(OP_AND), 1);
    assert_int_equal(op_precedence(OP_BAND), 2);
    assert_int_equal(op_precedence(OP_EQ), 5);
    assert_int_equal(op_precedence(OP_COALESCE), 7);
    assert_int_equal(op_precedence(OP_ADD), 9);
    assert_int_equal(op_precedence(OP_MUL), 10);
    assert_int_equal(op_precedence(OP_FORMAT), 12);
    assert_int_equal(op_precedence(OP_RANGE), 13);
    assert_true(op_flags(OP_SPLIT) & OPF_U);
    assert_true(op_flags(OP_SPLIT) & OPF_B);
    assert_true(op_flags(OP_ISPLIT) & OPF_U);
    assert_true(op_flags(OP_CSPLIT) & OPF_U);
    assert_true(op_flags(OP_JOIN) & OPF_U);
    assert_false(op_flags(OP_EQ) & OPF_U);
    assert_true(op_flags(OP_ADD_ASSIGN) & OPF_A);
    assert_string_equal(perr_name(PERR_MissingEndCurlyBrace), "MissingEndCurlyBrace");
    assert_string_equal(perr_message(PERR_EmptyPipeElement),
                        "An empty pipe element is not allowed.");
    assert_string_equal(perr_name(PERR__COUNT), "");
}

static void lex_every_dash_operator(void **state)
{
    (void)state;
    /* each dash operator is scanned as itself, in any case */
    for (int op = 1; op < OP__COUNT; op++) {
        if (!(op_flags((enum ast_op)op) & OPF_D))
            continue;
        char src[64];
        snprintf(src, sizeof src, "1 %s 2", op_spelling((enum ast_op)op));
        for (char *c = src + 3; *c && *c != ' '; c++)
            if (op % 2)
                *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
        struct lexer lx;
        lex_init(&lx, src, (uint32_t)strlen(src));
        struct token t = lex_scan(&lx, 0, LEX_EXPR);
        t = lex_scan(&lx, t.end, LEX_EXPR);
        if (t.kind != TOK_OPERATOR || t.op != op)
            fail_msg("%s: kind %d op %d", src, (int)t.kind, (int)t.op);
        lex_release(&lx);
    }
    /* a longer word is not an operator */
    EXPR("-eqx", "PARAMETER(-eqx)");
    /* the lookup folds case by setting 0x20, which takes lower-case ASCII
    ** letters in the spellings */
    for (int op = 1; op < OP__COUNT; op++)
        if (op_flags((enum ast_op)op) & OPF_D)
            for (const char *c = op_spelling((enum ast_op)op) + 1; *c; c++)
                assert_true(*c >= 'a' && *c <= 'z');
}

/* }======================================================= */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lex_modes_bare_words_and_operators),
        cmocka_unit_test(lex_modes_chain_and_background),
        cmocka_unit_test(lex_assignment_operators),
        cmocka_unit_test(lex_parameters),
        cmocka_unit_test(lex_stop_parsing),
        cmocka_unit_test(lex_dash_words),
        cmocka_unit_test(lex_short_path_tokens),
        cmocka_unit_test(lex_number_tokens),
        cmocka_unit_test(lex_number_values),
        cmocka_unit_test(lex_number_value_limits),
        cmocka_unit_test(lex_variable_forms),
        cmocka_unit_test(lex_variable_names),
        cmocka_unit_test(lex_variable_errors),
        cmocka_unit_test(lex_string_tokens),
        cmocka_unit_test(lex_plain_strings),
        cmocka_unit_test(lex_here_strings),
        cmocka_unit_test(lex_string_values),
        cmocka_unit_test(lex_text_runs),
        cmocka_unit_test(lex_string_errors),
        cmocka_unit_test(lex_redirections),
        cmocka_unit_test(lex_comments),
        cmocka_unit_test(lex_continuation_and_space_flag),
        cmocka_unit_test(lex_preamble),
        cmocka_unit_test(lex_unicode_dashes_and_quotes),
        cmocka_unit_test(lex_unicode_space),
        cmocka_unit_test(lex_labels),
        cmocka_unit_test(lex_keywords),
        cmocka_unit_test(lex_hash_keys),
        cmocka_unit_test(lex_member_names),
        cmocka_unit_test(lex_tables),
        cmocka_unit_test(lex_every_dash_operator),
    };
    int rc = cmocka_run_group_tests_name("lex", tests, NULL, NULL);
    buf_release(&out);
    return rc;
}
