/* procfs.h - read and parse /proc/PID files (status, stat, comm, exe, cmdline). */
#ifndef PROCTRACE_PROCFS_H
#define PROCTRACE_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event/event.h"

/* The fields of /proc/PID/status proctrace uses. */
struct proc_status {
	char state; /* 'R' 'S' 'T' 'Z' ... */
	pid_t tgid, pid, ppid, tracer_pid;
	uid_t uid[4];
	gid_t gid[4];
	uint64_t sig_blk, sig_ign, sig_cgt, sig_pnd, shd_pnd;
	pid_t nspid[EV_NSPID_MAX];
	size_t n_nspid;
	uint64_t cap_inh, cap_prm, cap_eff, cap_bnd, cap_amb;
	int no_new_privs;
	int seccomp;
	gid_t groups[64];
	size_t n_groups; /* may exceed 64: only the first 64 kept */
	uint64_t groups_hash; /* of the whole Groups: line */
	unsigned long vm_size_kb, vm_rss_kb; /* 0 for a kernel thread */
	unsigned have; /* PS_HAVE_* bits: which fields were found */
};

enum {
	PS_HAVE_STATE = 1u << 0,
	PS_HAVE_PPID = 1u << 1,
	PS_HAVE_SIG = 1u << 2,
	PS_HAVE_UID = 1u << 3,
	PS_HAVE_NSPID = 1u << 4,
	PS_HAVE_CAPS = 1u << 5,
	PS_HAVE_TGID = 1u << 6,
};

/* The fields of /proc/PID/stat proctrace uses. */
struct proc_stat {
	char state;
	pid_t ppid, pgrp, session;
	unsigned long tty_nr; /* controlling terminal, 0 = none */
	pid_t tpgid; /* its foreground pgrp, -1 = none */
	unsigned long flags; /* PF_* (PF_KTHREAD 0x00200000) */
	unsigned long long starttime; /* clock ticks since boot */
};

/*
 * Pure parsers of the file texts (no I/O): they accept any bytes, never
 * read past len, and return 0, or -1 if the text is not in the kernel's
 * format at all.
 */
int procfs_parse_status(const char *text, size_t len, struct proc_status *st);
int procfs_parse_stat(const char *text, size_t len, struct proc_stat *st);

/* Read /proc/TID/NAME into buf (NUL-terminated); returns length or -1 (errno). */
long procfs_read(pid_t tid, const char *name, char *buf, size_t size);
int procfs_status(pid_t tid, struct proc_status *st);
int procfs_stat(pid_t tid, struct proc_stat *st);
/* /proc/TID/comm without the newline; returns 0 or -1. */
int procfs_comm(pid_t tid, char *buf, size_t size);
/* readlink /proc/TID/exe; returns 0 or -1. */
int procfs_exe(pid_t tid, char *buf, size_t size);
/*
 * /proc/TID/NAME (cmdline, environ) split at NUL bytes into a malloc'd
 * NULL-terminated vector (one block: free() it once).  NULL on error.
 */
char **procfs_strv(pid_t tid, const char *name, size_t *count);
/*
 * The cgroup v2 path of /proc/TID/cgroup (its "0::" line) into buf;
 * returns 0, or -1 when unreadable or there is no v2 line.
 */
int procfs_cgroup(pid_t tid, char *buf, size_t size);
/*
 * Whether process group pgid of session sid is orphaned now: no member
 * has a parent in another group of the same session (POSIX; the kernel's
 * will_become_orphaned_pgrp, which also leaves out members whose parent
 * is the global init).  Scans /proc.
 */
bool procfs_pgrp_orphaned(pid_t pgid, pid_t sid);
/* True when /proc/PID exists and its start time equals starttime. */
bool procfs_same_process(pid_t pid, unsigned long long starttime);
/* Is PID in proctrace's user ns (its ids and capabilities read as ours)? */
bool procfs_userns_is_ours(pid_t pid);
/* Has PID proctrace's root and mount ns (a path resolves for it as for us)? */
bool procfs_fs_view_is_ours(pid_t pid);

#endif
