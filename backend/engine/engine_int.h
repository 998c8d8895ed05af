/*
** engine_int.h - what the engine's parts share: the call a handler serves,
** parameter access, records and errors, the clock and Active Manager.
**
** A handler is one function per cmdlet, grouped by noun in h_<noun>.c:
**
**     static void get_lab_clock(struct call *k) {
**         struct rec *r = rec_new("Emsh.Lab.Clock");
**         rec_set(r, "Now", w_datetime(k->g->now));
**         k_out(k, r);
**     }
**
** It reads parameters with p_*(), writes records with k_out(), refusals
** with k_error() (Exchange's wording), and asks k_should() before it
** changes anything, so that -WhatIf and -Confirm see the action first.
*/
#ifndef EMSH_ENGINE_INT_H
#define EMSH_ENGINE_INT_H

#include "engine.h"
#include "model.h"
#include "store.h"

#include <stdarg.h>

#if defined(__GNUC__)
#define ENG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ENG_PRINTF(f, a)
#endif

struct rec;
struct schema;

struct call {
    struct org *g;
    const char *cmdlet;
    json_t *params; /* borrowed */
    json_t *output, *errors, *warnings, *verbose, *whatif;
    json_t *schemas;               /* the shapes of the output records */
    struct schema *schema_cache;   /* the same, for matching (wire.c) */
    int nschemas;
    bool whatif_mode; /* describe, change nothing */
    bool failed;      /* an error was written */
};

enum handler_flags {
    H_MAILBOXES = 1 << 0, /* loads the mailboxes */
    H_NO_ORG = 1 << 1,    /* works before an organization exists */
};

struct handler {
    const char *cmdlet;
    void (*fn)(struct call *k);
    unsigned flags;
};

/* Each h_<noun>.c exports its table, ended by {NULL}. */
extern const struct handler lab_handlers[], server_handlers[], dag_handlers[], db_handlers[],
    mailbox_handlers[];

/* {=== parameters (engine.c) ===*/

json_t *p_get(struct call *k, const char *name); /* NULL if not given */
bool p_has(struct call *k, const char *name);
const char *p_str(struct call *k, const char *name); /* NULL if not given or not text */
bool p_switch(struct call *k, const char *name);   /* given and true */
/* A parameter that is $true / $false; dflt if not given. */
bool p_bool(struct call *k, const char *name, bool dflt);
int64_t p_int(struct call *k, const char *name, int64_t dflt);
/* A TimeSpan parameter in ms; dflt if not given. */
int64_t p_timespan(struct call *k, const char *name, int64_t dflt);
/* An Unlimited[ByteQuantifiedSize] parameter in bytes: -1 Unlimited, -2 invalid; dflt if not given. */
int64_t p_size(struct call *k, const char *name, int64_t dflt);
/* The index of a string-backed enum parameter's value in names (NULL-ended); dflt if absent. */
int p_enum(struct call *k, const char *name, const char *const *names, int dflt);

/* }=== */

/* {=== output (engine.c, wire.c) ===*/

/* Writes a record (consumed). */
void k_out(struct call *k, struct rec *record);
void k_warn(struct call *k, const char *fmt, ...) ENG_PRINTF(2, 3);
void k_verbose(struct call *k, const char *fmt, ...) ENG_PRINTF(2, 3);
/*
** A non-terminating error as Exchange writes it: exception is the .NET
** exception class (ManagementObjectNotFoundException), category the
** ErrorCategory, target the object's identity (or NULL).
*/
void k_error(struct call *k, const char *exception, const char *category, const char *target,
             const char *fmt, ...) ENG_PRINTF(5, 6);
/* The standard "couldn't be found" error for an identity. */
void k_not_found(struct call *k, const char *what, const char *identity);
/* Before a change: false under -WhatIf (the action is recorded instead). */
bool k_should(struct call *k, const char *fmt, ...) ENG_PRINTF(2, 3);
/* An event of the engine's log, at g->now. */
void k_event(struct org *g, const char *category, const char *server, const char *fmt, ...)
    ENG_PRINTF(4, 5);

/* A record under construction: its type and its properties in order. The type, property
** names and enum types are string constants (a record keeps the pointers). */
struct rec;
struct schema;
struct rec *rec_new(const char *type);
void rec_free(struct rec *r);
/* Appends a property (value consumed; NULL is null). */
void rec_set(struct rec *r, const char *name, json_t *value);
/* The same for the typed values of hot paths, without building their tagged form. */
void rec_set_datetime(struct rec *r, const char *name, int64_t ms); /* 0: null */
void rec_set_enum(struct rec *r, const char *name, const char *type, const char *member);
/* The self-describing form of a record, to nest it in a value (consumes r). */
json_t *rec_json(struct rec *r);
/* The index of r's shape in schemas (added if new); the record as sent, [schema, values...],
** taking the values over; the cache freed. */
int rec_schema(json_t *schemas, struct schema **cache, int *ncache, struct rec *r);
json_t *rec_values(struct rec *r, int schema);
void rec_schemas_free(struct schema *cache, int n);
json_t *w_str(const char *s); /* NULL: null */
json_t *w_cat(const char *a, const char *b, const char *c); /* the three strings joined */
json_t *w_int(int64_t v);
json_t *w_bool(bool b);
json_t *w_timespan(int64_t ms);
json_t *w_datetime(int64_t ms); /* 0: null */
json_t *w_size(int64_t bytes);
json_t *w_enum(const char *type, const char *name);
json_t *w_guid(const char *guid);
/* An ADObjectId: prints as display (NULL: the name). */
json_t *w_id(const char *name, const char *dn, const char *guid, const char *display);
json_t *w_obj_id(struct org *g, const void *obj); /* the identity of a model object */
const char *obj_dn(struct org *g, const void *obj, char *buf, size_t n);

/* Ticks of .NET (100 ns since 0001-01-01) from engine ms, and back. */
int64_t ms_to_ticks(int64_t ms);
int64_t ticks_to_ms(int64_t ticks);
/* "7.00:00:00" as .NET writes a TimeSpan. */
void fmt_timespan(int64_t ms, char *buf, size_t n);

/* }=== */

/* {=== shared by the handlers (h_server.c) ===*/

/* The properties every AD object ends with (Identity ... OriginatingServer). */
void ad_tail(struct org *g, struct rec *r, const void *obj, const char *exchange_version, const char *category,
             const char *object_class);
/* The objects for a Get- cmdlet's optional identity parameter (wildcards allowed); *out malloc'd. */
int get_targets(struct call *k, enum obj_class cls, const char *param, void ***out);
/* "Unlimited" (-1), a byte count or "10 MB"; -2 when invalid. */
int64_t parse_size(const char *s);

/* }=== */

/* {=== identities (model.c) ===*/

/* Does text hold wildcard characters (* ?) */
bool has_wildcard(const char *s);
/* Case-insensitive wildcard match of * and ?. */
bool wild_match(const char *pat, const char *s);
/*
** Objects of a class matching an identity: name, GUID, DN or FQDN (servers),
** with wildcards when allow_wild. Returns how many were put in out (max n).
*/
int find_objects(struct org *g, enum obj_class cls, const char *ident, bool allow_wild, void **out,
                 int n);
/* One object by identity, or NULL after writing the not-found error. */
void *resolve_one(struct call *k, enum obj_class cls, const char *ident, const char *what);
/* The copy "DB\Server"; NULL after the error. */
struct copy *resolve_copy(struct call *k, const char *ident);
struct server *local_server(struct org *g);

/* }=== */

/* {=== the clock (clock.c) ===*/

/* Advances g->now to t, firing the timers due on the way. */
void clock_run_to(struct org *g, int64_t t);
void timer_add(struct org *g, int64_t due, int kind, int64_t a, int64_t b);
void timer_cancel(struct org *g, int kind, int64_t a);
int64_t wall_ms(void);

/* The copy's figures at g->now. */
int64_t copy_queue(struct org *g, const struct copy *c);
int64_t replay_queue(struct org *g, const struct copy *c);
int64_t copy_replayed_gen(struct org *g, const struct copy *c);
int64_t copy_inspected_time(struct org *g, const struct copy *c);
/* Stops / restarts a passive copy's log copying at g->now. */
void copy_stop(struct org *g, struct copy *c);
void copy_start(struct org *g, struct copy *c);

/* }=== */

/* {=== Active Manager (am.c) ===*/

/* engine_verify() on a loaded organization. */
int am_verify(struct org *g, char *why, size_t n);
/* Fires one timer of the clock (then evaluates). */
void am_timer(struct org *g, const struct timer *t);
/* Recomputes quorum, PAM and DACP, dismounts what lost quorum, and fails over what must. */
void am_evaluate(struct org *g);
/* Is the server in the DAG partition that holds quorum (true outside a DAG when it runs)? */
bool am_has_quorum(struct org *g, const struct server *s);
/* Can s mount databases now (running, quorum, DACP, Store up)? */
bool am_can_mount(struct org *g, const struct server *s);
/* The server's effective state of a component (ServerWideOffline applied). */
int component_state(const struct server *s, int comp, bool *local_differs);
extern const char *const component_names[NCOMPONENTS];
extern const char *const requester_names[NREQUESTERS];

/* Mounts / dismounts the active copy of d where it is; logs an event. */
void db_mount(struct org *g, struct database *d);
void db_dismount(struct org *g, struct database *d, const char *why);
/* The status of a copy as Get-MailboxDatabaseCopyStatus shows it. */
int copy_status(struct org *g, const struct copy *c);

struct move_opts {
    int dial;               /* DIAL_*; DIAL_NONE: the target's own */
    bool skip_health, skip_lag, skip_ci, skip_max_active, skip_active_copy;
    bool explicit_target;   /* -ActivateOnServer given */
    bool switchover;        /* an administrator's move (not a failover) */
    const char *comment;
};

/*
** Best Copy and Server Selection for database d, excluding `exclude`
** (the failed or current host). Writes the chosen copy (or NULL) and, when
** none qualifies, why into why[]. Returns the copy.
*/
struct copy *bcss(struct org *g, struct database *d, int64_t exclude, const struct move_opts *o,
                  char *why, size_t nwhy);
/*
** Activates d on copy `to` (a switchover when o->switchover): attempt to copy
** the last logs, check the mount dial, mount. Returns 0, or -1 with why[].
*/
int activate(struct org *g, struct database *d, struct copy *to, const struct move_opts *o,
             char *why, size_t nwhy);

/* {=== seeding and AutoReseed (reseed.c) ===*/

/* The database's size now. */
int64_t db_size(struct org *g, struct database *d);
/* Starts seeding copy c from the active copy; it resumes itself unless manual_resume. */
void copy_seed(struct org *g, struct copy *c, bool manual_resume);
/* A volume of s failed: AutoReseed looks at it after its trigger delay. */
void autoreseed_watch(struct org *g, struct server *s, int volume);
/* A TM_RESEED timer: the next step of the workflow. */
void autoreseed_timer(struct org *g, const struct timer *t);

/* }=== */

/* Fails d over at once (a failure its Store detected), by BCSS. */
void am_failover(struct org *g, struct database *d);
/* The names of a catalog enum type, NULL-ended; NULL if unknown. */
const char *const *catalog_enum(const char *type);

/* }=== */

extern const char *const copy_status_names[CST__COUNT + 1];
extern const char *const mount_dial_names[];
extern const char *const ci_state_names[];
extern const char *const dial_names[];
extern const char *const policy_names[];

#endif /* EMSH_ENGINE_INT_H */
