/*
** decimal.h - System.Decimal: a 96-bit integer and a power-of-ten scale.
**
** A decimal is mantissa / 10^scale with a 96-bit unsigned mantissa, a scale
** of 0 to 28 and a sign, exactly as .NET holds it, so that 0.1d + 0.2d is
** 0.3 and 1.50d + 1 prints 2.50: arithmetic keeps the scale (the larger one
** for + and -, the sum for *), and a result that does not fit is rounded
** half to even to 28 decimal places or 96 bits, as .NET's VarDecAdd,
** VarDecMul and VarDecDiv do. A division that does not come out exact
** goes on to as many digits as fit (0.3333333333333333333333333333).
**
**     struct dec a, b, r;
**     dec_parse("1.50", 4, &a);
**     b = dec_from_int64(1);
**     if (dec_add(a, b, &r) == DEC_OK)
**         dec_to_string(r, &out);            // "2.50"
*/
#ifndef EMSH_DECIMAL_H
#define EMSH_DECIMAL_H

#include "buf.h"

#include <stdbool.h>
#include <stdint.h>

struct dec {
    uint64_t lo;   /* the low 64 bits of the mantissa */
    uint32_t hi;   /* its high 32 bits */
    uint8_t scale; /* 0..28 */
    bool neg;
};

enum dec_status {
    DEC_OK = 0,
    DEC_OVERFLOW, /* Value was either too large or too small for a Decimal. */
    DEC_DIVZERO,  /* Attempted to divide by zero. */
    DEC_FORMAT,   /* (dec_parse) not a number */
};

struct dec dec_from_int64(int64_t v);
struct dec dec_from_uint64(uint64_t v);
/* .NET's Decimal(Double): the double rounded to 15 significant digits,
** without trailing zeros; DEC_OVERFLOW for NaN, infinities and |d| >= 2^96. */
enum dec_status dec_from_double(double d, struct dec *out);
double dec_to_double(struct dec a);
/* Rounded half to even to an integer (Convert.ToInt64); false when it does not fit. */
bool dec_to_int64(struct dec a, int64_t *out);

/*
** Decimal.Parse in the invariant culture: white space around, a sign,
** digits with one decimal point, an exponent (e, E). The scale is the
** number of digits after the point ("1.50" has scale 2); more than fit
** are rounded.
*/
enum dec_status dec_parse(const char *s, size_t n, struct dec *out);

enum dec_status dec_add(struct dec a, struct dec b, struct dec *out);
enum dec_status dec_sub(struct dec a, struct dec b, struct dec *out);
enum dec_status dec_mul(struct dec a, struct dec b, struct dec *out);
enum dec_status dec_div(struct dec a, struct dec b, struct dec *out);
/* The remainder of a / b truncated, with a's sign (C#'s %). */
enum dec_status dec_rem(struct dec a, struct dec b, struct dec *out);
struct dec dec_neg(struct dec a);
bool dec_is_zero(struct dec a);
/* -1, 0 or 1; 1.0 and 1.00 are equal. */
int dec_cmp(struct dec a, struct dec b);

/* Math.Round(a, decimals, mode): half to even, or half away from zero;
** decimals 0..28. A value with fewer decimals is returned as it is. */
struct dec dec_round(struct dec a, int decimals, bool away_from_zero);
/* Math.Truncate / Floor / Ceiling. */
struct dec dec_truncate(struct dec a);
struct dec dec_floor(struct dec a);
struct dec dec_ceiling(struct dec a);

/* Decimal.ToString(): all the digits of the scale, '.' as the point ("2.50", "-0.001"). */
void dec_to_string(struct dec a, struct buf *out);
/* The mantissa's decimal digits without sign or point ("250" for 2.50; "0" for zero). */
void dec_digits(struct dec a, char out[32]);

#endif /* EMSH_DECIMAL_H */
