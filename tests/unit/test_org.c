/*
** test_org.c - unit tests of the organization cmdlets' glue (cmdlets/c_org.c):
** typed values and records from the wire, the catalog's enums and views,
** bound parameters to the wire, and the generic handler against a fake
** backend (requests sent, -WhatIf and confirmation flows, errors, warnings).
** No engine is involved: the fake cmd_ops answers with canned responses.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind.h"
#include "c_org.h"
#include "conv.h"
#include "format.h"
#include "registry.h"
#include "types.h"

static json_t *parse(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, JSON_DECODE_ANY, &e);
    if (!j)
        fail_msg("bad test JSON: %s: %s", e.text, text);
    return j;
}

static val wire(const char *text)
{
    json_t *j = parse(text);
    val v = org_from_wire(j);
    json_decref(j);
    return v;
}

static char *str_of(val v)
{
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    return buf_detach(&b, NULL);
}

/* {======================================================= from the wire */

static void test_plain_values(void **state)
{
    (void)state;
    val v = wire("\"DB1\"");
    assert_int_equal(val_kind(v), VAL_STRING);
    assert_string_equal(val_str(v), "DB1");
    val_free(v);
    v = wire("42");
    assert_int_equal(val_kind(v), VAL_INT);
    assert_int_equal(v.u.i, 42);
    v = wire("8589934592");
    assert_int_equal(val_kind(v), VAL_LONG);
    assert_true(v.u.i == INT64_C(8589934592));
    v = wire("1.5");
    assert_int_equal(val_kind(v), VAL_DOUBLE);
    v = wire("true");
    assert_int_equal(val_kind(v), VAL_BOOL);
    assert_true(v.u.b);
    v = wire("null");
    assert_int_equal(val_kind(v), VAL_NULL);
    /* a multi-valued property: a PowerShell array */
    v = wire("[\"MBX1\", \"MBX2\"]");
    assert_int_equal(val_kind(v), VAL_ARRAY);
    assert_int_equal(val_arr_len(v), 2);
    assert_string_equal(val_str(val_arr_items(v)[1]), "MBX2");
    val_free(v);
}

static void test_typed_values(void **state)
{
    (void)state;
    val v = wire("{\"$t\": \"TimeSpan\", \"v\": 6048000000000}");
    assert_int_equal(val_kind(v), VAL_TIMESPAN);
    assert_true(v.u.i == INT64_C(6048000000000));
    char *s = str_of(v);
    assert_string_equal(s, "7.00:00:00");
    free(s);

    v = wire("{\"$t\": \"DateTime\", \"v\": 639031104000000000}");
    assert_int_equal(val_kind(v), VAL_DATETIME);
    assert_true(v.u.i == INT64_C(639031104000000000));
    assert_true(v.flags & VF_UTC);

    v = wire("{\"$t\": \"ByteQuantifiedSize\", \"v\": 1610612736}");
    assert_int_equal(val_kind(v), VAL_BYTESIZE);
    s = str_of(v);
    assert_string_equal(s, "1.5 GB (1,610,612,736 bytes)");
    free(s);

    v = wire("{\"$t\": \"Guid\", \"v\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}");
    assert_int_equal(val_kind(v), VAL_GUID);
    s = str_of(v);
    assert_string_equal(s, "0f8fad5b-d9cb-469f-a165-70867728950e");
    free(s);
    val_free(v);

    v = wire("{\"$t\": \"Guid\", \"v\": \"not-a-guid\"}");
    assert_int_equal(val_kind(v), VAL_NULL);
}

static void test_ad_object_id(void **state)
{
    (void)state;
    val v = wire("{\"$t\": \"ADObjectId\", \"name\": \"MBX1\", \"dn\": \"CN=MBX1,CN=Servers\","
                 " \"guid\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}");
    assert_int_equal(val_kind(v), VAL_OBJECT);
    assert_string_equal(val_obj_type_at(v, 0), "Microsoft.Exchange.Data.Directory.ADObjectId");
    val p = val_obj_get(v, "DistinguishedName");
    assert_string_equal(val_str(p), "CN=MBX1,CN=Servers");
    val_free(p);
    p = val_obj_get(v, "ObjectGuid");
    assert_int_equal(val_kind(p), VAL_GUID);
    val_free(p);
    char *s = str_of(v);
    assert_string_equal(s, "MBX1");
    free(s);
    val_free(v);

    /* display, when given, is what it prints as */
    v = wire("{\"$t\": \"ADObjectId\", \"name\": \"DB1\", \"dn\": \"\", \"display\": \"DB1\\\\MBX2\"}");
    s = str_of(v);
    assert_string_equal(s, "DB1\\MBX2");
    free(s);
    p = val_obj_get(v, "ObjectGuid");
    assert_int_equal(val_kind(p), VAL_NULL);
    val_free(v);
}

static void test_record(void **state)
{
    (void)state;
    json_t *j = parse("{\"type\": \"Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase\","
                      " \"properties\": {\"Name\": \"DB1\", \"Server\": {\"$t\": \"ADObjectId\", \"name\": \"MBX1\","
                      " \"dn\": \"\"}, \"Mounted\": true, \"Servers\": [\"MBX1\", \"MBX2\"]}}");
    val o = org_record(j);
    json_decref(j);
    assert_int_equal(val_kind(o), VAL_OBJECT);
    assert_string_equal(val_obj_type_at(o, 0),
                        "Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase");
    assert_int_equal(val_obj_len(o), 4);
    /* the properties keep their order */
    assert_string_equal(val_obj_name_at(o, 0), "Name");
    assert_string_equal(val_obj_name_at(o, 1), "Server");
    assert_string_equal(val_obj_name_at(o, 2), "Mounted");
    assert_string_equal(val_obj_name_at(o, 3), "Servers");
    assert_int_equal(val_kind(val_obj_value_at(o, 1)), VAL_OBJECT);
    assert_int_equal(val_kind(val_obj_value_at(o, 3)), VAL_ARRAY);
    val_free(o);
}

/* }======================================================= */

/* {======================================================= the catalog */

static void add_line(void *ud, const char *s, size_t n)
{
    buf_add(ud, s, n);
    buf_putc(ud, '\n');
}

static void test_catalog_enums_and_views(void **state)
{
    (void)state;
    /* before the catalog names the type, an enum value is its text */
    val v = wire("{\"$t\": \"Enum\", \"type\": \"Test.Org.CopyStatus\", \"v\": \"Healthy\"}");
    assert_int_equal(val_kind(v), VAL_STRING);
    val_free(v);

    json_t *cat = parse(
        "{\"enums\": {\"Test.Org.CopyStatus\": [\"Unknown\", \"Mounted\", \"Healthy\", \"Failed\"]},"
        " \"views\": [{\"type\": \"Test.Org.Copy\", \"shape\": \"table\", \"columns\": ["
        "   {\"label\": null, \"property\": \"Name\", \"width\": 20},"
        "   {\"label\": \"State\", \"property\": \"Status\", \"width\": 10}]},"
        "  {\"type\": \"Test.Org.Copy\", \"shape\": \"list\", \"items\": [{\"label\": null, \"property\": \"Name\"}]}]}");
    org_register_catalog(cat);
    org_register_catalog(cat); /* twice: nothing changes */
    json_decref(cat);

    uint16_t id = type_lookup("Test.Org.CopyStatus", strlen("Test.Org.CopyStatus"));
    assert_int_not_equal(id, TY_NONE);
    int64_t n;
    assert_true(type_enum_value(id, "failed", 6, &n));
    assert_int_equal(n, 3);

    v = wire("{\"$t\": \"Enum\", \"type\": \"Test.Org.CopyStatus\", \"v\": \"Healthy\"}");
    assert_int_equal(val_kind(v), VAL_ENUM);
    assert_int_equal(v.aux, id);
    assert_int_equal(v.u.i, 2);
    char *s = str_of(v);
    assert_string_equal(s, "Healthy");
    free(s);

    /* a member the catalog does not list stays text */
    v = wire("{\"$t\": \"Enum\", \"type\": \"Test.Org.CopyStatus\", \"v\": \"Seeding\"}");
    assert_int_equal(val_kind(v), VAL_STRING);
    val_free(v);

    /* the view renders the records of its type */
    json_t *rec = parse("{\"type\": \"Test.Org.Copy\", \"properties\": {\"Name\": \"DB1\\\\MBX1\","
                        " \"Status\": {\"$t\": \"Enum\", \"type\": \"Test.Org.CopyStatus\", \"v\": \"Mounted\"},"
                        " \"Hidden\": 5}}");
    val o = org_record(rec);
    json_decref(rec);
    val objs = val_arr_push(val_arr_new(), o);
    struct buf out = BUF_INIT;
    struct fmt_device dev = {add_line, &out, 120};
    struct fmt_out *fo = fmt_out_new(&dev);
    struct fmt_error ferr;
    assert_int_equal(fmt_out_put(fo, o, &ferr), EV_OK);
    assert_int_equal(fmt_out_end(fo, &ferr), EV_OK);
    fmt_out_free(fo);
    const char *text = buf_cstr(&out);
    assert_non_null(strstr(text, "State"));
    assert_non_null(strstr(text, "DB1\\MBX1"));
    assert_non_null(strstr(text, "Mounted"));
    assert_null(strstr(text, "Hidden"));
    buf_release(&out);
    val_free(objs);
}

/* }======================================================= */

/* {======================================================= to the wire */

static char *dump(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(j);
    return s;
}

static void expect_wire(val v, bool id, const char *want)
{
    char *s = dump(org_to_wire(v, id));
    assert_string_equal(s, want);
    free(s);
}

static void test_to_wire(void **state)
{
    (void)state;
    expect_wire(val_int(3), false, "3");
    expect_wire(val_double(0.5), false, "0.5");
    expect_wire(val_bool(true), false, "true");
    expect_wire(val_switch(false), false, "false");
    expect_wire(val_null(), false, "null");
    expect_wire(val_timespan(INT64_C(36000000000)), false, "{\"$t\":\"TimeSpan\",\"v\":36000000000}");
    expect_wire(val_bytesize(1024), false, "{\"$t\":\"ByteQuantifiedSize\",\"v\":1024}");
    val s = val_str_new("DB1");
    expect_wire(s, false, "\"DB1\"");
    expect_wire(s, true, "\"DB1\"");
    val a = val_arr_push(val_arr_push(val_arr_new(), val_str_new("a")), val_int(2));
    expect_wire(a, false, "[\"a\",2]");
    val_free(a);
    val_free(s);

    /* an ...IdParameter: an object's Identity, else its Name, else its text */
    val id = wire("{\"$t\": \"ADObjectId\", \"name\": \"DB2\", \"dn\": \"\", \"display\": \"DB2\"}");
    val rec = val_obj_set(val_obj_new("X.MailboxDatabase"), "Name", val_str_new("DB2name"));
    rec = val_obj_set(rec, "Identity", id);
    expect_wire(rec, true, "\"DB2\"");
    val named = val_obj_set(val_obj_new(NULL), "Name", val_str_new("MBX3"));
    expect_wire(named, true, "\"MBX3\"");
    val both = val_arr_push(val_arr_push(val_arr_new(), val_copy(rec)), val_copy(named));
    expect_wire(both, true, "[\"DB2\",\"MBX3\"]");
    val_free(both);
    val_free(rec);
    val_free(named);

    /* an enum value goes by its member's name */
    const char *const names[] = {"Off", "DagOnly"};
    const int64_t values[] = {0, 1};
    uint16_t dac = type_enum("Test.Org.DacMode", names, values, 2, false);
    expect_wire(val_enum(dac, 1), false, "\"DagOnly\"");

    /* @{Add=...; Remove=...} for a multi-valued property */
    val h = val_hash_new(true);
    h = val_hash_set(h, val_str_new("Add"), val_str_new("10.0.0.5"));
    expect_wire(h, false, "{\"Add\":\"10.0.0.5\"}");
    val_free(h);
}

/* }======================================================= */

/* {======================================================= the handler, against a fake backend */

struct fake {
    struct cmd_ctx ctx;
    struct bind_state *st;
    val out;
    int mode;                 /* enum sp_mode */
    const char *answers;      /* confirmation answers, one letter each */
    json_t *requests;         /* what was sent */
    const char *responses[4]; /* canned, in order */
    int nsent;
    struct buf log;           /* errors, warnings, What if: lines and prompts */
};

static struct fake *of(struct cmd_ctx *c) { return (struct fake *)c; }

static enum ev f_write(struct cmd_ctx *c, val v)
{
    of(c)->out = val_arr_push(of(c)->out, v);
    return EV_OK;
}

static enum ev f_error(struct cmd_ctx *c, const char *id, const char *category,
                       const char *exception, val target, const char *msg)
{
    char *t = str_of(target);
    buf_printf(&of(c)->log, "error %s|%s|%s|%s|%s\n", id, category, exception, t, msg);
    free(t);
    return EV_OK;
}

static void f_message(struct cmd_ctx *c, int stream, const char *msg)
{
    buf_printf(&of(c)->log, "%s %s\n", stream == MSG_WARNING ? "warning" : "verbose", msg);
}

static val f_arg(struct cmd_ctx *c, uint16_t i) { return bind_value(of(c)->st, i); }
static bool f_bound(struct cmd_ctx *c, uint16_t i) { return bind_is_bound(of(c)->st, i); }
static int f_mode(struct cmd_ctx *c) { return of(c)->mode; }

static enum ev f_should_process_msg(struct cmd_ctx *c, const char *message, bool *yes)
{
    struct fake *f = of(c);
    if (f->mode == SP_WHATIF) {
        buf_printf(&f->log, "What if: %s\n", message);
        *yes = false;
        return EV_OK;
    }
    char a = f->answers && *f->answers ? *f->answers++ : 'Y';
    buf_printf(&f->log, "confirm %s -> %c\n", message, a);
    *yes = a == 'Y';
    return EV_OK;
}

static enum ev f_org_invoke(struct cmd_ctx *c, json_t *request, json_t **response)
{
    struct fake *f = of(c);
    json_array_append(f->requests, request);
    const char *r = f->nsent < 4 && f->responses[f->nsent] ? f->responses[f->nsent] : "{}";
    f->nsent++;
    *response = parse(r);
    return EV_OK;
}

static const struct cmd_ops fake_ops = {
    .write = f_write, .write_error = f_error, .message = f_message, .arg = f_arg, .bound = f_bound,
    .org_invoke = f_org_invoke, .should_process_mode = f_mode,
    .should_process_msg = f_should_process_msg,
};

static const struct cmdlet *find(const char *s) { return cmdlet_find(s, strlen(s)); }

/* Binds args to cmdlet name and runs its process once; f holds what happened. */
static void run(struct fake *f, const char *name, const struct bind_arg *args, uint32_t nargs)
{
    const struct cmdlet *c = find(name);
    assert_non_null(c);
    struct bind_state st;
    struct bind_error err;
    f->ctx.ops = &fake_ops;
    f->ctx.meta = c->meta;
    f->st = &st;
    f->out = val_arr_new();
    f->requests = json_array();
    bind_init(&st, c->meta, NULL);
    if (!bind_command_line(&st, args, nargs, false, &err))
        fail_msg("%s: %s", err.id, err.msg);
    assert_int_equal(c->process(&f->ctx, val_nothing()), EV_OK);
    bind_release(&st);
}

static void done(struct fake *f)
{
    val_free(f->out);
    json_decref(f->requests);
    buf_release(&f->log);
}

static char *request(struct fake *f, size_t i)
{
    return json_dumps(json_array_get(f->requests, i), JSON_COMPACT | JSON_SORT_KEYS);
}

static void test_request_and_output(void **state)
{
    (void)state;
    struct fake f = {0};
    f.responses[0] = "{\"output\": [{\"type\": \"T.Db\", \"properties\": {\"Name\": \"DB1\"}},"
                     "  {\"type\": \"T.Db\", \"properties\": {\"Name\": \"DB2\"}}],"
                     " \"errors\": [{\"id\": \"A1B2C3D4\", \"category\": \"NotSpecified\","
                     "   \"exception\": \"Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException\","
                     "   \"target\": \"DB9\", \"message\": \"The operation couldn't be performed.\"}],"
                     " \"warnings\": [\"Careful.\"], \"verbose\": [\"Searching.\"]}";
    struct bind_arg args[2] = {{NULL, val_str_new("DB*"), 0, {0, 0}, {0, 0}},
                               {"Status", val_nothing(), BARG_NO_VALUE, {0, 0}, {0, 0}}};
    run(&f, "Get-MailboxDatabase", args, 2);
    val_free(args[0].value);
    char *r = request(&f, 0);
    assert_string_equal(r, "{\"cmdlet\":\"Get-MailboxDatabase\",\"mode\":\"apply\","
                           "\"parameters\":{\"Identity\":\"DB*\",\"Status\":true}}");
    free(r);
    assert_int_equal(val_arr_len(f.out), 2);
    val db2 = val_obj_get(val_arr_items(f.out)[1], "Name");
    assert_string_equal(val_str(db2), "DB2");
    val_free(db2);
    assert_string_equal(buf_cstr(&f.log),
                        "warning Careful.\n"
                        "verbose Searching.\n"
                        "error A1B2C3D4|NotSpecified|Microsoft.Exchange.Configuration.Tasks."
                        "ManagementObjectNotFoundException|DB9|The operation couldn't be performed.\n");
    done(&f);
}

/* Records that share a shape: the schema once, then only values; typed kinds are sent bare. */
static void test_shaped_output(void **state)
{
    (void)state;
    struct fake f = {0};
    f.responses[0] = "{\"schemas\": [{\"type\": \"T.Copy\", \"properties\": [\"Name\", \"Seen\", \"Lag\", \"Size\","
                     "   \"Max\", \"Id\", \"State\"], \"kinds\": [\"\", \"DateTime\", \"TimeSpan\","
                     "   \"ByteQuantifiedSize\", \"ByteQuantifiedSize\", \"Guid\", \"Enum:T.NoSuchEnum\"]}],"
                     " \"output\": [[0, \"DB1\\\\MBX1\", 621355968000000000, 6048000000000,"
                     "   1024, \"Unlimited\", \"01234567-89ab-cdef-0123-456789abcdef\", \"Healthy\"],"
                     "  [0, \"DB1\\\\MBX2\", null, 0, 0, 2048, null, \"Failed\"]]}";
    struct bind_arg args[1] = {{NULL, val_str_new("DB1"), 0, {0, 0}, {0, 0}}};
    run(&f, "Get-MailboxDatabaseCopyStatus", args, 1);
    val_free(args[0].value);
    assert_int_equal(val_arr_len(f.out), 2);
    val a = val_arr_items(f.out)[0], b = val_arr_items(f.out)[1];
    assert_string_equal(val_obj_type_at(a, 0), "T.Copy");
    assert_int_equal(val_obj_len(a), 7);
    assert_string_equal(val_obj_name_at(a, 6), "State");
    assert_int_equal(val_kind(val_obj_value_at(a, 1)), VAL_DATETIME);
    assert_int_equal(val_kind(val_obj_value_at(a, 2)), VAL_TIMESPAN);
    assert_true(val_obj_value_at(a, 2).u.i == 6048000000000LL);
    assert_int_equal(val_kind(val_obj_value_at(a, 3)), VAL_BYTESIZE);
    assert_int_equal(val_kind(val_obj_value_at(a, 4)), VAL_STRING); /* Unlimited */
    assert_int_equal(val_kind(val_obj_value_at(a, 5)), VAL_GUID);
    assert_int_equal(val_kind(val_obj_value_at(a, 6)), VAL_STRING); /* an enum the catalog lacks: its text */
    assert_int_equal(val_kind(val_obj_value_at(b, 1)), VAL_NULL);
    assert_int_equal(val_kind(val_obj_value_at(b, 5)), VAL_NULL);
    /* members are found by name, ignoring case, as any object's are */
    val st = val_obj_get(b, "state");
    assert_string_equal(val_str(st), "Failed");
    val_free(st);
    done(&f);
}

static const char whatif_response[] =
    "{\"whatif\": [\"Moving mailbox database \\\"DB1\\\" from server \\\"MBX1\\\" to server \\\"MBX2\\\".\"]}";

static void test_whatif(void **state)
{
    (void)state;
    struct fake f = {0};
    f.mode = SP_WHATIF;
    f.responses[0] = whatif_response;
    struct bind_arg args[2] = {{NULL, val_str_new("DB1"), 0, {0, 0}, {0, 0}},
                               {"ActivateOnServer", val_str_new("MBX2"), BARG_COLON, {0, 0}, {0, 0}}};
    run(&f, "Move-ActiveMailboxDatabase", args, 2);
    assert_int_equal(f.nsent, 1);
    char *r = request(&f, 0);
    assert_string_equal(r, "{\"cmdlet\":\"Move-ActiveMailboxDatabase\",\"mode\":\"whatif\","
                           "\"parameters\":{\"ActivateOnServer\":\"MBX2\",\"Identity\":\"DB1\"}}");
    free(r);
    assert_string_equal(buf_cstr(&f.log),
                        "What if: Moving mailbox database \"DB1\" from server \"MBX1\" to server \"MBX2\".\n");
    done(&f);

    /* confirmed: the question, then the call for real */
    memset(&f, 0, sizeof f);
    f.mode = SP_CONFIRM;
    f.answers = "Y";
    f.responses[0] = whatif_response;
    f.responses[1] = "{\"output\": [{\"type\": \"T.Move\", \"properties\": {\"Status\": \"Succeeded\"}}]}";
    run(&f, "Move-ActiveMailboxDatabase", args, 2);
    assert_int_equal(f.nsent, 2);
    r = request(&f, 1);
    assert_non_null(strstr(r, "\"mode\":\"apply\""));
    free(r);
    assert_int_equal(val_arr_len(f.out), 1);
    assert_non_null(strstr(buf_cstr(&f.log), "confirm Moving mailbox database"));
    done(&f);

    /* declined: nothing more is sent and nothing is written */
    memset(&f, 0, sizeof f);
    f.mode = SP_CONFIRM;
    f.answers = "N";
    f.responses[0] = whatif_response;
    run(&f, "Move-ActiveMailboxDatabase", args, 2);
    assert_int_equal(f.nsent, 1);
    assert_int_equal(val_arr_len(f.out), 0);
    done(&f);

    /* a check that fails shows its error without asking */
    memset(&f, 0, sizeof f);
    f.mode = SP_CONFIRM;
    f.responses[0] = "{\"errors\": [{\"id\": \"E1\", \"category\": \"InvalidOperation\","
                     " \"exception\": \"X\", \"target\": null, \"message\": \"No.\"}]}";
    run(&f, "Move-ActiveMailboxDatabase", args, 2);
    assert_int_equal(f.nsent, 1);
    assert_string_equal(buf_cstr(&f.log), "error E1|InvalidOperation|X||No.\n");
    done(&f);
    val_free(args[0].value);
    val_free(args[1].value);
}

static void test_lab_request(void **state)
{
    (void)state;
    struct fake f = {0};
    struct bind_arg args[2] = {{"Template", val_str_new("Small"), BARG_COLON, {0, 0}, {0, 0}},
                               {"Force", val_nothing(), BARG_NO_VALUE, {0, 0}, {0, 0}}};
    f.mode = SP_NONE;
    run(&f, "New-LabOrganization", args, 2);
    char *r = request(&f, 0);
    /* the default of Name is the engine's business: only bound parameters travel */
    assert_string_equal(r, "{\"cmdlet\":\"New-LabOrganization\",\"mode\":\"apply\","
                           "\"parameters\":{\"Force\":true,\"Template\":\"Small\"}}");
    free(r);
    done(&f);
    val_free(args[0].value);

    memset(&f, 0, sizeof f);
    struct bind_arg secs = {NULL, val_str_new("90"), 0, {0, 0}, {0, 0}};
    run(&f, "Step-LabClock", &secs, 1);
    r = request(&f, 0);
    assert_string_equal(r, "{\"cmdlet\":\"Step-LabClock\",\"mode\":\"apply\","
                           "\"parameters\":{\"Seconds\":90.0}}");
    free(r);
    done(&f);
    val_free(secs.value);

    /* an EnhancedTimeSpan binds as a TimeSpan and travels tagged */
    memset(&f, 0, sizeof f);
    struct bind_arg lag[2] = {{NULL, val_str_new("DB1\\MBX3"), 0, {0, 0}, {0, 0}},
                              {"ReplayLagTime", val_str_new("7.00:00:00"), BARG_COLON, {0, 0}, {0, 0}}};
    run(&f, "Set-MailboxDatabaseCopy", lag, 2);
    r = request(&f, 0);
    assert_string_equal(r, "{\"cmdlet\":\"Set-MailboxDatabaseCopy\",\"mode\":\"apply\","
                           "\"parameters\":{\"Identity\":\"DB1\\\\MBX3\",\"ReplayLagTime\":"
                           "{\"$t\":\"TimeSpan\",\"v\":6048000000000}}}");
    free(r);
    done(&f);
    val_free(lag[0].value);
    val_free(lag[1].value);
}

/* }======================================================= */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_values),
        cmocka_unit_test(test_typed_values),
        cmocka_unit_test(test_ad_object_id),
        cmocka_unit_test(test_record),
        cmocka_unit_test(test_catalog_enums_and_views),
        cmocka_unit_test(test_to_wire),
        cmocka_unit_test(test_request_and_output),
        cmocka_unit_test(test_shaped_output),
        cmocka_unit_test(test_whatif),
        cmocka_unit_test(test_lab_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
