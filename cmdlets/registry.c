/*
** registry.c - the cmdlet table built from cmdlets.def (see registry.h).
**
** cmdlets.def is included three times with different macro definitions, as
** Redis's commands.c includes commands.def: first for the arrays each
** cmdlet's metadata points to (aliases, sets, parameters, examples), then
** for cmdlet_metas[] and the handler table, then for the sorted list of
** names and aliases that cmdlet_find() searches. All of it is const data.
** A fourth pass defines the handlers the generator made up for Backend
** cmdlets (ORG_HANDLER), all with the generic callbacks of c_org.c.
*/
#include "registry.h"

#include "c_org.h"
#include "types.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

// clang-format off
/* {=== pass 1: the arrays metadata points to ===*/
#define STRLIST(id, ...) static const char *const id[] = {__VA_ARGS__};
#define PSET(set, mandatory, position, pipeline, remaining) {set, mandatory, position, pipeline, remaining}
#define SETLIST(id, ...) static const struct param_set_entry id[] = {__VA_ARGS__};
#define EXAMPLE(title, script, output) {title, script, output}
#define EXAMPLES(id, ...) static const struct cmd_example id[] = {__VA_ARGS__};
#define PARAMS_BEGIN(id) static const struct param_meta id[] = {
#define PARAM(name, aliases, type_name, type, flags, values, help, nsets, sets, default_text) \
    {name, aliases, type_name, type, flags, values, help, nsets, sets, default_text, 0, NULL},
#define PARAMS_END(id) };
#define CMDLET(...)
#define LOOKUP(name, idx)
#define ORG_HANDLER(h)
#include "cmdlets.def"
#undef STRLIST
#undef SETLIST
#undef EXAMPLES
#undef PARAMS_BEGIN
#undef PARAM
#undef PARAMS_END
#undef CMDLET
#undef LOOKUP
/* }=== */

/* {=== pass 2: the metadata and the handlers, in name order ===*/
#define STRLIST(...)
#define SETLIST(...)
#define EXAMPLES(...)
#define PARAMS_BEGIN(id)
#define PARAM(...)
#define PARAMS_END(id)
#define LOOKUP(name, idx)
#define CMDLET(handler, name, verb, noun, synopsis, aliases, flags, impact, nsets, sets, default_set, \
               nparams, params, output_type, description, nexamples, examples) \
    {name, verb, noun, synopsis, aliases, flags, impact, nsets, sets, default_set, \
     nparams, params, output_type, description, nexamples, examples},
const struct cmd_meta cmdlet_metas[] = {
#include "cmdlets.def"
};
#undef CMDLET
#define CMDLET(handler, ...) &handler,
static const struct cmdlet *const table[] = {
#include "cmdlets.def"
};
#undef CMDLET
/* }=== */

/* {=== pass 3: names and aliases, sorted ===*/
#define CMDLET(...)
#undef LOOKUP
#define LOOKUP(name, idx) {name, idx},
static const struct lookup {
    const char *name;
    uint16_t idx;
} lookup[] = {
#include "cmdlets.def"
};
#undef STRLIST
#undef SETLIST
#undef EXAMPLES
#undef PARAMS_BEGIN
#undef PARAM
#undef PARAMS_END
#undef CMDLET
#undef LOOKUP
#undef PSET
#undef EXAMPLE
#undef ORG_HANDLER
/* }=== */

/* {=== pass 4: the generic handlers of Backend cmdlets (c_org.c) ===*/
#define STRLIST(...)
#define SETLIST(...)
#define EXAMPLES(...)
#define PARAMS_BEGIN(id)
#define PARAM(...)
#define PARAMS_END(id)
#define CMDLET(...)
#define LOOKUP(name, idx)
#define ORG_HANDLER(h) CMDLET_DEFINE(h, .process = org_process);
#include "cmdlets.def"
#undef STRLIST
#undef SETLIST
#undef EXAMPLES
#undef PARAMS_BEGIN
#undef PARAM
#undef PARAMS_END
#undef CMDLET
#undef LOOKUP
#undef ORG_HANDLER
/* }=== */
// clang-format on

_Static_assert(EMSH_ARRAY_SIZE(table) == CMDLET__COUNT, "one handler per cmdlet");

/* Compares name[0..len) with a NUL-terminated s, ignoring ASCII case, as the generator sorted. */
static int icmp_n(const char *name, size_t len, const char *s)
{
    for (size_t i = 0;; i++) {
        int a = i < len ? (unsigned char)name[i] : 0;
        int b = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a += 'a' - 'A';
        if (b >= 'A' && b <= 'Z')
            b += 'a' - 'A';
        if (a != b)
            return a - b;
        if (!a)
            return 0;
    }
}

const struct cmdlet *cmdlet_find(const char *name, size_t len)
{
    size_t lo = 0, hi = EMSH_ARRAY_SIZE(lookup);
    if (memchr(name, '\0', len))
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = icmp_n(name, len, lookup[mid].name);
        if (r == 0)
            return table[lookup[mid].idx];
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

uint32_t cmdlet_count(void)
{
    return (uint32_t)EMSH_ARRAY_SIZE(table);
}

const struct cmdlet *cmdlet_at(uint32_t i)
{
    return i < EMSH_ARRAY_SIZE(table) ? table[i] : NULL;
}
