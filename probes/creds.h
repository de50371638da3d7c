/* creds.h - a task's credentials from /proc/TID/status, compared and explained. */
#ifndef PROCTRACE_CREDS_H
#define PROCTRACE_CREDS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "event/event.h"
#include "proc/procfs.h"

/* What ev_cred_set shows, with the groups held by value. */
struct creds_snap {
	uid_t uid[4];
	gid_t gid[4];
	gid_t groups[sizeof(((struct proc_status *)0)->groups) / sizeof(gid_t)];
	size_t n_groups;
	uint64_t cap_eff, cap_prm, cap_inh, cap_bnd, cap_amb;
	bool no_new_privs;
	int seccomp;
};

/* Read the credentials of one thread; 0, or -1 (gone, unreadable). */
int creds_read(pid_t tid, struct creds_snap *s);
bool creds_equal(const struct creds_snap *a, const struct creds_snap *b);
/* The event view of s (borrows s->groups). */
void creds_to_event(const struct creds_snap *s, struct ev_cred_set *e);
/*
 * Whether creds_exec_note can have anything to say about an exec of exe
 * that left after: the kernel ignores the set-id bits only under
 * no_new_privs, on a nosuid mount (of the tracer's mount table, read once)
 * or for a tracer without CAP_SYS_PTRACE.  Spares a stat per exec.
 */
bool creds_exec_note_possible(const char *exe, const struct creds_snap *after);
/*
 * After an exec: when the image is set-uid/set-gid but the new effective id
 * is not its owner, explain why into buf and return buf; else NULL.
 */
const char *creds_exec_note(pid_t tid, const struct creds_snap *after,
			    char *buf, size_t size);

#endif
