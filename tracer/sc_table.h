/* sc_table.h - one tracer's syscall handlers, indexed by syscall number. */
#ifndef PROCTRACE_SC_TABLE_H
#define PROCTRACE_SC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tracer;
struct task;

/* ctx is the pointer the rows were registered with. */
typedef void (*sc_entry_fn)(void *ctx, struct tracer *t, struct task *task);
typedef void (*sc_exit_fn)(void *ctx, struct tracer *t, struct task *task,
			   int64_t rval, bool is_error);

/*
 * What to do at one syscall's entry and exit.  The arguments are in
 * task->sc.args at both.  A syscall may have a core handler and feature
 * handlers (up to SC_PER_NR in all); each runs when its class is selected.
 * With a seccomp filter only syscalls named in some row stop at all.
 */
struct sc_handler {
	int nr; /* SYS_* of the native (x86_64) ABI */
	unsigned cls; /* enum ev_class that needs it */
	sc_entry_fn entry;
	sc_exit_fn exit;
};

#define SC_NR_MAX 1024
#define SC_TABLES_MAX 16
#define SC_PER_NR 4 /* handlers one syscall may have (core + features) */

/* One registration: rows in static storage and the context they get. */
struct sc_rows {
	const struct sc_handler *rows;
	size_t n;
	void *ctx;
};

/* A syscall trapped only for some values of its first argument. */
struct sc_arg0 {
	int nr;
	unsigned arg; /* which argument: 0, or 1 for ioctl's command */
	const uint64_t *vals;
	size_t n;
};

/* A handler with its context, as the per-number index holds it. */
struct sc_slot {
	const struct sc_handler *h;
	void *ctx;
};

struct sc_table {
	struct sc_rows regs[SC_TABLES_MAX];
	size_t n_regs;
	struct sc_arg0 arg0[SC_TABLES_MAX];
	size_t n_arg0;
	/* nr -> the handlers of that syscall in registration order, h NULL-ended */
	struct sc_slot by_nr[SC_NR_MAX][SC_PER_NR + 1];
};

#endif
