/* strace_opts.h - strace's options: the ones proctrace honours, and one line for each it cannot. */
#ifndef PROCTRACE_CLI_STRACE_OPTS_H
#define PROCTRACE_CLI_STRACE_OPTS_H

#include <stddef.h>

#include "cli/options.h"

/* -f: one more f (-f a no-op, -ff one text file per task with -o). */
int strace_opts_set_follow(struct options *o, const char *arg, char *err,
			   size_t errsize);
/* -q: one more q. */
int strace_opts_set_quiet(struct options *o, const char *arg, char *err,
			  size_t errsize);
/* -D: the tracer as a detached grandchild; strace's -DD and -DDD: an error. */
int strace_opts_set_daemonize(struct options *o, const char *arg, char *err,
			      size_t errsize);
/*
 * -e EXPR: "signal=SET" sets the signal filter; "trace=LIST" and a plain
 * LIST name event classes ("%process" as well as "process").  Stores the
 * class list in *classes_list (NULL when EXPR held none).  Returns 0, or -1
 * with a message in err (strace's other qualifiers among them).
 */
int strace_opts_expr(struct options *o, const char *arg,
		     const char **classes_list, char *err, size_t errsize);
/*
 * The error for an option strace has and proctrace does not: letter (0 if
 * none) or the long word as typed ("--summary-only=x").  NULL: not one.
 */
const char *strace_opts_unsupported(int letter, const char *word);

#endif
