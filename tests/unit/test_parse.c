/*
** test_parse.c - unit tests of the parser (parse.h) and its syntax tree
** (ast.h).
**
** Expressions and commands are compared in a compact prefix form built by
** sx() below, so that a test states the shape it expects in one line:
**
**     1 + 2 * 3             (+ 1 (* 2 3))
**     -not $a -eq $b        (-eq (-not $a) $b)
**     Write-Output 2+2      (cmd Write-Output 2+2)
**     $o.M(1)               (.call $o M 1)
**
** Statements are checked field by field. Errors are checked by id, message
** text and line:column. Test names say what they check.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/*
** {======================================================= helpers
*/

static struct parse_unit *unit; /* the unit of the last parse, freed by the next */

static void drop_unit(void)
{
    parse_unit_free(unit);
    unit = NULL;
}

/* The rendered errors of a unit, for failure messages. */
static const char *errors_text(const struct parse_unit *u)
{
    static struct buf b = BUF_INIT;
    buf_reset(&b);
    parse_render_errors(u, &b);
    return buf_cstr(&b);
}

static struct parse_unit *parse_at(const char *src, const char *file, int line)
{
    drop_unit();
    unit = parse_unit_new(NULL, src, strlen(src));
    _assert_true(unit != NULL && unit->root != NULL, "parse_unit_new", file, line);
    return unit;
}

static struct parse_unit *parse_ok_at(const char *src, const char *file, int line)
{
    struct parse_unit *u = parse_at(src, file, line);
    if (u->nerrors) {
        print_error("unexpected errors parsing:\n%s\n%s", src, errors_text(u));
        _fail(file, line);
    }
    return u;
}

#define parse(src)    parse_at(src, __FILE__, __LINE__)
#define parse_ok(src) parse_ok_at(src, __FILE__, __LINE__)

/* The statements of the unnamed (or end) block of a script block. */
static const struct ast_list *stmts_of(const struct ast_node *sb)
{
    static const struct ast_list none = {NULL, 0};
    const struct ast_node *end = sb->u.script.blocks[BLOCK_END];
    return end ? &end->u.named.stmts : &none;
}

/* The i-th statement of the script; fails the test when there is none. */
static const struct ast_node *stmt_at(const struct parse_unit *u, uint32_t i, const char *file,
                                      int line)
{
    const struct ast_list *l = stmts_of(u->root);
    if (i >= l->n) {
        print_error("no statement %u (have %u)\n", i, l->n);
        _fail(file, line);
    }
    return l->v[i];
}

#define stmt(u, i) stmt_at(u, i, __FILE__, __LINE__)

/* The expression of a statement that is a one-element expression pipeline. */
static const struct ast_node *expr_at(const struct ast_node *s, const char *file, int line)
{
    if (s->kind != AST_PIPELINE || s->u.pipeline.elems.n != 1 ||
        s->u.pipeline.elems.v[0]->kind != AST_COMMAND_EXPR) {
        print_error("not an expression statement: %s\n", ast_kind_name(s->kind));
        _fail(file, line);
    }
    return s->u.pipeline.elems.v[0]->u.cmdexpr.expr;
}

#define expr_of(s) expr_at(s, __FILE__, __LINE__)

/* Every child of a node, in source order as far as the tree keeps it. */
typedef void (*visit_fn)(const struct ast_node *n, void *ctx);

static void each_child(const struct ast_node *n, visit_fn fn, void *ctx)
{
#define ONE(x)                                                                                     \
    do {                                                                                           \
        if (x)                                                                                     \
            fn(x, ctx);                                                                            \
    } while (0)
#define ALL(l)                                                                                     \
    do {                                                                                           \
        for (uint32_t i_ = 0; i_ < (l).n; i_++)                                                    \
            fn((l).v[i_], ctx);                                                                    \
    } while (0)
    switch (n->kind) {
    case AST_SCRIPT_BLOCK:
        ALL(n->u.script.usings);
        ONE(n->u.script.param);
        for (int b = 0; b < BLOCK__COUNT; b++)
            ONE(n->u.script.blocks[b]);
        break;
    case AST_PARAM_BLOCK:
        ALL(n->u.param_block.attrs);
        ALL(n->u.param_block.params);
        break;
    case AST_NAMED_BLOCK: ALL(n->u.named.stmts); break;
    case AST_PARAMETER:
        ALL(n->u.param.attrs);
        ONE(n->u.param.var);
        ONE(n->u.param.dflt);
        break;
    case AST_ATTRIBUTE:
        ONE(n->u.attr.type);
        ALL(n->u.attr.args);
        ALL(n->u.attr.named);
        break;
    case AST_NAMED_ARG: ONE(n->u.named_arg.value); break;
    case AST_TYPE_CONSTRAINT:
    case AST_TYPE_EXPR: ONE(n->u.tc.type); break;
    case AST_TYPENAME:
        ALL(n->u.type.args);
        ONE(n->u.type.elem);
        break;
    case AST_STATEMENT_BLOCK: ALL(n->u.block.stmts); break;
    case AST_PIPELINE: ALL(n->u.pipeline.elems); break;
    case AST_PIPELINE_CHAIN:
        ONE(n->u.chain.lhs);
        ONE(n->u.chain.rhs);
        break;
    case AST_COMMAND:
        ALL(n->u.command.elems);
        ALL(n->u.command.redirs);
        break;
    case AST_COMMAND_EXPR:
        ONE(n->u.cmdexpr.expr);
        ALL(n->u.cmdexpr.redirs);
        break;
    case AST_COMMAND_PARAM: ONE(n->u.cmdparam.arg); break;
    case AST_REDIRECT_FILE: ONE(n->u.redir.target); break;
    case AST_ASSIGN:
        ONE(n->u.assign.lhs);
        ONE(n->u.assign.rhs);
        break;
    case AST_IF:
        for (uint32_t i = 0; i < n->u.if_.conds.n; i++) {
            fn(n->u.if_.conds.v[i], ctx);
            fn(n->u.if_.bodies.v[i], ctx);
        }
        ONE(n->u.if_.else_body);
        break;
    case AST_SWITCH:
        ONE(n->u.switch_.cond);
        ALL(n->u.switch_.clauses);
        ONE(n->u.switch_.default_body);
        break;
    case AST_SWITCH_CLAUSE:
        ONE(n->u.clause.cond);
        ONE(n->u.clause.body);
        break;
    case AST_FOREACH:
        ONE(n->u.foreach.throttle);
        ONE(n->u.foreach.var);
        ONE(n->u.foreach.expr);
        ONE(n->u.foreach.body);
        break;
    case AST_FOR:
    case AST_WHILE:
    case AST_DO_WHILE:
    case AST_DO_UNTIL:
        ONE(n->u.for_.init);
        ONE(n->u.for_.cond);
        ONE(n->u.for_.iter);
        ONE(n->u.for_.body);
        break;
    case AST_BREAK:
    case AST_CONTINUE: ONE(n->u.jump.label); break;
    case AST_RETURN:
    case AST_EXIT:
    case AST_THROW: ONE(n->u.jump.pipeline); break;
    case AST_TRAP:
        ONE(n->u.trap.type);
        ONE(n->u.trap.body);
        break;
    case AST_TRY:
        ONE(n->u.try_.body);
        ALL(n->u.try_.catches);
        ONE(n->u.try_.finally);
        break;
    case AST_CATCH:
        ALL(n->u.catch_.types);
        ONE(n->u.catch_.body);
        break;
    case AST_FUNCTION:
        ALL(n->u.func.params);
        ONE(n->u.func.body);
        break;
    case AST_TYPE_DEF:
        ALL(n->u.typedef_.attrs);
        ALL(n->u.typedef_.bases);
        ALL(n->u.typedef_.members);
        break;
    case AST_PROPERTY:
        ALL(n->u.prop.attrs);
        ONE(n->u.prop.type);
        ONE(n->u.prop.init);
        break;
    case AST_METHOD:
        ALL(n->u.method.attrs);
        ONE(n->u.method.ret);
        ALL(n->u.method.params);
        ALL(n->u.method.base_args);
        ONE(n->u.method.body);
        break;
    case AST_USING:
        ONE(n->u.using_.alias);
        ONE(n->u.using_.name);
        break;
    case AST_DATA:
        ALL(n->u.data.commands);
        ONE(n->u.data.body);
        break;
    case AST_BINARY:
        ONE(n->u.binary.lhs);
        ONE(n->u.binary.rhs);
        break;
    case AST_UNARY: ONE(n->u.unary.operand); break;
    case AST_TERNARY:
        ONE(n->u.ternary.cond);
        ONE(n->u.ternary.then);
        ONE(n->u.ternary.else_);
        break;
    case AST_CONVERT:
        ONE(n->u.convert.type);
        ONE(n->u.convert.expr);
        break;
    case AST_ATTRIBUTED:
        ONE(n->u.attributed.attr);
        ONE(n->u.attributed.expr);
        break;
    case AST_EXPANDABLE: ALL(n->u.expandable.parts); break;
    case AST_MEMBER:
    case AST_INVOKE:
        ONE(n->u.member.target);
        ONE(n->u.member.member);
        ALL(n->u.member.args);
        break;
    case AST_INDEX:
        ONE(n->u.index.target);
        ONE(n->u.index.index);
        break;
    case AST_ARRAY_LITERAL: ALL(n->u.array.elems); break;
    case AST_ARRAY_EXPR:
    case AST_SUBEXPR: ONE(n->u.sub.body); break;
    case AST_PAREN: ONE(n->u.paren.pipeline); break;
    case AST_HASHTABLE:
        for (uint32_t i = 0; i < n->u.hash.keys.n; i++) {
            fn(n->u.hash.keys.v[i], ctx);
            fn(n->u.hash.values.v[i], ctx);
        }
        break;
    case AST_SCRIPT_BLOCK_EXPR: ONE(n->u.sbexpr.body); break;
    default: break;
    }
#undef ONE
#undef ALL
}

struct finder {
    enum ast_kind kind;
    int nth;
    const struct ast_node *found;
    int count; /* nodes of the kind seen */
};

static void find_visit(const struct ast_node *n, void *ctx)
{
    struct finder *f = ctx;
    if (f->found)
        return;
    if (n->kind == f->kind && f->count++ == f->nth) {
        f->found = n;
        return;
    }
    each_child(n, find_visit, f);
}

/* The nth (from 0) node of a kind under n, in pre-order, or NULL. */
static const struct ast_node *find(const struct ast_node *n, enum ast_kind kind, int nth)
{
    struct finder f = {kind, nth, NULL, 0};
    find_visit(n, &f);
    return f.found;
}

/* How many nodes of a kind there are under n. */
static int count(const struct ast_node *n, enum ast_kind kind)
{
    struct finder f = {kind, -1, NULL, 0};
    find_visit(n, &f);
    return f.count;
}

static const struct ast_node *must_find_at(const struct ast_node *n, enum ast_kind kind, int nth,
                                           const char *file, int line)
{
    const struct ast_node *r = find(n, kind, nth);
    if (!r) {
        print_error("no %s number %d\n", ast_kind_name(kind), nth);
        _fail(file, line);
    }
    return r;
}

#define must_find(n, kind, nth) must_find_at(n, kind, nth, __FILE__, __LINE__)

/* Checks that every node lies inside its parent's extent. */
struct extent_ctx {
    const struct ast_node *parent;
    int bad;
};

static void extent_visit(const struct ast_node *n, void *ctx)
{
    struct extent_ctx *e = ctx;
    if (n->end < n->start || n->start < e->parent->start || n->end > e->parent->end) {
        print_error("%s @%u-%u outside its parent %s @%u-%u\n", ast_kind_name(n->kind), n->start,
                    n->end, ast_kind_name(e->parent->kind), e->parent->start, e->parent->end);
        e->bad++;
    }
    struct extent_ctx inner = {n, 0};
    each_child(n, extent_visit, &inner);
    e->bad += inner.bad;
}

/* {-------- the compact form */

static void sx_node(struct buf *b, const struct ast_node *n);

static void sx_list(struct buf *b, const struct ast_list *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        buf_putc(b, ' ');
        sx_node(b, l->v[i]);
    }
}

static void sx_type(struct buf *b, const struct ast_node *t)
{
    if (t->u.type.elem) {
        sx_type(b, t->u.type.elem);
        buf_putc(b, '[');
        for (uint32_t i = 1; i < t->u.type.rank; i++)
            buf_putc(b, ',');
        buf_putc(b, ']');
        return;
    }
    buf_add(b, t->u.type.name.s, t->u.type.name.n);
    if (t->u.type.args.n) {
        buf_putc(b, '[');
        for (uint32_t i = 0; i < t->u.type.args.n; i++) {
            if (i)
                buf_putc(b, ',');
            sx_type(b, t->u.type.args.v[i]);
        }
        buf_putc(b, ']');
    }
}

static void sx_stmts(struct buf *b, const struct ast_list *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            buf_puts(b, "; ");
        sx_node(b, l->v[i]);
    }
}

static void sx_op(struct buf *b, enum ast_op op)
{
    buf_puts(b, op_spelling(op));
}

static void sx_node(struct buf *b, const struct ast_node *n)
{
    if (!n) {
        buf_puts(b, "<null>");
        return;
    }
    switch (n->kind) {
    case AST_NUMBER:
        buf_add(b, n->u.number.text.s, n->u.number.text.n);
        break;
    case AST_STRING: {
        static const char *const open[] = {"", "'", "\"", "@'", "@\"", "%%"};
        static const char *const close[] = {"", "'", "\"", "'@", "\"@", ""};
        buf_puts(b, open[n->u.string.how]);
        buf_add(b, n->u.string.value.s, n->u.string.value.n);
        buf_puts(b, close[n->u.string.how]);
        break;
    }
    case AST_EXPANDABLE:
        buf_puts(b, "(expand");
        sx_list(b, &n->u.expandable.parts);
        buf_putc(b, ')');
        break;
    case AST_VARIABLE:
        buf_putc(b, n->u.var.splat ? '@' : '$');
        if (n->u.var.braced)
            buf_putc(b, '{');
        buf_add(b, n->u.var.name.s, n->u.var.name.n);
        if (n->u.var.braced)
            buf_putc(b, '}');
        break;
    case AST_BINARY:
        buf_putc(b, '(');
        sx_op(b, n->u.binary.op);
        buf_putc(b, ' ');
        sx_node(b, n->u.binary.lhs);
        buf_putc(b, ' ');
        sx_node(b, n->u.binary.rhs);
        buf_putc(b, ')');
        break;
    case AST_UNARY:
        buf_putc(b, '(');
        if (n->u.unary.op == OP_POSTINC || n->u.unary.op == OP_POSTDEC)
            buf_puts(b, "post");
        sx_op(b, n->u.unary.op);
        buf_putc(b, ' ');
        sx_node(b, n->u.unary.operand);
        buf_putc(b, ')');
        break;
    case AST_TERNARY:
        buf_puts(b, "(? ");
        sx_node(b, n->u.ternary.cond);
        buf_putc(b, ' ');
        sx_node(b, n->u.ternary.then);
        buf_putc(b, ' ');
        sx_node(b, n->u.ternary.else_);
        buf_putc(b, ')');
        break;
    case AST_CONVERT:
        buf_puts(b, "([");
        sx_type(b, n->u.convert.type);
        buf_puts(b, "] ");
        sx_node(b, n->u.convert.expr);
        buf_putc(b, ')');
        break;
    case AST_TYPE_EXPR:
    case AST_TYPE_CONSTRAINT:
        buf_putc(b, '[');
        sx_type(b, n->u.tc.type);
        buf_putc(b, ']');
        break;
    case AST_ATTRIBUTE:
        buf_puts(b, "[@");
        sx_type(b, n->u.attr.type);
        sx_list(b, &n->u.attr.args);
        sx_list(b, &n->u.attr.named);
        buf_putc(b, ']');
        break;
    case AST_NAMED_ARG:
        buf_add(b, n->u.named_arg.name.s, n->u.named_arg.name.n);
        if (n->u.named_arg.value) {
            buf_putc(b, '=');
            sx_node(b, n->u.named_arg.value);
        }
        break;
    case AST_ATTRIBUTED:
        buf_putc(b, '(');
        sx_node(b, n->u.attributed.attr);
        buf_putc(b, ' ');
        sx_node(b, n->u.attributed.expr);
        buf_putc(b, ')');
        break;
    case AST_MEMBER:
    case AST_INVOKE:
        buf_putc(b, '(');
        buf_puts(b, n->u.member.nullcond ? "?." : n->u.member.is_static ? "::" : ".");
        if (n->kind == AST_INVOKE)
            buf_puts(b, "call");
        buf_putc(b, ' ');
        sx_node(b, n->u.member.target);
        buf_putc(b, ' ');
        sx_node(b, n->u.member.member);
        sx_list(b, &n->u.member.args);
        buf_putc(b, ')');
        break;
    case AST_INDEX:
        buf_puts(b, n->u.index.nullcond ? "(?[] " : "([] ");
        sx_node(b, n->u.index.target);
        buf_putc(b, ' ');
        sx_node(b, n->u.index.index);
        buf_putc(b, ')');
        break;
    case AST_ARRAY_LITERAL:
        buf_puts(b, "(,");
        sx_list(b, &n->u.array.elems);
        buf_putc(b, ')');
        break;
    case AST_ARRAY_EXPR:
    case AST_SUBEXPR:
        buf_puts(b, n->kind == AST_ARRAY_EXPR ? "@(" : "$(");
        sx_stmts(b, &n->u.sub.body->u.block.stmts);
        buf_putc(b, ')');
        break;
    case AST_PAREN:
        buf_puts(b, "(paren ");
        sx_node(b, n->u.paren.pipeline);
        buf_putc(b, ')');
        break;
    case AST_HASHTABLE:
        buf_puts(b, "@{");
        for (uint32_t i = 0; i < n->u.hash.keys.n; i++) {
            if (i)
                buf_puts(b, "; ");
            sx_node(b, n->u.hash.keys.v[i]);
            buf_putc(b, '=');
            sx_node(b, n->u.hash.values.v[i]);
        }
        buf_putc(b, '}');
        break;
    case AST_SCRIPT_BLOCK_EXPR:
        buf_putc(b, '{');
        sx_stmts(b, stmts_of(n->u.sbexpr.body));
        buf_putc(b, '}');
        break;
    case AST_PIPELINE:
        if (n->u.pipeline.elems.n == 1 && !n->u.pipeline.background) {
            sx_node(b, n->u.pipeline.elems.v[0]);
            break;
        }
        buf_puts(b, n->u.pipeline.background ? "(|&" : "(|");
        sx_list(b, &n->u.pipeline.elems);
        buf_putc(b, ')');
        break;
    case AST_PIPELINE_CHAIN:
        buf_printf(b, "(%s%s ", tok_spelling(n->u.chain.op), n->u.chain.background ? "&" : "");
        sx_node(b, n->u.chain.lhs);
        buf_putc(b, ' ');
        sx_node(b, n->u.chain.rhs);
        buf_putc(b, ')');
        break;
    case AST_COMMAND_EXPR:
        if (!n->u.cmdexpr.redirs.n) {
            sx_node(b, n->u.cmdexpr.expr);
            break;
        }
        buf_puts(b, "(expr ");
        sx_node(b, n->u.cmdexpr.expr);
        sx_list(b, &n->u.cmdexpr.redirs);
        buf_putc(b, ')');
        break;
    case AST_COMMAND:
        buf_puts(b, n->u.command.invocation == INVOKE_CALL  ? "(cmd&"
                    : n->u.command.invocation == INVOKE_DOT ? "(cmd."
                                                            : "(cmd");
        sx_list(b, &n->u.command.elems);
        sx_list(b, &n->u.command.redirs);
        buf_putc(b, ')');
        break;
    case AST_COMMAND_PARAM:
        buf_putc(b, '-');
        buf_add(b, n->u.cmdparam.name.s, n->u.cmdparam.name.n);
        if (n->u.cmdparam.colon) {
            buf_putc(b, ':');
            if (n->u.cmdparam.arg)
                sx_node(b, n->u.cmdparam.arg);
        }
        break;
    case AST_REDIRECT_FILE:
        buf_putc(b, '(');
        if (n->u.redir.from)
            buf_printf(b, "%d", n->u.redir.from);
        else
            buf_putc(b, '*');
        buf_puts(b, n->u.redir.append ? ">> " : "> ");
        sx_node(b, n->u.redir.target);
        buf_putc(b, ')');
        break;
    case AST_REDIRECT_MERGE:
        if (n->u.redir.from)
            buf_printf(b, "%d>&%d", n->u.redir.from, n->u.redir.to);
        else
            buf_printf(b, "*>&%d", n->u.redir.to);
        break;
    case AST_ASSIGN:
        buf_putc(b, '(');
        sx_op(b, n->u.assign.op);
        buf_putc(b, ' ');
        sx_node(b, n->u.assign.lhs);
        buf_putc(b, ' ');
        sx_node(b, n->u.assign.rhs);
        buf_putc(b, ')');
        break;
    case AST_STATEMENT_BLOCK:
        buf_putc(b, '{');
        sx_stmts(b, &n->u.block.stmts);
        buf_putc(b, '}');
        break;
    default:
        buf_printf(b, "<%s>", ast_kind_name(n->kind));
        break;
    }
}

/* The compact form of a node, valid until the next call. */
static const char *sx(const struct ast_node *n)
{
    static struct buf b = BUF_INIT;
    buf_reset(&b);
    sx_node(&b, n);
    return buf_cstr(&b);
}

/* src parses without errors, and its statements, in compact form, are want. */
static void check_sx(const char *src, const char *want, const char *file, int line)
{
    struct parse_unit *u = parse_ok_at(src, file, line);
    static struct buf b = BUF_INIT;
    buf_reset(&b);
    sx_stmts(&b, stmts_of(u->root));
    if (strcmp(buf_cstr(&b), want) != 0) {
        print_error("source: %s\n", src);
        _assert_string_equal(buf_cstr(&b), want, file, line);
    }
    struct extent_ctx e = {u->root, 0};
    each_child(u->root, extent_visit, &e);
    _assert_int_equal(e.bad, 0, file, line);
}

#define SX(src, want) check_sx(src, want, __FILE__, __LINE__)

/* The first error of src has this id, message and line:column. */
static void check_error(const char *src, enum perr_id id, const char *msg, uint32_t line,
                        uint32_t col, const char *file, int fline)
{
    struct parse_unit *u = parse_at(src, file, fline);
    if (!u->nerrors) {
        print_error("no error parsing: %s\n", src);
        _fail(file, fline);
    }
    const struct parse_error *e = &u->errors[0];
    if (e->id != id) {
        print_error("source: %s\n%s", src, errors_text(u));
        _assert_string_equal(perr_name(e->id), perr_name(id), file, fline);
    }
    struct buf b = BUF_INIT;
    parse_error_message(e, &b);
    if (strcmp(buf_cstr(&b), msg) != 0)
        print_error("source: %s\n", src);
    _assert_string_equal(buf_cstr(&b), msg, file, fline);
    buf_release(&b);
    uint32_t l, c;
    parse_linecol(u->src, u->len, e->start, &l, &c);
    if (l != line || c != col) {
        print_error("source: %s\nerror at %u:%u, want %u:%u\n", src, l, c, line, col);
        _fail(file, fline);
    }
    /* the tree is there, whatever the errors */
    _assert_true(u->root && u->root->kind == AST_SCRIPT_BLOCK, "root", file, fline);
}

#define ERR(src, id, msg, line, col) check_error(src, PERR_##id, msg, line, col, __FILE__, __LINE__)

/* }--------  */

/* }======================================================= */

/*
** {======================================================= statements
*/

static void parse_empty_and_blank(void **state)
{
    (void)state;
    const char *blank[] = {"", " ", "\n\n", ";;", "# only a comment", "<# block #>", "\r\n \t"};
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(blank); i++) {
        struct parse_unit *u = parse_ok(blank[i]);
        assert_int_equal(stmts_of(u->root)->n, 0);
        assert_int_equal(u->root->kind, AST_SCRIPT_BLOCK);
        assert_false(u->incomplete);
    }
}

static void parse_pipelines(void **state)
{
    (void)state;
    SX("Get-Mailbox | Where-Object Size -gt 1 | Sort-Object",
       "(| (cmd Get-Mailbox) (cmd Where-Object Size -gt 1) (cmd Sort-Object))");
    SX("1..3 | % { $_ }", "(| (.. 1 3) (cmd % {$_}))");
    SX("a; b\nc", "(cmd a); (cmd b); (cmd c)");
    struct parse_unit *u = parse_ok("a | b");
    const struct ast_node *p = stmt(u, 0);
    assert_int_equal(p->kind, AST_PIPELINE);
    assert_int_equal(p->u.pipeline.elems.n, 2);
    assert_int_equal(p->start, 0);
    assert_int_equal(p->end, 5);
}

static void parse_assignments(void **state)
{
    (void)state;
    SX("$a = 1", "(= $a 1)");
    SX("$a += 1", "(+= $a 1)");
    SX("$a -= 1", "(-= $a 1)");
    SX("$a *= 2", "(*= $a 2)");
    SX("$a /= 2", "(/= $a 2)");
    SX("$a %= 2", "(%= $a 2)");
    SX("$a ?\?= 'x'", "(?\?= $a 'x')");
    SX("$a.b = 1", "(= (. $a b) 1)");
    SX("$a[0] = 1", "(= ([] $a 0) 1)");
    SX("[int]$a = '5'", "(= ([int] $a) '5')");
    SX("$a, $b = 1, 2", "(= (, $a $b) (, 1 2))");
    SX("$a = $b = 2", "(= $a (= $b 2))");
    SX("$x = Get-Date", "(= $x (cmd Get-Date))");
    SX("$x = a | b", "(= $x (| (cmd a) (cmd b)))");
    SX("$a =\n  1", "(= $a 1)");
    /* the value of an assignment is a statement */
    struct parse_unit *u = parse_ok("$x = if ($a) { 1 } else { 2 }");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_ASSIGN);
    assert_int_equal(s->u.assign.op, OP_ASSIGN);
    assert_int_equal(s->u.assign.rhs->kind, AST_IF);
    u = parse_ok("$x = foreach ($i in 1..3) { $i }");
    assert_int_equal(stmt(u, 0)->u.assign.rhs->kind, AST_FOREACH);
}

static void parse_if_elseif_else(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("if ($a) { 1 } elseif ($b) { 2 } elseif ($c) { 3 } else { 4 }");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_IF);
    assert_int_equal(s->u.if_.conds.n, 3);
    assert_int_equal(s->u.if_.bodies.n, 3);
    assert_string_equal(sx(s->u.if_.conds.v[1]), "$b");
    assert_string_equal(sx(s->u.if_.bodies.v[2]), "{3}");
    assert_string_equal(sx(s->u.if_.else_body), "{4}");

    /* else and elseif on the next line (after the closing brace) */
    u = parse_ok("if ($a) {\n 1\n}\nelseif ($b) {\n 2\n}\nelse\n{\n 3\n}\nx");
    s = stmt(u, 0);
    assert_int_equal(s->u.if_.conds.n, 2);
    assert_non_null(s->u.if_.else_body);
    assert_string_equal(sx(stmt(u, 1)), "(cmd x)");
    assert_int_equal(stmts_of(u->root)->n, 2);

    /* no else: the next statement is separate */
    u = parse_ok("if ($a) { 1 }\n$b");
    assert_null(stmt(u, 0)->u.if_.else_body);
    assert_string_equal(sx(stmt(u, 1)), "$b");

    /* keywords are case-insensitive; the condition is a pipeline */
    u = parse_ok("IF (Test-Path x | Out-Null) { } ELSE { }");
    s = stmt(u, 0);
    assert_string_equal(sx(s->u.if_.conds.v[0]), "(| (cmd Test-Path x) (cmd Out-Null))");
    assert_int_equal(s->u.if_.else_body->u.block.stmts.n, 0);
    /* newlines inside the condition */
    u = parse_ok("if (\n $a -and\n $b\n) { }");
    assert_string_equal(sx(stmt(u, 0)->u.if_.conds.v[0]), "(-and $a $b)");
}

static void parse_switch(void **state)
{
    (void)state;
    struct parse_unit *u =
        parse_ok("switch -Regex -CaseSensitive ($x) {\n"
                 "  '^a' { 'A' }\n"
                 "  { $_ -gt 3 } { 'big' }\n"
                 "  42 { 'answer'; break }\n"
                 "  default { 'other' }\n"
                 "}");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_SWITCH);
    assert_int_equal(s->u.switch_.flags, SWITCH_REGEX | SWITCH_CASESENSITIVE);
    assert_string_equal(sx(s->u.switch_.cond), "$x");
    assert_int_equal(s->u.switch_.clauses.n, 3);
    const struct ast_node *c0 = s->u.switch_.clauses.v[0];
    assert_int_equal(c0->kind, AST_SWITCH_CLAUSE);
    assert_string_equal(sx(c0->u.clause.cond), "'^a'");
    assert_string_equal(sx(c0->u.clause.body), "{'A'}");
    assert_string_equal(sx(s->u.switch_.clauses.v[1]->u.clause.cond), "{(-gt $_ 3)}");
    assert_string_equal(sx(s->u.switch_.clauses.v[2]->u.clause.cond), "42");
    assert_string_equal(sx(s->u.switch_.clauses.v[2]->u.clause.body), "{'answer'; <Break>}");
    assert_string_equal(sx(s->u.switch_.default_body), "{'other'}");

    u = parse_ok("switch -wildcard ($n) { 'a*' {1} }");
    assert_int_equal(stmt(u, 0)->u.switch_.flags, SWITCH_WILDCARD);
    u = parse_ok("switch -Exact (1, 2) { 1 {1} }");
    s = stmt(u, 0);
    assert_int_equal(s->u.switch_.flags, SWITCH_EXACT);
    assert_string_equal(sx(s->u.switch_.cond), "(, 1 2)");
    /* flag names may be shortened */
    u = parse_ok("switch -r -c ($n) { }");
    assert_int_equal(stmt(u, 0)->u.switch_.flags, SWITCH_REGEX | SWITCH_CASESENSITIVE);
    /* -File takes a path in command mode */
    u = parse_ok("switch -File C:\\logs\\x.log { 'err*' { $_ } }");
    s = stmt(u, 0);
    assert_int_equal(s->u.switch_.flags, SWITCH_FILE);
    assert_string_equal(sx(s->u.switch_.cond), "C:\\logs\\x.log");
    assert_int_equal(s->u.switch_.clauses.n, 1);
    u = parse_ok("switch -Wildcard -File $path { a* {1} }");
    assert_string_equal(sx(stmt(u, 0)->u.switch_.cond), "$path");
    /* bare words and default in other cases; clauses on one line with ; */
    u = parse_ok("switch ($x) { a {1}; b {2}; DEFAULT {3} }");
    s = stmt(u, 0);
    assert_int_equal(s->u.switch_.clauses.n, 2);
    assert_string_equal(sx(s->u.switch_.clauses.v[1]->u.clause.cond), "b");
    assert_non_null(s->u.switch_.default_body);
    /* the value on the next line, the body too */
    u = parse_ok("switch\n($x)\n{\n1 {2}\n}");
    assert_int_equal(stmt(u, 0)->u.switch_.clauses.n, 1);
}

static void parse_foreach(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("foreach ($m in Get-Mailbox | Sort-Object) { $m.Name }");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_FOREACH);
    assert_string_equal(sx(s->u.foreach.var), "$m");
    assert_string_equal(sx(s->u.foreach.expr), "(| (cmd Get-Mailbox) (cmd Sort-Object))");
    assert_string_equal(sx(s->u.foreach.body), "{(. $m Name)}");
    assert_false(s->u.foreach.parallel);
    u = parse_ok("foreach ($i in 1..10) {}");
    assert_string_equal(sx(stmt(u, 0)->u.foreach.expr), "(.. 1 10)");
    u = parse_ok("ForEach ( $x IN $list )\n{\n}");
    assert_string_equal(sx(stmt(u, 0)->u.foreach.expr), "$list");
    u = parse_ok("foreach -Parallel ($x in $list) { }");
    assert_true(stmt(u, 0)->u.foreach.parallel);
    /* foreach as a command name is ForEach-Object's alias */
    SX("$list | foreach { $_ }", "(| $list (cmd foreach {$_}))");
}

static void parse_for(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("for ($i = 0; $i -lt 10; $i++) { $i }");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_FOR);
    assert_string_equal(sx(s->u.for_.init), "(= $i 0)");
    assert_string_equal(sx(s->u.for_.cond), "(-lt $i 10)");
    assert_string_equal(sx(s->u.for_.iter), "(post++ $i)");
    assert_string_equal(sx(s->u.for_.body), "{$i}");
    /* newlines instead of semicolons */
    u = parse_ok("for ($i = 0\n$i -lt 10\n$i++) { }");
    s = stmt(u, 0);
    assert_string_equal(sx(s->u.for_.init), "(= $i 0)");
    assert_string_equal(sx(s->u.for_.cond), "(-lt $i 10)");
    assert_string_equal(sx(s->u.for_.iter), "(post++ $i)");
    /* every part optional */
    u = parse_ok("for (;;) { break }");
    s = stmt(u, 0);
    assert_null(s->u.for_.init);
    assert_null(s->u.for_.cond);
    assert_null(s->u.for_.iter);
    u = parse_ok("for (; $i -lt 3;) { }");
    s = stmt(u, 0);
    assert_null(s->u.for_.init);
    assert_string_equal(sx(s->u.for_.cond), "(-lt $i 3)");
    assert_null(s->u.for_.iter);
    u = parse_ok("for (($i = 0), ($j = 9); $i -lt $j; $i++, $j--) { }");
    s = stmt(u, 0);
    assert_string_equal(sx(s->u.for_.init), "(, (paren (= $i 0)) (paren (= $j 9)))");
    assert_string_equal(sx(s->u.for_.iter), "(, (post++ $i) (post-- $j))");
    /* as in PowerShell, `$i = 0, $j = 9` assigns to the array `0, $j` */
    u = parse("for ($i = 0, $j = 9;;) { }");
    assert_int_equal(u->errors[0].id, PERR_InvalidLeftHandSide);
}

static void parse_while_do(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("while ($n -gt 0) { $n-- }");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_WHILE);
    assert_string_equal(sx(s->u.for_.cond), "(-gt $n 0)");
    assert_string_equal(sx(s->u.for_.body), "{(post-- $n)}");
    u = parse_ok("do { $n++ } while ($n -lt 5)");
    s = stmt(u, 0);
    assert_int_equal(s->kind, AST_DO_WHILE);
    assert_string_equal(sx(s->u.for_.cond), "(-lt $n 5)");
    assert_string_equal(sx(s->u.for_.body), "{(post++ $n)}");
    u = parse_ok("do { $n++ } until ($n -ge 5)");
    s = stmt(u, 0);
    assert_int_equal(s->kind, AST_DO_UNTIL);
    assert_string_equal(sx(s->u.for_.cond), "(-ge $n 5)");
    /* while/until on the line after the block */
    u = parse_ok("do {\n $n++\n}\nuntil ($n -ge 5)");
    assert_int_equal(stmt(u, 0)->kind, AST_DO_UNTIL);
    assert_int_equal(stmts_of(u->root)->n, 1);
}

static void parse_labels_and_jumps(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok(":outer foreach ($a in $b) {\n"
                                    "  :inner while ($true) { break outer; continue inner }\n"
                                    "}");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_FOREACH);
    assert_string_equal(s->u.foreach.label.s, "outer");
    assert_int_equal(s->start, 0); /* the statement starts at its label */
    const struct ast_node *w = must_find(s, AST_WHILE, 0);
    assert_string_equal(w->u.for_.label.s, "inner");
    const struct ast_node *br = must_find(s, AST_BREAK, 0);
    assert_string_equal(sx(br->u.jump.label), "outer");
    assert_string_equal(sx(must_find(s, AST_CONTINUE, 0)->u.jump.label), "inner");
    u = parse_ok(":l for (;;) {}\n:m do {} while (1)\n:n switch (1) {}");
    assert_string_equal(stmt(u, 0)->u.for_.label.s, "l");
    assert_string_equal(stmt(u, 1)->u.for_.label.s, "m");
    assert_string_equal(stmt(u, 2)->u.switch_.label.s, "n");

    u = parse_ok("break\ncontinue\nreturn\nreturn $x + 1\nexit\nexit 3\nthrow\nthrow \"bad $x\"");
    assert_int_equal(stmt(u, 0)->kind, AST_BREAK);
    assert_null(stmt(u, 0)->u.jump.label);
    assert_int_equal(stmt(u, 1)->kind, AST_CONTINUE);
    assert_int_equal(stmt(u, 2)->kind, AST_RETURN);
    assert_null(stmt(u, 2)->u.jump.pipeline);
    assert_string_equal(sx(stmt(u, 3)->u.jump.pipeline), "(+ $x 1)");
    assert_int_equal(stmt(u, 4)->kind, AST_EXIT);
    assert_null(stmt(u, 4)->u.jump.pipeline);
    assert_string_equal(sx(stmt(u, 5)->u.jump.pipeline), "3");
    assert_int_equal(stmt(u, 6)->kind, AST_THROW);
    assert_null(stmt(u, 6)->u.jump.pipeline);
    assert_string_equal(sx(stmt(u, 7)->u.jump.pipeline), "(expand bad  $x)");
    /* return takes a whole pipeline; break a label expression */
    u = parse_ok("return Get-X | Sort\nbreak $label");
    assert_string_equal(sx(stmt(u, 0)->u.jump.pipeline), "(| (cmd Get-X) (cmd Sort))");
    assert_string_equal(sx(stmt(u, 1)->u.jump.label), "$label");
    /* a jump in a block, before the brace */
    u = parse_ok("if ($a) { return }");
    assert_int_equal(must_find(stmt(u, 0), AST_RETURN, 0)->kind, AST_RETURN);
}

static void parse_trap(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("trap { 'oops'; continue }");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_TRAP);
    assert_null(s->u.trap.type);
    assert_string_equal(sx(s->u.trap.body), "{'oops'; <Continue>}");
    u = parse_ok("trap [System.Management.Automation.CommandNotFoundException]\n{ break }");
    s = stmt(u, 0);
    assert_string_equal(sx(s->u.trap.type), "[System.Management.Automation.CommandNotFoundException]");
}

static void parse_try_catch_finally(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("try { Get-X }\n"
                                    "catch [System.IO.IOException], [System.Net.WebException] { 1 }\n"
                                    "catch [Exception] { 2 }\n"
                                    "catch { 3 }\n"
                                    "finally { 4 }");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_TRY);
    assert_string_equal(sx(s->u.try_.body), "{(cmd Get-X)}");
    assert_int_equal(s->u.try_.catches.n, 3);
    const struct ast_node *c = s->u.try_.catches.v[0];
    assert_int_equal(c->kind, AST_CATCH);
    assert_int_equal(c->u.catch_.types.n, 2);
    assert_string_equal(sx(c->u.catch_.types.v[0]), "[System.IO.IOException]");
    assert_string_equal(sx(c->u.catch_.types.v[1]), "[System.Net.WebException]");
    assert_string_equal(sx(c->u.catch_.body), "{1}");
    assert_int_equal(s->u.try_.catches.v[1]->u.catch_.types.n, 1);
    assert_int_equal(s->u.try_.catches.v[2]->u.catch_.types.n, 0);
    assert_string_equal(sx(s->u.try_.finally), "{4}");
    u = parse_ok("try { 1 } finally { 2 }");
    assert_int_equal(stmt(u, 0)->u.try_.catches.n, 0);
    assert_non_null(stmt(u, 0)->u.try_.finally);
    /* types over several lines */
    u = parse_ok("try {} catch [A],\n [B] {}");
    assert_int_equal(stmt(u, 0)->u.try_.catches.v[0]->u.catch_.types.n, 2);
}

static void parse_functions(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("function Get-Thing($Name, [int]$Count = 2) { $Name }");
    const struct ast_node *f = stmt(u, 0);
    assert_int_equal(f->kind, AST_FUNCTION);
    assert_string_equal(f->u.func.name.s, "Get-Thing");
    assert_false(f->u.func.filter);
    assert_int_equal(f->u.func.params.n, 2);
    const struct ast_node *p1 = f->u.func.params.v[1];
    assert_int_equal(p1->kind, AST_PARAMETER);
    assert_string_equal(sx(p1->u.param.var), "$Count");
    assert_string_equal(sx(p1->u.param.attrs.v[0]), "[int]");
    assert_string_equal(sx(p1->u.param.dflt), "2");
    assert_int_equal(f->u.func.body->kind, AST_SCRIPT_BLOCK);
    assert_string_equal(sx(stmts_of(f->u.func.body)->v[0]), "$Name");

    u = parse_ok("filter Only-Big { if ($_.Size -gt 1) { $_ } }");
    f = stmt(u, 0);
    assert_true(f->u.func.filter);
    assert_string_equal(f->u.func.name.s, "Only-Big");
    u = parse_ok("function global:Set-It { }\nfunction script:f { }");
    assert_string_equal(stmt(u, 0)->u.func.name.s, "global:Set-It");
    assert_string_equal(stmt(u, 1)->u.func.name.s, "script:f");
    /* the name and the body may be on later lines */
    u = parse_ok("function\nf\n{\n 1\n}");
    assert_string_equal(stmt(u, 0)->u.func.name.s, "f");
    /* a keyword as a function name */
    u = parse_ok("function foreach { }");
    assert_string_equal(stmt(u, 0)->u.func.name.s, "foreach");
}

static void parse_param_and_named_blocks(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("function f {\n"
                                    "  param([string]$Path, $Force = $false)\n"
                                    "  begin { $n = 0 }\n"
                                    "  process { $n++ }\n"
                                    "  end { $n }\n"
                                    "}");
    const struct ast_node *body = stmt(u, 0)->u.func.body;
    const struct ast_node *pb = body->u.script.param;
    assert_non_null(pb);
    assert_int_equal(pb->kind, AST_PARAM_BLOCK);
    assert_int_equal(pb->u.param_block.params.n, 2);
    assert_string_equal(sx(pb->u.param_block.params.v[1]->u.param.dflt), "$false");
    const struct ast_node *bb = body->u.script.blocks[BLOCK_BEGIN];
    assert_non_null(bb);
    assert_false(bb->u.named.unnamed);
    assert_string_equal(sx(bb->u.named.stmts.v[0]), "(= $n 0)");
    assert_string_equal(sx(body->u.script.blocks[BLOCK_PROCESS]->u.named.stmts.v[0]),
                        "(post++ $n)");
    assert_false(body->u.script.blocks[BLOCK_END]->u.named.unnamed);
    assert_null(body->u.script.blocks[BLOCK_DYNAMICPARAM]);

    u = parse_ok("function g {\n"
                 "  [CmdletBinding()]\n"
                 "  param()\n"
                 "  dynamicparam { $d = 1; $d }\n"
                 "  process { }\n"
                 "}");
    body = stmt(u, 0)->u.func.body;
    assert_int_equal(body->u.script.param->u.param_block.params.n, 0);
    assert_int_equal(body->u.script.param->u.param_block.attrs.n, 1);
    const struct ast_node *dp = body->u.script.blocks[BLOCK_DYNAMICPARAM];
    assert_non_null(dp);
    assert_int_equal(dp->u.named.stmts.n, 2);
    assert_null(body->u.script.blocks[BLOCK_END]);
    /* without named blocks the statements form an unnamed end block */
    u = parse_ok("function h { param($a) $a }");
    body = stmt(u, 0)->u.func.body;
    assert_true(body->u.script.blocks[BLOCK_END]->u.named.unnamed);
    assert_int_equal(body->u.script.blocks[BLOCK_END]->u.named.stmts.n, 1);
    /* a script block expression has the same parts */
    u = parse_ok("$sb = { param($x) begin {} process { $x } }");
    const struct ast_node *sbe = must_find(u->root, AST_SCRIPT_BLOCK_EXPR, 0);
    assert_non_null(sbe->u.sbexpr.body->u.script.param);
    assert_non_null(sbe->u.sbexpr.body->u.script.blocks[BLOCK_PROCESS]);
    /* named blocks in any order, and the clean block */
    u = parse_ok("end { 1 }\nbegin { 2 }\nclean { 3 }");
    assert_non_null(u->root->u.script.blocks[BLOCK_END]);
    assert_non_null(u->root->u.script.blocks[BLOCK_BEGIN]);
    assert_non_null(u->root->u.script.blocks[BLOCK_CLEAN]);
}

static void parse_attributes(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok(
        "function Set-Quota {\n"
        "  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]\n"
        "  [OutputType([string], [int])]\n"
        "  [Alias('sq')]\n"
        "  param(\n"
        "    [Parameter(Mandatory, Position = 0, ValueFromPipeline = $true)]\n"
        "    [ValidateSet('Low', 'High')]\n"
        "    [Alias('Level', 'L')]\n"
        "    [ValidateNotNullOrEmpty()]\n"
        "    [string[]] $Quota\n"
        "  )\n"
        "}");
    const struct ast_node *pb = stmt(u, 0)->u.func.body->u.script.param;
    assert_int_equal(pb->u.param_block.attrs.n, 3);
    assert_string_equal(sx(pb->u.param_block.attrs.v[0]),
                        "[@CmdletBinding SupportsShouldProcess=$true ConfirmImpact='High']");
    assert_string_equal(sx(pb->u.param_block.attrs.v[1]), "[@OutputType [string] [int]]");
    assert_string_equal(sx(pb->u.param_block.attrs.v[2]), "[@Alias 'sq']");
    const struct ast_node *prm = pb->u.param_block.params.v[0];
    assert_int_equal(prm->u.param.attrs.n, 5);
    const struct ast_node *a0 = prm->u.param.attrs.v[0];
    assert_int_equal(a0->kind, AST_ATTRIBUTE);
    assert_int_equal(a0->u.attr.named.n, 3);
    assert_string_equal(a0->u.attr.named.v[0]->u.named_arg.name.s, "Mandatory");
    assert_null(a0->u.attr.named.v[0]->u.named_arg.value); /* meaning $true */
    assert_string_equal(sx(a0->u.attr.named.v[1]), "Position=0");
    assert_string_equal(sx(prm->u.param.attrs.v[1]), "[@ValidateSet 'Low' 'High']");
    assert_string_equal(sx(prm->u.param.attrs.v[2]), "[@Alias 'Level' 'L']");
    assert_string_equal(sx(prm->u.param.attrs.v[3]), "[@ValidateNotNullOrEmpty]");
    assert_int_equal(prm->u.param.attrs.v[4]->kind, AST_TYPE_CONSTRAINT);
    assert_string_equal(sx(prm->u.param.attrs.v[4]), "[string[]]");
    assert_string_equal(sx(prm->u.param.var), "$Quota");
    /* an attribute on an expression */
    u = parse_ok("[ValidateRange(1, 10)][int]$n = 5");
    const struct ast_node *s = stmt(u, 0);
    assert_int_equal(s->kind, AST_ASSIGN);
    assert_string_equal(sx(s->u.assign.lhs), "([@ValidateRange 1 10] ([int] $n))");
    /* an argument that is a script block or a type */
    u = parse_ok("param([ValidateScript({ $_ -gt 0 })]$x)");
    assert_string_equal(sx(u->root->u.script.param->u.param_block.params.v[0]->u.param.attrs.v[0]),
                        "[@ValidateScript {(-gt $_ 0)}]");
}

static void parse_script_param_block(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("#requires -Version 5\n"
                                    "[CmdletBinding()]\n"
                                    "param(\n"
                                    "  [Parameter(Mandatory)][string]$Server,\n"
                                    "  [int]$Days = 7\n"
                                    ")\n"
                                    "Get-X $Server");
    const struct ast_node *pb = u->root->u.script.param;
    assert_non_null(pb);
    assert_int_equal(pb->u.param_block.attrs.n, 1);
    assert_int_equal(pb->u.param_block.params.n, 2);
    assert_string_equal(sx(pb->u.param_block.params.v[1]->u.param.dflt), "7");
    assert_string_equal(sx(stmt(u, 0)), "(cmd Get-X $Server)");
    /* `param` as a plain word later in the script is a command */
    u = parse_ok("Get-X\nparam");
    assert_null(u->root->u.script.param);
    assert_int_equal(stmts_of(u->root)->n, 2);
}

static void parse_class(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok(
        "class Mailbox : Recipient, System.IComparable {\n"
        "  [string]$Name\n"
        "  [int]$SizeMB = 0\n"
        "  hidden [string]$Secret\n"
        "  static [int]$Count = 0\n"
        "  [ValidateNotNull()][string]$Db\n"
        "  Mailbox([string]$n) : base($n, 1) { $this.Name = $n }\n"
        "  Mailbox() { }\n"
        "  [string] ToString() { return $this.Name }\n"
        "  static [Mailbox] Create([string]$n) { return [Mailbox]::new($n) }\n"
        "  [int] CompareTo($o) { return 0 }\n"
        "}");
    const struct ast_node *c = stmt(u, 0);
    assert_int_equal(c->kind, AST_TYPE_DEF);
    assert_int_equal(c->u.typedef_.what, TYPEDEF_CLASS);
    assert_string_equal(c->u.typedef_.name.s, "Mailbox");
    assert_int_equal(c->u.typedef_.bases.n, 2);
    assert_string_equal(c->u.typedef_.bases.v[1]->u.type.name.s, "System.IComparable");
    assert_int_equal(c->u.typedef_.members.n, 10);
    const struct ast_node *const *m = (const struct ast_node *const *)c->u.typedef_.members.v;
    assert_int_equal(m[0]->kind, AST_PROPERTY);
    assert_string_equal(m[0]->u.prop.name.s, "Name");
    assert_string_equal(m[0]->u.prop.type->u.type.name.s, "string");
    assert_string_equal(sx(m[1]->u.prop.init), "0");
    assert_int_equal(m[2]->u.prop.flags, MEMBER_HIDDEN);
    assert_int_equal(m[3]->u.prop.flags, MEMBER_STATIC);
    assert_int_equal(m[4]->u.prop.attrs.n, 1);
    assert_int_equal(m[5]->kind, AST_METHOD);
    assert_int_equal(m[5]->u.method.flags, MEMBER_CONSTRUCTOR | MEMBER_BASE_CALL);
    assert_int_equal(m[5]->u.method.params.n, 1);
    assert_int_equal(m[5]->u.method.base_args.n, 2);
    assert_string_equal(sx(m[5]->u.method.base_args.v[0]), "$n");
    assert_int_equal(m[6]->u.method.flags, MEMBER_CONSTRUCTOR);
    assert_string_equal(m[7]->u.method.name.s, "ToString");
    assert_string_equal(m[7]->u.method.ret->u.type.name.s, "string");
    assert_int_equal(m[7]->u.method.flags, 0);
    assert_int_equal(m[8]->u.method.flags, MEMBER_STATIC);
    assert_string_equal(sx(stmts_of(m[8]->u.method.body)->v[0]->u.jump.pipeline),
                        "(::call [Mailbox] new $n)");
    /* a class with attributes; an empty class; members separated by ; */
    u = parse_ok("[NoRunspaceAffinity()] class A { }\nclass B { $x; $y = 2 }");
    c = stmt(u, 0);
    assert_int_equal(c->kind, AST_TYPE_DEF);
    assert_int_equal(c->u.typedef_.attrs.n, 1);
    assert_int_equal(c->u.typedef_.members.n, 0);
    assert_int_equal(stmt(u, 1)->u.typedef_.members.n, 2);
}

static void parse_enum(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("enum Color { Red; Green = 5\n Blue }\n"
                                    "[Flags()] enum Rights {\n Read = 1\n Write = 2\n All = 3\n}");
    const struct ast_node *e = stmt(u, 0);
    assert_int_equal(e->kind, AST_TYPE_DEF);
    assert_int_equal(e->u.typedef_.what, TYPEDEF_ENUM);
    assert_int_equal(e->u.typedef_.members.n, 3);
    assert_string_equal(e->u.typedef_.members.v[0]->u.prop.name.s, "Red");
    assert_null(e->u.typedef_.members.v[0]->u.prop.init);
    assert_string_equal(sx(e->u.typedef_.members.v[1]->u.prop.init), "5");
    e = stmt(u, 1);
    assert_string_equal(e->u.typedef_.name.s, "Rights");
    assert_int_equal(e->u.typedef_.attrs.n, 1);
    assert_string_equal(sx(e->u.typedef_.attrs.v[0]), "[@Flags]");
    assert_int_equal(e->u.typedef_.members.n, 3);
    /* an underlying type */
    u = parse_ok("enum Small : byte { A }");
    assert_string_equal(stmt(u, 0)->u.typedef_.bases.v[0]->u.type.name.s, "byte");
}

static void parse_using(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("using namespace System.Text\n"
                                    "using module ActiveDirectory\n"
                                    "using assembly System.Web\n"
                                    "[StringBuilder]::new()");
    const struct ast_list *us = &u->root->u.script.usings;
    assert_int_equal(us->n, 3);
    assert_int_equal(us->v[0]->kind, AST_USING);
    assert_int_equal(us->v[0]->u.using_.what, USING_NAMESPACE);
    assert_string_equal(sx(us->v[0]->u.using_.name), "System.Text");
    assert_int_equal(us->v[1]->u.using_.what, USING_MODULE);
    assert_int_equal(us->v[2]->u.using_.what, USING_ASSEMBLY);
    assert_string_equal(sx(stmt(u, 0)), "(::call [StringBuilder] new)");
    u = parse_ok("using namespace SCG = System.Collections.Generic");
    const struct ast_node *n = u->root->u.script.usings.v[0];
    assert_string_equal(sx(n->u.using_.alias), "SCG");
    assert_string_equal(sx(n->u.using_.name), "System.Collections.Generic");
    u = parse_ok("USING Module './My Module.psm1'");
    assert_string_equal(sx(u->root->u.script.usings.v[0]->u.using_.name), "'./My Module.psm1'");
}

static void parse_data_sections(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("data Text { ConvertFrom-StringData 'a = b' }");
    const struct ast_node *d = stmt(u, 0);
    assert_int_equal(d->kind, AST_DATA);
    assert_string_equal(d->u.data.var.s, "Text");
    assert_int_equal(d->u.data.commands.n, 0);
    assert_string_equal(sx(d->u.data.body), "{(cmd ConvertFrom-StringData 'a = b')}");
    u = parse_ok("data -SupportedCommand Format-Date, Get-Thing {\n Format-Date\n}");
    d = stmt(u, 0);
    assert_int_equal(d->u.data.var.n, 0);
    assert_int_equal(d->u.data.commands.n, 2);
    assert_string_equal(sx(d->u.data.commands.v[1]), "Get-Thing");
    u = parse_ok("$t = data { 'x' }");
    assert_int_equal(stmt(u, 0)->u.assign.rhs->kind, AST_DATA);
}

static void parse_requires(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("#Requires -Version 5.1\n"
                                    "#requires -Modules ActiveDirectory, @{ModuleName='X'; ModuleVersion='1.0'}   \n"
                                    "# requires is only a comment here\n"
                                    "Get-X\n"
                                    "#REQUIRES -RunAsAdministrator");
    assert_int_equal(u->nrequires, 3);
    assert_string_equal(u->requires[0].s, "-Version 5.1");
    assert_string_equal(u->requires[1].s,
                        "-Modules ActiveDirectory, @{ModuleName='X'; ModuleVersion='1.0'}");
    assert_string_equal(u->requires[2].s, "-RunAsAdministrator");
    assert_int_equal(u->ncomments, 4);
    u = parse_ok("Get-X # no requires");
    assert_int_equal(u->nrequires, 0);
    assert_null(u->requires);
}

/* The text of a help span, for comparison. */
static const char *span(const struct parse_unit *u, uint32_t s, uint32_t e)
{
    static char buf[512];
    size_t n = e - s < sizeof buf - 1 ? e - s : sizeof buf - 1;
    memcpy(buf, u->src + s, n);
    buf[n] = '\0';
    return buf;
}

static void parse_help_comments(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("<#\n.SYNOPSIS\nThe script.\n#>\n"
                                    "param($a)\n"
                                    "\n"
                                    "# .SYNOPSIS\n"
                                    "# Before f.\n"
                                    "function f { 1 }\n"
                                    "function g {\n"
                                    "  <#\n  .DESCRIPTION\n  Inside g.\n  #>\n"
                                    "  param($x)\n"
                                    "}\n"
                                    "# just a comment\n"
                                    "function h { 1 }\n");
    assert_string_equal(span(u, u->root->u.script.help_start, u->root->u.script.help_end),
                        "<#\n.SYNOPSIS\nThe script.\n#>");
    const struct ast_node *f = stmt(u, 0);
    assert_string_equal(span(u, f->u.func.help_start, f->u.func.help_end),
                        "# .SYNOPSIS\n# Before f.");
    const struct ast_node *g = stmt(u, 1);
    assert_string_equal(span(u, g->u.func.help_start, g->u.func.help_end),
                        "<#\n  .DESCRIPTION\n  Inside g.\n  #>");
    const struct ast_node *h = stmt(u, 2);
    assert_int_equal(h->u.func.help_end, h->u.func.help_start); /* none */
    /* help at the end of the body */
    u = parse_ok("function k {\n 1\n <#\n .SYNOPSIS\n At the end.\n #>\n}");
    f = stmt(u, 0);
    assert_true(f->u.func.help_end > f->u.func.help_start);
    assert_non_null(strstr(span(u, f->u.func.help_start, f->u.func.help_end), "At the end."));
    /* a comment without help keywords is not help */
    u = parse_ok("<# just words #>\nGet-X");
    assert_int_equal(u->root->u.script.help_end, u->root->u.script.help_start);
}

/* }======================================================= */

/*
** {======================================================= commands
*/

static void parse_argument_mode(void **state)
{
    (void)state;
    SX("Write-Output 2+2", "(cmd Write-Output 2+2)");
    SX("Write-Output (2+2)", "(cmd Write-Output (paren (+ 2 2)))");
    SX("Write-Output $(2+2)", "(cmd Write-Output $((+ 2 2)))");
    SX("Write-Output -Name:value -Flag -Count:3", "(cmd Write-Output -Name:value -Flag -Count:3)");
    SX("Get-X -Name:$v", "(cmd Get-X -Name:$v)");
    SX("Get-X -Name: $v", "(cmd Get-X -Name:$v)");
    SX("Write-Output 42 -7 1.5 0x10 $x", "(cmd Write-Output 42 -7 1.5 0x10 $x)");
    SX("Write-Output $x.Name $x[0] $x.Do(1)",
       "(cmd Write-Output (. $x Name) ([] $x 0) (.call $x Do 1))");
    SX("Write-Output $x .Name", "(cmd Write-Output $x .Name)");
    SX("Write-Output a,b c", "(cmd Write-Output (, a b) c)");
    SX("Write-Output 'a' \"b $c\"", "(cmd Write-Output 'a' (expand b  $c))");
    SX("Write-Output a$b.txt", "(cmd Write-Output (expand a $b .txt))");
    SX("Get-Item C:\\x\\y.txt", "(cmd Get-Item C:\\x\\y.txt)");
    SX("Get-X -eq 1", "(cmd Get-X -eq 1)");
    SX("Get-X { 1 } @{ a = 1 } @(1)", "(cmd Get-X {1} @{a=1} @(1))");
    SX("cmd.exe /c dir", "(cmd cmd.exe /c dir)");
    SX("git log --oneline", "(cmd git log --oneline)");
    SX("Write-Output -", "(cmd Write-Output -)");
    /* --% passes the rest of the line verbatim */
    SX("icacls.exe X --% /grant Users:(F) \"$x\"",
       "(cmd icacls.exe X %%/grant Users:(F) \"$x\")");
    SX("a --% b | c", "(| (cmd a %%b) (cmd c))");
    /* a keyword is a plain word in argument position */
    SX("Write-Output if else foreach", "(cmd Write-Output if else foreach)");

    /* expandable words and their parts */
    struct parse_unit *u = parse_ok("Write-Output \"a $x b\"");
    const struct ast_node *e = must_find(u->root, AST_EXPANDABLE, 0);
    assert_int_equal(e->u.expandable.how, STR_DOUBLE);
    assert_int_equal(e->u.expandable.parts.n, 3);
    /* a parameter's name is cooked (no dash, no colon) */
    u = parse_ok("Get-X -Identity:a");
    const struct ast_node *cp = must_find(u->root, AST_COMMAND_PARAM, 0);
    assert_string_equal(cp->u.cmdparam.name.s, "Identity");
    assert_true(cp->u.cmdparam.colon);
}

static void parse_invocation_operators(void **state)
{
    (void)state;
    SX("& $cmd -a 1", "(cmd& $cmd -a 1)");
    SX("& 'C:\\Program Files\\x.exe' /q", "(cmd& 'C:\\Program Files\\x.exe' /q)");
    SX("& { param($x) $x } 5", "(cmd& {$x} 5)");
    SX(". ./helpers.ps1", "(cmd. ./helpers.ps1)");
    SX(". $PSScriptRoot\\lib.ps1", "(cmd. (expand $PSScriptRoot \\lib.ps1))");
    SX("&$cmd", "(cmd& $cmd)");
    SX("& (Get-Command x) 1", "(cmd& (paren (cmd Get-Command x)) 1)");
    SX("$x | & $f", "(| $x (cmd& $f))");
    SX(".\\script.ps1 -Verbose", "(cmd .\\script.ps1 -Verbose)");
}

static void parse_splatting(void **state)
{
    (void)state;
    SX("Get-X @params", "(cmd Get-X @params)");
    SX("Get-X @params -Extra 1 @more", "(cmd Get-X @params -Extra 1 @more)");
    SX("$params = @{ Identity = 'x'; ResultSize = 'Unlimited' }",
       "(= $params @{Identity='x'; ResultSize='Unlimited'})");
    struct parse_unit *u = parse_ok("Get-X @p");
    const struct ast_node *v = must_find(u->root, AST_VARIABLE, 0);
    assert_true(v->u.var.splat);
    assert_string_equal(v->u.var.name.s, "p");
}

static void parse_redirections(void **state)
{
    (void)state;
    SX("a > out.txt", "(cmd a (1> out.txt))");
    SX("a >> out.txt", "(cmd a (1>> out.txt))");
    SX("a 2> err.txt", "(cmd a (2> err.txt))");
    SX("a 2>> err.txt", "(cmd a (2>> err.txt))");
    SX("a 2>&1", "(cmd a 2>&1)");
    SX("a 3>&1 4>&1 5>&1 6>&1", "(cmd a 3>&1 4>&1 5>&1 6>&1)");
    SX("a *> all.txt", "(cmd a (*> all.txt))");
    SX("a *>> all.txt", "(cmd a (*>> all.txt))");
    SX("a *>&1", "(cmd a *>&1)");
    SX("a 2>$null", "(cmd a (2> $null))");
    SX("a 3> warn.txt", "(cmd a (3> warn.txt))");
    SX("a >$f", "(cmd a (1> $f))");
    SX("a x 2>&1 > out.txt y", "(cmd a x y 2>&1 (1> out.txt))");
    SX("a > \"$dir\\log.txt\"", "(cmd a (1> (expand $dir \\log.txt)))");
    /* after an expression */
    SX("$x > out.txt", "(expr $x (1> out.txt))");
    SX("1 2>&1 | b", "(| (expr 1 2>&1) (cmd b))");
    /* in a pipeline */
    SX("a 2>&1 | b > c", "(| (cmd a 2>&1) (cmd b (1> c)))");
}

static void parse_chains_and_background(void **state)
{
    (void)state;
    SX("a && b", "(&& (cmd a) (cmd b))");
    SX("a || b", "(|| (cmd a) (cmd b))");
    SX("a && b || c", "(|| (&& (cmd a) (cmd b)) (cmd c))");
    SX("a | b && c", "(&& (| (cmd a) (cmd b)) (cmd c))");
    SX("a &&\n b", "(&& (cmd a) (cmd b))");
    SX("a &", "(|& (cmd a))");
    SX("a | b &", "(|& (cmd a) (cmd b))");
    SX("a && b &", "(&&& (cmd a) (cmd b))");
    /* & ends its statement, as in PowerShell 7 */
    SX("a & b", "(|& (cmd a)); (cmd b)");
    SX("a & b & c", "(|& (cmd a)); (|& (cmd b)); (cmd c)");
    SX("$x = a && b", "(= $x (&& (cmd a) (cmd b)))");
    SX("Test-Path x && 'yes'", "(&& (cmd Test-Path x) 'yes')");
    /* cases from PowerShell's own pipeline chain tests */
    SX("$x = 1 && @(2, 3)", "(= $x (&& 1 @((, 2 3))))");
    SX("'hello' && Get-Item x || 'there'; 'hello' || 'there'",
       "(|| (&& 'hello' (cmd Get-Item x)) 'there'); (|| 'hello' 'there')");
    SX("$x, $y = $z = a && b", "(= (, $x $y) (= $z (&& (cmd a) (cmd b))))");
    SX("1,2 | f && g", "(&& (| (, 1 2) (cmd f)) (cmd g))");
    SX("(a && b) > out.txt", "(expr (paren (&& (cmd a) (cmd b))) (1> out.txt))");
    SX("a || $(break)", "(|| (cmd a) $(<Break>))");
    struct parse_unit *u = parse_ok("if ($y = $x = 'Hello' && f) { 1 }");
    assert_string_equal(sx(stmt(u, 0)->u.if_.conds.v[0]), "(= $y (= $x (&& 'Hello' (cmd f))))");
    /* and the invalid ones: exactly one error each */
    static const struct {
        const char *src;
        enum perr_id id;
        bool incomplete;
    } bad[] = {
        {"a & && b", PERR_BackgroundOperatorInPipelineChain, false},
        {"a && ", PERR_EmptyPipelineChainElement, true},
        {"a && b && &", PERR_MissingExpression, true},
    };
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(bad); i++) {
        u = parse(bad[i].src);
        if (u->nerrors != 1 || u->errors[0].id != bad[i].id || u->incomplete != bad[i].incomplete) {
            print_error("%s: %u errors, incomplete %d\n%s", bad[i].src, u->nerrors, u->incomplete,
                        errors_text(u));
            fail();
        }
    }
}

/* }======================================================= */

/*
** {======================================================= expressions
*/

static void expr_precedence(void **state)
{
    (void)state;
    static const struct {
        const char *src, *want;
    } cases[] = {
        /* multiplicative over additive, left to right */
        {"1 + 2 * 3", "(+ 1 (* 2 3))"},
        {"1 * 2 + 3", "(+ (* 1 2) 3)"},
        {"1 - 2 - 3", "(- (- 1 2) 3)"},
        {"8 / 4 / 2", "(/ (/ 8 4) 2)"},
        {"7 % 4 * 2", "(* (% 7 4) 2)"},
        /* logical < bitwise < comparison */
        {"$a -and $b -or $c", "(-or (-and $a $b) $c)"},
        {"$a -or $b -and $c", "(-and (-or $a $b) $c)"},
        {"$a -xor $b", "(-xor $a $b)"},
        {"1 -band 2 -eq 2", "(-band 1 (-eq 2 2))"},
        {"1 -bor 2 -band 3", "(-band (-bor 1 2) 3)"},
        {"1 -eq 1 -and 2 -eq 2", "(-and (-eq 1 1) (-eq 2 2))"},
        {"$a -band 1 -or $b", "(-or (-band $a 1) $b)"},
        /* comparison < ?? < additive */
        {"$a -eq $b ?? $c", "(-eq $a (?? $b $c))"},
        {"$a ?? $b + 1", "(?? $a (+ $b 1))"},
        {"$a ?? $b ?? $c", "(?? (?? $a $b) $c)"},
        /* comparison < additive; comparisons chain left to right */
        {"1 + 1 -eq 2", "(-eq (+ 1 1) 2)"},
        {"1 -lt 2 -lt 3", "(-lt (-lt 1 2) 3)"},
        {"$a -like 'x*' -and $b -notmatch 'y'", "(-and (-like $a 'x*') (-notmatch $b 'y'))"},
        /* -f over multiplicative, .. over -f */
        {"'{0}' -f 1 + 2", "(+ (-f '{0}' 1) 2)"},
        {"2 * '{0}' -f 3", "(* 2 (-f '{0}' 3))"},
        {"'{0}{1}' -f 1..2", "(-f '{0}{1}' (.. 1 2))"},
        {"1..3 * 2", "(* (.. 1 3) 2)"},
        {"1..$n + 1", "(+ (.. 1 $n) 1)"},
        /* unary binds tighter than any binary operator */
        {"-not $a -eq $b", "(-eq (-not $a) $b)"},
        {"!$a -and $b", "(-and (! $a) $b)"},
        {"-$a + 1", "(+ (- $a) 1)"},
        {"-1..3", "(.. (- 1) 3)"},
        {"1 - -1", "(- 1 (- 1))"},
        {"-bnot 5 -band 3", "(-band (-bnot 5) 3)"},
        {"+$a * 2", "(* (+ $a) 2)"},
        {"-not -not $a", "(-not (-not $a))"},
        /* comma binds tighter than binary operators */
        {"1,2 + 3", "(+ (, 1 2) 3)"},
        {"1, 2, 3 -join ','", "(-join (, 1 2 3) ',')"},
        {"$a -in 1,2", "(-in $a (, 1 2))"},
        {"'a' -replace 'x','y'", "(-replace 'a' (, 'x' 'y'))"},
        {",1", "(, 1)"},
        {",(1,2)", "(, (paren (, 1 2)))"},
        {", 1 + 2", "(+ (, 1) 2)"},
        /* casts are unary */
        {"[int]$a + 1", "(+ ([int] $a) 1)"},
        {"[int]-1", "([int] (- 1))"},
        {"[string][int]'5'", "([string] ([int] '5'))"},
        {"-[int]'5'", "(- ([int] '5'))"},
        /* parentheses */
        {"(1 + 2) * 3", "(* (paren (+ 1 2)) 3)"},
        {"-(1 + 2)", "(- (paren (+ 1 2)))"},
    };
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(cases); i++)
        SX(cases[i].src, cases[i].want);
}

static void expr_unary_operators(void **state)
{
    (void)state;
    SX("-split 'a b'", "(-split 'a b')");
    SX("-split $s -join ','", "(-join (-split $s) ',')");
    SX("-join $parts", "(-join $parts)");
    SX("-join ('a', 'b')", "(-join (paren (, 'a' 'b')))");
    SX("-isplit 'a b'", "(-isplit 'a b')");
    SX("-csplit 'a b'", "(-csplit 'a b')");
    SX("'a,b' -split ','", "(-split 'a,b' ',')");
    SX("'a,b' -split ',', 2", "(-split 'a,b' (, ',' 2))");
    SX("$a -join ', '", "(-join $a ', ')");
    SX("++$i", "(++ $i)");
    SX("--$i", "(-- $i)");
    SX("$i++", "(post++ $i)");
    SX("$i--", "(post-- $i)");
    SX("$a.Count++", "(post++ (. $a Count))");
    SX("$a[0]--", "(post-- ([] $a 0))");
    SX("!$true", "(! $true)");
    SX("-not\n$a", "(-not $a)");
    SX("-bnot 0xFF", "(-bnot 0xFF)");
    SX("- 1", "(- 1)");
}

static void expr_comparison_family(void **state)
{
    (void)state;
    /* every binary dash operator, plain and with i/c prefixes, in any case */
    int n = 0;
    for (int op = 1; op < OP__COUNT; op++) {
        unsigned f = op_flags((enum ast_op)op);
        if (!(f & OPF_B) || !(f & OPF_D))
            continue;
        char src[80], want[80];
        snprintf(src, sizeof src, "$a %s $b", op_spelling((enum ast_op)op));
        snprintf(want, sizeof want, "(%s $a $b)", op_spelling((enum ast_op)op));
        SX(src, want);
        struct parse_unit *u = parse_ok(src);
        assert_int_equal(expr_of(stmt(u, 0))->u.binary.op, op);
        n++;
    }
    assert_true(n >= 60);
    /* upper case operators are the same operators */
    struct parse_unit *u = parse_ok("$a -CEQ $b -AND $c -iLike 'x'");
    const struct ast_node *e = expr_of(stmt(u, 0));
    assert_int_equal(e->u.binary.op, OP_AND);
    assert_int_equal(e->u.binary.lhs->u.binary.op, OP_CEQ);
    assert_int_equal(e->u.binary.rhs->u.binary.op, OP_ILIKE);
    SX("$a -is [int]", "(-is $a [int])");
    SX("$a -isnot [string[]]", "(-isnot $a [string[]])");
    SX("$a -as [int] -eq 5", "(-eq (-as $a [int]) 5)");
    SX("1 -shl 2 -shr 1", "(-shr (-shl 1 2) 1)");
    SX("$a -band $b -bor $c -bxor $d", "(-bxor (-bor (-band $a $b) $c) $d)");
    SX("$a -and\n$b", "(-and $a $b)");
}

static void expr_types(void **state)
{
    (void)state;
    SX("[int]'42'", "([int] '42')");
    SX("[int]", "[int]");
    SX("[string[]]$a", "([string[]] $a)");
    SX("[int[,]]$m", "([int[,]] $m)");
    SX("[System.Collections.Generic.List[string]]::new()",
       "(::call [System.Collections.Generic.List[string]] new)");
    SX("[System.Collections.Generic.Dictionary[string, int]]$d",
       "([System.Collections.Generic.Dictionary[string,int]] $d)");
    SX("[Dictionary[string, List[int]]]$d", "([Dictionary[string,List[int]]] $d)");
    SX("[List[string][]]$x", "([List[string][]] $x)");
    SX("[Func[[int], [string]]]$f", "([Func[int,string]] $f)");
    SX("[int]::MaxValue", "(:: [int] MaxValue)");
    SX("[math]::Round($x, 2)", "(::call [math] Round $x 2)");
    SX("[DateTime]::Now.AddDays(-1)", "(.call (:: [DateTime] Now) AddDays (- 1))");
    SX("[Environment+SpecialFolder]::Desktop", "(:: [Environment+SpecialFolder] Desktop)");
    SX("[ordered]@{ a = 1 }", "([ordered] @{a=1})");
    SX("[pscustomobject]@{ Name = 'x' }", "([pscustomobject] @{Name='x'})");
    SX("[type]$t = [int]", "(= ([type] $t) [int])");
    SX("$x -as [System.IO.FileInfo]", "(-as $x [System.IO.FileInfo])");
    SX("[void]$list.Add(1)", "([void] (.call $list Add 1))");
    SX("[ int ]$x", "([int] $x)");
    /* a type name as a command argument stays a word */
    SX("Write-Output [int]", "(cmd Write-Output [int])");
}

static void expr_members(void **state)
{
    (void)state;
    SX("$o.Name", "(. $o Name)");
    SX("$o.Name.Length", "(. (. $o Name) Length)");
    SX("$o.Trim()", "(.call $o Trim)");
    SX("$o.Replace('a', 'b')", "(.call $o Replace 'a' 'b')");
    SX("$o.Method(\n 1,\n 2\n)", "(.call $o Method 1 2)");
    SX("$o.$name", "(. $o $name)");
    SX("$o.$name()", "(.call $o $name)");
    SX("$o.'odd name'", "(. $o 'odd name')");
    SX("$o.\"$p\"", "(. $o (expand $p))");
    SX("$o.($a + 'x')", "(. $o (paren (+ $a 'x')))");
    SX("$o.$($n)", "(. $o $($n))");
    SX("$a.b.c()", "(.call (. $a b) c)");
    SX("$a.b().c", "(. (.call $a b) c)");
    SX("(Get-Date).Year", "(. (paren (cmd Get-Date)) Year)");
    SX("$a::Member", "(:: $a Member)");
    SX("'abc'.Length", "(. 'abc' Length)");
    SX("@(1, 2).Count", "(. @((, 1 2)) Count)");
    SX("$a.Where({ $_ })", "(.call $a Where {$_})");
    /* no member access across a space: two arguments in argument mode */
    SX("Write-Output $a .b", "(cmd Write-Output $a .b)");
    SX("$env:Path.Split(';')", "(.call $env:Path Split ';')");
}

static void expr_index(void **state)
{
    (void)state;
    SX("$a[0]", "([] $a 0)");
    SX("$a[-1]", "([] $a (- 1))");
    SX("$a[1..3]", "([] $a (.. 1 3))");
    SX("$a[0, 2, 4]", "([] $a (, 0 2 4))");
    SX("$a[0][1]", "([] ([] $a 0) 1)");
    SX("$h['key']", "([] $h 'key')");
    SX("$h[$k].Name", "(. ([] $h $k) Name)");
    SX("$a[$i + 1]", "([] $a (+ $i 1))");
    SX("$a[\n 0\n]", "([] $a 0)");
    SX("(1, 2, 3)[1]", "([] (paren (, 1 2 3)) 1)");
    SX("$a.b[0].c", "(. ([] (. $a b) 0) c)");
    /* a space before [ ends the expression */
    SX("Write-Output $a [0]", "(cmd Write-Output $a [0])");
}

static void expr_groupings(void **state)
{
    (void)state;
    SX("@()", "@()");
    SX("@(1)", "@(1)");
    SX("@(Get-X; Get-Y)", "@((cmd Get-X); (cmd Get-Y))");
    SX("@(\n 1\n 2\n)", "@(1; 2)");
    SX("$()", "$()");
    SX("$(Get-X | Sort)", "$((| (cmd Get-X) (cmd Sort)))");
    SX("$(1; 2)", "$(1; 2)");
    SX("@{}", "@{}");
    SX("@{ a = 1; 'b c' = 2; 3 = 'x'; $k = $v }", "@{a=1; 'b c'=2; 3='x'; $k=$v}");
    SX("@{\n a = 1\n b = Get-X\n}", "@{a=1; b=(cmd Get-X)}");
    SX("@{ a = @{ b = 1 } }", "@{a=@{b=1}}");
    SX("@{ Name = 'x'; Expression = { $_.Size } }", "@{Name='x'; Expression={(. $_ Size)}}");
    SX("@{ a-b = 1 }", "@{a-b=1}");
    SX("{ }", "{}");
    SX("{ param($x) $x * 2 }", "{(* $x 2)}");
    SX("{ $_ }.Invoke()", "(.call {$_} Invoke)");
    SX("(1)", "(paren 1)");
    SX("(Get-X)", "(paren (cmd Get-X))");
    SX("(Get-X | Sort)", "(paren (| (cmd Get-X) (cmd Sort)))");
    SX("($a = 5)", "(paren (= $a 5))");
    SX("(\n 1 +\n 2\n)", "(paren (+ 1 2))");
    SX("(a && b)", "(paren (&& (cmd a) (cmd b)))");
}

static void expr_ternary_and_null_operators(void **state)
{
    (void)state;
    SX("$a ? 1 : 2", "(? $a 1 2)");
    SX("$a -gt 1 ? 'big' : 'small'", "(? (-gt $a 1) 'big' 'small')");
    SX("$a ? $b ? 1 : 2 : 3", "(? $a (? $b 1 2) 3)");
    SX("$a ? 1 : $b ? 2 : 3", "(? $a 1 (? $b 2 3))");
    SX("$x = $a ?\n 1 :\n 2", "(= $x (? $a 1 2))");
    SX("$a ?? 'default'", "(?? $a 'default')");
    SX("$a ?\?= 5", "(?\?= $a 5)");
    SX("${a}?.Name", "(?. ${a} Name)");
    SX("${a}?.Go()", "(?.call ${a} Go)");
    SX("${a}?[0]", "(?[] ${a} 0)");
    SX("$a.b?.c?[1]", "(?[] (?. (. $a b) c) 1)");
    SX("(Get-X)?.Name", "(?. (paren (cmd Get-X)) Name)");
    SX("${a}?.b ?? 'none'", "(?? (?. ${a} b) 'none')");
    /* ? is a variable name character: $a?.b is the variable a? */
    SX("$a?.b", "(. $a? b)");
    SX("$a?[0]", "([] $a? 0)");
}

static void expr_literals(void **state)
{
    (void)state;
    struct parse_unit *u = parse_ok("42; 0x10; 1.5; 1e3; 10l; 2.5d; 1kb; 5u; 0xFFFFFFFF");
    static const enum num_kind kinds[] = {NUM_INT32, NUM_INT32, NUM_DOUBLE, NUM_DOUBLE, NUM_INT64,
                                          NUM_DECIMAL, NUM_INT32, NUM_UINT32, NUM_INT32};
    static const int64_t ints[] = {42, 16, 0, 0, 10, 0, 1024, 5, -1};
    for (uint32_t i = 0; i < EMSH_ARRAY_SIZE(kinds); i++) {
        const struct ast_node *nn = expr_of(stmt(u, i));
        assert_int_equal(nn->kind, AST_NUMBER);
        assert_int_equal(nn->u.number.value.kind, kinds[i]);
        if (ints[i])
            assert_int_equal(nn->u.number.value.i, ints[i]);
    }
    assert_true(expr_of(stmt(u, 2))->u.number.value.d == 1.5);
    assert_true(expr_of(stmt(u, 3))->u.number.value.d == 1000.0);

    u = parse_ok("'single'; \"double\"; @'\nhere\n'@; @\"\nhere $x\n\"@; \"plain\"");
    const struct ast_node *s0 = expr_of(stmt(u, 0));
    assert_int_equal(s0->kind, AST_STRING);
    assert_int_equal(s0->u.string.how, STR_SINGLE);
    assert_string_equal(s0->u.string.value.s, "single");
    assert_int_equal(expr_of(stmt(u, 1))->u.string.how, STR_DOUBLE);
    assert_int_equal(expr_of(stmt(u, 2))->u.string.how, STR_HERE_SINGLE);
    assert_string_equal(expr_of(stmt(u, 2))->u.string.value.s, "here");
    const struct ast_node *h = expr_of(stmt(u, 3));
    assert_int_equal(h->kind, AST_EXPANDABLE);
    assert_int_equal(h->u.expandable.how, STR_HERE_DOUBLE);
    /* a double-quoted string without expansions is a plain string */
    assert_int_equal(expr_of(stmt(u, 4))->kind, AST_STRING);

    SX("\"a `\"q`\" `$x ``\"", "\"a \"q\" $x `\"");
    SX("'it''s'", "'it's'");
    SX("$x = 5.", "(= $x 5.)");
    SX("1.5.ToString()", "(.call 1.5 ToString)");
    SX("(1).GetType()", "(.call (paren 1) GetType)");
    SX("\"He said \"\"hi\"\"\"", "\"He said \"hi\"\"");
    SX("\"$a$b\"", "(expand $a $b)");
    /* more parts than the parser holds inline */
    SX("\"$a,$b,$c,$d,$e,$f,$g,$h,$i\"", "(expand $a , $b , $c , $d , $e , $f , $g , $h , $i)");
    SX("\"Total: $($x.Count) items\"", "(expand Total:  $((. $x Count))  items)");
    /* more $( ) than the lexer remembers the ends of, and nested ones */
    SX("\"$(1)$(2)$(3)$(4)$(5)$(6)$(7)$(8)$(9)$(\"$(10)\")\"",
       "(expand $(1) $(2) $(3) $(4) $(5) $(6) $(7) $(8) $(9) $((expand $(10))))");
    SX("\"$env:COMPUTERNAME\\$user\"", "(expand $env:COMPUTERNAME \\ $user)");
    SX("\"${a b}!\"", "(expand ${a b} !)");
    SX("\"cost: $5\"", "(expand cost:  $5)");
    SX("\"nested $(\"inner $(1 + 1)\")\"", "(expand nested  $((expand inner  $((+ 1 1)))))");
    /* a subexpression inside a string is parsed */
    u = parse_ok("\"x $(Get-X | Sort) y\"");
    const struct ast_node *sub = must_find(u->root, AST_SUBEXPR, 0);
    assert_string_equal(sx(sub), "$((| (cmd Get-X) (cmd Sort)))");
    assert_int_equal(sub->start, 3);
    /* variables */
    u = parse_ok("$x; ${any name}; $env:PATH; $script:n; $global:g; $_; $?; $^; $$; $using:v");
    assert_string_equal(expr_of(stmt(u, 1))->u.var.name.s, "any name");
    assert_true(expr_of(stmt(u, 1))->u.var.braced);
    assert_string_equal(expr_of(stmt(u, 2))->u.var.name.s, "env:PATH");
    assert_int_equal(expr_of(stmt(u, 2))->u.var.scope_len, 4);
    assert_int_equal(expr_of(stmt(u, 3))->u.var.scope_len, 7);
    assert_string_equal(expr_of(stmt(u, 5))->u.var.name.s, "_");
    assert_string_equal(expr_of(stmt(u, 6))->u.var.name.s, "?");
    assert_string_equal(expr_of(stmt(u, 7))->u.var.name.s, "^");
    assert_string_equal(expr_of(stmt(u, 8))->u.var.name.s, "$");
    assert_string_equal(expr_of(stmt(u, 9))->u.var.name.s, "using:v");
}

static void layout_continuations_and_newlines(void **state)
{
    (void)state;
    SX("Get-Mailbox `\n  -Identity x `\n  -ResultSize 10",
       "(cmd Get-Mailbox -Identity x -ResultSize 10)");
    SX("$a = 1 + `\n 2", "(= $a (+ 1 2))");
    SX("$a = 1 +\n 2", "(= $a (+ 1 2))");
    SX("$a = 1 -eq\n\n 1", "(= $a (-eq 1 1))");
    SX("Get-X |\n Sort |\n\n Select -First 1",
       "(| (cmd Get-X) (cmd Sort) (cmd Select -First 1))");
    SX("Get-X | # why\n Sort", "(| (cmd Get-X) (cmd Sort))");
    SX("$a = @(\n 1,\n 2\n)", "(= $a @((, 1 2)))");
    SX("$a = 1,\n 2", "(= $a (, 1 2))");
    SX("f (\n 1\n)", "(cmd f (paren 1))");
    SX("Get-X # comment\nGet-Y <# block #> -a", "(cmd Get-X); (cmd Get-Y -a)");
    SX("$x = <# c #> 5", "(= $x 5)");
    SX("a\r\nb\r\n", "(cmd a); (cmd b)");
    /* PowerShell 7: a line that starts with | goes on with the pipeline */
    SX("Get-X\n  | Sort\n  | Select", "(| (cmd Get-X) (cmd Sort) (cmd Select))");
    SX("1..3\n  # comment\n  | % { $_ }", "(| (.. 1 3) (cmd % {$_}))");
    SX("$r = Get-X\n | Sort", "(= $r (| (cmd Get-X) (cmd Sort)))");
    SX("Get-X\n |\n Sort", "(| (cmd Get-X) (cmd Sort))");
    /* a newline ends a statement otherwise */
    SX("$a = 1\n+ 2", "(= $a 1); (+ 2)");
    SX("Get-X\n-Name y", "(cmd Get-X); (cmd -Name y)");
}

static void layout_bom_shebang_unicode(void **state)
{
    (void)state;
    SX("\xEF\xBB\xBFGet-X", "(cmd Get-X)");
    SX("#!/usr/bin/env pwsh\nGet-X", "(cmd Get-X)");
    /* pasted text: en/em dashes and smart quotes mean their ASCII forms */
    struct parse_unit *u = parse_ok("Get-Mailbox \xE2\x80\x93Identity \xE2\x80\x98x\xE2\x80\x99");
    struct buf a = BUF_INIT;
    sx_stmts(&a, stmts_of(u->root));
    assert_string_equal(buf_cstr(&a), "(cmd Get-Mailbox -Identity 'x')");
    u = parse_ok("Get-Mailbox -Identity 'x'");
    struct buf b = BUF_INIT;
    sx_stmts(&b, stmts_of(u->root));
    assert_string_equal(buf_cstr(&a), buf_cstr(&b));
    buf_release(&a);
    buf_release(&b);
    SX("Set-X \xE2\x80\x94" "Force \xE2\x80\x9C" "v $y\xE2\x80\x9D", "(cmd Set-X -Force (expand v  $y))");
    SX("$a \xE2\x80\x93" "eq 1", "(-eq $a 1)");
    SX("$a \xE2\x80\x93" "gt 1 \xE2\x80\x93" "and $b", "(-and (-gt $a 1) $b)");
    SX("$a\xC2\xA0=\xC2\xA0" "1", "(= $a 1)");
    SX("\xE2\x80\x98it\xE2\x80\x99\xE2\x80\x99s\xE2\x80\x99", "'it\xE2\x80\x99s'");
}

/* }======================================================= */

/*
** {======================================================= extents
*/

static void extents_are_nested_and_exact(void **state)
{
    (void)state;
    /* every node inside its parent, over a script with most constructs */
    struct parse_unit *u = parse_ok(
        "using namespace System\n"
        "[CmdletBinding()] param([string]$a = 'x')\n"
        "function f([int]$n) { begin { } process { $_ | % { $n * 2 } } }\n"
        "class C : B { [int]$p = 1; C() : base() { } [void] M([int]$x) { $this.p += $x } }\n"
        "enum E { A = 1; B }\n"
        ":l foreach ($i in 1..3) { if ($i -eq 2) { continue l } elseif ($i) { } else { } }\n"
        "switch -Regex ($a) { 'x' { 1 } default { 2 } }\n"
        "try { throw 'x' } catch [Exception] { $_ } finally { }\n"
        "$h = [ordered]@{ k = \"v $($a.Length)\"; l = @(1, 2)[0] }\n"
        "Get-X -Name:$a @p 2>&1 > out.txt && Get-Y || Get-Z\n"
        "$x = $a ? ${b}?.c : $d ?? -not $e\n");
    struct extent_ctx e = {u->root, 0};
    each_child(u->root, extent_visit, &e);
    assert_int_equal(e.bad, 0);
    assert_int_equal(u->root->start, 0);
    assert_int_equal(u->root->end, u->len);

    /* exact extents of a few nodes */
    u = parse_ok("  $abc.Def(1) + 2");
    const struct ast_node *bin = expr_of(stmt(u, 0));
    assert_int_equal(bin->start, 2);
    assert_int_equal(bin->end, 17);
    const struct ast_node *inv = bin->u.binary.lhs;
    assert_int_equal(inv->kind, AST_INVOKE);
    assert_int_equal(inv->start, 2);
    assert_int_equal(inv->end, 13);
    assert_int_equal(inv->u.member.member->start, 7);
    assert_int_equal(inv->u.member.member->end, 10);
    u = parse_ok("if ($a) { }\n");
    assert_int_equal(stmt(u, 0)->start, 0);
    assert_int_equal(stmt(u, 0)->end, 11);
    u = parse_ok("a |\n b");
    assert_int_equal(stmt(u, 0)->end, 6);
}

/* }======================================================= */

/*
** {======================================================= errors
*/

static void errors_messages_and_positions(void **state)
{
    (void)state;
    /* one realistic mistake for each message the parser reports */
    ERR("$a = 1 2", UnexpectedToken, "Unexpected token '2' in expression or statement.", 1, 8);
    ERR("Get-X }", UnexpectedToken, "Unexpected token '}' in expression or statement.", 1, 7);
    ERR("if ($a) {\n  1\n", MissingEndCurlyBrace,
        "Missing closing '}' in statement block or type definition.", 1, 9);
    ERR("$s = \"abc", TerminatorExpectedAtEndOfString, "The string is missing the terminator: \".",
        1, 6);
    ERR("$s = 'abc", TerminatorExpectedAtEndOfString, "The string is missing the terminator: '.",
        1, 6);
    ERR("$s = @\"\nabc\n", TerminatorExpectedAtEndOfString,
        "The string is missing the terminator: \"@.", 1, 6);
    ERR("$s = @'\nabc", TerminatorExpectedAtEndOfString,
        "The string is missing the terminator: '@.", 1, 6);
    ERR("Get-X <# open", MissingTerminatorMultiLineComment,
        "The terminator '#>' is missing from the multiline comment.", 1, 7);
    ERR("$s = @\" text\n\"@", UnexpectedCharactersAfterHereStringHeader,
        "No characters are allowed after a here-string header but before the end of the line.", 1,
        9);
    ERR("$x = $env: ", InvalidVariableReferenceWithDrive,
        "Variable reference is not valid. ':' was not followed by a valid variable name character. "
        "Consider using ${} to delimit the name.",
        1, 6);
    ERR("${abc = 1", IncompleteDollarVariableReference,
        "${variable} reference starting is missing the closing '}'.", 1, 1);
    ERR("${} = 1", EmptyVariableReference,
        "An empty ${} variable reference was found. A name is required inside the braces.", 1, 1);
    ERR("Write-Output a$(1", IncompleteDollarSubexpressionReference,
        "$(subexpression) is missing the closing ')'.", 1, 18);
    ERR("\"`u{110000}\"", InvalidUnicodeEscapeSequence,
        "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one to six "
        "hex digits and a closing '}'.",
        1, 2);
    ERR("$x = (1 + 2", MissingEndParenthesisInExpression, "Missing closing ')' in expression.", 1,
        12);
    ERR("$x = $(1 + 2", MissingEndParenthesisInSubexpression,
        "Missing closing ')' in subexpression.", 1, 13);
    ERR("$x = @(1", MissingEndParenthesisInSubexpression, "Missing closing ')' in subexpression.",
        1, 9);
    ERR("$s.Substring(1", MissingEndParenthesisInMethodCall, "Missing ')' in method call.", 1, 15);
    ERR("$a[1", MissingEndSquareBracket, "Missing ']' after array index expression.", 1, 5);
    ERR("$a[]", MissingArrayIndexExpression, "Array index expression is missing or not valid.", 1,
        4);
    ERR("$a. ", MissingPropertyName, "Missing property name after reference operator.", 1, 4);
    ERR("$x = 1 +", ExpectedValueExpression,
        "You must provide a value expression following the '+' operator.", 1, 9);
    ERR("$x = $a -and", ExpectedValueExpression,
        "You must provide a value expression following the '-and' operator.", 1, 13);
    ERR("$x =", ExpectedValueExpression,
        "You must provide a value expression following the '=' operator.", 1, 5);
    ERR("$x += ", ExpectedValueExpression,
        "You must provide a value expression following the '+=' operator.", 1, 6);
    ERR("$a ? 1 :", ExpectedValueExpression,
        "You must provide a value expression following the ':' operator.", 1, 9);
    ERR("-not", MissingExpressionAfterOperator, "Missing expression after unary operator '-not'.",
        1, 5);
    ERR("$x = !", MissingExpressionAfterOperator, "Missing expression after unary operator '!'.", 1,
        7);
    ERR("$a = 1,", MissingExpressionAfterToken, "Missing expression after ','.", 1, 8);
    ERR("Get-X a,", MissingExpressionAfterToken, "Missing expression after ','.", 1, 9);
    ERR("&", MissingExpression, "Missing expression after '&' in pipeline element.", 1, 2);
    ERR("$x = ()", ExpectedExpression, "An expression was expected after '('.", 1, 7);
    ERR("$a ? 1", MissingColonInTernaryExpression, "Missing ':' in the ternary expression.", 1, 7);
    ERR("1 = 2", InvalidLeftHandSide,
        "The assignment expression is not valid. The input to an assignment operator must be an "
        "object that is able to accept assignments, such as a variable or a property.",
        1, 1);
    ERR("Get-X | 'text'", ExpressionsMustBeFirstInPipeline,
        "Expressions are only allowed as the first element of a pipeline.", 1, 9);
    ERR("Get-X |", EmptyPipeElement, "An empty pipe element is not allowed.", 1, 8);
    ERR("Get-X | | Sort", EmptyPipeElement, "An empty pipe element is not allowed.", 1, 8);
    ERR("Get-X\n\n| Sort", EmptyPipeElement, "An empty pipe element is not allowed.", 3, 1);
    ERR("Get-X &&", EmptyPipelineChainElement,
        "A pipeline chain operator must be followed by a pipeline.", 1, 9);
    ERR("Get-X & && Get-Y", BackgroundOperatorInPipelineChain,
        "Background operators can only be used at the end of a pipeline chain.", 1, 9);
    ERR("Get-X >", MissingFileSpecification,
        "Missing file specification after redirection operator.", 1, 8);
    ERR("Get-X < in.txt", RedirectionNotSupported, "The '<' operator is reserved for future use.",
        1, 7);
    ERR("Get-X 1>&2", RedirectionNotSupported, "The '1>&2' operator is reserved for future use.",
        1, 7);
    ERR("Get-X 2>&3", RedirectionNotSupported, "The '2>&3' operator is reserved for future use.",
        1, 7);
    ERR("var $x = 1", ReservedKeywordNotAllowed,
        "The 'var' keyword is not supported in this version of the language.", 1, 1);
    ERR("FROM x", ReservedKeywordNotAllowed,
        "The 'from' keyword is not supported in this version of the language.", 1, 1);
    ERR("Get-X -Name:", ParameterRequiresArgument, "Parameter -Name: requires an argument.", 1, 7);
    ERR("@{ = 1 }", MissingKeyInHashLiteral, "Missing key before '=' in hash literal.", 1, 4);
    ERR("@{ a 1 }", MissingEqualsInHashLiteral, "Missing '=' operator after key in hash literal.",
        1, 5);
    ERR("@{ a = }", MissingStatementInHashLiteral, "Missing statement after '=' in hash literal.",
        1, 7);
    ERR("param([Parameter(Mandatory =)]$x)", MissingExpressionInNamedArgument,
        "Missing statement after '=' in named argument.", 1, 29);
    ERR("param([Parameter(Mandatory)$x)", EndSquareBracketExpectedAtEndOfAttribute,
        "Missing ] at end of attribute or type literal.", 1, 28);
    ERR("[int$x", EndSquareBracketExpectedAtEndOfAttribute,
        "Missing ] at end of attribute or type literal.", 1, 5);
    ERR("param($a, $b,)", MissingExpressionAfterToken, "Missing expression after ','.", 1, 14);
    ERR("param($a = )", MissingExpressionAfterToken, "Missing expression after '='.", 1, 11);
    ERR("param([Parameter(Mandatory $x)", MissingEndParenthesisInExpression,
        "Missing closing ')' in expression.", 1, 27);
    ERR("[]$x", MissingTypename, "Missing type name after '['.", 1, 1);
    ERR("if $a { }", MissingOpenParenthesisInIfStatement, "Missing '(' after 'if' in if statement.",
        1, 3);
    ERR("if ($a) { } elseif { }", MissingOpenParenthesisInIfStatement,
        "Missing '(' after 'elseif' in if statement.", 1, 19);
    ERR("if () { }", IfStatementMissingCondition, "Missing condition in if statement after 'if ('.",
        1, 5);
    ERR("if ($a { }", MissingEndParenthesisAfterStatement,
        "Missing closing ')' after expression in 'if' statement.", 1, 7);
    ERR("if ($a)\n", MissingStatementBlock, "Missing statement block after if ( condition ).", 1, 8);
    ERR("if ($a) { } else", MissingStatementBlockAfterElse,
        "Missing statement block after 'else' keyword.", 1, 17);
    /* the C# habit */
    ERR("if ($a) { } else if ($b) { }", MissingStatementBlockAfterElse,
        "Missing statement block after 'else' keyword.", 1, 17);
    ERR("switch () { }", MissingSwitchValueExpression,
        "Missing expression after '(' in switch statement.", 1, 9);
    ERR("switch ($a { }", MissingEndParenthesisInSwitchStatement,
        "Missing ')' after expression in switch statement.", 1, 11);
    ERR("switch ($a)", MissingCurlyBraceInSwitchStatement, "Missing '{' in switch statement.", 1,
        12);
    ERR("switch ($a) { , { } }", MissingSwitchConditionExpression,
        "Missing condition in switch statement clause.", 1, 15);
    ERR("switch ($a) { 1 }", MissingSwitchStatementClause,
        "Missing statement block in switch statement clause.", 1, 16);
    ERR("switch -File { }", MissingFilenameOption,
        "Cannot process the 'switch' statement because of a missing file name argument to the "
        "-file option.",
        1, 8);
    ERR("switch -Fuzzy ($a) { }", InvalidSwitchFlag,
        "The parameter -Fuzzy is not valid for the switch statement.", 1, 8);
    ERR("foreach -Fast ($a in $b) { }", InvalidForeachFlag,
        "The parameter -Fast is not valid for the foreach statement.", 1, 9);
    ERR("foreach (1 in $b) { }", MissingVariableNameAfterForeach,
        "Missing variable name after foreach. The correct form is: foreach ($a in $b) {...}", 1,
        10);
    ERR("foreach ($a of $b) { }", MissingInInForeach,
        "Missing 'in' after variable in foreach loop. The correct form is: foreach ($a in $b) "
        "{...}",
        1, 12);
    ERR("foreach ($a in) { }", MissingForeachExpression,
        "Missing expression in foreach loop. The correct form is: foreach ($a in $b) {...}", 1, 15);
    ERR("foreach ($a in $b { }", MissingEndParenthesisAfterForeach,
        "Missing closing ')' after expression part of foreach loop. The correct form is: foreach "
        "($a in $b) {...}",
        1, 18);
    ERR("foreach ($a in $b)", MissingForeachStatement,
        "Missing statement body in foreach loop. The correct form is: foreach ($a in $b) {...}", 1,
        19);
    ERR("while $a { }", MissingOpenParenthesisAfterKeyword,
        "Missing opening '(' after keyword 'while'.", 1, 6);
    ERR("for $i { }", MissingOpenParenthesisAfterKeyword, "Missing opening '(' after keyword 'for'.",
        1, 4);
    ERR("while () { }", MissingExpressionAfterKeyword, "Missing expression after 'while' in loop.",
        1, 8);
    ERR("while ($a)", MissingLoopStatement, "Missing statement body in while loop.", 1, 11);
    ERR("for (;;)", MissingLoopStatement, "Missing statement body in for loop.", 1, 9);
    ERR("do { }", MissingWhileOrUntilInDoWhile, "Missing while or until keyword in do loop.", 1, 7);
    ERR("trap", MissingTrapStatement,
        "The 'trap' statement was incomplete. A trap statement requires a body.", 1, 5);
    ERR("try", MissingTryStatementBlock, "The Try statement is missing its statement block.", 1, 4);
    ERR("try { }", MissingCatchOrFinally, "The Try statement is missing its Catch or Finally block.",
        1, 8);
    ERR("try { } catch", MissingCatchHandlerBlock, "The Catch block is missing its statement block.",
        1, 14);
    ERR("try { } finally", MissingFinallyStatementBlock,
        "The Finally block is missing its statement block.", 1, 16);
    ERR("try { } catch { } catch [IO.IOException] { }", EmptyCatchNotLast,
        "Catch block must be the last catch block.", 1, 19);
    ERR("function", MissingNameAfterKeyword, "Missing name after function keyword.", 1, 9);
    ERR("filter { }", MissingNameAfterKeyword, "Missing name after filter keyword.", 1, 7);
    ERR("function f", MissingFunctionBody, "Missing function body in function declaration.", 1, 11);
    ERR("function f($a", MissingEndParenthesisInFunctionParameterList,
        "Missing ')' in function parameter list.", 1, 14);
    ERR("function f(1) { }", InvalidFunctionParameter,
        "Parameter declarations are a comma-separated list of variable names with optional "
        "initializer expressions.",
        1, 12);
    ERR("function f($a) { param($b) }", OnlyOneParameterListAllowed,
        "The param statement cannot be used if arguments were specified in the function "
        "declaration.",
        1, 18);
    ERR("function f { begin { } begin { } }", DuplicateScriptCommandClause,
        "Script command clause 'begin' has already been defined.", 1, 24);
    ERR("function f { begin { } Get-X }", MissingNamedBlocks,
        "unexpected token 'Get-X', expected 'begin', 'process', 'end', or 'dynamicparam'.", 1, 24);
    ERR("function f { process }", MissingNamedStatementBlock,
        "Missing statement block after 'process'.", 1, 21);
    ERR("[Parameter()]", UnexpectedAttribute, "Unexpected attribute 'Parameter'.", 1, 1);
    ERR("data", MissingStatementBlockForDataSection,
        "The Data section is missing its statement block.", 1, 5);
    ERR("data -Command X { }", InvalidParameterForDataSectionStatement,
        "The \"-Command\" parameter of the Data section is not valid. The valid Data section "
        "parameter is SupportedCommand.",
        1, 6);
    ERR("data -SupportedCommand", MissingValueForSupportedCommandInDataSectionStatement,
        "The SupportedCommand parameter of the Data section is missing a value. Supply a cmdlet or "
        "function name to the parameter.",
        1, 23);
    ERR("using System.Text", MissingUsingStatementDirective, "Missing using directive", 1, 6);
    ERR("using namespace", MissingUsingItemName, "Missing using name", 1, 16);
    ERR("class", MissingNameAfterKeyword, "Missing name after class keyword.", 1, 6);
    ERR("class A", MissingTypeBody, "Missing 'class' body in 'class' declaration.", 1, 8);
    ERR("enum E", MissingTypeBody, "Missing 'enum' body in 'enum' declaration.", 1, 7);
    ERR("class A { 1 }", IncompleteMemberDefinition, "Missing a property name or method definition.",
        1, 11);
    ERR("class A { $p 1 }", MissingPropertyTerminator,
        "Missing ';' or end-of-line in property definition.", 1, 13);
    ERR("class A { M { } }", MissingMethodParameterList, "Missing '(' in class method parameter list.",
        1, 12);
    ERR("class A : B { A() : super() { } }", MissingBaseCtorCall,
        "Missing 'base' after ':' in a base class constructor call.", 1, 20);
    ERR("class A : { }", TypeNameExpected, "Type name expected.", 1, 10);
}

static void errors_recovery_reports_each_mistake(void **state)
{
    (void)state;
    struct parse_unit *u = parse("Get-X -Name:\n"
                                 "Get-Y | | Sort\n"
                                 "if $b { }\n"
                                 "foreach ($x in $y) { $x.Name }\n"
                                 "$c = 2 3\n"
                                 "Write-Output done\n");
    assert_int_equal(u->nerrors, 4);
    assert_int_equal(u->errors[0].id, PERR_ParameterRequiresArgument);
    assert_int_equal(u->errors[1].id, PERR_EmptyPipeElement);
    assert_int_equal(u->errors[2].id, PERR_MissingOpenParenthesisInIfStatement);
    assert_int_equal(u->errors[3].id, PERR_UnexpectedToken);
    uint32_t prev = 0;
    for (uint32_t i = 0; i < u->nerrors; i++) {
        assert_true(u->errors[i].start >= prev); /* in order */
        prev = u->errors[i].start;
    }
    uint32_t line, col;
    parse_linecol(u->src, u->len, u->errors[3].start, &line, &col);
    assert_int_equal(line, 5);
    assert_int_equal(col, 8);
    assert_false(u->incomplete);
    /* the good statements around the bad ones are in the tree */
    assert_int_equal(count(u->root, AST_FOREACH), 1);
    const struct ast_list *l = stmts_of(u->root);
    assert_string_equal(sx(l->v[l->n - 1]), "(cmd Write-Output done)");

    /* three separate mistakes: three errors, in order */
    u = parse("Get-X -Name:\n$y = \n}\n");
    assert_int_equal(u->nerrors, 3);
    assert_int_equal(u->errors[0].id, PERR_ParameterRequiresArgument);
    assert_int_equal(u->errors[1].id, PERR_ExpectedValueExpression);
    assert_int_equal(u->errors[2].id, PERR_UnexpectedToken);

    /* a broken statement that ran on to the next line does not swallow it */
    u = parse("$total = (1 + 2\n$name = $mbx.\n$ok = 1");
    assert_int_equal(u->nerrors, 2);
    assert_int_equal(u->errors[0].id, PERR_MissingEndParenthesisInExpression);
    assert_int_equal(u->errors[1].id, PERR_MissingPropertyName);
    assert_int_equal(stmts_of(u->root)->n, 3);
    assert_string_equal(sx(stmt(u, 2)), "(= $ok 1)");
    /* but on the same line the rest of the statement is skipped */
    u = parse("(1 2) 3\n$ok = 1");
    assert_int_equal(u->errors[0].id, PERR_UnexpectedToken);
    assert_int_equal(u->errors[1].id, PERR_MissingEndParenthesisInExpression);
    assert_string_equal(sx(stmt(u, stmts_of(u->root)->n - 1)), "(= $ok 1)");

    /* inputs that once hung or crashed the parser (found by fuzzing) */
    u = parse("switch(s){)");
    assert_int_equal(u->errors[0].id, PERR_MissingSwitchConditionExpression);
    assert_int_equal(u->nerrors, 2);
    u = parse("[Parameter()] = 5");
    assert_int_equal(u->errors[0].id, PERR_UnexpectedAttribute);
    assert_int_equal(u->errors[1].id, PERR_InvalidLeftHandSide);

    /* mistakes inside blocks do not hide the rest */
    u = parse("function f {\n  $a = \n}\nfunction g { 1 + }\nfunction h { }");
    assert_int_equal(u->nerrors, 2);
    assert_int_equal(count(u->root, AST_FUNCTION), 3);

    /* too many errors: the list stops with a note */
    struct buf b = BUF_INIT;
    for (int i = 0; i < 150; i++)
        buf_puts(&b, "$a = 1 2\n");
    u = parse(b.s);
    buf_release(&b);
    assert_int_equal(u->nerrors, 100);
    assert_int_equal(u->errors[99].id, PERR_TooManyErrors);
    assert_int_equal(u->errors[98].id, PERR_UnexpectedToken);
}

static void errors_incomplete_flag(void **state)
{
    (void)state;
    /* the text ends inside an open construct: the REPL should read more */
    static const char *const open[] = {
        "if ($a) {",       "function f {\n  1\n",
        "$x = (1 +",       "$x = (",
        "$s = \"abc",      "$s = 'abc\n",
        "$s = @\"\nabc",   "$s = @'\nabc\n",
        "Get-X |",         "Get-X |\n",
        "Get-X | # more?", "$a = 1 +",
        "$h = @{",         "$h = @{ a = 1",
        "$a = @(",         "$a = $(",
        "foreach ($x in",  "try {",
        "try { }",         "do { }",
        "Get-X | Sort `\n |", "<# comment",
        "${name",          "$x = [int",
        "a &&",            "switch ($x) {",
        "$o.Method(",      "$a[",
    };
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(open); i++) {
        struct parse_unit *u = parse(open[i]);
        if (!u->nerrors || !u->incomplete) {
            print_error("'%s' should be incomplete (errors: %u)\n%s", open[i], u->nerrors,
                        errors_text(u));
            fail();
        }
    }
    /* errors in the middle of the text are not incomplete input */
    static const char *const wrong[] = {
        "$a = 1 2",          "1 = 2",          "Get-X | 'x'",  "if $a { }",
        "Get-X }",           "Get-X )",        "a < b",        "function f(1) { }",
        "$a = (1 +) + 2",    "Get-X | | b",    "[Parameter()]", "try { } catch { } catch [x] { }",
        "if ($a) { $b = }",  "\"`u{110000}\"", "@{ = 1 }",     "class A { 1 }",
    };
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(wrong); i++) {
        struct parse_unit *u = parse(wrong[i]);
        if (!u->nerrors || u->incomplete) {
            print_error("'%s' should be wrong but not incomplete (errors: %u, incomplete: %d)\n%s",
                        wrong[i], u->nerrors, u->incomplete, errors_text(u));
            fail();
        }
    }
    /* and complete text is neither */
    struct parse_unit *u = parse_ok("if ($a) { }\n# trailing comment\n");
    assert_false(u->incomplete);
}

/* n copies of s, then tail; the caller frees the result. */
static char *repeat(const char *s, size_t n, const char *head, const char *tail)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, head);
    for (size_t i = 0; i < n; i++)
        buf_puts(&b, s);
    buf_puts(&b, tail);
    return buf_detach(&b, NULL);
}

static void errors_depth_guard(void **state)
{
    (void)state;
    static const struct {
        const char *unit, *head, *tail;
    } deep[] = {
        {"(", "", "1"},      {"-", "", "1"},      {"!", "$x = ", "1"}, {"{", "", ""},
        {"$(", "", ""},      {"@(", "", ""},      {"@{a=", "", ""},    {"[int]", "", "1"},
        {"if (1) {", "", ""}, {",", "", "1"},     {"& {", "", ""},     {"\"$(", "", ""},
        {"function f {", "", ""}, {"$a[", "", ""}, {"-not ", "", "1"}, {"foreach ($x in $y) {", "", ""},
    };
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(deep); i++) {
        char *src = repeat(deep[i].unit, 100000, deep[i].head, deep[i].tail);
        struct parse_unit *u = parse(src);
        bool found = false;
        for (uint32_t k = 0; k < u->nerrors; k++)
            if (u->errors[k].id == PERR_ScriptTooComplicated)
                found = true;
        if (!found) {
            print_error("%zu x '%s': no ScriptTooComplicated (%u errors)\n", (size_t)100000,
                        deep[i].unit, u->nerrors);
            fail();
        }
        /* the guard stops the parse: no flood of follow-up errors */
        assert_true(u->nerrors <= 3);
        assert_false(u->incomplete);
        free(src);
    }
    /* moderate nesting is fine */
    char *src = repeat("(", 150, "", "1");
    char *full = repeat(")", 150, src, "");
    parse_ok(full);
    free(src);
    free(full);
    /* long flat input is not nesting */
    src = repeat("+1", 100000, "1", "");
    parse_ok(src);
    free(src);
    src = repeat(".b", 20000, "$a", "");
    parse_ok(src);
    free(src);
    src = repeat("Get-X\n", 20000, "", "");
    struct parse_unit *u = parse_ok(src);
    assert_int_equal(stmts_of(u->root)->n, 20000);
    free(src);
}

static void errors_rendering(void **state)
{
    (void)state;
    struct parse_unit *u = parse_unit_new("x.ps1", "Get-X\n$a = 1 2\n", 15);
    struct buf b = BUF_INIT;
    parse_render_errors(u, &b);
    assert_string_equal(b.s, "At x.ps1:2 char:8\n"
                             "+ $a = 1 2\n"
                             "+        ~\n"
                             "Unexpected token '2' in expression or statement.\n"
                             "    + CategoryInfo          : ParserError: (:) [], ParseException\n"
                             "    + FullyQualifiedErrorId : UnexpectedToken\n");
    parse_unit_free(u);
    /* without a file name; the underline covers the extent */
    u = parse_unit_new(NULL, "Get-X | 'some text'", 19);
    buf_reset(&b);
    parse_render_errors(u, &b);
    assert_string_equal(b.s, "At line:1 char:9\n"
                             "+ Get-X | 'some text'\n"
                             "+         ~~~~~~~~~~~\n"
                             "Expressions are only allowed as the first element of a pipeline.\n"
                             "    + CategoryInfo          : ParserError: (:) [], ParseException\n"
                             "    + FullyQualifiedErrorId : ExpressionsMustBeFirstInPipeline\n");
    parse_unit_free(u);
    /* no errors: nothing */
    u = parse_unit_new(NULL, "1", 1);
    buf_reset(&b);
    parse_render_errors(u, &b);
    assert_int_equal(b.len, 0);
    parse_unit_free(u);
    buf_release(&b);
}

static void errors_linecol(void **state)
{
    (void)state;
    const char *src = "ab\r\nc\xC3\xA9" "d\rx\ny";
    uint32_t len = (uint32_t)strlen(src), l, c;
    parse_linecol(src, len, 0, &l, &c);
    assert_true(l == 1 && c == 1);
    parse_linecol(src, len, 4, &l, &c); /* c */
    assert_true(l == 2 && c == 1);
    parse_linecol(src, len, 7, &l, &c); /* d, after a two-byte character */
    assert_true(l == 2 && c == 3);
    parse_linecol(src, len, 9, &l, &c); /* x, after a lone \r */
    assert_true(l == 3 && c == 1);
    parse_linecol(src, len, 11, &l, &c); /* y */
    assert_true(l == 4 && c == 1);
    parse_linecol(src, len, 999, &l, &c); /* past the end: the end */
    assert_true(l == 4 && c == 2);
}

static void errors_message_arguments(void **state)
{
    (void)state;
    struct parse_error e = {PERR_MissingTypeBody, 0, 0, "enum", false};
    struct buf b = BUF_INIT;
    parse_error_message(&e, &b);
    assert_string_equal(b.s, "Missing 'enum' body in 'enum' declaration.");
    buf_reset(&b);
    e.id = PERR_UnexpectedToken;
    e.arg = NULL;
    parse_error_message(&e, &b);
    assert_string_equal(b.s, "Unexpected token '' in expression or statement.");
    buf_reset(&b);
    e.id = PERR_EmptyPipeElement;
    parse_error_message(&e, &b);
    assert_string_equal(b.s, "An empty pipe element is not allowed.");
    buf_release(&b);
}

/* }======================================================= */

static int teardown(void **state)
{
    (void)state;
    drop_unit();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_empty_and_blank),
        cmocka_unit_test(parse_pipelines),
        cmocka_unit_test(parse_assignments),
        cmocka_unit_test(parse_if_elseif_else),
        cmocka_unit_test(parse_switch),
        cmocka_unit_test(parse_foreach),
        cmocka_unit_test(parse_for),
        cmocka_unit_test(parse_while_do),
        cmocka_unit_test(parse_labels_and_jumps),
        cmocka_unit_test(parse_trap),
        cmocka_unit_test(parse_try_catch_finally),
        cmocka_unit_test(parse_functions),
        cmocka_unit_test(parse_param_and_named_blocks),
        cmocka_unit_test(parse_attributes),
        cmocka_unit_test(parse_script_param_block),
        cmocka_unit_test(parse_class),
        cmocka_unit_test(parse_enum),
        cmocka_unit_test(parse_using),
        cmocka_unit_test(parse_data_sections),
        cmocka_unit_test(parse_requires),
        cmocka_unit_test(parse_help_comments),
        cmocka_unit_test(parse_argument_mode),
        cmocka_unit_test(parse_invocation_operators),
        cmocka_unit_test(parse_splatting),
        cmocka_unit_test(parse_redirections),
        cmocka_unit_test(parse_chains_and_background),
        cmocka_unit_test(expr_precedence),
        cmocka_unit_test(expr_unary_operators),
        cmocka_unit_test(expr_comparison_family),
        cmocka_unit_test(expr_types),
        cmocka_unit_test(expr_members),
        cmocka_unit_test(expr_index),
        cmocka_unit_test(expr_groupings),
        cmocka_unit_test(expr_ternary_and_null_operators),
        cmocka_unit_test(expr_literals),
        cmocka_unit_test(layout_continuations_and_newlines),
        cmocka_unit_test(layout_bom_shebang_unicode),
        cmocka_unit_test(extents_are_nested_and_exact),
        cmocka_unit_test(errors_messages_and_positions),
        cmocka_unit_test(errors_recovery_reports_each_mistake),
        cmocka_unit_test(errors_incomplete_flag),
        cmocka_unit_test(errors_depth_guard),
        cmocka_unit_test(errors_rendering),
        cmocka_unit_test(errors_linecol),
        cmocka_unit_test(errors_message_arguments),
    };
    return cmocka_run_group_tests_name("parse", tests, NULL, teardown);
}
