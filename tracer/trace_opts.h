/* trace_opts.h - what the engine and its probes are asked to do (the CLI fills it). */
#ifndef PROCTRACE_TRACE_OPTS_H
#define PROCTRACE_TRACE_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "decode/breaks.h"

enum plt_mode { PLT_OFF, PLT_MAIN, PLT_ALL };

struct trace_opts {
	char **cmd; /* launch mode: argv after "--" (NULL-terminated) */
	pid_t *pids; /* attach mode (-p), n_pids entries */
	size_t n_pids;
	bool tree; /* --tree: also attach existing descendants */
	unsigned classes; /* enum ev_class bits */
	bool env; /* --env */
	bool no_seccomp; /* --no-seccomp */
	bool exact; /* --exact */
	bool stack; /* --stack: unwind the thread at events */
	enum plt_mode plt; /* --plt[=main|all] */
	const char *plt_filter; /* --plt-filter GLOB[,GLOB...] */
	bool sample_state; /* state events: /proc state letters, sampled */
	uint64_t signals_dropped; /* -e signal=: bit n-1 set, signal n unseen */
	/*
	 * Launch mode: NULL, the command shares proctrace's terminal; else it
	 * runs in a session of its own, stdin /dev/null, stdout and stderr to
	 * this file (the UI owns the terminal).
	 */
	const char *stdio_path;
	/* -u USER: the command runs with these credentials (run_as set). */
	bool run_as;
	const char *run_user; /* the name as given */
	uid_t run_uid;
	gid_t run_gid;
	gid_t *run_groups; /* supplementary groups, malloc'd */
	size_t n_run_groups;
	/* -E VAR=VAL sets, -E VAR removes: the command's environment, in order. */
	const char **env_edits; /* malloc'd array of the arguments */
	size_t n_env_edits;
	bool daemonize; /* -D: the tracer is a grandchild, not the parent */
	unsigned ignored_at_start; /* -D: launch.c's signals ignored at start */
	/* --break SPEC (repeatable): malloc'd, n_breaks entries. */
	struct break_spec *breaks;
	size_t n_breaks;
	/*
	 * --on-break CMD: a hit is handed off (breakpoints removed, detached
	 * stopped) and CMD runs with {pid} replaced; NULL: the task is held.
	 * Implies --no-seccomp in launch mode (see tracer/breaks.c).
	 */
	const char *on_break;
	unsigned zombie_ms; /* --zombie-ms: a zombie break's age */
};

#endif
