/*
** netenc.h - System.Text.Encoding: [Text.Encoding]::UTF8, ASCII, Unicode,
** BigEndianUnicode and UTF32, GetEncoding(name or code page), and their
** GetBytes(), GetString(), GetByteCount() and GetPreamble(), on the
** content cmdlets' encoders (item.h).
**
** Scripts use them to turn text into bytes and back, most often around
** [Convert]::ToBase64String(). An encoding is an object of .NET's class
** (System.Text.UTF8Encoding ...) with its properties (EncodingName,
** WebName, CodePage ...); byte arrays are System.Byte[].
*/
#ifndef EMSH_NETENC_H
#define EMSH_NETENC_H

#include "netobj.h"

/* [Text.Encoding]::Name (call false) or ::GetEncoding(x) (call true); *why on error. */
enum netobj_rc netenc_static(uint16_t t, const char *name, const val *args, uint32_t na, bool call, val *out,
                             const char **why);

/* A method of an encoding object (NETOBJ_NONE for other objects). */
enum netobj_rc netenc_call(val obj, const char *name, const val *args, uint32_t na, val *out, const char **why);

#endif /* EMSH_NETENC_H */
