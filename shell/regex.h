/*
** regex.h - .NET regular expressions, as PowerShell uses them, on PCRE2.
**
** PowerShell's -match, -replace, -split, switch -Regex, Select-String and
** [regex]::Match/Matches/Replace/Split/Escape/Unescape all take .NET
** patterns. This module reads the .NET syntax itself (regex.c translates
** it to a PCRE2 pattern; PCRE2 does all the matching) so that .NET's rules
** hold where the two dialects differ: group numbering (unnamed groups
** first, then named ones), inline options (?imnsx-imnsx), character class
** subtraction [a-z-[aeiou]], \p{IsGreek} blocks, octal and back-reference
** rules, `$` and `\Z`, and the error messages of the .NET Framework parser
** (Windows PowerShell 5.1, which the Exchange Management Shell runs on):
**
**     parsing "[a" - Unterminated [] set.
**
** Texts are UTF-8 and every offset in this API is a byte offset into the
** subject; text_utf16_len() (text.h) turns one into .NET's Index.
**
**     struct rx_error err = RX_ERROR_INIT;
**     struct rx *rx = rx_get("(?<user>\\w+)@(\\w+)", 18, RX_IGNORECASE, &err);
**     if (!rx) { report(err.msg); rx_error_clear(&err); return; }
**     struct rx_match m = RX_MATCH_INIT;
**     if (rx_exec(rx, s, n, 0, &m) > 0)
**         ...  // m.span[2*i], m.span[2*i+1] for every group index i
**     rx_match_release(&m);
**
** Unsupported, with a clear error: RegexOptions.RightToLeft, balancing
** groups (?<a-b>...), variable-length lookbehind (PCRE2 10.42 limits
** lookbehind to a bounded length) and quantifier counts above 65535. Not
** modelled: Group.Captures (only each group's last capture is kept).
**
** Nothing here is thread-safe: the compiled-pattern cache is global.
*/
#ifndef EMSH_REGEX_H
#define EMSH_REGEX_H

#include "base.h"
#include "buf.h"

#include <stdbool.h>

/* The values of System.Text.RegularExpressions.RegexOptions. */
enum rx_flags {
    RX_NONE = 0,
    RX_IGNORECASE = 0x0001,       /* i */
    RX_MULTILINE = 0x0002,        /* m: ^ and $ at every line */
    RX_EXPLICITCAPTURE = 0x0004,  /* n: only named groups capture */
    RX_COMPILED = 0x0008,         /* accepted; everything is JIT-compiled when it can be */
    RX_SINGLELINE = 0x0010,       /* s: . matches \n */
    RX_IGNOREPATTERNWS = 0x0020,  /* x: unescaped white space and # comments ignored */
    RX_RIGHTTOLEFT = 0x0040,      /* refused: rx_compile() reports it unsupported */
    RX_ECMASCRIPT = 0x0100,       /* \w \d \s \b are ASCII-only */
    RX_CULTUREINVARIANT = 0x0200, /* accepted; case rules are always invariant */
};

enum rx_errkind {
    RX_ERR_NONE = 0,
    RX_ERR_SYNTAX,      /* the pattern is not valid .NET syntax */
    RX_ERR_UNSUPPORTED, /* valid .NET, but not something this engine can do */
    RX_ERR_OPTION,      /* an unknown or unsupported option bit */
};

/*
** What went wrong with a pattern. msg is malloc'd and NUL-terminated (the
** full message, for example `parsing "(a" - Not enough )'s.`); offset is the
** byte offset in the pattern where the problem was found. rx_error_clear()
** frees msg and resets the struct; it may be called on a clear struct.
*/
struct rx_error {
    enum rx_errkind kind;
    size_t offset;
    char *msg;
};

#define RX_ERROR_INIT {RX_ERR_NONE, 0, NULL}

void rx_error_clear(struct rx_error *err);

/* Status codes of matching (negative; rx_exec() and friends return them). */
enum rx_status {
    RX_E_LIMIT = -1,    /* the backtracking or memory limit was hit */
    RX_E_INTERNAL = -2, /* PCRE2 reported something unexpected */
};

/* A fixed description of an rx_status code. */
const char *rx_strerror(int code);

/* {======================================================= compiling */

struct rx; /* a compiled pattern; reference counted */

/*
** Compiles the .NET pattern pat[0..len) with flags (enum rx_flags). Returns
** a new handle with one reference (rx_release() drops it), or NULL with
** *err filled (err may be NULL to ignore the detail; otherwise the caller
** clears it). The pattern text is copied.
*/
struct rx *rx_compile(const char *pat, size_t len, unsigned flags, struct rx_error *err);

/*
** Like rx_compile(), through the cache of compiled patterns (keyed by
** pattern and flags; the least recently used entry is dropped once it holds
** RX_CACHE_MAX patterns), so a pattern used in a loop is compiled once. The
** handle is BORROWED from the cache. It can only go away when a later
** rx_get() has to compile and evicts it, or at rx_cache_clear(); as the
** entry just returned is the most recently used one, that takes
** RX_CACHE_MAX other patterns. Code that runs script blocks while it holds
** the handle (a -replace script block, switch -Regex) should take
** rx_retain() and rx_release() it after. Failed compilations are not cached.
*/
struct rx *rx_get(const char *pat, size_t len, unsigned flags, struct rx_error *err);

#define RX_CACHE_MAX 128

/* Adds a reference to rx and returns it. */
struct rx *rx_retain(struct rx *rx);
/* Drops a reference; the last one frees the pattern. NULL is ignored. */
void rx_release(struct rx *rx);
/* Empties the cache (handles retained elsewhere survive) and frees the module's internal state. */
void rx_cache_clear(void);
/* Number of cached patterns and number of compilations so far (for tests). */
size_t rx_cache_count(void);
unsigned long rx_compile_count(void);

/* The pattern text (borrowed, NUL-terminated) and the flags rx was made with. */
const char *rx_pattern(const struct rx *rx, size_t *len);
unsigned rx_flags_of(const struct rx *rx);

/* {======================================================= groups */

/*
** Groups are addressed by index 0 .. rx_group_count()-1, in .NET's order:
** by group number, and numbers go to unnamed groups first (1, 2, ...,
** left to right), then to named groups in order of first appearance. Index
** 0 is the whole match. Numbers differ from indexes only when a pattern
** numbers a group explicitly, as in (?<5>x).
*/
size_t rx_group_count(const struct rx *rx);
/* The .NET group number of index i. */
int rx_group_number(const struct rx *rx, size_t i);
/* The group's name: its number in decimal ("0", "1") or its name. Borrowed. */
const char *rx_group_name(const struct rx *rx, size_t i);
/* True if group i was named with a (non-numeric) name. */
bool rx_group_is_named(const struct rx *rx, size_t i);
/* The index of the group with that name (case-sensitive, as .NET), or -1. */
long rx_group_index(const struct rx *rx, const char *name, size_t len);
/* The index of the group with that number, or -1. */
long rx_group_index_of_number(const struct rx *rx, long number);

/* {======================================================= matching */

#define RX_UNSET ((size_t)-1)

/*
** The result of one match. span[2*i] and span[2*i+1] are the byte offsets
** of group i's start and end in the subject, or RX_UNSET when the group
** did not take part. count is the number of groups of the regex last run.
** The storage is reused from one rx_exec() to the next; release it with
** rx_match_release(). The fields after span are private.
*/
struct rx_match {
    size_t count;
    size_t *span;
    size_t cap_;
    void *md_;
    uint32_t md_pairs_;
};

#define RX_MATCH_INIT {0, NULL, 0, NULL, 0}

void rx_match_release(struct rx_match *m);

/* True if group i took part in the match. */
static inline bool rx_group_matched(const struct rx_match *m, size_t i)
{
    return i < m->count && m->span[2 * i] != RX_UNSET;
}

/*
** Looks for the first match of rx in s[0..n) at or after byte offset start
** (lookbehind still sees the text before start; \G anchors at start).
** Returns 1 and fills *m on a match, 0 if there is none, or a negative
** rx_status. m may be NULL to ask only whether there is a match.
*/
int rx_exec(const struct rx *rx, const char *s, size_t n, size_t start, struct rx_match *m);

/*
** Enumerates the matches of rx in s as Regex.Matches() does: after an empty
** match the next search starts one character further on, after a
** non-empty match it starts where the match ended (so an empty match may
** follow a non-empty one). The iterator borrows rx and s.
*/
struct rx_iter {
    const struct rx *rx;
    const char *s;
    size_t n;
    size_t pos;
    bool done;
};

void rx_iter_init(struct rx_iter *it, const struct rx *rx, const char *s, size_t n, size_t start);
/* 1 with the next match in *m, 0 when there are no more, or a negative rx_status. */
int rx_iter_next(struct rx_iter *it, struct rx_match *m);

/* {======================================================= replacing */

/*
** Replaces up to count matches of rx in s[0..n) (count < 0: all; 0: none)
** by the .NET substitution pattern repl[0..rlen): $1 $12 ${12} ${name} $$
** $& $` $' $+ $_; a reference to a group that does not exist stays
** literal, as in .NET. Appends the result to out. Returns 0 or a negative
** rx_status (out then holds a partial result); *nrepl (may be NULL) gets
** the number of replacements made.
*/
int rx_replace(const struct rx *rx, const char *s, size_t n, const char *repl, size_t rlen,
               long count, struct buf *out, size_t *nrepl);

/*
** Appends the substitution repl for the match m of rx in s to out, as
** Match.Result(repl) does.
*/
void rx_expand(const struct rx *rx, const struct rx_match *m, const char *s, size_t n,
               const char *repl, size_t rlen, struct buf *out);

/*
** For replacements computed by the caller (a script block or
** MatchEvaluator): fn is called for each match with the match and must
** append its replacement to out. A non-zero value from fn stops the work
** and is returned unchanged (so use positive codes); otherwise returns 0 or
** a negative rx_status.
*/
typedef int (*rx_eval_fn)(void *ctx, const struct rx_match *m, const char *s, size_t n,
                          struct buf *out);
int rx_replace_fn(const struct rx *rx, const char *s, size_t n, long count, rx_eval_fn fn,
                  void *ctx, struct buf *out, size_t *nrepl);

/* {======================================================= splitting */

/*
** Splits s[0..n) at the matches of rx, as Regex.Split() does: the text
** between matches, with the text of every group that took part in a match
** (groups 1.. in index order) inserted after the piece before it. fn is
** called for each piece in order (captured is true for group text); a
** non-zero value from fn stops and is returned unchanged.
**
** max limits the number of pieces as Regex.Split's count does: max > 0
** makes at most max-1 splits, the last piece holding the rest (1: the
** whole string); max == 0 splits at every match. max < 0 is
** PowerShell 7's -split with a negative max-substrings: at most -max pieces
** counted from the right, the first piece holding the rest (the matches
** are still found left to right). Returns 0, fn's value or a negative
** rx_status.
*/
typedef int (*rx_piece_fn)(void *ctx, const char *piece, size_t len, bool captured);
int rx_split(const struct rx *rx, const char *s, size_t n, long max, rx_piece_fn fn, void *ctx);

/* {======================================================= escaping */

/*
** [regex]::Escape: appends s[0..n) to out with \ * + ? | { [ ( ) ^ $ . #
** and space escaped by a backslash, and tab, newline, carriage return and
** form feed written as \t \n \r \f.
*/
void rx_escape(const char *s, size_t n, struct buf *out);

/*
** [regex]::Unescape: appends s[0..n) to out with every escape sequence
** (\n, \x41, \u00e9, \101, \cC, \*, ...) replaced by its character. On a bad
** escape returns EMSH_E_SYNTAX with *err filled (.NET's message, for
** example `parsing "\q" - Unrecognized escape sequence \q.`); err may be NULL.
*/
enum emsh_rc rx_unescape(const char *s, size_t n, struct buf *out, struct rx_error *err);

#endif /* EMSH_REGEX_H */
