/* syscalls.h - registering syscall handler rows (see engine.h, sc_table.h). */
#ifndef PROCTRACE_SYSCALLS_H
#define PROCTRACE_SYSCALLS_H

#include "tracer/engine.h"
#include "tracer/sc_table.h"

#define SC_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Add rows (static storage) to t's table; their handlers get ctx.  Call
 * before the trace starts.  Returns 0, or -1 when the table is full.
 */
int syscalls_register(struct tracer *t, const struct sc_handler *rows, size_t n,
		      void *ctx);
/*
 * With the seccomp filter, trap nr only when its first argument is one of
 * vals[0..n) (static storage), for every row of it; before the trace starts.
 */
int syscalls_trap_arg0(struct tracer *t, int nr, const uint64_t *vals,
		       size_t n);
/* The same for argument arg (0-5) instead of the first. */
int syscalls_trap_arg(struct tracer *t, int nr, unsigned arg,
		      const uint64_t *vals, size_t n);
/* Which argument nr's values are of (0 when none were set). */
unsigned syscalls_arg_index(const struct sc_table *tab, int nr);
/*
 * The values set for nr by every registration, into vals[0..max) (n
 * returned), or 0: trap every call.
 */
size_t syscalls_arg0_values(const struct sc_table *tab, int nr, uint64_t *vals,
			    size_t max);

#endif
