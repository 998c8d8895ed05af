/*
** lex.c - the PowerShell lexer (see lex.h for the model).
**
** One function, lex_scan(), scans one token at a byte offset in expression
** or command mode. The rules follow the PowerShell tokenizer: a bare word in
** command mode runs until a character that always starts a new token
** (whitespace, newline, & ( ) , ; { | }), so `a#b` and `C:\x\y.txt` are one
** token and `a{` is two; a number is a number only when a token boundary
** follows it (`7z` is a bare word, `7+` is a number then an operator in an
** expression); the Unicode dashes and quotes that pasted text is full of
** count as their ASCII forms.
**
** This file does not build AST nodes and does not report errors itself:
** errors travel on the token (tok.err) for the parser to report.
*/
#include "lex.h"

#include <stdlib.h>
#include <string.h>

/*
** {==================================================================
** Character classes
** ===================================================================
*/

enum {
    C_WS = 1 << 0,       /* horizontal whitespace */
    C_NL = 1 << 1,       /* \n or \r */
    C_FORCE = 1 << 2,    /* always starts a new token */
    C_AFTERNUM = 1 << 3, /* ends a number in expression mode */
    C_IDSTART = 1 << 4,  /* may start an identifier */
    C_DIGIT = 1 << 5,
    C_HEX = 1 << 6,
    C_VAR = 1 << 7, /* may appear in an unbraced variable name */
};

static unsigned char ctab[256];

/*
** Runs the hot loops step over a byte at a time, by table: ASCII bytes only,
** so that a run stops at anything non-ASCII and the careful code (Unicode
** quotes, dashes and spaces) decides. No bit but P_SOLID is set for NUL, and
** the source ends with one (lex_init), so the runs need no bounds check: a
** run stops at the end of the text as at a NUL inside it.
*/
enum {
    P_SQ = 1 << 0,    /* plain in single-quoted text (see w_plain) */
    P_DQ = 1 << 1,    /* plain in double-quoted text */
    P_GEN = 1 << 2,   /* plain in a bare word */
    P_ID = 1 << 3,    /* an identifier character */
    P_IDQ = 1 << 4,   /* an identifier character or ? (variable names) */
    P_PARAM = 1 << 5, /* goes on a parameter name: not :, a quote, $ or ` */
    P_SOLID = 1 << 6, /* starts no whitespace, continuation or comment */
    P_KEY = 1 << 7,   /* goes on a bare hash key (see lex_hash_key) */
};

static unsigned char ptab[256];

/*
** The end of the run of bytes from pos that have a ptab bit, on a pointer:
** with an index, gcc steps a copy of it and extends it too, two more
** instructions a byte. With a constant bit, a byte takes a load, a test, a
** branch and an increment.
*/
static EMSH_INLINE uint32_t run_of(const char *src, uint32_t pos, unsigned char bit)
{
    const unsigned char *s = (const unsigned char *)src, *e = s + pos;
    while (ptab[*e] & bit)
        e++;
    return (uint32_t)(e - s);
}

static void init_lead(void);

static void init_ctab(void)
{
    static int done;
    if (done)
        return;
    for (int c = 0; c < 256; c++) {
        unsigned char f = 0;
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
            f |= C_WS | C_FORCE;
        if (c == '\n' || c == '\r')
            f |= C_NL | C_FORCE;
        if (c == 0 || strchr("&(),;{|}", c))
            f |= C_FORCE;
        if (c && strchr("!#%*+-./<=>]", c))
            f |= C_AFTERNUM;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80)
            f |= C_IDSTART | C_VAR;
        if (c >= '0' && c <= '9')
            f |= C_DIGIT | C_HEX | C_VAR;
        if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            f |= C_HEX;
        ctab[c] = f;
    }
    for (int c = 0; c < 0x80; c++) {
        unsigned char f = 0;
        int special = c == '\'' || c == '\n' || c == '\r' || c == 0;
        if (!special)
            f |= P_SQ;
        if (!special && c != '"' && c != '`' && c != '$') {
            f |= P_DQ;
            if (!(ctab[c] & C_FORCE))
                f |= P_GEN;
        }
        if (ctab[c] & (C_IDSTART | C_DIGIT))
            f |= P_ID | P_IDQ;
        if (c == '?')
            f |= P_IDQ;
        if (!(ctab[c] & C_FORCE) && c != ':' && c != '\'' && c != '"' && c != '$' && c != '`')
            f |= P_PARAM;
        if (!(ctab[c] & C_WS) && c != '`' && c != '#' && c != '<')
            f |= P_SOLID;
        if (!(ctab[c] & C_FORCE) && !strchr("=$#[]'\"`", c))
            f |= P_KEY;
        ptab[c] = f;
    }
    init_lead();
    done = 1;
}

/* Unicode characters with a meaning, by their UTF-8 bytes. */
enum uni { U_NONE, U_DASH, U_SQUOTE, U_DQUOTE, U_SPACE };

static enum uni uni_at(const struct lexer *lx, uint32_t pos, uint32_t *n)
{
    const unsigned char *s = (const unsigned char *)lx->src + pos;
    uint32_t left = lx->len - pos;
    if (left >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0x85)) {
        *n = 2;
        return U_SPACE;
    }
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80) {
        *n = 3;
        unsigned char c = s[2];
        if (c >= 0x93 && c <= 0x95)
            return U_DASH;
        if (c >= 0x98 && c <= 0x9B)
            return U_SQUOTE;
        if (c >= 0x9C && c <= 0x9E)
            return U_DQUOTE;
        if ((c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 || c == 0xAF)
            return U_SPACE;
    }
    if (left >= 3 && ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
                      (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
                      (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF))) {
        *n = 3;
        return U_SPACE;
    }
    *n = 1;
    return U_NONE;
}

static int at(const struct lexer *lx, uint32_t pos)
{
    return pos < lx->len ? (unsigned char)lx->src[pos] : 0;
}

/* Length of a quote/dash/space of the given kind at pos, or 0. */
static uint32_t is_kind(const struct lexer *lx, uint32_t pos, enum uni want, int ascii)
{
    if (pos >= lx->len)
        return 0;
    int c = at(lx, pos);
    if (c == ascii)
        return 1;
    if (c < 0x80)
        return 0;
    uint32_t n;
    return uni_at(lx, pos, &n) == want ? n : 0;
}

static uint32_t is_sq(const struct lexer *lx, uint32_t pos)
{
    return is_kind(lx, pos, U_SQUOTE, '\'');
}

static uint32_t is_dq(const struct lexer *lx, uint32_t pos)
{
    return is_kind(lx, pos, U_DQUOTE, '"');
}

static uint32_t is_dash(const struct lexer *lx, uint32_t pos)
{
    return is_kind(lx, pos, U_DASH, '-');
}

/* Whitespace (not newline): length at pos, or 0. */
static uint32_t is_ws(const struct lexer *lx, uint32_t pos)
{
    if (pos >= lx->len)
        return 0;
    int c = at(lx, pos);
    if (c < 0x80)
        return (ctab[c] & C_WS) ? 1 : 0;
    uint32_t n;
    return uni_at(lx, pos, &n) == U_SPACE ? n : 0;
}

static int is_nl(const struct lexer *lx, uint32_t pos)
{
    return pos < lx->len && (ctab[at(lx, pos)] & C_NL);
}

/* The offset of the first newline at or after pos, or the length. */
static uint32_t line_end(const struct lexer *lx, uint32_t pos)
{
    if (pos >= lx->len)
        return lx->len;
    const char *nl = memchr(lx->src + pos, '\n', lx->len - pos);
    uint32_t end = nl ? (uint32_t)(nl - lx->src) : lx->len;
    const char *cr = memchr(lx->src + pos, '\r', end - pos);
    return cr ? (uint32_t)(cr - lx->src) : end;
}

/* Length of the newline at pos (1 or 2 for \r\n), or 0. */
static uint32_t nl_len(const struct lexer *lx, uint32_t pos)
{
    int c = at(lx, pos);
    if (pos >= lx->len || !(ctab[c] & C_NL))
        return 0;
    return (c == '\r' && at(lx, pos + 1) == '\n') ? 2 : 1;
}

/* Does the character at pos end a bare word (ForceStartNewToken)? */
static int forces_new(const struct lexer *lx, uint32_t pos)
{
    if (pos >= lx->len)
        return 1;
    int c = at(lx, pos);
    if (c < 0x80)
        return (ctab[c] & C_FORCE) != 0;
    return is_ws(lx, pos) != 0;
}

/* An identifier character: ASCII letters, digits, _ and non-ASCII letters. */
static uint32_t is_ident(const struct lexer *lx, uint32_t pos)
{
    if (pos >= lx->len)
        return 0;
    int c = at(lx, pos);
    if (c < 0x80)
        return (ctab[c] & (C_IDSTART | C_DIGIT)) ? 1 : 0;
    uint32_t n;
    if (uni_at(lx, pos, &n) != U_NONE)
        return 0;
    /* Skip one whole UTF-8 sequence. */
    n = 1;
    while (pos + n < lx->len && ((unsigned char)lx->src[pos + n] & 0xC0) == 0x80)
        n++;
    return n;
}

/* skip_ident() from a non-ASCII byte at pos, out of line: its callers need
** no frame for ASCII names, most of them. */
static EMSH_NOINLINE uint32_t skip_ident_careful(const struct lexer *lx, uint32_t pos)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    for (;;) {
        uint32_t n = is_ident(lx, pos);
        if (!n)
            return pos;
        pos = run_of(lx->src, pos + n, P_ID);
        if (s[pos] < 0x80) /* an ASCII byte not P_ID, or the final NUL */
            return pos;
    }
}

/* Skips identifier characters from pos, the ASCII ones a run at a time. */
static uint32_t skip_ident(const struct lexer *lx, uint32_t pos)
{
    pos = run_of(lx->src, pos, P_ID);
    if ((unsigned char)lx->src[pos] < 0x80) /* an ASCII byte not P_ID, or the final NUL */
        return pos;
    return skip_ident_careful(lx, pos);
}

static uint32_t is_ident_start(const struct lexer *lx, uint32_t pos)
{
    int c = at(lx, pos);
    if (c >= '0' && c <= '9')
        return 0;
    return is_ident(lx, pos);
}

/* }================================================================== */

/*
** {==================================================================
** Tables: token spellings, operators, keywords, error messages
** ===================================================================
*/

static const char *const tok_names[] = {
#define TOK(name, spelling) [TOK_##name] = spelling,
#include "tokens.def"
#undef TOK
};
_Static_assert(EMSH_ARRAY_SIZE(tok_names) == TOK__COUNT, "tokens.def and tok_names disagree");

static const struct opinfo {
    const char *spelling;
    int prec;
    unsigned flags;
} ops[] = {
#define OP(name, spelling, prec, flags) [OP_##name] = {spelling, prec, flags},
#include "ops.def"
#undef OP
};
_Static_assert(EMSH_ARRAY_SIZE(ops) == OP__COUNT, "ops.def and ops disagree");

static const struct {
    const char *name, *msg;
} perrs[] = {
    [PERR_NONE] = {"", ""},
#define PERR(id, msg) [PERR_##id] = {#id, msg},
#include "errors.def"
#undef PERR
};
_Static_assert(EMSH_ARRAY_SIZE(perrs) == PERR__COUNT, "errors.def and perrs disagree");

const char *tok_spelling(enum tok_kind k)
{
    return (unsigned)k < TOK__COUNT && tok_names[k] ? tok_names[k] : "";
}

const char *op_spelling(enum ast_op op)
{
    return (unsigned)op < OP__COUNT ? ops[op].spelling : "";
}

int op_precedence(enum ast_op op)
{
    return (unsigned)op < OP__COUNT ? ops[op].prec : 0;
}

unsigned op_flags(enum ast_op op)
{
    return (unsigned)op < OP__COUNT ? ops[op].flags : 0;
}

const char *perr_message(enum perr_id id)
{
    return (unsigned)id < PERR__COUNT ? perrs[id].msg : "";
}

const char *perr_name(enum perr_id id)
{
    return (unsigned)id < PERR__COUNT ? perrs[id].name : "";
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
** Is s[0..n) the word lit, n lower-case ASCII letters, ignoring ASCII case?
** Operators and keywords are looked up for every word and dash the lexer
** meets, so this stops at the first difference instead of calling
** strncasecmp. A byte with 0x20 set is a lower-case letter only if it was
** a letter of either case, so that is all the folding a byte needs.
*/
static bool word_is(const char *lit, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] | 0x20) != (unsigned char)lit[i])
            return false;
    return true;
}

/* Sorted by name: the entries of one first letter are a run. */
static const struct kwent {
    const char *name;
    uint8_t len;
    enum keyword kw;
} kwtab[] = {
#define KW(name, kw) {name, sizeof name - 1, kw}
    KW("begin", KW_BEGIN),
    KW("break", KW_BREAK),
    KW("catch", KW_CATCH),
    KW("class", KW_CLASS),
    KW("clean", KW_CLEAN),
    KW("configuration", KW_CONFIGURATION),
    KW("continue", KW_CONTINUE),
    KW("data", KW_DATA),
    KW("define", KW_DEFINE),
    KW("do", KW_DO),
    KW("dynamicparam", KW_DYNAMICPARAM),
    KW("else", KW_ELSE),
    KW("elseif", KW_ELSEIF),
    KW("end", KW_END),
    KW("enum", KW_ENUM),
    KW("exit", KW_EXIT),
    KW("filter", KW_FILTER),
    KW("finally", KW_FINALLY),
    KW("for", KW_FOR),
    KW("foreach", KW_FOREACH),
    KW("from", KW_FROM),
    KW("function", KW_FUNCTION),
    KW("hidden", KW_HIDDEN),
    KW("if", KW_IF),
    KW("in", KW_IN),
    KW("inlinescript", KW_INLINESCRIPT),
    KW("interface", KW_INTERFACE),
    KW("parallel", KW_PARALLEL),
    KW("param", KW_PARAM),
    KW("process", KW_PROCESS),
    KW("return", KW_RETURN),
    KW("sequence", KW_SEQUENCE),
    KW("static", KW_STATIC),
    KW("switch", KW_SWITCH),
    KW("throw", KW_THROW),
    KW("trap", KW_TRAP),
    KW("try", KW_TRY),
    KW("until", KW_UNTIL),
    KW("using", KW_USING),
    KW("var", KW_VAR),
    KW("while", KW_WHILE),
    KW("workflow", KW_WORKFLOW),
#undef KW
};

/*
** The parser looks up the first word of every statement as a keyword, and
** the lexer every word after a dash as an operator (most are parameters:
** -Identity, -ErrorAction). A keyword is found by a hash of its length and
** its first and last letters, which tells every keyword apart: kw_slot[h]
** holds 1 + the index in kwtab of the one keyword of hash h, or 0, so a
** lookup compares one length and, for a keyword, its text. An operator is
** found the same way, by a hash of its length and its first, second and
** last letters (the first twice for -f): dash_slot[h] holds the one
** operator of hash h and its length, or OP_NONE.
*/
#define KW_HASH(c0, cn, n) ((((c0) | 0x20) * 2 + ((cn) | 0x20) * 4 + (n) * 21) & 127)
#define DASH_HASH(c0, c1, cn, n) \
    ((((c0) | 0x20) + ((c1) | 0x20) * 4 + ((cn) | 0x20) * 24 + (n) * 19) & 255)
static uint8_t kw_slot[128];
static struct dash_ent {
    uint8_t op, len; /* enum ast_op; length of its name without the dash */
} dash_slot[256];
_Static_assert(OP__COUNT <= 256, "dash_slot holds operators in a byte");

static int lookup_done;

static void init_lookup(void)
{
    if (lookup_done)
        return;
    for (uint32_t k = 0; k < EMSH_ARRAY_SIZE(kwtab); k++) {
        const struct kwent *e = &kwtab[k];
        unsigned h = KW_HASH((unsigned char)e->name[0], (unsigned char)e->name[e->len - 1], e->len);
        if (kw_slot[h])
            abort(); /* KW_HASH no longer tells the keywords apart */
        kw_slot[h] = (uint8_t)(k + 1);
    }
    for (int i = 1; i < OP__COUNT; i++) {
        if (!(ops[i].flags & OPF_D))
            continue;
        const unsigned char *name = (const unsigned char *)ops[i].spelling + 1;
        size_t n = strlen((const char *)name);
        unsigned h = DASH_HASH(name[0], name[n > 1], name[n - 1], n);
        if (dash_slot[h].op)
            abort(); /* DASH_HASH no longer tells the operators apart */
        dash_slot[h] = (struct dash_ent){(uint8_t)i, (uint8_t)n};
    }
    lookup_done = 1;
}

/* A dash operator by name (without the dash), case-insensitively; the name
** is ASCII letters (see word_is). Inline: operator_into() looks up every
** operator in an expression. */
static EMSH_INLINE enum ast_op dash_op(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n < 1 || n > 12) /* "f" to "inotcontains" */
        return OP_NONE;
    const struct dash_ent *e = &dash_slot[DASH_HASH(u[0], u[n > 1], u[n - 1], n)];
    if (e->len == n && word_is(ops[e->op].spelling + 1, s, n))
        return (enum ast_op)e->op;
    return OP_NONE;
}

/* lex_keyword() before the tables are made, out of line: lex_keyword()
** needs no frame of its own. */
static EMSH_NOINLINE enum keyword keyword_first(const char *s, size_t n)
{
    init_lookup();
    return lex_keyword(s, n);
}

enum keyword lex_keyword(const char *s, size_t n)
{
    if (EMSH_UNLIKELY(!lookup_done)) /* callers need not have made a lexer */
        return keyword_first(s, n);
    if (n < 2 || n > 13) /* "do" to "configuration" */
        return KW_NONE;
    unsigned k = kw_slot[KW_HASH((unsigned char)s[0], (unsigned char)s[n - 1], n)];
    if (!k)
        return KW_NONE;
    const struct kwent *e = &kwtab[k - 1];
    return e->len == n && word_is(e->name, s, n) ? e->kw : KW_NONE;
}

const char *keyword_spelling(enum keyword kw)
{
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(kwtab); i++)
        if (kwtab[i].kw == kw)
            return kwtab[i].name;
    return "";
}

/* }================================================================== */

void lex_init(struct lexer *lx, const char *src, uint32_t len)
{
    init_ctab();
    init_lookup();
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->len = len;
}

void lex_release(struct lexer *lx)
{
    free(lx->comments);
    lx->comments = NULL;
    lx->ncomments = lx->comments_cap = 0;
}

uint32_t lex_skip_preamble(const struct lexer *lx)
{
    uint32_t pos = 0;
    if (lx->len >= 3 && memcmp(lx->src, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    if (lx->len >= pos + 2 && lx->src[pos] == '#' && lx->src[pos + 1] == '!')
        pos = line_end(lx, pos);
    return pos;
}

static void record_comment(struct lexer *lx, uint32_t start, uint32_t end)
{
    if (lx->ncomments && lx->comments[lx->ncomments - 1].end >= end)
        return; /* seen already: the parser scanned this stretch before */
    if (lx->ncomments && lx->comments[lx->ncomments - 1].start >= start)
        return;
    if (lx->ncomments == lx->comments_cap) {
        lx->comments_cap = lx->comments_cap ? 2 * lx->comments_cap : 16;
        lx->comments = emsh_xrealloc(lx->comments, lx->comments_cap * sizeof *lx->comments);
    }
    lx->comments[lx->ncomments].start = start;
    lx->comments[lx->ncomments].end = end;
    lx->ncomments++;
}

static void tok_error(struct token *t, enum perr_id id, uint32_t start, uint32_t end)
{
    if (t->err)
        return; /* the first error found wins */
    t->err = (uint16_t)id;
    t->err_start = start;
    t->err_end = end;
}

uint32_t lex_skip_space(const struct lexer *lx, uint32_t pos)
{
    /* Most often nothing to skip: a solid byte is no blank, continuation
    ** or escaped blank (and a comment is not skipped here). */
    if (ptab[(unsigned char)lx->src[pos]] & P_SOLID)
        return pos;
    for (;;) {
        /* The common cases first: ASCII blanks, then a plain character. */
        while (lx->src[pos] == ' ' || lx->src[pos] == '\t')
            pos++;
        int c = at(lx, pos);
        if (c < 0x80 && c != '`' && !(ctab[c] & C_WS))
            return pos;
        uint32_t n = is_ws(lx, pos);
        if (n) {
            pos += n;
            continue;
        }
        if (at(lx, pos) == '`' && nl_len(lx, pos + 1)) {
            pos += 1 + nl_len(lx, pos + 1);
            continue;
        }
        /* Between tokens a backtick before a space is a space too, as in
        ** PowerShell (inside a word it escapes the space: `a` b`). */
        if (at(lx, pos) == '`' && is_ws(lx, pos + 1)) {
            pos += 1;
            continue;
        }
        return pos;
    }
}

/* Skips whitespace, continuations and comments; not newlines. */
static uint32_t skip_trivia(struct lexer *lx, uint32_t pos, struct token *t)
{
    /* Many tokens follow the one before with nothing between: `$a.b(`,
    ** `)`, `,`, newlines; most others with one blank: `Get-X -Name $a`. */
    const unsigned char *src = (const unsigned char *)lx->src;
    uint32_t blank = src[pos] == ' '; /* not solid: one test takes both */
    if (ptab[src[pos + blank]] & P_SOLID) { /* also the NUL at the end */
        t->flags |= (uint16_t)(blank ? TF_SPACE : 0);
        return pos + blank;
    }
    uint32_t start = pos;
    for (;;) {
        pos = lex_skip_space(lx, pos);
        int c = at(lx, pos);
        if (pos < lx->len && c == '#') {
            uint32_t s = pos;
            pos = line_end(lx, pos);
            record_comment(lx, s, pos);
            continue;
        }
        if (c == '<' && at(lx, pos + 1) == '#') {
            uint32_t s = pos;
            pos += 2;
            for (;;) { /* to the first # followed by > */
                const char *h = memchr(lx->src + pos, '#', lx->len - pos);
                if (!h) {
                    /* from the <# to the end, as PowerShell shows it */
                    tok_error(t, PERR_MissingTerminatorMultiLineComment, s, lx->len);
                    pos = lx->len;
                    break;
                }
                pos = (uint32_t)(h - lx->src) + 1;
                if (at(lx, pos) == '>') {
                    pos++;
                    break;
                }
            }
            record_comment(lx, s, pos);
            continue;
        }
        break;
    }
    if (pos != start)
        t->flags |= TF_SPACE;
    return pos;
}

/*
** {==================================================================
** Expandable text: double-quoted strings, here-strings, bare words
** ===================================================================
*/

enum wmode { W_DQ, W_HERE_DQ, W_GENERIC, W_SQ, W_HERE_SQ };

struct walker {
    struct lexer *lx;
    lex_part_fn fn; /* NULL when only finding the end */
    void *ctx;
    int collect;    /* build the literal text in `text` */
    struct buf text;
    uint32_t raw, raw_end; /* the text so far, while `text` is empty (w_add_src) */
    uint32_t text_start;
    struct token *t; /* receives errors */
    unsigned flags;  /* TF_EXPAND / TF_ESCAPED seen */
};

static uint32_t scan_variable(struct lexer *lx, uint32_t pos, struct token *t, int *ok);
static uint32_t skip_subexpr(struct lexer *lx, uint32_t pos, struct token *t);
static uint32_t known_subexpr(struct lexer *lx, uint32_t pos, struct token *t);

/*
** Most literal text is a run of the source as it stands, with nothing
** unescaped in it: while the buffer is empty, the walker notes such a run
** as src[raw..raw_end) and hands it to the callback from the source, not
** copied. Anything else that comes, a byte not the next of the run or one
** not from the source, puts the run into the buffer first (w_spill), and
** goes after it; the text is the same either way.
*/
static void w_spill(struct walker *w)
{
    if (w->raw_end != w->raw) {
        buf_add(&w->text, w->lx->src + w->raw, w->raw_end - w->raw);
        w->raw = w->raw_end;
    }
}

static void w_flush(struct walker *w, uint32_t pos)
{
    if (w->fn && w->text.len)
        w->fn(w->ctx, LEX_PART_TEXT, w->text.s, w->text.len, w->text_start, pos);
    else if (w->fn && w->raw_end != w->raw)
        w->fn(w->ctx, LEX_PART_TEXT, w->lx->src + w->raw, w->raw_end - w->raw, w->text_start, pos);
    if (w->text.len) /* (an empty buffer is reset already) */
        buf_reset(&w->text);
    w->raw = w->raw_end;
    w->text_start = pos;
}

/* Adds n bytes that are not in the source as they stand. */
static void w_add(struct walker *w, const char *s, size_t n)
{
    if (w->collect) {
        w_spill(w);
        buf_add(&w->text, s, n);
    }
}

/* Adds src[pos..pos+n). */
static void w_add_src(struct walker *w, uint32_t pos, uint32_t n)
{
    if (!w->collect)
        return;
    if (!w->text.len) {
        if (w->raw_end == w->raw)
            w->raw = w->raw_end = pos;
        if (w->raw_end == pos) {
            w->raw_end = pos + n;
            return;
        }
    }
    w_spill(w);
    buf_add(&w->text, w->lx->src + pos, n);
}

/*
** A byte plain in a mode is one the walkers would only add to the text and
** step over: not a quote, backtick, dollar or newline, nothing that ends a
** bare word, nothing non-ASCII (some Unicode quotes and dashes count). The
** P_SQ, P_DQ and P_GEN bits of ptab say which bytes are.
*/

/*
** Adds the byte at pos, which the walker has found plain, and the plain ones
** after it as one run: text goes into the buffer a run at a time, not a
** byte at a time. Returns the position after the run.
*/
static uint32_t w_plain(struct walker *w, uint32_t pos, enum wmode mode)
{
    const struct lexer *lx = w->lx;
    const unsigned char *s = (const unsigned char *)lx->src;
    /* A loop for each ptab bit that says "plain" in a mode, as run_of()'s,
    ** written out: through run_of(), walk() takes more instructions. */
    const unsigned char *e = s + pos + 1;
    if (mode == W_DQ || mode == W_HERE_DQ)
        while (ptab[*e] & P_DQ)
            e++;
    else if (mode == W_GENERIC)
        while (ptab[*e] & P_GEN)
            e++;
    else
        while (ptab[*e] & P_SQ)
            e++;
    uint32_t end = (uint32_t)(e - s);
    w_add_src(w, pos, end - pos);
    return end;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A backtick escape at pos (pointing after the backtick); returns the end. */
static uint32_t w_escape(struct walker *w, uint32_t pos)
{
    struct lexer *lx = w->lx;
    if (pos >= lx->len)
        return pos;
    int c = at(lx, pos);
    char ch;
    switch (c) {
    case '0': ch = '\0'; break;
    case 'a': ch = '\a'; break;
    case 'b': ch = '\b'; break;
    case 'e': ch = 27; break;
    case 'f': ch = '\f'; break;
    case 'n': ch = '\n'; break;
    case 'r': ch = '\r'; break;
    case 't': ch = '\t'; break;
    case 'v': ch = '\v'; break;
    case 'u':
        if (at(lx, pos + 1) == '{') {
            uint32_t p = pos + 2, cp = 0;
            int nd = 0;
            while (p < lx->len && hexval(at(lx, p)) >= 0 && nd < 7) {
                cp = cp * 16 + (uint32_t)hexval(at(lx, p));
                p++;
                nd++;
            }
            if (nd == 0 || nd > 6 || at(lx, p) != '}' || cp > 0x10FFFF) {
                tok_error(w->t, PERR_InvalidUnicodeEscapeSequence, pos - 1, p);
                return p;
            }
            if (w->collect) {
                w_spill(w);
                buf_put_utf8(&w->text, cp);
            }
            return p + 1;
        }
        ch = 'u';
        break;
    default: {
        /* Any other character stands for itself, whole UTF-8 sequence. */
        uint32_t n = 1;
        while (pos + n < lx->len && ((unsigned char)lx->src[pos + n] & 0xC0) == 0x80)
            n++;
        w_add_src(w, pos, n);
        return pos + n;
    }
    }
    w_add(w, &ch, 1);
    return pos + 1;
}

static uint32_t walk(struct walker *w, uint32_t pos, enum wmode mode);

/* A `$` at pos inside expandable text; returns the end of what it starts. */
static uint32_t w_dollar(struct walker *w, uint32_t pos)
{
    struct lexer *lx = w->lx;
    int c = at(lx, pos + 1);
    if (c == '(') {
        w_flush(w, pos);
        uint32_t inner = pos + 2;
        uint32_t close = w->fn ? known_subexpr(lx, inner, w->t) : skip_subexpr(lx, inner, w->t);
        if (w->fn)
            w->fn(w->ctx, LEX_PART_SUBEXPR, NULL, 0, inner, close);
        w->flags |= TF_EXPAND;
        uint32_t end = close < lx->len ? close + 1 : close;
        w->text_start = end;
        return end;
    }
    int ok = 0;
    struct token vt = {0};
    uint32_t end = scan_variable(lx, pos, &vt, &ok);
    if (!ok) {
        w_add_src(w, pos, 1); /* the `$` */
        return pos + 1;
    }
    if (vt.err)
        tok_error(w->t, vt.err, vt.err_start, vt.err_end);
    w_flush(w, pos);
    if (w->fn)
        w->fn(w->ctx, LEX_PART_VARIABLE, NULL, 0, pos, end);
    w->flags |= TF_EXPAND;
    w->text_start = end;
    return end;
}

/* Single-quoted text starting after the opening quote; appends its value. */
static uint32_t walk_sq(struct walker *w, uint32_t pos, int here)
{
    struct lexer *lx = w->lx;
    for (;;) {
        if (pos >= lx->len) {
            /* from the opening quote to the end, as PowerShell shows it */
            tok_error(w->t, PERR_TerminatorExpectedAtEndOfString, w->t->start, lx->len);
            w->t->op = here ? 3 : 1;
            return pos;
        }
        uint32_t q;
        if (here) {
            uint32_t nl = nl_len(lx, pos);
            if (nl && (q = is_sq(lx, pos + nl)) && at(lx, pos + nl + q) == '@')
                return pos + nl + q + 1;
        } else if ((q = is_sq(lx, pos))) {
            uint32_t q2 = is_sq(lx, pos + q);
            if (q2) {
                w_add_src(w, pos, q); /* '' stands for ' */
                pos += q + q2;
                continue;
            }
            return pos + q;
        }
        pos = w_plain(w, pos, here ? W_HERE_SQ : W_SQ);
    }
}

/*
** Walks expandable text from pos. W_DQ stops after the closing quote,
** W_HERE_DQ after the closing "@ (the newline before it is not text),
** W_GENERIC before the first character that ends a bare word.
*/
static uint32_t walk(struct walker *w, uint32_t pos, enum wmode mode)
{
    struct lexer *lx = w->lx;
    w->text_start = pos;
    for (;;) {
        if (pos >= lx->len) {
            if (mode != W_GENERIC) {
                /* from the opening quote to the end, as PowerShell shows it */
            tok_error(w->t, PERR_TerminatorExpectedAtEndOfString, w->t->start, lx->len);
                w->t->op = mode == W_DQ ? 2 : 4;
            }
            w_flush(w, pos);
            return pos;
        }
        int c = at(lx, pos);
        uint32_t q;
        if (mode == W_GENERIC) {
            if (forces_new(lx, pos)) {
                w_flush(w, pos);
                return pos;
            }
        } else if (mode == W_HERE_DQ) {
            uint32_t nl = nl_len(lx, pos);
            if (nl && (q = is_dq(lx, pos + nl)) && at(lx, pos + nl + q) == '@') {
                w_flush(w, pos);
                return pos + nl + q + 1;
            }
        } else if ((q = is_dq(lx, pos))) {
            uint32_t q2 = is_dq(lx, pos + q);
            if (q2) {
                w_add_src(w, pos, q); /* "" stands for " */
                pos += q + q2;
                continue;
            }
            w_flush(w, pos);
            return pos + q;
        }
        if (c == '`') {
            if (mode == W_GENERIC && nl_len(lx, pos + 1)) {
                w_flush(w, pos); /* a line continuation ends the word */
                return pos;
            }
            w->flags |= TF_ESCAPED;
            pos = w_escape(w, pos + 1);
            continue;
        }
        if (c == '$' && pos + 1 < lx->len) {
            pos = w_dollar(w, pos);
            continue;
        }
        if (mode == W_GENERIC) {
            if ((q = is_sq(lx, pos))) {
                w->flags |= TF_ESCAPED;
                pos = walk_sq(w, pos + q, 0);
                continue;
            }
            if ((q = is_dq(lx, pos))) {
                w->flags |= TF_ESCAPED;
                uint32_t save = w->text_start;
                pos = walk(w, pos + q, W_DQ);
                w->text_start = save;
                continue;
            }
        }
        pos = w_plain(w, pos, mode);
    }
}

/*
** Finds the `)` that closes a subexpression whose text starts at pos, by
** scanning tokens; returns its offset (lx->len when missing).
*/
static uint32_t skip_subexpr(struct lexer *lx, uint32_t pos, struct token *t)
{
    uint32_t start = pos;
    int level = 1;
    /*
    ** A string inside $( ) is scanned by a nested lex_scan, which knows
    ** nothing of the walker that called it: the depth that bounds the C
    ** stack (`"$("$("$(...`) is therefore counted in the lexer itself.
    */
    if (lx->depth >= LEX_MAX_DEPTH) {
        tok_error(t, PERR_ScriptTooComplicated, pos, pos);
        return lx->len;
    }
    lx->depth++;
    uint32_t r = lx->len;
    for (;;) {
        struct token st = lex_scan(lx, pos, LEX_CMD);
        if (st.kind == TOK_EOF) {
            tok_error(t, PERR_IncompleteDollarSubexpressionReference, pos, lx->len);
            break;
        }
        if (st.err && st.err != PERR_InvalidVariableReference)
            tok_error(t, st.err, st.err_start, st.err_end);
        switch (st.kind) {
        case TOK_LPAREN:
        case TOK_AT_PAREN:
        case TOK_DOLLAR_PAREN:
            level++;
            break;
        case TOK_RPAREN:
            if (--level == 0)
                r = st.start;
            break;
        default:
            break;
        }
        if (!level)
            break;
        pos = st.end;
    }
    lx->depth--;
    if (!lx->depth) { /* for known_subexpr() */
        lx->subexprs[start % LEX_SUBEXPRS].at = start;
        lx->subexprs[start % LEX_SUBEXPRS].close = r;
    }
    return r;
}

/*
** The same as skip_subexpr() for a walker that calls back, the parser's
** (whose errors are not kept: the lexer reported them on the token), but
** from what the lexer remembers when it skipped the same $( ) before. At
** depth 0 the end depends only on the text; and the comments that a scan
** would record are recorded already.
*/
static uint32_t known_subexpr(struct lexer *lx, uint32_t pos, struct token *t)
{
    if (!lx->depth && lx->subexprs[pos % LEX_SUBEXPRS].at == pos)
        return lx->subexprs[pos % LEX_SUBEXPRS].close;
    return skip_subexpr(lx, pos, t);
}

void lex_walk_expandable(const struct lexer *clx, const struct token *t, lex_part_fn fn, void *ctx)
{
    struct lexer *lx = (struct lexer *)clx; /* records comments met in $( ) */
    struct token scratch = *t;
    struct walker w = {lx, fn, ctx, fn != NULL, BUF_INIT, 0, 0, t->start, &scratch, 0};
    uint32_t pos = t->start;
    switch (t->kind) {
    case TOK_STRING_DQ:
        walk(&w, pos + is_dq(lx, pos), W_DQ);
        break;
    case TOK_HERE_DQ: {
        pos += 1 + is_dq(lx, pos + 1);
        while (is_ws(lx, pos))
            pos += is_ws(lx, pos);
        pos += nl_len(lx, pos);
        uint32_t q;
        if ((q = is_dq(lx, pos)) && at(lx, pos + q) == '@')
            break; /* empty */
        walk(&w, pos, W_HERE_DQ);
        break;
    }
    default:
        walk(&w, pos, W_GENERIC);
        break;
    }
    buf_release(&w.text);
}

void lex_cook_sq(const struct lexer *clx, const struct token *t, struct buf *out)
{
    struct lexer *lx = (struct lexer *)clx;
    struct token scratch = *t;
    struct walker w = {lx, NULL, NULL, 1, BUF_INIT, 0, 0, 0, &scratch, 0};
    uint32_t pos = t->start;
    int here = t->kind == TOK_HERE_SQ;
    if (here) {
        pos += 1 + is_sq(lx, pos + 1);
        while (is_ws(lx, pos))
            pos += is_ws(lx, pos);
        pos += nl_len(lx, pos);
        uint32_t q;
        if ((q = is_sq(lx, pos)) && at(lx, pos + q) == '@')
            return;
    } else {
        pos += is_sq(lx, pos);
    }
    w.text = *out; /* collect straight into out */
    walk_sq(&w, pos, here);
    w_spill(&w);
    *out = w.text;
}

static void cook_collect(void *ctx, enum lex_part_kind kind, const char *text, size_t len,
                         uint32_t start, uint32_t end)
{
    (void)start;
    (void)end;
    if (kind == LEX_PART_TEXT)
        buf_add(ctx, text, len);
}

void lex_cook_bare(const struct lexer *lx, const struct token *t, struct buf *out)
{
    if (t->kind == TOK_STRING_SQ || t->kind == TOK_HERE_SQ) {
        lex_cook_sq(lx, t, out);
        return;
    }
    uint32_t start, end;
    if (lex_cook_raw(lx, t, &start, &end)) {
        buf_add(out, lx->src + start, end - start);
        return;
    }
    lex_walk_expandable(lx, t, cook_collect, out);
}

/*
** Is the value of a quoted string token its text between the quotes? It is
** when the string is closed by an ASCII quote and everything between is
** plain by the given ptab bit (P_SQ or P_DQ): no quote to be doubled, no
** escape, no `$`, nothing non-ASCII. Then the walker would only copy that
** text, and the caller can take it from the source.
*/
static bool quoted_raw(const struct lexer *lx, const struct token *t, int quote, unsigned char bit,
                       uint32_t *start, uint32_t *end)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    if (t->flags & TF_PLAIN) { /* the lexer found it so */
        *start = t->start + 1;
        *end = t->end - 1;
        return true;
    }
    /* string_tok() judges every string that opens with an ASCII quote, and
    ** flags it when it is so: one it did not flag has a byte in it that is
    ** not plain, or no ASCII quote to close it. */
    if (s[t->start] == quote)
        return false;
    uint32_t open = t->start + is_kind(lx, t->start, quote == '\'' ? U_SQUOTE : U_DQUOTE, quote);
    uint32_t close = t->end - 1;
    if (t->err || close < open || s[close] != quote)
        return false;
    for (uint32_t i = open; i < close; i++)
        if (!(ptab[s[i]] & bit))
            return false;
    *start = open;
    *end = close;
    return true;
}

bool lex_cook_raw(const struct lexer *lx, const struct token *t, uint32_t *start, uint32_t *end)
{
    if (t->kind == TOK_PARAMETER) {
        *start = t->start + is_dash(lx, t->start);
        *end = t->flags & TF_COLON ? t->end - 1 : t->end;
        return true;
    }
    if (t->kind == TOK_STRING_SQ)
        return quoted_raw(lx, t, '\'', P_SQ, start, end);
    if (t->kind == TOK_HERE_SQ)
        return false;
    if (!(t->flags & (TF_ESCAPED | TF_EXPAND)) || t->kind == TOK_IDENT) {
        *start = t->start;
        *end = t->end;
        return true;
    }
    return false;
}

bool lex_plain_dq(const struct lexer *lx, const struct token *t, uint32_t *start, uint32_t *end)
{
    return t->kind == TOK_STRING_DQ && quoted_raw(lx, t, '"', P_DQ, start, end);
}

/* }================================================================== */

/*
** {==================================================================
** Variables, numbers, strings
** ===================================================================
*/

/*
** A variable at pos (`$` or `@`). Sets *ok to 0 when no variable starts
** there (a lone `$`), to VAR_PLAIN when its name is the text after the `$`
** or `@` as it stands, without braces, a scope or a drive (most are), and
** to 1 otherwise; returns the end.
*/
enum { VAR_PLAIN = 2 };

static uint32_t scan_variable(struct lexer *lx, uint32_t pos, struct token *t, int *ok)
{
    const unsigned char *bytes = (const unsigned char *)lx->src;
    uint32_t p = pos + 1;
    /* Most names are ASCII letters, digits, _ and ?, and what follows them
    ** is neither a `:` (a scope, a drive, `::`) nor a byte that may go on
    ** with the name: the loop below would find just that. */
    if (ptab[bytes[p]] & P_ID) {
        uint32_t q = run_of(lx->src, p + 1, P_IDQ);
        if (bytes[q] < 0x80 && bytes[q] != ':') {
            *ok = VAR_PLAIN;
            return q;
        }
    }
    int c = at(lx, p);
    *ok = 1;
    if (c == '{') {
        p++;
        uint32_t s = p;
        for (;;) {
            if (p >= lx->len) {
                tok_error(t, PERR_IncompleteDollarVariableReference, pos, lx->len);
                return p;
            }
            if (at(lx, p) == '`' && p + 1 < lx->len) {
                p += 2;
                continue;
            }
            if (at(lx, p) == '}')
                break;
            p++;
        }
        if (p == s)
            tok_error(t, PERR_EmptyVariableReference, pos, p + 1);
        return p + 1;
    }
    if (at(lx, pos) == '$' && (c == '$' || c == '?' || c == '^')) {
        *ok = VAR_PLAIN;
        return p + 1;
    }
    uint32_t n;
    if (p >= lx->len || !((n = is_ident(lx, p)) || c == ':')) {
        *ok = 0;
        return pos + 1;
    }
    int scoped = 0;
    for (;;) {
        /* `?` is a name character after the first: `$x?.y` is the variable
        ** `x?`, as in PowerShell; `${x}?.y` is null-conditional access. */
        const unsigned char *src = (const unsigned char *)lx->src;
        p = run_of(lx->src, p, P_IDQ);
        if (src[p] >= 0x80) /* (p <= len: src[p] is at worst the final NUL) */
            while ((n = is_ident(lx, p)) || at(lx, p) == '?')
                p += n ? n : 1;
        if (src[p] == ':' && !scoped && src[pos] == '$') {
            if (at(lx, p + 1) == ':')
                break; /* $type::Member */
            if (is_ident(lx, p + 1)) {
                scoped = 1;
                p++;
                continue;
            }
            if (p > pos + 1) {
                tok_error(t, PERR_InvalidVariableReferenceWithDrive, pos, p + 1);
                return p + 1;
            }
        }
        break;
    }
    if (p == pos + 1)
        *ok = 0;
    else if (!scoped)
        *ok = VAR_PLAIN;
    return p;
}

/* The length of the `scope:` or `drive:` prefix of a variable name, or 0. */
static size_t scope_len_of(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(ctab[c] & (C_IDSTART | C_DIGIT)))
            return c == ':' && i > 0 ? i + 1 : 0;
    }
    return 0;
}

void lex_variable_name(const struct lexer *lx, uint32_t start, uint32_t end, struct buf *out,
                       size_t *scope_len, bool *braced)
{
    uint32_t p = start + 1;
    size_t base = out->len;
    *scope_len = 0;
    *braced = false;
    if (at(lx, p) == '{') {
        *braced = true;
        p++;
        uint32_t e = end > p && at(lx, end - 1) == '}' ? end - 1 : end;
        while (p < e) {
            if (at(lx, p) == '`' && p + 1 < e)
                p++;
            buf_add(out, lx->src + p, 1);
            p++;
        }
    } else {
        buf_add(out, lx->src + p, end - p);
    }
    *scope_len = scope_len_of(out->s ? out->s + base : "", out->len - base);
}

bool lex_variable_name_raw(const struct lexer *lx, uint32_t start, uint32_t end,
                           uint32_t *name_start, size_t *scope_len)
{
    if (at(lx, start + 1) == '{')
        return false;
    *name_start = start + 1;
    *scope_len = scope_len_of(lx->src + start + 1, end - start - 1);
    return true;
}

/* A type suffix at pos (ul uy us, or one of l u n s y, and d after a
** decimal number; any case): its length or 0. */
static uint32_t type_suffix_at(const struct lexer *lx, uint32_t pos, int hex)
{
    int c0 = ascii_lower(at(lx, pos)), c1 = ascii_lower(at(lx, pos + 1));
    if (c0 == 'u' && (c1 == 'l' || c1 == 'y' || c1 == 's'))
        return 2;
    switch (c0) {
    case 'l': case 'u': case 'n': case 's': case 'y':
        return 1;
    case 'd':
        return hex ? 0 : 1;
    default:
        return 0;
    }
}

/* A multiplier suffix (kb mb gb tb pb) at pos: its length or 0. */
static uint32_t multiplier_at(const struct lexer *lx, uint32_t pos)
{
    if (pos + 2 > lx->len || ascii_lower((unsigned char)lx->src[pos + 1]) != 'b')
        return 0;
    switch (ascii_lower((unsigned char)lx->src[pos])) {
    case 'k': case 'm': case 'g': case 't': case 'p':
        return 2;
    default:
        return 0;
    }
}

/*
** A number at pos (after an optional sign the caller skipped); returns its
** end, or 0 when the text is not a number followed by a token boundary.
*/
static uint32_t scan_number(const struct lexer *lx, uint32_t pos, enum lex_mode mode)
{
    uint32_t p = pos;
    int c0 = at(lx, p), c1 = at(lx, p + 1);
    int hex = 0;
    if (c0 == '0' && (c1 == 'x' || c1 == 'X') && (ctab[at(lx, p + 2)] & C_HEX)) {
        hex = 1;
        p += 2;
        while (ctab[at(lx, p)] & C_HEX)
            p++;
    } else if (c0 == '0' && (c1 == 'b' || c1 == 'B') && (at(lx, p + 2) == '0' || at(lx, p + 2) == '1')) {
        p += 2;
        while (at(lx, p) == '0' || at(lx, p) == '1')
            p++;
        hex = 1; /* same suffix rules */
    } else {
        uint32_t d = 0;
        while (ctab[at(lx, p)] & C_DIGIT)
            p++, d++;
        /* `1.5`, and also `1.` and `1.e3` as in PowerShell; `1..2` is a
        ** range. `1.x` is no number (`(1).x` is how to reach a member). */
        if (at(lx, p) == '.' && at(lx, p + 1) != '.' && (d || (ctab[at(lx, p + 1)] & C_DIGIT))) {
            p++;
            while (ctab[at(lx, p)] & C_DIGIT)
                p++, d++;
        }
        if (d == 0)
            return 0;
        if (at(lx, p) == 'e' || at(lx, p) == 'E') {
            uint32_t q = p + 1;
            if (at(lx, q) == '+')
                q++;
            else if (is_dash(lx, q))
                q += is_dash(lx, q);
            if (ctab[at(lx, q)] & C_DIGIT) {
                while (ctab[at(lx, q)] & C_DIGIT)
                    q++;
                p = q;
            }
        }
    }
    p += type_suffix_at(lx, p, hex);
    p += multiplier_at(lx, p);
    if (p >= lx->len || forces_new(lx, p))
        return p;
    if (mode == LEX_EXPR && (ctab[at(lx, p)] & C_AFTERNUM))
        return p;
    if (mode == LEX_EXPR && (at(lx, p) == '[' || at(lx, p) == ':' || is_dash(lx, p)))
        return p;
    return 0;
}

/* An integer literal's value as a sign and a magnitude, or too big for that. */
struct intval {
    bool neg, over;
    uint64_t mag;
};

static void int_times(struct intval *v, uint64_t m)
{
    if (m > 1 && v->mag > UINT64_MAX / m)
        v->over = true;
    else
        v->mag *= m;
}

static double int_approx(struct intval v)
{
    double d = v.over ? 18446744073709551616.0 : (double)v.mag;
    return v.neg ? -d : d;
}

/* A double as an int64, clamped to the int64 range (a cast out of range is UB). */
static int64_t dbl_to_int(double d)
{
    if (!(d > -9223372036854775808.0))
        return d < 0 ? INT64_MIN : 0; /* also NaN */
    if (!(d < 9223372036854775808.0))
        return INT64_MAX;
    return (int64_t)d;
}

/*
** The kind of an integer literal from its suffix (PowerShell's rules):
** none picks int32, then int64, then decimal, then double; u picks uint32,
** then uint64. A value too big for its kind keeps its low bits.
*/
static void int_classify(struct intval v, const char *suffix, double approx,
                         struct lex_number *out)
{
    bool fits64 = !v.over && v.mag <= (uint64_t)INT64_MAX + (v.neg ? 1 : 0);
    uint64_t bits = v.neg ? 0 - v.mag : v.mag;
    int64_t s;
    memcpy(&s, &bits, sizeof s); /* two's complement, without an out-of-range cast */
    out->d = approx;
    out->i = s;
    switch (suffix[0]) {
    case 'l':
        out->kind = NUM_INT64;
        break;
    case 'u':
        if (suffix[1] == 'l')
            out->kind = NUM_UINT64;
        else if (suffix[1] == 'y')
            out->kind = NUM_BYTE;
        else if (suffix[1] == 's')
            out->kind = NUM_UINT16;
        else
            out->kind = !v.neg && v.mag <= UINT32_MAX ? NUM_UINT32 : NUM_UINT64;
        break;
    case 'y':
        out->kind = NUM_SBYTE;
        break;
    case 's':
        out->kind = NUM_INT16;
        break;
    case 'n':
        out->kind = NUM_BIGINT;
        break;
    default:
        if (fits64 && s >= INT32_MIN && s <= INT32_MAX) {
            out->kind = NUM_INT32;
        } else if (fits64) {
            out->kind = NUM_INT64;
        } else {
            /* System.Decimal holds up to 79228162514264337593543950335 */
            double m = approx < 0 ? -approx : approx;
            out->kind = m < 7.9228162514264337593543950335e28 ? NUM_DECIMAL : NUM_DOUBLE;
            out->i = dbl_to_int(approx);
        }
        break;
    }
}

bool lex_number_value(const char *text, size_t len, struct lex_number *out)
{
    char tmp[128];
    size_t i = 0, n = 0;
    int neg = 0;
    memset(out, 0, sizeof *out);
    /* Most numbers are small decimal integers: 9 digits fit an int32. */
    if (len && len <= 9) {
        int32_t v = 0;
        for (i = 0; i < len && text[i] >= '0' && text[i] <= '9'; i++)
            v = v * 10 + (text[i] - '0');
        if (i == len) {
            out->kind = NUM_INT32;
            out->i = v;
            out->d = v;
            return true;
        }
        i = 0;
    }
    if (len >= sizeof tmp)
        return false;
    if (len && text[0] == '-') {
        neg = 1;
        i = 1;
    } else if (len >= 3 && (unsigned char)text[0] == 0xE2) {
        neg = 1;
        i = 3;
    }
    /* Split into digits, suffix, multiplier. */
    int64_t mult = 1;
    size_t e = len;
    if (e - i >= 3 && (text[e - 1] == 'b' || text[e - 1] == 'B')) {
        switch (text[e - 2] | 0x20) {
        case 'k': mult = 1LL << 10; break;
        case 'm': mult = 1LL << 20; break;
        case 'g': mult = 1LL << 30; break;
        case 't': mult = 1LL << 40; break;
        case 'p': mult = 1LL << 50; break;
        default: break;
        }
        if (mult != 1)
            e -= 2;
    }
    int is_hex = e - i > 2 && text[i] == '0' && (text[i + 1] | 0x20) == 'x';
    int is_bin = e - i > 2 && text[i] == '0' && (text[i + 1] | 0x20) == 'b';
    char suffix[3] = {0};
    while (e > i && n < 2) {
        int c = text[e - 1] | 0x20;
        if (is_hex && strchr("lunsy", c) && c) {
        } else if (!is_hex && strchr("ldusyn", c) && c && !(c == 'd' && is_bin)) {
        } else {
            break;
        }
        if (is_hex && (ctab[(unsigned char)text[e - 1]] & C_HEX) && c != 'l' && c != 'u' && c != 'n')
            break;
        suffix[n++] = (char)c;
        e--;
    }
    if (n == 2) { /* read backwards */
        char t = suffix[0];
        suffix[0] = suffix[1];
        suffix[1] = t;
    }
    memcpy(tmp, text + i, e - i);
    tmp[e - i] = '\0';
    struct intval v = {neg != 0, false, 0};
    if (is_hex || is_bin) {
        /*
        ** PowerShell reads exactly 8 or 16 hex digits (32 or 64 binary
        ** ones), leading zeros included, as a two's complement number of that
        ** width unless the suffix is u: 0xFFFFFFFF is the int32 -1 and
        ** 0xFFFFFFFFFFFFFFFF the int64 -1, but 0x0FFFFFFFF is 4294967295.
        */
        const char *digits = tmp + 2;
        size_t width = strlen(digits) * (is_hex ? 4 : 1);
        for (const char *q = digits; *q; q++) {
            unsigned dv = (unsigned)hexval((unsigned char)*q);
            if (v.mag > (UINT64_MAX - dv) / (is_hex ? 16 : 2))
                v.over = true;
            v.mag = v.mag * (is_hex ? 16 : 2) + dv;
        }
        if (suffix[0] != 'u' && (width == 32 || width == 64) && !v.over) {
            uint64_t sign = (uint64_t)1 << (width - 1);
            if (v.mag & sign) {
                /* the negative number: its magnitude is 2^width - mag */
                v.mag = width == 32 ? ((uint64_t)1 << 32) - v.mag : (~v.mag + 1);
                v.neg = !v.neg;
            }
        }
        if (width == 64 && (!suffix[0] || (suffix[0] == 'u' && !suffix[1])))
            suffix[suffix[0] ? 1 : 0] = 'l'; /* a 64-bit literal is an (u)int64 */
        int_times(&v, (uint64_t)mult);
        int_classify(v, suffix, int_approx(v), out);
        return true;
    }
    int real = strpbrk(tmp, ".eE") != NULL;
    double d = strtod(tmp, NULL) * (double)mult;
    if (neg)
        d = -d;
    if (suffix[0] == 'd' || (real && !suffix[0])) {
        out->kind = suffix[0] == 'd' ? NUM_DECIMAL : NUM_DOUBLE;
        out->d = d;
        out->i = dbl_to_int(d);
        return true;
    }
    if (real) {
        /* 1.5e3l: a real number with an integer suffix, truncated */
        double m = d < 0 ? -d : d;
        v.over = !(m < 18446744073709551616.0);
        v.mag = v.over ? UINT64_MAX : (uint64_t)m;
    } else {
        /* Exact arithmetic: a double cannot hold every int64. */
        for (const char *q = tmp; *q; q++) {
            unsigned dv = (unsigned)(*q - '0');
            if (v.mag > (UINT64_MAX - dv) / 10)
                v.over = true;
            v.mag = v.mag * 10 + dv;
        }
        int_times(&v, (uint64_t)mult);
    }
    int_classify(v, suffix, d, out);
    return true;
}

/* }================================================================== */

/*
** {==================================================================
** The scanner
** ===================================================================
*/

/* A bare word from pos in command mode; start is the token's first byte. */
static struct token *generic(struct lexer *lx, struct token *t, uint32_t pos)
{
    /* Most words are plain ASCII up to a blank or a bracket: the walker
    ** would only step over that run, so it starts after it, if at all. */
    const unsigned char *s = (const unsigned char *)lx->src;
    pos = run_of(lx->src, pos, P_GEN);
    t->kind = TOK_GENERIC;
    if (pos >= lx->len || (s[pos] < 0x80 && (ctab[s[pos]] & C_FORCE))) {
        t->end = pos;
    } else {
        struct walker w = {lx, NULL, NULL, 0, BUF_INIT, 0, 0, 0, t, 0};
        t->end = walk(&w, pos, W_GENERIC);
        t->flags |= (uint16_t)w.flags;
    }
    if (t->end == t->start)
        t->end = t->start + 1; /* never an empty token */
    return t;
}

/* Does a token that ended at pos continue as a bare word in command mode? */
static int continues_bare(const struct lexer *lx, uint32_t pos)
{
    int c = at(lx, pos);
    return !forces_new(lx, pos) && c != '.' && c != '[';
}

static struct token *redirect(const struct lexer *lx, struct token *t, uint32_t pos)
{
    int c = at(lx, pos);
    unsigned from = 1;
    if (c == '*') {
        from = 0;
        pos++;
    } else if (c >= '1' && c <= '6') {
        from = (unsigned)(c - '0');
        pos++;
    }
    pos++; /* '>' */
    unsigned op = from;
    if (at(lx, pos) == '>') {
        op |= REDIR_APPEND;
        pos++;
    } else if (at(lx, pos) == '&' && at(lx, pos + 1) >= '1' && at(lx, pos + 1) <= '6') {
        op |= REDIR_MERGE | ((unsigned)(at(lx, pos + 1) - '0') << 8);
        pos += 2;
    }
    t->kind = TOK_REDIRECT;
    t->op = (uint16_t)op;
    t->end = pos;
    return t;
}

static struct token *simple(struct token *t, enum tok_kind k, uint32_t n)
{
    t->kind = k;
    t->end = t->start + n;
    return t;
}

/* A string literal at pos, of either quote. When it opens with an ASCII
** quote, the bytes from pos + 1 to from are known plain in it (quote_into()
** has run over them), and the run goes on from there. */
static struct token *string_tok(struct lexer *lx, struct token *t, uint32_t pos, uint32_t from,
                                enum lex_mode mode)
{
    struct walker w = {lx, NULL, NULL, 0, BUF_INIT, 0, 0, 0, t, 0};
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t q = is_sq(lx, pos), p = from;
    /* Most strings are plain text between ASCII quotes: a run of bytes
    ** plain in the mode and the closing quote, not doubled. The lexer says
    ** so on the token, and the parser takes the value from the source; in
    ** any other case the walker goes on from the first byte not plain. */
    if (q) {
        t->kind = TOK_STRING_SQ;
        if (q == 1) {
            p = run_of(lx->src, p, P_SQ);
            if (s[p] == '\'' && !is_sq(lx, p + 1)) {
                t->flags |= TF_PLAIN;
                t->end = p + 1;
            } else {
                t->end = walk_sq(&w, p, 0);
            }
        } else {
            t->end = walk_sq(&w, pos + q, 0);
        }
    } else {
        t->kind = TOK_STRING_DQ;
        q = is_dq(lx, pos);
        if (q == 1) {
            p = run_of(lx->src, p, P_DQ);
            if (s[p] == '"' && !is_dq(lx, p + 1)) {
                t->flags |= TF_PLAIN;
                t->end = p + 1;
            } else {
                t->end = walk(&w, p, W_DQ);
            }
        } else {
            t->end = walk(&w, pos + q, W_DQ);
        }
    }
    if (mode == LEX_CMD && !t->err && continues_bare(lx, t->end)) {
        t->flags &= (uint16_t)~TF_PLAIN;
        return generic(lx, t, pos);
    }
    return t;
}

static struct token *here_string(struct lexer *lx, struct token *t, uint32_t pos)
{
    struct walker w = {lx, NULL, NULL, 0, BUF_INIT, 0, 0, 0, t, 0};
    uint32_t q = is_sq(lx, pos + 1);
    int sq = q != 0;
    if (!q)
        q = is_dq(lx, pos + 1);
    uint32_t p = pos + 1 + q;
    while (is_ws(lx, p))
        p += is_ws(lx, p);
    t->kind = sq ? TOK_HERE_SQ : TOK_HERE_DQ;
    if (p < lx->len && !is_nl(lx, p)) {
        tok_error(t, PERR_UnexpectedCharactersAfterHereStringHeader, p, p);
        t->end = p;
        return t;
    }
    p += nl_len(lx, p);
    uint32_t cq = sq ? is_sq(lx, p) : is_dq(lx, p);
    if (cq && at(lx, p + cq) == '@') { /* empty here-string */
        t->end = p + cq + 1;
        return t;
    }
    if (sq)
        t->end = walk_sq(&w, p, 1);
    else
        t->end = walk(&w, p, W_HERE_DQ);
    return t;
}

/* `-` or a Unicode dash at pos, dn bytes long. */
static struct token *dash(struct lexer *lx, struct token *t, uint32_t pos, uint32_t dn,
                          enum lex_mode mode)
{
    uint32_t p = pos + dn;
    int c = at(lx, p);
    uint32_t n2 = is_dash(lx, p);
    if (mode == LEX_EXPR) {
        if (n2)
            return simple(t, TOK_MINUS_MINUS, dn + n2);
        if (c == '=')
            return simple(t, TOK_MINUS_EQ, dn + 1);
        if (ctab[c] & C_IDSTART && c < 0x80) {
            uint32_t q = p;
            while (q < lx->len && ((at(lx, q) | 0x20) >= 'a' && (at(lx, q) | 0x20) <= 'z'))
                q++;
            enum ast_op op = dash_op(lx->src + p, q - p);
            if (op != OP_NONE && !is_ident(lx, q)) {
                t->kind = TOK_OPERATOR;
                t->op = (uint16_t)op;
                t->end = q;
                return t;
            }
            /* Not an operator: a parameter, which no expression accepts. */
        } else {
            return simple(t, TOK_MINUS, dn);
        }
    } else {
        if (n2) {
            if (at(lx, p + n2) == '%' && forces_new(lx, p + n2 + 1)) {
                uint32_t q = p + n2 + 1;
                while (q < lx->len && !is_nl(lx, q) && at(lx, q) != '|')
                    q++;
                t->kind = TOK_STOP_PARSING;
                t->end = q;
                return t;
            }
            return generic(lx, t, p + n2);
        }
        if ((ctab[c] & C_DIGIT) || (c == '.' && (ctab[at(lx, p + 1)] & C_DIGIT))) {
            uint32_t e = scan_number(lx, p, mode);
            if (e) {
                t->kind = TOK_NUMBER;
                t->end = e;
                return t;
            }
        }
        if (forces_new(lx, p))
            return generic(lx, t, p);
    }
    /* A parameter: -Name or -Name: */
    if (!(is_ident_start(lx, p) || c == '?')) {
        if (mode == LEX_EXPR)
            return simple(t, TOK_MINUS, dn);
        return generic(lx, t, p);
    }
    uint32_t q = run_of(lx->src, p, P_PARAM); /* the common case of the loop below */
    while (q < lx->len && !forces_new(lx, q) && at(lx, q) != ':') {
        if (is_sq(lx, q) || is_dq(lx, q) || at(lx, q) == '$' || at(lx, q) == '`')
            return mode == LEX_CMD ? generic(lx, t, pos) : simple(t, TOK_MINUS, dn);
        q++;
    }
    t->kind = TOK_PARAMETER;
    if (at(lx, q) == ':') {
        t->flags |= TF_COLON;
        q++;
    }
    t->end = q;
    return t;
}

/*
** The scanner writes the token in place, through a pointer: built field by
** field and then returned by value, it was copied a few times on the way,
** each copy a wide load of narrow stores that stalls. The helpers return
** the same pointer, for `return helper(...)`.
*/
static EMSH_INLINE struct token *scan(struct lexer *lx, uint32_t pos, enum lex_mode mode,
                                      struct token *t)
{
    memset(t, 0, sizeof *t);
    pos = skip_trivia(lx, pos, t);
    t->start = pos;
    t->end = pos;
    if (pos >= lx->len) {
        t->kind = TOK_EOF;
        return t;
    }
    int c = at(lx, pos), c1 = at(lx, pos + 1);
    int cmd = mode == LEX_CMD;
    uint32_t n;
    switch (c) {
    case '\n':
        return simple(t, TOK_NEWLINE, 1);
    case '\r':
        return simple(t, TOK_NEWLINE, c1 == '\n' ? 2 : 1);
    case ';':
        return simple(t, TOK_SEMI, 1);
    case '(':
        return simple(t, TOK_LPAREN, 1);
    case ')':
        return simple(t, TOK_RPAREN, 1);
    case '{':
        return simple(t, TOK_LCURLY, 1);
    case '}':
        return simple(t, TOK_RCURLY, 1);
    case ',':
        return simple(t, TOK_COMMA, 1);
    case '|':
        return c1 == '|' ? simple(t, TOK_OR_OR, 2) : simple(t, TOK_PIPE, 1);
    case '&':
        return c1 == '&' ? simple(t, TOK_AND_AND, 2) : simple(t, TOK_AMP, 1);
    case '[':
        return cmd ? generic(lx, t, pos) : simple(t, TOK_LBRACKET, 1);
    case ']':
        return cmd ? generic(lx, t, pos) : simple(t, TOK_RBRACKET, 1);
    case '@':
        if (c1 == '(')
            return simple(t, TOK_AT_PAREN, 2);
        if (c1 == '{')
            return simple(t, TOK_AT_CURLY, 2);
        if (is_sq(lx, pos + 1) || is_dq(lx, pos + 1))
            return here_string(lx, t, pos);
        if (is_ident(lx, pos + 1)) {
            int ok;
            t->kind = TOK_SPLAT;
            t->end = scan_variable(lx, pos, t, &ok);
            if (ok == VAR_PLAIN)
                t->flags |= TF_PLAIN;
            return t;
        }
        return generic(lx, t, pos);
    case '$': {
        if (c1 == '(')
            return simple(t, TOK_DOLLAR_PAREN, 2);
        int ok;
        uint32_t e = scan_variable(lx, pos, t, &ok);
        if (!ok) {
            generic(lx, t, pos);
            if (!cmd)
                tok_error(t, PERR_InvalidVariableReference, pos, pos + 1);
            return t;
        }
        t->kind = TOK_VARIABLE;
        t->end = e;
        if (cmd && !t->err && continues_bare(lx, e) && !(at(lx, e) == ':' && at(lx, e + 1) == ':'))
            return generic(lx, t, pos);
        if (ok == VAR_PLAIN)
            t->flags |= TF_PLAIN;
        return t;
    }
    case '\'':
    case '"':
        return string_tok(lx, t, pos, pos + 1, mode);
    case '-':
        return dash(lx, t, pos, 1, mode);
    case '.':
        if (c1 == '.' && !cmd)
            return simple(t, TOK_DOT_DOT, 2);
        if (ctab[c1] & C_DIGIT) {
            uint32_t e = scan_number(lx, pos, mode);
            if (e) {
                t->kind = TOK_NUMBER;
                t->end = e;
                return t;
            }
        }
        if (cmd && !forces_new(lx, pos + 1))
            return generic(lx, t, pos);
        return simple(t, TOK_DOT, 1);
    case ':':
        if (c1 == ':')
            return simple(t, TOK_COLON_COLON, 2);
        if (is_ident_start(lx, pos + 1)) {
            uint32_t p = skip_ident(lx, pos + 1);
            if (cmd && !forces_new(lx, p))
                return generic(lx, t, pos);
            t->kind = TOK_LABEL;
            t->end = p;
            return t;
        }
        return cmd ? generic(lx, t, pos) : simple(t, TOK_COLON, 1);
    case '*':
        if (c1 == '>')
            return redirect(lx, t, pos);
        if (cmd)
            return generic(lx, t, pos);
        return c1 == '=' ? simple(t, TOK_STAR_EQ, 2) : simple(t, TOK_STAR, 1);
    case '>':
        return redirect(lx, t, pos);
    case '<':
        return simple(t, TOK_REDIR_IN, 1);
    case '+':
        if (cmd)
            return generic(lx, t, pos);
        if (c1 == '+')
            return simple(t, TOK_PLUS_PLUS, 2);
        return c1 == '=' ? simple(t, TOK_PLUS_EQ, 2) : simple(t, TOK_PLUS, 1);
    case '/':
        if (cmd)
            return generic(lx, t, pos);
        return c1 == '=' ? simple(t, TOK_SLASH_EQ, 2) : simple(t, TOK_SLASH, 1);
    case '%':
        if (cmd)
            return generic(lx, t, pos);
        return c1 == '=' ? simple(t, TOK_PERCENT_EQ, 2) : simple(t, TOK_PERCENT, 1);
    case '=':
        if (cmd && !forces_new(lx, pos + 1))
            return generic(lx, t, pos);
        return simple(t, TOK_EQUALS, 1);
    case '!':
        return cmd ? generic(lx, t, pos) : simple(t, TOK_EXCLAIM, 1);
    case '?':
        if (cmd)
            return generic(lx, t, pos);
        if (c1 == '?')
            return at(lx, pos + 2) == '=' ? simple(t, TOK_QQ_EQ, 3) : simple(t, TOK_QQ, 2);
        if (c1 == '.')
            return simple(t, TOK_QDOT, 2);
        if (c1 == '[')
            return simple(t, TOK_QLBRACKET, 2);
        return simple(t, TOK_QUESTION, 1);
    default:
        break;
    }
    if (c >= '0' && c <= '9') {
        if (c1 == '>' && c >= '1' && c <= '6' && (cmd || (t->flags & TF_SPACE)))
            return redirect(lx, t, pos);
        uint32_t e = scan_number(lx, pos, mode);
        if (e) {
            t->kind = TOK_NUMBER;
            t->end = e;
            return t;
        }
        return generic(lx, t, pos);
    }
    if (c >= 0x80) {
        switch (uni_at(lx, pos, &n)) {
        case U_DASH:
            return dash(lx, t, pos, n, mode);
        case U_SQUOTE:
        case U_DQUOTE:
            return string_tok(lx, t, pos, pos + 1, mode);
        default:
            break;
        }
    }
    if (!cmd && (n = is_ident_start(lx, pos))) {
        uint32_t p = skip_ident(lx, pos);
        t->kind = TOK_IDENT;
        t->end = p;
        return t;
    }
    return generic(lx, t, pos);
}

/*
** Would scan() give this token, scanned in mode, in the other mode too?
** Newlines and brackets, the most common tokens after words, are scanned by
** code that never looks at the mode, so one scan can serve both modes.
*/
static bool same_in_both_modes(const struct lexer *lx, const struct token *t, enum lex_mode mode)
{
    if (t->kind == TOK_EOF)
        return true;
    /* A variable or a string ends a bare word in command mode only where
    ** it ends in expression mode too; the first word of a statement, asked
    ** for in both, is often one. (Not the other way round: `$a+1` is a
    ** variable and more in an expression, one bare word in a command.) */
    if (mode == LEX_CMD &&
        (t->kind == TOK_VARIABLE || t->kind == TOK_STRING_SQ || t->kind == TOK_STRING_DQ))
        return true;
    static const bool first[256] = {
        ['\n'] = true, ['\r'] = true, [';'] = true, ['('] = true, [')'] = true, ['{'] = true,
        ['}'] = true, [','] = true, ['|'] = true, ['&'] = true, ['<'] = true, ['>'] = true,
        ['@'] = true,
    };
    return first[(unsigned char)lx->src[t->start]];
}

/* The one caller of scan(), which is inlined here. */
static EMSH_NOINLINE bool scan_into(struct lexer *lx, uint32_t pos, enum lex_mode mode,
                                    struct token *out)
{
    scan(lx, pos, mode, out);
    return same_in_both_modes(lx, out, mode);
}

/* dash_into() in expression mode, out of line: the lookup of the operator
** would give dash_into() a frame in command mode too. */
static EMSH_NOINLINE bool operator_into(struct lexer *lx, uint32_t pos, enum lex_mode mode,
                                        struct token *out)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t p = out->start + 1, q = p;
    while ((s[q] | 0x20) >= 'a' && (s[q] | 0x20) <= 'z')
        q++;
    enum ast_op op;
    if ((ptab[s[q]] & P_ID) || s[q] >= 0x80 || (op = dash_op(lx->src + p, q - p)) == OP_NONE)
        return scan_into(lx, pos, mode, out);
    out->kind = TOK_OPERATOR;
    out->op = (uint16_t)op;
    out->end = q;
    return false;
}

/*
** A token at an ASCII `-`, for lex_scan_into(), which has written its start
** and flags; with its arguments, so that either is a jump to the other.
** Taken here, without the switch in scan() and the careful loops of dash():
** in command mode a parameter whose name starts with an ASCII letter or _
** and runs over bytes plain in a parameter (P_PARAM) to one that ends any
** word or to a `:` (-Identity, -ErrorAction:), as dash() scans it when
** nothing in the name makes the word a bare word; in expression mode an
** operator of ASCII letters that no identifier character follows (-eq).
** Anything else (`--%`, -5, -.5, -a$b, a Unicode letter) is scan_into()'s.
** No token at a dash is the same in both modes (same_in_both_modes).
*/
static EMSH_NOINLINE bool dash_into(struct lexer *lx, uint32_t pos, enum lex_mode mode,
                                    struct token *out)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t p = out->start + 1, q;
    if (!(s[p] < 0x80 && (ctab[s[p]] & C_IDSTART)))
        return scan_into(lx, pos, mode, out);
    if (mode == LEX_EXPR)
        return operator_into(lx, pos, mode, out);
    q = run_of(lx->src, p, P_PARAM);
    if (s[q] == ':') {
        out->flags |= TF_COLON;
        q++;
    } else if (!(ctab[s[q]] & C_FORCE)) { /* (the final NUL forces) */
        return scan_into(lx, pos, mode, out);
    }
    out->kind = TOK_PARAMETER;
    out->end = q;
    return false;
}

/* The strings quote_into() does not take, by string_tok() as scan() would
** call it, from the first byte that quote_into() did not find plain. */
static EMSH_NOINLINE bool string_into(struct lexer *lx, enum lex_mode mode, struct token *out,
                                      uint32_t from)
{
    string_tok(lx, out, out->start, from, mode);
    return same_in_both_modes(lx, out, mode);
}

/*
** A string at an ASCII quote, for lex_scan_into(), as dash_into(): plain
** text between ASCII quotes (string_tok()'s first case, flagged so), when
** the closing quote is not doubled, and is followed by an ASCII byte that
** ends the token in this mode (continues_bare()). Anything else goes on to
** string_into(). Such a string is the same in both modes when scanned in
** command mode (same_in_both_modes).
*/
static EMSH_NOINLINE bool quote_into(struct lexer *lx, enum lex_mode mode, struct token *out)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    unsigned char quote = s[out->start];
    uint32_t q;
    if (quote == '\'')
        q = run_of(lx->src, out->start + 1, P_SQ);
    else
        q = run_of(lx->src, out->start + 1, P_DQ);
    if (s[q] != quote)
        return string_into(lx, mode, out, q);
    unsigned char after = s[q + 1]; /* (s[q] is a quote: at worst the final NUL) */
    if (after == quote || after >= 0x80)
        return string_into(lx, mode, out, q);
    if (mode == LEX_CMD && !(ctab[after] & C_FORCE) && after != '.' && after != '[')
        return string_into(lx, mode, out, q); /* a bare word */
    out->kind = quote == '\'' ? TOK_STRING_SQ : TOK_STRING_DQ;
    out->flags |= TF_PLAIN;
    out->end = q + 1;
    return mode == LEX_CMD;
}

/*
** A comment to the end of its line, as skip_trivia() takes it, and the
** newline there, as scan() takes `\n` and `\r`; for other_into(), out of
** line, so that other_into() needs no registers for it.
*/
static EMSH_NOINLINE bool comment_into(struct lexer *lx, uint32_t pos, enum lex_mode mode,
                                       struct token *out)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t q = line_end(lx, out->start);
    if (q >= lx->len)
        return scan_into(lx, pos, mode, out);
    record_comment(lx, out->start, q);
    out->kind = TOK_NEWLINE;
    out->flags |= TF_SPACE;
    out->start = q;
    out->end = s[q] == '\r' && s[q + 1] == '\n' ? q + 2 : q + 1;
    return true; /* (same_in_both_modes() by the newline) */
}

/*
** Tokens at a few more bytes, for lex_scan_into(), as dash_into(): `|` but
** not `||`, `@(` and `@{`, `::`, a newline of \r\n or \r, as scan() takes
** them; and a number of ASCII digits followed by a byte that ends any word:
** scan_number() takes the digits and no more then (no `.`, exponent, suffix
** or multiplier follows), and such a byte ends a number in either mode (a
** redirection, `2>`, has a `>`, which is no such byte). A comment, by
** comment_into(). In command mode, at `.`, `[`, `]` and `=`, a bare word
** of bytes plain in one (P_GEN) that ends at a byte that ends any word, as
** generic() scans it, or a lone `.` or `=` before such a byte. Anything
** else at these bytes is scan_into()'s.
*/
static EMSH_NOINLINE bool other_into(struct lexer *lx, uint32_t pos, enum lex_mode mode,
                                     struct token *out)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t p = out->start, q;
    /* each case writes the token and returns whether it is the same in both
    ** modes (same_in_both_modes(), by its first byte) */
    switch (s[p]) {
    case '|':
        if (s[p + 1] == '|')
            break;
        out->kind = TOK_PIPE;
        out->end = p + 1;
        return true;
    case '@':
        if (s[p + 1] != '(' && s[p + 1] != '{')
            break;
        out->kind = s[p + 1] == '(' ? TOK_AT_PAREN : TOK_AT_CURLY;
        out->end = p + 2;
        return true;
    case ':':
        if (s[p + 1] != ':')
            break;
        out->kind = TOK_COLON_COLON;
        out->end = p + 2;
        return false;
    case '\r':
        out->kind = TOK_NEWLINE;
        out->end = s[p + 1] == '\n' ? p + 2 : p + 1;
        return true;
    case '#':
        return comment_into(lx, pos, mode, out);
    case '.':
    case '[':
    case ']':
    case '=':
        /* in expression mode, here only `..` and `.5` (see lex_scan_into) */
        if (mode == LEX_EXPR || (s[p] == '.' && (ctab[s[p + 1]] & C_DIGIT)))
            break;
        q = run_of(lx->src, p + 1, P_GEN);
        if (!(ctab[s[q]] & C_FORCE))
            break;
        out->kind = q > p + 1 || s[p] == '[' || s[p] == ']' ? TOK_GENERIC
                    : s[p] == '.'                          ? TOK_DOT
                                                           : TOK_EQUALS;
        out->end = q;
        return false;
    default: /* a digit */
        q = p + 1;
        while (ctab[s[q]] & C_DIGIT)
            q++;
        if (!(ctab[s[q]] & C_FORCE)) /* (the final NUL forces) */
            break;
        out->kind = TOK_NUMBER;
        out->end = q;
        return false;
    }
    return scan_into(lx, pos, mode, out);
}

/*
** Most tokens, after nothing but blanks, are scanned here, without a frame
** and with no jump through the switch in scan(): the tokens of one byte
** that no other byte may follow as part of them, the same in both modes (a
** third of all tokens), and `=`, `[`, `]` and `.` in expression mode; plain
** variables ($name, a fifth); words of ASCII letters ending at a byte that
** ends any word (a fifth). Parameters and operators at an ASCII dash go on
** to dash_into(), strings at an ASCII quote to quote_into(), the tokens at
** `|`, `@`, `:`, \r, `#` and digits, and at `=`, `[`, `]` and `.` in
** command mode, to other_into(). Everything else, and anything these might
** turn into (`$a.b` in command mode, a word with a quote in it), is
** scan_into()'s.
*/
enum { LEAD_SLOW, LEAD_SINGLE, LEAD_DOLLAR, LEAD_WORD, LEAD_EXPR, LEAD_DASH, LEAD_QUOTE,
       LEAD_OTHER };

/* LEAD_SINGLE in both modes, LEAD_EXPR in expression mode (in command mode
** they may start a bare word; `.` also `..` or a number). */
static const uint8_t single_tok[256] = {
    ['\n'] = TOK_NEWLINE, [';'] = TOK_SEMI, ['('] = TOK_LPAREN, [')'] = TOK_RPAREN,
    ['{'] = TOK_LCURLY, ['}'] = TOK_RCURLY, [','] = TOK_COMMA,
    ['='] = TOK_EQUALS, ['['] = TOK_LBRACKET, [']'] = TOK_RBRACKET, ['.'] = TOK_DOT,
};
_Static_assert(TOK__COUNT <= 256, "single_tok holds token kinds in a byte");

static uint8_t lead[256]; /* LEAD_*, by a token's first byte (init_ctab) */

static void init_lead(void)
{
    for (int c = 0; c < 256; c++)
        lead[c] = c == '#'                            ? LEAD_OTHER
                  : !(ptab[c] & P_SOLID)              ? LEAD_SLOW /* see lex_scan_into */
                  : c && strchr("=[].", c)            ? LEAD_EXPR
                  : single_tok[c]                     ? LEAD_SINGLE
                  : c == '$'                          ? LEAD_DOLLAR
                  : c == '-'                          ? LEAD_DASH
                  : c == '\'' || c == '"'             ? LEAD_QUOTE
                  : c && strchr("|@:\r0123456789", c) ? LEAD_OTHER
                  : c < 0x80 && (ctab[c] & C_IDSTART) ? LEAD_WORD
                                                      : LEAD_SLOW;
}

bool lex_scan_into(struct lexer *lx, uint32_t pos, enum lex_mode mode, struct token *out)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    /* Blanks before the token (see skip_trivia): most often none or one. */
    uint32_t p = pos, q;
    while (s[p] == ' ')
        p++;
    /* LEAD_SLOW for the NUL at the end, and for a byte not solid (the next
    ** blank, a continuation, a `<#` comment): skip_trivia()'s; a `#` goes
    ** on to other_into() */
    unsigned l = lead[s[p]];
    if (l == LEAD_SLOW)
        return scan_into(lx, pos, mode, out);
    /* The token is written before its kind is known, to free the registers
    ** that held its start and flags: all but the arguments of scan_into()
    ** must fit in the ones a call may clobber, or this path needs a frame.
    ** A variable here is always a plain one. scan_into() writes the whole
    ** token anew. */
    memset(out, 0, sizeof *out);
    out->flags = (uint16_t)((p != pos ? TF_SPACE : 0) | (l == LEAD_DOLLAR ? TF_PLAIN : 0));
    out->start = p;
    if (l == LEAD_SINGLE) {
        out->kind = (enum tok_kind)single_tok[s[p]];
        out->end = p + 1;
        return true;
    }
    if (l == LEAD_DOLLAR) {
        /* scan_variable() and the '$' case of scan() when the name is ASCII
        ** letters, digits, _ and ? that no `:` follows */
        if (!(ptab[s[p + 1]] & P_ID))
            return scan_into(lx, pos, mode, out);
        q = p + 2;
        while (ptab[s[q]] & P_IDQ)
            q++;
        if (s[q] >= 0x80 || s[q] == ':')
            return scan_into(lx, pos, mode, out);
        bool both = false;
        if (mode == LEX_CMD) {
            if (!(ctab[s[q]] & C_FORCE) && s[q] != '.' && s[q] != '[')
                return scan_into(lx, pos, mode, out); /* a bare word */
            both = true;
        }
        out->kind = TOK_VARIABLE;
        out->end = q;
        return both;
    }
    if (l == LEAD_WORD) {
        /* generic() or the identifier in scan(). The first byte is a
        ** letter, which the loops would take: they start after it without a
        ** test (written as a while, gcc tests the byte after it before the
        ** branch on the mode, in one more register, which needs a frame). */
        q = p;
        if (mode == LEX_CMD) {
            do
                q++;
            while (ptab[s[q]] & P_GEN);
            if (!(ctab[s[q]] & C_FORCE))
                return scan_into(lx, pos, mode, out);
            out->kind = TOK_GENERIC;
        } else {
            do
                q++;
            while (ptab[s[q]] & P_ID);
            if (s[q] >= 0x80)
                return scan_into(lx, pos, mode, out);
            out->kind = TOK_IDENT;
        }
        out->end = q;
        return false;
    }
    if (l == LEAD_EXPR && mode == LEX_EXPR &&
        (s[p] != '.' || (s[p + 1] != '.' && !(ctab[s[p + 1]] & C_DIGIT)))) {
        out->kind = (enum tok_kind)single_tok[s[p]];
        out->end = p + 1;
        return false;
    }
    if (l == LEAD_DASH)
        return dash_into(lx, pos, mode, out);
    if (l == LEAD_QUOTE)
        return quote_into(lx, mode, out);
    if (l == LEAD_OTHER || l == LEAD_EXPR)
        return other_into(lx, pos, mode, out);
    return scan_into(lx, pos, mode, out);
}

struct token lex_scan(struct lexer *lx, uint32_t pos, enum lex_mode mode)
{
    struct token t;
    lex_scan_into(lx, pos, mode, &t);
    return t;
}

/* lex_member_name() from a non-ASCII byte at p, out of line: a name of
** ASCII characters needs no frame. */
static EMSH_NOINLINE struct token member_name_careful(struct lexer *lx, uint32_t pos, uint32_t p)
{
    p = skip_ident_careful(lx, p);
    return (struct token){.kind = p > pos ? TOK_IDENT : TOK_EOF, .start = pos, .end = p};
}

struct token lex_member_name(struct lexer *lx, uint32_t pos)
{
    /* built whole where it is returned: no token on the stack to copy */
    uint32_t p = run_of(lx->src, pos, P_ID);
    if ((unsigned char)lx->src[p] >= 0x80)
        return member_name_careful(lx, pos, p);
    return (struct token){.kind = p > pos ? TOK_IDENT : TOK_EOF, .start = pos, .end = p};
}

struct token lex_type_name(struct lexer *lx, uint32_t pos)
{
    if (!(ptab[(unsigned char)lx->src[pos]] & P_SOLID)) /* (most often no space) */
        pos = lex_skip_space(lx, pos);
    uint32_t q, p = pos;
    for (;;) {
        if ((q = skip_ident(lx, p)) > p) { /* identifier characters, a run at a time */
            p = q;
        } else if (p > pos && (at(lx, p) == '.' || at(lx, p) == '+') && is_ident_start(lx, p + 1)) {
            p++;
        } else if (p > pos && at(lx, p) == '`' && (ctab[at(lx, p + 1)] & C_DIGIT)) {
            p++;
        } else {
            break;
        }
    }
    return (struct token){.kind = p > pos ? TOK_IDENT : TOK_EOF, .start = pos, .end = p};
}

struct token lex_hash_key(struct lexer *lx, uint32_t pos)
{
    if (!is_ident_start(lx, pos))
        return (struct token){.kind = TOK_EOF, .start = pos, .end = pos};
    uint32_t p = run_of(lx->src, pos, P_KEY); /* the common case of the loop below */
    if ((unsigned char)lx->src[p] >= 0x80) /* (an ASCII byte not P_KEY ends the loop) */
        while (p < lx->len && !forces_new(lx, p) && !strchr("=$#[]'\"`", at(lx, p)) &&
               !is_sq(lx, p) && !is_dq(lx, p))
            p++;
    return (struct token){.kind = TOK_GENERIC, .start = pos, .end = p};
}

/* }================================================================== */
