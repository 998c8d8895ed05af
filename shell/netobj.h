/*
** netobj.h - .NET classes whose objects keep state between calls:
** System.Text.StringBuilder and System.Diagnostics.Stopwatch.
**
** Report scripts build their text with a StringBuilder and time their
** work with a Stopwatch. Each object is a VAL_OBJECT of its .NET type:
** objects are shared by reference, so a method changes the object every
** variable holding it sees. A StringBuilder keeps its text as its string
** form (what "$sb" and ToString() give) and its Length, Capacity and
** MaxCapacity as properties, in UTF-16 units as .NET counts them; its
** Capacity grows by .NET Framework 4's chunk rule. A Stopwatch keeps when
** it started and what it ran before in hidden members; its Elapsed,
** ElapsedMilliseconds, ElapsedTicks and IsRunning are brought up to date
** by netobj_refresh() whenever they are read or shown.
*/
#ifndef EMSH_NETOBJ_H
#define EMSH_NETOBJ_H

#include "value.h"

#include <stdbool.h>
#include <stdint.h>

#define NETOBJ_STRINGBUILDER "System.Text.StringBuilder"
#define NETOBJ_STOPWATCH "System.Diagnostics.Stopwatch"

enum netobj_rc {
    NETOBJ_NONE,  /* not a method (or constructor) of these classes */
    NETOBJ_OK,    /* done: *out set */
    NETOBJ_ERROR, /* .NET threw: *why is its message */
    NETOBJ_READONLY, /* a property that can't be set */
};

/*
** new T(args) for type t: StringBuilder(), (capacity), (string),
** (string, capacity); Stopwatch().
*/
enum netobj_rc netobj_new(uint16_t t, const val *args, uint32_t na, val *out, const char **why);

/*
** A method of obj (borrowed): StringBuilder's Append, AppendLine, Insert,
** Remove, Replace, Clear and ToString; Stopwatch's Start, Stop, Reset and
** Restart. Methods that return the StringBuilder give obj itself.
*/
enum netobj_rc netobj_call(val obj, const char *name, const val *args, uint32_t na, val *out, const char **why);

/* Setting a property: StringBuilder.Length and Capacity; a Stopwatch's are read-only (consumes v). */
enum netobj_rc netobj_set(val obj, const char *name, val v, const char **why);

/* A static member of type t: Stopwatch.StartNew(), GetTimestamp(), Frequency, IsHighResolution. */
enum netobj_rc netobj_static(uint16_t t, const char *name, const val *args, uint32_t na, bool call, val *out);

/* Brings a Stopwatch's properties up to date (nothing for other values:
** a Stopwatch is made VF_LIVE, so the test is one bit for the rest). */
void netobj_refresh(val obj);

#endif /* EMSH_NETOBJ_H */
