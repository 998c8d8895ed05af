/*
** netio.h - the static methods of System.IO.File and System.IO.Directory
** that scripts use instead of the item cmdlets: [IO.File]::Exists(),
** ReadAllText(), ReadAllLines(), WriteAllText(), WriteAllLines(),
** AppendAllText(), Delete(), Copy(), Move(); [IO.Directory]::Exists(),
** CreateDirectory(), GetFiles(), GetDirectories(), Delete().
**
** Paths, text and file operations are the file-system cmdlets' (item.h): a
** relative path from the process's current directory, as .NET takes it;
** text read by its byte order mark (UTF-8 without one), lines ending at
** CR LF, LF or CR; text written as UTF-8 without a byte order mark, lines
** ended by emsh's newline. Failures carry .NET's messages with the full
** path.
*/
#ifndef EMSH_NETIO_H
#define EMSH_NETIO_H

#include "netobj.h"

/*
** T::name(args) for T System.IO.File (TY_FILE) or Directory (TY_DIRECTORY):
** NETOBJ_NONE when there is no such method for the argument count,
** NETOBJ_ERROR when .NET would throw, with *exc the exception's short
** name ("FileNotFoundException") and *why its message (a new string, the
** caller frees it).
*/
enum netobj_rc netio_static(uint16_t t, const char *name, const val *args, uint32_t na, val *out, const char **exc,
                            char **why);

#endif /* EMSH_NETIO_H */
