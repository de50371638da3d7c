/* engine.c - set-up, the wait-and-dispatch loop, and shutdown. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "decode/decode.h"
#include "tracer/attach.h"
#include "event/clock.h"
#include "tracer/engine.h"
#include "tracer/launch.h"
#include "tracer/stops.h"
#include "tracer/reapwatch.h"
#include "tracer/exec_miss.h"
#include "tracer/send_open.h"

#define FLUSH_NS 500000000ull /* EVENTS.md: at least once a second */
#define HELD_CHECK_NS 200000000ull
#define ZOMBIE_GRACE_NS 250000000ull /* after the last task: wait for reaps */

uint64_t engine_now(const struct tracer *t)
{
	uint64_t now = clock_mono_ns();

	/* ts 0 is "not set" for emit() on all but start: later events are >= 1. */
	return now > t->t0 ? now - t->t0 : 1;
}

long engine_ptrace_options(const struct tracer *t)
{
	long opts = PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |
		    PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC |
		    PTRACE_O_TRACESYSGOOD;

	if (t->mode == SCM_SECCOMP)
		opts |= PTRACE_O_TRACESECCOMP;
	/*
	 * A launched tree carries our seccomp filter; without a tracer its
	 * trapped syscalls would fail with ENOSYS, so it dies with us
	 * (doc/ptrace-notes.md, "seccomp filter outlives the tracer").
	 */
	if (!t->attach_mode)
		opts |= PTRACE_O_EXITKILL;
	for (size_t i = 0; i < t->obs.n; i++)
		if (t->obs.ops[i]->ptrace_options)
			opts |= t->obs.ops[i]->ptrace_options(t->obs.ctx[i]);
	return opts | breaks_ptrace_options(t);
}

/*
 * The PTRACE_EVENT_EXIT stop costs one stop per task, so only the leader of
 * a multithreaded process asks for it (its code is lost if another thread
 * execs after it), unless an observer wants it everywhere.  Options are
 * inherited at clone: a new task is set to what it needs at its first stop.
 */
void engine_exit_stop(struct tracer *t, struct task *task, bool on)
{
	long opts = engine_ptrace_options(t);

	if ((opts & PTRACE_O_TRACEEXIT) || task->exit_stop == on)
		return;
	if (ptrace(PTRACE_SETOPTIONS, task->tid, 0,
		   opts | (on ? PTRACE_O_TRACEEXIT : 0)) == 0)
		task->exit_stop = on;
}

void engine_resume(struct tracer *t, struct task *task, int sig)
{
	int req = (t->mode == SCM_EXACT || task->sc.active) ? PTRACE_SYSCALL :
							      PTRACE_CONT;

	task->state = TS_RUNNING;
	/*
	 * ESRCH: it is gone; its death status is still to come
	 * (doc/ptrace-notes.md, "vanishing tasks").
	 */
	ptrace(req, task->tid, 0, sig);
}

int engine_init(struct tracer *t, const struct trace_opts *opt)
{
	sigset_t set;

	memset(t, 0, sizeof(*t));
	t->opt = opt;
	t->classes = opt->classes;
	t->attach_mode = opt->n_pids > 0;
	if (opt->exact)
		t->mode = SCM_EXACT;
	else if (t->attach_mode || opt->no_seccomp || opt->on_break)
		/*
		 * --on-break detaches tracees mid-run:
		 * under our filter their trapped syscalls would then fail with
		 * ENOSYS.
		 */
		t->mode = SCM_NONE;
	else
		t->mode = SCM_SECCOMP;
	t->t0 = clock_mono_ns();
	breaks_init(t);
	/* Before the syscall table: with pidfd reaps, no wait stops by default. */
	reapwatch_init(t);
	t->wait_reaps = (t->classes & EVC_PROCESS) &&
			(t->mode == SCM_EXACT ||
			 (t->mode == SCM_SECCOMP && t->reap_watch != RW_PIDFD));
	syscalls_init(t);
	exec_miss_init(t);
	/*
	 * Signals arrive through a signalfd, polled with the tracees' stops.
	 * An ignored signal never reaches a signalfd, and a shell starts
	 * background jobs with SIGINT ignored: take INT and TERM back (a
	 * nohup'd SIGHUP stays ignored, as asked).
	 */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	t->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	return t->sigfd < 0 ? -1 : 0;
}

static void emit_start(struct tracer *t)
{
	struct pt_event ev = { .kind = EV_START };
	struct ev_start *s = &ev.u.start;
	const char *blind[16];
	struct utsname u;
	size_t n = 0;

	s->schema = 1;
	s->tool = "proctrace";
	s->version = PACKAGE_VERSION;
	s->attach_mode = t->attach_mode;
	if (t->attach_mode) {
		s->attach_pids = t->opt->pids;
		s->n_attach_pids = t->opt->n_pids;
	} else {
		while (t->opt->cmd[n])
			n++;
		s->argv.v = t->opt->cmd;
		s->argv.count = n;
	}
	/* No syscall stops: say what cannot be seen (event.c's table). */
	for (size_t i = 0; t->mode == SCM_NONE && i < event_n_blind; i++)
		if (t->classes & event_blind[i].cls)
			blind[s->n_blind++] = event_blind[i].key;
	s->blind = blind;
	s->kernel = uname(&u) == 0 ? u.release : "";
	s->realtime_ns = clock_real_ns() - (clock_mono_ns() - t->t0);
	s->daemonized = t->opt->daemonize;
	s->reap_watch = t->reap_watch;
	emit(t, &ev);
}

static void emit_end(struct tracer *t, bool has_code, int code)
{
	struct pt_event ev = { .kind = EV_END };

	ev.u.end.events = t->seq; /* the events before this line */
	ev.u.end.dropped = 0;
	ev.u.end.has_exit_code = has_code;
	ev.u.end.exit_code = code;
	ev.u.end.has_stops = true;
	ev.u.end.by_kind = t->stops;
	ev.u.end.stops = stops_count_total(&t->stops);
	emit(t, &ev);
}

/* Send sig to the command, or to every live process of its tree. */
static void quit_send(struct tracer *t, int sig, bool whole_tree)
{
	struct proc *p;
	size_t b;

	if (!whole_tree && !t->root_done) {
		kill(t->root_pid, sig);
		return;
	}
	/* The command has exited and left a tree behind: it gets sig instead. */
	for (p = tasks_first_proc(&t->tasks, &b); p;
	     p = tasks_next_proc(&t->tasks, &b, p))
		if (p->state == PS_ALIVE)
			kill(p->pid, sig);
}

/*
 * One quit request (doc/ptrace-notes.md, "quit signals").  Launch mode, as
 * strace does: the first one lets the command see the signal and the trace
 * goes on until the tree exits, so its handlers run and its exit status is
 * ours; the second kills the tree.  reached: the signal already reached the
 * command itself.
 */
static enum engine_quit quit_request(struct tracer *t, int sig, bool reached,
				     bool whole_tree)
{
	if (!t->quit_signal)
		t->quit_signal = sig;
	/* Held tasks would keep the tree from ending: let them go. */
	breaks_release_all(t);
	if (t->attach_mode)
		return EQ_DETACH; /* the loop lets everything go */
	if (t->quit_count++ == 0) {
		if (!reached)
			quit_send(t, sig, whole_tree);
		return EQ_SENT;
	}
	if (!t->killing) {
		detach_kill_tree(t);
		t->kill_signal = sig; /* engine_run's result says it */
	}
	return EQ_KILL;
}

/*
 * Did a signal to us reach the command too?  The terminal's ^C, ^\ and
 * hangup come from the kernel (SI_KERNEL) to the foreground process group,
 * which the command shares with us unless --tui gave it its own session:
 * passing it on would make the command see it twice.  kill(1) (SI_USER)
 * reached us alone.
 */
static bool quit_reached_command(const struct tracer *t,
				 const struct signalfd_siginfo *si)
{
	return si->ssi_code == SI_KERNEL && !t->opt->stdio_path;
}

/* Read the signalfd: each terminating signal is a quit request. */
static void drain_signals(struct tracer *t)
{
	struct signalfd_siginfo si[16];
	ssize_t n;

	/* One read takes every pending signal: standard signals do not queue. */
	n = read(t->sigfd, si, sizeof(si));
	for (ssize_t i = 0; n > 0 && i < n / (ssize_t)sizeof(si[0]); i++) {
		int sig = (int)si[i].ssi_signo;

		if (sig == SIGCHLD)
			continue;
		/* A hangup is a state: the UI's terminal loss and SIGHUP count once. */
		if (sig == SIGHUP && t->hung_up)
			continue;
		if (sig == SIGHUP)
			t->hung_up = true;
		/* Under --tui a hangup ends the whole tree, as the UI's loss does. */
		quit_request(t, sig, quit_reached_command(t, &si[i]),
			     sig == SIGHUP && t->opt->stdio_path);
	}
}

static int poll_timeout_ms(struct tracer *t, uint64_t now)
{
	int ms = (int)(FLUSH_NS / 1000000);
	int z = zombies_timeout_ms(t);
	int br = breaks_timeout_ms(t);

	if (z >= 0 && z < ms)
		ms = z;
	if (br >= 0 && br < ms)
		ms = br;
	for (size_t i = 0; i < t->obs.n; i++) {
		if (t->obs.ops[i]->timeout_ms) {
			int o = t->obs.ops[i]->timeout_ms(t->obs.ctx[i], t,
							  now);

			if (o >= 0 && o < ms)
				ms = o;
		}
	}
	return ms;
}

/* Sleep until a signal, a reap, an observer's fd, or the next timer. */
static void wait_for_something(struct tracer *t, uint64_t now)
{
	struct pollfd pfd[2 + OBSERVERS_MAX];
	size_t owner[2 + OBSERVERS_MAX], n = 2;

	/*
	 * A look just before the sleep, so that a reap the poll wakes for is
	 * known to be after it; one found now goes back to the loop.
	 */
	if (reapwatch_drain(t))
		return;
	pfd[0] = (struct pollfd){ t->sigfd, POLLIN, 0 };
	/* fd -1 is skipped by poll: no zombie is watched */
	pfd[1] = (struct pollfd){ reapwatch_poll_fd(t), POLLIN, 0 };
	for (size_t i = 0; i < t->obs.n; i++) {
		int fd = t->obs.ops[i]->poll_fd ?
				 t->obs.ops[i]->poll_fd(t->obs.ctx[i]) :
				 -1;

		if (fd >= 0) {
			pfd[n] = (struct pollfd){ fd, POLLIN, 0 };
			owner[n++] = i;
		}
	}
	if (poll(pfd, (nfds_t)n, poll_timeout_ms(t, now)) <= 0)
		return;
	if (pfd[0].revents)
		drain_signals(t);
	if (pfd[1].revents)
		reapwatch_drain(t);
	for (size_t k = 2; k < n; k++)
		if (pfd[k].revents && t->obs.ops[owner[k]]->readable)
			t->obs.ops[owner[k]]->readable(t->obs.ctx[owner[k]], t);
}

/* Duties on a clock: flush, vanished zombies, children held too long. */
static void run_timers(struct tracer *t, uint64_t now, uint64_t *next_zombie)
{
	if (now - t->last_flush >= FLUSH_NS) {
		sinks_flush(&t->sinks);
		t->last_flush = now;
	}
	if (t->tasks.n_zombies && now >= *next_zombie) {
		zombies_check(t);
		*next_zombie =
			now + (uint64_t)zombies_timeout_ms(t) * 1000000ull;
	}
	breaks_tick(t, now);
	if (now - t->last_held_check >= HELD_CHECK_NS) {
		stops_release_held(t, now);
		t->last_held_check = now;
	}
	for (size_t i = 0; i < t->obs.n; i++) {
		const struct observer_ops *o = t->obs.ops[i];

		if (o->tick && o->timeout_ms &&
		    o->timeout_ms(t->obs.ctx[i], t, now) == 0)
			o->tick(t->obs.ctx[i], t, now);
	}
}

/* The loop: wait for a stop, dispatch it; between stops, poll with timers. */
static void loop(struct tracer *t)
{
	uint64_t next_zombie = 0, empty_since = 0;
	unsigned spins = 0;

	for (;;) {
		int status;
		pid_t tid;
		uint64_t now;

		/* Launch mode acted on its quit requests as they came. */
		if (t->quit_signal && t->attach_mode && !t->detaching)
			detach_all(t);
		tid = waitpid(-1, &status, __WALL | WNOHANG);
		if (tid > 0) {
			/*
			 * Reaps first: one that came before this stop (a parent
			 * reaps, then forks or exits) is logged before it, and
			 * before a new process can take the reaped pid.
			 */
			reapwatch_drain(t);
			stops_dispatch(t, tid, status);
			/* Timers every few hundred stops even when busy. */
			if (++spins % 256 == 0)
				run_timers(t, engine_now(t), &next_zombie);
			continue;
		}
		if (tid < 0 && errno != ECHILD && errno != EINTR)
			break;
		now = engine_now(t);
		run_timers(t, now, &next_zombie);
		if (t->detaching && t->tasks.n_tasks == 0)
			break;
		if (t->tasks.n_tasks == 0 || (tid < 0 && errno == ECHILD)) {
			/* Tracees gone: give reapers a moment, for exact zombie times. */
			if (!t->tasks.n_zombies || t->detaching)
				break;
			if (!empty_since)
				empty_since = now;
			if (now - empty_since > ZOMBIE_GRACE_NS)
				break;
		}
		wait_for_something(t, now);
	}
}

/* The start was refused (command not found, attach refused): end at once. */
static void run_refused(struct tracer *t, struct engine_result *res)
{
	/* Let go of whatever was attached before the refusal. */
	if (t->attach_mode)
		detach_all(t);
	emit_end(t, false, 0);
	sinks_close(&t->sinks);
	res->exit_status =
		t->exec_fail_errno ? launch_exit_status(t->exec_fail_errno) : 1;
}

/*
 * The word on a second interrupt.  Without --tui it names the signal; under
 * --tui the status line named it while the screen was up (a q is no signal).
 */
static void run_describe_kill(const struct tracer *t, char *buf, size_t size)
{
	char name[32];

	if (!t->kill_signal)
		return;
	if (t->opt->stdio_path) {
		snprintf(buf, size,
			 "a second interrupt killed the traced processes");
		return;
	}
	decode_signal(name, sizeof(name), t->kill_signal);
	snprintf(buf, size,
		 "%s, a second interrupt: killing the traced processes", name);
}

/* After the loop: the end line, the sinks closed, the child's own failure. */
static void run_finish(struct tracer *t, int errfd, struct engine_result *res)
{
	const struct ev_status *st = &t->root_status;
	int failed;

	if (!t->attach_mode)
		res->exit_status = st->signaled ? 128 + st->sig : st->code;
	emit_end(t, !t->attach_mode && t->root_done, res->exit_status);
	if (sinks_close(&t->sinks) < 0) {
		snprintf(res->error, sizeof(res->error), "writing output: %s",
			 strerror(errno));
		res->exit_status = 1;
		return;
	}
	failed = launch_failure(errfd, t->opt->cmd, res->error,
				sizeof(res->error));
	if (failed)
		res->exit_status = failed;
}

/* The trace ends, or task goes: what its skipped exit stops left open. */
static void settle_open_calls(struct tracer *t, struct task *task)
{
	send_open_settle(t, task, false);
	exec_miss_settle(t, task, 0, false);
}

void engine_run(struct tracer *t, struct engine_result *res)
{
	int errfd = -1, rc;
	size_t b;

	memset(res, 0, sizeof(*res));
	emit_start(t);
	if (t->attach_mode)
		rc = attach_start(t, res->error, sizeof(res->error));
	else
		rc = launch_start(t, t->opt->cmd, &errfd, res->error,
				  sizeof(res->error));
	if (rc < 0) {
		run_refused(t, res);
		return;
	}
	loop(t);
	for (struct task *task = tasks_first(&t->tasks, &b); task;
	     task = tasks_next(&t->tasks, &b, task))
		settle_open_calls(t, task);
	/* The UI's final screen may stay up for long: the log is on disk now. */
	sinks_flush(&t->sinks);
	OBSERVE(t, finish, t);
	breaks_finish(t);
	run_describe_kill(t, res->killed, sizeof(res->killed));
	run_finish(t, errfd, res);
}

void engine_drop_task(struct tracer *t, struct task *task)
{
	settle_open_calls(t, task);
	OBSERVE(t, task_gone, t, task);
	tasks_remove(&t->tasks, task);
}

void engine_drop_proc(struct tracer *t, struct proc *proc)
{
	OBSERVE(t, proc_gone, t, proc);
	reapwatch_disarm(t, proc);
	tasks_remove_proc(&t->tasks, proc);
}

enum engine_quit engine_request_quit(struct tracer *t, int sig)
{
	return quit_request(t, sig, false, false);
}

void engine_hangup(struct tracer *t)
{
	if (t->hung_up)
		return;
	t->hung_up = true;
	quit_request(t, SIGHUP, false, true);
}

int engine_signal_fd(const struct tracer *t)
{
	return t->sigfd;
}

void engine_read_signals(struct tracer *t)
{
	drain_signals(t);
}

int engine_detach_proc(struct tracer *t, pid_t pid, const char **why)
{
	struct proc *proc = tasks_find_proc(&t->tasks, pid);
	struct task *task, *next;

	if (t->mode == SCM_SECCOMP) {
		*why = "it carries proctrace's seccomp filter (run with --no-seccomp to detach)";
		return -1;
	}
	if (!proc || proc->state != PS_ALIVE) {
		*why = "no such traced process";
		return -1;
	}
	for (task = proc->threads; task; task = next) {
		next = task->sib_next;
		if (task->want_detach)
			continue;
		task->want_detach = true;
		if (task->state == TS_HELD || task->state == TS_BREAK)
			detach_task_at_stop(t, task, breaks_held_sig(task));
		else if (ptrace(PTRACE_INTERRUPT, task->tid, 0, 0) == 0)
			task->interrupted = true;
	}
	return 0;
}
