/*
** parse.h - parsing a script into a syntax tree.
**
** A parse unit owns one piece of source text (a script file, a -Command
** string, one REPL entry), the tree parsed from it and every node's memory.
** Parsing never stops at the first error: the parser recovers at the next
** statement and reports what it finds, as PowerShell does.
**
**     struct parse_unit *u = parse_unit_new("x.ps1", text, len);
**     if (u->nerrors) { parse_render_errors(u, &b); ... }
**     ... u->root ...
**     parse_unit_free(u);
*/
#ifndef EMSH_PARSE_H
#define EMSH_PARSE_H

#include "arena.h"
#include "ast.h"
#include "buf.h"
#include "lex.h"

struct parse_error {
    enum perr_id id;
    uint32_t start, end; /* byte range the error points at */
    const char *arg;     /* replaces {0} in the message; arena string */
    bool at_eof;         /* found because the text ended too early */
};

struct parse_unit {
    struct arena arena;
    const char *name; /* file name, or NULL for text typed or given with -c */
    char *src;        /* NUL-terminated copy of the text */
    uint32_t len;
    struct ast_node *root; /* AST_SCRIPT_BLOCK, never NULL */
    struct parse_error *errors;
    uint32_t nerrors;
    bool incomplete;       /* the text ended inside an open construct */
    struct lex_comment *comments;
    uint32_t ncomments;
    struct ast_str *requires; /* text after each `#requires` */
    uint32_t nrequires;
};

/* Parses text[0..len). Never returns NULL (aborts when memory runs out). */
struct parse_unit *parse_unit_new(const char *name, const char *text, size_t len);
void parse_unit_free(struct parse_unit *u);

/* The message of one error with its argument substituted. */
void parse_error_message(const struct parse_error *e, struct buf *out);

/*
** Renders every error in PowerShell's form: "At FILE:LINE char:COL", the
** line quoted with its extent underlined, the message, then the
** CategoryInfo and FullyQualifiedErrorId lines of the first error.
*/
void parse_render_errors(const struct parse_unit *u, struct buf *out);

/* 1-based line and column (in characters) of byte offset pos. */
void parse_linecol(const char *src, uint32_t len, uint32_t pos, uint32_t *line, uint32_t *col);

#endif /* EMSH_PARSE_H */
