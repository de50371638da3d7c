/* sc_handlers.h - the core syscall families (sc_*.c): their rows, and what the stops need of them. */
#ifndef PROCTRACE_SC_HANDLERS_H
#define PROCTRACE_SC_HANDLERS_H

#include <sys/types.h>

#include "tracer/engine.h"

/* Each adds its family's rows (and argument filters) to t's table. */
int sc_exec_register(struct tracer *t); /* execve, execveat */
int sc_wait_register(struct tracer *t); /* wait4, waitid */
int sc_kill_register(struct tracer *t); /* kill ... pidfd_send_signal */
int sc_prctl_register(struct tracer *t); /* strict seccomp refused */
int sc_ns_register(struct tracer *t); /* unshare, setns */

/* Turn a wait(2) status into an ev_status. */
void sc_wait_status(int status, struct ev_status *st);
/* receiver's delivery of sig from sender_tgid: write its pending send first. */
void sc_kill_send_before_delivery(struct tracer *t, const struct task *receiver,
				  pid_t sender_tgid, int sig);

#endif
