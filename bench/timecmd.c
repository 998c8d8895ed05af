/*
** timecmd.c - whole-process time of a command, for bench/run.sh.
**
**     timecmd [-n RUNS] [-w WARMUP] COMMAND [ARG...]
**
** Runs COMMAND WARMUP times untimed (default 3), then RUNS times (default
** 100), each time from posix_spawnp() to wait4() on the monotonic clock,
** with standard output and error sent to /dev/null. Fails (exit 1) if any
** run exits non-zero or is killed. Prints one key=value line, times in
** seconds:
**
**     RESULT runs=... min_s=... median_s=... mean_s=... max_s=... max_rss_kb=...
**
** max_rss_kb is the largest peak resident set of any run (wait4's rusage;
** posix_spawn shares nothing with this small process, so it is the
** command's own).
**
** bench/run.sh uses hyperfine when it is installed and this otherwise (or
** when BENCH_TIMER=timecmd), so the figures need nothing but the C library.
*/
#if !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE)
#define _POSIX_C_SOURCE 200809L /* clock_gettime, posix_spawn */
#endif
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum { MAX_RUNS = 100000 };

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

static long max_rss_kb; /* the largest ru_maxrss seen */

/* Runs argv once with output discarded; returns its wall time, or -1. */
static double run_once(char **argv, const posix_spawn_file_actions_t *fa)
{
    pid_t pid;
    double t0 = now_seconds();
    int err = posix_spawnp(&pid, argv[0], fa, NULL, argv, environ);
    if (err != 0) {
        fprintf(stderr, "timecmd: cannot run '%s': %s\n", argv[0], strerror(err));
        return -1;
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("timecmd: wait4");
        return -1;
    }
    if (ru.ru_maxrss > max_rss_kb)
        max_rss_kb = ru.ru_maxrss;
    double t = now_seconds() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "timecmd: '%s' failed (%s %d)\n", argv[0],
                WIFEXITED(status) ? "exit status" : "signal",
                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        return -1;
    }
    return t;
}

static long number_arg(const char *s, long lo, long hi, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end || v < lo || v > hi) {
        fprintf(stderr, "timecmd: %s must be %ld to %ld\n", what, lo, hi);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    long runs = 100, warmup = 3;
    int i = 1;
    while (i + 1 < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-n") == 0)
            runs = number_arg(argv[i + 1], 1, MAX_RUNS, "RUNS");
        else if (strcmp(argv[i], "-w") == 0)
            warmup = number_arg(argv[i + 1], 0, MAX_RUNS, "WARMUP");
        else
            break;
        i += 2;
    }
    if (i >= argc || argv[i][0] == '-') {
        fputs("usage: timecmd [-n RUNS] [-w WARMUP] COMMAND [ARG...]\n", stderr);
        return 2;
    }
    char **cmd = argv + i;

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);

    for (long r = 0; r < warmup; r++)
        if (run_once(cmd, &fa) < 0)
            return 1;
    double *t = malloc((size_t)runs * sizeof *t);
    if (!t) {
        perror("timecmd");
        return 1;
    }
    double sum = 0;
    for (long r = 0; r < runs; r++) {
        t[r] = run_once(cmd, &fa);
        if (t[r] < 0)
            return 1;
        sum += t[r];
    }
    posix_spawn_file_actions_destroy(&fa);
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double median = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    printf("RESULT runs=%ld min_s=%.6f median_s=%.6f mean_s=%.6f max_s=%.6f max_rss_kb=%ld\n", runs,
           t[0], median, sum / (double)runs, t[runs - 1], max_rss_kb);
    free(t);
    return 0;
}
