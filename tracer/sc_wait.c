/* sc_wait.c - wait4 and waitid: which zombie a waiter collected, with which status. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "tracer/engine.h"
#include "tracer/pidns.h"
#include "tracer/sc_handlers.h"
#include "tracer/syscalls.h"
#include "tracer/tmem.h"

void sc_wait_status(int status, struct ev_status *st)
{
	memset(st, 0, sizeof(*st));
	if (WIFSIGNALED(status)) {
		st->signaled = true;
		st->sig = WTERMSIG(status);
		st->core = WCOREDUMP(status);
	} else {
		st->code = WEXITSTATUS(status);
	}
}

/*
 * A polling wait (WNOHANG) by a process with no traced child cannot reap
 * one: then skip the exit stop; shells poll like this after every command.
 * A live child is not enough: it may die and the tracer consume its exit
 * (making the zombie visible to the parent, kernel/exit.c,
 * wait_consider_task) between this entry stop and the wait itself, and the
 * reap would go unseen.
 */
static void wait_entry_common(struct tracer *t, struct task *task,
			      uint64_t options)
{
	if (t->mode == SCM_SECCOMP && (options & WNOHANG) && task->proc &&
	    task->proc->children == 0)
		task->sc.skip_exit = true;
}

/* Kept for the zombie diagnosis: whom this waiter waits for. */
static void wait_record(struct tracer *t, struct task *task, int64_t a0,
			int64_t a1, uint64_t options)
{
	task->wait = (struct task_wait){ .seen = true,
					 .nr = task->sc.nr,
					 .a0 = a0,
					 .a1 = a1,
					 .options = options,
					 .ts = engine_now(t) };
}

static void wait4_entry(void *ctx, struct tracer *t, struct task *task)
{
	(void)ctx;
	/* a waiter in a nested pid ns names its child by its pid there */
	wait_record(t, task, pidns_outer(t, task->proc, (int)task->sc.args[0]),
		    0, task->sc.args[2]);
	wait_entry_common(t, task, task->sc.args[2]);
}

static void waitid_entry(void *ctx, struct tracer *t, struct task *task)
{
	int idtype = (int)task->sc.args[0], id = (int)task->sc.args[1];

	(void)ctx;
	wait_record(t, task, idtype,
		    idtype == P_PID ? pidns_outer(t, task->proc, id) : id,
		    task->sc.args[3]);
	wait_entry_common(t, task, task->sc.args[3]);
}

static void wait4_exit(void *ctx, struct tracer *t, struct task *task,
		       int64_t rval, bool is_error)
{
	struct ev_status st;
	struct proc *child;
	pid_t pid;
	int status;

	(void)ctx;
	if (is_error || rval <= 0)
		return;
	/* A waiter in a nested pid ns gets its child's pid there. */
	pid = pidns_outer(t, task->proc, (pid_t)rval);
	if (task->sc.args[1] && tmem_read(task->tid, task->sc.args[1], &status,
					  sizeof(status)) == 0) {
		if (!WIFEXITED(status) && !WIFSIGNALED(status))
			return; /* a stopped or continued child: no reap */
		sc_wait_status(status, &st);
	} else {
		/* No status pointer: trust our own record of its exit. */
		child = tasks_find_proc(&t->tasks, pid);
		if (!child || child->state != PS_ZOMBIE)
			return;
		st = child->exit_st;
	}
	zombies_reaped(t, task, pid, WS_WAIT4, &st);
}

static void waitid_exit(void *ctx, struct tracer *t, struct task *task,
			int64_t rval, bool is_error)
{
	siginfo_t si;
	struct ev_status st = { 0 };

	(void)ctx;
	if (is_error || rval != 0 || !task->sc.args[2])
		return;
	if (task->sc.args[3] & WNOWAIT)
		return;
	if (tmem_read(task->tid, task->sc.args[2], &si, sizeof(si)) < 0)
		return;
	if (si.si_pid == 0)
		return; /* WNOHANG and nothing to collect */
	switch (si.si_code) {
	case CLD_EXITED:
		st.code = si.si_status;
		break;
	case CLD_KILLED:
	case CLD_DUMPED:
		st.signaled = true;
		st.sig = si.si_status;
		st.core = si.si_code == CLD_DUMPED;
		break;
	default:
		return; /* stopped, continued, trapped */
	}
	zombies_reaped(t, task, pidns_outer(t, task->proc, si.si_pid),
		       WS_WAITID, &st);
}

static const struct sc_handler wait_rows[] = {
	{ SYS_wait4, EVC_PROCESS, wait4_entry, wait4_exit },
	{ SYS_waitid, EVC_PROCESS, waitid_entry, waitid_exit },
};

/*
 * With pidfd reaps (reapwatch.c) the seccomp filter leaves wait4/waitid
 * alone: two stops per wait saved.  --exact keeps them: the reap names its
 * syscall, and the zombie diagnosis has the waiter's last arguments.
 */
int sc_wait_register(struct tracer *t)
{
	if (t->mode == SCM_SECCOMP && t->reap_watch == RW_PIDFD)
		return 0;
	return syscalls_register(t, wait_rows, SC_COUNT(wait_rows), NULL);
}
