/*
** jsonpool.c - a small-block allocator for JSON documents.
**
** An organization cmdlet's answer is a JSON document of many small blocks
** (a value, a string, an array's slots), built, read once and freed
** together: for 1,600 copy status records, a few hundred thousand blocks.
** glibc's malloc keeps only a handful of freed blocks per size at hand, so
** a burst of frees and then of mallocs goes the slow way through its bins.
** This allocator keeps every freed block on the free list of its size
** class (16 to 256 bytes, by 16) and carves new ones from 64 KB slabs;
** larger blocks go to malloc. Freed small blocks are reused, never
** returned to the system: the peak is what a large answer needed.
**
** emsh installs it for jansson at start-up, before any JSON exists, with
** json_set_alloc_funcs(). Builds with AddressSanitizer leave it out, so the
** sanitizer sees every block.
*/
#include "jsonpool.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#define EMSH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EMSH_ASAN 1
#endif
#endif

#ifndef EMSH_ASAN

#define CLASSES 16   /* 16, 32, ... 256 bytes */
#define SLAB (64 * 1024)
#define BIG UINT32_MAX

/* 16 bytes before each block, so blocks stay 16-aligned. */
struct head {
    uint32_t cls;
    uint32_t pad[3];
};

struct free_block {
    struct free_block *next;
};

static struct free_block *free_list[CLASSES];
static char *slab, *slab_end;

static void *pool_malloc(size_t n)
{
    if (n > CLASSES * 16) {
        struct head *h = malloc(sizeof *h + n);
        if (!h)
            return NULL;
        h->cls = BIG;
        return h + 1;
    }
    uint32_t c = n ? (uint32_t)((n - 1) / 16) : 0;
    struct free_block *b = free_list[c];
    if (b) {
        free_list[c] = b->next;
        return b;
    }
    size_t need = sizeof(struct head) + (c + 1) * 16;
    if (!slab || (size_t)(slab_end - slab) < need) {
        slab = malloc(SLAB);
        if (!slab)
            return NULL;
        slab_end = slab + SLAB;
    }
    struct head *h = (struct head *)slab;
    slab += need;
    h->cls = c;
    return h + 1;
}

static void pool_free(void *p)
{
    if (!p)
        return;
    struct head *h = (struct head *)p - 1;
    if (h->cls == BIG) {
        free(h);
        return;
    }
    struct free_block *b = p;
    b->next = free_list[h->cls];
    free_list[h->cls] = b;
}

void jsonpool_install(void) { json_set_alloc_funcs(pool_malloc, pool_free); }

#else

void jsonpool_install(void) {}

#endif
