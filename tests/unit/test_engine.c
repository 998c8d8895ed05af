/*
** test_engine.c - the cluster engine through its JSON interface: quorum,
** failure detection, Best Copy and Server Selection, the mount dial,
** datacenter switchover, the Replay Lag Manager, and a randomized fault
** test that checks the invariants after every step.
**
** Each test opens a fresh store in a temporary directory with the virtual
** clock starting at 2026-01-05T08:00:00 UTC.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static struct engine *open_engine(void)
{
    snprintf(dir, sizeof dir, "/tmp/emsh-engine-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/org.db", dir);
    setenv("EMSH_CLOCK_START", "2026-01-05T08:00:00", 1);
    struct engine_options o = {.store = path, .computer_name = "MBX1", .clock = ENGINE_CLOCK_VIRTUAL};
    char *err = NULL;
    struct engine *e = engine_open(&o, &err);
    assert_non_null(e);
    return e;
}

static void close_engine(struct engine *e)
{
    engine_close(e);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/*
** The output records in their self-describing form ({"type", "properties"},
** typed values tagged), from the schemas a response shares among them, so
** that the tests read every record alike.
*/
static void unshape(json_t *resp)
{
    json_t *schemas = json_object_get(resp, "schemas"), *out = json_object_get(resp, "output"), *rec;
    size_t i;
    json_array_foreach(out, i, rec) {
        json_t *s = json_array_get(schemas, (size_t)json_integer_value(json_array_get(rec, 0)));
        json_t *names = json_object_get(s, "properties"), *kinds = json_object_get(s, "kinds");
        json_t *props = json_object();
        for (size_t j = 0; j < json_array_size(names); j++) {
            json_t *v = json_incref(json_array_get(rec, j + 1));
            const char *kind = json_string_value(json_array_get(kinds, j));
            if (kind && *kind && !json_is_null(v)) {
                bool en = !strncmp(kind, "Enum:", 5);
                json_t *t = json_pack("{s:s, s:o}", "$t", en ? "Enum" : kind, "v", v);
                if (en)
                    json_object_set_new(t, "type", json_string(kind + 5));
                v = t;
            }
            json_object_set_new(props, json_string_value(json_array_get(names, j)), v);
        }
        json_array_set_new(out, i, json_pack("{s:O, s:o}", "type", json_object_get(s, "type"), "properties", props));
    }
}

/* Runs a cmdlet with parameters given as JSON text; returns the response. */
static json_t *run(struct engine *e, const char *cmdlet, const char *params)
{
    json_error_t je;
    json_t *p = json_loads(params ? params : "{}", 0, &je);
    if (!p)
        fail_msg("bad test JSON %s: %s", params, je.text);
    json_t *req = json_pack("{s:s, s:o, s:s}", "cmdlet", cmdlet, "parameters", p, "mode", "apply");
    json_t *resp = engine_invoke(e, req);
    json_decref(req);
    unshape(resp);
    return resp;
}

/* Runs and asserts no error; frees the response. */
static void ok(struct engine *e, const char *cmdlet, const char *params)
{
    json_t *r = run(e, cmdlet, params);
    json_t *errs = json_object_get(r, "errors");
    if (json_array_size(errs))
        fail_msg("%s %s: %s", cmdlet, params ? params : "",
                 json_string_value(json_object_get(json_array_get(errs, 0), "message")));
    json_decref(r);
}

static const char *prop_str(json_t *rec, const char *name)
{
    json_t *v = json_object_get(json_object_get(rec, "properties"), name);
    if (json_is_object(v)) {
        json_t *n = json_object_get(v, "name");
        return n ? json_string_value(n) : json_string_value(json_object_get(v, "v"));
    }
    return json_string_value(v);
}

/* The server a database is active on, and whether it is mounted. */
static void db_state(struct engine *e, const char *db, char *server, size_t n, bool *mounted)
{
    char params[64];
    snprintf(params, sizeof params, "{\"Identity\": \"%s\", \"Status\": true}", db);
    json_t *r = run(e, "Get-MailboxDatabase", params);
    json_t *rec = json_array_get(json_object_get(r, "output"), 0);
    assert_non_null(rec);
    snprintf(server, n, "%s", prop_str(rec, "Server"));
    *mounted = json_is_true(json_object_get(json_object_get(rec, "properties"), "Mounted"));
    json_decref(r);
}

static void assert_active(struct engine *e, const char *db, const char *server, bool mounted)
{
    char s[80];
    bool m;
    db_state(e, db, s, sizeof s, &m);
    if (strcmp(s, server) || m != mounted)
        fail_msg("%s: active on %s (%s), expected %s (%s)", db, s, m ? "mounted" : "dismounted", server,
                 mounted ? "mounted" : "dismounted");
}

static void assert_invariants(struct engine *e)
{
    char why[512];
    if (engine_verify(e, why, sizeof why))
        fail_msg("invariant broken: %s", why);
}

/* Does an event whose message contains text exist? */
static bool has_event(struct engine *e, const char *text)
{
    json_t *r = run(e, "Get-LabEvent", NULL);
    json_t *out = json_object_get(r, "output"), *x;
    size_t i;
    bool found = false;
    json_array_foreach(out, i, x) found |= strstr(prop_str(x, "Message"), text) != NULL;
    json_decref(r);
    return found;
}

static struct engine *preferred(void)
{
    struct engine *e = open_engine();
    ok(e, "New-LabOrganization", "{\"Template\": \"PreferredArchitecture\"}");
    return e;
}

/* {=== quorum ===*/

static void test_no_organization(void **state)
{
    (void)state;
    struct engine *e = open_engine();
    json_t *r = run(e, "Get-MailboxDatabase", NULL);
    json_t *err = json_array_get(json_object_get(r, "errors"), 0);
    assert_string_equal(json_string_value(json_object_get(err, "exception")), "OrganizationNotFoundException");
    json_decref(r);
    close_engine(e);
}

static void test_preferred_architecture(void **state)
{
    (void)state;
    struct engine *e = preferred();
    assert_active(e, "DB1", "MBX1", true);
    assert_active(e, "DB2", "MBX2", true);
    assert_active(e, "DB3", "MBX3", true);
    assert_active(e, "DB4", "MBX4", true);
    json_t *r = run(e, "Get-MailboxDatabaseCopyStatus", "{\"Identity\": \"DB1\\\\MBX4\"}");
    json_t *rec = json_array_get(json_object_get(r, "output"), 0);
    assert_string_equal(prop_str(rec, "Name"), "DB1\\MBX4");
    json_t *pref = json_object_get(json_object_get(rec, "properties"), "ActivationPreference");
    assert_int_equal(json_integer_value(pref), 4);
    json_decref(r);
    json_t *again = run(e, "New-LabOrganization", "{\"Template\": \"Small\"}");
    assert_int_equal(json_array_size(json_object_get(again, "errors")), 1);
    json_decref(again);
    close_engine(e);
}

static void test_site_failure_keeps_quorum_with_witness(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX2\"}");
    /* nothing moves before the heartbeat timeout */
    assert_active(e, "DB1", "MBX1", false);
    ok(e, "Step-LabClock", "{\"Seconds\": 30}");
    /* 2 members + witness = 3 of 5 votes: DC2 takes over, by preference */
    assert_active(e, "DB1", "MBX3", true);
    assert_active(e, "DB2", "MBX4", true);
    assert_invariants(e);
    /* the witness goes too: 2 of 5, no quorum, everything dismounts */
    ok(e, "Stop-LabServer", "{\"Identity\": \"FSW1\"}");
    assert_active(e, "DB1", "MBX3", false);
    assert_active(e, "DB3", "MBX3", false);
    assert_true(has_event(e, "lost quorum"));
    assert_invariants(e);
    /* the witness back: quorum, and databases mount again */
    ok(e, "Start-LabServer", "{\"Identity\": \"FSW1\"}");
    ok(e, "Step-LabClock", "{\"Seconds\": 1}");
    assert_active(e, "DB3", "MBX3", true);
    close_engine(e);
}

static void test_site_cut_dismounts_minority_first(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "Disconnect-LabSite", "{\"Identity\": \"DC1\"}");
    /* DC1 alone has 2 of 5 votes: its databases dismount at once */
    assert_active(e, "DB1", "MBX1", false);
    assert_active(e, "DB2", "MBX2", false);
    assert_active(e, "DB3", "MBX3", true);
    assert_invariants(e);
    ok(e, "Step-LabClock", "{\"Seconds\": 19}");
    assert_active(e, "DB1", "MBX1", false);
    ok(e, "Step-LabClock", "{\"Seconds\": 1}"); /* cross-subnet threshold: 20 s */
    assert_active(e, "DB1", "MBX3", true);
    assert_active(e, "DB2", "MBX4", true);
    assert_invariants(e);
    close_engine(e);
}

/* }=== */

/* {=== Best Copy and Server Selection ===*/

static void test_bcss_skips_activation_suspended(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "Suspend-MailboxDatabaseCopy", "{\"Identity\": \"DB1\\\\MBX2\", \"ActivationOnly\": true}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Step-LabClock", "{\"Seconds\": 10}"); /* same subnet: 10 s */
    assert_active(e, "DB1", "MBX3", true);
    close_engine(e);
}

static void test_bcss_never_picks_lagged_or_blocked(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "Set-MailboxServer", "{\"Identity\": \"MBX2\", \"DatabaseCopyAutoActivationPolicy\": \"Blocked\"}");
    ok(e, "Set-MailboxServer", "{\"Identity\": \"MBX3\", \"DatabaseCopyAutoActivationPolicy\": \"Blocked\"}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    /* only the lagged copy on MBX4 is left, and BCSS excludes it */
    assert_active(e, "DB1", "MBX1", false);
    assert_true(has_event(e, "could not be activated automatically"));
    /* an explicit switchover may still use a Blocked server */
    ok(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\", \"ActivateOnServer\": \"MBX2\"}");
    assert_active(e, "DB1", "MBX2", true);
    close_engine(e);
}

/* Activation controls: IntrasiteOnly keeps a failed DC1 database out of DC2; MaximumActiveDatabases is a hard limit. */
static void test_activation_controls(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "Set-MailboxServer", "{\"Identity\": \"MBX2\", \"MaximumActiveDatabases\": 1}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Step-LabClock", "{\"Seconds\": 10}");
    /* MBX2 already holds DB2, its limit: DB1 goes to the preference-3 copy in DC2 */
    assert_active(e, "DB1", "MBX3", true);
    ok(e, "Start-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    ok(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\", \"ActivateOnServer\": \"MBX1\"}");
    /* DC2 takes only its own site's databases; MBX2 is at its limit: DB1 has nowhere to go */
    ok(e, "Set-MailboxServer", "{\"Identity\": \"MBX3\", \"DatabaseCopyAutoActivationPolicy\": \"IntrasiteOnly\"}");
    ok(e, "Set-MailboxServer", "{\"Identity\": \"MBX4\", \"DatabaseCopyAutoActivationPolicy\": \"IntrasiteOnly\"}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Step-LabClock", "{\"Seconds\": 10}");
    assert_active(e, "DB1", "MBX1", false);
    assert_true(has_event(e, "IntrasiteOnly"));
    /* an administrator may still name a target */
    json_t *r = run(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\", \"ActivateOnServer\": \"MBX2\", "
                                                     "\"SkipHealthChecks\": true}");
    assert_int_equal(json_array_size(json_object_get(r, "errors")), 1); /* MaximumActiveDatabases always holds */
    json_decref(r);
    ok(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\", \"ActivateOnServer\": \"MBX3\", "
                                        "\"SkipHealthChecks\": true}");
    assert_active(e, "DB1", "MBX3", true);
    assert_invariants(e);
    close_engine(e);
}

static void test_mount_dial(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "Set-LabWorkload", "{\"Database\": \"DB1\", \"LogsPerMinute\": 4}");
    /* DC2 falls 40 logs behind while cut off (DC1 keeps quorum with the witness) */
    ok(e, "Disconnect-LabSite", "{\"Identity\": \"DC2\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 10}");
    assert_active(e, "DB1", "MBX1", true);
    /* DC2 comes back as all of DC1 dies: the DC2 copies still miss 40 logs */
    ok(e, "Connect-LabSite", "{\"Identity\": \"DC2\"}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX2\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    /* GoodAvailability allows 6 missing logs: no automatic mount */
    assert_active(e, "DB1", "MBX1", false);
    json_t *r = run(e, "Get-MailboxDatabaseCopyStatus", "{\"Identity\": \"DB1\\\\MBX3\"}");
    json_t *cq = json_object_get(json_object_get(json_array_get(json_object_get(r, "output"), 0), "properties"),
                                 "CopyQueueLength");
    assert_int_equal(json_integer_value(cq), 40);
    json_decref(r);
    /* a switchover without an override is lossless, and refused */
    json_t *m = run(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\", \"ActivateOnServer\": \"MBX3\", "
                                                     "\"SkipLagChecks\": true, \"SkipHealthChecks\": true}");
    assert_int_equal(json_array_size(json_object_get(m, "errors")), 1);
    json_decref(m);
    assert_active(e, "DB1", "MBX1", false);
    ok(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\", \"ActivateOnServer\": \"MBX3\", "
                                        "\"SkipLagChecks\": true, \"SkipHealthChecks\": true, "
                                        "\"MountDialOverride\": \"BestEffort\"}");
    assert_active(e, "DB1", "MBX3", true);
    assert_true(has_event(e, "Database DB1 activated on MBX3: 40 logs lost, mount dial BestEffort"));
    assert_invariants(e);
    close_engine(e);
}

static void test_switchover_checks(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "Step-LabClock", "{\"Hours\": 1}");
    /* the lagged copy has a replay queue: the lag check refuses it */
    json_t *r = run(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\", \"ActivateOnServer\": \"MBX4\"}");
    json_t *err = json_array_get(json_object_get(r, "errors"), 0);
    assert_non_null(err);
    assert_non_null(strstr(json_string_value(json_object_get(err, "message")), "SkipLagChecks"));
    json_decref(r);
    assert_active(e, "DB1", "MBX1", true);
    /* targetless: BCSS by preference, lossless */
    ok(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\"}");
    assert_active(e, "DB1", "MBX2", true);
    /* the old active copy becomes a healthy passive copy again */
    ok(e, "Step-LabClock", "{\"Seconds\": 20}");
    r = run(e, "Get-MailboxDatabaseCopyStatus", "{\"Identity\": \"DB1\\\\MBX1\"}");
    assert_string_equal(prop_str(json_array_get(json_object_get(r, "output"), 0), "Status"), "Healthy");
    json_decref(r);
    /* PreferenceMoveFrequency (1 hour) moves it back to preference 1 */
    ok(e, "Step-LabClock", "{\"Hours\": 1}");
    assert_active(e, "DB1", "MBX1", true);
    close_engine(e);
}

/* }=== */

/* {=== datacenter switchover and the lag manager ===*/

static void test_datacenter_switchover(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "New-LabServer", "{\"Name\": \"FSW2\", \"Site\": \"DC2\", \"Role\": \"FileServer\"}");
    /* DC1 and the witness site are lost: DC2 alone has 2 of 5 votes */
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX2\"}");
    ok(e, "Disconnect-LabSite", "{\"Identity\": \"DC3\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    assert_active(e, "DB3", "MBX3", false);
    json_t *r = run(e, "Restore-DatabaseAvailabilityGroup", "{\"Identity\": \"DAG1\", \"ActiveDirectorySite\": \"DC2\"}");
    assert_int_equal(json_array_size(json_object_get(r, "errors")), 1); /* nothing stopped yet */
    json_decref(r);
    ok(e, "Stop-DatabaseAvailabilityGroup", "{\"Identity\": \"DAG1\", \"ActiveDirectorySite\": \"DC1\", "
                                            "\"ConfigurationOnly\": true}");
    ok(e, "Restore-DatabaseAvailabilityGroup", "{\"Identity\": \"DAG1\", \"ActiveDirectorySite\": \"DC2\", "
                                               "\"AlternateWitnessServer\": \"FSW2\", "
                                               "\"AlternateWitnessDirectory\": \"C:\\\\DAG1\"}");
    ok(e, "Step-LabClock", "{\"Seconds\": 1}");
    assert_active(e, "DB1", "MBX3", true);
    assert_active(e, "DB2", "MBX4", true);
    assert_active(e, "DB3", "MBX3", true);
    assert_invariants(e);
    /* switchback: DC1 returns but stays stopped until Start- */
    ok(e, "Start-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Start-LabServer", "{\"Identity\": \"MBX2\"}");
    ok(e, "Connect-LabSite", "{\"Identity\": \"DC3\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 5}");
    assert_active(e, "DB1", "MBX3", true);
    ok(e, "Start-DatabaseAvailabilityGroup", "{\"Identity\": \"DAG1\", \"ActiveDirectorySite\": \"DC1\"}");
    ok(e, "Set-DatabaseAvailabilityGroup", "{\"Identity\": \"DAG1\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    ok(e, "Move-ActiveMailboxDatabase", "{\"Identity\": \"DB1\", \"ActivateOnServer\": \"MBX1\"}");
    assert_active(e, "DB1", "MBX1", true);
    assert_invariants(e);
    close_engine(e);
}

static void test_replay_lag_manager(void **state)
{
    (void)state;
    struct engine *e = preferred();
    ok(e, "Step-LabClock", "{\"Days\": 1}");
    json_t *r = run(e, "Get-MailboxDatabaseCopyStatus", "{\"Identity\": \"DB1\\\\MBX4\"}");
    json_t *rq = json_object_get(json_object_get(json_array_get(json_object_get(r, "output"), 0), "properties"),
                                 "ReplayQueueLength");
    assert_int_equal(json_integer_value(rq), 4 * 60 * 24); /* a day of logs at 4 a minute */
    json_decref(r);
    /* one healthy copy suspended: 2 healthy non-lagged copies, fewer than 3, for 24 hours */
    ok(e, "Suspend-MailboxDatabaseCopy", "{\"Identity\": \"DB1\\\\MBX2\"}");
    ok(e, "Step-LabClock", "{\"Hours\": 23}");
    assert_false(has_event(e, "Lagged copy DB1\\MBX4 plays down"));
    ok(e, "Step-LabClock", "{\"Hours\": 2}");
    assert_true(has_event(e, "Lagged copy DB1\\MBX4 plays down"));
    r = run(e, "Get-MailboxDatabaseCopyStatus", "{\"Identity\": \"DB1\\\\MBX4\"}");
    rq = json_object_get(json_object_get(json_array_get(json_object_get(r, "output"), 0), "properties"),
                         "ReplayQueueLength");
    assert_int_equal(json_integer_value(rq), 0);
    json_decref(r);
    close_engine(e);
}

static const char *copy_status_of(struct engine *e, const char *copy, char *buf, size_t n)
{
    char params[96];
    snprintf(params, sizeof params, "{\"Identity\": \"%s\"}", copy);
    json_t *r = run(e, "Get-MailboxDatabaseCopyStatus", params);
    snprintf(buf, n, "%s", prop_str(json_array_get(json_object_get(r, "output"), 0), "Status"));
    json_decref(r);
    return buf;
}

static void test_autoreseed(void **state)
{
    (void)state;
    struct engine *e = preferred();
    char st[64];
    ok(e, "Set-LabVolume", "{\"Server\": \"MBX3\", \"Volume\": \"ExchangeVolume1\", \"State\": \"Failed\"}");
    assert_string_equal(copy_status_of(e, "DB1\\\\MBX3", st, sizeof st), "FailedAndSuspended");
    /* the active DB3 on MBX3 failed over at once */
    assert_active(e, "DB3", "MBX4", true);
    /* 15 minutes, then three resume attempts 5 minutes apart: nothing before 30 minutes */
    ok(e, "Step-LabClock", "{\"Minutes\": 29}");
    assert_string_equal(copy_status_of(e, "DB1\\\\MBX3", st, sizeof st), "FailedAndSuspended");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    assert_string_equal(copy_status_of(e, "DB1\\\\MBX3", st, sizeof st), "Seeding");
    ok(e, "Step-LabClock", "{\"Minutes\": 5}");
    assert_string_equal(copy_status_of(e, "DB1\\\\MBX3", st, sizeof st), "Healthy");
    assert_string_equal(copy_status_of(e, "DB3\\\\MBX3", st, sizeof st), "Healthy");
    /* no spare is left on MBX3: a second failure waits for the Disk Reclaimer */
    ok(e, "Set-LabVolume", "{\"Server\": \"MBX3\", \"Volume\": \"ExchangeVolume2\", \"State\": \"Failed\"}");
    ok(e, "Step-LabClock", "{\"Hours\": 2}");
    assert_string_equal(copy_status_of(e, "DB1\\\\MBX3", st, sizeof st), "FailedAndSuspended");
    assert_true(has_event(e, "no spare volume on MBX3"));
    assert_invariants(e);
    close_engine(e);
}

/* Real time: each call catches up to the wall clock. */
static void test_real_time(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/emsh-engine-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/org.db", dir);
    struct engine_options o = {.store = path, .clock = ENGINE_CLOCK_REAL};
    char *err = NULL;
    struct engine *e = engine_open(&o, &err);
    assert_non_null(e);
    ok(e, "New-LabOrganization", "{\"Template\": \"Small\"}");
    json_t *r = run(e, "Get-LabClock", NULL);
    json_t *props = json_object_get(json_array_get(json_object_get(r, "output"), 0), "properties");
    int64_t ticks = json_integer_value(json_object_get(json_object_get(props, "Now"), "v"));
    int64_t now_ticks = (int64_t)time(NULL) * 10000000 + 621355968000000000LL;
    assert_true(ticks > now_ticks - 50000000LL && ticks <= now_ticks + 50000000LL); /* within 5 s */
    assert_string_equal(json_string_value(json_object_get(props, "Mode")), "RealTime");
    json_decref(r);
    /* the clock does not move backwards, and Step-LabClock still moves it ahead */
    ok(e, "Step-LabClock", "{\"Hours\": 1}");
    r = run(e, "Get-LabClock", NULL);
    props = json_object_get(json_array_get(json_object_get(r, "output"), 0), "properties");
    assert_true(json_integer_value(json_object_get(json_object_get(props, "Now"), "v")) >= ticks + 36000000000LL);
    json_decref(r);
    close_engine(e);
}

/* A store from a newer emsh is refused; one from the early JSON format too. */
static void test_store_formats(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/emsh-engine-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[128], cmd[400];
    snprintf(path, sizeof path, "%s/old.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value); "
                                      "INSERT INTO meta VALUES('format', 1);", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct engine_options o = {.store = path, .clock = ENGINE_CLOCK_VIRTUAL};
    char *err = NULL;
    assert_null(engine_open(&o, &err));
    assert_non_null(strstr(err, "format 1"));
    free(err);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* DACP in a two-member DAG: the witness's boot time decides. */
static void test_dacp_two_members(void **state)
{
    (void)state;
    struct engine *e = open_engine();
    ok(e, "New-LabOrganization", "{\"Template\": \"Small\"}");
    ok(e, "Set-DatabaseAvailabilityGroup", "{\"Identity\": \"DAG1\", \"DatacenterActivationMode\": \"DagOnly\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    /* MBX2 is down; MBX1 reboots alone: its bit was set after FSW1 booted, so it mounts */
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX2\"}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    ok(e, "Start-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    assert_active(e, "DB1", "MBX1", true);
    assert_true(has_event(e, "may mount: its DACP bit was set after witness FSW1 booted"));
    /* now MBX1 and the witness restart together: the bit predates the witness's boot, no mount */
    ok(e, "Stop-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Stop-LabServer", "{\"Identity\": \"FSW1\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    ok(e, "Start-LabServer", "{\"Identity\": \"FSW1\"}");
    ok(e, "Start-LabServer", "{\"Identity\": \"MBX1\"}");
    ok(e, "Step-LabClock", "{\"Minutes\": 1}");
    assert_active(e, "DB1", "MBX1", false);
    /* Restore-DatabaseAvailabilityGroup resets DACP */
    ok(e, "Stop-DatabaseAvailabilityGroup", "{\"Identity\": \"DAG1\", \"MailboxServer\": \"MBX2\", "
                                            "\"ConfigurationOnly\": true}");
    ok(e, "Restore-DatabaseAvailabilityGroup", "{\"Identity\": \"DAG1\", \"UsePrimaryWitnessServer\": true}");
    ok(e, "Step-LabClock", "{\"Seconds\": 1}");
    assert_active(e, "DB1", "MBX1", true);
    assert_invariants(e);
    close_engine(e);
}

/* }=== */

/* {=== the randomized fault test ===*/

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Every "N logs lost, mount dial D" event must respect D. */
static void check_dials(struct engine *e)
{
    json_t *r = run(e, "Get-LabEvent", "{\"Category\": [\"Failover\", \"Switchover\"]}");
    json_t *out = json_object_get(r, "output"), *x;
    size_t i;
    json_array_foreach(out, i, x) {
        const char *m = strstr(prop_str(x, "Message"), ": ");
        long long lost;
        char dial[32];
        if (!m || sscanf(m, ": %lld logs lost, mount dial %31[A-Za-z]", &lost, dial) != 2)
            continue;
        long long allowed = !strcmp(dial, "Lossless") ? 0 : !strcmp(dial, "GoodAvailability") ? 6
                            : !strcmp(dial, "BestAvailability") ? 12 : -1;
        if (allowed >= 0 && lost > allowed)
            fail_msg("mount dial broken: %s", prop_str(x, "Message"));
    }
    json_decref(r);
}

static void test_random_faults(void **state)
{
    (void)state;
    const char *env = getenv("EMSH_FAULT_STEPS"), *seed = getenv("EMSH_FAULT_SEED");
    int steps = env ? atoi(env) : 10000;
    if (seed && *seed)
        rng = strtoull(seed, NULL, 0) | 1; /* another run of the same test: EMSH_FAULT_SEED=N */
    struct engine *e = preferred();
    ok(e, "New-LabServer", "{\"Name\": \"FSW2\", \"Site\": \"DC2\", \"Role\": \"FileServer\"}");
    static const char *const servers[] = {"MBX1", "MBX2", "MBX3", "MBX4", "FSW1"};
    static const char *const sites[] = {"DC1", "DC2", "DC3"};
    static const char *const dials[] = {"Lossless", "GoodAvailability", "BestAvailability", "BestEffort"};
    char p[256];
    for (int step = 0; step < steps; step++) {
        const char *srv = servers[rnd(5)], *mbx = servers[rnd(4)], *site = sites[rnd(3)];
        int db = (int)rnd(4) + 1;
        const char *cmd = NULL;
        switch (rnd(18)) {
        case 0: case 1: cmd = "Stop-LabServer"; snprintf(p, sizeof p, "{\"Identity\": \"%s\"}", srv); break;
        case 2: case 3: cmd = "Start-LabServer"; snprintf(p, sizeof p, "{\"Identity\": \"%s\"}", srv); break;
        case 4: cmd = "Disconnect-LabSite"; snprintf(p, sizeof p, "{\"Identity\": \"%s\"}", site); break;
        case 5: case 6: cmd = "Connect-LabSite"; snprintf(p, sizeof p, "{\"Identity\": \"%s\"}", site); break;
        case 7:
            cmd = "Suspend-MailboxDatabaseCopy";
            snprintf(p, sizeof p, "{\"Identity\": \"DB%d\\\\%s\", \"ActivationOnly\": %s}", db, mbx,
                     rnd(2) ? "true" : "false");
            break;
        case 8: cmd = "Resume-MailboxDatabaseCopy"; snprintf(p, sizeof p, "{\"Identity\": \"DB%d\\\\%s\"}", db, mbx); break;
        case 9:
            cmd = "Move-ActiveMailboxDatabase";
            snprintf(p, sizeof p, "{\"Identity\": \"DB%d\", \"ActivateOnServer\": \"%s\", \"SkipLagChecks\": %s, "
                     "\"SkipHealthChecks\": %s, \"MountDialOverride\": \"%s\"}", db, mbx, rnd(2) ? "true" : "false",
                     rnd(2) ? "true" : "false", dials[rnd(4)]);
            break;
        case 10: cmd = "Move-ActiveMailboxDatabase"; snprintf(p, sizeof p, "{\"Identity\": \"DB%d\"}", db); break;
        case 11:
            cmd = "Set-MailboxServer";
            snprintf(p, sizeof p, "{\"Identity\": \"%s\", \"AutoDatabaseMountDial\": \"%s\"}", mbx, dials[rnd(3)]);
            break;
        case 12:
            cmd = rnd(2) ? "Stop-LabService" : "Start-LabService";
            snprintf(p, sizeof p, "{\"Server\": \"%s\", \"Name\": \"MSExchangeRepl\"}", mbx);
            break;
        case 13:
            cmd = rnd(2) ? "Mount-Database" : "Dismount-Database";
            snprintf(p, sizeof p, "{\"Identity\": \"DB%d\"}", db);
            break;
        case 14:
            switch (rnd(3)) {
            case 0:
                cmd = "Stop-DatabaseAvailabilityGroup";
                snprintf(p, sizeof p, "{\"Identity\": \"DAG1\", \"ActiveDirectorySite\": \"%s\", \"ConfigurationOnly\": true}",
                         sites[rnd(2)]);
                break;
            case 1:
                cmd = "Restore-DatabaseAvailabilityGroup";
                snprintf(p, sizeof p, "{\"Identity\": \"DAG1\", \"ActiveDirectorySite\": \"%s\", "
                         "\"AlternateWitnessServer\": \"FSW2\"}", sites[rnd(2)]);
                break;
            default:
                cmd = "Start-DatabaseAvailabilityGroup";
                snprintf(p, sizeof p, "{\"Identity\": \"DAG1\", \"ActiveDirectorySite\": \"%s\"}", sites[rnd(2)]);
                break;
            }
            break;
        case 15:
            cmd = "Set-LabVolume";
            snprintf(p, sizeof p, "{\"Server\": \"%s\", \"Volume\": \"ExchangeVolume%u\", \"State\": \"%s\"}", mbx,
                     1 + rnd(2), rnd(3) ? "Healthy" : "Failed");
            break;
        default: cmd = "Step-LabClock"; snprintf(p, sizeof p, "{\"Seconds\": %u}", 1 + rnd(rnd(2) ? 60 : 7200)); break;
        }
        json_decref(run(e, cmd, p));
        char why[512];
        if (engine_verify(e, why, sizeof why))
            fail_msg("seed %s, step %d (%s %s): %s", seed && *seed ? seed : "default", step, cmd, p, why);
    }
    check_dials(e);
    close_engine(e);
}

/* }=== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_organization),
        cmocka_unit_test(test_preferred_architecture),
        cmocka_unit_test(test_site_failure_keeps_quorum_with_witness),
        cmocka_unit_test(test_site_cut_dismounts_minority_first),
        cmocka_unit_test(test_bcss_skips_activation_suspended),
        cmocka_unit_test(test_bcss_never_picks_lagged_or_blocked),
        cmocka_unit_test(test_activation_controls),
        cmocka_unit_test(test_mount_dial),
        cmocka_unit_test(test_switchover_checks),
        cmocka_unit_test(test_datacenter_switchover),
        cmocka_unit_test(test_replay_lag_manager),
        cmocka_unit_test(test_autoreseed),
        cmocka_unit_test(test_dacp_two_members),
        cmocka_unit_test(test_real_time),
        cmocka_unit_test(test_store_formats),
        cmocka_unit_test(test_random_faults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
