/*
** lex.h - the PowerShell lexer.
**
** PowerShell tokenizes differently in expression mode and in argument
** (command) mode: `2+2` is three tokens in an expression and one bare word
** as a command argument; `-eq` is an operator in one and a parameter in the
** other. So the lexer does not run ahead on its own: the parser asks for
** the one token at a byte offset in the mode it needs (lex_scan), and asks
** again when its mode changes. Tokens are byte ranges of the source, never
** copies; the lex_cook_* and lex_walk_expandable functions turn a token's
** text into its value when the parser builds a node.
**
** The lexer reports errors by recording them on the token (tok.err), so that
** a speculative scan in the wrong mode reports nothing; the parser reports a
** token's error when it consumes the token. Comments are recorded, once
** each, in the lexer's comment list (the parser uses them for help text and
** #requires lines).
*/
#ifndef EMSH_LEX_H
#define EMSH_LEX_H

#include "base.h"
#include "buf.h"

#include <stdbool.h>

enum tok_kind {
#define TOK(name, spelling) TOK_##name,
#include "tokens.def"
#undef TOK
    TOK__COUNT
};

enum ast_op {
#define OP(name, spelling, prec, flags) OP_##name,
#include "ops.def"
#undef OP
    OP__COUNT
};

enum op_flags { OPF_B = 1 << 0, OPF_U = 1 << 1, OPF_A = 1 << 2, OPF_D = 1 << 3 };

/* Syntax error identifiers (errors.def). */
enum perr_id {
    PERR_NONE = 0,
#define PERR(id, msg) PERR_##id,
#include "errors.def"
#undef PERR
    PERR__COUNT
};

enum lex_mode { LEX_EXPR, LEX_CMD };

enum tok_flags {
    TF_SPACE = 1 << 0,   /* whitespace, a comment or a continuation comes first */
    TF_COLON = 1 << 1,   /* a parameter written -Name: */
    TF_EXPAND = 1 << 2,  /* a bare word with $ expansions in it */
    TF_ESCAPED = 1 << 3, /* a bare word with backticks or quotes in it */
    TF_NEWLINE = 1 << 4, /* a newline was skipped before the token */
    TF_PLAIN = 1 << 5,   /* a quoted string between ASCII quotes, its value
                         ** its text between them (see lex_cook_raw); a
                         ** variable whose name is its text after the $ or @,
                         ** without braces, scope or drive */
};

struct token {
    enum tok_kind kind;
    uint16_t op;        /* OPERATOR: the operator; REDIRECT: see lex_redirect */
    uint16_t flags;     /* enum tok_flags */
    uint32_t start;     /* first byte of the token */
    uint32_t end;       /* one past its last byte */
    uint16_t err;       /* enum perr_id of an error found while scanning */
    uint32_t err_start; /* where that error is */
    uint32_t err_end;
};

struct lex_comment {
    uint32_t start, end;
};

/* How deep strings and $( ) may nest inside one another in one token. */
#define LEX_MAX_DEPTH 200

/* How many of the last $( ) skipped in text the lexer remembers. */
#define LEX_SUBEXPRS 8

struct lexer {
    const char *src;
    uint32_t len;
    struct lex_comment *comments; /* comments seen so far, in order */
    uint32_t ncomments, comments_cap;
    uint32_t depth; /* $( ) being skipped inside expandable text, now */
    /* Where the `)` that closes a $( ) skipped in text at depth 0 is, by
    ** the offset of its text (0: none), in a slot by that offset: the
    ** parser walks a string after the lexer has, and finds them here. */
    struct { uint32_t at, close; } subexprs[LEX_SUBEXPRS];
};

/* Initializes a lexer over src[0..len), which must be followed by a NUL
** (src[len] == '\0'); the source must outlive the lexer. */
void lex_init(struct lexer *lx, const char *src, uint32_t len);
void lex_release(struct lexer *lx);

/* Skips a byte-order mark and a #! line at the start; returns the offset. */
uint32_t lex_skip_preamble(const struct lexer *lx);

/* Scans the token that starts at or after pos, in the given mode. */
struct token lex_scan(struct lexer *lx, uint32_t pos, enum lex_mode mode);
/* The same, written to *out: no copy of the token on the way. Returns
** whether a scan at pos in the other mode gives the same token. */
bool lex_scan_into(struct lexer *lx, uint32_t pos, enum lex_mode mode, struct token *out);

/* Special scans the parser asks for in its own contexts; each returns a
** token of kind IDENT (or GENERIC) or, when nothing matches, of kind EOF
** with start == end == pos. */
struct token lex_member_name(struct lexer *lx, uint32_t pos); /* after . and :: */
struct token lex_type_name(struct lexer *lx, uint32_t pos);   /* in [ ] */
struct token lex_hash_key(struct lexer *lx, uint32_t pos);    /* bare hash key */

/* Position just after whitespace and continuations (not newlines) at pos. */
uint32_t lex_skip_space(const struct lexer *lx, uint32_t pos);

/* The spelling of a token kind and of an operator. */
const char *tok_spelling(enum tok_kind k);
const char *op_spelling(enum ast_op op);
int op_precedence(enum ast_op op);
unsigned op_flags(enum ast_op op);
const char *perr_message(enum perr_id id);
const char *perr_name(enum perr_id id);

/* Redirections: the stream (0 for *, 1-6) in the low byte of tok.op, the
** target stream of a merge (2>&1) in the next, and these flags. */
enum { REDIR_APPEND = 1 << 12, REDIR_MERGE = 1 << 13 };

/*
** Cooking. The value of a single-quoted string token, of a bare word
** without expansions, and of a parameter's name are appended to out.
*/
void lex_cook_sq(const struct lexer *lx, const struct token *t, struct buf *out);
void lex_cook_bare(const struct lexer *lx, const struct token *t, struct buf *out);
/* When that value is the token's text, or a part of it, as it stands in the
** source (most are): sets its range and returns true, with no copying. */
bool lex_cook_raw(const struct lexer *lx, const struct token *t, uint32_t *start, uint32_t *end);
/* The same for a double-quoted string with nothing in it to expand or
** unescape: its value is its text between the quotes. */
bool lex_plain_dq(const struct lexer *lx, const struct token *t, uint32_t *start, uint32_t *end);

/*
** Expandable text: walks a double-quoted string, a here-string or a bare word
** with expansions, calling back with its literal text (escapes resolved;
** len bytes, not NUL-terminated, often the source itself) and each variable
** ($x, ${x}, $env:X) or subexpression ($(...)) in it. For a variable the
** range covers `$name`; for a subexpression the text between `$(` and its
** `)`.
*/
enum lex_part_kind { LEX_PART_TEXT, LEX_PART_VARIABLE, LEX_PART_SUBEXPR };
typedef void (*lex_part_fn)(void *ctx, enum lex_part_kind kind, const char *text, size_t len,
                            uint32_t start, uint32_t end);
void lex_walk_expandable(const struct lexer *lx, const struct token *t, lex_part_fn fn,
                         void *ctx);

/*
** A variable token's name, without `$`, `@` or braces, escapes resolved;
** *scope_len receives the length of a `scope:` or `drive:` prefix (0 if none).
*/
void lex_variable_name(const struct lexer *lx, uint32_t start, uint32_t end, struct buf *out,
                       size_t *scope_len, bool *braced);
/* The same for a variable whose name stands in the source as it is (no
** braces): its start (the end is the token's) and *scope_len; else false. */
bool lex_variable_name_raw(const struct lexer *lx, uint32_t start, uint32_t end,
                           uint32_t *name_start, size_t *scope_len);

/* A number token's value. */
enum num_kind { NUM_INT32, NUM_INT64, NUM_DOUBLE, NUM_DECIMAL, NUM_UINT32, NUM_UINT64, NUM_BYTE,
                NUM_SBYTE, NUM_INT16, NUM_UINT16, NUM_BIGINT };
struct lex_number {
    enum num_kind kind;
    int64_t i;  /* integer kinds (UINT64: the bits); DOUBLE, DECIMAL: truncated */
    double d;   /* DOUBLE and DECIMAL; the value, approximately, for the others */
};
bool lex_number_value(const char *text, size_t len, struct lex_number *out);

/* Keywords, recognized by the parser on bare words. */
enum keyword {
    KW_NONE,
    KW_BEGIN, KW_BREAK, KW_CATCH, KW_CLASS, KW_CLEAN, KW_CONFIGURATION, KW_CONTINUE, KW_DATA,
    KW_DEFINE, KW_DO, KW_DYNAMICPARAM, KW_ELSE, KW_ELSEIF, KW_END, KW_ENUM, KW_EXIT, KW_FILTER,
    KW_FINALLY, KW_FOR, KW_FOREACH, KW_FROM, KW_FUNCTION, KW_HIDDEN, KW_IF, KW_IN,
    KW_INLINESCRIPT, KW_INTERFACE, KW_PARALLEL, KW_PARAM, KW_PROCESS, KW_RETURN, KW_SEQUENCE,
    KW_STATIC, KW_SWITCH, KW_THROW, KW_TRAP, KW_TRY, KW_UNTIL, KW_USING, KW_VAR, KW_WHILE,
    KW_WORKFLOW,
};
enum keyword lex_keyword(const char *s, size_t n);
const char *keyword_spelling(enum keyword kw);

#endif /* EMSH_LEX_H */
