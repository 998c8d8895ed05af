/*
** arena.c - the bump allocator (see arena.h).
**
** Blocks come from calloc, so memory handed out is zero without clearing
** each object: for a large block the C library maps fresh pages that the
** kernel has zeroed already, and otherwise it clears the block in one go.
** Blocks double in size, from ARENA_BLOCK_MIN (a one-line REPL unit stays
** small) to ARENA_BLOCK_MAX (a big script does not pay a malloc per 64 KiB).
**
** The tree of a big script is tens of megabytes touched once each, so a
** parse spends much of its time in page faults. Where the system has
** transparent huge pages, blocks of ARENA_BLOCK_MAX and more are mapped
** directly, aligned, and marked for huge pages: one fault per 2 MiB instead
** of one per 4 KiB.
*/
#if !defined(_DEFAULT_SOURCE) && defined(__linux__)
#define _DEFAULT_SOURCE /* madvise, MAP_ANONYMOUS */
#endif
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#define ARENA_BLOCK_MIN 65536
#define ARENA_BLOCK_MAX (2 * 1024 * 1024)
#define ARENA_ALIGN 16
_Static_assert(ARENA_BIG == ARENA_BLOCK_MIN / 4, "larger objects get a block each");

struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t mapped; /* bytes mapped by map_block(), 0 if from calloc */
    _Alignas(ARENA_ALIGN) unsigned char data[];
};
/* arena_bump() counts on the space of every block ending on a multiple of
** 16: data is aligned, and block sizes are powers of two or what is left of
** whole huge pages after this header. */
_Static_assert(sizeof(struct arena_block) % ARENA_ALIGN == 0, "block space ends aligned");

void arena_init(struct arena *a)
{
    a->next = a->end = NULL;
    a->head = NULL;
    a->total = 0;
    a->next_size = ARENA_BLOCK_MIN;
}

#if defined(__linux__) && defined(MADV_HUGEPAGE)
#define HUGE_PAGE ((size_t)2 * 1024 * 1024)

/* A zeroed block on huge pages, or NULL (then calloc does it). */
static struct arena_block *map_block(size_t size)
{
    size_t want = (sizeof(struct arena_block) + size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    /* map one huge page more, to cut an aligned run out of it */
    size_t len = want + HUGE_PAGE;
    unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    uintptr_t at = ((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    unsigned char *start = (unsigned char *)at;
    if (start > m)
        munmap(m, (size_t)(start - m));
    if (start + want < m + len)
        munmap(start + want, (size_t)(m + len - (start + want)));
    madvise(start, want, MADV_HUGEPAGE);
    struct arena_block *b = (struct arena_block *)start;
    b->mapped = want;
    b->size = want - sizeof *b; /* the rest of the last huge page is ours too */
    return b;
}

static void free_block(struct arena_block *b)
{
    if (b->mapped)
        munmap(b, b->mapped);
    else
        free(b);
}
#else
static struct arena_block *map_block(size_t size)
{
    (void)size;
    return NULL;
}

static void free_block(struct arena_block *b)
{
    free(b);
}
#endif

/* A zeroed block of at least size bytes. */
static struct arena_block *new_block(struct arena *a, size_t size)
{
    struct arena_block *b = NULL;
    if (sizeof *b + size >= ARENA_BLOCK_MAX)
        b = map_block(size);
    if (!b) {
        b = emsh_xcalloc(sizeof *b + size);
        b->size = size;
    }
    a->total += b->size;
    return b;
}

/* n zeroed bytes at a multiple of align (a power of two, at most 16). */
void *arena_alloc_slow(struct arena *a, size_t n, size_t align)
{
    if (n > ARENA_BIG) {
        /* A large object gets a block of its own behind the current one. */
        struct arena_block *b = new_block(a, n);
        if (a->head) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = NULL;
            a->head = b;
            a->next = a->end = NULL; /* full: the next object opens a block */
        }
        return b->data;
    }
    uintptr_t at = ((uintptr_t)a->next + (align - 1)) & ~(uintptr_t)(align - 1);
    if (!a->next || at + n > (uintptr_t)a->end) {
        if (a->next_size < ARENA_BLOCK_MIN)
            a->next_size = ARENA_BLOCK_MIN; /* a zeroed struct arena works too */
        /* a full-size block is mapped: header and data fill it exactly */
        size_t size = a->next_size < ARENA_BLOCK_MAX ? a->next_size
                                                     : ARENA_BLOCK_MAX - sizeof(struct arena_block);
        struct arena_block *b = new_block(a, size);
        if (a->next_size < ARENA_BLOCK_MAX)
            a->next_size *= 2;
        b->next = a->head;
        a->head = b;
        a->end = b->data + b->size;
        at = (uintptr_t)b->data;
    }
    a->next = (unsigned char *)(at + n);
    return (void *)at;
}

void arena_release(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free_block(b);
        b = next;
    }
    arena_init(a);
}
