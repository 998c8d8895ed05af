/*
** regex.c - .NET regular expressions on PCRE2 (see regex.h).
**
** A .NET pattern is read twice by one recursive-descent reader that
** follows the .NET Framework parser (RegexParser) rule for rule. The first
** pass only collects the capture groups, so that the second knows .NET's
** group numbers before it meets a back-reference; the second pass writes
** an equivalent PCRE2 pattern in which every capturing group is a plain,
** unnamed "(" (the .NET numbering is kept in a table: group_map), every
** literal is spelt out, and the options x and n are already applied. PCRE2
** then compiles and matches; nothing here matches text by itself.
**
** Not here: how the evaluator turns matches into $Matches, MatchInfo or
** strings with UTF-16 indexes; SimpleMatch (the evaluator escapes with
** rx_escape()); wildcards (wildcard.c).
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* {======================================================= small helpers */

static size_t utf8_encode(uint32_t cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool is_surrogate(uint32_t c)
{
    return c >= 0xD800 && c <= 0xDFFF;
}

/* A code point UTF-8 text cannot hold: a surrogate, or one past U+10FFFF. */
static bool no_char(uint32_t c)
{
    return is_surrogate(c) || c > 0x10FFFF;
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The regex that classifies non-ASCII word characters (made on first use). */
static pcre2_code *word_re;
static pcre2_match_data *word_md;

/*
** .NET's RegexCharClass.IsWordChar: letters, non-spacing marks, decimal
** digits and connector punctuation. ASCII is decided here; other code
** points are asked of PCRE2, which knows the Unicode categories.
*/
static bool is_word_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    if (c > 0x10FFFF || is_surrogate(c))
        return false;
    if (!word_re) {
        static const char pat[] = "[\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}]";
        int ec;
        PCRE2_SIZE eo;
        word_re = pcre2_compile((PCRE2_SPTR)pat, sizeof pat - 1, PCRE2_UTF | PCRE2_ANCHORED, &ec,
                                &eo, NULL);
        if (EMSH_NEVER(!word_re))
            return false;
        word_md = pcre2_match_data_create(1, NULL);
        if (!word_md)
            return false;
    }
    char u[4];
    size_t k = utf8_encode(c, u);
    return pcre2_match(word_re, (PCRE2_SPTR)u, k, 0, 0, word_md, NULL) > 0;
}

/* {======================================================= errors */

void rx_error_clear(struct rx_error *err)
{
    if (!err)
        return;
    free(err->msg);
    err->msg = NULL;
    err->kind = RX_ERR_NONE;
    err->offset = 0;
}

const char *rx_strerror(int code)
{
    switch (code) {
    case RX_E_LIMIT:
        return "The regular expression engine gave up: the match needs too much backtracking "
               "or memory.";
    case RX_E_INTERNAL:
        return "The regular expression engine failed unexpectedly.";
    default:
        return code >= 0 ? "no error" : "unknown regular expression error";
    }
}

/* Fills *err with `parsing "PAT" - REASON`. err may be NULL. */
static void set_parse_error(struct rx_error *err, enum rx_errkind kind, size_t off,
                            const char *pat, size_t len, const char *reason)
{
    if (!err)
        return;
    struct buf b = BUF_INIT;
    buf_puts(&b, "parsing \"");
    buf_add(&b, pat, len);
    buf_puts(&b, "\" - ");
    buf_puts(&b, reason);
    free(err->msg);
    err->msg = buf_detach(&b, NULL);
    err->kind = kind;
    err->offset = off;
}

/* {======================================================= Unicode names */

/* .NET's general categories for \p{..}; PCRE2 knows them by the same names. */
static const char *const categories[] = {
    "L",  "Lu", "Ll", "Lt", "Lm", "Lo", "M",  "Mn", "Mc", "Me", "N",  "Nd", "Nl",
    "No", "Z",  "Zs", "Zl", "Zp", "C",  "Cc", "Cf", "Cs", "Co", "Cn", "P",  "Pc",
    "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S",  "Sm", "Sc", "Sk", "So",
};

/*
** .NET's named blocks (\p{IsGreek}). Surrogate blocks stand for the
** supplementary characters they encode, since UTF-8 text has no surrogates.
*/
static const struct block {
    const char *name;
    uint32_t lo, hi;
} blocks[] = {
    {"IsAlphabeticPresentationForms", 0xFB00, 0xFB4F},
    {"IsArabic", 0x0600, 0x06FF},
    {"IsArabicPresentationForms-A", 0xFB50, 0xFDFF},
    {"IsArabicPresentationForms-B", 0xFE70, 0xFEFF},
    {"IsArmenian", 0x0530, 0x058F},
    {"IsArrows", 0x2190, 0x21FF},
    {"IsBasicLatin", 0x0000, 0x007F},
    {"IsBengali", 0x0980, 0x09FF},
    {"IsBlockElements", 0x2580, 0x259F},
    {"IsBopomofo", 0x3100, 0x312F},
    {"IsBopomofoExtended", 0x31A0, 0x31BF},
    {"IsBoxDrawing", 0x2500, 0x257F},
    {"IsBraillePatterns", 0x2800, 0x28FF},
    {"IsBuhid", 0x1740, 0x175F},
    {"IsCherokee", 0x13A0, 0x13FF},
    {"IsCJKCompatibility", 0x3300, 0x33FF},
    {"IsCJKCompatibilityForms", 0xFE30, 0xFE4F},
    {"IsCJKCompatibilityIdeographs", 0xF900, 0xFAFF},
    {"IsCJKRadicalsSupplement", 0x2E80, 0x2EFF},
    {"IsCJKSymbolsandPunctuation", 0x3000, 0x303F},
    {"IsCJKUnifiedIdeographs", 0x4E00, 0x9FFF},
    {"IsCJKUnifiedIdeographsExtensionA", 0x3400, 0x4DBF},
    {"IsCombiningDiacriticalMarks", 0x0300, 0x036F},
    {"IsCombiningDiacriticalMarksforSymbols", 0x20D0, 0x20FF},
    {"IsCombiningHalfMarks", 0xFE20, 0xFE2F},
    {"IsCombiningMarksforSymbols", 0x20D0, 0x20FF},
    {"IsControlPictures", 0x2400, 0x243F},
    {"IsCurrencySymbols", 0x20A0, 0x20CF},
    {"IsCyrillic", 0x0400, 0x04FF},
    {"IsCyrillicSupplement", 0x0500, 0x052F},
    {"IsDevanagari", 0x0900, 0x097F},
    {"IsDingbats", 0x2700, 0x27BF},
    {"IsEnclosedAlphanumerics", 0x2460, 0x24FF},
    {"IsEnclosedCJKLettersandMonths", 0x3200, 0x32FF},
    {"IsEthiopic", 0x1200, 0x137F},
    {"IsGeneralPunctuation", 0x2000, 0x206F},
    {"IsGeometricShapes", 0x25A0, 0x25FF},
    {"IsGeorgian", 0x10A0, 0x10FF},
    {"IsGreek", 0x0370, 0x03FF},
    {"IsGreekandCoptic", 0x0370, 0x03FF},
    {"IsGreekExtended", 0x1F00, 0x1FFF},
    {"IsGujarati", 0x0A80, 0x0AFF},
    {"IsGurmukhi", 0x0A00, 0x0A7F},
    {"IsHalfwidthandFullwidthForms", 0xFF00, 0xFFEF},
    {"IsHangulCompatibilityJamo", 0x3130, 0x318F},
    {"IsHangulJamo", 0x1100, 0x11FF},
    {"IsHangulSyllables", 0xAC00, 0xD7AF},
    {"IsHanunoo", 0x1720, 0x173F},
    {"IsHebrew", 0x0590, 0x05FF},
    {"IsHighPrivateUseSurrogates", 0xF0000, 0x10FFFF},
    {"IsHighSurrogates", 0x10000, 0x10FFFF},
    {"IsHiragana", 0x3040, 0x309F},
    {"IsIdeographicDescriptionCharacters", 0x2FF0, 0x2FFF},
    {"IsIPAExtensions", 0x0250, 0x02AF},
    {"IsKanbun", 0x3190, 0x319F},
    {"IsKangxiRadicals", 0x2F00, 0x2FDF},
    {"IsKannada", 0x0C80, 0x0CFF},
    {"IsKatakana", 0x30A0, 0x30FF},
    {"IsKatakanaPhoneticExtensions", 0x31F0, 0x31FF},
    {"IsKhmer", 0x1780, 0x17FF},
    {"IsKhmerSymbols", 0x19E0, 0x19FF},
    {"IsLao", 0x0E80, 0x0EFF},
    {"IsLatin-1Supplement", 0x0080, 0x00FF},
    {"IsLatinExtended-A", 0x0100, 0x017F},
    {"IsLatinExtended-B", 0x0180, 0x024F},
    {"IsLatinExtendedAdditional", 0x1E00, 0x1EFF},
    {"IsLetterlikeSymbols", 0x2100, 0x214F},
    {"IsLimbu", 0x1900, 0x194F},
    {"IsLowSurrogates", 0x10000, 0x10FFFF},
    {"IsMalayalam", 0x0D00, 0x0D7F},
    {"IsMathematicalOperators", 0x2200, 0x22FF},
    {"IsMiscellaneousMathematicalSymbols-A", 0x27C0, 0x27EF},
    {"IsMiscellaneousMathematicalSymbols-B", 0x2980, 0x29FF},
    {"IsMiscellaneousSymbols", 0x2600, 0x26FF},
    {"IsMiscellaneousSymbolsandArrows", 0x2B00, 0x2BFF},
    {"IsMiscellaneousTechnical", 0x2300, 0x23FF},
    {"IsMongolian", 0x1800, 0x18AF},
    {"IsMyanmar", 0x1000, 0x109F},
    {"IsNumberForms", 0x2150, 0x218F},
    {"IsOgham", 0x1680, 0x169F},
    {"IsOpticalCharacterRecognition", 0x2440, 0x245F},
    {"IsOriya", 0x0B00, 0x0B7F},
    {"IsPhoneticExtensions", 0x1D00, 0x1D7F},
    {"IsPrivateUse", 0xE000, 0xF8FF},
    {"IsPrivateUseArea", 0xE000, 0xF8FF},
    {"IsRunic", 0x16A0, 0x16FF},
    {"IsSinhala", 0x0D80, 0x0DFF},
    {"IsSmallFormVariants", 0xFE50, 0xFE6F},
    {"IsSpacingModifierLetters", 0x02B0, 0x02FF},
    {"IsSpecials", 0xFFF0, 0xFFFF},
    {"IsSuperscriptsandSubscripts", 0x2070, 0x209F},
    {"IsSupplementalArrows-A", 0x27F0, 0x27FF},
    {"IsSupplementalArrows-B", 0x2900, 0x297F},
    {"IsSupplementalMathematicalOperators", 0x2A00, 0x2AFF},
    {"IsSyriac", 0x0700, 0x074F},
    {"IsTagalog", 0x1700, 0x171F},
    {"IsTagbanwa", 0x1760, 0x177F},
    {"IsTaiLe", 0x1950, 0x197F},
    {"IsTamil", 0x0B80, 0x0BFF},
    {"IsTelugu", 0x0C00, 0x0C7F},
    {"IsThaana", 0x0780, 0x07BF},
    {"IsThai", 0x0E00, 0x0E7F},
    {"IsTibetan", 0x0F00, 0x0FFF},
    {"IsUnifiedCanadianAboriginalSyllabics", 0x1400, 0x167F},
    {"IsVariationSelectors", 0xFE00, 0xFE0F},
    {"IsYiRadicals", 0xA490, 0xA4CF},
    {"IsYiSyllables", 0xA000, 0xA48F},
    {"IsYijingHexagramSymbols", 0x4DC0, 0x4DFF},
};

/* {======================================================= the translator */

enum grp_kind { G_AUTO, G_NUMBERED, G_NAMED };

/* A capturing group of the pattern, in order of its "(" (= its PCRE2 number). */
struct grec {
    enum grp_kind kind;
    const char *name; /* G_NAMED: points into the pattern */
    size_t nlen;
    long num; /* .NET number (G_NUMBERED: given; others: assigned after pass 1) */
};

/* An open group. */
struct frame {
    unsigned opts;    /* the options to restore at its ")" */
    size_t out_start; /* where its output begins */
    int extra_close;  /* ")" to add to its own at the close */
    bool cond;        /* a (?(...)yes|no) construct */
    bool test;        /* the test group of such a construct */
    int nalts;        /* "|" seen directly inside, for cond */
};

/* Options that inline groups can change (the rest are whole-pattern only). */
#define INLINE_OPTS                                                                        \
    (RX_IGNORECASE | RX_MULTILINE | RX_EXPLICITCAPTURE | RX_SINGLELINE | RX_IGNOREPATTERNWS)

struct tr {
    const char *p; /* the .NET pattern */
    size_t n, i;   /* its length and the cursor */
    unsigned opts; /* the options in force (INLINE_OPTS bits) */
    int pass;      /* 1: collect groups; 2: emit */
    struct buf out;

    struct grec *rec; /* the capturing groups (made by pass 1) */
    size_t nrec, caprec;
    size_t ncap;   /* captures met so far in this pass */
    long *nums;    /* after pass 1: the sorted .NET group numbers, 0 first */
    size_t nnums;

    struct frame *stack;
    size_t depth, capstack;
    bool ignore_next_paren; /* the next "(" is a conditional's test: it never captures */
    bool cond_next;         /* ... and must become a PCRE2 assertion */
    bool has_G;
    bool ecma; /* RegexOptions.ECMAScript: unknown escapes are literals */

    bool failed;
    enum rx_errkind ekind;
    size_t eoff;
    struct buf reason;
};

static bool fail(struct tr *t, enum rx_errkind kind, size_t off, const char *fmt, ...)
    EMSH_PRINTF(4, 5);

/* Records the first error only; always returns false. */
static bool fail(struct tr *t, enum rx_errkind kind, size_t off, const char *fmt, ...)
{
    if (t->failed)
        return false;
    t->failed = true;
    t->ekind = kind;
    t->eoff = off;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&t->reason, fmt, ap);
    va_end(ap);
    return false;
}

static size_t left(const struct tr *t)
{
    return t->n - t->i;
}

static int peekc(const struct tr *t, size_t k)
{
    return t->i + k < t->n ? (unsigned char)t->p[t->i + k] : -1;
}

static uint32_t next_cp(struct tr *t)
{
    return text_next(t->p, t->n, &t->i);
}

static bool is_x_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Writes code point c so that PCRE2 reads it as that literal character. */
static void emit_cp(struct buf *o, uint32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        (c >= 0x80 && c <= 0x10FFFF && !is_surrogate(c))) {
        char u[4];
        buf_add(o, u, utf8_encode(c, u));
    } else {
        buf_printf(o, "\\x{%X}", (unsigned)c);
    }
}

/* A literal character outside a class; a lone surrogate can never match UTF-8 text. */
static void emit_literal(struct tr *t, uint32_t c)
{
    if (no_char(c))
        buf_puts(&t->out, "(?!)");
    else
        emit_cp(&t->out, c);
}

/*
** ScanBlank: skips (?#...) comments, and with the x option white space and
** # comments up to the end of the line.
*/
static bool scan_blank(struct tr *t)
{
    for (;;) {
        if (t->opts & RX_IGNOREPATTERNWS) {
            while (t->i < t->n && is_x_space((unsigned char)t->p[t->i]))
                t->i++;
            if (t->i < t->n && t->p[t->i] == '#') {
                while (t->i < t->n && t->p[t->i] != '\n')
                    t->i++;
                continue;
            }
        }
        if (left(t) >= 3 && t->p[t->i] == '(' && t->p[t->i + 1] == '?' && t->p[t->i + 2] == '#') {
            size_t at = t->i;
            while (t->i < t->n && t->p[t->i] != ')')
                t->i++;
            if (t->i >= t->n)
                return fail(t, RX_ERR_SYNTAX, at, "Unterminated (?#...) comment.");
            t->i++;
            continue;
        }
        return true;
    }
}

/* ScanDecimal: the digits at the cursor. */
static bool scan_decimal(struct tr *t, long *out)
{
    long v = 0;
    size_t at = t->i;
    *out = 0;
    while (t->i < t->n && t->p[t->i] >= '0' && t->p[t->i] <= '9') {
        int d = t->p[t->i++] - '0';
        if (v > (2147483647L - d) / 10)
            return fail(t, RX_ERR_SYNTAX, at,
                        "Capture group numbers must be less than or equal to Int32.MaxValue.");
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

/* ScanCapname: the word characters at the cursor (may be none). */
static void scan_capname(struct tr *t, const char **name, size_t *len)
{
    size_t start = t->i;
    while (t->i < t->n) {
        size_t save = t->i;
        if (!is_word_cp(next_cp(t))) {
            t->i = save;
            break;
        }
    }
    *name = t->p + start;
    *len = t->i - start;
}

/* IsTrueQuantifier: * + ? or a well-formed {n}, {n,} or {n,m} at the cursor. */
static bool is_true_quantifier(const struct tr *t)
{
    if (t->i >= t->n)
        return false;
    char c = t->p[t->i];
    if (c != '{')
        return c == '*' || c == '+' || c == '?';
    size_t k = t->i + 1;
    size_t d0 = k;
    while (k < t->n && t->p[k] >= '0' && t->p[k] <= '9')
        k++;
    if (k == d0 || k >= t->n)
        return false;
    if (t->p[k] == '}')
        return true;
    if (t->p[k] != ',')
        return false;
    k++;
    while (k < t->n && t->p[k] >= '0' && t->p[k] <= '9')
        k++;
    return k < t->n && t->p[k] == '}';
}

/* {-------------------------------------------------------- groups and numbers */

static bool slot_exists(const struct tr *t, long num)
{
    size_t lo = 0, hi = t->nnums;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->nums[mid] == num)
            return true;
        if (t->nums[mid] < num)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* The .NET number of the group called name, or -1. */
static long name_number(const struct tr *t, const char *name, size_t len)
{
    for (size_t k = 0; k < t->nrec; k++)
        if (t->rec[k].kind == G_NAMED && t->rec[k].nlen == len &&
            memcmp(t->rec[k].name, name, len) == 0)
            return t->rec[k].num;
    return -1;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/*
** .NET's numbering (RegexParser.AssignNameSlots): unnamed groups are 1, 2,
** ... left to right; explicitly numbered ones keep their number; then each
** distinct name, in order of first appearance, takes the lowest unused
** number above the unnamed ones.
*/
static void number_groups(struct tr *t)
{
    long autocap = 1;
    long *used = emsh_xmalloc((t->nrec + 1) * sizeof *used);
    size_t nused = 0;
    used[nused++] = 0;
    for (size_t k = 0; k < t->nrec; k++) {
        if (t->rec[k].kind == G_AUTO)
            t->rec[k].num = autocap++;
        if (t->rec[k].kind != G_NAMED)
            used[nused++] = t->rec[k].num;
    }
    qsort(used, nused, sizeof *used, cmp_long);
    long *extra = emsh_xmalloc((t->nrec + 1) * sizeof *extra);
    size_t nextra = 0;
    for (size_t k = 0; k < t->nrec; k++) {
        struct grec *g = &t->rec[k];
        if (g->kind != G_NAMED)
            continue;
        size_t first = k;
        for (size_t j = 0; j < k; j++)
            if (t->rec[j].kind == G_NAMED && t->rec[j].nlen == g->nlen &&
                memcmp(t->rec[j].name, g->name, g->nlen) == 0) {
                first = j;
                break;
            }
        if (first != k) {
            g->num = t->rec[first].num;
            continue;
        }
        while (bsearch(&autocap, used, nused, sizeof *used, cmp_long))
            autocap++;
        g->num = autocap++;
        extra[nextra++] = g->num;
    }
    /* all numbers, sorted and unique */
    t->nums = emsh_xrealloc(used, (nused + nextra) * sizeof *used);
    memcpy(t->nums + nused, extra, nextra * sizeof *extra);
    free(extra);
    size_t total = nused + nextra;
    qsort(t->nums, total, sizeof *t->nums, cmp_long);
    size_t u = 0;
    for (size_t k = 0; k < total; k++)
        if (u == 0 || t->nums[u - 1] != t->nums[k])
            t->nums[u++] = t->nums[k];
    t->nnums = u;
}

/* A capturing "(": pass 1 records it, pass 2 emits it. */
static void capture(struct tr *t, enum grp_kind kind, const char *name, size_t nlen, long num)
{
    if (t->pass == 1) {
        if (t->nrec == t->caprec) {
            t->caprec = t->caprec ? 2 * t->caprec : 8;
            t->rec = emsh_xrealloc(t->rec, t->caprec * sizeof *t->rec);
        }
        t->rec[t->nrec++] = (struct grec){kind, name, nlen, num};
    }
    t->ncap++;
    buf_putc(&t->out, '(');
}

/* A back-reference to .NET group num (known to exist). */
static void emit_backref(struct tr *t, long num)
{
    if (t->pass == 1)
        return;
    size_t hits = 0;
    for (size_t k = 0; k < t->nrec; k++)
        hits += t->rec[k].num == num;
    if (hits == 0) { /* \k<0>: group 0 is never complete inside itself */
        buf_puts(&t->out, "(?!)");
        return;
    }
    if (hits > 1)
        buf_puts(&t->out, "(?:");
    size_t seen = 0;
    for (size_t k = 0; k < t->nrec; k++) {
        if (t->rec[k].num != num)
            continue;
        if (seen++)
            buf_putc(&t->out, '|');
        buf_printf(&t->out, "\\g{%zu}", k + 1);
    }
    if (hits > 1)
        buf_putc(&t->out, ')');
}

/* The PCRE2 number of the first group with .NET number num, or 0. */
static size_t first_pcre_group(const struct tr *t, long num)
{
    for (size_t k = 0; k < t->nrec; k++)
        if (t->rec[k].num == num)
            return k + 1;
    return 0;
}

/* {-------------------------------------------------------- escapes */

/* ScanHex: exactly n hex digits. */
static bool scan_hex(struct tr *t, int n, uint32_t *out)
{
    uint32_t v = 0;
    size_t at = t->i;
    if (left(t) >= (size_t)n) {
        for (; n > 0; n--) {
            int d = hex_digit(peekc(t, 0));
            if (d < 0)
                break;
            t->i++;
            v = v * 16 + (uint32_t)d;
        }
    }
    if (n > 0)
        return fail(t, RX_ERR_SYNTAX, at, "Insufficient hexadecimal digits.");
    *out = v;
    return true;
}

/*
** ScanCharEscape: the character of the escape after a backslash (the
** cursor is on the character after the backslash). \uD83D\uDE00 pairs are
** joined into one code point; a lone surrogate comes back as itself.
*/
static bool char_escape(struct tr *t, bool ecma, uint32_t *out)
{
    size_t at = t->i - 1;
    int c = peekc(t, 0);
    if (c >= '0' && c <= '7') { /* ScanOctal: up to 3 digits, kept to 8 bits */
        uint32_t v = 0;
        for (int k = 0; k < 3 && peekc(t, 0) >= '0' && peekc(t, 0) <= '7'; k++)
            v = v * 8 + (uint32_t)(t->p[t->i++] - '0');
        *out = v & 0xFF;
        return true;
    }
    uint32_t ch = next_cp(t);
    switch (ch) {
    case 'x':
        return scan_hex(t, 2, out);
    case 'u':
        if (!scan_hex(t, 4, out))
            return false;
        if (*out >= 0xD800 && *out <= 0xDBFF && left(t) >= 6 && t->p[t->i] == '\\' &&
            t->p[t->i + 1] == 'u') {
            uint32_t lo = 0;
            int k;
            for (k = 0; k < 4; k++) {
                int d = hex_digit((unsigned char)t->p[t->i + 2 + (size_t)k]);
                if (d < 0)
                    break;
                lo = lo * 16 + (uint32_t)d;
            }
            if (k == 4 && lo >= 0xDC00 && lo <= 0xDFFF) {
                t->i += 6;
                *out = 0x10000 + ((*out - 0xD800) << 10) + (lo - 0xDC00);
            }
        }
        return true;
    case 'a':
        *out = 0x07;
        return true;
    case 'b':
        *out = 0x08;
        return true;
    case 'e':
        *out = 0x1B;
        return true;
    case 'f':
        *out = 0x0C;
        return true;
    case 'n':
        *out = 0x0A;
        return true;
    case 'r':
        *out = 0x0D;
        return true;
    case 't':
        *out = 0x09;
        return true;
    case 'v':
        *out = 0x0B;
        return true;
    case 'c': { /* ScanControl */
        if (t->i >= t->n)
            return fail(t, RX_ERR_SYNTAX, at, "Missing control character.");
        uint32_t k = next_cp(t);
        if (k >= 'a' && k <= 'z')
            k -= 'a' - 'A';
        if (k >= '@' && k - '@' < ' ') {
            *out = k - '@';
            return true;
        }
        return fail(t, RX_ERR_SYNTAX, at, "Unrecognized control character.");
    }
    default:
        if (!ecma && is_word_cp(ch)) {
            char u[5] = {0};
            utf8_encode(ch, u);
            return fail(t, RX_ERR_SYNTAX, at, "Unrecognized escape sequence \\%s.", u);
        }
        *out = ch;
        return true;
    }
}

/* {-------------------------------------------------------- character classes */

/* Adds one character to a PCRE2 class body. */
static void class_char(struct buf *o, uint32_t c)
{
    if (!no_char(c))
        emit_cp(o, c);
}

/*
** Adds the range lo..hi to a PCRE2 class body. Surrogate code points are
** left out (UTF-8 text has none); a range that covers all of them covers
** the supplementary characters they would encode in .NET.
*/
static void class_range(struct buf *o, uint32_t lo, uint32_t hi)
{
    if (hi > 0x10FFFF)
        hi = 0x10FFFF;
    if (lo > hi)
        return;
    bool all_surrogates = lo <= 0xD800 && hi >= 0xDFFF;
    if (lo <= 0xD7FF) {
        uint32_t h = hi < 0xD7FF ? hi : 0xD7FF;
        emit_cp(o, lo);
        if (h > lo) {
            buf_putc(o, '-');
            emit_cp(o, h);
        }
    }
    if (hi >= 0xE000) {
        uint32_t l = lo > 0xE000 ? lo : 0xE000;
        emit_cp(o, l);
        if (hi > l) {
            buf_putc(o, '-');
            emit_cp(o, hi);
        }
    }
    if (all_surrogates && hi < 0x10000) {
        emit_cp(o, 0x10000);
        buf_putc(o, '-');
        emit_cp(o, 0x10FFFF);
    }
}

/*
** ParseProperty: the name of \p{name} (cursor after the p) and what PCRE2
** needs for it. In a class (in_class) the result is class-body text;
** outside, a complete item.
*/
static bool property(struct tr *t, size_t at, bool negate, bool in_class, struct buf *o)
{
    if (left(t) < 3)
        return fail(t, RX_ERR_SYNTAX, at, "Incomplete \\p{X} character escape.");
    if (t->p[t->i++] != '{')
        return fail(t, RX_ERR_SYNTAX, at, "Malformed \\p{X} character escape.");
    size_t start = t->i;
    while (t->i < t->n) {
        size_t save = t->i;
        uint32_t c = next_cp(t);
        if (!(is_word_cp(c) || c == '-')) {
            t->i = save;
            break;
        }
    }
    size_t end = t->i;
    if (t->i >= t->n || t->p[t->i++] != '}')
        return fail(t, RX_ERR_SYNTAX, at, "Incomplete \\p{X} character escape.");
    const char *name = t->p + start;
    size_t len = end - start;

    for (size_t k = 0; k < EMSH_ARRAY_SIZE(categories); k++) {
        if (strlen(categories[k]) != len || memcmp(categories[k], name, len) != 0)
            continue;
        /* As .NET does, a case-insensitive Lu, Ll or Lt is any cased letter. */
        bool cased = (t->opts & RX_IGNORECASE) && len == 2 && name[0] == 'L' &&
                     (name[1] == 'u' || name[1] == 'l' || name[1] == 't');
        buf_printf(o, "\\%c{%s}", negate ? 'P' : 'p', cased ? "L&" : categories[k]);
        return true;
    }
    for (size_t k = 0; k < EMSH_ARRAY_SIZE(blocks); k++) {
        const struct block *b = &blocks[k];
        if (strlen(b->name) != len || memcmp(b->name, name, len) != 0)
            continue;
        if (!in_class) {
            buf_puts(o, negate ? "[^" : "[");
            class_range(o, b->lo, b->hi);
        } else if (!negate) {
            class_range(o, b->lo, b->hi);
        } else { /* a negated block inside a class: its complement */
            if (b->lo > 0)
                class_range(o, 0, b->lo - 1);
            if (b->hi < 0x10FFFF)
                class_range(o, b->hi + 1, 0x10FFFF);
        }
        if (!in_class)
            buf_putc(o, ']');
        return true;
    }
    return fail(t, RX_ERR_SYNTAX, at, "Unknown property '%.*s'.", (int)len, name);
}

/*
** ScanCharClass: the class after its "[" (the cursor is past it). Appends
** a complete PCRE2 item to o: "[...]", or for a subtraction
** [base-[sub]] the lookahead form "(?:(?!SUB)[base])".
*/
static bool char_class(struct tr *t, size_t at, struct buf *o)
{
    struct buf body = BUF_INIT, sub = BUF_INIT;
    bool neg = false, first = true, in_range = false, closed = false, has_sub = false;
    uint32_t prev = 0;

    if (t->i < t->n && t->p[t->i] == '^') {
        t->i++;
        neg = true;
    }
    for (; t->i < t->n; first = false) {
        bool translated = false;
        size_t ch_at = t->i;
        uint32_t ch = next_cp(t);
        if (ch == ']' && !first) {
            closed = true;
            break;
        }
        if (ch == '\\' && t->i < t->n) {
            int e = peekc(t, 0);
            switch (e) {
            case 'D':
            case 'd':
            case 'S':
            case 's':
            case 'W':
            case 'w':
                t->i++;
                if (in_range) {
                    fail(t, RX_ERR_SYNTAX, ch_at, "Cannot include class \\%c in character range.",
                         e);
                    goto out;
                }
                buf_printf(&body, "\\%c", e);
                continue;
            case 'p':
            case 'P':
                t->i++;
                if (in_range) {
                    fail(t, RX_ERR_SYNTAX, ch_at, "Cannot include class \\%c in character range.",
                         e);
                    goto out;
                }
                if (!property(t, ch_at, e == 'P', true, &body))
                    goto out;
                continue;
            case '-':
                t->i++;
                class_char(&body, '-');
                continue;
            default:
                if (!char_escape(t, t->ecma, &ch))
                    goto out;
                translated = true;
                break;
            }
        } else if (ch == '[') {
            /* [:name:] is skipped, as .NET does (it never implemented POSIX classes) */
            if (t->i < t->n && t->p[t->i] == ':' && !in_range) {
                size_t save = t->i;
                const char *nm;
                size_t nl;
                t->i++;
                scan_capname(t, &nm, &nl);
                if (left(t) < 2 || t->p[t->i++] != ':' || t->p[t->i++] != ']')
                    t->i = save;
            }
        }

        if (in_range) {
            in_range = false;
            if (ch == '[' && !translated && !first) {
                class_char(&body, prev);
                if (!char_class(t, ch_at, &sub))
                    goto out;
                has_sub = true;
                if (t->i < t->n && t->p[t->i] != ']') {
                    fail(t, RX_ERR_SYNTAX, t->i,
                         "A subtraction must be the last element in a character class.");
                    goto out;
                }
            } else {
                if (prev > ch) {
                    fail(t, RX_ERR_SYNTAX, ch_at, "[x-y] range in reverse order.");
                    goto out;
                }
                class_range(&body, prev, ch);
            }
        } else if (left(t) >= 2 && t->p[t->i] == '-' && t->p[t->i + 1] != ']') {
            prev = ch;
            in_range = true;
            t->i++;
        } else if (left(t) >= 1 && ch == '-' && !translated && t->p[t->i] == '[' && !first) {
            t->i++;
            if (!char_class(t, t->i - 1, &sub))
                goto out;
            has_sub = true;
            if (t->i < t->n && t->p[t->i] != ']') {
                fail(t, RX_ERR_SYNTAX, t->i,
                     "A subtraction must be the last element in a character class.");
                goto out;
            }
        } else {
            class_char(&body, ch);
        }
    }
    if (!closed) {
        fail(t, RX_ERR_SYNTAX, at, "Unterminated [] set.");
        goto out;
    }
    if (has_sub) {
        buf_puts(o, "(?:(?!");
        buf_add(o, sub.s, sub.len);
        buf_putc(o, ')');
    }
    if (body.len == 0) /* only lone surrogates: nothing, or anything when negated */
        buf_puts(o, neg ? "(?s:.)" : "(?!)");
    else {
        buf_puts(o, neg ? "[^" : "[");
        buf_add(o, body.s, body.len);
        buf_putc(o, ']');
    }
    if (has_sub)
        buf_putc(o, ')');
out:
    buf_release(&body);
    buf_release(&sub);
    return !t->failed;
}

/* {-------------------------------------------------------- backslash */

enum unit { U_NONE, U_ATOM, U_ANCHOR };

/*
** ScanBasicBackslash: back-references (\1, \k<name>, \k'name', \<name>)
** and character escapes. The cursor is on the character after "\".
*/
static bool basic_backslash(struct tr *t, size_t at)
{
    size_t back = t->i;
    bool angled = false;
    char close = 0;
    int c = peekc(t, 0);

    if (c == 'k') {
        if (left(t) >= 2) {
            t->i++;
            c = (unsigned char)t->p[t->i++];
            if (c == '<' || c == '\'') {
                angled = true;
                close = c == '\'' ? '\'' : '>';
            }
        }
        if (!angled || left(t) == 0)
            return fail(t, RX_ERR_SYNTAX, at, "Malformed \\k<...> named back reference.");
        c = peekc(t, 0);
    } else if ((c == '<' || c == '\'') && left(t) > 1) {
        angled = true;
        close = c == '\'' ? '\'' : '>';
        t->i++;
        c = peekc(t, 0);
    }

    if (angled && c >= '0' && c <= '9') {
        long num = 0;
        if (!scan_decimal(t, &num))
            return false;
        if (t->i < t->n && t->p[t->i++] == close) {
            if (t->pass == 1 || slot_exists(t, num)) {
                emit_backref(t, num);
                return true;
            }
            return fail(t, RX_ERR_SYNTAX, at, "Reference to undefined group number %ld.", num);
        }
    } else if (!angled && c >= '1' && c <= '9') {
        long num = 0;
        if (!scan_decimal(t, &num))
            return false;
        if (t->pass == 1 || slot_exists(t, num)) {
            emit_backref(t, num);
            return true;
        }
        if (num <= 9)
            return fail(t, RX_ERR_SYNTAX, at, "Reference to undefined group number %ld.", num);
    } else if (angled && c >= 0) {
        size_t save = t->i;
        bool word = is_word_cp(next_cp(t));
        t->i = save;
        if (word) {
            const char *name;
            size_t len;
            scan_capname(t, &name, &len);
            if (t->i < t->n && t->p[t->i++] == close) {
                if (t->pass == 1) {
                    emit_backref(t, 0);
                    return true;
                }
                long num = name_number(t, name, len);
                if (num >= 0) {
                    emit_backref(t, num);
                    return true;
                }
                return fail(t, RX_ERR_SYNTAX, at, "Reference to undefined group name %.*s.",
                            (int)len, name);
            }
        }
    }

    /* not a back-reference: a character escape */
    t->i = back;
    uint32_t ch;
    if (!char_escape(t, t->ecma, &ch))
        return false;
    emit_literal(t, ch);
    return true;
}

/* ScanBackslash: the item after "\" (the cursor is past it). */
static bool backslash(struct tr *t, size_t at, enum unit *unit)
{
    if (t->i >= t->n)
        return fail(t, RX_ERR_SYNTAX, at, "Illegal \\ at end of pattern.");
    int c = peekc(t, 0);
    switch (c) {
    case 'G':
        t->has_G = true;
        /* fallthrough */
    case 'b':
    case 'B':
    case 'A':
    case 'Z':
    case 'z':
        t->i++;
        buf_printf(&t->out, "\\%c", c);
        *unit = U_ANCHOR;
        return true;
    case 'w':
    case 'W':
    case 's':
    case 'S':
    case 'd':
    case 'D':
        t->i++;
        buf_printf(&t->out, "\\%c", c);
        *unit = U_ATOM;
        return true;
    case 'p':
    case 'P':
        t->i++;
        *unit = U_ATOM;
        return property(t, at, c == 'P', false, &t->out);
    default:
        *unit = U_ATOM;
        return basic_backslash(t, at);
    }
}

/* {-------------------------------------------------------- groups */

static struct frame *push_frame(struct tr *t)
{
    if (t->depth == t->capstack) {
        t->capstack = t->capstack ? 2 * t->capstack : 16;
        t->stack = emsh_xrealloc(t->stack, t->capstack * sizeof *t->stack);
    }
    struct frame *f = &t->stack[t->depth++];
    *f = (struct frame){t->opts, t->out.len, 0, false, false, 0};
    return f;
}

static unsigned option_from_code(int c)
{
    switch (c | 0x20) {
    case 'i':
        return RX_IGNORECASE;
    case 'm':
        return RX_MULTILINE;
    case 'n':
        return RX_EXPLICITCAPTURE;
    case 's':
        return RX_SINGLELINE;
    case 'x':
        return RX_IGNOREPATTERNWS;
    default:
        return 0;
    }
}

/* Writes PCRE2's spelling of the i, m and s options switched on and off. */
static void emit_option_letters(struct buf *o, unsigned on, unsigned off)
{
    static const struct {
        unsigned bit;
        char c;
    } map[] = {{RX_IGNORECASE, 'i'}, {RX_MULTILINE, 'm'}, {RX_SINGLELINE, 's'}};
    for (size_t k = 0; k < EMSH_ARRAY_SIZE(map); k++)
        if (on & map[k].bit)
            buf_putc(o, map[k].c);
    if (off & (RX_IGNORECASE | RX_MULTILINE | RX_SINGLELINE)) {
        buf_putc(o, '-');
        for (size_t k = 0; k < EMSH_ARRAY_SIZE(map); k++)
            if (off & map[k].bit)
                buf_putc(o, map[k].c);
    }
}

/*
** Opens the output of a group. As the test of a conditional (cond), the
** group must become an assertion: lookarounds stay as they are, anything
** else is wrapped in a lookahead.
*/
static void open_out(struct tr *t, struct frame *f, bool cond, const char *text)
{
    bool lookaround = strcmp(text, "(?=") == 0 || strcmp(text, "(?!") == 0 ||
                      strcmp(text, "(?<=") == 0 || strcmp(text, "(?<!") == 0;
    if (cond && !lookaround) {
        if (strcmp(text, "(?:") == 0) {
            buf_puts(&t->out, "(?=");
            return;
        }
        buf_puts(&t->out, "(?=");
        f->extra_close++;
    }
    buf_puts(&t->out, text);
}

/* A conditional (?(...)yes|no); the cursor is past "(?(". */
static bool conditional(struct tr *t, size_t at, struct frame *f)
{
    size_t paren = t->i; /* past the inner "(" */
    int c = peekc(t, 0);
    if (c >= '0' && c <= '9') {
        long num = 0;
        if (!scan_decimal(t, &num))
            return false;
        if (t->i < t->n && t->p[t->i++] == ')') {
            if (t->pass == 2 && !slot_exists(t, num))
                return fail(t, RX_ERR_SYNTAX, at, "(?(%ld) ) reference to undefined group.", num);
            size_t k = t->pass == 2 ? first_pcre_group(t, num) : 1;
            if (k == 0) /* group 0: never complete while it is being matched */
                buf_puts(&t->out, "(?(?!)");
            else
                buf_printf(&t->out, "(?(%zu)", k);
            f->cond = true;
            return true;
        }
        return fail(t, RX_ERR_SYNTAX, at, "(?(%ld) ) malformed.", num);
    }
    if (c >= 0) {
        size_t save = t->i;
        bool word = is_word_cp(next_cp(t));
        t->i = save;
        if (word && t->pass == 2) {
            const char *name;
            size_t len;
            scan_capname(t, &name, &len);
            long num = name_number(t, name, len);
            if (num >= 0 && t->i < t->n && t->p[t->i++] == ')') {
                buf_printf(&t->out, "(?(%zu)", first_pcre_group(t, num));
                f->cond = true;
                return true;
            }
        }
    }
    /* not a reference: the test is the group that follows, as a lookahead */
    t->i = paren - 1;
    if (left(t) >= 3 && t->p[t->i + 1] == '?') {
        char r2 = t->p[t->i + 2];
        if (r2 == '#')
            return fail(t, RX_ERR_SYNTAX, at, "Alternation conditions cannot be comments.");
        if (r2 == '\'' ||
            (left(t) >= 4 && r2 == '<' && t->p[t->i + 3] != '!' && t->p[t->i + 3] != '='))
            return fail(t, RX_ERR_SYNTAX, at,
                        "Alternation conditions do not capture and cannot be named.");
    }
    buf_puts(&t->out, "(?"); /* the test group's own "(" completes PCRE2's "(?(" */
    f->cond = true;
    t->ignore_next_paren = true;
    t->cond_next = true;
    return true;
}

/* ScanGroupOpen: the construct after "(" (the cursor is past it). */
static bool group_open(struct tr *t, size_t at)
{
    bool cond = t->cond_next, ignore = t->ignore_next_paren;
    t->cond_next = false;
    t->ignore_next_paren = false;
    struct frame *f = push_frame(t);
    f->test = cond;

    if (t->i >= t->n || t->p[t->i] != '?' || (left(t) > 1 && t->p[t->i + 1] == ')')) {
        if ((t->opts & RX_EXPLICITCAPTURE) || ignore) {
            open_out(t, f, cond, "(?:");
        } else {
            capture(t, G_AUTO, NULL, 0, 0);
        }
        return true;
    }
    t->i++; /* the ? */
    if (t->i >= t->n)
        return fail(t, RX_ERR_SYNTAX, at, "Unrecognized grouping construct.");
    char close = '>';
    char c = t->p[t->i++];
    switch (c) {
    case ':':
        open_out(t, f, cond, "(?:");
        return true;
    case '=':
        open_out(t, f, cond, "(?=");
        return true;
    case '!':
        open_out(t, f, cond, "(?!");
        return true;
    case '>':
        open_out(t, f, cond, "(?>");
        return true;
    case '(':
        return conditional(t, at, f);
    case '\'':
        close = '\'';
        /* fallthrough */
    case '<': {
        if (t->i >= t->n)
            return fail(t, RX_ERR_SYNTAX, at, "Unrecognized grouping construct.");
        int c2 = (unsigned char)t->p[t->i];
        if ((c2 == '=' || c2 == '!') && close == '>') {
            t->i++;
            open_out(t, f, cond, c2 == '=' ? "(?<=" : "(?<!");
            return true;
        }
        if (c2 == '=' || c2 == '!')
            return fail(t, RX_ERR_SYNTAX, at, "Unrecognized grouping construct.");
        long num = -1;
        const char *name = NULL;
        size_t nlen = 0;
        bool proceed = false;
        size_t save = t->i;
        uint32_t cp = next_cp(t);
        t->i = save;
        if (c2 >= '0' && c2 <= '9') {
            if (!scan_decimal(t, &num))
                return false;
            if (t->i < t->n && !(t->p[t->i] == close || t->p[t->i] == '-'))
                return fail(t, RX_ERR_SYNTAX, at,
                            "Invalid group name: Group names must begin with a word character.");
            if (num == 0)
                return fail(t, RX_ERR_SYNTAX, at, "Capture number cannot be zero.");
        } else if (is_word_cp(cp)) {
            scan_capname(t, &name, &nlen);
            if (t->i < t->n && !(t->p[t->i] == close || t->p[t->i] == '-'))
                return fail(t, RX_ERR_SYNTAX, at,
                            "Invalid group name: Group names must begin with a word character.");
        } else if (c2 == '-') {
            proceed = true;
        } else {
            return fail(t, RX_ERR_SYNTAX, at,
                        "Invalid group name: Group names must begin with a word character.");
        }
        if ((num >= 0 || name || proceed) && left(t) > 1 && t->p[t->i] == '-')
            return fail(t, RX_ERR_UNSUPPORTED, at,
                        "Balancing group definitions (?<name1-name2>...) are not supported.");
        if ((num >= 0 || name) && t->i < t->n && t->p[t->i++] == close) {
            if (cond)
                return fail(t, RX_ERR_SYNTAX, at,
                            "Alternation conditions do not capture and cannot be named.");
            capture(t, name ? G_NAMED : G_NUMBERED, name, nlen, num);
            return true;
        }
        return fail(t, RX_ERR_SYNTAX, at, "Unrecognized grouping construct.");
    }
    default: {
        t->i--;
        if (cond) { /* .NET reads no options in a conditional's test */
            if (t->p[t->i++] != ':')
                return fail(t, RX_ERR_SYNTAX, at, "Unrecognized grouping construct.");
            open_out(t, f, cond, "(?:");
            return true;
        }
        /* ScanOptions: (?imnsx-imnsx) or (?imnsx-imnsx:...) */
        unsigned on = 0, off = 0;
        bool neg = false;
        for (; t->i < t->n; t->i++) {
            char k = t->p[t->i];
            if (k == '-') {
                neg = true;
            } else if (k == '+') {
                neg = false;
            } else {
                unsigned o = option_from_code((unsigned char)k);
                if (!o)
                    break;
                if (neg) {
                    t->opts &= ~o;
                    off |= o;
                    on &= ~o;
                } else {
                    t->opts |= o;
                    on |= o;
                    off &= ~o;
                }
            }
        }
        if (t->i >= t->n)
            return fail(t, RX_ERR_SYNTAX, at, "Unrecognized grouping construct.");
        c = t->p[t->i++];
        if (c == ')') {
            /* options only: they last to the end of the enclosing group */
            t->depth--;
            if ((on | off) & (RX_IGNORECASE | RX_MULTILINE | RX_SINGLELINE)) {
                buf_puts(&t->out, "(?");
                emit_option_letters(&t->out, on, off);
                buf_putc(&t->out, ')');
            }
            return true;
        }
        if (c != ':')
            return fail(t, RX_ERR_SYNTAX, at, "Unrecognized grouping construct.");
        struct buf g = BUF_INIT;
        buf_puts(&g, "(?");
        emit_option_letters(&g, on, off);
        buf_putc(&g, ':');
        open_out(t, f, cond, buf_cstr(&g));
        buf_release(&g);
        return true;
    }
    }
}

static bool group_close(struct tr *t, size_t at, size_t *unit_out, bool *test)
{
    if (t->depth == 0)
        return fail(t, RX_ERR_SYNTAX, at, "Too many )'s.");
    struct frame f = t->stack[--t->depth];
    buf_putc(&t->out, ')');
    for (int k = 0; k < f.extra_close; k++)
        buf_putc(&t->out, ')');
    t->opts = f.opts;
    *unit_out = f.out_start;
    *test = f.test;
    return true;
}

/* {-------------------------------------------------------- quantifiers */

/* The quantifier at the cursor (known to be a true one) for the unit written from unit_out. */
static bool quantifier(struct tr *t, enum unit unit, size_t unit_out)
{
    size_t at = t->i;
    char c = t->p[t->i++];
    long min = 0, max = -1; /* -1: no upper bound */
    if (unit == U_ANCHOR) {
        /* PCRE2 will not repeat an assertion, but it repeats a group around one */
        size_t k = t->out.len - unit_out;
        buf_grow(&t->out, 4);
        memmove(t->out.s + unit_out + 3, t->out.s + unit_out, k);
        memcpy(t->out.s + unit_out, "(?:", 3);
        t->out.len += 3;
        buf_putc(&t->out, ')');
    }
    if (c == '*') {
        buf_putc(&t->out, '*');
    } else if (c == '+') {
        buf_putc(&t->out, '+');
    } else if (c == '?') {
        buf_putc(&t->out, '?');
    } else {
        if (!scan_decimal(t, &min))
            return false;
        max = min;
        if (t->p[t->i] == ',') {
            t->i++;
            max = -1;
            if (t->p[t->i] != '}' && !scan_decimal(t, &max))
                return false;
        }
        t->i++; /* } */
        if (max >= 0 && min > max)
            return fail(t, RX_ERR_SYNTAX, at, "Illegal {x,y} with x > y.");
        if (min > 65535)
            return fail(t, RX_ERR_UNSUPPORTED, at,
                        "Quantifier counts above 65535 are not supported.");
        if (max > 65535)
            max = -1; /* as good as unbounded */
        if (max == min)
            buf_printf(&t->out, "{%ld}", min);
        else if (max < 0)
            buf_printf(&t->out, "{%ld,}", min);
        else
            buf_printf(&t->out, "{%ld,%ld}", min, max);
    }
    if (!scan_blank(t))
        return false;
    if (t->i < t->n && t->p[t->i] == '?') {
        t->i++;
        buf_putc(&t->out, '?');
    }
    return true;
}

/* {-------------------------------------------------------- the pattern */

/* ScanRegex: one pass over the whole pattern. */
static bool scan_regex(struct tr *t)
{
    bool was_quant = false;
    for (;;) {
        if (!scan_blank(t))
            return false;
        if (t->i >= t->n)
            break;
        size_t at = t->i;
        size_t unit_out = t->out.len;
        enum unit unit = U_ATOM;
        bool test = false;
        int c = (unsigned char)t->p[t->i];
        switch (c) {
        case '(':
            t->i++;
            if (!group_open(t, at))
                return false;
            was_quant = false;
            continue;
        case ')':
            t->i++;
            if (!group_close(t, at, &unit_out, &test))
                return false;
            break;
        case '|':
            t->i++;
            if (t->depth > 0 && t->stack[t->depth - 1].cond &&
                ++t->stack[t->depth - 1].nalts > 1)
                return fail(t, RX_ERR_SYNTAX, at, "Too many | in (?()|).");
            buf_putc(&t->out, '|');
            was_quant = false;
            continue;
        case '[':
            t->i++;
            if (!char_class(t, at, &t->out))
                return false;
            break;
        case '\\':
            t->i++;
            if (!backslash(t, at, &unit))
                return false;
            break;
        case '^':
        case '$':
            t->i++;
            buf_putc(&t->out, (char)c);
            unit = U_ANCHOR;
            break;
        case '.':
            t->i++;
            buf_putc(&t->out, '.');
            break;
        case '*':
        case '+':
        case '?':
        case '{':
            if (c != '{' || is_true_quantifier(t)) {
                if (was_quant)
                    return fail(t, RX_ERR_SYNTAX, at, "Nested quantifier %c.", c);
                return fail(t, RX_ERR_SYNTAX, at, "Quantifier {x,y} following nothing.");
            }
            /* fallthrough - a { that starts no quantifier is a literal */
        default:
            emit_literal(t, next_cp(t));
            break;
        }
        if (!scan_blank(t))
            return false;
        was_quant = false;
        if (is_true_quantifier(t)) {
            if (test) /* PCRE2's condition must be a bare assertion */
                return fail(t, RX_ERR_UNSUPPORTED, t->i,
                            "A quantifier on the test of a (?(...)yes|no) conditional is not "
                            "supported.");
            if (!quantifier(t, unit, unit_out))
                return false;
            was_quant = true;
        }
    }
    if (t->depth > 0)
        return fail(t, RX_ERR_SYNTAX, t->n, "Not enough )'s.");
    return true;
}

/* Runs one pass from the start of the pattern. */
static bool run_pass(struct tr *t, int pass, unsigned flags)
{
    t->pass = pass;
    t->i = 0;
    t->opts = flags & INLINE_OPTS;
    t->depth = 0;
    t->ncap = 0;
    t->ignore_next_paren = false;
    t->cond_next = false;
    t->has_G = false;
    buf_reset(&t->out);
    return scan_regex(t);
}

/* {======================================================= compiled patterns */

struct rx_group {
    long num;
    char *name;
    bool named;
};

struct rx {
    int refs;
    unsigned flags;
    char *pattern;
    size_t patlen;
    pcre2_code *code;
    size_t ngroups;
    struct rx_group *groups; /* by index */
    size_t npcre;            /* PCRE2 capture groups */
    size_t *pmap;            /* PCRE2 group k (1..npcre) -> index, at pmap[k] */
    bool has_G;
};

static unsigned long compiles;

static void rx_free(struct rx *rx)
{
    if (rx->code)
        pcre2_code_free(rx->code);
    for (size_t i = 0; i < rx->ngroups; i++)
        free(rx->groups[i].name);
    free(rx->groups);
    free(rx->pmap);
    free(rx->pattern);
    free(rx);
}

static long index_of_number(const struct rx *rx, long num)
{
    size_t lo = 0, hi = rx->ngroups;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (rx->groups[mid].num == num)
            return (long)mid;
        if (rx->groups[mid].num < num)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Builds the group table of rx from the translator's records. */
static void build_groups(struct rx *rx, const struct tr *t)
{
    rx->ngroups = t->nnums;
    rx->groups = emsh_xmalloc(t->nnums * sizeof *rx->groups);
    for (size_t i = 0; i < t->nnums; i++) {
        struct rx_group *g = &rx->groups[i];
        g->num = t->nums[i];
        g->named = false;
        g->name = NULL;
        for (size_t k = 0; k < t->nrec; k++)
            if (t->rec[k].kind == G_NAMED && t->rec[k].num == g->num) {
                g->name = emsh_xstrndup(t->rec[k].name, t->rec[k].nlen);
                g->named = true;
                break;
            }
        if (!g->name) {
            char num[24];
            snprintf(num, sizeof num, "%ld", g->num);
            g->name = emsh_xstrndup(num, strlen(num));
        }
    }
    rx->npcre = t->nrec;
    rx->pmap = emsh_xmalloc((t->nrec + 1) * sizeof *rx->pmap);
    rx->pmap[0] = 0;
    for (size_t k = 0; k < t->nrec; k++)
        rx->pmap[k + 1] = (size_t)index_of_number(rx, t->rec[k].num);
}

/* PCRE2's complaint about a translated pattern, in .NET's style where one fits. */
static void pcre2_failure(struct rx_error *err, int code, const char *pat, size_t len)
{
    switch (code) {
    case PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH:
    case PCRE2_ERROR_LOOKBEHIND_TOO_COMPLICATED:
    case PCRE2_ERROR_LOOKBEHIND_TOO_LONG:
        set_parse_error(err, RX_ERR_UNSUPPORTED, 0, pat, len,
                        "Lookbehind assertions must have a bounded length here; "
                        "variable-length lookbehind is not supported.");
        return;
    case PCRE2_ERROR_PARENTHESES_NEST_TOO_DEEP:
        set_parse_error(err, RX_ERR_UNSUPPORTED, 0, pat, len, "Groups are nested too deeply.");
        return;
    case PCRE2_ERROR_PATTERN_TOO_LARGE:
    case PCRE2_ERROR_PATTERN_TOO_COMPLICATED:
    case PCRE2_ERROR_TOO_MANY_CAPTURES:
        set_parse_error(err, RX_ERR_UNSUPPORTED, 0, pat, len, "The pattern is too large.");
        return;
    default: {
        PCRE2_UCHAR msg[256];
        char reason[300];
        if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "error %d", code);
        snprintf(reason, sizeof reason, "%s.", (const char *)msg);
        set_parse_error(err, RX_ERR_SYNTAX, 0, pat, len, reason);
    }
    }
}

struct rx *rx_compile(const char *pat, size_t len, unsigned flags, struct rx_error *err)
{
    static const unsigned known = RX_IGNORECASE | RX_MULTILINE | RX_EXPLICITCAPTURE |
                                  RX_COMPILED | RX_SINGLELINE | RX_IGNOREPATTERNWS |
                                  RX_RIGHTTOLEFT | RX_ECMASCRIPT | RX_CULTUREINVARIANT;
    if (!pat)
        pat = "";
    if (flags & ~known) {
        if (err) {
            rx_error_clear(err);
            err->kind = RX_ERR_OPTION;
            err->msg = emsh_xstrndup("Invalid regular expression options.", 35);
        }
        return NULL;
    }
    if (flags & RX_RIGHTTOLEFT) {
        if (err) {
            static const char m[] = "The RightToLeft regular expression option is not supported.";
            rx_error_clear(err);
            err->kind = RX_ERR_OPTION;
            err->msg = emsh_xstrndup(m, sizeof m - 1);
        }
        return NULL;
    }

    struct tr t;
    memset(&t, 0, sizeof t);
    t.p = pat;
    t.n = len;
    t.ecma = (flags & RX_ECMASCRIPT) != 0;
    struct rx *rx = NULL;
    pcre2_compile_context *cc = NULL;

    if (!run_pass(&t, 1, flags))
        goto fail;
    number_groups(&t);
    if (!run_pass(&t, 2, flags))
        goto fail;
    if (EMSH_NEVER(t.ncap != t.nrec)) {
        fail(&t, RX_ERR_SYNTAX, 0, "Internal error in ScanRegex.");
        goto fail;
    }

    uint32_t opts = PCRE2_UTF | PCRE2_ALT_CIRCUMFLEX | PCRE2_MATCH_INVALID_UTF;
    if (!(flags & RX_ECMASCRIPT))
        opts |= PCRE2_UCP;
    if (flags & RX_IGNORECASE)
        opts |= PCRE2_CASELESS;
    if (flags & RX_MULTILINE)
        opts |= PCRE2_MULTILINE;
    if (flags & RX_SINGLELINE)
        opts |= PCRE2_DOTALL;
    cc = pcre2_compile_context_create(NULL);
    if (!cc) {
        fputs("emsh: out of memory\n", stderr);
        abort();
    }
    pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
    pcre2_set_parens_nest_limit(cc, 1000);
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)buf_cstr(&t.out), t.out.len, opts, &ec, &eo, cc);
    if (!code) {
        pcre2_failure(err, ec, pat, len);
        goto out;
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* the interpreter is the fallback */
    compiles++;

    rx = emsh_xmalloc(sizeof *rx);
    memset(rx, 0, sizeof *rx);
    rx->refs = 1;
    rx->flags = flags;
    rx->pattern = emsh_xstrndup(pat, len);
    rx->patlen = len;
    rx->code = code;
    rx->has_G = t.has_G;
    build_groups(rx, &t);
    goto out;

fail:
    set_parse_error(err, t.ekind, t.eoff, pat, len, buf_cstr(&t.reason));
out:
    if (cc)
        pcre2_compile_context_free(cc);
    buf_release(&t.out);
    buf_release(&t.reason);
    free(t.rec);
    free(t.nums);
    free(t.stack);
    return rx;
}

struct rx *rx_retain(struct rx *rx)
{
    if (rx)
        rx->refs++;
    return rx;
}

void rx_release(struct rx *rx)
{
    if (rx && --rx->refs == 0)
        rx_free(rx);
}

const char *rx_pattern(const struct rx *rx, size_t *len)
{
    if (len)
        *len = rx->patlen;
    return rx->pattern;
}

unsigned rx_flags_of(const struct rx *rx)
{
    return rx->flags;
}

unsigned long rx_compile_count(void)
{
    return compiles;
}

/* {-------------------------------------------------------- the cache */

static struct cache_entry {
    struct rx *rx;
    uint64_t hash;
    unsigned long used; /* tick of the last use */
} cache[RX_CACHE_MAX];
static size_t ncache;
static unsigned long tick;

static uint64_t cache_hash(const char *s, size_t n, unsigned flags)
{
    uint64_t h = 1469598103934665603ULL ^ flags;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

struct rx *rx_get(const char *pat, size_t len, unsigned flags, struct rx_error *err)
{
    if (!pat)
        pat = "";
    uint64_t h = cache_hash(pat, len, flags);
    for (size_t k = 0; k < ncache; k++) {
        struct cache_entry *e = &cache[k];
        if (e->hash == h && e->rx->flags == flags && e->rx->patlen == len &&
            memcmp(e->rx->pattern, pat, len) == 0) {
            e->used = ++tick;
            return e->rx;
        }
    }
    struct rx *rx = rx_compile(pat, len, flags, err);
    if (!rx)
        return NULL;
    size_t slot = ncache;
    if (ncache == RX_CACHE_MAX) {
        slot = 0;
        for (size_t k = 1; k < ncache; k++)
            if (cache[k].used < cache[slot].used)
                slot = k;
        rx_release(cache[slot].rx);
    } else {
        ncache++;
    }
    cache[slot] = (struct cache_entry){rx, h, ++tick};
    return rx;
}

void rx_cache_clear(void)
{
    for (size_t k = 0; k < ncache; k++)
        rx_release(cache[k].rx);
    ncache = 0;
    if (word_md)
        pcre2_match_data_free(word_md);
    if (word_re)
        pcre2_code_free(word_re);
    word_md = NULL;
    word_re = NULL;
}

size_t rx_cache_count(void)
{
    return ncache;
}

/* {======================================================= groups */

size_t rx_group_count(const struct rx *rx)
{
    return rx->ngroups;
}

int rx_group_number(const struct rx *rx, size_t i)
{
    return i < rx->ngroups ? (int)rx->groups[i].num : -1;
}

const char *rx_group_name(const struct rx *rx, size_t i)
{
    return i < rx->ngroups ? rx->groups[i].name : NULL;
}

bool rx_group_is_named(const struct rx *rx, size_t i)
{
    return i < rx->ngroups && rx->groups[i].named;
}

long rx_group_index(const struct rx *rx, const char *name, size_t len)
{
    for (size_t i = 0; i < rx->ngroups; i++)
        if (strlen(rx->groups[i].name) == len && memcmp(rx->groups[i].name, name, len) == 0)
            return (long)i;
    return -1;
}

long rx_group_index_of_number(const struct rx *rx, long number)
{
    return index_of_number(rx, number);
}

/* {======================================================= matching */

void rx_match_release(struct rx_match *m)
{
    if (!m)
        return;
    if (m->md_)
        pcre2_match_data_free(m->md_);
    free(m->span);
    *m = (struct rx_match)RX_MATCH_INIT;
}

int rx_exec(const struct rx *rx, const char *s, size_t n, size_t start, struct rx_match *m)
{
    struct rx_match tmp = RX_MATCH_INIT;
    if (!m)
        m = &tmp;
    if (!s)
        s = "";
    int rc = 0;
    if (start > n)
        goto out;
    uint32_t pairs = (uint32_t)rx->npcre + 1;
    if (!m->md_ || m->md_pairs_ < pairs) {
        if (m->md_)
            pcre2_match_data_free(m->md_);
        m->md_ = pcre2_match_data_create(pairs, NULL);
        if (!m->md_) {
            fputs("emsh: out of memory\n", stderr);
            abort();
        }
        m->md_pairs_ = pairs;
    }
    int r = pcre2_match(rx->code, (PCRE2_SPTR)s, n, start, 0, m->md_, NULL);
    if (r == PCRE2_ERROR_JIT_STACKLIMIT) /* the interpreter keeps its stack on the heap */
        r = pcre2_match(rx->code, (PCRE2_SPTR)s, n, start, PCRE2_NO_JIT, m->md_, NULL);
    if (r == PCRE2_ERROR_NOMATCH) {
        rc = 0;
        goto out;
    }
    if (r == PCRE2_ERROR_MATCHLIMIT || r == PCRE2_ERROR_DEPTHLIMIT ||
        r == PCRE2_ERROR_HEAPLIMIT || r == PCRE2_ERROR_JIT_STACKLIMIT ||
        r == PCRE2_ERROR_NOMEMORY) {
        rc = RX_E_LIMIT;
        goto out;
    }
    if (r <= 0) {
        rc = RX_E_INTERNAL;
        goto out;
    }
    if (m->cap_ < rx->ngroups) {
        m->span = emsh_xrealloc(m->span, 2 * rx->ngroups * sizeof *m->span);
        m->cap_ = rx->ngroups;
    }
    m->count = rx->ngroups;
    for (size_t i = 0; i < 2 * rx->ngroups; i++)
        m->span[i] = RX_UNSET;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md_);
    m->span[0] = ov[0];
    m->span[1] = ov[1];
    /* a .NET group that several PCRE2 groups share keeps the last one set */
    for (size_t k = 1; k < (size_t)r; k++) {
        if (ov[2 * k] == PCRE2_UNSET)
            continue;
        size_t i = rx->pmap[k];
        m->span[2 * i] = ov[2 * k];
        m->span[2 * i + 1] = ov[2 * k + 1];
    }
    rc = 1;
out:
    if (m == &tmp)
        rx_match_release(&tmp);
    return rc;
}

void rx_iter_init(struct rx_iter *it, const struct rx *rx, const char *s, size_t n, size_t start)
{
    *it = (struct rx_iter){rx, s ? s : "", n, start, start > n};
}

int rx_iter_next(struct rx_iter *it, struct rx_match *m)
{
    if (it->done)
        return 0;
    int r = rx_exec(it->rx, it->s, it->n, it->pos, m);
    if (r <= 0) {
        it->done = true;
        return r;
    }
    size_t b = m->span[0], e = m->span[1];
    if (e > b) {
        it->pos = e;
    } else if (e >= it->n || it->rx->has_G) {
        /* .NET bumps past an empty match, and \G cannot match after a bump */
        it->done = true;
    } else {
        size_t k = e;
        text_next(it->s, it->n, &k);
        it->pos = k;
    }
    return 1;
}

/* {======================================================= replacing */

enum rpart_kind { R_LIT, R_GROUP, R_LEFT, R_RIGHT, R_WHOLE, R_LAST };

struct rpart {
    enum rpart_kind kind;
    size_t a, b; /* R_LIT: repl[a..b); R_GROUP: group index a */
};

struct rplan {
    struct rpart *v;
    size_t n, cap;
};

static void plan_add(struct rplan *p, enum rpart_kind kind, size_t a, size_t b)
{
    if (kind == R_LIT && p->n > 0 && p->v[p->n - 1].kind == R_LIT && p->v[p->n - 1].b == a) {
        p->v[p->n - 1].b = b;
        return;
    }
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 8;
        p->v = emsh_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    p->v[p->n++] = (struct rpart){kind, a, b};
}

/* Reads digits at r[*i] into *v; false (with *i past them) if they overflow Int32. */
static bool repl_decimal(const char *r, size_t n, size_t *i, long *v)
{
    bool ok = true;
    *v = 0;
    while (*i < n && r[*i] >= '0' && r[*i] <= '9') {
        int d = r[(*i)++] - '0';
        if (*v > (2147483647L - d) / 10)
            ok = false;
        else
            *v = *v * 10 + d;
    }
    return ok;
}

/*
** RegexParser.ScanReplacement/ScanDollar: splits the replacement into
** literal runs and substitutions, resolving group references against rx.
*/
static void plan_replacement(const struct rx *rx, const char *r, size_t n, struct rplan *p)
{
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        while (i < n && r[i] != '$')
            i++;
        if (i > start)
            plan_add(p, R_LIT, start, i);
        if (i >= n)
            break;
        size_t dollar = i++; /* past the $ */
        if (i >= n) {
            plan_add(p, R_LIT, dollar, i);
            break;
        }
        bool angled = false;
        if (r[i] == '{' && n - i > 1) {
            angled = true;
            i++;
        }
        char c = r[i];
        if (c >= '0' && c <= '9') {
            long num;
            bool ok = repl_decimal(r, n, &i, &num);
            if (!angled || (i < n && r[i++] == '}')) {
                long idx = ok ? index_of_number(rx, num) : -1;
                if (idx >= 0) {
                    plan_add(p, R_GROUP, (size_t)idx, 0);
                    continue;
                }
            }
        } else if (angled) {
            size_t ns = i;
            while (i < n) {
                size_t save = i;
                if (!is_word_cp(text_next(r, n, &i))) {
                    i = save;
                    break;
                }
            }
            size_t ne = i;
            if (ne > ns && i < n && r[i++] == '}') {
                long idx = rx_group_index(rx, r + ns, ne - ns);
                if (idx >= 0 && rx->groups[idx].named) {
                    plan_add(p, R_GROUP, (size_t)idx, 0);
                    continue;
                }
            }
        } else {
            enum rpart_kind k = R_LIT;
            switch (c) {
            case '$':
                plan_add(p, R_LIT, i, i + 1);
                i++;
                continue;
            case '&':
                plan_add(p, R_GROUP, 0, 0);
                i++;
                continue;
            case '`':
                k = R_LEFT;
                break;
            case '\'':
                k = R_RIGHT;
                break;
            case '+':
                k = R_LAST;
                break;
            case '_':
                k = R_WHOLE;
                break;
            default:
                break;
            }
            if (k != R_LIT) {
                plan_add(p, k, 0, 0);
                i++;
                continue;
            }
        }
        /* not a substitution: the $ is literal and the scan goes on after it */
        i = dollar + 1;
        plan_add(p, R_LIT, dollar, i);
    }
}

static void group_text(const struct rx_match *m, size_t g, const char *s, struct buf *out)
{
    if (rx_group_matched(m, g))
        buf_add(out, s + m->span[2 * g], m->span[2 * g + 1] - m->span[2 * g]);
}

static void apply_plan(const struct rplan *p, const char *r, const struct rx_match *m,
                       const char *s, size_t n, struct buf *out)
{
    for (size_t k = 0; k < p->n; k++) {
        const struct rpart *q = &p->v[k];
        switch (q->kind) {
        case R_LIT:
            buf_add(out, r + q->a, q->b - q->a);
            break;
        case R_GROUP:
            group_text(m, q->a, s, out);
            break;
        case R_LEFT:
            buf_add(out, s, m->span[0]);
            break;
        case R_RIGHT:
            buf_add(out, s + m->span[1], n - m->span[1]);
            break;
        case R_WHOLE:
            buf_add(out, s, n);
            break;
        case R_LAST: /* .NET: the group with the highest number, matched or not */
            if (m->count > 0)
                group_text(m, m->count - 1, s, out);
            break;
        }
    }
}

void rx_expand(const struct rx *rx, const struct rx_match *m, const char *s, size_t n,
               const char *repl, size_t rlen, struct buf *out)
{
    struct rplan p = {NULL, 0, 0};
    if (!repl)
        repl = "";
    plan_replacement(rx, repl, rlen, &p);
    apply_plan(&p, repl, m, s ? s : "", n, out);
    free(p.v);
}

/* The shared loop of rx_replace() and rx_replace_fn(). */
static int replace_loop(const struct rx *rx, const char *s, size_t n, long count,
                        const struct rplan *plan, const char *repl, rx_eval_fn fn, void *ctx,
                        struct buf *out, size_t *nrepl)
{
    struct rx_iter it;
    struct rx_match m = RX_MATCH_INIT;
    size_t done = 0, prev = 0;
    int rc = 0;
    if (!s)
        s = "";
    rx_iter_init(&it, rx, s, n, 0);
    while (count < 0 || done < (size_t)count) {
        int r = rx_iter_next(&it, &m);
        if (r < 0)
            rc = r;
        if (r <= 0)
            break;
        buf_add(out, s + prev, m.span[0] - prev);
        if (fn) {
            rc = fn(ctx, &m, s, n, out);
            if (rc)
                break;
        } else {
            apply_plan(plan, repl, &m, s, n, out);
        }
        prev = m.span[1];
        done++;
    }
    if (rc == 0 || rc < 0)
        buf_add(out, s + prev, n - prev);
    rx_match_release(&m);
    if (nrepl)
        *nrepl = done;
    return rc;
}

int rx_replace(const struct rx *rx, const char *s, size_t n, const char *repl, size_t rlen,
               long count, struct buf *out, size_t *nrepl)
{
    struct rplan p = {NULL, 0, 0};
    if (!repl)
        repl = "";
    plan_replacement(rx, repl, rlen, &p);
    int rc = replace_loop(rx, s, n, count, &p, repl, NULL, NULL, out, nrepl);
    free(p.v);
    return rc;
}

int rx_replace_fn(const struct rx *rx, const char *s, size_t n, long count, rx_eval_fn fn,
                  void *ctx, struct buf *out, size_t *nrepl)
{
    return replace_loop(rx, s, n, count, NULL, NULL, fn, ctx, out, nrepl);
}

/* {======================================================= splitting */

/* Hands the text before match m and the groups it captured to fn. */
static int split_at(const struct rx_match *m, const char *s, size_t *prev, rx_piece_fn fn,
                    void *ctx)
{
    int rc = fn(ctx, s + *prev, m->span[0] - *prev, false);
    for (size_t g = 1; rc == 0 && g < m->count; g++)
        if (rx_group_matched(m, g))
            rc = fn(ctx, s + m->span[2 * g], m->span[2 * g + 1] - m->span[2 * g], true);
    *prev = m->span[1];
    return rc;
}

int rx_split(const struct rx *rx, const char *s, size_t n, long max, rx_piece_fn fn, void *ctx)
{
    struct rx_iter it;
    struct rx_match m = RX_MATCH_INIT;
    size_t prev = 0, skip = 0;
    long splits = max > 0 ? max - 1 : max < 0 ? -max - 1 : -1; /* -1: no limit */
    int rc = 0, r;
    if (!s)
        s = "";
    if (splits == 0)
        return fn(ctx, s, n, false);
    if (max < 0) {
        /* count the matches first, then split at the last -max-1 of them */
        size_t total = 0;
        rx_iter_init(&it, rx, s, n, 0);
        while ((r = rx_iter_next(&it, &m)) > 0)
            total++;
        if (r < 0) {
            rc = r;
            goto out;
        }
        skip = total > (size_t)splits ? total - (size_t)splits : 0;
        splits = -1;
    }
    rx_iter_init(&it, rx, s, n, 0);
    while (splits != 0 && (r = rx_iter_next(&it, &m)) != 0) {
        if (r < 0) {
            rc = r;
            goto out;
        }
        if (skip > 0) {
            skip--;
            continue;
        }
        rc = split_at(&m, s, &prev, fn, ctx);
        if (rc)
            goto out;
        if (splits > 0)
            splits--;
    }
    rc = fn(ctx, s + prev, n - prev, false);
out:
    rx_match_release(&m);
    return rc;
}

/* {======================================================= escaping */

void rx_escape(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        switch (c) {
        case '\t':
            buf_puts(out, "\\t");
            break;
        case '\n':
            buf_puts(out, "\\n");
            break;
        case '\r':
            buf_puts(out, "\\r");
            break;
        case '\f':
            buf_puts(out, "\\f");
            break;
        case ' ':
        case '#':
        case '$':
        case '(':
        case ')':
        case '*':
        case '+':
        case '.':
        case '?':
        case '[':
        case '\\':
        case '^':
        case '{':
        case '|':
            buf_putc(out, '\\');
            buf_putc(out, c);
            break;
        default:
            buf_putc(out, c);
            break;
        }
    }
}

enum emsh_rc rx_unescape(const char *s, size_t n, struct buf *out, struct rx_error *err)
{
    struct tr t;
    memset(&t, 0, sizeof t);
    t.p = s ? s : "";
    t.n = n;
    while (t.i < t.n) {
        size_t start = t.i;
        while (t.i < t.n && t.p[t.i] != '\\')
            t.i++;
        buf_add(out, t.p + start, t.i - start);
        if (t.i >= t.n)
            break;
        t.i++;
        if (t.i >= t.n) {
            fail(&t, RX_ERR_SYNTAX, t.i - 1, "Illegal \\ at end of pattern.");
            break;
        }
        uint32_t c;
        if (!char_escape(&t, false, &c))
            break;
        if (is_surrogate(c))
            c = 0xFFFD;
        buf_put_utf8(out, c);
    }
    enum emsh_rc rc = EMSH_OK;
    if (t.failed) {
        set_parse_error(err, t.ekind, t.eoff, t.p, t.n, buf_cstr(&t.reason));
        rc = EMSH_E_SYNTAX;
    }
    buf_release(&t.reason);
    return rc;
}
