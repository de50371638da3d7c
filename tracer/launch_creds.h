/* launch_creds.h - who the launched command runs as (-u) and with what environment (-E). */
#ifndef PROCTRACE_LAUNCH_CREDS_H
#define PROCTRACE_LAUNCH_CREDS_H

#include <stddef.h>
#include <sys/types.h>

#include "tracer/trace_opts.h"

/*
 * -u USER: fill o's run_* fields from the user database (a name, or a
 * numeric uid with an entry).  Returns 0, or -1 with a one-line message.
 */
int launch_creds_lookup(struct trace_opts *o, const char *user, char *err,
			size_t errsize);
/* Append one -E argument; -1 when out of memory. */
int launch_env_add(struct trace_opts *o, const char *edit);
/* The PATH the command will see after the -E edits (NULL: unset). */
const char *launch_env_path(const struct trace_opts *o);

/* In the child, just before the exec: the -E edits, in order (-1: ENOMEM). */
int launch_env_apply(const struct trace_opts *o);
/*
 * In the child, just before the exec: become the -u user.  A set-user-ID
 * or set-group-ID file gets the effective id the kernel would have given
 * it (a traced exec ignores those bits), as strace -u does.  Returns 0, or
 * -errno.
 */
int launch_creds_apply(const struct trace_opts *o, const char *path);

#endif
