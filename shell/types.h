/*
** types.h - the type registry: what [int], [datetime] or [System.IO.IOException]
** stands for.
**
** Every type a script can name has an id (uint16_t, kept in val.aux for
** VAL_TYPE and VAL_ENUM values). The built-in types come first, in enum
** type_id order; enums (Exchange's, and those a script defines), typed
** arrays such as [string[]] and generic lists are registered at run time.
** Lookup is by full name, by name without "System.", or by accelerator
** ([int], [hashtable], [pscustomobject] ...), case-insensitively.
*/
#ifndef EMSH_TYPES_H
#define EMSH_TYPES_H

#include "base.h"

#include <stdbool.h>

enum type_id {
    TY_NONE = 0,
    TY_OBJECT,
    TY_PSOBJECT,
    TY_PSCUSTOMOBJECT,
    TY_VOID,
    TY_NULL,
    TY_BOOL,
    TY_CHAR,
    TY_STRING,
    TY_BYTE,
    TY_SBYTE,
    TY_INT16,
    TY_UINT16,
    TY_INT,
    TY_UINT32,
    TY_LONG,
    TY_UINT64,
    TY_SINGLE,
    TY_DOUBLE,
    TY_DECIMAL,
    TY_BIGINT,
    TY_DATETIME,
    TY_TIMESPAN,
    TY_GUID,
    TY_BYTESIZE,
    TY_ENUM_BASE, /* System.Enum */
    TY_ARRAY,     /* System.Array */
    TY_OBJECT_ARRAY,
    TY_HASHTABLE,
    TY_ORDERED,
    TY_ARRAYLIST,
    TY_SCRIPTBLOCK,
    TY_SWITCH,
    TY_TYPE,
    TY_REGEX,
    TY_MATH,
    TY_CONVERT,
    TY_ENVIRONMENT,
    TY_PATH,
    TY_ERRORRECORD,
    TY_VERSION,
    TY_IPADDRESS,
    TY_MAILADDRESS,
    TY_URI,
    TY_XML,
    TY_STRINGBUILDER,
    TY_VALUETYPE,
    TY_COLLECTIONS_IENUMERABLE,
    TY_ICOLLECTION,
    TY_IDICTIONARY,
    TY_ILIST,
    TY_REF,
    TY_STOPWATCH,
    TY_FILE,
    TY_DIRECTORY,
    TY_ENCODING,
    TY__BUILTIN_COUNT
};

enum type_kind {
    TK_CLASS,     /* an ordinary type */
    TK_STATIC,    /* only static members ([math]) */
    TK_ENUM,      /* enum: names and values */
    TK_ARRAY,     /* T[]: elem is T */
    TK_LIST,      /* List[T]: elem is T */
    TK_DICT,      /* Dictionary[K,V]: key is K, elem is V */
    TK_QUEUE,     /* Queue, Queue[T]: elem is T, TY_NONE for the non-generic one */
    TK_STACK,     /* Stack, Stack[T]: likewise */
    TK_HASHSET,   /* HashSet[T]: elem is T */
    TK_EXCEPTION, /* an exception type, for catch and throw */
    TK_INTERFACE,
    TK_SCRIPT_CLASS, /* a class a script defined (typedefs.c has its members) */
};

/* Dictionary, Queue, Stack and HashSet: the collections conv_new_collection() makes. */
static inline bool type_kind_collection(enum type_kind k)
{
    return k == TK_DICT || k == TK_QUEUE || k == TK_STACK || k == TK_HASHSET;
}

struct type_info {
    const char *name;  /* full name, e.g. System.Int32 */
    const char *alias; /* accelerator, e.g. int; NULL if none */
    enum type_kind kind;
    uint16_t id;
    uint16_t base;     /* base type, TY_NONE at the root */
    uint16_t elem;     /* TK_ARRAY / TK_LIST: the element type; TK_DICT: the value type */
    uint16_t key;      /* TK_DICT: the key type */
    bool flags;        /* TK_ENUM: a [Flags] enum */
    uint32_t nnames;   /* TK_ENUM: members */
    const char **names;
    int64_t *values;
};

/* The type with an id; NULL for an unknown id. */
const struct type_info *type_get(uint16_t id);
/* Looks a type up by name (with or without System., or an accelerator),
** including array forms "T[]" and generics "List[T]", "Dictionary[K,V]",
** "HashSet[T]", "Queue[T]" and "Stack[T]" which it registers on first use. Returns TY_NONE if there is no such type. */
uint16_t type_lookup(const char *name, size_t n);
/* Registers an exception type (a .NET type that only catch and -is name). */
uint16_t type_exception(const char *full_name, uint16_t base);
/* Registers a script's class deriving from base (TY_OBJECT or another
** script class); a class of the same name is kept, its base updated. */
uint16_t type_script_class(const char *full_name, uint16_t base);
/* Registers an enum; names and values are copied. Returns its id. An enum of
** the same full name is replaced in place (a script redefining it). */
uint16_t type_enum(const char *full_name, const char *const *names, const int64_t *values,
                   uint32_t n, bool flags);
/* List[T], Queue and Stack (elem TY_NONE) or their generic forms, and
** HashSet[T]: kind is TK_LIST, TK_QUEUE, TK_STACK or TK_HASHSET. Generic
** types are named as .NET's Type.ToString() writes them (List`1[System.String]). */
uint16_t type_collection(enum type_kind kind, uint16_t elem);
/* The array type T[] for an element type. */
uint16_t type_array_of(uint16_t elem);
/* Is `t` the type `of` or derived from it? */
bool type_is(uint16_t t, uint16_t of);
/* Enum members: the value of a name (case-insensitive), the name of a value. */
bool type_enum_value(uint16_t id, const char *name, size_t n, int64_t *out);
const char *type_enum_name(uint16_t id, int64_t v);
/* Type.Name (full false) or Type.FullName as .NET gives them: "List`1" and
** "System.Collections.Generic.List`1[[System.String, mscorlib, ...]]" for a
** generic type, the registry's names for others. */
struct buf;
void type_clr_name(uint16_t id, bool full, struct buf *out);
/* How PowerShell writes the type in a message: its full name. */
const char *type_name(uint16_t id);

#endif /* EMSH_TYPES_H */
