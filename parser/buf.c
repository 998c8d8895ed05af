/*
** buf.c - the growable byte buffer (see buf.h).
*/
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_grow(struct buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 32;
    while (cap < need)
        cap *= 2;
    b->s = emsh_xrealloc(b->s, cap);
    b->cap = cap;
}

void buf_add(struct buf *b, const void *data, size_t n)
{
    buf_grow(b, n);
    if (n)
        memcpy(b->s + b->len, data, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
    buf_grow(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        buf_add(b, tmp, (size_t)n);
        return;
    }
    buf_grow(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_put_utf8(struct buf *b, uint32_t cp)
{
    char o[4];
    size_t n;
    /* Replace an out-of-range code point before choosing the length: U+FFFD
    ** takes three bytes, and a four-byte form of it would be overlong. */
    if (cp > 0x10FFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        o[0] = (char)(0xF0 | (cp >> 18));
        o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_add(b, o, n);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

const char *buf_cstr(const struct buf *b)
{
    return b->s ? b->s : "";
}

char *buf_detach(struct buf *b, size_t *len)
{
    char *s = b->s;
    if (!s)
        s = emsh_xstrndup("", 0);
    if (len)
        *len = b->len;
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void buf_release(struct buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

bool buf_read(struct buf *b, FILE *f)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(b, chunk, n);
    return !ferror(f);
}
