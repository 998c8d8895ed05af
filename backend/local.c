/*
** local.c - the local backend: the engine in this process.
*/
#include "backend.h"
#include "engine.h"

#include <stdlib.h>
#include <string.h>

struct local {
    struct backend b;
    struct engine *e;
};

static json_t *local_invoke(struct backend *b, json_t *request)
{
    return engine_invoke(((struct local *)b)->e, request);
}

static json_t *local_catalog(struct backend *b)
{
    (void)b;
    return engine_catalog();
}

static void local_close(struct backend *b)
{
    engine_close(((struct local *)b)->e);
    free(b);
}

static const struct backend_ops local_ops = {local_invoke, local_catalog, local_close};

char *backend_local_default_store(void) { return engine_default_store(); }

struct backend *backend_local_open(const struct backend_options *opt, char **err)
{
    const char *clock = getenv("EMSH_CLOCK");
    struct engine_options eo = {
        .store = opt->store,
        .computer_name = opt->computer_name,
        .clock = clock && !strcmp(clock, "virtual") ? ENGINE_CLOCK_VIRTUAL
                 : clock && !strcmp(clock, "real") ? ENGINE_CLOCK_REAL
                                                   : ENGINE_CLOCK_STORE,
    };
    struct engine *e = engine_open(&eo, err);
    if (!e)
        return NULL;
    struct local *l = calloc(1, sizeof *l);
    l->b.ops = &local_ops;
    l->e = e;
    return &l->b;
}
