/*
** netfmt.h - .NET Framework numeric formatting and composite formatting.
**
** What Int32.ToString(fmt), Double.ToString(fmt), Decimal.ToString(fmt) and
** String.Format print in the en-US culture of .NET Framework 4.x (Windows
** PowerShell 5.1): standard formats (C D E F G N P R X with a precision),
** custom formats (0 # . , % per-mille E0 quoting and sections) and the
** "{index[,alignment][:format]}" items of the -f operator.
**
**     struct buf b = BUF_INIT;
**     nf_format_double(&b, 1234.567, "N2");      // "1,234.57"
**     nf_format_int(&b, -1, 32, "X8");            // "FFFFFFFF"
**
** Every function appends to a struct buf and returns enum nf_err; on failure
** nothing is appended and nf_err_str() gives .NET's message.
*/
#ifndef EMSH_NETFMT_H
#define EMSH_NETFMT_H

#include "base.h"
#include "buf.h"
#include "decimal.h"

enum nf_err {
    NF_OK = 0,
    NF_E_FORMAT,    /* Input string was not in a correct format. */
    NF_E_INDEX,     /* Index (zero based) must be greater than or equal to zero and ... */
    NF_E_SPECIFIER, /* Format specifier was invalid. */
    NF_E_ARG,       /* the argument callback failed; its detail is the caller's */
    NF_ERR__LAST    /* never use */
};

/* The fixed .NET message of e (never NULL). */
const char *nf_err_str(enum nf_err e);

/* {=== numbers ===
** fmt NULL or "" is ToString(). A letter followed by at most two digits is
** a standard format (an unknown letter fails with NF_E_SPECIFIER); any other
** string is a custom format. */

/* A signed integer of `bits` bits (8 SByte, 16 Int16, 32 Int32, 64 Int64):
** the width matters for X, which prints the two's complement ("X" of -1 in
** 32 bits is FFFFFFFF). R is not valid for integers. */
enum nf_err nf_format_int(struct buf *out, int64_t v, int bits, const char *fmt);
/* An unsigned integer (Byte, UInt16, UInt32, UInt64); bits as above. */
enum nf_err nf_format_uint(struct buf *out, uint64_t v, int bits, const char *fmt);
/* A System.Double: 15 significant digits (17 for R when 15 do not round-trip,
** and for E15+ and G16+), NaN, Infinity and -Infinity; never "-0". */
enum nf_err nf_format_double(struct buf *out, double v, const char *fmt);
/* A System.Single: 7 significant digits (9 for R, E7+ and G8+). */
enum nf_err nf_format_float(struct buf *out, float v, const char *fmt);
/* A System.Decimal: ToString() and "G" print every digit of its scale
** (2.50), never in exponent form; R and X are invalid. */
enum nf_err nf_format_decimal(struct buf *out, struct dec v, const char *fmt);
/* }=== */

/* {=== composite formatting === */

/*
** Formats argument `index` into cell (empty on entry) with the item's
** format string fmt[0..fmtlen) ({{ and }} already unescaped, NUL-terminated;
** fmt is NULL when the item has none). When cell is NULL the call only
** asks whether the index exists: return NF_OK or NF_E_INDEX. Any other
** error stops nf_composite(), which returns it.
*/
typedef enum nf_err nf_arg_fn(void *ctx, size_t index, const char *fmt, size_t fmtlen,
                              struct buf *cell);

/*
** String.Format(fmt, args...) on the fmtlen bytes of fmt: literal text with
** {{ and }} for braces, and items {index[,alignment][:format]} formatted by
** arg_fn and padded with spaces to |alignment| UTF-16 units (negative:
** left-aligned). Returns NF_E_FORMAT for a malformed string, NF_E_INDEX or
** the callback's error; on failure nothing is appended to out.
*/
enum nf_err nf_composite(struct buf *out, const char *fmt, size_t fmtlen, nf_arg_fn *arg_fn,
                         void *ctx);
/* }=== */

#endif /* EMSH_NETFMT_H */
