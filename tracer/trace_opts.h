/* trace_opts.h - what the engine and its probes are asked to do (the CLI fills it). */
#ifndef PROCTRACE_TRACE_OPTS_H
#define PROCTRACE_TRACE_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

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
};

#endif
