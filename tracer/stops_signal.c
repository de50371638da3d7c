/* stops_signal.c - signals: delivery stops, group stops and their end, and breakpoint traps. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>

#include "decode/decode.h"
#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/pidns.h"
#include "tracer/sc_handlers.h"
#include "tracer/stops.h"

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

void stops_group_stop(struct tracer *t, struct task *task, int sig)
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
		/*
		 * LISTEN keeps it stopped but lets SIGCONT and new signals in
		 * (doc/ptrace-notes.md, "group-stop and LISTEN").
		 */
		task->state = TS_LISTENING;
		if (ptrace(PTRACE_LISTEN, task->tid, 0, 0) < 0 &&
		    errno != ESRCH)
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

	if (procfs_status(tid, &st) < 0 || !(st.have & PS_HAVE_SIG))
		return SD_UNKNOWN;
	return decode_sig_disposition(sig, st.sig_ign, st.sig_cgt);
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
	ev.ts_lo = 0; /* it may have been pending since before the trace */
	emit(t, &ev);
}

/* Is this SIGTRAP an observer's own breakpoint?  (Then it is not delivered.) */
bool stops_trap_is_ours(struct tracer *t, struct task *task)
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

void stops_signal(struct tracer *t, struct task *task, int sig)
{
	struct pt_event ev = { .kind = EV_SIGNAL };
	struct ev_signal *s = &ev.u.signal;
	siginfo_t si;

	if (sig == SIGTRAP && t->obs.n && stops_trap_is_ours(t, task)) {
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
				sc_kill_send_before_delivery(t, task, si.si_pid,
							     sig);
		}
		if (decode_si_code_has_addr(sig, si.si_code)) {
			s->has_addr = true;
			s->addr = (uint64_t)(uintptr_t)si.si_addr;
		}
		s->disposition = disposition_of(task->tid, sig);
		emit_task_event(t, task, &ev);
	}
	/*
	 * Re-inject from the signal-delivery-stop, same number
	 * (doc/ptrace-notes.md, "signal re-injection"); a break holds it
	 * first, with the signal kept for its release.
	 */
	if (breaks_signal(t, task, sig) == BREAKS_NONE)
		engine_resume(t, task, sig);
}
