/* syscalls.h - see engine.h: syscall entry/exit handlers. */
#ifndef PROCTRACE_SYSCALLS_H
#define PROCTRACE_SYSCALLS_H
#include "tracer/engine.h"
typedef void (*sc_entry_fn)(struct tracer *t, struct task *task);
typedef void (*sc_exit_fn)(struct tracer *t, struct task *task, int64_t rval,
			   bool is_error);

/*
 * What to do at one syscall's entry and exit.  The arguments are in
 * task->sc.args at both.  A syscall may have a core handler and feature
 * handlers (up to 4 in all); each runs when its class is selected.  With a
 * seccomp filter only syscalls named in some row stop at all.
 */
struct sc_handler {
	const char *name;	/* resolved to a number with libseccomp */
	unsigned cls;		/* enum ev_class that needs it */
	sc_entry_fn entry;
	sc_exit_fn exit;
	int arg;		/* handler-specific */
};

/* Add a feature's rows (static storage); call before the trace starts. */
int syscalls_register(const struct sc_handler *rows, size_t n);
/*
 * With the seccomp filter, trap name only when its first argument is one of
 * vals[0..n) (static storage), for every row of it; before the trace starts.
 */
int syscalls_trap_arg0(const char *name, const uint64_t *vals, size_t n);
/*
 * The values set for name by every registration, into vals[0..max) (n
 * returned), or 0: trap every call.
 */
size_t syscalls_arg0_values(const char *name, uint64_t *vals, size_t max);

/* A signal from sender_tgid is being delivered: write its pending send first. */
void syscalls_send_before_delivery(struct tracer *t, pid_t sender_tgid);

/* Turn a wait(2) status into an ev_status. */
void syscalls_status_from_wait(int status, struct ev_status *st);
#endif
