/* zombies.c - processes between exit and reap: timing, pidfd and inferred reaps, orphans. */
#include "config.h"

#include <sys/syscall.h>

#include "tracer/engine.h"
#include "tracer/pidns.h"
#include "tracer/reapwatch.h"
#include "proc/procfs.h"

#define ZOMBIE_CHECK_NS 50000000ull /* look for vanished zombies every 50 ms */

/* How a reap was seen: at the waiter's syscall, by pidfd, or inferred. */
enum reap_seen { REAP_SYSCALL, REAP_PIDFD, REAP_INFERRED };

/*
 * after: the last look that did not find the reap (a /proc look, or the
 * pidfds' previous epoll_wait).  Both ways are inferred in the log's sense
 * (no syscall stop: the waiter's call is not seen), ts is when it was
 * found, ts_lo the earliest it can have been; a pidfd's bound is tight.
 */
static void emit_reap(struct tracer *t, pid_t waiter_pid, pid_t waiter_tid,
		      struct proc *z, enum wait_syscall sc,
		      const struct ev_status *st, enum reap_seen how,
		      uint64_t after, struct task *wt)
{
	struct pt_event ev = { .kind = EV_REAP };
	uint64_t now = engine_now(t);

	pidns_reaped(t, z);
	ev.u.reap.child_pid = z->pid;
	ev.u.reap.syscall = sc;
	ev.u.reap.st = *st;
	ev.u.reap.zombie_ns = (int64_t)(now - z->exit_ts);
	ev.u.reap.via = how == REAP_PIDFD ? RV_PIDFD : RV_NONE;
	if (how != REAP_SYSCALL) {
		ev.inferred = true;
		ev.ts = now;
		ev.ts_lo = after > z->exit_ts ? after : z->exit_ts;
	}
	if (wt) {
		ev.ts = now;
		emit_task_event(t, wt, &ev);
	} else {
		ev.pid = waiter_pid;
		ev.tid = waiter_tid;
		emit_nspid_of(&ev, tasks_find_proc(&t->tasks, waiter_pid));
		emit(t, &ev);
	}
}

void zombies_reparent_children(struct tracer *t, pid_t dead_pid)
{
	struct proc *p;
	size_t b;

	/* The kernel reparents in exit_notify, before the tracer sees the death. */
	for (p = tasks_first_proc(&t->tasks, &b); p;
	     p = tasks_next_proc(&t->tasks, &b, p)) {
		struct proc_status st;
		struct pt_event ev = { .kind = EV_REPARENT };

		if (p->ppid != dead_pid || p->pid == dead_pid)
			continue;
		if (procfs_status(p->pid, &st) < 0 ||
		    !(st.have & PS_HAVE_PPID) || st.ppid == dead_pid)
			continue;
		ev.pid = ev.tid = p->pid;
		ev.u.reparent.old_ppid = dead_pid;
		ev.u.reparent.new_ppid = st.ppid;
		emit_nspid_of(&ev, p);
		tasks_reparent(&t->tasks, p, st.ppid);
		emit(t, &ev);
	}
}

/* Is a task of pid inside wait4/waitid right now?  Then its exit stop will tell. */
static bool parent_waiting(struct tracer *t, pid_t pid)
{
	struct proc *p = tasks_find_proc(&t->tasks, pid);
	struct task *th;

	if (!p || p->state != PS_ALIVE)
		return false;
	for (th = p->threads; th; th = th->sib_next)
		if (th->sc.active)
			return true;
	return false;
}

/*
 * With syscall stops, a traced parent's reap is seen exactly; only zombies
 * whose parent is untraced (or auto-reaps: SIGCHLD ignored) are inferred.
 * Stop-free, every reap is inferred.
 */
static bool may_infer(struct tracer *t, struct proc *z)
{
	struct proc *parent;

	if (t->mode == SCM_NONE)
		return true;
	parent = tasks_find_proc(&t->tasks, z->ppid);
	if (!parent || parent->state != PS_ALIVE || parent->dying)
		return true;
	if (!(t->classes & EVC_PROCESS))
		return true;
	return !parent_waiting(t, z->ppid);
}

void zombies_exit(struct tracer *t, struct proc *proc,
		  const struct ev_status *st)
{
	struct proc_stat ps;

	tasks_set_zombie(&t->tasks, proc, true);
	proc->exit_ts = engine_now(t);
	proc->exit_st = *st;
	proc->group_stopped = false;
	zombies_reparent_children(t, proc->pid);
	/* Its pidfd will say when it is reaped: no /proc look needed. */
	if (reapwatch_arm(t, proc) == 0)
		return;
	/*
	 * Its /proc entry lives until the reap, and its start time tells a
	 * reused pid.  Skipped when the reap will be seen exactly: the parent
	 * is traced and inside wait4/waitid already (the fork-loop case).
	 */
	if (!may_infer(t, proc))
		return;
	if (procfs_stat(proc->pid, &ps) == 0 && ps.state == 'Z') {
		proc->starttime = ps.starttime;
		proc->seen_zombie_ts = proc->exit_ts;
	}
}

void zombies_reaped(struct tracer *t, struct task *waiter, pid_t child_pid,
		    enum wait_syscall sc, const struct ev_status *st)
{
	struct proc *z = tasks_find_proc(&t->tasks, child_pid);
	struct pt_event ev = { .kind = EV_REAP };

	if (z && z->state == PS_ZOMBIE) {
		emit_reap(t, 0, 0, z, sc, st, REAP_SYSCALL, 0, waiter);
		engine_drop_proc(t, z);
		return;
	}
	/* A child we did not trace (CLONE_UNTRACED, or born before -p). */
	ev.u.reap.child_pid = child_pid;
	ev.u.reap.syscall = sc;
	ev.u.reap.st = *st;
	ev.u.reap.zombie_ns = -1;
	emit_task_event(t, waiter, &ev);
}

/* Is a thread of the parent inside wait4/waitid, with its exit stop to come? */
static bool reap_at_wait_exit(struct tracer *t, const struct proc *z)
{
	struct proc *p = tasks_find_proc(&t->tasks, z->ppid);

	if (!t->wait_reaps || !p || p->state != PS_ALIVE)
		return false;
	for (const struct task *th = p->threads; th; th = th->sib_next)
		if (th->sc.active &&
		    (th->sc.nr == SYS_wait4 || th->sc.nr == SYS_waitid))
			return true;
	return false;
}

void zombies_pidfd_reaped(struct tracer *t, struct proc *z, uint64_t after)
{
	/*
	 * --exact: the waiter's exit stop names the syscall and status; the
	 * /proc path stands by should it not come.
	 */
	if (reap_at_wait_exit(t, z)) {
		reapwatch_disarm(t, z);
		return;
	}
	/* p->ppid follows reparenting: an orphan's zombie is its adopter's. */
	emit_reap(t, z->ppid, z->ppid, z, WS_UNKNOWN, &z->exit_st, REAP_PIDFD,
		  after, NULL);
	engine_drop_proc(t, z);
}

/*
 * Is the zombie's /proc entry still there?  Known start time: compare it
 * (a reused pid is another process).  Unknown (not read at exit because an
 * exact reap was expected then, e.g. the parent peeked with WNOWAIT): a
 * zombie at that pid is taken to be it, and its start time kept.
 */
static bool zombie_still_there(struct proc *p)
{
	struct proc_stat ps;

	if (p->starttime)
		return procfs_same_process(p->pid, p->starttime);
	if (procfs_stat(p->pid, &ps) < 0 || ps.state != 'Z')
		return false;
	p->starttime = ps.starttime;
	return true;
}

/* Look at each zombie (of parent ppid, or all if ppid is 0) once. */
static void check_list(struct tracer *t, pid_t ppid)
{
	struct proc *p, *next;
	uint64_t now = engine_now(t);

	for (p = t->tasks.zombies; p; p = next) {
		next = p->znext;
		if (ppid && p->ppid != ppid)
			continue;
		/* Watched: its pidfd tells the reap exactly. */
		if (p->pidfd_armed || !may_infer(t, p))
			continue;
		if (zombie_still_there(p)) {
			p->seen_zombie_ts = now;
			continue;
		}
		/* p->ppid follows reparenting: an orphan's zombie is its adopter's. */
		emit_reap(t, p->ppid, p->ppid, p, WS_UNKNOWN, &p->exit_st,
			  REAP_INFERRED, p->seen_zombie_ts, NULL);
		engine_drop_proc(t, p);
	}
}

void zombies_check(struct tracer *t)
{
	if (t->tasks.n_zombies)
		check_list(t, 0);
}

void zombies_check_children(struct tracer *t, struct proc *parent)
{
	if (parent->zombie_children)
		check_list(t, parent->pid);
}

void zombies_pid_reused(struct tracer *t, pid_t pid)
{
	struct proc *z = tasks_find_proc(&t->tasks, pid);

	if (!z)
		return;
	if (z->state == PS_ZOMBIE)
		emit_reap(t, z->ppid, z->ppid, z, WS_UNKNOWN, &z->exit_st,
			  REAP_INFERRED, z->seen_zombie_ts, NULL);
	engine_drop_proc(t, z);
}

int zombies_timeout_ms(const struct tracer *t)
{
	/* watched ones wake the poll too; the loop's grace counts on this tick */
	return t->tasks.n_zombies ? (int)(ZOMBIE_CHECK_NS / 1000000) : -1;
}
