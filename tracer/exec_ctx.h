/* exec_ctx.h - the context of an exec: cwd, #! line, env diff, fds, cmdline (man: proctrace-events(5), exec). */
#ifndef PROCTRACE_EXEC_CTX_H
#define PROCTRACE_EXEC_CTX_H

#include <stdbool.h>
#include <stdio.h>

#include "event/event.h"

struct tracer;
struct task;
struct proc;
struct procfd;

/*
 * What a process's next exec is compared with: its environment and fds at
 * its last exec (or at attach / launch), kept in proc->exec_ctx from then
 * until the process is reaped.  A process without one (forked, not yet
 * exec'd) compares with its parent's.
 */
struct exec_ctx {
	char **env; /* procfs_strv block */
	size_t envc;
	struct procfd *fds; /* procfd_list block */
	size_t n_fds;
	struct procfd *closing; /* O_CLOEXEC fds at the execve entry stop */
	size_t n_closing;
	/* every fd at that stop, kept if one thread shared the table */
	struct procfd *entry_fds;
	size_t n_entry_fds;
	bool launcher; /* proctrace's own child before the command's exec */
};

/*
 * The reference of a process not yet seen to exec (attach, launch).  For
 * the launched command (launcher), its O_CLOEXEC fds at the exec are
 * proctrace's own, not the command's: they are not listed as closed.
 */
void exec_ctx_snapshot(struct proc *proc, pid_t pid, bool launcher);
/* At the execve entry stop: remember the fds the exec will close. */
void exec_ctx_entry(struct proc *proc, pid_t tid);
/* The exec failed: nothing was closed. */
void exec_ctx_entry_failed(struct proc *proc);
/* At reap: free what the process kept. */
void exec_ctx_free(struct proc *proc);

/* What exec_ctx_read allocated for one event. */
struct exec_ctx_read {
	struct exec_ctx *now; /* becomes the process's reference */
	struct ev_fd *fds, *closed;
	char (*flags)[128];
	char **diff; /* added, removed, changed vectors: one block */
	char *removed_keys;
	char *cmdline;
	char cwd[4096], interpreter[512];
};

/* At PTRACE_EVENT_EXEC: fill x's context fields from /proc (one pass). */
void exec_ctx_read(struct tracer *t, struct task *task, struct ev_exec *x,
		   struct exec_ctx_read *r);
/* After the event is out: keep the new reference, free the rest. */
void exec_ctx_done(struct exec_ctx_read *r, struct proc *proc);

/* s as one shell word (single quotes only when needed). */
void exec_ctx_shell_quote(FILE *out, const char *s);

#endif
