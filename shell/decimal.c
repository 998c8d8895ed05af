/*
** decimal.c - System.Decimal arithmetic (see decimal.h).
**
** Intermediate results live in a 256-bit unsigned integer of eight 32-bit
** limbs, wide enough for the product of two mantissas and for a mantissa
** scaled up by 10^28; `finish` brings one back to 96 bits and a scale of
** at most 28, dropping digits rounded half to even.
*/
#include "decimal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NW = 8 };

struct wide {
    uint32_t w[NW]; /* least significant first */
};

static struct wide w_from(uint64_t lo, uint32_t hi)
{
    struct wide x;
    memset(&x, 0, sizeof x);
    x.w[0] = (uint32_t)lo;
    x.w[1] = (uint32_t)(lo >> 32);
    x.w[2] = hi;
    return x;
}

static struct wide w_of(struct dec a)
{
    return w_from(a.lo, a.hi);
}

static bool w_zero(const struct wide *x)
{
    for (int i = 0; i < NW; i++)
        if (x->w[i])
            return false;
    return true;
}

static bool w_fits96(const struct wide *x)
{
    for (int i = 3; i < NW; i++)
        if (x->w[i])
            return false;
    return true;
}

static int w_cmp(const struct wide *a, const struct wide *b)
{
    for (int i = NW - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* a += b; true on a carry out of 256 bits. */
static bool w_add(struct wide *a, const struct wide *b)
{
    uint64_t c = 0;
    for (int i = 0; i < NW; i++) {
        c += (uint64_t)a->w[i] + b->w[i];
        a->w[i] = (uint32_t)c;
        c >>= 32;
    }
    return c != 0;
}

/* a -= b, for a >= b. */
static void w_sub(struct wide *a, const struct wide *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < NW; i++) {
        int64_t d = (int64_t)a->w[i] - b->w[i] - borrow;
        borrow = d < 0;
        a->w[i] = (uint32_t)(d + (borrow ? ((int64_t)1 << 32) : 0));
    }
}

/* a *= k; true when it overflowed 256 bits. */
static bool w_mul_small(struct wide *a, uint32_t k)
{
    uint64_t c = 0;
    for (int i = 0; i < NW; i++) {
        c += (uint64_t)a->w[i] * k;
        a->w[i] = (uint32_t)c;
        c >>= 32;
    }
    return c != 0;
}

/* a /= k; the remainder. */
static uint32_t w_div_small(struct wide *a, uint32_t k)
{
    uint64_t r = 0;
    for (int i = NW - 1; i >= 0; i--) {
        uint64_t cur = (r << 32) | a->w[i];
        a->w[i] = (uint32_t)(cur / k);
        r = cur % k;
    }
    return (uint32_t)r;
}

/* The product of two values of at most 128 bits. */
static struct wide w_mul(const struct wide *a, const struct wide *b)
{
    struct wide r;
    memset(&r, 0, sizeof r);
    for (int i = 0; i < NW / 2; i++) {
        uint64_t c = 0;
        for (int j = 0; j < NW / 2; j++) {
            c += (uint64_t)a->w[i] * b->w[j] + r.w[i + j];
            r.w[i + j] = (uint32_t)c;
            c >>= 32;
        }
        r.w[i + NW / 2] = (uint32_t)c;
    }
    return r;
}

static void w_shl1(struct wide *a, unsigned bit)
{
    for (int i = NW - 1; i > 0; i--)
        a->w[i] = (a->w[i] << 1) | (a->w[i - 1] >> 31);
    a->w[0] = (a->w[0] << 1) | bit;
}

/* q = a / b, r = a % b (b not zero): binary long division. */
static void w_divmod(const struct wide *a, const struct wide *b, struct wide *q, struct wide *r)
{
    memset(q, 0, sizeof *q);
    memset(r, 0, sizeof *r);
    for (int i = NW * 32 - 1; i >= 0; i--) {
        w_shl1(r, (a->w[i / 32] >> (i % 32)) & 1);
        w_shl1(q, 0);
        if (w_cmp(r, b) >= 0) {
            w_sub(r, b);
            q->w[0] |= 1;
        }
    }
}

/* a *= 10^n; true on overflow of 256 bits. */
static bool w_pow10(struct wide *a, int n)
{
    for (int i = 0; i < n; i++)
        if (w_mul_small(a, 10))
            return true;
    return false;
}

static bool w_odd(const struct wide *x)
{
    return x->w[0] & 1;
}

static void w_inc(struct wide *x)
{
    struct wide one = w_from(1, 0);
    w_add(x, &one);
}

/*
** m / 10^scale as a decimal: digits dropped, rounded half to even, until
** the mantissa fits 96 bits and the scale 28. `inexact` says that nonzero
** digits below m were already lost (a division's remainder).
*/
static enum dec_status finish(struct wide m, int scale, bool neg, bool inexact, struct dec *out)
{
    int last = -1;
    bool sticky = inexact;
    while (!w_fits96(&m) || scale > 28) {
        if (scale <= 0)
            return DEC_OVERFLOW;
        if (last > 0)
            sticky = true;
        last = (int)w_div_small(&m, 10);
        scale--;
    }
    if (last > 5 || (last == 5 && (sticky || w_odd(&m)))) {
        w_inc(&m);
        if (!w_fits96(&m)) {
            if (scale <= 0)
                return DEC_OVERFLOW;
            uint32_t d = w_div_small(&m, 10);
            scale--;
            if (d >= 5)
                w_inc(&m);
        }
    }
    out->lo = (uint64_t)m.w[0] | (uint64_t)m.w[1] << 32;
    out->hi = m.w[2];
    out->scale = (uint8_t)scale;
    out->neg = neg && !w_zero(&m);
    return DEC_OK;
}

struct dec dec_from_uint64(uint64_t v)
{
    struct dec d = {v, 0, 0, false};
    return d;
}

struct dec dec_from_int64(int64_t v)
{
    struct dec d = dec_from_uint64(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
    d.neg = v < 0;
    return d;
}

bool dec_is_zero(struct dec a)
{
    return a.lo == 0 && a.hi == 0;
}

struct dec dec_neg(struct dec a)
{
    a.neg = !a.neg && !dec_is_zero(a);
    return a;
}

void dec_digits(struct dec a, char out[32])
{
    struct wide m = w_of(a);
    char tmp[32];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + w_div_small(&m, 10));
    } while (!w_zero(&m));
    for (int i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    out[k] = '\0';
}

void dec_to_string(struct dec a, struct buf *out)
{
    char d[32];
    dec_digits(a, d);
    int len = (int)strlen(d);
    if (a.neg && !dec_is_zero(a))
        buf_putc(out, '-');
    if (a.scale == 0) {
        buf_puts(out, d);
        return;
    }
    if (len <= a.scale) {
        buf_puts(out, "0.");
        for (int i = len; i < a.scale; i++)
            buf_putc(out, '0');
        buf_puts(out, d);
        return;
    }
    buf_add(out, d, (size_t)(len - a.scale));
    buf_putc(out, '.');
    buf_puts(out, d + len - a.scale);
}

double dec_to_double(struct dec a)
{
    char d[32], txt[48];
    dec_digits(a, d);
    snprintf(txt, sizeof txt, "%s%se-%d", a.neg ? "-" : "", d, a.scale);
    return strtod(txt, NULL);
}

enum dec_status dec_parse(const char *s, size_t n, struct dec *out)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    struct wide m;
    memset(&m, 0, sizeof m);
    int scale = 0, digits = 0;
    bool point = false, any = false, lost = false;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        any = true;
        if (digits >= 60) { /* beyond what can matter: only the rounding needs to know */
            if (c != '0')
                lost = true;
            if (!point)
                scale--;
            continue;
        }
        if (digits || c != '0')
            digits++;
        w_mul_small(&m, 10);
        struct wide d = w_from((uint64_t)(c - '0'), 0);
        w_add(&m, &d);
        if (point)
            scale++;
    }
    if (!any)
        return DEC_FORMAT;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        if (i >= n)
            return DEC_FORMAT;
        long e = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (e < 1000)
                e = e * 10 + (s[i] - '0');
        scale += (int)(eneg ? e : -e);
    }
    if (i != n)
        return DEC_FORMAT;
    if (scale < 0) {
        if (!w_zero(&m) && w_pow10(&m, -scale))
            return DEC_OVERFLOW;
        scale = 0;
    }
    if (scale > 28 + 80) { /* far below the smallest decimal: zero */
        memset(&m, 0, sizeof m);
        scale = 28;
    }
    return finish(m, scale, neg, lost, out);
}

enum dec_status dec_from_double(double d, struct dec *out)
{
    if (!isfinite(d) || fabs(d) >= 79228162514264337593543950335.0)
        return DEC_OVERFLOW;
    if (d == 0) {
        *out = dec_from_int64(0);
        return DEC_OK;
    }
    char txt[40];
    snprintf(txt, sizeof txt, "%.14e", d);
    struct dec r;
    enum dec_status st = dec_parse(txt, strlen(txt), &r);
    if (st)
        return st;
    /* no trailing zeros after the point */
    struct wide m = w_of(r);
    int scale = r.scale;
    while (scale > 0) {
        struct wide t = m;
        if (w_div_small(&t, 10))
            break;
        m = t;
        scale--;
    }
    return finish(m, scale, r.neg, false, out);
}

/* a and b with the larger of their scales. */
static int align(struct dec a, struct dec b, struct wide *x, struct wide *y)
{
    int s = a.scale > b.scale ? a.scale : b.scale;
    *x = w_of(a);
    *y = w_of(b);
    w_pow10(x, s - a.scale);
    w_pow10(y, s - b.scale);
    return s;
}

enum dec_status dec_add(struct dec a, struct dec b, struct dec *out)
{
    struct wide x, y;
    int s = align(a, b, &x, &y);
    if (a.neg == b.neg) {
        w_add(&x, &y);
        return finish(x, s, a.neg, false, out);
    }
    if (w_cmp(&x, &y) >= 0) {
        w_sub(&x, &y);
        return finish(x, s, a.neg, false, out);
    }
    w_sub(&y, &x);
    return finish(y, s, b.neg, false, out);
}

enum dec_status dec_sub(struct dec a, struct dec b, struct dec *out)
{
    b.neg = !b.neg;
    return dec_add(a, b, out);
}

enum dec_status dec_mul(struct dec a, struct dec b, struct dec *out)
{
    struct wide x = w_of(a), y = w_of(b);
    struct wide p = w_mul(&x, &y);
    return finish(p, a.scale + b.scale, a.neg != b.neg, false, out);
}

enum dec_status dec_div(struct dec a, struct dec b, struct dec *out)
{
    if (dec_is_zero(b))
        return DEC_DIVZERO;
    struct wide x = w_of(a), y = w_of(b), q, r;
    int s = a.scale - b.scale;
    if (s < 0) {
        w_pow10(&x, -s);
        s = 0;
    }
    w_divmod(&x, &y, &q, &r);
    bool neg = a.neg != b.neg;
    while (!w_zero(&r) && s < 28) {
        struct wide t = q;
        struct wide nine = w_from(9, 0);
        w_mul_small(&t, 10);
        w_add(&t, &nine);
        if (!w_fits96(&t))
            break;
        w_mul_small(&r, 10);
        struct wide d, r2;
        w_divmod(&r, &y, &d, &r2);
        r = r2;
        w_mul_small(&q, 10);
        w_add(&q, &d);
        s++;
    }
    if (!w_fits96(&q))
        return finish(q, s, neg, !w_zero(&r), out);
    if (!w_zero(&r)) {
        struct wide twice = r;
        w_mul_small(&twice, 2);
        int c = w_cmp(&twice, &y);
        if (c > 0 || (c == 0 && w_odd(&q)))
            w_inc(&q);
    }
    return finish(q, s, neg, false, out);
}

enum dec_status dec_rem(struct dec a, struct dec b, struct dec *out)
{
    if (dec_is_zero(b))
        return DEC_DIVZERO;
    struct wide x, y, q, r;
    int s = align(a, b, &x, &y);
    w_divmod(&x, &y, &q, &r);
    return finish(r, s, a.neg, false, out);
}

int dec_cmp(struct dec a, struct dec b)
{
    bool za = dec_is_zero(a), zb = dec_is_zero(b);
    if (za && zb)
        return 0;
    bool na = a.neg && !za, nb = b.neg && !zb;
    if (na != nb)
        return na ? -1 : 1;
    struct wide x, y;
    align(a, b, &x, &y);
    int c = w_cmp(&x, &y);
    return na ? -c : c;
}

/* Drops digits down to `decimals`: half to even, half away from zero, or
** toward zero, toward -inf or +inf. */
enum rmode { R_EVEN, R_AWAY, R_TRUNC, R_FLOOR, R_CEIL };

static struct dec round_to(struct dec a, int decimals, enum rmode mode)
{
    if (decimals < 0)
        decimals = 0;
    if (a.scale <= decimals)
        return a;
    struct wide m = w_of(a);
    int last = 0;
    bool sticky = false;
    for (int s = a.scale; s > decimals; s--) {
        if (last)
            sticky = true;
        last = (int)w_div_small(&m, 10);
    }
    bool up = false;
    switch (mode) {
    case R_EVEN:
        up = last > 5 || (last == 5 && (sticky || w_odd(&m)));
        break;
    case R_AWAY:
        up = last >= 5;
        break;
    case R_TRUNC:
        break;
    case R_FLOOR:
        up = a.neg && (last || sticky);
        break;
    case R_CEIL:
        up = !a.neg && (last || sticky);
        break;
    }
    if (up)
        w_inc(&m);
    struct dec r;
    finish(m, decimals, a.neg, false, &r);
    return r;
}

struct dec dec_round(struct dec a, int decimals, bool away_from_zero)
{
    return round_to(a, decimals, away_from_zero ? R_AWAY : R_EVEN);
}

struct dec dec_truncate(struct dec a)
{
    return round_to(a, 0, R_TRUNC);
}

struct dec dec_floor(struct dec a)
{
    return round_to(a, 0, R_FLOOR);
}

struct dec dec_ceiling(struct dec a)
{
    return round_to(a, 0, R_CEIL);
}

bool dec_to_int64(struct dec a, int64_t *out)
{
    struct dec r = dec_round(a, 0, false);
    if (r.hi || (r.lo > (uint64_t)INT64_MAX + (r.neg ? 1u : 0u)))
        return false;
    *out = r.neg ? (int64_t)(0 - r.lo) : (int64_t)r.lo;
    return true;
}
