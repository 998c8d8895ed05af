/*
** test_wildcard.c - unit tests of PowerShell wildcard patterns
** (shell/wildcard.h). Expected values are what -like and -clike give in
** PowerShell, and what WildcardPattern's static methods return.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "wildcard.h"

static int like(const char *s, const char *pat)
{
    return wc_match(pat, strlen(pat), s, strlen(s), WC_NONE);
}

static int clike(const char *s, const char *pat)
{
    return wc_match(pat, strlen(pat), s, strlen(s), WC_CASE_SENSITIVE);
}

static void basics(void **state)
{
    (void)state;
    assert_int_equal(like("", ""), 1);
    assert_int_equal(like("a", ""), 0);
    assert_int_equal(like("", "*"), 1);
    assert_int_equal(like("anything", "*"), 1);
    assert_int_equal(like("", "**"), 1);
    assert_int_equal(like("", "a*"), 0);
    assert_int_equal(like("a", "a*"), 1);
    assert_int_equal(like("abc", "a*"), 1);
    assert_int_equal(like("bac", "a*"), 0);
    assert_int_equal(like("cba", "*a"), 1);
    assert_int_equal(like("cab", "*a"), 0);
    assert_int_equal(like("xay", "*a*"), 1);
    assert_int_equal(like("xy", "*a*"), 0);
    assert_int_equal(like("", "?"), 0);
    assert_int_equal(like("a", "?"), 1);
    assert_int_equal(like("ab", "?"), 0);
    assert_int_equal(like("ab", "??"), 1);
    assert_int_equal(like("abc", "a?c"), 1);
    assert_int_equal(like("ac", "a?c"), 0);
    assert_int_equal(like("abc", "abc"), 1);
    assert_int_equal(like("abcd", "abc"), 0); /* the whole string */
    assert_int_equal(like("xabc", "abc"), 0);
    assert_int_equal(like("mailbox01", "mailbox??"), 1);
    assert_int_equal(like("Server-EX01.contoso.com", "*-EX??.*"), 1);
    assert_int_equal(like("aXbXc", "a*b*c"), 1);
    assert_int_equal(like("abcabd", "*abd"), 1);
    assert_int_equal(like("ababab", "*ab*ab"), 1);
    assert_int_equal(like("aaa", "a*a*a"), 1);
    assert_int_equal(like("aa", "a*a*a"), 0);
    assert_int_equal(like("a", "*?"), 1);
    assert_int_equal(like("", "*?"), 0);
    assert_int_equal(like("abc", "*?*?*?"), 1);
    assert_int_equal(like("ab", "*?*?*?"), 0);
}

static void case_rules(void **state)
{
    (void)state;
    assert_int_equal(like("EXCHANGE", "exchange"), 1);
    assert_int_equal(clike("EXCHANGE", "exchange"), 0);
    assert_int_equal(clike("exchange", "exchange"), 1);
    assert_int_equal(like("Mailbox", "MAIL*"), 1);
    assert_int_equal(clike("Mailbox", "MAIL*"), 0);
    assert_int_equal(like("ÄRGER", "ärger"), 1);
    assert_int_equal(like("ΣΟΦΙΑ", "σοφια"), 1); /* text_fold: unaccented Greek */
    assert_int_equal(like("МОСКВА", "моск*"), 1);
    assert_int_equal(clike("МОСКВА", "моск*"), 0);
    /* sets and ranges ignore case too */
    assert_int_equal(like("B", "[a-c]"), 1);
    assert_int_equal(like("b", "[A-C]"), 1);
    assert_int_equal(like("B", "[abc]"), 1);
    assert_int_equal(clike("B", "[a-c]"), 0);
    assert_int_equal(clike("b", "[a-c]"), 1);
    assert_int_equal(like("É", "[à-ÿ]"), 1);
    assert_int_equal(clike("É", "[à-ÿ]"), 0);
}

static void sets(void **state)
{
    (void)state;
    assert_int_equal(like("b", "[abc]"), 1);
    assert_int_equal(like("d", "[abc]"), 0);
    assert_int_equal(like("m", "[a-z]"), 1);
    assert_int_equal(like("5", "[a-z]"), 0);
    assert_int_equal(like("x7", "[a-z][0-9]"), 1);
    assert_int_equal(like("EX01", "EX[0-9][0-9]"), 1);
    assert_int_equal(like("]", "[]a]"), 1); /* ] first is a member */
    assert_int_equal(like("a", "[]a]"), 1);
    assert_int_equal(like("-", "[a-]"), 1);
    assert_int_equal(like("-", "[-a]"), 1);
    assert_int_equal(like("-", "[a`-z]"), 1); /* an escaped - is no range */
    assert_int_equal(like("m", "[a`-z]"), 0);
    assert_int_equal(like("d", "[a-c-e]"), 0); /* a-c, then - and e */
    assert_int_equal(like("-", "[a-c-e]"), 1);
    assert_int_equal(like("e", "[a-c-e]"), 1);
    assert_int_equal(like("!", "[!a]"), 1); /* no negation in PowerShell */
    assert_int_equal(like("b", "[!a]"), 0);
    assert_int_equal(like("^", "[^a]"), 1);
    assert_int_equal(like("[", "[[]"), 1);
    assert_int_equal(like("]", "[`]]"), 1);
    assert_int_equal(like("*", "[*?]"), 1);
    assert_int_equal(like("x", "[*?]"), 0);
    assert_int_equal(like("é", "[éè]"), 1);
    assert_int_equal(like("😀", "[😀]"), 1);
    assert_int_equal(like("ab", "[ab]"), 0); /* one character */
    assert_int_equal(like("file1.txt", "file[0-9].*"), 1);
    assert_int_equal(like("a", "[a-a]"), 1);
}

static void escapes_and_backticks(void **state)
{
    (void)state;
    assert_int_equal(like("a*", "a`*"), 1);
    assert_int_equal(like("ab", "a`*"), 0);
    assert_int_equal(like("a?", "a`?"), 1);
    assert_int_equal(like("ab", "a`?"), 0);
    assert_int_equal(like("[a]", "`[a`]"), 1);
    assert_int_equal(like("[a]", "`[a]"), 1);
    assert_int_equal(like("a", "`[a]"), 0);
    assert_int_equal(like("`", "``"), 1);
    assert_int_equal(like("ab", "a`b"), 1); /* an escaped ordinary character is itself */
    assert_int_equal(like("a`", "a`"), 1);  /* a trailing backtick is literal */
    assert_int_equal(like("a", "a`"), 0);
    assert_int_equal(like("", "`"), 1); /* "`" alone is the empty pattern */
    assert_int_equal(like("`", "`"), 0);
    assert_int_equal(like("``", "```"), 1);
    assert_int_equal(like("x*y", "*`**"), 1);
    assert_int_equal(like("xy", "*`**"), 0);
    assert_int_equal(like("É", "`é"), 1);
}

static void invalid_patterns(void **state)
{
    (void)state;
    assert_int_equal(like("a", "["), WC_E_PATTERN);
    assert_int_equal(like("a", "a[bc"), WC_E_PATTERN);
    assert_int_equal(like("a", "[]"), WC_E_PATTERN);
    assert_int_equal(like("a", "[a`]"), WC_E_PATTERN);
    assert_int_equal(like("a", "[z-a]"), WC_E_PATTERN);
    assert_int_equal(like("y", "x["), WC_E_PATTERN); /* even when the text fails first */
    assert_int_equal(like("", "*["), WC_E_PATTERN);
    assert_int_equal(wc_check("[", 1), EMSH_E_SYNTAX);
    assert_int_equal(wc_check("[a-c]*", 6), EMSH_OK);
    assert_int_equal(wc_check("`[", 2), EMSH_OK);
    assert_int_equal(wc_check("a]", 2), EMSH_OK); /* a stray ] is a literal */
    assert_int_equal(like("a]", "a]"), 1);
    struct buf b = BUF_INIT;
    wc_error_message("a[bc", 4, &b);
    assert_string_equal(buf_cstr(&b), "The specified wildcard character pattern is not valid: a[bc");
    buf_release(&b);
    assert_int_equal(wc_match(NULL, 0, NULL, 0, 0), 1);
}

static void unicode_text(void **state)
{
    (void)state;
    assert_int_equal(like("é", "?"), 1);
    assert_int_equal(like("😀", "?"), 1);
    assert_int_equal(like("naïve", "na?ve"), 1);
    assert_int_equal(like("Zürich", "*ü*"), 1);
    assert_int_equal(like("ZÜRICH", "*ü*"), 1);
    assert_int_equal(clike("ZÜRICH", "*ü*"), 0);
    assert_int_equal(like("日本語", "日*"), 1);
    assert_int_equal(like("日本語", "??"), 0);
    assert_int_equal(like("日本語", "???"), 1);
}

static void no_blowup(void **state)
{
    (void)state;
    enum { N = 200000 };
    char *s = malloc(N + 2);
    memset(s, 'a', N);
    s[N] = '\0';
    clock_t t0 = clock();
    assert_int_equal(wc_match("*a*a*a*b", 8, s, N, 0), 0);
    assert_int_equal(wc_match("*a*a*a*a*a*a*a*a*b", 18, s, N, 0), 0);
    s[N] = 'b';
    s[N + 1] = '\0';
    assert_int_equal(wc_match("*a*a*a*b", 8, s, N + 1, 0), 1);
    assert_int_equal(wc_match("*a?a*a*[b]", 10, s, N + 1, 0), 1);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(secs < 5.0);
    free(s);
}

static void has_wildcards(void **state)
{
    (void)state;
    assert_false(wc_has_wildcards("", 0));
    assert_false(wc_has_wildcards("abc", 3));
    assert_true(wc_has_wildcards("a*", 2));
    assert_true(wc_has_wildcards("a?", 2));
    assert_true(wc_has_wildcards("[a", 2));
    assert_true(wc_has_wildcards("a]", 2)); /* PowerShell counts ] too */
    assert_false(wc_has_wildcards("a`*", 3));
    assert_false(wc_has_wildcards("`[a`]", 5));
    assert_true(wc_has_wildcards("``*", 3)); /* the first backtick escapes the second */
    assert_false(wc_has_wildcards("a`", 2));
    assert_true(wc_has_wildcards("`é*", 4));
    assert_true(wc_has_wildcards("`éa*", 5));
    assert_false(wc_has_wildcards("`é", 3));
}

static void unescape_and_escape(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    wc_unescape("a`*b", 4, &b);
    assert_string_equal(buf_cstr(&b), "a*b");
    buf_reset(&b);
    wc_unescape("`[x`]`?", 7, &b);
    assert_string_equal(buf_cstr(&b), "[x]?");
    buf_reset(&b);
    wc_unescape("a`b", 3, &b); /* not a wildcard: the backtick stays */
    assert_string_equal(buf_cstr(&b), "a`b");
    buf_reset(&b);
    wc_unescape("``", 2, &b);
    assert_string_equal(buf_cstr(&b), "`");
    buf_reset(&b);
    wc_unescape("a`", 2, &b);
    assert_string_equal(buf_cstr(&b), "a`");
    buf_reset(&b);
    wc_unescape("a*b", 3, &b); /* unescaped wildcards stay */
    assert_string_equal(buf_cstr(&b), "a*b");
    buf_reset(&b);
    wc_unescape("", 0, &b);
    assert_string_equal(buf_cstr(&b), "");
    buf_reset(&b);
    wc_escape("a*b[c]`?", 8, &b);
    assert_string_equal(buf_cstr(&b), "a`*b`[c`]```?");
    /* an escaped pattern matches the original text literally */
    assert_int_equal(wc_match(b.s, b.len, "a*b[c]`?", 8, 0), 1);
    assert_int_equal(wc_match(b.s, b.len, "axb[c]`?", 8, 0), 0);
    buf_reset(&b);
    wc_escape("plain", 5, &b);
    assert_string_equal(buf_cstr(&b), "plain");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(basics),
        cmocka_unit_test(case_rules),
        cmocka_unit_test(sets),
        cmocka_unit_test(escapes_and_backticks),
        cmocka_unit_test(invalid_patterns),
        cmocka_unit_test(unicode_text),
        cmocka_unit_test(no_blowup),
        cmocka_unit_test(has_wildcards),
        cmocka_unit_test(unescape_and_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
