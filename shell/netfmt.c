/*
** netfmt.c - .NET numeric and composite formatting (see netfmt.h).
**
** As in .NET, a number is first turned into a decimal digit string and a
** scale (value = 0.DIGITS x 10^scale, plus a sign): integers exactly,
** doubles to 15 (or 17) significant digits rounded half away from zero as
** .NET Framework's DoubleToNumber does, decimals to their shortest
** round-trip digits. Rounding to the requested precision is again half away
** from zero on those digits. The standard and custom formatters then lay
** the digits out with the en-US NumberFormatInfo of .NET Framework 4.x.
*/
#include "netfmt.h"

#include "text.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const err_msg[] = {
    [NF_OK] = "The operation completed successfully.",
    [NF_E_FORMAT] = "Input string was not in a correct format.",
    [NF_E_INDEX] = ("Index (zero based) must be greater than or equal to zero and less than "
                    "the size of the argument list."),
    [NF_E_SPECIFIER] = "Format specifier was invalid.",
    [NF_E_ARG] = "The argument could not be formatted.",
};
_Static_assert(EMSH_ARRAY_SIZE(err_msg) == NF_ERR__LAST, "an nf_err lacks its message");

const char *nf_err_str(enum nf_err e)
{
    if (EMSH_NEVER((unsigned)e >= NF_ERR__LAST))
        return "Unknown error.";
    return err_msg[e];
}

/* {=== the number: digits and scale === */

enum { MAX_DIGITS = 40 };

struct num {
    char d[MAX_DIGITS + 1]; /* significant digits, no trailing zeros; "" is zero */
    int scale;              /* value = 0.d x 10^scale */
    bool neg;
    int precision;          /* the type's digits, for "G" without a precision */
    bool decimal;           /* System.Decimal: "G" never uses an exponent */
};

static void trim(struct num *n)
{
    size_t len = strlen(n->d);
    while (len > 0 && n->d[len - 1] == '0')
        n->d[--len] = '\0';
    if (len == 0) {
        n->scale = 0;
        n->neg = false;
    }
}

static void from_u64(struct num *n, uint64_t v, bool neg, int precision)
{
    char tmp[24];
    int k = 0;
    while (v > 0) {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    }
    for (int i = 0; i < k; i++)
        n->d[i] = tmp[k - 1 - i];
    n->d[k] = '\0';
    n->scale = k;
    n->neg = neg;
    n->precision = precision;
    n->decimal = false;
    trim(n);
}

/* Reads printf's "%.*e" text (any decimal point) into digits and scale. */
static size_t read_e(const char *s, char *d, size_t cap, int *scale)
{
    size_t k = 0;
    const char *p = s;
    while (*p && *p != 'e') {
        if (*p >= '0' && *p <= '9' && k < cap)
            d[k++] = *p;
        p++;
    }
    *scale = (*p == 'e' ? atoi(p + 1) : 0) + 1;
    return k;
}

/* The significant digits of a > 0 rounded half away from zero to `prec`
** digits (what DoubleToNumber gives), into n. */
static void from_double(struct num *n, double a, int prec)
{
    char txt[40], d[32];
    snprintf(txt, sizeof txt, "%.*e", 24, a);
    int scale;
    size_t k = read_e(txt, d, sizeof d, &scale);
    bool up = k > (size_t)prec && d[prec] >= '5';
    if (k > (size_t)prec && d[prec] == '5') {
        /* a 5 then zeros may hide 4999..., so look at the exact expansion */
        bool zeros = true;
        for (size_t i = (size_t)prec + 1; i < k; i++)
            zeros = zeros && d[i] == '0';
        if (zeros) {
            char big[800];
            snprintf(big, sizeof big, "%.*e", 780, a);
            char exact[32];
            int sc2;
            size_t k2 = read_e(big, exact, (size_t)prec + 1, &sc2);
            up = k2 > (size_t)prec && exact[prec] >= '5';
            if (sc2 != scale) { /* the 25-digit text carried into a new digit */
                memcpy(d, exact, (size_t)prec);
                scale = sc2;
            }
        }
    }
    if ((size_t)prec < k)
        k = (size_t)prec;
    if (up) {
        size_t i = k;
        while (i > 0 && d[i - 1] == '9')
            i--;
        if (i == 0) {
            d[0] = '1';
            k = 1;
            scale++;
        } else {
            d[i - 1]++;
            k = i;
        }
    }
    memcpy(n->d, d, k);
    n->d[k] = '\0';
    n->scale = scale;
    trim(n);
}

/* Whether the digits of n read back as v (the "R" round-trip test); a
** Single compares in single precision. */
static bool round_trips(const struct num *n, double v, bool single)
{
    char txt[64];
    size_t len = strlen(n->d);
    snprintf(txt, sizeof txt, "%se%d", len ? n->d : "0", n->scale - (int)len);
    double back = strtod(txt, NULL), a = v < 0 ? -v : v;
    return single ? (float)back == (float)a : back == a;
}

/* RoundNumber: keep `pos` digits, rounding half away from zero. */
static void round_num(struct num *n, int pos)
{
    char *d = n->d;
    int i = 0;
    while (i < pos && d[i] != '\0')
        i++;
    if (i == pos && d[i] >= '5') {
        while (i > 0 && d[i - 1] == '9')
            i--;
        if (i > 0) {
            d[i - 1]++;
        } else {
            n->scale++;
            d[0] = '1';
            i = 1;
        }
    } else {
        while (i > 0 && d[i - 1] == '0')
            i--;
    }
    if (i == 0) {
        n->scale = 0;
        n->neg = false;
    }
    d[i] = '\0';
}
/* }=== */

/* {=== standard formats === */

/* ParseFormatSpecifier: a letter and at most two digits is a standard
** format; returns the letter (and *digits, -1 when none), or 0 for a
** custom format. NULL and "" are "G". */
static char specifier(const char *f, int *digits)
{
    *digits = -1;
    if (!f || !*f)
        return 'G';
    char c = f[0];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
        return 0;
    const char *p = f + 1;
    int n = -1;
    if (*p >= '0' && *p <= '9') {
        n = *p++ - '0';
        while (*p >= '0' && *p <= '9') {
            n = n * 10 + (*p++ - '0');
            if (n >= 10)
                break;
        }
    }
    if (*p != '\0')
        return 0;
    *digits = n;
    return c;
}

/* The digit at *p or '0' past the end. */
static char next_digit(const char **p)
{
    return **p ? *(*p)++ : '0';
}

/* FormatFixed: the integer part (grouped by threes if group), then
** `decimals` digits after the point. */
static void fixed(struct buf *o, const struct num *n, int decimals, bool group)
{
    const char *p = n->d;
    int pos = n->scale;
    if (pos > 0) {
        for (int i = pos; i > 0; i--) {
            buf_putc(o, next_digit(&p));
            if (group && i > 1 && (i - 1) % 3 == 0)
                buf_putc(o, ',');
        }
    } else {
        buf_putc(o, '0');
    }
    if (decimals > 0) {
        buf_putc(o, '.');
        if (pos < 0) {
            int z = -pos < decimals ? -pos : decimals;
            for (int i = 0; i < z; i++)
                buf_putc(o, '0');
            decimals -= z;
        }
        while (decimals-- > 0)
            buf_putc(o, next_digit(&p));
    }
}

/* FormatExponent: 'E', the sign ('+' if plus), at least min digits. */
static void exponent(struct buf *o, int e, char ch, int min, bool plus)
{
    buf_putc(o, ch);
    if (e < 0) {
        buf_putc(o, '-');
        e = -e;
    } else if (plus) {
        buf_putc(o, '+');
    }
    char tmp[16];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + e % 10);
        e /= 10;
    } while (e > 0);
    for (int i = k; i < min; i++)
        buf_putc(o, '0');
    while (k > 0)
        buf_putc(o, tmp[--k]);
}

static void scientific(struct buf *o, const struct num *n, int digits, char ch)
{
    const char *p = n->d;
    buf_putc(o, next_digit(&p));
    if (digits != 1)
        buf_putc(o, '.');
    while (--digits > 0)
        buf_putc(o, next_digit(&p));
    exponent(o, n->d[0] ? n->scale - 1 : 0, ch, 3, true);
}

static void general(struct buf *o, const struct num *n, int digits, char ch, bool plain)
{
    int pos = n->scale;
    bool sci = false;
    if (!plain && (pos > digits || pos < -3)) {
        pos = 1;
        sci = true;
    }
    const char *p = n->d;
    if (pos > 0) {
        do
            buf_putc(o, next_digit(&p));
        while (--pos > 0);
    } else {
        buf_putc(o, '0');
    }
    if (*p || pos < 0) {
        buf_putc(o, '.');
        for (; pos < 0; pos++)
            buf_putc(o, '0');
        while (*p)
            buf_putc(o, *p++);
    }
    if (sci)
        exponent(o, n->scale - 1, ch, 2, true);
}

/* NumberToString: the standard formats C E F G N P. */
static enum nf_err standard(struct buf *o, struct num *n, char f, int digits)
{
    switch (f) {
    case 'C':
    case 'c':
        if (digits < 0)
            digits = 2;
        round_num(n, n->scale + digits);
        buf_puts(o, n->neg ? "($" : "$"); /* en-US: "$n" and "($n)" */
        fixed(o, n, digits, true);
        if (n->neg)
            buf_putc(o, ')');
        return NF_OK;
    case 'F':
    case 'f':
    case 'N':
    case 'n':
        if (digits < 0)
            digits = 2;
        round_num(n, n->scale + digits);
        if (n->neg)
            buf_putc(o, '-');
        fixed(o, n, digits, f == 'N' || f == 'n');
        return NF_OK;
    case 'E':
    case 'e':
        if (digits < 0)
            digits = 6;
        digits++;
        round_num(n, digits);
        if (n->neg)
            buf_putc(o, '-');
        scientific(o, n, digits, f);
        return NF_OK;
    case 'G':
    case 'g': {
        bool plain = false;
        if (digits < 1) {
            if (n->decimal && digits == -1) {
                plain = true; /* Decimal: every digit, never an exponent */
                digits = MAX_DIGITS;
            } else {
                digits = n->precision;
            }
        }
        if (!plain)
            round_num(n, digits);
        if (n->neg && n->d[0])
            buf_putc(o, '-');
        general(o, n, digits, f == 'G' ? 'E' : 'e', plain);
        return NF_OK;
    }
    case 'P':
    case 'p':
        if (digits < 0)
            digits = 2;
        if (n->d[0])
            n->scale += 2;
        round_num(n, n->scale + digits);
        if (n->neg)
            buf_putc(o, '-');
        fixed(o, n, digits, true);
        buf_puts(o, " %"); /* en-US (.NET Framework): "n %" and "-n %" */
        return NF_OK;
    default:
        return NF_E_SPECIFIER;
    }
}
/* }=== */

/* {=== custom formats === */

static bool permille(const char *s)
{
    return (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
           (unsigned char)s[2] == 0xB0;
}

/* FindSection: the start of section `which` (0 positive, 1 negative, 2
** zero) of f; the first section when that one is absent or empty. */
static const char *section_of(const char *f, int which)
{
    if (which == 0)
        return f;
    const char *p = f;
    for (;;) {
        char c = *p++;
        switch (c) {
        case '\'':
        case '"':
            while (*p && *p++ != c)
                ;
            break;
        case '\\':
            if (*p)
                p++;
            break;
        case ';':
            if (--which != 0)
                break;
            if (*p && *p != ';')
                return p;
            return f;
        case '\0':
            return f;
        }
    }
}

/* NumberToStringFormat. */
static enum nf_err custom(struct buf *o, struct num *n, const char *fmt)
{
    int digit_count, decimal_pos, first_digit, last_digit, thousand_pos, thousand_count = 0;
    int scale_adjust;
    bool sci, thousand_seps;
    const char *sec = section_of(fmt, n->d[0] == '\0' ? 2 : n->neg ? 1 : 0);
    for (;;) {
        digit_count = 0;
        decimal_pos = -1;
        first_digit = 0x7FFFFFFF;
        last_digit = 0;
        sci = false;
        thousand_pos = -1;
        thousand_seps = false;
        scale_adjust = 0;
        const char *p = sec;
        char c;
        while ((c = *p++) != '\0' && c != ';') {
            switch (c) {
            case '#':
                digit_count++;
                break;
            case '0':
                if (first_digit == 0x7FFFFFFF)
                    first_digit = digit_count;
                digit_count++;
                last_digit = digit_count;
                break;
            case '.':
                if (decimal_pos < 0)
                    decimal_pos = digit_count;
                break;
            case ',':
                if (digit_count > 0 && decimal_pos < 0) {
                    if (thousand_pos >= 0) {
                        if (thousand_pos == digit_count) {
                            thousand_count++;
                            break;
                        }
                        thousand_seps = true;
                    }
                    thousand_pos = digit_count;
                    thousand_count = 1;
                }
                break;
            case '%':
                scale_adjust += 2;
                break;
            case '\'':
            case '"':
                while (*p && *p++ != c)
                    ;
                break;
            case '\\':
                if (*p)
                    p++;
                break;
            case 'E':
            case 'e':
                if (*p == '0' || ((*p == '+' || *p == '-') && p[1] == '0')) {
                    while (*++p == '0')
                        ;
                    sci = true;
                }
                break;
            default:
                if (permille(p - 1)) {
                    scale_adjust += 3;
                    p += 2;
                }
                break;
            }
        }
        if (decimal_pos < 0)
            decimal_pos = digit_count;
        if (thousand_pos >= 0) {
            if (thousand_pos == decimal_pos)
                scale_adjust -= thousand_count * 3; /* "0,," divides by a million */
            else
                thousand_seps = true;
        }
        if (n->d[0]) {
            n->scale += scale_adjust;
            int pos = sci ? digit_count : n->scale + digit_count - decimal_pos;
            round_num(n, pos);
            if (n->d[0] == '\0') {
                const char *z = section_of(fmt, 2);
                if (z != sec) {
                    sec = z;
                    continue;
                }
            }
        } else {
            n->neg = false;
            n->scale = 0;
        }
        break;
    }

    first_digit = first_digit < decimal_pos ? decimal_pos - first_digit : 0;
    last_digit = last_digit > decimal_pos ? decimal_pos - last_digit : 0;
    int dig_pos, adjust;
    if (sci) {
        dig_pos = decimal_pos;
        adjust = 0;
    } else {
        dig_pos = n->scale > decimal_pos ? n->scale : decimal_pos;
        adjust = n->scale - decimal_pos;
    }
    /* group separators go after digit positions 3, 6, ... below `grouped` */
    int grouped = 0;
    if (thousand_seps) {
        int total = dig_pos + (adjust < 0 ? adjust : 0);
        grouped = first_digit > total ? first_digit : total;
    }
#define GROUP_AFTER(pos) (thousand_seps && (pos) > 1 && ((pos) - 1) % 3 == 0 && (pos) - 1 < grouped)

    if (n->neg && sec == fmt)
        buf_putc(o, '-');
    bool decimal_written = false;
    const char *cur = n->d;
    const char *p = sec;
    char c;
    while ((c = *p++) != '\0' && c != ';') {
        if (adjust > 0 && (c == '#' || c == '0' || c == '.')) {
            while (adjust > 0) {
                buf_putc(o, next_digit(&cur));
                if (GROUP_AFTER(dig_pos))
                    buf_putc(o, ',');
                dig_pos--;
                adjust--;
            }
        }
        switch (c) {
        case '#':
        case '0': {
            char ch;
            if (adjust < 0) {
                adjust++;
                ch = dig_pos <= first_digit ? '0' : 0;
            } else {
                ch = *cur ? *cur++ : dig_pos > last_digit ? '0' : 0;
            }
            if (ch) {
                buf_putc(o, ch);
                if (GROUP_AFTER(dig_pos))
                    buf_putc(o, ',');
            }
            dig_pos--;
            break;
        }
        case '.':
            if (dig_pos != 0 || decimal_written)
                break; /* repeated points print once */
            if (last_digit < 0 || (decimal_pos < digit_count && *cur)) {
                buf_putc(o, '.');
                decimal_written = true;
            }
            break;
        case ',':
            break;
        case '%':
            buf_putc(o, '%');
            break;
        case '\'':
        case '"':
            while (*p && *p != c)
                buf_putc(o, *p++);
            if (*p)
                p++;
            break;
        case '\\':
            if (*p)
                buf_putc(o, *p++);
            break;
        case 'E':
        case 'e': {
            bool plus = false;
            int i = 0;
            if (sci) {
                if (*p == '0') {
                    i++; /* E0 is E-0 */
                } else if (*p == '+' && p[1] == '0') {
                    plus = true;
                } else if (*p == '-' && p[1] == '0') {
                    /* nothing: E-0 */
                } else {
                    buf_putc(o, c);
                    break;
                }
                while (*++p == '0')
                    i++;
                if (i > 10)
                    i = 10;
                exponent(o, n->d[0] ? n->scale - decimal_pos : 0, c, i, plus);
                sci = false;
            } else {
                buf_putc(o, c);
                if (*p == '+' || *p == '-')
                    buf_putc(o, *p++);
                while (*p == '0')
                    buf_putc(o, *p++);
            }
            break;
        }
        default:
            buf_putc(o, c);
            break;
        }
    }
#undef GROUP_AFTER
    return NF_OK;
}
/* }=== */

/* {=== entry points === */

/* Appends text undone on failure. */
static enum nf_err done(struct buf *o, size_t start, enum nf_err e)
{
    if (e != NF_OK) {
        o->len = start;
        if (o->s)
            o->s[start] = '\0';
    }
    return e;
}

static void put_dec(struct buf *o, uint64_t v, bool neg, int digits)
{
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (neg)
        buf_putc(o, '-');
    for (int i = k; i < digits; i++)
        buf_putc(o, '0');
    while (k > 0)
        buf_putc(o, tmp[--k]);
}

static void put_hex(struct buf *o, uint64_t v, bool lower, int digits)
{
    const char *hex = lower ? "0123456789abcdef" : "0123456789ABCDEF";
    char tmp[20];
    int k = 0;
    do {
        tmp[k++] = hex[v & 15];
        v >>= 4;
    } while (v > 0);
    for (int i = k; i < digits; i++)
        buf_putc(o, '0');
    while (k > 0)
        buf_putc(o, tmp[--k]);
}

static uint64_t mask(int bits)
{
    return bits <= 0 || bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
}

/* The integer paths shared by the signed and unsigned entry points. */
static enum nf_err integer(struct buf *out, uint64_t mag, bool neg, uint64_t bits_value,
                           int precision, const char *fmt)
{
    int digits;
    char c = specifier(fmt, &digits);
    char u = (char)(c & ~0x20);
    if ((u == 'G' && digits < 1) || u == 'D') {
        put_dec(out, mag, neg, digits);
        return NF_OK;
    }
    if (u == 'X') {
        put_hex(out, bits_value, c == 'x', digits);
        return NF_OK;
    }
    struct num n;
    from_u64(&n, mag, neg, precision);
    size_t start = out->len;
    return done(out, start, c ? standard(out, &n, c, digits) : custom(out, &n, fmt));
}

enum nf_err nf_format_int(struct buf *out, int64_t v, int bits, const char *fmt)
{
    bool neg = v < 0;
    uint64_t mag = neg ? 0 - (uint64_t)v : (uint64_t)v;
    return integer(out, mag, neg, (uint64_t)v & mask(bits), bits >= 64 ? 19 : 10, fmt);
}

enum nf_err nf_format_uint(struct buf *out, uint64_t v, int bits, const char *fmt)
{
    return integer(out, v, false, v & mask(bits), bits >= 64 ? 20 : 10, fmt);
}

/* Double and Single: prec is 15 or 7, wide 17 or 9. */
static enum nf_err floating(struct buf *out, double v, int prec, int wide, const char *fmt)
{
    if (isnan(v)) {
        buf_puts(out, "NaN");
        return NF_OK;
    }
    if (isinf(v)) {
        buf_puts(out, v < 0 ? "-Infinity" : "Infinity");
        return NF_OK;
    }
    int digits;
    char c = specifier(fmt, &digits);
    struct num n;
    n.neg = signbit(v) != 0;
    n.decimal = false;
    n.precision = prec;
    size_t start = out->len;
    if (c == 'R' || c == 'r') {
        if (v == 0) {
            n.d[0] = '\0';
            n.scale = 0;
        } else {
            from_double(&n, (v < 0 ? -v : v), prec);
        }
        if (!round_trips(&n, v, wide == 9)) {
            from_double(&n, (v < 0 ? -v : v), wide);
            prec = wide;
        }
        n.neg = v < 0;
        n.precision = prec;
        return done(out, start, standard(out, &n, 'G', prec));
    }
    if (((c == 'E' || c == 'e') && digits > prec - 1) || ((c == 'G' || c == 'g') && digits > prec))
        n.precision = prec = wide;
    if (v == 0) {
        n.d[0] = '\0';
        n.scale = 0;
        n.neg = false;
    } else {
        from_double(&n, (v < 0 ? -v : v), prec);
        n.neg = v < 0;
    }
    return done(out, start, c ? standard(out, &n, c, digits) : custom(out, &n, fmt));
}

enum nf_err nf_format_double(struct buf *out, double v, const char *fmt)
{
    return floating(out, v, 15, 17, fmt);
}

enum nf_err nf_format_float(struct buf *out, float v, const char *fmt)
{
    return floating(out, (double)v, 7, 9, fmt);
}

enum nf_err nf_format_decimal(struct buf *out, struct dec v, const char *fmt)
{
    int digits;
    char c = specifier(fmt, &digits);
    if (!fmt || !*fmt || ((c == 'G' || c == 'g') && digits < 0)) {
        dec_to_string(v, out); /* all the digits of the scale: 2.50 */
        return NF_OK;
    }
    struct num n;
    char d[32];
    dec_digits(v, d);
    size_t len = strlen(d);
    memcpy(n.d, d, len + 1);
    n.scale = (int)len - v.scale;
    n.neg = v.neg;
    n.decimal = true;
    n.precision = 29;
    if (dec_is_zero(v)) {
        n.d[0] = '\0';
        n.scale = 0;
        n.neg = false;
    }
    trim(&n);
    size_t start = out->len;
    return done(out, start, c ? standard(out, &n, c, digits) : custom(out, &n, fmt));
}
/* }=== */

/* {=== composite formatting === */

enum nf_err nf_composite(struct buf *out, const char *fmt, size_t len, nf_arg_fn *arg_fn,
                         void *ctx)
{
    size_t start = out->len, pos = 0;
    struct buf item = BUF_INIT, cell = BUF_INIT;
    enum nf_err e = NF_OK;
    char ch = 0;
    for (;;) {
        /* literal text up to an item */
        while (pos < len) {
            ch = fmt[pos++];
            if (ch == '}') {
                if (pos < len && fmt[pos] == '}') {
                    pos++;
                } else {
                    e = NF_E_FORMAT;
                    goto out;
                }
            } else if (ch == '{') {
                if (pos < len && fmt[pos] == '{') {
                    pos++;
                } else {
                    pos--;
                    break;
                }
            }
            buf_putc(out, ch);
        }
        if (pos == len)
            break;
        pos++; /* the '{' */
        if (pos == len || (ch = fmt[pos]) < '0' || ch > '9') {
            e = NF_E_FORMAT;
            goto out;
        }
        size_t index = 0;
        do {
            index = index * 10 + (size_t)(ch - '0');
            if (++pos == len) {
                e = NF_E_FORMAT;
                goto out;
            }
            ch = fmt[pos];
        } while (ch >= '0' && ch <= '9' && index < 1000000);
        e = arg_fn(ctx, index, NULL, 0, NULL);
        if (e)
            goto out;
        while (pos < len && (ch = fmt[pos]) == ' ')
            pos++;
        bool left = false;
        size_t width = 0;
        if (ch == ',') {
            pos++;
            while (pos < len && fmt[pos] == ' ')
                pos++;
            if (pos == len) {
                e = NF_E_FORMAT;
                goto out;
            }
            ch = fmt[pos];
            if (ch == '-') {
                left = true;
                if (++pos == len) {
                    e = NF_E_FORMAT;
                    goto out;
                }
                ch = fmt[pos];
            }
            if (ch < '0' || ch > '9') {
                e = NF_E_FORMAT;
                goto out;
            }
            do {
                width = width * 10 + (size_t)(ch - '0');
                if (++pos == len) {
                    e = NF_E_FORMAT;
                    goto out;
                }
                ch = fmt[pos];
            } while (ch >= '0' && ch <= '9' && width < 1000000);
        }
        while (pos < len && (ch = fmt[pos]) == ' ')
            pos++;
        bool has_fmt = false;
        buf_reset(&item);
        if (ch == ':') {
            pos++;
            for (;;) {
                if (pos == len) {
                    e = NF_E_FORMAT;
                    goto out;
                }
                ch = fmt[pos++];
                if (ch == '{') {
                    if (pos < len && fmt[pos] == '{') {
                        pos++;
                    } else {
                        e = NF_E_FORMAT;
                        goto out;
                    }
                } else if (ch == '}') {
                    if (pos < len && fmt[pos] == '}') {
                        pos++;
                    } else {
                        pos--;
                        break;
                    }
                }
                buf_putc(&item, ch);
                has_fmt = true;
            }
        }
        if (ch != '}') {
            e = NF_E_FORMAT;
            goto out;
        }
        pos++;
        buf_reset(&cell);
        e = arg_fn(ctx, index, has_fmt ? buf_cstr(&item) : NULL, has_fmt ? item.len : 0, &cell);
        if (e)
            goto out;
        size_t units = text_utf16_len(buf_cstr(&cell), cell.len);
        size_t pad = width > units ? width - units : 0;
        if (!left)
            for (size_t i = 0; i < pad; i++)
                buf_putc(out, ' ');
        buf_add(out, buf_cstr(&cell), cell.len);
        if (left)
            for (size_t i = 0; i < pad; i++)
                buf_putc(out, ' ');
    }
out:
    buf_release(&item);
    buf_release(&cell);
    return done(out, start, e);
}
/* }=== */
