/*
** conv.h - PowerShell's conversions between values.
**
** These are the LanguagePrimitives rules a script meets everywhere: what is
** true, how a value prints as a string, how a string becomes a number, an
** enum or a date, and what [T]$x does. Failures come back as a struct
** conv_error holding PowerShell's message, so the caller can wrap it in an
** ErrorRecord ("Cannot convert value "abc" to type "System.Int32". Error:
** "Input string was not in a correct format."").
*/
#ifndef EMSH_CONV_H
#define EMSH_CONV_H

#include "buf.h"
#include "datetime.h"
#include "types.h"
#include "value.h"

struct conv_error {
    char msg[1024];
    const char *id;        /* FullyQualifiedErrorId, e.g. InvalidCastFromStringToInteger */
    const char *exception; /* .NET exception type name */
};

/* Sets a conv_error; returns false so `return conv_fail(...)` reads well. */
bool conv_fail(struct conv_error *err, const char *id, const char *exception, const char *fmt, ...)
    EMSH_PRINTF(4, 5);

/* The output field separator used when an array becomes a string ($OFS). */
void conv_set_ofs(const char *ofs);

/* Is the value true in a condition? (borrows) */
bool conv_truthy(val v);

/*
** Hooks the evaluator installs so that the layers below it can run script
** code: resolve gives an object with its added alias and script properties
** read (a new reference), to_string the result of a script class's
** ToString() (false when the object has no such method; then the usual
** rules apply). NULL clears them.
*/
struct conv_hooks {
    val (*resolve)(void *ud, val obj);
    bool (*to_string)(void *ud, val obj, struct buf *out);
    /* [Class]$v for a script class (borrows v): a hashtable sets the
       properties of a new instance, another value goes to a constructor */
    bool (*convert)(void *ud, val v, uint16_t type, val *out, struct conv_error *err);
    /* new Class(args) (New-Object) */
    bool (*construct)(void *ud, uint16_t type, const val *args, uint32_t nargs, val *out, struct conv_error *err);
    /* a script class instance's members for Get-Member: [name, "Property" or
       "Method", definition] rows, or VAL_NOTHING for other objects */
    val (*members)(void *ud, val obj);
    void *ud;
};
void conv_set_hooks(const struct conv_hooks *h);
/* A new exception object of an exception type (TK_EXCEPTION): its message (NULL:
** .NET's default one) and inner exception (consumed). */
val conv_exception(uint16_t type, const char *message, val inner);
/*
** [ref]: a System.Management.Automation.PSReference. One that holds a value
** is an object whose Value member is the value (consumed here); one bound
** to a variable ([ref]$x, eval.c) carries where the variable lives too.
*/
#define CONV_PSREFERENCE "System.Management.Automation.PSReference"
/*
** [version]: a System.Version object of two to four parts (Build and
** Revision -1 when absent). conv_version_parts() reads one into parts[4]
** (false for anything else); comparing them in order orders versions.
*/
#define CONV_VERSION "System.Version"
bool conv_version_parts(val v, int32_t parts[4]);
/* new Dictionary[K,V](), Queue, Stack or HashSet: empty, with a capacity, a
** copy of a dictionary of the same type, or a collection's items (an array,
** borrowed; converted to T). False with err when no constructor takes the
** arguments or an item does not convert. */
bool conv_new_collection(uint16_t type, const val *args, uint32_t na, val *out, struct conv_error *err);
/* Adds item (consumed) to a Queue, Stack or HashSet as Enqueue, Push and Add
** do; false when a HashSet has it already. */
bool conv_collection_add(val c, val item);
/* The i-th entry of a dictionary as enumerating it gives it: a DictionaryEntry
** (Name, Key, Value) for a Hashtable, a KeyValuePair (Key, Value) for a
** Dictionary[K,V]. Borrows h. */
val conv_dict_entry(val h, uint32_t i);
val conv_ref_new(val value);
bool conv_is_ref(val v);
/* Clears the hooks if they are the ones installed with this ud. */
void conv_clear_hooks(void *ud);
/* obj as the resolve hook shows it (borrows obj; a new reference). */
val conv_resolved(val obj);
/* The members hook's rows for obj (VAL_NOTHING without one). */
val conv_class_members(val obj);
/* new T(args) for a script class, through the construct hook. */
bool conv_construct(uint16_t type, const val *args, uint32_t nargs, val *out, struct conv_error *err);

/* Appends v as PowerShell converts it to a string (borrows). */
void conv_str(val v, struct buf *out);
/* v as a string value (consumes v). */
val conv_to_str(val v);

/* The runtime type of a value (its type id) and its full .NET name. */
uint16_t conv_type_of(val v);
const char *conv_type_name(val v);

/*
** A string as a number, by PowerShell's rules: surrounding white space
** ignored, "" is 0, 0x hex, exponents, kb..pb multipliers, type suffixes;
** int32 when it fits, else int64, else double. Returns false when the text
** is not a number (err may be NULL).
*/
bool conv_parse_number(const char *s, size_t n, val *out);

/* A value as a number (int, long, double or decimal), as arithmetic wants it. */
bool conv_to_number(val v, val *out, struct conv_error *err); /* borrows v */
bool conv_to_int64(val v, int64_t *out, struct conv_error *err); /* borrows */
bool conv_to_int32(val v, int32_t *out, struct conv_error *err); /* borrows */
bool conv_to_double(val v, double *out, struct conv_error *err); /* borrows */
/* A value as a System.Decimal: strings parse exactly, doubles keep 15 digits (borrows). */
bool conv_to_decimal(val v, struct dec *out, struct conv_error *err);

/*
** [T]$v: converts v to the type with id `type`. Consumes v; on success
** *out holds the result. Arrays convert element by element for T[].
*/
bool conv_to_type(val v, uint16_t type, val *out, struct conv_error *err);

/* The DateTimeKind of a DateTime value, and the val flags for a kind. */
enum dt_kind conv_dt_kind(val v);
unsigned conv_dt_flags(enum dt_kind k);

/* A value in a message: "abc" for strings, the string form otherwise. */
void conv_quote(val v, struct buf *out);

#endif /* EMSH_CONV_H */
