/*
** base.h - small utilities shared by every layer of emsh.
**
** This is the lowest header of the tree: it depends on nothing of ours. It
** holds compiler attributes, the defensive-check macros and the status codes
** (enum emsh_rc) that C functions which can fail return. The arena (arena.h)
** and the growable buffer (buf.h) build on it.
*/
#ifndef EMSH_BASE_H
#define EMSH_BASE_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define EMSH_PRINTF(f, a)   __attribute__((format(printf, f, a)))
#define EMSH_WARN_UNUSED    __attribute__((warn_unused_result))
#define EMSH_NORETURN       __attribute__((noreturn))
#define EMSH_LIKELY(x)      __builtin_expect(!!(x), 1)
#define EMSH_UNLIKELY(x)    __builtin_expect(!!(x), 0)
#define EMSH_NOINLINE       __attribute__((noinline))
#define EMSH_INLINE         inline __attribute__((always_inline))
#else
#define EMSH_PRINTF(f, a)
#define EMSH_WARN_UNUSED
#define EMSH_NORETURN
#define EMSH_LIKELY(x)   (x)
#define EMSH_UNLIKELY(x) (x)
#define EMSH_NOINLINE
#define EMSH_INLINE inline
#endif

/*
** EMSH_ALWAYS(X) and EMSH_NEVER(X) mark defensive checks of conditions that
** cannot happen. Debug builds assert; release builds still take the safe branch.
*/
#ifdef NDEBUG
#define EMSH_ALWAYS(X) (X)
#define EMSH_NEVER(X)  (X)
#else
#define EMSH_ALWAYS(X) ((X) ? 1 : (assert(0), 0))
#define EMSH_NEVER(X)  ((X) ? (assert(0), 1) : 0)
#endif

#define EMSH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
** Status codes. EMSH_OK is 0 and the numbers never change; emsh_rc_str()
** gives a fixed description of each.
*/
enum emsh_rc {
    EMSH_OK = 0,
    EMSH_E_NOMEM = 1,      /* an allocation failed */
    EMSH_E_IO = 2,         /* a file could not be read or written */
    EMSH_E_SYNTAX = 3,     /* the text does not parse */
    EMSH_E_INCOMPLETE = 4, /* the text ended inside an open construct */
    EMSH_E_USAGE = 5,      /* a program option is wrong */
    EMSH_RC__LAST          /* never use */
};

const char *emsh_rc_str(enum emsh_rc rc);

/* Allocation that aborts the program with a message when memory runs out. */
void *emsh_xmalloc(size_t n) EMSH_WARN_UNUSED;
void *emsh_xcalloc(size_t n) EMSH_WARN_UNUSED; /* n zeroed bytes */
void *emsh_xrealloc(void *p, size_t n) EMSH_WARN_UNUSED;
char *emsh_xstrndup(const char *s, size_t n) EMSH_WARN_UNUSED;

#endif /* EMSH_BASE_H */
