/* reapwatch.h - exact reaps from pidfds: the kernel probe, the epoll set of zombies. */
#ifndef PROCTRACE_REAPWATCH_H
#define PROCTRACE_REAPWATCH_H

#include "tracer/engine.h"

/*
 * Set-up, before the syscall table: probe whether a reaped process's pidfd
 * polls POLLHUP (Linux 6.9 and later), raise RLIMIT_NOFILE, make the epoll
 * set.  PROCTRACE_NO_PIDFD=1 in the environment forces the syscall/proc
 * path.  Sets t->reap_watch; never fails (the fallback is today's path).
 */
void reapwatch_init(struct tracer *t);
/* In the launched child before its exec: give back the RLIMIT_NOFILE it had. */
void reapwatch_child_restore(void);
/* proc became a zombie: watch its pidfd.  0 if armed, -1: use /proc. */
int reapwatch_arm(struct tracer *t, struct proc *proc);
/* Stop watching proc's pidfd (its record is dropped, or a syscall will tell). */
void reapwatch_disarm(struct tracer *t, struct proc *proc);
/* The epoll fd while a zombie is watched, else -1 (for the loop's poll). */
int reapwatch_poll_fd(const struct tracer *t);
/*
 * Emit the reaps the pidfds report now (zombies_pidfd_reaped); no wait.
 * Returns how many were found.
 */
size_t reapwatch_drain(struct tracer *t);

#endif
