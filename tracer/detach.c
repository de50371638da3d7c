/* detach.c - let tracees go cleanly, or end the launched tree. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "tracer/engine.h"

#define DETACH_DEADLINE_NS 3000000000ull

void detach_task_at_stop(struct tracer *t, struct task *task, int sig)
{
	struct pt_event ev = { .kind = EV_DETACH };
	struct proc *proc = task->proc;

	/*
	 * A group-stopped task detached with 0 stays stopped: the kernel puts
	 * it back into the group-stop (doc/ptrace-notes.md, "detach").  A
	 * pending signal goes with it.
	 */
	OBSERVE(t, releasing, t, task);
	if (ptrace(PTRACE_DETACH, task->tid, 0, sig) < 0 && errno == ESRCH) {
		/* It is dying; its death status will still be reported to us. */
		task->want_detach = false;
		return;
	}
	emit_task_event(t, task, &ev);
	engine_drop_task(t, task);
	if (proc && proc->nthreads == 0 && proc->state == PS_ALIVE)
		engine_drop_proc(t, proc);
}

void detach_all(struct tracer *t)
{
	uint64_t deadline = engine_now(t) + DETACH_DEADLINE_NS;
	struct task *task, *next;
	size_t b;

	t->detaching = true;
	for (task = tasks_first(&t->tasks, &b); task; task = next) {
		next = tasks_next(&t->tasks, &b, task);
		if (task->want_detach)
			continue;
		task->want_detach = true;
		if (task->state == TS_HELD || task->state == TS_BREAK) {
			/* It sits in a stop we have not answered: let it go now. */
			detach_task_at_stop(t, task, breaks_held_sig(task));
			continue;
		}
		/*
		 * Interrupt it so it enters a stop we can detach from
		 * (doc/ptrace-notes.md, "detach").
		 */
		if (ptrace(PTRACE_INTERRUPT, task->tid, 0, 0) < 0 &&
		    errno == ESRCH)
			continue;
		task->interrupted = true;
	}
	while (t->tasks.n_tasks > 0 && engine_now(t) < deadline) {
		int status;
		pid_t tid = waitpid(-1, &status, __WALL | WNOHANG);

		if (tid > 0) {
			stops_dispatch(t, tid, status);
			continue;
		}
		if (tid < 0 && errno == ECHILD)
			break;
		poll(NULL, 0, 5);
	}
}

void detach_kill_tree(struct tracer *t)
{
	struct proc *p;
	struct task *task;
	size_t b;

	t->killing = true;
	for (p = tasks_first_proc(&t->tasks, &b); p;
	     p = tasks_next_proc(&t->tasks, &b, p))
		if (p->state == PS_ALIVE)
			kill(p->pid, SIGKILL);
	for (task = tasks_first(&t->tasks, &b); task;
	     task = tasks_next(&t->tasks, &b, task))
		if (!task->proc)
			kill(task->tid, SIGKILL);
}
