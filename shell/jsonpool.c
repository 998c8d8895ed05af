/*
** jsonpool.c - a small-block allocator for JSON documents.
**
** An organization cmdlet's answer is a JSON document of many small blocks
** (a value, a string, an array's slots), built, read once and freed
** together: for 1,600 copy status records, a hundred thousand blocks.
** glibc's malloc keeps only a handful of freed blocks per size at hand, so
** a burst of frees and then of mallocs goes the slow way through its bins,
** and each block carries malloc's own header besides.
**
** This allocator keeps every freed block on the free list of its size
** class (8 to 256 bytes, by 8: a JSON integer takes 24) and carves new
** blocks from 64 KB slabs, each slab holding one class. The slabs come
** from one region of address space reserved at start-up and touched only
** as it is used, so a block needs no header: its address says it is
** ours, and its slab's entry in a side table says its class. Larger
** blocks, and everything once the region is used up, go to malloc.
** Freed small blocks are reused, never returned to the system: the peak
** is what a large answer needed.
**
** emsh installs it for jansson at start-up, before any JSON exists, with
** json_set_alloc_funcs(). Builds with AddressSanitizer leave it out, so the
** sanitizer sees every block; where the region can't be reserved, jansson
** keeps malloc.
*/
#if !defined(_DEFAULT_SOURCE) && defined(__linux__)
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE */
#endif
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

#if !defined(EMSH_ASAN) && defined(__linux__)
#include <sys/mman.h>

#define GRAIN 8
#define CLASSES 32                     /* 8, 16, ... 256 bytes */
#define SLAB_BITS 16                   /* 64 KB */
#define REGION ((size_t)1 << 30)       /* 1 GB of address space, 16,384 slabs */
#define NSLABS (REGION >> SLAB_BITS)

struct free_block {
    struct free_block *next;
};

static char *base, *next_slab;           /* the region; its first unused slab */
static uint8_t slab_class[NSLABS];
static struct free_block *free_list[CLASSES];
static char *cur[CLASSES], *cur_end[CLASSES]; /* the slab each class carves from */

static void *pool_malloc(size_t n)
{
    if (n > CLASSES * GRAIN || n == 0)
        return malloc(n ? n : 1);
    unsigned c = (unsigned)((n - 1) / GRAIN);
    struct free_block *b = free_list[c];
    if (b) {
        free_list[c] = b->next;
        return b;
    }
    size_t size = (size_t)(c + 1) * GRAIN;
    if ((size_t)(cur_end[c] - cur[c]) < size) {
        if (next_slab == base + REGION)
            return malloc(n);
        slab_class[(size_t)(next_slab - base) >> SLAB_BITS] = (uint8_t)c;
        cur[c] = next_slab;
        cur_end[c] = next_slab + ((size_t)1 << SLAB_BITS);
        next_slab = cur_end[c];
    }
    void *p = cur[c];
    cur[c] += size;
    return p;
}

static void pool_free(void *p)
{
    char *q = p;
    if (q < base || q >= base + REGION) {
        free(p);
        return;
    }
    unsigned c = slab_class[(size_t)(q - base) >> SLAB_BITS];
    struct free_block *b = p;
    b->next = free_list[c];
    free_list[c] = b;
}

void jsonpool_install(void)
{
    void *m = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return;
    base = next_slab = m;
    json_set_alloc_funcs(pool_malloc, pool_free);
}

#else

void jsonpool_install(void) {}

#endif
