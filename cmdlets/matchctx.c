/*
** matchctx.c - Select-String's context lines (see matchctx.h).
**
** Lines are numbered from 0 as they come. The window holds the texts of
** the last pre+post+1 lines, enough for the logical context of the one
** match that can be finished at a time: a match at line i is finished when
** line i+post arrives (or the input ends), and its pre lines are still in
** the window then. The display context is 5.1's DisplayContextTracker:
** non-matching lines collect as pre context (the last pre of them) until a
** match; then up to post non-matching lines collect as its post context,
** and the next match, or the post-th line, ends it and starts the pre
** context afresh, so no line is shown twice.
*/
#include "matchctx.h"

#include <stdlib.h>
#include <string.h>

/* A match waiting for the lines after it. */
struct held {
    uint64_t at;     /* its line's number */
    val match;       /* the MatchInfo */
    val dpre, dpost; /* its display context once known, else VAL_NOTHING */
};

/* The tracker: the window for the logical context and the display state machine. */
struct mctx {
    uint32_t pre, post;
    val *win; /* the texts of the last lines, oldest first */
    uint64_t nwin;
    size_t capwin;
    uint64_t next;     /* the number the next line gets */
    struct held *held; /* in input order */
    size_t nheld, capheld;
    val out; /* matches that came out */
    /* the display context: lines before the next match, or after the last one */
    bool after; /* collecting the post context of the match at line cur */
    uint64_t cur;
    val dpre, dpost;
};

struct mctx *mctx_new(uint32_t pre, uint32_t post)
{
    struct mctx *t = emsh_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->pre = pre;
    t->post = post;
    t->out = val_arr_new();
    t->dpre = val_arr_new();
    t->dpost = val_arr_new();
    return t;
}

void mctx_free(struct mctx *t)
{
    if (!t)
        return;
    for (uint64_t i = 0; i < t->nwin; i++)
        val_free(t->win[i]);
    for (size_t i = 0; i < t->nheld; i++) {
        val_free(t->held[i].match);
        val_free(t->held[i].dpre);
        val_free(t->held[i].dpost);
    }
    free(t->win);
    free(t->held);
    val_free(t->out);
    val_free(t->dpre);
    val_free(t->dpost);
    free(t);
}

/* The array of the window's texts of lines from..to-1 (numbers), a new array. */
static val window_lines(const struct mctx *t, uint64_t from, uint64_t to)
{
    uint64_t first = t->next - t->nwin;
    val a = val_arr_new();
    for (uint64_t i = from < first ? first : from; i < to; i++)
        a = val_arr_push(a, val_copy(t->win[i - first]));
    return a;
}

/* The match at line cur has its display context: hand it over and start afresh. */
static void display_done(struct mctx *t)
{
    struct held *h = NULL;
    for (size_t i = 0; i < t->nheld && !h; i++)
        if (t->held[i].at == t->cur)
            h = &t->held[i];
    if (h) {
        h->dpre = t->dpre;
        h->dpost = t->dpost;
    } else {
        val_free(t->dpre);
        val_free(t->dpost);
    }
    t->dpre = val_arr_new();
    t->dpost = val_arr_new();
    t->after = false;
}

/* The display tracker's step for a line (text borrowed). */
static void display_line(struct mctx *t, val text, bool matched)
{
    if (matched) {
        if (t->after)
            display_done(t);
        t->cur = t->next;
        if (t->post > 0)
            t->after = true;
        else
            display_done(t);
    } else if (t->after) {
        t->dpost = val_arr_push(t->dpost, val_copy(text));
        if (val_arr_len(t->dpost) >= t->post)
            display_done(t);
    } else if (t->pre > 0) {
        t->dpre = val_arr_push(t->dpre, val_copy(text));
        if (val_arr_len(t->dpre) > t->pre)
            t->dpre = val_arr_remove_at(t->dpre, 0);
    }
}

/* The first held match comes out, with the lines up to line last as its post context. */
static void emit_first(struct mctx *t, uint64_t last)
{
    struct held h = t->held[0];
    memmove(t->held, t->held + 1, (t->nheld - 1) * sizeof *t->held);
    t->nheld--;
    val c = val_obj_new("Microsoft.PowerShell.Commands.MatchInfoContext");
    c = val_obj_set(c, "PreContext", window_lines(t, h.at >= t->pre ? h.at - t->pre : 0, h.at));
    c = val_obj_set(c, "PostContext", window_lines(t, h.at + 1, last + 1));
    c = val_obj_set(c, "DisplayPreContext", val_kind(h.dpre) == VAL_ARRAY ? h.dpre : val_arr_new());
    c = val_obj_set(c, "DisplayPostContext",
                    val_kind(h.dpost) == VAL_ARRAY ? h.dpost : val_arr_new());
    h.match = val_obj_set(h.match, "Context", c);
    t->out = val_arr_push(t->out, h.match);
}

void mctx_line(struct mctx *t, val text, val match)
{
    bool matched = val_kind(match) != VAL_NOTHING;
    if (matched) {
        if (t->nheld == t->capheld) {
            t->capheld = t->capheld ? t->capheld * 2 : 4;
            t->held = emsh_xrealloc(t->held, t->capheld * sizeof *t->held);
        }
        t->held[t->nheld++] = (struct held){t->next, match, val_nothing(), val_nothing()};
    }
    display_line(t, text, matched);
    if (t->nwin == (uint64_t)t->pre + t->post + 1) {
        val_free(t->win[0]);
        memmove(t->win, t->win + 1, (size_t)(t->nwin - 1) * sizeof *t->win);
        t->nwin--;
    }
    if (t->nwin == t->capwin) {
        t->capwin = t->capwin ? t->capwin * 2 : 8;
        t->win = emsh_xrealloc(t->win, t->capwin * sizeof *t->win);
    }
    t->win[t->nwin++] = val_copy(text);
    t->next++;
    while (t->nheld && t->held[0].at + t->post < t->next)
        emit_first(t, t->held[0].at + t->post);
}

void mctx_eof(struct mctx *t)
{
    if (t->after)
        display_done(t);
    while (t->nheld)
        emit_first(t, t->next - 1);
}

val mctx_take(struct mctx *t)
{
    val done = t->out;
    t->out = val_arr_new();
    return done;
}
