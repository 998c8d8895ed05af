/*
** base.c - status strings and checked allocation (see base.h).
*/
#include "base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rc_strings[] = {
    [EMSH_OK] = "no error",
    [EMSH_E_NOMEM] = "out of memory",
    [EMSH_E_IO] = "input/output error",
    [EMSH_E_SYNTAX] = "syntax error",
    [EMSH_E_INCOMPLETE] = "incomplete input",
    [EMSH_E_USAGE] = "usage error",
};
_Static_assert(EMSH_ARRAY_SIZE(rc_strings) == EMSH_RC__LAST, "rc_strings out of step with emsh_rc");

const char *emsh_rc_str(enum emsh_rc rc)
{
    if ((unsigned)rc >= EMSH_RC__LAST)
        return "unknown status";
    return rc_strings[rc];
}

static void *oom(size_t n)
{
    fprintf(stderr, "emsh: out of memory (asked for %zu bytes)\n", n);
    abort();
}

void *emsh_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : oom(n);
}

void *emsh_xcalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    return p ? p : oom(n);
}

void *emsh_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    return q ? q : oom(n);
}

char *emsh_xstrndup(const char *s, size_t n)
{
    char *p = emsh_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
