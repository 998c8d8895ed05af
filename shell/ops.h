/*
** ops.h - PowerShell's operators on values.
**
** The left operand decides: `"5" + 1` is "51" and `5 + "1"` is 6; a
** comparison with an array on the left filters the array; numbers widen
** (int to long to double) instead of overflowing. Every function borrows
** its operands and returns a new value, or false with the error filled in.
** Operators that need the session (-match sets $Matches, -like and -replace
** need patterns) take what they need as arguments.
*/
#ifndef EMSH_OPS_H
#define EMSH_OPS_H

#include "conv.h"
#include "lex.h"

/* + - * / % and the bitwise and shift operators. */
bool ops_arith(enum ast_op op, val l, val r, val *out, struct conv_error *err);

/* Unary -, +, -bnot, -not, ! */
bool ops_unary(enum ast_op op, val v, val *out, struct conv_error *err);

/*
** Compares two scalars with PowerShell's rules (the left operand's type
** decides); *cmp receives <0, 0 or >0. Returns false when the values cannot
** be ordered (err says why; for -eq that simply means "not equal").
*/
bool ops_compare(val l, val r, bool icase, int *cmp, struct conv_error *err);
bool ops_equal(val l, val r, bool icase);

/* The base operator of a comparison family and whether it ignores case:
** OP_CEQ gives OP_EQ with *icase false, OP_IEQ and OP_EQ give OP_EQ, true. */
enum ast_op ops_base(enum ast_op op, bool *icase);

/* .. : an array of the integers from l to r. */
bool ops_range(val l, val r, val *out, struct conv_error *err);

/* -is / -isnot / -as with a type value on the right. */
bool ops_is(val l, val type, bool *out, struct conv_error *err);

#endif /* EMSH_OPS_H */
