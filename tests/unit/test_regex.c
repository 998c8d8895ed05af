/*
** test_regex.c - unit tests of the .NET regular expressions (shell/regex.h).
**
** Expected values are what .NET (Windows PowerShell 5.1) gives for the
** same call; tests are named regex-<area>-<what> in spirit. The helpers
** below turn results into short strings so that each case is one line.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "regex.h"

/* {======================================================= helpers */

static struct rx *must_compile(const char *pat, unsigned flags)
{
    struct rx_error err = RX_ERROR_INIT;
    struct rx *rx = rx_compile(pat, strlen(pat), flags, &err);
    if (!rx)
        fail_msg("pattern %s: %s", pat, err.msg ? err.msg : "(no message)");
    rx_error_clear(&err);
    return rx;
}

/* The first match of pat in s as text, or "<none>". Caller frees. */
static char *first(const char *pat, unsigned flags, const char *s)
{
    struct rx *rx = must_compile(pat, flags);
    struct rx_match m = RX_MATCH_INIT;
    char *r;
    int rc = rx_exec(rx, s, strlen(s), 0, &m);
    assert_true(rc >= 0);
    if (rc == 0)
        r = emsh_xstrndup("<none>", 6);
    else
        r = emsh_xstrndup(s + m.span[0], m.span[1] - m.span[0]);
    rx_match_release(&m);
    rx_release(rx);
    return r;
}

#define assert_first(pat, flags, s, want)                                                  \
    do {                                                                                   \
        char *got_ = first(pat, flags, s);                                                 \
        assert_string_equal(got_, want);                                                   \
        free(got_);                                                                        \
    } while (0)

static bool is_match(const char *pat, unsigned flags, const char *s)
{
    struct rx *rx = must_compile(pat, flags);
    int rc = rx_exec(rx, s, strlen(s), 0, NULL);
    assert_true(rc >= 0);
    rx_release(rx);
    return rc == 1;
}

/*
** All groups of the first match as "name=text" joined by spaces, an unset
** group as "name=-", in .NET's order. Caller frees.
*/
static char *groups(const char *pat, unsigned flags, const char *s)
{
    struct rx *rx = must_compile(pat, flags);
    struct rx_match m = RX_MATCH_INIT;
    struct buf b = BUF_INIT;
    int rc = rx_exec(rx, s, strlen(s), 0, &m);
    if (rc <= 0) {
        buf_puts(&b, "<none>");
    } else {
        for (size_t i = 0; i < rx_group_count(rx); i++) {
            if (i)
                buf_putc(&b, ' ');
            buf_printf(&b, "%s=", rx_group_name(rx, i));
            if (rx_group_matched(&m, i))
                buf_add(&b, s + m.span[2 * i], m.span[2 * i + 1] - m.span[2 * i]);
            else
                buf_putc(&b, '-');
        }
    }
    rx_match_release(&m);
    rx_release(rx);
    return buf_detach(&b, NULL);
}

#define assert_groups(pat, flags, s, want)                                                 \
    do {                                                                                   \
        char *got_ = groups(pat, flags, s);                                                \
        assert_string_equal(got_, want);                                                   \
        free(got_);                                                                        \
    } while (0)

/* Every match as "offset:text" joined by commas. Caller frees. */
static char *matches(const char *pat, unsigned flags, const char *s)
{
    struct rx *rx = must_compile(pat, flags);
    struct rx_match m = RX_MATCH_INIT;
    struct rx_iter it;
    struct buf b = BUF_INIT;
    int rc;
    rx_iter_init(&it, rx, s, strlen(s), 0);
    while ((rc = rx_iter_next(&it, &m)) > 0) {
        if (b.len)
            buf_putc(&b, ',');
        buf_printf(&b, "%zu:", m.span[0]);
        buf_add(&b, s + m.span[0], m.span[1] - m.span[0]);
    }
    assert_int_equal(rc, 0);
    rx_match_release(&m);
    rx_release(rx);
    return buf_detach(&b, NULL);
}

#define assert_matches(pat, flags, s, want)                                                \
    do {                                                                                   \
        char *got_ = matches(pat, flags, s);                                               \
        assert_string_equal(got_, want);                                                   \
        free(got_);                                                                        \
    } while (0)

static char *replace(const char *pat, unsigned flags, const char *s, const char *r, long count)
{
    struct rx *rx = must_compile(pat, flags);
    struct buf b = BUF_INIT;
    size_t n = 0;
    assert_int_equal(rx_replace(rx, s, strlen(s), r, strlen(r), count, &b, &n), 0);
    rx_release(rx);
    buf_puts(&b, ""); /* never NULL */
    return buf_detach(&b, NULL);
}

#define assert_replace(pat, flags, s, r, want)                                             \
    do {                                                                                   \
        char *got_ = replace(pat, flags, s, r, -1);                                        \
        assert_string_equal(got_, want);                                                   \
        free(got_);                                                                        \
    } while (0)

struct pieces {
    struct buf b;
    int n;
};

static int collect_piece(void *ctx, const char *piece, size_t len, bool captured)
{
    struct pieces *p = ctx;
    if (p->n++)
        buf_putc(&p->b, '|');
    if (captured)
        buf_putc(&p->b, '<');
    buf_add(&p->b, piece, len);
    if (captured)
        buf_putc(&p->b, '>');
    return 0;
}

/* The pieces of a split as "[a|<captured>|b]". Caller frees. */
static char *split(const char *pat, unsigned flags, const char *s, long max)
{
    struct rx *rx = must_compile(pat, flags);
    struct pieces p = {BUF_INIT, 0};
    buf_putc(&p.b, '[');
    p.n = 0;
    assert_int_equal(rx_split(rx, s, strlen(s), max, collect_piece, &p), 0);
    buf_putc(&p.b, ']');
    rx_release(rx);
    return buf_detach(&p.b, NULL);
}

#define assert_split(pat, flags, s, max, want)                                             \
    do {                                                                                   \
        char *got_ = split(pat, flags, s, max);                                            \
        assert_string_equal(got_, want);                                                   \
        free(got_);                                                                        \
    } while (0)

/* The error message of a pattern that must not compile. Caller frees. */
static char *compile_error(const char *pat, unsigned flags, enum rx_errkind *kind)
{
    struct rx_error err = RX_ERROR_INIT;
    struct rx *rx = rx_compile(pat, strlen(pat), flags, &err);
    if (rx)
        fail_msg("pattern %s compiled", pat);
    assert_non_null(err.msg);
    if (kind)
        *kind = err.kind;
    char *m = err.msg;
    err.msg = NULL;
    rx_error_clear(&err);
    return m;
}

#define assert_error(pat, want)                                                            \
    do {                                                                                   \
        char *got_ = compile_error(pat, 0, NULL);                                          \
        assert_string_equal(got_, want);                                                   \
        free(got_);                                                                        \
    } while (0)

/* {======================================================= basics and case */

static void match_basic(void **state)
{
    (void)state;
    assert_first("b+", 0, "abbbc", "bbb");
    assert_first("x", 0, "abc", "<none>");
    assert_first("", 0, "abc", "");
    assert_first("a.c", 0, "xxabcxx", "abc");
    assert_first("a|b|c", 0, "zzc", "c");
    assert_first("colou?r", 0, "my color", "color");
    assert_first("\\d{3}-\\d{4}", 0, "call 555-1234 now", "555-1234");
    assert_first("a{2,3}", 0, "aaaa", "aaa");
    assert_first("a{2,3}?", 0, "aaaa", "aa");
    assert_first("a{2,}", 0, "aaaaa", "aaaaa");
    assert_first("<.+?>", 0, "<a><b>", "<a>");
    assert_first("(?>a+)b", 0, "aaab", "aaab");
    assert_false(is_match("(?>a+)ab", 0, "aaab"));
    assert_first("foo(?=bar)", 0, "foobaz foobar", "foo");
    assert_first("foo(?!bar)", 0, "foobar foobaz", "foo");
    assert_first("(?<=\\$)\\d+", 0, "cost $42", "42");
    assert_first("(?<!\\$)\\b\\d+", 0, "$42 17", "17");
    assert_true(is_match("^$", 0, ""));
    assert_false(is_match("^a", 0, "ba"));
}

static void match_case_rules(void **state)
{
    (void)state;
    /* -match is case-insensitive, -cmatch is not */
    assert_true(is_match("EXCHANGE", RX_IGNORECASE, "exchange server"));
    assert_false(is_match("EXCHANGE", 0, "exchange server"));
    assert_true(is_match("[A-Z]+", RX_IGNORECASE, "abc"));
    assert_false(is_match("^[A-Z]+$", 0, "abc"));
    assert_true(is_match("ärger", RX_IGNORECASE, "ÄRGER"));
    assert_true(is_match("σοφία", RX_IGNORECASE, "ΣΟΦΊΑ"));
    assert_true(is_match("москва", RX_IGNORECASE, "МОСКВА"));
    assert_false(is_match("москва", 0, "МОСКВА"));
    /* inline options switch case on and off */
    assert_true(is_match("(?i)abc", 0, "ABC"));
    assert_true(is_match("(?-i)abc", RX_IGNORECASE, "abc"));
    assert_false(is_match("(?-i)abc", RX_IGNORECASE, "ABC"));
    assert_true(is_match("a(?i:B)c", 0, "aBc"));
    assert_true(is_match("a(?i:b)c", 0, "aBc"));
    assert_false(is_match("a(?i:b)c", 0, "aBC"));
    assert_true(is_match("(?I)abc", 0, "ABC")); /* option letters ignore case too */
    /* a case-insensitive back-reference */
    assert_true(is_match("(ab)\\1", RX_IGNORECASE, "abAB"));
    assert_false(is_match("(ab)\\1", 0, "abAB"));
    /* as in .NET, \p{Lu} under IgnoreCase is any cased letter */
    assert_true(is_match("^\\p{Lu}+$", RX_IGNORECASE, "abc"));
    assert_false(is_match("^\\p{Lu}+$", 0, "abc"));
}

static void match_unicode(void **state)
{
    (void)state;
    assert_first("\\w+", 0, "--héllo wörld", "héllo");
    assert_first("\\d+", 0, "x٣٤٥y", "٣٤٥"); /* Arabic-Indic digits are \d in .NET */
    assert_first("\\d+", RX_ECMASCRIPT, "x٣٤٥y12", "12");
    assert_first("\\w+", RX_ECMASCRIPT, "héllo", "h");
    assert_first("^.$", 0, "é", "é");
    assert_first("^.$", 0, "😀", "😀");
    assert_first("\\bwörld\\b", 0, "hello wörld!", "wörld");
    assert_first("[α-ω]+", 0, "abc αβγ def", "αβγ");
    assert_first("\\s+", 0, "a\u00a0\u2003b", "\u00a0\u2003");
    /* offsets are bytes */
    struct rx *rx = must_compile("ö", 0);
    struct rx_match m = RX_MATCH_INIT;
    assert_int_equal(rx_exec(rx, "aéö", strlen("aéö"), 0, &m), 1);
    assert_int_equal(m.span[0], 3);
    assert_int_equal(m.span[1], 5);
    /* invalid UTF-8 in the subject does not stop matching */
    assert_int_equal(rx_exec(rx, "\xff\xfe ö", 5, 0, &m), 1);
    assert_int_equal(m.span[0], 3);
    rx_match_release(&m);
    rx_release(rx);
}

/* {======================================================= anchors and options */

static void anchors_like_dotnet(void **state)
{
    (void)state;
    /* $ and \Z match at the end or before a final \n; \z only at the end */
    assert_true(is_match("abc$", 0, "abc\n"));
    assert_true(is_match("abc\\Z", 0, "abc\n"));
    assert_false(is_match("abc\\z", 0, "abc\n"));
    assert_false(is_match("abc$", 0, "abc\n\n"));
    assert_false(is_match("a$", 0, "a\r\n")); /* \r is not a line end in .NET */
    assert_true(is_match("\\Aabc", 0, "abc"));
    assert_false(is_match("\\Abc", 0, "abc"));
    /* Multiline */
    assert_matches("^\\w", RX_MULTILINE, "ab\ncd\nef", "0:a,3:c,6:e");
    assert_matches("\\w$", RX_MULTILINE, "ab\ncd\nef", "1:b,4:d,7:f");
    assert_matches("(?m)^", 0, "a\n", "0:,2:"); /* ^ also after a final \n */
    assert_matches("^", 0, "a\nb", "0:");
    assert_matches("$", 0, "a\n", "1:,2:");
    /* . and Singleline */
    assert_false(is_match("a.b", 0, "a\nb"));
    assert_true(is_match("a.b", RX_SINGLELINE, "a\nb"));
    assert_true(is_match("(?s)a.b", 0, "a\nb"));
    assert_true(is_match("a.b", 0, "a\rb"));
    /* a quantified anchor is allowed in .NET */
    assert_first("^*ab", 0, "ab", "ab");
    assert_first("\\b+ab", 0, " ab", "ab");
}

static void options_x_and_n(void **state)
{
    (void)state;
    assert_first("a b c # a comment\n d", RX_IGNOREPATTERNWS, "xabcd", "abcd");
    assert_first("(?x) a \\  b", 0, "a b", "a b");
    assert_first("(?x)[ ]x", 0, "a x", " x"); /* space in a class stays */
    assert_first("(?x)a #c\n +", 0, "baaa", "aaa");
    assert_first("(?x: a b ) c", 0, "ab c", "ab c");
    assert_first("a(?#note)b", 0, "ab", "ab");
    assert_first("a(?#note)+", 0, "aaa", "aaa");
    assert_first("a#b", 0, "a#b", "a#b");
    /* ExplicitCapture: only named groups capture */
    assert_groups("(a)(?<x>b)", RX_EXPLICITCAPTURE, "ab", "0=ab x=b");
    assert_groups("(?n)(a)(?<x>b)", 0, "ab", "0=ab x=b");
    assert_groups("(?n:(a))(b)", 0, "ab", "0=ab 1=b");
    assert_groups("(a)(?-n)(b)", RX_EXPLICITCAPTURE, "ab", "0=ab 1=b");
    /* options in a group end with it */
    assert_false(is_match("(a(?i)b)c", 0, "aBC"));
    assert_true(is_match("(a(?i)b)c", 0, "aBc"));
    assert_true(is_match("(a(?i)b|c)", 0, "C"));
    /* x ends with its group */
    assert_first("(?:(?x) a ) b", 0, "a b", "a b");
    assert_first("(?x) \\p{L} + \\d", 0, "ab1", "ab1");
    assert_first("(?x)a {2}", 0, "aaa", "aa");
    /* accepted and ignored */
    assert_true(is_match("a", RX_COMPILED | RX_CULTUREINVARIANT, "a"));
}

/* {======================================================= groups */

static void groups_dotnet_numbering(void **state)
{
    (void)state;
    /* unnamed groups are numbered first, then named ones */
    assert_groups("(?<user>\\w+)@(\\w+)", 0, "joe@contoso", "0=joe@contoso 1=contoso user=joe");
    assert_groups("(a)(?<n>b)(c)(?<m>d)", 0, "abcd", "0=abcd 1=a 2=c n=b m=d");
    assert_groups("(?'q'x)(y)", 0, "xy", "0=xy 1=y q=x");
    /* explicit numbers: (?<2>..) shares number 2 with the second unnamed group */
    assert_groups("(?<2>x)(a)(b)", 0, "xab", "0=xab 1=a 2=b");
    assert_groups("(?<5>x)(a)", 0, "xa", "0=xa 1=a 5=x");
    assert_groups("(?<5>x)(?<name>a)", 0, "xa", "0=xa name=a 5=x"); /* name takes the free 1 */
    assert_groups("(?<name>a)(?<1>b)", 0, "ab", "0=ab 1=b name=a");
    /* a repeated name is one group: the last capture wins */
    assert_groups("(?<d>a)|(?<d>b)", 0, "b", "0=b d=b");
    assert_groups("(?<d>a)(?<d>b)", 0, "ab", "0=ab d=b");
    /* groups that did not take part */
    assert_groups("(a)|(b)", 0, "b", "0=b 1=- 2=b");
    assert_groups("(a)?b", 0, "b", "0=b 1=-");
    assert_groups("(?:a)(b)", 0, "ab", "0=ab 1=b");
    /* the last iteration of a repeated group */
    assert_groups("(\\w)+", 0, "abc", "0=abc 1=c");
    /* lookaround captures count */
    assert_groups("(?=(\\w+))\\w", 0, "abc", "0=a 1=abc");
    /* Unicode names */
    assert_groups("(?<année>\\d+)", 0, "2024", "0=2024 année=2024");

    struct rx *rx = must_compile("(?<user>\\w+)@(\\w+)(?<7>!)?", 0);
    /* unnamed 1, then "user" takes 2 (the lowest free number), then the explicit 7 */
    assert_int_equal(rx_group_count(rx), 4);
    assert_int_equal(rx_group_number(rx, 0), 0);
    assert_int_equal(rx_group_number(rx, 1), 1);
    assert_int_equal(rx_group_number(rx, 2), 2);
    assert_int_equal(rx_group_number(rx, 3), 7);
    assert_string_equal(rx_group_name(rx, 2), "user");
    assert_string_equal(rx_group_name(rx, 3), "7");
    assert_true(rx_group_is_named(rx, 2));
    assert_false(rx_group_is_named(rx, 3));
    assert_int_equal(rx_group_index(rx, "user", 4), 2);
    assert_int_equal(rx_group_index(rx, "User", 4), -1); /* names are case-sensitive */
    assert_int_equal(rx_group_index(rx, "7", 1), 3);
    assert_int_equal(rx_group_index_of_number(rx, 7), 3);
    assert_int_equal(rx_group_index_of_number(rx, 3), -1);
    assert_null(rx_group_name(rx, 4));
    rx_release(rx);
}

static void backreferences(void **state)
{
    (void)state;
    assert_first("(\\w)\\1", 0, "abccd", "cc");
    assert_first("(?<c>\\w)\\k<c>", 0, "abccd", "cc");
    assert_first("(?<c>\\w)\\k'c'", 0, "abccd", "cc");
    assert_first("(?<c>\\w)\\<c>", 0, "abccd", "cc"); /* the old \<name> form */
    assert_first("(?<c>\\w)\\k<1>", 0, "abccd", "cc");
    /* \1 is the first UNNAMED group, whatever its position */
    assert_first("(?<n>a)(b)\\1", 0, "abb aba", "abb");
    assert_first("(?<n>a)(b)\\2", 0, "abb aba", "aba");
    /* a forward reference */
    assert_first("(\\2two|(one))+", 0, "oneonetwo", "oneonetwo");
    /* \10 is group 10 if it exists, else octal 010 (backspace) */
    assert_first("(a)\\10", 0, "a\b0", "a\b");
    assert_first("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10", 0, "abcdefghijj", "abcdefghijj");
    assert_first("\\0", 0, "a\0b", "<none>"); /* \0 is NUL; strlen stops at it */
    assert_first("\\101", 0, "xAy", "A");
    /* named groups and numbers in one pattern */
    assert_first("(?<x>a)(?<y>b)\\k<y>\\k<x>", 0, "abba", "abba");
    /* with no unnamed group, the first named group is number 1 */
    assert_first("(?<n>a)\\1", 0, "xaa", "aa");
    /* a back-reference to a repeated name */
    assert_first("(?:(?<d>a)|(?<d>b))\\k<d>", 0, "abb", "bb");
    assert_first("(?:(?<d>a)|(?<d>b))\\k<d>", 0, "baa", "aa");
}

static void conditionals(void **state)
{
    (void)state;
    assert_matches("(a)?(?(1)b|c)", 0, "ab c", "0:ab,3:c");
    assert_matches("(?<q>\")?\\w+(?(q)\")", 0, "\"ab\" cd", "0:\"ab\",5:cd");
    assert_matches("(?(\\d)\\d\\d|[a-z])", 0, "12a", "0:12,2:a");
    assert_matches("(?(?=\\d)\\d\\d|[a-z])", 0, "12a", "0:12,2:a");
    assert_matches("(?(?!\\d)[a-z]|\\d)", 0, "1a", "0:1,1:a");
    /* a name that is no group is an expression */
    assert_matches("(?(ab)..|x)", 0, "abx", "0:ab,2:x");
    assert_matches("(?(?<=a)b|c)", 0, "abcb", "1:b,2:c");
    assert_matches("(?(1)a|b)()", 0, "ab", "1:b"); /* group 1 is not set yet at the test */
}

/* {======================================================= classes */

static void classes_basic(void **state)
{
    (void)state;
    assert_first("[]a]+", 0, "x]a]", "]a]");
    assert_first("[^]a]+", 0, "]ab", "b");
    assert_first("[a-]+", 0, "x-a-", "-a-");
    assert_first("[-a]+", 0, "x-a-", "-a-");
    assert_first("[\\d-z]+", 0, "x1-z", "1-z"); /* - after a class is literal */
    assert_first("[a\\-z]+", 0, "b-az", "-az");
    assert_first("[\\]]", 0, "a]", "]");
    assert_first("[\\\\]", 0, "a\\", "\\");
    assert_first("[.*+?]+", 0, "a.*+?", ".*+?");
    assert_first("[\\b]", 0, "a\bb", "\b"); /* \b in a class is a backspace */
    assert_first("[\\x41-\\x43]+", 0, "zABCD", "ABC");
    assert_first("[\\u00e0-\\u00ff]+", 0, "xéàö", "éàö");
    assert_first("[é]", RX_IGNORECASE, "É", "É");
    assert_first("[[]", 0, "a[", "[");
    assert_first("[a[]+", 0, "x[a", "[a");
    assert_first("[[:alpha:]]+", 0, "ab[[", "[["); /* .NET skips [:name:] */
    assert_first("[\\p{Lu}\\d]+", 0, "abC1D", "C1D");
    assert_first("[^\\s]+", 0, "  ab  ", "ab");
    assert_first("[\\s\\S]+", 0, "a\nb", "a\nb");
    assert_first("[\\u0000-\\uFFFF]+", 0, "a😀b", "a😀b"); /* covers the surrogates */
}

static void classes_subtraction(void **state)
{
    (void)state;
    assert_first("[a-z-[aeiou]]+", 0, "aebcdxa", "bcdx");
    assert_matches("[a-z-[aeiou]]", 0, "ab", "1:b");
    assert_first("[a-z-[d-w-[m-o]]]+", 0, "dmnoxzp", "mnoxz"); /* a-c, m-o, x-z */
    assert_first("[^a-z-[0-5]]+", 0, "ab0126789", "6789");
    assert_first("[\\w-[\\d_]]+", 0, "12_ab3", "ab");
    assert_first("[\\p{L}-[\\p{Lu}]]+", 0, "ABcdE", "cd");
    assert_first("[a-[a]]", 0, "a", "<none>");
    assert_first("[a-z-[aeiou]]{2}", 0, "abcde", "bc");
    assert_first("[a-z-[aeiou]]", RX_IGNORECASE, "AEB", "B");
}

static void classes_properties(void **state)
{
    (void)state;
    assert_first("\\p{Lu}+", 0, "abCDe", "CD");
    assert_first("\\P{L}+", 0, "ab12!c", "12!");
    assert_first("\\p{IsGreek}+", 0, "abc αβγ", "αβγ");
    assert_first("\\P{IsBasicLatin}+", 0, "abcé€x", "é€");
    assert_first("[\\p{IsCyrillic}\\d]+", 0, "ab Жд5", "Жд5");
    assert_first("[^\\P{IsCyrillic}]+", 0, "ab Жд5", "Жд");
    assert_first("\\p{Sc}", 0, "cost €5", "€");
    assert_first("\\p{Nd}+", 0, "x42", "42");
    assert_first("\\p{Pd}", 0, "a-b", "-");
    assert_first("\\p{IsLatin-1Supplement}", 0, "aé", "é");
    assert_first("\\p{Zs}", 0, "a b", " ");
}

/* {======================================================= escapes */

static void escapes(void **state)
{
    (void)state;
    assert_first("\\x41\\u0042", 0, "xAB", "AB");
    assert_first("\\u00e9", 0, "café", "é");
    assert_first("\\u00C9", RX_IGNORECASE, "café", "é");
    assert_first("\\uD83D\\uDE00", 0, "x😀", "😀"); /* a surrogate pair is one character */
    assert_first("\\uD83D", 0, "x😀", "<none>");   /* a lone surrogate matches nothing */
    assert_first("\\t\\n", 0, "a\t\nb", "\t\n");
    assert_first("\\v", 0, "a\vb\n", "\v"); /* vertical tab, not PCRE2's \v class */
    assert_first("\\e\\a\\f", 0, "\x1b\a\f", "\x1b\a\f");
    assert_first("\\cC", 0, "a\x03", "\x03");
    assert_first("\\ca", 0, "a\x01", "\x01");
    assert_first("\\040", 0, "a b", " ");
    assert_first("\\.\\*\\+\\?\\(\\)\\[\\{\\|\\^\\$\\\\", 0, ".*+?()[{|^$\\", ".*+?()[{|^$\\");
    assert_first("\\#\\ \\-\\/\\<\\>\\}\\]", 0, "# -/<>}]", "# -/<>}]");
    assert_first("a{", 0, "a{", "a{"); /* a { that starts no quantifier is literal */
    assert_first("a{,3}", 0, "a{,3}", "a{,3}");
    assert_first("a{x}", 0, "a{x}", "a{x}");
    assert_first("x}", 0, "x}", "x}");
    assert_first("]", 0, "a]", "]");
    assert_first("\\Q", RX_ECMASCRIPT, "Q", "Q");
}

/* {======================================================= enumerating */

static void matches_empty_and_bump(void **state)
{
    (void)state;
    assert_matches("a*", 0, "baaa", "0:,1:aaa,4:");
    assert_matches("a*", 0, "aab", "0:aa,2:,3:");
    assert_matches("", 0, "abc", "0:,1:,2:,3:");
    assert_matches("", 0, "", "0:");
    assert_matches("a??", 0, "a", "0:,1:"); /* no retry of a non-empty match at the same place */
    assert_matches("x*", 0, "é😀", "0:,2:,6:"); /* the bump is one character */
    assert_matches("\\b", 0, "ab cd", "0:,2:,3:,5:");
    assert_matches("\\d+", 0, "a1b22c333", "1:1,3:22,6:333");
    assert_matches("a|ab", 0, "abab", "0:a,2:a");
    assert_matches("(?<=a)b", 0, "abab", "1:b,3:b");
    /* \G: contiguous matches only */
    assert_matches("\\Ga", 0, "aab", "0:a,1:a");
    assert_matches("\\Gx*", 0, "ab", "0:");
    /* iteration from a start offset */
    struct rx *rx = must_compile("\\w", 0);
    struct rx_iter it;
    struct rx_match m = RX_MATCH_INIT;
    rx_iter_init(&it, rx, "abc", 3, 2);
    assert_int_equal(rx_iter_next(&it, &m), 1);
    assert_int_equal(m.span[0], 2);
    assert_int_equal(rx_iter_next(&it, &m), 0);
    assert_int_equal(rx_iter_next(&it, &m), 0);
    rx_iter_init(&it, rx, "abc", 3, 4); /* past the end */
    assert_int_equal(rx_iter_next(&it, &m), 0);
    assert_int_equal(rx_exec(rx, "abc", 3, 9, &m), 0);
    /* rx_exec's start: lookbehind still sees what came before */
    struct rx *lb = must_compile("(?<=a)b", 0);
    assert_int_equal(rx_exec(lb, "ab", 2, 1, &m), 1);
    rx_release(lb);
    rx_match_release(&m);
    rx_release(rx);
}

/* {======================================================= replace */

static void replace_substitutions(void **state)
{
    (void)state;
    assert_replace("(\\w+)\\s(\\w+)", 0, "one two", "$2 $1", "two one");
    assert_replace("(?<a>\\w+)\\s(?<b>\\w+)", 0, "one two", "${b} ${a}", "two one");
    assert_replace("(\\w+)", 0, "ab", "${1}1", "ab1");
    assert_replace("\\d+", 0, "a1b22", "<$&>", "a<1>b<22>");
    assert_replace("\\d+", 0, "a1b22", "<$0>", "a<1>b<22>");
    assert_replace("b", 0, "abc", "[$`]", "a[a]c");
    assert_replace("b", 0, "abc", "[$']", "a[c]c");
    assert_replace("b", 0, "abc", "[$_]", "a[abc]c");
    assert_replace("\\d+", 0, "cost 5", "$$$&", "cost $5");
    assert_replace("x", 0, "axb", "$$", "a$b");
    /* $+ is the highest-numbered group, matched or not */
    assert_replace("(a)|(b)", 0, "ab", "[$+]", "[][b]");
    assert_replace("(a)(?<n>b)", 0, "ab", "$+", "b");
    /* references to groups that do not exist stay literal */
    assert_replace("(a)", 0, "a", "$2", "$2");
    assert_replace("(a)", 0, "a", "$12", "$12"); /* greedy: group 12, not $1 then 2 */
    assert_replace("(a)", 0, "a", "${x}", "${x}");
    assert_replace("(a)", 0, "a", "${1", "${1");
    assert_replace("(a)", 0, "a", "${1a}", "${1a}");
    assert_replace("(a)", 0, "a", "${}", "${}");
    assert_replace("(a)", 0, "a", "$", "$");
    assert_replace("(a)", 0, "a", "$x$", "$x$");
    assert_replace("(a)", 0, "a", "${", "${");
    assert_replace("(a)", 0, "a", "$-1", "$-1");
    assert_replace("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)", 0, "abcdefghijkl", "$12$1", "la");
    assert_replace("(?<5>a)", 0, "a", "$5$1", "a$1");
    assert_replace("(a)|(b)", 0, "b", "[$1]", "[]"); /* an unmatched group is empty */
    assert_replace("(?<année>\\d+)", 0, "x2024", "${année}!", "x2024!");
    /* empty matches and the rest of the subject */
    assert_replace("", 0, "abc", "-", "-a-b-c-");
    assert_replace("x*", 0, "abc", "-", "-a-b-c-");
    assert_replace("a*", 0, "baac", "-", "-b--c-");
    assert_replace("z", 0, "abc", "-", "abc");
    assert_replace("é", RX_IGNORECASE, "CAFÉ", "e", "CAFe");
    assert_replace("\\s+", 0, "  a  b ", " ", " a b ");
}

static void replace_count_and_hooks(void **state)
{
    (void)state;
    char *r = replace("a", 0, "aaaa", "b", 2);
    assert_string_equal(r, "bbaa");
    free(r);
    r = replace("a", 0, "aaaa", "b", 0);
    assert_string_equal(r, "aaaa");
    free(r);

    struct rx *rx = must_compile("(?<k>\\w+)=(\\d+)", 0);
    struct rx_match m = RX_MATCH_INIT;
    struct buf b = BUF_INIT;
    const char *s = "x: size=42;";
    assert_int_equal(rx_exec(rx, s, strlen(s), 0, &m), 1);
    rx_expand(rx, &m, s, strlen(s), "${k} is $1 ($`|$')", 19, &b);
    assert_string_equal(buf_cstr(&b), "size is 42 (x: |;)");
    rx_match_release(&m);
    buf_release(&b);
    rx_release(rx);
}

static int upper_fn(void *ctx, const struct rx_match *m, const char *s, size_t n,
                    struct buf *out)
{
    (void)n;
    int *calls = ctx;
    (*calls)++;
    for (size_t i = m->span[0]; i < m->span[1]; i++)
        buf_putc(out, (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]));
    return *calls == 3 ? 7 : 0;
}

static void replace_callback(void **state)
{
    (void)state;
    struct rx *rx = must_compile("\\w+", 0);
    struct buf b = BUF_INIT;
    int calls = 0;
    size_t nrepl = 0;
    assert_int_equal(rx_replace_fn(rx, "ab cd", 5, -1, upper_fn, &calls, &b, &nrepl), 0);
    assert_string_equal(buf_cstr(&b), "AB CD");
    assert_int_equal(nrepl, 2);
    /* a non-zero answer stops the work and comes back unchanged */
    buf_reset(&b);
    calls = 0;
    assert_int_equal(rx_replace_fn(rx, "a b c d", 7, -1, upper_fn, &calls, &b, &nrepl), 7);
    assert_int_equal(calls, 3);
    buf_release(&b);
    rx_release(rx);
}

/* {======================================================= split */

static void split_like_dotnet(void **state)
{
    (void)state;
    assert_split(",", 0, "a,b,,c", 0, "[a|b||c]");
    assert_split(",", 0, ",a,", 0, "[|a|]");
    assert_split("(,)", 0, "a,b", 0, "[a|<,>|b]");
    assert_split("(-)|(\\+)", 0, "1-2+3", 0, "[1|<->|2|<+>|3]"); /* unmatched groups left out */
    assert_split("(?<op>[-+])(\\s*)", 0, "1- 2", 0, "[1|< >|<->|2]"); /* index order */
    assert_split("x", 0, "abc", 0, "[abc]");
    assert_split("x", 0, "", 0, "[]");
    assert_split("", 0, "abc", 0, "[|a|b|c|]");
    assert_split("x*", 0, "abc", 0, "[|a|b|c|]");
    assert_split("\\s+", 0, "red yellow  blue", 0, "[red|yellow|blue]");
    assert_split(":", 0, "Lastname:FirstName:Address", 0, "[Lastname|FirstName|Address]");
    assert_split("é", RX_IGNORECASE, "aÉbéc", 0, "[a|b|c]");
    /* max: at most max pieces, the last one holding the rest */
    assert_split(" ", 0, "a b c d", 2, "[a|b c d]");
    assert_split(" ", 0, "a b c d", 1, "[a b c d]");
    assert_split(" ", 0, "a b c d", 9, "[a|b|c|d]");
    assert_split("( )", 0, "a b c", 2, "[a|< >|b c]"); /* captures do not count */
    /* PowerShell 7's negative max-substrings counts from the right */
    assert_split(" ", 0, "a b c d", -2, "[a b c|d]");
    assert_split(" ", 0, "a b c d", -1, "[a b c d]");
    assert_split(" ", 0, "a b c d", -3, "[a b|c|d]");
    assert_split(" ", 0, "a b c d", -9, "[a|b|c|d]");
}

static int stop_second(void *ctx, const char *piece, size_t len, bool captured)
{
    (void)piece;
    (void)len;
    (void)captured;
    return ++*(int *)ctx == 2 ? 42 : 0;
}

static void split_stops(void **state)
{
    (void)state;
    struct rx *rx = must_compile(",", 0);
    int calls = 0;
    assert_int_equal(rx_split(rx, "a,b,c", 5, 0, stop_second, &calls), 42);
    assert_int_equal(calls, 2);
    rx_release(rx);
}

/* {======================================================= escape */

static void escape_unescape(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    const char *s = "a.b*c+d?e|f{g}h[i]j(k)l^m$n#o p\\q\tr\ns\rt\fu\vv";
    rx_escape(s, strlen(s), &b);
    assert_string_equal(buf_cstr(&b), "a\\.b\\*c\\+d\\?e\\|f\\{g}h\\[i]j\\(k\\)l\\^m\\$n\\#o\\ "
                                      "p\\\\q\\tr\\ns\\rt\\fu\vv");
    /* the escaped text matches the original literally */
    struct rx *rx = must_compile(buf_cstr(&b), 0);
    struct rx_match m = RX_MATCH_INIT;
    assert_int_equal(rx_exec(rx, s, strlen(s), 0, &m), 1);
    assert_int_equal(m.span[1] - m.span[0], strlen(s));
    rx_match_release(&m);
    rx_release(rx);

    struct buf u = BUF_INIT;
    assert_int_equal(rx_unescape(b.s, b.len, &u, NULL), EMSH_OK);
    assert_string_equal(buf_cstr(&u), s);
    buf_reset(&u);
    const char *e = "\\x41\\u00e9\\101\\cC\\e\\b\\a\\uD83D\\uDE00\\uD83D!\\é";
    struct rx_error err = RX_ERROR_INIT;
    assert_int_equal(rx_unescape(e, strlen(e), &u, &err), EMSH_E_SYNTAX);
    assert_string_equal(err.msg, "parsing \"\\x41\\u00e9\\101\\cC\\e\\b\\a\\uD83D\\uDE00\\uD83D!\\é\" - "
                                 "Unrecognized escape sequence \\é.");
    rx_error_clear(&err);
    buf_reset(&u);
    e = "\\x41\\u00e9\\101\\cC\\e\\b\\a\\uD83D\\uDE00\\uD83D!\\]";
    assert_int_equal(rx_unescape(e, strlen(e), &u, &err), EMSH_OK);
    assert_string_equal(buf_cstr(&u), "Aé" "A\x03\x1b\b\a😀\xEF\xBF\xBD!]");
    buf_reset(&u);
    assert_int_equal(rx_unescape("no escapes", 10, &u, NULL), EMSH_OK);
    assert_string_equal(buf_cstr(&u), "no escapes");
    buf_reset(&u);
    assert_int_equal(rx_unescape("a\\", 2, &u, &err), EMSH_E_SYNTAX);
    assert_string_equal(err.msg, "parsing \"a\\\" - Illegal \\ at end of pattern.");
    rx_error_clear(&err);
    assert_int_equal(rx_unescape("\\x4", 3, &u, &err), EMSH_E_SYNTAX);
    assert_string_equal(err.msg, "parsing \"\\x4\" - Insufficient hexadecimal digits.");
    rx_error_clear(&err);
    buf_release(&u);
    buf_release(&b);
}

/* {======================================================= errors */

static void errors_dotnet_messages(void **state)
{
    (void)state;
    assert_error("[a", "parsing \"[a\" - Unterminated [] set.");
    assert_error("[]", "parsing \"[]\" - Unterminated [] set.");
    assert_error("a)", "parsing \"a)\" - Too many )'s.");
    assert_error("(a", "parsing \"(a\" - Not enough )'s.");
    assert_error("((a)", "parsing \"((a)\" - Not enough )'s.");
    assert_error("*a", "parsing \"*a\" - Quantifier {x,y} following nothing.");
    assert_error("a|?", "parsing \"a|?\" - Quantifier {x,y} following nothing.");
    assert_error("(*)", "parsing \"(*)\" - Quantifier {x,y} following nothing.");
    assert_error("{2}", "parsing \"{2}\" - Quantifier {x,y} following nothing.");
    assert_error("(?i)*", "parsing \"(?i)*\" - Quantifier {x,y} following nothing.");
    assert_error("a**", "parsing \"a**\" - Nested quantifier *.");
    assert_error("a*+", "parsing \"a*+\" - Nested quantifier +.");
    assert_error("a{2}{3}", "parsing \"a{2}{3}\" - Nested quantifier {.");
    assert_error("a??+", "parsing \"a??+\" - Nested quantifier +.");
    assert_error("\\q", "parsing \"\\q\" - Unrecognized escape sequence \\q.");
    assert_error("\\_", "parsing \"\\_\" - Unrecognized escape sequence \\_.");
    assert_error("[\\q]", "parsing \"[\\q]\" - Unrecognized escape sequence \\q.");
    assert_error("\\k", "parsing \"\\k\" - Malformed \\k<...> named back reference.");
    assert_error("\\kx", "parsing \"\\kx\" - Malformed \\k<...> named back reference.");
    assert_error("\\k<x", "parsing \"\\k<x\" - Unrecognized escape sequence \\k.");
    assert_error("\\1", "parsing \"\\1\" - Reference to undefined group number 1.");
    assert_error("(a)\\2", "parsing \"(a)\\2\" - Reference to undefined group number 2.");
    assert_error("\\8", "parsing \"\\8\" - Reference to undefined group number 8.");
    assert_error("\\k<2>", "parsing \"\\k<2>\" - Reference to undefined group number 2.");
    assert_error("\\k<nope>", "parsing \"\\k<nope>\" - Reference to undefined group name nope.");
    assert_error("a\\", "parsing \"a\\\" - Illegal \\ at end of pattern.");
    assert_error("[z-a]", "parsing \"[z-a]\" - [x-y] range in reverse order.");
    assert_error("[a-\\d]", "parsing \"[a-\\d]\" - Cannot include class \\d in character range.");
    assert_error("[a-z-[b]c]",
                 "parsing \"[a-z-[b]c]\" - A subtraction must be the last element in a "
                 "character class.");
    assert_error("a{3,2}", "parsing \"a{3,2}\" - Illegal {x,y} with x > y.");
    assert_error("\\x4", "parsing \"\\x4\" - Insufficient hexadecimal digits.");
    assert_error("\\u12g4", "parsing \"\\u12g4\" - Insufficient hexadecimal digits.");
    assert_error("\\c", "parsing \"\\c\" - Missing control character.");
    assert_error("\\c1", "parsing \"\\c1\" - Unrecognized control character.");
    assert_error("\\p{Foo}", "parsing \"\\p{Foo}\" - Unknown property 'Foo'.");
    assert_error("\\p{L", "parsing \"\\p{L\" - Incomplete \\p{X} character escape.");
    assert_error("\\pL", "parsing \"\\pL\" - Incomplete \\p{X} character escape.");
    assert_error("\\pLu}", "parsing \"\\pLu}\" - Malformed \\p{X} character escape.");
    assert_error("(?", "parsing \"(?\" - Unrecognized grouping construct.");
    assert_error("(?)", "parsing \"(?)\" - Quantifier {x,y} following nothing.");
    assert_error("(?z)", "parsing \"(?z)\" - Unrecognized grouping construct.");
    assert_error("(?r)", "parsing \"(?r)\" - Unrecognized grouping construct.");
    assert_error("(?'a=x)", "parsing \"(?'a=x)\" - Invalid group name: Group names must begin "
                            "with a word character.");
    assert_error("(?<>x)", "parsing \"(?<>x)\" - Invalid group name: Group names must begin "
                           "with a word character.");
    assert_error("(?<0>x)", "parsing \"(?<0>x)\" - Capture number cannot be zero.");
    assert_error("a(?#x", "parsing \"a(?#x\" - Unterminated (?#...) comment.");
    assert_error("(?(1)a|b|c)", "parsing \"(?(1)a|b|c)\" - Too many | in (?()|).");
    assert_error("(?(2)a)", "parsing \"(?(2)a)\" - (?(2) ) reference to undefined group.");
    assert_error("(?(1x)a)", "parsing \"(?(1x)a)\" - (?(1) ) malformed.");
    assert_error("(?(?#x)a)", "parsing \"(?(?#x)a)\" - Alternation conditions cannot be "
                              "comments.");
    assert_error("(?(?i)a)", "parsing \"(?(?i)a)\" - Unrecognized grouping construct.");
    assert_error("(?(?<n>x)a)", "parsing \"(?(?<n>x)a)\" - Alternation conditions do not "
                                "capture and cannot be named.");
    assert_error("a{99999999999}", "parsing \"a{99999999999}\" - Capture group numbers must be "
                                   "less than or equal to Int32.MaxValue.");
}

static void errors_explicit_capture(void **state)
{
    (void)state;
    char *m = compile_error("(a)\\1", RX_EXPLICITCAPTURE, NULL);
    assert_string_equal(m, "parsing \"(a)\\1\" - Reference to undefined group number 1.");
    free(m);
    m = compile_error("(?n)(a)\\k<1>", 0, NULL);
    assert_string_equal(m, "parsing \"(?n)(a)\\k<1>\" - Reference to undefined group number 1.");
    free(m);
}

static void errors_unsupported(void **state)
{
    (void)state;
    enum rx_errkind kind;
    char *m = compile_error("(?<=a+)b", 0, &kind);
    assert_int_equal(kind, RX_ERR_UNSUPPORTED);
    assert_non_null(strstr(m, "parsing \"(?<=a+)b\" - "));
    assert_non_null(strstr(m, "variable-length lookbehind is not supported"));
    free(m);
    m = compile_error("(?<o>a)(?<c-o>b)", 0, &kind);
    assert_int_equal(kind, RX_ERR_UNSUPPORTED);
    assert_string_equal(m, "parsing \"(?<o>a)(?<c-o>b)\" - Balancing group definitions "
                           "(?<name1-name2>...) are not supported.");
    free(m);
    m = compile_error("(?(x)*a|b)", 0, &kind);
    assert_int_equal(kind, RX_ERR_UNSUPPORTED);
    free(m);
    m = compile_error("a{70000}", 0, &kind);
    assert_int_equal(kind, RX_ERR_UNSUPPORTED);
    free(m);
    m = compile_error("a", RX_RIGHTTOLEFT, &kind);
    assert_int_equal(kind, RX_ERR_OPTION);
    assert_string_equal(m, "The RightToLeft regular expression option is not supported.");
    free(m);
    m = compile_error("a", 0x8000, &kind);
    assert_int_equal(kind, RX_ERR_OPTION);
    free(m);
    /* a large upper bound is as good as none */
    assert_first("a{0,100000}", 0, "aaa", "aaa");
    /* a fixed-length lookbehind with alternatives is fine */
    assert_first("(?<=ab|c)d", 0, "abd cd", "d");
    /* err may be NULL */
    assert_null(rx_compile("(", 1, 0, NULL));
    struct rx_error err = RX_ERROR_INIT;
    rx_error_clear(&err);
    rx_error_clear(NULL);
}

static void errors_match_limit(void **state)
{
    (void)state;
    /* catastrophic backtracking (PCRE2 sees through the simpler (x+x+)+y) */
    struct rx *rx = must_compile("^(\\w+\\s?)*$", 0);
    char s[64];
    memset(s, 'a', 40);
    s[40] = '!';
    s[41] = '\0';
    int rc = rx_exec(rx, s, 41, 0, NULL);
    assert_int_equal(rc, RX_E_LIMIT);
    assert_non_null(strstr(rx_strerror(rc), "backtracking"));
    assert_non_null(rx_strerror(RX_E_INTERNAL));
    /* the limit is reported through the other calls too */
    struct buf b = BUF_INIT;
    assert_int_equal(rx_replace(rx, s, 41, "", 0, -1, &b, NULL), RX_E_LIMIT);
    buf_release(&b);
    int calls = 0;
    assert_int_equal(rx_split(rx, s, 41, 0, stop_second, &calls), RX_E_LIMIT);
    rx_release(rx);
}

/* {======================================================= the cache */

static void cache_compiles_once(void **state)
{
    (void)state;
    rx_cache_clear();
    unsigned long before = rx_compile_count();
    struct rx *a = NULL;
    for (int k = 0; k < 1000; k++) {
        struct rx *rx = rx_get("^\\d+$", 5, RX_IGNORECASE, NULL);
        assert_non_null(rx);
        if (!a)
            a = rx;
        assert_ptr_equal(rx, a);
        assert_int_equal(rx_exec(rx, "123", 3, 0, NULL), 1);
    }
    assert_int_equal(rx_compile_count() - before, 1);
    /* other flags are another entry */
    struct rx *b = rx_get("^\\d+$", 5, 0, NULL);
    assert_ptr_not_equal(a, b);
    assert_int_equal(rx_cache_count(), 2);
    size_t len;
    assert_string_equal(rx_pattern(b, &len), "^\\d+$");
    assert_int_equal(len, 5);
    assert_int_equal(rx_flags_of(a), RX_IGNORECASE);
    /* errors are reported and not cached */
    struct rx_error err = RX_ERROR_INIT;
    assert_null(rx_get("(", 1, 0, &err));
    assert_string_equal(err.msg, "parsing \"(\" - Not enough )'s.");
    rx_error_clear(&err);
    assert_int_equal(rx_cache_count(), 2);
    rx_cache_clear();
}

static void cache_evicts_lru(void **state)
{
    (void)state;
    rx_cache_clear();
    struct rx *keep = rx_retain(rx_get("keep", 4, 0, NULL));
    struct rx *hot = rx_get("hot", 3, 0, NULL);
    char pat[32];
    for (int k = 0; k < 3 * RX_CACHE_MAX; k++) {
        snprintf(pat, sizeof pat, "p%d", k);
        assert_non_null(rx_get(pat, strlen(pat), 0, NULL));
        assert_ptr_equal(rx_get("hot", 3, 0, NULL), hot); /* used all the time: stays */
    }
    assert_int_equal(rx_cache_count(), RX_CACHE_MAX);
    /* "keep" was evicted long ago, but the retained handle still works */
    assert_int_equal(rx_exec(keep, "keeper", 6, 0, NULL), 1);
    unsigned long before = rx_compile_count();
    struct rx *again = rx_get("keep", 4, 0, NULL);
    assert_int_equal(rx_compile_count() - before, 1);
    assert_ptr_not_equal(again, keep);
    rx_release(keep);
    rx_cache_clear();
    assert_int_equal(rx_cache_count(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(match_basic),
        cmocka_unit_test(match_case_rules),
        cmocka_unit_test(match_unicode),
        cmocka_unit_test(anchors_like_dotnet),
        cmocka_unit_test(options_x_and_n),
        cmocka_unit_test(groups_dotnet_numbering),
        cmocka_unit_test(backreferences),
        cmocka_unit_test(conditionals),
        cmocka_unit_test(classes_basic),
        cmocka_unit_test(classes_subtraction),
        cmocka_unit_test(classes_properties),
        cmocka_unit_test(escapes),
        cmocka_unit_test(matches_empty_and_bump),
        cmocka_unit_test(replace_substitutions),
        cmocka_unit_test(replace_count_and_hooks),
        cmocka_unit_test(replace_callback),
        cmocka_unit_test(split_like_dotnet),
        cmocka_unit_test(split_stops),
        cmocka_unit_test(escape_unescape),
        cmocka_unit_test(errors_dotnet_messages),
        cmocka_unit_test(errors_explicit_capture),
        cmocka_unit_test(errors_unsupported),
        cmocka_unit_test(errors_match_limit),
        cmocka_unit_test(cache_compiles_once),
        cmocka_unit_test(cache_evicts_lru),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rx_cache_clear();
    return rc;
}
