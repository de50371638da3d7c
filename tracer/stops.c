/* stops.c - classify one wait status and act on it: the tracer's dispatcher. */
#include "config.h"

#include <linux/audit.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/exec_miss.h"
#include "tracer/send_open.h"
#include "tracer/stops.h"

static void on_syscall_info(struct tracer *t, struct task *task)
{
	struct __ptrace_syscall_info info;
	long n;

	memset(&info, 0, sizeof(info));
	n = ptrace(PTRACE_GET_SYSCALL_INFO, task->tid, sizeof(info), &info);
	if (n > 0 && info.arch == AUDIT_ARCH_X86_64) {
		switch (info.op) {
		case PTRACE_SYSCALL_INFO_SECCOMP:
			syscalls_entry(t, task, (int)info.seccomp.nr,
				       (const uint64_t *)info.seccomp.args);
			break;
		case PTRACE_SYSCALL_INFO_ENTRY:
			syscalls_entry(t, task, (int)info.entry.nr,
				       (const uint64_t *)info.entry.args);
			break;
		case PTRACE_SYSCALL_INFO_EXIT:
			stops_count_syscall_exit(&t->stops);
			/*
			 * The first stop after attach may be an exit
			 * (doc/ptrace-notes.md, "attach mid-syscall").
			 */
			syscalls_exit(t, task, info.exit.rval,
				      info.exit.is_error);
			break;
		default:
			break;
		}
	}
	engine_resume(t, task, 0);
}

/*
 * Interrupted for a detach just after executing an int3: the SIGTRAP is
 * queued but not yet delivered, and detaching now would hand it to the
 * untraced program.  Its thread-pending set (SigPnd) tells.
 */
static bool sigtrap_pending(pid_t tid)
{
	struct proc_status st;

	return procfs_status(tid, &st) == 0 &&
	       (st.sig_pnd & (1ull << (SIGTRAP - 1)));
}

/* A stop of a task we never heard of. */
static void on_unknown_stop(struct tracer *t, pid_t tid, int status)
{
	int sig = WSTOPSIG(status);
	unsigned event = (unsigned)status >> 16;
	struct task *task;

	if (t->detaching) {
		ptrace(PTRACE_DETACH, tid, 0,
		       event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0);
		return;
	}
	if (event == PTRACE_EVENT_STOP) {
		/*
		 * A new child before its parent's clone event
		 * (doc/ptrace-notes.md, "child before its clone event"): hold
		 * it.
		 */
		task = tasks_add(&t->tasks, tid, NULL);
		if (task) {
			struct proc_status st;

			task->state = TS_HELD;
			task->held_since = engine_now(t);
			/* Read now: the parent may be dying, then PPid moves on. */
			if (procfs_status(tid, &st) == 0)
				task->held_ppid = st.ppid;
			if (t->killing)
				kill(tid, SIGKILL);
			return;
		}
	}
	ptrace(PTRACE_CONT, tid, 0,
	       event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0);
}

/*
 * Did the call task was resumed from (without its exit stop) run?  A stop
 * after it, or its single-threaded process's own exit, says so.  A death
 * by a signal, or by another thread's exit_group, may have come at its
 * seccomp stop, and then the kernel skipped the call.
 */
static bool call_ran(const struct task *task, int status)
{
	unsigned long msg = 0;
	bool alone = task->proc && task->proc->nthreads == 1;

	if (WIFEXITED(status))
		return alone;
	if (!WIFSTOPPED(status))
		return false;
	if ((unsigned)status >> 16 != PTRACE_EVENT_EXIT)
		return true;
	return alone && ptrace(PTRACE_GETEVENTMSG, task->tid, 0, &msg) == 0 &&
	       WIFEXITED((int)msg);
}

void stops_dispatch(struct tracer *t, pid_t tid, int status)
{
	struct task *task = tasks_find(&t->tasks, tid);
	unsigned event;
	int sig;

	/* It stopped or died: a call it left without an exit stop is over. */
	if (task && (task->open_send.on || task->exec_miss.on)) {
		bool ran = call_ran(task, status);

		send_open_settle(t, task, ran);
		exec_miss_settle(t, task, status, ran);
	}
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (task)
			stops_death(t, task, status);
		else
			breaks_helper_exited(t, tid);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	stops_count(&t->stops, status);
	if (!task) {
		on_unknown_stop(t, tid, status);
		return;
	}
	sig = WSTOPSIG(status);
	event = (unsigned)status >> 16;
	/* A parent's stop is a good moment to see whether it reaped (stop-free). */
	if (task->proc && task->proc->zombie_children && t->mode == SCM_NONE)
		zombies_check_children(t, task->proc);
	if (task->want_detach) {
		bool delivery = event == 0 && sig != (SIGTRAP | 0x80);

		/* Stopped on our own int3: rewound by the observer, no signal. */
		if (delivery && sig == SIGTRAP && t->obs.n &&
		    stops_trap_is_ours(t, task))
			delivery = false;
		/* Let a queued SIGTRAP come to its delivery stop first (above). */
		if (!delivery && event == PTRACE_EVENT_STOP && sig == SIGTRAP &&
		    t->obs.n && sigtrap_pending(task->tid)) {
			ptrace(PTRACE_CONT, task->tid, 0, 0);
			return;
		}
		detach_task_at_stop(t, task, delivery ? sig : 0);
		return;
	}
	if (task->state == TS_EXPECTED && event == PTRACE_EVENT_STOP) {
		/*
		 * An auto-attached child's first stop: resume, no signal
		 * (doc/ptrace-notes.md, "first stop of a new child").
		 */
		task->state = TS_RUNNING;
		engine_exit_stop(t, task, false);
		engine_resume(t, task, 0);
		return;
	}
	if (task->brk_zombie && breaks_pending(t, task, event, sig))
		return;
	if (sig == (SIGTRAP | 0x80)) {
		on_syscall_info(t, task);
		return;
	}
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		stops_clone(t, task, (int)event);
		break;
	case PTRACE_EVENT_EXEC:
		stops_exec(t, task);
		break;
	case PTRACE_EVENT_SECCOMP:
		on_syscall_info(t, task);
		break;
	case PTRACE_EVENT_STOP:
		stops_group_stop(t, task, sig);
		break;
	case 0:
		stops_signal(t, task, sig);
		break;
	case PTRACE_EVENT_EXIT:
		stops_exit_event(t, task);
		break;
	default: /* VFORK_DONE: nothing to add */
		engine_resume(t, task, 0);
		break;
	}
}
