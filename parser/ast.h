/*
** ast.h - the syntax tree of a PowerShell script.
**
** Every node lives in the arena of its parse unit (parse.h) and carries the
** byte range of the source it came from; nodes are never freed one by one.
** A node is a kind plus the union member of that kind; lists are arrays of
** node pointers. Names and string values are NUL-terminated arena copies
** with their length (a string may hold NUL characters).
**
** ast_dump() prints a tree in the stable text form that `emsh --dump-ast`
** shows and the golden tests compare.
**
** A unit with errors still has a tree, but one that is only fit for showing:
** a node may lack a child that is otherwise always there (a Binary without
** its rhs after `1 +`), and AST_ERROR marks what failed to parse. Run only
** trees of units without errors.
*/
#ifndef EMSH_AST_H
#define EMSH_AST_H

#include "base.h"
#include "buf.h"
#include "lex.h"

#include <stdbool.h>

struct ast_node;

struct ast_list {
    struct ast_node **v;
    uint32_t n;
};

struct ast_str {
    const char *s; /* NUL-terminated; "" when absent */
    uint32_t n;
};

enum ast_kind {
    /* script blocks and their parts */
    AST_SCRIPT_BLOCK,
    AST_PARAM_BLOCK,
    AST_NAMED_BLOCK,
    AST_PARAMETER,
    AST_ATTRIBUTE,
    AST_NAMED_ARG,
    AST_TYPE_CONSTRAINT,
    AST_TYPENAME,
    AST_STATEMENT_BLOCK,
    /* statements */
    AST_PIPELINE,
    AST_PIPELINE_CHAIN,
    AST_COMMAND,
    AST_COMMAND_EXPR,
    AST_COMMAND_PARAM,
    AST_REDIRECT_FILE,
    AST_REDIRECT_MERGE,
    AST_ASSIGN,
    AST_IF,
    AST_SWITCH,
    AST_SWITCH_CLAUSE,
    AST_FOREACH,
    AST_FOR,
    AST_WHILE,
    AST_DO_WHILE,
    AST_DO_UNTIL,
    AST_BREAK,
    AST_CONTINUE,
    AST_RETURN,
    AST_EXIT,
    AST_THROW,
    AST_TRAP,
    AST_TRY,
    AST_CATCH,
    AST_FUNCTION,
    AST_TYPE_DEF,
    AST_PROPERTY,
    AST_METHOD,
    AST_USING,
    AST_DATA,
    /* expressions */
    AST_BINARY,
    AST_UNARY,
    AST_TERNARY,
    AST_CONVERT,
    AST_TYPE_EXPR,
    AST_ATTRIBUTED,
    AST_NUMBER,
    AST_STRING,
    AST_EXPANDABLE,
    AST_VARIABLE,
    AST_MEMBER,
    AST_INVOKE,
    AST_INDEX,
    AST_ARRAY_LITERAL,
    AST_ARRAY_EXPR,
    AST_SUBEXPR,
    AST_PAREN,
    AST_HASHTABLE,
    AST_SCRIPT_BLOCK_EXPR,
    AST_ERROR, /* where a statement or expression failed to parse */
    AST__COUNT
};

/* Named blocks of a script block. */
enum ast_block { BLOCK_BEGIN, BLOCK_PROCESS, BLOCK_END, BLOCK_DYNAMICPARAM, BLOCK_CLEAN, BLOCK__COUNT };

/* How a string was written. */
enum ast_strkind { STR_BARE, STR_SINGLE, STR_DOUBLE, STR_HERE_SINGLE, STR_HERE_DOUBLE, STR_VERBATIM };

enum ast_switch_flags {
    SWITCH_REGEX = 1 << 0,
    SWITCH_WILDCARD = 1 << 1,
    SWITCH_EXACT = 1 << 2,
    SWITCH_CASESENSITIVE = 1 << 3,
    SWITCH_FILE = 1 << 4,
    SWITCH_PARALLEL = 1 << 5,
};

enum ast_member_flags {
    MEMBER_STATIC = 1 << 0,
    MEMBER_HIDDEN = 1 << 1,
    MEMBER_PUBLIC = 1 << 2,
    MEMBER_PRIVATE = 1 << 3,
    MEMBER_CONSTRUCTOR = 1 << 4,
    MEMBER_BASE_CALL = 1 << 5, /* a constructor with `: base(...)` */
};

enum ast_typedef_kind { TYPEDEF_CLASS, TYPEDEF_ENUM, TYPEDEF_INTERFACE };
enum ast_using_kind { USING_NAMESPACE, USING_MODULE, USING_ASSEMBLY, USING_TYPE };
enum ast_invocation { INVOKE_NONE, INVOKE_CALL /* & */, INVOKE_DOT /* . */ };

struct ast_node {
    enum ast_kind kind;
    uint32_t start, end; /* byte range in the unit's source */
    union {
        struct {
            struct ast_node *param; /* PARAM_BLOCK or NULL */
            struct ast_node *blocks[BLOCK__COUNT]; /* NAMED_BLOCKs or NULL */
            struct ast_list usings;
            uint32_t help_start, help_end; /* comment-based help, if any */
        } script;
        struct {
            struct ast_list attrs; /* ATTRIBUTE / TYPE_CONSTRAINT */
            struct ast_list params; /* PARAMETER */
        } param_block;
        struct {
            enum ast_block which;
            bool unnamed;          /* statements without a begin/process/end */
            struct ast_list stmts;
        } named;
        struct {
            struct ast_list attrs;
            struct ast_node *var;  /* VARIABLE */
            struct ast_node *dflt; /* default value or NULL */
        } param;
        struct {
            struct ast_node *type; /* TYPENAME */
            struct ast_list args;  /* positional arguments */
            struct ast_list named; /* NAMED_ARG */
        } attr;
        struct {
            struct ast_str name;
            struct ast_node *value; /* NULL: no `=`, meaning $true */
        } named_arg;
        struct {
            struct ast_node *type; /* TYPENAME */
        } tc;                      /* TYPE_CONSTRAINT and TYPE_EXPR */
        struct {
            struct ast_str name;    /* e.g. System.Collections.Generic.List */
            struct ast_list args;   /* generic arguments (TYPENAME) */
            uint32_t rank;          /* array rank: 1 for [], 2 for [,] ... */
            struct ast_node *elem;  /* for arrays: the element TYPENAME */
        } type;
        struct {
            struct ast_list stmts;
        } block; /* STATEMENT_BLOCK */
        struct {
            struct ast_list elems;
            bool background;
        } pipeline;
        struct {
            struct ast_node *lhs, *rhs;
            enum tok_kind op; /* TOK_AND_AND or TOK_OR_OR */
            bool background;
        } chain;
        struct {
            enum ast_invocation invocation;
            struct ast_list elems; /* command name first, then arguments */
            struct ast_list redirs;
        } command;
        struct {
            struct ast_node *expr;
            struct ast_list redirs;
        } cmdexpr;
        struct {
            struct ast_str name; /* without the dash */
            struct ast_node *arg; /* -Name:arg, else NULL */
            bool colon;
        } cmdparam;
        struct {
            int from;      /* 0 for *, else 1-6 */
            int to;        /* merge target */
            bool append;
            struct ast_node *target; /* file redirection */
        } redir;
        struct {
            enum ast_op op;
            struct ast_node *lhs, *rhs;
        } assign;
        struct {
            struct ast_list conds, bodies;
            struct ast_node *else_body;
        } if_;
        struct {
            struct ast_str label;
            unsigned flags; /* enum ast_switch_flags */
            struct ast_node *cond;
            struct ast_list clauses; /* SWITCH_CLAUSE */
            struct ast_node *default_body;
        } switch_;
        struct {
            struct ast_node *cond, *body;
        } clause; /* SWITCH_CLAUSE */
        struct {
            struct ast_str label;
            struct ast_node *var, *expr, *body;
            bool parallel;
            struct ast_node *throttle;
        } foreach;
        struct {
            struct ast_str label;
            struct ast_node *init, *cond, *iter, *body;
        } for_; /* FOR, WHILE, DO_WHILE, DO_UNTIL (cond and body) */
        struct {
            struct ast_node *label; /* BREAK/CONTINUE: label expression or NULL */
            struct ast_node *pipeline; /* RETURN/EXIT/THROW: value or NULL */
        } jump;
        struct {
            struct ast_node *type; /* TYPE_CONSTRAINT or NULL */
            struct ast_node *body;
        } trap;
        struct {
            struct ast_node *body;
            struct ast_list catches; /* CATCH */
            struct ast_node *finally;
        } try_;
        struct {
            struct ast_list types; /* TYPE_CONSTRAINT */
            struct ast_node *body;
        } catch_;
        struct {
            struct ast_str name;
            bool filter, workflow;
            struct ast_list params; /* from `function f($a, $b)` */
            struct ast_node *body;  /* SCRIPT_BLOCK */
            uint32_t help_start, help_end;
        } func;
        struct {
            struct ast_str name;
            enum ast_typedef_kind what;
            struct ast_list attrs;
            struct ast_list bases;   /* TYPENAME */
            struct ast_list members; /* PROPERTY / METHOD */
        } typedef_;
        struct {
            struct ast_str name;
            struct ast_list attrs;
            struct ast_node *type; /* TYPENAME or NULL */
            unsigned flags;        /* enum ast_member_flags */
            struct ast_node *init;
        } prop;
        struct {
            struct ast_str name;
            struct ast_list attrs;
            struct ast_node *ret; /* TYPENAME or NULL */
            unsigned flags;
            struct ast_list params;    /* PARAMETER */
            struct ast_list base_args; /* `: base(...)` */
            struct ast_node *body;     /* SCRIPT_BLOCK */
        } method;
        struct {
            enum ast_using_kind what;
            struct ast_node *name;
            struct ast_node *alias;
        } using_;
        struct {
            struct ast_str var;      /* data NAME { } */
            struct ast_list commands; /* -SupportedCommand */
            struct ast_node *body;
        } data;
        struct {
            enum ast_op op;
            struct ast_node *lhs, *rhs;
        } binary;
        struct {
            enum ast_op op;
            struct ast_node *operand;
        } unary;
        struct {
            struct ast_node *cond, *then, *else_;
        } ternary;
        struct {
            struct ast_node *type; /* TYPENAME */
            struct ast_node *expr;
        } convert;
        struct {
            struct ast_node *attr; /* ATTRIBUTE */
            struct ast_node *expr;
        } attributed;
        struct {
            struct lex_number value;
            struct ast_str text;
        } number;
        struct {
            enum ast_strkind how;
            struct ast_str value;
        } string;
        struct {
            enum ast_strkind how;
            struct ast_list parts; /* STRING (text), VARIABLE, SUBEXPR */
        } expandable;
        struct {
            struct ast_str name;  /* without $, e.g. "env:PATH" */
            uint32_t scope_len;   /* length of "env:" etc., 0 if none */
            bool splat, braced;
        } var;
        struct {
            struct ast_node *target;
            struct ast_node *member; /* STRING (bare name) or an expression */
            bool is_static, nullcond;
            struct ast_list args;    /* INVOKE only */
        } member;                    /* MEMBER and INVOKE */
        struct {
            struct ast_node *target, *index;
            bool nullcond;
        } index;
        struct {
            struct ast_list elems;
        } array; /* ARRAY_LITERAL */
        struct {
            struct ast_node *body; /* STATEMENT_BLOCK */
        } sub;   /* ARRAY_EXPR and SUBEXPR */
        struct {
            struct ast_node *pipeline;
        } paren;
        struct {
            struct ast_list keys, values;
        } hash;
        struct {
            struct ast_node *body; /* SCRIPT_BLOCK */
        } sbexpr;
    } u;
};

const char *ast_kind_name(enum ast_kind k);

/* Is the node an expression (as opposed to a statement or a part)? */
bool ast_is_expression(const struct ast_node *n);

/*
** Appends the stable text form of the tree under n to out; positions are
** shown as line:column, computed from src.
*/
void ast_dump(const struct ast_node *n, const char *src, uint32_t len, struct buf *out);

#endif /* EMSH_AST_H */
