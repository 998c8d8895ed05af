/*
** ops.c - arithmetic and comparison (see ops.h).
*/
#include "ops.h"
#include "netaddr.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum ast_op ops_base(enum ast_op op, bool *icase)
{
    *icase = true;
    switch (op) {
#define FAMILY(B)                                                                                  \
    case OP_##B:                                                                                   \
    case OP_I##B:                                                                                  \
        return OP_##B;                                                                             \
    case OP_C##B:                                                                                  \
        *icase = false;                                                                            \
        return OP_##B;
        FAMILY(EQ)
        FAMILY(NE)
        FAMILY(GT)
        FAMILY(GE)
        FAMILY(LT)
        FAMILY(LE)
        FAMILY(LIKE)
        FAMILY(NOTLIKE)
        FAMILY(MATCH)
        FAMILY(NOTMATCH)
        FAMILY(REPLACE)
        FAMILY(CONTAINS)
        FAMILY(NOTCONTAINS)
        FAMILY(IN)
        FAMILY(NOTIN)
        FAMILY(SPLIT)
#undef FAMILY
    default:
        return op;
    }
}

/*
** {==================================================================
** Arithmetic
** ===================================================================
*/

static bool is_num(val v)
{
    switch (val_kind(v)) {
    case VAL_INT:
    case VAL_LONG:
    case VAL_DOUBLE:
    case VAL_DECIMAL:
        return true;
    default:
        return false;
    }
}

/* The wider of two numeric kinds decides the arithmetic. */
static bool num_arith(enum ast_op op, val a, val b, val *out, struct conv_error *err)
{
    enum val_kind ka = val_kind(a), kb = val_kind(b);
    bool real = ka == VAL_DOUBLE || kb == VAL_DOUBLE || ka == VAL_DECIMAL || kb == VAL_DECIMAL;
    bool dec = (ka == VAL_DECIMAL || kb == VAL_DECIMAL) && ka != VAL_DOUBLE && kb != VAL_DOUBLE;
    bool wide = ka == VAL_LONG || kb == VAL_LONG;
    if (!real) {
        /* Integer arithmetic. A result too large for its type is computed
           as a double instead, as PowerShell does (Int32 overflow does not
           become Int64). */
        int64_t x = a.u.i, y = b.u.i, r;
        switch (op) {
        case OP_ADD:
            if (__builtin_add_overflow(x, y, &r))
                goto as_double;
            break;
        case OP_SUB:
            if (__builtin_sub_overflow(x, y, &r))
                goto as_double;
            break;
        case OP_MUL:
            if (__builtin_mul_overflow(x, y, &r))
                goto as_double;
            break;
        case OP_DIV:
            if (y == 0)
                return conv_fail(err, "RuntimeException", "System.DivideByZeroException",
                                 "Attempted to divide by zero.");
            if (x % y == 0 && !(x == INT64_MIN && y == -1)) {
                r = x / y;
                break;
            }
            *out = val_double((double)x / (double)y);
            return true;
        case OP_REM:
            if (y == 0)
                return conv_fail(err, "RuntimeException", "System.DivideByZeroException",
                                 "Attempted to divide by zero.");
            r = y == -1 ? 0 : x % y;
            break;
        default:
            return false;
        }
        if (wide)
            *out = val_long(r);
        else if (r >= INT32_MIN && r <= INT32_MAX)
            *out = val_int((int32_t)r);
        else
            *out = val_double((double)r);
        return true;
    }
    if (dec) {
        /* decimal with an integer or a decimal: decimal arithmetic */
        struct dec x = ka == VAL_DECIMAL ? val_dec_get(a) : dec_from_int64(a.u.i);
        struct dec y = kb == VAL_DECIMAL ? val_dec_get(b) : dec_from_int64(b.u.i);
        struct dec r;
        enum dec_status st;
        switch (op) {
        case OP_ADD: st = dec_add(x, y, &r); break;
        case OP_SUB: st = dec_sub(x, y, &r); break;
        case OP_MUL: st = dec_mul(x, y, &r); break;
        case OP_DIV: st = dec_div(x, y, &r); break;
        case OP_REM: st = dec_rem(x, y, &r); break;
        default: return false;
        }
        if (st == DEC_DIVZERO)
            return conv_fail(err, "RuntimeException", "System.DivideByZeroException",
                             "Attempted to divide by zero.");
        if (st != DEC_OK)
            return conv_fail(err, "RuntimeException", "System.OverflowException",
                             "Value was either too large or too small for a Decimal.");
        *out = val_dec(r);
        return true;
    }
as_double:;
    double x = ka == VAL_DOUBLE ? a.u.d : ka == VAL_DECIMAL ? dec_to_double(val_dec_get(a)) : (double)a.u.i;
    double y = kb == VAL_DOUBLE ? b.u.d : kb == VAL_DECIMAL ? dec_to_double(val_dec_get(b)) : (double)b.u.i;
    double r;
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_SUB: r = x - y; break;
    case OP_MUL: r = x * y; break;
    case OP_DIV: r = x / y; break;
    case OP_REM: r = fmod(x, y); break;
    default: return false;
    }
    *out = val_double(r);
    return true;
}

static bool op_missing(val l, const char *method, struct conv_error *err)
{
    return conv_fail(err, "MethodNotFound", "System.Management.Automation.RuntimeException",
                     "Method invocation failed because [%s] does not contain a method named '%s'.",
                     conv_type_name(l), method);
}

static const char *op_method(enum ast_op op)
{
    switch (op) {
    case OP_ADD: return "op_Addition";
    case OP_SUB: return "op_Subtraction";
    case OP_MUL: return "op_Multiply";
    case OP_DIV: return "op_Division";
    case OP_REM: return "op_Modulus";
    default: return "op_Unknown";
    }
}

/* Appends the elements of r (or r itself) to a copy of array l. */
static val array_plus(val l, val r)
{
    val a = val_arr_sized(val_arr_len(l) + 1);
    for (uint32_t i = 0; i < val_arr_len(l); i++)
        a = val_arr_push(a, val_arr_get(l, i));
    if (val_kind(r) == VAL_ARRAY) {
        for (uint32_t i = 0; i < val_arr_len(r); i++)
            a = val_arr_push(a, val_arr_get(r, i));
    } else {
        a = val_arr_push(a, val_copy(r));
    }
    return a;
}

bool ops_arith(enum ast_op op, val l, val r, val *out, struct conv_error *err)
{
    enum val_kind kl = val_kind(l);
    if (op == OP_BAND || op == OP_BOR || op == OP_BXOR || op == OP_SHL || op == OP_SHR) {
        int64_t x, y;
        if (kl == VAL_ENUM && val_kind(r) == VAL_ENUM && op != OP_SHL && op != OP_SHR) {
            int64_t v = op == OP_BAND ? (l.u.i & r.u.i) : op == OP_BOR ? (l.u.i | r.u.i) : (l.u.i ^ r.u.i);
            *out = val_enum(l.aux, v);
            return true;
        }
        if (!conv_to_int64(l, &x, err) || !conv_to_int64(r, &y, err))
            return false;
        bool wide = kl == VAL_LONG || val_kind(r) == VAL_LONG || x > INT32_MAX || x < INT32_MIN ||
                    y > INT32_MAX || y < INT32_MIN;
        int64_t v;
        switch (op) {
        case OP_BAND: v = x & y; break;
        case OP_BOR: v = x | y; break;
        case OP_BXOR: v = x ^ y; break;
        case OP_SHL: v = wide ? (int64_t)((uint64_t)x << (y & 63)) : (int64_t)(int32_t)((uint32_t)x << (y & 31)); break;
        default: v = wide ? x >> (y & 63) : (int64_t)((int32_t)x >> (y & 31)); break;
        }
        *out = wide ? val_long(v) : val_int((int32_t)v);
        return true;
    }
    if (kl == VAL_NULL || kl == VAL_NOTHING) {
        /* $null + x is x; $null - x is -x */
        if (op == OP_ADD) {
            *out = val_kind(r) == VAL_NOTHING ? val_null() : val_copy(r);
            return true;
        }
        if (val_is_null(r)) {
            *out = val_null();
            return true;
        }
        val n;
        if (!conv_to_number(r, &n, err))
            return false;
        return num_arith(op, val_int(0), n, out, err);
    }
    if (kl == VAL_STRING) {
        if (op == OP_ADD) {
            val rs = conv_to_str(val_copy(r));
            *out = val_str_concat(val_copy(l), rs);
            return true;
        }
        if (op == OP_MUL) {
            int64_t times;
            if (!conv_to_int64(r, &times, err))
                return false;
            struct buf b = BUF_INIT;
            for (int64_t i = 0; i < times; i++)
                buf_add(&b, val_str(l), val_str_len(l));
            *out = val_str_buf(&b);
            return true;
        }
        return op_missing(l, op_method(op), err);
    }
    if (kl == VAL_ARRAY) {
        if (op == OP_ADD) {
            *out = array_plus(l, r);
            return true;
        }
        if (op == OP_MUL) {
            int64_t times;
            if (!conv_to_int64(r, &times, err))
                return false;
            val a = val_arr_new();
            for (int64_t k = 0; k < times; k++)
                for (uint32_t i = 0; i < val_arr_len(l); i++)
                    a = val_arr_push(a, val_arr_get(l, i));
            *out = a;
            return true;
        }
        return op_missing(l, op_method(op), err);
    }
    if (kl == VAL_HASHTABLE) {
        if (op != OP_ADD || val_kind(r) != VAL_HASHTABLE) {
            if (op == OP_ADD)
                return conv_fail(err, "AddHashTableToNonHashTable", "System.Management.Automation.RuntimeException",
                                 "A hash table can only be added to another hash table.");
            return op_missing(l, op_method(op), err);
        }
        /* HashtableOps.Add: a new Hashtable ([ordered] if l is) given the entries
           of both IDictionaries (a Dictionary[K,V] too), a key twice an error */
        val h = val_hash_new(l.flags & VF_ORDERED);
        for (uint32_t i = 0; i < val_hash_len(l) + val_hash_len(r); i++) {
            bool left = i < val_hash_len(l);
            val src = left ? l : r;
            uint32_t at = left ? i : i - val_hash_len(l);
            val k = val_hash_key_at(src, at);
            if (val_hash_has(h, k)) {
                /* the message names the key as it is in the table, and as it came */
                struct buf kb = BUF_INIT, kh = BUF_INIT;
                for (uint32_t j = 0; j < val_hash_len(h) && !kh.len; j++)
                    if (val_key_equal(val_hash_key_at(h, j), k))
                        conv_str(val_hash_key_at(h, j), &kh);
                conv_str(k, &kb);
                conv_fail(err, "System.ArgumentException", "System.ArgumentException",
                          "Item has already been added. Key in dictionary: '%s'  Key being added: '%s'",
                          buf_cstr(&kh), buf_cstr(&kb));
                buf_release(&kb);
                buf_release(&kh);
                val_free(h);
                return false;
            }
            h = val_hash_set(h, val_copy(k), val_copy(val_hash_value_at(src, at)));
        }
        *out = h;
        return true;
    }
    if (kl == VAL_DATETIME) {
        if (val_kind(r) == VAL_TIMESPAN && (op == OP_ADD || op == OP_SUB)) {
            *out = val_datetime(op == OP_ADD ? l.u.i + r.u.i : l.u.i - r.u.i, l.flags);
            return true;
        }
        if (val_kind(r) == VAL_DATETIME && op == OP_SUB) {
            *out = val_timespan(l.u.i - r.u.i);
            return true;
        }
        return op_missing(l, op_method(op), err);
    }
    if (kl == VAL_TIMESPAN) {
        if (val_kind(r) == VAL_TIMESPAN && (op == OP_ADD || op == OP_SUB)) {
            *out = val_timespan(op == OP_ADD ? l.u.i + r.u.i : l.u.i - r.u.i);
            return true;
        }
        return op_missing(l, op_method(op), err);
    }
    if (kl == VAL_OBJECT || kl == VAL_SCRIPTBLOCK || kl == VAL_GUID || kl == VAL_TYPE)
        return op_missing(l, op_method(op), err);
    /* numbers, bools, chars, enums, sizes: the right side becomes a number */
    val a, b;
    if (!conv_to_number(l, &a, err))
        return false;
    if (!conv_to_number(r, &b, err))
        return false;
    if (!is_num(a) || !is_num(b))
        return op_missing(l, op_method(op), err);
    return num_arith(op, a, b, out, err);
}

bool ops_unary(enum ast_op op, val v, val *out, struct conv_error *err)
{
    switch (op) {
    case OP_NOT:
    case OP_LNOT:
        *out = val_bool(!conv_truthy(v));
        return true;
    case OP_NEGATE: {
        val n;
        if (!conv_to_number(v, &n, err))
            return false;
        return num_arith(OP_SUB, val_int(0), n, out, err);
    }
    case OP_UPLUS:
        return conv_to_number(v, out, err);
    case OP_BNOT: {
        int64_t x;
        if (val_kind(v) == VAL_ENUM) {
            *out = val_enum(v.aux, ~v.u.i);
            return true;
        }
        if (!conv_to_int64(v, &x, err))
            return false;
        *out = (val_kind(v) == VAL_LONG || x > INT32_MAX || x < INT32_MIN) ? val_long(~x) : val_int(~(int32_t)x);
        return true;
    }
    default:
        return conv_fail(err, "OperatorNotSupported", "System.Management.Automation.RuntimeException",
                         "The '%s' operator is not supported here.", op_spelling(op));
    }
}

/* }================================================================== */

/*
** {==================================================================
** Comparison
** ===================================================================
*/

static int sign(double d)
{
    return d < 0 ? -1 : d > 0 ? 1 : 0;
}

bool ops_compare(val l, val r, bool icase, int *cmp, struct conv_error *err)
{
    enum val_kind kl = val_kind(l), kr = val_kind(r);
    if (kl == VAL_NOTHING)
        kl = VAL_NULL;
    if (kr == VAL_NOTHING)
        kr = VAL_NULL;
    if (kl == VAL_NULL || kr == VAL_NULL) {
        /* $null sorts before everything; two nulls are equal */
        *cmp = (kl == VAL_NULL) - (kr == VAL_NULL);
        *cmp = -*cmp;
        if (kl == VAL_NULL && kr == VAL_NULL)
            *cmp = 0;
        return true;
    }
    switch (kl) {
    case VAL_STRING: {
        struct buf b = BUF_INIT;
        conv_str(r, &b);
        if (icase)
            *cmp = text_icmp(val_str(l), val_str_len(l), buf_cstr(&b), b.len);
        else {
            size_t n = val_str_len(l) < b.len ? val_str_len(l) : b.len;
            int c = memcmp(val_str(l), buf_cstr(&b), n);
            /* ordinal with lower case first, as culture comparison orders a < A < b */
            if (c == 0)
                c = (val_str_len(l) > b.len) - (val_str_len(l) < b.len);
            else {
                int ci = text_icmp(val_str(l), val_str_len(l), buf_cstr(&b), b.len);
                if (ci != 0)
                    c = ci;
                else {
                    for (size_t i = 0; i < n; i++) {
                        unsigned char x = (unsigned char)val_str(l)[i], y = (unsigned char)b.s[i];
                        if (x != y) {
                            c = (x >= 'a' && x <= 'z') ? -1 : 1;
                            break;
                        }
                    }
                }
            }
            *cmp = c;
        }
        buf_release(&b);
        return true;
    }
    case VAL_BOOL:
    case VAL_SWITCH: {
        bool y = conv_truthy(r);
        *cmp = (int)l.u.b - (int)y;
        return true;
    }
    case VAL_DATETIME:
    case VAL_TIMESPAN: {
        val c;
        if (kr == kl) {
            *cmp = l.u.i < r.u.i ? -1 : l.u.i > r.u.i;
            return true;
        }
        if (!conv_to_type(val_copy(r), kl == VAL_DATETIME ? TY_DATETIME : TY_TIMESPAN, &c, err))
            return false;
        *cmp = l.u.i < c.u.i ? -1 : l.u.i > c.u.i;
        return true;
    }
    case VAL_ENUM: {
        val c;
        if (!conv_to_type(val_copy(r), l.aux, &c, err))
            return false;
        *cmp = l.u.i < c.u.i ? -1 : l.u.i > c.u.i;
        return true;
    }
    case VAL_CHAR: {
        if (kr == VAL_CHAR || kr == VAL_STRING) {
            struct buf a = BUF_INIT, b = BUF_INIT;
            conv_str(l, &a);
            conv_str(r, &b);
            *cmp = icase ? text_icmp(a.s, a.len, b.s, b.len) : strcmp(a.s, b.s);
            buf_release(&a);
            buf_release(&b);
            return true;
        }
        break;
    }
    case VAL_GUID:
    case VAL_OBJECT:
    case VAL_HASHTABLE:
    case VAL_SCRIPTBLOCK:
    case VAL_ARRAY:
    case VAL_TYPE: {
        int32_t vl[4], vr[4];
        if (conv_version_parts(l, vl)) {
            /* Version.CompareTo: part by part, an absent part (-1) first */
            val c;
            if (!conv_to_type(val_copy(r), TY_VERSION, &c, err))
                return false;
            conv_version_parts(c, vr);
            val_free(c);
            *cmp = 0;
            for (int i = 0; i < 4 && !*cmp; i++)
                *cmp = vl[i] < vr[i] ? -1 : vl[i] > vr[i];
            return true;
        }
        if (kr == kl && val_key_equal(l, r)) {
            *cmp = 0;
            return true;
        }
        if (kl == VAL_GUID || kl == VAL_TYPE) {
            struct buf a = BUF_INIT, b = BUF_INIT;
            conv_str(l, &a);
            conv_str(r, &b);
            *cmp = text_icmp(a.s, a.len, b.s, b.len);
            buf_release(&a);
            buf_release(&b);
            return true;
        }
        /* objects compare by their string forms when asked to order */
        struct buf a = BUF_INIT, b = BUF_INIT;
        conv_str(l, &a);
        conv_str(r, &b);
        *cmp = icase ? text_icmp(a.s, a.len, b.s, b.len) : strcmp(buf_cstr(&a), buf_cstr(&b));
        buf_release(&a);
        buf_release(&b);
        if (*cmp == 0)
            *cmp = 1; /* distinct objects are never equal */
        return true;
    }
    default:
        break;
    }
    /* numbers: the right side converts to a number */
    val a, b;
    if (!conv_to_number(l, &a, err))
        return false;
    if (!conv_to_number(r, &b, err)) {
        if (err) {
            struct buf x = BUF_INIT, y = BUF_INIT;
            conv_str(l, &x);
            conv_str(r, &y);
            char inner[1024];
            snprintf(inner, sizeof inner, "%s", err->msg);
            conv_fail(err, "ComparisonFailure", "System.Management.Automation.RuntimeException",
                      "Could not compare \"%s\" to \"%s\". Error: \"%s\"", buf_cstr(&x), buf_cstr(&y), inner);
            buf_release(&x);
            buf_release(&y);
        }
        return false;
    }
    bool ra = val_kind(a) == VAL_DOUBLE || val_kind(a) == VAL_DECIMAL;
    bool rb = val_kind(b) == VAL_DOUBLE || val_kind(b) == VAL_DECIMAL;
    if ((val_kind(a) == VAL_DECIMAL || val_kind(b) == VAL_DECIMAL) && val_kind(a) != VAL_DOUBLE &&
        val_kind(b) != VAL_DOUBLE) {
        struct dec x = val_kind(a) == VAL_DECIMAL ? val_dec_get(a) : dec_from_int64(a.u.i);
        struct dec y = val_kind(b) == VAL_DECIMAL ? val_dec_get(b) : dec_from_int64(b.u.i);
        *cmp = dec_cmp(x, y);
        return true;
    }
    if (val_kind(a) == VAL_DECIMAL)
        a = val_double(dec_to_double(val_dec_get(a)));
    if (val_kind(b) == VAL_DECIMAL)
        b = val_double(dec_to_double(val_dec_get(b)));
    if (!ra && !rb)
        *cmp = a.u.i < b.u.i ? -1 : a.u.i > b.u.i;
    else
        *cmp = sign((ra ? a.u.d : (double)a.u.i) - (rb ? b.u.d : (double)b.u.i));
    return true;
}

bool ops_equal(val l, val r, bool icase)
{
    enum val_kind kl = val_kind(l), kr = val_kind(r);
    if (kl == VAL_NOTHING)
        kl = VAL_NULL;
    if (kr == VAL_NOTHING)
        kr = VAL_NULL;
    if (kl == VAL_NULL || kr == VAL_NULL)
        return kl == kr;
    if (netaddr_is(l, NETADDR_IP) || netaddr_is(l, NETADDR_MAIL)) {
        /* IPAddress.Equals, MailAddress.Equals: the same address, the right side converted */
        val c;
        struct conv_error err;
        if (!conv_to_type(val_copy(r), netaddr_is(l, NETADDR_IP) ? TY_IPADDRESS : TY_MAILADDRESS, &c, &err))
            return false;
        val a = val_obj_get(l, "\x01ToString"), b = val_obj_get(c, "\x01ToString");
        bool eq = text_ieq(val_str(a), val_str_len(a), val_str(b), val_str_len(b));
        val_free(a);
        val_free(b);
        val_free(c);
        return eq;
    }
    int32_t vl[4], vr[4];
    if (conv_version_parts(l, vl)) {
        /* Version.Equals: every part the same, the right side converted */
        val c;
        struct conv_error err;
        if (!conv_to_type(val_copy(r), TY_VERSION, &c, &err))
            return false;
        conv_version_parts(c, vr);
        val_free(c);
        return !memcmp(vl, vr, sizeof vl);
    }
    if (kl == VAL_OBJECT && val_obj_ntypes(l) && !strcmp(val_obj_type_at(l, 0), "System.Uri")) {
        /* Uri.Equals: the same URI once canonical, fragments aside; the right side converted */
        val u;
        struct conv_error err;
        if (!conv_to_type(val_copy(r), TY_URI, &u, &err))
            return false;
        val a = val_obj_get(l, "AbsoluteUri"), b = val_obj_get(u, "AbsoluteUri");
        val fa = val_obj_get(l, "Fragment"), fb = val_obj_get(u, "Fragment");
        size_t na = val_str_len(a) - val_str_len(fa), nb = val_str_len(b) - val_str_len(fb);
        bool eq = na == nb && memcmp(val_str(a), val_str(b), na) == 0;
        val_free(a);
        val_free(b);
        val_free(fa);
        val_free(fb);
        val_free(u);
        return eq;
    }
    if ((kl == VAL_OBJECT || kl == VAL_HASHTABLE || kl == VAL_ARRAY || kl == VAL_SCRIPTBLOCK) &&
        kl != VAL_STRING)
        return kr == kl && val_key_equal(l, r);
    int cmp;
    if (!ops_compare(l, r, icase, &cmp, NULL))
        return false;
    return cmp == 0;
}

bool ops_range(val l, val r, val *out, struct conv_error *err)
{
    int32_t a, b;
    if (!conv_to_int32(l, &a, err) || !conv_to_int32(r, &b, err))
        return false;
    int64_t n = (int64_t)b - a;
    if (n < 0)
        n = -n;
    if (n >= 50000000)
        return conv_fail(err, "RangeTooBig", "System.ArgumentException",
                         "The range is too large: the result would have more than 50000000 elements.");
    val arr = val_arr_sized((uint32_t)n + 1);
    if (a <= b)
        for (int64_t i = a; i <= b; i++)
            arr = val_arr_push(arr, val_int((int32_t)i));
    else
        for (int64_t i = a; i >= b; i--)
            arr = val_arr_push(arr, val_int((int32_t)i));
    *out = arr;
    return true;
}

bool ops_is(val l, val type, bool *out, struct conv_error *err)
{
    uint16_t t;
    if (val_kind(type) == VAL_TYPE)
        t = type.aux;
    else if (val_kind(type) == VAL_STRING) {
        t = type_lookup(val_str(type), val_str_len(type));
        if (!t)
            return conv_fail(err, "TypeNotFound", "System.Management.Automation.RuntimeException",
                             "Unable to find type [%s].", val_str(type));
    } else {
        return conv_fail(err, "IsOperatorRequiresType", "System.Management.Automation.RuntimeException",
                         "The right operand of '-is' must be a type.");
    }
    if (val_is_null(l)) {
        *out = false;
        return true;
    }
    if (val_kind(l) == VAL_OBJECT) {
        for (uint32_t i = 0; i < val_obj_ntypes(l); i++) {
            const char *tn = val_obj_type_at(l, i);
            uint16_t id = type_lookup(tn, strlen(tn));
            if (id == t || (id && type_is(id, t))) {
                *out = true;
                return true;
            }
        }
        *out = t == TY_OBJECT || t == TY_PSOBJECT;
        return true;
    }
    if (t == TY_PSCUSTOMOBJECT) {
        *out = false;
        return true;
    }
    *out = type_is(conv_type_of(l), t);
    return true;
}

/* }================================================================== */
