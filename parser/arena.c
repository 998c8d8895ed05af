/*
** arena.c - the bump allocator (see arena.h).
*/
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536
#define ARENA_ALIGN 16

struct arena_block {
    struct arena_block *next;
    size_t size;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

static struct arena_block *new_block(struct arena *a, size_t size)
{
    struct arena_block *b = emsh_xmalloc(sizeof *b + size);
    b->size = size;
    a->total += size;
    return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (n > ARENA_BLOCK / 4) {
        /* A large object gets a block of its own behind the current one. */
        struct arena_block *b = new_block(a, n);
        if (a->head) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = NULL;
            a->head = b;
            a->used = n;
        }
        memset(b->data, 0, n);
        return b->data;
    }
    if (!a->head || a->used + n > a->head->size) {
        struct arena_block *b = new_block(a, ARENA_BLOCK);
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void arena_release(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena_init(a);
}
