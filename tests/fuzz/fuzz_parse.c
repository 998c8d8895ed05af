/*
** fuzz_parse.c - the libFuzzer target for the parser.
**
** Each input is a script: it is parsed with parse_unit_new(), its errors are
** rendered (once under a file name, once as a command line, which PowerShell
** shows differently), every error message is built, the syntax tree is
** dumped, and the unit is freed. None of that may crash, trip a sanitizer,
** leak or take long; the checks below also abort on a unit whose fields
** contradict what parse.h promises (a range past the end of the text ...),
** so that libFuzzer saves the input.
**
** Built only with clang when EMSH_FUZZ is on (tests/fuzz/CMakeLists.txt);
** tests/fuzz/run-fuzz.sh builds and runs it.
*/
#include "parse.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message: libFuzzer reports the abort and keeps the input. */
static void invariant_failed(const char *what, uint32_t i, uint32_t a, uint32_t b, uint32_t len)
{
    fprintf(stderr, "fuzz_parse: broken invariant: %s (index %u: %u, %u; text length %u)\n", what,
            i, a, b, len);
    abort();
}

/* What parse.h promises about a unit, whatever the text was. */
static void check_unit(const struct parse_unit *u, size_t size)
{
    if (!u->root || u->root->kind != AST_SCRIPT_BLOCK)
        invariant_failed("root is not a script block", 0, 0, 0, u->len);
    size_t want = size > UINT32_MAX - 1 ? UINT32_MAX - 1 : size; /* parse_unit_new's limit */
    if (u->len != want || u->src[u->len] != '\0')
        invariant_failed("source copy has the wrong length", 0, u->len, (uint32_t)want, u->len);
    if (u->root->start > u->root->end || u->root->end > u->len)
        invariant_failed("root range outside the text", 0, u->root->start, u->root->end, u->len);
    for (uint32_t i = 0; i < u->nerrors; i++) {
        const struct parse_error *e = &u->errors[i];
        if (e->id <= PERR_NONE || e->id >= PERR__COUNT)
            invariant_failed("error id out of range", i, (uint32_t)e->id, 0, u->len);
        if (e->start > e->end || e->end > u->len)
            invariant_failed("error range outside the text", i, e->start, e->end, u->len);
    }
    if (u->incomplete && u->nerrors == 0)
        invariant_failed("incomplete without an error", 0, 0, 0, u->len);
    for (uint32_t i = 0; i < u->ncomments; i++) {
        const struct lex_comment *c = &u->comments[i];
        if (c->start >= c->end || c->end > u->len)
            invariant_failed("comment range outside the text", i, c->start, c->end, u->len);
        if (i > 0 && c->start < u->comments[i - 1].end)
            invariant_failed("comments overlap or are out of order", i, c->start,
                             u->comments[i - 1].end, u->len);
    }
    for (uint32_t i = 0; i < u->nrequires; i++)
        if (!u->requires[i].s || u->requires[i].s[u->requires[i].n] != '\0')
            invariant_failed("#requires text not NUL-terminated", i, u->requires[i].n, 0, u->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct parse_unit *u = parse_unit_new("fuzz.ps1", (const char *)data, size);
    check_unit(u, size);

    struct buf b = BUF_INIT;
    parse_render_errors(u, &b);
    /* The same errors as for a command line (no file name). */
    struct parse_unit anon = *u;
    anon.name = NULL;
    parse_render_errors(&anon, &b);
    for (uint32_t i = 0; i < u->nerrors; i++)
        parse_error_message(&u->errors[i], &b);
    buf_reset(&b);

    ast_dump(u->root, u->src, u->len, &b);
    buf_release(&b);
    parse_unit_free(u);
    return 0;
}
