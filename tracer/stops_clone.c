/* stops_clone.c - new tasks: the clone event stops, and children held for a clone event that never came. */
#include "config.h"

#include <linux/sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>

#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/pidns.h"
#include "tracer/stops.h"
#include "tracer/tmem.h"

/* struct clone_args as clone3(2) reads it; only the first fields matter. */
struct clone_args_head {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
};

/*
 * Which syscall made the child, and with which flags.  Read from the
 * registers at the event stop instead of adding a syscall stop: the task is
 * still inside the syscall, so orig_rax and the arguments are intact.
 */
static bool clone_decode(struct task *task, int event, struct ev_clone *c)
{
	struct user_regs_struct regs;
	struct clone_args_head ca;
	bool known = true;

	c->syscall = event == PTRACE_EVENT_VFORK ? CS_VFORK :
		     event == PTRACE_EVENT_FORK	 ? CS_FORK :
						   CS_CLONE;
	c->flags_raw = event == PTRACE_EVENT_VFORK ?
			       (CLONE_VM | CLONE_VFORK | SIGCHLD) :
			       SIGCHLD;
	if (ptrace(PTRACE_GETREGS, task->tid, 0, &regs) == 0) {
		switch (regs.orig_rax) {
		case SYS_fork:
			c->syscall = CS_FORK;
			c->flags_raw = SIGCHLD;
			break;
		case SYS_vfork:
			c->syscall = CS_VFORK;
			c->flags_raw = CLONE_VM | CLONE_VFORK | SIGCHLD;
			break;
		case SYS_clone: /* flags in rdi, exit signal in its low byte */
			c->syscall = CS_CLONE;
			c->flags_raw = regs.rdi;
			break;
		case SYS_clone3: /* flags in struct clone_args at rdi */
			c->syscall = CS_CLONE3;
			if (tmem_read(task->tid, regs.rdi, &ca, sizeof(ca)) ==
			    0) {
				c->flags_raw = ca.flags;
				c->flags = ca.flags;
				c->exit_signal = (int)ca.exit_signal;
			}
			break;
		default:
			known = false;
			break;
		}
	} else {
		known = false;
	}
	if (c->syscall != CS_CLONE3) {
		c->flags = c->flags_raw & ~(uint64_t)0xff;
		c->exit_signal = (int)(c->flags_raw & 0xff);
	}
	c->thread = (c->flags & CLONE_THREAD) != 0;
	return known;
}

void stops_clone(struct tracer *t, struct task *task, int event)
{
	struct pt_event ev = { .kind = EV_CLONE };
	struct ev_clone *c = &ev.u.clone;
	unsigned long msg = 0;
	struct task *child;
	struct proc *proc;
	bool was_held, fresh;

	if (ptrace(PTRACE_GETEVENTMSG, task->tid, 0, &msg) < 0 || !task->proc) {
		engine_resume(t, task, 0);
		return;
	}
	clone_decode(task, event, c);
	child = tasks_find(&t->tasks, (pid_t)msg);
	was_held = child && child->state == TS_HELD;
	fresh = !child || was_held; /* its options are the creator's */
	if (!child || !child->proc) {
		if (c->thread) {
			proc = task->proc;
		} else {
			pid_t ppid = (c->flags & CLONE_PARENT) ?
					     task->proc->ppid :
					     task->proc->pid;

			zombies_pid_reused(t, (pid_t)msg);
			proc = tasks_add_proc(&t->tasks, (pid_t)msg, ppid);
			if (!proc)
				goto out;
			memcpy(proc->comm, task->proc->comm,
			       sizeof(proc->comm));
			/* Stop-free: an unshare/setns may have gone unseen. */
			if ((c->flags & CLONE_NEWPID) ||
			    task->proc->n_nspid > 1 || task->proc->kids_pidns ||
			    t->mode == SCM_NONE)
				pidns_read(proc);
		}
		if (!child) {
			child = tasks_add(&t->tasks, (pid_t)msg, proc);
			if (child)
				child->state = TS_EXPECTED;
		} else {
			tasks_link(child, proc);
		}
	}
	if (child && fresh)
		child->exit_stop = task->exit_stop;
	/* The first thread beside the leader: the leader's code may be lost. */
	if (c->thread && task->tid == task->proc->pid)
		engine_exit_stop(t, task, true);
	c->child_tid = (pid_t)msg;
	c->child_pid = c->thread ? task->proc->pid : (pid_t)msg;
	emit_task_event(t, task, &ev);
	if (child)
		OBSERVE(t, cloned, t, task, child, c);
	if (child && t->killing)
		kill(child->tid, SIGKILL);
	if (child && was_held) {
		if (child->want_detach || t->detaching) {
			detach_task_at_stop(t, child, 0);
		} else {
			engine_exit_stop(t, child, false);
			engine_resume(t, child, 0);
		}
	}
	if (breaks_clone(t, task, c) != BREAKS_NONE)
		return;
out:
	engine_resume(t, task, 0);
}

/*
 * The clone event of a held child whose parent never reported it.  The
 * child's registers are a copy of the parent's inside the call
 * (copy_thread): orig_rax names the syscall, rdi holds clone's flags or
 * clone3's struct address, valid in the child's copy of the memory.  The
 * parent is its PPid when its first stop came (if the parent had already
 * exited by then, the process that adopted it).  Without readable
 * registers the child is adopted without an event.
 */
static void infer_clone(struct tracer *t, struct task *child, pid_t ppid)
{
	struct pt_event ev = { .kind = EV_CLONE };
	struct ev_clone *c = &ev.u.clone;

	if (ppid <= 0 || !clone_decode(child, PTRACE_EVENT_FORK, c) ||
	    c->thread)
		return;
	c->child_pid = c->child_tid = child->tid;
	ev.pid = ev.tid = ppid;
	ev.inferred = true;
	ev.ts_lo = 0; /* when the parent made it is not known */
	emit(t, &ev);
}

#define HELD_MAX_NS 10000000000ull

static bool held_parent_alive(struct tracer *t, const struct task *child)
{
	struct proc *p = tasks_find_proc(&t->tasks, child->held_ppid);

	return p && p->state == PS_ALIVE && !p->dying && p->nthreads > 0;
}

/*
 * A child held for its parent's clone event that never came (the parent
 * was killed inside clone): adopt it from /proc, log the clone it came
 * from, and let it run.
 */
void stops_release_held(struct tracer *t, uint64_t now)
{
	struct task *task, *next;
	size_t b;

	for (task = tasks_first(&t->tasks, &b); task; task = next) {
		struct proc_status st;
		struct proc *proc;

		next = tasks_next(&t->tasks, &b, task);
		if (task->state != TS_HELD ||
		    now - task->held_since < 1000000000ull)
			continue;
		/* A traced parent still alive will report the clone yet. */
		if (held_parent_alive(t, task) &&
		    now - task->held_since < HELD_MAX_NS)
			continue;
		if (procfs_status(task->tid, &st) < 0) {
			engine_resume(t, task, 0);
			continue;
		}
		proc = tasks_find_proc(&t->tasks, st.tgid);
		if (!proc && st.tgid == task->tid) {
			pid_t ppid = task->held_ppid ? task->held_ppid :
						       st.ppid;

			zombies_pid_reused(t, st.tgid);
			proc = tasks_add_proc(&t->tasks, st.tgid, ppid);
			if (proc) {
				procfs_comm(task->tid, proc->comm,
					    sizeof(proc->comm));
				infer_clone(t, task, ppid);
			}
		}
		if (proc)
			tasks_link(task, proc);
		if (t->detaching)
			detach_task_at_stop(t, task, 0);
		else
			engine_resume(t, task, 0);
	}
}
