/*
** registry.h - the table of cmdlets: lookup by name or alias, enumeration.
**
** The table is static data compiled from cmdlets.def, which gen_cmdlets
** writes from cmdlets/meta/<Name>.json at build time; nothing is parsed or
** allocated at startup. Entries are sorted by name ignoring case, so
** cmdlet_at(0..cmdlet_count()-1) lists them in Get-Command order.
**
** A handler file defines the struct cmdlet its JSON names as "handler":
**
**     static enum ev write_output_process(struct cmd_ctx *c, val input) { ... }
**     CMDLET_DEFINE(cmd_write_output, .process = write_output_process);
**
** CMDLET_DEFINE fills in the metadata pointer, so the JSON file and the C
** file can never disagree about which metadata a handler has.
**
** An organization cmdlet (flag "Backend") needs no handler of its own: the
** generator names one (cmd_org_<verb>_<noun>) and registry.c defines it
** with CMDLET_DEFINE and the generic callbacks of c_org.c, which ship the
** bound call to the backend.
*/
#ifndef EMSH_REGISTRY_H
#define EMSH_REGISTRY_H

#include "cmdlet.h"

#include <stddef.h>

/* The position of each cmdlet in the table, by handler name: CMDLET_IDX_cmd_write_output. */
enum cmdlet_index {
#define STRLIST(...)
#define SETLIST(...)
#define EXAMPLES(...)
#define PARAMS_BEGIN(id)
#define PARAM(...)
#define PARAMS_END(id)
#define LOOKUP(name, idx)
#define ORG_HANDLER(h)
#define CMDLET(handler, ...) CMDLET_IDX_##handler,
#include "cmdlets.def"
#undef STRLIST
#undef SETLIST
#undef EXAMPLES
#undef PARAMS_BEGIN
#undef PARAM
#undef PARAMS_END
#undef LOOKUP
#undef ORG_HANDLER
#undef CMDLET
    CMDLET__COUNT
};

/* The metadata of every cmdlet, in table order. */
extern const struct cmd_meta cmdlet_metas[];

/* Every handler the metadata names. */
#define STRLIST(...)
#define SETLIST(...)
#define EXAMPLES(...)
#define PARAMS_BEGIN(id)
#define PARAM(...)
#define PARAMS_END(id)
#define LOOKUP(name, idx)
#define ORG_HANDLER(h)
#define CMDLET(handler, ...) extern const struct cmdlet handler;
#include "cmdlets.def"
#undef STRLIST
#undef SETLIST
#undef EXAMPLES
#undef PARAMS_BEGIN
#undef PARAM
#undef PARAMS_END
#undef LOOKUP
#undef ORG_HANDLER
#undef CMDLET

/* Defines the handler `h` that a metadata file names, with its callbacks. */
#define CMDLET_DEFINE(h, ...)                                                                      \
    const struct cmdlet h = {.meta = &cmdlet_metas[CMDLET_IDX_##h], __VA_ARGS__}

/*
** The cmdlet whose name or alias is name[0..len), compared ignoring ASCII
** case; NULL if none. A prefix is not a match: "Write-Out" finds nothing.
*/
const struct cmdlet *cmdlet_find(const char *name, size_t len);

/* How many cmdlets there are, and the i-th in name order (NULL past the end). */
uint32_t cmdlet_count(void);
const struct cmdlet *cmdlet_at(uint32_t i);

#endif /* EMSH_REGISTRY_H */
