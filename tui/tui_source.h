/* tui_source.h - what the view asks of the trace it shows: the narrow interface a live trace or a replay implements (in cli/). */
#ifndef PROCTRACE_TUI_SOURCE_H
#define PROCTRACE_TUI_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event/event.h"

/*
 * What a live source tells of a parent for the zombie diagnosis
 * (tui/zombie_diag.c): /proc now, and the tracer's record of its waits.
 */
struct tui_parent_facts {
	bool alive; /* /proc/PID was readable */
	char state; /* R S D T t ..., 0 unknown */
	pid_t pgid;
	long syscall_nr; /* /proc/PID/syscall: -1 running, -2 unknown */
	char syscall[32]; /* its name, "" unknown */
	int64_t sc_args[4]; /* its first arguments (from /proc) */
	enum wait_syscall in_wait; /* syscall_nr's, if a wait; else WS_UNKNOWN */
	/* the last wait4/waitid seen at its syscall entry */
	bool wait_seen;
	enum wait_syscall wait_kind;
	int64_t wait_a0, wait_a1; /* wait4: pid; waitid: idtype, id */
	uint64_t wait_options;
	double wait_age_s; /* how long ago */
	uint64_t sig_blk, sig_ign, sig_cgt; /* /proc/PID/status masks */
};

/*
 * Every function gets the source's ctx.  The view reads processes from the
 * model only; a source adds what the events do not carry (the clock, /proc
 * facts, control of the tracees).  A NULL member means "this source cannot"
 * (a replay has no tracees to signal): the view then offers no key for it.
 */
struct tui_source_ops {
	/* The trace clock in ns (the timestamps of the model's events). */
	uint64_t (*now)(void *ctx);
	/* True once nothing is traced any more ("trace over: q quits"). */
	bool (*trace_over)(void *ctx);
	/*
	 * The state letter (R S D T t) of a live task, read once per redraw
	 * for the rows on screen; 0 when unknown: the view shows the model's.
	 */
	char (*state)(void *ctx, pid_t tid);
	/*
	 * Facts of a live process for the details pane, one line per '\n',
	 * written to buf (snprintf semantics).  Returns 0 when pid is gone.
	 */
	size_t (*live_info)(void *ctx, pid_t pid, char *buf, size_t size);
	/*
	 * What ppid, the parent of a zombie, is doing (for the selected
	 * process only, once per redraw).  Returns -1 when ppid is not
	 * traced (facts from /proc only), 0 otherwise.  NULL in a replay:
	 * the diagnosis says "(live only)".
	 */
	int (*parent_facts)(void *ctx, pid_t ppid, struct tui_parent_facts *f);
	/*
	 * CPU use of live process pid in percent of one CPU (since the last
	 * call for it, at least half a second ago; the first time: since it
	 * started) and its resident set in KiB.  Returns 0, -1 when gone.
	 * NULL (a replay): the columns show "-".
	 */
	int (*usage)(void *ctx, pid_t pid, double *cpu_pct,
		     unsigned long *rss_kib);
	/* Send sig to process pid.  Returns 0, or -1 with errno. */
	int (*send)(void *ctx, pid_t pid, int sig);
	/* Let pid go.  Returns 0, or -1 with *why set to a static reason. */
	int (*detach)(void *ctx, pid_t pid, const char **why);
	/* q during the trace: end it; msg gets what was done ("" if nothing). */
	void (*quit)(void *ctx, char *msg, size_t size);
	/*
	 * A descriptor the view polls beside the terminal while it waits for
	 * keys after the trace, or -1; when readable, woken() handles it and
	 * returns true if the view must end now (a terminating signal).
	 */
	int (*wake_fd)(void *ctx);
	bool (*woken)(void *ctx);
	/* ---- --break (tui/breaks.c); NULL: no breakpoint keys ---- */
	/* Is a task of pid held at a breakpoint? */
	bool (*brk_held)(void *ctx, pid_t pid);
	/* Resume it (step: hold it again at its next event).  0 or -1. */
	int (*brk_continue)(void *ctx, pid_t pid, bool step);
	/* Breakpoint i into buf; 0 past the last. */
	size_t (*brk_list)(void *ctx, size_t i, char *buf, size_t size);
	/* Add a spec (as --break takes it); -1 with one line in err. */
	int (*brk_add)(void *ctx, const char *spec, char *err, size_t size);
	int (*brk_del)(void *ctx, size_t i);
	/*
	 * Hand held process pid to the debugger (--debugger), run in the
	 * view's debugger pane (tui_pty_open TUI_PTY_DEBUGGER).  0, or -1
	 * with one line in err.  NULL: no debugger key.
	 */
	int (*brk_debug)(void *ctx, pid_t pid, char *err, size_t size);
};

struct tui_source {
	const struct tui_source_ops *ops;
	void *ctx;
};

/*
 * A saved trace as a sequence the replay player moves a cursor over:
 * n events, event i parsed into ev (pointers valid until the next call).
 */
struct tui_log_ops {
	size_t (*n_events)(void *ctx);
	int (*event_at)(void *ctx, size_t i, struct pt_event *ev);
};

struct tui_log {
	const struct tui_log_ops *ops;
	void *ctx;
};

#endif
