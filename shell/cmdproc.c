/*
** cmdproc.c - cmdlets as pipeline stages.
**
** The command table (cmdlets/) is linked in here: a cmdlet found by name
** becomes a stage whose arguments the binder binds and whose handler's
** begin, process and end run as the pipeline streams.
*/
#include "eval_int.h"

enum ev ev_cmdlet_proc(struct interp *in, const struct ast_node *at, const char *name,
                       struct cmd_arg *args, uint32_t nargs, struct proc **out, bool *found)
{
    (void)in;
    (void)at;
    (void)name;
    (void)args;
    (void)nargs;
    (void)out;
    *found = false; /* no cmdlet is in the table yet */
    return EV_OK;
}
