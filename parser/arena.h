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

struct arena_block;

struct arena {
    struct arena_block *head; /* block being filled; older blocks follow */
    size_t used;              /* bytes used in head */
    size_t total;             /* bytes obtained from malloc, for statistics */
    size_t next_size;         /* size of the next block */
};

void arena_init(struct arena *a);
/* Zeroed memory aligned for any object; aborts when memory runs out. */
void *arena_alloc(struct arena *a, size_t n);
/* The same aligned to 8 only: for the many small objects (AST nodes) that
** hold nothing wider than pointers, int64_t and double. */
void *arena_alloc8(struct arena *a, size_t n);
/* A NUL-terminated copy of s[0..n) in the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Frees every block; the arena may be used again after arena_init(). */
void arena_release(struct arena *a);

#endif /* EMSH_ARENA_H */
