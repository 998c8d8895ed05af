/*
** clock.c - engine time: timers, and the log streams between them.
**
** The model is discrete-event. Between two timers nothing changes but
** the log streams, and those are analytic: a mounted database makes logs
** at a steady rate, so its last generation at any time is a formula over
** the pieces of its stream (struct log_point), and a copy's queues follow
** from where it stopped copying, its replay lag and that formula. Catching
** up a week therefore costs the timers due in that week, not a tick per
** second.
**
** Timers: failure detection after the cluster heartbeat timeout, the end of
** a transient copy status (Initializing, Seeding, Resynchronizing), the
** PreferenceMoveFrequency rebalancing, the Replay Lag Manager's check and
** the steps of AutoReseed. Firing one runs Active Manager (am.c), which
** may add more.
*/
#include "engine_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* {=== log streams ===*/

int64_t db_gen_at(const struct database *d, int64_t t)
{
    if (!d->nhist)
        return 0;
    int i = d->nhist - 1;
    while (i > 0 && d->hist[i].at > t)
        i--;
    const struct log_point *p = &d->hist[i];
    if (t <= p->at)
        return p->gen;
    return p->gen + (t - p->at) * p->rate / MS_MINUTE;
}

int64_t db_gen_time(const struct database *d, int64_t gen)
{
    if (!d->nhist)
        return 0;
    for (int i = d->nhist - 1; i >= 0; i--) {
        const struct log_point *p = &d->hist[i];
        if (gen < p->gen && i > 0)
            continue;
        if (gen <= p->gen || !p->rate)
            return p->at;
        /* the first moment the stream reached gen */
        return p->at + ((gen - p->gen) * MS_MINUTE + p->rate - 1) / p->rate;
    }
    return d->hist[0].at;
}

void db_stream(struct org *g, struct database *d, int64_t gen, int rate)
{
    if (d->nhist == MAX_HIST) {
        memmove(d->hist, d->hist + 1, (MAX_HIST - 1) * sizeof d->hist[0]);
        d->nhist--;
    }
    if (d->nhist && d->hist[d->nhist - 1].at == g->now)
        d->nhist--; /* two changes at one instant: the last one holds */
    d->hist[d->nhist++] = (struct log_point){g->now, gen, rate};
    touch_rt(g, d);
}

/* }=== */

/* {=== a copy's figures ===*/

static bool is_active(struct org *g, const struct copy *c)
{
    struct database *d = org_get(g, c->db);
    return d && d->server == c->server;
}

static int64_t copied(struct org *g, const struct copy *c)
{
    struct database *d = org_get(g, c->db);
    if (!d)
        return 0;
    return c->copying ? db_gen_at(d, g->now) : c->copied_gen;
}

int64_t copy_queue(struct org *g, const struct copy *c)
{
    struct database *d = org_get(g, c->db);
    if (!d || is_active(g, c))
        return 0;
    int64_t q = db_gen_at(d, g->now) - copied(g, c);
    return q > 0 ? q : 0;
}

static int64_t effective_lag(const struct copy *c)
{
    return c->lag_disabled || c->playdown ? 0 : c->replay_lag;
}

int64_t copy_replayed_gen(struct org *g, const struct copy *c)
{
    struct database *d = org_get(g, c->db);
    int64_t have = copied(g, c);
    int64_t lag = effective_lag(c);
    if (!d || !lag)
        return have;
    /* a suspended copy replays nothing more: its replay stopped with its copying */
    int64_t when = c->suspended ? c->inspected_at : g->now;
    int64_t upto = db_gen_at(d, when - lag);
    return upto < have ? upto : have;
}

int64_t replay_queue(struct org *g, const struct copy *c)
{
    if (is_active(g, c))
        return 0;
    int64_t q = copied(g, c) - copy_replayed_gen(g, c);
    return q > 0 ? q : 0;
}

int64_t copy_inspected_time(struct org *g, const struct copy *c)
{
    struct database *d = org_get(g, c->db);
    if (!d || is_active(g, c))
        return 0;
    if (!c->copying)
        return c->inspected_at;
    int64_t gen = db_gen_at(d, g->now);
    return gen ? db_gen_time(d, gen) : 0;
}

void copy_stop(struct org *g, struct copy *c)
{
    if (!c->copying)
        return;
    struct database *d = org_get(g, c->db);
    c->copied_gen = d ? db_gen_at(d, g->now) : 0;
    c->inspected_at = d && c->copied_gen ? db_gen_time(d, c->copied_gen) : 0;
    c->copying = false;
    touch_rt(g, c);
}

void copy_start(struct org *g, struct copy *c)
{
    if (c->copying)
        return;
    c->copying = true;
    c->diverged = false;
    c->status = CST_HEALTHY;
    c->error = NULL;
    touch_rt(g, c);
}

/* }=== */

/* {=== timers ===*/

void timer_add(struct org *g, int64_t due, int kind, int64_t a, int64_t b)
{
    if (g->ntimers == g->timers_cap) {
        g->timers_cap = g->timers_cap ? g->timers_cap * 2 : 16;
        g->timers = realloc(g->timers, (size_t)g->timers_cap * sizeof *g->timers);
    }
    /* kept sorted by due time, stable for equal times */
    int i = g->ntimers;
    while (i > 0 && g->timers[i - 1].due > due) {
        g->timers[i] = g->timers[i - 1];
        i--;
    }
    g->timers[i] = (struct timer){due, kind, a, b};
    g->ntimers++;
    g->timers_dirty = true;
}

void timer_cancel(struct org *g, int kind, int64_t a)
{
    int j = 0;
    for (int i = 0; i < g->ntimers; i++)
        if (!(g->timers[i].kind == kind && g->timers[i].a == a))
            g->timers[j++] = g->timers[i];
    if (j != g->ntimers)
        g->timers_dirty = true;
    g->ntimers = j;
}

void clock_run_to(struct org *g, int64_t t)
{
    while (g->ntimers && g->timers[0].due <= t) {
        struct timer tm = g->timers[0];
        memmove(g->timers, g->timers + 1, (size_t)(g->ntimers - 1) * sizeof *g->timers);
        g->ntimers--;
        g->timers_dirty = true;
        if (tm.due > g->now)
            g->now = tm.due;
        am_timer(g, &tm);
    }
    if (t > g->now)
        g->now = t;
}

/* }=== */
