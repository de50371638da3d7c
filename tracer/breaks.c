/* breaks.c - --break: hold a task in its ptrace stop at a matching event, or hand it off detached and stopped. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/reapwatch.h"

#define BREAKS_TICK_MS 50
#define BREAKS_STOPPED_WAIT_MS 2000

/*
 * How a held task is let go without the UI: "kill -CONT PID".  The task
 * sits in a ptrace stop, which a SIGCONT does not end (it wakes only
 * TASK_STOPPED, not TASK_TRACED, see prepare_signal); but to a traced task
 * even an ignored signal is queued (sig_ignored), so it shows in the
 * pending sets of /proc/PID/status, checked every tick.  It is then
 * resumed with the signal it was held with, and the SIGCONT is delivered
 * as usual.
 */
static bool breaks_cont_pending(pid_t tid)
{
	struct proc_status st;
	uint64_t bit = 1ull << (SIGCONT - 1);

	return procfs_status(tid, &st) == 0 &&
	       ((st.sig_pnd | st.shd_pnd) & bit);
}

static bool breaks_any(const struct tracer *t, enum break_kind kind)
{
	for (size_t i = 0; i < t->brk.n; i++)
		if (t->brk.v[i].kind == kind)
			return true;
	return false;
}

/* cmd with each {pid} replaced by pid; false if it does not fit. */
static bool breaks_expand(char *buf, size_t size, const char *cmd, pid_t pid)
{
	size_t n = 0;

	for (const char *p = cmd; *p; p++) {
		int w;

		if (strncmp(p, "{pid}", 5) == 0) {
			w = snprintf(buf + n, size - n, "%d", (int)pid);
			p += 4;
		} else {
			w = snprintf(buf + n, size - n, "%c", *p);
		}
		if (w < 0 || (size_t)w >= size - n)
			return false;
		n += (size_t)w;
	}
	buf[n] = '\0';
	return true;
}

/* Wait (bounded) until the detached process is in its group-stop. */
static void breaks_wait_stopped(pid_t pid)
{
	for (int ms = 0; ms < BREAKS_STOPPED_WAIT_MS; ms += 5) {
		struct proc_stat st;

		if (procfs_stat(pid, &st) < 0 || st.state == 'T' ||
		    st.state == 'Z' || st.state == 'X')
			return;
		poll(NULL, 0, 5);
	}
}

/* A signal the kernel raised for the instruction itself (it re-raises). */
static bool breaks_is_fault(const siginfo_t *si)
{
	static const int faults[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE,
				      SIGTRAP };

	if (si->si_code <= 0)
		return false; /* sent by a process: kill, tgkill, sigqueue */
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (si->si_signo == faults[i])
			return true;
	return false;
}

/* Every one is waited for at the end: the list grows as they come. */
static void breaks_remember_helper(struct tracer *t, pid_t pid, bool in_pane)
{
	if (t->n_break_helpers == t->cap_break_helpers) {
		size_t cap = t->cap_break_helpers ? 2 * t->cap_break_helpers :
						    8;
		struct break_helper *n =
			realloc(t->break_helpers, cap * sizeof(*n));

		/* no room: the loop's waitpid(-1) still reaps it, unwaited at the end */
		if (!n)
			return;
		t->break_helpers = n;
		t->cap_break_helpers = cap;
	}
	t->break_helpers[t->n_break_helpers++] =
		(struct break_helper){ pid, in_pane };
}

/*
 * /bin/sh -c cmd, as a child of ours with default signals; the trace goes
 * on.  tty >= 0: its terminal (the UI's pane), in a session of its own
 * with tty as the controlling terminal, as launch.c gives the command.
 */
static pid_t breaks_spawn(struct tracer *t, const char *cmd, int tty)
{
	sigset_t none;
	pid_t pid = fork();

	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		/* the fd limit proctrace raised for its pidfds is not theirs */
		reapwatch_child_restore();
		if (tty >= 0 &&
		    (setsid() < 0 || ioctl(tty, TIOCSCTTY, 0) < 0 ||
		     dup2(tty, 0) < 0 || dup2(tty, 1) < 0 || dup2(tty, 2) < 0))
			_exit(127);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		breaks_remember_helper(t, pid, tty >= 0);
	return pid;
}

/*
 * The hand-off (--on-break; the UI's hand-off waits for the terminal pane,
 * which emits no event of its own: ev NULL): a SIGSTOP queued for the whole process, every
 * other thread interrupted and let go at its stop, this one detached now
 * with no signal.  detach_task_at_stop undoes what observers planted (the
 * PLT int3s of that address space), so a debugger finds the original
 * code.  Once untraced, the process takes the SIGSTOP: state T, TracerPid
 * 0.  A held signal is not delivered (it would run before the SIGSTOP);
 * a fault raises it again when the instruction re-runs.
 */
static enum breaks_result breaks_detach_stopped(struct tracer *t,
						struct task *task,
						struct pt_event *ev,
						const char *cmd, int sig)
{
	struct proc *proc = task->proc;
	pid_t pid = proc ? proc->pid : task->tid, tid = task->tid;
	struct task *th, *next;
	siginfo_t si;
	bool requeue = sig > 0 && ptrace(PTRACE_GETSIGINFO, tid, 0, &si) == 0 &&
		       !breaks_is_fault(&si);

	if (ev) {
		ev->u.brk.action = BA_HANDOFF;
		ev->u.brk.run = cmd;
		emit_task_event(t, task, ev);
	}
	kill(pid, SIGSTOP);
	for (th = proc ? proc->threads : NULL; th; th = next) {
		next = th->sib_next;
		if (th == task || th->want_detach)
			continue;
		th->want_detach = true;
		if (th->state == TS_HELD || th->state == TS_BREAK)
			detach_task_at_stop(t, th, 0);
		else if (ptrace(PTRACE_INTERRUPT, th->tid, 0, 0) == 0)
			th->interrupted = true;
	}
	task->want_detach = true;
	detach_task_at_stop(t, task, 0);
	breaks_wait_stopped(pid);
	/*
	 * The held signal stays pending for the debugger to see and the
	 * program to get once it runs (a fault needs no queueing: the
	 * instruction raises it again).  Our own siginfo if the kernel
	 * refuses to queue another's.
	 */
	if (requeue && syscall(SYS_rt_tgsigqueueinfo, pid, tid, sig, &si) != 0)
		syscall(SYS_tgkill, pid, tid, sig);
	/* ESRCH in the detach: it is dying and stays in the table. */
	return tasks_find(&t->tasks, tid) ? BREAKS_HELD : BREAKS_GONE;
}

static enum breaks_result breaks_handoff(struct tracer *t, struct task *task,
					 struct pt_event *ev, int sig)
{
	pid_t pid = task->proc ? task->proc->pid : task->tid;
	char cmd[4096];
	enum breaks_result r;

	if (!breaks_expand(cmd, sizeof(cmd), t->brk.on_break, pid)) {
		/* Never run it with a literal {pid}: hold the task instead. */
		ev->u.brk.action = BA_HOLD;
		emit_task_event(t, task, ev);
		task->state = TS_BREAK;
		task->brk_sig = sig;
		return BREAKS_HELD;
	}
	r = breaks_detach_stopped(t, task, ev, cmd, sig);
	breaks_spawn(t, cmd, -1);
	return r;
}

/* The UI's step: hold again at the task's next event, whatever it is. */
static enum breaks_result breaks_step_hit(struct tracer *t, struct task *task,
					  enum break_kind kind,
					  struct pt_event *ev, int sig);

/* A hit: hold the task where it is, or hand it off. */
static enum breaks_result breaks_hit(struct tracer *t, struct task *task,
				     const struct break_spec *b,
				     struct pt_event *ev, int sig)
{
	/* Quitting: held tasks were let go, and none is held again. */
	if (t->quit_signal || t->detaching || t->killing)
		return BREAKS_NONE;
	ev->kind = EV_BREAK;
	ev->u.brk.spec = b->spec;
	ev->u.brk.on = (int)b->kind;
	task->brk_step = false;
	if (t->brk.on_break && !t->detaching && !t->killing)
		return breaks_handoff(t, task, ev, sig);
	ev->u.brk.action = BA_HOLD;
	emit_task_event(t, task, ev);
	task->state = TS_BREAK;
	task->brk_sig = sig;
	return BREAKS_HELD;
}

enum breaks_result breaks_exec(struct tracer *t, struct task *task,
			       const struct ev_exec *x)
{
	const char *argv0 = x->argv.count ? x->argv.v[0] : NULL;
	struct pt_event ev = { .kind = EV_BREAK };

	for (size_t i = 0; i < t->brk.n; i++)
		if (decode_break_match_exec(&t->brk.v[i], x->filename, argv0)) {
			ev.u.brk.filename = x->filename;
			return breaks_hit(t, task, &t->brk.v[i], &ev, 0);
		}
	ev.u.brk.filename = x->filename;
	return breaks_step_hit(t, task, BRK_EXEC, &ev, 0);
}

enum breaks_result breaks_clone(struct tracer *t, struct task *task,
				const struct ev_clone *c)
{
	struct pt_event ev = { .kind = EV_BREAK };
	int parent = task->proc ? task->proc->pid : task->tid;

	for (size_t i = 0; i < t->brk.n; i++)
		if (decode_break_match_clone(&t->brk.v[i], c->thread, parent)) {
			ev.u.brk.child_pid = c->thread ? c->child_tid :
							 c->child_pid;
			return breaks_hit(t, task, &t->brk.v[i], &ev, 0);
		}
	ev.u.brk.child_pid = c->thread ? c->child_tid : c->child_pid;
	return breaks_step_hit(t, task, c->thread ? BRK_CLONE : BRK_FORK, &ev,
			       0);
}

/*
 * "kill -CONT PID" to a process with a held thread other than the one
 * taking it: the kernel gives the SIGCONT to a running thread, so the
 * held one's pending set never shows it.  Its delivery releases them.
 */
static void breaks_release_siblings(struct tracer *t, struct task *task)
{
	struct task *th, *next;

	for (th = task->proc ? task->proc->threads : NULL; th; th = next) {
		next = th->sib_next;
		if (th != task && th->state == TS_BREAK)
			engine_resume(t, th, th->brk_sig);
	}
}

enum breaks_result breaks_signal(struct tracer *t, struct task *task, int sig)
{
	struct pt_event ev = { .kind = EV_BREAK };

	if (sig == SIGCONT)
		breaks_release_siblings(t, task);

	for (size_t i = 0; i < t->brk.n; i++)
		if (decode_break_match_signal(&t->brk.v[i], sig)) {
			ev.u.brk.sig = sig;
			return breaks_hit(t, task, &t->brk.v[i], &ev, sig);
		}
	ev.u.brk.sig = sig;
	return breaks_step_hit(t, task, BRK_SIGNAL, &ev, sig);
}

enum breaks_result breaks_exit(struct tracer *t, struct task *task)
{
	struct pt_event ev = { .kind = EV_BREAK };

	for (size_t i = 0; i < t->brk.n; i++)
		if (t->brk.v[i].kind == BRK_EXIT)
			return breaks_hit(t, task, &t->brk.v[i], &ev, 0);
	return breaks_step_hit(t, task, BRK_EXIT, &ev, 0);
}

/*
 * A zombie break holds the parent at the stop its PTRACE_INTERRUPT made
 * (or an earlier signal-delivery stop); any other stop (syscall, exec,
 * clone) is served as usual and the hold waits for the next one.
 */
enum breaks_result breaks_pending(struct tracer *t, struct task *task,
				  unsigned event, int sig)
{
	struct pt_event ev = { .kind = EV_BREAK };
	bool interrupt = event == PTRACE_EVENT_STOP && sig == SIGTRAP &&
			 task->state != TS_LISTENING;
	bool delivery = event == 0 && sig != (SIGTRAP | 0x80);

	if (!task->brk_zombie || (!interrupt && !delivery))
		return BREAKS_NONE;
	ev.u.brk.zombie_pid = task->brk_zombie;
	task->brk_zombie = 0;
	task->interrupted = false;
	for (size_t i = 0; i < t->brk.n; i++)
		if (t->brk.v[i].kind == BRK_ZOMBIE)
			return breaks_hit(t, task, &t->brk.v[i], &ev,
					  delivery ? sig : 0);
	return BREAKS_NONE;
}

/* Zombies older than --zombie-ms: interrupt their traced parent once. */
static void breaks_arm_zombies(struct tracer *t, uint64_t now)
{
	uint64_t age = (uint64_t)t->opt->zombie_ms * 1000000ull;

	for (struct proc *z = t->tasks.zombies; z; z = z->znext) {
		struct proc *parent;
		struct task *leader;

		if (z->brk_zombie_done || now - z->exit_ts < age)
			continue;
		parent = tasks_find_proc(&t->tasks, z->ppid);
		leader = parent && parent->state == PS_ALIVE ? parent->threads :
							       NULL;
		if (!leader)
			continue;
		z->brk_zombie_done = true;
		leader->brk_zombie = z->pid;
		if (leader->state != TS_BREAK &&
		    ptrace(PTRACE_INTERRUPT, leader->tid, 0, 0) == 0)
			leader->interrupted = true;
	}
}

void breaks_tick(struct tracer *t, uint64_t now)
{
	struct task *task, *next;
	size_t b;

	if ((!t->brk.n && !t->brk.ui) ||
	    now - t->last_break_check < BREAKS_TICK_MS * 1000000ull)
		return;
	t->last_break_check = now;
	for (task = tasks_first(&t->tasks, &b); task; task = next) {
		next = tasks_next(&t->tasks, &b, task);
		if (task->state == TS_BREAK && breaks_cont_pending(task->tid))
			engine_resume(t, task, task->brk_sig);
	}
	if (breaks_any(t, BRK_ZOMBIE))
		breaks_arm_zombies(t, now);
}

int breaks_timeout_ms(const struct tracer *t)
{
	return t->brk.n || t->brk.ui ? BREAKS_TICK_MS : -1;
}

void breaks_release_all(struct tracer *t)
{
	struct task *task, *next;
	size_t b;

	for (task = tasks_first(&t->tasks, &b); task; task = next) {
		next = tasks_next(&t->tasks, &b, task);
		if (task->state == TS_BREAK)
			engine_resume(t, task, task->brk_sig);
	}
}

static enum breaks_result breaks_step_hit(struct tracer *t, struct task *task,
					  enum break_kind kind,
					  struct pt_event *ev, int sig)
{
	struct break_spec step = { .spec = "step", .kind = kind };

	if (!task->brk_step)
		return BREAKS_NONE;
	return breaks_hit(t, task, &step, ev, sig);
}

/* The held task of process pid (any of its threads), or NULL. */
static struct task *breaks_held_of(struct tracer *t, pid_t pid)
{
	struct proc *proc = tasks_find_proc(&t->tasks, pid);
	struct task *task;

	for (task = proc ? proc->threads : NULL; task; task = task->sib_next)
		if (task->state == TS_BREAK)
			return task;
	task = tasks_find(&t->tasks, pid);
	return task && task->state == TS_BREAK ? task : NULL;
}

int breaks_continue(struct tracer *t, pid_t pid, bool step)
{
	struct task *task = breaks_held_of(t, pid);

	if (!task)
		return -1;
	engine_resume(t, task, task->brk_sig);
	task->brk_step = step;
	return 0;
}

int breaks_debug(struct tracer *t, pid_t pid, const char *cmd, int tty,
		 const char **why)
{
	struct task *task = breaks_held_of(t, pid);
	char line[4096];

	/* detached under the filter its trapped syscalls would fail (ENOSYS) */
	if (t->mode == SCM_SECCOMP) {
		*why = "it carries proctrace's seccomp filter (run with --no-seccomp or --debugger)";
		return -1;
	}
	if (!task) {
		*why = "not held at a breakpoint";
		return -1;
	}
	if (!breaks_expand(line, sizeof(line), cmd, pid)) {
		*why = "the debugger's command is too long";
		return -1;
	}
	breaks_detach_stopped(t, task, NULL, NULL, task->brk_sig);
	if (breaks_spawn(t, line, tty) < 0) {
		*why = "cannot start the debugger (fork failed): the process is left stopped, kill -CONT releases it";
		return -1;
	}
	return 0;
}

size_t breaks_list(const struct tracer *t, size_t i, char *buf, size_t size)
{
	if (i >= t->brk.n)
		return 0;
	return (size_t)snprintf(buf, size, "%s", t->brk.text[i]);
}

int breaks_add(struct tracer *t, const char *spec, char *err, size_t size)
{
	struct break_spec b;

	if (t->brk.n >= BREAKS_MAX) {
		snprintf(err, size, "at most %d breakpoints", BREAKS_MAX);
		return -1;
	}
	if (strlen(spec) >= sizeof(t->brk.text[0])) {
		snprintf(err, size, "breakpoint too long");
		return -1;
	}
	snprintf(t->brk.text[t->brk.n], sizeof(t->brk.text[0]), "%s", spec);
	if (decode_break_parse(t->brk.text[t->brk.n], &b, err, size) < 0)
		return -1;
	t->brk.v[t->brk.n++] = b;
	return 0;
}

/* The specs point into text: move both and parse again. */
int breaks_delete(struct tracer *t, size_t i)
{
	char err[8];

	if (i >= t->brk.n)
		return -1;
	for (size_t k = i; k + 1 < t->brk.n; k++) {
		memcpy(t->brk.text[k], t->brk.text[k + 1],
		       sizeof(t->brk.text[k]));
		decode_break_parse(t->brk.text[k], &t->brk.v[k], err,
				   sizeof(err));
	}
	t->brk.n--;
	return 0;
}

void breaks_init(struct tracer *t)
{
	char err[256];

	t->brk.on_break = t->opt->on_break;
	for (size_t i = 0; i < t->opt->n_breaks; i++)
		if (breaks_add(t, t->opt->breaks[i].spec, err, sizeof(err)) < 0)
			break; /* parsed once already: only BREAKS_MAX */
}

int breaks_held_sig(const struct task *task)
{
	return task->state == TS_BREAK ? task->brk_sig : 0;
}

long breaks_ptrace_options(const struct tracer *t)
{
	return breaks_any(t, BRK_EXIT) ? PTRACE_O_TRACEEXIT : 0;
}

void breaks_helper_exited(struct tracer *t, pid_t pid)
{
	for (size_t i = 0; i < t->n_break_helpers; i++)
		if (t->break_helpers[i].pid == pid) {
			t->break_helpers[i] =
				t->break_helpers[--t->n_break_helpers];
			return;
		}
}

/*
 * Waits for pid; true once it is gone.  ms < 0: as long as it takes, else
 * at most ms (polled: proctrace's SIGCHLD is in its signalfd, not a wake-up).
 */
static bool breaks_wait_helper(pid_t pid, int ms)
{
	for (int waited = 0;; waited += 10) {
		pid_t r = waitpid(pid, NULL, ms < 0 ? 0 : WNOHANG);

		if (r == pid || (r < 0 && errno != EINTR))
			return true;
		if (ms >= 0 && waited >= ms)
			return false;
		if (r == 0)
			poll(NULL, 0, 10);
	}
}

/*
 * A command the trace outlived keeps its terminal until it is done.  One
 * in the UI's pane has lost its terminal (the pane closed: SIGHUP to its
 * session): it gets 2 s, then what is left of its process group (it ignored
 * the hang-up, or it is a child of the command that did) is killed, so that
 * proctrace never waits on it for ever and leaves nothing behind.  A process
 * it had attached to is let go by the kernel, stopped as the hand-off left it.
 */
void breaks_finish(struct tracer *t)
{
	for (size_t i = 0; i < t->n_break_helpers; i++) {
		const struct break_helper *h = &t->break_helpers[i];

		if (h->in_pane) {
			breaks_wait_helper(h->pid, 2000);
			/* its own group: setsid in breaks_spawn */
			kill(-h->pid, SIGKILL);
		}
		breaks_wait_helper(h->pid, -1);
	}
	free(t->break_helpers);
	t->break_helpers = NULL;
	t->n_break_helpers = t->cap_break_helpers = 0;
}
