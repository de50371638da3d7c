/* observer.h - how features (PLT breakpoints, creds/ns/vma, stacks, TUI) hook the engine. */
#ifndef PROCTRACE_OBSERVER_H
#define PROCTRACE_OBSERVER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "event/event.h"

struct tracer;
struct task;
struct proc;

/*
 * Every callback is optional (NULL).  The engine calls them from its one
 * dispatcher, in registration order, while the task concerned is stopped
 * (unless said otherwise).  Observers never resume a task themselves: they
 * return, and the engine resumes or detaches.
 */
struct observer_ops {
	const char *name;
	/* Extra PTRACE_O_* options this observer needs (e.g. TRACEEXIT). */
	long (*ptrace_options)(void *ctx);
	/* A task was seized with -p (running, not stopped). */
	void (*attached)(void *ctx, struct tracer *t, struct task *task);
	/*
	 * -p: every thread of every process asked for (and of every --tree
	 * descendant) is seized, and a rescan found none new: from now on a
	 * new task is auto-attached.  Tasks are running, not stopped.
	 */
	void (*attach_done)(void *ctx, struct tracer *t);
	/*
	 * After the clone event of parent; child is in the table (it may not
	 * have reported its first stop yet, but it cannot run before it does).
	 */
	void (*cloned)(void *ctx, struct tracer *t, struct task *parent,
		       struct task *child, const struct ev_clone *c);
	/* After the exec event; the task sits in PTRACE_EVENT_EXEC. */
	void (*execed)(void *ctx, struct tracer *t, struct task *task);
	/*
	 * A SIGTRAP signal-delivery-stop.  Return true if it is the observer's
	 * own (an int3 it planted): it has then set the registers so that
	 * resuming with signal 0 is right, and the signal is not delivered.
	 */
	bool (*trap)(void *ctx, struct tracer *t, struct task *task,
		     const siginfo_t *si);
	/* PTRACE_EVENT_EXIT stop (only with TRACEEXIT asked for). */
	void (*exiting)(void *ctx, struct tracer *t, struct task *task);
	/* Before an event about task is emitted: may add data (stack). */
	void (*annotate)(void *ctx, struct tracer *t, struct task *task,
			 struct pt_event *ev);
	/* The task is about to be detached: undo what was planted. */
	void (*releasing)(void *ctx, struct tracer *t, struct task *task);
	/* A task left the table (died, detached, vanished): drop its state. */
	void (*task_gone)(void *ctx, struct tracer *t, struct task *task);
	/* The process is gone for good (reaped or its record dropped). */
	void (*proc_gone)(void *ctx, struct tracer *t, struct proc *proc);
	/* Poll integration: an fd to watch (-1 for none) and what to do. */
	int (*poll_fd)(void *ctx);
	void (*readable)(void *ctx, struct tracer *t);
	/* Milliseconds until tick() is wanted, -1 for never. */
	int (*timeout_ms)(void *ctx, struct tracer *t, uint64_t now);
	void (*tick)(void *ctx, struct tracer *t, uint64_t now);
	/* The trace is over (before the end event): print, free. */
	void (*finish)(void *ctx, struct tracer *t);
};

#define OBSERVERS_MAX 8

struct observers {
	const struct observer_ops *ops[OBSERVERS_MAX];
	void *ctx[OBSERVERS_MAX];
	size_t n;
};

int observers_add(struct observers *o, const struct observer_ops *ops,
		  void *ctx);

/* Call hook on every observer that has it: OBSERVE(t, execed, t, task). */
#define OBSERVE(tr, hook, ...)                                               \
	do {                                                                 \
		for (size_t oi_ = 0; oi_ < (tr)->obs.n; oi_++)               \
			if ((tr)->obs.ops[oi_]->hook)                        \
				(tr)->obs.ops[oi_]->hook((tr)->obs.ctx[oi_], \
							 __VA_ARGS__);       \
	} while (0)

#endif
