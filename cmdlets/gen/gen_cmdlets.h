/*
** gen_cmdlets.h - the cmdlet metadata generator as a function, for its tests.
**
** gen_cmdlets reads cmdlets/meta/<Name>.json, validates the whole set and writes
** cmdlets.def (see gen_cmdlets.c for the format). The program's main() only
** calls gen_cmdlets_main(); the unit tests call it directly on bad fixtures
** and read the messages it writes to `err`.
*/
#ifndef EMSH_GEN_CMDLETS_H
#define EMSH_GEN_CMDLETS_H

#include <stdio.h>

/*
** gen_cmdlets [--check] [-o OUT] PATH...
**
** PATH is a .json file or a directory whose *.json files are read in name
** order. Without --check the table is written to OUT (atomically: a
** temporary file renamed over it) or to standard output. Returns the exit
** status: 0 when every file is valid, 1 after any error (each reported on
** `err` as "FILE: message"), 2 on a usage error.
*/
int gen_cmdlets_main(int argc, char **argv, FILE *err);

#endif /* EMSH_GEN_CMDLETS_H */
