/*
** test_registry.c - unit tests of the cmdlet table (cmdlets/registry.h), the
** seed utility cmdlets (cmdlets/c_utility.c) and the metadata generator
** (cmdlets/gen/gen_cmdlets.c, run in-process on tests/fixtures/cmdlets/).
**
** Organization cmdlets (flag Backend, no handler in their metadata) get the
** generic handler of c_org.c under the name the generator makes up.
**
** Generator cases feed one fixture directory each and check the exit
** status and the message, so a change of wording shows up here.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bind.h"
#include "c_org.h"
#include "gen_cmdlets.h"
#include "registry.h"

/* {======================================================= lookup */

static void test_table_sorted(void **state)
{
    (void)state;
    assert_true(cmdlet_count() >= 2);
    assert_int_equal(cmdlet_count(), CMDLET__COUNT);
    for (uint32_t i = 1; i < cmdlet_count(); i++)
        assert_true(strcasecmp(cmdlet_at(i - 1)->meta->name, cmdlet_at(i)->meta->name) < 0);
    assert_null(cmdlet_at(cmdlet_count()));
}

static void test_handlers_match_metadata(void **state)
{
    (void)state;
    for (uint32_t i = 0; i < cmdlet_count(); i++) {
        const struct cmdlet *c = cmdlet_at(i);
        assert_ptr_equal(c->meta, &cmdlet_metas[i]);
        assert_true(c->begin || c->process || c->end);
        assert_non_null(c->meta->synopsis);
        assert_true(c->meta->nexamples >= 1);
    }
    assert_ptr_equal(cmd_write_output.meta, &cmdlet_metas[CMDLET_IDX_cmd_write_output]);
    assert_ptr_equal(cmd_out_null.meta, &cmdlet_metas[CMDLET_IDX_cmd_out_null]);
}

static const struct cmdlet *find(const char *s)
{
    return cmdlet_find(s, strlen(s));
}

/* Every Backend cmdlet without a handler of its own runs the generic one, and
** its made-up handler name points at its own metadata. */
static void test_backend_handlers(void **state)
{
    (void)state;
    uint32_t n = 0;
    for (uint32_t i = 0; i < cmdlet_count(); i++) {
        const struct cmdlet *c = cmdlet_at(i);
        if (!(c->meta->flags & CF_BACKEND))
            continue;
        n++;
        assert_ptr_equal(c->process, org_process);
        assert_null(c->begin);
        assert_null(c->end);
    }
    assert_true(n >= 50);
    const struct cmdlet *c = find("get-mailboxdatabase");
    assert_non_null(c);
    assert_ptr_equal(c, &cmd_org_get_mailboxdatabase);
    assert_ptr_equal(cmd_org_get_mailboxdatabase.meta,
                     &cmdlet_metas[CMDLET_IDX_cmd_org_get_mailboxdatabase]);
    assert_string_equal(cmd_org_move_activemailboxdatabase.meta->name, "Move-ActiveMailboxDatabase");
    assert_true(cmd_org_move_activemailboxdatabase.meta->flags & CF_SHOULD_PROCESS);
    assert_int_equal(cmd_org_move_activemailboxdatabase.meta->impact, IMPACT_HIGH);
    assert_int_equal(cmd_org_set_mailboxserver.meta->impact, IMPACT_MEDIUM);
    assert_int_equal(cmd_org_remove_labserver.meta->impact, IMPACT_MEDIUM);
    assert_false(cmd_org_get_mailboxdatabase.meta->flags & CF_SHOULD_PROCESS);
    /* positions are 0-based; the catalog's are 1-based */
    const struct param_meta *id = &cmd_org_get_mailboxdatabase.meta->params[0];
    assert_string_equal(id->name, "Identity");
    assert_string_equal(id->type_name, "DatabaseIdParameter");
    assert_int_equal(id->sets[0].position, 0);
}

static void test_find_names_and_aliases(void **state)
{
    (void)state;
    for (uint32_t i = 0; i < cmdlet_count(); i++) {
        const struct cmdlet *c = cmdlet_at(i);
        char up[128], low[128];
        size_t n = strlen(c->meta->name);
        assert_true(n < sizeof up);
        for (size_t k = 0; k <= n; k++) {
            up[k] =
                (char)(c->meta->name[k] >= 'a' && c->meta->name[k] <= 'z' ? c->meta->name[k] - 32
                                                                          : c->meta->name[k]);
            low[k] =
                (char)(c->meta->name[k] >= 'A' && c->meta->name[k] <= 'Z' ? c->meta->name[k] + 32
                                                                          : c->meta->name[k]);
        }
        assert_ptr_equal(find(c->meta->name), c);
        assert_ptr_equal(find(up), c);
        assert_ptr_equal(find(low), c);
        for (const char *const *a = c->meta->aliases; a && *a; a++)
            assert_ptr_equal(find(*a), c);
    }
    assert_ptr_equal(find("echo"), &cmd_write_output);
    assert_ptr_equal(find("ECHO"), &cmd_write_output);
    assert_ptr_equal(find("Write"), &cmd_write_output);
    assert_ptr_equal(find("write-output"), &cmd_write_output);
    assert_ptr_equal(find("OUT-NULL"), &cmd_out_null);
}

static void test_find_is_not_prefix(void **state)
{
    (void)state;
    assert_null(find("Write-Out"));
    assert_null(find("Write-Outpu"));
    assert_null(find("Write-Outputs"));
    assert_null(find("ech"));
    assert_null(find("echoo"));
    assert_null(find("Out"));
    assert_null(find(""));
    assert_null(find("Write-Output "));
    assert_null(find("Write\xc3\xa9"));
    assert_null(cmdlet_find("echo\0x", 6));
    /* only len bytes count */
    assert_ptr_equal(cmdlet_find("Write-Output | Out-Null", 12), &cmd_write_output);
    assert_ptr_equal(cmdlet_find("echoes", 4), &cmd_write_output);
}

/* }======================================================= */

/* {======================================================= the seed cmdlets */

enum { WO_INPUT_OBJECT, WO_NO_ENUMERATE };

static void test_write_output_metadata(void **state)
{
    (void)state;
    const struct cmd_meta *m = cmd_write_output.meta;
    assert_string_equal(m->name, "Write-Output");
    assert_string_equal(m->verb, "Write");
    assert_string_equal(m->noun, "Output");
    assert_int_equal(m->nparams, 2);
    const struct param_meta *io = &m->params[WO_INPUT_OBJECT];
    assert_string_equal(io->name, "InputObject");
    assert_string_equal(io->type_name, "PSObject[]");
    assert_int_equal(io->type, TY_PSOBJECT);
    assert_true(io->flags & PF_ARRAY);
    assert_true(io->flags & PF_ALLOW_NULL);
    assert_true(io->flags & PF_ALLOW_EMPTY_COLLECTION);
    assert_int_equal(io->nsets, 1);
    assert_int_equal(io->sets[0].set, PSET_ALL);
    assert_true(io->sets[0].mandatory);
    assert_int_equal(io->sets[0].position, 0);
    assert_int_equal(io->sets[0].pipeline, PIPE_BY_VALUE);
    const struct param_meta *ne = &m->params[WO_NO_ENUMERATE];
    assert_string_equal(ne->name, "NoEnumerate");
    assert_int_equal(ne->type, TY_SWITCH);
    assert_true(ne->flags & PF_SWITCH);
    assert_int_equal(ne->sets[0].position, -1);
    assert_int_equal(m->nsets, 1);
    assert_string_equal(m->sets[0], "Default");
    assert_int_equal(m->default_set, 0);
    assert_string_equal(m->output_type, "System.Management.Automation.PSObject");
}

static void test_out_null_metadata(void **state)
{
    (void)state;
    const struct cmd_meta *m = cmd_out_null.meta;
    assert_string_equal(m->name, "Out-Null");
    assert_int_equal(m->nparams, 1);
    assert_string_equal(m->params[0].name, "InputObject");
    assert_int_equal(m->params[0].type, TY_PSOBJECT);
    assert_false(m->params[0].flags & PF_ARRAY);
    assert_false(m->params[0].sets[0].mandatory);
    assert_int_equal(m->params[0].sets[0].position, -1);
    assert_int_equal(m->params[0].sets[0].pipeline, PIPE_BY_VALUE);
    assert_null(m->aliases[0]);
}

/* The parameter indexes c_string.c reads Select-String's parameters by, and their sets. */
static void test_select_string_metadata(void **state)
{
    (void)state;
    static const char *const names[] = {"InputObject", "Pattern",     "Path",          "LiteralPath",
                                        "SimpleMatch", "CaseSensitive", "Quiet",       "List",
                                        "Include",     "Exclude",     "NotMatch",      "AllMatches",
                                        "Encoding",    "Context"};
    const struct cmd_meta *m = cmd_select_string.meta;
    assert_ptr_equal(find("sls"), &cmd_select_string);
    assert_int_equal(m->nparams, sizeof names / sizeof *names);
    for (uint16_t i = 0; i < m->nparams; i++)
        assert_string_equal(m->params[i].name, names[i]);
    assert_int_equal(m->nsets, 3);
    assert_string_equal(m->sets[m->default_set], "File");
    const struct param_meta *pattern = &m->params[1], *path = &m->params[2], *literal = &m->params[3];
    assert_int_equal(pattern->sets[0].set, PSET_ALL);
    assert_true(pattern->sets[0].mandatory);
    assert_int_equal(pattern->sets[0].position, 0);
    assert_int_equal(path->sets[0].position, 1);
    assert_int_equal(path->sets[0].pipeline, PIPE_BY_NAME);
    assert_string_equal(literal->aliases[0], "PSPath");
    assert_int_equal(m->params[0].sets[0].pipeline, PIPE_BY_VALUE);
    assert_int_equal(m->params[13].type, TY_INT);
    assert_true(m->params[13].flags & PF_ARRAY);
}

/* The parameter indexes c_snapin.c reads the snap-in cmdlets' parameters by: Name is 0
** (positional; mandatory and by property name for Add and Remove), the switch is 1. */
static void test_snapin_metadata(void **state)
{
    (void)state;
    static const struct {
        const struct cmdlet *c;
        const char *alias, *sw;
        bool mandatory;
    } cases[] = {
        {&cmd_get_pssnapin, "gsnp", "Registered", false},
        {&cmd_add_pssnapin, "asnp", "PassThru", true},
        {&cmd_remove_pssnapin, "rsnp", "PassThru", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct cmd_meta *m = cases[i].c->meta;
        assert_ptr_equal(find(cases[i].alias), cases[i].c);
        assert_int_equal(m->nparams, 2);
        assert_string_equal(m->params[0].name, "Name");
        assert_string_equal(m->params[0].type_name, "String[]");
        assert_true(m->params[0].flags & PF_ARRAY);
        assert_int_equal(m->params[0].sets[0].position, 0);
        assert_int_equal(m->params[0].sets[0].mandatory, cases[i].mandatory);
        assert_int_equal(m->params[0].sets[0].pipeline, cases[i].mandatory ? PIPE_BY_NAME : PIPE_NONE);
        assert_string_equal(m->params[1].name, cases[i].sw);
        assert_true(m->params[1].flags & PF_SWITCH);
    }
    assert_true(cmd_remove_pssnapin.meta->flags & CF_SHOULD_PROCESS);
    assert_false(cmd_add_pssnapin.meta->flags & CF_SHOULD_PROCESS);
}

/* A cmd_ctx that collects what the handler writes and reads the bind state. */
struct fake {
    struct cmd_ctx ctx;
    struct bind_state *st;
    val out;
};

static enum ev f_write(struct cmd_ctx *c, val v)
{
    struct fake *f = (struct fake *)c;
    f->out = val_arr_push(f->out, v);
    return EV_OK;
}

static val f_arg(struct cmd_ctx *c, uint16_t i)
{
    return bind_value(((struct fake *)c)->st, i);
}

static bool f_bound(struct cmd_ctx *c, uint16_t i)
{
    return bind_is_bound(((struct fake *)c)->st, i);
}

static const struct cmd_ops fake_ops = {.write = f_write, .arg = f_arg, .bound = f_bound};

/* Runs `c` with args on the command line and then each of `pipe` (may be NULL); returns what it
 * wrote. */
static val run(const struct cmdlet *c, const struct bind_arg *args, uint32_t nargs, val pipe)
{
    struct bind_state st;
    struct bind_error err;
    struct fake f = {{&fake_ops, c->meta}, &st, val_arr_new()};
    bind_init(&st, c->meta, NULL);
    bool ok = bind_command_line(&st, args, nargs, !val_is_null(pipe), &err);
    if (!ok)
        fail_msg("%s: %s", err.id, err.msg);
    if (val_is_null(pipe)) {
        assert_int_equal(c->process(&f.ctx, val_nothing()), EV_OK);
    } else {
        for (uint32_t i = 0; i < val_arr_len(pipe); i++) {
            if (!bind_pipeline(&st, val_arr_items(pipe)[i], &err))
                fail_msg("%s: %s", err.id, err.msg);
            assert_int_equal(c->process(&f.ctx, val_arr_items(pipe)[i]), EV_OK);
        }
    }
    bind_release(&st);
    return f.out;
}

static val strs(int n, ...)
{
    va_list ap;
    val a = val_arr_new();
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        a = val_arr_push(a, val_str_new(va_arg(ap, const char *)));
    va_end(ap);
    return a;
}

static void test_write_output_runs(void **state)
{
    (void)state;
    val abc = strs(3, "a", "b", "c");
    struct bind_arg pos = {NULL, abc, 0, {0, 0}, {0, 0}};
    val out = run(&cmd_write_output, &pos, 1, val_null());
    assert_int_equal(val_arr_len(out), 3);
    assert_string_equal(val_str(val_arr_items(out)[2]), "c");
    val_free(out);

    struct bind_arg noenum[2] = {{NULL, abc, 0, {0, 0}, {0, 0}},
                                 {"NoEnumerate", val_nothing(), BARG_NO_VALUE, {0, 0}, {0, 0}}};
    out = run(&cmd_write_output, noenum, 2, val_null());
    assert_int_equal(val_arr_len(out), 1);
    assert_int_equal(val_kind(val_arr_items(out)[0]), VAL_ARRAY);
    assert_int_equal(val_arr_len(val_arr_items(out)[0]), 3);
    val_free(out);

    /* one object per pipeline input, the parameter rebound each time */
    out = run(&cmd_write_output, NULL, 0, abc);
    assert_int_equal(val_arr_len(out), 3);
    assert_string_equal(val_str(val_arr_items(out)[0]), "a");
    assert_string_equal(val_str(val_arr_items(out)[1]), "b");
    val_free(out);

    /* [AllowNull()]: $null is written as $null */
    struct bind_arg null_arg = {NULL, val_null(), 0, {0, 0}, {0, 0}};
    out = run(&cmd_write_output, &null_arg, 1, val_null());
    assert_int_equal(val_arr_len(out), 1);
    assert_int_equal(val_kind(val_arr_items(out)[0]), VAL_NULL);
    val_free(out);
    val_free(abc);
}

static void test_write_output_errors(void **state)
{
    (void)state;
    struct bind_state st;
    struct bind_error err;
    /* InputObject takes the remaining arguments: `echo a b` writes both */
    struct bind_arg two[2] = {{NULL, val_int(1), 0, {0, 0}, {0, 0}},
                              {NULL, val_int(2), 0, {0, 0}, {3, 4}}};
    bind_init(&st, cmd_write_output.meta, NULL);
    assert_true(bind_command_line(&st, two, 2, false, &err));
    val bound = bind_value(&st, 0);
    assert_int_equal(val_kind(bound), VAL_ARRAY);
    assert_int_equal(val_arr_len(bound), 2);
    assert_int_equal(val_arr_items(bound)[1].u.i, 2);
    bind_release(&st);
    /* no input and no argument: the mandatory InputObject is missing */
    bind_init(&st, cmd_write_output.meta, NULL);
    assert_false(bind_command_line(&st, NULL, 0, false, &err));
    assert_string_equal(err.id, "MissingMandatoryParameter");
    assert_string_equal(
        err.msg,
        "Cannot process command because of one or more missing mandatory parameters: InputObject.");
    bind_release(&st);
    /* -InputObject is a prefix of nothing else: -I works */
    struct bind_arg named[2] = {{"I", val_nothing(), BARG_NO_VALUE, {0, 0}, {0, 0}},
                                {NULL, val_int(7), 0, {0, 0}, {0, 0}}};
    bind_init(&st, cmd_write_output.meta, NULL);
    assert_true(bind_command_line(&st, named, 2, false, &err));
    assert_int_equal(bind_how_of(&st, WO_INPUT_OBJECT), BOUND_NAMED);
    assert_string_equal(bind_set_name(&st), "Default");
    bind_release(&st);
}

static void test_out_null_runs(void **state)
{
    (void)state;
    val abc = strs(3, "a", "b", "c");
    val out = run(&cmd_out_null, NULL, 0, abc);
    assert_int_equal(val_arr_len(out), 0);
    val_free(out);
    struct bind_arg named = {"InputObject", abc, BARG_COLON, {0, 0}, {0, 0}};
    out = run(&cmd_out_null, &named, 1, val_null());
    assert_int_equal(val_arr_len(out), 0);
    val_free(out);
    val_free(abc);
}

/* }======================================================= */

/* {======================================================= the generator */

/* Runs the generator; returns its status, with its messages in *msgs (caller frees). */
static int gen(char **msgs, const char *a1, const char *a2, const char *a3)
{
    char p1[512], p2[512];
    char *argv[6];
    int argc = 0;
    argv[argc++] = (char *)"gen_cmdlets";
    if (a1) {
        argv[argc++] = (char *)a1;
    }
    if (a2) {
        snprintf(p1, sizeof p1, "%s/%s", EMSH_CMDLET_FIXTURES, a2);
        argv[argc++] = p1;
    }
    if (a3) {
        snprintf(p2, sizeof p2, "%s/%s", EMSH_CMDLET_FIXTURES, a3);
        argv[argc++] = p2;
    }
    argv[argc] = NULL;
    size_t len;
    FILE *f = open_memstream(msgs, &len);
    assert_non_null(f);
    int rc = gen_cmdlets_main(argc, argv, f);
    fclose(f);
    return rc;
}

/* One bad fixture directory, its expected message (a substring of one line). */
static void expect_bad(const char *dir, const char *dir2, const char *message)
{
    char *msgs = NULL;
    int rc = gen(&msgs, "--check", dir, dir2);
    if (rc != 1 || !strstr(msgs, message))
        fail_msg("%s: rc %d, messages:\n%s\nwanted: %s", dir, rc, msgs, message);
    /* every message names its file */
    assert_non_null(strstr(msgs, ".json"));
    free(msgs);
}

static void test_gen_bad_fixtures(void **state)
{
    (void)state;
    expect_bad("bad-json", NULL,
               "Get-Thing.json:1:24: invalid JSON: string or '}' expected near '}'");
    expect_bad("missing-key", NULL, "Get-Thing.json: missing required key 'synopsis'");
    expect_bad("unknown-key", NULL, "Get-Thing.json: unknown key 'synopses'");
    expect_bad(
        "file-name", NULL,
        "Get-Other.json: the file name does not match the cmdlet name 'Get-Thing' (expected Get-Thing.json)");
    expect_bad("verb-noun", NULL, "name 'Get-Thing' does not match verb 'Set' and noun 'Thing'");
    expect_bad("bad-handler", NULL, "handler 'get-thing' is not a C identifier");
    expect_bad("no-handler", NULL, "missing required key 'handler'");
    expect_bad("dup-position", NULL,
               "set 'Identity': position 0 is used by both 'Identity' and 'ResultSize'");
    expect_bad(
        "unreachable-set", NULL,
        "set 'Filter' is not reachable: it is not the default and no parameter belongs to it without belonging to every set");
    expect_bad("undeclared-set", NULL,
               "parameter 'ResultSize': set 'Nope' is not declared in parameterSets");
    expect_bad("two-defaults", NULL,
               "more than one default parameter set ('Identity' and 'Filter')");
    expect_bad("common-param", NULL, "parameter 'ErrorAction' is a common parameter");
    expect_bad("common-param", NULL, "parameter 'ResultSize': alias 'ea' is a common parameter");
    expect_bad("dup-param", NULL, "parameter 'identity' is declared twice");
    expect_bad("alias-clash", NULL,
               "parameter 'ResultSize': alias 'Filter' is the name of another parameter");
    expect_bad("positional-switch", NULL,
               "parameter 'Force': a switch parameter cannot be positional");
    expect_bad("no-examples", NULL, "at least one example is required");
    expect_bad("bad-pipeline", NULL, "parameter 'Identity': unknown pipeline 'byvalue'");
    expect_bad("values-both", NULL, "parameter 'Mode': both validValues and enumValues are given");
    expect_bad("bad-flag", NULL, "unknown flag 'Mutates' (ShouldProcess or Backend)");
    expect_bad("switch-type", NULL, "parameter 'Force': switch is true but the type is 'String'");
    expect_bad("dup-alias", NULL, "alias 'gt' of 'Get-Thing' is already the alias of 'Get-Other'");
    expect_bad("dup-handler", NULL, "handler 'cmd_get_thing' is also the handler of 'Get-Other'");
    expect_bad("dup-name/a", "dup-name/b", "duplicate cmdlet name 'Get-Thing' (also in ");
    expect_bad("backend-dup-handler", NULL,
               "handler 'cmd_org_get_orgthing' is also the handler of 'Get-OrgThing'");
    expect_bad("alias-is-name", NULL,
               "alias 'get-thing' of 'Get-Other' is already the name of 'Get-Thing'");
}

static void test_gen_good_output(void **state)
{
    (void)state;
    char out[] = "/tmp/test_registry_defXXXXXX";
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    char arg[600];
    snprintf(arg, sizeof arg, "%s/good", EMSH_CMDLET_FIXTURES);
    char *argv[] = {(char *)"gen_cmdlets", (char *)"-o", out, arg, NULL};
    char *msgs = NULL;
    size_t len;
    FILE *f = open_memstream(&msgs, &len);
    assert_int_equal(gen_cmdlets_main(4, argv, f), 0);
    fclose(f);
    assert_string_equal(msgs, "");
    free(msgs);
    FILE *in = fopen(out, "r");
    assert_non_null(in);
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, in);
    text[n] = '\0';
    fclose(in);
    remove(out);
    static const char banner[] = "/* generated by gen_cmdlets from cmdlets/meta, do not edit */\n";
    assert_true(!strncmp(text, banner, sizeof banner - 1));
    /* table order, the lookup list sorted with aliases, escapes, flags and types */
    const char *get = strstr(text, "CMDLET(cmd_get_thing, \"Get-Thing\"");
    const char *set = strstr(text, "CMDLET(cmd_set_thing, \"Set-Thing\"");
    assert_non_null(get);
    assert_non_null(set);
    assert_true(get < set);
    const char *l1 = strstr(text, "LOOKUP(\"\\?\", 1)");
    const char *l2 = strstr(text, "LOOKUP(\"Get-Thing\", 0)");
    const char *l3 = strstr(text, "LOOKUP(\"gth\", 0)");
    const char *l4 = strstr(text, "LOOKUP(\"Set-Thing\", 1)");
    assert_true(l1 && l2 && l3 && l4 && l1 < l2 && l2 < l3 && l3 < l4);
    assert_non_null(strstr(text, "\"How: \\\"fast\\\" or slow\\?\""));
    assert_non_null(strstr(text, "CF_SHOULD_PROCESS|CF_BACKEND, IMPACT_HIGH"));
    assert_non_null(strstr(text, "PSET(0, true, 0, PIPE_BY_VALUE|PIPE_BY_NAME, false)"));
    assert_non_null(strstr(text, "\"LevelOption\", TY_OBJECT, PF_ENUM, m_cmd_get_thing_p4_values"));
    assert_non_null(strstr(text, "\"MultiValuedProperty\", TY_OBJECT, PF_ARRAY|PF_MULTIVALUED"));
    assert_non_null(strstr(text, "\"String[]\", TY_STRING, PF_ARRAY"));
    assert_non_null(strstr(text, "PSET(PSET_ALL, true, 0, PIPE_BY_VALUE, false)"));
}

/* A Backend cmdlet without a handler gets cmd_org_<verb>_<noun>, listed as ORG_HANDLER. */
static void test_gen_backend(void **state)
{
    (void)state;
    char out[] = "/tmp/test_registry_defXXXXXX";
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    char arg[600];
    snprintf(arg, sizeof arg, "%s/backend", EMSH_CMDLET_FIXTURES);
    char *argv[] = {(char *)"gen_cmdlets", (char *)"-o", out, arg, NULL};
    char *msgs = NULL;
    size_t len;
    FILE *f = open_memstream(&msgs, &len);
    assert_int_equal(gen_cmdlets_main(4, argv, f), 0);
    fclose(f);
    assert_string_equal(msgs, "");
    free(msgs);
    FILE *in = fopen(out, "r");
    assert_non_null(in);
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, in);
    text[n] = '\0';
    fclose(in);
    remove(out);
    assert_non_null(strstr(text, "CMDLET(cmd_org_get_orgthing, \"Get-OrgThing\""));
    assert_non_null(strstr(text, "\nORG_HANDLER(cmd_org_get_orgthing)\n"));
    /* a Backend cmdlet may still name a handler of its own: then it is not generic */
    assert_non_null(strstr(text, "CMDLET(cmd_set_org_thing_custom, \"Set-OrgThing\""));
    assert_null(strstr(text, "ORG_HANDLER(cmd_set_org_thing_custom)"));
}

/* A mandatory positional parameter after an optional one is allowed, as in
** Invoke-Command's [[-ComputerName] <String[]>] [-ScriptBlock] <ScriptBlock>. */
static void test_gen_mandatory_after_optional(void **state)
{
    (void)state;
    char *msgs = NULL;
    assert_int_equal(gen(&msgs, "--check", "mandatory-after-optional", NULL), 0);
    assert_string_equal(msgs, "");
    free(msgs);
}

static void test_gen_usage(void **state)
{
    (void)state;
    char *msgs = NULL;
    assert_int_equal(gen(&msgs, NULL, NULL, NULL), 2);
    assert_non_null(strstr(msgs, "usage: gen_cmdlets"));
    free(msgs);
    msgs = NULL;
    assert_int_equal(gen(&msgs, "--bogus", "good", NULL), 2);
    free(msgs);
    msgs = NULL;
    assert_int_equal(gen(&msgs, "--check", "no-such-dir", NULL), 1);
    assert_non_null(strstr(msgs, "no-such-dir"));
    free(msgs);
}

/* }======================================================= */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_sorted),
        cmocka_unit_test(test_handlers_match_metadata),
        cmocka_unit_test(test_backend_handlers),
        cmocka_unit_test(test_find_names_and_aliases),
        cmocka_unit_test(test_find_is_not_prefix),
        cmocka_unit_test(test_write_output_metadata),
        cmocka_unit_test(test_out_null_metadata),
        cmocka_unit_test(test_select_string_metadata),
        cmocka_unit_test(test_snapin_metadata),
        cmocka_unit_test(test_write_output_runs),
        cmocka_unit_test(test_write_output_errors),
        cmocka_unit_test(test_out_null_runs),
        cmocka_unit_test(test_gen_bad_fixtures),
        cmocka_unit_test(test_gen_good_output),
        cmocka_unit_test(test_gen_backend),
        cmocka_unit_test(test_gen_mandatory_after_optional),
        cmocka_unit_test(test_gen_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
