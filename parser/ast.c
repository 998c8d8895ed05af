/*
** ast.c - node kind names and the text dump of a tree (see ast.h).
**
** The dump is one node a line, indented two spaces a level:
**
**     Kind details @line:col-line:col
**
** with the role of a child in front of it where a node has several ("cond:",
** "body:", ...). Strings are quoted with C escapes. The format is stable:
** golden tests compare it, so change it only with the tests.
*/
#include "ast.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
    [AST_SCRIPT_BLOCK] = "ScriptBlock",
    [AST_PARAM_BLOCK] = "ParamBlock",
    [AST_NAMED_BLOCK] = "NamedBlock",
    [AST_PARAMETER] = "Parameter",
    [AST_ATTRIBUTE] = "Attribute",
    [AST_NAMED_ARG] = "NamedArgument",
    [AST_TYPE_CONSTRAINT] = "TypeConstraint",
    [AST_TYPENAME] = "TypeName",
    [AST_STATEMENT_BLOCK] = "StatementBlock",
    [AST_PIPELINE] = "Pipeline",
    [AST_PIPELINE_CHAIN] = "PipelineChain",
    [AST_COMMAND] = "Command",
    [AST_COMMAND_EXPR] = "CommandExpression",
    [AST_COMMAND_PARAM] = "CommandParameter",
    [AST_REDIRECT_FILE] = "FileRedirection",
    [AST_REDIRECT_MERGE] = "MergingRedirection",
    [AST_ASSIGN] = "Assignment",
    [AST_IF] = "If",
    [AST_SWITCH] = "Switch",
    [AST_SWITCH_CLAUSE] = "Clause",
    [AST_FOREACH] = "Foreach",
    [AST_FOR] = "For",
    [AST_WHILE] = "While",
    [AST_DO_WHILE] = "DoWhile",
    [AST_DO_UNTIL] = "DoUntil",
    [AST_BREAK] = "Break",
    [AST_CONTINUE] = "Continue",
    [AST_RETURN] = "Return",
    [AST_EXIT] = "Exit",
    [AST_THROW] = "Throw",
    [AST_TRAP] = "Trap",
    [AST_TRY] = "Try",
    [AST_CATCH] = "Catch",
    [AST_FUNCTION] = "Function",
    [AST_TYPE_DEF] = "TypeDefinition",
    [AST_PROPERTY] = "Property",
    [AST_METHOD] = "Method",
    [AST_USING] = "Using",
    [AST_DATA] = "Data",
    [AST_BINARY] = "Binary",
    [AST_UNARY] = "Unary",
    [AST_TERNARY] = "Ternary",
    [AST_CONVERT] = "Convert",
    [AST_TYPE_EXPR] = "TypeExpression",
    [AST_ATTRIBUTED] = "AttributedExpression",
    [AST_NUMBER] = "Number",
    [AST_STRING] = "String",
    [AST_EXPANDABLE] = "ExpandableString",
    [AST_VARIABLE] = "Variable",
    [AST_MEMBER] = "Member",
    [AST_INVOKE] = "InvokeMember",
    [AST_INDEX] = "Index",
    [AST_ARRAY_LITERAL] = "ArrayLiteral",
    [AST_ARRAY_EXPR] = "ArrayExpression",
    [AST_SUBEXPR] = "SubExpression",
    [AST_PAREN] = "Paren",
    [AST_HASHTABLE] = "Hashtable",
    [AST_SCRIPT_BLOCK_EXPR] = "ScriptBlockExpression",
    [AST_ERROR] = "Error",
};
_Static_assert(EMSH_ARRAY_SIZE(kind_names) == AST__COUNT, "kind_names out of step with ast_kind");

const char *ast_kind_name(enum ast_kind k)
{
    return (unsigned)k < AST__COUNT ? kind_names[k] : "?";
}

bool ast_is_expression(const struct ast_node *n)
{
    return n && n->kind >= AST_BINARY && n->kind < AST__COUNT;
}

/*
** {==================================================================
** The dump
** ===================================================================
*/

struct dumper {
    struct buf *out;
    const char *src;
    uint32_t len;
    uint32_t *lines; /* offsets of line starts */
    uint32_t nlines;
};

static void linecol(const struct dumper *d, uint32_t pos, uint32_t *line, uint32_t *col)
{
    uint32_t lo = 0, hi = d->nlines;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (d->lines[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t c = 1;
    for (uint32_t i = d->lines[lo]; i < pos && i < d->len; i++)
        if (((unsigned char)d->src[i] & 0xC0) != 0x80)
            c++;
    *line = lo + 1;
    *col = c;
}

static void quote(struct buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20 || c == 0x7F)
                buf_printf(b, "\\x%02x", c);
            else
                buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '"');
}

static void format_type(struct buf *b, const struct ast_node *t)
{
    if (!t)
        return;
    if (t->u.type.elem) {
        format_type(b, t->u.type.elem);
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
            format_type(b, t->u.type.args.v[i]);
        }
        buf_putc(b, ']');
    }
}

static void node(struct dumper *d, int depth, const char *role, const struct ast_node *n);

static void list(struct dumper *d, int depth, const char *role, const struct ast_list *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        node(d, depth, role, l->v[i]);
}

static const char *const block_names[] = {"Begin", "Process", "End", "DynamicParam", "Clean"};
static const char *const strkind_names[] = {"Bare", "Single", "Double", "HereSingle",
                                            "HereDouble", "Verbatim"};
static const char *const num_names[] = {"Int32",  "Int64", "Double", "Decimal", "UInt32",
                                        "UInt64", "Byte",  "SByte",  "Int16",   "UInt16",
                                        "BigInteger"};

static void label(struct buf *b, const char *what, const struct ast_str *s)
{
    if (s->n) {
        buf_printf(b, " %s=", what);
        buf_add(b, s->s, s->n);
    }
}

/* The details printed after a node's kind. */
static void details(struct dumper *d, const struct ast_node *n)
{
    struct buf *b = d->out;
    switch (n->kind) {
    case AST_SCRIPT_BLOCK:
        if (n->u.script.help_end > n->u.script.help_start)
            buf_puts(b, " help");
        break;
    case AST_NAMED_BLOCK:
        buf_printf(b, " %s%s", block_names[n->u.named.which], n->u.named.unnamed ? " unnamed" : "");
        break;
    case AST_TYPENAME:
    case AST_TYPE_CONSTRAINT:
    case AST_TYPE_EXPR:
    case AST_ATTRIBUTE:
    case AST_CONVERT: {
        const struct ast_node *t = n->kind == AST_TYPENAME ? n
                                   : n->kind == AST_ATTRIBUTE ? n->u.attr.type
                                   : n->kind == AST_CONVERT ? n->u.convert.type
                                                            : n->u.tc.type;
        buf_putc(b, ' ');
        format_type(b, t);
        break;
    }
    case AST_NAMED_ARG:
        buf_putc(b, ' ');
        buf_add(b, n->u.named_arg.name.s, n->u.named_arg.name.n);
        break;
    case AST_PIPELINE:
        if (n->u.pipeline.background)
            buf_puts(b, " background");
        break;
    case AST_PIPELINE_CHAIN:
        buf_printf(b, " %s%s", tok_spelling(n->u.chain.op), n->u.chain.background ? " background" : "");
        break;
    case AST_COMMAND:
        if (n->u.command.invocation != INVOKE_NONE)
            buf_puts(b, n->u.command.invocation == INVOKE_CALL ? " &" : " .");
        break;
    case AST_COMMAND_PARAM:
        buf_puts(b, " -");
        buf_add(b, n->u.cmdparam.name.s, n->u.cmdparam.name.n);
        if (n->u.cmdparam.colon)
            buf_putc(b, ':');
        break;
    case AST_REDIRECT_FILE:
        if (n->u.redir.from)
            buf_printf(b, " %d", n->u.redir.from);
        else
            buf_puts(b, " *");
        buf_puts(b, n->u.redir.append ? ">>" : ">");
        break;
    case AST_REDIRECT_MERGE:
        if (n->u.redir.from)
            buf_printf(b, " %d>&%d", n->u.redir.from, n->u.redir.to);
        else
            buf_printf(b, " *>&%d", n->u.redir.to);
        break;
    case AST_ASSIGN:
    case AST_BINARY:
    case AST_UNARY: {
        enum ast_op op = n->kind == AST_ASSIGN ? n->u.assign.op
                         : n->kind == AST_BINARY ? n->u.binary.op
                                                 : n->u.unary.op;
        buf_printf(b, " %s", op_spelling(op));
        if (op == OP_POSTINC || op == OP_POSTDEC)
            buf_puts(b, " postfix");
        break;
    }
    case AST_SWITCH: {
        static const char *const fl[] = {"Regex", "Wildcard", "Exact", "CaseSensitive", "File",
                                         "Parallel"};
        label(b, "label", &n->u.switch_.label);
        for (int i = 0; i < 6; i++)
            if (n->u.switch_.flags & (1u << i))
                buf_printf(b, " -%s", fl[i]);
        break;
    }
    case AST_FOREACH:
        label(b, "label", &n->u.foreach.label);
        if (n->u.foreach.parallel)
            buf_puts(b, " -Parallel");
        break;
    case AST_FOR:
    case AST_WHILE:
    case AST_DO_WHILE:
    case AST_DO_UNTIL:
        label(b, "label", &n->u.for_.label);
        break;
    case AST_FUNCTION:
        buf_printf(b, " %s", n->u.func.filter ? "filter" : n->u.func.workflow ? "workflow" : "function");
        buf_putc(b, ' ');
        buf_add(b, n->u.func.name.s, n->u.func.name.n);
        if (n->u.func.help_end > n->u.func.help_start)
            buf_puts(b, " help");
        break;
    case AST_TYPE_DEF: {
        static const char *const w[] = {"class", "enum", "interface"};
        buf_printf(b, " %s ", w[n->u.typedef_.what]);
        buf_add(b, n->u.typedef_.name.s, n->u.typedef_.name.n);
        break;
    }
    case AST_PROPERTY:
    case AST_METHOD: {
        unsigned f = n->kind == AST_PROPERTY ? n->u.prop.flags : n->u.method.flags;
        const struct ast_str *nm = n->kind == AST_PROPERTY ? &n->u.prop.name : &n->u.method.name;
        const struct ast_node *t = n->kind == AST_PROPERTY ? n->u.prop.type : n->u.method.ret;
        buf_putc(b, ' ');
        buf_add(b, nm->s, nm->n);
        if (t) {
            buf_puts(b, " [");
            format_type(b, t);
            buf_putc(b, ']');
        }
        if (f & MEMBER_STATIC)
            buf_puts(b, " static");
        if (f & MEMBER_HIDDEN)
            buf_puts(b, " hidden");
        if (f & MEMBER_CONSTRUCTOR)
            buf_puts(b, " constructor");
        if (f & MEMBER_BASE_CALL)
            buf_puts(b, " base-call");
        break;
    }
    case AST_USING: {
        static const char *const w[] = {"namespace", "module", "assembly", "type"};
        buf_printf(b, " %s", w[n->u.using_.what]);
        break;
    }
    case AST_DATA:
        label(b, "variable", &n->u.data.var);
        break;
    case AST_NUMBER:
        buf_printf(b, " %s ", num_names[n->u.number.value.kind]);
        buf_add(b, n->u.number.text.s, n->u.number.text.n);
        break;
    case AST_STRING:
        buf_printf(b, " %s ", strkind_names[n->u.string.how]);
        quote(b, n->u.string.value.s, n->u.string.value.n);
        break;
    case AST_EXPANDABLE:
        buf_printf(b, " %s", strkind_names[n->u.expandable.how]);
        break;
    case AST_VARIABLE:
        buf_putc(b, ' ');
        buf_puts(b, n->u.var.splat ? "@" : "$");
        if (n->u.var.braced)
            buf_putc(b, '{');
        buf_add(b, n->u.var.name.s, n->u.var.name.n);
        if (n->u.var.braced)
            buf_putc(b, '}');
        if (n->u.var.scope_len)
            buf_printf(b, " scope=%.*s", (int)n->u.var.scope_len - 1, n->u.var.name.s);
        break;
    case AST_MEMBER:
    case AST_INVOKE:
        if (n->u.member.is_static)
            buf_puts(b, " static");
        if (n->u.member.nullcond)
            buf_puts(b, " ?.");
        break;
    case AST_INDEX:
        if (n->u.index.nullcond)
            buf_puts(b, " ?[]");
        break;
    default:
        break;
    }
}

static void node(struct dumper *d, int depth, const char *role, const struct ast_node *n)
{
    struct buf *b = d->out;
    if (!n)
        return;
    for (int i = 0; i < depth; i++)
        buf_puts(b, "  ");
    if (role)
        buf_printf(b, "%s: ", role);
    buf_puts(b, ast_kind_name(n->kind));
    details(d, n);
    uint32_t l1, c1, l2, c2;
    linecol(d, n->start, &l1, &c1);
    linecol(d, n->end, &l2, &c2);
    buf_printf(b, " @%u:%u-%u:%u\n", l1, c1, l2, c2);
    int k = depth + 1;
    switch (n->kind) {
    case AST_SCRIPT_BLOCK:
        list(d, k, "using", &n->u.script.usings);
        node(d, k, NULL, n->u.script.param);
        for (int i = 0; i < BLOCK__COUNT; i++)
            node(d, k, NULL, n->u.script.blocks[i]);
        break;
    case AST_PARAM_BLOCK:
        list(d, k, NULL, &n->u.param_block.attrs);
        list(d, k, NULL, &n->u.param_block.params);
        break;
    case AST_NAMED_BLOCK:
        list(d, k, NULL, &n->u.named.stmts);
        break;
    case AST_PARAMETER:
        list(d, k, NULL, &n->u.param.attrs);
        node(d, k, NULL, n->u.param.var);
        node(d, k, "default", n->u.param.dflt);
        break;
    case AST_ATTRIBUTE:
        list(d, k, NULL, &n->u.attr.args);
        list(d, k, NULL, &n->u.attr.named);
        break;
    case AST_NAMED_ARG:
        node(d, k, NULL, n->u.named_arg.value);
        break;
    case AST_STATEMENT_BLOCK:
        list(d, k, NULL, &n->u.block.stmts);
        break;
    case AST_PIPELINE:
        list(d, k, NULL, &n->u.pipeline.elems);
        break;
    case AST_PIPELINE_CHAIN:
        node(d, k, NULL, n->u.chain.lhs);
        node(d, k, NULL, n->u.chain.rhs);
        break;
    case AST_COMMAND:
        list(d, k, NULL, &n->u.command.elems);
        list(d, k, NULL, &n->u.command.redirs);
        break;
    case AST_COMMAND_EXPR:
        node(d, k, NULL, n->u.cmdexpr.expr);
        list(d, k, NULL, &n->u.cmdexpr.redirs);
        break;
    case AST_COMMAND_PARAM:
        node(d, k, NULL, n->u.cmdparam.arg);
        break;
    case AST_REDIRECT_FILE:
        node(d, k, NULL, n->u.redir.target);
        break;
    case AST_ASSIGN:
        node(d, k, "left", n->u.assign.lhs);
        node(d, k, "right", n->u.assign.rhs);
        break;
    case AST_IF:
        for (uint32_t i = 0; i < n->u.if_.conds.n; i++) {
            node(d, k, "cond", n->u.if_.conds.v[i]);
            node(d, k, "then", n->u.if_.bodies.v[i]);
        }
        node(d, k, "else", n->u.if_.else_body);
        break;
    case AST_SWITCH:
        node(d, k, "value", n->u.switch_.cond);
        list(d, k, NULL, &n->u.switch_.clauses);
        node(d, k, "default", n->u.switch_.default_body);
        break;
    case AST_SWITCH_CLAUSE:
        node(d, k, "cond", n->u.clause.cond);
        node(d, k, "body", n->u.clause.body);
        break;
    case AST_FOREACH:
        node(d, k, "throttle", n->u.foreach.throttle);
        node(d, k, "var", n->u.foreach.var);
        node(d, k, "in", n->u.foreach.expr);
        node(d, k, "body", n->u.foreach.body);
        break;
    case AST_FOR:
    case AST_WHILE:
    case AST_DO_WHILE:
    case AST_DO_UNTIL:
        node(d, k, "init", n->u.for_.init);
        node(d, k, "cond", n->u.for_.cond);
        node(d, k, "iter", n->u.for_.iter);
        node(d, k, "body", n->u.for_.body);
        break;
    case AST_BREAK:
    case AST_CONTINUE:
        node(d, k, "label", n->u.jump.label);
        break;
    case AST_RETURN:
    case AST_EXIT:
    case AST_THROW:
        node(d, k, NULL, n->u.jump.pipeline);
        break;
    case AST_TRAP:
        node(d, k, NULL, n->u.trap.type);
        node(d, k, "body", n->u.trap.body);
        break;
    case AST_TRY:
        node(d, k, "body", n->u.try_.body);
        list(d, k, NULL, &n->u.try_.catches);
        node(d, k, "finally", n->u.try_.finally);
        break;
    case AST_CATCH:
        list(d, k, NULL, &n->u.catch_.types);
        node(d, k, "body", n->u.catch_.body);
        break;
    case AST_FUNCTION:
        list(d, k, "param", &n->u.func.params);
        node(d, k, NULL, n->u.func.body);
        break;
    case AST_TYPE_DEF:
        list(d, k, NULL, &n->u.typedef_.attrs);
        list(d, k, "base", &n->u.typedef_.bases);
        list(d, k, NULL, &n->u.typedef_.members);
        break;
    case AST_PROPERTY:
        list(d, k, NULL, &n->u.prop.attrs);
        node(d, k, "init", n->u.prop.init);
        break;
    case AST_METHOD:
        list(d, k, NULL, &n->u.method.attrs);
        list(d, k, NULL, &n->u.method.params);
        list(d, k, "base", &n->u.method.base_args);
        node(d, k, NULL, n->u.method.body);
        break;
    case AST_USING:
        node(d, k, "alias", n->u.using_.alias);
        node(d, k, NULL, n->u.using_.name);
        break;
    case AST_DATA:
        list(d, k, "command", &n->u.data.commands);
        node(d, k, "body", n->u.data.body);
        break;
    case AST_BINARY:
        node(d, k, NULL, n->u.binary.lhs);
        node(d, k, NULL, n->u.binary.rhs);
        break;
    case AST_UNARY:
        node(d, k, NULL, n->u.unary.operand);
        break;
    case AST_TERNARY:
        node(d, k, "cond", n->u.ternary.cond);
        node(d, k, "then", n->u.ternary.then);
        node(d, k, "else", n->u.ternary.else_);
        break;
    case AST_CONVERT:
        node(d, k, NULL, n->u.convert.expr);
        break;
    case AST_ATTRIBUTED:
        node(d, k, NULL, n->u.attributed.attr);
        node(d, k, NULL, n->u.attributed.expr);
        break;
    case AST_EXPANDABLE:
        list(d, k, NULL, &n->u.expandable.parts);
        break;
    case AST_MEMBER:
    case AST_INVOKE:
        node(d, k, "target", n->u.member.target);
        node(d, k, "member", n->u.member.member);
        list(d, k, "arg", &n->u.member.args);
        break;
    case AST_INDEX:
        node(d, k, "target", n->u.index.target);
        node(d, k, "index", n->u.index.index);
        break;
    case AST_ARRAY_LITERAL:
        list(d, k, NULL, &n->u.array.elems);
        break;
    case AST_ARRAY_EXPR:
    case AST_SUBEXPR:
        node(d, k, NULL, n->u.sub.body);
        break;
    case AST_PAREN:
        node(d, k, NULL, n->u.paren.pipeline);
        break;
    case AST_HASHTABLE:
        for (uint32_t i = 0; i < n->u.hash.keys.n; i++) {
            node(d, k, "key", n->u.hash.keys.v[i]);
            node(d, k, "value", n->u.hash.values.v[i]);
        }
        break;
    case AST_SCRIPT_BLOCK_EXPR:
        node(d, k, NULL, n->u.sbexpr.body);
        break;
    default:
        break;
    }
}

void ast_dump(const struct ast_node *n, const char *src, uint32_t len, struct buf *out)
{
    struct dumper d = {out, src, len, NULL, 0};
    uint32_t cap = 64;
    d.lines = emsh_xmalloc(cap * sizeof *d.lines);
    d.lines[d.nlines++] = 0;
    for (uint32_t i = 0; i < len; i++) {
        if (src[i] == '\n' || (src[i] == '\r' && (i + 1 >= len || src[i + 1] != '\n'))) {
            if (d.nlines == cap) {
                cap *= 2;
                d.lines = emsh_xrealloc(d.lines, cap * sizeof *d.lines);
            }
            d.lines[d.nlines++] = i + 1;
        }
    }
    node(&d, 0, NULL, n);
    free(d.lines);
}

/* }================================================================== */
