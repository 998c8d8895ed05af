/*
** test_base.c - unit tests of the base utilities: the arena (arena.h), the
** growable buffer (buf.h) and the status strings (base.h).
**
** Each test is named after what it checks, SQLite style: base-<area>-<what>.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "base.h"
#include "buf.h"

/* {======================================================= arena */

static void arena_alloc_is_zeroed_and_aligned(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    for (size_t n = 1; n < 200; n += 7) {
        unsigned char *p = arena_alloc(&a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, n); /* must not disturb the next allocation */
    }
    assert_true(a.total >= 1);
    arena_release(&a);
    assert_null(a.head);
    assert_int_equal(a.total, 0);
}

static void arena_allocations_do_not_overlap(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    enum { N = 5000 };
    uint32_t **v = malloc(N * sizeof *v);
    for (uint32_t i = 0; i < N; i++) {
        v[i] = arena_alloc(&a, 3 * sizeof(uint32_t));
        v[i][0] = v[i][1] = v[i][2] = i;
    }
    /* 5000 x 16 bytes needs more than one 64 KiB block */
    assert_true(a.total > 65536);
    for (uint32_t i = 0; i < N; i++) {
        assert_int_equal(v[i][0], i);
        assert_int_equal(v[i][2], i);
    }
    free(v);
    arena_release(&a);
}

static void arena_large_object_gets_own_block(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    char *small1 = arena_alloc(&a, 10);
    strcpy(small1, "before");
    char *big = arena_alloc(&a, 100000);
    for (size_t i = 0; i < 100000; i++)
        assert_int_equal(big[i], 0);
    memset(big, 'x', 100000);
    /* the current block keeps filling after a large object */
    char *small2 = arena_alloc(&a, 10);
    assert_ptr_equal(small2, small1 + 16);
    assert_string_equal(small1, "before");
    assert_true(a.total >= 100000 + 65536);
    arena_release(&a);

    /* a large object first */
    arena_init(&a);
    big = arena_alloc(&a, 50000);
    assert_non_null(big);
    char *s = arena_alloc(&a, 8);
    assert_non_null(s);
    arena_release(&a);
}

static void arena_strndup_copies_and_terminates(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    const char src[] = "hello, world";
    char *s = arena_strndup(&a, src, 5);
    assert_string_equal(s, "hello");
    assert_ptr_not_equal(s, src);
    char *e = arena_strndup(&a, src, 0);
    assert_string_equal(e, "");
    /* embedded NUL bytes are copied as they are */
    char *z = arena_strndup(&a, "a\0b", 3);
    assert_memory_equal(z, "a\0b\0", 4);
    arena_release(&a);
    /* reusable after release */
    arena_init(&a);
    assert_string_equal(arena_strndup(&a, "again", 5), "again");
    arena_release(&a);
}

/* }======================================================= */

/* {======================================================= buf */

static void buf_empty_reads_as_empty_string(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    assert_null(b.s);
    assert_string_equal(buf_cstr(&b), "");
    buf_reset(&b); /* no-op on an empty buffer */
    assert_int_equal(b.len, 0);
    size_t n = 99;
    char *s = buf_detach(&b, &n);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(n, 0);
    free(s);
    buf_release(&b);
}

static void buf_appends_and_terminates(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_puts(&b, "abc");
    buf_putc(&b, 'd');
    buf_add(&b, "efgh", 2);
    buf_add(&b, "", 0);
    assert_int_equal(b.len, 6);
    assert_string_equal(b.s, "abcdef");
    assert_int_equal(b.s[b.len], '\0');
    assert_true(b.cap > b.len);
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_cstr(&b), "");
    buf_puts(&b, "x");
    assert_string_equal(b.s, "x");
    buf_release(&b);
    assert_null(b.s);
    assert_int_equal(b.cap, 0);
}

static void buf_grows_across_many_appends(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 10000);
    assert_int_equal(strlen(b.s), 10000);
    assert_int_equal(b.s[26], 'a');
    assert_int_equal(b.s[9999], 'a' + 9999 % 26);
    buf_release(&b);
}

static void buf_printf_short_and_long(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_printf(&b, "%d-%s", 42, "x");
    assert_string_equal(b.s, "42-x");
    /* longer than the 256-byte scratch buffer of buf_vprintf */
    char big[600];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    buf_printf(&b, "[%s]", big);
    assert_int_equal(b.len, 4 + 1 + 599 + 1);
    assert_int_equal(b.s[4], '[');
    assert_int_equal(b.s[b.len - 1], ']');
    assert_int_equal(b.s[b.len], '\0');
    buf_release(&b);
}

static void buf_put_utf8_encodes(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_put_utf8(&b, 'A');
    buf_put_utf8(&b, 0xE9);    /* é: 2 bytes */
    buf_put_utf8(&b, 0x2013);  /* en dash: 3 bytes */
    buf_put_utf8(&b, 0x1F600); /* emoji: 4 bytes */
    assert_int_equal(b.len, 1 + 2 + 3 + 4);
    assert_memory_equal(b.s, "A\xC3\xA9\xE2\x80\x93\xF0\x9F\x98\x80", 10);
    buf_reset(&b);
    buf_put_utf8(&b, 0x110000); /* out of range: U+FFFD */
    assert_string_equal(b.s, "\xEF\xBF\xBD");
    buf_reset(&b);
    buf_put_utf8(&b, 0x7FF);
    buf_put_utf8(&b, 0x800);
    buf_put_utf8(&b, 0xFFFF);
    buf_put_utf8(&b, 0x10000);
    assert_memory_equal(b.s, "\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80", 12);
    buf_release(&b);
}

static void buf_detach_hands_over(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_puts(&b, "owned");
    size_t n = 0;
    char *s = buf_detach(&b, &n);
    assert_string_equal(s, "owned");
    assert_int_equal(n, 5);
    assert_null(b.s);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    free(s);
    /* the buffer is usable again */
    buf_puts(&b, "next");
    s = buf_detach(&b, NULL);
    assert_string_equal(s, "next");
    free(s);
}

/* }======================================================= */

/* {======================================================= status and allocation */

static void rc_strings_are_fixed(void **state)
{
    (void)state;
    assert_string_equal(emsh_rc_str(EMSH_OK), "no error");
    assert_string_equal(emsh_rc_str(EMSH_E_SYNTAX), "syntax error");
    assert_string_equal(emsh_rc_str(EMSH_E_INCOMPLETE), "incomplete input");
    assert_string_equal(emsh_rc_str(EMSH_RC__LAST), "unknown status");
    assert_string_equal(emsh_rc_str((enum emsh_rc)-1), "unknown status");
    for (int rc = 0; rc < EMSH_RC__LAST; rc++) {
        assert_non_null(emsh_rc_str((enum emsh_rc)rc));
        assert_true(strlen(emsh_rc_str((enum emsh_rc)rc)) > 0);
    }
}

static void xalloc_helpers(void **state)
{
    (void)state;
    char *s = emsh_xstrndup("abcdef", 3);
    assert_string_equal(s, "abc");
    free(s);
    void *p = emsh_xmalloc(0); /* never NULL, even for 0 bytes */
    assert_non_null(p);
    p = emsh_xrealloc(p, 100);
    assert_non_null(p);
    memset(p, 1, 100);
    free(p);
}

/* }======================================================= */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_alloc_is_zeroed_and_aligned),
        cmocka_unit_test(arena_allocations_do_not_overlap),
        cmocka_unit_test(arena_large_object_gets_own_block),
        cmocka_unit_test(arena_strndup_copies_and_terminates),
        cmocka_unit_test(buf_empty_reads_as_empty_string),
        cmocka_unit_test(buf_appends_and_terminates),
        cmocka_unit_test(buf_grows_across_many_appends),
        cmocka_unit_test(buf_printf_short_and_long),
        cmocka_unit_test(buf_put_utf8_encodes),
        cmocka_unit_test(buf_detach_hands_over),
        cmocka_unit_test(rc_strings_are_fixed),
        cmocka_unit_test(xalloc_helpers),
    };
    return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
