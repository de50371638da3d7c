/* filter.h - the seccomp-bpf filter that makes only chosen syscalls stop. */
#ifndef PROCTRACE_FILTER_H
#define PROCTRACE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
