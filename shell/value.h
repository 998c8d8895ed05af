/*
** value.h - the values of the PowerShell language.
**
** A val is a 16-byte struct passed by value: a kind, a few flag bits, a
** 16-bit auxiliary field and a union that holds a number, a tick count or a
** pointer to a reference-counted heap part. Scalars (numbers, booleans,
** TimeSpan, DateTime, ByteQuantifiedSize, enums) live inline; strings,
** arrays, hashtables, objects, script blocks and GUIDs live on the heap.
**
** Ownership follows one rule, as in jq's jv: every val_* function consumes
** the vals it is given and returns a new reference, except the functions
** documented as borrowing (the accessors val_kind(), val_str(), val_arr_len(),
** val_arr_items() ...) and val_copy(), which adds a reference. Strings are
** immutable; arrays, hashtables and objects are reference types as in .NET:
** `$b = $a; $b[0] = 5` changes the array both variables hold, so the
** mutators change the container in place (val_*_clone() copy one).
**
**     val a = val_arr_new();
**     a = val_arr_push(a, val_int(1));        // a consumed, new a returned
**     a = val_arr_push(a, val_str_new("x"));
**     val b = val_copy(a);                     // two references
**     val_free(a);
**     val_free(b);
**
** Conversions between kinds (PowerShell's rules) are in value_conv.c.
*/
#ifndef EMSH_VALUE_H
#define EMSH_VALUE_H

#include "base.h"
#include "buf.h"
#include "decimal.h"

#include <stdbool.h>

enum val_kind {
    VAL_NULL,        /* $null */
    VAL_NOTHING,     /* what a command that wrote nothing returns (AutomationNull) */
    VAL_BOOL,        /* System.Boolean */
    VAL_INT,         /* System.Int32 */
    VAL_LONG,        /* System.Int64 */
    VAL_DOUBLE,      /* System.Double */
    VAL_DECIMAL,     /* System.Decimal: u.i and pad the 96-bit mantissa, aux the scale and sign */
    VAL_CHAR,        /* System.Char: a code point */
    VAL_STRING,      /* System.String: UTF-8 on the heap */
    VAL_TIMESPAN,    /* System.TimeSpan: ticks of 100 ns */
    VAL_DATETIME,    /* System.DateTime: ticks since 0001-01-01; flags give the kind */
    VAL_GUID,        /* System.Guid: 16 bytes on the heap */
    VAL_BYTESIZE,    /* ByteQuantifiedSize: a byte count */
    VAL_ENUM,        /* an enum: aux is the enum type, u.i the value */
    VAL_SWITCH,      /* System.Management.Automation.SwitchParameter */
    VAL_ARRAY,       /* object[], ArrayList, List[T] (see enum arr_flavour) */
    VAL_HASHTABLE,   /* Hashtable, or OrderedDictionary when VF_ORDERED */
    VAL_OBJECT,      /* PSCustomObject and typed records: properties + type names */
    VAL_SCRIPTBLOCK, /* a script block and the unit it came from */
    VAL_TYPE,        /* a type literal such as [int] */
    VAL__COUNT
};

enum val_flags {
    VF_ORDERED = 1 << 0, /* HASHTABLE: [ordered] */
    VF_UTC = 1 << 1,     /* DATETIME: DateTimeKind.Utc */
    VF_LOCAL = 1 << 2,   /* DATETIME: DateTimeKind.Local */
    VF_LIVE = 1 << 3,    /* OBJECT: read live (a [ref] to a variable, a bound PSVariable, a Stopwatch) */
};

struct val_heap; /* common head of every heap part: the reference count */

typedef struct val {
    uint8_t kind;  /* enum val_kind */
    uint8_t flags; /* enum val_flags */
    uint16_t aux;  /* ENUM: the enum type id; TYPE: the type id; DECIMAL: scale | 0x8000 if negative */
    uint32_t pad;  /* DECIMAL: the mantissa's high 32 bits */
    union {
        bool b;
        int64_t i;   /* INT, LONG, CHAR, TIMESPAN, DATETIME, BYTESIZE, ENUM; DECIMAL: the mantissa's low 64 bits */
        double d;    /* DOUBLE */
        struct val_heap *p;
    } u;
} val;

_Static_assert(sizeof(val) == 16, "val must stay 16 bytes");

/* {=== constructors (return new references) === */
val val_null(void);
val val_nothing(void);
val val_bool(bool b);
val val_int(int32_t i);
val val_long(int64_t i);
val val_double(double d);
val val_dec(struct dec d);
/* A decimal's value (borrowed view of a VAL_DECIMAL). */
struct dec val_dec_get(val v);
val val_char(uint32_t cp);
val val_timespan(int64_t ticks);
val val_datetime(int64_t ticks, unsigned kind_flags);
val val_bytesize(uint64_t bytes);
val val_enum(uint16_t type, int64_t v);
val val_switch(bool on);
val val_type(uint16_t type);
val val_guid(const uint8_t bytes[16]);
/* }=== */

/* {=== reference counting === */
val val_copy(val v);          /* one more reference */
void val_free(val v);         /* one reference less */
uint32_t val_refcnt(val v);   /* for tests: 0 for inline kinds */
static inline enum val_kind val_kind(val v) { return (enum val_kind)v.kind; }
static inline bool val_is_null(val v) { return v.kind == VAL_NULL || v.kind == VAL_NOTHING; }
/* }=== */

/* {=== strings === */
val val_str_new(const char *s);                /* copies a NUL-terminated string */
val val_str_n(const char *s, size_t n);        /* copies n bytes (may hold NUL) */
val val_str_buf(struct buf *b);                /* takes over b's memory; b is emptied */
val val_str_printf(const char *fmt, ...) EMSH_PRINTF(1, 2);
const char *val_str(val v);                    /* borrowed; "" for a non-string */
size_t val_str_len(val v);                     /* bytes */
val val_str_concat(val a, val b);              /* both must be strings */
/* }=== */

/* {=== arrays === */
/* What an array stands for. Queue, Stack and HashSet keep their items in
** enumeration order: a Stack's top first, a HashSet's in insertion order.
** Their element type is T's name, or NULL for the non-generic Queue and Stack. */
enum arr_flavour { ARR_OBJECT = 0, ARR_ARRAYLIST = 1, ARR_LIST = 2, ARR_QUEUE = 3, ARR_STACK = 4, ARR_HASHSET = 5 };
val val_arr_new(void);
val val_arr_sized(uint32_t cap);
val val_arr_push(val arr, val item);
uint32_t val_arr_len(val arr);                 /* borrowed */
val val_arr_get(val arr, uint32_t i);          /* borrowed arr; new reference to the item */
const val *val_arr_items(val arr);             /* borrowed view of the items */
val val_arr_set(val arr, uint32_t i, val item);
val val_arr_remove_at(val arr, uint32_t i);
val val_arr_insert(val arr, uint32_t i, val item); /* i clamped to the length */
val val_arr_clone(val arr);                    /* borrowed arr; a new, independent array */
enum arr_flavour val_arr_flavour(val arr);
val val_arr_set_flavour(val arr, enum arr_flavour f, const char *elem_type);
const char *val_arr_elem_type(val arr);        /* List[T]: T's name, else NULL */
/* A HashSet's operations: membership in O(1) through an index of the items
** (compared as val_key_same()) that is built on first use and kept by these
** functions; any other change to the array drops it. */
bool val_arr_set_has(val arr, val item);       /* borrows both */
bool val_arr_set_add(val arr, val item);       /* consumes item; false if it is there already */
bool val_arr_set_remove(val arr, val item);    /* borrows both; false if it was not there */
/* }=== */

/* {=== hashtables: keys compare as PowerShell's (strings case-insensitively) === */
val val_hash_new(bool ordered);
val val_hash_set(val h, val key, val value);
val val_hash_get(val h, val key);              /* borrowed h, consumed key; VAL_NOTHING if absent */
bool val_hash_has(val h, val key);             /* borrows both */
val val_hash_remove(val h, val key);
val val_hash_clone(val h);                     /* borrowed; a new, independent hashtable */
val val_hash_clear(val h);                     /* removes every entry */
uint32_t val_hash_len(val h);
/* A .NET generic collection held as a hashtable (Dictionary[K,V], HashSet[T]):
** type is its id in the type registry, and keys compare as .NET's default
** comparer does, strings ordinally (case-sensitively). */
val val_hash_new_typed(uint16_t type);
uint16_t val_hash_type(val h);                 /* borrowed; 0 for Hashtable and [ordered] */
/* The i-th entry in enumeration order (borrowed views). */
val val_hash_key_at(val h, uint32_t i);
val val_hash_value_at(val h, uint32_t i);
/* }=== */

/* {=== objects: ordered properties (case-insensitive names) and type names === */
val val_obj_new(const char *type_name);        /* NULL: System.Management.Automation.PSCustomObject */
val val_obj_set(val o, const char *name, val value);  /* adds or replaces */
/* The same on an object others share (borrowed o): every holder sees the change. */
void val_obj_put(val o, const char *name, val value);
/* Room for n members, and an index that will not need rebuilding as they come. */
val val_obj_reserve(val o, uint32_t n);
/* Appends a member the object does not have yet (the caller knows; no lookup),
** name[0..n) with its text_ihash(); builders of many alike objects hash once.
** The name is static storage (a constant, or interned for the process) and
** is not copied. */
val val_obj_push(val o, const char *name, size_t n, uint32_t hash, val value);
/* For objects made in bulk (formatting records): the type names and the
** names are static storage (string literals), used without copies. */
val val_obj_new_static(const char *const *types, uint32_t ntypes);
val val_obj_set_static(val o, const char *name, val value);
val val_obj_get(val o, const char *name);      /* borrowed o; new reference; VAL_NOTHING if absent */
bool val_obj_has(val o, const char *name);
uint32_t val_obj_len(val o);
const char *val_obj_name_at(val o, uint32_t i); /* borrowed */
val val_obj_value_at(val o, uint32_t i);        /* borrowed view */
val val_obj_remove(val o, const char *name);
val val_obj_clone(val o);                       /* borrowed; a new object with the same members */
/* Type names, most derived first (the PSTypeNames list). */
uint32_t val_obj_ntypes(val o);
const char *val_obj_type_at(val o, uint32_t i);
val val_obj_add_type(val o, const char *type_name); /* appended (a base type) */
val val_obj_insert_type(val o, const char *type_name); /* prepended (more derived) */
/* }=== */

/* {=== script blocks === */
struct ast_node;
struct parse_unit;
struct sb_unit; /* a parse unit shared by the script blocks made from it */
struct sb_unit *sb_unit_new(struct parse_unit *u);   /* takes over u */
struct sb_unit *sb_unit_retain(struct sb_unit *su);
void sb_unit_release(struct sb_unit *su);
struct parse_unit *sb_unit_parse(struct sb_unit *su);
/* 1-based line and column of byte offset pos, in O(log lines) after the first call. */
void sb_unit_linecol(struct sb_unit *su, uint32_t pos, uint32_t *line, uint32_t *col);
val val_scriptblock(struct sb_unit *su, const struct ast_node *body); /* retains su */
const struct ast_node *val_sb_body(val v);
struct sb_unit *val_sb_unit(val v);
/* }=== */

/* The GUID bytes (borrowed view), in the order they are written. */
const uint8_t *val_guid_bytes(val v);

/* Equality of two values as hashtable keys (borrows both). */
bool val_key_equal(val a, val b);
uint64_t val_key_hash(val v);
/* Equality as .NET's default comparer: val_key_equal() but strings ordinal. */
bool val_key_same(val a, val b);

#endif /* EMSH_VALUE_H */
