/*
** buf.h - a growable byte buffer, always NUL-terminated.
**
**     struct buf b = BUF_INIT;
**     buf_puts(&b, "x = ");
**     buf_printf(&b, "%d", 42);
**     char *s = buf_detach(&b, NULL);   // caller frees s
**
** buf_release() frees the memory; buf_detach() hands it to the caller and
** leaves the buffer empty. b.s is never NULL once anything was added, and
** reads as "" before that through buf_cstr().
*/
#ifndef EMSH_BUF_H
#define EMSH_BUF_H

#include "base.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

struct buf {
    char *s;
    size_t len;
    size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) EMSH_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) EMSH_PRINTF(2, 0);
/* Appends the UTF-8 encoding of code point cp. */
void buf_put_utf8(struct buf *b, uint32_t cp);
/* Appends the rest of stream f; false, with errno set, if reading it failed. */
bool buf_read(struct buf *b, FILE *f);
void buf_reset(struct buf *b);
const char *buf_cstr(const struct buf *b);
char *buf_detach(struct buf *b, size_t *len);
void buf_release(struct buf *b);

#endif /* EMSH_BUF_H */
