/*
** uri.h - System.Uri: absolute URIs parsed and canonicalized as .NET
** Framework 4.x does, and the escaping functions of [uri].
**
** uri_parse() splits an absolute URI (scheme://userinfo@host:port/path?query#fragment,
** or scheme:path for schemes without an authority, or a Windows drive
** path, which becomes a file: URI) and canonicalizes it: scheme and host
** in lower case, the default port dropped, "." and ".." segments
** removed, backslashes turned to slashes for hierarchical schemes, and
** the characters a URI cannot hold (spaces, non-ASCII, " < > ^ ` { | })
** percent-encoded in the escaped forms. uri_object() makes the value
** PowerShell shows: an object of type System.Uri with its properties in
** .NET's order, printing as Uri.ToString().
*/
#ifndef EMSH_URI_H
#define EMSH_URI_H

#include "buf.h"
#include "value.h"

#include <stdbool.h>

/*
** An absolute URI as a System.Uri object (a new reference), or VAL_NOTHING
** with *why set to .NET's UriFormatException message ("Invalid URI: The
** hostname could not be parsed.").
*/
val uri_object(const char *s, size_t n, const char **why);

/*
** new Uri(string), new Uri(string, UriKind) and new Uri(Uri baseUri, string
** relativeUri): a Uri object (a relative one has only OriginalString,
** IsAbsoluteUri and UserEscaped), or VAL_NOTHING with *why set (NULL when
** the argument count is not one of these).
*/
val uri_new(const val *args, uint32_t na, const char **why);

/* Uri.EscapeDataString: everything but A-Z a-z 0-9 - _ . ~ as %XX of its UTF-8 bytes. */
void uri_escape_data(const char *s, size_t n, struct buf *out);
/* Uri.EscapeUriString: as EscapeDataString, but keeping the reserved characters of a URI. */
void uri_escape_uri(const char *s, size_t n, struct buf *out);
/* Uri.UnescapeDataString: %XX sequences decoded (invalid ones kept as they are). */
void uri_unescape(const char *s, size_t n, struct buf *out);
/* Uri.IsWellFormedUriString with UriKind Absolute (0... see below). */
enum uri_kind { URI_RELATIVE_OR_ABSOLUTE = 0, URI_ABSOLUTE = 1, URI_RELATIVE = 2 };
bool uri_well_formed(const char *s, size_t n, enum uri_kind kind);

#endif /* EMSH_URI_H */
