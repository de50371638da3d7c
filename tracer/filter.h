/* filter.h - the seccomp-bpf filter that makes only chosen syscalls stop, and the -e signal= event filter. */
#ifndef PROCTRACE_FILTER_H
#define PROCTRACE_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tracer/sc_table.h"

struct filter;

/*
 * Build (in the tracer, before fork) a filter returning SECCOMP_RET_TRACE
 * for the syscalls of tab's rows the event classes need and ALLOW for the
 * rest.  Returns NULL with a message in err.
 */
struct filter *filter_build(const struct sc_table *tab, unsigned classes,
			    char *err, size_t errsize);
/*
 * Load it into the calling process (the child, between fork and exec).
 * Sets no_new_privs only when the caller lacks CAP_SYS_ADMIN (without it the
 * kernel refuses a filter); as root set-uid programs keep working.
 * Returns 0 or -errno.
 */
int filter_load(struct filter *f);
void filter_free(struct filter *f);

/*
 * -e signal=SET (strace's syntax: "SIGCHLD,TERM,9", "!SIGCHLD", "all"):
 * bit n-1 of *dropped set for each signal n whose events are not reported.
 * Returns 0, or -1 with a message in err.
 */
int filter_parse_signals(const char *set, uint64_t *dropped, char *err,
			 size_t errsize);
/* Whether events of signal sig are dropped under that mask. */
bool filter_signal_dropped(uint64_t dropped, int sig);

#endif
