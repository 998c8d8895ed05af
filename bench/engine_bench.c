/*
** engine_bench.c - the cluster engine's figures, in-process.
**
**     engine_bench [-n RUNS] [-s SERVERS] [-d DBS_PER_SERVER] [-c COPIES] DIR
**
** Builds a Generated organization (16 servers, 25 databases each, 4 copies:
** 400 databases, 1,600 copies) in a fresh store under DIR on the virtual
** clock, then prints the median of RUNS for:
**
**   copystatus   engine_invoke of Get-MailboxDatabaseCopyStatus * (all copies)
**   noop         engine_invoke of Step-LabClock -Seconds 30 with nothing due:
**                loading the organization, catching up and saving
**   failover     the same call when it detects MBX1's failure and fails over
**                its 25 active databases; failover-noop is the engine time
**                spent deciding and applying the failover
**   week         Step-LabClock -Days 7 on the whole organization
**
** bench/engine.sh adds the one-shot `emsh -c` time of the first.
*/
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static json_t *call(struct engine *e, const char *cmdlet, json_t *params)
{
    json_t *req = json_pack("{s:s, s:o, s:s}", "cmdlet", cmdlet, "parameters", params ? params : json_object(),
                            "mode", "apply");
    json_t *r = engine_invoke(e, req);
    json_decref(req);
    json_t *errs = json_object_get(r, "errors");
    if (json_array_size(errs)) {
        fprintf(stderr, "engine_bench: %s: %s\n", cmdlet,
                json_string_value(json_object_get(json_array_get(errs, 0), "message")));
        exit(1);
    }
    return r;
}

static double timed(struct engine *e, const char *cmdlet, json_t *params, size_t *nout)
{
    double t = now_ms();
    json_t *r = call(e, cmdlet, params);
    t = now_ms() - t;
    if (nout)
        *nout = json_array_size(json_object_get(r, "output"));
    json_decref(r);
    return t;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static struct engine *fresh(const char *dir, int servers, int per, int copies, int run)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/bench-%d.db", dir, run);
    for (const char *sfx = ""; sfx; sfx = !*sfx ? "-wal" : !strcmp(sfx, "-wal") ? "-shm" : NULL) {
        char p[4200];
        snprintf(p, sizeof p, "%s%s", path, sfx);
        unlink(p);
    }
    struct engine_options o = {.store = path, .clock = ENGINE_CLOCK_VIRTUAL};
    char *err = NULL;
    struct engine *e = engine_open(&o, &err);
    if (!e) {
        fprintf(stderr, "engine_bench: %s\n", err);
        exit(1);
    }
    json_decref(call(e, "New-LabOrganization",
                     json_pack("{s:s, s:i, s:i, s:i}", "Template", "Generated", "Servers", servers,
                               "DatabasesPerServer", per, "CopiesPerDatabase", copies)));
    return e;
}

int main(int argc, char **argv)
{
    int runs = 5, servers = 16, per = 25, copies = 4, opt;
    while ((opt = getopt(argc, argv, "n:s:d:c:")) != -1) {
        switch (opt) {
        case 'n': runs = atoi(optarg); break;
        case 's': servers = atoi(optarg); break;
        case 'd': per = atoi(optarg); break;
        case 'c': copies = atoi(optarg); break;
        default: goto usage;
        }
    }
    if (optind != argc - 1 || runs < 1) {
    usage:
        fprintf(stderr, "usage: engine_bench [-n RUNS] [-s SERVERS] [-d DBS_PER_SERVER] [-c COPIES] DIR\n");
        return 2;
    }
    const char *dir = argv[optind];
    double *cs = calloc((size_t)runs, sizeof *cs), *noop = calloc((size_t)runs, sizeof *noop),
           *fo = calloc((size_t)runs, sizeof *fo), *week = calloc((size_t)runs, sizeof *week);
    size_t ncopies = 0;
    for (int r = 0; r < runs; r++) {
        struct engine *e = fresh(dir, servers, per, copies, r);
        json_decref(call(e, "Step-LabClock", json_pack("{s:i}", "Seconds", 1))); /* settle the new organization */
        cs[r] = timed(e, "Get-MailboxDatabaseCopyStatus", json_pack("{s:s}", "Identity", "*"), &ncopies);
        /* twice: the first commit after building also checkpoints the write-ahead log */
        json_decref(call(e, "Step-LabClock", json_pack("{s:i}", "Seconds", 30)));
        noop[r] = timed(e, "Step-LabClock", json_pack("{s:i}", "Seconds", 30), NULL);
        json_decref(call(e, "Stop-LabServer", json_pack("{s:s}", "Identity", "MBX1")));
        fo[r] = timed(e, "Step-LabClock", json_pack("{s:i}", "Seconds", 30), NULL);
        week[r] = timed(e, "Step-LabClock", json_pack("{s:i}", "Days", 7), NULL);
        engine_close(e);
    }
    double m_noop = median(noop, runs), m_fo = median(fo, runs);
    printf("organization   %d servers, %d databases, %zu copies\n", servers, servers * per, ncopies);
    printf("copystatus     %8.2f ms  (engine_invoke, %zu records)\n", median(cs, runs), ncopies);
    printf("noop           %8.2f ms  (load, catch up, save)\n", m_noop);
    printf("failover       %8.2f ms  (decide and apply: %.2f ms over noop; target < 5 ms)\n", m_fo, m_fo - m_noop);
    printf("week           %8.2f ms  (Step-LabClock -Days 7; target < 1000 ms)\n", median(week, runs));
    free(cs);
    free(noop);
    free(fo);
    free(week);
    return 0;
}
