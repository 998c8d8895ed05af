/*
** matchctx.h - Select-String's context lines (-Context pre,post).
**
** Lines go in one at a time, matching or not; a match comes out once the
** lines after it are known, with its MatchInfoContext: PreContext and
** PostContext hold up to pre lines before it and post lines after it,
** other matching lines included (the "logical" context); the Display
** context leaves out lines another match already shows and the matching
** lines themselves, so that a run of matches prints each line once. This
** is 5.1's ContextTracker (MatchString.cs): its logical and display
** trackers are kept here as one window of the last pre+post+1 lines and
** one small state machine.
**
**     struct mctx *t = mctx_new(2, 1);
**     mctx_line(t, line, match_or_nothing);   // for every line
**     val done = mctx_take(t);                 // the finished matches, in order
**     ...
**     mctx_eof(t);                             // the rest, with what context there is
**     done = mctx_take(t);
**     mctx_free(t);
*/
#ifndef EMSH_MATCHCTX_H
#define EMSH_MATCHCTX_H

#include "value.h"

struct mctx;

/* A tracker for pre lines before and post after each match (not both 0). */
struct mctx *mctx_new(uint32_t pre, uint32_t post);
/* Frees the tracker and the matches it still holds. */
void mctx_free(struct mctx *t);
/*
** The next line: its text (borrowed) and, when it matched, its MatchInfo
** (consumed; VAL_NOTHING when it did not). The MatchInfo gets its Context
** property when it comes out.
*/
void mctx_line(struct mctx *t, val text, val match);
/* The input has ended: every match held comes out with the lines there were. */
void mctx_eof(struct mctx *t);
/* The matches that came out since the last call, in input order: a new array. */
val mctx_take(struct mctx *t);

#endif /* EMSH_MATCHCTX_H */
