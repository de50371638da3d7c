/* sc_kill.c - the kill family: kill, tkill, tgkill, rt_(tg)sigqueueinfo, pidfd_send_signal. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decode/decode.h"
#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/pidns.h"
#include "tracer/sc_handlers.h"
#include "tracer/send_open.h"
#include "tracer/syscalls.h"

/* Argument positions of each sender: target pid, target tid, signal. */
static const struct {
	enum send_syscall sc;
	int pid_arg, tid_arg, sig_arg; /* -1: none */
} send_layout[] = {
	[SS_KILL] = { SS_KILL, 0, -1, 1 },
	[SS_TKILL] = { SS_TKILL, -1, 0, 1 },
	[SS_TGKILL] = { SS_TGKILL, 0, 1, 2 },
	[SS_RT_SIGQUEUEINFO] = { SS_RT_SIGQUEUEINFO, 0, -1, 1 },
	[SS_RT_TGSIGQUEUEINFO] = { SS_RT_TGSIGQUEUEINFO, 0, 1, 2 },
	[SS_PIDFD_SEND_SIGNAL] = { SS_PIDFD_SEND_SIGNAL, -1, -1, 1 },
};

static pid_t tgid_of(struct tracer *t, pid_t tid)
{
	struct task *task = tasks_find(&t->tasks, tid);
	struct proc_status st;

	if (task && task->proc)
		return task->proc->pid;
	if (procfs_status(tid, &st) == 0 && (st.have & PS_HAVE_TGID))
		return st.tgid;
	return tid;
}

static pid_t pidfd_target(pid_t tid, int fd)
{
	char name[64], buf[2048];
	const char *p;
	long n;

	snprintf(name, sizeof(name), "fdinfo/%d", fd);
	n = procfs_read(tid, name, buf, sizeof(buf));
	if (n < 0)
		return 0;
	p = strstr(buf, "\nPid:");
	return p ? (pid_t)strtol(p + 5, NULL, 10) : 0;
}

/* emit_send's result when the syscall's exit will never be seen. */
#define SEND_RESULT_UNKNOWN (-1)

static void emit_send(struct tracer *t, struct task *task, int result,
		      int which);
static void send_fill(struct tracer *t, struct task *task, int which,
		      struct ev_signal *s);

/* The sender's pid as it sees it: its innermost namespace pid. */
static pid_t own_pid(const struct proc *p)
{
	return p->n_nspid > 1 ? p->nspid[p->n_nspid - 1] : p->pid;
}

/*
 * Does kill(pid) reach the sender's own process?  kill(-1) spares the
 * caller (kill(2)); a negative pgid is compared when not nested.
 */
static bool kill_pid_is_own(const struct task *task, pid_t pid)
{
	const struct proc *p = task->proc;

	return pid == own_pid(p) || pid == 0 ||
	       (pid < -1 && p->n_nspid <= 1 && -pid == getpgid(task->tid));
}

/*
 * Does this call send SIGKILL to the sender's own process?  Then it dies
 * inside the call: a SIGKILL makes the group exit at once even when
 * traced (complete_signal in kernel/signal.c), so no syscall-exit stop
 * comes (ptrace_stop skips a task with a fatal signal pending).  Pids are
 * as the sender sees them.
 */
static bool send_kills_self(struct task *task, int which)
{
	const struct pending_sc *sc = &task->sc;
	const struct proc *p = task->proc;

	if (!p || (int)sc->args[send_layout[which].sig_arg] != SIGKILL)
		return false;
	switch (which) {
	case SS_KILL:
	case SS_RT_SIGQUEUEINFO:
		return kill_pid_is_own(task, (pid_t)(int)sc->args[0]);
	case SS_TGKILL:
	case SS_RT_TGSIGQUEUEINFO:
		return (pid_t)(int)sc->args[0] == own_pid(p);
	default: /* tkill, pidfd_send_signal: target resolved by us */
		return p->n_nspid <= 1 && sc->target_tgid == p->pid;
	}
}

/* The kernel's first real-time signal: from it on, signals queue. */
#define KERNEL_SIGRTMIN 32

/*
 * Is this call's result 0 for certain, known at its entry?  A send to the
 * sender's own process (kill(own pid), kill(0), kill(-own pgid)) or to the
 * sending thread itself (raise: tgkill or tkill) of a valid signal: its
 * target cannot be gone, and a process may always signal itself.  kill
 * sends as SI_USER, which never fails for a full queue; tkill and tgkill
 * (SI_TKILL) of a real-time signal may (EAGAIN, __send_signal_locked in
 * kernel/signal.c), so only standard signals there.  The sigqueue calls
 * (a siginfo to copy in: EFAULT) and pidfds are not guessed.  A send to
 * another process keeps its exit stop: the target may be reaped between
 * this stop and the call (the same race as sc_wait.c's).
 */
static bool send_ok_at_entry(struct task *task, int which)
{
	const struct pending_sc *sc = &task->sc;
	const struct proc *p = task->proc;
	int sig = (int)sc->args[send_layout[which].sig_arg];

	if (!p || sig < 0 || sig > 64)
		return false;
	switch (which) {
	case SS_KILL:
		return kill_pid_is_own(task, (pid_t)(int)sc->args[0]);
	case SS_TGKILL:
		return p->n_nspid <= 1 && sig < KERNEL_SIGRTMIN &&
		       (pid_t)(int)sc->args[0] == p->pid &&
		       (pid_t)(int)sc->args[1] == task->tid;
	case SS_TKILL:
		return p->n_nspid <= 1 && sig < KERNEL_SIGRTMIN &&
		       (pid_t)(int)sc->args[0] == task->tid;
	default:
		return false;
	}
}

/*
 * Can this send go on without its exit stop, its result left to the
 * target's delivery stop (send_open.c)?  A send to one live traced process
 * of a signal a delivery stop shows (not SIGKILL), from a sender in
 * proctrace's pid ns.  kill (SI_USER) never fails for a full queue; tkill
 * and tgkill only with a standard signal (send_ok_at_entry); the uids
 * must let it through (else EPERM: the exit stop tells).  The target
 * cannot vanish under the call: a traced zombie is visible to its tracer
 * alone until the tracer collects it (wait_consider_task in kernel/exit.c).
 * Returns the thread to look at, or 0: keep the exit stop.
 */
static pid_t open_target(struct tracer *t, struct task *task, int which)
{
	const struct pending_sc *sc = &task->sc;
	int sig = (int)sc->args[send_layout[which].sig_arg];
	pid_t a0 = (pid_t)(int)sc->args[0], a1 = (pid_t)(int)sc->args[1];
	pid_t tgid, tid = 0;
	struct proc *target;
	struct task *th;

	if (!task->proc || task->proc->n_nspid > 1 || sig <= 0 || sig > 64 ||
	    sig == SIGKILL || (which != SS_KILL && sig >= KERNEL_SIGRTMIN))
		return 0;
	switch (which) {
	case SS_KILL:
		tgid = a0;
		break;
	case SS_TGKILL:
		tgid = a0;
		tid = a1;
		break;
	case SS_TKILL:
		tgid = sc->target_tgid;
		tid = a0;
		break;
	default:
		return 0;
	}
	if (tgid <= 0 || tid < 0)
		return 0;
	target = tasks_find_proc(&t->tasks, tgid);
	if (!target || target->state != PS_ALIVE || target->dying)
		return 0;
	th = tasks_find(&t->tasks, tid ? tid : target->pid);
	if (!th || th->proc != target ||
	    !send_open_permitted(t, task->proc, target))
		return 0;
	return th->tid;
}

/* The exit stop is skipped indeed: the send waits for its result there. */
static void send_take_open(struct tracer *t, struct task *task)
{
	struct ev_signal s;

	send_fill(t, task, task->sc.send_which - 1, &s);
	send_open_begin(t, task, &s, task->sc.open_tid);
}

static void send_entry(struct tracer *t, struct task *task, int which)
{
	struct pending_sc *sc = &task->sc;

	sc->send_which = which + 1;
	if (which == SS_TKILL)
		sc->target_tgid = tgid_of(
			t, pidns_outer_tid(t, task->proc, (pid_t)sc->args[0]));
	else if (which == SS_PIDFD_SEND_SIGNAL)
		sc->target_tgid = pidfd_target(task->tid, (int)sc->args[0]);
	/* Its exit will never come: the send is known now, its result never. */
	if (send_kills_self(task, which)) {
		emit_send(t, task, SEND_RESULT_UNKNOWN, which);
		return;
	}
	/* Known now: written at the entry, and the exit stop is saved. */
	if (t->mode != SCM_SECCOMP)
		return;
	if (send_ok_at_entry(task, which)) {
		emit_send(t, task, 0, which);
		sc->skip_exit = true;
	} else if ((sc->open_tid = open_target(t, task, which)) > 0) {
		sc->skip_exit = true;
		sc->on_skip = send_take_open;
	}
}

/*
 * A target as proctrace's pid ns numbers it, for a sender in a nested one;
 * kill(-pgid) names a group by its leader's pid.  0 and -1 stay as they are.
 */
static pid_t send_target(struct tracer *t, struct task *task, pid_t v,
			 bool is_tid)
{
	if (v < -1 && v != INT_MIN)
		return -pidns_outer(t, task->proc, -v);
	return is_tid ? pidns_outer_tid(t, task->proc, v) :
			pidns_outer(t, task->proc, v);
}

/* The send of task's call, all but its result. */
static void send_fill(struct tracer *t, struct task *task, int which,
		      struct ev_signal *s)
{
	const struct pending_sc *sc = &task->sc;

	memset(s, 0, sizeof(*s));
	s->kind = SK_SEND;
	s->syscall = (enum send_syscall)which;
	s->sig = (int)sc->args[send_layout[which].sig_arg];
	if (send_layout[which].pid_arg >= 0)
		s->target_pid = send_target(
			t, task,
			(pid_t)(int)sc->args[send_layout[which].pid_arg],
			false);
	else
		s->target_pid = sc->target_tgid;
	if (send_layout[which].tid_arg >= 0)
		s->target_tid = send_target(
			t, task,
			(pid_t)(int)sc->args[send_layout[which].tid_arg], true);
}

static void emit_send(struct tracer *t, struct task *task, int result,
		      int which)
{
	struct pt_event ev = { .kind = EV_SIGNAL };
	struct ev_signal *s = &ev.u.signal;

	task->sc.send_emitted = true;
	send_fill(t, task, which, s);
	s->result_unknown = result == SEND_RESULT_UNKNOWN;
	s->result = s->result_unknown ? 0 : result;
	emit_task_event(t, task, &ev);
}

static void send_exit(struct tracer *t, struct task *task, int64_t rval,
		      bool is_error, int which)
{
	if (task->sc.send_emitted ||
	    (is_error && decode_errno_is_restart((int)-rval)))
		return;
	emit_send(t, task, is_error ? (int)-rval : 0, which);
}

void sc_kill_send_before_delivery(struct tracer *t, const struct task *receiver,
				  pid_t sender_tgid, int sig)
{
	struct proc *p = tasks_find_proc(&t->tasks, sender_tgid);
	struct task *th;

	if (!p)
		return;
	send_open_delivered(t, receiver, sender_tgid, sig);
	/*
	 * The target's delivery stop can be seen before the sender's syscall
	 * exit (waitpid(-1) does not report in time order).  A signal that
	 * arrived was sent: log the send first, result 0.
	 */
	for (th = p->threads; th; th = th->sib_next)
		if (th->sc.active && th->sc.send_which && !th->sc.send_emitted)
			emit_send(t, th, 0, th->sc.send_which - 1);
}

#define SEND_HANDLERS(fn, which)                                               \
	static void fn##_entry(void *ctx, struct tracer *t, struct task *task) \
	{                                                                      \
		(void)ctx;                                                     \
		send_entry(t, task, which);                                    \
	}                                                                      \
	static void fn##_exit(void *ctx, struct tracer *t, struct task *task,  \
			      int64_t rval, bool is_error)                     \
	{                                                                      \
		(void)ctx;                                                     \
		send_exit(t, task, rval, is_error, which);                     \
	}
SEND_HANDLERS(kill, SS_KILL)
SEND_HANDLERS(tkill, SS_TKILL)
SEND_HANDLERS(tgkill, SS_TGKILL)
SEND_HANDLERS(sigqueue, SS_RT_SIGQUEUEINFO)
SEND_HANDLERS(tgsigqueue, SS_RT_TGSIGQUEUEINFO)
SEND_HANDLERS(pidfd_send, SS_PIDFD_SEND_SIGNAL)

static const struct sc_handler kill_rows[] = {
	{ SYS_kill, EVC_SIGNAL, kill_entry, kill_exit },
	{ SYS_tkill, EVC_SIGNAL, tkill_entry, tkill_exit },
	{ SYS_tgkill, EVC_SIGNAL, tgkill_entry, tgkill_exit },
	{ SYS_rt_sigqueueinfo, EVC_SIGNAL, sigqueue_entry, sigqueue_exit },
	{ SYS_rt_tgsigqueueinfo, EVC_SIGNAL, tgsigqueue_entry,
	  tgsigqueue_exit },
	{ SYS_pidfd_send_signal, EVC_SIGNAL, pidfd_send_entry,
	  pidfd_send_exit },
};

int sc_kill_register(struct tracer *t)
{
	return syscalls_register(t, kill_rows, SC_COUNT(kill_rows), NULL);
}
