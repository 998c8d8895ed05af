/*
** errors.h - ErrorRecords: building them and showing them as EMS does.
**
** An ErrorRecord is an object value of type
** System.Management.Automation.ErrorRecord with the properties scripts read:
** Exception (with Message and its type names, for catch [T]),
** CategoryInfo, FullyQualifiedErrorId, TargetObject and InvocationInfo
** (ScriptName, ScriptLineNumber, OffsetInLine, Line, PositionMessage).
*/
#ifndef EMSH_ERRORS_H
#define EMSH_ERRORS_H

#include "buf.h"
#include "value.h"

struct ast_node;

struct err_spec {
    const char *message;
    const char *id;        /* FullyQualifiedErrorId (",Command" is appended when command is set) */
    const char *category;  /* ErrorCategory name, e.g. ObjectNotFound; NULL: NotSpecified */
    const char *exception; /* full .NET type name; NULL: RuntimeException */
    val target;            /* borrowed; VAL_NOTHING for none */
    const char *command;   /* the command that failed (Activity), or NULL */
    const char *class_name; /* the id's suffix when not the command: the cmdlet's .NET class */
};

/*
** Builds an ErrorRecord. Position from `at` in unit su (both may be NULL).
** The record's exception carries the type names of its type and bases.
*/
val err_record(const struct err_spec *spec, struct sb_unit *su, const struct ast_node *at);

/* An ErrorRecord wrapping an exception object a script threw (throw $obj). */
val err_from_value(val thrown, struct sb_unit *su, const struct ast_node *at);

/* Appends the record as the console shows it: the message line, the
** "At ..." position with the line and underline, CategoryInfo and
** FullyQualifiedErrorId. */
void err_render(val record, struct buf *out);

/* The message of a record (its exception's Message), borrowed. */
const char *err_message(val record);

/* Does the record's exception have this type or a base of it? */
bool err_is(val record, const char *type_name);

#endif /* EMSH_ERRORS_H */
