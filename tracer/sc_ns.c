/* sc_ns.c - unshare and setns: where a process's later children's pid ns is. */
#include "config.h"

#include <linux/sched.h>
#include <sys/syscall.h>

#include "tracer/engine.h"
#include "tracer/sc_handlers.h"
#include "tracer/syscalls.h"

/*
 * unshare(CLONE_NEWPID) and setns into a pid ns move pid_for_children
 * only: the caller stays where it is, each later child is in the new ns
 * and its NSpid must be read at its clone.
 */
static void unshare_exit(void *ctx, struct tracer *t, struct task *task,
			 int64_t rval, bool is_error)
{
	(void)ctx;
	(void)t;
	if (!is_error && rval == 0 && task->proc &&
	    (task->sc.args[0] & CLONE_NEWPID))
		task->proc->kids_pidns = true;
}

static void setns_exit(void *ctx, struct tracer *t, struct task *task,
		       int64_t rval, bool is_error)
{
	uint64_t nstype = task->sc.args[1];

	(void)ctx;
	(void)t;
	/* 0: any kind (a pid ns fd too); a pidfd: the kinds in the flags. */
	if (!is_error && rval == 0 && task->proc &&
	    (!nstype || (nstype & CLONE_NEWPID)))
		task->proc->kids_pidns = true;
}

/* Whatever the classes: every event of a nested process has nspid. */
static const struct sc_handler ns_rows[] = {
	{ SYS_unshare, EVC_ALL, NULL, unshare_exit },
	{ SYS_setns, EVC_ALL, NULL, setns_exit },
};

int sc_ns_register(struct tracer *t)
{
	return syscalls_register(t, ns_rows, SC_COUNT(ns_rows), NULL);
}
