/*
** sdrive.h - the session's drives for the item and content cmdlets: Env:,
** Variable:, Function: and Alias:.
**
** PowerShell reaches environment variables, variables, functions and
** aliases through drives of their providers as well as through their own
** cmdlets: `Test-Path env:HOME`, `Get-ChildItem variable:`, `Get-Item
** alias:gci`, `Remove-Item function:Old-Helper`, `Get-Content env:PATH`.
** Each drive is flat: the drive is the one container, its items are
** leaves named as the variables (or functions, aliases) are. The item and
** content cmdlets (c_item.c) hand a path on a drive here before any file
** system work.
*/
#ifndef EMSH_SDRIVE_H
#define EMSH_SDRIVE_H

#include "cmdlet.h"

enum sdrive { SD_NONE, SD_ENV, SD_VARIABLE, SD_FUNCTION, SD_ALIAS };

/*
** The session drive a path is on ("Env:", "env:\HOME", "Variable::x" and
** the provider-qualified forms such as "Environment::HOME"), with *item the
** item part after the drive ("" for the drive itself); SD_NONE otherwise.
*/
enum sdrive sdrive_of(const char *path, const char **item);

/*
** The items of drive d that item names, as Get-ChildItem writes them
** (DictionaryEntry, PSVariable, FunctionInfo, AliasInfo), sorted by name:
** a wildcard pattern (unless literal) or one name; "" is every item. A new
** array.
*/
val sdrive_items(struct cmd_ctx *c, enum sdrive d, const char *item, bool literal);

/* The name of an item that sdrive_items() gave. */
const char *sdrive_item_name(val item);

/*
** Removes one item (by its exact name) from drive d, writing the error of
** the removing cmdlet when it can't: a read-only item without force, a
** constant one.
*/
enum ev sdrive_remove(struct cmd_ctx *c, enum sdrive d, const char *name, bool force);

/*
** New-Item on drive d: creates (or with force replaces) item `name` with
** `value` (environment variables and aliases take its text, variables the
** value itself, functions a script block, its text or a FunctionInfo) and
** writes the new item; type is -ItemType's text, shown by -WhatIf.
*/
enum ev sdrive_new(struct cmd_ctx *c, enum sdrive d, const char *name, const char *type, val value, bool force);

/* The drive's name ("Env", "Variable", ...) and its provider's ("Environment", ...). */
const char *sdrive_name(enum sdrive d);
const char *sdrive_provider(enum sdrive d);

/*
** What Get-Content reads from an item that sdrive_items() gave: the value
** of a variable or an environment variable, a function's script block, an
** alias's definition. A new value.
*/
val sdrive_value(enum sdrive d, val item);

/*
** Set-Content on drive d: gives item `name` the value, creating it, as the
** providers' content writer does (a null value removes an environment
** variable). Writes the error of an item that can't take it.
*/
enum ev sdrive_set(struct cmd_ctx *c, enum sdrive d, const char *name, val value);

/* The error for an item path that names nothing: "Cannot find path 'x' because it does not exist." */
enum ev sdrive_not_found(struct cmd_ctx *c, const char *item);

#endif /* EMSH_SDRIVE_H */
