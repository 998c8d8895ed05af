/*
** test_scope.c - unit tests of scopes (shell/scope.h): lookup through the
** parents, private items, the three namespaces sharing one table, and the
** ids by which a [ref] finds its variable's scope.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conv.h"
#include "scope.h"
#include "types.h"

static struct var *def(struct scope *s, int ns, const char *name, const char *value)
{
    struct var *v = scope_define_ns(s, ns, name, strlen(name));
    val_free(v->value);
    v->value = val_str_new(value);
    return v;
}

static const char *value_of(struct var *v) { return v ? val_str(v->value) : NULL; }

/* A variable, a function and an alias of one name are three items. */
static void test_namespaces_apart(void **state)
{
    (void)state;
    struct scope *g = scope_new(NULL, SCOPE_GLOBAL);
    def(g, NS_VARIABLE, "dir", "a variable");
    def(g, NS_FUNCTION, "DIR", "a function");
    def(g, NS_ALIAS, "Dir", "Get-ChildItem");
    assert_string_equal(value_of(scope_lookup(g, "dir", 3)), "a variable");
    assert_string_equal(value_of(scope_lookup_ns(g, NS_FUNCTION, "dir", 3)), "a function");
    assert_string_equal(value_of(scope_lookup_ns(g, NS_ALIAS, "DIR", 3)), "Get-ChildItem");
    assert_true(scope_remove_ns(g, NS_FUNCTION, "Dir", 3));
    assert_null(scope_lookup_ns(g, NS_FUNCTION, "dir", 3));
    assert_non_null(scope_lookup(g, "dir", 3));
    assert_non_null(scope_lookup_ns(g, NS_ALIAS, "dir", 3));
    assert_false(scope_remove_ns(g, NS_FUNCTION, "dir", 3));
    scope_release(g);
}

/* A child sees its parents' items, a nearer one first, and another scope's private ones never. */
static void test_lookup_through_parents(void **state)
{
    (void)state;
    struct scope *g = scope_new(NULL, SCOPE_GLOBAL);
    struct scope *f = scope_new(g, SCOPE_FUNCTION);
    struct scope *c = scope_new(f, SCOPE_FUNCTION);
    def(g, NS_FUNCTION, "Get-Who", "global");
    def(f, NS_FUNCTION, "Get-Who", "function");
    def(f, NS_FUNCTION, "Get-Secret", "private")->options = VO_PRIVATE;
    assert_string_equal(value_of(scope_lookup_ns(c, NS_FUNCTION, "get-who", 7)), "function");
    assert_string_equal(value_of(scope_lookup_ns(g, NS_FUNCTION, "get-who", 7)), "global");
    assert_non_null(scope_lookup_ns(f, NS_FUNCTION, "Get-Secret", 10));
    assert_null(scope_lookup_ns(c, NS_FUNCTION, "Get-Secret", 10));
    /* the function scope goes: what it defined goes with it */
    scope_release(c);
    scope_release(f);
    assert_string_equal(value_of(scope_lookup_ns(g, NS_FUNCTION, "Get-Who", 7)), "global");
    scope_release(g);
}

/* What a scope sees of a namespace: each name once, the nearest, no private ones of others. */
static void test_visible(void **state)
{
    (void)state;
    struct scope *g = scope_new(NULL, SCOPE_GLOBAL);
    struct scope *f = scope_new(g, SCOPE_FUNCTION);
    struct scope *c = scope_new(f, SCOPE_FUNCTION);
    def(g, NS_ALIAS, "a", "global a");
    def(g, NS_ALIAS, "b", "global b");
    def(f, NS_ALIAS, "b", "function b");
    def(f, NS_ALIAS, "p", "private p")->options = VO_PRIVATE;
    def(c, NS_VARIABLE, "a", "a variable");
    uint32_t n;
    struct var **v = scope_visible(c, NS_ALIAS, &n);
    assert_int_equal(n, 2);
    const char *seen[2] = {value_of(v[0]), value_of(v[1])};
    assert_true((!strcmp(seen[0], "function b") && !strcmp(seen[1], "global a")) ||
                (!strcmp(seen[1], "function b") && !strcmp(seen[0], "global a")));
    free(v);
    v = scope_visible(f, NS_ALIAS, &n);
    assert_int_equal(n, 3); /* its own private one too */
    free(v);
    scope_release(c);
    scope_release(f);
    scope_release(g);
}

/* Many items: the table grows and keeps every namespace's items findable. */
static void test_growth(void **state)
{
    (void)state;
    struct scope *g = scope_new(NULL, SCOPE_GLOBAL);
    char name[16];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "item%d", i);
        def(g, i % 3, name, name);
    }
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "ITEM%d", i);
        assert_non_null(scope_lookup_ns(g, i % 3, name, strlen(name)));
        assert_null(scope_lookup_ns(g, (i + 1) % 3, name, strlen(name)));
    }
    scope_release(g);
}

/* A scope's id is never another's, even at the address of a freed one. */
static void test_ids_never_reused(void **state)
{
    (void)state;
    struct scope *g = scope_new(NULL, SCOPE_GLOBAL);
    struct scope *f = scope_new(g, SCOPE_FUNCTION);
    uint64_t first = f->id;
    assert_true(first != g->id);
    scope_release(f);
    f = scope_new(g, SCOPE_FUNCTION);
    assert_true(f->id != first && f->id != g->id);
    scope_release(f);
    scope_release(g);
}

/* [ref]value holds the value; a reference converts to itself. */
static void test_ref_values(void **state)
{
    (void)state;
    struct conv_error err;
    val r;
    assert_true(conv_to_type(val_int(7), TY_REF, &r, &err));
    assert_true(conv_is_ref(r));
    val v = val_obj_get(r, "Value");
    assert_int_equal(val_kind(v), VAL_INT);
    assert_int_equal(v.u.i, 7);
    val same;
    assert_true(conv_to_type(val_copy(r), TY_REF, &same, &err));
    assert_ptr_equal(same.u.p, r.u.p);
    val_free(same);
    val_free(r);
    val o = val_obj_new(NULL);
    assert_false(conv_is_ref(o));
    assert_false(conv_is_ref(val_int(1)));
    val_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_namespaces_apart),
        cmocka_unit_test(test_lookup_through_parents),
        cmocka_unit_test(test_visible),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_ids_never_reused),
        cmocka_unit_test(test_ref_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
