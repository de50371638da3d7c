/* pidns.c - pids as a task in a nested pid namespace sees them, made proctrace's. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tracer/pidns.h"
#include "proc/procfs.h"

int pidns_read(struct proc *proc)
{
	struct proc_status st;
	char path[64];
	struct stat sb;

	if (procfs_status(proc->pid, &st) < 0)
		return -1;
	if (st.n_nspid <= 1)
		return 0;
	proc->n_nspid = st.n_nspid;
	memcpy(proc->nspid, st.nspid, st.n_nspid * sizeof(pid_t));
	/* Tells sibling namespaces apart: both may have a pid 2. */
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", (int)proc->pid);
	proc->pidns = stat(path, &sb) == 0 ? (uint64_t)sb.st_ino : 0;
	return 0;
}

/* The level of p's own namespace in its NSpid chain (0: proctrace's). */
static size_t pidns_depth(const struct proc *p)
{
	return p && p->n_nspid > 1 ? p->n_nspid - 1 : 0;
}

/*
 * A child's SIGCHLD is often delivered after its reap dropped its record:
 * the last few reaped nested processes stay findable (tasks->gone).
 */
static void pidns_id_of(struct proc_nsid *id, const struct proc *q)
{
	id->pid = q->pid;
	id->ppid = q->ppid;
	id->n_nspid = q->n_nspid;
	memcpy(id->nspid, q->nspid, sizeof(id->nspid));
	id->pidns = q->pidns;
	id->zombie = q->state == PS_ZOMBIE;
}

void pidns_reaped(struct tracer *t, const struct proc *proc)
{
	struct tasks *ts = &t->tasks;

	if (proc->n_nspid <= 1)
		return;
	pidns_id_of(&ts->gone[ts->gone_next++ % TASKS_GONE_MAX], proc);
}

enum pidns_vis { PV_NO, PV_MAYBE, PV_YES };

/*
 * Can a process at level d of pid ns ns see q?  At the same level only in
 * the same ns (an unknown inode is taken as the same); deeper, when q's ns
 * descends from ns, which /proc does not say: maybe.
 */
static enum pidns_vis pidns_visible(const struct proc_nsid *q, size_t d,
				    uint64_t ns)
{
	if (q->n_nspid <= d)
		return PV_NO;
	if (q->n_nspid > d + 1)
		return PV_MAYBE;
	return !ns || !q->pidns || ns == q->pidns ? PV_YES : PV_NO;
}

/* Keeps the best candidate for what viewer calls v. */
struct pidns_pick {
	const struct proc *viewer;
	size_t d;
	pid_t v;
	pid_t best;
	int best_score, n_best;
};

/* Best: the same ns for sure, then a child of viewer, then a zombie. */
static void pidns_consider(struct pidns_pick *pk, const struct proc_nsid *q)
{
	enum pidns_vis vis;
	int score;

	if (q->n_nspid <= pk->d || q->nspid[pk->d] != pk->v ||
	    (vis = pidns_visible(q, pk->d, pk->viewer->pidns)) == PV_NO)
		return;
	score = (vis == PV_YES) * 4 + (q->ppid == pk->viewer->pid) * 2 +
		q->zombie;
	if (score > pk->best_score) {
		pk->best = q->pid;
		pk->best_score = score;
		pk->n_best = 1;
	} else if (score == pk->best_score) {
		pk->n_best++;
	}
}

/*
 * The traced process viewer calls v (0: none): the live records first,
 * then the recently reaped, newest first.  A "maybe" is taken only when it
 * is the one candidate.
 */
static pid_t pidns_find(struct tracer *t, const struct proc *viewer, size_t d,
			pid_t v)
{
	struct pidns_pick pk = { viewer, d, v, 0, -1, 0 };
	struct proc_nsid id;
	struct proc *q;
	size_t b;

	for (q = tasks_first_proc(&t->tasks, &b); q;
	     q = tasks_next_proc(&t->tasks, &b, q)) {
		if (q->n_nspid <= d || q->nspid[d] != v)
			continue; /* the common case: no copy */
		pidns_id_of(&id, q);
		pidns_consider(&pk, &id);
	}
	for (unsigned i = 1; !pk.best && i <= TASKS_GONE_MAX; i++)
		pidns_consider(&pk, &t->tasks.gone[(t->tasks.gone_next - i) %
						   TASKS_GONE_MAX]);
	if (pk.best && pk.best_score < 4 && pk.n_best > 1)
		return 0;
	return pk.best;
}

pid_t pidns_outer(struct tracer *t, const struct proc *viewer, pid_t v)
{
	size_t d = pidns_depth(viewer);
	pid_t pid;

	if (!d || v <= 0)
		return v;
	pid = pidns_find(t, viewer, d, v);
	return pid ? pid : v;
}

pid_t pidns_outer_tid(struct tracer *t, const struct proc *viewer, pid_t v)
{
	size_t d = pidns_depth(viewer), b;
	struct proc_nsid id;
	struct proc *q;
	pid_t pid;

	if (!d || v <= 0)
		return v;
	/* Tids and pids share one number space: a leader's tid is its pid. */
	if ((pid = pidns_find(t, viewer, d, v)))
		return pid;
	/* Another thread: only /proc/TID/status has its inner ids. */
	for (q = tasks_first_proc(&t->tasks, &b); q;
	     q = tasks_next_proc(&t->tasks, &b, q)) {
		pidns_id_of(&id, q);
		if (pidns_visible(&id, d, viewer->pidns) == PV_NO)
			continue;
		for (struct task *th = q->threads; th; th = th->sib_next) {
			struct proc_status st;

			if (th->tid != q->pid &&
			    procfs_status(th->tid, &st) == 0 &&
			    st.n_nspid > d && st.nspid[d] == v)
				return th->tid;
		}
	}
	return v;
}
