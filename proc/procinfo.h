/* procinfo.h - what /proc says about a live process, for the details pane (no curses). */
#ifndef PROCTRACE_PROCINFO_H
#define PROCTRACE_PROCINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event/event.h"

struct procinfo {
	bool ok; /* /proc/PID was readable */
	char state;
	pid_t ppid, pgid, sid, tracer_pid;
	unsigned uid[4], gid[4];
	uint64_t sig_blk, sig_ign, sig_cgt, sig_pnd, shd_pnd;
	pid_t nspid[EV_NSPID_MAX];
	size_t n_nspid;
	char cwd[256];
	char wchan[64]; /* "do_wait", "0" when running */
	long syscall_nr; /* from /proc/PID/syscall: -1 running, -2 unknown */
	uint64_t ns[NS_TYPE_COUNT]; /* namespace inodes, 0 unknown */
	unsigned long vm_size_kb, vm_rss_kb, n_maps;
};

/* Read /proc/pid; ok false when it is gone or unreadable. */
void procinfo_read(pid_t pid, struct procinfo *pi);

/* The signals set in mask as "SIGINT,SIGTERM" ("-" when none); snprintf semantics. */
size_t procinfo_sigset(char *buf, size_t size, uint64_t mask);

/* How the process handles sig: "default", "ignored" or "handler". */
const char *procinfo_disposition(const struct procinfo *pi, int sig);

#endif
