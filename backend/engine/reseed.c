/*
** reseed.c - seeding a copy, and AutoReseed.
**
** AutoReseed follows autoreseed.md step by step on the engine's clock:
**
**   1. a volume fails: its copies are FailedAndSuspended; the workflow
**      starts when all of them have been so for 15 minutes;
**   2. it tries Resume three times, 5 minutes apart (on a failed volume
**      each try fails again);
**   3. it looks for a spare volume: mounted under the volumes root, not
**      failed, holding no copy; Disk Reclaimer tries up to 5 times, an
**      hour apart, before the workflow gives up for 3 days and restarts;
**   4. every copy of the failed volume is reseeded in place onto the spare
**      (SafeDeleteExistingFiles), from the active copy, and comes back
**      Healthy.
**
** A timer per (server, volume) carries the workflow: TM_RESEED with a the
** server and b = volume + 100 * step.
*/
#include "engine_int.h"

#include <stdio.h>
#include <string.h>

#define TRIGGER_DELAY (15 * MS_MINUTE)
#define RESUME_TRIES 3
#define RESUME_INTERVAL (5 * MS_MINUTE)
#define RECLAIM_TRIES 5
#define RECLAIM_INTERVAL MS_HOUR
#define RESTART_DELAY (3 * MS_DAY)
/* Seeding: [ENGINE] 100 MB/s, at least a minute. */
#define SEED_BYTES_PER_MS (100LL * 1024)

int64_t db_size(struct org *g, struct database *d)
{
    /* [ENGINE] a database is 1 GB and grows a megabyte per log */
    return (1024 + db_gen_at(d, g->now)) * 1024 * 1024;
}

void copy_seed(struct org *g, struct copy *c, bool manual_resume)
{
    struct database *d = org_get(g, c->db);
    copy_stop(g, c);
    c->suspended = false;
    c->status = CST_SEEDING;
    c->ci = CI_SEEDING;
    int64_t t = db_size(g, d) / SEED_BYTES_PER_MS;
    c->until = g->now + (t < MS_MINUTE ? MS_MINUTE : t);
    c->reseed_tries = manual_resume ? -1 : 0;
    c->error = NULL;
    c->suspend_comment = NULL;
    c->failed_since = 0;
    touch(g, c);
    timer_add(g, c->until, TM_COPY_READY, c->o.id, 0);
    k_event(g, "Seeding", NULL, "Seeding of %s started from the active copy.", c->o.name);
}

void autoreseed_watch(struct org *g, struct server *s, int volume)
{
    timer_add(g, g->now + TRIGGER_DELAY, TM_RESEED, s->o.id, volume);
}

/* The copies on a server's volume; how many are FailedAndSuspended. */
static int volume_copies(struct org *g, struct server *s, int volume, struct copy **out, int max, int *failed)
{
    int n = 0;
    *failed = 0;
    for (int i = 0; i < ORG_N(g, OC_COPY) && n < max; i++) {
        struct copy *c = ORG_COPIES(g)[i];
        if (c->server != s->o.id || c->volume != volume)
            continue;
        out[n++] = c;
        *failed += copy_status(g, c) == CST_FAILEDANDSUSPENDED;
    }
    return n;
}

/* A spare: an ExchangeVolume that has not failed and holds no copy; 0 if none. */
static int spare_volume(struct org *g, struct server *s)
{
    for (int v = 1; v <= s->nvolumes; v++) {
        if (s->failed_volumes & (1u << (v - 1)))
            continue;
        bool used = false;
        for (int i = 0; i < ORG_N(g, OC_COPY) && !used; i++)
            used = ORG_COPIES(g)[i]->server == s->o.id && ORG_COPIES(g)[i]->volume == v;
        if (!used)
            return v;
    }
    return 0;
}

void autoreseed_timer(struct org *g, const struct timer *t)
{
    struct server *s = org_get(g, t->a);
    int volume = (int)(t->b % 100), step = (int)(t->b / 100);
    struct dag *dag = s ? org_get(g, s->dag) : NULL;
    if (!s || !dag || !dag->autoreseed)
        return;
    struct copy *cs[256];
    int failed, n = volume_copies(g, s, volume, cs, 256, &failed);
    if (!n || failed < n)
        return; /* not every copy of the volume is FailedAndSuspended: nothing to do */
    if (step < RESUME_TRIES) {
        /* Resume: the volume is still failed, so each copy fails again */
        k_event(g, "AutoReseed", s->o.name, "AutoReseed: resume attempt %d of %d for ExchangeVolume%d on %s failed.",
                step + 1, RESUME_TRIES, volume, s->o.name);
        timer_add(g, g->now + RESUME_INTERVAL, TM_RESEED, s->o.id, volume + 100 * (step + 1));
        return;
    }
    int spare = spare_volume(g, s);
    if (!spare) {
        int reclaim = step - RESUME_TRIES + 1;
        if (reclaim < RECLAIM_TRIES) {
            k_event(g, "AutoReseed", s->o.name, "AutoReseed: no spare volume on %s (Disk Reclaimer attempt %d of %d).",
                    s->o.name, reclaim, RECLAIM_TRIES);
            timer_add(g, g->now + RECLAIM_INTERVAL, TM_RESEED, s->o.id, volume + 100 * (step + 1));
        } else {
            k_event(g, "AutoReseed", s->o.name,
                    "AutoReseed gave up on ExchangeVolume%d of %s; it starts again in 3 days.", volume, s->o.name);
            timer_add(g, g->now + RESTART_DELAY, TM_RESEED, s->o.id, volume);
        }
        return;
    }
    k_event(g, "AutoReseed", s->o.name, "AutoReseed: ExchangeVolume%d of %s replaces failed ExchangeVolume%d.", spare,
            s->o.name, volume);
    s->spare_used |= 1u << (spare - 1);
    touch(g, s);
    for (int i = 0; i < n; i++) {
        struct database *d = org_get(g, cs[i]->db);
        struct server *as = d ? db_active_server(g, d) : NULL;
        if (!as || !as->up || d->server == cs[i]->server)
            continue; /* no healthy source: it stays FailedAndSuspended */
        cs[i]->volume = spare;
        k_event(g, "AutoReseed", s->o.name, "AutoReseed: reseeding %s from %s with SafeDeleteExistingFiles.",
                cs[i]->o.name, as->o.name);
        copy_seed(g, cs[i], false);
    }
}
