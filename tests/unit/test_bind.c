/*
** test_bind.c - unit tests of the parameter binder (cmdlets/bind.h).
**
** Each case binds a command line written in a small notation against a
** cmd_meta declared below, and checks the values bound or the error's id
** and exact message (Windows PowerShell 5.1's wording). The notation,
** one token per argument, separated by spaces:
**
**     -Name          a parameter token alone     -Name: v   -Name:v (colon form)
**     @Name=v        -Name:v from @hashtable splatting        --   end of parameters
**     'a b' ''       strings                     word       a bare string
**     #5 #2.5        int, double                 $null $true $false
**     a,#2,c         an array of the elements    {sb}       the test script block
**     %h             @{Add='x'}                  %o         [pscustomobject]@{Identity='x';
*Server='s'}
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind.h"
#include "parse.h"
#include "regex.h"
#include "types.h"

/* {======================================================= metadata under test */

/* Get-Thing: sets Identity (default) and Filter */
enum {
    T_IDENTITY,
    T_FILTER,
    T_COUNT,
    T_COMMENT,
    T_MODE,
    T_FORCE,
    T_NAMES,
    T_LEVEL,
    T_SERVER,
    T_VERSION,
    T_ENABLED,
    T_MEMBERS,
    T__N
};
static const char *const thing_sets[] = {"Identity", "Filter", NULL};
static const char *const a_identity[] = {"Id", NULL};
static const char *const a_count[] = {"First", NULL};
static const char *const mode_values[] = {"A", "B", "C", NULL};
static const char *const level_values[] = {"Low", "Medium", "High", NULL};
static const struct param_set_entry s_identity[] = {
    {0, true, 0, PIPE_BY_VALUE | PIPE_BY_NAME, false}};
static const struct param_set_entry s_filter[] = {{1, true, -1, PIPE_NONE, false}};
static const struct param_set_entry s_all[] = {{PSET_ALL, false, -1, PIPE_NONE, false}};
static const struct param_set_entry s_server[] = {{PSET_ALL, false, 1, PIPE_BY_NAME, false}};
#define P(name, aliases, tname, ty, flags, values, sets)                                           \
    {                                                                                              \
        name, aliases, tname, ty, flags, values, NULL, (uint8_t)(sizeof sets / sizeof sets[0]),    \
            sets, NULL, 0, NULL                                                                    \
    }
static const struct param_meta thing_params[T__N] = {
    [T_IDENTITY] = P("Identity", a_identity, "String", TY_STRING, 0, NULL, s_identity),
    [T_FILTER] = P("Filter", NULL, "String", TY_STRING, 0, NULL, s_filter),
    [T_COUNT] = P("Count", a_count, "Int32", TY_INT, 0, NULL, s_all),
    [T_COMMENT] = P("Comment", NULL, "String", TY_STRING, 0, NULL, s_all),
    [T_MODE] = P("Mode", NULL, "String", TY_STRING, 0, mode_values, s_all),
    [T_FORCE] = P("Force", NULL, "SwitchParameter", TY_SWITCH, PF_SWITCH, NULL, s_all),
    [T_NAMES] = P("Names", NULL, "String[]", TY_STRING, PF_ARRAY, NULL, s_all),
    [T_LEVEL] = P("Level", NULL, "LevelOption", TY_OBJECT, PF_ENUM, level_values, s_all),
    [T_SERVER] = P("Server", NULL, "String", TY_STRING, 0, NULL, s_server),
    [T_VERSION] = P("Version", NULL, "String", TY_STRING, 0, NULL, s_all),
    [T_ENABLED] = P("Enabled", NULL, "Boolean", TY_BOOL, 0, NULL, s_all),
    [T_MEMBERS] = P("Members", NULL, "MultiValuedProperty", TY_STRING, PF_ARRAY | PF_MULTIVALUED,
                    NULL, s_all),
};
static const struct cmd_meta thing = {"Get-Thing", "Get", "Thing",    "",  NULL, 0,
                                      IMPACT_NONE, 2,     thing_sets, 0,   T__N, thing_params,
                                      NULL,        NULL,  0,          NULL};

/* Set-Thing: a ShouldProcess cmdlet with one set */
static const char *const all_sets[] = {"__AllParameterSets", NULL};
static const struct param_set_entry s_pos0_mand[] = {{PSET_ALL, true, 0, PIPE_NONE, false}};
static const struct param_meta set_params[] = {
    P("Identity", NULL, "String", TY_STRING, 0, NULL, s_pos0_mand)};
static const struct cmd_meta set_thing = {
    "Set-Thing", "Set", "Thing", "", NULL, CF_SHOULD_PROCESS, IMPACT_HIGH, 1, all_sets, 0, 1,
    set_params,  NULL,  NULL,    0,  NULL};

/* Get-Pos: the set follows the type of the positional argument */
static const char *const pos_sets[] = {"ById", "ByName", NULL};
static const struct param_set_entry s_byid[] = {{0, true, 0, PIPE_NONE, false}};
static const struct param_set_entry s_byname[] = {{1, true, 0, PIPE_NONE, false}};
static const struct param_meta pos_params[] = {
    P("Id", NULL, "Int32", TY_INT, 0, NULL, s_byid),
    P("Name", NULL, "String", TY_STRING, 0, NULL, s_byname)};
static const struct cmd_meta pos_thing = {"Get-Pos",   "Get", "Pos",    "",  NULL, 0,
                                          IMPACT_NONE, 2,     pos_sets, 1,   2,    pos_params,
                                          NULL,        NULL,  0,        NULL};

/* Get-PipeSet: the pipeline object decides the set */
static const struct param_set_entry s_byid_pipe[] = {{0, true, -1, PIPE_BY_VALUE, false}};
static const struct param_set_entry s_byname_pipe[] = {{1, true, -1, PIPE_BY_VALUE, false}};
static const struct param_meta pipeset_params[] = {
    P("Id", NULL, "Int32", TY_INT, 0, NULL, s_byid_pipe),
    P("Name", NULL, "String", TY_STRING, 0, NULL, s_byname_pipe)};
static const struct cmd_meta pipeset_thing = {
    "Get-PipeSet",  "Get", "PipeSet", "", NULL, 0, IMPACT_NONE, 2, pos_sets, 1, 2,
    pipeset_params, NULL,  NULL,      0,  NULL};

/* Get-AB: sets A and B, X mandatory in A, Y mandatory in B, Z optional in both */
static const char *const ab_sets[] = {"A", "B", NULL};
static const struct param_set_entry s_xa[] = {{0, true, -1, PIPE_NONE, false}};
static const struct param_set_entry s_yb[] = {{1, true, -1, PIPE_NONE, false}};
static const struct param_set_entry s_yb_opt[] = {{1, false, -1, PIPE_NONE, false}};
static const struct param_set_entry s_zab[] = {{0, false, -1, PIPE_NONE, false},
                                               {1, false, -1, PIPE_NONE, false}};
static const struct param_meta ab_params[] = {P("X", NULL, "Int32", TY_INT, 0, NULL, s_xa),
                                              P("Y", NULL, "Int32", TY_INT, 0, NULL, s_yb),
                                              P("Z", NULL, "Int32", TY_INT, 0, NULL, s_zab)};
static const struct cmd_meta ab = {"Get-AB",    "Get", "AB",    "",       NULL, 0,
                                   IMPACT_NONE, 2,     ab_sets, SET_NONE, 3,    ab_params,
                                   NULL,        NULL,  0,       NULL};
static const struct cmd_meta ab_default = {"Get-AB",    "Get", "AB",    "",  NULL, 0,
                                           IMPACT_NONE, 2,     ab_sets, 0,   3,    ab_params,
                                           NULL,        NULL,  0,       NULL};
static const struct param_meta ab2_params[] = {P("X", NULL, "Int32", TY_INT, 0, NULL, s_xa),
                                               P("Y", NULL, "Int32", TY_INT, 0, NULL, s_yb_opt),
                                               P("Z", NULL, "Int32", TY_INT, 0, NULL, s_zab)};
static const struct cmd_meta ab2 = {"Get-AB",    "Get", "AB",    "",       NULL, 0,
                                    IMPACT_NONE, 2,     ab_sets, SET_NONE, 3,    ab2_params,
                                    NULL,        NULL,  0,       NULL};

/* Get-Pipe: two mandatory ByPropertyName parameters */
static const struct param_set_entry s_mand_byname[] = {{PSET_ALL, true, -1, PIPE_BY_NAME, false}};
static const struct param_meta pipe_params[] = {
    P("Name", NULL, "String", TY_STRING, 0, NULL, s_mand_byname),
    P("Size", NULL, "Int32", TY_INT, 0, NULL, s_mand_byname)};
static const struct cmd_meta pipe_thing = {"Get-Pipe",  "Get", "Pipe",   "",  NULL, 0,
                                           IMPACT_NONE, 1,     all_sets, 0,   2,    pipe_params,
                                           NULL,        NULL,  0,        NULL};

/* Get-Int: an Int32 taken by value, by position */
static const struct param_set_entry s_int_byvalue[] = {{PSET_ALL, false, 0, PIPE_BY_VALUE, false}};
static const struct param_meta int_params[] = {
    P("Value", NULL, "Int32", TY_INT, 0, NULL, s_int_byvalue)};
static const struct cmd_meta int_thing = {"Get-Int",   "Get", "Int",    "",  NULL, 0,
                                          IMPACT_NONE, 1,     all_sets, 0,   1,    int_params,
                                          NULL,        NULL,  0,        NULL};

/* Rename-Thing: a script block argument to a pipeline parameter is evaluated per object */
static const struct param_set_entry s_byvalue_mand_pos0[] = {
    {PSET_ALL, true, 0, PIPE_BY_VALUE, false}};
static const struct param_set_entry s_byname_opt[] = {{PSET_ALL, false, -1, PIPE_BY_NAME, false}};
static const struct param_meta ren_params[] = {
    P("Identity", NULL, "String", TY_STRING, 0, NULL, s_byvalue_mand_pos0),
    P("NewName", NULL, "String", TY_STRING, 0, NULL, s_byname_opt)};
static const struct cmd_meta rename_thing = {
    "Rename-Thing", "Rename", "Thing", "",         NULL, 0,    IMPACT_NONE, 1,
    all_sets,       0,        2,       ren_params, NULL, NULL, 0,           NULL};

/* Get-Amb: two parameters at position 0 of the same set */
static const struct param_set_entry s_pos0[] = {{PSET_ALL, false, 0, PIPE_NONE, false}};
static const struct param_meta amb_params[] = {P("A", NULL, "String", TY_STRING, 0, NULL, s_pos0),
                                               P("B", NULL, "String", TY_STRING, 0, NULL, s_pos0)};
static const struct cmd_meta amb_thing = {"Get-Amb",   "Get", "Amb",    "",  NULL, 0,
                                          IMPACT_NONE, 1,     all_sets, 0,   2,    amb_params,
                                          NULL,        NULL,  0,        NULL};

/* function f($a, $b) without [CmdletBinding()] */
static const struct param_set_entry s_p1[] = {{PSET_ALL, false, 1, PIPE_NONE, false}};
static const struct param_meta simple_params[] = {
    P("a", NULL, "Object", TY_OBJECT, 0, NULL, s_pos0),
    P("b", NULL, "Object", TY_OBJECT, 0, NULL, s_p1)};
static const struct cmd_meta simple_fn = {"f",         NULL, NULL,     "",  NULL, CF_SIMPLE,
                                          IMPACT_NONE, 1,    all_sets, 0,   2,    simple_params,
                                          NULL,        NULL, 0,        NULL};

/* An advanced function: its parameters and validators are filled at run time (setup_script) */
enum {
    S_COUNT,
    S_NAME,
    S_TAGS,
    S_CODE,
    S_OBJ,
    S_TEXT,
    S_BIG,
    S_COLOR,
    S_ON,
    S_FLAG,
    S_REST,
    S_PIPED,
    S__N
};
static struct param_validator v_count[1], v_name[1], v_tags[1], v_code[1], v_obj[1], v_text[1],
    v_big[1], v_color[1], v_piped[1];
static const char *const color_values[] = {"Red", "Green", NULL};
static const struct param_set_entry s_p0_opt[] = {{PSET_ALL, false, 0, PIPE_NONE, false}};
static const struct param_set_entry s_p1_opt[] = {{PSET_ALL, false, 1, PIPE_NONE, false}};
static const struct param_set_entry s_rest[] = {{PSET_ALL, false, -1, PIPE_NONE, true}};
static const struct param_set_entry s_piped[] = {{PSET_ALL, false, -1, PIPE_BY_VALUE, false}};
static struct param_meta script_params[S__N];
static struct cmd_meta script_fn;

static struct parse_unit *sb_parse_unit;
static struct sb_unit *sb_su;
static val the_sb;

static void setup_script(void)
{
#define SP(i, name, tname, ty, flags, sets, vd, nvd)                                               \
    script_params[i] =                                                                             \
        (struct param_meta){name, NULL, tname, ty, flags, NULL, NULL, 1, sets, NULL, nvd, vd}
    v_count[0] = (struct param_validator){.kind = VK_RANGE, .u.range = {val_int(1), val_int(10)}};
    v_name[0] = (struct param_validator){.kind = VK_PATTERN, .u.pattern = {"^a", false}};
    v_tags[0] = (struct param_validator){.kind = VK_COUNT, .u.count = {1, 2}};
    v_code[0] = (struct param_validator){.kind = VK_LENGTH, .u.length = {2, 4}};
    v_obj[0] = (struct param_validator){.kind = VK_NOT_NULL};
    v_text[0] = (struct param_validator){.kind = VK_NOT_NULL_OR_EMPTY};
    v_big[0] = (struct param_validator){.kind = VK_SCRIPT, .u.script = {the_sb, "$_ -gt 5"}};
    v_color[0] = (struct param_validator){.kind = VK_SET, .u.set = {color_values, false}};
    v_piped[0] = (struct param_validator){.kind = VK_RANGE, .u.range = {val_int(1), val_int(10)}};
    SP(S_COUNT, "Count", "int", TY_INT, 0, s_p0_opt, v_count, 1);
    SP(S_NAME, "Name", "string", TY_STRING, 0, s_p1_opt, v_name, 1);
    SP(S_TAGS, "Tags", "string[]", TY_STRING, PF_ARRAY, s_all, v_tags, 1);
    SP(S_CODE, "Code", "string", TY_STRING, 0, s_all, v_code, 1);
    SP(S_OBJ, "Obj", "object", TY_OBJECT, 0, s_all, v_obj, 1);
    SP(S_TEXT, "Text", "string", TY_STRING, 0, s_all, v_text, 1);
    SP(S_BIG, "Big", "int", TY_INT, 0, s_all, v_big, 1);
    SP(S_COLOR, "Color", "string", TY_STRING, 0, s_all, v_color, 1);
    SP(S_ON, "On", "switch", TY_SWITCH, PF_SWITCH, s_all, NULL, 0);
    SP(S_FLAG, "Flag", "bool", TY_BOOL, 0, s_all, NULL, 0);
    SP(S_REST, "Rest", "object[]", TY_OBJECT, PF_ARRAY, s_rest, NULL, 0);
    SP(S_PIPED, "Piped", "int", TY_INT, 0, s_piped, v_piped, 1);
    script_fn = (struct cmd_meta){"Test-Fn",   NULL, NULL,     "",  NULL, CF_SCRIPT,
                                  IMPACT_NONE, 1,    all_sets, 0,   S__N, script_params,
                                  NULL,        NULL, 0,        NULL};
#undef SP
}

/* }======================================================= */

/* {======================================================= the shell's callbacks, simulated */

enum invoke_mode { INV_GT5, INV_RENAME, INV_FAIL, INV_NOTHING, INV_HALT };

static struct {
    enum invoke_mode mode;
    int invocations;
    enum ev prompt_rc;
    val prompt_value;
    uint16_t prompted[8];
    uint16_t nprompted;
} t;

static int t_match(void *ud, const char *pattern, const char *subject, size_t len, bool ignore_case,
                   struct buf *err)
{
    (void)ud;
    struct rx_error e = RX_ERROR_INIT;
    struct rx *rx = rx_compile(pattern, strlen(pattern), ignore_case ? RX_IGNORECASE : RX_NONE, &e);
    if (!rx) {
        buf_puts(err, e.msg ? e.msg : "bad pattern");
        rx_error_clear(&e);
        return -1;
    }
    int rc = rx_exec(rx, subject, len, 0, NULL);
    rx_release(rx);
    return rc > 0 ? 1 : rc == 0 ? 0 : -1;
}

static enum ev t_invoke(void *ud, val script, val input, val *result, struct buf *err)
{
    (void)ud;
    assert_int_equal(val_kind(script), VAL_SCRIPTBLOCK);
    t.invocations++;
    switch (t.mode) {
    case INV_GT5: {
        int64_t n = 0;
        conv_to_int64(input, &n, NULL);
        *result = val_bool(n > 5);
        return EV_OK;
    }
    case INV_RENAME: {
        struct buf b = BUF_INIT;
        conv_str(input, &b);
        buf_puts(&b, "-new");
        *result = val_str_buf(&b);
        return EV_OK;
    }
    case INV_FAIL:
        buf_puts(err, "boom");
        return EV_THROW;
    case INV_NOTHING:
        *result = val_nothing();
        return EV_OK;
    case INV_HALT:
        return EV_HALT;
    }
    return EV_THROW;
}

static enum ev t_prompt(void *ud, const struct cmd_meta *meta, const uint16_t *params, uint16_t n,
                        val *values)
{
    (void)ud;
    (void)meta;
    t.nprompted = n;
    for (uint16_t i = 0; i < n && i < 8; i++)
        t.prompted[i] = params[i];
    if (t.prompt_rc != EV_OK)
        return t.prompt_rc;
    for (uint16_t i = 0; i < n; i++)
        values[i] = val_copy(t.prompt_value);
    return EV_OK;
}

static const struct bind_env env_full = {NULL, t_prompt, t_match, t_invoke, NULL};
static const struct bind_env env_batch = {NULL, NULL, t_match, t_invoke, NULL};

/* }======================================================= */

/* {======================================================= command lines */

struct cl {
    struct bind_arg a[32];
    uint32_t n;
    val owned[64];
    uint32_t nowned;
};

static val own(struct cl *c, val v)
{
    assert_true(c->nowned < 64);
    c->owned[c->nowned++] = v;
    return v;
}

/* One value token (see the notation at the top). */
static val tokval(const char *s, size_t n)
{
    char buf[256];
    assert_true(n < sizeof buf);
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (memchr(buf, ',', n) && buf[0] != '\'') {
        val a = val_arr_new();
        const char *p = buf;
        for (;;) {
            const char *q = strchr(p, ',');
            size_t m = q ? (size_t)(q - p) : strlen(p);
            a = val_arr_push(a, tokval(p, m));
            if (!q)
                break;
            p = q + 1;
        }
        return a;
    }
    if (buf[0] == '\'')
        return val_str_n(buf + 1, n >= 2 ? n - 2 : 0);
    if (buf[0] == '#')
        return strchr(buf, '.') ? val_double(strtod(buf + 1, NULL))
                                : val_int((int32_t)strtol(buf + 1, NULL, 10));
    if (!strcmp(buf, "$null"))
        return val_null();
    if (!strcmp(buf, "$true"))
        return val_bool(true);
    if (!strcmp(buf, "$false"))
        return val_bool(false);
    if (!strcmp(buf, "{sb}"))
        return val_copy(the_sb);
    if (!strcmp(buf, "%h"))
        return val_hash_set(val_hash_new(false), val_str_new("Add"), val_str_new("x"));
    if (!strcmp(buf, "%o")) {
        val o = val_obj_new(NULL);
        o = val_obj_set(o, "Identity", val_str_new("x"));
        return val_obj_set(o, "Server", val_str_new("s"));
    }
    return val_str_n(buf, n);
}

/* The length of the token at s: up to a space, or a quoted string. */
static size_t toklen(const char *s)
{
    if (*s == '\'') {
        const char *q = strchr(s + 1, '\'');
        assert_non_null(q);
        return (size_t)(q - s) + 1;
    }
    size_t n = 0;
    while (s[n] && s[n] != ' ')
        n++;
    return n;
}

static char names[32][64];

static void cl_parse(struct cl *c, const char *spec)
{
    memset(c, 0, sizeof *c);
    const char *s = spec;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        size_t n = toklen(s);
        uint32_t at = (uint32_t)(s - spec);
        struct bind_arg *a = &c->a[c->n];
        assert_true(c->n < 32);
        memset(a, 0, sizeof *a);
        a->name_span = (struct bind_span){at, at + (uint32_t)n};
        a->value_span = a->name_span;
        a->value = val_nothing();
        if (n == 2 && !strncmp(s, "--", 2)) {
            a->flags = BARG_END_OF_PARAMS;
        } else if (*s == '-' && n > 1 && !(s[1] >= '0' && s[1] <= '9')) {
            const char *colon_at = memchr(s, ':', n);
            if (colon_at && colon_at != s + n - 1) {
                /* -Name:value in one token */
                snprintf(names[c->n], sizeof names[c->n], "%.*s", (int)(colon_at - s - 1), s + 1);
                a->name = names[c->n];
                a->value = own(c, tokval(colon_at + 1, n - (size_t)(colon_at + 1 - s)));
                a->flags = BARG_COLON;
                c->n++;
                s += n;
                continue;
            }
            size_t m = n;
            bool colon = s[m - 1] == ':';
            if (colon)
                m--;
            snprintf(names[c->n], sizeof names[c->n], "%.*s", (int)(m - 1), s + 1);
            a->name = names[c->n];
            if (colon) {
                s += n;
                while (*s == ' ')
                    s++;
                size_t vn = toklen(s);
                uint32_t vat = (uint32_t)(s - spec);
                a->value = own(c, tokval(s, vn));
                a->value_span = (struct bind_span){vat, vat + (uint32_t)vn};
                a->flags = BARG_COLON;
                n = vn;
            } else {
                a->flags = BARG_NO_VALUE;
            }
        } else if (*s == '@') {
            const char *eq = memchr(s, '=', n);
            assert_non_null(eq);
            snprintf(names[c->n], sizeof names[c->n], "%.*s", (int)(eq - s - 1), s + 1);
            a->name = names[c->n];
            a->value = own(c, tokval(eq + 1, n - (size_t)(eq + 1 - s)));
            a->flags = BARG_COLON | BARG_SPLAT;
        } else {
            a->value = own(c, tokval(s, n));
        }
        c->n++;
        s += n;
    }
}

static void cl_free(struct cl *c)
{
    for (uint32_t i = 0; i < c->nowned; i++)
        val_free(c->owned[i]);
}

/* Binds `spec` to m in *st (which the caller releases). */
static bool bindx(struct bind_state *st, const struct cmd_meta *m, const struct bind_env *env,
                  const char *spec, bool pipe, struct bind_error *err)
{
    struct cl c;
    cl_parse(&c, spec);
    bind_init(st, m, env);
    bool ok = bind_command_line(st, c.a, c.n, pipe, err);
    cl_free(&c);
    return ok;
}

#define BIND_OK(st, m, spec)                                                                       \
    do {                                                                                           \
        struct bind_error e_;                                                                      \
        if (!bindx(st, m, &env_batch, spec, false, &e_))                                           \
            fail_msg("%s: %s: %s", spec, e_.id ? e_.id : "?", e_.msg);                             \
    } while (0)

/* Binding spec fails with the error id and message. */
static void expect_err_env(const struct cmd_meta *m, const struct bind_env *env, const char *spec,
                           bool pipe, const char *id, const char *msg)
{
    struct bind_state st;
    struct bind_error err;
    bool ok = bindx(&st, m, env, spec, pipe, &err);
    if (ok)
        fail_msg("%s: bound, expected %s", spec, id);
    assert_int_equal(err.ev, EV_THROW);
    if (strcmp(err.id, id) || strcmp(err.msg, msg))
        fail_msg("%s:\n got  %s: %s\n want %s: %s", spec, err.id, err.msg, id, msg);
    bind_release(&st);
}

static void expect_err(const struct cmd_meta *m, const char *spec, const char *id, const char *msg)
{
    expect_err_env(m, &env_batch, spec, false, id, msg);
}

static void assert_str_value(const struct bind_state *st, uint16_t i, const char *want)
{
    val v = bind_value(st, i);
    if (val_kind(v) != VAL_STRING)
        fail_msg("slot %u is kind %d, not a string", i, val_kind(v));
    assert_string_equal(val_str(v), want);
}

static void assert_int_value(const struct bind_state *st, uint16_t i, int64_t want)
{
    val v = bind_value(st, i);
    assert_int_equal(val_kind(v), VAL_INT);
    assert_int_equal(v.u.i, want);
}

/* }======================================================= */

/* {======================================================= names */

static void test_name_exact_case_alias_prefix(void **state)
{
    (void)state;
    struct bind_state st;
    BIND_OK(&st, &thing, "-identity x -FIRST #3 -mod b -com:c");
    assert_str_value(&st, T_IDENTITY, "x");
    assert_int_value(&st, T_COUNT, 3);
    assert_str_value(&st, T_MODE, "b");
    assert_int_equal(bind_how_of(&st, T_IDENTITY), BOUND_NAMED);
    assert_true(bind_is_bound(&st, T_COUNT));
    assert_false(bind_is_bound(&st, T_FILTER));
    bind_release(&st);
    /* -co is ambiguous as a token alone, but -Com is Comment */
    BIND_OK(&st, &thing, "x -Com hello -Id:y");
    bind_release(&st);
    expect_err(
        &thing, "x -Com hello -Id:y -Ident z", "ParameterAlreadyBound",
        "Cannot bind parameter because parameter 'Identity' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".");
}

static void test_name_ambiguous(void **state)
{
    (void)state;
    expect_err(
        &thing, "x -Co #1", "AmbiguousParameter",
        "Parameter cannot be processed because the parameter name 'Co' is ambiguous. Possible matches include: -Count -Comment.");
    expect_err(
        &thing, "x -O foo", "AmbiguousParameter",
        "Parameter cannot be processed because the parameter name 'O' is ambiguous. Possible matches include: -OutVariable -OutBuffer.");
    /* a colon value does not help */
    expect_err(
        &thing, "x -C:#1", "AmbiguousParameter",
        "Parameter cannot be processed because the parameter name 'C' is ambiguous. Possible matches include: -Count -Comment.");
    struct bind_error err;
    assert_int_equal(bind_find_param(&thing, "co", 2, true, &err), -2);
    assert_string_equal(err.id, "AmbiguousParameter");
    assert_string_equal(err.param, "co");
    assert_int_equal(bind_find_param(&thing, "-Verb", 5, true, NULL), T__N + CP_VERBOSE);
    assert_int_equal(bind_find_param(&thing, "Verb", 4, false, NULL), -1);
    assert_int_equal(bind_find_param(&thing, "ea", 2, true, NULL), T__N + CP_ERROR_ACTION);
    assert_int_equal(bind_find_param(&thing, "Id", 2, false, NULL), T_IDENTITY);
    assert_int_equal(bind_find_param(&thing, "Ide", 3, false, NULL), T_IDENTITY);
}

static void test_name_declared_beats_common(void **state)
{
    (void)state;
    struct bind_state st;
    /* -Ver matches Version and Verbose: the cmdlet's own parameter wins */
    BIND_OK(&st, &thing, "x -Ver 2.0");
    assert_str_value(&st, T_VERSION, "2.0");
    assert_false(bind_commons(&st)->bound & (1u << CP_VERBOSE));
    bind_release(&st);
    BIND_OK(&st, &thing, "x -Verb");
    assert_true(bind_commons(&st)->verbose);
    assert_true(bind_commons(&st)->bound & (1u << CP_VERBOSE));
    bind_release(&st);
}

static void test_name_not_found(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    assert_false(bindx(&st, &thing, &env_batch, "x -Bogus", false, &err));
    assert_string_equal(err.id, "NamedParameterNotFound");
    assert_string_equal(err.category, "InvalidArgument");
    assert_string_equal(err.exception, "System.Management.Automation.ParameterBindingException");
    assert_string_equal(err.msg,
                        "A parameter cannot be found that matches parameter name 'Bogus'.");
    assert_string_equal(err.param, "Bogus");
    assert_int_equal(err.span.start, 2);
    assert_int_equal(err.span.end, 8);
    bind_release(&st);
    /* with a value after it, and with a colon */
    expect_err(&thing, "x -Bogus 5", "NamedParameterNotFound",
               "A parameter cannot be found that matches parameter name 'Bogus'.");
    expect_err(&thing, "-Bogus:5 x", "NamedParameterNotFound",
               "A parameter cannot be found that matches parameter name 'Bogus'.");
    /* WhatIf is only there for ShouldProcess cmdlets */
    expect_err(&thing, "x -WhatIf", "NamedParameterNotFound",
               "A parameter cannot be found that matches parameter name 'WhatIf'.");
}

/* }======================================================= */

/* {======================================================= values, switches, colons */

static void test_switch_and_colon(void **state)
{
    (void)state;
    struct bind_state st;
    /* a switch never takes the next argument */
    BIND_OK(&st, &thing, "-Force x");
    assert_int_equal(val_kind(bind_value(&st, T_FORCE)), VAL_SWITCH);
    assert_true(bind_value(&st, T_FORCE).u.b);
    assert_str_value(&st, T_IDENTITY, "x");
    bind_release(&st);
    BIND_OK(&st, &thing, "x -Force: $false");
    assert_false(bind_value(&st, T_FORCE).u.b);
    assert_true(bind_is_bound(&st, T_FORCE));
    bind_release(&st);
    BIND_OK(&st, &thing, "x -Force: #1 -Enabled: #0");
    assert_true(bind_value(&st, T_FORCE).u.b);
    assert_int_equal(val_kind(bind_value(&st, T_ENABLED)), VAL_BOOL);
    assert_false(bind_value(&st, T_ENABLED).u.b);
    bind_release(&st);
    /* a [bool] parameter takes the next argument */
    BIND_OK(&st, &thing, "x -Enabled $true");
    assert_true(bind_value(&st, T_ENABLED).u.b);
    bind_release(&st);
    expect_err(
        &thing, "x -Force: yes", "CannotConvertArgument",
        "Cannot convert 'System.String' to the type 'System.Management.Automation.SwitchParameter' required by parameter 'Force'. ");
    expect_err(
        &thing, "x -Enabled yes", "CannotConvertArgument",
        "Cannot convert 'System.String' to the type 'System.Boolean' required by parameter 'Enabled'. ");
    expect_err(&thing, "x -Enabled: $null", "ParameterArgumentValidationErrorNullNotAllowed",
               "Cannot bind argument to parameter 'Enabled' because it is null.");
    BIND_OK(&st, &thing, "x -Force: $null");
    assert_true(bind_value(&st, T_FORCE).u.b);
    bind_release(&st);
}

static void test_missing_argument(void **state)
{
    (void)state;
    expect_err(
        &thing, "x -Count", "MissingArgument",
        "Missing an argument for parameter 'Count'. Specify a parameter of type 'System.Int32' and try again.");
    expect_err(
        &thing, "-Identity -Force", "MissingArgument",
        "Missing an argument for parameter 'Identity'. Specify a parameter of type 'System.String' and try again.");
    expect_err(
        &thing, "-Names -Ver: x", "MissingArgument",
        "Missing an argument for parameter 'Names'. Specify a parameter of type 'System.String[]' and try again.");
    expect_err(
        &thing, "-Level", "MissingArgument",
        "Missing an argument for parameter 'Level'. Specify a parameter of type 'LevelOption' and try again.");
    /* a following token that matches no parameter is the value */
    struct bind_state st;
    BIND_OK(&st, &thing, "-Identity -bogus");
    assert_str_value(&st, T_IDENTITY, "-bogus");
    bind_release(&st);
    /* but an ambiguous one is an error */
    expect_err(
        &thing, "-Identity -Co", "AmbiguousParameter",
        "Parameter cannot be processed because the parameter name 'Co' is ambiguous. Possible matches include: -Count -Comment.");
}

static void test_end_of_parameters(void **state)
{
    (void)state;
    struct bind_state st;
    BIND_OK(&st, &thing, "-- -Force");
    assert_str_value(&st, T_IDENTITY, "-Force");
    assert_false(bind_is_bound(&st, T_FORCE));
    bind_release(&st);
    BIND_OK(&st, &thing, "-Count #2 -- -Comment: #3");
    assert_int_value(&st, T_COUNT, 2);
    assert_str_value(&st, T_IDENTITY, "-Comment:");
    assert_str_value(&st, T_SERVER, "3");
    assert_false(bind_is_bound(&st, T_COMMENT));
    bind_release(&st);
}

static void test_bound_twice(void **state)
{
    (void)state;
    const char *tail =
        " is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".";
    char want[512];
    snprintf(want, sizeof want, "Cannot bind parameter because parameter 'Count'%s", tail);
    expect_err(&thing, "x -Count #1 -Count #2", "ParameterAlreadyBound", want);
    /* -Name value pairs report the parameter's name; colon and switch forms the name as written */
    expect_err(&thing, "x -Count #1 -First #2", "ParameterAlreadyBound", want);
    snprintf(want, sizeof want, "Cannot bind parameter because parameter 'coun'%s", tail);
    expect_err(&thing, "x -Count: #1 -coun: #2", "ParameterAlreadyBound", want);
    snprintf(want, sizeof want, "Cannot bind parameter because parameter 'for'%s", tail);
    expect_err(&thing, "x -Force -for", "ParameterAlreadyBound", want);
    /* named then positional is not "twice": the positional argument finds no parameter */
    expect_err(&thing, "-Identity a -Server s b", "PositionalParameterNotFound",
               "A positional parameter cannot be found that accepts argument 'b'.");
}

static void test_splatting(void **state)
{
    (void)state;
    struct bind_state st;
    /* an explicit -Name wins over the splatted one, wherever it is */
    BIND_OK(&st, &thing, "x @Count=#2 -Count #1");
    assert_int_value(&st, T_COUNT, 1);
    bind_release(&st);
    BIND_OK(&st, &thing, "x -Count #1 @Count=#2 @Comment=c");
    assert_int_value(&st, T_COUNT, 1);
    assert_str_value(&st, T_COMMENT, "c");
    bind_release(&st);
}

/* }======================================================= */

/* {======================================================= conversion and validation (cmdlets) */

static void test_convert(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    BIND_OK(&st, &thing, "x -Count '5' -Comment #7");
    assert_int_value(&st, T_COUNT, 5);
    assert_str_value(&st, T_COMMENT, "7");
    bind_release(&st);
    assert_false(bindx(&st, &thing, &env_batch, "x -Count abc", false, &err));
    assert_string_equal(err.id, "CannotConvertArgumentNoMessage");
    assert_string_equal(err.category, "InvalidArgument");
    assert_string_equal(err.exception, "System.Management.Automation.ParameterBindingException");
    assert_string_equal(
        err.msg,
        "Cannot bind parameter 'Count'. Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"");
    assert_int_equal(err.span.start, 9);
    bind_release(&st);
    expect_err(
        &thing, "x -Count #1,#2", "CannotConvertArgument",
        "Cannot convert 'System.Object[]' to the type 'System.Int32' required by parameter 'Count'. Specified method is not supported.");
    expect_err(
        &thing, "x -Comment a,b", "CannotConvertArgument",
        "Cannot convert 'System.Object[]' to the type 'System.String' required by parameter 'Comment'. Specified method is not supported.");
}

static void test_arrays(void **state)
{
    (void)state;
    struct bind_state st;
    BIND_OK(&st, &thing, "x -Names one");
    val v = bind_value(&st, T_NAMES);
    assert_int_equal(val_kind(v), VAL_ARRAY);
    assert_int_equal(val_arr_len(v), 1);
    assert_string_equal(val_str(val_arr_items(v)[0]), "one");
    assert_string_equal(val_arr_elem_type(v), "System.String");
    bind_release(&st);
    BIND_OK(&st, &thing, "x -Names #1,b,#3");
    v = bind_value(&st, T_NAMES);
    assert_int_equal(val_arr_len(v), 3);
    assert_int_equal(val_kind(val_arr_items(v)[0]), VAL_STRING);
    assert_string_equal(val_str(val_arr_items(v)[2]), "3");
    bind_release(&st);
    BIND_OK(&st, &thing, "x -Names $null");
    assert_int_equal(val_kind(bind_value(&st, T_NAMES)), VAL_NULL);
    bind_release(&st);
    /* a multi-valued property takes @{Add=...} as it is, anything else as an array */
    BIND_OK(&st, &thing, "x -Members %h");
    assert_int_equal(val_kind(bind_value(&st, T_MEMBERS)), VAL_HASHTABLE);
    bind_release(&st);
    BIND_OK(&st, &thing, "x -Members m1");
    assert_int_equal(val_kind(bind_value(&st, T_MEMBERS)), VAL_ARRAY);
    assert_int_equal(val_arr_flavour(bind_value(&st, T_MEMBERS)), ARR_LIST);
    bind_release(&st);
}

static void test_validate_set_and_enum(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    BIND_OK(&st, &thing, "x -Mode c -Level high");
    assert_str_value(&st, T_MODE, "c");
    assert_str_value(&st, T_LEVEL, "High");
    bind_release(&st);
    assert_false(bindx(&st, &thing, &env_batch, "x -Mode x", false, &err));
    assert_string_equal(err.id, "ParameterArgumentValidationError");
    assert_string_equal(err.category, "InvalidData");
    assert_string_equal(err.exception,
                        "System.Management.Automation.ParameterBindingValidationException");
    assert_string_equal(err.inner, "System.Management.Automation.ValidationMetadataException");
    assert_string_equal(
        err.msg,
        "Cannot validate argument on parameter 'Mode'. The argument \"x\" does not belong to the set \"A,B,C\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.");
    bind_release(&st);
    expect_err(
        &thing, "x -Mode $null", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Mode'. The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.");
    expect_err(
        &thing, "x -Level extreme", "CannotConvertArgumentNoMessage",
        "Cannot bind parameter 'Level'. Cannot convert value \"extreme\" to type \"LevelOption\". Error: \"Unable to match the identifier name extreme to a valid enumerator name. Specify one of the following enumerator names and try again:\nLow, Medium, High\"");
}

static void test_mandatory_null_and_empty(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    assert_false(bindx(&st, &thing, &env_batch, "-Identity $null", false, &err));
    assert_string_equal(err.id, "ParameterArgumentValidationErrorNullNotAllowed");
    assert_string_equal(err.category, "InvalidData");
    assert_string_equal(err.exception,
                        "System.Management.Automation.ParameterBindingValidationException");
    assert_string_equal(err.msg,
                        "Cannot bind argument to parameter 'Identity' because it is null.");
    bind_release(&st);
    expect_err(&thing, "''", "ParameterArgumentValidationErrorEmptyStringNotAllowed",
               "Cannot bind argument to parameter 'Identity' because it is an empty string.");
    /* an optional parameter takes them */
    BIND_OK(&st, &thing, "x -Comment '' -Version $null");
    assert_str_value(&st, T_COMMENT, "");
    assert_int_equal(val_kind(bind_value(&st, T_VERSION)), VAL_NULL);
    bind_release(&st);
}

/* }======================================================= */

/* {======================================================= positions and sets */

static void test_positional(void **state)
{
    (void)state;
    struct bind_state st;
    BIND_OK(&st, &thing, "x srv");
    assert_str_value(&st, T_IDENTITY, "x");
    assert_str_value(&st, T_SERVER, "srv");
    assert_int_equal(bind_how_of(&st, T_SERVER), BOUND_POSITIONAL);
    assert_string_equal(bind_set_name(&st), "Identity");
    bind_release(&st);
    /* in set Filter, Identity has no position: the first positional argument goes to Server */
    BIND_OK(&st, &thing, "-Filter f srv");
    assert_str_value(&st, T_SERVER, "srv");
    assert_false(bind_is_bound(&st, T_IDENTITY));
    assert_string_equal(bind_set_name(&st), "Filter");
    bind_release(&st);
    expect_err(&thing, "a b c", "PositionalParameterNotFound",
               "A positional parameter cannot be found that accepts argument 'c'.");
    expect_err(&thing, "a b $null", "PositionalParameterNotFound",
               "A positional parameter cannot be found that accepts argument '$null'.");
    expect_err(&thing, "a b #1,#2", "PositionalParameterNotFound",
               "A positional parameter cannot be found that accepts argument 'System.Object[]'.");
    /* a positional argument that fails to convert reports the conversion */
    expect_err(
        &int_thing, "abc", "CannotConvertArgumentNoMessage",
        "Cannot bind parameter 'Value'. Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"");
    expect_err(&amb_thing, "a", "AmbiguousPositionalParameterNoName",
               "Cannot bind positional parameters because no names were given.");
}

static void test_positional_picks_set(void **state)
{
    (void)state;
    struct bind_state st;
    /* no conversion first: an int goes to Id (set ById) although ByName is the default */
    BIND_OK(&st, &pos_thing, "#5");
    assert_int_value(&st, 0, 5);
    assert_string_equal(bind_set_name(&st), "ById");
    bind_release(&st);
    BIND_OK(&st, &pos_thing, "abc");
    assert_str_value(&st, 1, "abc");
    assert_string_equal(bind_set_name(&st), "ByName");
    bind_release(&st);
    /* "7" fits Name without conversion, and the default set is tried first */
    BIND_OK(&st, &pos_thing, "'7'");
    assert_str_value(&st, 1, "7");
    assert_string_equal(bind_set_name(&st), "ByName");
    bind_release(&st);
    /* a double fits neither without conversion: the default set converts it */
    BIND_OK(&st, &pos_thing, "#2.5");
    assert_str_value(&st, 1, "2.5");
    bind_release(&st);
}

static void test_parameter_sets(void **state)
{
    (void)state;
    struct bind_state st;
    expect_err(&thing, "-Identity a -Filter f", "AmbiguousParameterSet",
               "Parameter set cannot be resolved using the specified named parameters.");
    /* default set wins a tie, then its mandatory parameter is missing */
    expect_err(
        &thing, "-Count #1", "MissingMandatoryParameter",
        "Cannot process command because of one or more missing mandatory parameters: Identity.");
    expect_err(&ab_default, "-Z #1", "MissingMandatoryParameter",
               "Cannot process command because of one or more missing mandatory parameters: X.");
    /* without a default: the only set whose mandatory parameters are satisfied */
    BIND_OK(&st, &ab2, "-Z #1");
    assert_string_equal(bind_set_name(&st), "B");
    bind_release(&st);
    expect_err(&ab, "-Z #1", "AmbiguousParameterSet",
               "Parameter set cannot be resolved using the specified named parameters.");
    expect_err(&ab, "", "AmbiguousParameterSet",
               "Parameter set cannot be resolved using the specified named parameters.");
    BIND_OK(&st, &ab, "-Y #2 -Z #1");
    assert_string_equal(bind_set_name(&st), "B");
    assert_int_equal(bind_candidate_sets(&st), 2);
    assert_int_equal(bind_set(&st), 1);
    bind_release(&st);
    expect_err(&ab, "-X #1 -Y #2", "AmbiguousParameterSet",
               "Parameter set cannot be resolved using the specified named parameters.");
}

/* }======================================================= */

/* {======================================================= mandatory parameters and prompting */

static void test_prompt(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    memset(&t, 0, sizeof t);
    t.prompt_value = val_str_new("typed");
    assert_true(bindx(&st, &thing, &env_full, "-Count #1", false, &err));
    assert_int_equal(t.nprompted, 1);
    assert_int_equal(t.prompted[0], T_IDENTITY);
    assert_str_value(&st, T_IDENTITY, "typed");
    assert_int_equal(bind_how_of(&st, T_IDENTITY), BOUND_PROMPTED);
    bind_release(&st);
    /* prompted values are converted and validated */
    val_free(t.prompt_value);
    t.prompt_value = val_str_new("");
    assert_false(bindx(&st, &thing, &env_full, "", false, &err));
    assert_string_equal(err.id, "ParameterArgumentValidationErrorEmptyStringNotAllowed");
    bind_release(&st);
    /* the user pressed Ctrl-C */
    t.prompt_rc = EV_HALT;
    assert_false(bindx(&st, &thing, &env_full, "", false, &err));
    assert_int_equal(err.ev, EV_HALT);
    bind_release(&st);
    /* the host cannot prompt */
    t.prompt_rc = EV_THROW;
    expect_err_env(
        &thing, &env_full, "", false, "MissingMandatoryParameter",
        "Cannot process command because of one or more missing mandatory parameters: Identity.");
    /* several at once, in declaration order */
    t.prompt_rc = EV_OK;
    val_free(t.prompt_value);
    t.prompt_value = val_str_new("12");
    assert_true(bindx(&st, &pipe_thing, &env_full, "", false, &err));
    assert_int_equal(t.nprompted, 2);
    assert_int_equal(t.prompted[0], 0);
    assert_int_equal(t.prompted[1], 1);
    assert_str_value(&st, 0, "12");
    assert_int_value(&st, 1, 12);
    bind_release(&st);
    expect_err(
        &pipe_thing, "", "MissingMandatoryParameter",
        "Cannot process command because of one or more missing mandatory parameters: Name Size.");
    val_free(t.prompt_value);
    t.prompt_value = val_nothing();
}

/* }======================================================= */

/* {======================================================= common parameters */

static void test_common_parameters(void **state)
{
    (void)state;
    struct bind_state st;
    BIND_OK(&st, &thing,
            "x -ea silentlycontinue -WarningAction: #1 -ev errs -ov outs -pv p -ob #5 -db");
    const struct bind_common *c = bind_commons(&st);
    assert_true(c->bound & (1u << CP_ERROR_ACTION));
    assert_int_equal(c->error_action, ACT_SILENTLY_CONTINUE);
    assert_int_equal(c->warning_action, ACT_STOP);
    assert_string_equal(c->error_variable, "errs");
    assert_string_equal(c->out_variable, "outs");
    assert_string_equal(c->pipeline_variable, "p");
    assert_int_equal(c->out_buffer, 5);
    assert_true(c->debug);
    assert_false(c->verbose);
    assert_null(c->warning_variable);
    assert_str_value(&st, (uint16_t)bind_common_slot(&st, CP_ERROR_ACTION), "SilentlyContinue");
    assert_int_equal(bind_common_slot(&st, CP_WHATIF), -1);
    bind_release(&st);
    expect_err(
        &thing, "x -ErrorAction Bogus", "CannotConvertArgumentNoMessage",
        "Cannot bind parameter 'ErrorAction'. Cannot convert value \"Bogus\" to type \"System.Management.Automation.ActionPreference\". Error: \"Unable to match the identifier name Bogus to a valid enumerator name. Specify one of the following enumerator names and try again:\nSilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend\"");
    expect_err(&thing, "x -ErrorAction $null", "ParameterArgumentValidationErrorNullNotAllowed",
               "Cannot bind argument to parameter 'ErrorAction' because it is null.");
    expect_err(
        &thing, "x -OutBuffer #-1", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'OutBuffer'. The -1 argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.");
    BIND_OK(&st, &set_thing, "x -WhatIf -cf: $false -Verbose: $false");
    c = bind_commons(&st);
    assert_true(c->whatif);
    assert_false(c->confirm);
    assert_true(c->bound & (1u << CP_CONFIRM));
    assert_false(c->verbose);
    assert_true(c->bound & (1u << CP_VERBOSE));
    assert_string_equal(bind_set_name(&st), "__AllParameterSets");
    bind_release(&st);
    BIND_OK(&st, &set_thing, "x -wi");
    assert_true(bind_commons(&st)->whatif);
    bind_release(&st);
}

/* }======================================================= */

/* {======================================================= script parameters */

static void test_script_transformation(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    assert_false(bindx(&st, &script_fn, &env_batch, "-Count abc", false, &err));
    assert_string_equal(err.id, "ParameterArgumentTransformationError");
    assert_string_equal(err.category, "InvalidData");
    assert_string_equal(
        err.exception,
        "System.Management.Automation.ParameterBindingArgumentTransformationException");
    assert_string_equal(
        err.msg,
        "Cannot process argument transformation on parameter 'Count'. Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"");
    bind_release(&st);
    /* positional too: a transformation error is reported at once */
    expect_err(
        &script_fn, "abc", "ParameterArgumentTransformationError",
        "Cannot process argument transformation on parameter 'Count'. Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"");
    expect_err(
        &script_fn, "-On: yes", "ParameterArgumentTransformationError",
        "Cannot process argument transformation on parameter 'On'. Cannot convert value \"System.String\" to type \"System.Management.Automation.SwitchParameter\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.");
    expect_err(
        &script_fn, "-Flag yes", "ParameterArgumentTransformationError",
        "Cannot process argument transformation on parameter 'Flag'. Cannot convert value \"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.");
    BIND_OK(&st, &script_fn, "-Flag #1 -Text: #3 '4' -Tags x");
    assert_true(bind_value(&st, S_FLAG).u.b);
    assert_str_value(&st, S_TEXT, "3");
    assert_int_value(&st, S_COUNT, 4);
    assert_int_equal(val_arr_len(bind_value(&st, S_TAGS)), 1);
    bind_release(&st);
}

static void test_script_validators(void **state)
{
    (void)state;
    struct bind_state st;
    memset(&t, 0, sizeof t);
    t.mode = INV_GT5;
    expect_err(
        &script_fn, "-Count #0", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Count'. The 0 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.");
    expect_err(
        &script_fn, "-Count #11", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Count'. The 11 argument is greater than the maximum allowed range of 10. Supply an argument that is less than or equal to 10 and then try the command again.");
    expect_err(
        &script_fn, "-Name bob", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Name'. The argument \"bob\" does not match the \"^a\" pattern. Supply an argument that matches \"^a\" and try the command again.");
    expect_err(
        &script_fn, "-Tags a,b,c", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Tags'. The number of provided arguments, (3), exceeds the maximum number of allowed arguments (2). Provide fewer than 2 arguments, and then try the command again.");
    expect_err(
        &script_fn, "-Tags $null", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Tags'. The number of provided arguments (0) is fewer than the minimum number of allowed arguments (1). Provide more than 1 arguments, and then try the command again.");
    expect_err(
        &script_fn, "-Code abcdef", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Code'. The character length of the 6 argument is too long. Shorten the character length of the argument so it is fewer than or equal to \"4\" characters, and then try the command again.");
    expect_err(
        &script_fn, "-Code a", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Code'. The character length (1) of the argument is too short. Specify an argument with a length that is greater than or equal to \"2\", and then try the command again.");
    expect_err(
        &script_fn, "-Obj $null", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Obj'. The argument is null. Provide a valid value for the argument, and then try running the command again.");
    expect_err(
        &script_fn, "-Obj a,$null", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Obj'. The argument has a null value, or an element of the argument collection contains a null value. Provide a collection that does not contain any null values, and then try the command again.");
    expect_err(
        &script_fn, "-Text ''", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Text'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.");
    expect_err(
        &script_fn, "-Big #3", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Big'. The \"$_ -gt 5\" validation script for the argument with value \"3\" did not return a result of True. Determine why the validation script failed, and then try the command again.");
    expect_err(
        &script_fn, "-Color blue", "ParameterArgumentValidationError",
        "Cannot validate argument on parameter 'Color'. The argument \"blue\" does not belong to the set \"Red,Green\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.");
    BIND_OK(&st, &script_fn, "#10 Alice -Tags a,b -Code abcd -Obj #0 -Text t -Big #6 -Color GREEN");
    assert_int_value(&st, S_COUNT, 10);
    assert_str_value(&st, S_NAME, "Alice");
    assert_str_value(&st, S_COLOR, "GREEN");
    assert_int_equal(t.invocations, 2);
    bind_release(&st);
    t.mode = INV_FAIL;
    expect_err(&script_fn, "-Big #9", "ParameterArgumentValidationError",
               "Cannot validate argument on parameter 'Big'. boom");
    t.mode = INV_HALT;
    struct bind_error err;
    assert_false(bindx(&st, &script_fn, &env_batch, "-Big #9", false, &err));
    assert_int_equal(err.ev, EV_HALT);
    bind_release(&st);
}

static void test_script_defaults_and_remaining(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    struct cl c;
    cl_parse(&c, "#2 abc x y -z");
    bind_init(&st, &script_fn, &env_batch);
    bind_set_default(&st, S_CODE, val_str_new("dflt"));
    assert_true(bind_command_line(&st, c.a, c.n, false, &err));
    cl_free(&c);
    assert_str_value(&st, S_CODE, "dflt");
    assert_int_equal(bind_how_of(&st, S_CODE), BOUND_DEFAULT);
    assert_false(bind_is_bound(&st, S_CODE));
    val rest = bind_value(&st, S_REST);
    assert_int_equal(bind_how_of(&st, S_REST), BOUND_REMAINING);
    assert_int_equal(val_arr_len(rest), 3);
    assert_string_equal(val_str(val_arr_items(rest)[0]), "x");
    assert_string_equal(val_str(val_arr_items(rest)[2]), "-z");
    bind_release(&st);
}

static void test_simple_function_args(void **state)
{
    (void)state;
    struct bind_state st;
    BIND_OK(&st, &simple_fn, "#1 -x #4 -b: #2 #3 -Verbose -y: z");
    assert_int_value(&st, 0, 1);
    assert_int_value(&st, 1, 2);
    val a = bind_args(&st);
    assert_int_equal(val_arr_len(a), 6);
    assert_string_equal(val_str(val_arr_items(a)[0]), "-x");
    assert_int_equal(val_arr_items(a)[1].u.i, 4);
    assert_int_equal(val_arr_items(a)[2].u.i, 3);
    assert_string_equal(val_str(val_arr_items(a)[3]), "-Verbose");
    assert_string_equal(val_str(val_arr_items(a)[4]), "-y:");
    assert_string_equal(val_str(val_arr_items(a)[5]), "z");
    assert_int_equal(bind_common_slot(&st, CP_VERBOSE), -1);
    bind_release(&st);
    BIND_OK(&st, &thing, "x");
    assert_int_equal(val_kind(bind_args(&st)), VAL_NOTHING);
    bind_release(&st);
}

/* }======================================================= */

/* {======================================================= pipeline input */

static bool pipe1(struct bind_state *st, val input, struct bind_error *err)
{
    bool ok = bind_pipeline(st, input, err);
    val_free(input);
    return ok;
}

static void test_pipeline_by_value_and_name(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    /* the mandatory pipeline parameter is not prompted for when input follows */
    assert_true(bindx(&st, &thing, &env_batch, "-Count #1", true, &err));
    assert_false(bind_is_bound(&st, T_IDENTITY));
    /* Filter's mandatory parameter cannot come from the pipeline: the default set is taken now */
    assert_string_equal(bind_set_name(&st), "Identity");
    assert_int_equal(bind_candidate_sets(&st), 1);
    assert_true(pipe1(&st, val_str_new("abc"), &err));
    assert_str_value(&st, T_IDENTITY, "abc");
    assert_int_equal(bind_how_of(&st, T_IDENTITY), BOUND_PIPELINE);
    assert_string_equal(bind_set_name(&st), "Identity");
    /* by property name: Identity and Server from the object */
    assert_true(pipe1(&st, tokval("%o", 2), &err));
    assert_str_value(&st, T_IDENTITY, "x");
    assert_str_value(&st, T_SERVER, "s");
    /* the next object starts from the command line again */
    assert_true(pipe1(&st, val_str_new("def"), &err));
    assert_str_value(&st, T_IDENTITY, "def");
    assert_false(bind_is_bound(&st, T_SERVER));
    assert_int_value(&st, T_COUNT, 1);
    /* an alias as the property name */
    val o = val_obj_set(val_obj_new(NULL), "id", val_str_new("by-alias"));
    assert_true(pipe1(&st, o, &err));
    assert_str_value(&st, T_IDENTITY, "by-alias");
    bind_release(&st);
}

static void test_pipeline_decides_set(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    assert_true(bindx(&st, &pipeset_thing, &env_batch, "", true, &err));
    assert_int_equal(bind_set(&st), -1);
    assert_int_equal(bind_candidate_sets(&st), 3);
    assert_true(pipe1(&st, val_int(5), &err));
    assert_string_equal(bind_set_name(&st), "ById");
    assert_int_value(&st, 0, 5);
    assert_true(pipe1(&st, val_str_new("abc"), &err));
    assert_string_equal(bind_set_name(&st), "ByName");
    assert_false(bind_is_bound(&st, 0));
    /* neither fits without conversion: the default set converts */
    assert_true(pipe1(&st, val_double(2.5), &err));
    assert_string_equal(bind_set_name(&st), "ByName");
    assert_str_value(&st, 1, "2.5");
    bind_release(&st);
}

static void test_pipeline_not_bound(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    const char *not_bound =
        "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.";
    /* a parameter bound on the command line takes no pipeline input */
    assert_true(bindx(&st, &thing, &env_batch, "-Identity x", true, &err));
    assert_false(pipe1(&st, val_str_new("abc"), &err));
    assert_int_equal(err.ev, EV_THROW);
    assert_string_equal(err.id, "InputObjectNotBound");
    assert_string_equal(err.msg, not_bound);
    assert_str_value(&st, T_IDENTITY, "x");
    bind_release(&st);
    /* a hashtable's keys are not properties */
    assert_true(bindx(&st, &pipe_thing, &env_batch, "", true, &err));
    val h = val_hash_set(val_hash_new(false), val_str_new("Name"), val_str_new("x"));
    h = val_hash_set(h, val_str_new("Size"), val_int(1));
    assert_false(pipe1(&st, h, &err));
    assert_string_equal(err.id, "InputObjectNotBound");
    /* an object with only one of the two mandatory properties */
    val o = val_obj_set(val_obj_new(NULL), "Name", val_str_new("n"));
    assert_false(pipe1(&st, o, &err));
    assert_string_equal(err.id, "InputObjectMissingMandatory");
    assert_string_equal(
        err.msg,
        "The input object cannot be bound because it did not contain the information required to bind all mandatory parameters:  Size");
    o = val_obj_set(val_obj_set(val_obj_new(NULL), "Name", val_str_new("n")), "Size",
                    val_str_new("12"));
    assert_true(pipe1(&st, o, &err));
    assert_int_value(&st, 1, 12);
    bind_release(&st);
    /* a value that does not convert is not bound (the cast error is swallowed) */
    assert_true(bindx(&st, &int_thing, &env_batch, "", true, &err));
    assert_false(pipe1(&st, val_str_new("abc"), &err));
    assert_string_equal(err.id, "InputObjectNotBound");
    assert_true(pipe1(&st, val_str_new("12"), &err));
    assert_int_value(&st, 0, 12);
    assert_true(pipe1(&st, val_int(5), &err));
    assert_int_value(&st, 0, 5);
    bind_release(&st);
}

static void test_pipeline_validation_error(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    assert_true(bindx(&st, &script_fn, &env_batch, "", true, &err));
    assert_true(pipe1(&st, val_int(3), &err));
    assert_int_value(&st, S_PIPED, 3);
    assert_false(pipe1(&st, val_int(50), &err));
    assert_string_equal(err.id, "ParameterArgumentValidationError");
    assert_string_equal(
        err.msg,
        "Cannot validate argument on parameter 'Piped'. The 50 argument is greater than the maximum allowed range of 10. Supply an argument that is less than or equal to 10 and then try the command again.");
    assert_false(bind_is_bound(&st, S_PIPED));
    bind_release(&st);
}

static void test_delay_bind_script_block(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    memset(&t, 0, sizeof t);
    t.mode = INV_RENAME;
    assert_true(bindx(&st, &rename_thing, &env_batch, "-NewName {sb}", true, &err));
    assert_true(pipe1(&st, val_str_new("abc"), &err));
    assert_str_value(&st, 0, "abc");
    assert_str_value(&st, 1, "abc-new");
    assert_int_equal(bind_how_of(&st, 1), BOUND_NAMED);
    assert_true(pipe1(&st, val_str_new("def"), &err));
    assert_str_value(&st, 1, "def-new");
    assert_int_equal(t.invocations, 2);
    t.mode = INV_NOTHING;
    assert_false(pipe1(&st, val_str_new("ghi"), &err));
    assert_string_equal(err.id, "ScriptBlockArgumentNoOutput");
    assert_string_equal(
        err.msg,
        "Cannot evaluate parameter 'NewName' because its argument input did not produce any output.");
    t.mode = INV_FAIL;
    assert_false(pipe1(&st, val_str_new("ghi"), &err));
    assert_string_equal(err.id, "ScriptBlockArgumentInvocationFailed");
    assert_string_equal(err.msg,
                        "The input to the script block for parameter 'NewName' failed. boom");
    t.mode = INV_HALT;
    assert_false(pipe1(&st, val_str_new("ghi"), &err));
    assert_int_equal(err.ev, EV_HALT);
    bind_release(&st);
    expect_err(
        &rename_thing, "x -NewName {sb}", "ScriptBlockArgumentNoInput",
        "Cannot evaluate parameter 'NewName' because its argument is specified as a script block and there is no input. A script block cannot be evaluated without input.");
}

/* }======================================================= */

static int group_setup(void **state)
{
    (void)state;
    sb_parse_unit = parse_unit_new(NULL, "$_ -gt 5", 8);
    sb_su = sb_unit_new(sb_parse_unit);
    the_sb = val_scriptblock(sb_su, sb_parse_unit->root);
    setup_script();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    val_free(the_sb);
    sb_unit_release(sb_su);
    rx_cache_clear();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_exact_case_alias_prefix),
        cmocka_unit_test(test_name_ambiguous),
        cmocka_unit_test(test_name_declared_beats_common),
        cmocka_unit_test(test_name_not_found),
        cmocka_unit_test(test_switch_and_colon),
        cmocka_unit_test(test_missing_argument),
        cmocka_unit_test(test_end_of_parameters),
        cmocka_unit_test(test_bound_twice),
        cmocka_unit_test(test_splatting),
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_arrays),
        cmocka_unit_test(test_validate_set_and_enum),
        cmocka_unit_test(test_mandatory_null_and_empty),
        cmocka_unit_test(test_positional),
        cmocka_unit_test(test_positional_picks_set),
        cmocka_unit_test(test_parameter_sets),
        cmocka_unit_test(test_prompt),
        cmocka_unit_test(test_common_parameters),
        cmocka_unit_test(test_script_transformation),
        cmocka_unit_test(test_script_validators),
        cmocka_unit_test(test_script_defaults_and_remaining),
        cmocka_unit_test(test_simple_function_args),
        cmocka_unit_test(test_pipeline_by_value_and_name),
        cmocka_unit_test(test_pipeline_decides_set),
        cmocka_unit_test(test_pipeline_not_bound),
        cmocka_unit_test(test_pipeline_validation_error),
        cmocka_unit_test(test_delay_bind_script_block),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
