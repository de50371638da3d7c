/* permcreds.h - what the kernel's permission checks read of a process, read once. */
#ifndef PROCTRACE_PERMCREDS_H
#define PROCTRACE_PERMCREDS_H

#include <stdbool.h>

#include "tracer/engine.h"

/*
 * p's uids and the capabilities that bypass checks, from /proc once, and
 * again after an exec or a creds or ns call (permcreds_forget).  NULL when
 * they are not known for sure: without the creds class no set*id call
 * stops, so the uids could change unseen; after a creds call in a process
 * with several threads, they may differ (the raw syscalls are per thread),
 * until the next exec.
 */
const struct perm_creds *permcreds_get(struct tracer *t, struct proc *p);
/* tid of p made a creds or ns call: read again before trusting. */
void permcreds_forget(struct proc *p, pid_t tid);
/* p exec'd: one thread left, its set-user-ID bits may have changed them. */
void permcreds_exec(struct proc *p);

#endif
