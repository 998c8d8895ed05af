/*
** text.h - UTF-8 helpers with PowerShell's notion of case.
**
** PowerShell compares strings ignoring case by default, with culture-
** invariant rules. text_fold() maps a code point to its lower-case form for
** the Latin, Greek and Cyrillic letters administrators' data contains;
** other code points compare as themselves.
*/
#ifndef EMSH_TEXT_H
#define EMSH_TEXT_H

#include "base.h"

#include <stdbool.h>

/* Decodes the code point at s[*i] (advancing *i); invalid bytes decode as themselves. */
uint32_t text_next(const char *s, size_t n, size_t *i);
uint32_t text_fold(uint32_t cp);
uint32_t text_upper(uint32_t cp);
/* Case-insensitive comparison: <0, 0, >0. */
int text_icmp(const char *a, size_t an, const char *b, size_t bn);
bool text_ieq(const char *a, size_t an, const char *b, size_t bn);
/* A case-insensitive hash (FNV-1a over folded code points). */
uint64_t text_ihash(const char *s, size_t n);
/* Length in UTF-16 code units, as .NET counts a string's Length. */
size_t text_utf16_len(const char *s, size_t n);
/* Byte offset of the UTF-16 unit index `units` (clamped to n). */
size_t text_utf16_offset(const char *s, size_t n, size_t units);
/*
** The byte offset of the first needle[0..nn) in hay[0..hn) at or after byte
** from (String.IndexOf), ignoring case when icase; -1 when there is none.
*/
long text_find(const char *hay, size_t hn, const char *needle, size_t nn, size_t from, bool icase);

#endif /* EMSH_TEXT_H */
