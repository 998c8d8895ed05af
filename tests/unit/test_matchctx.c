/*
** test_matchctx.c - unit tests of Select-String's context lines
** (cmdlets/matchctx.h): the logical context (every line around a match,
** other matches included), the display context (each line shown once),
** when a match comes out, and what the end of the input gives.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "buf.h"
#include "matchctx.h"

#include <string.h>

/* Appends the strings of the array property name of ctx, joined by ','. */
static void join(val ctx, const char *name, struct buf *out)
{
    val a = val_obj_get(ctx, name);
    for (uint32_t i = 0; i < val_arr_len(a); i++) {
        if (i)
            buf_putc(out, ',');
        buf_puts(out, val_str(val_arr_items(a)[i]));
    }
    val_free(a);
}

/* The matches that came out, as "line:pre/post/dpre/dpost;" each (appended to out). */
static void describe(val done, struct buf *out)
{
    for (uint32_t i = 0; i < val_arr_len(done); i++) {
        val mi = val_arr_items(done)[i];
        val line = val_obj_get(mi, "Line"), ctx = val_obj_get(mi, "Context");
        buf_printf(out, "%s:", val_str(line));
        join(ctx, "PreContext", out);
        buf_putc(out, '/');
        join(ctx, "PostContext", out);
        buf_putc(out, '/');
        join(ctx, "DisplayPreContext", out);
        buf_putc(out, '/');
        join(ctx, "DisplayPostContext", out);
        buf_putc(out, ';');
        val_free(line);
        val_free(ctx);
    }
    val_free(done);
}

/* Feeds one line; a line whose text starts with '*' matches. */
static void feed(struct mctx *t, const char *text)
{
    val s = val_str_new(text);
    val mi = val_nothing();
    if (text[0] == '*') {
        mi = val_obj_new("Microsoft.PowerShell.Commands.MatchInfo");
        mi = val_obj_set(mi, "Line", val_copy(s));
        mi = val_obj_set(mi, "Context", val_null());
    }
    mctx_line(t, s, mi);
    val_free(s);
}

/* Runs the lines (NULL-terminated) through a tracker and describes all that came out. */
static void run(uint32_t pre, uint32_t post, const char *const *lines, const char *want)
{
    struct mctx *t = mctx_new(pre, post);
    struct buf out = BUF_INIT;
    for (size_t i = 0; lines[i]; i++) {
        feed(t, lines[i]);
        describe(mctx_take(t), &out);
    }
    mctx_eof(t);
    describe(mctx_take(t), &out);
    assert_string_equal(buf_cstr(&out), want);
    buf_release(&out);
    mctx_free(t);
}

static void test_overlapping_context(void **state)
{
    (void)state;
    static const char *const lines[] = {"*1", "2", "*3", "4", "5", "6", "*7", "8", NULL};
    /* logical context takes the neighbouring matches; display shows each line once */
    run(1, 1, lines, "*1:/2//2;*3:2/4//4;*7:6/8/6/8;");
    run(2, 1, lines, "*1:/2//2;*3:*1,2/4//4;*7:5,6/8/5,6/8;");
}

static void test_adjacent_matches(void **state)
{
    (void)state;
    static const char *const lines[] = {"a", "*b", "*c", "d", "e", NULL};
    /* the second match ends the first one's display post context */
    run(1, 1, lines, "*b:a/*c/a/;*c:*b/d//d;");
}

static void test_input_edges(void **state)
{
    (void)state;
    static const char *const first[] = {"*a", "b", "c", NULL};
    static const char *const last[] = {"a", "b", "*c", NULL};
    /* fewer lines than asked for at either end */
    run(3, 3, first, "*a:/b,c//b,c;");
    run(3, 3, last, "*c:a,b//a,b/;");
    /* no pre context: none collected; no post context: out at once */
    run(0, 1, last, "*c:///;");
    run(2, 0, last, "*c:a,b//a,b/;");
}

static void test_when_matches_come_out(void **state)
{
    (void)state;
    struct mctx *t = mctx_new(0, 2);
    struct buf out = BUF_INIT;
    feed(t, "*a");
    feed(t, "b");
    describe(mctx_take(t), &out);
    assert_string_equal(buf_cstr(&out), "");
    feed(t, "*c");
    describe(mctx_take(t), &out);
    /* two lines after it: out, though its display context ended at the match */
    assert_string_equal(buf_cstr(&out), "*a:/b,*c//b;");
    mctx_eof(t);
    describe(mctx_take(t), &out);
    assert_string_equal(buf_cstr(&out), "*a:/b,*c//b;*c:///;");
    describe(mctx_take(t), &out);
    assert_string_equal(buf_cstr(&out), "*a:/b,*c//b;*c:///;");
    buf_release(&out);
    mctx_free(t);
}

static void test_free_with_held_matches(void **state)
{
    (void)state;
    /* matches still waiting are freed with the tracker (the sanitizer build checks) */
    struct mctx *t = mctx_new(1, 5);
    feed(t, "x");
    feed(t, "*y");
    feed(t, "z");
    val done = mctx_take(t);
    assert_int_equal(val_arr_len(done), 0);
    val_free(done);
    mctx_free(t);
    mctx_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlapping_context),
        cmocka_unit_test(test_adjacent_matches),
        cmocka_unit_test(test_input_edges),
        cmocka_unit_test(test_when_matches_come_out),
        cmocka_unit_test(test_free_with_held_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
