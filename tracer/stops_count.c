/* stops_count.c - count the tracer's own ptrace stops, by kind, for the end event. */
#include "config.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "tracer/stops.h"

/*
 * The stop kind of each PTRACE_EVENT_* number in a wait status (status >>
 * 16; ptrace(2), "PTRACE_EVENT stops").  0 is a signal-delivery stop; a
 * syscall stop (SIGTRAP|0x80) and a group-stop (EVENT_STOP) are told apart
 * before the table is read.
 */
static const enum stops_kind event_kind[] = {
	[0] = STK_SIGNAL,
	[PTRACE_EVENT_FORK] = STK_EVENT,
	[PTRACE_EVENT_VFORK] = STK_EVENT,
	[PTRACE_EVENT_CLONE] = STK_EVENT,
	[PTRACE_EVENT_EXEC] = STK_EVENT,
	[PTRACE_EVENT_VFORK_DONE] = STK_EVENT,
	[PTRACE_EVENT_EXIT] = STK_EVENT,
	[PTRACE_EVENT_SECCOMP] = STK_SYSCALL,
	[PTRACE_EVENT_STOP] = STK_EVENT,
};

/*
 * Under SEIZE a group-stop is EVENT_STOP with the stopping signal; with
 * SIGTRAP it is a new child's first stop or our PTRACE_INTERRUPT
 * (doc/ptrace-notes.md, "classify").
 */
static bool is_group_stop(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

enum stops_kind stops_kind_of(int status)
{
	unsigned event = (unsigned)status >> 16;
	int sig = WSTOPSIG(status);

	if (sig == (SIGTRAP | 0x80))
		return STK_SYSCALL; /* stops_count_syscall_exit() tells exits */
	if (event == PTRACE_EVENT_STOP && is_group_stop(sig))
		return STK_GROUP_STOP;
	if (event < sizeof(event_kind) / sizeof(event_kind[0]))
		return event_kind[event];
	return STK_EVENT; /* a newer kernel's event */
}

void stops_count(struct ev_stops *c, int status)
{
	uint64_t *by_kind[] = {
		[STK_SYSCALL] = &c->syscall,
		[STK_EVENT] = &c->event,
		[STK_SIGNAL] = &c->signal,
		[STK_GROUP_STOP] = &c->group_stop,
	};

	(*by_kind[stops_kind_of(status)])++;
}

/*
 * A SIGTRAP|0x80 stop was counted as an entry; only PTRACE_GET_SYSCALL_INFO
 * says it was an exit (stops.c asks it anyway).
 */
void stops_count_syscall_exit(struct ev_stops *c)
{
	c->syscall--;
	c->syscall_exit++;
}

uint64_t stops_count_total(const struct ev_stops *c)
{
	return c->syscall + c->syscall_exit + c->event + c->signal +
	       c->group_stop;
}
