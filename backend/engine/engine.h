/*
** engine.h - the cluster engine: a persistent, time-driven model of an
** Exchange 2016/2019 organization, reached only through JSON.
**
** The engine knows nothing of the shell. A caller opens a store and hands
** it requests; each request is one organization cmdlet with its bound
** parameters, and the answer carries the records, errors, warnings and
** verbose messages the cmdlet produced:
**
**     request:  {"cmdlet": "Get-MailboxDatabase",
**                "parameters": {"Identity": "DB1", "Status": true},
**                "mode": "apply"}           // or "whatif": nothing changes
**     response: {"schemas": [shape...], "output": [record...], "errors": [error...],
**                "warnings": ["..."], "verbose": ["..."], "whatif": ["..."]}
**
** A record is an array [i, values...]: its type and property names, in
** display order, are those of schemas[i] ({"type", "properties", "kinds"}),
** and typed values travel as wire.c describes. An error is
** {"id", "category", "exception", "target", "message"}. Every request runs
** in one SQLite transaction: it happens entirely or not at all.
*/
#ifndef EMSH_ENGINE_H
#define EMSH_ENGINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct engine;

struct engine_options {
    const char *store;         /* the SQLite file; created if missing */
    const char *computer_name; /* the server the shell runs on, or NULL */
    int clock;                 /* enum engine_clock */
};

enum engine_clock {
    ENGINE_CLOCK_STORE,    /* as the store says (real time unless set otherwise) */
    ENGINE_CLOCK_REAL,     /* catch up to the wall clock at each call */
    ENGINE_CLOCK_VIRTUAL,  /* move only when asked */
};

/* Opens (creating or migrating) a store. NULL and *err (malloc'd) on failure. */
struct engine *engine_open(const struct engine_options *opt, char **err);
void engine_close(struct engine *e);

/* Runs one request (borrowed); returns a new response object. */
json_t *engine_invoke(struct engine *e, json_t *request);

/*
** What the shell needs to render the engine's records: the enum types
** ({"enums": {"Full.Type.Name": ["A", "B"]}}) and the default views
** ({"views": [{"type", "shape", "columns"/"items"}]}). A new reference.
*/
json_t *engine_catalog(void);

/*
** Checks the invariants that no fault may break, on the organization as it
** stands (after catching up): a database is mounted only on a running
** server that may serve it (quorum, DACP, not stopped), and every
** database has exactly one active copy. Returns the number of violations;
** the first is described in why[]. The randomized fault test runs it after
** every step.
*/
int engine_verify(struct engine *e, char *why, size_t n);

/* The default store path: $EMSH_STORE, else $XDG_DATA_HOME/emsh/org.db, else ~/.local/share/emsh/org.db. */
char *engine_default_store(void);

#endif /* EMSH_ENGINE_H */
