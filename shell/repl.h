/*
** repl.h - the interactive prompt.
**
** A readline loop in the style of the Exchange Management Shell: the prompt
** "[PS] /current/dir>", ">> " while braces, parentheses or quotes are open,
** persistent history in $XDG_STATE_HOME/emsh/history, the profile script
** $XDG_CONFIG_HOME/emsh/profile.ps1, Tab completion of command names,
** aliases, functions, variables and parameter names, Ctrl-C to cancel the
** line or stop the running pipeline, Ctrl-D to leave.
*/
#ifndef EMSH_REPL_H
#define EMSH_REPL_H

#include "interp.h"

struct repl_options {
    bool no_profile;
};

/* Runs the prompt until Ctrl-D or exit; returns the process exit status. */
int repl_run(struct interp *in, struct sink *out, const struct repl_options *opt);

/* Completion candidates for the text before the cursor (line[0..point)):
** appends matches to *out (an array of strings) and returns the offset in
** line where the word being completed starts. Used by the prompt and by
** `emsh --complete`. */
size_t repl_complete(struct interp *in, const char *line, size_t point, val *out);

#endif /* EMSH_REPL_H */
