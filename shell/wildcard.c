/*
** wildcard.c - PowerShell wildcard patterns (see wildcard.h).
**
** The pattern is never compiled: the matcher decodes one element at a time
** straight from the pattern text (a literal, ?, *, or a [set]), which
** costs no allocation. The rules follow PowerShell's WildcardPatternParser:
** inside a set, a "]" right after the "[" is a member, a backtick escapes
** the next character, and "x-y" is a range when the "-" is not escaped and
** both ends exist.
*/
#include "wildcard.h"

#include "text.h"

enum el_kind {
    EL_END,   /* the end of the pattern */
    EL_EMPTY, /* the lone-backtick pattern "`", which PowerShell reads as "" */
    EL_STAR,
    EL_ANY,
    EL_LIT,
    EL_SET,
};

struct el {
    enum el_kind kind;
    uint32_t cp;  /* EL_LIT */
    size_t a, b;  /* EL_SET: its members are pat[a..b) */
    size_t next;  /* where the next element starts */
    bool invalid; /* EL_SET: no closing ] */
};

/* The offset of the "]" that closes the set whose members start at i, or n. */
static size_t set_end(const char *p, size_t n, size_t i)
{
    bool first = true, esc = false;
    for (; i < n; i++) {
        char c = p[i];
        if (c == ']' && !first && !esc)
            return i;
        esc = c == '`' && !esc;
        first = false;
    }
    return n;
}

/* Decodes the element at pat[i]. */
static void decode(const char *p, size_t n, size_t i, struct el *e)
{
    e->invalid = false;
    if (i >= n) {
        e->kind = EL_END;
        e->next = n;
        return;
    }
    char c = p[i];
    if (c == '`') {
        if (i + 1 < n) {
            size_t k = i + 1;
            e->kind = EL_LIT;
            e->cp = text_next(p, n, &k);
            e->next = k;
        } else { /* a trailing backtick is itself, but "`" alone is "" */
            e->kind = n == 1 ? EL_EMPTY : EL_LIT;
            e->cp = '`';
            e->next = n;
        }
        return;
    }
    if (c == '*' || c == '?') {
        e->kind = c == '*' ? EL_STAR : EL_ANY;
        e->next = i + 1;
        return;
    }
    if (c == '[') {
        e->kind = EL_SET;
        e->a = i + 1;
        e->b = set_end(p, n, i + 1);
        e->invalid = e->b >= n;
        e->next = e->invalid ? n : e->b + 1;
        return;
    }
    size_t k = i;
    e->kind = EL_LIT;
    e->cp = text_next(p, n, &k);
    e->next = k;
}

/* The set member at p[*q] (q < end): its character, and whether it is an unescaped "-". */
static uint32_t member(const char *p, size_t end, size_t *q, bool *dash)
{
    if (p[*q] == '`' && *q + 1 < end) {
        (*q)++;
        *dash = false;
        return text_next(p, end, q);
    }
    uint32_t c = text_next(p, end, q);
    *dash = c == '-';
    return c;
}

/*
** AppendBracketExpression's reading of the set p[a..b): member by member,
** "x-y" (three members, the middle an unescaped "-") being a range. True
** if c, or with icase its lower or upper case, is in the set. The pattern
** was checked, so no range is reversed.
*/
static bool set_has(const char *p, size_t a, size_t b, uint32_t c, bool icase)
{
    uint32_t alt1 = icase ? text_fold(c) : c, alt2 = icase ? text_upper(c) : c;
    size_t q = a;
    while (q < b) {
        bool dash;
        uint32_t lo = member(p, b, &q, &dash), hi = lo;
        if (q < b) {
            size_t q2 = q;
            member(p, b, &q2, &dash);
            if (dash && q2 < b) {
                hi = member(p, b, &q2, &dash);
                q = q2;
            }
        }
        if ((c >= lo && c <= hi) || (alt1 >= lo && alt1 <= hi) || (alt2 >= lo && alt2 <= hi))
            return true;
    }
    return false;
}

static bool accepts(const char *pat, const struct el *e, uint32_t c, bool icase)
{
    switch (e->kind) {
    case EL_ANY:
        return true;
    case EL_LIT:
        return c == e->cp || (icase && text_fold(c) == text_fold(e->cp));
    case EL_SET:
        return set_has(pat, e->a, e->b, c, icase);
    default:
        return false;
    }
}

enum emsh_rc wc_check(const char *pat, size_t plen)
{
    struct el e;
    for (size_t p = 0;; p = e.next) {
        decode(pat, plen, p, &e);
        if (e.kind == EL_END)
            return EMSH_OK;
        if (e.kind != EL_SET)
            continue;
        if (e.invalid)
            return EMSH_E_SYNTAX;
        /* a reversed range ([z-a]) anywhere in the set */
        size_t q = e.a;
        while (q < e.b) {
            bool dash;
            uint32_t lo = member(pat, e.b, &q, &dash);
            if (q >= e.b)
                break;
            size_t q2 = q;
            member(pat, e.b, &q2, &dash);
            if (dash && q2 < e.b) {
                uint32_t hi = member(pat, e.b, &q2, &dash);
                if (lo > hi)
                    return EMSH_E_SYNTAX;
                q = q2;
            }
        }
    }
}

void wc_error_message(const char *pat, size_t plen, struct buf *out)
{
    buf_puts(out, "The specified wildcard character pattern is not valid: ");
    buf_add(out, pat, plen);
}

int wc_match(const char *pat, size_t plen, const char *s, size_t n, unsigned flags)
{
    if (!pat)
        pat = "";
    if (!s)
        s = "";
    if (wc_check(pat, plen) != EMSH_OK)
        return WC_E_PATTERN;
    bool icase = !(flags & WC_CASE_SENSITIVE);
    size_t p = 0, i = 0;
    size_t star_p = (size_t)-1, star_i = 0; /* the one backtrack point */
    struct el e;
    while (i < n) {
        decode(pat, plen, p, &e);
        if (e.kind == EL_EMPTY) {
            p = e.next;
            continue;
        }
        if (e.kind == EL_STAR) {
            p = star_p = e.next;
            star_i = i;
            continue;
        }
        if (e.kind != EL_END) {
            size_t i2 = i;
            uint32_t c = text_next(s, n, &i2);
            if (accepts(pat, &e, c, icase)) {
                p = e.next;
                i = i2;
                continue;
            }
        }
        if (star_p == (size_t)-1)
            return 0;
        /* let the last * take one more character and retry after it */
        text_next(s, n, &star_i);
        i = star_i;
        p = star_p;
    }
    for (;; p = e.next) {
        decode(pat, plen, p, &e);
        if (e.kind == EL_END)
            return 1;
        if (e.kind != EL_STAR && e.kind != EL_EMPTY)
            return 0;
    }
}

static bool is_wildcard_char(char c)
{
    return c == '*' || c == '?' || c == '[' || c == ']';
}

bool wc_has_wildcards(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (is_wildcard_char(s[i]))
            return true;
        if (s[i] == '`') {
            i++;
            if (i < n)
                text_next(s, n, &i);
            continue;
        }
        i++;
    }
    return false;
}

void wc_unescape(const char *s, size_t n, struct buf *out)
{
    bool esc = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '`') {
            if (esc)
                buf_putc(out, c);
            esc = !esc;
            continue;
        }
        if (esc && !is_wildcard_char(c))
            buf_putc(out, '`');
        buf_putc(out, c);
        esc = false;
    }
    if (esc)
        buf_putc(out, '`');
}

void wc_escape(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (is_wildcard_char(s[i]) || s[i] == '`')
            buf_putc(out, '`');
        buf_putc(out, s[i]);
    }
}
