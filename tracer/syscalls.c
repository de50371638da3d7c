/* syscalls.c - what proctrace does at the entry and exit of the syscalls it traps. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "decode/decode.h"
#include "tracer/engine.h"
#include "tracer/pidns.h"
#include "proc/procfs.h"
#include "tracer/syscalls.h"
#include "tracer/tmem.h"

#define ARGV_MAX 4096
#define PATH_MAX_READ 4096

void syscalls_status_from_wait(int status, struct ev_status *st)
{
	memset(st, 0, sizeof(*st));
	if (WIFSIGNALED(status)) {
		st->signaled = true;
		st->sig = WTERMSIG(status);
		st->core = WCOREDUMP(status);
	} else {
		st->code = WEXITSTATUS(status);
	}
}

/* ---- execve / execveat ---- */

enum { EXEC_PLAIN, EXEC_AT };

static void exec_entry(struct tracer *t, struct task *task, int at)
{
	struct pending_sc *sc = &task->sc;
	uint64_t path = sc->args[at ? 1 : 0];
	uint64_t argv = sc->args[at ? 2 : 1];
	uint64_t envp = sc->args[at ? 3 : 2];

	sc->filename = tmem_strdup(task->tid, path, PATH_MAX_READ, NULL);
	sc->argv = tmem_strv(task->tid, argv, ARGV_MAX, &sc->argc,
			     &sc->argv_truncated);
	if (t->opt->env)
		sc->envp = tmem_strv(task->tid, envp, ARGV_MAX, &sc->envc, NULL);
}

static void execve_entry(struct tracer *t, struct task *task)
{
	exec_entry(t, task, EXEC_PLAIN);
}

static void execveat_entry(struct tracer *t, struct task *task)
{
	exec_entry(t, task, EXEC_AT);
}

static void exec_exit(struct tracer *t, struct task *task, int64_t rval,
		      bool is_error)
{
	struct pending_sc *sc = &task->sc;
	struct pt_event ev = { .kind = EV_EXEC };

	/* Success is reported by PTRACE_EVENT_EXEC; only failures end here. */
	if (!is_error || rval >= 0 || decode_errno_is_restart((int)-rval))
		return;
	ev.u.exec.ok = false;
	ev.u.exec.err = (int)-rval;
	ev.u.exec.filename = sc->filename ? sc->filename : "";
	ev.u.exec.argv.v = sc->argv;
	ev.u.exec.argv.count = sc->argc;
	ev.u.exec.argv.truncated = sc->argv_truncated;
	ev.u.exec.envp.v = sc->envp;
	ev.u.exec.envp.count = sc->envc;
	if (task->proc && task->proc->pid == t->root_pid && !t->root_done &&
	    t->exec_fail_errno == 0 && t->opt->cmd)
		t->exec_fail_errno = ev.u.exec.err;
	emit_task_event(t, task, &ev);
}

/* ---- wait4 / waitid ---- */

/*
 * A polling wait (WNOHANG) by a process with no traced child cannot reap
 * one: then skip the exit stop; shells poll like this after every command.
 * A live child is not enough: it may die and the tracer consume its exit
 * (making the zombie visible to the parent, kernel/exit.c,
 * wait_consider_task) between this entry stop and the wait itself, and the
 * reap would go unseen.
 */
static void wait_entry_common(struct tracer *t, struct task *task, uint64_t options)
{
	if (t->mode == SCM_SECCOMP && (options & WNOHANG) && task->proc &&
	    task->proc->children == 0)
		task->sc.skip_exit = true;
}

static void wait4_entry(struct tracer *t, struct task *task)
{
	wait_entry_common(t, task, task->sc.args[2]);
}

static void waitid_entry(struct tracer *t, struct task *task)
{
	wait_entry_common(t, task, task->sc.args[3]);
}

static void wait4_exit(struct tracer *t, struct task *task, int64_t rval,
		       bool is_error)
{
	struct ev_status st;
	struct proc *child;
	pid_t pid;
	int status;

	if (is_error || rval <= 0)
		return;
	/* A waiter in a nested pid ns gets its child's pid there. */
	pid = pidns_outer(t, task->proc, (pid_t)rval);
	if (task->sc.args[1] &&
	    tmem_read(task->tid, task->sc.args[1], &status, sizeof(status)) == 0) {
		if (!WIFEXITED(status) && !WIFSIGNALED(status))
			return;	/* a stopped or continued child: no reap */
		syscalls_status_from_wait(status, &st);
	} else {
		/* No status pointer: trust our own record of its exit. */
		child = tasks_find_proc(&t->tasks, pid);
		if (!child || child->state != PS_ZOMBIE)
			return;
		st = child->exit_st;
	}
	zombies_reaped(t, task, pid, WS_WAIT4, &st);
}

static void waitid_exit(struct tracer *t, struct task *task, int64_t rval,
			bool is_error)
{
	siginfo_t si;
	struct ev_status st = { 0 };

	if (is_error || rval != 0 || !task->sc.args[2])
		return;
	if (task->sc.args[3] & WNOWAIT)
		return;
	if (tmem_read(task->tid, task->sc.args[2], &si, sizeof(si)) < 0)
		return;
	if (si.si_pid == 0)
		return;	/* WNOHANG and nothing to collect */
	switch (si.si_code) {
	case CLD_EXITED:
		st.code = si.si_status;
		break;
	case CLD_KILLED:
	case CLD_DUMPED:
		st.signaled = true;
		st.sig = si.si_status;
		st.core = si.si_code == CLD_DUMPED;
		break;
	default:
		return;	/* stopped, continued, trapped */
	}
	zombies_reaped(t, task, pidns_outer(t, task->proc, si.si_pid),
		       WS_WAITID, &st);
}

/* ---- the kill family ---- */

/* Argument positions of each sender: target pid, target tid, signal. */
static const struct {
	enum send_syscall sc;
	int pid_arg, tid_arg, sig_arg;	/* -1: none */
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

/*
 * Does this call send SIGKILL to the sender's own process?  Then it dies
 * inside the call: a SIGKILL makes the group exit at once even when
 * traced (complete_signal in kernel/signal.c), so no syscall-exit stop
 * comes (ptrace_stop skips a task with a fatal signal pending).  Pids are
 * as the sender sees them: its innermost namespace pid.  kill(-1) spares
 * the caller (kill(2)); a negative pgid is compared when not nested.
 */
static bool send_kills_self(struct task *task, int which)
{
	const struct pending_sc *sc = &task->sc;
	const struct proc *p = task->proc;
	pid_t self, pid;

	if (!p || (int)sc->args[send_layout[which].sig_arg] != SIGKILL)
		return false;
	self = p->n_nspid > 1 ? p->nspid[p->n_nspid - 1] : p->pid;
	switch (which) {
	case SS_KILL:
	case SS_RT_SIGQUEUEINFO:
		pid = (pid_t)(int)sc->args[0];
		return pid == self || pid == 0 ||
		       (pid < -1 && p->n_nspid <= 1 && -pid == getpgid(task->tid));
	case SS_TGKILL:
	case SS_RT_TGSIGQUEUEINFO:
		return (pid_t)(int)sc->args[0] == self;
	default:	/* tkill, pidfd_send_signal: target resolved by us */
		return p->n_nspid <= 1 && sc->target_tgid == p->pid;
	}
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
	if (send_kills_self(task, which))
		emit_send(t, task, SEND_RESULT_UNKNOWN, which);
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

static void emit_send(struct tracer *t, struct task *task, int result,
		      int which)
{
	struct pending_sc *sc = &task->sc;
	struct pt_event ev = { .kind = EV_SIGNAL };
	struct ev_signal *s = &ev.u.signal;

	sc->send_emitted = true;
	s->kind = SK_SEND;
	s->syscall = (enum send_syscall)which;
	s->sig = (int)sc->args[send_layout[which].sig_arg];
	if (send_layout[which].pid_arg >= 0)
		s->target_pid = send_target(
			t, task, (pid_t)(int)sc->args[send_layout[which].pid_arg],
			false);
	else
		s->target_pid = sc->target_tgid;
	if (send_layout[which].tid_arg >= 0)
		s->target_tid = send_target(
			t, task, (pid_t)(int)sc->args[send_layout[which].tid_arg],
			true);
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

void syscalls_send_before_delivery(struct tracer *t, pid_t sender_tgid)
{
	struct proc *p = tasks_find_proc(&t->tasks, sender_tgid);
	struct task *th;

	if (!p)
		return;
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
	static void fn##_entry(struct tracer *t, struct task *task)            \
	{                                                                      \
		send_entry(t, task, which);                                    \
	}                                                                      \
	static void fn##_exit(struct tracer *t, struct task *task,             \
			      int64_t rval, bool is_error)                     \
	{                                                                      \
		send_exit(t, task, rval, is_error, which);                     \
	}
SEND_HANDLERS(kill, SS_KILL)
SEND_HANDLERS(tkill, SS_TKILL)
SEND_HANDLERS(tgkill, SS_TGKILL)
SEND_HANDLERS(sigqueue, SS_RT_SIGQUEUEINFO)
SEND_HANDLERS(tgsigqueue, SS_RT_TGSIGQUEUEINFO)
SEND_HANDLERS(pidfd_send, SS_PIDFD_SEND_SIGNAL)

/* ---- strict seccomp mode refused because of our filter ---- */

/*
 * A task under a seccomp filter cannot switch to strict mode: the kernel
 * says EINVAL (seccomp_may_assign_mode).  When the only filter is ours,
 * the program would have succeeded untraced: tell, naming the way out.
 */
static bool only_our_filter(const struct tracer *t, pid_t tid)
{
	char buf[4096];
	const char *p;

	if (t->mode != SCM_SECCOMP || procfs_read(tid, "status", buf, sizeof(buf)) < 0)
		return false;
	p = strstr(buf, "\nSeccomp_filters:");
	return p && strtol(p + 17, NULL, 10) == 1;
}

static void strict_refused(struct tracer *t, struct task *task, int64_t rval,
			   bool is_error, bool strict)
{
	struct pt_event ev = { .kind = EV_NOTICE };

	if (!strict || !is_error || rval != -EINVAL ||
	    !only_our_filter(t, task->tid))
		return;
	ev.u.notice.what = "seccomp_strict";
	ev.u.notice.message = "strict seccomp mode refused (EINVAL) because of proctrace's seccomp filter; run with --no-seccomp";
	emit_task_event(t, task, &ev);
}

static void prctl_strict_exit(struct tracer *t, struct task *task,
			      int64_t rval, bool is_error)
{
	strict_refused(t, task, rval, is_error,
		       task->sc.args[0] == PR_SET_SECCOMP &&
		       task->sc.args[1] == SECCOMP_MODE_STRICT);
}

static void seccomp_strict_exit(struct tracer *t, struct task *task,
				int64_t rval, bool is_error)
{
	strict_refused(t, task, rval, is_error,
		       task->sc.args[0] == SECCOMP_SET_MODE_STRICT);
}

static const uint64_t prctl_strict[] = { PR_SET_SECCOMP };
static const uint64_t seccomp_strict[] = { SECCOMP_SET_MODE_STRICT };

/* ---- unshare / setns: where later children's pid ns is ---- */

/*
 * unshare(CLONE_NEWPID) and setns into a pid ns move pid_for_children
 * only: the caller stays where it is, each later child is in the new ns
 * and its NSpid must be read at its clone.
 */
static void unshare_exit(struct tracer *t, struct task *task, int64_t rval,
			 bool is_error)
{
	(void)t;
	if (!is_error && rval == 0 && task->proc &&
	    (task->sc.args[0] & CLONE_NEWPID))
		task->proc->kids_pidns = true;
}

static void setns_exit(struct tracer *t, struct task *task, int64_t rval,
		       bool is_error)
{
	uint64_t nstype = task->sc.args[1];

	(void)t;
	/* 0: any kind (a pid ns fd too); a pidfd: the kinds in the flags. */
	if (!is_error && rval == 0 && task->proc &&
	    (!nstype || (nstype & CLONE_NEWPID)))
		task->proc->kids_pidns = true;
}

static const struct sc_handler core_handlers[] = {
	{ "execve", EVC_PROCESS, execve_entry, exec_exit, 0 },
	{ "execveat", EVC_PROCESS, execveat_entry, exec_exit, 0 },
	{ "wait4", EVC_PROCESS, wait4_entry, wait4_exit, 0 },
	{ "waitid", EVC_PROCESS, waitid_entry, waitid_exit, 0 },
	{ "kill", EVC_SIGNAL, kill_entry, kill_exit, 0 },
	{ "tkill", EVC_SIGNAL, tkill_entry, tkill_exit, 0 },
	{ "tgkill", EVC_SIGNAL, tgkill_entry, tgkill_exit, 0 },
	{ "rt_sigqueueinfo", EVC_SIGNAL, sigqueue_entry, sigqueue_exit, 0 },
	{ "rt_tgsigqueueinfo", EVC_SIGNAL, tgsigqueue_entry, tgsigqueue_exit, 0 },
	{ "pidfd_send_signal", EVC_SIGNAL, pidfd_send_entry, pidfd_send_exit, 0 },
	{ "prctl", EVC_PROCESS, NULL, prctl_strict_exit, 0 },
	{ "seccomp", EVC_PROCESS, NULL, seccomp_strict_exit, 0 },
	/* Whatever the classes: every event of a nested process has nspid. */
	{ "unshare", EVC_ALL, NULL, unshare_exit, 0 },
	{ "setns", EVC_ALL, NULL, setns_exit, 0 },
};

#define NR_MAX 1024
#define TABLES_MAX 8
#define PER_NR 4	/* handlers one syscall may have (core + features) */

static struct {
	const struct sc_handler *rows;
	size_t n;
} tables[TABLES_MAX] = {
	{ core_handlers, sizeof(core_handlers) / sizeof(core_handlers[0]) },
};
static size_t n_tables = 1;
/* nr -> the handlers of that syscall, NULL-terminated */
static const struct sc_handler *handler_of[NR_MAX][PER_NR + 1];

static void index_table(const struct sc_handler *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int nr = seccomp_syscall_resolve_name(rows[i].name);
		size_t k = 0;

		if (nr < 0 || nr >= NR_MAX)
			continue;
		while (k < PER_NR && handler_of[nr][k])
			k++;
		if (k < PER_NR)
			handler_of[nr][k] = &rows[i];
	}
}

int syscalls_register(const struct sc_handler *rows, size_t n)
{
	if (n_tables >= TABLES_MAX)
		return -1;
	tables[n_tables].rows = rows;
	tables[n_tables].n = n;
	n_tables++;
	index_table(rows, n);
	return 0;
}

static struct {
	const char *name;
	const uint64_t *vals;
	size_t n;
} arg0_filters[TABLES_MAX];
static size_t n_arg0_filters;

int syscalls_trap_arg0(const char *name, const uint64_t *vals, size_t n)
{
	if (n_arg0_filters >= TABLES_MAX)
		return -1;
	arg0_filters[n_arg0_filters].name = name;
	arg0_filters[n_arg0_filters].vals = vals;
	arg0_filters[n_arg0_filters].n = n;
	n_arg0_filters++;
	return 0;
}

size_t syscalls_arg0_values(const char *name, uint64_t *vals, size_t max)
{
	size_t n = 0;

	/* Rows of several parts share one syscall: trap the union. */
	for (size_t i = 0; i < n_arg0_filters; i++)
		if (strcmp(arg0_filters[i].name, name) == 0)
			for (size_t v = 0; v < arg0_filters[i].n && n < max; v++)
				vals[n++] = arg0_filters[i].vals[v];
	return n;
}

int syscalls_init(void)
{
	memset(handler_of, 0, sizeof(handler_of));
	/* Only the strict-mode requests of prctl and seccomp stop. */
	n_arg0_filters = 0;
	syscalls_trap_arg0("prctl", prctl_strict, 1);
	syscalls_trap_arg0("seccomp", seccomp_strict, 1);
	for (size_t i = 0; i < n_tables; i++)
		index_table(tables[i].rows, tables[i].n);
	return 0;
}

size_t syscalls_trapped(unsigned classes, const char **names, size_t max)
{
	size_t n = 0;

	for (size_t t = 0; t < n_tables; t++)
		for (size_t i = 0; i < tables[t].n; i++)
			if ((tables[t].rows[i].cls & classes) && n < max)
				names[n++] = tables[t].rows[i].name;
	return n;
}

static const struct sc_handler *const *handlers_for(int nr)
{
	if (nr < 0 || nr >= NR_MAX || !handler_of[nr][0])
		return NULL;
	return handler_of[nr];
}

bool syscalls_interesting(int nr)
{
	return handlers_for(nr) != NULL;
}

void syscalls_entry(struct tracer *t, struct task *task, int nr,
		    const uint64_t args[6])
{
	const struct sc_handler *const *h = handlers_for(nr);
	bool wanted = false;

	pending_sc_clear(&task->sc);
	for (size_t k = 0; h && h[k]; k++)
		wanted |= (h[k]->cls & t->classes) != 0;
	if (!wanted)
		return;
	task->sc.active = true;
	task->sc.nr = nr;
	memcpy(task->sc.args, args, sizeof(task->sc.args));
	for (size_t k = 0; h[k]; k++)
		if (h[k]->entry && (h[k]->cls & t->classes))
			h[k]->entry(t, task);
	/* Every handler agreed the exit tells nothing: no exit stop. */
	if (task->sc.skip_exit)
		pending_sc_clear(&task->sc);
}

void syscalls_exit(struct tracer *t, struct task *task, int64_t rval,
		   bool is_error)
{
	const struct sc_handler *const *h = handlers_for(task->sc.nr);

	for (size_t k = 0; task->sc.active && h && h[k]; k++)
		if (h[k]->exit && (h[k]->cls & t->classes))
			h[k]->exit(t, task, rval, is_error);
	pending_sc_clear(&task->sc);
}
