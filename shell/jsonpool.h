/*
** jsonpool.h - the allocator emsh gives jansson (jsonpool.c).
*/
#ifndef EMSH_JSONPOOL_H
#define EMSH_JSONPOOL_H

/* Makes jansson allocate from size-class free lists; call before any JSON exists. */
void jsonpool_install(void);

#endif /* EMSH_JSONPOOL_H */
