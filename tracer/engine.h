/* engine.h - the tracer's state and the entry points of its parts. */
#ifndef PROCTRACE_ENGINE_H
#define PROCTRACE_ENGINE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "tracer/observer.h"
#include "tracer/sc_table.h"
#include "tracer/trace_opts.h"
#include "event/sink.h"
#include "tracer/tasks.h"

/* How syscall-based events are observed. */
enum sc_mode {
	SCM_SECCOMP, /* launched with our filter: stops only at chosen syscalls */
	SCM_NONE, /* stop-free: events only (attach default, --no-seccomp) */
	SCM_EXACT, /* PTRACE_SYSCALL everywhere (--exact) */
};

#define BREAKS_MAX 16

/* The breakpoints in force: --break, then the UI's (breaks.c). */
struct breaks_list {
	struct break_spec v[BREAKS_MAX]; /* point into text */
	char text[BREAKS_MAX][128];
	size_t n;
	const char *on_break; /* --on-break, NULL: hold */
	bool ui; /* a UI may add some: keep ticking */
};

struct tracer {
	const struct trace_opts *opt;
	struct sinks sinks;
	struct observers obs;
	struct tasks tasks;
	struct sc_table syscalls; /* the handlers of the trapped syscalls */
	unsigned classes;
	enum sc_mode mode;
	bool attach_mode;
	uint64_t t0; /* CLOCK_MONOTONIC at start */
	uint64_t seq; /* next event's seq */
	int sigfd; /* signalfd: SIGCHLD, SIGINT, SIGTERM, SIGHUP */
	pid_t root_pid; /* launch mode: the command */
	bool root_done;
	struct ev_status root_status;
	int exec_fail_errno; /* launch: the command's own execve failed */
	/*
	 * Launch under --tui: the command's terminal is this pty slave
	 * (the UI holds the master); launch.c closes our copy after the fork.
	 */
	bool launch_pty;
	int launch_pty_fd;
	int quit_signal; /* the first quit request's signal (or the UI's q) */
	unsigned quit_count; /* quit requests so far: the second one kills */
	int kill_signal; /* the quit request that killed the tree */
	bool hung_up; /* a SIGHUP or terminal loss was counted */
	bool killing; /* launch mode, interrupted: kill what appears */
	bool detaching; /* attach mode, interrupted: let everything go */
	uint64_t last_flush;
	uint64_t last_held_check;
	struct breaks_list brk;
	/* breaks.c: --on-break commands still running, and the next check */
	struct break_helper {
		pid_t pid;
		bool in_pane; /* in the UI's pane: its terminal goes at the end */
	} * break_helpers;
	size_t n_break_helpers, cap_break_helpers;
	uint64_t last_break_check;
	struct ev_stops stops; /* our ptrace stops so far (stops_count.c) */
	/* reapwatch.c: exact reaps from the zombies' pidfds */
	enum reap_watch reap_watch; /* RW_PIDFD: the kernel reports reaps */
	int reap_epfd; /* epoll set of the armed zombies' pidfds, or -1 */
	size_t n_reap_armed;
	/* the last look at the armed pidfds: a reap found later came after it */
	uint64_t reap_looked;
	bool wait_reaps; /* wait4/waitid stops report reaps (the syscall path) */
	size_t n_open_sends; /* tasks with an open_send (send_open.c) */
	bool exec_miss_ok; /* exec misses known at entry (exec_miss.c) */
};

/*
 * How a run ended.  The engine never prints (under --tui stderr is the
 * screen): main reports each non-empty line, as "proctrace: LINE", once the
 * UI has given the terminal back.
 */
struct engine_result {
	int exit_status; /* the command's, 126/127 if it never ran, or 1 */
	char killed[96]; /* why the tree was SIGKILLed, or "" */
	char error[512]; /* the error that ended the run, or "" */
};

/* ---- engine.c: set-up, the loop, shutdown ---- */
int engine_init(struct tracer *t, const struct trace_opts *opt);
/* Run until no tracee is left; fills res (never NULL). */
void engine_run(struct tracer *t, struct engine_result *res);
uint64_t engine_now(const struct tracer *t);
/* What a quit request did (the TUI says so). */
enum engine_quit {
	EQ_DETACH, /* attach mode: every tracee is let go */
	EQ_SENT, /* launch mode: sig sent to the command (or, once it is
			   gone, to the rest of its tree) */
	EQ_KILL, /* launch mode, second request: the tree is SIGKILLed */
};
/*
 * A request to end the trace, as a signal to proctrace would be: the TUI's
 * q (sig SIGTERM).  The first one in launch mode sends sig to the command
 * and the trace goes on until the tree exits; the second kills the tree.
 */
enum engine_quit engine_request_quit(struct tracer *t, int sig);
/*
 * The UI lost its terminal: a hangup, counted once with any SIGHUP.  A
 * launched tree gets SIGHUP in every process (the terminal's hangup would
 * have reached them but for --tui's own session).
 */
void engine_hangup(struct tracer *t);
/* The fd of proctrace's signals, and reading them (for the UI's last screen). */
int engine_signal_fd(const struct tracer *t);
void engine_read_signals(struct tracer *t);
/*
 * Let one process go (every task of it), e.g. the TUI's d.  Refused (-1,
 * reason in why) for a launched tree under the seccomp filter: without a
 * tracer its trapped syscalls would fail with ENOSYS.
 */
int engine_detach_proc(struct tracer *t, pid_t pid, const char **why);
/* Remove a task from the table, telling observers. */
void engine_drop_task(struct tracer *t, struct task *task);
/* Remove a process record, telling observers. */
void engine_drop_proc(struct tracer *t, struct proc *proc);
/* Resume a stopped task (PTRACE_CONT or PTRACE_SYSCALL as needed). */
void engine_resume(struct tracer *t, struct task *task, int sig);
/* The ptrace options for every tracee. */
long engine_ptrace_options(const struct tracer *t);
/* A stopped task's PTRACE_EVENT_EXIT stop on or off (see engine.c). */
void engine_exit_stop(struct tracer *t, struct task *task, bool on);

/* ---- waitfacts.c: for a view's zombie diagnosis ---- */
struct engine_wait {
	bool seen; /* a wait4/waitid entry of the process was seen */
	pid_t tid; /* the thread that made it */
	int nr; /* SYS_wait4 or SYS_waitid */
	int64_t a0, a1; /* wait4: pid, 0; waitid: idtype, id */
	uint64_t options;
	uint64_t ts; /* when (engine_now's clock) */
};
/* The newest wait call of process pid's threads; -1 if pid is not traced. */
int engine_last_wait(struct tracer *t, pid_t pid, struct engine_wait *w);

/* ---- emit.c ---- */
/* Fill seq/ts/nspid and hand ev to the sinks (if its class is selected). */
void emit(struct tracer *t, struct pt_event *ev);
/* An event about task (pid/tid/nspid filled in). */
void emit_task_event(struct tracer *t, struct task *task, struct pt_event *ev);
/* Copy proc's nspid into ev when it lives in a nested pid ns (proc may be NULL). */
void emit_nspid_of(struct pt_event *ev, const struct proc *proc);
bool emit_wants(const struct tracer *t, enum ev_kind kind);

/* ---- stops.c: one wait status, dispatched ---- */
void stops_dispatch(struct tracer *t, pid_t tid, int status);
/* The process of task ended (group); zombie bookkeeping, reparenting. */
void stops_release_held(struct tracer *t, uint64_t now);

/* ---- syscalls.c: the handler table and syscall entry/exit dispatch ---- */
/* Empty t's table and register the core families; before any feature's. */
int syscalls_init(struct tracer *t);
/* The syscalls the seccomp filter must trap for classes, into nrs[0..max). */
size_t syscalls_trapped(const struct sc_table *tab, unsigned classes, int *nrs,
			size_t max);
void syscalls_entry(struct tracer *t, struct task *task, int nr,
		    const uint64_t args[6]);
void syscalls_exit(struct tracer *t, struct task *task, int64_t rval,
		   bool is_error);

/* ---- zombies.c ---- */
/* The process's last thread died: it is a zombie until reaped. */
void zombies_exit(struct tracer *t, struct proc *proc,
		  const struct ev_status *st);
/* proc's pidfd reported its reap: emit it (exact), unless a syscall will. */
void zombies_pidfd_reaped(struct tracer *t, struct proc *proc, uint64_t after);
/* A waiter collected child_pid (exact); st from the wait result. */
void zombies_reaped(struct tracer *t, struct task *waiter, pid_t child_pid,
		    enum wait_syscall sc, const struct ev_status *st);
/* Timer: find zombies that vanished without a seen wait. */
void zombies_check(struct tracer *t);
/* The same for the zombie children of parent, at one of its stops. */
void zombies_check_children(struct tracer *t, struct proc *parent);
/* A new process took pid: any zombie record of that pid was reaped. */
void zombies_pid_reused(struct tracer *t, pid_t pid);
/* Children of dead_pid may have been adopted: emit reparent events. */
void zombies_reparent_children(struct tracer *t, pid_t dead_pid);
/* How long the poll may sleep before zombies_check is due (ms, -1 none). */
int zombies_timeout_ms(const struct tracer *t);

/* ---- breaks.c: --break hits ---- */
/* What a break check did: nothing (resume as usual), held, or the task
 * was handed off and is no longer in the table. */
enum breaks_result { BREAKS_NONE, BREAKS_HELD, BREAKS_GONE };
enum breaks_result breaks_exec(struct tracer *t, struct task *task,
			       const struct ev_exec *x);
enum breaks_result breaks_clone(struct tracer *t, struct task *task,
				const struct ev_clone *c);
enum breaks_result breaks_signal(struct tracer *t, struct task *task, int sig);
enum breaks_result breaks_exit(struct tracer *t, struct task *task);
/* Any stop of a task a zombie break interrupted (sig: to deliver, or 0). */
enum breaks_result breaks_pending(struct tracer *t, struct task *task,
				  unsigned event, int sig);
/* Timer: release held tasks sent SIGCONT; arm zombie breaks. */
void breaks_tick(struct tracer *t, uint64_t now);
int breaks_timeout_ms(const struct tracer *t);
/* Resume every held task (a quit request). */
void breaks_release_all(struct tracer *t);
/* The signal a stopped task is detached with when it is let go. */
int breaks_held_sig(const struct task *task);
/* PTRACE_O_TRACEEXIT when an exit break is set. */
long breaks_ptrace_options(const struct tracer *t);
/* A child of ours exited: one of the --on-break commands? */
void breaks_helper_exited(struct tracer *t, pid_t pid);
/* The end: wait for the --on-break commands still running. */
void breaks_finish(struct tracer *t);
/* engine_init: the --break list into t->brk. */
void breaks_init(struct tracer *t);
/* The UI: resume the held task of pid (step: hold at its next event). */
int breaks_continue(struct tracer *t, pid_t pid, bool step);
/* Breakpoint i's spec into buf; 0 past the end. */
/*
 * The UI's hand-off of process pid, held at a breakpoint: as --on-break's
 * (detached, left stopped), then /bin/sh -c cmd ({pid} replaced) with tty
 * (a pty slave) as its terminal.  Returns 0, or -1 with a static reason.
 */
int breaks_debug(struct tracer *t, pid_t pid, const char *cmd, int tty,
		 const char **why);
size_t breaks_list(const struct tracer *t, size_t i, char *buf, size_t size);
int breaks_add(struct tracer *t, const char *spec, char *err, size_t size);
int breaks_delete(struct tracer *t, size_t i);

/* ---- detach.c ---- */
/* Let every tracee go (attach mode interrupted); waits for them. */
void detach_all(struct tracer *t);
/* A stop of a task marked want_detach: detach it now. */
void detach_task_at_stop(struct tracer *t, struct task *task, int sig);
/* Kill the launched tree (launch mode interrupted). */
void detach_kill_tree(struct tracer *t);

#endif
