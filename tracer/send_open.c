/* send_open.c - kill-family sends resumed without their exit stop: written when their result shows. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/pidns.h"
#include "tracer/send_open.h"

/*
 * A send to another live traced process (sc_kill.c picks them) skips its
 * exit stop: the target's delivery stop of that signal, naming this sender
 * in its siginfo, proves the call returned 0.  Until then the send is
 * open.  If the sender stops first (the signal blocked, taken by
 * sigwaitinfo, or merged into one already pending), its call has returned
 * and the target is looked at once: a delivery stop not yet collected
 * (waitid WNOWAIT) says 0; else, as the send was let through by the uids
 * (send_open_permitted) to a target that was there, 0 inferred.
 */

void send_open_begin(struct tracer *t, struct task *task,
		     const struct ev_signal *s, pid_t target_tid)
{
	struct open_send *o = &task->open_send;

	if (o->on)
		send_open_settle(t, task);
	o->on = true;
	o->s = *s;
	o->target_tid = target_tid;
	o->since = engine_now(t);
	t->n_open_sends++;
}

void send_open_drop(struct tracer *t, struct task *task)
{
	if (!task->open_send.on)
		return;
	task->open_send.on = false;
	t->n_open_sends--;
}

static void write_send(struct tracer *t, struct task *task, int result,
		       bool unknown, bool inferred)
{
	struct open_send *o = &task->open_send;
	struct pt_event ev = { .kind = EV_SIGNAL };

	ev.u.signal = o->s;
	ev.u.signal.result = result;
	ev.u.signal.result_unknown = unknown;
	if (inferred) {
		ev.inferred = true;
		ev.ts_lo = o->since;
	}
	send_open_drop(t, task);
	emit_task_event(t, task, &ev);
}

void send_open_delivered(struct tracer *t, const struct task *receiver,
			 pid_t sender_tgid, int sig)
{
	pid_t target = receiver->proc ? receiver->proc->pid : receiver->tid;
	struct proc *p;

	if (!t->n_open_sends || !(p = tasks_find_proc(&t->tasks, sender_tgid)))
		return;
	for (struct task *th = p->threads; th; th = th->sib_next)
		if (th->open_send.on && th->open_send.s.sig == sig &&
		    th->open_send.s.target_pid == target) {
			write_send(t, th, 0, false, false);
			return;
		}
}

/*
 * Is the target sitting in a delivery stop of this send that the loop has
 * not collected yet?  WNOWAIT leaves the report for the loop; the siginfo
 * of a task in a ptrace stop can be read before its report is.
 */
static bool delivery_waiting(struct tracer *t, const struct task *sender,
			     const struct proc *target)
{
	const struct open_send *o = &sender->open_send;
	siginfo_t wi, si;

	memset(&wi, 0, sizeof(wi));
	if (waitid(P_PID, (id_t)o->target_tid, &wi,
		   WSTOPPED | WNOHANG | WNOWAIT | __WALL) < 0 ||
	    wi.si_pid != o->target_tid || wi.si_code != CLD_TRAPPED ||
	    wi.si_status != o->s.sig)
		return false;
	if (ptrace(PTRACE_GETSIGINFO, o->target_tid, 0, &si) < 0)
		return false;
	return si.si_signo == o->s.sig && si.si_code <= 0 && sender->proc &&
	       pidns_outer(t, target, si.si_pid) == sender->proc->pid;
}

/* Is pid in the tracer's own user ns (where its CAP_KILL reaches ours)? */
static bool in_our_userns(pid_t pid)
{
	char path[64];
	struct stat a, b;

	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)pid);
	return stat(path, &a) == 0 && stat("/proc/self/ns/user", &b) == 0 &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

/* p's uids and CAP_KILL, read once (stops_exec and creds calls forget). */
static bool kill_creds(struct proc *p)
{
	const uint64_t cap_kill = 1ull << 5; /* CAP_KILL */
	struct proc_status st;

	if (p->kill_creds.known)
		return true;
	if (procfs_status(p->pid, &st) < 0 || !(st.have & PS_HAVE_UID) ||
	    !(st.have & PS_HAVE_CAPS))
		return false;
	memcpy(p->kill_creds.uid, st.uid, sizeof(p->kill_creds.uid));
	p->kill_creds.cap_kill = (st.cap_eff & cap_kill) &&
				 in_our_userns(p->pid);
	p->kill_creds.known = true;
	return true;
}

bool send_open_permitted(struct tracer *t, struct proc *from, struct proc *to)
{
	const uid_t *f = from->kill_creds.uid, *g = to->kill_creds.uid;

	/* Without the creds class no set*id call stops: the uids could move. */
	if (!(t->classes & EVC_CREDS) || !kill_creds(from) || !kill_creds(to))
		return false;
	/* kill_ok_by_cred (kernel/signal.c): euid or uid to uid or suid */
	return from->kill_creds.cap_kill || f[1] == g[2] || f[1] == g[0] ||
	       f[0] == g[2] || f[0] == g[0];
}

void send_open_settle(struct tracer *t, struct task *task)
{
	const struct proc *target;

	if (!task->open_send.on)
		return;
	target = tasks_find_proc(&t->tasks, task->open_send.s.target_pid);
	if (target && delivery_waiting(t, task, target))
		write_send(t, task, 0, false, false);
	/*
	 * Permitted, and the target still alive: it was there for the call.
	 * Once its exit is collected its parent may reap it, perhaps before
	 * the call ran (ESRCH): then the result is not known.
	 */
	else if (target && target->state == PS_ALIVE && !target->dying)
		write_send(t, task, 0, false, true);
	else
		write_send(t, task, 0, true, true);
}

void send_open_settle_all(struct tracer *t)
{
	size_t b;

	for (struct proc *q = tasks_first_proc(&t->tasks, &b);
	     q && t->n_open_sends; q = tasks_next_proc(&t->tasks, &b, q))
		for (struct task *th = q->threads; th; th = th->sib_next)
			send_open_settle(t, th);
}
