/* stops.c - classify one wait status and act on it: the tracer's dispatcher. */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "decode/decode.h"
#include "tracer/engine.h"
#include "tracer/pidns.h"
#include "proc/procfs.h"
#include "tracer/syscalls.h"
#include "tracer/tmem.h"

/* struct clone_args as clone3(2) reads it; only the first fields matter. */
struct clone_args_head {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
};

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

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
		     event == PTRACE_EVENT_FORK ? CS_FORK : CS_CLONE;
	c->flags_raw = event == PTRACE_EVENT_VFORK ?
		(CLONE_VM | CLONE_VFORK | SIGCHLD) : SIGCHLD;
	if (ptrace(PTRACE_GETREGS, task->tid, 0, &regs) == 0) {
		switch (regs.orig_rax) {
		case 57:	/* fork */
			c->syscall = CS_FORK;
			c->flags_raw = SIGCHLD;
			break;
		case 58:	/* vfork */
			c->syscall = CS_VFORK;
			c->flags_raw = CLONE_VM | CLONE_VFORK | SIGCHLD;
			break;
		case 56:	/* clone: flags in rdi, exit signal in its low byte */
			c->syscall = CS_CLONE;
			c->flags_raw = regs.rdi;
			break;
		case 435:	/* clone3: flags in struct clone_args at rdi */
			c->syscall = CS_CLONE3;
			if (tmem_read(task->tid, regs.rdi, &ca, sizeof(ca)) == 0) {
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

static void on_clone(struct tracer *t, struct task *task, int event)
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
	fresh = !child || was_held;	/* its options are the creator's */
	if (!child || !child->proc) {
		if (c->thread) {
			proc = task->proc;
		} else {
			pid_t ppid = (c->flags & CLONE_PARENT) ? task->proc->ppid :
								task->proc->pid;

			zombies_pid_reused(t, (pid_t)msg);
			proc = tasks_add_proc(&t->tasks, (pid_t)msg, ppid);
			if (!proc)
				goto out;
			memcpy(proc->comm, task->proc->comm, sizeof(proc->comm));
			/* Stop-free: an unshare/setns may have gone unseen. */
			if ((c->flags & CLONE_NEWPID) || task->proc->n_nspid > 1 ||
			    task->proc->kids_pidns || t->mode == SCM_NONE)
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
out:
	engine_resume(t, task, 0);
}

/* Another thread of the process is gone without a death report of its own. */
static void thread_vanished(struct tracer *t, struct task *th)
{
	struct pt_event ev = { .kind = EV_EXIT };

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

static void on_exec(struct tracer *t, struct task *task)
{
	struct pt_event ev = { .kind = EV_EXEC };
	struct ev_exec *x = &ev.u.exec;
	unsigned long old_tid = 0;
	char exe[4096], **cmdline = NULL, **environ_v = NULL;
	struct proc *proc;
	struct task *th, *next;

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
	for (th = proc->threads; th; th = next) {
		next = th->sib_next;
		if (th != task)
			thread_vanished(t, th);
	}
	x->ok = true;
	if (procfs_exe(task->tid, exe, sizeof(exe)) < 0)
		exe[0] = '\0';
	if (task->sc.active && task->sc.filename && task->sc.filename[0])
		comm_from_path(proc->comm, sizeof(proc->comm), task->sc.filename);
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
			x->envp.v = environ_v =
				procfs_strv(task->tid, "environ", &x->envp.count);
	}
	emit_task_event(t, task, &ev);
	OBSERVE(t, execed, t, task);
	free(cmdline);
	free(environ_v);
	/* Success is known now: skip the syscall-exit stop (PTRACE_CONT). */
	pending_sc_clear(&task->sc);
	engine_resume(t, task, 0);
}

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
			/* The first stop after attach may be an exit (note 21). */
			syscalls_exit(t, task, info.exit.rval, info.exit.is_error);
			break;
		default:
			break;
		}
	}
	engine_resume(t, task, 0);
}

static void on_event_stop(struct tracer *t, struct task *task, int sig)
{
	struct proc *proc = task->proc;
	struct pt_event ev = { .kind = EV_SIGNAL };

	if (is_stop_signal(sig)) {
		/* Group-stop: every thread reports it; one event per process. */
		if (proc && !proc->group_stopped) {
			proc->group_stopped = true;
			ev.u.signal.kind = SK_STOP;
			ev.u.signal.sig = sig;
			emit_task_event(t, task, &ev);
		}
		/* LISTEN keeps it stopped but lets SIGCONT and new signals in (note 4). */
		task->state = TS_LISTENING;
		if (ptrace(PTRACE_LISTEN, task->tid, 0, 0) < 0 && errno != ESRCH)
			engine_resume(t, task, 0);
		return;
	}
	/* SIGTRAP: the group-stop ended (SIGCONT), or our own interrupt. */
	if (proc && proc->group_stopped && task->state == TS_LISTENING) {
		proc->group_stopped = false;
		ev.u.signal.kind = SK_CONT;
		ev.u.signal.sig = SIGCONT;
		emit_task_event(t, task, &ev);
	}
	engine_resume(t, task, 0);
}

static enum sig_disposition disposition_of(pid_t tid, int sig)
{
	struct proc_status st;
	uint64_t bit;

	if (sig < 1 || sig > 64 || procfs_status(tid, &st) < 0 ||
	    !(st.have & PS_HAVE_SIG))
		return SD_UNKNOWN;
	bit = 1ull << (sig - 1);
	if (st.sig_cgt & bit)
		return SD_HANDLER;
	if (st.sig_ign & bit)
		return SD_IGNORE;
	return SD_DEFAULT;
}

/* In stop-free mode the sender is known only from the siginfo. */
static void infer_send(struct tracer *t, struct task *task, int sig,
		       const siginfo_t *si)
{
	struct pt_event ev = { .kind = EV_SIGNAL };
	struct ev_signal *s = &ev.u.signal;

	switch (si->si_code) {
	case SI_USER:
		s->syscall = SS_KILL;
		break;
	case SI_TKILL:
		s->syscall = SS_TGKILL;
		s->target_tid = task->tid;
		break;
	case SI_QUEUE:
		s->syscall = SS_RT_SIGQUEUEINFO;
		break;
	default:
		return;
	}
	if (si->si_pid <= 0)
		return;
	s->kind = SK_SEND;
	s->sig = sig;
	s->target_pid = task->proc ? task->proc->pid : task->tid;
	ev.pid = ev.tid = si->si_pid;
	emit_nspid_of(&ev, tasks_find_proc(&t->tasks, si->si_pid));
	ev.inferred = true;
	ev.ts_lo = 0;	/* it may have been pending since before the trace */
	emit(t, &ev);
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

/* Is this SIGTRAP an observer's own breakpoint?  (Then it is not delivered.) */
static bool trap_is_ours(struct tracer *t, struct task *task)
{
	siginfo_t si;

	if (ptrace(PTRACE_GETSIGINFO, task->tid, 0, &si) < 0)
		return false;
	for (size_t i = 0; i < t->obs.n; i++)
		if (t->obs.ops[i]->trap &&
		    t->obs.ops[i]->trap(t->obs.ctx[i], t, task, &si))
			return true;
	return false;
}

static void on_signal(struct tracer *t, struct task *task, int sig)
{
	struct pt_event ev = { .kind = EV_SIGNAL };
	struct ev_signal *s = &ev.u.signal;
	siginfo_t si;

	if (sig == SIGTRAP && t->obs.n && trap_is_ours(t, task)) {
		engine_resume(t, task, 0);
		return;
	}
	if (emit_wants(t, EV_SIGNAL)) {
		memset(&si, 0, sizeof(si));
		if (ptrace(PTRACE_GETSIGINFO, task->tid, 0, &si) < 0)
			si.si_code = SI_USER;
		/* si_pid is as the receiver's pid ns numbers the sender. */
		if (decode_si_code_has_sender(sig, si.si_code))
			si.si_pid = pidns_outer(t, task->proc, si.si_pid);
		if (t->mode == SCM_NONE)
			infer_send(t, task, sig, &si);
		s->kind = SK_DELIVER;
		s->sig = sig;
		s->code = si.si_code;
		if (decode_si_code_has_sender(sig, si.si_code)) {
			s->has_sender = true;
			s->sender_pid = si.si_pid;
			if (si.si_code <= 0 && t->mode != SCM_NONE)
				syscalls_send_before_delivery(t, si.si_pid);
		}
		if (decode_si_code_has_addr(sig, si.si_code)) {
			s->has_addr = true;
			s->addr = (uint64_t)(uintptr_t)si.si_addr;
		}
		s->disposition = disposition_of(task->tid, sig);
		emit_task_event(t, task, &ev);
	}
	/* Re-inject from the signal-delivery-stop, same number (note 3). */
	engine_resume(t, task, sig);
}

static void on_death(struct tracer *t, struct task *task, int status)
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
	syscalls_status_from_wait(status, &ev.u.exit.st);
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
static void on_event_exit(struct tracer *t, struct task *task)
{
	unsigned long msg;

	if (task->proc && task->tid == task->proc->pid &&
	    task->proc->nthreads > 1 &&
	    ptrace(PTRACE_GETEVENTMSG, task->tid, 0, &msg) == 0) {
		task->exit_known = true;
		syscalls_status_from_wait((int)msg, &task->exit_st);
	}
	OBSERVE(t, exiting, t, task);
	engine_resume(t, task, 0);
}

/* A stop of a task we never heard of. */
static void on_unknown_stop(struct tracer *t, pid_t tid, int status)
{
	int sig = WSTOPSIG(status);
	unsigned event = (unsigned)status >> 16;
	struct task *task;

	if (t->detaching) {
		ptrace(PTRACE_DETACH, tid, 0, event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0);
		return;
	}
	if (event == PTRACE_EVENT_STOP) {
		/* A new child before its parent's clone event (note 7): hold it. */
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
	ptrace(PTRACE_CONT, tid, 0, event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0);
}

void stops_dispatch(struct tracer *t, pid_t tid, int status)
{
	struct task *task = tasks_find(&t->tasks, tid);
	unsigned event;
	int sig;

	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (task)
			on_death(t, task, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
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
		if (delivery && sig == SIGTRAP && t->obs.n && trap_is_ours(t, task))
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
		/* An auto-attached child's first stop: resume, no signal (note 8). */
		task->state = TS_RUNNING;
		engine_exit_stop(t, task, false);
		engine_resume(t, task, 0);
		return;
	}
	if (sig == (SIGTRAP | 0x80)) {
		on_syscall_info(t, task);
		return;
	}
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_clone(t, task, (int)event);
		break;
	case PTRACE_EVENT_EXEC:
		on_exec(t, task);
		break;
	case PTRACE_EVENT_SECCOMP:
		on_syscall_info(t, task);
		break;
	case PTRACE_EVENT_STOP:
		on_event_stop(t, task, sig);
		break;
	case 0:
		on_signal(t, task, sig);
		break;
	case PTRACE_EVENT_EXIT:
		on_event_exit(t, task);
		break;
	default:	/* VFORK_DONE: nothing to add */
		engine_resume(t, task, 0);
		break;
	}
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

	if (ppid <= 0 || !clone_decode(child, PTRACE_EVENT_FORK, c) || c->thread)
		return;
	c->child_pid = c->child_tid = child->tid;
	ev.pid = ev.tid = ppid;
	ev.inferred = true;
	ev.ts_lo = 0;	/* when the parent made it is not known */
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
		if (task->state != TS_HELD || now - task->held_since < 1000000000ull)
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
			pid_t ppid = task->held_ppid ? task->held_ppid : st.ppid;

			zombies_pid_reused(t, st.tgid);
			proc = tasks_add_proc(&t->tasks, st.tgid, ppid);
			if (proc) {
				procfs_comm(task->tid, proc->comm, sizeof(proc->comm));
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
