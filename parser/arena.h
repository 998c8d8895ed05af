/*
** arena.h - a bump allocator for objects that all die together.
**
** The parser allocates every AST node, list and string of one compilation
** unit from one arena and frees them all with arena_release(). Nothing is
** freed one by one. Memory comes back zeroed.
**
**     struct arena a;
**     arena_init(&a);
**     struct node *n = arena_alloc(&a, sizeof *n);
**     ...
**     arena_release(&a);
*/
#ifndef EMSH_ARENA_H
#define EMSH_ARENA_H

#include "base.h"

#include <string.h>

struct arena_block;

struct arena {
    unsigned char *next;      /* first free byte of the head block */
    unsigned char *end;       /* end of the head block's space */
    struct arena_block *head; /* block being filled; older blocks follow */
    size_t total;             /* bytes obtained from malloc, for statistics */
    size_t next_size;         /* size of the next block */
};

/* Objects larger than this get a block of their own (see arena.c). */
#define ARENA_BIG 16384

void arena_init(struct arena *a);
/* Frees every block; the arena may be used again after arena_init(). */
void arena_release(struct arena *a);

/* What arena_bump() does when the head block is full (or there is none),
** for a large object, or for n == 0. */
void *arena_alloc_slow(struct arena *a, size_t n, size_t align);

/*
** The bump itself, inline: a parse allocates a node every few bytes of
** input, and a call per node costs more than the bump. Addresses are
** computed as integers, so that a zeroed arena (next == end == NULL) takes
** the slow path without arithmetic on a null pointer. Every block's space
** ends on a multiple of 16, so aligning next never passes end, and
** `n - 1 < end - at` is 0 < n <= end - at in one unsigned compare.
*/
static EMSH_INLINE void *arena_bump(struct arena *a, size_t n, size_t align)
{
    uintptr_t at = ((uintptr_t)a->next + (align - 1)) & ~(uintptr_t)(align - 1);
    if (EMSH_LIKELY(n <= ARENA_BIG && n - 1 < (uintptr_t)a->end - at)) {
        a->next = (unsigned char *)(at + n);
        return (void *)at;
    }
    return arena_alloc_slow(a, n, align);
}

/* Zeroed memory aligned for any object; aborts when memory runs out. */
static inline void *arena_alloc(struct arena *a, size_t n)
{
    return arena_bump(a, n, 16);
}

/* The same aligned to 8 only: for the many small objects (AST nodes) that
** hold nothing wider than pointers, int64_t and double. */
static inline void *arena_alloc8(struct arena *a, size_t n)
{
    return arena_bump(a, n, 8);
}

/*
** memcpy(), inline for up to 32 bytes: most of what a parse copies is a
** name or a list of a node or two, and a call to memcpy for each, which
** dispatches on the length again, costs more than the copy. Two copies of
** a power-of-two size that overlap in the middle cover every length in
** their range.
*/
static inline void arena_copy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n > 32) {
        memcpy(d, s, n);
    } else if (n >= 16) {
        unsigned char x[16], y[16];
        memcpy(x, s, 16);
        memcpy(y, s + n - 16, 16);
        memcpy(d, x, 16);
        memcpy(d + n - 16, y, 16);
    } else if (n >= 8) {
        uint64_t x, y;
        memcpy(&x, s, 8);
        memcpy(&y, s + n - 8, 8);
        memcpy(d, &x, 8);
        memcpy(d + n - 8, &y, 8);
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        memcpy(d, &x, 4);
        memcpy(d + n - 4, &y, 4);
    } else if (n) {
        unsigned char x = s[0], y = s[n / 2], z = s[n - 1];
        d[0] = x;
        d[n / 2] = y;
        d[n - 1] = z;
    }
}

/* A NUL-terminated copy of s[0..n) in the arena. */
static EMSH_INLINE char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_bump(a, n + 1, 1); /* text needs no alignment: pack it */
    arena_copy(p, s, n);
    return p; /* zeroed, so p[n] is the terminator already */
}

#endif /* EMSH_ARENA_H */
