/*
** parse.c - the recursive-descent parser (see parse.h).
**
** One static function per grammar rule, each with its rule in the comment.
** The parser drives the lexer: it asks for the token at its position in the
** mode the rule needs (expression or command), and the answer is cached
** until the position or the mode changes. Statements start in command mode
** so that keywords and bare words are seen whole (`foreach` versus
** `ForEach-Object`); a pipeline element is an expression when its first token
** can start one in expression mode, and a command otherwise.
**
** Errors are collected, never fatal: after a bad statement the parser skips
** to the next statement separator and goes on. Nesting is capped so that
** hostile input cannot exhaust the C stack.
*/
#include "parse.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 400
#define MAX_ERRORS 100

/*
** A token scanned at pos in a mode. lex_scan() depends on nothing else (the
** comments it records are recorded once however often it runs), so its
** answer can be kept. Rules often ask for the same token in both modes, and
** backtracking asks again for tokens already seen.
*/
struct scan_slot {
    struct token tok; /* first: the slot's address is the token's */
    uint32_t pos;     /* UINT32_MAX: empty */
    bool both;        /* the other mode scans the same token here */
};

#define SCAN_SLOTS 64 /* a power of two */

struct parser {
    /* recent scans, so that a token asked for again (in the other mode, or
    ** after a speculative parse backs up) is not scanned again; first, so
    ** that a slot's address is an index off the parser's */
    struct scan_slot scans[SCAN_SLOTS];
    struct lexer lx;
    struct parse_unit *u;
    struct arena *a;
    uint32_t pos;   /* where the next token is scanned */
    uint32_t limit; /* tokens at or after this offset read as end of input */
    uint32_t prev_end; /* end of the last consumed token, newlines not counted */
    /* the tokens looked at (peek_ref): seen[mode] is the token at pos in
    ** that mode, or NULL, and every move of pos forgets them (forget());
    ** cur is the one looked at last, the one next() consumes. Each points
    ** at a scan slot or at eof. */
    const struct token *cur;
    const struct token *seen[2];
    struct token eof;
    /* context */
    int depth;
    int paren;     /* inside ( ): newlines do not end expressions */
    bool no_comma; /* method and attribute arguments: ',' separates */
    bool stop;     /* too many errors or too deep: unwind */
    /* errors, in order found */
    struct parse_error *errs;
    uint32_t nerrs, errs_cap;
};

/*
** {==================================================================
** Tokens, errors, nodes
** ===================================================================
*/

/* Cold, and out of line so that next(), which calls it, stays small. */
static EMSH_NOINLINE void token_error(struct parser *p, const struct token *t);

/* The parser moved: the tokens looked at are not the ones at pos. */
static void forget(struct parser *p)
{
    p->seen[LEX_EXPR] = p->seen[LEX_CMD] = NULL;
}

static void scan_cache_init(struct parser *p)
{
    for (int i = 0; i < SCAN_SLOTS; i++)
        p->scans[i].pos = UINT32_MAX;
}

/*
** lex_scan() through the cache of recent scans. The slot of a scan at pos in
** a mode is (pos * 2 + mode) % SCAN_SLOTS, so the two modes of a position
** have slots of their own. The cache pays for the tokens asked for again
** after a speculative parse backs up; a token the same in both modes (which
** lex_scan_into tells) is looked at in both (see below), so the other mode
** seldom asks for it through the cache, and the slot of the other mode is
** not looked at.
**
** The answer stays valid until a scan at another position takes its slot:
** only peek() scans through the cache, and only at the parser's position,
** and it points p->cur at the token it used.
**
** This is peek() when the token is not the one already looked at: out of
** line, so that peek_ref() stays small enough to inline everywhere, with
** the lookup and the lexer's call in one frame. The slot takes pos before
** the call, which does not read the cache, and the token is read from the
** slot after it: only p and the slot live across the call.
*/
static EMSH_NOINLINE const struct token *peek_scan(struct parser *p, enum lex_mode mode)
{
    uint32_t pos = p->pos;
    struct scan_slot *s = &p->scans[(pos * 2 + (uint32_t)mode) & (SCAN_SLOTS - 1)];
    if (s->pos != pos) {
        s->pos = pos;
        s->both = lex_scan_into(&p->lx, pos, mode, &s->tok);
    }
    /* A pointer, not a copy: copying a token the lexer has just written
    ** field by field stalls the CPU, and peek() is the hottest path. */
    const struct token *t = &s->tok;
    bool both = s->both;
    /* The lexer's end of the text is at or past any limit. Nobody consumes
    ** it, so an unclosed <# before it is reported here (once: error_at
    ** drops repeats). */
    if (EMSH_UNLIKELY(t->start >= p->limit)) {
        if (t->kind == TOK_EOF && t->err)
            token_error(p, t);
        uint32_t at = t->start < p->limit ? t->start : p->limit;
        memset(&p->eof, 0, sizeof p->eof);
        p->eof.kind = TOK_EOF;
        p->eof.start = p->eof.end = at;
        t = &p->eof;
        both = true;
    }
    /* A token the same in both modes is looked at in both: the peek in the
    ** other mode, which often follows, then needs no call. */
    p->seen[mode] = t;
    if (both)
        p->seen[mode ^ 1] = t;
    p->cur = t;
    return t;
}

/*
** The token at p->pos in a mode, by reference: valid until the parser
** moves. Rules ask again and again for the same token, often in one mode
** and then the other, so that check is inline, and callers that only test
** the kind copy nothing. (A scan at p->pos in the other mode leaves the
** token in place: it takes the other slot of the pair, see scan_cached.)
*/
static inline const struct token *peek_ref(struct parser *p, enum lex_mode mode)
{
    if (p->seen[mode])
        return p->cur = p->seen[mode];
    return peek_scan(p, mode);
}

static inline struct token peek(struct parser *p, enum lex_mode mode)
{
    return *peek_ref(p, mode);
}

/* A token's range, for rules that need it after the token is gone: two
** fields, where a copy of the whole token would stall (see peek_scan). */
struct span {
    uint32_t start, end;
};

static struct span span_of(const struct token *t)
{
    struct span s = {t->start, t->end};
    return s;
}

/*
** Is pos at the end of the text, with nothing but whitespace, newlines and
** comments after it? An error there means the text stopped too early (the
** REPL asks for more), as PowerShell's IsAtEndOfScript does with
** checkCommentsAndWhitespace. A lexer of its own keeps the parser's
** comment list untouched.
*/
static bool at_end(struct parser *p, uint32_t pos)
{
    if (pos >= p->lx.len)
        return true;
    struct lexer lx;
    lex_init(&lx, p->lx.src, p->lx.len);
    struct token t;
    do
        t = lex_scan(&lx, pos, LEX_CMD), pos = t.end;
    while (t.kind == TOK_NEWLINE);
    lex_release(&lx);
    return t.kind == TOK_EOF;
}

static void error_at(struct parser *p, enum perr_id id, uint32_t start, uint32_t end,
                     const char *arg)
{
    /* After ScriptTooComplicated (or too many errors) the parser only
    ** unwinds: the missing closers it meets on the way are not news. */
    if (p->stop)
        return;
    for (uint32_t i = 0; i < p->nerrs; i++)
        if (p->errs[i].id == id && p->errs[i].start == start)
            return;
    if (p->nerrs >= MAX_ERRORS) {
        p->stop = true;
        return;
    }
    if (p->nerrs == p->errs_cap) {
        p->errs_cap = p->errs_cap ? 2 * p->errs_cap : 8;
        p->errs = emsh_xrealloc(p->errs, p->errs_cap * sizeof *p->errs);
    }
    struct parse_error *e = &p->errs[p->nerrs++];
    e->id = id;
    e->start = start;
    e->end = end;
    e->arg = arg ? arena_strndup(p->a, arg, strlen(arg)) : NULL;
    e->at_eof = at_end(p, start);
}

/*
** An error just after the last token (something is missing there), where
** PowerShell puts it: `if ($a)` + newline reports the missing block at the
** end of the line, not on the next one.
*/
static void error_missing(struct parser *p, enum perr_id id, const char *arg)
{
    error_at(p, id, p->prev_end, p->prev_end, arg);
}

/*
** A construct opened at [start, end) and not closed: the error points at
** the opener, but the text is incomplete when it ends where the closer was
** expected (an unclosed '{' at the end of a REPL line wants more lines).
*/
static void error_unclosed(struct parser *p, enum perr_id id, uint32_t start, uint32_t end)
{
    uint32_t n = p->nerrs;
    error_at(p, id, start, end, NULL);
    if (p->nerrs > n)
        p->errs[n].at_eof = at_end(p, p->pos);
}

/* The source text of [start, end), for an error message. */
static const char *src_text(struct parser *p, uint32_t start, uint32_t end)
{
    return arena_strndup(p->a, p->lx.src + start, end - start);
}

static const char *tok_text(struct parser *p, const struct token *t)
{
    return src_text(p, t->start, t->end);
}

/* Reports the error the lexer recorded on a token. */
static EMSH_NOINLINE void token_error(struct parser *p, const struct token *t)
{
    const char *arg = NULL;
    if (t->err == PERR_TerminatorExpectedAtEndOfString) {
        static const char *const term[] = {"\"", "'", "\"", "'@", "\"@"};
        arg = term[t->op < 5 ? t->op : 0];
    }
    uint32_t n = p->nerrs;
    error_at(p, (enum perr_id)t->err, t->err_start, t->err_end, arg);
    /* An unclosed string, comment, ${ or $( points at its start but runs to
    ** the end of the text: incomplete input when nothing follows that end. */
    switch (t->err) {
    case PERR_TerminatorExpectedAtEndOfString:
    case PERR_MissingTerminatorMultiLineComment:
    case PERR_IncompleteDollarVariableReference:
    case PERR_IncompleteDollarSubexpressionReference:
        if (p->nerrs > n)
            p->errs[n].at_eof = at_end(p, t->err_end);
        break;
    case PERR_ScriptTooComplicated:
        p->stop = true; /* strings nested too deep: stop as enter() does */
        break;
    default:
        break;
    }
}

/* Consumes the token looked at last. Its error, if any, is reported after
** the move, as the last thing: token_error() reads the token and scans with
** a lexer of its own, not the parser's position, and a call in tail
** position leaves next() without a frame. */
static void next(struct parser *p)
{
    if (EMSH_NEVER(!p->seen[LEX_EXPR] && !p->seen[LEX_CMD]))
        return;
    const struct token *t = p->cur;
    p->pos = t->end;
    if (t->kind != TOK_NEWLINE)
        p->prev_end = t->end; /* nodes and "missing" errors end before newlines */
    forget(p);
    if (EMSH_UNLIKELY(t->err))
        token_error(p, t);
}

/* Is there a line break in src[from..to)? */
static bool newline_between(const struct parser *p, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to && i < p->lx.len; i++)
        if (p->lx.src[i] == '\n' || p->lx.src[i] == '\r')
            return true;
    return false;
}

/* Moves past n bytes scanned by a special scan (member names, keys). */
static void advance_to(struct parser *p, uint32_t end)
{
    p->pos = end;
    p->prev_end = end;
    forget(p);
}

static bool at_kind(struct parser *p, enum lex_mode mode, enum tok_kind k)
{
    return peek_ref(p, mode)->kind == k;
}

static bool accept(struct parser *p, enum lex_mode mode, enum tok_kind k)
{
    if (peek_ref(p, mode)->kind != k)
        return false;
    next(p);
    return true;
}

/* skip_newlines_in() at a newline: out of line, the call is the rarer. */
static EMSH_NOINLINE void skip_newlines_from(struct parser *p, enum lex_mode mode)
{
    do
        next(p);
    while (peek_ref(p, mode)->kind == TOK_NEWLINE);
}

/* Skips newlines, looking in the mode the caller reads in next (see
** skip_separators); skip_newlines() for the many that read an expression. */
static inline void skip_newlines_in(struct parser *p, enum lex_mode mode)
{
    if (peek_ref(p, mode)->kind == TOK_NEWLINE)
        skip_newlines_from(p, mode);
}

static void skip_newlines(struct parser *p)
{
    skip_newlines_in(p, LEX_EXPR);
}

/* Newlines and ';' are the same tokens in either mode: mode is the one the
** caller looks in next, so that the token after them is scanned once. */
static void skip_separators(struct parser *p, enum lex_mode mode)
{
    for (;;) {
        enum tok_kind k = peek_ref(p, mode)->kind;
        if (k != TOK_NEWLINE && k != TOK_SEMI)
            return;
        next(p);
    }
}

/* The keyword a token spells, if it is a plain bare word. */
static enum keyword keyword_of(struct parser *p, const struct token *t)
{
    if ((t->kind != TOK_GENERIC && t->kind != TOK_IDENT) || (t->flags & (TF_EXPAND | TF_ESCAPED)))
        return KW_NONE;
    return lex_keyword(p->lx.src + t->start, t->end - t->start);
}

static bool at_keyword(struct parser *p, enum keyword kw)
{
    return keyword_of(p, peek_ref(p, LEX_CMD)) == kw;
}

/*
** The bytes a node of each kind needs: its header and the member of the
** union that kind uses, not the whole union. Most nodes are small (a string,
** a variable, a pipeline) and the tree of a big script is most of its
** memory, so this halves it. A kind that shares a member with another (a
** DO_WHILE may become a DO_UNTIL, a TYPE_CONSTRAINT a TYPE_EXPR) gets the
** same size; PROPERTY and METHOD, which code reads through either member,
** get the larger; a kind left out (0) gets the whole node.
*/
#define NODE_SIZE(m) (offsetof(struct ast_node, u) + sizeof(((struct ast_node *)0)->u.m))
#define NODE_MAX(a, b) (NODE_SIZE(a) > NODE_SIZE(b) ? NODE_SIZE(a) : NODE_SIZE(b))

static const uint8_t node_size[AST__COUNT] = {
    [AST_SCRIPT_BLOCK] = NODE_SIZE(script),
    [AST_PARAM_BLOCK] = NODE_SIZE(param_block),
    [AST_NAMED_BLOCK] = NODE_SIZE(named),
    [AST_PARAMETER] = NODE_SIZE(param),
    [AST_ATTRIBUTE] = NODE_SIZE(attr),
    [AST_NAMED_ARG] = NODE_SIZE(named_arg),
    [AST_TYPE_CONSTRAINT] = NODE_SIZE(tc),
    [AST_TYPENAME] = NODE_SIZE(type),
    [AST_STATEMENT_BLOCK] = NODE_SIZE(block),
    [AST_PIPELINE] = NODE_SIZE(pipeline),
    [AST_PIPELINE_CHAIN] = NODE_SIZE(chain),
    [AST_COMMAND] = NODE_SIZE(command),
    [AST_COMMAND_EXPR] = NODE_SIZE(cmdexpr),
    [AST_COMMAND_PARAM] = NODE_SIZE(cmdparam),
    [AST_REDIRECT_FILE] = NODE_SIZE(redir),
    [AST_REDIRECT_MERGE] = NODE_SIZE(redir),
    [AST_ASSIGN] = NODE_SIZE(assign),
    [AST_IF] = NODE_SIZE(if_),
    [AST_SWITCH] = NODE_SIZE(switch_),
    [AST_SWITCH_CLAUSE] = NODE_SIZE(clause),
    [AST_FOREACH] = NODE_SIZE(foreach),
    [AST_FOR] = NODE_SIZE(for_),
    [AST_WHILE] = NODE_SIZE(for_),
    [AST_DO_WHILE] = NODE_SIZE(for_),
    [AST_DO_UNTIL] = NODE_SIZE(for_),
    [AST_BREAK] = NODE_SIZE(jump),
    [AST_CONTINUE] = NODE_SIZE(jump),
    [AST_RETURN] = NODE_SIZE(jump),
    [AST_EXIT] = NODE_SIZE(jump),
    [AST_THROW] = NODE_SIZE(jump),
    [AST_TRAP] = NODE_SIZE(trap),
    [AST_TRY] = NODE_SIZE(try_),
    [AST_CATCH] = NODE_SIZE(catch_),
    [AST_FUNCTION] = NODE_SIZE(func),
    [AST_TYPE_DEF] = NODE_SIZE(typedef_),
    [AST_PROPERTY] = NODE_MAX(prop, method),
    [AST_METHOD] = NODE_MAX(prop, method),
    [AST_USING] = NODE_SIZE(using_),
    [AST_DATA] = NODE_SIZE(data),
    [AST_BINARY] = NODE_SIZE(binary),
    [AST_UNARY] = NODE_SIZE(unary),
    [AST_TERNARY] = NODE_SIZE(ternary),
    [AST_CONVERT] = NODE_SIZE(convert),
    [AST_TYPE_EXPR] = NODE_SIZE(tc),
    [AST_ATTRIBUTED] = NODE_SIZE(attributed),
    [AST_NUMBER] = NODE_SIZE(number),
    [AST_STRING] = NODE_SIZE(string),
    [AST_EXPANDABLE] = NODE_SIZE(expandable),
    [AST_VARIABLE] = NODE_SIZE(var),
    [AST_MEMBER] = NODE_SIZE(member),
    [AST_INVOKE] = NODE_SIZE(member),
    [AST_INDEX] = NODE_SIZE(index),
    [AST_ARRAY_LITERAL] = NODE_SIZE(array),
    [AST_ARRAY_EXPR] = NODE_SIZE(sub),
    [AST_SUBEXPR] = NODE_SIZE(sub),
    [AST_PAREN] = NODE_SIZE(paren),
    [AST_HASHTABLE] = NODE_SIZE(hash),
    [AST_SCRIPT_BLOCK_EXPR] = NODE_SIZE(sbexpr),
    /* AST_ERROR (rare, and never read past its header): the whole node */
};

static struct ast_node *mknode(struct parser *p, enum ast_kind k, uint32_t start)
{
    size_t size = node_size[k] ? node_size[k] : sizeof(struct ast_node);
    struct ast_node *n = arena_alloc8(p->a, size);
    n->kind = k;
    n->start = start;
    n->end = start;
    return n;
}

static struct ast_node *finish(struct parser *p, struct ast_node *n)
{
    if (p->prev_end > n->start)
        n->end = p->prev_end;
    return n;
}

static struct ast_str mkstr(struct parser *p, const char *s, size_t n)
{
    struct ast_str r = {arena_strndup(p->a, s, n), (uint32_t)n};
    return r;
}

static struct ast_str cooked(struct parser *p, const struct token *t)
{
    const char *src = p->lx.src;
    /* The commonest, as lex_cook_raw() has them, without the call: a plain
    ** word, and a parameter's name after its ASCII dash. */
    if ((t->kind == TOK_GENERIC && !(t->flags & (TF_ESCAPED | TF_EXPAND))) || t->kind == TOK_IDENT)
        return mkstr(p, src + t->start, t->end - t->start);
    if (t->kind == TOK_PARAMETER && src[t->start] == '-')
        return mkstr(p, src + t->start + 1, t->end - t->start - 1 - !!(t->flags & TF_COLON));
    if (t->kind == TOK_STRING_SQ && (t->flags & TF_PLAIN)) /* the text between the quotes */
        return mkstr(p, src + t->start + 1, t->end - t->start - 2);
    uint32_t start, end;
    if (lex_cook_raw(&p->lx, t, &start, &end)) /* no buffer to fill and free */
        return mkstr(p, p->lx.src + start, end - start);
    struct buf b = BUF_INIT;
    lex_cook_bare(&p->lx, t, &b);
    struct ast_str r = mkstr(p, buf_cstr(&b), b.len);
    buf_release(&b);
    return r;
}

/* A growable list of nodes, copied into the arena when done. */
struct nvec {
    struct ast_node *inl[16];
    struct ast_node **v;
    uint32_t n, cap;
};

static void nv_init(struct nvec *nv)
{
    nv->v = nv->inl;
    nv->n = 0;
    nv->cap = 16;
}

/* Out of line: lists rarely outgrow the inline array, and nv_push() is
** inline everywhere. */
static EMSH_NOINLINE void nv_grow(struct nvec *nv)
{
    nv->cap *= 2;
    if (nv->v == nv->inl) {
        nv->v = emsh_xmalloc(nv->cap * sizeof *nv->v);
        memcpy(nv->v, nv->inl, sizeof nv->inl);
    } else {
        nv->v = emsh_xrealloc(nv->v, nv->cap * sizeof *nv->v);
    }
}

static EMSH_INLINE void nv_push(struct nvec *nv, struct ast_node *n)
{
    if (!n)
        return;
    if (nv->n == nv->cap)
        nv_grow(nv);
    nv->v[nv->n++] = n;
}

/* nv_done() for a list of two or more: the copy, and the free of a list
** that outgrew the inline array. */
static EMSH_NOINLINE struct ast_list nv_done_long(struct parser *p, struct nvec *nv)
{
    struct ast_list l = {NULL, nv->n};
    l.v = arena_alloc8(p->a, nv->n * sizeof *l.v); /* pointers: 8 is enough */
    arena_copy(l.v, nv->v, nv->n * sizeof *l.v);
    if (nv->v != nv->inl)
        free(nv->v);
    nv_init(nv);
    return l;
}

/* The list, in the arena; the vector is empty again. Most lists hold no
** node (a command's redirections) or one (a pipeline's command), in the
** inline array: those take no call. */
static EMSH_INLINE struct ast_list nv_done(struct parser *p, struct nvec *nv)
{
    struct ast_list l = {NULL, nv->n};
    if (nv->n > 1)
        return nv_done_long(p, nv);
    if (nv->n) {
        l.v = arena_alloc8(p->a, sizeof *l.v);
        l.v[0] = nv->inl[0];
        nv->n = 0;
    }
    return l;
}

/* Saved parser state for a speculative parse. */
struct mark {
    uint32_t pos, prev_end, nerrs;
};

static struct mark save(struct parser *p)
{
    struct mark m = {p->pos, p->prev_end, p->nerrs};
    return m;
}

/* When the parser is where it was, and no error has come since, the tokens
** it looks at are the ones at the mark: most speculative parses look at one
** token (not a newline, not an operator) and go no further. */
static void restore(struct parser *p, struct mark m)
{
    p->prev_end = m.prev_end;
    if (p->pos == m.pos && p->nerrs == m.nerrs)
        return;
    p->pos = m.pos;
    p->nerrs = m.nerrs;
    forget(p);
}

static bool enter(struct parser *p)
{
    if (p->stop)
        return false;
    if (++p->depth > MAX_DEPTH) {
        struct token t = peek(p, LEX_EXPR);
        error_at(p, PERR_ScriptTooComplicated, t.start, t.end, NULL);
        p->stop = true;
        p->depth--;
        return false;
    }
    return true;
}

static void leave(struct parser *p)
{
    p->depth--;
}

/* Context for a nested block: newlines matter again, commas build arrays. */
struct ctx {
    int paren;
    bool no_comma;
};

static struct ctx ctx_block(struct parser *p)
{
    struct ctx c = {p->paren, p->no_comma};
    p->paren = 0;
    p->no_comma = false;
    return c;
}

static struct ctx ctx_paren(struct parser *p, bool no_comma)
{
    struct ctx c = {p->paren, p->no_comma};
    p->paren++;
    p->no_comma = no_comma;
    return c;
}

static void ctx_restore(struct parser *p, struct ctx c)
{
    p->paren = c.paren;
    p->no_comma = c.no_comma;
}

/* }================================================================== */

static struct ast_node *statement(struct parser *p);
static struct ast_node *pipeline_chain(struct parser *p);
static inline struct ast_node *expression(struct parser *p);
static struct ast_node *unary(struct parser *p);
static struct ast_node *primary(struct parser *p);
static inline struct ast_node *postfix(struct parser *p, struct ast_node *e);
static struct ast_node *script_block(struct parser *p, uint32_t start, enum tok_kind closer);
static struct ast_node *statement_block(struct parser *p, enum perr_id missing, const char *arg);
static struct ast_node *command_element(struct parser *p);
static struct ast_node *bracket(struct parser *p, bool *is_attr);

/*
** {==================================================================
** Recovery
** ===================================================================
*/

/*
** Skips to the end of the current statement: a newline or ';' at this
** level, or the closer of the enclosing block (not consumed).
*/
static void sync(struct parser *p)
{
    int level = 0;
    for (;;) {
        struct token t = peek(p, LEX_CMD);
        switch (t.kind) {
        case TOK_EOF:
            return;
        case TOK_NEWLINE:
        case TOK_SEMI:
            if (level == 0)
                return;
            break;
        case TOK_LPAREN:
        case TOK_LCURLY:
        case TOK_AT_PAREN:
        case TOK_AT_CURLY:
        case TOK_DOLLAR_PAREN:
            level++;
            break;
        case TOK_RPAREN:
        case TOK_RCURLY:
            if (level == 0)
                return;
            level--;
            break;
        default:
            break;
        }
        forget(p); /* drop errors of skipped tokens */
        p->pos = t.end;
    }
}

/* }================================================================== */

/*
** {==================================================================
** Strings and other primaries
** ===================================================================
*/

struct part {
    enum lex_part_kind kind;
    uint32_t start, end;
    struct ast_str text;
};

/* The parts of one string; most have a few, which fit in inl. */
struct parts {
    struct parser *p;
    struct part *v;
    uint32_t n, cap;
    struct part inl[8];
};

static void collect_part(void *ctx, enum lex_part_kind kind, const char *text, size_t len,
                         uint32_t start, uint32_t end)
{
    struct parts *ps = ctx;
    if (ps->n == ps->cap) {
        ps->cap *= 2;
        if (ps->v == ps->inl) {
            ps->v = emsh_xmalloc(ps->cap * sizeof *ps->v);
            memcpy(ps->v, ps->inl, sizeof ps->inl);
        } else {
            ps->v = emsh_xrealloc(ps->v, ps->cap * sizeof *ps->v);
        }
    }
    struct part *pt = &ps->v[ps->n++];
    pt->kind = kind;
    pt->start = start;
    pt->end = end;
    /* (a variable's or subexpression's text is not used: no copy of "") */
    pt->text = kind == LEX_PART_TEXT ? mkstr(ps->p, text, len) : (struct ast_str){"", 0};
}

static struct ast_node *variable_node(struct parser *p, uint32_t start, uint32_t end, bool splat)
{
    struct ast_node *n = mknode(p, AST_VARIABLE, start);
    size_t scope;
    uint32_t name;
    n->u.var.splat = splat;
    n->end = end;
    if (lex_variable_name_raw(&p->lx, start, end, &name, &scope)) { /* no buffer */
        n->u.var.name = mkstr(p, p->lx.src + name, end - name);
        n->u.var.scope_len = (uint32_t)scope;
        n->u.var.braced = false;
        return n;
    }
    struct buf b = BUF_INIT;
    bool braced;
    lex_variable_name(&p->lx, start, end, &b, &scope, &braced);
    n->u.var.name = mkstr(p, buf_cstr(&b), b.len);
    n->u.var.scope_len = (uint32_t)scope;
    n->u.var.braced = braced;
    buf_release(&b);
    return n;
}

/* The node of a variable token: most names the lexer found plain. */
static struct ast_node *variable_tok(struct parser *p, const struct token *t, bool splat)
{
    if (!(t->flags & TF_PLAIN))
        return variable_node(p, t->start, t->end, splat);
    struct ast_node *n = mknode(p, AST_VARIABLE, t->start);
    n->u.var.splat = splat;
    n->end = t->end;
    n->u.var.name = mkstr(p, p->lx.src + t->start + 1, t->end - t->start - 1);
    n->u.var.scope_len = 0;
    n->u.var.braced = false;
    return n;
}

static struct ast_node *statement_list_node(struct parser *p, uint32_t start, enum tok_kind closer);

/* Parses the statements in src[start..end) (the inside of a $( ) in text). */
static struct ast_node *sub_parse(struct parser *p, uint32_t start, uint32_t end)
{
    uint32_t pos = p->pos, prev = p->prev_end, limit = p->limit;
    struct ctx c = ctx_block(p);
    p->pos = start;
    p->limit = end;
    forget(p);
    struct ast_node *body = statement_list_node(p, start, TOK_EOF);
    body->end = end;
    p->pos = pos;
    p->prev_end = prev;
    p->limit = limit;
    forget(p);
    ctx_restore(p, c);
    return body;
}

/* Is t a double-quoted string with nothing to expand or unescape? Its value
** is then src[*vs..*ve). The lexer has said so of most such strings. */
static bool plain_dq(struct parser *p, const struct token *t, uint32_t *vs, uint32_t *ve)
{
    if (t->flags & TF_PLAIN) {
        *vs = t->start + 1;
        *ve = t->end - 1;
        return true;
    }
    return lex_plain_dq(&p->lx, t, vs, ve);
}

/* A double-quoted string, here-string or bare word with expansions: t is
** the token peeked, and is gone once the $( ) parts are parsed. */
static struct ast_node *expandable(struct parser *p, const struct token *t, enum ast_strkind how)
{
    uint32_t start = t->start, end = t->end, vs, ve;
    struct ast_node *n;
    if (plain_dq(p, t, &vs, &ve)) {
        /* nothing to expand: a constant string, straight from the source */
        next(p);
        n = mknode(p, AST_STRING, start);
        n->u.string.how = how;
        n->u.string.value = mkstr(p, p->lx.src + vs, ve - vs);
        n->end = end;
        return n;
    }
    struct parts ps;
    ps.p = p;
    ps.v = ps.inl;
    ps.n = 0;
    ps.cap = EMSH_ARRAY_SIZE(ps.inl);
    lex_walk_expandable(&p->lx, t, collect_part, &ps);
    next(p);
    bool simple = true;
    for (uint32_t i = 0; i < ps.n; i++)
        if (ps.v[i].kind != LEX_PART_TEXT)
            simple = false;
    if (simple) {
        n = mknode(p, AST_STRING, start);
        n->u.string.how = how;
        if (ps.n == 1) {
            n->u.string.value = ps.v[0].text;
        } else {
            struct buf b = BUF_INIT;
            for (uint32_t i = 0; i < ps.n; i++)
                buf_add(&b, ps.v[i].text.s, ps.v[i].text.n);
            n->u.string.value = mkstr(p, buf_cstr(&b), b.len);
            buf_release(&b);
        }
    } else {
        n = mknode(p, AST_EXPANDABLE, start);
        n->u.expandable.how = how;
        struct nvec nv;
        nv_init(&nv);
        for (uint32_t i = 0; i < ps.n; i++) {
            struct part *pt = &ps.v[i];
            struct ast_node *e;
            if (pt->kind == LEX_PART_TEXT) {
                e = mknode(p, AST_STRING, pt->start);
                e->u.string.how = STR_BARE;
                e->u.string.value = pt->text;
                e->end = pt->end;
            } else if (pt->kind == LEX_PART_VARIABLE) {
                e = variable_node(p, pt->start, pt->end, false);
            } else {
                e = mknode(p, AST_SUBEXPR, pt->start - 2);
                e->u.sub.body = sub_parse(p, pt->start, pt->end);
                e->end = pt->end + 1;
            }
            nv_push(&nv, e);
        }
        n->u.expandable.parts = nv_done(p, &nv);
    }
    if (ps.v != ps.inl)
        free(ps.v);
    n->end = end;
    return n;
}

/*
** The node builders below take the token just peeked by reference (peek_ref):
** they read it before they consume it, and never after.
*/
static struct ast_node *string_node(struct parser *p, const struct token *t)
{
    switch (t->kind) {
    case TOK_STRING_SQ:
    case TOK_HERE_SQ: {
        struct ast_node *n = mknode(p, AST_STRING, t->start);
        n->u.string.how = t->kind == TOK_STRING_SQ ? STR_SINGLE : STR_HERE_SINGLE;
        n->u.string.value = cooked(p, t);
        next(p);
        return finish(p, n);
    }
    case TOK_STRING_DQ:
        return expandable(p, t, STR_DOUBLE);
    case TOK_HERE_DQ:
        return expandable(p, t, STR_HERE_DOUBLE);
    default:
        return NULL;
    }
}

/* A bare word: a constant string, or an expandable one. */
static struct ast_node *bare_word(struct parser *p, const struct token *t)
{
    if (t->flags & TF_EXPAND)
        return expandable(p, t, STR_BARE);
    struct ast_node *n = mknode(p, AST_STRING, t->start);
    n->u.string.how = STR_BARE;
    n->u.string.value = cooked(p, t);
    next(p);
    return finish(p, n);
}

static struct ast_node *number_node(struct parser *p, const struct token *t)
{
    struct ast_node *n = mknode(p, AST_NUMBER, t->start);
    n->u.number.text = mkstr(p, p->lx.src + t->start, t->end - t->start);
    lex_number_value(n->u.number.text.s, n->u.number.text.n, &n->u.number.value);
    next(p);
    return finish(p, n);
}

/* hash_literal: '@{' [key '=' statement] { (';' | newline) key '=' statement } '}' */
static EMSH_NOINLINE struct ast_node *hash_literal(struct parser *p)
{
    struct span open = span_of(peek_ref(p, LEX_EXPR));
    struct ast_node *n = mknode(p, AST_HASHTABLE, open.start);
    struct nvec keys, vals;
    nv_init(&keys);
    nv_init(&vals);
    next(p);
    struct ctx c = ctx_block(p);
    for (;;) {
        skip_separators(p, LEX_EXPR);
        struct token t = peek(p, LEX_EXPR);
        if (t.kind == TOK_RCURLY || t.kind == TOK_EOF || p->stop)
            break;
        struct ast_node *key = NULL;
        if (t.kind == TOK_IDENT) {
            struct token k = lex_hash_key(&p->lx, t.start);
            key = mknode(p, AST_STRING, k.start);
            key->u.string.how = STR_BARE;
            key->u.string.value = mkstr(p, p->lx.src + k.start, k.end - k.start);
            advance_to(p, k.end);
            key->end = k.end;
        } else if (t.kind != TOK_EQUALS) {
            key = unary(p);
        }
        if (!key) {
            if (peek_ref(p, LEX_EXPR)->kind == TOK_EQUALS)
                error_at(p, PERR_MissingKeyInHashLiteral, t.start, t.end, NULL);
            else
                error_at(p, PERR_MissingEqualsInHashLiteral, t.start, t.end, NULL);
            sync(p);
            if (peek_ref(p, LEX_EXPR)->kind == TOK_RPAREN)
                next(p);
            continue;
        }
        if (!accept(p, LEX_EXPR, TOK_EQUALS)) {
            error_missing(p, PERR_MissingEqualsInHashLiteral, NULL);
            sync(p);
            continue;
        }
        skip_newlines_in(p, LEX_CMD); /* statement() reads in command mode */
        struct ast_node *v = statement(p);
        if (!v) {
            error_missing(p, PERR_MissingStatementInHashLiteral, NULL);
            sync(p);
            continue;
        }
        nv_push(&keys, key);
        nv_push(&vals, v);
        t = peek(p, LEX_EXPR);
        if (t.kind != TOK_SEMI && t.kind != TOK_NEWLINE && t.kind != TOK_RCURLY &&
            t.kind != TOK_EOF) {
            error_at(p, PERR_UnexpectedToken, t.start, t.end, tok_text(p, &t));
            sync(p);
        }
    }
    ctx_restore(p, c);
    if (!accept(p, LEX_EXPR, TOK_RCURLY))
        error_unclosed(p, PERR_MissingEndCurlyBrace, open.start, open.end);
    n->u.hash.keys = nv_done(p, &keys);
    n->u.hash.values = nv_done(p, &vals);
    return finish(p, n);
}

/* Statements up to ')' of a $( ) or @( ). */
static EMSH_NOINLINE struct ast_node *sub_expression(struct parser *p, enum ast_kind k)
{
    struct span open = span_of(peek_ref(p, LEX_EXPR));
    struct ast_node *n = mknode(p, k, open.start);
    next(p);
    struct ctx c = ctx_block(p);
    n->u.sub.body = statement_list_node(p, open.end, TOK_RPAREN);
    ctx_restore(p, c);
    if (!accept(p, LEX_EXPR, TOK_RPAREN))
        error_missing(p, PERR_MissingEndParenthesisInSubexpression, NULL);
    return finish(p, n);
}

/* paren_expression: '(' pipeline ')' */
static EMSH_NOINLINE struct ast_node *paren_expression(struct parser *p)
{
    struct span open = span_of(peek_ref(p, LEX_EXPR));
    struct ast_node *n = mknode(p, AST_PAREN, open.start);
    next(p);
    struct ctx c = ctx_paren(p, false);
    skip_newlines(p);
    struct ast_node *inner = NULL;
    if (!at_kind(p, LEX_EXPR, TOK_RPAREN))
        inner = pipeline_chain(p);
    if (!inner)
        error_missing(p, PERR_ExpectedExpression, NULL);
    skip_newlines(p);
    ctx_restore(p, c);
    n->u.paren.pipeline = inner;
    if (!accept(p, LEX_EXPR, TOK_RPAREN)) {
        struct token t = peek(p, LEX_EXPR);
        /* `(1 2)` has an unexpected token; `(1 + 2` and a new line only lacks its ')' */
        if (inner && t.kind != TOK_EOF && !newline_between(p, p->prev_end, t.start))
            error_at(p, PERR_UnexpectedToken, t.start, t.end, tok_text(p, &t));
        error_missing(p, PERR_MissingEndParenthesisInExpression, NULL);
    }
    return finish(p, n);
}

/* script_block_expression: '{' script_block '}' */
static EMSH_NOINLINE struct ast_node *script_block_expression(struct parser *p)
{
    struct span open = span_of(peek_ref(p, LEX_EXPR));
    struct ast_node *n = mknode(p, AST_SCRIPT_BLOCK_EXPR, open.start);
    next(p);
    struct ctx c = ctx_block(p);
    n->u.sbexpr.body = script_block(p, open.start, TOK_RCURLY);
    ctx_restore(p, c);
    if (!accept(p, LEX_EXPR, TOK_RCURLY))
        error_unclosed(p, PERR_MissingEndCurlyBrace, open.start, open.end);
    n->u.sbexpr.body->end = p->prev_end;
    return finish(p, n);
}

/*
** primary: variable | number | string | '(' pipeline ')' | '$(' statements ')'
**        | '@(' statements ')' | '@{' hash '}' | '{' script_block '}'
** Returns NULL, consuming nothing, when the token cannot start one.
*/
static struct ast_node *primary(struct parser *p)
{
    const struct token *t = peek_ref(p, LEX_EXPR);
    switch (t->kind) {
    case TOK_VARIABLE:
    case TOK_SPLAT: {
        struct ast_node *n = variable_tok(p, t, t->kind == TOK_SPLAT);
        next(p);
        return n;
    }
    case TOK_NUMBER:
        return number_node(p, t);
    case TOK_STRING_SQ:
    case TOK_STRING_DQ:
    case TOK_HERE_SQ:
    case TOK_HERE_DQ:
        return string_node(p, t);
    case TOK_LPAREN:
        return paren_expression(p);
    case TOK_DOLLAR_PAREN:
        return sub_expression(p, AST_SUBEXPR);
    case TOK_AT_PAREN:
        return sub_expression(p, AST_ARRAY_EXPR);
    case TOK_AT_CURLY:
        return hash_literal(p);
    case TOK_LCURLY:
        return script_block_expression(p);
    default:
        return NULL;
    }
}

/* method_arguments: '(' [expression {',' expression}] ')' */
static struct ast_list method_arguments(struct parser *p)
{
    struct nvec args;
    nv_init(&args);
    next(p); /* ( */
    struct ctx c = ctx_paren(p, true);
    skip_newlines(p);
    if (!accept(p, LEX_EXPR, TOK_RPAREN)) {
        for (;;) {
            struct ast_node *e = expression(p);
            if (!e) {
                error_missing(p, PERR_MissingEndParenthesisInMethodCall, NULL);
                break;
            }
            nv_push(&args, e);
            skip_newlines(p);
            if (accept(p, LEX_EXPR, TOK_COMMA)) {
                skip_newlines(p);
                continue;
            }
            if (!accept(p, LEX_EXPR, TOK_RPAREN))
                error_missing(p, PERR_MissingEndParenthesisInMethodCall, NULL);
            break;
        }
    }
    ctx_restore(p, c);
    return nv_done(p, &args);
}

/* A member name after '.', '::' or '?.': a name, a string or an expression. */
static struct ast_node *member_name(struct parser *p)
{
    struct token m = lex_member_name(&p->lx, p->pos);
    if (m.kind == TOK_IDENT) {
        struct ast_node *n = mknode(p, AST_STRING, m.start);
        n->u.string.how = STR_BARE;
        n->u.string.value = mkstr(p, p->lx.src + m.start, m.end - m.start);
        advance_to(p, m.end);
        n->end = m.end;
        return n;
    }
    const struct token *t = peek_ref(p, LEX_EXPR);
    if (!(t->flags & TF_SPACE)) {
        switch (t->kind) {
        case TOK_VARIABLE:
        case TOK_STRING_SQ:
        case TOK_STRING_DQ:
        case TOK_DOLLAR_PAREN:
        case TOK_LPAREN:
            return primary(p);
        default:
            break;
        }
    }
    return NULL;
}

/*
** Every postfix operator starts with one of `.:[?+-` (or a Unicode dash),
** so anything else next, most often a blank, a newline or a closer, means
** none follows: no need to scan that token in expression mode (in a command
** it is the next argument, read in command mode). The source ends with a
** NUL, which is no operator.
*/
static bool postfix_may_follow(const struct parser *p)
{
    static const bool may_start[128] = {
        ['.'] = true, [':'] = true, ['['] = true, ['?'] = true, ['+'] = true, ['-'] = true,
    };
    unsigned char ch = (unsigned char)p->lx.src[p->pos];
    return ch >= 0x80 || may_start[ch];
}

/* postfix() once an operator may follow: out of line, with the frame the
** operators need. */
static EMSH_NOINLINE struct ast_node *postfix_ops(struct parser *p, struct ast_node *e)
{
    for (;;) {
        if (p->stop || !postfix_may_follow(p))
            return e;
        const struct token *t = peek_ref(p, LEX_EXPR);
        if (t->flags & TF_SPACE)
            return e;
        enum tok_kind k = t->kind; /* t is gone after the next peek */
        switch (k) {
        case TOK_DOT:
        case TOK_COLON_COLON:
        case TOK_QDOT: {
            next(p);
            struct ast_node *m = member_name(p);
            if (!m) {
                error_missing(p, PERR_MissingPropertyName, NULL);
                return e;
            }
            bool call = p->pos < p->lx.len && p->lx.src[p->pos] == '(';
            struct ast_node *n = mknode(p, call ? AST_INVOKE : AST_MEMBER, e->start);
            n->u.member.target = e;
            n->u.member.member = m;
            n->u.member.is_static = k == TOK_COLON_COLON;
            n->u.member.nullcond = k == TOK_QDOT;
            if (call) {
                peek(p, LEX_EXPR);
                n->u.member.args = method_arguments(p);
            }
            e = finish(p, n);
            break;
        }
        case TOK_LBRACKET:
        case TOK_QLBRACKET: {
            next(p);
            struct ast_node *n = mknode(p, AST_INDEX, e->start);
            struct ctx c = ctx_paren(p, false);
            skip_newlines(p);
            struct ast_node *idx = expression(p);
            skip_newlines(p);
            ctx_restore(p, c);
            n->u.index.target = e;
            n->u.index.index = idx;
            n->u.index.nullcond = k == TOK_QLBRACKET;
            if (!idx)
                error_missing(p, PERR_MissingArrayIndexExpression, NULL);
            else if (!accept(p, LEX_EXPR, TOK_RBRACKET))
                error_missing(p, PERR_MissingEndSquareBracket, NULL);
            e = finish(p, n);
            if (!idx)
                return e;
            break;
        }
        case TOK_PLUS_PLUS:
        case TOK_MINUS_MINUS: {
            next(p);
            struct ast_node *n = mknode(p, AST_UNARY, e->start);
            n->u.unary.op = k == TOK_PLUS_PLUS ? OP_POSTINC : OP_POSTDEC;
            n->u.unary.operand = e;
            e = finish(p, n);
            break;
        }
        default:
            return e;
        }
    }
}

/*
** postfix: primary { '.' member ['(' args ')'] | '::' member [...] | '[' index ']'
**                  | '?.' member | '?[' index ']' | '++' | '--' }
** Each operator must follow its operand with no space between. Most
** operands have none: the first byte after them says so, inline, before
** the call (postfix_ops() looks at that byte first too, and returns e).
*/
static inline struct ast_node *postfix(struct parser *p, struct ast_node *e)
{
    if (!postfix_may_follow(p))
        return e;
    return postfix_ops(p, e);
}

/* }================================================================== */

/*
** {==================================================================
** Types and attributes
** ===================================================================
*/

/*
** lex_skip_space() in a type or an attribute, without the call when the
** byte at pos is a bracket, a parenthesis or a comma, which no space
** starts: after a type's name in `[string]` most often.
*/
static inline uint32_t skip_space(const struct parser *p, uint32_t pos)
{
    char c = p->lx.src[pos];
    if (c == ']' || c == '[' || c == '(' || c == ')' || c == ',')
        return pos;
    return lex_skip_space(&p->lx, pos);
}

/* type_name: name ['[' type_args ']'] {'[' {','} ']'} */
static struct ast_node *type_name(struct parser *p)
{
    struct token t = lex_type_name(&p->lx, p->pos);
    if (t.kind != TOK_IDENT)
        return NULL;
    struct ast_node *n = mknode(p, AST_TYPENAME, t.start);
    n->u.type.name = mkstr(p, p->lx.src + t.start, t.end - t.start);
    advance_to(p, t.end);
    n->end = t.end;
    for (;;) {
        uint32_t q = skip_space(p, p->pos);
        if (q >= p->lx.len || p->lx.src[q] != '[')
            break;
        uint32_t r = skip_space(p, q + 1);
        char c = r < p->lx.len ? p->lx.src[r] : 0;
        if (c == ']' || c == ',') {
            uint32_t rank = 1;
            while (r < p->lx.len && p->lx.src[r] == ',') {
                rank++;
                r = skip_space(p, r + 1);
            }
            if (r >= p->lx.len || p->lx.src[r] != ']')
                break;
            struct ast_node *arr = mknode(p, AST_TYPENAME, n->start);
            arr->u.type.name = n->u.type.name;
            arr->u.type.rank = rank;
            arr->u.type.elem = n;
            advance_to(p, r + 1);
            n = finish(p, arr);
            continue;
        }
        if (n->u.type.args.n || n->u.type.rank)
            break;
        /* Generic arguments: [List[string]], [Dictionary[string,int]]. */
        struct mark m = save(p);
        advance_to(p, q + 1);
        struct nvec args;
        nv_init(&args);
        bool ok = true;
        for (;;) {
            uint32_t s = skip_space(p, p->pos);
            bool wrapped = s < p->lx.len && p->lx.src[s] == '[';
            if (wrapped)
                advance_to(p, s + 1);
            struct ast_node *a = type_name(p);
            if (!a) {
                ok = false;
                break;
            }
            nv_push(&args, a);
            s = skip_space(p, p->pos);
            if (wrapped) {
                if (s >= p->lx.len || p->lx.src[s] != ']') {
                    ok = false;
                    break;
                }
                s = skip_space(p, s + 1);
            }
            if (s < p->lx.len && p->lx.src[s] == ',') {
                advance_to(p, s + 1);
                continue;
            }
            if (s < p->lx.len && p->lx.src[s] == ']') {
                advance_to(p, s + 1);
                break;
            }
            ok = false;
            break;
        }
        struct ast_list l = nv_done(p, &args);
        if (!ok) {
            restore(p, m);
            break;
        }
        n->u.type.args = l;
        finish(p, n);
    }
    return n;
}

/* attribute_arguments: '(' [arg {',' arg}] ')' where arg is NAME ['=' expr] | expr */
static void attribute_arguments(struct parser *p, struct ast_node *attr)
{
    struct nvec pos, named;
    nv_init(&pos);
    nv_init(&named);
    advance_to(p, skip_space(p, p->pos) + 1); /* ( */
    struct ctx c = ctx_paren(p, true);
    skip_newlines(p);
    if (!accept(p, LEX_EXPR, TOK_RPAREN)) {
        for (;;) {
            skip_newlines(p);
            struct token t = peek(p, LEX_EXPR);
            if (t.kind == TOK_IDENT) {
                struct ast_node *na = mknode(p, AST_NAMED_ARG, t.start);
                na->u.named_arg.name = mkstr(p, p->lx.src + t.start, t.end - t.start);
                next(p);
                skip_newlines(p);
                if (accept(p, LEX_EXPR, TOK_EQUALS)) {
                    skip_newlines(p);
                    na->u.named_arg.value = expression(p);
                    if (!na->u.named_arg.value)
                        error_missing(p, PERR_MissingExpressionInNamedArgument, NULL);
                }
                nv_push(&named, finish(p, na));
            } else {
                struct ast_node *e = expression(p);
                if (!e) {
                    error_at(p, PERR_UnexpectedToken, t.start, t.end, tok_text(p, &t));
                    break;
                }
                nv_push(&pos, e);
            }
            skip_newlines(p);
            if (accept(p, LEX_EXPR, TOK_COMMA))
                continue;
            if (!accept(p, LEX_EXPR, TOK_RPAREN))
                error_missing(p, PERR_MissingEndParenthesisInExpression, NULL);
            break;
        }
    }
    ctx_restore(p, c);
    attr->u.attr.args = nv_done(p, &pos);
    attr->u.attr.named = nv_done(p, &named);
}

/*
** bracket: '[' type_name ']' | '[' type_name '(' attribute_arguments ')' ']'
** Returns a TYPE_CONSTRAINT or an ATTRIBUTE, NULL (with an error) when
** nothing parses after the '['.
*/
static struct ast_node *bracket(struct parser *p, bool *is_attr)
{
    struct span open = span_of(peek_ref(p, LEX_EXPR));
    next(p);
    struct ast_node *tn = type_name(p);
    *is_attr = false;
    if (!tn) {
        error_at(p, PERR_MissingTypename, open.start, open.end, NULL);
        return NULL;
    }
    struct ast_node *n;
    uint32_t q = skip_space(p, p->pos);
    uint32_t before = p->nerrs;
    if (q < p->lx.len && p->lx.src[q] == '(') {
        n = mknode(p, AST_ATTRIBUTE, open.start);
        n->u.attr.type = tn;
        attribute_arguments(p, n);
        *is_attr = true;
    } else {
        n = mknode(p, AST_TYPE_CONSTRAINT, open.start);
        n->u.tc.type = tn;
    }
    /* PowerShell's wording for both `[int` and `[A(1)`; EndSquareBracket-
    ** ExpectedAtEndOfType is for generic arguments. After a missing ')' in
    ** the arguments the missing ']' is not reported too. */
    if (!accept(p, LEX_EXPR, TOK_RBRACKET) && p->nerrs == before)
        error_missing(p, PERR_EndSquareBracketExpectedAtEndOfAttribute, NULL);
    return finish(p, n);
}

/* Attributes and type constraints in a row, newlines allowed between. */
static struct ast_list attribute_list(struct parser *p)
{
    struct nvec v;
    nv_init(&v);
    while (!p->stop && at_kind(p, LEX_EXPR, TOK_LBRACKET)) {
        bool is_attr;
        struct ast_node *a = bracket(p, &is_attr);
        if (!a)
            break;
        nv_push(&v, a);
        struct mark m = save(p);
        skip_newlines(p);
        if (!at_kind(p, LEX_EXPR, TOK_LBRACKET))
            restore(p, m);
    }
    return nv_done(p, &v);
}

/* }================================================================== */

/*
** {==================================================================
** Expressions
** ===================================================================
*/

/* Can the token start a unary expression? */
static bool starts_unary(const struct token *t)
{
    switch (t->kind) {
    case TOK_VARIABLE:
    case TOK_NUMBER:
    case TOK_STRING_SQ:
    case TOK_STRING_DQ:
    case TOK_HERE_SQ:
    case TOK_HERE_DQ:
    case TOK_LPAREN:
    case TOK_DOLLAR_PAREN:
    case TOK_AT_PAREN:
    case TOK_AT_CURLY:
    case TOK_LCURLY:
    case TOK_LBRACKET:
    case TOK_EXCLAIM:
    case TOK_PLUS_PLUS:
    case TOK_MINUS_MINUS:
    case TOK_MINUS:
    case TOK_PLUS:
    case TOK_COMMA:
        return true;
    case TOK_OPERATOR:
        return (op_flags((enum ast_op)t->op) & OPF_U) != 0;
    default:
        return false;
    }
}

/*
** unary: ('!' | '-not' | '-bnot' | '-' | '+' | ',' | '++' | '--' | '-split' | '-join') unary
**      | '[' type ']' unary | '[' attribute ']' unary | '[' type ']' postfix
**      | postfix
*/
static struct ast_node *unary(struct parser *p)
{
    if (!enter(p))
        return NULL;
    struct ast_node *result = NULL;
    const struct token *t = peek_ref(p, LEX_EXPR);
    uint32_t start = t->start, end = t->end; /* t is gone after the next peek */
    enum tok_kind kind = t->kind;
    enum ast_op op = OP_NONE;
    switch (kind) {
    case TOK_EXCLAIM: op = OP_LNOT; break;
    case TOK_MINUS: op = OP_NEGATE; break;
    case TOK_PLUS: op = OP_UPLUS; break;
    case TOK_COMMA: op = OP_UCOMMA; break;
    case TOK_PLUS_PLUS: op = OP_PREINC; break;
    case TOK_MINUS_MINUS: op = OP_PREDEC; break;
    case TOK_OPERATOR:
        if (op_flags((enum ast_op)t->op) & OPF_U)
            op = (enum ast_op)t->op;
        break;
    default: break;
    }
    if (op != OP_NONE) {
        next(p);
        skip_newlines(p);
        struct ast_node *n = mknode(p, AST_UNARY, start);
        n->u.unary.op = op;
        n->u.unary.operand = unary(p);
        if (!n->u.unary.operand)
            error_missing(p, PERR_MissingExpressionAfterOperator, src_text(p, start, end));
        result = finish(p, n);
    } else if (kind == TOK_LBRACKET) {
        bool is_attr;
        struct ast_node *b = bracket(p, &is_attr);
        if (!b) {
            result = mknode(p, AST_ERROR, start);
        } else {
            const struct token *n2 = peek_ref(p, LEX_EXPR);
            bool operand = starts_unary(n2) && n2->kind != TOK_COMMA;
            if (is_attr) {
                struct ast_node *n = mknode(p, AST_ATTRIBUTED, start);
                n->u.attributed.attr = b;
                n->u.attributed.expr = unary(p);
                if (!n->u.attributed.expr)
                    error_at(p, PERR_UnexpectedAttribute, b->start, b->end,
                             b->u.attr.type->u.type.name.s);
                result = finish(p, n);
            } else if (operand) {
                struct ast_node *n = mknode(p, AST_CONVERT, start);
                n->u.convert.type = b->u.tc.type;
                n->u.convert.expr = unary(p);
                result = finish(p, n);
            } else {
                b->kind = AST_TYPE_EXPR;
                result = postfix(p, b);
            }
        }
    } else {
        struct ast_node *e = primary(p);
        result = e ? postfix(p, e) : NULL;
    }
    leave(p);
    return result;
}

/*
** unary() of an operand that is a primary: what unary() does with one,
** without its frame, and for the commonest, a variable, without the frame
** of primary() either. A token that starts no primary (an operator, a '['
** or none) goes to unary().
*/
static inline struct ast_node *operand(struct parser *p)
{
    const struct token *t = peek_ref(p, LEX_EXPR);
    struct ast_node *e;
    switch (t->kind) {
    case TOK_VARIABLE:
        if (!enter(p))
            return NULL;
        e = variable_tok(p, t, false);
        next(p);
        break;
    case TOK_NUMBER:
    case TOK_STRING_SQ:
    case TOK_STRING_DQ:
    case TOK_HERE_SQ:
    case TOK_HERE_DQ:
    case TOK_LPAREN:
    case TOK_DOLLAR_PAREN:
    case TOK_AT_PAREN:
    case TOK_AT_CURLY:
    case TOK_LCURLY:
        if (!enter(p))
            return NULL;
        e = primary(p);
        break;
    default:
        return unary(p);
    }
    e = e ? postfix(p, e) : NULL;
    leave(p);
    return e;
}

/* The array of array_literal() after its first element and a ','. Out of
** line: few operands are arrays, and array_literal() inlines. */
static EMSH_NOINLINE struct ast_node *array_elements(struct parser *p, struct ast_node *first)
{
    struct ast_node *n = mknode(p, AST_ARRAY_LITERAL, first->start);
    struct nvec v;
    nv_init(&v);
    nv_push(&v, first);
    while (!p->stop && peek_ref(p, LEX_EXPR)->kind == TOK_COMMA) {
        uint32_t comma_start = p->cur->start, comma_end = p->cur->end;
        next(p);
        skip_newlines(p);
        struct ast_node *e = operand(p);
        if (!e) {
            error_missing(p, PERR_MissingExpressionAfterToken,
                          src_text(p, comma_start, comma_end));
            break;
        }
        nv_push(&v, e);
    }
    n->u.array.elems = nv_done(p, &v);
    return finish(p, n);
}

/* array_literal: unary {',' unary} */
static inline struct ast_node *array_literal(struct parser *p)
{
    struct ast_node *first = operand(p);
    if (!first || p->no_comma || peek_ref(p, LEX_EXPR)->kind != TOK_COMMA)
        return first;
    return array_elements(p, first);
}

/* The binary operator a token stands for, if any. */
static enum ast_op binary_op(const struct token *t)
{
    switch (t->kind) {
    case TOK_OPERATOR:
        return (op_flags((enum ast_op)t->op) & OPF_B) ? (enum ast_op)t->op : OP_NONE;
    case TOK_PLUS: return OP_ADD;
    case TOK_MINUS: return OP_SUB;
    case TOK_STAR: return OP_MUL;
    case TOK_SLASH: return OP_DIV;
    case TOK_PERCENT: return OP_REM;
    case TOK_DOT_DOT: return OP_RANGE;
    case TOK_QQ: return OP_COALESCE;
    default: return OP_NONE;
    }
}

/* peek_operator() inside parentheses at a newline, out of line. */
static EMSH_NOINLINE const struct token *peek_operator_nl(struct parser *p)
{
    struct mark m = save(p);
    skip_newlines(p);
    const struct token *t = peek_ref(p, LEX_EXPR);
    if (binary_op(t) != OP_NONE || t->kind == TOK_QUESTION)
        return t;
    restore(p, m);
    return peek_ref(p, LEX_EXPR);
}

/* Peeks for an operator; inside parentheses newlines before it are skipped.
** At anything but a newline there are none to skip, and the token there is
** the answer either way. */
static inline const struct token *peek_operator(struct parser *p)
{
    const struct token *t = peek_ref(p, LEX_EXPR);
    if (p->paren > 0 && t->kind == TOK_NEWLINE)
        return peek_operator_nl(p);
    return t;
}

static struct ast_node *binary(struct parser *p, int min_prec);

/* binary() after its first operand lhs, at an operator op that binds at
** min_prec or tighter. Out of line: most operands stand alone. */
static EMSH_NOINLINE struct ast_node *binary_ops(struct parser *p, struct ast_node *lhs,
                                                 enum ast_op op, int min_prec)
{
    for (;;) {
        next(p);
        skip_newlines(p);
        struct ast_node *rhs = binary(p, op_precedence(op) + 1);
        struct ast_node *n = mknode(p, AST_BINARY, lhs->start);
        n->u.binary.op = op;
        n->u.binary.lhs = lhs;
        n->u.binary.rhs = rhs;
        if (!rhs) {
            error_missing(p, PERR_ExpectedValueExpression, op_spelling(op));
            return finish(p, n);
        }
        lhs = finish(p, n);
        if (p->stop)
            return lhs;
        op = binary_op(peek_operator(p));
        if (op == OP_NONE || op_precedence(op) < min_prec)
            return lhs;
    }
}

/* binary: array_literal {op array_literal}, by precedence climbing */
static struct ast_node *binary(struct parser *p, int min_prec)
{
    struct ast_node *lhs = array_literal(p);
    if (!lhs || p->stop)
        return lhs;
    enum ast_op op = binary_op(peek_operator(p));
    if (op == OP_NONE || op_precedence(op) < min_prec)
        return lhs;
    return binary_ops(p, lhs, op, min_prec);
}

/* The rest of expression() after its condition cond, at a '?'. Out of line:
** few expressions have one, and expression() inlines. */
static EMSH_NOINLINE struct ast_node *ternary(struct parser *p, struct ast_node *cond)
{
    next(p);
    skip_newlines(p);
    struct ast_node *n = mknode(p, AST_TERNARY, cond->start);
    n->u.ternary.cond = cond;
    n->u.ternary.then = expression(p);
    if (!n->u.ternary.then) {
        error_missing(p, PERR_ExpectedValueExpression, "?");
        return finish(p, n);
    }
    skip_newlines(p);
    if (!accept(p, LEX_EXPR, TOK_COLON)) {
        error_missing(p, PERR_MissingColonInTernaryExpression, NULL);
        return finish(p, n);
    }
    skip_newlines(p);
    n->u.ternary.else_ = expression(p);
    if (!n->u.ternary.else_)
        error_missing(p, PERR_ExpectedValueExpression, ":");
    return finish(p, n);
}

/* expression: binary ['?' expression ':' expression] */
static inline struct ast_node *expression(struct parser *p)
{
    struct ast_node *cond = binary(p, 1);
    if (!cond || peek_operator(p)->kind != TOK_QUESTION)
        return cond;
    return ternary(p, cond);
}

/* }================================================================== */

/*
** {==================================================================
** Commands and pipelines
** ===================================================================
*/

static bool ends_command(enum tok_kind k)
{
    switch (k) {
    case TOK_EOF:
    case TOK_NEWLINE:
    case TOK_SEMI:
    case TOK_PIPE:
    case TOK_RPAREN:
    case TOK_RCURLY:
    case TOK_AND_AND:
    case TOK_OR_OR:
    case TOK_AMP:
        return true;
    default:
        return false;
    }
}

/*
** command_element: a single argument in command mode: a bare word, a number,
** or a primary expression with its member accesses and indexes.
*/
static struct ast_node *command_element(struct parser *p)
{
    const struct token *t = peek_ref(p, LEX_CMD);
    switch (t->kind) {
    case TOK_GENERIC:
    case TOK_IDENT:
        return bare_word(p, t);
    case TOK_NUMBER:
        return postfix(p, number_node(p, t));
    case TOK_LABEL:
    case TOK_PARAMETER:
    case TOK_DOT:
    case TOK_EQUALS: {
        struct ast_node *n = mknode(p, AST_STRING, t->start);
        n->u.string.how = STR_BARE;
        n->u.string.value = mkstr(p, p->lx.src + t->start, t->end - t->start);
        next(p);
        return finish(p, n);
    }
    case TOK_SPLAT: {
        struct ast_node *n = variable_tok(p, t, true);
        next(p);
        return n;
    }
    case TOK_VARIABLE:
    case TOK_STRING_SQ:
    case TOK_STRING_DQ:
    case TOK_HERE_SQ:
    case TOK_HERE_DQ:
    case TOK_LPAREN:
    case TOK_DOLLAR_PAREN:
    case TOK_AT_PAREN:
    case TOK_AT_CURLY:
    case TOK_LCURLY: {
        if (!enter(p))
            return NULL;
        struct ctx c = ctx_block(p);
        /* primary() reads the token in expression mode: a variable there,
        ** the commonest, is made here as primary() makes it */
        struct ast_node *e;
        const struct token *x = peek_ref(p, LEX_EXPR);
        if (x->kind == TOK_VARIABLE) {
            e = variable_tok(p, x, false);
            next(p);
        } else {
            e = primary(p);
        }
        e = e ? postfix(p, e) : NULL;
        ctx_restore(p, c);
        leave(p);
        return e;
    }
    default:
        return NULL;
    }
}

/* The array of command_argument() after its first element and a ','. Out
** of line: few arguments are arrays, and command_argument() inlines. */
static EMSH_NOINLINE struct ast_node *command_array(struct parser *p, struct ast_node *first)
{
    struct ast_node *n = mknode(p, AST_ARRAY_LITERAL, first->start);
    struct nvec v;
    nv_init(&v);
    nv_push(&v, first);
    while (!p->stop && peek_ref(p, LEX_CMD)->kind == TOK_COMMA) {
        next(p);
        skip_newlines_in(p, LEX_CMD);
        struct ast_node *e = command_element(p);
        if (!e) {
            error_missing(p, PERR_MissingExpressionAfterToken, ",");
            break;
        }
        nv_push(&v, e);
    }
    n->u.array.elems = nv_done(p, &v);
    return finish(p, n);
}

/* command_argument: command_element {',' command_element} */
static inline struct ast_node *command_argument(struct parser *p)
{
    struct ast_node *first = command_element(p);
    if (!first || peek_ref(p, LEX_CMD)->kind != TOK_COMMA)
        return first;
    return command_array(p, first);
}

/* redirection: '>' file | '>>' file | 'N>' file | 'N>&M' | '*>' file ... */
static struct ast_node *redirection(struct parser *p)
{
    struct token t = peek(p, LEX_CMD);
    if (t.kind == TOK_REDIR_IN) {
        error_at(p, PERR_RedirectionNotSupported, t.start, t.end, "<");
        next(p);
        return NULL;
    }
    next(p);
    if (t.op & REDIR_MERGE) {
        struct ast_node *n = mknode(p, AST_REDIRECT_MERGE, t.start);
        n->u.redir.from = t.op & 0xFF;
        n->u.redir.to = (t.op >> 8) & 0xF;
        /* streams merge into the output stream only: 2>&1, *>&1; not 1>&2,
        ** 2>&3 or 1>&1 (PowerShell's rule) */
        if (n->u.redir.to != 1 || n->u.redir.from == 1)
            error_at(p, PERR_RedirectionNotSupported, t.start, t.end, tok_text(p, &t));
        return finish(p, n);
    }
    struct ast_node *n = mknode(p, AST_REDIRECT_FILE, t.start);
    n->u.redir.from = t.op & 0xFF;
    n->u.redir.append = (t.op & REDIR_APPEND) != 0;
    n->u.redir.target = command_element(p);
    if (!n->u.redir.target)
        error_missing(p, PERR_MissingFileSpecification, NULL);
    return finish(p, n);
}

/* Redirections after an expression that heads a pipeline. */
static struct ast_list redirections(struct parser *p)
{
    struct ast_list none = {NULL, 0};
    enum tok_kind k = peek_ref(p, LEX_CMD)->kind;
    if (k != TOK_REDIRECT && k != TOK_REDIR_IN)
        return none; /* the commonest: no vector of nodes to make and copy */
    struct nvec v;
    nv_init(&v);
    do {
        nv_push(&v, redirection(p));
        k = peek_ref(p, LEX_CMD)->kind;
    } while (k == TOK_REDIRECT || k == TOK_REDIR_IN);
    return nv_done(p, &v);
}

/* The text after --% up to the end of the line, leading spaces removed. */
static struct ast_node *verbatim(struct parser *p, const struct token *t)
{
    struct ast_node *n = mknode(p, AST_STRING, t->start);
    uint32_t s = lex_skip_space(&p->lx, t->start + (p->lx.src[t->start] == '-' ? 3 : 5));
    uint32_t e = t->end;
    while (e > s && (p->lx.src[e - 1] == ' ' || p->lx.src[e - 1] == '\t'))
        e--;
    n->u.string.how = STR_VERBATIM;
    n->u.string.value = mkstr(p, p->lx.src + s, e > s ? e - s : 0);
    next(p);
    return finish(p, n);
}

/*
** command: ['&' | '.'] command_name {parameter | argument | redirection}
*/
static struct ast_node *command(struct parser *p)
{
    const struct token *t = peek_ref(p, LEX_CMD);
    uint32_t start = t->start, end = t->end; /* t is gone after the next peek */
    enum tok_kind kind = t->kind;
    struct ast_node *n = mknode(p, AST_COMMAND, start);
    struct nvec elems, redirs;
    nv_init(&elems);
    nv_init(&redirs);
    struct ast_node *name = NULL;
    if (kind == TOK_AMP || kind == TOK_DOT) {
        n->u.command.invocation = kind == TOK_AMP ? INVOKE_CALL : INVOKE_DOT;
        next(p);
        uint32_t at = peek_ref(p, LEX_CMD)->start;
        name = command_element(p);
        if (!name) {
            error_at(p, PERR_MissingExpression, at, at, kind == TOK_AMP ? "&" : ".");
            return finish(p, n);
        }
    } else if (kind == TOK_GENERIC || kind == TOK_PARAMETER || kind == TOK_IDENT) {
        if (kind == TOK_PARAMETER) {
            name = mknode(p, AST_STRING, start);
            name->u.string.how = STR_BARE;
            name->u.string.value = mkstr(p, p->lx.src + start, end - start);
            next(p);
            finish(p, name);
        } else {
            name = bare_word(p, t);
        }
    } else {
        name = command_element(p);
        if (!name) {
            error_at(p, PERR_UnexpectedToken, start, end, src_text(p, start, end));
            next(p);
            return finish(p, n);
        }
    }
    nv_push(&elems, name);
    while (!p->stop) {
        t = peek_ref(p, LEX_CMD);
        start = t->start;
        end = t->end;
        if (ends_command(t->kind))
            break;
        switch (t->kind) {
        case TOK_PARAMETER: {
            struct ast_node *cp = mknode(p, AST_COMMAND_PARAM, start);
            cp->u.cmdparam.name = cooked(p, t);
            cp->u.cmdparam.colon = (t->flags & TF_COLON) != 0;
            next(p);
            if (cp->u.cmdparam.colon) {
                enum tok_kind a = peek_ref(p, LEX_CMD)->kind;
                if (ends_command(a) || a == TOK_PARAMETER)
                    error_at(p, PERR_ParameterRequiresArgument, start, end,
                             src_text(p, start, end));
                else
                    cp->u.cmdparam.arg = command_argument(p);
            }
            nv_push(&elems, finish(p, cp));
            break;
        }
        case TOK_STOP_PARSING:
            nv_push(&elems, verbatim(p, t));
            break;
        case TOK_REDIRECT:
        case TOK_REDIR_IN:
            nv_push(&redirs, redirection(p));
            break;
        case TOK_GENERIC:
        case TOK_IDENT: {
            /* command_argument() of a bare word, the commonest argument:
            ** command_element() would make the same word of t. */
            struct ast_node *arg = bare_word(p, t);
            if (peek_ref(p, LEX_CMD)->kind == TOK_COMMA)
                arg = command_array(p, arg);
            nv_push(&elems, arg);
            break;
        }
        default: {
            struct ast_node *arg = command_argument(p);
            if (!arg) {
                error_at(p, PERR_UnexpectedToken, start, end, src_text(p, start, end));
                next(p);
                break;
            }
            nv_push(&elems, arg);
            break;
        }
        }
    }
    n->u.command.elems = nv_done(p, &elems);
    n->u.command.redirs = nv_done(p, &redirs);
    return finish(p, n);
}

/* Can a token (in expression mode) start an expression at the head of a pipeline? */
static bool starts_expression(const struct token *t)
{
    return starts_unary(t);
}

static bool is_assign_token(enum tok_kind k, enum ast_op *op)
{
    switch (k) {
    case TOK_EQUALS: *op = OP_ASSIGN; return true;
    case TOK_PLUS_EQ: *op = OP_ADD_ASSIGN; return true;
    case TOK_MINUS_EQ: *op = OP_SUB_ASSIGN; return true;
    case TOK_STAR_EQ: *op = OP_MUL_ASSIGN; return true;
    case TOK_SLASH_EQ: *op = OP_DIV_ASSIGN; return true;
    case TOK_PERCENT_EQ: *op = OP_REM_ASSIGN; return true;
    case TOK_QQ_EQ: *op = OP_COALESCE_ASSIGN; return true;
    default: return false;
    }
}

/* Can the expression be assigned to? */
static bool assignable(const struct ast_node *e, bool multi)
{
    if (!e)
        return false; /* `[Parameter()] = 1`: an attribute on nothing */
    switch (e->kind) {
    case AST_VARIABLE:
        return !e->u.var.splat;
    case AST_MEMBER:
    case AST_INDEX:
        return true;
    case AST_CONVERT:
        return assignable(e->u.convert.expr, false);
    case AST_ATTRIBUTED:
        return assignable(e->u.attributed.expr, false);
    case AST_ARRAY_LITERAL:
        if (multi)
            return false;
        for (uint32_t i = 0; i < e->u.array.elems.n; i++)
            if (!assignable(e->u.array.elems.v[i], true))
                return false;
        return true;
    case AST_PAREN:
        return e->u.paren.pipeline && e->u.paren.pipeline->kind == AST_PIPELINE &&
               e->u.paren.pipeline->u.pipeline.elems.n == 1 &&
               e->u.paren.pipeline->u.pipeline.elems.v[0]->kind == AST_COMMAND_EXPR &&
               assignable(e->u.paren.pipeline->u.pipeline.elems.v[0]->u.cmdexpr.expr, multi);
    default:
        return false;
    }
}

/* The bytes, below 0x80, that start a token neither a pipe nor a newline
** after blanks, and start no comment: letters, $ ( ) { } [ ] ' " -. */
#define BIT(c) ((uint64_t)1 << ((c) & 63))
static const uint64_t no_pipe_lead[2] = {
    BIT('$') | BIT('(') | BIT(')') | BIT('\'') | BIT('"') | BIT('-'),
    BIT('[') | BIT(']') | BIT('{') | BIT('}') | (((uint64_t)1 << 26) - 1) << ('A' & 63) |
        (((uint64_t)1 << 26) - 1) << ('a' & 63),
};
#undef BIT

/* A set of letters, for plain_line_after(). */
#define LETTER(c) ((uint32_t)1 << ((c) - 'a'))

/*
** Most lines go on with a word, a variable or a bracket after their
** indentation: no pipe, no newline, no comment. Is the line after the
** newline nl one of those, known from its first byte, and is that byte not
** one of the letters (in either case) asked about?
*/
static bool plain_line_after(const struct parser *p, const struct token *nl, uint32_t letters)
{
    const unsigned char *s = (const unsigned char *)p->lx.src + nl->end;
    while (*s == ' ' || *s == '\t')
        s++;
    unsigned l = (unsigned)((*s | 0x20) - 'a');
    return *s < 0x80 && (no_pipe_lead[*s >> 6] >> (*s & 63) & 1) && !(l < 26 && (letters >> l & 1));
}

/*
** PowerShell 7 goes on with a pipeline on a line that starts with '|':
**
**     Get-Mailbox
**         # comment lines may come between
**         | Sort-Object Name
**
** An empty or blank line ends the pipeline. At such a continuation this
** moves to the '|' and returns true; otherwise it changes nothing.
*/
static bool pipe_continues(struct parser *p)
{
    const struct token *nl = peek_ref(p, LEX_CMD);
    if (nl->kind != TOK_NEWLINE || plain_line_after(p, nl, 0))
        return false;
    /* Look through the parser, not beside it: the first token of the next
    ** line, scanned here, is what the statement list asks for next. */
    struct mark m = save(p);
    for (;;) {
        uint32_t line = p->cur->end;
        next(p);
        const struct token *n = peek_ref(p, LEX_CMD);
        if (n->kind == TOK_PIPE)
            return true;
        /* only a line that holds a comment lets the pipeline go on */
        if (n->kind != TOK_NEWLINE || !memchr(p->lx.src + line, '#', n->start - line))
            break;
    }
    restore(p, m);
    return false;
}

/*
** pipeline: expression assignment_operator statement
**         | (expression [redirections] | command) {'|' command}
** A pipeline that starts with '|' is reported and parsed without its empty
** first element, as PowerShell does.
*/
static struct ast_node *pipeline(struct parser *p)
{
    /* A bare word that starts with a letter, looked at already in command
    ** mode, is a command's name: in expression mode it would be a name too,
    ** which starts no expression, so it needs no scan in that mode. */
    const struct token *w = p->seen[LEX_CMD];
    bool name = w && w->kind == TOK_GENERIC && (unsigned)((p->lx.src[w->start] | 0x20) - 'a') < 26;
    const struct token *t = name ? w : peek_ref(p, LEX_EXPR);
    uint32_t start = t->start; /* t is gone after the next peek */
    struct nvec elems;
    nv_init(&elems);
    if (name) {
        nv_push(&elems, command(p));
    } else if (t->kind == TOK_PIPE) {
        error_at(p, PERR_EmptyPipeElement, t->start, t->end, NULL);
    } else if (starts_expression(t)) {
        struct ast_node *e = expression(p);
        if (!e)
            return NULL;
        enum ast_op aop;
        if (is_assign_token(peek_ref(p, LEX_EXPR)->kind, &aop)) {
            struct ast_node *as = mknode(p, AST_ASSIGN, e->start);
            if (!assignable(e, false))
                error_at(p, PERR_InvalidLeftHandSide, e->start, e->end, NULL);
            next(p);
            skip_newlines_in(p, LEX_CMD); /* statement() reads in command mode */
            as->u.assign.op = aop;
            as->u.assign.lhs = e;
            as->u.assign.rhs = statement(p);
            if (!as->u.assign.rhs)
                error_missing(p, PERR_ExpectedValueExpression, op_spelling(aop));
            return finish(p, as);
        }
        struct ast_node *ce = mknode(p, AST_COMMAND_EXPR, e->start);
        ce->u.cmdexpr.expr = e;
        ce->u.cmdexpr.redirs = redirections(p);
        nv_push(&elems, finish(p, ce));
    } else {
        enum tok_kind c = peek_ref(p, LEX_CMD)->kind;
        if ((ends_command(c) && c != TOK_AMP) || c == TOK_COMMA)
            return NULL;
        nv_push(&elems, command(p));
    }
    /* made here, not before an assignment, which takes its place */
    struct ast_node *n = mknode(p, AST_PIPELINE, start);
    while (!p->stop && (peek_ref(p, LEX_CMD)->kind == TOK_PIPE || pipe_continues(p))) {
        uint32_t bar_end = peek_ref(p, LEX_CMD)->end;
        next(p);
        skip_newlines_in(p, LEX_CMD);
        enum tok_kind c = peek_ref(p, LEX_CMD)->kind;
        if ((ends_command(c) && c != TOK_AMP) || c == TOK_COMMA) {
            /* the empty element is just after the pipe (`a | | b`, `a |`) */
            error_at(p, PERR_EmptyPipeElement, bar_end, bar_end, NULL);
            if (c == TOK_PIPE)
                continue;
            break;
        }
        if (c != TOK_GENERIC && c != TOK_AMP && c != TOK_DOT && c != TOK_PARAMETER) {
            const struct token *e = peek_ref(p, LEX_EXPR);
            if (starts_expression(e)) {
                error_at(p, PERR_ExpressionsMustBeFirstInPipeline, e->start, e->end, NULL);
                expression(p);
                continue;
            }
        }
        nv_push(&elems, command(p));
    }
    if (!elems.n) {
        /* nothing but pipes: the errors are out, leave a marker */
        nv_done(p, &elems);
        n->kind = AST_ERROR;
        return finish(p, n);
    }
    n->u.pipeline.elems = nv_done(p, &elems);
    /* ends with its last element, not after newlines skipped behind a pipe */
    n->end = n->u.pipeline.elems.v[n->u.pipeline.elems.n - 1]->end;
    return n;
}

/* pipeline_chain() after its first pipeline lhs, at a '&', '&&' or '||'.
** Out of line: most pipelines stand alone. */
static EMSH_NOINLINE struct ast_node *chain_ops(struct parser *p, struct ast_node *lhs)
{
    while (!p->stop) {
        const struct token *t = peek_ref(p, LEX_CMD);
        if (t->kind == TOK_AMP) {
            next(p);
            if (lhs->kind == AST_PIPELINE)
                lhs->u.pipeline.background = true;
            else if (lhs->kind == AST_PIPELINE_CHAIN)
                lhs->u.chain.background = true;
            t = peek_ref(p, LEX_CMD);
            if (t->kind != TOK_AND_AND && t->kind != TOK_OR_OR)
                break;
            /* `a & && b`: one error, and the chain goes on */
            error_at(p, PERR_BackgroundOperatorInPipelineChain, t->start, t->end, NULL);
        }
        enum tok_kind op = t->kind;
        uint32_t op_end = t->end; /* t is gone after the next peek */
        if (op != TOK_AND_AND && op != TOK_OR_OR)
            break;
        if (lhs->kind == AST_ASSIGN)
            break;
        next(p);
        skip_newlines(p);
        struct ast_node *rhs = pipeline(p);
        if (!rhs) {
            /* just after the operator, so that `a &&` at the end is incomplete */
            error_at(p, PERR_EmptyPipelineChainElement, op_end, op_end, NULL);
            break;
        }
        struct ast_node *n = mknode(p, AST_PIPELINE_CHAIN, lhs->start);
        n->u.chain.lhs = lhs;
        n->u.chain.rhs = rhs;
        n->u.chain.op = op;
        lhs = finish(p, n);
    }
    return lhs;
}

/* pipeline_chain: pipeline {('&&' | '||') pipeline} ['&'] */
static struct ast_node *pipeline_chain(struct parser *p)
{
    struct ast_node *lhs = pipeline(p);
    if (!lhs || p->stop)
        return lhs;
    enum tok_kind k = peek_ref(p, LEX_CMD)->kind;
    if (k != TOK_AMP && k != TOK_AND_AND && k != TOK_OR_OR)
        return lhs;
    return chain_ops(p, lhs);
}

/* }================================================================== */

/*
** {==================================================================
** Statements
** ===================================================================
*/

/* statement_block: '{' statement_list '}' */
static struct ast_node *statement_block(struct parser *p, enum perr_id missing, const char *arg)
{
    const struct token *t = peek_ref(p, LEX_EXPR);
    if (t->kind != TOK_LCURLY) {
        error_missing(p, missing, arg);
        return NULL;
    }
    uint32_t open = t->start, open_end = t->end;
    next(p);
    struct ctx c = ctx_block(p);
    struct ast_node *n = statement_list_node(p, open, TOK_RCURLY);
    ctx_restore(p, c);
    if (!accept(p, LEX_EXPR, TOK_RCURLY))
        error_unclosed(p, PERR_MissingEndCurlyBrace, open, open_end);
    return finish(p, n);
}

/* Statements until closer (not consumed), into a STATEMENT_BLOCK. */
static struct ast_node *statement_list_node(struct parser *p, uint32_t start, enum tok_kind closer)
{
    struct ast_node *n = mknode(p, AST_STATEMENT_BLOCK, start);
    struct nvec v;
    nv_init(&v);
    while (!p->stop) {
        skip_separators(p, LEX_CMD);
        const struct token *t = peek_ref(p, LEX_CMD);
        if (t->kind == TOK_EOF || t->kind == closer)
            break;
        if (t->kind == TOK_RCURLY || t->kind == TOK_RPAREN) {
            /* a closer that belongs to nothing here */
            error_at(p, PERR_UnexpectedToken, t->start, t->end, tok_text(p, t));
            next(p);
            continue;
        }
        uint32_t before = p->nerrs, first = t->start;
        struct ast_node *s = statement(p);
        if (!s) {
            t = peek_ref(p, LEX_CMD);
            error_at(p, PERR_UnexpectedToken, t->start, t->end, tok_text(p, t));
            next(p);
            sync(p);
            continue;
        }
        nv_push(&v, s);
        t = peek_ref(p, LEX_CMD);
        if (t->kind == TOK_NEWLINE || t->kind == TOK_SEMI || t->kind == TOK_EOF || t->kind == closer)
            continue;
        /* the background operator ends its statement: `a & b &` is two jobs */
        if ((s->kind == AST_PIPELINE && s->u.pipeline.background) ||
            (s->kind == AST_PIPELINE_CHAIN && s->u.chain.background))
            continue;
        if (closer == TOK_EOF && (t->kind == TOK_RCURLY || t->kind == TOK_RPAREN))
            continue; /* a stray closer is a mistake of its own: see the loop's top */
        /* A broken statement that ran on to a new line (`$a = (1 + 2` and
        ** then `$b = 3`): the new line starts a statement of its own, as in
        ** PowerShell, rather than being skipped with the broken one. */
        if (p->nerrs != before && p->prev_end > first && newline_between(p, p->prev_end, t->start))
            continue;
        if (p->nerrs == before)
            error_at(p, PERR_UnexpectedToken, t->start, t->end, tok_text(p, t));
        if (t->kind == TOK_RCURLY || t->kind == TOK_RPAREN)
            break;
        sync(p);
    }
    n->u.block.stmts = nv_done(p, &v);
    return finish(p, n);
}

/* The condition of if/while/switch: '(' pipeline ')' */
static struct ast_node *condition(struct parser *p, const char *kw, enum perr_id no_paren,
                                  enum perr_id no_cond, enum perr_id no_close)
{
    skip_newlines(p);
    if (!accept(p, LEX_EXPR, TOK_LPAREN)) {
        error_missing(p, no_paren, kw);
        return NULL;
    }
    struct ctx c = ctx_paren(p, false);
    skip_newlines(p);
    struct ast_node *cond = pipeline_chain(p);
    skip_newlines(p);
    ctx_restore(p, c);
    if (!cond) {
        error_missing(p, no_cond, kw);
        return NULL;
    }
    if (!accept(p, LEX_EXPR, TOK_RPAREN)) {
        error_missing(p, no_close, kw);
        return NULL;
    }
    return cond;
}

/*
** Peeks past newlines for the keyword kw or kw2 (KW_NONE for none), whose
** names start with the letters (LETTER()); consumes the newlines, and
** returns the keyword, only when it is there.
*/
static enum keyword next_keyword(struct parser *p, uint32_t letters, enum keyword kw,
                                 enum keyword kw2)
{
    const struct token *t = peek_ref(p, LEX_CMD);
    if (t->kind == TOK_NEWLINE && plain_line_after(p, t, letters))
        return KW_NONE;
    struct mark m = save(p);
    skip_newlines_in(p, LEX_CMD);
    enum keyword found = keyword_of(p, peek_ref(p, LEX_CMD));
    if (found != KW_NONE && (found == kw || found == kw2))
        return found;
    restore(p, m);
    return KW_NONE;
}

/* if_statement: 'if' '(' pipeline ')' block {'elseif' '(' pipeline ')' block} ['else' block] */
static struct ast_node *if_statement(struct parser *p, uint32_t kw_start)
{
    struct ast_node *n = mknode(p, AST_IF, kw_start);
    struct nvec conds, bodies;
    nv_init(&conds);
    nv_init(&bodies);
    const char *kw = "if";
    next(p);
    for (;;) {
        struct ast_node *cond = condition(p, kw, PERR_MissingOpenParenthesisInIfStatement,
                                          PERR_IfStatementMissingCondition,
                                          PERR_MissingEndParenthesisAfterStatement);
        if (!cond)
            break;
        skip_newlines(p);
        struct ast_node *body = statement_block(p, PERR_MissingStatementBlock, kw);
        if (!body)
            break;
        nv_push(&conds, cond);
        nv_push(&bodies, body);
        enum keyword more = next_keyword(p, LETTER('e'), KW_ELSEIF, KW_ELSE);
        if (more == KW_ELSEIF) {
            next(p);
            kw = "elseif";
            continue;
        }
        if (more == KW_ELSE) {
            next(p);
            skip_newlines(p);
            n->u.if_.else_body = statement_block(p, PERR_MissingStatementBlockAfterElse, NULL);
        }
        break;
    }
    n->u.if_.conds = nv_done(p, &conds);
    n->u.if_.bodies = nv_done(p, &bodies);
    return finish(p, n);
}

/* A parameter token's name, lower-cased, for statement flags. */
static bool flag_is(struct parser *p, const struct token *t, const char *full)
{
    uint32_t s = t->start + 1, e = t->end;
    if ((unsigned char)p->lx.src[t->start] == 0xE2)
        s = t->start + 3;
    if (t->flags & TF_COLON)
        e--;
    size_t n = e - s;
    return n > 0 && n <= strlen(full) && strncasecmp(p->lx.src + s, full, n) == 0;
}

/* switch_statement: 'switch' {flag} ('(' pipeline ')' | -File path) '{' clauses '}' */
static struct ast_node *switch_statement(struct parser *p, uint32_t kw_start, struct ast_str label)
{
    struct ast_node *n = mknode(p, AST_SWITCH, kw_start);
    n->u.switch_.label = label;
    next(p);
    for (;;) {
        struct token t = peek(p, LEX_CMD);
        if (t.kind != TOK_PARAMETER)
            break;
        next(p);
        if (flag_is(p, &t, "regex"))
            n->u.switch_.flags |= SWITCH_REGEX;
        else if (flag_is(p, &t, "wildcard"))
            n->u.switch_.flags |= SWITCH_WILDCARD;
        else if (flag_is(p, &t, "exact"))
            n->u.switch_.flags |= SWITCH_EXACT;
        else if (flag_is(p, &t, "casesensitive"))
            n->u.switch_.flags |= SWITCH_CASESENSITIVE;
        else if (flag_is(p, &t, "parallel"))
            n->u.switch_.flags |= SWITCH_PARALLEL;
        else if (flag_is(p, &t, "file")) {
            n->u.switch_.flags |= SWITCH_FILE;
            struct token a = peek(p, LEX_CMD);
            if (a.kind == TOK_LCURLY || ends_command(a.kind)) {
                error_at(p, PERR_MissingFilenameOption, t.start, t.end, NULL);
            } else {
                n->u.switch_.cond = command_element(p);
            }
        } else
            error_at(p, PERR_InvalidSwitchFlag, t.start, t.end, tok_text(p, &t));
    }
    if (!(n->u.switch_.flags & SWITCH_FILE)) {
        n->u.switch_.cond =
            condition(p, "switch", PERR_MissingOpenParenthesisAfterKeyword,
                      PERR_MissingSwitchValueExpression, PERR_MissingEndParenthesisInSwitchStatement);
        if (!n->u.switch_.cond)
            return finish(p, n);
    }
    skip_newlines(p);
    struct span open = span_of(peek_ref(p, LEX_EXPR));
    if (!accept(p, LEX_EXPR, TOK_LCURLY)) {
        error_missing(p, PERR_MissingCurlyBraceInSwitchStatement, NULL);
        return finish(p, n);
    }
    struct ctx c = ctx_block(p);
    struct nvec clauses;
    nv_init(&clauses);
    for (;;) {
        skip_separators(p, LEX_CMD);
        struct token t = peek(p, LEX_CMD);
        if (t.kind == TOK_RCURLY || t.kind == TOK_EOF || p->stop)
            break;
        bool is_default = keyword_of(p, &t) == KW_NONE && t.kind == TOK_GENERIC &&
                          !(t.flags & (TF_EXPAND | TF_ESCAPED)) && t.end - t.start == 7 &&
                          strncasecmp(p->lx.src + t.start, "default", 7) == 0;
        struct ast_node *cond = NULL;
        if (is_default)
            next(p);
        else
            cond = command_element(p);
        if (!cond && !is_default) {
            /* As PowerShell: without a condition no body can follow, so the
            ** clauses end here, and a '}' right after is taken as the
            ** switch's own. (Going on would loop forever on `switch(s){)`:
            ** sync() stops before the ')'.) */
            error_at(p, PERR_MissingSwitchConditionExpression, t.start, t.end, NULL);
            ctx_restore(p, c);
            n->u.switch_.clauses = nv_done(p, &clauses);
            accept(p, LEX_EXPR, TOK_RCURLY);
            return finish(p, n);
        }
        skip_newlines(p);
        struct ast_node *body = statement_block(p, PERR_MissingSwitchStatementClause, NULL);
        if (!body) {
            sync(p);
            continue;
        }
        if (is_default) {
            n->u.switch_.default_body = body;
        } else {
            struct ast_node *cl = mknode(p, AST_SWITCH_CLAUSE, cond->start);
            cl->u.clause.cond = cond;
            cl->u.clause.body = body;
            nv_push(&clauses, finish(p, cl));
        }
    }
    ctx_restore(p, c);
    n->u.switch_.clauses = nv_done(p, &clauses);
    if (!accept(p, LEX_EXPR, TOK_RCURLY))
        error_unclosed(p, PERR_MissingEndCurlyBrace, open.start, open.end);
    return finish(p, n);
}

/* foreach_statement: 'foreach' ['-Parallel'] '(' variable 'in' pipeline ')' block */
static struct ast_node *foreach_statement(struct parser *p, uint32_t kw_start, struct ast_str label)
{
    struct ast_node *n = mknode(p, AST_FOREACH, kw_start);
    n->u.foreach.label = label;
    next(p);
    for (;;) {
        struct token t = peek(p, LEX_CMD);
        if (t.kind != TOK_PARAMETER)
            break;
        next(p);
        if (flag_is(p, &t, "parallel"))
            n->u.foreach.parallel = true;
        else if (flag_is(p, &t, "throttlelimit"))
            n->u.foreach.throttle = command_element(p);
        else
            error_at(p, PERR_InvalidForeachFlag, t.start, t.end, tok_text(p, &t));
    }
    skip_newlines(p);
    if (!accept(p, LEX_EXPR, TOK_LPAREN)) {
        error_missing(p, PERR_MissingOpenParenthesisAfterKeyword, "foreach");
        return finish(p, n);
    }
    skip_newlines(p);
    struct token v = peek(p, LEX_EXPR);
    if (v.kind != TOK_VARIABLE) {
        error_missing(p, PERR_MissingVariableNameAfterForeach, NULL);
        return finish(p, n);
    }
    n->u.foreach.var = variable_tok(p, &v, false);
    next(p);
    skip_newlines_in(p, LEX_CMD);
    if (!at_keyword(p, KW_IN)) {
        error_missing(p, PERR_MissingInInForeach, NULL);
        return finish(p, n);
    }
    next(p);
    skip_newlines(p);
    struct ctx c = ctx_paren(p, false);
    n->u.foreach.expr = pipeline_chain(p);
    skip_newlines(p);
    ctx_restore(p, c);
    if (!n->u.foreach.expr) {
        error_missing(p, PERR_MissingForeachExpression, NULL);
        return finish(p, n);
    }
    if (!accept(p, LEX_EXPR, TOK_RPAREN)) {
        error_missing(p, PERR_MissingEndParenthesisAfterForeach, NULL);
        return finish(p, n);
    }
    skip_newlines(p);
    n->u.foreach.body = statement_block(p, PERR_MissingForeachStatement, NULL);
    return finish(p, n);
}

/* One part of a for header: an optional pipeline before a separator. */
static struct ast_node *for_part(struct parser *p, bool last)
{
    skip_newlines(p);
    struct token t = peek(p, LEX_EXPR);
    if (t.kind == TOK_SEMI || (last && t.kind == TOK_RPAREN))
        return NULL;
    struct ast_node *e = pipeline_chain(p);
    return e;
}

/* for_statement: 'for' '(' [pipeline] sep [pipeline] sep [pipeline] ')' block */
static struct ast_node *for_statement(struct parser *p, uint32_t kw_start, struct ast_str label)
{
    struct ast_node *n = mknode(p, AST_FOR, kw_start);
    n->u.for_.label = label;
    next(p);
    skip_newlines(p);
    if (!accept(p, LEX_EXPR, TOK_LPAREN)) {
        error_missing(p, PERR_MissingOpenParenthesisAfterKeyword, "for");
        return finish(p, n);
    }
    struct ctx c = ctx_block(p);
    struct ast_node **parts[3] = {&n->u.for_.init, &n->u.for_.cond, &n->u.for_.iter};
    for (int i = 0; i < 3; i++) {
        *parts[i] = for_part(p, i == 2);
        if (i < 2) {
            struct token t = peek(p, LEX_EXPR);
            if (t.kind == TOK_SEMI || t.kind == TOK_NEWLINE)
                next(p);
            else if (t.kind == TOK_RPAREN)
                break;
        }
    }
    skip_newlines(p);
    ctx_restore(p, c);
    if (!accept(p, LEX_EXPR, TOK_RPAREN)) {
        error_missing(p, PERR_MissingEndParenthesisAfterStatement, "for");
        return finish(p, n);
    }
    skip_newlines(p);
    n->u.for_.body = statement_block(p, PERR_MissingLoopStatement, "for");
    return finish(p, n);
}

/* while_statement: 'while' '(' pipeline ')' block */
static struct ast_node *while_statement(struct parser *p, uint32_t kw_start, struct ast_str label)
{
    struct ast_node *n = mknode(p, AST_WHILE, kw_start);
    n->u.for_.label = label;
    next(p);
    n->u.for_.cond = condition(p, "while", PERR_MissingOpenParenthesisAfterKeyword,
                               PERR_MissingExpressionAfterKeyword,
                               PERR_MissingEndParenthesisAfterStatement);
    if (!n->u.for_.cond)
        return finish(p, n);
    skip_newlines(p);
    n->u.for_.body = statement_block(p, PERR_MissingLoopStatement, "while");
    return finish(p, n);
}

/* do_statement: 'do' block ('while' | 'until') '(' pipeline ')' */
static struct ast_node *do_statement(struct parser *p, uint32_t kw_start, struct ast_str label)
{
    struct ast_node *n = mknode(p, AST_DO_WHILE, kw_start);
    n->u.for_.label = label;
    next(p);
    skip_newlines(p);
    n->u.for_.body = statement_block(p, PERR_MissingLoopStatement, "do");
    if (!n->u.for_.body)
        return finish(p, n);
    const char *kw;
    enum keyword cond = next_keyword(p, LETTER('w') | LETTER('u'), KW_WHILE, KW_UNTIL);
    if (cond == KW_WHILE) {
        kw = "while";
    } else if (cond == KW_UNTIL) {
        kw = "until";
        n->kind = AST_DO_UNTIL;
    } else {
        error_missing(p, PERR_MissingWhileOrUntilInDoWhile, NULL);
        return finish(p, n);
    }
    next(p);
    n->u.for_.cond = condition(p, kw, PERR_MissingOpenParenthesisAfterKeyword,
                               PERR_MissingExpressionAfterKeyword,
                               PERR_MissingEndParenthesisAfterStatement);
    return finish(p, n);
}

/* break/continue [label], return/exit/throw [pipeline] */
static struct ast_node *jump_statement(struct parser *p, uint32_t kw_start, enum ast_kind k)
{
    struct ast_node *n = mknode(p, k, kw_start);
    next(p);
    struct token t = peek(p, LEX_CMD);
    if (ends_command(t.kind))
        return finish(p, n);
    if (k == AST_BREAK || k == AST_CONTINUE)
        n->u.jump.label = command_element(p);
    else
        n->u.jump.pipeline = pipeline_chain(p);
    return finish(p, n);
}

/* trap_statement: 'trap' ['[' type ']'] block */
static struct ast_node *trap_statement(struct parser *p, uint32_t kw_start)
{
    struct ast_node *n = mknode(p, AST_TRAP, kw_start);
    next(p);
    if (at_kind(p, LEX_EXPR, TOK_LBRACKET)) {
        bool is_attr;
        n->u.trap.type = bracket(p, &is_attr);
    }
    skip_newlines(p);
    n->u.trap.body = statement_block(p, PERR_MissingTrapStatement, NULL);
    return finish(p, n);
}

/* try_statement: 'try' block {catch_clause} ['finally' block] */
static struct ast_node *try_statement(struct parser *p, uint32_t kw_start)
{
    struct ast_node *n = mknode(p, AST_TRY, kw_start);
    next(p);
    skip_newlines(p);
    n->u.try_.body = statement_block(p, PERR_MissingTryStatementBlock, NULL);
    if (!n->u.try_.body)
        return finish(p, n);
    struct nvec catches;
    nv_init(&catches);
    bool untyped = false;
    while (!p->stop && next_keyword(p, LETTER('c'), KW_CATCH, KW_NONE)) {
        struct token ct = peek(p, LEX_CMD);
        struct ast_node *c = mknode(p, AST_CATCH, ct.start);
        next(p);
        struct nvec types;
        nv_init(&types);
        while (at_kind(p, LEX_EXPR, TOK_LBRACKET)) {
            bool is_attr;
            nv_push(&types, bracket(p, &is_attr));
            if (!accept(p, LEX_EXPR, TOK_COMMA))
                break;
            skip_newlines(p);
        }
        c->u.catch_.types = nv_done(p, &types);
        if (untyped)
            error_at(p, PERR_EmptyCatchNotLast, ct.start, ct.end, NULL);
        if (!c->u.catch_.types.n)
            untyped = true;
        skip_newlines(p);
        c->u.catch_.body = statement_block(p, PERR_MissingCatchHandlerBlock, NULL);
        nv_push(&catches, finish(p, c));
        if (!c->u.catch_.body)
            break;
    }
    n->u.try_.catches = nv_done(p, &catches);
    bool finally_kw = false;
    if (next_keyword(p, LETTER('f'), KW_FINALLY, KW_NONE)) {
        next(p);
        skip_newlines(p);
        finally_kw = true;
        n->u.try_.finally = statement_block(p, PERR_MissingFinallyStatementBlock, NULL);
    }
    /* `try {} finally` without its block has one error, not two */
    if (!n->u.try_.catches.n && !finally_kw)
        error_missing(p, PERR_MissingCatchOrFinally, NULL);
    return finish(p, n);
}

/* parameter: {attribute | type} variable ['=' expression] */
static struct ast_node *parameter(struct parser *p)
{
    struct token t = peek(p, LEX_EXPR);
    struct ast_node *n = mknode(p, AST_PARAMETER, t.start);
    n->u.param.attrs = attribute_list(p);
    skip_newlines(p);
    t = peek(p, LEX_EXPR);
    if (t.kind != TOK_VARIABLE)
        return NULL;
    n->u.param.var = variable_tok(p, &t, false);
    next(p);
    struct mark m = save(p);
    skip_newlines(p);
    if (accept(p, LEX_EXPR, TOK_EQUALS)) {
        skip_newlines(p);
        n->u.param.dflt = expression(p);
        if (!n->u.param.dflt)
            error_missing(p, PERR_MissingExpressionAfterToken, "=");
    } else {
        restore(p, m);
    }
    return finish(p, n);
}

/* parameter_list: [parameter {',' parameter}] up to ')' (consumed) */
static struct ast_list parameter_list(struct parser *p, enum perr_id missing_close)
{
    struct nvec v;
    nv_init(&v);
    struct ctx c = ctx_paren(p, true);
    for (;;) {
        skip_newlines(p);
        if (accept(p, LEX_EXPR, TOK_RPAREN))
            break;
        struct token t = peek(p, LEX_EXPR);
        if (t.kind == TOK_EOF || p->stop) {
            error_missing(p, missing_close, NULL);
            break;
        }
        struct ast_node *prm = parameter(p);
        if (!prm) {
            t = peek(p, LEX_EXPR);
            error_at(p, PERR_InvalidFunctionParameter, t.start, t.end, NULL);
            sync(p);
            accept(p, LEX_EXPR, TOK_RPAREN);
            break;
        }
        nv_push(&v, prm);
        skip_newlines(p);
        if (accept(p, LEX_EXPR, TOK_COMMA)) {
            skip_newlines(p);
            if (at_kind(p, LEX_EXPR, TOK_RPAREN)) /* param($a,) */
                error_missing(p, PERR_MissingExpressionAfterToken, ",");
            continue;
        }
        if (accept(p, LEX_EXPR, TOK_RPAREN))
            break;
        error_missing(p, missing_close, NULL);
        break;
    }
    ctx_restore(p, c);
    return nv_done(p, &v);
}

/* Is the comment help text (has a .SYNOPSIS-style keyword at a line start)? */
static bool is_help_comment(const char *s, uint32_t n)
{
    static const char *const kws[] = {"SYNOPSIS", "DESCRIPTION", "PARAMETER", "EXAMPLE",
                                      "INPUTS", "OUTPUTS", "NOTES", "LINK", "COMPONENT", "ROLE",
                                      "FUNCTIONALITY", "FORWARDHELPTARGETNAME",
                                      "FORWARDHELPCATEGORY", "REMOTEHELPRUNSPACE", "EXTERNALHELP"};
    /* memchr() goes from dot to dot faster than a loop over every byte */
    for (const char *d = memchr(s, '.', n); d; d = memchr(d + 1, '.', n - (uint32_t)(d - s) - 1)) {
        uint32_t i = (uint32_t)(d - s), j = i;
        while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t' || s[j - 1] == '#'))
            j--;
        if (j > 0 && s[j - 1] != '\n' && s[j - 1] != '\r' && !(j >= 2 && s[j - 1] == '#' && s[j - 2] == '<'))
            if (!(j >= 2 && s[j - 2] == '<'))
                continue;
        for (size_t k = 0; k < EMSH_ARRAY_SIZE(kws); k++) {
            size_t kl = strlen(kws[k]);
            if (i + 1 + kl <= n && strncasecmp(s + i + 1, kws[k], kl) == 0)
                return true;
        }
    }
    return false;
}

/* The index of the first of the n comments c that ends after pos (n if none). */
static uint32_t first_comment_after(const struct lex_comment *c, uint32_t n, uint32_t pos)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c[mid].end > pos)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* The index of the first of the n comments c that starts at or after pos. */
static uint32_t first_comment_from(const struct lex_comment *c, uint32_t n, uint32_t pos)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c[mid].start >= pos)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/*
** The span of the help comment for something at [start, end) whose body
** begins at body: a comment block just before it (at most one blank line
** between), else the first comment in the body, else the last one.
*/
static void find_help(struct parser *p, uint32_t start, uint32_t body, uint32_t end,
                      uint32_t *hs, uint32_t *he)
{
    const struct lex_comment *c = p->lx.comments;
    uint32_t n = p->lx.ncomments;
    *hs = *he = 0;
    /* Before: the comments ending just before start, grouped line by line.
    ** The lexer records comments in source order without overlaps, so
    ** starts and ends both increase and a binary search finds the last one
    ** ending at or before start; a linear scan made big files quadratic. */
    int32_t i = (int32_t)first_comment_after(c, n, start) - 1;
    if (i >= 0) {
        /* Only blanks and at most two newlines between it and start? Look
        ** back from start and stop at the first thing that says no: the
        ** last comment may be far back, as when nothing precedes start. */
        uint32_t nl = 0;
        bool blank = true;
        for (uint32_t q = start; q > c[i].end && blank && nl <= 2; q--) {
            char ch = p->lx.src[q - 1];
            if (ch == '\n')
                nl++;
            else if (ch != ' ' && ch != '\t' && ch != '\r')
                blank = false;
        }
        if (blank && nl <= 2) {
            uint32_t s = c[i].start, e = c[i].end;
            while (i > 0 && p->lx.src[c[i].start] == '#' && p->lx.src[c[i - 1].start] == '#') {
                /* consecutive line comments form one block */
                uint32_t gap = 0;
                for (uint32_t q = c[i - 1].end; q < c[i].start; q++)
                    if (p->lx.src[q] == '\n')
                        gap++;
                if (gap != 1)
                    break;
                i--;
                s = c[i].start;
            }
            if (is_help_comment(p->lx.src + s, e - s)) {
                *hs = s;
                *he = e;
                return;
            }
        }
    }
    /* Else the first help comment inside [body, end): the comments there are
    ** a run that starts at the first one starting at or after body (ends
    ** increase too, so the run stops at the first one ending past end). */
    for (uint32_t k = first_comment_from(c, n, body); k < n && c[k].end <= end; k++) {
        if (is_help_comment(p->lx.src + c[k].start, c[k].end - c[k].start)) {
            *hs = c[k].start;
            *he = c[k].end;
            return;
        }
    }
}

/* function_statement: ('function' | 'filter' | 'workflow') name ['(' params ')'] '{' script_block '}' */
static struct ast_node *function_statement(struct parser *p, uint32_t kw_start, enum keyword kw)
{
    struct ast_node *n = mknode(p, AST_FUNCTION, kw_start);
    n->u.func.filter = kw == KW_FILTER;
    n->u.func.workflow = kw == KW_WORKFLOW;
    next(p);
    skip_newlines_in(p, LEX_CMD); /* 'function' new-lines:opt function-name */
    struct token t = peek(p, LEX_CMD);
    if (t.kind == TOK_GENERIC || t.kind == TOK_STRING_SQ || t.kind == TOK_STRING_DQ ||
        t.kind == TOK_IDENT || t.kind == TOK_VARIABLE || t.kind == TOK_PARAMETER ||
        t.kind == TOK_NUMBER || t.kind == TOK_LABEL) {
        if (t.kind == TOK_VARIABLE || t.kind == TOK_NUMBER || t.kind == TOK_LABEL)
            n->u.func.name = mkstr(p, p->lx.src + t.start, t.end - t.start);
        else
            n->u.func.name = cooked(p, &t);
        next(p);
    } else {
        error_missing(p, PERR_MissingNameAfterKeyword, keyword_spelling(kw));
        return finish(p, n);
    }
    struct mark m = save(p);
    skip_newlines(p);
    bool has_params = false;
    uint32_t before = p->nerrs;
    if (accept(p, LEX_EXPR, TOK_LPAREN)) {
        n->u.func.params = parameter_list(p, PERR_MissingEndParenthesisInFunctionParameterList);
        has_params = true;
        m = save(p);
        skip_newlines(p);
    }
    struct token open = peek(p, LEX_EXPR);
    if (open.kind != TOK_LCURLY) {
        restore(p, m);
        /* A broken parameter list has been reported; PowerShell then does
        ** not also ask for the body. */
        if (p->nerrs == before)
            error_missing(p, PERR_MissingFunctionBody, NULL);
        return finish(p, n);
    }
    next(p);
    struct ctx c = ctx_block(p);
    n->u.func.body = script_block(p, open.start, TOK_RCURLY);
    ctx_restore(p, c);
    if (!accept(p, LEX_EXPR, TOK_RCURLY))
        error_unclosed(p, PERR_MissingEndCurlyBrace, open.start, open.end);
    n->u.func.body->end = p->prev_end;
    if (has_params && n->u.func.body->u.script.param) {
        struct ast_node *pb = n->u.func.body->u.script.param;
        error_at(p, PERR_OnlyOneParameterListAllowed, pb->start, pb->end, NULL);
    }
    finish(p, n);
    find_help(p, n->start, open.end, n->end, &n->u.func.help_start, &n->u.func.help_end);
    return n;
}

/* data_statement: 'data' [name] ['-SupportedCommand' names] block */
static struct ast_node *data_statement(struct parser *p, uint32_t kw_start)
{
    struct ast_node *n = mknode(p, AST_DATA, kw_start);
    next(p);
    for (;;) {
        struct token t = peek(p, LEX_CMD);
        if (t.kind == TOK_GENERIC && !n->u.data.var.n) {
            n->u.data.var = cooked(p, &t);
            next(p);
        } else if (t.kind == TOK_PARAMETER) {
            next(p);
            if (!flag_is(p, &t, "supportedcommand")) {
                error_at(p, PERR_InvalidParameterForDataSectionStatement, t.start, t.end,
                         tok_text(p, &t));
                continue;
            }
            struct ast_node *cmds = command_argument(p);
            if (!cmds) {
                error_missing(p, PERR_MissingValueForSupportedCommandInDataSectionStatement, NULL);
            } else if (cmds->kind == AST_ARRAY_LITERAL) {
                n->u.data.commands = cmds->u.array.elems;
            } else {
                struct nvec v;
                nv_init(&v);
                nv_push(&v, cmds);
                n->u.data.commands = nv_done(p, &v);
            }
        } else {
            break;
        }
    }
    skip_newlines(p);
    n->u.data.body = statement_block(p, PERR_MissingStatementBlockForDataSection, NULL);
    return finish(p, n);
}

/* using_statement: 'using' ('namespace' | 'module' | 'assembly' | 'type') name */
static struct ast_node *using_statement(struct parser *p, uint32_t kw_start)
{
    struct ast_node *n = mknode(p, AST_USING, kw_start);
    next(p);
    struct token t = peek(p, LEX_CMD);
    static const char *const kinds[] = {"namespace", "module", "assembly", "type"};
    int which = -1;
    if (t.kind == TOK_GENERIC) {
        for (int i = 0; i < 4; i++)
            if (t.end - t.start == strlen(kinds[i]) &&
                strncasecmp(p->lx.src + t.start, kinds[i], t.end - t.start) == 0)
                which = i;
    }
    if (which < 0) {
        error_missing(p, PERR_MissingUsingStatementDirective, NULL);
        return finish(p, n);
    }
    next(p);
    n->u.using_.what = (enum ast_using_kind)which;
    if (ends_command(peek_ref(p, LEX_CMD)->kind)) {
        error_missing(p, PERR_MissingUsingItemName, NULL);
        return finish(p, n);
    }
    n->u.using_.name = command_element(p);
    if (!n->u.using_.name)
        error_missing(p, PERR_MissingUsingItemName, NULL);
    else if (at_kind(p, LEX_CMD, TOK_EQUALS)) {
        next(p);
        n->u.using_.alias = n->u.using_.name;
        n->u.using_.name = command_element(p);
    }
    return finish(p, n);
}

/* A class member: {attribute | type | 'static' | 'hidden'} ($prop ['=' expr] | name '(' params ')' [':' 'base' '(' args ')'] block) */
static struct ast_node *class_member(struct parser *p, const struct ast_str *class_name)
{
    uint32_t before = p->nerrs;
    struct token t = peek(p, LEX_EXPR);
    uint32_t start = t.start;
    struct nvec attrs;
    nv_init(&attrs);
    struct ast_node *type = NULL;
    unsigned flags = 0;
    for (;;) {
        t = peek(p, LEX_EXPR);
        if (t.kind == TOK_LBRACKET) {
            bool is_attr;
            struct ast_node *b = bracket(p, &is_attr);
            if (!b)
                break;
            if (is_attr)
                nv_push(&attrs, b);
            else
                type = b->u.tc.type;
        } else if (t.kind == TOK_IDENT) {
            enum keyword kw = keyword_of(p, &t);
            size_t len = t.end - t.start;
            if (kw == KW_STATIC)
                flags |= MEMBER_STATIC;
            else if (kw == KW_HIDDEN)
                flags |= MEMBER_HIDDEN;
            else if (len == 6 && strncasecmp(p->lx.src + t.start, "public", 6) == 0)
                flags |= MEMBER_PUBLIC;
            else if (len == 7 && strncasecmp(p->lx.src + t.start, "private", 7) == 0)
                flags |= MEMBER_PRIVATE;
            else
                break;
            next(p);
        } else {
            break;
        }
        skip_newlines(p);
    }
    t = peek(p, LEX_EXPR);
    if (t.kind == TOK_VARIABLE) {
        struct ast_node *n = mknode(p, AST_PROPERTY, start);
        struct ast_node *v = variable_tok(p, &t, false);
        n->u.prop.name = v->u.var.name;
        n->u.prop.attrs = nv_done(p, &attrs);
        n->u.prop.type = type;
        n->u.prop.flags = flags;
        next(p);
        if (accept(p, LEX_EXPR, TOK_EQUALS)) {
            skip_newlines(p);
            n->u.prop.init = expression(p);
            if (!n->u.prop.init)
                error_missing(p, PERR_ExpectedValueExpression, "=");
        }
        struct token e = peek(p, LEX_EXPR);
        if (e.kind != TOK_NEWLINE && e.kind != TOK_SEMI && e.kind != TOK_RCURLY &&
            e.kind != TOK_EOF) {
            error_missing(p, PERR_MissingPropertyTerminator, NULL);
            finish(p, n);
            sync(p); /* the rest of the line belongs to no member */
            return n;
        }
        return finish(p, n);
    }
    if (t.kind == TOK_IDENT) {
        struct ast_node *n = mknode(p, AST_METHOD, start);
        n->u.method.name = mkstr(p, p->lx.src + t.start, t.end - t.start);
        n->u.method.attrs = nv_done(p, &attrs);
        n->u.method.ret = type;
        if (class_name && class_name->n == t.end - t.start &&
            strncasecmp(class_name->s, p->lx.src + t.start, class_name->n) == 0)
            flags |= MEMBER_CONSTRUCTOR;
        next(p);
        /* `M { }`: reported, and the body is still parsed, as PowerShell does */
        if (accept(p, LEX_EXPR, TOK_LPAREN))
            n->u.method.params = parameter_list(p, PERR_MissingEndParenthesisInFunctionParameterList);
        else
            error_missing(p, PERR_MissingMethodParameterList, NULL);
        skip_newlines(p);
        if (accept(p, LEX_EXPR, TOK_COLON)) {
            skip_newlines(p);
            struct token b = peek(p, LEX_EXPR);
            if (b.kind != TOK_IDENT || b.end - b.start != 4 ||
                strncasecmp(p->lx.src + b.start, "base", 4) != 0) {
                error_missing(p, PERR_MissingBaseCtorCall, NULL);
            } else {
                next(p);
                flags |= MEMBER_BASE_CALL;
                if (at_kind(p, LEX_EXPR, TOK_LPAREN))
                    n->u.method.base_args = method_arguments(p);
                else
                    error_missing(p, PERR_MissingMethodParameterList, NULL);
            }
            skip_newlines(p);
        }
        n->u.method.flags = flags;
        struct token open = peek(p, LEX_EXPR);
        if (open.kind != TOK_LCURLY) {
            /* after a bad `: base(...)` the missing body is no extra news */
            if (p->nerrs == before)
                error_missing(p, PERR_MissingFunctionBody, NULL);
            return finish(p, n);
        }
        next(p);
        struct ctx c = ctx_block(p);
        n->u.method.body = script_block(p, open.start, TOK_RCURLY);
        ctx_restore(p, c);
        if (!accept(p, LEX_EXPR, TOK_RCURLY))
            error_unclosed(p, PERR_MissingEndCurlyBrace, open.start, open.end);
        n->u.method.body->end = p->prev_end;
        return finish(p, n);
    }
    nv_done(p, &attrs);
    error_at(p, PERR_IncompleteMemberDefinition, t.start, t.end, NULL);
    return NULL;
}

/* An enum member: name ['=' expression] */
static struct ast_node *enum_member(struct parser *p)
{
    struct ast_list attrs = attribute_list(p);
    struct token t = peek(p, LEX_EXPR);
    if (t.kind != TOK_IDENT) {
        error_at(p, PERR_IncompleteMemberDefinition, t.start, t.end, NULL);
        return NULL;
    }
    struct ast_node *n = mknode(p, AST_PROPERTY, t.start);
    n->u.prop.name = mkstr(p, p->lx.src + t.start, t.end - t.start);
    n->u.prop.attrs = attrs;
    next(p);
    if (accept(p, LEX_EXPR, TOK_EQUALS)) {
        skip_newlines(p);
        n->u.prop.init = expression(p);
        if (!n->u.prop.init)
            error_missing(p, PERR_ExpectedValueExpression, "=");
    }
    return finish(p, n);
}

/* type_definition: ('class' | 'enum' | 'interface') name [':' type {',' type}] '{' members '}' */
static struct ast_node *type_definition(struct parser *p, enum keyword kw, struct ast_list attrs,
                                        uint32_t start)
{
    struct ast_node *n = mknode(p, AST_TYPE_DEF, start);
    n->u.typedef_.what = kw == KW_ENUM ? TYPEDEF_ENUM : kw == KW_CLASS ? TYPEDEF_CLASS : TYPEDEF_INTERFACE;
    n->u.typedef_.attrs = attrs;
    const char *kws = keyword_spelling(kw);
    next(p);
    struct token t = peek(p, LEX_EXPR);
    if (t.kind != TOK_IDENT) {
        error_missing(p, PERR_MissingNameAfterKeyword, kws);
        return finish(p, n);
    }
    n->u.typedef_.name = mkstr(p, p->lx.src + t.start, t.end - t.start);
    next(p);
    skip_newlines(p);
    if (accept(p, LEX_EXPR, TOK_COLON)) {
        struct nvec bases;
        nv_init(&bases);
        for (;;) {
            skip_newlines(p);
            struct ast_node *b = type_name(p);
            if (!b) {
                error_missing(p, PERR_TypeNameExpected, NULL);
                break;
            }
            nv_push(&bases, b);
            if (!accept(p, LEX_EXPR, TOK_COMMA))
                break;
        }
        n->u.typedef_.bases = nv_done(p, &bases);
        skip_newlines(p);
    }
    struct span open = span_of(peek_ref(p, LEX_EXPR));
    if (!accept(p, LEX_EXPR, TOK_LCURLY)) {
        error_missing(p, PERR_MissingTypeBody, kws);
        return finish(p, n);
    }
    struct ctx c = ctx_block(p);
    struct nvec members;
    nv_init(&members);
    for (;;) {
        skip_separators(p, LEX_EXPR);
        struct token m = peek(p, LEX_EXPR);
        if (m.kind == TOK_RCURLY || m.kind == TOK_EOF || p->stop)
            break;
        struct ast_node *mem = kw == KW_ENUM ? enum_member(p) : class_member(p, &n->u.typedef_.name);
        if (!mem) {
            /* Skip the bad member: a block or parentheses whole (sync counts
            ** them), but not the '}' that closes the type. */
            enum tok_kind k = peek_ref(p, LEX_EXPR)->kind;
            if (k != TOK_RCURLY && k != TOK_LCURLY && k != TOK_LPAREN)
                next(p);
            sync(p);
            continue;
        }
        nv_push(&members, mem);
    }
    ctx_restore(p, c);
    n->u.typedef_.members = nv_done(p, &members);
    if (!accept(p, LEX_EXPR, TOK_RCURLY))
        error_unclosed(p, PERR_MissingEndCurlyBrace, open.start, open.end);
    return finish(p, n);
}

/* Statements that start with '[': attributes of a class or enum, or an
** expression. Out of line, as the statements of keywords are. */
static EMSH_NOINLINE struct ast_node *bracket_statement(struct parser *p)
{
    struct mark m = save(p);
    uint32_t start = peek_ref(p, LEX_EXPR)->start;
    struct ast_list attrs = attribute_list(p);
    skip_newlines_in(p, LEX_CMD);
    enum keyword kw = keyword_of(p, peek_ref(p, LEX_CMD));
    if (attrs.n && p->nerrs == m.nerrs && (kw == KW_CLASS || kw == KW_ENUM || kw == KW_INTERFACE))
        return type_definition(p, kw, attrs, start);
    restore(p, m);
    return pipeline_chain(p);
}

/*
** The statement a keyword starts (kw, spelt at [start, end)), a loop with
** its label. Out of line: most statements start with no keyword, and the
** frame these need would cost them all.
*/
static EMSH_NOINLINE struct ast_node *keyword_statement(struct parser *p, enum keyword kw,
                                                        uint32_t start, uint32_t end,
                                                        struct ast_str label)
{
    struct ast_node *r = NULL;
    switch (kw) {
    case KW_IF: r = if_statement(p, start); break;
    case KW_SWITCH: r = switch_statement(p, start, label); break;
    case KW_FOREACH: r = foreach_statement(p, start, label); break;
    case KW_FOR: r = for_statement(p, start, label); break;
    case KW_WHILE: r = while_statement(p, start, label); break;
    case KW_DO: r = do_statement(p, start, label); break;
    case KW_FUNCTION:
    case KW_FILTER:
    case KW_WORKFLOW: r = function_statement(p, start, kw); break;
    case KW_RETURN: r = jump_statement(p, start, AST_RETURN); break;
    case KW_EXIT: r = jump_statement(p, start, AST_EXIT); break;
    case KW_THROW: r = jump_statement(p, start, AST_THROW); break;
    case KW_BREAK: r = jump_statement(p, start, AST_BREAK); break;
    case KW_CONTINUE: r = jump_statement(p, start, AST_CONTINUE); break;
    case KW_TRAP: r = trap_statement(p, start); break;
    case KW_TRY: r = try_statement(p, start); break;
    case KW_DATA: r = data_statement(p, start); break;
    case KW_USING: r = using_statement(p, start); break;
    case KW_CLASS:
    case KW_ENUM: {
        struct ast_list none = {NULL, 0};
        r = type_definition(p, kw, none, start);
        break;
    }
    case KW_DEFINE:
    case KW_FROM:
    case KW_VAR:
        /* reserved words, as in PowerShell */
        error_at(p, PERR_ReservedKeywordNotAllowed, start, end, keyword_spelling(kw));
        next(p);
        r = finish(p, mknode(p, AST_ERROR, start));
        break;
    case KW_ELSE:
    case KW_ELSEIF:
    case KW_CATCH:
    case KW_FINALLY:
    case KW_UNTIL:
        error_at(p, PERR_UnexpectedToken, start, end, src_text(p, start, end));
        next(p);
        r = mknode(p, AST_ERROR, start);
        finish(p, r);
        break;
    default:
        /* a keyword that starts no statement (`param`, `begin`, `in`...):
        ** a command's name, as any word */
        r = pipeline_chain(p);
        break;
    }
    return r;
}

/*
** A statement that starts with the label t: a loop or a switch, or else a
** pipeline that takes no label. statement() has entered; this leaves,
** before such a pipeline (as the label had not been there).
*/
static EMSH_NOINLINE struct ast_node *labelled_statement(struct parser *p, const struct token *t)
{
    struct ast_str label = mkstr(p, p->lx.src + t->start + 1, t->end - t->start - 1);
    uint32_t label_start = t->start;
    next(p);
    skip_newlines_in(p, LEX_CMD);
    t = peek_ref(p, LEX_CMD);
    enum keyword kw = keyword_of(p, t);
    if (kw != KW_FOREACH && kw != KW_FOR && kw != KW_WHILE && kw != KW_DO && kw != KW_SWITCH) {
        leave(p);
        return pipeline_chain(p);
    }
    struct ast_node *r = keyword_statement(p, kw, t->start, t->end, label);
    if (r && label.n)
        r->start = label_start; /* a labelled loop starts at its label */
    leave(p);
    return r;
}

/*
** statement: if | switch | foreach | for | while | do | function | filter
**          | return | exit | throw | break | continue | trap | try | data
**          | class | enum | using | [label] loop | pipeline_chain
*/
static struct ast_node *statement(struct parser *p)
{
    if (!enter(p))
        return NULL;
    const struct token *t = peek_ref(p, LEX_CMD);
    if (t->kind == TOK_LABEL)
        return labelled_statement(p, t);
    struct ast_node *r;
    enum keyword kw = keyword_of(p, t);
    if (kw != KW_NONE) {
        struct ast_str none = {"", 0};
        r = keyword_statement(p, kw, t->start, t->end, none);
    } else if (t->kind != TOK_EOF && p->lx.src[t->start] == '[') {
        /* `[` is a bracket in expression mode wherever it stands, so the
        ** byte says what a scan in that mode would: most statements are
        ** commands, which need no such scan of their name. */
        r = bracket_statement(p);
    } else {
        r = pipeline_chain(p);
    }
    leave(p);
    return r;
}

/* }================================================================== */

/*
** {==================================================================
** Script blocks
** ===================================================================
*/

static enum ast_block block_of(enum keyword kw)
{
    switch (kw) {
    case KW_BEGIN: return BLOCK_BEGIN;
    case KW_PROCESS: return BLOCK_PROCESS;
    case KW_END: return BLOCK_END;
    case KW_DYNAMICPARAM: return BLOCK_DYNAMICPARAM;
    case KW_CLEAN: return BLOCK_CLEAN;
    default: return BLOCK__COUNT;
    }
}

/*
** Is the parser at a named block keyword? As in PowerShell the keyword alone
** decides: `{ begin }` is a begin block without its statement block (an
** error), not a command named begin.
*/
static enum ast_block at_named_block(struct parser *p)
{
    return block_of(keyword_of(p, peek_ref(p, LEX_CMD)));
}

/*
** script_block: {using} [attributes 'param' '(' parameter_list ')']
**               (named_block {named_block} | statement_list)
*/
static struct ast_node *script_block(struct parser *p, uint32_t start, enum tok_kind closer)
{
    struct ast_node *n = mknode(p, AST_SCRIPT_BLOCK, start);
    struct nvec usings;
    nv_init(&usings);
    skip_separators(p, LEX_CMD);
    while (!p->stop && at_keyword(p, KW_USING)) {
        nv_push(&usings, using_statement(p, peek_ref(p, LEX_CMD)->start));
        skip_separators(p, LEX_CMD);
    }
    n->u.script.usings = nv_done(p, &usings);
    /* param block, with its attributes; `[` is a bracket in expression
    ** mode wherever it stands (see statement()), so the byte at the token
    ** looked at in command mode says whether attributes come */
    struct mark m = save(p);
    const struct token *ct = peek_ref(p, LEX_CMD);
    uint32_t attrs_start = ct->start;
    struct ast_list attrs = {NULL, 0};
    if (ct->kind != TOK_EOF && p->lx.src[ct->start] == '[') {
        attrs = attribute_list(p);
        skip_newlines_in(p, LEX_CMD);
    }
    if (at_keyword(p, KW_PARAM) && p->nerrs == m.nerrs) {
        struct token kw = peek(p, LEX_CMD);
        next(p);
        skip_newlines(p);
        if (at_kind(p, LEX_EXPR, TOK_LPAREN)) {
            struct ast_node *pb = mknode(p, AST_PARAM_BLOCK, attrs.n ? attrs_start : kw.start);
            next(p);
            pb->u.param_block.attrs = attrs;
            pb->u.param_block.params = parameter_list(p, PERR_MissingEndParenthesisInFunctionParameterList);
            n->u.script.param = finish(p, pb);
        } else {
            restore(p, m);
        }
    } else {
        restore(p, m);
    }
    skip_separators(p, LEX_CMD);
    if (at_named_block(p) != BLOCK__COUNT) {
        while (!p->stop) {
            skip_separators(p, LEX_CMD);
            struct token t = peek(p, LEX_CMD);
            if (t.kind == closer || t.kind == TOK_EOF)
                break;
            enum ast_block b = at_named_block(p);
            if (b == BLOCK__COUNT) {
                error_at(p, PERR_MissingNamedBlocks, t.start, t.end, tok_text(p, &t));
                sync(p);
                if (peek_ref(p, LEX_CMD)->kind != closer)
                    next(p);
                continue;
            }
            peek(p, LEX_CMD);
            next(p);
            skip_newlines(p);
            struct ast_node *body =
                statement_block(p, PERR_MissingNamedStatementBlock, tok_text(p, &t));
            struct ast_node *nb = mknode(p, AST_NAMED_BLOCK, t.start);
            nb->u.named.which = b;
            nb->u.named.stmts = body ? body->u.block.stmts : (struct ast_list){NULL, 0};
            if (n->u.script.blocks[b])
                error_at(p, PERR_DuplicateScriptCommandClause, t.start, t.end, tok_text(p, &t));
            else
                n->u.script.blocks[b] = finish(p, nb);
        }
    } else {
        struct ast_node *body = statement_list_node(p, peek_ref(p, LEX_CMD)->start, closer);
        struct ast_node *nb = mknode(p, AST_NAMED_BLOCK, body->start);
        nb->u.named.which = BLOCK_END;
        nb->u.named.unnamed = true;
        nb->u.named.stmts = body->u.block.stmts;
        nb->end = body->end;
        n->u.script.blocks[BLOCK_END] = nb;
    }
    return finish(p, n);
}

/* }================================================================== */

static void extract_requires(struct parse_unit *u)
{
    uint32_t count = 0;
    for (uint32_t i = 0; i < u->ncomments; i++) {
        const char *s = u->src + u->comments[i].start;
        uint32_t n = u->comments[i].end - u->comments[i].start;
        if (n >= 9 && strncasecmp(s, "#requires", 9) == 0)
            count++;
    }
    if (!count)
        return;
    u->requires = arena_alloc(&u->arena, count * sizeof *u->requires);
    for (uint32_t i = 0; i < u->ncomments; i++) {
        uint32_t st = u->comments[i].start;
        const char *s = u->src + st;
        uint32_t n = u->comments[i].end - st;
        if (n < 9 || strncasecmp(s, "#requires", 9) != 0)
            continue;
        uint32_t a = 9, b = n;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
            b--;
        struct ast_str r = {arena_strndup(&u->arena, s + a, b - a), b - a};
        u->requires[u->nrequires++] = r;
    }
}

struct parse_unit *parse_unit_new(const char *name, const char *text, size_t len)
{
    struct parse_unit *u = emsh_xmalloc(sizeof *u);
    memset(u, 0, sizeof *u);
    arena_init(&u->arena);
    if (len > UINT32_MAX - 1)
        len = UINT32_MAX - 1;
    u->src = arena_strndup(&u->arena, text, len);
    u->len = (uint32_t)len;
    u->name = name ? arena_strndup(&u->arena, name, strlen(name)) : NULL;

    struct parser p;
    memset(&p, 0, sizeof p);
    lex_init(&p.lx, u->src, u->len);
    scan_cache_init(&p);
    p.u = u;
    p.a = &u->arena;
    p.limit = u->len;
    p.pos = lex_skip_preamble(&p.lx);
    p.prev_end = p.pos;
    u->root = script_block(&p, p.pos, TOK_EOF);
    if (!p.stop) {
        struct token t = peek(&p, LEX_CMD);
        if (t.kind != TOK_EOF)
            error_at(&p, PERR_UnexpectedToken, t.start, t.end, tok_text(&p, &t));
    } else if (p.nerrs >= MAX_ERRORS) {
        p.nerrs = MAX_ERRORS - 1;
        struct token t = peek(&p, LEX_EXPR);
        p.stop = false;
        error_at(&p, PERR_TooManyErrors, t.start, t.start, NULL);
    }
    u->root->end = u->len;

    /* comments, help and #requires */
    u->ncomments = p.lx.ncomments;
    if (u->ncomments) {
        u->comments = arena_alloc(&u->arena, u->ncomments * sizeof *u->comments);
        memcpy(u->comments, p.lx.comments, u->ncomments * sizeof *u->comments);
    }
    uint32_t first_stmt = u->len;
    for (int b = 0; b < BLOCK__COUNT; b++) {
        struct ast_node *nb = u->root->u.script.blocks[b];
        if (nb && nb->u.named.stmts.n && nb->u.named.stmts.v[0]->start < first_stmt)
            first_stmt = nb->u.named.stmts.v[0]->start;
        if (nb && !nb->u.named.unnamed && nb->start < first_stmt)
            first_stmt = nb->start;
    }
    if (u->root->u.script.param && u->root->u.script.param->start < first_stmt)
        first_stmt = u->root->u.script.param->start;
    for (uint32_t i = 0; i < u->ncomments; i++) {
        struct lex_comment c = u->comments[i];
        if (c.end > first_stmt)
            break;
        if (is_help_comment(u->src + c.start, c.end - c.start)) {
            u->root->u.script.help_start = c.start;
            u->root->u.script.help_end = c.end;
            break;
        }
    }
    extract_requires(u);

    if (p.nerrs) {
        u->errors = arena_alloc(&u->arena, p.nerrs * sizeof *u->errors);
        memcpy(u->errors, p.errs, p.nerrs * sizeof *u->errors);
        u->nerrors = p.nerrs;
        for (uint32_t i = 0; i < p.nerrs; i++)
            if (p.errs[i].at_eof)
                u->incomplete = true;
    }
    free(p.errs);
    lex_release(&p.lx);
    return u;
}

void parse_unit_free(struct parse_unit *u)
{
    if (!u)
        return;
    arena_release(&u->arena);
    free(u);
}

/*
** {==================================================================
** Error rendering
** ===================================================================
*/

void parse_linecol(const char *src, uint32_t len, uint32_t pos, uint32_t *line, uint32_t *col)
{
    uint32_t l = 1, c = 1;
    if (pos > len)
        pos = len;
    for (uint32_t i = 0; i < pos; i++) {
        unsigned char ch = (unsigned char)src[i];
        if (ch == '\n' || (ch == '\r' && (i + 1 >= len || src[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if (ch == '\r') {
            /* part of \r\n */
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

void parse_error_message(const struct parse_error *e, struct buf *out)
{
    const char *m = perr_message(e->id);
    const char *ph;
    /* every {0}: MissingTypeBody has two */
    while ((ph = strstr(m, "{0}")) != NULL) {
        buf_add(out, m, (size_t)(ph - m));
        buf_puts(out, e->arg ? e->arg : "");
        m = ph + 3;
    }
    buf_puts(out, m);
}

void parse_render_errors(const struct parse_unit *u, struct buf *out)
{
    for (uint32_t i = 0; i < u->nerrors; i++) {
        const struct parse_error *e = &u->errors[i];
        uint32_t line, col;
        parse_linecol(u->src, u->len, e->start, &line, &col);
        if (u->name)
            buf_printf(out, "At %s:%u char:%u\n", u->name, line, col);
        else
            buf_printf(out, "At line:%u char:%u\n", line, col);
        /* the line itself */
        uint32_t ls = e->start > u->len ? u->len : e->start;
        while (ls > 0 && u->src[ls - 1] != '\n' && u->src[ls - 1] != '\r')
            ls--;
        uint32_t le = ls;
        while (le < u->len && u->src[le] != '\n' && u->src[le] != '\r')
            le++;
        buf_puts(out, "+ ");
        buf_add(out, u->src + ls, le - ls);
        buf_puts(out, "\n+ ");
        for (uint32_t k = 1; k < col; k++)
            buf_putc(out, ' ');
        uint32_t end = e->end < le ? e->end : le;
        uint32_t width = 0;
        for (uint32_t k = e->start; k < end; k++)
            if (((unsigned char)u->src[k] & 0xC0) != 0x80)
                width++;
        if (width == 0)
            width = 1;
        for (uint32_t k = 0; k < width; k++)
            buf_putc(out, '~');
        buf_putc(out, '\n');
        parse_error_message(e, out);
        buf_putc(out, '\n');
    }
    if (u->nerrors) {
        buf_puts(out, "    + CategoryInfo          : ParserError: (:) [], ParseException\n");
        buf_printf(out, "    + FullyQualifiedErrorId : %s\n", perr_name(u->errors[0].id));
    }
}

/* }================================================================== */
