/*
** store.h - loading and saving the organization (store.c).
*/
#ifndef EMSH_STORE_H
#define EMSH_STORE_H

#include "model.h"

extern const size_t store_class_size[OC__COUNT];

/* The prepared statements of one connection, for g->stmts. */
struct store_cache *store_cache_new(void);
void store_cache_free(struct store_cache *c);
/* Opens the SQLite file, creating or migrating its tables; NULL and *err on failure. */
sqlite3 *store_open(const char *path, char **err);
/* Within a transaction: loads everything but mailboxes into g (g->db set). */
int store_load(struct org *g);
int store_load_mailboxes(struct org *g);
/* Writes back dirty and deleted objects, the timers and the clock. */
int store_save(struct org *g);
/* Forgets the whole organization (New-LabOrganization -Force). */
int store_clear(struct org *g);
/* Appends to the event log at g->now. */
void store_event(struct org *g, const char *category, const char *server, const char *message);
/* Registers a loaded or new object in g's lists and id index. */
void org_index(struct org *g, void *obj);

#endif /* EMSH_STORE_H */
