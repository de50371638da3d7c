/* pidns.h - pids as a task in a nested pid namespace sees them, made proctrace's. */
#ifndef PROCTRACE_PIDNS_H
#define PROCTRACE_PIDNS_H

#include "tracer/engine.h"

/*
 * Read proc's NSpid chain and pid ns inode from /proc (once, at its first
 * stop or clone).  Leaves n_nspid 0 for a process in proctrace's own pid
 * namespace.  Returns 0, or -1 if /proc could not be read.
 */
int pidns_read(struct proc *proc);
/*
 * The process (thread-group id) that viewer calls v, as proctrace's
 * namespace numbers it.  v itself when viewer is not nested (the fast
 * path: no search), when v <= 0, or when no traced process matches.
 * A child of viewer is preferred (wait results, SIGCHLD's si_pid).
 */
pid_t pidns_outer(struct tracer *t, const struct proc *viewer, pid_t v);
/* The same for a thread id (tkill, tgkill): reads /proc only when nested. */
pid_t pidns_outer_tid(struct tracer *t, const struct proc *viewer, pid_t v);
/* proc was reaped: a late SIGCHLD may still name it (kept a while). */
void pidns_reaped(struct tracer *t, const struct proc *proc);

#endif
