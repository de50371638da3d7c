/* breaks.h - breakpoints on process events (--break SPEC): the parsed spec and its matchers. */
#ifndef PROCTRACE_DECODE_BREAKS_H
#define PROCTRACE_DECODE_BREAKS_H

#include <stdbool.h>
#include <stddef.h>

/* What a breakpoint stops at; names in breaks.c ("exec", "clone", ...). */
enum break_kind {
	BRK_EXEC, /* PTRACE_EVENT_EXEC of a matching filename or argv[0] */
	BRK_CLONE, /* any new task (thread or process) */
	BRK_FORK, /* a new process (no CLONE_THREAD) */
	BRK_SIGNAL, /* the signal-delivery stop of one signal */
	BRK_EXIT, /* PTRACE_EVENT_EXIT, before the task is gone */
	BRK_ZOMBIE, /* a child left unreaped too long: its parent is held */
	BRK_KIND_COUNT
};

enum break_arg { BRK_ARG_NONE, BRK_ARG_GLOB, BRK_ARG_PID, BRK_ARG_SIGNAL };

struct break_spec {
	const char *spec; /* as given (not copied: it must outlive this) */
	enum break_kind kind;
	const char *glob; /* BRK_EXEC: points into spec */
	int pid; /* BRK_CLONE, BRK_FORK: the parent's pid, 0 any */
	int sig; /* BRK_SIGNAL */
};

/*
 * Parse spec into out (which points into spec).  0, or -1 with one line
 * for people in err (snprintf semantics).
 */
int decode_break_parse(const char *spec, struct break_spec *out, char *err,
		       size_t err_size);
/* "exec", "clone", ...; NULL out of range. */
const char *decode_break_kind_name(int kind);
/* fnmatch on the whole name, or on its basename; either may be NULL. */
bool decode_break_match_exec(const struct break_spec *b, const char *filename,
			     const char *argv0);
/* A new task of parent_pid; thread: CLONE_THREAD. */
bool decode_break_match_clone(const struct break_spec *b, bool thread,
			      int parent_pid);
bool decode_break_match_signal(const struct break_spec *b, int sig);

#endif
