/* send_open.h - kill-family sends resumed without their exit stop. */
#ifndef PROCTRACE_SEND_OPEN_H
#define PROCTRACE_SEND_OPEN_H

#include <stdbool.h>
#include <sys/types.h>

#include "tracer/engine.h"

/* May from signal to (the uids, CAP_KILL)?  false: not known for sure. */
bool send_open_permitted(struct tracer *t, struct proc *from, struct proc *to);
/* task's send s goes on without its exit stop; target_tid is looked at. */
void send_open_begin(struct tracer *t, struct task *task,
		     const struct ev_signal *s, pid_t target_tid);
/* receiver is at a delivery stop of sig from sender_tgid: a send shows. */
void send_open_delivered(struct tracer *t, const struct task *receiver,
			 pid_t sender_tgid, int sig);
/*
 * task stopped again, died or goes: write its send now.  ran: the call
 * surely ran (a stop came after it, or the process's own exit).
 */
void send_open_settle(struct tracer *t, struct task *task, bool ran);

#endif
