/*
** wildcard.h - PowerShell wildcard patterns (-like, -Name filters).
**
** The WildcardPattern class of PowerShell, on UTF-8 text:
**
**     *       any run of characters, also none
**     ?       exactly one character
**     [abc]   one of a, b, c        [a-z]  one in the range a..z
**     `x      x taken literally (the backtick escapes * ? [ ] and `)
**
** A pattern matches the whole string. Matching ignores case by default
** (text_fold() of text.h; ranges also accept a character whose upper or
** lower case is in the range), and WC_CASE_SENSITIVE makes it exact. There
** is no negation ([!a] is the set of ! and a), no nesting, and "[" without
** its "]" or a reversed range ([z-a]) makes the whole pattern invalid, as
** in PowerShell, even when the text would fail earlier. A character is a
** code point (PowerShell's ? matches one UTF-16 unit; here it also matches
** a character outside the BMP).
**
** Matching is linear in practice: the greedy-star method keeps one
** backtrack point (the last *), so `*a*a*a*b` against a long text costs
** O(pattern x text) at worst, with no exponential blow-up.
*/
#ifndef EMSH_WILDCARD_H
#define EMSH_WILDCARD_H

#include "base.h"
#include "buf.h"

#include <stdbool.h>

enum wc_flags {
    WC_NONE = 0,                /* case-insensitive: -like */
    WC_CASE_SENSITIVE = 1 << 0, /* -clike */
};

/* wc_match()'s answer for an invalid pattern. */
#define WC_E_PATTERN (-1)

/*
** Matches the text s[0..n) against the pattern pat[0..plen). Returns 1 on a
** match, 0 on none, WC_E_PATTERN if the pattern is invalid. Borrows both.
*/
int wc_match(const char *pat, size_t plen, const char *s, size_t n, unsigned flags);

/* EMSH_OK if pat[0..plen) is a valid pattern, EMSH_E_SYNTAX if not. */
enum emsh_rc wc_check(const char *pat, size_t plen);

/*
** Appends PowerShell's message for an invalid pattern to out:
** "The specified wildcard character pattern is not valid: PATTERN".
*/
void wc_error_message(const char *pat, size_t plen, struct buf *out);

/*
** WildcardPattern.ContainsWildcardCharacters: true if s[0..n) holds a
** *, ?, [ or ] that no backtick escapes (PowerShell counts ] too).
*/
bool wc_has_wildcards(const char *s, size_t n);

/*
** WildcardPattern.Unescape: appends s[0..n) to out with the backticks
** before * ? [ ] and ` removed; a backtick before any other character, or
** at the end, stays.
*/
void wc_unescape(const char *s, size_t n, struct buf *out);

/* WildcardPattern.Escape: appends s[0..n) to out with a backtick before each * ? [ ] and `. */
void wc_escape(const char *s, size_t n, struct buf *out);

#endif /* EMSH_WILDCARD_H */
