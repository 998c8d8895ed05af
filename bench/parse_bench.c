/*
** parse_bench.c - parser throughput and memory on one input file.
**
**     parse_bench [-n RUNS] FILE
**
** Reads FILE into memory once, parses it once untimed (warm-up, and to count
** errors and arena bytes), then RUNS more times (default 10), timing each
** parse_unit_new() + parse_unit_free() with the monotonic clock: the work a
** syntax check does, minus reading the file. Prints the best and median
** time and throughput (1 MB = 1,000,000 bytes), the arena's byte total for
** one unit (what the tree of this input costs), and the process's peak
** resident set (getrusage ru_maxrss, KiB: the text, one unit and the allocator's
** slack). The last line repeats the figures as key=value pairs for
** bench/run.sh:
**
**     RESULT bytes=... runs=... best_s=... median_s=... best_mbps=...
**            median_mbps=... arena_bytes=... maxrss_kb=... errors=...
**
** Exit status: 0 (parse errors are reported, not failures), 1 when the file
** cannot be read, 2 bad usage. Built by bench/CMakeLists.txt; run by
** bench/run.sh on a multi-megabyte input and by the bench-smoke ctest on a
** small one.
*/
#if !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE)
#define _POSIX_C_SOURCE 200809L /* clock_gettime, getrusage */
#endif
#include "parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { MAX_RUNS = 1000 };

static const char usage_text[] = "usage: parse_bench [-n RUNS] FILE\n";

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long maxrss_kb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss; /* kilobytes on Linux */
}

/* Reads a whole file; NULL with errno set on failure. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = BUF_INIT;
    int err = buf_read(&b, f) ? 0 : errno;
    fclose(f);
    if (err) {
        buf_release(&b);
        errno = err;
        return NULL;
    }
    return buf_detach(&b, len);
}

int main(int argc, char **argv)
{
    long runs = 10;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
        char *end;
        runs = strtol(argv[i + 1], &end, 10);
        if (*end || runs < 1 || runs > MAX_RUNS) {
            fprintf(stderr, "parse_bench: RUNS must be 1 to %d\n", MAX_RUNS);
            return 2;
        }
        i += 2;
    }
    if (i + 1 != argc || argv[i][0] == '-') {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *path = argv[i];

    size_t len;
    char *text = slurp(path, &len);
    if (!text) {
        fprintf(stderr, "parse_bench: cannot read '%s': %s\n", path, strerror(errno));
        return 1;
    }
    long rss_before = maxrss_kb();

    /* Warm-up: also the unit whose errors and arena size are reported. */
    struct parse_unit *u = parse_unit_new(path, text, len);
    size_t arena_bytes = u->arena.total;
    uint32_t nerrors = u->nerrors;
    if (nerrors) {
        struct buf b = BUF_INIT;
        parse_render_errors(u, &b);
        /* The first error is enough to see what went wrong. */
        const char *s = buf_cstr(&b);
        const char *cut = strstr(s, "\nAt ");
        fprintf(stderr, "parse_bench: %u parse error(s) in %s; the first:\n%.*s\n", nerrors, path,
                cut ? (int)(cut - s) : (int)b.len, s);
        buf_release(&b);
    }
    parse_unit_free(u);

    double *t = emsh_xmalloc((size_t)runs * sizeof *t);
    for (long r = 0; r < runs; r++) {
        double t0 = now_seconds();
        u = parse_unit_new(path, text, len);
        parse_unit_free(u);
        t[r] = now_seconds() - t0;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double best = t[0];
    double median = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    double mb = (double)len / 1e6;
    double best_mbps = best > 0 ? mb / best : 0;
    double median_mbps = median > 0 ? mb / median : 0;
    long rss = maxrss_kb();

    printf("input        %s (%.2f MB, %u parse errors)\n", path, mb, nerrors);
    printf("runs         %ld after one warm-up\n", runs);
    printf("best         %9.2f ms  %8.1f MB/s\n", best * 1e3, best_mbps);
    printf("median       %9.2f ms  %8.1f MB/s\n", median * 1e3, median_mbps);
    printf("arena        %9.2f MB  (%.1f bytes per input byte)\n", (double)arena_bytes / 1e6,
           len ? (double)arena_bytes / (double)len : 0.0);
    printf("peak RSS     %9.2f MB  (%.2f MB before parsing)\n", (double)rss * 1024 / 1e6,
           (double)rss_before * 1024 / 1e6);
    printf("RESULT bytes=%zu runs=%ld best_s=%.6f median_s=%.6f best_mbps=%.1f median_mbps=%.1f "
           "arena_bytes=%zu maxrss_kb=%ld errors=%u\n",
           len, runs, best, median, best_mbps, median_mbps, arena_bytes, rss, nerrors);
    free(t);
    free(text);
    return 0;
}
