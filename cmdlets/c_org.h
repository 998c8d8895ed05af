/*
** c_org.h - the generic handler of the organization cmdlets (c_org.c) and
** the wire form of values between the shell and the backend.
**
** An organization cmdlet is metadata only (cmdlets/meta/<Name>.json with
** the Backend flag and no handler): registry.c defines its handler with
** org_process, which turns the bound parameters into a request, sends it
** with cmd_org_invoke() and turns the response back into objects, errors,
** warnings and verbose messages. backend/engine/wire.c describes the typed
** values on the wire; the functions below are the shell's side of it.
*/
#ifndef EMSH_C_ORG_H
#define EMSH_C_ORG_H

#include "cmdlet.h"

struct json_t;

/* The process callback of every generic organization cmdlet. */
enum ev org_process(struct cmd_ctx *c, val input);

/*
** Registers the enum types and default views of a backend catalog
** ({"enums": {...}, "views": [...]}; borrowed). The views are copied to the
** heap and live for the process. Safe to call more than once: an enum is
** replaced in place, a view already registered (type and shape) is skipped.
*/
void org_register_catalog(struct json_t *catalog);

/* A wire value as a shell value (new reference): tagged objects become TimeSpan,
** DateTime (UTC), ByteQuantifiedSize, Guid, enum values and ADObjectId objects. */
val org_from_wire(struct json_t *w);

/* An output record {"type", "properties"} as an object of that type (new reference). */
val org_record(struct json_t *rec);

/*
** A bound parameter value in wire form (a new JSON reference): TimeSpan,
** DateTime, ByteQuantifiedSize and Guid tagged, an enum value as its
** member's name (as Exchange parses a parameter), a hashtable as an
** object (@{Add=...; Remove=...}), anything else by its text. With id set
** (the parameter's type is an ...IdParameter) the value becomes the string
** that identifies it: an object's Identity, else its Name, else its string
** form; arrays element by element.
*/
struct json_t *org_to_wire(val v, bool id);

/*
** The request for one call of the running cmdlet with its bound parameters
** (the common parameters, WhatIf and Confirm are not in the metadata and
** never appear); mode "apply" or "whatif". A new reference.
*/
struct json_t *org_request(struct cmd_ctx *c, const char *mode);

#endif /* EMSH_C_ORG_H */
