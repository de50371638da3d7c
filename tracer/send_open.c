/* send_open.c - kill-family sends resumed without their exit stop: written when their result shows. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/permcreds.h"
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
 * (send_open_permitted) to a target that was there, 0 inferred.  An
 * earlier send merged with this one (the same signal still pending) shows
 * by the same delivery: the result, 0, is the same.
 */

void send_open_begin(struct tracer *t, struct task *task,
		     const struct ev_signal *s, pid_t target_tid)
{
	struct open_send *o = &task->open_send;

	if (o->on)
		send_open_settle(t, task, true);
	o->on = true;
	o->s = *s;
	o->target_tid = target_tid;
	o->since = engine_now(t);
	t->n_open_sends++;
}

static void send_open_drop(struct tracer *t, struct task *task)
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

bool send_open_permitted(struct tracer *t, struct proc *from, struct proc *to)
{
	const struct perm_creds *f = permcreds_get(t, from);
	const struct perm_creds *g = permcreds_get(t, to);

	if (!f || !g)
		return false;
	/* kill_ok_by_cred (kernel/signal.c): euid or uid to uid or suid */
	return f->cap_kill || f->uid[1] == g->uid[2] ||
	       f->uid[1] == g->uid[0] || f->uid[0] == g->uid[2] ||
	       f->uid[0] == g->uid[0];
}

void send_open_settle(struct tracer *t, struct task *task, bool ran)
{
	const struct open_send *o = &task->open_send;
	const struct proc *target;
	const struct task *th;

	if (!o->on)
		return;
	target = tasks_find_proc(&t->tasks, o->s.target_pid);
	th = tasks_find(&t->tasks, o->target_tid);
	if (target && delivery_waiting(t, task, target)) {
		write_send(t, task, 0, false, false);
		return;
	}
	/*
	 * Permitted, and the target (its thread, for tkill and tgkill) still
	 * there: it was there for the call.  Once its exit is collected it may
	 * be released, perhaps before the call ran (ESRCH).  A sender that
	 * died may have died at its seccomp stop, where the kernel skips the
	 * call (__seccomp_filter with a fatal signal pending): not known.
	 */
	if (ran && target && target->state == PS_ALIVE && !target->dying &&
	    th && th->proc == target)
		write_send(t, task, 0, false, true);
	else
		write_send(t, task, 0, true, true);
}
