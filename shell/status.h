/*
** status.h - how running code ends: the status every evaluator function,
** pipeline stage and cmdlet handler returns.
**
** EV_OK is 0, so `if (rc) return rc;` forwards break, continue, return,
** exit, a thrown error and a stopped pipeline alike to the construct that
** handles it.
*/
#ifndef EMSH_STATUS_H
#define EMSH_STATUS_H

enum ev {
    EV_OK = 0,
    EV_THROW,    /* a terminating error; the session holds the ErrorRecord */
    EV_BREAK,    /* break [label] */
    EV_CONTINUE, /* continue [label] */
    EV_RETURN,   /* return */
    EV_EXIT,     /* exit [code] */
    EV_STOP,     /* a downstream command wants no more input (Select-Object -First) */
    EV_HALT,     /* the user pressed Ctrl-C */
};

#endif /* EMSH_STATUS_H */
