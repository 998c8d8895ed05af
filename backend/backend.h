/*
** backend.h - the boundary between the shell and an organization.
**
** The shell binds an organization cmdlet's parameters with its metadata,
** then hands the call across as data (engine.h shows the JSON):
**
**     json_t *resp = backend_invoke(b, request);   // new reference
**
** Two implementations: local (the engine in-process, over a SQLite store;
** the default) and, later, rest (the same JSON over HTTP to emsd). Both
** answer the same request with the same response, so one test suite runs
** against both.
*/
#ifndef EMSH_BACKEND_H
#define EMSH_BACKEND_H

#include <jansson.h>

struct backend;

struct backend_ops {
    json_t *(*invoke)(struct backend *b, json_t *request); /* request borrowed */
    json_t *(*catalog)(struct backend *b);                 /* enums and views */
    void (*close)(struct backend *b);
};

struct backend {
    const struct backend_ops *ops;
};

struct backend_options {
    const char *store;         /* NULL: $EMSH_STORE or the default path */
    const char *computer_name; /* the server the shell runs on, or NULL */
};

/*
** The engine in-process. EMSH_CLOCK=virtual makes the clock move only when
** asked. NULL and *err (malloc'd) when the store cannot be opened.
*/
struct backend *backend_local_open(const struct backend_options *opt, char **err);

/* The store the local backend opens without --store: $EMSH_STORE or the default path (malloc'd). */
char *backend_local_default_store(void);

static inline json_t *backend_invoke(struct backend *b, json_t *request)
{
    return b->ops->invoke(b, request);
}
static inline json_t *backend_catalog(struct backend *b) { return b->ops->catalog(b); }
static inline void backend_close(struct backend *b)
{
    if (b)
        b->ops->close(b);
}

#endif /* EMSH_BACKEND_H */
