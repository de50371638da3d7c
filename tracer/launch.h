/* launch.h - start the traced command under ptrace (and our seccomp filter). */
#ifndef PROCTRACE_LAUNCH_H
#define PROCTRACE_LAUNCH_H

#include <stddef.h>

#include "tracer/engine.h"

/*
 * Find cmd[0] like a shell would (PATH), fork, seize the child, load the
 * filter in it and let it exec.  Returns 0, or -1 with a one-line message
 * (t->exec_fail_errno set when cmd[0] cannot be found or run).
 * errfd receives the child's errno if its execve fails (read at the end).
 */
int launch_start(struct tracer *t, char **cmd, int *errfd, char *err,
		 size_t errsize);
/*
 * -D: before engine_init takes SIGINT and SIGTERM back, note which were
 * ignored, for the command to keep.
 */
void launch_note_ignored_signals(struct trace_opts *o);
/* proctrace's exit status when the command's execve failed with err. */
int launch_exit_status(int err);
/*
 * After the run: did the child fail before running cmd (its execve, or
 * loading the filter)?  Returns 0, or proctrace's exit status with the
 * one-line reason in err.  Closes errfd (-1: nothing to read).
 */
int launch_failure(int errfd, char **cmd, char *err, size_t errsize);

#endif
