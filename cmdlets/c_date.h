/*
** c_date.h - the clock hooks of the time cmdlets (c_date.c).
**
** Under EMSH_CLOCK=virtual, Start-Sleep must not sleep: it calls
** cmd_sleep_hook(), which hands the duration to the callback the engine
** registered with cmd_set_sleep_hook() (to advance its own clock) and adds
** it to the virtual offset that Get-Date and New-TimeSpan add to the wall
** clock, so a script that polls "until (Get-Date) passes a deadline" ends.
*/
#ifndef EMSH_C_DATE_H
#define EMSH_C_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* Called with the duration of a virtual sleep, in milliseconds; ud as registered. */
typedef void cmd_sleep_fn(void *ud, int64_t milliseconds);

/* Registers the engine's clock callback (fn NULL: none). Not thread-safe. */
void cmd_set_sleep_hook(cmd_sleep_fn *fn, void *ud);

/*
** What Start-Sleep does instead of sleeping under EMSH_CLOCK=virtual:
** adds milliseconds (>= 0) to the virtual offset and calls the registered
** callback, if any.
*/
void cmd_sleep_hook(int64_t milliseconds);

/*
** Whether the clock is virtual when EMSH_CLOCK does not say: the callback
** asks the store (whose mode Set-LabClock sets). fn NULL: the clock is real.
*/
typedef bool cmd_clock_probe_fn(void *ud);
void cmd_set_clock_probe(cmd_clock_probe_fn *fn, void *ud);

/* The virtual time slept so far, in ticks (0 with a real clock). */
int64_t cmd_virtual_offset(void);

#endif /* EMSH_C_DATE_H */
