/* stops.h - the kinds of stop the dispatcher (stops.c) hands to stops_*.c. */
#ifndef PROCTRACE_STOPS_H
#define PROCTRACE_STOPS_H

#include <stdbool.h>

#include "tracer/engine.h"

/* stops_clone.c: PTRACE_EVENT_FORK/VFORK/CLONE (event is which). */
void stops_clone(struct tracer *t, struct task *task, int event);

/* stops_exit.c: PTRACE_EVENT_EXEC. */
void stops_exec(struct tracer *t, struct task *task);
/* stops_exit.c: PTRACE_EVENT_EXIT. */
void stops_exit_event(struct tracer *t, struct task *task);
/* stops_exit.c: the task's death report (status from waitpid). */
void stops_death(struct tracer *t, struct task *task, int status);

/* stops_signal.c: PTRACE_EVENT_STOP (a group-stop, or its end). */
void stops_group_stop(struct tracer *t, struct task *task, int sig);
/* stops_signal.c: a signal-delivery stop. */
void stops_signal(struct tracer *t, struct task *task, int sig);
/* stops_signal.c: is this SIGTRAP an observer's own breakpoint? */
bool stops_trap_is_ours(struct tracer *t, struct task *task);

/* stops_count.c: the kind a stopped wait status is counted as. */
enum stops_kind {
	STK_SYSCALL, /* entry or seccomp; an exit is moved to syscall_exit */
	STK_EVENT,
	STK_SIGNAL,
	STK_GROUP_STOP,
};
enum stops_kind stops_kind_of(int status);
/* Count one stop (a WIFSTOPPED status) in c. */
void stops_count(struct ev_stops *c, int status);
/* The syscall stop just counted was an exit. */
void stops_count_syscall_exit(struct ev_stops *c);
uint64_t stops_count_total(const struct ev_stops *c);

#endif
