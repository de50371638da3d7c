/* stops_exit.c - a process's image and life end: the exec event, the exit event, the death report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/permcreds.h"
#include "tracer/exec_ctx.h"
#include "tracer/exec_miss.h"
#include "tracer/sc_handlers.h"
#include "tracer/send_open.h"
#include "tracer/stops.h"

/* Another thread of the process is gone without a death report of its own. */
static void thread_vanished(struct tracer *t, struct task *th)
{
	struct pt_event ev = { .kind = EV_EXIT };

	/* What it left open comes before its end (it may not have run). */
	send_open_settle(t, th, false);
	exec_miss_settle(t, th, 0, false);
	ev.u.exit.group = false;
	/* A leader that ended first keeps the code of its EVENT_EXIT stop. */
	ev.u.exit.code_known = th->exit_known;
	ev.u.exit.st = th->exit_st;
	emit_task_event(t, th, &ev);
	engine_drop_task(t, th);
}

/*
 * The kernel names the new image after the last component of the path
 * given to execve, cut to 15 bytes (__set_task_comm in begin_new_exec):
 * no need for a /proc read.
 */
static void comm_from_path(char *comm, size_t size, const char *path)
{
	const char *slash = strrchr(path, '/');

	snprintf(comm, size < 16 ? size : 16, "%s", slash ? slash + 1 : path);
}

void stops_exec(struct tracer *t, struct task *task)
{
	struct pt_event ev = { .kind = EV_EXEC };
	struct ev_exec *x = &ev.u.exec;
	struct exec_ctx_read ctx;
	unsigned long old_tid = 0;
	char exe[4096], **cmdline = NULL, **environ_v = NULL;
	struct proc *proc;
	struct task *th, *next;
	enum breaks_result brk;

	ptrace(PTRACE_GETEVENTMSG, task->tid, 0, &old_tid);
	/*
	 * exec by a non-leader thread: the kernel gives the exec'ing thread the
	 * leader's pid and reports the event under it (ptrace(2), "execve(2)
	 * under ptrace"); the old leader vanishes without an exit status.
	 */
	if (old_tid && (pid_t)old_tid != task->tid) {
		struct task *execer = tasks_find(&t->tasks, (pid_t)old_tid);
		pid_t pid = task->tid;

		if (execer) {
			if (task->proc)
				thread_vanished(t, task);
			else
				engine_drop_task(t, task);
			tasks_rekey(&t->tasks, execer, pid);
			task = execer;
			x->old_tid = (pid_t)old_tid;
		}
	}
	proc = task->proc;
	if (!proc) {
		engine_resume(t, task, 0);
		return;
	}
	permcreds_exec(proc);
	for (th = proc->threads; th; th = next) {
		next = th->sib_next;
		if (th != task)
			thread_vanished(t, th);
	}
	x->ok = true;
	if (procfs_exe(task->tid, exe, sizeof(exe)) < 0)
		exe[0] = '\0';
	if (task->sc.active && task->sc.filename && task->sc.filename[0])
		comm_from_path(proc->comm, sizeof(proc->comm),
			       task->sc.filename);
	else
		procfs_comm(task->tid, proc->comm, sizeof(proc->comm));
	x->exe = exe;
	x->comm = proc->comm;
	if (task->sc.active && task->sc.filename) {
		x->filename = task->sc.filename;
		x->argv.v = task->sc.argv;
		x->argv.count = task->sc.argc;
		x->argv.truncated = task->sc.argv_truncated;
		x->envp.v = task->sc.envp;
		x->envp.count = task->sc.envc;
	} else {
		/* No entry stop (stop-free mode): the new image's own view. */
		x->filename = exe;
		cmdline = procfs_strv(task->tid, "cmdline", &x->argv.count);
		x->argv.v = cmdline;
		if (t->opt->env)
			x->envp.v = environ_v = procfs_strv(
				task->tid, "environ", &x->envp.count);
	}
	exec_ctx_read(t, task, x, &ctx);
	emit_task_event(t, task, &ev);
	exec_ctx_done(&ctx, proc);
	OBSERVE(t, execed, t, task);
	brk = breaks_exec(t, task, x);
	free(cmdline);
	free(environ_v);
	if (brk == BREAKS_GONE)
		return;
	/* Success is known now: skip the syscall-exit stop (PTRACE_CONT). */
	pending_sc_clear(&task->sc);
	if (brk == BREAKS_NONE)
		engine_resume(t, task, 0);
}

void stops_death(struct tracer *t, struct task *task, int status)
{
	struct pt_event ev = { .kind = EV_EXIT };
	struct proc *proc = task->proc;
	bool last;

	if (!proc) {
		engine_drop_task(t, task);
		return;
	}
	last = proc->nthreads == 1;
	if (last) {
		/* Children it reaped just before dying: their reaps come first. */
		proc->dying = true;
		zombies_check_children(t, proc);
	}
	ev.u.exit.group = last;
	ev.u.exit.code_known = true;
	sc_wait_status(status, &ev.u.exit.st);
	emit_task_event(t, task, &ev);
	engine_drop_task(t, task);
	if (!last)
		return;
	if (!t->attach_mode && proc->pid == t->root_pid) {
		/* Our own child: the waitpid that told us also reaped it. */
		t->root_done = true;
		t->root_status = ev.u.exit.st;
		zombies_reparent_children(t, proc->pid);
		engine_drop_proc(t, proc);
		return;
	}
	zombies_exit(t, proc, &ev.u.exit.st);
}

/*
 * A thread is exiting.  A leader that leaves before its other threads has
 * no death report until they are all gone, and none at all if one of them
 * execs (the exec'ing thread takes over its pid, ptrace(2) "execve(2)
 * under ptrace"): keep its status now.
 */
void stops_exit_event(struct tracer *t, struct task *task)
{
	unsigned long msg;

	if (task->proc && task->tid == task->proc->pid &&
	    task->proc->nthreads > 1 &&
	    ptrace(PTRACE_GETEVENTMSG, task->tid, 0, &msg) == 0) {
		task->exit_known = true;
		sc_wait_status((int)msg, &task->exit_st);
	}
	OBSERVE(t, exiting, t, task);
	if (breaks_exit(t, task) == BREAKS_NONE)
		engine_resume(t, task, 0);
}
