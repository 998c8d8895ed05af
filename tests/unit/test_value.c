/*
** test_value.c - unit tests of hashtables (shell/value.h): a Hashtable's
** string keys are one key whatever their case, a typed collection's
** (Dictionary[K,V], HashSet[T]) compare ordinally as .NET's default
** comparer does, in the small linear form and past it, with its index;
** and a HashSet's membership index over its array.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>

#include "value.h"

/* Fills h with n keys "k0".."k<n-1>", each valued by its number. */
static val fill(val h, int n)
{
    for (int i = 0; i < n; i++)
        h = val_hash_set(h, val_str_printf("k%d", i), val_int(i));
    return h;
}

/* Has h the string key s? (val_hash_has borrows its key.) */
static bool has(val h, const char *s)
{
    val k = val_str_new(s);
    bool yes = val_hash_has(h, k);
    val_free(k);
    return yes;
}

/* A Hashtable: "K1" finds "k1"; setting it replaces, it adds nothing. */
static void hashtable_ignores_case(int n)
{
    val h = fill(val_hash_new(false), n);
    assert_int_equal(val_hash_type(h), 0);
    assert_true(has(h, "K1"));
    h = val_hash_set(h, val_str_new("K1"), val_int(100));
    assert_int_equal(val_hash_len(h), (uint32_t)n);
    val v = val_hash_get(h, val_str_new("k1"));
    assert_int_equal(v.u.i, 100);
    val_free(h);
}

/* A typed collection: "K1" is another key than "k1", and both stay findable. */
static void typed_is_ordinal(int n)
{
    val h = fill(val_hash_new_typed(1234), n);
    assert_int_equal(val_hash_type(h), 1234);
    assert_false(has(h, "K1"));
    h = val_hash_set(h, val_str_new("K1"), val_int(100));
    assert_int_equal(val_hash_len(h), (uint32_t)n + 1);
    val lower = val_hash_get(h, val_str_new("k1")), upper = val_hash_get(h, val_str_new("K1"));
    assert_int_equal(lower.u.i, 1);
    assert_int_equal(upper.u.i, 100);
    h = val_hash_remove(h, val_str_new("k1"));
    assert_false(has(h, "k1"));
    assert_true(has(h, "K1"));
    /* a clone keeps the type, and with it the ordinal keys */
    val c = val_hash_clone(h);
    assert_int_equal(val_hash_type(c), 1234);
    assert_false(has(c, "k2") == has(c, "K2"));
    val_free(c);
    h = val_hash_clear(h);
    assert_int_equal(val_hash_len(h), 0);
    assert_false(has(h, "K1"));
    val_free(h);
}

static void small_tables(void **state)
{
    (void)state;
    hashtable_ignores_case(3);
    typed_is_ordinal(3);
}

static void indexed_tables(void **state)
{
    (void)state;
    hashtable_ignores_case(200);
    typed_is_ordinal(200);
}

/* Numbers stay one key whatever their kind, in both. */
static void numbers_and_same(void **state)
{
    (void)state;
    val h = val_hash_new_typed(7);
    h = val_hash_set(h, val_int(5), val_str_new("five"));
    assert_true(val_hash_has(h, val_long(5)));
    assert_false(val_hash_has(h, val_long(6)));
    val_free(h);
    val a = val_str_new("Abc"), b = val_str_new("abc");
    assert_true(val_key_equal(a, b));
    assert_false(val_key_same(a, b));
    assert_true(val_key_same(a, a));
    assert_true(val_key_same(val_int(2), val_long(2)));
    val_free(a);
    val_free(b);
}

/* Has the set the string s? (val_arr_set_has borrows its item.) */
static bool set_has(val a, const char *s)
{
    val k = val_str_new(s);
    bool yes = val_arr_set_has(a, k);
    val_free(k);
    return yes;
}

/* A HashSet's array: ordinal membership, kept through its own changes and
** right again after a change the index did not see. */
static void hashset_index(void **state)
{
    (void)state;
    val a = val_arr_set_flavour(val_arr_new(), ARR_HASHSET, "System.String");
    char name[16];
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof name, "m%d", i);
        assert_true(val_arr_set_add(a, val_str_new(name)));
    }
    assert_false(val_arr_set_add(a, val_str_new("m7")));
    assert_true(val_arr_set_add(a, val_str_new("M7")));
    assert_int_equal(val_arr_len(a), 101);
    val k = val_str_new("m7");
    assert_true(val_arr_set_remove(a, k));
    assert_false(val_arr_set_remove(a, k));
    val_free(k);
    assert_false(set_has(a, "m7"));
    assert_true(set_has(a, "M7"));
    assert_true(set_has(a, "m8"));
    /* the order of the items is the order they came in */
    assert_string_equal(val_str(val_arr_items(a)[7]), "m8");
    /* a change by the array functions: the index is built again */
    a = val_arr_remove_at(a, 0);
    assert_false(set_has(a, "m0"));
    a = val_arr_push(a, val_str_new("m0"));
    assert_true(set_has(a, "m0"));
    assert_false(val_arr_set_add(a, val_str_new("m0")));
    val_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_tables),
        cmocka_unit_test(indexed_tables),
        cmocka_unit_test(numbers_and_same),
        cmocka_unit_test(hashset_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
